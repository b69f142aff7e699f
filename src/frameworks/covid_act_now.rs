//! Covid Act Now risk levels (standards.md §3.4, from act-now-coalition/covid-act-now-website
//! `src/common/metrics/*.tsx`). Each band's upper bound is inclusive: 1 daily case per 100 000
//! is low, 1.01 is medium.
//!
//! Overall: the highest level among case density, infection rate (Rt) and test positivity;
//! since 22 Jul 2020 a low case density makes the overall level low on its own. ICU capacity
//! used is shown but does not set the overall level (as in §3.4's rule).

use super::indicators::{Indicator, Indicators};
use super::{
    band_from_upper, band_text, highest, num, result_from, Criterion, FrameworkResult, Highest, Part, Reading,
};
use crate::signals::incidence::Note;
use serde::Serialize;

const SOURCE: &str =
    "Covid Act Now risk levels, act-now-coalition/covid-act-now-website src/common/metrics/*.tsx (standards.md §3.4)";

/// Level words by rank.
pub const LEVELS: [&str; 5] = ["low", "medium", "high", "critical", "extreme"];
/// Upper bounds (inclusive) of low, medium, high, critical: daily new cases per 100 000 (7-day average).
pub const CASE_DENSITY_BOUNDS: [f64; 4] = [1.0, 10.0, 25.0, 75.0];
/// ... of low, medium, high: Rt.
pub const INFECTION_RATE_BOUNDS: [f64; 3] = [0.9, 1.1, 1.4];
/// ... of low, medium, high: 7-day test positivity, %.
pub const TEST_POSITIVITY_BOUNDS: [f64; 3] = [3.0, 10.0, 20.0];
/// ... of low, medium, high: ICU capacity used, %.
pub const ICU_BOUNDS: [f64; 3] = [70.0, 80.0, 85.0];

/// Covid Act Now's overall level and its four metrics.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CovidActNow {
    #[serde(flatten)]
    pub result: FrameworkResult,
    pub metrics: Metrics,
}

/// Each metric's value and level.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    pub case_density: Reading,
    pub infection_rate: Reading,
    pub test_positivity: Reading,
    pub icu_capacity_used: Reading,
}

fn metric(key: &'static str, i: &Indicator, bounds: &[f64]) -> (Reading, Part) {
    let band = i.value.map(|x| band_from_upper(x, bounds));
    (
        Reading {
            indicator: key,
            value: i.value,
            level: band.map(|b| LEVELS[b]),
            band: band.map(|b| band_text(b, bounds, true)),
        },
        Part { rank: band, missing: i.missing.clone() },
    )
}

pub(crate) fn risk_level(ind: &Indicators) -> CovidActNow {
    let (cd, p_cd) = metric("dailyLocalCasesPer100k", &ind.daily_local_cases_per_100k, &CASE_DENSITY_BOUNDS);
    let (rt, p_rt) = metric("rt", &ind.rt, &INFECTION_RATE_BOUNDS);
    let (pos, p_pos) = metric("testPositivity7dPercent", &ind.test_positivity_7d_percent, &TEST_POSITIVITY_BOUNDS);
    let (icu, _) = metric("icuCapacityUsedPercent", &ind.icu_capacity_used_percent, &ICU_BOUNDS);
    let outcome = match p_cd.rank {
        None => Highest { level: None, at_least: None, missing: p_cd.missing.clone() },
        Some(0) => Highest { level: Some(0), at_least: None, missing: Vec::new() },
        Some(_) => highest(&[p_cd, p_rt, p_pos], 4),
    };
    let mut decided_by = Vec::new();
    if let Some(l) = outcome.level {
        for r in [&cd, &rt, &pos] {
            if r.level == Some(LEVELS[l]) {
                decided_by.push(Criterion {
                    code: r.indicator,
                    text: format!(
                        "{} = {} in {} {}{}",
                        r.indicator,
                        r.value.map_or("?".into(), num),
                        LEVELS[l],
                        r.band.clone().unwrap_or_default(),
                        if l == 0 && r.indicator == "dailyLocalCasesPer100k" {
                            ": a low case density sets the overall level alone"
                        } else {
                            ""
                        }
                    ),
                });
                if l == 0 {
                    break;
                }
            }
        }
    }
    let notes = vec![
        Note { code: "local-cases", message: "case density counts local cases".into() },
        Note {
            code: "rt-source",
            message: "Rt is this tool's latest Cori estimate (7-day window); Covid Act Now used its own 14-day weighted estimate".into(),
        },
        Note {
            code: "icu-not-in-overall",
            message: "ICU capacity used is shown but does not set the overall level (standards.md §3.4)".into(),
        },
    ];
    let indicators = vec![cd.clone(), rt.clone(), pos.clone(), icu.clone()];
    CovidActNow {
        result: result_from(&LEVELS, outcome, indicators, decided_by, notes, SOURCE),
        metrics: Metrics { case_density: cd, infection_rate: rt, test_positivity: pos, icu_capacity_used: icu },
    }
}
