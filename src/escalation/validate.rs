//! Diagnostics for a decision table: syntax errors with positions, unknown fields, overlapping
//! rules under `unique` (and `any`), rules that can never fire, and gaps.
//!
//! # How the analysis stays sound
//!
//! Every column is cut into finitely many **atoms**: each number a cell mentions, the open
//! intervals between them (and beyond them, within the input's `min`/`max`), each string and
//! boolean a cell mentions, "another string", "a value of another type" and `null`. An input
//! with `values` has exactly those values and `null` as atoms. Every cell is constant on every
//! atom (cells only compare with the literals that made the atoms), so evaluating a cell on one
//! representative per atom gives its exact truth on the whole atom, and a rule becomes a box of
//! atoms. Over boxes, overlap, coverage and gaps are decided exactly by splitting column by column.
//! Hence:
//!
//! - `overlapping-rules`: two rules share a concrete witness (shown in the message);
//! - `unreachable-rule`: the rules above cover every atom of the rule's box, null and
//!   other-typed values included, or some column of the rule is true for no value at all;
//! - `uncovered-range` / `uncovered-value`: a region of numbers, listed values, or strings and
//!   booleans that cells mention, where no rule matches. Null, "another string" and values of
//!   another type are not reported as gaps. Skipped when any rule has a syntax error.
//!
//! Assumptions, stated: an input with `values` takes one of them or null; one with `min`/`max`
//! stays within them. When two inputs read the same field they are not independent, and the
//! overlap, coverage and gap checks are skipped for that table. A table too large for the
//! analysis budget is skipped rather than guessed at.

use serde::Serialize;
use std::collections::BTreeSet;

use super::feel::{number_text, Test, UnaryTests, Value};
use super::table::{join_and, read_table, HitPolicy, Table};
use crate::error::{Code, Path, Problems};
use crate::json::Json;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One finding about a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// JSON path, e.g. `tables[0].rules[3].in_level`.
    pub path: String,
    pub message: String,
    /// For `feel-syntax`: the character (not byte) in the cell where parsing failed, from 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<usize>,
}

/// The fact paths a table may read (dotted, e.g. `events.clustersLast14Days`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactSchema {
    paths: BTreeSet<String>,
}

impl FactSchema {
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(paths: I) -> Self {
        FactSchema { paths: paths.into_iter().map(Into::into).collect() }
    }

    /// Every path in an example facts object: each key, nested objects walked (arrays are leaves).
    pub fn from_example(facts: &Json) -> Self {
        fn walk(v: &Json, prefix: &str, out: &mut BTreeSet<String>) {
            if let Json::Object(pairs) = v {
                for (k, child) in pairs {
                    let p = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    out.insert(p.clone());
                    walk(child, &p, out);
                }
            }
        }
        let mut paths = BTreeSet::new();
        walk(facts, "", &mut paths);
        FactSchema { paths }
    }

    pub fn contains(&self, path: &str) -> bool {
        self.paths.contains(path)
    }

    /// The known path nearest to a typo (edit distance ≤ 3, or equal ignoring case).
    fn closest(&self, path: &str) -> Option<&str> {
        crate::read::nearest(path, self.paths.iter().map(String::as_str), 3)
    }
}

/// Every diagnostic for a table given as JSON at `path` (e.g. `tables[0]`): problems reading it
/// (errors; cell syntax errors with their `position`), then, when its shape is sound, the
/// analysis of [`check_table`]. `schema`, when given, is the set of fact paths inputs may read.
pub fn validate_table(table: &Json, path: &Path, schema: Option<&FactSchema>) -> Vec<Diagnostic> {
    let mut problems = Problems::new();
    let read = read_table(table, path, &mut problems);
    let mut out: Vec<Diagnostic> = problems
        .into_vec()
        .into_iter()
        .map(|p| {
            let position = read.positions.iter().find(|(at, _)| *at == p.path).map(|(_, pos)| *pos);
            Diagnostic { severity: Severity::Error, code: p.code, path: p.path, message: p.message, position }
        })
        .collect();
    if let (Some(t), true) = (&read.table, read.structural_ok) {
        analyse(t, &read.broken, path, schema, &mut out);
    }
    out
}

/// The analysis of a parsed table (it has no syntax errors): unknown fields (with `schema`),
/// values outside `values`/`priority` lists, overlaps under `unique`/`any`, rules that can never
/// fire, gaps.
pub fn check_table(table: &Table, path: &Path, schema: Option<&FactSchema>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    analyse(table, &vec![false; table.rules.len()], path, schema, &mut out);
    out
}

fn warning(code: Code, path: String, message: String) -> Diagnostic {
    Diagnostic { severity: Severity::Warning, code, path, message, position: None }
}

fn error(code: Code, path: String, message: String) -> Diagnostic {
    Diagnostic { severity: Severity::Error, code, path, message, position: None }
}

/// Calls of the splitting search allowed per table.
const BUDGET: usize = 200_000;
/// Gap regions reported per table.
const MAX_GAPS: usize = 10;
/// Overlaps reported per table.
const MAX_OVERLAPS: usize = 50;

fn analyse(table: &Table, broken: &[bool], path: &Path, schema: Option<&FactSchema>, out: &mut Vec<Diagnostic>) {
    let rules_path = path.key("rules");
    if let Some(schema) = schema {
        for (k, input) in table.inputs.iter().enumerate() {
            if !schema.contains(&input.field) {
                let hint = match schema.closest(&input.field) {
                    Some(p) => format!("; did you mean \"{p}\"?"),
                    None => String::new(),
                };
                out.push(error(
                    Code::UnknownField,
                    path.key("inputs").index(k).key("field").to_string(),
                    format!("no known fact is called \"{}\"{hint}", input.field),
                ));
            }
        }
    }
    for (r, rule) in table.rules.iter().enumerate() {
        if broken.get(r).copied().unwrap_or(true) {
            continue;
        }
        for (input, cell) in table.inputs.iter().zip(&rule.inputs) {
            let Some(values) = &input.values else { continue };
            for t in cell.tests.tests() {
                if let Test::Equal { value, .. } | Test::NotEqual(value) = t {
                    if *value != Value::Null && !values.iter().any(|v| v.feel_eq(value) == Some(true)) {
                        out.push(warning(
                            Code::ValueNotListed,
                            rules_path.index(r).key(&input.id).to_string(),
                            format!(
                                "{value} is not among the values of input \"{}\" ({})",
                                input.id,
                                list_text(values)
                            ),
                        ));
                    }
                }
            }
        }
        if table.hit_policy == HitPolicy::Priority {
            for (output, cell) in table.outputs.iter().zip(&rule.outputs) {
                if let (Some(list), Some(v)) = (&output.priority, &cell.value) {
                    if !list.iter().any(|p| p.feel_eq(v) == Some(true)) {
                        out.push(warning(
                            Code::ValueNotListed,
                            rules_path.index(r).key(&output.id).to_string(),
                            format!(
                                "{v} is not in output \"{}\"'s priority list ({}); it ranks below every listed value",
                                output.id,
                                list_text(list)
                            ),
                        ));
                    }
                }
            }
        }
    }

    // Two inputs reading one field are not independent: the box analysis would be unsound.
    let fields: BTreeSet<&str> = table.inputs.iter().map(|i| i.field.as_str()).collect();
    if fields.len() < table.inputs.len() {
        return;
    }
    let Some(cols) =
        table.inputs.iter().enumerate().map(|(k, _)| Column::build(table, k, broken)).collect::<Option<Vec<_>>>()
    else {
        return;
    };
    let live: Vec<usize> = (0..table.rules.len()).filter(|r| !broken.get(*r).copied().unwrap_or(true)).collect();
    // boxes[r][c][a]: rule r's cell in column c is true on atom a.
    let boxes: Vec<Vec<Vec<bool>>> = table
        .rules
        .iter()
        .map(|rule| {
            cols.iter()
                .zip(&rule.inputs)
                .map(|(col, cell)| col.reps.iter().map(|v| cell.tests.matches(v)).collect())
                .collect()
        })
        .collect();
    let mut search = Search { boxes: &boxes, budget: BUDGET };

    // Rules true for no value: never fire, whatever the hit policy.
    let mut empty = vec![false; table.rules.len()];
    for &r in &live {
        if let Some(c) = boxes[r].iter().position(|bits| !bits.iter().any(|b| *b)) {
            empty[r] = true;
            out.push(warning(
                Code::UnreachableRule,
                rules_path.index(r).key(&table.inputs[c].id).to_string(),
                format!(
                    "rule \"{}\" can never match: no value of {} satisfies `{}`",
                    table.rules[r].id, table.inputs[c].field, table.rules[r].inputs[c].source
                ),
            ));
        }
    }

    match table.hit_policy {
        HitPolicy::First => {
            for (pos, &j) in live.iter().enumerate() {
                if empty[j] {
                    continue;
                }
                let above: Vec<usize> = live[..pos].iter().copied().filter(|&i| !empty[i]).collect();
                let mut region = boxes[j].clone();
                let mut found = Vec::new();
                if search.uncovered(0, &mut region, &above, &mut found, 1).is_err() {
                    return;
                }
                if found.is_empty() {
                    let meeting: Vec<usize> = above.iter().copied().filter(|&i| meets(&boxes[i], &boxes[j])).collect();
                    let message = match meeting.iter().find(|&&i| contains(&boxes[i], &boxes[j])) {
                        Some(&i) => format!(
                            "rule \"{}\" can never fire under hit policy first: rule \"{}\" above matches everything it matches",
                            table.rules[j].id, table.rules[i].id
                        ),
                        None => {
                            let ids: Vec<String> = meeting.iter().map(|&i| format!("\"{}\"", table.rules[i].id)).collect();
                            format!(
                                "rule \"{}\" can never fire under hit policy first: rules {} above together match everything it matches",
                                table.rules[j].id,
                                join_and(&ids)
                            )
                        }
                    };
                    out.push(warning(Code::UnreachableRule, rules_path.index(j).to_string(), message));
                }
            }
        }
        HitPolicy::Unique | HitPolicy::Any => {
            let mut reported = 0;
            'pairs: for (pos, &j) in live.iter().enumerate() {
                for &i in &live[..pos] {
                    if !meets(&boxes[i], &boxes[j]) {
                        continue;
                    }
                    let (a, b) = (&table.rules[i], &table.rules[j]);
                    let (oa, ob) = (table.rule_output(a), table.rule_output(b));
                    if table.hit_policy == HitPolicy::Any && oa == ob {
                        continue;
                    }
                    let witness = describe_witness(table, &cols, &boxes[i], &boxes[j]);
                    let message = if table.hit_policy == HitPolicy::Unique {
                        format!(
                            "rules \"{}\" and \"{}\" both match {witness}; hit policy unique allows one match",
                            a.id, b.id
                        )
                    } else {
                        format!(
                            "rules \"{}\" and \"{}\" both match {witness} but give different outputs ({oa} and {ob}); hit policy any needs equal outputs",
                            a.id, b.id
                        )
                    };
                    out.push(error(Code::OverlappingRules, rules_path.index(j).to_string(), message));
                    reported += 1;
                    if reported >= MAX_OVERLAPS {
                        break 'pairs;
                    }
                }
            }
        }
        HitPolicy::Collect | HitPolicy::Priority => {}
    }

    // Gaps: only when every rule parsed (a broken rule might cover the region).
    if live.len() != table.rules.len() {
        return;
    }
    let mut region: Vec<Vec<bool>> = cols.iter().map(|c| c.gap.clone()).collect();
    let mut found = Vec::new();
    let usable: Vec<usize> = live.iter().copied().filter(|&r| !empty[r]).collect();
    if search.uncovered(0, &mut region, &usable, &mut found, MAX_GAPS + 1).is_err() {
        return;
    }
    let more = found.len() > MAX_GAPS;
    found.truncate(MAX_GAPS);
    let count = found.len();
    for (n, gap) in found.into_iter().enumerate() {
        let constrained: Vec<usize> = (0..cols.len()).filter(|&c| gap[c] != cols[c].gap).collect();
        let numeric = constrained.iter().any(|&c| cols[c].continuous.is_some());
        let code = if numeric { Code::UncoveredRange } else { Code::UncoveredValue };
        let at = match constrained.first() {
            Some(&c) => path.key("inputs").index(c).to_string(),
            None => rules_path.to_string(),
        };
        let what = if constrained.is_empty() {
            "any input".to_string()
        } else {
            let parts: Vec<String> = constrained
                .iter()
                .map(|&c| format!("{} is {}", table.inputs[c].field, cols[c].describe(&gap[c])))
                .collect();
            join_and(&parts)
        };
        let tail = if more && n + 1 == count { " (there are more uncovered regions)" } else { "" };
        out.push(warning(code, at, format!("no rule of {} matches when {what}{tail}", table.label())));
    }
}

/// Some atom in every column is in both boxes.
fn meets(a: &[Vec<bool>], b: &[Vec<bool>]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.iter().zip(y).any(|(p, q)| *p && *q))
}

/// `outer` holds every atom of `inner`, column by column.
fn contains(outer: &[Vec<bool>], inner: &[Vec<bool>]) -> bool {
    outer.iter().zip(inner).all(|(o, i)| o.iter().zip(i).all(|(p, q)| *p || !*q))
}

fn list_text(values: &[Value]) -> String {
    values.iter().map(Value::to_string).collect::<Vec<_>>().join(", ")
}

/// "when a is 3 and b is \"x\"": one common atom per column constrained by either rule.
fn describe_witness(table: &Table, cols: &[Column], a: &[Vec<bool>], b: &[Vec<bool>]) -> String {
    let mut parts = Vec::new();
    for (c, col) in cols.iter().enumerate() {
        let any_a = a[c].iter().all(|x| *x);
        let any_b = b[c].iter().all(|x| *x);
        if any_a && any_b {
            continue;
        }
        let common: Vec<usize> = (0..col.atoms.len()).filter(|&k| a[c][k] && b[c][k]).collect();
        // Prefer a typed value (a gap atom) to null or "another type".
        let pick = common.iter().copied().find(|&k| col.gap[k]).or_else(|| common.first().copied());
        if let Some(k) = pick {
            parts.push(format!("{} is {}", table.inputs[c].field, col.atom_text(k)));
        }
    }
    if parts.is_empty() {
        "any input".into()
    } else {
        format!("when {}", join_and(&parts))
    }
}

/// One piece of a column's domain.
#[derive(Debug, Clone)]
enum Atom {
    /// Exactly this value.
    Point(Value),
    /// The open interval between two numbers; `None` is infinite.
    Between(Option<f64>, Option<f64>),
    /// Any string no cell names.
    OtherString,
    /// Any value of a type no cell names.
    OtherType,
    Null,
}

struct Column {
    atoms: Vec<Atom>,
    /// A representative value of each atom.
    reps: Vec<Value>,
    /// The atoms over which gaps are sought.
    gap: Vec<bool>,
    /// The atoms `start..end` are the number line in order (no `values` list).
    continuous: Option<(usize, usize)>,
}

impl Column {
    /// The atoms of input `k`; `None` when a representative cannot be placed strictly inside an
    /// interval (numbers too close together or too large), in which case analysis is skipped.
    fn build(table: &Table, k: usize, broken: &[bool]) -> Option<Column> {
        let input = &table.inputs[k];
        let mut col = Column { atoms: Vec::new(), reps: Vec::new(), gap: Vec::new(), continuous: None };
        if let Some(values) = &input.values {
            for v in values {
                col.push(Atom::Point(v.clone()), v.clone(), true);
            }
            col.push(Atom::Null, Value::Null, false);
            return Some(col);
        }
        let mut nums: Vec<f64> = Vec::new();
        let mut strs: BTreeSet<String> = BTreeSet::new();
        let mut bools = false;
        for (r, rule) in table.rules.iter().enumerate() {
            if broken.get(r).copied().unwrap_or(true) {
                continue;
            }
            let tests: &UnaryTests = &rule.inputs[k].tests;
            for t in tests.tests() {
                for lit in t.literals() {
                    match lit {
                        Value::Number(x) => nums.push(x),
                        Value::String(s) => {
                            strs.insert(s);
                        }
                        Value::Bool(_) => bools = true,
                        _ => {}
                    }
                }
            }
        }
        if !nums.is_empty() || input.min.is_some() || input.max.is_some() {
            let lo = input.min.unwrap_or(f64::NEG_INFINITY);
            let hi = input.max.unwrap_or(f64::INFINITY);
            let mut b: Vec<f64> = nums.into_iter().filter(|x| *x >= lo && *x <= hi).collect();
            b.extend(input.min);
            b.extend(input.max);
            b.sort_by(f64::total_cmp);
            b.dedup();
            let start = col.atoms.len();
            if input.min.is_none() {
                let first = *b.first()?;
                let rep = first - first.abs().max(1.0);
                if !(rep.is_finite() && rep < first) {
                    return None;
                }
                col.push(Atom::Between(None, Some(first)), Value::Number(rep), true);
            }
            for (i, &x) in b.iter().enumerate() {
                col.push(Atom::Point(Value::Number(x)), Value::Number(x), true);
                if let Some(&y) = b.get(i + 1) {
                    let rep = x / 2.0 + y / 2.0;
                    if !(rep > x && rep < y) {
                        return None;
                    }
                    col.push(Atom::Between(Some(x), Some(y)), Value::Number(rep), true);
                }
            }
            if input.max.is_none() {
                let last = *b.last()?;
                let rep = last + last.abs().max(1.0);
                if !(rep.is_finite() && rep > last) {
                    return None;
                }
                col.push(Atom::Between(Some(last), None), Value::Number(rep), true);
            }
            col.continuous = Some((start, col.atoms.len()));
        }
        if !strs.is_empty() {
            let mut other = String::from("\u{1}");
            while strs.contains(&other) {
                other.push('\u{1}');
            }
            for s in strs {
                col.push(Atom::Point(Value::String(s.clone())), Value::String(s), true);
            }
            col.push(Atom::OtherString, Value::String(other), false);
        }
        if bools {
            for b in [true, false] {
                col.push(Atom::Point(Value::Bool(b)), Value::Bool(b), true);
            }
        }
        let typed = col.gap.iter().any(|g| *g);
        // With no typed atom, "a value of another type" stands for every non-null value.
        col.push(Atom::OtherType, Value::Array(Vec::new()), !typed);
        col.push(Atom::Null, Value::Null, false);
        Some(col)
    }

    fn push(&mut self, atom: Atom, rep: Value, gap: bool) {
        self.atoms.push(atom);
        self.reps.push(rep);
        self.gap.push(gap);
    }

    fn atom_text(&self, k: usize) -> String {
        match &self.atoms[k] {
            Atom::Point(v) => v.to_string(),
            Atom::Between(None, None) => "any number".into(),
            Atom::Between(None, Some(h)) => format!("< {}", number_text(*h)),
            Atom::Between(Some(l), None) => format!("> {}", number_text(*l)),
            Atom::Between(Some(l), Some(h)) => format!("in ({}..{})", number_text(*l), number_text(*h)),
            Atom::OtherString => "another string".into(),
            // With no typed atom in the column it stands for every non-null value.
            Atom::OtherType if self.gap[k] => "not null".into(),
            Atom::OtherType => "a value of another type".into(),
            Atom::Null => "null".into(),
        }
    }

    /// The atoms in `set` as FEEL-like text: runs on the number line merge into ranges.
    fn describe(&self, set: &[bool]) -> String {
        let mut parts = Vec::new();
        let mut k = 0;
        while k < self.atoms.len() {
            if !set[k] {
                k += 1;
                continue;
            }
            if let Some((_, e)) = self.continuous.filter(|(s, e)| k >= *s && k < *e) {
                let mut end = k;
                while end + 1 < e && set[end + 1] {
                    end += 1;
                }
                parts.push(self.interval_text(k, end));
                k = end + 1;
            } else {
                parts.push(self.atom_text(k));
                k += 1;
            }
        }
        parts.join(" or ")
    }

    /// The union of number-line atoms `a..=b` as one range.
    fn interval_text(&self, a: usize, b: usize) -> String {
        let (lo, lo_closed) = match &self.atoms[a] {
            Atom::Point(Value::Number(x)) => (Some(*x), true),
            Atom::Between(l, _) => (*l, false),
            _ => (None, false),
        };
        let (hi, hi_closed) = match &self.atoms[b] {
            Atom::Point(Value::Number(x)) => (Some(*x), true),
            Atom::Between(_, h) => (*h, false),
            _ => (None, false),
        };
        match (lo, hi) {
            (None, None) => "any number".into(),
            (None, Some(h)) => format!("{} {}", if hi_closed { "<=" } else { "<" }, number_text(h)),
            (Some(l), None) => format!("{} {}", if lo_closed { ">=" } else { ">" }, number_text(l)),
            (Some(l), Some(h)) if l == h => number_text(l),
            (Some(l), Some(h)) => format!(
                "in {}{}..{}{}",
                if lo_closed { "[" } else { "(" },
                number_text(l),
                number_text(h),
                if hi_closed { "]" } else { ")" }
            ),
        }
    }
}

struct Search<'a> {
    boxes: &'a [Vec<Vec<bool>>],
    budget: usize,
}

struct Exhausted;

impl Search<'_> {
    /// Regions inside `region` (columns `c..` still whole) that none of `rules` covers, up to
    /// `limit`; each region is one atom set per column. Groups atoms by which rules cover them.
    fn uncovered(
        &mut self,
        c: usize,
        region: &mut Vec<Vec<bool>>,
        rules: &[usize],
        out: &mut Vec<Vec<Vec<bool>>>,
        limit: usize,
    ) -> Result<(), Exhausted> {
        if self.budget == 0 {
            return Err(Exhausted);
        }
        self.budget -= 1;
        if out.len() >= limit || region.iter().any(|set| !set.iter().any(|x| *x)) {
            return Ok(());
        }
        if rules.is_empty() {
            out.push(region.clone());
            return Ok(());
        }
        if c == region.len() {
            return Ok(());
        }
        let mut groups: Vec<(Vec<usize>, Vec<bool>)> = Vec::new();
        for a in 0..region[c].len() {
            if !region[c][a] {
                continue;
            }
            let key: Vec<usize> = rules.iter().copied().filter(|&r| self.boxes[r][c][a]).collect();
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, atoms)) => atoms[a] = true,
                None => {
                    let mut atoms = vec![false; region[c].len()];
                    atoms[a] = true;
                    groups.push((key, atoms));
                }
            }
        }
        let saved = region[c].clone();
        for (key, atoms) in groups {
            region[c] = atoms;
            let r = self.uncovered(c + 1, region, &key, out, limit);
            if r.is_err() {
                region[c] = saved;
                return r;
            }
        }
        region[c] = saved;
        Ok(())
    }
}
