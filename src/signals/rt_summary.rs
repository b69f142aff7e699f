//! The Rt headline of an assessment: Cori et al.'s estimate ([`super::rt`]) on the
//! situation's series, dated, with the probability that R exceeds 1.
//!
//! Rt needs every day (Λ is a convolution over the past), so it is estimated on the
//! trailing stretch of days with no missing count; a note says when that cut the series.

use crate::date::Date;
use crate::signals::incidence::Note;
use crate::signals::rt::{Prior, RtInput, RtWindow, SerialInterval, DEFAULT_WINDOW};
use crate::signals::serial_interval::gamma_cdf;
use crate::situation::{Column, EpiSettings, Series};
use serde::Serialize;

/// Default serial interval for COVID-19 (days): mean 4.7, SD 2.9, the lognormal fit of
/// Nishiura H, Linton NM, Akhmetzhanov AR, "Serial interval of novel coronavirus (COVID-19)
/// infections", *Int J Infect Dis* 2020;93:284–286, doi:10.1016/j.ijid.2020.02.060 (28
/// infector–infectee pairs; mean 95 % CrI 3.7–6.0, SD 1.9–4.9); a common EpiEstim choice for
/// ancestral SARS-CoV-2. Later variants had shorter intervals: set `epi.serialInterval`.
pub const DEFAULT_SERIAL_INTERVAL: (f64, f64) = (4.7, 2.9);
/// The citation echoed in every assessment that used [`DEFAULT_SERIAL_INTERVAL`].
pub const DEFAULT_SERIAL_INTERVAL_SOURCE: &str =
    "default: Nishiura, Linton & Akhmetzhanov, Int J Infect Dis 2020;93:284-286 (COVID-19, mean 4.7 d, SD 2.9 d)";

/// Rt over one window, dated.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RtPoint {
    pub start_date: String,
    pub end_date: String,
    pub mean: f64,
    pub median: f64,
    /// 2.5 % and 97.5 % posterior quantiles: the 95 % credible interval.
    pub lower: f64,
    pub upper: f64,
    pub cv: f64,
    /// Posterior probability that R > 1 (1 − the gamma CDF at 1).
    pub probability_above_1: f64,
}

/// The serial interval used, echoed so the verdict can be audited.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RtSettings {
    pub serial_interval_mean: Option<f64>,
    pub serial_interval_sd: Option<f64>,
    pub serial_interval_distribution: Option<Vec<f64>>,
    pub serial_interval_source: String,
    pub window: usize,
    pub prior: Prior,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RtSummary {
    /// The last window (ending on the last day of the series), or null with a note.
    pub latest: Option<RtPoint>,
    /// Every window, oldest first (for the Rt chart).
    pub windows: Vec<RtPoint>,
    pub settings: RtSettings,
    /// First day of the stretch Rt was estimated on, and its length.
    pub first_date_used: Option<String>,
    pub days_used: usize,
    pub notes: Vec<Note>,
    /// The latest window as the estimator returned it (for the projection; not on the wire).
    #[serde(skip)]
    pub latest_window: Option<RtWindow>,
    /// The discretised serial interval used, `w_0, w_1, …` (for the projection).
    #[serde(skip)]
    pub si: Vec<f64>,
}

fn point(w: &RtWindow, first: Date) -> RtPoint {
    RtPoint {
        start_date: first.plus_days(w.t_start as i64 - 1).to_string(),
        end_date: first.plus_days(w.t_end as i64 - 1).to_string(),
        mean: w.mean,
        median: w.median,
        lower: w.q025,
        upper: w.q975,
        cv: w.cv,
        probability_above_1: (1.0 - gamma_cdf(1.0, w.shape, w.scale)).clamp(0.0, 1.0),
    }
}

/// Estimates Rt on the situation's series with its settings (or the defaults).
pub fn rt_summary(series: &Series, epi: &EpiSettings) -> RtSummary {
    let window = epi.rt_window.unwrap_or(DEFAULT_WINDOW);
    let prior = epi.rt_prior.unwrap_or_default();
    let (si, source) = match &epi.serial_interval {
        Some(si) => (si.clone(), "situation: epi.serialInterval".to_owned()),
        None => {
            let (mean, sd) = DEFAULT_SERIAL_INTERVAL;
            (SerialInterval::Parametric { mean, sd }, DEFAULT_SERIAL_INTERVAL_SOURCE.to_owned())
        }
    };
    let settings = RtSettings {
        serial_interval_mean: match &si {
            SerialInterval::Parametric { mean, .. } => Some(*mean),
            SerialInterval::Distribution(_) => None,
        },
        serial_interval_sd: match &si {
            SerialInterval::Parametric { sd, .. } => Some(*sd),
            SerialInterval::Distribution(_) => None,
        },
        serial_interval_distribution: match &si {
            SerialInterval::Distribution(w) => Some(w.clone()),
            SerialInterval::Parametric { .. } => None,
        },
        serial_interval_source: source,
        window,
        prior,
    };
    let mut notes = Vec::new();
    let local = series.local_cases();
    let imported = series.column(Column::ImportedCases);
    if imported.is_none() {
        notes.push(Note {
            code: "no-imported-column",
            message: "the series has no importedCases column: every case is counted as local transmission".into(),
        });
    }
    let missing = |i: usize| local[i].is_none() || imported.is_some_and(|c| c[i].is_none());
    let start = (0..series.len).rev().find(|&i| missing(i)).map_or(0, |i| i + 1);
    if start > 0 {
        notes.push(Note {
            code: "missing-days",
            message: format!(
                "Rt needs every day: it uses the {} days after the last day with a missing count ({})",
                series.len - start,
                series.date(start - 1)
            ),
        });
    }
    let used_local: Vec<f64> = local[start..].iter().map(|x| x.unwrap_or(0.0)).collect();
    let used_imported: Vec<f64> = match imported {
        Some(c) => c[start..].iter().map(|x| x.unwrap_or(0.0)).collect(),
        None => vec![0.0; used_local.len()],
    };
    let days_used = used_local.len();
    let empty = |notes: Vec<Note>, settings: RtSettings| RtSummary {
        latest: None,
        windows: Vec::new(),
        settings,
        first_date_used: (days_used > 0).then(|| series.date(start).to_string()),
        days_used,
        notes,
        latest_window: None,
        si: Vec::new(),
    };
    if days_used < window + 1 {
        notes.push(Note {
            code: "series-too-short",
            message: format!(
                "Rt with a {window}-day window needs at least {} complete days; there are {days_used}",
                window + 1
            ),
        });
        return empty(notes, settings);
    }
    if used_local.iter().chain(&used_imported).all(|x| *x == 0.0) {
        notes.push(Note { code: "no-cases", message: "no cases in the days used: Rt cannot be estimated".into() });
        return empty(notes, settings);
    }
    let estimate = RtInput::from_parts(&used_local, &used_imported, si, window, prior).estimate();
    // Moving day 1's local cases to imported is EpiEstim's convention, not news for the reader.
    notes.extend(estimate.warnings.into_iter().filter(|n| n.code != "first-day-local-moved"));
    let first = series.date(start);
    let windows: Vec<RtPoint> = estimate.windows.iter().map(|w| point(w, first)).collect();
    let latest = windows.last().filter(|w| w.end_date == series.last_date().to_string()).cloned();
    let latest_window = estimate.windows.last().filter(|_| latest.is_some()).cloned();
    if latest.is_none() {
        notes
            .push(Note { code: "no-latest-window", message: "no Rt window ends on the last day of the series".into() });
    }
    RtSummary {
        latest,
        windows,
        settings,
        first_date_used: Some(first.to_string()),
        days_used,
        notes,
        latest_window,
        si: estimate.si,
    }
}
