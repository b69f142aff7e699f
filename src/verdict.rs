//! The verdict: the response level that the enabled frameworks and the composite index
//! recommend, the drivers behind it, and ECDC's precautionary rule for missing data.
//!
//! **Combination rule** (issue 4 item 3; a documented design choice): each framework's
//! `severity` (its level's rank, 0 = its lowest band; `frameworks/mod.rs`) maps to China's
//! response levels by `severity k → level 5 − k` (4 → Ⅰ, 3 → Ⅱ, 2 → Ⅲ, 1 → Ⅳ, 0 → no
//! response), and the verdict is the most severe level among the frameworks the user enabled
//! and the composite index.
//!
//! **Precautionary rule**: ECDC, *Operational tool on rapid risk assessment methodology*
//! (2019): when information is missing, move to the higher risk level (standards.md §4). Here:
//! a framework whose level is unknown because inputs are missing is taken one step above the
//! lower bound its known inputs give (`atLeast`, or its lowest band), capped at its top band.
//! The verdict says when this raised the level. Switch it off with `precautionary: false`;
//! the unknown frameworks are then left out and listed in `notes`.
//!
//! **Colours** follow the warning colours of China's overall emergency plan (Ⅰ red, Ⅱ orange,
//! Ⅲ yellow, Ⅳ blue; standards.md §1.2, ⚠️ unconfirmed there); the page always shows the
//! word beside the colour.

use crate::error::{Code, InputError, Path, Problems};
use crate::frameworks::{FrameworkOptions, FrameworkResult, Frameworks};
use crate::json::Json;
use crate::read;
use crate::signals::incidence::Note;
use serde::Serialize;

/// Response levels by severity: index k is the level for severity k (0 = none).
pub const RESPONSE_LEVELS: [Option<&str>; 5] = [None, Some("IV"), Some("III"), Some("II"), Some("I")];
/// Warning colours by severity (China's overall plan: Ⅰ red … Ⅳ blue).
pub const COLOURS: [Option<&str>; 5] = [None, Some("blue"), Some("yellow"), Some("orange"), Some("red")];

/// Each framework's levels from lowest to highest: the index is its severity. Kept beside
/// the frameworks' own severities by a test (`tests/verdict.rs`).
pub const LEVEL_ORDERS: [(&str, &[&str]); 8] = [
    ("chinaEventGrade", &["none", "IV", "III", "II", "I"]),
    ("chinaRiskArea2020", &["low", "medium", "high"]),
    ("chinaRiskArea2022", &["low", "medium", "high"]),
    ("whoPhsm", &["0", "1", "2", "3", "4"]),
    ("cdcTransmission", &["low", "moderate", "substantial", "high"]),
    ("cdcCommunity", &["low", "medium", "high"]),
    ("covidActNow", &["low", "medium", "high", "critical", "extreme"]),
    ("harvard", &["green", "yellow", "orange", "red"]),
];

/// Options of `assess(situation, options)`.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessOptions {
    pub frameworks: FrameworkOptions,
    /// ECDC's precautionary rule (default on).
    pub precautionary: bool,
    pub composite: CompositeSettings,
}

impl Default for AssessOptions {
    fn default() -> Self {
        AssessOptions {
            frameworks: FrameworkOptions::default(),
            precautionary: true,
            composite: CompositeSettings::default(),
        }
    }
}

const OPTION_KEYS: &[&str] = &["frameworks", "precautionary", "composite"];
const COMPOSITE_KEYS: &[&str] = &["enabled", "indicators", "cutPoints"];
const INDICATOR_KEYS: &[&str] = &["id", "low", "high", "weight"];

impl AssessOptions {
    /// Reads the options object (`null` or absent keys give the defaults); every problem is
    /// reported at its path under `options`.
    pub fn from_json(value: &Json) -> Result<AssessOptions, InputError> {
        let mut p = Problems::new();
        let root = Path::root().key("options");
        if value.is_null() {
            return Ok(AssessOptions::default());
        }
        crate::limits::check_input(value, &root)?;
        let Some(obj) = read::object(value, &root, OPTION_KEYS, &mut p) else {
            return Err(p.finish(()).unwrap_err());
        };
        let frameworks = match read::field(obj, "frameworks") {
            Some(v) => FrameworkOptions::from_json(v, &root.key("frameworks"), &mut p),
            None => Some(FrameworkOptions::default()),
        };
        let precautionary = read::field(obj, "precautionary")
            .map_or(Some(true), |v| read::boolean(v, &root.key("precautionary"), &mut p));
        let composite = match read::field(obj, "composite") {
            Some(v) => read_composite(v, &root.key("composite"), &mut p),
            None => Some(CompositeSettings::default()),
        };
        match (frameworks, precautionary, composite) {
            (Some(frameworks), Some(precautionary), Some(composite)) if p.is_empty() => {
                Ok(AssessOptions { frameworks, precautionary, composite })
            }
            _ => Err(p.finish(()).unwrap_err()),
        }
    }
}

/// One indicator of the composite index: its value is normalised to [0, 1] between `low`
/// (no concern) and `high` (crisis), clamped, then weighted.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompositeIndicator {
    pub id: &'static str,
    pub low: f64,
    pub high: f64,
    /// Given weight; `None` = equal weights (all indicators without a weight share equally).
    pub weight: Option<f64>,
}

/// The indicators the composite index can use, and where each value comes from.
pub const COMPOSITE_SOURCES: [(&str, &str); 6] = [
    ("incidence7dPer100k", "local cases in 7 days per 100 000 (frameworks.indicators.localCases7dPer100k)"),
    ("rt", "the latest Rt, posterior mean (rt.latest.mean)"),
    ("testPositivity", "test positivity over 7 days, % (frameworks.indicators.testPositivity7dPercent)"),
    ("bedsOccupied", "staffed beds occupied, % (frameworks.indicators.bedsOccupiedPercent)"),
    ("icuCapacityUsed", "ICU capacity used, % (frameworks.indicators.icuCapacityUsedPercent)"),
    ("admissions7dPer100k", "new admissions in 7 days per 100 000 (frameworks.indicators.admissions7dPer100k)"),
];

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompositeSettings {
    pub enabled: bool,
    pub indicators: Vec<CompositeIndicator>,
    /// Four increasing scores in (0, 100): below the first, no response level; then Ⅳ, Ⅲ,
    /// Ⅱ, and Ⅰ from the last one up.
    pub cut_points: [f64; 4],
}

impl Default for CompositeSettings {
    /// Default bounds (design choices, echoed in the output): incidence 0–150 per 100 000 a
    /// week (150 is WHO's CT4 threshold, standards.md §2.1 ⚠️); Rt 0.8–1.5 (Covid Act Now's
    /// bands run from ≤ 0.9 low to > 1.4 critical, §3.4); positivity 0–20 % (WHO CT4, §2.1
    /// ⚠️); beds and ICU 0–100 %; equal weights; cut-points 20/40/60/80.
    fn default() -> Self {
        let ind = |id, low, high| CompositeIndicator { id, low, high, weight: None };
        CompositeSettings {
            enabled: true,
            indicators: vec![
                ind("incidence7dPer100k", 0.0, 150.0),
                ind("rt", 0.8, 1.5),
                ind("testPositivity", 0.0, 20.0),
                ind("bedsOccupied", 0.0, 100.0),
                ind("icuCapacityUsed", 0.0, 100.0),
            ],
            cut_points: [20.0, 40.0, 60.0, 80.0],
        }
    }
}

fn read_composite(v: &Json, path: &Path, p: &mut Problems) -> Option<CompositeSettings> {
    let obj = read::object(v, path, COMPOSITE_KEYS, p)?;
    let before = p.len();
    let mut out = CompositeSettings::default();
    if let Some(v) = read::field(obj, "enabled") {
        out.enabled = read::boolean(v, &path.key("enabled"), p).unwrap_or(true);
    }
    if let Some(v) = read::field(obj, "indicators") {
        let at = path.key("indicators");
        let items = read::array(v, &at, p).unwrap_or(&[]);
        let ids: Vec<&str> = COMPOSITE_SOURCES.iter().map(|(id, _)| *id).collect();
        out.indicators = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let at = at.index(i);
                let o = read::object(item, &at, INDICATOR_KEYS, p)?;
                let id = read::required(o, "id", &at, p).and_then(|v| read::one_of(v, &at.key("id"), &ids, p))?;
                let low = read::required(o, "low", &at, p).and_then(|v| read::number(v, &at.key("low"), p))?;
                let high = read::required(o, "high", &at, p).and_then(|v| read::number(v, &at.key("high"), p))?;
                if high <= low {
                    p.push(Code::OutOfRange, &at.key("high"), format!("must be greater than low ({low})"));
                    return None;
                }
                let weight = match read::field(o, "weight") {
                    Some(v) => {
                        let w = read::number(v, &at.key("weight"), p)?;
                        if w < 0.0 {
                            p.push(Code::OutOfRange, &at.key("weight"), "a weight cannot be negative");
                            return None;
                        }
                        Some(w)
                    }
                    None => None,
                };
                Some(CompositeIndicator { id: ids[id], low, high, weight })
            })
            .collect();
        if items.is_empty() && p.len() == before {
            p.push(Code::OutOfRange, &at, "give at least one indicator, or set enabled to false");
        }
    }
    if let Some(v) = read::field(obj, "cutPoints") {
        let at = path.key("cutPoints");
        if let Some(items) = read::array(v, &at, p) {
            let xs: Vec<f64> = items.iter().enumerate().filter_map(|(i, x)| read::number(x, &at.index(i), p)).collect();
            if xs.len() != 4 || !xs.windows(2).all(|w| w[0] < w[1]) || xs[0] <= 0.0 || xs[3] > 100.0 {
                p.push(Code::OutOfRange, &at, "give four increasing scores between 0 and 100");
            } else {
                out.cut_points = [xs[0], xs[1], xs[2], xs[3]];
            }
        }
    }
    (p.len() == before).then_some(out)
}

/// One indicator's part in the composite score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contribution {
    pub id: &'static str,
    pub value: f64,
    /// `(value − low) / (high − low)`, clamped to [0, 1].
    pub normalised: f64,
    /// The weight after renormalising over the indicators with a value.
    pub weight: f64,
    /// Points of the 0–100 score: `100 × weight × normalised`.
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Composite {
    pub score: Option<f64>,
    pub level: Option<&'static str>,
    pub severity: Option<u8>,
    /// Largest first: the top drivers of the score.
    pub contributions: Vec<Contribution>,
    /// Indicators with no value (left out; the weights of the rest are renormalised).
    pub missing: Vec<&'static str>,
    pub settings: CompositeSettings,
    pub notes: Vec<Note>,
}

/// The composite index from indicator values looked up by id.
pub fn composite(settings: &CompositeSettings, value_of: impl Fn(&str) -> Option<f64>) -> Composite {
    let mut notes = Vec::new();
    let given: f64 = settings.indicators.iter().filter_map(|i| i.weight).sum();
    let mut missing = Vec::new();
    let mut parts = Vec::new();
    for ind in &settings.indicators {
        match value_of(ind.id).filter(|v| v.is_finite()) {
            Some(v) => {
                let normalised = ((v - ind.low) / (ind.high - ind.low)).clamp(0.0, 1.0);
                let raw_weight = ind.weight.unwrap_or(if given > 0.0 { 0.0 } else { 1.0 });
                parts.push((ind.id, v, normalised, raw_weight));
            }
            None => missing.push(ind.id),
        }
    }
    let total: f64 = parts.iter().map(|p| p.3).sum();
    if !missing.is_empty() {
        notes.push(Note {
            code: "composite-missing",
            message: format!(
                "no value for {}: left out of the composite, the other weights renormalised",
                missing.join(", ")
            ),
        });
    }
    if parts.is_empty() || total <= 0.0 {
        notes.push(Note { code: "composite-empty", message: "no indicator of the composite has a value".into() });
        return Composite {
            score: None,
            level: None,
            severity: None,
            contributions: Vec::new(),
            missing,
            settings: settings.clone(),
            notes,
        };
    }
    let mut contributions: Vec<Contribution> = parts
        .into_iter()
        .map(|(id, value, normalised, w)| {
            let weight = w / total;
            Contribution { id, value, normalised, weight, points: 100.0 * weight * normalised }
        })
        .collect();
    let score: f64 = contributions.iter().map(|c| c.points).sum::<f64>().clamp(0.0, 100.0);
    contributions.sort_by(|a, b| b.points.total_cmp(&a.points));
    let severity = settings.cut_points.iter().filter(|c| score >= **c).count() as u8;
    Composite {
        score: Some(score),
        level: RESPONSE_LEVELS[severity as usize],
        severity: Some(severity),
        contributions,
        missing,
        settings: settings.clone(),
        notes,
    }
}

/// One source the verdict considered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Considered {
    /// A framework key (`cdcTransmission`, …) or `composite`.
    pub source: &'static str,
    /// The source's own level, as text (`"moderate"`, `"2"`, `"III"`), or null when unknown.
    pub level: Option<String>,
    pub severity: Option<u8>,
    /// The severity the precautionary rule assumed for an unknown level.
    pub assumed_severity: Option<u8>,
    /// The response level this source alone recommends.
    pub response_level: Option<&'static str>,
    pub missing: Vec<String>,
    /// Why: the criteria that decided the source's level.
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    /// China's response level `"I"`…`"IV"`, or null when no level is recommended.
    pub level: Option<&'static str>,
    pub severity: u8,
    pub colour: Option<&'static str>,
    /// The sources at the verdict's severity, with their reasons: what drove it.
    pub drivers: Vec<Considered>,
    /// True when the precautionary rule raised the level above what the known data give.
    pub precautionary: bool,
    pub rule: &'static str,
    pub considered: Vec<Considered>,
    pub notes: Vec<Note>,
}

fn considered<L: ToString>(source: &'static str, r: &FrameworkResult<L>) -> Considered {
    let order = LEVEL_ORDERS.iter().find(|(k, _)| *k == source).map(|(_, o)| *o).unwrap_or(&[]);
    let at_least = r.at_least.as_ref().and_then(|l| order.iter().position(|o| *o == l.to_string())).unwrap_or(0);
    let unknown = r.level.is_none() && r.severity.is_none() && !r.missing.is_empty();
    let top = order.len().saturating_sub(1);
    Considered {
        source,
        level: r.level.as_ref().map(|l| l.to_string()),
        severity: r.severity,
        assumed_severity: unknown.then(|| ((at_least + 1).min(top)) as u8),
        response_level: r.severity.and_then(|s| RESPONSE_LEVELS.get(s as usize).copied().flatten()),
        missing: r.missing.clone(),
        reasons: r.decided_by.iter().map(|c| c.text.clone()).collect(),
    }
}

/// Every enabled framework and the composite, as the verdict sees them.
pub fn sources(f: &Frameworks, composite: Option<&Composite>) -> Vec<Considered> {
    let mut out = Vec::new();
    if let Some(r) = &f.china_event_grade {
        out.push(considered("chinaEventGrade", &r.result));
    }
    for (key, r) in [
        ("chinaRiskArea2020", &f.china_risk_area_2020),
        ("chinaRiskArea2022", &f.china_risk_area_2022),
        ("cdcTransmission", &f.cdc_transmission),
        ("cdcCommunity", &f.cdc_community),
        ("harvard", &f.harvard),
    ] {
        if let Some(r) = r {
            out.push(considered(key, r));
        }
    }
    if let Some(r) = &f.who_phsm {
        out.push(considered("whoPhsm", &r.result));
    }
    if let Some(r) = &f.covid_act_now {
        out.push(considered("covidActNow", &r.result));
    }
    if let Some(c) = composite.filter(|c| c.settings.enabled) {
        out.push(Considered {
            source: "composite",
            level: c.score.map(|s| format!("{s:.0}")),
            severity: c.severity,
            assumed_severity: None,
            response_level: c.level,
            missing: c.missing.iter().map(|m| m.to_string()).collect(),
            reasons: c.contributions.iter().take(3).map(|x| format!("{}: {:.1} points", x.id, x.points)).collect(),
        });
    }
    out
}

/// The most severe level among `sources`, with the precautionary rule when `precautionary`.
pub fn verdict(sources: Vec<Considered>, precautionary: bool) -> Verdict {
    let known = sources.iter().filter_map(|s| s.severity).max().unwrap_or(0);
    let assumed = sources.iter().filter_map(|s| s.assumed_severity).max().unwrap_or(0);
    let severity = if precautionary { known.max(assumed) } else { known };
    let mut notes = Vec::new();
    let unknown: Vec<&str> = sources.iter().filter(|s| s.assumed_severity.is_some()).map(|s| s.source).collect();
    if !unknown.is_empty() {
        notes.push(Note {
            code: if precautionary { "precautionary-assumed" } else { "unknown-left-out" },
            message: if precautionary {
                format!(
                    "inputs are missing for {}: each is taken one level above what its known inputs show (ECDC's precautionary rule)",
                    unknown.join(", ")
                )
            } else {
                format!("inputs are missing for {}: left out of the verdict (precautionary rule off)", unknown.join(", "))
            },
        });
    }
    notes.push(Note {
        code: "colours-unconfirmed",
        message: "the colours follow China's overall emergency plan (I red, II orange, III yellow, IV blue); unconfirmed in the research note".into(),
    });
    let drivers: Vec<Considered> = sources
        .iter()
        .filter(|s| {
            severity > 0 && (s.severity == Some(severity) || (precautionary && s.assumed_severity == Some(severity)))
        })
        .cloned()
        .collect();
    Verdict {
        level: RESPONSE_LEVELS[severity as usize],
        severity,
        colour: COLOURS[severity as usize],
        drivers,
        precautionary: precautionary && assumed > known,
        rule: "most-severe",
        considered: sources,
        notes,
    }
}
