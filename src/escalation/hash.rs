//! Auditable rulebook changes (issue 5 item 6): a stable content hash and a diff.
//!
//! **Hash**: `sha256:<64 hex digits>`, SHA-256 (FIPS 180-4, RustCrypto's `sha2`) of the
//! rulebook's canonical JSON text ([`canonical`]: keys sorted, no whitespace, numbers as their
//! shortest round-trip text). Layout and key order do not change it; any value does.
//!
//! **Diff** (`diffRulebooks(a, b)`): entries are matched by `id` within each section
//! (`agencies`, `notifications`, `activation`, `sharing`, `measures`, `dataItems`, `facts`,
//! `reportingChains`, `tables`, `jurisdiction.parents`, `jurisdiction.neighbours`), table rows
//! by `_id` within tables of the same id, and the rulebook's own settings (`schemaVersion`, `id`,
//! `title`, `standDown`, `jurisdiction.region`, a table's columns and hit policy) by key:
//!
//! ```jsonc
//! { "from": "sha256:…", "to": "sha256:…", "identical": false,
//!   "added": 1, "removed": 0, "changed": 2,
//!   "changes": [{ "kind": "changed", "section": "notifications", "id": "n-hospital-to-county-health",
//!                 "path": "notifications[0]",          // in b (in a for `removed`)
//!                 "fields": [{ "field": "within", "before": { "hours": 2 }, "after": { "hours": 3 } }],
//!                 "deadline": true }]                   // a notification's deadline changed
//! }
//! ```
//! A table row's change has `section: "rules"` and `table: "<table id>"`.

use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

use super::feel::Value;
use super::jsontext::{canonical, json_to_value};
use super::rulebook::Rulebook;
use crate::json::Json;

/// `sha256:<hex>` of the canonical JSON of a rulebook (valid or not).
pub fn rulebook_hash(rulebook: &Json) -> String {
    let digest = Sha256::digest(canonical(rulebook).as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

impl Rulebook {
    /// The rulebook's content hash; see [`rulebook_hash`].
    pub fn hash(&self) -> String {
        rulebook_hash(&self.json)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RulebookDiff {
    pub from: String,
    pub to: String,
    /// Same hash: nothing changed.
    pub identical: bool,
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
    pub section: String,
    pub id: String,
    /// For a table row: the table's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    pub path: String,
    /// For `changed`: each key whose value differs.
    pub fields: Vec<FieldChange>,
    /// True for a notification added, removed or with a changed `within`.
    pub deadline: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    pub field: String,
    pub before: Value,
    pub after: Value,
}

const SECTIONS: [&str; 9] = [
    "agencies",
    "notifications",
    "activation",
    "sharing",
    "measures",
    "dataItems",
    "facts",
    "reportingChains",
    "tables",
];

/// Lists what changed from `a` to `b` (both rulebooks as JSON; they need not be valid).
pub fn diff_rulebooks(a: &Json, b: &Json) -> RulebookDiff {
    let mut changes = Vec::new();
    // Settings.
    let settings: Vec<FieldChange> = ["schemaVersion", "id", "title", "source", "standDown"]
        .iter()
        .filter_map(|k| field_change(k, a.get(k), b.get(k)))
        .chain(field_change(
            "jurisdiction.region",
            at(a, &["jurisdiction", "region"]),
            at(b, &["jurisdiction", "region"]),
        ))
        .collect();
    if !settings.is_empty() {
        changes.push(Change {
            kind: "changed",
            section: "settings".into(),
            id: String::new(),
            table: None,
            path: String::new(),
            fields: settings,
            deadline: false,
        });
    }
    for (section, path) in [
        ("jurisdiction.parents", ["jurisdiction", "parents"]),
        ("jurisdiction.neighbours", ["jurisdiction", "neighbours"]),
    ] {
        diff_list(section, &path.join("."), at(a, &path), at(b, &path), "id", None, &mut changes);
    }
    for section in SECTIONS {
        diff_list(section, section, a.get(section), b.get(section), "id", None, &mut changes);
    }
    // Rows of tables present in both.
    let (ta, tb) = (items(a.get("tables")), items(b.get("tables")));
    let mut by_id: BTreeMap<String, &Json> = BTreeMap::new();
    for x in ta {
        if let Some(id) = id_of(x, "id") {
            by_id.entry(id).or_insert(x);
        }
    }
    for (j, t) in tb.iter().enumerate() {
        let Some(id) = id_of(t, "id") else { continue };
        let Some(old) = by_id.get(&id).copied() else { continue };
        diff_list(
            "rules",
            &format!("tables[{j}].rules"),
            old.get("rules"),
            t.get("rules"),
            "_id",
            Some(&id),
            &mut changes,
        );
    }
    let count = |k: &str| changes.iter().filter(|c| c.kind == k).count();
    let (from, to) = (rulebook_hash(a), rulebook_hash(b));
    RulebookDiff {
        identical: from == to,
        added: count("added"),
        removed: count("removed"),
        changed: count("changed"),
        from,
        to,
        changes,
    }
}

fn at<'a>(v: &'a Json, path: &[&str]) -> Option<&'a Json> {
    path.iter().try_fold(v, |cur, k| cur.get(k))
}

fn items(v: Option<&Json>) -> &[Json] {
    match v {
        Some(Json::Array(x)) => x,
        _ => &[],
    }
}

fn id_of(v: &Json, key: &str) -> Option<String> {
    match v.get(key) {
        Some(Json::String(s)) => Some(s.clone()),
        _ => None,
    }
}

fn same(a: Option<&Json>, b: Option<&Json>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => canonical(x) == canonical(y),
        _ => false,
    }
}

fn field_change(field: &str, a: Option<&Json>, b: Option<&Json>) -> Option<FieldChange> {
    (!same(a, b)).then(|| FieldChange {
        field: field.to_string(),
        before: a.map_or(Value::Null, json_to_value),
        after: b.map_or(Value::Null, json_to_value),
    })
}

fn keys(v: &Json) -> Vec<&str> {
    match v {
        Json::Object(p) => p.iter().map(|(k, _)| k.as_str()).collect(),
        _ => Vec::new(),
    }
}

fn diff_list(
    section: &str,
    path: &str,
    a: Option<&Json>,
    b: Option<&Json>,
    key: &str,
    table: Option<&str>,
    out: &mut Vec<Change>,
) {
    let (la, lb) = (items(a), items(b));
    let ident = |v: &Json, i: usize| id_of(v, key).unwrap_or_else(|| format!("#{i}"));
    let is_notice = section == "notifications";
    // Entries by id (the first of a repeated id), so two long lists compare in n log n.
    let index = |list: &[Json]| {
        let mut m: BTreeMap<String, usize> = BTreeMap::new();
        for (i, x) in list.iter().enumerate() {
            m.entry(ident(x, i)).or_insert(i);
        }
        m
    };
    let (ia, ib) = (index(la), index(lb));
    for (i, x) in la.iter().enumerate() {
        let id = ident(x, i);
        if !ib.contains_key(&id) {
            out.push(Change {
                kind: "removed",
                section: section.into(),
                id,
                table: table.map(str::to_owned),
                path: format!("{path}[{i}]"),
                fields: Vec::new(),
                deadline: is_notice,
            });
        }
    }
    for (j, y) in lb.iter().enumerate() {
        let id = ident(y, j);
        match ia.get(&id).map(|&i| (i, &la[i])) {
            None => out.push(Change {
                kind: "added",
                section: section.into(),
                id,
                table: table.map(str::to_owned),
                path: format!("{path}[{j}]"),
                fields: Vec::new(),
                deadline: is_notice,
            }),
            Some((_, x)) => {
                let mut names: Vec<&str> = keys(x);
                for k in keys(y) {
                    if !names.contains(&k) {
                        names.push(k);
                    }
                }
                // A table's rows are compared one by one (section "rules").
                let fields: Vec<FieldChange> = names
                    .into_iter()
                    .filter(|k| !(section == "tables" && *k == "rules"))
                    .filter_map(|k| field_change(k, x.get(k), y.get(k)))
                    .collect();
                if !fields.is_empty() {
                    let deadline = is_notice && fields.iter().any(|f| f.field == "within");
                    out.push(Change {
                        kind: "changed",
                        section: section.into(),
                        id,
                        table: table.map(str::to_owned),
                        path: format!("{path}[{j}]"),
                        fields,
                        deadline,
                    });
                }
            }
        }
    }
}
