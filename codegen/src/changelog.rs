//! What changed for users between two revisions of the schemas, shape by
//! shape, each change marked as the versioning policy of the README counts
//! it: `minor` (members, values, tags, shapes and types added) or `major`
//! (anything removed, retyped, made required or renamed).
//!
//! Both revisions are lowered to the typed model and compared there, so the
//! list speaks of Rust types and fields, which is what a release changes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;
use std::process::Command;

use crate::ir::{Field, Model, TypeDef, TypeKind, TypeRef};
use crate::load::{self, ShapeId};
use crate::lower;

/// How a change counts for the crate's version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    Minor,
    Major,
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Impact::Minor => "minor",
            Impact::Major => "major",
        })
    }
}

/// One change users can see.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    pub impact: Impact,
    pub what: String,
}

/// The changes of one shape: its own (added, removed) and those of every type its documents reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeChanges {
    pub shape: ShapeId,
    pub changes: Vec<Change>,
}

/// Every change from `old` to `new`, by shape id; shapes without changes are left out.
pub fn diff(old: &Model, new: &Model) -> Vec<ShapeChanges> {
    let type_changes: BTreeMap<&String, Vec<Change>> = old
        .types
        .keys()
        .chain(new.types.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|name| (name, type_changes(old.types.get(name), new.types.get(name))))
        .filter(|(_, changes)| !changes.is_empty())
        .collect();
    let ids: BTreeSet<&ShapeId> = old.shapes.keys().chain(new.shapes.keys()).collect();
    let mut result = Vec::new();
    for id in ids {
        let mut changes = Vec::new();
        match (old.shapes.get(id), new.shapes.get(id)) {
            (None, Some(shape)) => changes.push(Change { impact: Impact::Minor, what: format!("new shape, type `{}`", shape.type_name) }),
            (Some(shape), None) => changes.push(Change { impact: Impact::Major, what: format!("shape removed (type `{}`)", shape.type_name) }),
            (Some(before), Some(after)) if before.type_name != after.type_name => {
                changes.push(Change { impact: Impact::Major, what: format!("type renamed from `{}` to `{}`", before.type_name, after.type_name) })
            }
            _ => {}
        }
        if let Some(shape) = new.shapes.get(id).or_else(|| old.shapes.get(id)) {
            let mut reached = reachable(old, &shape.type_name);
            reached.extend(reachable(new, &shape.type_name));
            let new_shape = !old.shapes.contains_key(id);
            // A new shape's own type is the shape's line already.
            for name in reached.iter().filter(|name| !(new_shape && **name == shape.type_name)) {
                changes.extend(type_changes.get(name).into_iter().flatten().cloned());
            }
        }
        changes.sort();
        changes.dedup();
        if !changes.is_empty() {
            result.push(ShapeChanges { shape: id.clone(), changes });
        }
    }
    result
}

/// The named types a document of the type `root` may contain, itself included.
fn reachable(model: &Model, root: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut next = vec![root.to_owned()];
    while let Some(name) = next.pop() {
        if let Some(def) = model.types.get(&name) {
            if seen.insert(name) {
                next.extend(def.references());
            }
        }
    }
    seen
}

fn type_changes(old: Option<&TypeDef>, new: Option<&TypeDef>) -> Vec<Change> {
    let minor = |what: String| Change { impact: Impact::Minor, what };
    let major = |what: String| Change { impact: Impact::Major, what };
    let (old, new) = match (old, new) {
        (None, Some(new)) => return vec![minor(format!("type `{}` added", new.name))],
        (Some(old), None) => return vec![major(format!("type `{}` removed", old.name))],
        (Some(old), Some(new)) => (old, new),
        (None, None) => return Vec::new(),
    };
    let name = &new.name;
    let mut changes = Vec::new();
    if old.module != new.module {
        changes.push(major(format!("`{name}` moved from module `{}` to `{}`", old.module, new.module)));
    }
    match (&old.kind, &new.kind) {
        (TypeKind::Struct { fields: before, .. }, TypeKind::Struct { fields: after, .. }) => changes.extend(field_changes(name, before, after)),
        (TypeKind::OpenEnum { variants: before }, TypeKind::OpenEnum { variants: after }) => {
            let before: BTreeSet<&String> = before.iter().map(|variant| &variant.value).collect();
            let after: BTreeSet<&String> = after.iter().map(|variant| &variant.value).collect();
            changes.extend(after.difference(&before).map(|value| minor(format!("`{name}`: value `{value}` added (it parsed into `Other` before)"))));
            changes.extend(before.difference(&after).map(|value| major(format!("`{name}`: value `{value}` removed"))));
        }
        (TypeKind::Union { variants: before, .. }, TypeKind::Union { variants: after, .. }) => {
            let before: BTreeSet<&String> = before.iter().map(|variant| &variant.rust_name).collect();
            let after: BTreeSet<&String> = after.iter().map(|variant| &variant.rust_name).collect();
            changes.extend(after.difference(&before).map(|variant| minor(format!("`{name}`: variant `{variant}` added (it parsed into `Unknown` before)"))));
            changes.extend(before.difference(&after).map(|variant| major(format!("`{name}`: variant `{variant}` removed"))));
        }
        (TypeKind::MemberUnion { variants: before, .. }, TypeKind::MemberUnion { variants: after, .. }) => {
            let before: BTreeMap<&String, &TypeRef> = before.iter().map(|variant| (&variant.rust_name, &variant.ty)).collect();
            let after: BTreeMap<&String, &TypeRef> = after.iter().map(|variant| (&variant.rust_name, &variant.ty)).collect();
            for (variant, ty) in &after {
                match before.get(variant) {
                    None => changes.push(minor(format!("`{name}`: variant `{variant}` added (it parsed into `Unknown` before)"))),
                    Some(old_ty) if old_ty != ty => changes.push(major(format!("`{name}`: variant `{variant}` retyped from {} to {}", show(old_ty), show(ty)))),
                    Some(_) => {}
                }
            }
            changes
                .extend(before.keys().filter(|variant| !after.contains_key(*variant)).map(|variant| major(format!("`{name}`: variant `{variant}` removed"))));
        }
        (TypeKind::KeyedUnion { variants: before }, TypeKind::KeyedUnion { variants: after }) => {
            let before: BTreeMap<&String, &TypeRef> = before.iter().map(|variant| (&variant.key, &variant.ty)).collect();
            let after: BTreeMap<&String, &TypeRef> = after.iter().map(|variant| (&variant.key, &variant.ty)).collect();
            for (key, ty) in &after {
                match before.get(key) {
                    None => changes.push(minor(format!("`{name}`: key `{key}` added"))),
                    Some(old_ty) if old_ty != ty => changes.push(major(format!("`{name}`: key `{key}` retyped from {} to {}", show(old_ty), show(ty)))),
                    Some(_) => {}
                }
            }
            changes.extend(before.keys().filter(|key| !after.contains_key(*key)).map(|key| major(format!("`{name}`: key `{key}` removed"))));
        }
        (TypeKind::Alias { target: before }, TypeKind::Alias { target: after }) if before != after => {
            changes.push(major(format!("`{name}` now stands for {} instead of {}", show(after), show(before))));
        }
        (TypeKind::Alias { .. }, TypeKind::Alias { .. }) => {}
        _ => changes.push(major(format!("`{name}` changed kind (struct, enum, union or alias)"))),
    }
    changes
}

fn field_changes(name: &str, before: &[Field], after: &[Field]) -> Vec<Change> {
    let mut changes = Vec::new();
    for field in after {
        let member = &field.json_name;
        match before.iter().find(|old| old.json_name == field.json_name) {
            None if matches!(field.ty, TypeRef::Option(_)) => changes.push(Change {
                impact: Impact::Minor,
                what: format!("`{name}`: member `{member}` added, field `{}: {}` (it was kept in `unknown_fields` before)", field.rust_name, show(&field.ty)),
            }),
            None => {
                changes.push(Change { impact: Impact::Major, what: format!("`{name}`: required member `{member}` added (documents without it stop parsing)") })
            }
            Some(old) if old.rust_name != field.rust_name => changes.push(Change {
                impact: Impact::Major,
                what: format!("`{name}`: member `{member}` renamed from field `{}` to `{}`", old.rust_name, field.rust_name),
            }),
            Some(old) if old.ty != field.ty => changes
                .push(Change { impact: Impact::Major, what: format!("`{name}`: member `{member}` retyped from {} to {}", show(&old.ty), show(&field.ty)) }),
            Some(_) => {}
        }
    }
    for old in before.iter().filter(|old| !after.iter().any(|field| field.json_name == old.json_name)) {
        changes.push(Change { impact: Impact::Major, what: format!("`{name}`: member `{}` removed (field `{}`)", old.json_name, old.rust_name) });
    }
    changes
}

/// A Rust-like spelling of a field type.
fn show(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::Integer => "i64".to_owned(),
        TypeRef::Number => "Number".to_owned(),
        TypeRef::Any => "Value".to_owned(),
        TypeRef::JsonObject => "Map<String, Value>".to_owned(),
        TypeRef::Named(name) => name.clone(),
        TypeRef::Array(inner) => format!("Vec<{}>", show(inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", show(inner)),
        TypeRef::Option(inner) => format!("Option<{}>", show(inner)),
        TypeRef::OneOrMany(inner) => format!("OneOrMany<{}>", show(inner)),
        TypeRef::Timestamp(format) => format!("Timestamp<{}>", format.codec_name()),
        TypeRef::Base64 => "Base64Bytes".to_owned(),
        TypeRef::ByteInts => "ByteInts".to_owned(),
    }
}

/// The typed model of `schemas/` as it was at git revision `rev` of the repository at `root`.
pub fn model_at(root: &Path, rev: &str) -> Result<Model, String> {
    let git = |args: &[&str]| -> Result<Vec<u8>, String> {
        let output = Command::new("git").arg("-C").arg(root).args(args).output().map_err(|error| format!("cannot run git: {error}"))?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(format!("git {}: {}", args.join(" "), String::from_utf8_lossy(&output.stderr).trim()))
        }
    };
    let listing = String::from_utf8(git(&["ls-tree", "-r", "--name-only", rev, "--", "schemas"])?).map_err(|error| error.to_string())?;
    let mut files = Vec::new();
    for path in listing.lines().filter(|path| path.ends_with(".json")) {
        let text = String::from_utf8(git(&["show", &format!("{rev}:{path}")])?).map_err(|error| format!("{path} at {rev}: {error}"))?;
        files.push((path.trim_start_matches("schemas/").to_owned(), text));
    }
    if files.is_empty() {
        return Err(format!("{rev} has no schemas/ folder"));
    }
    let catalog = load::load_files(files).map_err(|errors| format!("the schemas at {rev} do not load:\n{errors}"))?;
    lower::lower(&catalog).map_err(|errors| format!("the schemas at {rev} do not lower:\n{errors}"))
}

/// The release-notes text of `diff`'s result.
pub fn render(changes: &[ShapeChanges]) -> String {
    if changes.is_empty() {
        return "no change users can see\n".to_owned();
    }
    let mut text = String::new();
    for shape in changes {
        text.push_str(&format!("## {}\n", shape.shape));
        for change in &shape.changes {
            text.push_str(&format!("- {}: {}\n", change.impact, change.what));
        }
        text.push('\n');
    }
    // A change to a shared type is listed under every shape it reaches, and counted once.
    let all: BTreeSet<&Change> = changes.iter().flat_map(|shape| &shape.changes).collect();
    let majors = all.iter().filter(|change| change.impact == Impact::Major).count();
    let release = if majors > 0 { "a major release" } else { "a minor release" };
    text.push_str(&format!("{} changes, {majors} major: {release}\n", all.len()));
    text
}
