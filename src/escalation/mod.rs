//! Inter-agency escalation (issue 5). This part: the decision-table engine.
//!
//! - [`feel`]: FEEL unary tests (input cells) and output literals, parsed once into a typed AST;
//! - [`table`]: decision tables in GoRules ZEN's decision-table-node shape, read from JSON with
//!   every problem at its path, evaluated with a trace (which rules matched, on which values),
//!   or against many fact sets in one call;
//! - [`validate`]: diagnostics (syntax with positions, unknown fields, overlaps under `unique`
//!   and `any`, rules that can never fire, gaps);
//! - [`zen`]: the cells and settings GoRules ZEN would read otherwise, for the export;
//! - [`zen_graph`]: a table as a ZEN decision graph (JDM) and the tables of such a graph.
//!
//! - [`rulebook`]: rulebooks (jurisdiction, agencies, tables, notifications, sharing, measures),
//!   read with every problem at its path and validated beyond single tables;
//! - [`plan`]: `escalate`, the plan with absolute deadlines and a trace on every line; the
//!   bundled default rulebook (`default-rulebook.json`);
//! - [`hash`]: a rulebook's content hash and the diff of two rulebooks;
//! - [`jsontext`]: JSON text parsing and canonical serialisation (no serde_json in the core).
//!
//! The wire shapes are documented on [`table`] (the table and the evaluation), [`validate`],
//! [`rulebook`], [`plan`] and [`hash`].

pub mod feel;
pub mod hash;
pub mod jsontext;
pub mod plan;
pub mod rulebook;
pub mod table;
pub mod validate;
pub mod zen;
pub mod zen_graph;

pub use feel::{parse_output, parse_unary_tests, FeelError, UnaryTests, Value};
pub use hash::{diff_rulebooks, rulebook_hash, Change, FieldChange, RulebookDiff};
pub use plan::{default_rulebook, escalate, Plan, Trace, DEFAULT_RULEBOOK};
pub use rulebook::{validate_rulebook, Rulebook, RulebookValidation};
pub use table::{
    evaluate_table, evaluate_table_many, evaluate_table_many_json, Aggregation, CellTrace, Evaluation, FactSetError,
    HitPolicy, Input, Output, Rule, RuleTrace, Table, TableBatch,
};
pub use validate::{check_table, validate_table, Diagnostic, FactSchema, Severity};
pub use zen::{zen_differences, ZenDifference};
pub use zen_graph::{export_zen_graph, import_zen_graph, SkippedNode, ZenGraphExport, ZenGraphImport};
