//! `assess`: from a validated situation to what the page shows. Later stages (Rt,
//! frameworks, escalation) join here; each reads only what lies upstream of it.

use crate::frameworks::{evaluate_frameworks, Frameworks};
use crate::signals::growth::{growth_signals, GrowthSignals};
use crate::signals::incidence::trailing_average_7d;
use crate::signals::projection::{project, Projection, ProjectionInput};
use crate::signals::quality::{data_quality, DataQuality};
use crate::signals::rt_summary::{rt_summary, RtSummary};
use crate::signals::{weekly_signals, WeeklySignals};
use crate::situation::{Column, Situation};
use crate::verdict::{composite, sources, verdict, AssessOptions, Composite, Verdict};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    /// The crisis-desk version that produced this, for the audit trail.
    pub version: &'static str,
    pub region: RegionSummary,
    pub as_of: String,
    pub series: SeriesSummary,
    /// The daily values the charts draw.
    pub daily: Daily,
    pub signals: WeeklySignals,
    /// Rt (Cori et al., as EpiEstim) on the trailing complete stretch of the series.
    pub rt: RtSummary,
    /// Exponential growth rate and doubling time of local cases, last 7 and 14 days.
    pub growth: GrowthSignals,
    /// Cases, beds and ICU beds over the next days by the renewal equation with the latest
    /// Rt band, and the first day demand exceeds capacity.
    pub projection: DatedProjection,
    /// Reporting artefacts flagged (never changed) and the signals missing days affect.
    pub data_quality: DataQuality,
    /// Every enabled framework's level with its indicators, criteria and missing inputs,
    /// and the stand-down conditions.
    pub frameworks: Frameworks,
    /// The weighted composite index (0–100) and its level.
    pub composite: Composite,
    /// The recommended response level, its drivers and the precautionary rule.
    pub verdict: Verdict,
}

/// A projection with the calendar date of each projected day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatedProjection {
    /// Projected days 1..=H: the day after the series ends, onwards.
    pub dates: Vec<String>,
    /// The first day demand exceeds capacity at the central Rt, as a date (`null`: never
    /// within the horizon, or no capacity given).
    pub beds_over_capacity_date: Option<String>,
    pub icu_over_capacity_date: Option<String>,
    #[serde(flatten)]
    pub projection: Projection,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegionSummary {
    pub name: String,
    pub population: f64,
    pub kind: &'static str,
    pub parent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeriesSummary {
    pub first_date: String,
    pub last_date: String,
    pub days: usize,
    /// The daily columns present, by their `series` key.
    pub columns: Vec<&'static str>,
    /// Days after the last reported day up to `asOf` (0 when the data are current).
    pub days_behind_as_of: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Daily {
    pub dates: Vec<String>,
    pub local_cases: Vec<Option<f64>>,
    /// Trailing 7-day mean of reported days (see `trailing_average_7d`).
    pub local_cases_7d_average: Vec<Option<f64>>,
}

/// Assesses a validated situation with the default options.
pub fn assess(s: &Situation) -> Assessment {
    assess_with(s, &AssessOptions::default())
}

/// Assesses a validated situation.
pub fn assess_with(s: &Situation, options: &AssessOptions) -> Assessment {
    let series = &s.series;
    let rt = rt_summary(series, &s.epi);
    let frameworks = evaluate_frameworks(s, rt.latest.as_ref(), &options.frameworks);
    let composite = composite(&options.composite, |id| composite_value(id, &frameworks, &rt));
    let verdict = verdict(sources(&frameworks, Some(&composite)), options.precautionary);
    Assessment {
        version: crate::VERSION,
        region: RegionSummary {
            name: s.region.name.clone(),
            population: s.region.population,
            kind: s.region.kind.as_str(),
            parent: s.region.parent.clone(),
        },
        as_of: s.as_of.to_string(),
        series: SeriesSummary {
            first_date: series.start.to_string(),
            last_date: series.last_date().to_string(),
            days: series.len,
            columns: Column::ALL.iter().filter(|c| series.column(**c).is_some()).map(|c| c.key()).collect(),
            days_behind_as_of: s.as_of.0 - series.last_date().0,
        },
        daily: Daily {
            dates: (0..series.len).map(|i| series.date(i).to_string()).collect(),
            local_cases: series.local_cases().to_vec(),
            local_cases_7d_average: trailing_average_7d(series.local_cases()),
        },
        signals: weekly_signals(series.local_cases(), s.region.population),
        projection: dated_projection(s, &rt),
        rt,
        growth: growth_signals(series.local_cases()),
        data_quality: data_quality(series),
        frameworks,
        composite,
        verdict,
    }
}

fn dated_projection(s: &Situation, rt: &RtSummary) -> DatedProjection {
    let settings = s.epi.care.clone().unwrap_or_default();
    let projection = project(&ProjectionInput::from_situation(s, &rt.si, rt.latest_window.as_ref(), &settings));
    let last = s.series.last_date();
    let date_of = |day: Option<usize>| day.map(|d| last.plus_days(d as i64).to_string());
    DatedProjection {
        dates: (1..=projection.horizon_days).map(|d| last.plus_days(d as i64).to_string()).collect(),
        beds_over_capacity_date: projection.beds.as_ref().and_then(|b| date_of(b.first_day_over_capacity.central)),
        icu_over_capacity_date: projection.icu.as_ref().and_then(|b| date_of(b.first_day_over_capacity.central)),
        projection,
    }
}

/// The value of a composite indicator (see `verdict::COMPOSITE_SOURCES`).
fn composite_value(id: &str, f: &Frameworks, rt: &RtSummary) -> Option<f64> {
    let i = &f.indicators;
    match id {
        "incidence7dPer100k" => i.local_cases_7d_per_100k.value,
        "rt" => rt.latest.as_ref().map(|r| r.mean),
        "testPositivity" => i.test_positivity_7d_percent.value,
        "bedsOccupied" => i.beds_occupied_percent.value,
        "icuCapacityUsed" => i.icu_capacity_used_percent.value,
        "admissions7dPer100k" => i.admissions_7d_per_100k.value,
        _ => None,
    }
}
