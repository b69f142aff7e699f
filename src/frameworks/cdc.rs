//! CDC's county levels: Community Transmission (2021, standards.md §3.2) and Community Levels
//! (2022, §3.3). Bands are half-open with the lower bound inclusive, as CDC's tables read
//! ("0–9.99", "10–49.99" …): 10 cases per 100 000 is moderate, 9.99 is low.

use super::indicators::{Indicator, Indicators};
use super::{
    band_from_lower, band_text, highest, num, result_from, Criterion, FrameworkResult, Highest, Part, Reading,
};
use crate::signals::incidence::Note;

const SOURCE_TRANSMISSION: &str = "CDC, COVID-19 Community Transmission levels, county level (July 2021); catalog.data.gov \"United States COVID-19 County Level of Community Transmission\" (standards.md §3.2)";
const SOURCE_COMMUNITY: &str =
    "CDC, COVID-19 Community Levels (25 Feb 2022; Science Brief 4 Mar 2022) (standards.md §3.3)";

/// Community Transmission level words, by rank.
pub const TRANSMISSION_LEVELS: [&str; 4] = ["low", "moderate", "substantial", "high"];
/// New cases per 100 000 in 7 days: moderate from 10, substantial from 50, high from 100.
pub const TRANSMISSION_CASE_BOUNDS: [f64; 3] = [10.0, 50.0, 100.0];
/// 7-day NAAT positivity, %: moderate from 5, substantial from 8, high from 10.
pub const TRANSMISSION_POSITIVITY_BOUNDS: [f64; 3] = [5.0, 8.0, 10.0];

/// Community Level words, by rank.
pub const COMMUNITY_LEVELS: [&str; 3] = ["low", "medium", "high"];
/// Counties split at 200 new cases per 100 000 in 7 days.
pub const COMMUNITY_CASE_SPLIT: f64 = 200.0;
/// Below the split: admissions per 100 000 in 7 days, medium from 10.0, high from 20.0.
pub const COMMUNITY_ADMISSION_BOUNDS: [f64; 2] = [10.0, 20.0];
/// Below the split: % of staffed inpatient beds with COVID, medium from 10.0, high from 15.0.
pub const COMMUNITY_BED_BOUNDS: [f64; 2] = [10.0, 15.0];
/// At or above the split: either metric ≥ 10.0 is high, below is medium (no low).
pub const COMMUNITY_HIGH_CASES_BOUND: f64 = 10.0;

fn reading(key: &'static str, i: &Indicator, bounds: &[f64], words: &'static [&'static str]) -> (Reading, Part) {
    let band = i.value.map(|x| band_from_lower(x, bounds));
    (
        Reading {
            indicator: key,
            value: i.value,
            level: band.map(|b| words[b]),
            band: band.map(|b| band_text(b, bounds, false)),
        },
        Part { rank: band, missing: i.missing.clone() },
    )
}

/// The higher of the case and positivity levels (§3.2: "if the two metrics fall in different
/// levels, use the higher one").
pub(crate) fn transmission(ind: &Indicators) -> FrameworkResult {
    let (r_cases, p_cases) =
        reading("localCases7dPer100k", &ind.local_cases_7d_per_100k, &TRANSMISSION_CASE_BOUNDS, &TRANSMISSION_LEVELS);
    let (r_pos, p_pos) = reading(
        "testPositivity7dPercent",
        &ind.test_positivity_7d_percent,
        &TRANSMISSION_POSITIVITY_BOUNDS,
        &TRANSMISSION_LEVELS,
    );
    let outcome = highest(&[p_cases, p_pos], 3);
    let mut notes = vec![Note {
        code: "local-cases",
        message: "counts local cases; CDC counted every reported case in the county".into(),
    }];
    let readings = vec![r_cases, r_pos];
    if outcome.level.is_some() && readings.iter().any(|r| r.value.is_none()) {
        notes.push(Note {
            code: "decided-without",
            message: "one metric is missing, but the other is already at the top band".into(),
        });
    }
    let decided_by = decided(&readings, &outcome, &TRANSMISSION_LEVELS);
    result_from(&TRANSMISSION_LEVELS, outcome, readings, decided_by, notes, SOURCE_TRANSMISSION)
}

/// The readings at the level the outcome settled on.
fn decided(readings: &[Reading], outcome: &Highest, words: &[&'static str]) -> Vec<Criterion> {
    let Some(l) = outcome.level else { return Vec::new() };
    readings
        .iter()
        .filter(|r| r.level == Some(words[l]))
        .map(|r| Criterion {
            code: r.indicator,
            text: format!(
                "{} = {} in {} {}",
                r.indicator,
                r.value.map_or("?".into(), num),
                words[l],
                r.band.clone().unwrap_or_default()
            ),
        })
        .collect()
}

/// Community Level: split by the case rate, then the higher of the admissions and bed metrics
/// (§3.3). With the case rate unknown both splits are tried: the level is known when they agree.
pub(crate) fn community(ind: &Indicators) -> FrameworkResult {
    let cases = &ind.local_cases_7d_per_100k;
    let adm = &ind.admissions_7d_per_100k;
    let beds = &ind.beds_occupied_percent;
    let splits: &[bool] = match cases.value {
        Some(x) => {
            if x >= COMMUNITY_CASE_SPLIT {
                &[true]
            } else {
                &[false]
            }
        }
        None => &[false, true],
    };
    let under = |high: bool, key: &'static str, i: &Indicator, low_bounds: &[f64; 2]| -> (Reading, Part) {
        if high {
            let bounds = [COMMUNITY_HIGH_CASES_BOUND];
            let band = i.value.map(|x| 1 + band_from_lower(x, &bounds));
            (
                Reading {
                    indicator: key,
                    value: i.value,
                    level: band.map(|b| COMMUNITY_LEVELS[b]),
                    band: band.map(|b| band_text(b - 1, &bounds, false)),
                },
                Part { rank: band, missing: i.missing.clone() },
            )
        } else {
            reading(key, i, low_bounds, &COMMUNITY_LEVELS)
        }
    };
    let outcomes: Vec<(bool, Vec<Reading>, Highest)> = splits
        .iter()
        .map(|&high| {
            let (ra, pa) = under(high, "admissions7dPer100k", adm, &COMMUNITY_ADMISSION_BOUNDS);
            let (rb, pb) = under(high, "bedsOccupiedPercent", beds, &COMMUNITY_BED_BOUNDS);
            (high, vec![ra, rb], highest(&[pa, pb], 2))
        })
        .collect();
    let levels: Vec<Option<usize>> = outcomes.iter().map(|o| o.2.level).collect();
    let agreed = levels.iter().all(|l| l.is_some() && *l == levels[0]);
    let outcome = if agreed {
        Highest { level: levels[0], at_least: None, missing: Vec::new() }
    } else {
        let mut missing = Vec::new();
        if cases.value.is_none() {
            super::extend_unique(&mut missing, &cases.missing);
        }
        for o in &outcomes {
            super::extend_unique(&mut missing, &o.2.missing);
        }
        let at_least = outcomes.iter().map(|o| o.2.level.or(o.2.at_least).unwrap_or(0)).min().filter(|r| *r > 0);
        Highest { level: None, at_least, missing }
    };
    let (high, mut readings, best) = outcomes.into_iter().next_back().unwrap_or((false, Vec::new(), outcome.clone()));
    let split_text = match cases.value {
        Some(x) => format!(
            "localCases7dPer100k = {} {} 200: the {} table",
            num(x),
            if high { "≥" } else { "<" },
            if high { "≥ 200" } else { "< 200" }
        ),
        None => "the case rate is missing: both tables give this level".into(),
    };
    if cases.value.is_none() {
        // Without the case rate neither table is known to apply: the values only.
        for r in &mut readings {
            r.level = None;
            r.band = None;
        }
    }
    let mut decided_by = Vec::new();
    if outcome.level.is_some() {
        decided_by.push(Criterion { code: "case-split", text: split_text });
        if cases.value.is_some() {
            decided_by.extend(decided(&readings, &best, &COMMUNITY_LEVELS));
        }
    }
    readings.insert(
        0,
        Reading {
            indicator: "localCases7dPer100k",
            value: cases.value,
            level: cases.value.map(|x| if x >= COMMUNITY_CASE_SPLIT { "≥ 200" } else { "< 200" }),
            band: cases.value.map(|x| if x >= COMMUNITY_CASE_SPLIT { "[200, ∞)".into() } else { "[0, 200)".into() }),
        },
    );
    let notes = vec![
        Note {
            code: "local-cases",
            message: "counts local cases and the admissions and bed census in the series; CDC counted COVID-19 admissions and patients".into(),
        },
        Note {
            code: "beds-7-day-average",
            message: "bed occupancy is the 7-day average of bedsOccupied over capacity.beds, as CDC's metric".into(),
        },
    ];
    result_from(&COMMUNITY_LEVELS, outcome, readings, decided_by, notes, SOURCE_COMMUNITY)
}
