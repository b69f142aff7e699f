//! WHO's PHSM situational level (standards.md §2.1): transmission category × response capacity.
//!
//! Transmission, from the data:
//! - **none**: no local or imported case in the last [`FrameworkOptions::who_no_cases_days`]
//!   days (default 28, ⚠️);
//! - **community transmission** (CT) when cases occurred and either ≥
//!   `whoCommunityTransmissionClusters` clusters in 14 days (WHO: "multiple unrelated
//!   clusters"; default 2) or a 2-week weekly case rate ≥ `whoCommunityTransmissionCasesPer100k`
//!   (default 20, the lower bound of CT2): both design choices, noted in the output;
//! - else **clusters** when `events.clustersLast14Days` ≥ 1, else **sporadic**.
//!
//! CT1–CT4: the highest band among the indicators in `whoIndicators` (weekly rates averaged
//! over 2 weeks; thresholds [`WhoCtThresholds`](super::options::WhoCtThresholds), ⚠️), lower
//! bounds inclusive (5–<10 …). Taking the highest is this crate's combination rule.
//! Level: [`WhoLevelMatrix`](super::options::WhoLevelMatrix) (⚠️) at the transmission row and
//! `capacity.responseCapacity` column.

use super::china::Tri;
use super::indicators::{Indicator, Indicators};
use super::options::{FrameworkOptions, WhoIndicator, WHO_TRANSMISSION};
use super::{
    band_from_lower, band_text, column_path, day_path, extend_unique, highest, input_path, num, Criterion,
    FrameworkResult, Part, Reading, View,
};
use crate::signals::incidence::Note;
use crate::situation::Column;
use serde::Serialize;

const SOURCE: &str = "WHO, Considerations for implementing and adjusting public health and social measures in the context of COVID-19, interim guidance 4 Nov 2020 (WHO/2019-nCoV/Adjusting_PH_measures/2020.2), Annex (standards.md §2.1)";
const CT: [&str; 4] = ["CT1", "CT2", "CT3", "CT4"];

/// WHO's situational level with its two inputs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WhoPhsm {
    /// `"none" | "sporadic" | "clusters" | "CT1" … "CT4"`, or null when unknown.
    pub transmission: Option<&'static str>,
    /// `"adequate" | "moderate" | "limited"` from `capacity.responseCapacity`, or null.
    pub capacity: Option<&'static str>,
    /// `level` is the situational level 0–4 (and `severity` the same number).
    #[serde(flatten)]
    pub result: FrameworkResult<u8>,
}

/// Any local or imported case in the last `days` days: yes, no, or unknown.
fn any_case(view: &View<'_>, days: u32) -> Tri {
    let end = view.end();
    let from = end - i64::from(days) + 1;
    let mut missing = Vec::new();
    for c in [Column::LocalCases, Column::ImportedCases] {
        if !view.has(c) {
            missing.push(column_path(c));
            continue;
        }
        for i in from.max(0)..=end {
            match view.value(c, i) {
                Some(x) if x > 0.0 => return Tri::Yes,
                Some(_) => {}
                None => missing.push(day_path(c, i)),
            }
        }
        if from < 0 {
            missing.push(column_path(c));
        }
    }
    if missing.is_empty() {
        Tri::No
    } else {
        Tri::Unknown(missing)
    }
}

fn indicator_of(ind: &Indicators, w: WhoIndicator) -> (&'static str, &Indicator) {
    match w {
        WhoIndicator::Cases => ("whoCasesPer100kPerWeek", &ind.who_cases_per_100k_per_week),
        WhoIndicator::Admissions => ("whoAdmissionsPer100kPerWeek", &ind.who_admissions_per_100k_per_week),
        WhoIndicator::Deaths => ("whoDeathsPer100kPerWeek", &ind.who_deaths_per_100k_per_week),
        WhoIndicator::TestPositivity => ("whoTestPositivityPercent", &ind.who_test_positivity_percent),
    }
}

pub(crate) fn phsm(view: &View<'_>, ind: &Indicators, options: &FrameworkOptions) -> WhoPhsm {
    let th = &options.who_ct_thresholds;
    let mut readings = Vec::new();
    let mut parts = Vec::new();
    let mut by_part = Vec::new();
    for w in &options.who_indicators {
        let (key, i) = indicator_of(ind, *w);
        let bounds = th.of(*w);
        let band = i.value.map(|x| band_from_lower(x, bounds));
        readings.push(Reading {
            indicator: key,
            value: i.value,
            level: band.map(|b| CT[b]),
            band: band.map(|b| band_text(b, bounds, false)),
        });
        parts.push(Part { rank: band, missing: i.missing.clone() });
        by_part.push(key);
    }
    let ct = highest(&parts, 3);

    let cases_present = any_case(view, options.who_no_cases_days);
    let clusters = ind.clusters_last_14_days.value;
    let cluster_path = input_path("events", "clustersLast14Days");
    let weekly = &ind.who_cases_per_100k_per_week;
    let by_clusters = Tri::at_least(clusters, f64::from(options.who_community_transmission_clusters), &cluster_path);
    let by_cases = match weekly.value {
        Some(x) if x >= options.who_community_transmission_cases_per_100k => Tri::Yes,
        Some(_) => Tri::No,
        None => Tri::Unknown(weekly.missing.clone()),
    };
    let is_ct = by_clusters.clone().or(by_cases.clone());
    // The transmission rows (0 none … 6 CT4) still possible, as a range.
    let ct_range = match ct.level {
        Some(l) => (3 + l, 3 + l),
        None => (3 + ct.at_least.unwrap_or(0), 6),
    };
    let row_if_not_ct = if clusters.is_some_and(|c| c >= 1.0) { 2 } else { 1 };
    let present_range = match &is_ct {
        Tri::Yes => ct_range,
        Tri::No => (row_if_not_ct, row_if_not_ct),
        Tri::Unknown(_) => (row_if_not_ct, ct_range.1),
    };
    let (lo, hi) = match &cases_present {
        Tri::Yes => present_range,
        Tri::No => (0, 0),
        Tri::Unknown(_) => (0, present_range.1),
    };
    // The missing inputs that leave the row open: only those of the branches still possible.
    let mut missing = Vec::new();
    extend_unique(&mut missing, cases_present.missing());
    if cases_present != Tri::No {
        extend_unique(&mut missing, is_ct.missing());
        if is_ct != Tri::No && ct.level.is_none() {
            extend_unique(&mut missing, &ct.missing);
        }
    }
    let transmission = (lo == hi).then(|| WHO_TRANSMISSION[lo]);
    let capacity = view.situation.capacity.response_capacity;
    let rows = options.who_level_matrix.rows();
    let (level_lo, level_hi) = match capacity {
        Some(c) => (rows[lo][c as usize], rows[hi][c as usize]),
        None => (rows[lo][0], rows[hi][2]),
    };
    let level = (level_lo == level_hi).then_some(level_lo);
    if level.is_some() {
        missing.clear();
    } else if capacity.is_none() {
        missing.push(input_path("capacity", "responseCapacity"));
    }
    // Which inputs settled the transmission row.
    let mut decided_by = Vec::new();
    if let Some(l) = level {
        decided_by.push(Criterion {
            code: "level-matrix",
            text: format!(
                "transmission {} × capacity {} → level {l}",
                transmission.unwrap_or("(several rows give the same level)"),
                capacity.map_or("(any)", |c| c.as_str())
            ),
        });
        let t = transmission.unwrap_or("");
        match t {
            "none" => decided_by.push(Criterion {
                code: "no-cases",
                text: format!("no local or imported case in the {} days to {}", options.who_no_cases_days, view.as_of),
            }),
            "sporadic" | "clusters" => decided_by.push(Criterion {
                code: if t == "clusters" { "clusters" } else { "sporadic" },
                text: format!(
                    "cases, {} cluster(s) in 14 days (community transmission from {}), weekly case rate {} per 100 000 (community transmission from {})",
                    clusters.map_or("?".into(), num),
                    options.who_community_transmission_clusters,
                    weekly.value.map_or("?".into(), num),
                    num(options.who_community_transmission_cases_per_100k)
                ),
            }),
            _ if t.starts_with("CT") => {
                let why = match (&by_clusters, &by_cases) {
                    (Tri::Yes, Tri::Yes) => "clusters and case rate",
                    (Tri::Yes, _) => "clusters",
                    _ => "case rate",
                };
                decided_by.push(Criterion {
                    code: "community-transmission",
                    text: format!(
                        "community transmission by {why}: {} cluster(s) in 14 days, weekly case rate {} per 100 000",
                        clusters.map_or("?".into(), num),
                        weekly.value.map_or("?".into(), num)
                    ),
                });
                for r in readings.iter().filter(|r| r.level == Some(t)) {
                    decided_by.push(Criterion {
                        code: r.indicator,
                        text: format!("{} = {} in {} {}", r.indicator, r.value.map_or("?".into(), num), t, r.band.clone().unwrap_or_default()),
                    });
                }
            }
            _ => {}
        }
    }
    let mut notes = Vec::new();
    let given = |k: &str| options.was_given(k);
    notes.push(Note {
        code: if given("whoCtThresholds") { "setting-given" } else { "unconfirmed-threshold" },
        message: if given("whoCtThresholds") {
            "CT thresholds set in the options (the defaults are recalled, not confirmed: standards.md §2.1 ⚠️)".into()
        } else {
            "the CT thresholds are recalled, not confirmed against Annex 1 of WHO's Nov 2020 guidance (standards.md §2.1 ⚠️); they are the setting whoCtThresholds".into()
        },
    });
    notes.push(Note {
        code: if given("whoLevelMatrix") { "setting-given" } else { "unconfirmed-threshold" },
        message: if given("whoLevelMatrix") {
            "level matrix set in the options (the default is recalled, not confirmed: standards.md §2.1 ⚠️)".into()
        } else {
            "the transmission × capacity level matrix is recalled, not confirmed (standards.md §2.1 ⚠️); it is the setting whoLevelMatrix".into()
        },
    });
    notes.push(Note {
        code: "unconfirmed-threshold",
        message: format!(
            "\"no cases\" means none, local or imported, in {} days (whoNoCasesDays{}; recalled, not in standards.md ⚠️)",
            options.who_no_cases_days,
            if given("whoNoCasesDays") { ", set in the options" } else { ", default" }
        ),
    });
    notes.push(Note {
        code: "design-choice",
        message: format!(
            "community transmission is read from the data as ≥ {} clusters in 14 days or a weekly case rate ≥ {} per 100 000, and CT1–CT4 as the highest band among {}: choices of this tool, not WHO's",
            options.who_community_transmission_clusters,
            num(options.who_community_transmission_cases_per_100k),
            by_part.join(", ")
        ),
    });
    notes.push(Note {
        code: "positivity-all-tests",
        message: "test positivity is over all tests reported; WHO's indicator uses sentinel sites".into(),
    });
    let unused: Vec<&str> = WhoIndicator::ALL
        .iter()
        .filter(|w| !options.who_indicators.contains(w))
        .map(|w| indicator_of(ind, *w).0)
        .collect();
    if !unused.is_empty() {
        notes.push(Note {
            code: "indicators-not-used",
            message: format!("not used (whoIndicators): {}", unused.join(", ")),
        });
    }
    if capacity.is_none() {
        notes.push(Note {
            code: "no-capacity",
            message: "capacity.responseCapacity (adequate, moderate or limited) is the officials' own rating; give it for the level".into(),
        });
    }
    readings.push(Reading { indicator: "clustersLast14Days", value: clusters, level: None, band: None });
    let at_least = (level.is_none() && level_lo > 0).then_some(level_lo);
    WhoPhsm {
        transmission,
        capacity: capacity.map(|c| c.as_str()),
        result: FrameworkResult {
            level,
            severity: level,
            at_least,
            indicators: readings,
            decided_by,
            missing,
            notes,
            source: SOURCE,
        },
    }
}
