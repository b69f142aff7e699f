//! Decision tables in the shape of GoRules ZEN's decision-table node, parsed once and evaluated
//! with a trace ([`Table::evaluate`]), or against many fact sets at once, the trace only when
//! asked for ([`evaluate_table_many`], `evaluateTableMany` in JS).
//!
//! # Wire shape
//!
//! ```jsonc
//! {
//!   "id": "level", "name": "Response level",        // optional (ZEN keeps them on the node)
//!   "label": { "zh": "响应级别", "en": "Response level" },  // optional, tables and columns: for the page
//!   "hitPolicy": "first",                            // first | collect | unique | any | priority
//!   "aggregation": "count",                          // optional, collect only: sum | count | min | max
//!   "inputs": [{ "id": "in_cdc", "name": "CDC level", "field": "frameworks.cdc.level",
//!                "values": ["low", "moderate", "substantial", "high"],  // optional: allowed values
//!                "min": 0, "max": 100 }],                                // optional: numeric bounds
//!   "outputs": [{ "id": "out_level", "name": "Level", "field": "response.level",
//!                 "priority": ["I", "II", "III", "IV"] }],              // optional: for `priority`
//!   "rules": [{ "_id": "r1", "_description": "optional note",
//!               "in_cdc": "\"high\"", "out_level": "\"II\"" }]
//! }
//! ```
//!
//! - Input cells are FEEL unary tests ([`super::feel`]); a missing or empty cell matches anything.
//! - Output cells hold one literal: a double-quoted string, a number, `true`, `false` or `null`;
//!   an empty or missing output cell leaves its field out. Expressions are not accepted.
//! - `field` is a dotted path (`events.clustersLast14Days`). Inputs read it in the facts (a path
//!   that is absent reads `null`); outputs build nested objects from it, as ZEN does.
//! - `values` (input): the values the input may take, JSON scalars. Gap analysis enumerates them
//!   and cells naming other values are flagged. `min`/`max` (input): inclusive numeric bounds.
//! - `priority` (output): the output's values from highest to lowest priority, as DMN's output
//!   values list. Under `priority` the matched rule whose outputs rank highest wins, compared
//!   output by output in column order over the outputs that have a list; a value not in the list
//!   ranks below every listed one; a full tie goes to the earlier rule.
//! - `aggregation` (collect only, one output): `count` of the matched rules, or the `sum`, `min`
//!   or `max` of their (numeric) outputs, as DMN's C#, C+, C<, C>; the result is then one object.
//! - ZEN's transform attributes are accepted only at their defaults (`inputField` and
//!   `outputPath` empty, `executionMode` `"single"`, `passThrough` false).

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::feel::{parse_output, parse_unary_tests, UnaryTests, Value, ZenNote};
use crate::error::{Code, InputError, Path, Problems, MAX_PROBLEMS};
use crate::json::Json;
use crate::read;

/// How the matched rules make the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum HitPolicy {
    /// The first matching rule, in rule order.
    First,
    /// Every matching rule, in rule order (DMN's rule order).
    Collect,
    /// At most one rule may match; more is an error.
    Unique,
    /// Every matching rule must give the same outputs; they are returned once.
    Any,
    /// The matching rule whose outputs rank highest in the outputs' `priority` lists.
    Priority,
}

impl HitPolicy {
    pub const ALL: [&'static str; 5] = ["first", "collect", "unique", "any", "priority"];

    pub fn as_str(self) -> &'static str {
        Self::ALL[self as usize]
    }
}

/// DMN's collect aggregations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Aggregation {
    Sum,
    Count,
    Min,
    Max,
}

impl Aggregation {
    pub const ALL: [&'static str; 4] = ["sum", "count", "min", "max"];
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Input {
    pub id: String,
    pub name: String,
    pub field: String,
    #[serde(skip)]
    pub path: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Output {
    pub id: String,
    pub name: String,
    pub field: String,
    #[serde(skip)]
    pub path: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Vec<Value>>,
}

/// An input cell: its text and its parse.
#[derive(Debug, Clone, PartialEq)]
pub struct InputCell {
    pub source: String,
    pub tests: UnaryTests,
    pub zen: Vec<ZenNote>,
}

/// An output cell: its text and its value (`None` when empty).
#[derive(Debug, Clone, PartialEq)]
pub struct OutputCell {
    pub source: String,
    pub value: Option<Value>,
    pub zen: Vec<ZenNote>,
}

/// One row; `inputs` and `outputs` follow the table's columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub id: String,
    pub description: Option<String>,
    pub inputs: Vec<InputCell>,
    pub outputs: Vec<OutputCell>,
}

/// A parsed decision table; build it with [`Table::from_json`].
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub id: Option<String>,
    pub name: Option<String>,
    pub hit_policy: HitPolicy,
    pub aggregation: Option<Aggregation>,
    pub inputs: Vec<Input>,
    pub outputs: Vec<Output>,
    pub rules: Vec<Rule>,
}

/// The result of evaluating a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// An object (first, unique, any, priority, or collect with an aggregation), `null` when no
    /// rule matched, or an array of objects in rule order (collect).
    pub result: Value,
    /// Every rule evaluated, in order (under `first`, up to the one that matched).
    pub trace: Vec<RuleTrace>,
}

impl Evaluation {
    /// The ids of the rules whose outputs make the result.
    pub fn selected(&self) -> Vec<&str> {
        self.trace.iter().filter(|t| t.selected).map(|t| t.rule.as_str()).collect()
    }
}

/// Why one rule matched or not.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleTrace {
    /// The rule's `_id`.
    pub rule: String,
    /// Its position in `rules`, from 0.
    pub index: usize,
    pub matched: bool,
    /// Whether its outputs are (part of) the result.
    pub selected: bool,
    /// Each non-empty input cell: the value read and whether it passed.
    pub inputs: Vec<CellTrace>,
    /// The rule's outputs, when it matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<Value>,
}

/// One input cell tested against the value read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CellTrace {
    /// The input column's id.
    pub input: String,
    pub field: String,
    pub value: Value,
    /// The cell's text.
    pub test: String,
    pub passed: bool,
}

/// Evaluates `table` against `facts` (an object); see [`Table::evaluate`].
pub fn evaluate_table(table: &Table, facts: &Json) -> Result<Evaluation, InputError> {
    table.evaluate(facts)
}

/// What [`evaluate_table_many`] gives: for each fact set, in input order, the result
/// [`Table::evaluate`] gives for it or the error it fails with; and, when asked for, each fact
/// set's trace (`None` for a fact set that failed).
///
/// Serialised as `{ results: [{ ok: true, result } | { ok: false, error: { code, path,
/// message, problems } }, …], traces?: [RuleTrace[] | null, …] }`; an error's paths are those
/// [`Table::evaluate`] gives, inside that fact set.
#[derive(Debug, Clone, PartialEq)]
pub struct TableBatch {
    pub results: Vec<Result<Value, InputError>>,
    pub traces: Option<Vec<Option<Vec<RuleTrace>>>>,
}

/// Evaluates `table` against every fact set of `facts`, the table parsed once: each fact set's
/// result as [`evaluate_table`] gives it (or its error, which does not stop the others), and
/// the traces when `trace` is true.
///
/// Error: more than [`MAX_FACT_SETS`](crate::limits::MAX_FACT_SETS) fact sets (`too-large`).
pub fn evaluate_table_many(table: &Table, facts: &[Json], trace: bool) -> Result<TableBatch, InputError> {
    let mut problems = Problems::new();
    if !crate::limits::within(facts.len(), crate::limits::MAX_FACT_SETS, &Path::root(), "fact sets", &mut problems) {
        return Err(InputError { problems: problems.into_vec() });
    }
    let mut matched = Vec::new();
    let mut results = Vec::with_capacity(facts.len());
    let mut traces = trace.then(|| Vec::with_capacity(facts.len()));
    for f in facts {
        match table.run(f, trace, &mut matched) {
            Ok((result, t)) => {
                results.push(Ok(result));
                if let Some(traces) = &mut traces {
                    traces.push(t);
                }
            }
            Err(e) => {
                results.push(Err(e));
                if let Some(traces) = &mut traces {
                    traces.push(None);
                }
            }
        }
    }
    Ok(TableBatch { results, traces })
}

/// `evaluateTableMany(table, factsList, options?)` in JS after the table is parsed: `facts`
/// must be an array (`invalid-type` at the root otherwise), `options` null or
/// `{ trace?: boolean }` (default false; problems at `options.trace`).
pub fn evaluate_table_many_json(table: &Table, facts: &Json, options: &Json) -> Result<TableBatch, InputError> {
    let mut problems = Problems::new();
    let at = Path::root().key("options");
    let mut trace = false;
    if !options.is_null() {
        if let Some(obj) = read::object(options, &at, &["trace"], &mut problems) {
            if let Some(v) = read::field(obj, "trace") {
                trace = read::boolean(v, &at.key("trace"), &mut problems).unwrap_or(false);
            }
        }
    }
    let list = read::array(facts, &Path::root(), &mut problems);
    match list {
        Some(list) if problems.is_empty() => evaluate_table_many(table, list, trace),
        _ => Err(InputError { problems: problems.into_vec() }),
    }
}

/// The error of one fact set in a [`TableBatch`], as the JS `Error` of `evaluateTable` carries
/// it: the first problem's code and path, a one-line summary, every problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactSetError {
    pub code: Code,
    pub path: String,
    pub message: String,
    pub problems: Vec<crate::error::Problem>,
}

impl From<&InputError> for FactSetError {
    fn from(e: &InputError) -> Self {
        FactSetError {
            code: e.first().code,
            path: e.first().path.clone(),
            message: e.summary(),
            problems: e.problems.clone(),
        }
    }
}

impl Serialize for TableBatch {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Slot<'a>(&'a Result<Value, InputError>);
        impl Serialize for Slot<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(2))?;
                match self.0 {
                    Ok(result) => {
                        map.serialize_entry("ok", &true)?;
                        map.serialize_entry("result", result)?;
                    }
                    Err(e) => {
                        map.serialize_entry("ok", &false)?;
                        map.serialize_entry("error", &FactSetError::from(e))?;
                    }
                }
                map.end()
            }
        }
        let mut map = s.serialize_map(Some(if self.traces.is_some() { 2 } else { 1 }))?;
        map.serialize_entry("results", &self.results.iter().map(Slot).collect::<Vec<_>>())?;
        if let Some(traces) = &self.traces {
            map.serialize_entry("traces", traces)?;
        }
        map.end()
    }
}

impl Table {
    /// Reads a table, recording every problem at its JSON path under `path` (cell syntax errors
    /// as `feel-syntax`, with the character position in the message). `None` if anything is wrong.
    pub fn from_json(value: &Json, path: &Path, problems: &mut Problems) -> Option<Table> {
        let before = problems.len();
        let read = read_table(value, path, problems);
        let clean = problems.len() == before && before <= MAX_PROBLEMS;
        read.table.filter(|_| clean && read.structural_ok && !read.broken.iter().any(|b| *b))
    }

    /// Reads a table at the root path, or every problem in it.
    pub fn parse(value: &Json) -> Result<Table, InputError> {
        let mut problems = Problems::new();
        match Table::from_json(value, &Path::root(), &mut problems) {
            Some(t) if problems.is_empty() => Ok(t),
            _ => {
                let list = problems.into_vec();
                if list.is_empty() {
                    // Cannot happen: a table is rejected only with a problem recorded.
                    Err(InputError {
                        problems: vec![crate::error::Problem {
                            code: Code::Internal,
                            path: String::new(),
                            message: "the table was rejected without a reason".into(),
                        }],
                    })
                } else {
                    Err(InputError { problems: list })
                }
            }
        }
    }

    /// The table's label for messages: its id, else its name, else "the table".
    pub fn label(&self) -> String {
        match (&self.id, &self.name) {
            (Some(id), _) => format!("table \"{id}\""),
            (None, Some(name)) => format!("table \"{name}\""),
            _ => "the table".into(),
        }
    }

    /// The rule's outputs as a (nested) object; empty cells leave their field out.
    pub fn rule_output(&self, rule: &Rule) -> Value {
        let mut out = Value::Object(Vec::new());
        for (col, cell) in self.outputs.iter().zip(&rule.outputs) {
            if let Some(v) = &cell.value {
                insert(&mut out, &col.path, v.clone());
            }
        }
        out
    }

    /// Evaluates the table against `facts`, an object read by each input's dotted `field`.
    ///
    /// Errors: facts that are not an object, a NaN or infinite number read by an input
    /// (`not-finite` at the field's path), more than one match under `unique`
    /// (`multiple-matches`, at the later rule), matches with different outputs under `any`
    /// (`conflicting-outputs`).
    pub fn evaluate(&self, facts: &Json) -> Result<Evaluation, InputError> {
        let mut matched = Vec::new();
        let (result, trace) = self.run(facts, true, &mut matched)?;
        Ok(Evaluation { result, trace: trace.unwrap_or_default() })
    }

    /// [`Table::evaluate`]'s result alone, without building the trace: what
    /// [`evaluate_table_many`] does for each fact set when the trace is not asked for.
    pub fn evaluate_result(&self, facts: &Json) -> Result<Value, InputError> {
        let mut matched = Vec::new();
        self.run(facts, false, &mut matched).map(|(result, _)| result)
    }

    /// The value each input reads in `facts`, in column order; the errors of
    /// [`Table::evaluate`] for facts that are not an object or hold a NaN or an infinity there.
    fn read_inputs(&self, facts: &Json) -> Result<Vec<Value>, InputError> {
        crate::limits::check_input(facts, &Path::root())?;
        let mut problems = Problems::new();
        if !matches!(facts, Json::Object(_)) {
            problems.push(Code::InvalidType, &Path::root(), format!("facts must be an object, found {}", facts.kind()));
            return Err(InputError { problems: problems.into_vec() });
        }
        let mut values = Vec::with_capacity(self.inputs.len());
        for input in &self.inputs {
            let json = lookup(facts, &input.path);
            match Value::from_json(json) {
                Some(v) => values.push(v),
                None => {
                    let mut p = Path::root();
                    for seg in &input.path {
                        p = p.key(seg);
                    }
                    problems.push(Code::NotFinite, &p, "a fact read by the table is NaN or infinite");
                    values.push(Value::Null);
                }
            }
        }
        if !problems.is_empty() {
            return Err(InputError { problems: problems.into_vec() });
        }
        Ok(values)
    }

    /// Evaluates the table; the trace only when `with_trace`. `matched` is scratch space for
    /// the indices of the matching rules (a batch reuses it from one fact set to the next).
    ///
    /// Each input's dotted path is resolved once per fact set ([`Table::read_inputs`]), not
    /// once per rule. Without the trace, a rule stops at its first failing cell and nothing is
    /// allocated for the rules that do not match; with it, every non-empty cell of every rule
    /// evaluated is tested and recorded, as [`Table::evaluate`] has always reported them.
    fn run(
        &self,
        facts: &Json,
        with_trace: bool,
        matched: &mut Vec<usize>,
    ) -> Result<(Value, Option<Vec<RuleTrace>>), InputError> {
        let values = self.read_inputs(facts)?;
        matched.clear();
        let first = self.hit_policy == HitPolicy::First;
        let mut trace = Vec::new();
        if with_trace {
            for (index, rule) in self.rules.iter().enumerate() {
                let mut cells = Vec::new();
                let mut ok = true;
                for ((input, cell), value) in self.inputs.iter().zip(&rule.inputs).zip(&values) {
                    if cell.tests.is_any() {
                        continue;
                    }
                    let passed = cell.tests.matches(value);
                    ok &= passed;
                    cells.push(CellTrace {
                        input: input.id.clone(),
                        field: input.field.clone(),
                        value: value.clone(),
                        test: cell.source.clone(),
                        passed,
                    });
                }
                let output = ok.then(|| self.rule_output(rule));
                trace.push(RuleTrace {
                    rule: rule.id.clone(),
                    index,
                    matched: ok,
                    selected: false,
                    inputs: cells,
                    output,
                });
                if ok {
                    matched.push(index);
                    if first {
                        break;
                    }
                }
            }
        } else {
            for (index, rule) in self.rules.iter().enumerate() {
                if rule.inputs.iter().zip(&values).all(|(cell, value)| cell.tests.matches(value)) {
                    matched.push(index);
                    if first {
                        break;
                    }
                }
            }
        }
        let (result, selected) = self.decide(matched)?;
        if with_trace {
            // Under `first` the trace ends at the rule that matched: its index is its place.
            for &j in selected {
                trace[j].selected = true;
            }
            Ok((result, Some(trace)))
        } else {
            Ok((result, None))
        }
    }

    /// The result from the matching rules (in rule order) under the hit policy, and which of
    /// them make it (are `selected`); the hit policy's errors.
    fn decide<'m>(&self, matched: &'m [usize]) -> Result<(Value, &'m [usize]), InputError> {
        let none: &[usize] = &[];
        let one = |j: Option<usize>| match j {
            Some(j) => {
                let at = matched.iter().position(|&m| m == j).unwrap_or(0);
                (self.rule_output(&self.rules[j]), &matched[at..=at])
            }
            None => (Value::Null, none),
        };
        Ok(match self.hit_policy {
            HitPolicy::First => one(matched.first().copied()),
            HitPolicy::Unique => {
                if matched.len() > 1 {
                    let ids: Vec<String> = matched.iter().map(|i| format!("\"{}\"", self.rules[*i].id)).collect();
                    let mut problems = Problems::new();
                    problems.push(
                        Code::MultipleMatches,
                        &Path::root().key("rules").index(matched[1]),
                        format!(
                            "rules {} {} match these facts; hit policy unique allows at most one",
                            join_and(&ids),
                            if ids.len() == 2 { "both" } else { "all" }
                        ),
                    );
                    return Err(InputError { problems: problems.into_vec() });
                }
                one(matched.first().copied())
            }
            HitPolicy::Any => {
                if let Some(&first) = matched.first() {
                    let out = self.rule_output(&self.rules[first]);
                    for &j in &matched[1..] {
                        let other = self.rule_output(&self.rules[j]);
                        if !same(&out, &other) {
                            let mut problems = Problems::new();
                            problems.push(
                                Code::ConflictingOutputs,
                                &Path::root().key("rules").index(j),
                                format!(
                                    "rules \"{}\" and \"{}\" both match but give different outputs ({out} and {other}); hit policy any needs equal outputs",
                                    self.rules[first].id, self.rules[j].id
                                ),
                            );
                            return Err(InputError { problems: problems.into_vec() });
                        }
                    }
                    (out, matched)
                } else {
                    (Value::Null, none)
                }
            }
            HitPolicy::Priority => {
                let best = matched.iter().copied().min_by(|&a, &b| {
                    self.priority_rank(&self.rules[a]).cmp(&self.priority_rank(&self.rules[b])).then(a.cmp(&b))
                });
                one(best)
            }
            HitPolicy::Collect => {
                let result = match self.aggregation {
                    None => Value::Array(matched.iter().map(|&j| self.rule_output(&self.rules[j])).collect()),
                    Some(agg) => self.aggregate(agg, matched),
                };
                (result, matched)
            }
        })
    }

    /// Lower is higher priority: per output with a `priority` list, the value's place in it.
    fn priority_rank(&self, rule: &Rule) -> Vec<usize> {
        self.outputs
            .iter()
            .zip(&rule.outputs)
            .filter_map(|(col, cell)| {
                let list = col.priority.as_ref()?;
                Some(match &cell.value {
                    Some(v) => list.iter().position(|p| p.feel_eq(v) == Some(true)).unwrap_or(list.len()),
                    None => list.len(),
                })
            })
            .collect()
    }

    fn aggregate(&self, agg: Aggregation, matched: &[usize]) -> Value {
        let nums: Vec<f64> = matched
            .iter()
            .filter_map(|&j| match self.rules[j].outputs.first().and_then(|c| c.value.as_ref()) {
                Some(Value::Number(x)) => Some(*x),
                _ => None,
            })
            .collect();
        let value = match agg {
            Aggregation::Count => Value::Number(matched.len() as f64),
            _ if nums.is_empty() => Value::Null,
            Aggregation::Sum => {
                let s: f64 = nums.iter().sum();
                if s.is_finite() {
                    Value::Number(s)
                } else {
                    Value::Null
                }
            }
            Aggregation::Min => Value::Number(nums.iter().copied().fold(f64::INFINITY, f64::min)),
            Aggregation::Max => Value::Number(nums.iter().copied().fold(f64::NEG_INFINITY, f64::max)),
        };
        let mut out = Value::Object(Vec::new());
        if let Some(col) = self.outputs.first() {
            insert(&mut out, &col.path, value);
        }
        out
    }
}

/// Structural equality of two outputs (numbers by value).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.iter().any(|(k2, v2)| k == k2 && same(v, v2)))
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        _ => a == b,
    }
}

/// `"a"`, `"a" and "b"`, `"a", "b" and "c"`.
pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The fact at a dotted path; `null` where the path leaves the objects.
fn lookup<'a>(facts: &'a Json, path: &[String]) -> &'a Json {
    static NULL: Json = Json::Null;
    let mut cur = facts;
    for seg in path {
        match cur.get(seg) {
            Some(v) => cur = v,
            None => return &NULL,
        }
    }
    cur
}

/// Sets `path` in the object `out` to `value`, creating objects on the way.
fn insert(out: &mut Value, path: &[String], value: Value) {
    let Some((head, rest)) = path.split_first() else { return };
    let Value::Object(pairs) = out else { return };
    if rest.is_empty() {
        match pairs.iter_mut().find(|(k, _)| k == head) {
            Some((_, v)) => *v = value,
            None => pairs.push((head.clone(), value)),
        }
        return;
    }
    let idx = match pairs.iter().position(|(k, v)| k == head && matches!(v, Value::Object(_))) {
        Some(i) => i,
        None => {
            pairs.retain(|(k, _)| k != head);
            pairs.push((head.clone(), Value::Object(Vec::new())));
            pairs.len() - 1
        }
    };
    insert(&mut pairs[idx].1, rest, value);
}

/// What [`read_table`] made of a table, for [`Table::from_json`] and validation.
pub(crate) struct ReadTable {
    /// The table, when its shape could be read; rules whose cells failed to parse are kept with
    /// those cells empty and marked in `broken`.
    pub table: Option<Table>,
    pub broken: Vec<bool>,
    /// No problem outside the rules' cells.
    pub structural_ok: bool,
    /// For each cell syntax error: its path and the character position.
    pub positions: Vec<(String, usize)>,
}

const TABLE_KEYS: &[&str] = &[
    "id",
    "name",
    "label",
    "hitPolicy",
    "aggregation",
    "inputs",
    "outputs",
    "rules",
    "inputField",
    "outputPath",
    "executionMode",
    "passThrough",
];

/// `label` (optional, on a table or a column): the name in both languages, `{ "zh", "en" }`,
/// for the page; the engine does not read it (a rulebook's validation checks both texts).
fn label_shape(obj: &Json, path: &Path, problems: &mut Problems) {
    let Some(v) = read::field(obj, "label") else { return };
    let at = path.key("label");
    if let Some(label) = read::object(v, &at, &["zh", "en"], problems) {
        for lang in ["zh", "en"] {
            if let Some(text) = read::field(label, lang) {
                read::string(text, &at.key(lang), problems);
            }
        }
    }
}

/// Reads a table leniently: every problem is recorded; what could be read is returned.
pub(crate) fn read_table(value: &Json, path: &Path, problems: &mut Problems) -> ReadTable {
    let mut out = ReadTable { table: None, broken: Vec::new(), structural_ok: false, positions: Vec::new() };
    let start = problems.len();
    if !crate::limits::check(value, path, 1, problems) {
        return out;
    }
    let Some(obj) = read::object(value, path, TABLE_KEYS, problems) else { return out };

    let opt_string = |key: &str, problems: &mut Problems| {
        read::field(obj, key).and_then(|v| read::string(v, &path.key(key), problems))
    };
    let id = opt_string("id", problems);
    let name = opt_string("name", problems);
    label_shape(obj, path, problems);
    let hit_policy = read::required(obj, "hitPolicy", path, problems)
        .and_then(|v| read::one_of(v, &path.key("hitPolicy"), &HitPolicy::ALL, problems))
        .map(|i| [HitPolicy::First, HitPolicy::Collect, HitPolicy::Unique, HitPolicy::Any, HitPolicy::Priority][i]);
    let aggregation = read::field(obj, "aggregation")
        .and_then(|v| read::one_of(v, &path.key("aggregation"), &Aggregation::ALL, problems))
        .map(|i| [Aggregation::Sum, Aggregation::Count, Aggregation::Min, Aggregation::Max][i]);
    transform_defaults(obj, path, problems);

    let inputs = read_columns(obj, "inputs", path, problems, true);
    let outputs = read_columns(obj, "outputs", path, problems, false);
    let (Some(inputs), Some(outputs)) = (inputs, outputs) else { return out };
    let policy_known = hit_policy.is_some();
    let hit_policy = hit_policy.unwrap_or(HitPolicy::First);
    let inputs: Vec<Input> = inputs.into_iter().map(|c| c.into_input()).collect();
    let outputs: Vec<Output> = outputs.into_iter().map(|c| c.into_output()).collect();

    // Column ids share the rule object's key space.
    let mut seen: Vec<&str> = Vec::new();
    for (kind, cols) in [
        ("inputs", inputs.iter().map(|c| c.id.as_str()).collect::<Vec<_>>()),
        ("outputs", outputs.iter().map(|c| c.id.as_str()).collect()),
    ] {
        for (i, id) in cols.into_iter().enumerate() {
            let at = path.key(kind).index(i).key("id");
            if id.starts_with('_') {
                problems.push(Code::InvalidValue, &at, "a column id must not start with `_` (rules keep `_id` there)");
            } else if seen.contains(&id) {
                problems.push(Code::DuplicateId, &at, format!("another column already has the id \"{id}\""));
            }
            seen.push(id);
        }
    }
    // Outputs must not write the same field or inside one another.
    for (j, b) in outputs.iter().enumerate() {
        if let Some(a) = outputs[..j].iter().find(|a| a.path.starts_with(&b.path) || b.path.starts_with(&a.path)) {
            problems.push(
                Code::OutputFieldConflict,
                &path.key("outputs").index(j).key("field"),
                format!("\"{}\" and output \"{}\"'s \"{}\" write the same place", b.field, a.id, a.field),
            );
        }
    }
    if policy_known && hit_policy == HitPolicy::Priority && !outputs.iter().any(|o| o.priority.is_some()) {
        problems.push(
            Code::Required,
            &path.key("outputs"),
            "hit policy priority needs a `priority` list (highest first) on at least one output",
        );
    }
    if aggregation.is_some() && policy_known {
        if hit_policy != HitPolicy::Collect {
            problems.push(
                Code::InvalidValue,
                &path.key("aggregation"),
                "an aggregation applies to hit policy collect only",
            );
        } else if outputs.len() != 1 {
            problems.push(
                Code::InvalidValue,
                &path.key("aggregation"),
                format!("an aggregation needs exactly one output column, found {}", outputs.len()),
            );
        }
    }
    let structural_clean = policy_known && problems.len() == start;

    let col_ids: Vec<String> =
        inputs.iter().map(|c| c.id.clone()).chain(outputs.iter().map(|c| c.id.clone())).collect();
    let mut allowed: Vec<&str> = vec!["_id", "_description"];
    allowed.extend(col_ids.iter().map(String::as_str));

    let mut rules = Vec::new();
    let mut broken = Vec::new();
    let mut rules_ok = true;
    match read::required(obj, "rules", path, problems)
        .and_then(|v| read::array(v, &path.key("rules"), problems))
        .filter(|r| {
            let (at, cells) = (path.key("rules"), r.len() * inputs.len());
            crate::limits::within(r.len(), crate::limits::MAX_TABLE_ROWS, &at, "rules", problems)
                && crate::limits::within(
                    cells,
                    crate::limits::MAX_TABLE_CELLS,
                    &at,
                    "input cells (rules × inputs)",
                    problems,
                )
        }) {
        None => rules_ok = false,
        Some(items) => {
            let mut ids: Vec<String> = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let rp = path.key("rules").index(i);
                let before = problems.len();
                let Some(robj) = read::object(item, &rp, &allowed, problems) else {
                    rules_ok = false;
                    continue;
                };
                if problems.len() > before {
                    rules_ok = false;
                }
                let rid =
                    read::required(robj, "_id", &rp, problems).and_then(|v| read::string(v, &rp.key("_id"), problems));
                let description = read::field(robj, "_description").and_then(|v| match v {
                    Json::String(s) => Some(s.clone()),
                    other => {
                        problems.push(
                            Code::InvalidType,
                            &rp.key("_description"),
                            format!("expected a string, found {}", other.kind()),
                        );
                        None
                    }
                });
                let Some(rid) = rid else {
                    rules_ok = false;
                    continue;
                };
                if ids.contains(&rid) {
                    problems.push(
                        Code::DuplicateId,
                        &rp.key("_id"),
                        format!("another rule already has the _id \"{rid}\""),
                    );
                    rules_ok = false;
                }
                ids.push(rid.clone());
                let mut bad = false;
                let mut in_cells = Vec::new();
                for col in &inputs {
                    let cp = rp.key(&col.id);
                    let source = cell_text(robj, &col.id, &cp, problems, &mut bad);
                    match parse_unary_tests(&source) {
                        Ok(p) => in_cells.push(InputCell { source, tests: p.tests, zen: p.zen }),
                        Err(e) => {
                            problems.push(Code::FeelSyntax, &cp, format!("{e} (cell: {source})"));
                            out.positions.push((cp.to_string(), e.position));
                            bad = true;
                            in_cells.push(InputCell {
                                source,
                                tests: UnaryTests::Any { dash: false },
                                zen: Vec::new(),
                            });
                        }
                    }
                }
                let mut out_cells = Vec::new();
                for col in &outputs {
                    let cp = rp.key(&col.id);
                    let source = cell_text(robj, &col.id, &cp, problems, &mut bad);
                    match parse_output(&source) {
                        Ok(p) => {
                            if let Some(agg) = aggregation.filter(|a| *a != Aggregation::Count) {
                                let name = Aggregation::ALL[agg as usize];
                                match &p.value {
                                    Some(Value::Number(_)) => {}
                                    Some(v) => {
                                        let message =
                                            format!("aggregation {name} needs a number here, found {}", v.kind());
                                        problems.push(Code::InvalidType, &cp, message);
                                        bad = true;
                                    }
                                    None => {
                                        let message = format!("aggregation {name} needs a number in every output cell");
                                        problems.push(Code::Required, &cp, message);
                                        bad = true;
                                    }
                                }
                            }
                            out_cells.push(OutputCell { source, value: p.value, zen: p.zen })
                        }
                        Err(e) => {
                            problems.push(Code::FeelSyntax, &cp, format!("{e} (cell: {source})"));
                            out.positions.push((cp.to_string(), e.position));
                            bad = true;
                            out_cells.push(OutputCell { source, value: None, zen: Vec::new() });
                        }
                    }
                }
                broken.push(bad);
                rules.push(Rule { id: rid, description, inputs: in_cells, outputs: out_cells });
            }
        }
    }
    out.structural_ok = rules_ok && structural_clean;
    out.broken = broken;
    out.table = Some(Table { id, name, hit_policy, aggregation, inputs, outputs, rules });
    out
}

/// A cell's text; absent or null is empty. Records a problem (and marks the rule) otherwise.
fn cell_text(robj: &Json, key: &str, path: &Path, problems: &mut Problems, bad: &mut bool) -> String {
    match robj.get(key) {
        None | Some(Json::Null) => String::new(),
        Some(Json::String(s)) => s.clone(),
        Some(other) => {
            problems.push(
                Code::InvalidType,
                path,
                format!("a cell is FEEL text in a string (e.g. \"3\" or \"\\\"II\\\"\"), found {}", other.kind()),
            );
            *bad = true;
            String::new()
        }
    }
}

/// ZEN's transform attributes, accepted only at their defaults.
fn transform_defaults(obj: &Json, path: &Path, problems: &mut Problems) {
    let unsupported = "not supported: crisis-desk reads the whole facts object and returns the table's outputs";
    for key in ["inputField", "outputPath"] {
        match obj.get(key) {
            None | Some(Json::Null) => {}
            Some(Json::String(s)) if s.trim().is_empty() => {}
            Some(_) => problems.push(Code::InvalidValue, &path.key(key), unsupported),
        }
    }
    match obj.get("executionMode") {
        None | Some(Json::Null) => {}
        Some(Json::String(s)) if s == "single" => {}
        Some(_) => {
            problems.push(Code::InvalidValue, &path.key("executionMode"), format!("only \"single\" is {unsupported}"))
        }
    }
    match obj.get("passThrough") {
        None | Some(Json::Null) | Some(Json::Bool(false)) => {}
        Some(_) => problems.push(Code::InvalidValue, &path.key("passThrough"), unsupported),
    }
}

/// A column as read, before it becomes an [`Input`] or [`Output`].
struct Column {
    id: String,
    name: String,
    field: String,
    path: Vec<String>,
    values: Option<Vec<Value>>,
    min: Option<f64>,
    max: Option<f64>,
    priority: Option<Vec<Value>>,
}

impl Column {
    fn into_input(self) -> Input {
        Input {
            id: self.id,
            name: self.name,
            field: self.field,
            path: self.path,
            values: self.values,
            min: self.min,
            max: self.max,
        }
    }

    fn into_output(self) -> Output {
        Output { id: self.id, name: self.name, field: self.field, path: self.path, priority: self.priority }
    }
}

fn read_columns(obj: &Json, key: &str, path: &Path, problems: &mut Problems, inputs: bool) -> Option<Vec<Column>> {
    let at = path.key(key);
    let items = read::array(read::required(obj, key, path, problems)?, &at, problems)?;
    if !crate::limits::within(items.len(), crate::limits::MAX_TABLE_COLUMNS, &at, "columns", problems) {
        return None;
    }
    if !inputs && items.is_empty() {
        problems.push(Code::Required, &at, "a table needs at least one output");
    }
    let keys: &[&str] = if inputs {
        &["id", "name", "label", "field", "values", "min", "max"]
    } else {
        &["id", "name", "label", "field", "priority"]
    };
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let cp = at.index(i);
        let Some(c) = read::object(item, &cp, keys, problems) else {
            ok = false;
            continue;
        };
        let id = read::required(c, "id", &cp, problems).and_then(|v| read::string(v, &cp.key("id"), problems));
        let name = match read::field(c, "name") {
            None => Some(String::new()),
            Some(Json::String(s)) => Some(s.clone()),
            Some(other) => {
                problems.push(Code::InvalidType, &cp.key("name"), format!("expected a string, found {}", other.kind()));
                None
            }
        };
        label_shape(c, &cp, problems);
        let field = read::required(c, "field", &cp, problems).and_then(|v| read::string(v, &cp.key("field"), problems));
        let fpath = field.as_deref().and_then(|f| {
            let segs: Vec<String> = f.split('.').map(str::to_owned).collect();
            if segs.iter().any(|s| s.is_empty() || s.trim() != s) {
                problems.push(
                    Code::InvalidValue,
                    &cp.key("field"),
                    format!("\"{f}\" is not a dotted path of names, e.g. events.clustersLast14Days"),
                );
                None
            } else {
                Some(segs)
            }
        });
        let list = |k: &str, problems: &mut Problems| -> Option<Option<Vec<Value>>> {
            let Some(v) = read::field(c, k) else { return Some(None) };
            let items = read::array(v, &cp.key(k), problems)?;
            let mut vals: Vec<Value> = Vec::new();
            let mut good = true;
            for (j, item) in items.iter().enumerate() {
                let ip = cp.key(k).index(j);
                match item {
                    Json::String(s) => vals.push(Value::String(s.clone())),
                    Json::Bool(b) => vals.push(Value::Bool(*b)),
                    Json::Number(x) if x.is_finite() => vals.push(Value::Number(*x)),
                    Json::Number(_) => {
                        problems.push(Code::NotFinite, &ip, "must be a finite number, not NaN or Infinity");
                        good = false;
                        continue;
                    }
                    other => {
                        problems.push(
                            Code::InvalidType,
                            &ip,
                            format!("expected a string, number or boolean, found {}", other.kind()),
                        );
                        good = false;
                        continue;
                    }
                }
                let last = vals.last().cloned().unwrap_or(Value::Null);
                if vals[..vals.len() - 1].iter().any(|v| v.feel_eq(&last) == Some(true)) {
                    problems.push(Code::DuplicateId, &ip, format!("{last} is listed twice"));
                    good = false;
                }
            }
            if vals.is_empty() && good {
                problems.push(Code::Required, &cp.key(k), "the list must not be empty");
                good = false;
            }
            good.then_some(Some(vals))
        };
        let (values, min, max, priority) = if inputs {
            let values = list("values", problems);
            let min = read::field(c, "min").map(|v| read::number(v, &cp.key("min"), problems));
            let max = read::field(c, "max").map(|v| read::number(v, &cp.key("max"), problems));
            if let (Some(Some(lo)), Some(Some(hi))) = (min, max) {
                if lo > hi {
                    problems.push(Code::InvalidValue, &cp.key("max"), format!("max ({hi}) is below min ({lo})"));
                    ok = false;
                }
            }
            if matches!(min, Some(None)) || matches!(max, Some(None)) {
                ok = false;
            }
            (values, min.flatten(), max.flatten(), Some(None))
        } else {
            (Some(None), None, None, list("priority", problems))
        };
        match (id, name, field, fpath, values, priority) {
            (Some(id), Some(name), Some(field), Some(path), Some(values), Some(priority)) => {
                out.push(Column { id, name, field, path, values, min, max, priority })
            }
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

/// Serialises back to ZEN's decision-table shape (cells as their text).
impl Serialize for Table {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Rules<'a>(&'a Table);
        struct OneRule<'a>(&'a Table, &'a Rule);
        impl Serialize for Rules<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.rules.iter().map(|r| OneRule(self.0, r)))
            }
        }
        impl Serialize for OneRule<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let (t, r) = (self.0, self.1);
                let mut map = s.serialize_map(None)?;
                map.serialize_entry("_id", &r.id)?;
                if let Some(d) = &r.description {
                    map.serialize_entry("_description", d)?;
                }
                for (col, cell) in t.inputs.iter().zip(&r.inputs) {
                    map.serialize_entry(&col.id, &cell.source)?;
                }
                for (col, cell) in t.outputs.iter().zip(&r.outputs) {
                    map.serialize_entry(&col.id, &cell.source)?;
                }
                map.end()
            }
        }
        let mut map = s.serialize_map(None)?;
        if let Some(id) = &self.id {
            map.serialize_entry("id", id)?;
        }
        if let Some(name) = &self.name {
            map.serialize_entry("name", name)?;
        }
        map.serialize_entry("hitPolicy", &self.hit_policy)?;
        if let Some(a) = &self.aggregation {
            map.serialize_entry("aggregation", a)?;
        }
        map.serialize_entry("inputs", &self.inputs)?;
        map.serialize_entry("outputs", &self.outputs)?;
        map.serialize_entry("rules", &Rules(self))?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(s: &str) -> Json {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn dotted_outputs_build_nested_objects() {
        let t = Table::parse(&json(
            r#"{"hitPolicy":"first","inputs":[{"id":"i","field":"a.b"}],
                "outputs":[{"id":"o1","field":"out.level"},{"id":"o2","field":"out.n"},{"id":"o3","field":"top"}],
                "rules":[{"_id":"r1","i":"< 5","o1":"\"II\"","o2":"3","o3":""}]}"#,
        ))
        .unwrap();
        let e = t.evaluate(&json(r#"{"a":{"b":1}}"#)).unwrap();
        assert_eq!(serde_json::to_string(&e.result).unwrap(), r#"{"out":{"level":"II","n":3}}"#);
        assert_eq!(e.selected(), ["r1"]);
        let e = t.evaluate(&json(r#"{"a":{"b":7}}"#)).unwrap();
        assert_eq!(e.result, Value::Null);
    }

    #[test]
    fn serialises_back_to_the_zen_shape() {
        let src = r#"{"hitPolicy":"collect","inputs":[{"id":"i","name":"I","field":"a"}],"outputs":[{"id":"o","name":"O","field":"b"}],"rules":[{"_id":"r1","i":"[1..5]","o":"\"x\""}]}"#;
        let t = Table::parse(&json(src)).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), src);
    }
}
