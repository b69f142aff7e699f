//! What GoRules ZEN (checked against PyPI `zen-engine` 2.1.3) reads otherwise than crisis-desk,
//! so that an export can say which cells will not behave the same there.
//!
//! crisis-desk follows FEEL. ZEN's cell language is its own expression language; where it and
//! FEEL part ways (checked by `tests/oracles/escalation_zen.py`):
//!
//! | kind | cell | ZEN |
//! |---|---|---|
//! | `explicit-equals` | `= 5` | parse error |
//! | `dash` | `-` | parse error ("any" is an empty cell) |
//! | `not` | `not("I")` | its boolean `not()` of the value, not a negated test |
//! | `reversed-bracket-range` | `]1..5[`, `]1..5]`, `[1..5[` | not FEEL's open range (`]1..5[` matches 0 and 5) |
//! | `not-equals` | `!= 5` | matches an input of another type (FEEL: null, no match) |
//! | `leading-dot-number` | `.5` | parse error |
//! | `string-escape` | `"a\"b"`, `"a\n"` | no escapes: `\` is kept, `\"` ends the string |
//! | `number-precision` | more than 15 significant digits | decimals, not 64-bit floats |
//! | `null-output` | output `null` on a top-level field under `first` | the key is dropped |
//! | `hit-policy` | `unique`, `any`, `priority` | only `first` and `collect` exist |
//! | `aggregation` | `aggregation` | ignored |
//! | `field-name` | an input field segment that is not an identifier | the field is not read |

use serde::Serialize;

use super::table::{HitPolicy, Table};
use crate::error::Path;

/// One place where ZEN would not read the table as crisis-desk does.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ZenDifference {
    /// JSON path inside the table: `rules[3].in_level`, `hitPolicy`, `inputs[0].field`.
    pub path: String,
    /// The rule's `_id`, for a cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The column's id, for a cell or a column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The cell's text, for a cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// Stable kebab-case kind (see the module's table).
    pub kind: &'static str,
    pub message: String,
}

/// Every cell and setting of `table` that ZEN will not read the same way; empty when a ZEN
/// decision-table node with the same content behaves identically (up to number precision).
pub fn zen_differences(table: &Table) -> Vec<ZenDifference> {
    let mut out = Vec::new();
    let root = Path::root();
    if !matches!(table.hit_policy, HitPolicy::First | HitPolicy::Collect) {
        out.push(ZenDifference {
            path: root.key("hitPolicy").to_string(),
            rule: None,
            column: None,
            cell: None,
            kind: "hit-policy",
            message: format!("ZEN has hit policies first and collect only, not {}", table.hit_policy.as_str()),
        });
    }
    if table.aggregation.is_some() {
        out.push(ZenDifference {
            path: root.key("aggregation").to_string(),
            rule: None,
            column: None,
            cell: None,
            kind: "aggregation",
            message: "ZEN ignores `aggregation` and returns the list of matches".into(),
        });
    }
    for (i, input) in table.inputs.iter().enumerate() {
        if !input.path.iter().all(|s| is_identifier(s)) {
            out.push(ZenDifference {
                path: root.key("inputs").index(i).key("field").to_string(),
                rule: None,
                column: Some(input.id.clone()),
                cell: None,
                kind: "field-name",
                message: format!(
                    "ZEN reads the field as an expression: \"{}\" is not a dotted path of identifiers (A-Z, a-z, 0-9, _, $) there",
                    input.field
                ),
            });
        }
    }
    for (r, rule) in table.rules.iter().enumerate() {
        let rp = root.key("rules").index(r);
        let cells =
            table.inputs.iter().map(|c| c.id.as_str()).zip(rule.inputs.iter().map(|c| (&c.source, &c.zen))).chain(
                table.outputs.iter().map(|c| c.id.as_str()).zip(rule.outputs.iter().map(|c| (&c.source, &c.zen))),
            );
        for (col, (source, notes)) in cells {
            for note in notes {
                out.push(ZenDifference {
                    path: rp.key(col).to_string(),
                    rule: Some(rule.id.clone()),
                    column: Some(col.to_owned()),
                    cell: Some(source.clone()),
                    kind: note.kind,
                    message: note.message.clone(),
                });
            }
        }
        if table.hit_policy == HitPolicy::First {
            for (col, cell) in table.outputs.iter().zip(&rule.outputs) {
                if col.path.len() == 1 && cell.value == Some(super::feel::Value::Null) {
                    out.push(ZenDifference {
                        path: rp.key(&col.id).to_string(),
                        rule: Some(rule.id.clone()),
                        column: Some(col.id.clone()),
                        cell: Some(cell.source.clone()),
                        kind: "null-output",
                        message: format!(
                            "under hit policy first ZEN drops a top-level field set to null: \"{}\" would be absent",
                            col.field
                        ),
                    });
                }
            }
        }
    }
    out
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}
