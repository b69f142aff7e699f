//! Rulebooks (issue 5 items 1 and 3): who leads, who must be told by when, who shares what,
//! and which measures apply, as JSON that officials own, edit and audit.
//!
//! # Wire shape (`schemaVersion` 1)
//!
//! ```jsonc
//! {
//!   "schemaVersion": 1,
//!   "id": "cn-zhangjiagang",                       // the rulebook's id
//!   "title": { "zh": "…", "en": "…" },             // every label is { zh, en }
//!   "jurisdiction": {
//!     "region":     { "id": "zhangjiagang", "name": {…}, "level": "county" },
//!     "parents":    [{ "id": "suzhou", "name": {…}, "level": "prefecture" }, …],   // upwards
//!     "neighbours": [{ "id": "changshu", "name": {…}, "level": "county",
//!                      "relation": "adjacent" }]    // adjacent | across-river | across-provincial-border
//!   },                                              // level: township | county | prefecture | province | national
//!   "facts": [{ "id": "crossBorderLink", "label": {…}, "type": "boolean" }],      // read as facts.<id>
//!   "dataItems": [{ "id": "case-list", "label": {…} }],
//!   "agencies": [{ "id": "zjg-health", "name": {…}, "aspect": "medical",          // government | medical | network | publicity
//!                  "jurisdiction": "zhangjiagang", "contact": {…} }],
//!   "tables": [ /* decision tables, ZEN shape (see `table`), each with an `id` */ ],
//!   "activation": [{ "id": "a1", "agency": "zjg-health", "role": "lead",        // lead | support
//!                    "when": { "response.level": "\"IV\"" }, "tasks": [{…}] }],
//!   "notifications": [{ "id": "n1", "from": "zjg-hospitals", "to": ["zjg-health"],
//!                       "within": { "hours": 2 },                               // or { "minutes": 30 }
//!                       "when": { … }, "basis": {…} }],
//!   "sharing": [{ "id": "s1", "item": "case-list", "from": "zjg-cdc", "to": ["zjg-health"], "when": { … } }],
//!   "measures": [{ "id": "m1", "label": {…}, "aspect": "medical", "agency": "zjg-health",   // agency optional
//!                  "when": { … }, "standDown": "incubation-period" }],          // optional
//!   "reportingChains": [{ "id": "statutory", "from": "zjg-hospitals", "mustReach": "national" }],
//!   "standDown": "incubation-period"                  // optional: the rule that ends the response
//! }
//! ```
//!
//! Every entry may carry `source`: the cited text it comes from, or `"illustrative"`.
//!
//! **Conditions** (`when`): an object from a dotted field to a FEEL unary test, as a table's input
//! cell (`"\"III\", \"IV\""`, `"true"`, `">= 3"`); every one must match (an absent or empty
//! `when` always matches). Tables and conditions read the **context**: the assessment's fields
//! (`verdict.level`, `frameworks.cdcTransmission.level`, … see [`ASSESSMENT_FIELDS`]), `events.*`
//! (the situation's events), `facts.<id>` (declared in `facts`), and what earlier tables wrote
//! (their output fields, e.g. `response.level`). Conditions may also read `response.level`: the
//! recommended level (the tables' `response.level`, else the verdict's).
//!
//! **Tables** run in order; a table's result (an object) is merged into the context, so a later
//! table or condition can read its outputs. A `collect` table without aggregation puts its list
//! at `tables.<id>`.
//!
//! **Notification clocks**: a notification's deadline counts from the moment its sender must
//! have been told (the earliest deadline of the active notifications to it), or from
//! `detectedAt` when none is active.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

use super::feel::{parse_unary_tests, UnaryTests, Value};
use super::table::Table;
use super::validate::{validate_table, Diagnostic, FactSchema, Severity};
use crate::error::{Code, InputError, Path, Problem, Problems};
use crate::json::Json;
use crate::read;

/// The rulebook format this build reads.
pub const SCHEMA_VERSION: f64 = 1.0;

/// The response levels, most severe first.
pub const LEVELS: [&str; 4] = ["I", "II", "III", "IV"];

/// The stand-down rules an assessment reports (`frameworks.standDown.conditions[].rule`).
pub const STAND_DOWN_RULES: [&str; 4] =
    ["incubation-period", "ninth-edition-high-to-medium", "ninth-edition-to-low", "twenty-measures-high-to-low"];

/// Assessment fields that tables and conditions may read (a test keeps them in step with the
/// serialised assessment).
pub const ASSESSMENT_FIELDS: &[&str] = &[
    "asOf",
    "region.name",
    "region.kind",
    "region.population",
    "verdict.level",
    "verdict.severity",
    "verdict.colour",
    "verdict.precautionary",
    "composite.score",
    "composite.level",
    "composite.severity",
    "frameworks.chinaEventGrade.level",
    "frameworks.chinaEventGrade.severity",
    "frameworks.chinaEventGrade.atLeast",
    "frameworks.chinaRiskArea2020.level",
    "frameworks.chinaRiskArea2020.severity",
    "frameworks.chinaRiskArea2022.level",
    "frameworks.chinaRiskArea2022.severity",
    "frameworks.whoPhsm.level",
    "frameworks.whoPhsm.severity",
    "frameworks.whoPhsm.transmission",
    "frameworks.whoPhsm.capacity",
    "frameworks.cdcTransmission.level",
    "frameworks.cdcTransmission.severity",
    "frameworks.cdcCommunity.level",
    "frameworks.cdcCommunity.severity",
    "frameworks.covidActNow.level",
    "frameworks.covidActNow.severity",
    "frameworks.harvard.level",
    "frameworks.harvard.severity",
    "frameworks.standDown.daysSinceLastLocalCase",
    "frameworks.standDown.lastLocalCaseDate",
    "frameworks.indicators.localCases7d.value",
    "frameworks.indicators.localCases7dPer100k.value",
    "frameworks.indicators.dailyLocalCasesPer100k.value",
    "frameworks.indicators.testPositivity7dPercent.value",
    "frameworks.indicators.admissions7dPer100k.value",
    "frameworks.indicators.bedsOccupiedPercent.value",
    "frameworks.indicators.icuCapacityUsedPercent.value",
    "frameworks.indicators.rt.value",
    "frameworks.indicators.cumulativeLocalCases.value",
    "frameworks.indicators.localCases14d.value",
    "frameworks.indicators.clustersLast14Days.value",
    "frameworks.indicators.daysSinceLastLocalCase.value",
    "signals.cumulativeLocalCases",
    "signals.localCasesLast7Days",
    "signals.incidence7dPer100k",
    "signals.weekOnWeekChange",
    "rt.latest.mean",
    "rt.latest.upper",
    "rt.latest.probabilityAbove1",
    "growth.last7Days.fit.rate",
    "growth.last14Days.fit.rate",
    "projection.bedsOverCapacityDate",
    "projection.icuOverCapacityDate",
];

/// The situation's `events` keys, readable as `events.<key>`.
pub const EVENT_FIELDS: &[&str] = &[
    "disease",
    "diseaseClass",
    "clustersLast14Days",
    "unexplainedClusters",
    "countiesAffected",
    "prefecturesAffected",
    "provincesAffected",
    "casesWithinIncubationPeriod",
    "baselineWeeklyIncidence",
    "newOrImportedDisease",
];

/// A bilingual label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Label {
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Aspect {
    Government,
    Medical,
    Network,
    Publicity,
}

impl Aspect {
    pub const ALL: [&'static str; 4] = ["government", "medical", "network", "publicity"];
    const VALUES: [Aspect; 4] = [Aspect::Government, Aspect::Medical, Aspect::Network, Aspect::Publicity];
}

/// Levels of government, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GovLevel {
    Township,
    County,
    Prefecture,
    Province,
    National,
}

impl GovLevel {
    pub const ALL: [&'static str; 5] = ["township", "county", "prefecture", "province", "national"];
    const VALUES: [GovLevel; 5] =
        [GovLevel::Township, GovLevel::County, GovLevel::Prefecture, GovLevel::Province, GovLevel::National];

    pub fn as_str(self) -> &'static str {
        Self::ALL[self as usize]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Place {
    pub id: String,
    pub name: Label,
    pub level: GovLevel,
    /// Neighbours only: `adjacent`, `across-river`, `across-provincial-border`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Jurisdiction {
    pub region: Place,
    pub parents: Vec<Place>,
    pub neighbours: Vec<Place>,
}

impl Jurisdiction {
    pub fn find(&self, id: &str) -> Option<&Place> {
        std::iter::once(&self.region).chain(&self.parents).chain(&self.neighbours).find(|p| p.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FactDecl {
    pub id: String,
    pub label: Label,
    /// `boolean`, `number` or `string`.
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataItem {
    pub id: String,
    pub label: Label,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Agency {
    pub id: String,
    pub name: Label,
    pub aspect: Aspect,
    /// The id of a place in `jurisdiction`.
    pub jurisdiction: String,
    /// Who to call: the contact role (e.g. the duty office).
    pub contact: Label,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One `when` test: a dotted field and a FEEL unary test.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub field: String,
    pub path: Vec<String>,
    pub test: String,
    pub tests: UnaryTests,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Lead,
    Support,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Activation {
    pub id: String,
    pub agency: String,
    pub role: Role,
    pub when: Vec<Condition>,
    pub tasks: Vec<Label>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub id: String,
    pub from: String,
    pub to: Vec<String>,
    /// The deadline in minutes (> 0).
    pub within_minutes: f64,
    pub when: Vec<Condition>,
    pub basis: Label,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sharing {
    pub id: String,
    pub item: String,
    pub from: String,
    pub to: Vec<String>,
    pub when: Vec<Condition>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub id: String,
    pub label: Label,
    pub aspect: Aspect,
    pub agency: Option<String>,
    pub when: Vec<Condition>,
    /// A stand-down rule (one of [`STAND_DOWN_RULES`]) after which the measure may be lifted.
    pub stand_down: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportingChain {
    pub id: String,
    pub from: String,
    /// A level of government (`national`, …) or a place id the chain must reach.
    pub must_reach: String,
    pub source: Option<String>,
}

/// A rulebook that read without errors; build it with [`Rulebook::from_json`].
#[derive(Debug, Clone, PartialEq)]
pub struct Rulebook {
    pub schema_version: u32,
    pub id: String,
    pub title: Label,
    pub jurisdiction: Jurisdiction,
    pub facts: Vec<FactDecl>,
    pub data_items: Vec<DataItem>,
    pub agencies: Vec<Agency>,
    pub tables: Vec<Table>,
    pub activation: Vec<Activation>,
    pub notifications: Vec<Notification>,
    pub sharing: Vec<Sharing>,
    pub measures: Vec<Measure>,
    pub reporting_chains: Vec<ReportingChain>,
    /// The stand-down rule that ends the response (default `incubation-period`).
    pub stand_down: String,
    /// The JSON it was read from (hashed by `rulebook_hash`).
    pub json: Json,
}

impl Rulebook {
    /// Reads a rulebook, or every error in it (warnings do not stop it) at its JSON path.
    pub fn from_json(value: &Json) -> Result<Rulebook, InputError> {
        let (book, diagnostics) = read_rulebook(value);
        let problems: Vec<Problem> = diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| Problem { code: d.code, path: d.path, message: d.message })
            .collect();
        match book {
            Some(b) if problems.is_empty() => Ok(b),
            _ if problems.is_empty() => Err(InputError {
                problems: vec![Problem {
                    code: Code::Internal,
                    path: String::new(),
                    message: "the rulebook was rejected without a reason".into(),
                }],
            }),
            _ => Err(InputError { problems }),
        }
    }

    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.id == id)
    }
}

/// `validateRulebook`: `{ valid, diagnostics }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RulebookValidation {
    /// No diagnostic is an error.
    pub valid: bool,
    pub diagnostics: Vec<Diagnostic>,
}

/// Every diagnostic for a rulebook: reading problems (errors), each table's diagnostics (paths
/// `tables[i]…`), unknown references, the reporting chain's cycles and dead ends, non-positive
/// deadlines, labels missing a language (warnings).
pub fn validate_rulebook(value: &Json) -> RulebookValidation {
    let (_, diagnostics) = read_rulebook(value);
    RulebookValidation { valid: !diagnostics.iter().any(|d| d.severity == Severity::Error), diagnostics }
}

const ROOT_KEYS: &[&str] = &[
    "schemaVersion",
    "id",
    "title",
    "source",
    "jurisdiction",
    "facts",
    "dataItems",
    "agencies",
    "tables",
    "activation",
    "notifications",
    "sharing",
    "measures",
    "reportingChains",
    "standDown",
];

struct Reader {
    problems: Problems,
    /// (path, character position) of FEEL syntax errors.
    positions: Vec<(String, usize)>,
    extra: Vec<Diagnostic>,
    /// Ids read in `to` lists so far ([`crate::limits::MAX_RECIPIENTS`]).
    recipients: usize,
}

impl Reader {
    fn error(&mut self, code: Code, path: &Path, message: impl Into<String>) {
        self.problems.push(code, path, message);
    }

    fn warn(&mut self, code: Code, path: &Path, message: impl Into<String>) {
        self.extra.push(Diagnostic {
            severity: Severity::Warning,
            code,
            path: path.to_string(),
            message: message.into(),
            position: None,
        });
    }

    fn diag(&mut self, severity: Severity, code: Code, path: &Path, message: impl Into<String>) {
        self.extra.push(Diagnostic { severity, code, path: path.to_string(), message: message.into(), position: None });
    }

    fn string(&mut self, obj: &Json, key: &str, path: &Path) -> Option<String> {
        read::required(obj, key, path, &mut self.problems)
            .and_then(|v| read::string(v, &path.key(key), &mut self.problems))
    }

    fn opt_string(&mut self, obj: &Json, key: &str, path: &Path) -> Option<String> {
        read::field(obj, key).and_then(|v| read::string(v, &path.key(key), &mut self.problems))
    }

    fn label(&mut self, obj: &Json, key: &str, path: &Path) -> Option<Label> {
        let v = read::required(obj, key, path, &mut self.problems)?;
        self.label_value(v, &path.key(key))
    }

    fn label_value(&mut self, v: &Json, at: &Path) -> Option<Label> {
        let o = read::object(v, at, &["zh", "en"], &mut self.problems)?;
        let get = |lang: &str, r: &mut Reader| match read::field(o, lang) {
            Some(Json::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Json::String(_)) | None => None,
            Some(other) => {
                r.error(Code::InvalidType, &at.key(lang), format!("expected a string, found {}", other.kind()));
                None
            }
        };
        let zh = get("zh", self);
        let en = get("en", self);
        match (&zh, &en) {
            (None, None) => {
                self.error(Code::Required, at, "a label needs its Chinese (`zh`) and English (`en`) text");
                None
            }
            (None, Some(_)) => {
                self.warn(Code::MissingTranslation, &at.key("zh"), "the Chinese (`zh`) text of this label is missing");
                Some(Label { zh: String::new(), en: en.unwrap_or_default() })
            }
            (Some(_), None) => {
                self.warn(Code::MissingTranslation, &at.key("en"), "the English (`en`) text of this label is missing");
                Some(Label { zh: zh.unwrap_or_default(), en: String::new() })
            }
            _ => Some(Label { zh: zh.unwrap_or_default(), en: en.unwrap_or_default() }),
        }
    }

    fn one_of(&mut self, obj: &Json, key: &str, path: &Path, options: &[&str]) -> Option<usize> {
        read::required(obj, key, path, &mut self.problems)
            .and_then(|v| read::one_of(v, &path.key(key), options, &mut self.problems))
    }

    /// An array of objects at `key` (absent = empty).
    fn list<'a>(&mut self, obj: &'a Json, key: &str, path: &Path, required: bool) -> &'a [Json] {
        let v = if required { read::required(obj, key, path, &mut self.problems) } else { read::field(obj, key) };
        v.and_then(|v| read::array(v, &path.key(key), &mut self.problems))
            .filter(|items| {
                let max = crate::limits::MAX_RULEBOOK_ENTRIES;
                crate::limits::within(items.len(), max, &path.key(key), "entries", &mut self.problems)
            })
            .unwrap_or(&[])
    }

    /// A list of ids (a string or an array of strings).
    fn ids(&mut self, obj: &Json, key: &str, path: &Path) -> Option<Vec<String>> {
        let ids = self.id_list(obj, key, path)?;
        // All `to` lists together are bounded too: the reference and reporting-chain checks
        // walk every recipient.
        let (before, max) = (self.recipients, crate::limits::MAX_RECIPIENTS);
        self.recipients += ids.len();
        if self.recipients > max {
            if before <= max {
                self.error(
                    Code::TooLarge,
                    &path.key(key),
                    format!("the `to` lists name more than the {max} recipients allowed in one rulebook, all lists together"),
                );
            }
            return None;
        }
        Some(ids)
    }

    fn id_list(&mut self, obj: &Json, key: &str, path: &Path) -> Option<Vec<String>> {
        let v = read::required(obj, key, path, &mut self.problems)?;
        let at = path.key(key);
        match v {
            Json::String(_) => read::string(v, &at, &mut self.problems).map(|s| vec![s]),
            Json::Array(items) if items.is_empty() => {
                self.error(Code::Required, &at, "name at least one agency");
                None
            }
            _ => {
                let items = read::array(v, &at, &mut self.problems)?;
                if !crate::limits::within(
                    items.len(),
                    crate::limits::MAX_RULEBOOK_ENTRIES,
                    &at,
                    "ids",
                    &mut self.problems,
                ) {
                    return None;
                }
                let out: Vec<Option<String>> =
                    items.iter().enumerate().map(|(i, x)| read::string(x, &at.index(i), &mut self.problems)).collect();
                out.into_iter().collect()
            }
        }
    }

    fn conditions(&mut self, obj: &Json, path: &Path) -> Option<Vec<Condition>> {
        let Some(v) = read::field(obj, "when") else { return Some(Vec::new()) };
        let at = path.key("when");
        let Json::Object(pairs) = v else {
            self.error(Code::InvalidType, &at, format!("expected an object of field → unary test, found {}", v.kind()));
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for (i, (field, test)) in pairs.iter().enumerate() {
            let cp = at.key(field);
            if pairs[..i].iter().any(|(k, _)| k == field) {
                self.error(Code::DuplicateKey, &cp, "this field is tested twice");
                ok = false;
                continue;
            }
            let segs: Vec<String> = field.split('.').map(str::to_owned).collect();
            if segs.iter().any(|s| s.is_empty() || s.trim() != s) {
                self.error(Code::InvalidValue, &cp, format!("\"{field}\" is not a dotted path, e.g. response.level"));
                ok = false;
                continue;
            }
            let text = match test {
                Json::String(s) => s.clone(),
                other => {
                    self.error(
                        Code::InvalidType,
                        &cp,
                        format!(
                            "a test is FEEL text in a string (e.g. \"true\" or \"\\\"III\\\"\"), found {}",
                            other.kind()
                        ),
                    );
                    ok = false;
                    continue;
                }
            };
            match parse_unary_tests(&text) {
                Ok(p) => out.push(Condition { field: field.clone(), path: segs, test: text, tests: p.tests }),
                Err(e) => {
                    self.error(Code::FeelSyntax, &cp, format!("{e} (test: {text})"));
                    self.positions.push((cp.to_string(), e.position));
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }
}

fn place(r: &mut Reader, v: &Json, at: &Path, neighbour: bool) -> Option<Place> {
    let keys: &[&str] =
        if neighbour { &["id", "name", "level", "relation", "source"] } else { &["id", "name", "level", "source"] };
    let o = read::object(v, at, keys, &mut r.problems)?;
    let id = r.string(o, "id", at);
    let name = r.label(o, "name", at);
    let level = r.one_of(o, "level", at, &GovLevel::ALL).map(|i| GovLevel::VALUES[i]);
    let relation = if neighbour {
        match read::field(o, "relation") {
            None => None,
            Some(v) => read::one_of(
                v,
                &at.key("relation"),
                &["adjacent", "across-river", "across-provincial-border"],
                &mut r.problems,
            )
            .map(|i| ["adjacent", "across-river", "across-provincial-border"][i].to_string()),
        }
    } else {
        None
    };
    let source = r.opt_string(o, "source", at);
    Some(Place { id: id?, name: name?, level: level?, relation, source })
}

/// Reads what it can and returns every diagnostic.
fn read_rulebook(value: &Json) -> (Option<Rulebook>, Vec<Diagnostic>) {
    let mut r = Reader { problems: Problems::new(), positions: Vec::new(), extra: Vec::new(), recipients: 0 };
    let root = Path::root();
    let mut table_diags: Vec<Diagnostic> = Vec::new();
    if !crate::limits::check(value, &root, 1, &mut r.problems) {
        return (None, finish(r, table_diags));
    }
    let Some(obj) = read::object(value, &root, ROOT_KEYS, &mut r.problems) else {
        return (None, finish(r, table_diags));
    };

    let schema_version = read::required(obj, "schemaVersion", &root, &mut r.problems)
        .and_then(|v| read::number(v, &root.key("schemaVersion"), &mut r.problems));
    if let Some(v) = schema_version {
        if v != SCHEMA_VERSION {
            r.error(
                Code::InvalidValue,
                &root.key("schemaVersion"),
                format!("this build reads rulebooks of schemaVersion {SCHEMA_VERSION}, found {v}"),
            );
        }
    }
    let id = r.string(obj, "id", &root);
    let title = r.label(obj, "title", &root);
    r.opt_string(obj, "source", &root);

    // Jurisdiction.
    let jp = root.key("jurisdiction");
    let jurisdiction = read::required(obj, "jurisdiction", &root, &mut r.problems).and_then(|v| {
        let o = read::object(v, &jp, &["region", "parents", "neighbours"], &mut r.problems)?;
        let region =
            read::required(o, "region", &jp, &mut r.problems).and_then(|v| place(&mut r, v, &jp.key("region"), false));
        let mut parents = Vec::new();
        for (i, p) in r.list(o, "parents", &jp, false).iter().enumerate() {
            parents.extend(place(&mut r, p, &jp.key("parents").index(i), false));
        }
        let mut neighbours = Vec::new();
        for (i, p) in r.list(o, "neighbours", &jp, false).iter().enumerate() {
            neighbours.extend(place(&mut r, p, &jp.key("neighbours").index(i), true));
        }
        // Parents go upwards.
        let mut below = region.as_ref().map(|p| p.level);
        for (i, p) in parents.iter().enumerate() {
            if let Some(b) = below {
                if p.level <= b {
                    r.error(
                        Code::InvalidValue,
                        &jp.key("parents").index(i).key("level"),
                        format!("parents run upwards: {} is not above {}", p.level.as_str(), b.as_str()),
                    );
                }
            }
            below = Some(p.level);
        }
        Some(Jurisdiction { region: region?, parents, neighbours })
    });
    let mut place_ids: Vec<String> = Vec::new();
    if let Some(j) = &jurisdiction {
        let all: Vec<(Path, &Place)> = std::iter::once((jp.key("region"), &j.region))
            .chain(j.parents.iter().enumerate().map(|(i, p)| (jp.key("parents").index(i), p)))
            .chain(j.neighbours.iter().enumerate().map(|(i, p)| (jp.key("neighbours").index(i), p)))
            .collect();
        for (at, p) in all {
            if place_ids.contains(&p.id) {
                r.error(Code::DuplicateId, &at.key("id"), format!("another place already has the id \"{}\"", p.id));
            }
            place_ids.push(p.id.clone());
        }
    }

    // Facts and data items.
    let mut facts = Vec::new();
    let fp = root.key("facts");
    for (i, v) in r.list(obj, "facts", &root, false).iter().enumerate() {
        let at = fp.index(i);
        let Some(o) = read::object(v, &at, &["id", "label", "type", "source"], &mut r.problems) else { continue };
        let id = r.string(o, "id", &at);
        let label = r.label(o, "label", &at);
        let kind =
            r.one_of(o, "type", &at, &["boolean", "number", "string"]).map(|k| ["boolean", "number", "string"][k]);
        r.opt_string(o, "source", &at);
        if let (Some(id), Some(label), Some(kind)) = (id, label, kind) {
            if facts.iter().any(|f: &FactDecl| f.id == id) {
                r.error(Code::DuplicateId, &at.key("id"), format!("another fact already has the id \"{id}\""));
            }
            facts.push(FactDecl { id, label, kind: kind.into() });
        }
    }
    let mut data_items = Vec::new();
    let dp = root.key("dataItems");
    for (i, v) in r.list(obj, "dataItems", &root, false).iter().enumerate() {
        let at = dp.index(i);
        let Some(o) = read::object(v, &at, &["id", "label", "source"], &mut r.problems) else { continue };
        let id = r.string(o, "id", &at);
        let label = r.label(o, "label", &at);
        r.opt_string(o, "source", &at);
        if let (Some(id), Some(label)) = (id, label) {
            if data_items.iter().any(|d: &DataItem| d.id == id) {
                r.error(Code::DuplicateId, &at.key("id"), format!("another data item already has the id \"{id}\""));
            }
            data_items.push(DataItem { id, label });
        }
    }

    // Agencies.
    let mut agencies = Vec::new();
    let ap = root.key("agencies");
    let agency_items = r.list(obj, "agencies", &root, true);
    for (i, v) in agency_items.iter().enumerate() {
        let at = ap.index(i);
        let Some(o) =
            read::object(v, &at, &["id", "name", "aspect", "jurisdiction", "contact", "source"], &mut r.problems)
        else {
            continue;
        };
        let id = r.string(o, "id", &at);
        let name = r.label(o, "name", &at);
        let aspect = r.one_of(o, "aspect", &at, &Aspect::ALL).map(|k| Aspect::VALUES[k]);
        let jur = r.string(o, "jurisdiction", &at);
        let contact = match read::field(o, "contact") {
            Some(v) => r.label_value(v, &at.key("contact")),
            None => Some(Label::default()),
        };
        let source = r.opt_string(o, "source", &at);
        if let Some(j) = &jur {
            if jurisdiction.is_some() && !place_ids.contains(j) {
                let hint = hint(j, place_ids.iter().map(String::as_str));
                r.error(
                    Code::UnknownReference,
                    &at.key("jurisdiction"),
                    format!("no place in `jurisdiction` has the id \"{j}\"{hint}"),
                );
            }
        }
        if let (Some(id), Some(name), Some(aspect), Some(jurisdiction), Some(contact)) =
            (id, name, aspect, jur, contact)
        {
            if agencies.iter().any(|a: &Agency| a.id == id) {
                r.error(Code::DuplicateId, &at.key("id"), format!("another agency already has the id \"{id}\""));
            }
            agencies.push(Agency { id, name, aspect, jurisdiction, contact, source });
        }
    }
    // Agency ids as written (even of agencies that failed to read), so one bad agency does not
    // make every reference to it an error too.
    let agency_ids: Vec<String> = agency_items
        .iter()
        .filter_map(|v| match v.get("id") {
            Some(Json::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let check_agency = |r: &mut Reader, id: &str, at: &Path| {
        if !agency_ids.iter().any(|a| a == id) {
            let hint = hint(id, agency_ids.iter().map(String::as_str));
            r.error(Code::UnknownReference, at, format!("no agency has the id \"{id}\"{hint}"));
        }
    };

    // Field schema: the assessment, events, declared facts, then what tables write.
    let mut known: BTreeSet<String> = ASSESSMENT_FIELDS.iter().map(|s| s.to_string()).collect();
    known.extend(EVENT_FIELDS.iter().map(|k| format!("events.{k}")));
    known.extend(facts.iter().map(|f| format!("facts.{}", f.id)));

    // Tables.
    let mut tables = Vec::new();
    let tp = root.key("tables");
    let mut table_ids: Vec<String> = Vec::new();
    let mut tables_ok = true;
    for (i, v) in r.list(obj, "tables", &root, false).iter().enumerate() {
        let at = tp.index(i);
        let schema = FactSchema::new(known.iter().cloned());
        // Bilingual names of the table and its columns, when given (their shape is the
        // table's own check): both languages present.
        let mut labels = vec![(v.get("label"), at.key("label"))];
        for key in ["inputs", "outputs"] {
            if let Some(Json::Array(columns)) = v.get(key) {
                labels.extend(
                    columns.iter().enumerate().map(|(c, col)| (col.get("label"), at.key(key).index(c).key("label"))),
                );
            }
        }
        for (label, lp) in labels {
            let Some(label @ Json::Object(_)) = label else { continue };
            for (lang, name) in [("zh", "Chinese"), ("en", "English")] {
                if matches!(label.get(lang), None | Some(Json::Null)) {
                    r.warn(
                        Code::MissingTranslation,
                        &lp.key(lang),
                        format!("the {name} (`{lang}`) text of this label is missing"),
                    );
                }
            }
        }
        let diags = validate_table(v, &at, Some(&schema));
        let bad = diags.iter().any(|d| d.severity == Severity::Error);
        table_diags.extend(diags);
        match v.get("id") {
            Some(Json::String(s)) if !s.trim().is_empty() => {
                if table_ids.contains(s) {
                    r.error(Code::DuplicateId, &at.key("id"), format!("another table already has the id \"{s}\""));
                }
                table_ids.push(s.clone());
            }
            Some(Json::String(_)) | None | Some(Json::Null) => {
                r.error(Code::Required, &at.key("id"), "a rulebook's table needs an `id` (plans cite it)")
            }
            _ => {} // validate_table reports the type
        }
        let mut scratch = Problems::new();
        match Table::from_json(v, &at, &mut scratch) {
            Some(t) if !bad => {
                // response.level may only be set to a level (or left empty).
                for (c, col) in t.outputs.iter().enumerate() {
                    if col.field != "response.level" {
                        continue;
                    }
                    for (k, rule) in t.rules.iter().enumerate() {
                        match &rule.outputs[c].value {
                            None | Some(Value::Null) => {}
                            Some(Value::String(s)) if LEVELS.contains(&s.as_str()) => {}
                            Some(other) => r.error(
                                Code::InvalidValue,
                                &at.key("rules").index(k).key(&col.id),
                                format!("response.level must be \"I\", \"II\", \"III\", \"IV\" or null, found {other}"),
                            ),
                        }
                    }
                }
                for col in &t.outputs {
                    known.insert(col.field.clone());
                }
                if t.hit_policy == super::table::HitPolicy::Collect && t.aggregation.is_none() {
                    if let Some(id) = &t.id {
                        known.insert(format!("tables.{id}"));
                    }
                }
                tables.push(t);
            }
            _ => {
                tables_ok = false;
                // A table with a bad cell still names its outputs: conditions that read them
                // are not also wrong (one typo, one diagnostic).
                if let Some(Json::Array(outputs)) = v.get("outputs") {
                    known.extend(outputs.iter().filter_map(|o| match o.get("field") {
                        Some(Json::String(f)) => Some(f.clone()),
                        _ => None,
                    }));
                }
                if let (Some(Json::String(id)), Some(Json::String(policy))) = (v.get("id"), v.get("hitPolicy")) {
                    if policy == "collect" && v.get("aggregation").is_none() {
                        known.insert(format!("tables.{id}"));
                    }
                }
            }
        }
    }
    known.insert("response.level".into());
    let cond_schema = FactSchema::new(known.iter().cloned());
    let check_when = |r: &mut Reader, when: &[Condition], at: &Path| {
        for c in when {
            if !cond_schema.contains(&c.field) {
                let hint = hint_far(&c.field, known.iter().map(String::as_str));
                r.error(
                    Code::UnknownField,
                    &at.key("when").key(&c.field),
                    format!("no known field is called \"{}\"{hint}", c.field),
                );
            }
        }
    };

    // Activation.
    let mut activation = Vec::new();
    let acp = root.key("activation");
    for (i, v) in r.list(obj, "activation", &root, false).iter().enumerate() {
        let at = acp.index(i);
        let Some(o) = read::object(v, &at, &["id", "agency", "role", "when", "tasks", "source"], &mut r.problems)
        else {
            continue;
        };
        let id = r.string(o, "id", &at);
        let agency = r.string(o, "agency", &at);
        if let Some(a) = &agency {
            check_agency(&mut r, a, &at.key("agency"));
        }
        let role = r.one_of(o, "role", &at, &["lead", "support"]).map(|k| [Role::Lead, Role::Support][k]);
        let when = r.conditions(o, &at);
        if let Some(w) = &when {
            check_when(&mut r, w, &at);
        }
        let mut tasks = Vec::new();
        for (k, t) in r.list(o, "tasks", &at, false).iter().enumerate() {
            tasks.extend(r.label_value(t, &at.key("tasks").index(k)));
        }
        let source = r.opt_string(o, "source", &at);
        if let (Some(id), Some(agency), Some(role), Some(when)) = (id, agency, role, when) {
            if activation.iter().any(|a: &Activation| a.id == id) {
                r.error(Code::DuplicateId, &at.key("id"), format!("another activation entry has the id \"{id}\""));
            }
            activation.push(Activation { id, agency, role, when, tasks, source });
        }
    }

    // Notifications.
    let mut notifications = Vec::new();
    // (JSON index, from, to) of every notification whose ends could be read: the graph checks
    // use these, so a bad deadline does not also break the chain.
    let mut edges_read: Vec<(usize, String, Vec<String>)> = Vec::new();
    let np = root.key("notifications");
    for (i, v) in r.list(obj, "notifications", &root, false).iter().enumerate() {
        let at = np.index(i);
        let Some(o) = read::object(v, &at, &["id", "from", "to", "within", "when", "basis", "source"], &mut r.problems)
        else {
            continue;
        };
        let id = r.string(o, "id", &at);
        let from = r.string(o, "from", &at);
        if let Some(a) = &from {
            check_agency(&mut r, a, &at.key("from"));
        }
        let to = r.ids(o, "to", &at);
        if let Some(list) = &to {
            for (k, a) in list.iter().enumerate() {
                let p = if matches!(o.get("to"), Some(Json::Array(_))) { at.key("to").index(k) } else { at.key("to") };
                check_agency(&mut r, a, &p);
                if Some(a) == from.as_ref() {
                    r.error(Code::ReportingCycle, &p, format!("\"{a}\" would notify itself"));
                }
            }
        }
        let within = read::required(o, "within", &at, &mut r.problems).and_then(|v| {
            let wp = at.key("within");
            let w = read::object(v, &wp, &["minutes", "hours"], &mut r.problems)?;
            let minutes = read::field(w, "minutes").and_then(|x| read::number(x, &wp.key("minutes"), &mut r.problems));
            let hours = read::field(w, "hours").and_then(|x| read::number(x, &wp.key("hours"), &mut r.problems));
            let (value, key) =
                match (minutes, hours, read::field(w, "minutes").is_some(), read::field(w, "hours").is_some()) {
                    (_, _, true, true) => {
                        r.error(Code::ConflictingFields, &wp, "give `minutes` or `hours`, not both");
                        return None;
                    }
                    (Some(m), _, _, _) => (m, "minutes"),
                    (_, Some(h), _, _) => (h * 60.0, "hours"),
                    (None, None, false, false) => {
                        r.error(Code::Required, &wp, "give the deadline as `minutes` or `hours`");
                        return None;
                    }
                    _ => return None,
                };
            if value <= 0.0 {
                r.error(
                    Code::NotPositive,
                    &wp.key(key),
                    format!("a deadline must be positive, found {}", value / if key == "hours" { 60.0 } else { 1.0 }),
                );
                return None;
            }
            Some(value)
        });
        let when = r.conditions(o, &at);
        if let Some(w) = &when {
            check_when(&mut r, w, &at);
        }
        let basis = r.label(o, "basis", &at);
        let source = r.opt_string(o, "source", &at);
        if let (Some(f), Some(t)) = (&from, &to) {
            edges_read.push((i, f.clone(), t.clone()));
        }
        if let (Some(id), Some(from), Some(to), Some(within_minutes), Some(when), Some(basis)) =
            (id, from, to, within, when, basis)
        {
            if notifications.iter().any(|n: &Notification| n.id == id) {
                r.error(Code::DuplicateId, &at.key("id"), format!("another notification has the id \"{id}\""));
            }
            notifications.push(Notification { id, from, to, within_minutes, when, basis, source });
        }
    }

    // Sharing.
    let mut sharing = Vec::new();
    let sp = root.key("sharing");
    for (i, v) in r.list(obj, "sharing", &root, false).iter().enumerate() {
        let at = sp.index(i);
        let Some(o) = read::object(v, &at, &["id", "item", "from", "to", "when", "source"], &mut r.problems) else {
            continue;
        };
        let id = r.string(o, "id", &at);
        let item = r.string(o, "item", &at);
        if let Some(item) = &item {
            if !data_items.iter().any(|d| &d.id == item) {
                let hint = hint(item, data_items.iter().map(|d| d.id.as_str()));
                r.error(Code::UnknownReference, &at.key("item"), format!("no data item has the id \"{item}\"{hint}"));
            }
        }
        let from = r.string(o, "from", &at);
        if let Some(a) = &from {
            check_agency(&mut r, a, &at.key("from"));
        }
        let to = r.ids(o, "to", &at);
        if let Some(list) = &to {
            for (k, a) in list.iter().enumerate() {
                let p = if matches!(o.get("to"), Some(Json::Array(_))) { at.key("to").index(k) } else { at.key("to") };
                check_agency(&mut r, a, &p);
            }
        }
        let when = r.conditions(o, &at);
        if let Some(w) = &when {
            check_when(&mut r, w, &at);
        }
        let source = r.opt_string(o, "source", &at);
        if let (Some(id), Some(item), Some(from), Some(to), Some(when)) = (id, item, from, to, when) {
            if sharing.iter().any(|s: &Sharing| s.id == id) {
                r.error(Code::DuplicateId, &at.key("id"), format!("another sharing entry has the id \"{id}\""));
            }
            sharing.push(Sharing { id, item, from, to, when, source });
        }
    }

    // Measures.
    let mut measures = Vec::new();
    let mp = root.key("measures");
    for (i, v) in r.list(obj, "measures", &root, false).iter().enumerate() {
        let at = mp.index(i);
        let Some(o) =
            read::object(v, &at, &["id", "label", "aspect", "agency", "when", "standDown", "source"], &mut r.problems)
        else {
            continue;
        };
        let id = r.string(o, "id", &at);
        let label = r.label(o, "label", &at);
        let aspect = r.one_of(o, "aspect", &at, &Aspect::ALL).map(|k| Aspect::VALUES[k]);
        let agency = r.opt_string(o, "agency", &at);
        if let Some(a) = &agency {
            check_agency(&mut r, a, &at.key("agency"));
        }
        let when = r.conditions(o, &at);
        if let Some(w) = &when {
            check_when(&mut r, w, &at);
        }
        let stand_down = r.opt_string(o, "standDown", &at);
        if let Some(s) = &stand_down {
            check_stand_down(&mut r, s, &at.key("standDown"));
        }
        let source = r.opt_string(o, "source", &at);
        if let (Some(id), Some(label), Some(aspect), Some(when)) = (id, label, aspect, when) {
            if measures.iter().any(|m: &Measure| m.id == id) {
                r.error(Code::DuplicateId, &at.key("id"), format!("another measure has the id \"{id}\""));
            }
            measures.push(Measure { id, label, aspect, agency, when, stand_down, source });
        }
    }

    // Reporting chains.
    let mut chains = Vec::new();
    let cp = root.key("reportingChains");
    for (i, v) in r.list(obj, "reportingChains", &root, false).iter().enumerate() {
        let at = cp.index(i);
        let Some(o) = read::object(v, &at, &["id", "label", "from", "mustReach", "source"], &mut r.problems) else {
            continue;
        };
        let id = r.string(o, "id", &at);
        if read::field(o, "label").is_some() {
            r.label(o, "label", &at);
        }
        let from = r.string(o, "from", &at);
        if let Some(a) = &from {
            check_agency(&mut r, a, &at.key("from"));
        }
        let must = r.string(o, "mustReach", &at);
        if let Some(m) = &must {
            if !GovLevel::ALL.contains(&m.as_str()) && !place_ids.contains(m) && jurisdiction.is_some() {
                r.error(
                    Code::UnknownReference,
                    &at.key("mustReach"),
                    format!("\"{m}\" is neither a level of government ({}) nor a place id", GovLevel::ALL.join(", ")),
                );
            }
        }
        let source = r.opt_string(o, "source", &at);
        if let (Some(id), Some(from), Some(must_reach)) = (id, from, must) {
            chains.push(ReportingChain { id, from, must_reach, source });
        }
    }

    let stand_down = r.opt_string(obj, "standDown", &root).unwrap_or_else(|| "incubation-period".into());
    check_stand_down(&mut r, &stand_down, &root.key("standDown"));

    // The reporting graph: cycles, and chains that never reach where they must.
    reporting_graph(&mut r, &edges_read, &np, &agencies, jurisdiction.as_ref(), &chains, &cp);

    let clean = r.problems.is_empty() && tables_ok && !table_diags.iter().any(|d| d.severity == Severity::Error);
    let book = match (clean, schema_version, id, title, jurisdiction) {
        (true, Some(v), Some(id), Some(title), Some(jurisdiction)) => Some(Rulebook {
            schema_version: v as u32,
            id,
            title,
            jurisdiction,
            facts,
            data_items,
            agencies,
            tables,
            activation,
            notifications,
            sharing,
            measures,
            reporting_chains: chains,
            stand_down,
            json: value.clone(),
        }),
        _ => None,
    };
    (book, finish(r, table_diags))
}

fn check_stand_down(r: &mut Reader, rule: &str, at: &Path) {
    if !STAND_DOWN_RULES.contains(&rule) {
        let h = hint(rule, STAND_DOWN_RULES.iter().copied());
        r.error(
            Code::UnknownReference,
            at,
            format!("no stand-down rule is called \"{rule}\"{h}; known: {}", STAND_DOWN_RULES.join(", ")),
        );
    }
}

fn hint<'a>(typo: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    match read::nearest(typo, candidates, 2) {
        Some(c) => format!("; did you mean \"{c}\"?"),
        None => String::new(),
    }
}

fn hint_far<'a>(typo: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    match read::nearest(typo, candidates, 3) {
        Some(c) => format!("; did you mean \"{c}\"?"),
        None => String::new(),
    }
}

fn reporting_graph(
    r: &mut Reader,
    notifications: &[(usize, String, Vec<String>)],
    np: &Path,
    agencies: &[Agency],
    jurisdiction: Option<&Jurisdiction>,
    chains: &[ReportingChain],
    cp: &Path,
) {
    // Edges in rulebook order: from → (to, notification index).
    let mut edges: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
    for (i, from, to) in notifications {
        for t in to {
            if t != from {
                edges.entry(from.as_str()).or_default().push((t.as_str(), *i));
            }
        }
    }
    // Cycles: depth-first search, each back edge reported once.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let nodes: Vec<&str> = {
        let mut v: Vec<&str> = Vec::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for (_, from, to) in notifications {
            for a in std::iter::once(from).chain(to) {
                if seen.insert(a.as_str()) {
                    v.push(a);
                }
            }
        }
        v
    };
    let mut mark: BTreeMap<&str, Mark> = nodes.iter().map(|n| (*n, Mark::New)).collect();
    let mut reported: BTreeSet<usize> = BTreeSet::new();
    // Depth first, without recursion (a chain of a thousand agencies must not overflow the
    // stack); a frame is a node and its next edge. One cycle is kept per notification, so a
    // dense graph cannot make the list of cycles grow with the square of its edges.
    let mut found: Vec<(usize, Vec<&str>)> = Vec::new();
    let mut in_found: BTreeSet<usize> = BTreeSet::new();
    for n in &nodes {
        if mark.get(n) != Some(&Mark::New) {
            continue;
        }
        mark.insert(n, Mark::Open);
        let mut stack: Vec<(&str, usize)> = vec![(n, 0)];
        while let Some((node, next)) = stack.last().copied() {
            let Some(&(to, i)) = edges.get(node).and_then(|e| e.get(next)) else {
                mark.insert(node, Mark::Done);
                stack.pop();
                continue;
            };
            if let Some(top) = stack.last_mut() {
                top.1 += 1;
            }
            match mark.get(to).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    if in_found.insert(i) {
                        let start = stack.iter().position(|(s, _)| *s == to).unwrap_or(0);
                        let mut cycle: Vec<&str> = stack[start..].iter().map(|(s, _)| *s).collect();
                        cycle.push(to);
                        found.push((i, cycle));
                    }
                }
                Mark::New => {
                    mark.insert(to, Mark::Open);
                    stack.push((to, 0));
                }
                Mark::Done => {}
            }
        }
    }
    for (i, cycle) in found {
        if reported.insert(i) {
            r.diag(
                Severity::Error,
                Code::ReportingCycle,
                &np.index(i),
                format!("the reporting chain goes round in a circle: {}", cycle.join(" → ")),
            );
        }
    }

    // Dead ends: a chain that never reaches the level (or place) it must.
    let Some(j) = jurisdiction else { return };
    // Indexed, and searched with a set: a thousand chains over a thousand agencies stay fast.
    let by_id: BTreeMap<&str, &Agency> = agencies.iter().rev().map(|a| (a.id.as_str(), a)).collect();
    let reaches = |agency: &str, target: &str| -> bool {
        let Some(a) = by_id.get(agency) else { return false };
        if a.jurisdiction == target {
            return true;
        }
        match (j.find(&a.jurisdiction), GovLevel::ALL.iter().position(|l| *l == target)) {
            (Some(p), Some(k)) => p.level == GovLevel::VALUES[k],
            _ => false,
        }
    };
    for (c, chain) in chains.iter().enumerate() {
        let mut seen: Vec<&str> = vec![chain.from.as_str()];
        let mut in_seen: BTreeSet<&str> = seen.iter().copied().collect();
        let mut k = 0;
        while k < seen.len() {
            let node = seen[k];
            for &(next, _) in edges.get(node).map(Vec::as_slice).unwrap_or(&[]) {
                if in_seen.insert(next) {
                    seen.push(next);
                }
            }
            k += 1;
        }
        if !seen.iter().any(|a| reaches(a, &chain.must_reach)) {
            let ends: Vec<&str> = seen.iter().copied().filter(|a| edges.get(a).map_or(true, Vec::is_empty)).collect();
            r.diag(
                Severity::Error,
                Code::ReportingDeadEnd,
                &cp.index(c).key("mustReach"),
                format!(
                    "the reporting chain \"{}\" from \"{}\" never reaches {}: it stops at {}",
                    chain.id,
                    chain.from,
                    chain.must_reach,
                    if ends.is_empty() { "a cycle".to_string() } else { ends.join(", ") }
                ),
            );
        }
    }
}

fn finish(r: Reader, tables: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let positions = r.positions;
    let mut out: Vec<Diagnostic> = r
        .problems
        .into_vec()
        .into_iter()
        .map(|p| {
            let position = positions.iter().find(|(at, _)| *at == p.path).map(|(_, pos)| *pos);
            Diagnostic { severity: Severity::Error, code: p.code, path: p.path, message: p.message, position }
        })
        .collect();
    out.extend(tables);
    out.extend(r.extra);
    out
}
