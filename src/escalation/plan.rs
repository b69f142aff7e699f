//! The escalation plan (issue 5 item 4): from an assessment, a rulebook and the moment the
//! event was detected, the response level, the agencies activated, the notification deadlines
//! as clock times, the data each agency shares and receives, the measures in force and when the
//! response can stand down. Every line carries the trace of the rule that put it there.
//!
//! # Input
//!
//! `escalate(assessment, options)`: the assessment as JSON (a serialised
//! [`Assessment`](crate::Assessment); fields are read by path, so the plan does not depend on
//! its Rust type), and
//!
//! ```jsonc
//! {
//!   "rulebook": { … },                       // optional: the default rulebook when absent or null
//!   "detectedAt": "2026-11-25T09:00:00+08:00", // ISO 8601 with an explicit offset (or Z)
//!   "timeZone": "Asia/Shanghai",             // optional, the default; or "UTC", or "+08:00"
//!   "facts": { "crossBorderLink": true },    // optional: read as facts.<id>
//!   "events": { "clustersLast14Days": 3 }    // optional: the situation's events (events.<key>)
//! }
//! ```
//!
//! **Time zones**: fixed offsets only. `Asia/Shanghai` is UTC+08:00 (China has kept no daylight
//! saving time since 1991); `UTC`/`Etc/UTC` is +00:00; `±HH:MM` (or `UTC±HH:MM`) any fixed offset.
//! Other IANA names are refused rather than guessed. Deadlines are shown in the plan's zone.
//!
//! # Output
//!
//! See [`Plan`]. `trace` on every line: `{ table, rule, path, inputs: [{ input, field, value,
//! test, passed }] }`; `table` is null for rulebook entries (activation, notifications, sharing,
//! measures), whose `rule` is the entry's id, `path` its place in the rulebook and `inputs` its
//! `when` tests.

use serde::Serialize;

use super::feel::Value;
use super::hash::rulebook_hash;
use super::jsontext::{json_to_value, parse_json, value_to_json};
use super::rulebook::{Aspect, Condition, Label, Role, Rulebook, LEVELS};
use super::table::{CellTrace, HitPolicy, RuleTrace};
use crate::date::Date;
use crate::error::{Code, InputError, Path, Problem, Problems};
use crate::json::Json;
use crate::read;

/// The bundled rulebook (Zhangjiagang under Suzhou, Jiangsu), as JSON text.
pub const DEFAULT_RULEBOOK: &str = include_str!("default-rulebook.json");

/// The bundled rulebook as [`Json`].
pub fn default_rulebook() -> Json {
    // The file is tested to parse and validate; a failure here is a build defect.
    parse_json(DEFAULT_RULEBOOK).unwrap_or(Json::Null)
}

/// Why a plan line is there.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Trace {
    /// The decision table's id, or null for a rulebook entry.
    pub table: Option<String>,
    /// The table rule's `_id`, or the entry's `id`.
    pub rule: String,
    /// Where it is in the rulebook, e.g. `tables[0].rules[2]` or `notifications[3]`.
    pub path: String,
    /// The values read and the tests they passed.
    pub inputs: Vec<CellTrace>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub rulebook: RulebookRef,
    /// `detectedAt` as given, re-expressed in the plan's time zone.
    pub detected_at: String,
    pub time_zone: TimeZoneOut,
    pub level: LevelDecision,
    pub agencies: AgenciesByAspect,
    /// Every deadline in time order (then rulebook order).
    pub timeline: Vec<Deadline>,
    /// Per agency involved: what it must share and what it receives.
    pub sharing: Vec<AgencySharing>,
    pub measures: Vec<MeasureInForce>,
    pub stand_down: StandDownPlan,
    /// Every table evaluated, with its full trace.
    pub tables: Vec<TableRun>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RulebookRef {
    pub id: String,
    pub title: Label,
    pub schema_version: u32,
    /// `sha256:<hex>` of the canonical rulebook.
    pub hash: String,
    /// True when the bundled default rulebook was used (passed in unchanged, or not passed).
    pub default: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeZoneOut {
    pub name: String,
    /// e.g. `+08:00`.
    pub offset: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LevelDecision {
    /// `"I"`…`"IV"`, or null: no emergency response.
    pub level: Option<String>,
    /// The verdict's level, for comparison.
    pub verdict_level: Option<String>,
    /// `table` when a rulebook table set it, `verdict` when it defaulted to the verdict.
    pub decided_by: &'static str,
    /// The agencies leading at this level.
    pub lead: Vec<AgencyRef>,
    pub trace: Vec<Trace>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgencyRef {
    pub id: String,
    pub name: Label,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct AgenciesByAspect {
    pub government: Vec<ActiveAgency>,
    pub medical: Vec<ActiveAgency>,
    pub network: Vec<ActiveAgency>,
    pub publicity: Vec<ActiveAgency>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActiveAgency {
    pub id: String,
    pub name: Label,
    pub aspect: Aspect,
    pub jurisdiction: String,
    pub contact: Label,
    /// `lead` when any matching activation entry makes it lead.
    pub role: Role,
    pub tasks: Vec<Label>,
    pub trace: Vec<Trace>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    /// The notification's id.
    pub id: String,
    pub from: AgencyRef,
    pub to: Vec<AgencyRef>,
    /// When the clock starts (ISO 8601 in the plan's zone).
    pub starts_at: String,
    /// The notification whose deadline starts this clock (the sender must have been told by
    /// then), or null: it starts at `detectedAt`.
    pub starts_after: Option<String>,
    pub within_minutes: f64,
    /// The deadline (ISO 8601 in the plan's zone), its date and its clock time `HH:MM`.
    pub deadline: String,
    pub date: String,
    pub clock: String,
    pub basis: Label,
    pub source: Option<String>,
    /// A notice an official can copy, in both languages.
    pub text: Label,
    pub trace: Vec<Trace>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgencySharing {
    pub agency: AgencyRef,
    pub shares: Vec<SharedItem>,
    pub receives: Vec<SharedItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SharedItem {
    pub item: String,
    pub label: Label,
    /// For `shares`: the recipients; for `receives`: the sender.
    pub with: Vec<AgencyRef>,
    pub trace: Vec<Trace>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeasureInForce {
    pub id: String,
    pub label: Label,
    pub aspect: Aspect,
    pub agency: Option<AgencyRef>,
    /// The stand-down rule for lifting it, and its state in the assessment.
    pub stand_down: Option<StandDownState>,
    pub source: Option<String>,
    pub trace: Vec<Trace>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StandDownState {
    pub rule: String,
    pub holds: Option<bool>,
    /// The day it will hold if no new case appears (null when it holds or cannot be dated).
    pub holds_on: Option<String>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StandDownPlan {
    /// The rule that ends the response (the rulebook's `standDown`).
    pub rule: String,
    pub holds: Option<bool>,
    /// The earliest day the response can stand down: `asOf` when the rule holds, else its
    /// `holdsOn`; null when it cannot be dated.
    pub earliest_date: Option<String>,
    pub days_since_last_local_case: Option<f64>,
    /// Every stand-down condition from the assessment (`frameworks.standDown.conditions`).
    pub conditions: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TableRun {
    pub id: String,
    pub result: Value,
    pub trace: Vec<RuleTrace>,
}

/// A fixed-offset time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeZone {
    pub name: String,
    pub offset_minutes: i64,
}

impl TimeZone {
    pub fn shanghai() -> Self {
        TimeZone { name: "Asia/Shanghai".into(), offset_minutes: 480 }
    }

    /// `Asia/Shanghai`, `UTC`, `Etc/UTC`, `±HH:MM`, `UTC±HH:MM`.
    pub fn parse(s: &str) -> Option<TimeZone> {
        match s {
            "Asia/Shanghai" | "Asia/Chongqing" | "PRC" => {
                return Some(TimeZone { name: s.into(), offset_minutes: 480 });
            }
            "UTC" | "Etc/UTC" | "Z" => return Some(TimeZone { name: s.into(), offset_minutes: 0 }),
            _ => {}
        }
        let rest = s.strip_prefix("UTC").unwrap_or(s);
        parse_offset(rest).map(|m| TimeZone { name: s.into(), offset_minutes: m })
    }
}

fn parse_offset(s: &str) -> Option<i64> {
    if s == "Z" {
        return Some(0);
    }
    let b = s.as_bytes();
    if b.len() != 6 || b[3] != b':' || !(b[0] == b'+' || b[0] == b'-') {
        return None;
    }
    let h: i64 = s[1..3].parse().ok().filter(|_| s[1..3].bytes().all(|c| c.is_ascii_digit()))?;
    let m: i64 = s[4..6].parse().ok().filter(|_| s[4..6].bytes().all(|c| c.is_ascii_digit()))?;
    if h > 14 || m > 59 {
        return None;
    }
    Some(if b[0] == b'-' { -(h * 60 + m) } else { h * 60 + m })
}

/// An instant as seconds since 1970-01-01T00:00Z, parsed from ISO 8601 with an explicit offset:
/// `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`. Fractions of a second are dropped.
pub fn parse_instant(s: &str) -> Option<i64> {
    let (date, rest) = s.split_at_checked(10)?;
    let d = Date::parse(date)?;
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix('t')).or_else(|| rest.strip_prefix(' '))?;
    let split = rest.find(['Z', 'z', '+', '-'])?;
    let (time, zone) = rest.split_at(split);
    let offset = parse_offset(&zone.replace('z', "Z"))?;
    let digits = |t: &str| t.len() == 2 && t.bytes().all(|c| c.is_ascii_digit());
    let parts: Vec<&str> = time.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [h, m] if digits(h) && digits(m) => (h.parse::<i64>().ok()?, m.parse::<i64>().ok()?, 0),
        [h, m, s] if digits(h) && digits(m) => {
            let whole = s.split('.').next()?;
            let frac_ok = fraction_ok(s.split('.').nth(1));
            if !digits(whole) || !frac_ok {
                return None;
            }
            (h.parse::<i64>().ok()?, m.parse::<i64>().ok()?, whole.parse::<i64>().ok()?)
        }
        _ => return None,
    };
    if h > 23 || m > 59 || sec > 59 {
        return None;
    }
    Some(d.0 * 86_400 + h * 3600 + m * 60 + sec - offset * 60)
}

/// A fraction of a second: absent, or one digit or more.
fn fraction_ok(f: Option<&str>) -> bool {
    match f {
        None => true,
        Some(f) => !f.is_empty() && f.bytes().all(|c| c.is_ascii_digit()),
    }
}

/// `(ISO 8601 with offset, YYYY-MM-DD, HH:MM)` of an instant in `tz`.
pub fn format_instant(secs: i64, tz: &TimeZone) -> (String, String, String) {
    let local = secs + tz.offset_minutes * 60;
    let day = local.div_euclid(86_400);
    let in_day = local.rem_euclid(86_400);
    let (h, m, s) = (in_day / 3600, in_day % 3600 / 60, in_day % 60);
    let date = Date(day).to_string();
    let clock = format!("{h:02}:{m:02}");
    (format!("{date}T{h:02}:{m:02}:{s:02}{}", offset_text(tz.offset_minutes)), date, clock)
}

fn offset_text(minutes: i64) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let a = minutes.abs();
    format!("{sign}{:02}:{:02}", a / 60, a % 60)
}

const OPTION_KEYS: &[&str] = &["rulebook", "detectedAt", "timeZone", "facts", "events"];

/// Builds the plan; every problem in the options, the rulebook (`options.rulebook…` paths) or
/// the assessment fields it reads (`assessment…`).
pub fn escalate(assessment: &Json, options: &Json) -> Result<Plan, InputError> {
    let mut p = Problems::new();
    let op = Path::root().key("options");
    let sized = crate::limits::check(assessment, &Path::root().key("assessment"), 1, &mut p);
    if !(crate::limits::check(options, &op, 1, &mut p) && sized) {
        return Err(p.finish(()).unwrap_err());
    }
    let Some(o) = read::object(options, &op, OPTION_KEYS, &mut p) else { return Err(p.finish(()).unwrap_err()) };
    // Read as a whole (tables and conditions may read any field): no NaN or infinity anywhere.
    crate::limits::check_finite(assessment, &Path::root().key("assessment"), &mut p);
    for key in ["facts", "events"] {
        if let Some(v) = read::field(o, key) {
            crate::limits::check_finite(v, &op.key(key), &mut p);
        }
    }
    if !matches!(assessment, Json::Object(_)) {
        p.push(
            Code::InvalidType,
            &Path::root().key("assessment"),
            format!("expected an object, found {}", assessment.kind()),
        );
    }
    let detected = read::required(o, "detectedAt", &op, &mut p).and_then(|v| {
        let s = read::string(v, &op.key("detectedAt"), &mut p)?;
        let t = parse_instant(&s);
        if t.is_none() {
            p.push(
                Code::InvalidDate,
                &op.key("detectedAt"),
                format!("expected a date and time with its offset, e.g. 2026-11-25T09:00:00+08:00, found \"{s}\""),
            );
        }
        t
    });
    let tz = match read::field(o, "timeZone") {
        None => Some(TimeZone::shanghai()),
        Some(v) => read::string(v, &op.key("timeZone"), &mut p).and_then(|s| {
            let tz = TimeZone::parse(&s);
            if tz.is_none() {
                p.push(
                    Code::InvalidValue,
                    &op.key("timeZone"),
                    format!("\"{s}\" is not supported: use Asia/Shanghai, UTC or a fixed offset such as +08:00"),
                );
            }
            tz
        }),
    };
    let facts = match read::field(o, "facts") {
        None => Json::Object(Vec::new()),
        Some(v @ Json::Object(_)) => v.clone(),
        Some(v) => {
            p.push(Code::InvalidType, &op.key("facts"), format!("expected an object, found {}", v.kind()));
            Json::Null
        }
    };
    let events = match read::field(o, "events") {
        None => assessment.get("events").cloned().unwrap_or(Json::Null),
        Some(v @ Json::Object(_)) => v.clone(),
        Some(v) => {
            p.push(Code::InvalidType, &op.key("events"), format!("expected an object, found {}", v.kind()));
            Json::Null
        }
    };
    let verdict_level = match assessment.get("verdict").and_then(|v| v.get("level")) {
        None | Some(Json::Null) => None,
        Some(Json::String(s)) if LEVELS.contains(&s.as_str()) => Some(s.clone()),
        Some(other) => {
            p.push(
                Code::InvalidValue,
                &Path::root().key("assessment").key("verdict").key("level"),
                format!("expected \"I\", \"II\", \"III\", \"IV\" or null, found {}", other.kind()),
            );
            None
        }
    };
    // A rulebook passed in is "the default" when its content hash is the bundled one's.
    let (book, is_default) = match read::field(o, "rulebook") {
        None => (Rulebook::from_json(&default_rulebook()), true),
        Some(v) => {
            static DEFAULT_HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
            let default_hash = DEFAULT_HASH.get_or_init(|| rulebook_hash(&default_rulebook()));
            (Rulebook::from_json(v), rulebook_hash(v) == *default_hash)
        }
    };
    let mut rulebook_problems: Vec<Problem> = Vec::new();
    let book = match book {
        Ok(b) => Some(b),
        Err(e) => {
            for pr in e.problems {
                let path = if pr.path.is_empty() {
                    "options.rulebook".to_string()
                } else if pr.path.starts_with('[') {
                    format!("options.rulebook{}", pr.path)
                } else {
                    format!("options.rulebook.{}", pr.path)
                };
                rulebook_problems.push(Problem { path, ..pr });
            }
            None
        }
    };
    let mut problems = p.into_vec();
    problems.extend(rulebook_problems);
    let (Some(detected), Some(tz), Some(book), true) = (detected, tz, book, problems.is_empty()) else {
        return Err(InputError { problems });
    };
    Ok(build(assessment, &book, is_default, detected, &tz, facts, events, verdict_level))
}

/// The object tables and conditions read.
fn context(assessment: &Json, facts: Json, events: Json) -> Json {
    let mut pairs: Vec<(String, Json)> = match assessment {
        Json::Object(p) => p
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "facts" | "events" | "response" | "tables"))
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    pairs.push(("events".into(), events));
    pairs.push(("facts".into(), facts));
    Json::Object(pairs)
}

fn lookup<'a>(ctx: &'a Json, path: &[String]) -> &'a Json {
    static NULL: Json = Json::Null;
    let mut cur = ctx;
    for seg in path {
        match cur.get(seg) {
            Some(v) => cur = v,
            None => return &NULL,
        }
    }
    cur
}

/// Deep-merges `value` (an object) into `ctx`.
fn merge(ctx: &mut Json, value: &Json) {
    let (Json::Object(dst), Json::Object(src)) = (ctx, value) else { return };
    for (k, v) in src {
        match dst.iter_mut().find(|(dk, _)| dk == k) {
            Some((_, d)) if matches!(d, Json::Object(_)) && matches!(v, Json::Object(_)) => merge(d, v),
            Some((_, d)) => *d = v.clone(),
            None => dst.push((k.clone(), v.clone())),
        }
    }
}

fn set_path(ctx: &mut Json, path: &[&str], value: Json) {
    let mut obj = value;
    for seg in path.iter().rev() {
        obj = Json::Object(vec![(seg.to_string(), obj)]);
    }
    merge(ctx, &obj);
}

/// Tests `when` against the context: whether all pass, and the trace.
fn check(when: &[Condition], ctx: &Json) -> (bool, Vec<CellTrace>) {
    let mut all = true;
    let mut cells = Vec::new();
    for c in when {
        let value = Value::from_json(lookup(ctx, &c.path)).unwrap_or(Value::Null);
        let passed = c.tests.matches(&value);
        all &= passed;
        cells.push(CellTrace { input: c.field.clone(), field: c.field.clone(), value, test: c.test.clone(), passed });
    }
    (all, cells)
}

fn entry_trace(id: &str, path: String, inputs: Vec<CellTrace>) -> Trace {
    Trace { table: None, rule: id.to_string(), path, inputs }
}

#[allow(clippy::too_many_arguments)]
fn build(
    assessment: &Json,
    book: &Rulebook,
    is_default: bool,
    detected: i64,
    tz: &TimeZone,
    facts: Json,
    events: Json,
    verdict_level: Option<String>,
) -> Plan {
    let mut notes = Vec::new();
    let mut ctx = context(assessment, facts, events);
    let aref =
        |id: &str| AgencyRef { id: id.to_string(), name: book.agency(id).map(|a| a.name.clone()).unwrap_or_default() };

    // Tables, in order; their results join the context.
    let mut runs = Vec::new();
    let mut level_from_table: Option<(String, Trace)> = None;
    for (i, t) in book.tables.iter().enumerate() {
        let id = t.id.clone().unwrap_or_default();
        match t.evaluate(&ctx) {
            Ok(e) => {
                let result = value_to_json(&e.result);
                match (&result, t.hit_policy, t.aggregation) {
                    (Json::Array(_), HitPolicy::Collect, None) => set_path(&mut ctx, &["tables", &id], result.clone()),
                    (Json::Object(_), _, _) => merge(&mut ctx, &result),
                    _ => {}
                }
                if let Some(Json::String(level)) = result.get("response").and_then(|r| r.get("level")) {
                    if let Some(rt) = e.trace.iter().find(|r| r.selected) {
                        let trace = Trace {
                            table: Some(id.clone()),
                            rule: rt.rule.clone(),
                            path: format!("tables[{i}].rules[{}]", rt.index),
                            inputs: rt.inputs.clone(),
                        };
                        level_from_table = Some((level.clone(), trace));
                    }
                }
                runs.push(TableRun { id, result: e.result, trace: e.trace });
            }
            Err(err) => {
                notes.push(format!("table \"{id}\" could not be evaluated: {}", err.summary()));
                runs.push(TableRun { id, result: Value::Null, trace: Vec::new() });
            }
        }
    }

    // The level: the tables' response.level, else the verdict's.
    let (level, decided_by, level_trace) = match level_from_table {
        Some((l, t)) => (Some(l), "table", t),
        None => {
            let value = verdict_level.clone().map_or(Value::Null, Value::String);
            let trace = Trace {
                table: None,
                rule: "default-to-verdict".into(),
                path: String::new(),
                inputs: vec![CellTrace {
                    input: "verdict".into(),
                    field: "verdict.level".into(),
                    value,
                    test: String::new(),
                    passed: true,
                }],
            };
            (verdict_level.clone(), "verdict", trace)
        }
    };
    set_path(&mut ctx, &["response", "level"], level.clone().map_or(Json::Null, Json::String));

    // Agencies activated.
    let mut active: Vec<ActiveAgency> = Vec::new();
    for (i, a) in book.activation.iter().enumerate() {
        let (ok, cells) = check(&a.when, &ctx);
        if !ok {
            continue;
        }
        let Some(agency) = book.agency(&a.agency) else { continue };
        let trace = entry_trace(&a.id, format!("activation[{i}]"), cells);
        match active.iter_mut().find(|x| x.id == a.agency) {
            Some(x) => {
                if a.role == Role::Lead {
                    x.role = Role::Lead;
                }
                for t in &a.tasks {
                    if !x.tasks.contains(t) {
                        x.tasks.push(t.clone());
                    }
                }
                x.trace.push(trace);
            }
            None => active.push(ActiveAgency {
                id: agency.id.clone(),
                name: agency.name.clone(),
                aspect: agency.aspect,
                jurisdiction: agency.jurisdiction.clone(),
                contact: agency.contact.clone(),
                role: a.role,
                tasks: a.tasks.clone(),
                trace: vec![trace],
            }),
        }
    }
    // Rulebook order of agencies, leads first within an aspect.
    let order = |id: &str| book.agencies.iter().position(|a| a.id == id).unwrap_or(usize::MAX);
    active.sort_by_key(|a| (a.role != Role::Lead, order(&a.id)));
    let lead: Vec<AgencyRef> = active.iter().filter(|a| a.role == Role::Lead).map(|a| aref(&a.id)).collect();
    let mut agencies = AgenciesByAspect::default();
    for a in active {
        match a.aspect {
            Aspect::Government => agencies.government.push(a),
            Aspect::Medical => agencies.medical.push(a),
            Aspect::Network => agencies.network.push(a),
            Aspect::Publicity => agencies.publicity.push(a),
        }
    }

    // Notifications: clocks start when the sender must have been told.
    let live: Vec<(usize, Vec<CellTrace>)> = book
        .notifications
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            let (ok, cells) = check(&n.when, &ctx);
            ok.then_some((i, cells))
        })
        .collect();
    let n = book.notifications.len();
    let mut deadline: Vec<Option<i64>> = vec![None; n];
    let mut start_after: Vec<Option<usize>> = vec![None; n];
    // Longest chains settle in at most n rounds (the graph has no cycle: validated).
    for _ in 0..=n {
        let mut changed = false;
        for (i, _) in &live {
            let note = &book.notifications[*i];
            let incoming: Vec<usize> =
                live.iter().map(|(j, _)| *j).filter(|j| book.notifications[*j].to.contains(&note.from)).collect();
            let (start, after) = if incoming.is_empty() {
                (Some(detected), None)
            } else {
                let best = incoming.iter().filter_map(|j| deadline[*j].map(|d| (d, *j))).min();
                match best {
                    Some((d, j)) => (Some(d), Some(j)),
                    None => (None, None),
                }
            };
            if let Some(s) = start {
                let d = s + (note.within_minutes * 60.0).round() as i64;
                if deadline[*i] != Some(d) {
                    deadline[*i] = Some(d);
                    start_after[*i] = after;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut timeline = Vec::new();
    for (i, cells) in live {
        let note = &book.notifications[i];
        let Some(d) = deadline[i] else {
            notes.push(format!("notification \"{}\" could not be timed (its sender is never told)", note.id));
            continue;
        };
        let start = d - (note.within_minutes * 60.0).round() as i64;
        let (deadline_iso, date, clock) = format_instant(d, tz);
        let from = aref(&note.from);
        let to: Vec<AgencyRef> = note.to.iter().map(|t| aref(t)).collect();
        let zh_to: Vec<&str> = to.iter().map(|a| a.name.zh.as_str()).collect();
        let en_to: Vec<&str> = to.iter().map(|a| a.name.en.as_str()).collect();
        let text = Label {
            zh: format!("{}须于{} {}前向{}报告（{}）。", from.name.zh, date, clock, zh_to.join("、"), note.basis.zh),
            en: format!(
                "{} must report to {} by {} on {} ({}).",
                from.name.en,
                en_to.join(", "),
                clock,
                date,
                note.basis.en
            ),
        };
        timeline.push((
            d,
            i,
            Deadline {
                id: note.id.clone(),
                from,
                to,
                starts_at: format_instant(start, tz).0,
                starts_after: start_after[i].map(|j| book.notifications[j].id.clone()),
                within_minutes: note.within_minutes,
                deadline: deadline_iso,
                date,
                clock,
                basis: note.basis.clone(),
                source: note.source.clone(),
                text,
                trace: vec![entry_trace(&note.id, format!("notifications[{i}]"), cells)],
            },
        ));
    }
    timeline.sort_by_key(|(d, i, _)| (*d, *i));
    let timeline: Vec<Deadline> = timeline.into_iter().map(|(_, _, x)| x).collect();

    // Sharing.
    let mut sharing: Vec<AgencySharing> = Vec::new();
    let slot = |sharing: &mut Vec<AgencySharing>, id: &str| -> usize {
        match sharing.iter().position(|s| s.agency.id == id) {
            Some(k) => k,
            None => {
                sharing.push(AgencySharing { agency: aref(id), shares: Vec::new(), receives: Vec::new() });
                sharing.len() - 1
            }
        }
    };
    for (i, s) in book.sharing.iter().enumerate() {
        let (ok, cells) = check(&s.when, &ctx);
        if !ok {
            continue;
        }
        let label = book.data_items.iter().find(|d| d.id == s.item).map(|d| d.label.clone()).unwrap_or_default();
        let trace = entry_trace(&s.id, format!("sharing[{i}]"), cells);
        let k = slot(&mut sharing, &s.from);
        sharing[k].shares.push(SharedItem {
            item: s.item.clone(),
            label: label.clone(),
            with: s.to.iter().map(|t| aref(t)).collect(),
            trace: vec![trace.clone()],
        });
        for t in &s.to {
            let k = slot(&mut sharing, t);
            sharing[k].receives.push(SharedItem {
                item: s.item.clone(),
                label: label.clone(),
                with: vec![aref(&s.from)],
                trace: vec![trace.clone()],
            });
        }
    }
    sharing.sort_by_key(|s| order(&s.agency.id));

    // Stand-down.
    let sd = assessment.get("frameworks").and_then(|f| f.get("standDown"));
    let conditions = sd.and_then(|s| s.get("conditions")).cloned().unwrap_or(Json::Null);
    let as_of = sd.and_then(|s| s.get("asOf")).and_then(json_str);
    let state = |rule: &str| -> StandDownState {
        let c = match &conditions {
            Json::Array(items) => items.iter().find(|c| c.get("rule").and_then(json_str).as_deref() == Some(rule)),
            _ => None,
        };
        StandDownState {
            rule: rule.to_string(),
            holds: c.and_then(|c| match c.get("holds") {
                Some(Json::Bool(b)) => Some(*b),
                _ => None,
            }),
            holds_on: c.and_then(|c| c.get("holdsOn")).and_then(json_str),
            text: c.and_then(|c| c.get("text")).and_then(json_str),
        }
    };
    let measures: Vec<MeasureInForce> = book
        .measures
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let (ok, cells) = check(&m.when, &ctx);
            ok.then(|| MeasureInForce {
                id: m.id.clone(),
                label: m.label.clone(),
                aspect: m.aspect,
                agency: m.agency.as_deref().map(aref),
                stand_down: m.stand_down.as_deref().map(state),
                source: m.source.clone(),
                trace: vec![entry_trace(&m.id, format!("measures[{i}]"), cells)],
            })
        })
        .collect();
    let main = state(&book.stand_down);
    if sd.is_none() {
        notes.push("the assessment has no frameworks.standDown: the stand-down date is unknown".into());
    }
    let stand_down = StandDownPlan {
        rule: book.stand_down.clone(),
        holds: main.holds,
        earliest_date: if main.holds == Some(true) { as_of } else { main.holds_on.clone() },
        days_since_last_local_case: sd.and_then(|s| match s.get("daysSinceLastLocalCase") {
            Some(Json::Number(x)) => Some(*x),
            _ => None,
        }),
        conditions: json_to_value(&conditions),
    };
    if level.is_none() {
        notes.push(
            "no response level is recommended: only the notifications and entries whose conditions hold are listed"
                .into(),
        );
    }

    Plan {
        rulebook: RulebookRef {
            id: book.id.clone(),
            title: book.title.clone(),
            schema_version: book.schema_version,
            hash: rulebook_hash(&book.json),
            default: is_default,
        },
        detected_at: format_instant(detected, tz).0,
        time_zone: TimeZoneOut { name: tz.name.clone(), offset: offset_text(tz.offset_minutes) },
        level: LevelDecision { level, verdict_level, decided_by, lead, trace: vec![level_trace] },
        agencies,
        timeline,
        sharing,
        measures,
        stand_down,
        tables: runs,
        notes,
    }
}

fn json_str(j: &Json) -> Option<String> {
    match j {
        Json::String(s) => Some(s.clone()),
        _ => None,
    }
}
