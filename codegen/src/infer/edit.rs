//! Changing a schema file without reformatting it.
//!
//! The schemas are written by hand (one-line schemas beside multi-line ones),
//! and a proposal must show as a small diff. So an edit is applied to the
//! text: the file is parsed with the byte span of every value, the edits of
//! each object or array become splices in the style of its surroundings
//! (what they add to it, one splice), and everything else stays byte for
//! byte. The result is parsed again and compared with the same edits
//! applied to the tree, so a splice that went wrong is an error, not a
//! broken schema.

use std::fmt;

use crate::error::pointer_segment;
use crate::infer::render::{block, inline, quote, Context, Style};
use crate::json::Json;

/// Bounds the parser's recursion; the schemas are a few levels deep.
const MAX_DEPTH: usize = 128;

/// A JSON pointer, as its unescaped segments.
pub type Pointer = Vec<String>;

pub fn display_pointer(pointer: &[String]) -> String {
    pointer.iter().map(|segment| format!("/{}", pointer_segment(segment))).collect()
}

/// One change to a schema file.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Sets `key` of the object at `object`: replaces its value in place, or
    /// appends the member at the end of the object.
    Set { object: Pointer, key: String, value: Json },
    /// Replaces the member `old_key` with `new_key: value`, in its place.
    Replace { object: Pointer, old_key: String, new_key: String, value: Json },
    /// Removes members of the object at `object`.
    Remove { object: Pointer, keys: Vec<String> },
    /// Appends items to the array at `array`.
    Append { array: Pointer, values: Vec<Json> },
    /// Removes the items equal to one of `values` from the array at `array`.
    RemoveItems { array: Pointer, values: Vec<Json> },
}

impl Edit {
    /// The JSON pointer of the object or array the edit changes.
    pub fn target(&self) -> &Pointer {
        match self {
            Edit::Set { object, .. } | Edit::Replace { object, .. } | Edit::Remove { object, .. } => object,
            Edit::Append { array, .. } | Edit::RemoveItems { array, .. } => array,
        }
    }
}

#[derive(Debug)]
pub struct EditError(pub String);

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Applies `edits` to the schema file `text`; see the module documentation.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let tree: Json = serde_json::from_str(text).map_err(|error| EditError(format!("not JSON: {error}")))?;
    let spans = Parser { text: text.as_bytes(), at: 0 }.document()?;
    let style = Style::of(text);
    let mut expected = tree;
    for edit in edits {
        apply_to_tree(&mut expected, edit)?;
    }
    let mut splices: Vec<Splice> = Vec::new();
    for (target, group) in by_target(edits) {
        splices.extend(splices_of(text, &spans, &style, target, &group)?);
    }
    splices.sort_by_key(|splice| (splice.start, splice.end));
    for pair in splices.windows(2) {
        if pair[0].end > pair[1].start {
            return Err(EditError("two edits change the same part of the file".to_owned()));
        }
    }
    let mut result = text.to_owned();
    for splice in splices.iter().rev() {
        result.replace_range(splice.start..splice.end, &splice.text);
    }
    let reread: Json = serde_json::from_str(&result).map_err(|error| EditError(format!("the edited file is not JSON: {error}")))?;
    if reread != expected {
        return Err(EditError("the edited file does not hold what the edits describe".to_owned()));
    }
    Ok(result)
}

/// The edits by the object or array they change, in the order of their first
/// edit. What several edits add to one place must be one splice: an empty
/// object is rewritten whole to receive its first member, and of several
/// items added to an empty array only the first goes without a comma.
fn by_target(edits: &[Edit]) -> Vec<(&Pointer, Vec<&Edit>)> {
    let mut groups: Vec<(&Pointer, Vec<&Edit>)> = Vec::new();
    for edit in edits {
        match groups.iter_mut().find(|(target, _)| *target == edit.target()) {
            Some((_, group)) => group.push(edit),
            None => groups.push((edit.target(), vec![edit])),
        }
    }
    groups
}

/// Applies an edit to a parsed tree: what the edited text must parse to.
fn apply_to_tree(tree: &mut Json, edit: &Edit) -> Result<(), EditError> {
    let node = node_mut(tree, edit.target())?;
    let missing = || EditError(format!("{}: not the object or array the edit expects", display_pointer(edit.target())));
    match (edit, node) {
        (Edit::Set { key, value, .. }, Json::Object(members)) => match members.iter_mut().find(|(name, _)| name == key) {
            Some((_, existing)) => *existing = value.clone(),
            None => members.push((key.clone(), value.clone())),
        },
        (Edit::Replace { old_key, new_key, value, .. }, Json::Object(members)) => {
            let member = members.iter_mut().find(|(name, _)| name == old_key).ok_or_else(missing)?;
            *member = (new_key.clone(), value.clone());
        }
        (Edit::Remove { keys, .. }, Json::Object(members)) => members.retain(|(name, _)| !keys.contains(name)),
        (Edit::Append { values, .. }, Json::Array(items)) => items.extend(values.iter().cloned()),
        (Edit::RemoveItems { values, .. }, Json::Array(items)) => items.retain(|item| !values.contains(item)),
        _ => return Err(missing()),
    }
    Ok(())
}

fn node_mut<'t>(tree: &'t mut Json, pointer: &[String]) -> Result<&'t mut Json, EditError> {
    let mut node = tree;
    for segment in pointer {
        node = match node {
            Json::Object(members) => members.iter_mut().find(|(name, _)| name == segment).map(|(_, value)| value),
            Json::Array(items) => segment.parse::<usize>().ok().and_then(|index| items.get_mut(index)),
            _ => None,
        }
        .ok_or_else(|| EditError(format!("{}: no such place in the file", display_pointer(pointer))))?;
    }
    Ok(node)
}

/// Replaces `start..end` of the file with `text`.
struct Splice {
    start: usize,
    end: usize,
    text: String,
}

struct Span {
    start: usize,
    end: usize,
    kind: SpanKind,
}

enum SpanKind {
    Scalar,
    Array(Vec<Span>),
    Object(Vec<SpanMember>),
}

struct SpanMember {
    key: String,
    key_start: usize,
    value: Span,
}

impl Span {
    fn find(&self, pointer: &[String]) -> Option<&Span> {
        let mut node = self;
        for segment in pointer {
            node = match &node.kind {
                SpanKind::Object(members) => members.iter().find(|member| member.key == *segment).map(|member| &member.value),
                SpanKind::Array(items) => segment.parse::<usize>().ok().and_then(|index| items.get(index)),
                SpanKind::Scalar => None,
            }?;
        }
        Some(node)
    }
}

/// The leading whitespace of the line that holds byte `at`.
fn line_indent(text: &str, at: usize) -> &str {
    let line_start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
    let line = &text[line_start..];
    &line[..line.len() - line.trim_start().len()]
}

fn column(text: &str, at: usize) -> usize {
    at - text[..at].rfind('\n').map_or(0, |newline| newline + 1)
}

fn is_one_line(text: &str, span: &Span) -> bool {
    !text[span.start..span.end].contains('\n')
}

/// The context of the object at `object`.
fn object_context(object: &[String]) -> Context {
    match object.last().map(String::as_str) {
        Some("properties" | "$defs") => Context::SchemaMap,
        _ if object.iter().any(|segment| segment == "x-detect") => Context::Data,
        _ => Context::Schema,
    }
}

fn render(text: &str, value: &Json, at: usize, one_line: bool, style: &Style, context: Context) -> String {
    if one_line {
        inline(value)
    } else {
        block(value, line_indent(text, at), style, column(text, at), context)
    }
}

/// The splices of the edits of the object or array at `target`.
fn splices_of(text: &str, root: &Span, style: &Style, target: &[String], edits: &[&Edit]) -> Result<Vec<Splice>, EditError> {
    let span = root.find(target).ok_or_else(|| EditError(format!("{}: no such place in the file", display_pointer(target))))?;
    let one_line = is_one_line(text, span);
    let wrong_kind = || EditError(format!("{}: not the object or array the edit expects", display_pointer(target)));
    let mut splices = Vec::new();
    match &span.kind {
        SpanKind::Object(members) => {
            let context = object_context(target);
            let mut appended: Vec<(String, Json)> = Vec::new();
            for edit in edits {
                match edit {
                    Edit::Set { key, value, .. } => match members.iter().find(|member| member.key == *key) {
                        Some(member) => {
                            let text = render(text, value, member.value.start, one_line, style, context.of_member(key));
                            splices.push(Splice { start: member.value.start, end: member.value.end, text });
                        }
                        None => match appended.iter_mut().find(|(name, _)| name == key) {
                            Some((_, pending)) => *pending = value.clone(),
                            None => appended.push((key.clone(), value.clone())),
                        },
                    },
                    Edit::Replace { old_key, new_key, value, .. } => {
                        let member = members.iter().find(|member| member.key == *old_key).ok_or_else(wrong_kind)?;
                        let head = format!("{}: ", quote(new_key));
                        let body = if one_line {
                            inline(value)
                        } else {
                            block(value, line_indent(text, member.key_start), style, column(text, member.key_start) + head.len(), context.of_member(new_key))
                        };
                        splices.push(Splice { start: member.key_start, end: member.value.end, text: format!("{head}{body}") });
                    }
                    Edit::Remove { keys, .. } => {
                        let bounds: Vec<(usize, usize)> = members.iter().map(|member| (member.key_start, member.value.end)).collect();
                        let removed: Vec<bool> = members.iter().map(|member| keys.contains(&member.key)).collect();
                        splices.extend(remove_runs(span, &bounds, &removed));
                    }
                    Edit::Append { .. } | Edit::RemoveItems { .. } => return Err(wrong_kind()),
                }
            }
            if !appended.is_empty() {
                splices.push(append_members(text, span, members, &appended, style, context));
            }
        }
        SpanKind::Array(items) => {
            let mut appended: Vec<&Json> = Vec::new();
            for edit in edits {
                match edit {
                    Edit::Append { values, .. } => appended.extend(values),
                    Edit::RemoveItems { values, .. } => {
                        let bounds: Vec<(usize, usize)> = items.iter().map(|item| (item.start, item.end)).collect();
                        let removed: Vec<bool> = items
                            .iter()
                            .map(|item| serde_json::from_str::<Json>(&text[item.start..item.end]).is_ok_and(|item| values.contains(&item)))
                            .collect();
                        splices.extend(remove_runs(span, &bounds, &removed));
                    }
                    Edit::Set { .. } | Edit::Replace { .. } | Edit::Remove { .. } => return Err(wrong_kind()),
                }
            }
            if !appended.is_empty() {
                splices.push(append_items(text, span, items, &appended, style));
            }
        }
        SpanKind::Scalar => return Err(wrong_kind()),
    }
    Ok(splices)
}

/// Adds `appended` at the end of `object`, whose context is `context`.
fn append_members(text: &str, object: &Span, members: &[SpanMember], appended: &[(String, Json)], style: &Style, context: Context) -> Splice {
    let Some(last) = members.last() else {
        let whole = Json::Object(appended.to_vec());
        // An empty object in the middle of a line stays on that line.
        let rest_of_line = text[object.end..].lines().next().unwrap_or_default();
        if !rest_of_line.trim().trim_start_matches(',').trim().is_empty() {
            return Splice { start: object.start, end: object.end, text: inline(&whole) };
        }
        let indent = line_indent(text, object.start);
        return Splice { start: object.start, end: object.end, text: block(&whole, indent, style, column(text, object.start), context) };
    };
    let inserted = if is_one_line(text, object) {
        appended.iter().map(|(key, value)| format!(", {}: {}", quote(key), inline(value))).collect()
    } else {
        let indent = line_indent(text, last.key_start);
        appended
            .iter()
            .map(|(key, value)| {
                let head = format!("{}: ", quote(key));
                format!(",\n{indent}{head}{}", block(value, indent, style, indent.len() + head.len(), context.of_member(key)))
            })
            .collect()
    };
    Splice { start: last.value.end, end: last.value.end, text: inserted }
}

/// Adds `appended` at the end of `array`.
fn append_items(text: &str, array: &Span, items: &[Span], appended: &[&Json], style: &Style) -> Splice {
    let at = items.last().map_or(array.start + 1, |last| last.end);
    let indent = items.first().map(|first| line_indent(text, first.start)).filter(|_| !is_one_line(text, array));
    let mut inserted = String::new();
    for (index, value) in appended.iter().enumerate() {
        let first = items.is_empty() && index == 0;
        match indent {
            Some(indent) => inserted.push_str(&format!(",\n{indent}{}", block(value, indent, style, indent.len(), Context::Data))),
            None => inserted.push_str(&format!("{}{}", if first { "" } else { ", " }, inline(value))),
        }
    }
    Splice { start: at, end: at, text: inserted }
}

/// Splices that remove the marked members or items with their separators: a
/// run after a kept element goes with the comma before it, a leading run with
/// the comma after it, and when nothing is kept the container is left empty.
fn remove_runs(container: &Span, bounds: &[(usize, usize)], removed: &[bool]) -> Vec<Splice> {
    let mut splices = Vec::new();
    let mut index = 0;
    while index < bounds.len() {
        if !removed[index] {
            index += 1;
            continue;
        }
        let first = index;
        while index < bounds.len() && removed[index] {
            index += 1;
        }
        let last = index - 1;
        let (start, end) = if first > 0 {
            (bounds[first - 1].1, bounds[last].1)
        } else if index < bounds.len() {
            (bounds[first].0, bounds[index].0)
        } else {
            (container.start + 1, container.end - 1)
        };
        splices.push(Splice { start, end, text: String::new() });
    }
    splices
}

/// A JSON parser that records where each value is; the text has already been
/// parsed by `serde_json`, so it only needs to be right on valid JSON.
struct Parser<'t> {
    text: &'t [u8],
    at: usize,
}

impl<'t> Parser<'t> {
    fn document(mut self) -> Result<Span, EditError> {
        let value = self.value(0)?;
        self.skip_whitespace();
        if self.at == self.text.len() {
            Ok(value)
        } else {
            Err(self.error("text after the document"))
        }
    }

    fn error(&self, what: &str) -> EditError {
        EditError(format!("at byte {}: {what}", self.at))
    }

    fn skip_whitespace(&mut self) {
        while self.text.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), EditError> {
        self.skip_whitespace();
        if self.text.get(self.at) == Some(&byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected `{}`", byte as char)))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Span, EditError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.skip_whitespace();
        let start = self.at;
        let kind = match self.text.get(self.at) {
            Some(b'{') => SpanKind::Object(self.members(depth)?),
            Some(b'[') => SpanKind::Array(self.items(depth)?),
            Some(b'"') => {
                self.string()?;
                SpanKind::Scalar
            }
            Some(_) => {
                while self.text.get(self.at).is_some_and(|byte| !matches!(byte, b',' | b'}' | b']') && !byte.is_ascii_whitespace()) {
                    self.at += 1;
                }
                if self.at == start {
                    return Err(self.error("expected a value"));
                }
                SpanKind::Scalar
            }
            None => return Err(self.error("unexpected end")),
        };
        Ok(Span { start, end: self.at, kind })
    }

    /// Skips a string; returns its text with the quotes.
    fn string(&mut self) -> Result<&'t str, EditError> {
        let text = self.text;
        let start = self.at;
        self.at += 1;
        loop {
            match self.text.get(self.at) {
                Some(b'\\') => self.at += 2,
                Some(b'"') => break,
                Some(_) => self.at += 1,
                None => return Err(self.error("unterminated string")),
            }
        }
        self.at += 1;
        std::str::from_utf8(&text[start..self.at]).map_err(|_| self.error("not UTF-8"))
    }

    fn members(&mut self, depth: usize) -> Result<Vec<SpanMember>, EditError> {
        self.at += 1;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.text.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(members);
        }
        loop {
            self.skip_whitespace();
            let key_start = self.at;
            if self.text.get(self.at) != Some(&b'"') {
                return Err(self.error("expected a member name"));
            }
            let key: String = serde_json::from_str(self.string()?).map_err(|error| self.error(&error.to_string()))?;
            self.expect(b':')?;
            let value = self.value(depth + 1)?;
            members.push(SpanMember { key, key_start, value });
            self.skip_whitespace();
            match self.text.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(members);
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn items(&mut self, depth: usize) -> Result<Vec<Span>, EditError> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.text.get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(items);
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_whitespace();
            match self.text.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(items);
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }
}
