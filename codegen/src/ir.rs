//! The typed model between schemas and Rust tokens: what types exist, what
//! they contain, where they came from and which features compile them.
//!
//! Lowering fills it and checks every rule it can (names, references,
//! keyword combinations); the emitter then only translates, so that every
//! refusal names a schema location instead of surfacing as a compile error in
//! generated code. Ordered maps throughout keep the output deterministic.

use std::collections::{BTreeMap, BTreeSet};

use crate::load::ShapeId;

/// Where a type or field comes from: a schema file and a JSON pointer in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    pub file: String,
    pub pointer: String,
}

#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Every named type, by Rust name (names are unique across the catalogue).
    pub types: BTreeMap<String, TypeDef>,
    /// Every shape, by id.
    pub shapes: BTreeMap<ShapeId, Shape>,
}

#[derive(Debug, Clone)]
pub struct Shape {
    pub id: ShapeId,
    /// The Rust type a document of this shape parses into.
    pub type_name: String,
    /// The schema's `title`: what the shape is, in a few words (the tables of
    /// shapes in the README and the crate docs).
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub name: String,
    /// The module the type is emitted in: the folder of its schema file.
    pub module: String,
    pub origin: Origin,
    pub doc: String,
    pub kind: TypeKind,
    /// The cargo features whose shapes reach this type; it compiles when any is on.
    pub features: BTreeSet<String>,
}

/// A macro of the events crate's `behaviour` module that adds methods to a
/// struct, declared with `x-behaviour` on the struct's schema or on a base it
/// extends; `member`: the JSON name of the member it is about, whose type it
/// is given, when it names one.
#[derive(Debug, Clone, PartialEq)]
pub struct Behaviour {
    pub name: String,
    pub member: Option<String>,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    /// An object with known members; unknown members are kept.
    /// `behaviours`: the `x-behaviour` macros of the object and of the bases
    /// it extends, which add the methods read through the members they share.
    Struct { fields: Vec<Field>, behaviours: Vec<Behaviour> },
    /// An AWS-controlled string value set: known variants plus `Other(String)`.
    OpenEnum { variants: Vec<EnumVariant> },
    /// Alternatives told apart by one member's value, plus `Unknown(Value)`.
    /// `common`: the members every alternative has, with one type (text when
    /// each has an open enum of its own there).
    Union { tag: String, variants: Vec<UnionVariant>, common: Vec<Field> },
    /// The type of one member of an object, chosen by another member of the
    /// same object (EventBridge's `detail`, whose type `detail-type` names),
    /// plus `Unknown(Value)` for tag values the catalogue does not know.
    /// `common`: the members every alternative has, with one type (text when
    /// each has an open enum of its own there).
    MemberUnion { tag: String, member: String, variants: Vec<MemberVariant>, common: Vec<Field> },
    /// Alternatives told apart by the name of an object's single member
    /// (DynamoDB's `{"S": "text"}`); an unknown or second member is an error.
    KeyedUnion { variants: Vec<KeyedVariant> },
    /// A shape whose root is not an object of its own (a `$ref`, a map, …).
    Alias { target: TypeRef },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub json_name: String,
    pub rust_name: String,
    pub doc: String,
    /// `TypeRef::Option` for members that may be absent or `null`.
    pub ty: TypeRef,
    /// The schema allows `null` (so the field stays an `Option` even where
    /// an extending object lists it in `required`).
    pub nullable: bool,
    /// The member carries a document of its own: emit an accessor that decodes it.
    pub payload: Option<Payload>,
    /// The member's `const`, which its struct's `Default` uses.
    pub constant: Option<String>,
}

/// How a member carries a document of its own (an envelope).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payload {
    /// JSON as text, or as base64 of the text (`contentMediaType`): `<field>_json::<T>()`.
    JsonText,
    /// JSON as base64 of the text, or of its gzip when the bytes start with
    /// gzip's magic (`x-compression: gzip-if-magic`): `<field>_json::<T>()`
    /// decodes the uncompressed form.
    JsonTextOrGzip,
    /// JSON embedded as a value (`x-payload`): `<field>_as::<T>()`.
    Embedded,
}

#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub rust_name: String,
    pub value: String,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub rust_name: String,
    /// The tag values that select this alternative.
    pub tag_values: Vec<String>,
    /// A prefix of tag values that selects this alternative when no value matches exactly.
    pub tag_prefix: Option<String>,
    pub type_name: String,
}

#[derive(Debug, Clone)]
pub struct MemberVariant {
    pub rust_name: String,
    /// The tag values that select this alternative.
    pub tag_values: Vec<String>,
    pub doc: String,
    pub ty: TypeRef,
}

#[derive(Debug, Clone)]
pub struct KeyedVariant {
    pub key: String,
    pub rust_name: String,
    pub doc: String,
    pub ty: TypeRef,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    String,
    Bool,
    /// `integer`: `i64`.
    Integer,
    /// `number`: `serde_json::Number`, which keeps integer or float form.
    Number,
    /// Any JSON value.
    Any,
    /// An object whose members are all data: `serde_json::Map`.
    JsonObject,
    Named(String),
    Array(Box<TypeRef>),
    /// An object used as a map: `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    Option(Box<TypeRef>),
    /// A value or an array of such values, written back in the form it came in.
    OneOrMany(Box<TypeRef>),
    Timestamp(TimestampFormat),
    Base64,
    /// `x-bytes: integers`: bytes as an array of integers (`codec::ByteInts`).
    ByteInts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    Rfc3339,
    EpochSeconds,
    EpochMillis,
    EpochMillisText,
    EpochMillisNumberOrText,
    EpochMicrosText,
    Clf,
    Iso8601BasicOffset,
}

impl TimestampFormat {
    pub fn from_keyword(keyword: &str) -> Option<TimestampFormat> {
        Some(match keyword {
            "rfc3339" => TimestampFormat::Rfc3339,
            "epoch-seconds" => TimestampFormat::EpochSeconds,
            "epoch-millis" => TimestampFormat::EpochMillis,
            "epoch-millis-text" => TimestampFormat::EpochMillisText,
            "epoch-millis-number-or-text" => TimestampFormat::EpochMillisNumberOrText,
            "epoch-micros-text" => TimestampFormat::EpochMicrosText,
            "clf" => TimestampFormat::Clf,
            "iso8601-basic-offset" => TimestampFormat::Iso8601BasicOffset,
            _ => return None,
        })
    }

    /// The JSON types the format is written as, as a schema's `type` names
    /// them (`null` aside): one, or, for a form sent both ways, each of them.
    pub fn json_types(self) -> &'static [&'static str] {
        match self {
            TimestampFormat::Rfc3339
            | TimestampFormat::EpochMillisText
            | TimestampFormat::EpochMicrosText
            | TimestampFormat::Clf
            | TimestampFormat::Iso8601BasicOffset => &["string"],
            TimestampFormat::EpochSeconds | TimestampFormat::EpochMillis => &["number"],
            TimestampFormat::EpochMillisNumberOrText => &["integer", "string"],
        }
    }

    /// Whether a schema's `type` (its names but `null`) fits the format: an
    /// integer is a number too.
    pub fn fits(self, types: &[&str]) -> bool {
        let expected = self.json_types();
        let fits_one = |name: &str| expected.contains(&name) || (name == "integer" && expected.contains(&"number"));
        !types.is_empty() && types.iter().all(|name| fits_one(name)) && (expected.len() == 1 || types.len() == expected.len())
    }

    /// The codec type of the events crate.
    pub fn codec_name(self) -> &'static str {
        match self {
            TimestampFormat::Rfc3339 => "Rfc3339",
            TimestampFormat::EpochSeconds => "EpochSeconds",
            TimestampFormat::EpochMillis => "EpochMillis",
            TimestampFormat::EpochMillisText => "EpochMillisText",
            TimestampFormat::EpochMillisNumberOrText => "EpochMillisNumberOrText",
            TimestampFormat::EpochMicrosText => "EpochMicrosText",
            TimestampFormat::Clf => "ApiGatewayClf",
            TimestampFormat::Iso8601BasicOffset => "Iso8601BasicOffset",
        }
    }
}

impl TypeRef {
    /// The named types this reference mentions.
    pub fn named(&self, into: &mut Vec<String>) {
        match self {
            TypeRef::Named(name) => into.push(name.clone()),
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) | TypeRef::OneOrMany(inner) => inner.named(into),
            _ => {}
        }
    }
}

impl TypeDef {
    /// The named types this type mentions directly.
    pub fn references(&self) -> Vec<String> {
        let mut names = Vec::new();
        match &self.kind {
            TypeKind::Struct { fields, .. } => fields.iter().for_each(|field| field.ty.named(&mut names)),
            TypeKind::OpenEnum { .. } => {}
            TypeKind::Union { variants, .. } => names.extend(variants.iter().map(|variant| variant.type_name.clone())),
            TypeKind::MemberUnion { variants, .. } => variants.iter().for_each(|variant| variant.ty.named(&mut names)),
            TypeKind::KeyedUnion { variants } => variants.iter().for_each(|variant| variant.ty.named(&mut names)),
            TypeKind::Alias { target } => target.named(&mut names),
        }
        names
    }
}

impl Model {
    /// Fills in the `common` members of every union: the members (JSON name,
    /// field and type alike, or text in each) of every alternative's struct.
    /// A union with an alternative that is not a struct has none.
    pub fn find_common_members(&mut self) {
        let mut found: Vec<(String, Vec<Field>)> = Vec::new();
        for def in self.types.values() {
            let alternatives: Vec<&str> = match &def.kind {
                TypeKind::Union { variants, .. } => variants.iter().map(|variant| variant.type_name.as_str()).collect(),
                TypeKind::MemberUnion { variants, .. } => {
                    let named = variants.iter().map(|variant| match &variant.ty {
                        TypeRef::Named(name) => Some(name.as_str()),
                        _ => None,
                    });
                    match named.collect::<Option<Vec<&str>>>() {
                        Some(names) => names,
                        None => continue,
                    }
                }
                _ => continue,
            };
            let fields_of = |name: &str| match self.types.get(name).map(|def| &def.kind) {
                Some(TypeKind::Struct { fields, .. }) => Some(fields),
                _ => None,
            };
            let Some(every) = alternatives.iter().map(|name| fields_of(name)).collect::<Option<Vec<_>>>() else { continue };
            let Some((first, rest)) = every.split_first() else { continue };
            // A required text member may be an open enum of its own in each
            // alternative (a Cognito trigger's `triggerSource`): it is common
            // as text.
            let is_text = |ty: &TypeRef| match ty {
                TypeRef::String => true,
                TypeRef::Named(name) => matches!(self.types.get(name).map(|def| &def.kind), Some(TypeKind::OpenEnum { .. })),
                _ => false,
            };
            let common: Vec<Field> = first
                .iter()
                .filter_map(|field| {
                    let counterparts: Option<Vec<&Field>> = rest
                        .iter()
                        .map(|fields| fields.iter().find(|other| other.json_name == field.json_name && other.rust_name == field.rust_name))
                        .collect();
                    let counterparts = counterparts?;
                    if counterparts.iter().all(|other| other.ty == field.ty) {
                        Some(field.clone())
                    } else if is_text(&field.ty) && counterparts.iter().all(|other| is_text(&other.ty)) {
                        Some(Field { ty: TypeRef::String, ..field.clone() })
                    } else {
                        None
                    }
                })
                .collect();
            found.push((def.name.clone(), common));
        }
        for (name, members) in found {
            if let Some(TypeKind::Union { common, .. } | TypeKind::MemberUnion { common, .. }) = self.types.get_mut(&name).map(|def| &mut def.kind) {
                *common = members;
            }
        }
    }
}
