//! The indicator values the frameworks read, each with the window it covers and, when it is
//! null, why and which inputs are missing.
//!
//! Every window ends on the reference day (`asOf`). Missing days (`null`, or after the series
//! ends) are never read as zero:
//!
//! - **Totals** (cases, admissions, deaths over 7 or 14 days) need every day of the window;
//!   otherwise the value is null and each missing day is named (`series.localCases[54]`).
//! - **Averages and ratios** (bed occupancy, test positivity) use the reported days and need at
//!   least 4 of every 7 (4 of 7, 8 of 14), the rule of the 7-day average on the page
//!   ([`crate::signals::incidence::trailing_average_7d`]); a note says when days were missing.
//! - **Cumulative local cases** sum the reported days; with missing days the value is a lower
//!   bound (`lowerBound: true`), which can still settle "more than 50" but not "50 or fewer".
//! - **Single days** (ICU occupancy) need that day.
//!
//! Case indicators count **local** cases (本土病例): imported cases, isolated on arrival under
//! China's entry quarantine, do not measure transmission in the community. WHO's
//! "no cases" / "sporadic" distinction also reads `importedCases` (see [`super::who`]).

use super::{column_path, date_text, day_path, input_path, View};
use crate::date::Date;
use crate::signals::rt_summary::RtPoint;
use crate::situation::Column;
use serde::Serialize;

/// Averages and ratios need at least this many reported days in every 7.
pub const MIN_REPORTED_PER_7_DAYS: usize = 4;

/// One indicator value and what it covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Indicator {
    /// The value, or `null` (see `missing` and `note`). Never NaN or infinite.
    pub value: Option<f64>,
    pub unit: &'static str,
    /// First and last day of the window (ISO dates); null for a figure that is not a window.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Days in the window, and days with the input(s) reported.
    pub days: usize,
    pub days_reported: usize,
    /// True when `value` counts reported days only and missing days could make it larger.
    pub lower_bound: bool,
    /// JSON paths of the missing inputs that leave `value` null.
    pub missing: Vec<String>,
    /// Why the value is null or should be read with care.
    pub note: Option<String>,
    /// The framework keys that read it.
    pub used_by: &'static [&'static str],
}

/// Every indicator the frameworks read, as of one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Indicators {
    pub population: f64,
    /// New local cases in the last 7 days (a count).
    pub local_cases_7d: Indicator,
    /// New local cases in the last 7 days per 100 000 (CDC's case metric, standards.md §3.2–3.3).
    pub local_cases_7d_per_100k: Indicator,
    /// Daily new local cases per 100 000, 7-day average (Harvard §3.5, Covid Act Now §3.4).
    pub daily_local_cases_per_100k: Indicator,
    /// WHO's weekly rates averaged over the last 2 weeks (§2.1): cases, hospital admissions and
    /// deaths per 100 000 per week, and test positivity (%) over the 14 days.
    pub who_cases_per_100k_per_week: Indicator,
    pub who_admissions_per_100k_per_week: Indicator,
    pub who_deaths_per_100k_per_week: Indicator,
    pub who_test_positivity_percent: Indicator,
    /// Σ positive / Σ performed over the last 7 days with both reported, in % (§3.2, §3.4).
    pub test_positivity_7d_percent: Indicator,
    /// New admissions in the last 7 days per 100 000 (§3.3).
    pub admissions_7d_per_100k: Indicator,
    /// Mean `bedsOccupied` over the last 7 days / `capacity.beds`, in % (§3.3, a 7-day average).
    pub beds_occupied_percent: Indicator,
    /// `icuOccupied` on the reference day / `capacity.icuBeds`, in % (§3.4).
    pub icu_capacity_used_percent: Indicator,
    /// The latest Rt (posterior mean of the window ending on the reference day) (§3.4).
    pub rt: Indicator,
    /// Local cases summed over the series up to the reference day (§1.4, 2020 rule).
    pub cumulative_local_cases: Indicator,
    /// New local cases in the last 14 days (§1.4, 2020 rule).
    pub local_cases_14d: Indicator,
    /// `events.clustersLast14Days` (§1.4, §2.1).
    pub clusters_last_14_days: Indicator,
    /// Days from the last day with a local case to the reference day (§1.2 (d), §1.4).
    pub days_since_last_local_case: Indicator,
}

impl Indicators {
    /// Computes every indicator as of `view`'s reference day. `rt` counts only when its window
    /// ends on that day.
    pub(crate) fn compute(view: &View<'_>, rt: Option<&RtPoint>) -> Indicators {
        let pop = view.situation.region.population;
        let per_100k = move |x: f64| x * 100_000.0 / pop;
        let per_100k_week = move |x: f64| x * 100_000.0 / (2.0 * pop);
        let local_7d = total(view, Column::LocalCases, 7, "cases", &["chinaEventGrade"], |x| x);
        Indicators {
            population: pop,
            local_cases_7d_per_100k: rescale(&local_7d, per_100k, "cases per 100 000", CDC_USERS),
            daily_local_cases_per_100k: rescale(
                &local_7d,
                move |x| x * 100_000.0 / (7.0 * pop),
                "cases per 100 000 per day",
                &["covidActNow", "harvard"],
            ),
            local_cases_7d: local_7d,
            who_cases_per_100k_per_week: total(view, Column::LocalCases, 14, PER_WEEK, WHO, per_100k_week),
            who_admissions_per_100k_per_week: total(view, Column::Admissions, 14, PER_WEEK, WHO, per_100k_week),
            who_deaths_per_100k_per_week: total(view, Column::Deaths, 14, PER_WEEK, WHO, per_100k_week),
            who_test_positivity_percent: positivity(view, 14, WHO),
            test_positivity_7d_percent: positivity(view, 7, &["cdcTransmission", "covidActNow"]),
            admissions_7d_per_100k: total(
                view,
                Column::Admissions,
                7,
                "admissions per 100 000",
                &["cdcCommunity"],
                per_100k,
            ),
            beds_occupied_percent: beds(view),
            icu_capacity_used_percent: icu(view),
            rt: rt_value(view, rt),
            cumulative_local_cases: cumulative(view),
            local_cases_14d: total(view, Column::LocalCases, 14, "cases", &["chinaRiskArea2020"], |x| x),
            clusters_last_14_days: clusters(view),
            days_since_last_local_case: days_since_last_case(view),
        }
    }
}

const PER_WEEK: &str = "per 100 000 per week";
const WHO: &[&str] = &["whoPhsm"];
const CDC_USERS: &[&str] = &["cdcTransmission", "cdcCommunity", "chinaEventGrade"];

/// Fewest reported days an average or ratio over `days` needs (4 of 7, 8 of 14).
pub fn min_reported(days: usize) -> usize {
    (MIN_REPORTED_PER_7_DAYS * days).div_ceil(7)
}

fn empty(view: &View<'_>, days: usize, unit: &'static str, used_by: &'static [&'static str]) -> Indicator {
    let to = view.end();
    Indicator {
        value: None,
        unit,
        from: Some(date_text(view.date(to - days as i64 + 1))),
        to: Some(date_text(view.as_of)),
        days,
        days_reported: 0,
        lower_bound: false,
        missing: Vec::new(),
        note: None,
        used_by,
    }
}

/// Why a window over `c` cannot be read at all (no column, or the series starts too late).
fn unreadable(view: &View<'_>, c: Column, days: usize) -> Option<(String, String)> {
    let from = view.end() - days as i64 + 1;
    if !view.has(c) {
        Some((column_path(c), format!("the series has no {} column", c.key())))
    } else if from < 0 {
        Some((
            column_path(c),
            format!(
                "the series starts on {}; this {days}-day window needs days from {}",
                view.situation.series.start,
                view.date(from)
            ),
        ))
    } else {
        None
    }
}

/// A total over the `days` ending on the reference day; null unless every day is reported.
fn total(
    view: &View<'_>,
    c: Column,
    days: usize,
    unit: &'static str,
    used_by: &'static [&'static str],
    scale: impl Fn(f64) -> f64,
) -> Indicator {
    let mut ind = empty(view, days, unit, used_by);
    if let Some((path, why)) = unreadable(view, c, days) {
        ind.missing.push(path);
        ind.note = Some(why);
        return ind;
    }
    let to = view.end();
    let mut sum = 0.0;
    for i in to - days as i64 + 1..=to {
        match view.value(c, i) {
            Some(x) => {
                sum += x;
                ind.days_reported += 1;
            }
            None => ind.missing.push(day_path(c, i)),
        }
    }
    if ind.missing.is_empty() {
        ind.value = finite(scale(sum));
    } else {
        ind.note = Some(format!(
            "{} of the {days} days have no {} count; a total needs every day",
            ind.missing.len(),
            c.key()
        ));
    }
    ind
}

/// The same window and days as `base`, its value scaled.
fn rescale(
    base: &Indicator,
    scale: impl Fn(f64) -> f64,
    unit: &'static str,
    used_by: &'static [&'static str],
) -> Indicator {
    Indicator { value: base.value.and_then(|x| finite(scale(x))), unit, used_by, ..base.clone() }
}

/// Σ positive / Σ performed × 100 over the days with both reported; needs [`min_reported`].
fn positivity(view: &View<'_>, days: usize, used_by: &'static [&'static str]) -> Indicator {
    let mut ind = empty(view, days, "%", used_by);
    let mut whole = Vec::new();
    for c in [Column::TestsPositive, Column::TestsPerformed] {
        if let Some((path, why)) = unreadable(view, c, days) {
            whole.push(path);
            ind.note = Some(why);
        }
    }
    if !whole.is_empty() {
        ind.missing = whole;
        return ind;
    }
    let to = view.end();
    let (mut positive, mut performed, mut gaps) = (0.0, 0.0, Vec::new());
    for i in to - days as i64 + 1..=to {
        match (view.value(Column::TestsPositive, i), view.value(Column::TestsPerformed, i)) {
            (Some(p), Some(t)) => {
                positive += p;
                performed += t;
                ind.days_reported += 1;
            }
            (p, t) => {
                if p.is_none() {
                    gaps.push(day_path(Column::TestsPositive, i));
                }
                if t.is_none() {
                    gaps.push(day_path(Column::TestsPerformed, i));
                }
            }
        }
    }
    let need = min_reported(days);
    if ind.days_reported < need {
        ind.missing = gaps;
        ind.note = Some(format!(
            "tests are reported on {} of the {days} days; positivity needs at least {need}",
            ind.days_reported
        ));
    } else if performed == 0.0 {
        ind.missing = vec![column_path(Column::TestsPerformed)];
        ind.note = Some("no tests were performed in the window".into());
    } else {
        ind.value = finite(positive * 100.0 / performed);
        if ind.days_reported < days {
            ind.note = Some(format!(
                "from the {} of {days} days with both counts reported; the missing days are left out",
                ind.days_reported
            ));
        }
    }
    ind
}

/// Mean of the reported `bedsOccupied` over 7 days / `capacity.beds` × 100.
fn beds(view: &View<'_>) -> Indicator {
    let mut ind = empty(view, 7, "% of staffed beds", &["cdcCommunity"]);
    let capacity = view.situation.capacity.beds;
    let mut whole = Vec::new();
    if let Some((path, why)) = unreadable(view, Column::BedsOccupied, 7) {
        whole.push(path);
        ind.note = Some(why);
    }
    match capacity {
        None => whole.push(input_path("capacity", "beds")),
        Some(b) if b <= 0.0 => {
            whole.push(input_path("capacity", "beds"));
            ind.note = Some("capacity.beds is 0: no occupancy rate".into());
        }
        Some(_) => {}
    }
    if !whole.is_empty() {
        ind.missing = whole;
        return ind;
    }
    let to = view.end();
    let (mut sum, mut gaps) = (0.0, Vec::new());
    for i in to - 6..=to {
        match view.value(Column::BedsOccupied, i) {
            Some(x) => {
                sum += x;
                ind.days_reported += 1;
            }
            None => gaps.push(day_path(Column::BedsOccupied, i)),
        }
    }
    let need = min_reported(7);
    if ind.days_reported < need {
        ind.missing = gaps;
        ind.note =
            Some(format!("bedsOccupied is reported on {} of 7 days; the average needs {need}", ind.days_reported));
    } else {
        let mean = sum / ind.days_reported as f64;
        ind.value = capacity.and_then(|b| finite(mean * 100.0 / b));
        if ind.days_reported < 7 {
            ind.note = Some(format!("7-day average of the {} reported days", ind.days_reported));
        }
    }
    ind
}

/// `icuOccupied` on the reference day / `capacity.icuBeds` × 100.
fn icu(view: &View<'_>) -> Indicator {
    let mut ind = empty(view, 1, "% of ICU beds", &["covidActNow"]);
    let capacity = view.situation.capacity.icu_beds;
    let to = view.end();
    if !view.has(Column::IcuOccupied) {
        ind.missing.push(column_path(Column::IcuOccupied));
        ind.note = Some("the series has no icuOccupied column".into());
    } else if view.value(Column::IcuOccupied, to).is_none() {
        ind.missing.push(day_path(Column::IcuOccupied, to));
        ind.note = Some(format!("icuOccupied has no count on {}", view.as_of));
    }
    match capacity {
        None => ind.missing.push(input_path("capacity", "icuBeds")),
        Some(b) if b <= 0.0 => {
            ind.missing.push(input_path("capacity", "icuBeds"));
            ind.note = Some("capacity.icuBeds is 0: no occupancy rate".into());
        }
        Some(_) => {}
    }
    if ind.missing.is_empty() {
        ind.days_reported = 1;
        ind.value = view.value(Column::IcuOccupied, to).zip(capacity).and_then(|(x, b)| finite(x * 100.0 / b));
    }
    ind
}

fn rt_value(view: &View<'_>, rt: Option<&RtPoint>) -> Indicator {
    let as_of = date_text(view.as_of);
    let mut ind = empty(view, 0, "reproduction number", &["covidActNow"]);
    ind.from = None;
    ind.to = None;
    match rt {
        Some(p) if p.end_date == as_of => {
            ind.value = finite(p.mean);
            ind.from = Some(p.start_date.clone());
            ind.to = Some(p.end_date.clone());
            ind.days = Date::parse(&p.start_date).map_or(0, |d| (view.as_of.0 - d.0 + 1).max(0) as usize);
            ind.days_reported = ind.days;
        }
        Some(p) => {
            ind.missing.push(column_path(Column::LocalCases));
            ind.note = Some(format!("the latest Rt window ends on {}, not on {as_of}", p.end_date));
        }
        None => {
            ind.missing.push(column_path(Column::LocalCases));
            ind.note = Some(format!("no Rt estimate for a window ending on {as_of} (see rt.notes)"));
        }
    }
    ind
}

/// Reported local cases from the first day to the reference day; a lower bound with missing days.
fn cumulative(view: &View<'_>) -> Indicator {
    let to = view.end();
    let mut ind = empty(view, (to + 1).max(0) as usize, "cases", &["chinaRiskArea2020"]);
    ind.from = Some(date_text(view.situation.series.start));
    let mut sum = 0.0;
    let mut missing = 0;
    for i in 0..=to {
        match view.value(Column::LocalCases, i) {
            Some(x) => {
                sum += x;
                ind.days_reported += 1;
            }
            None => missing += 1,
        }
    }
    ind.value = finite(sum);
    let mut notes = Vec::new();
    if missing > 0 {
        ind.lower_bound = true;
        notes.push(format!("{missing} day(s) have no count: the total is a lower bound"));
    }
    if view.value(Column::LocalCases, 0).is_some_and(|x| x > 0.0) {
        notes.push(format!(
            "the series starts on {} with cases: cases before it are not counted",
            view.situation.series.start
        ));
    }
    ind.note = (!notes.is_empty()).then(|| notes.join("; "));
    ind
}

fn clusters(view: &View<'_>) -> Indicator {
    let mut ind = empty(view, 14, "clusters", &["chinaRiskArea2020", "whoPhsm"]);
    match view.situation.events.clusters_last_14_days {
        Some(x) => {
            ind.value = finite(x);
            ind.days_reported = 14;
            ind.note = Some("as entered in events (counted by the user as of asOf)".into());
        }
        None => ind.missing.push(input_path("events", "clustersLast14Days")),
    }
    ind
}

fn days_since_last_case(view: &View<'_>) -> Indicator {
    let to = view.end();
    let mut ind = empty(view, 0, "days", &["standDown"]);
    let last =
        (0..=to.min(view.len as i64 - 1)).rev().find(|&i| view.value(Column::LocalCases, i).is_some_and(|x| x > 0.0));
    match last {
        Some(i) => {
            ind.from = Some(date_text(view.date(i)));
            ind.days = (to - i + 1) as usize;
            ind.days_reported = (i..=to).filter(|&j| view.value(Column::LocalCases, j).is_some()).count();
            ind.value = Some((to - i) as f64);
            let unknown = ind.days - ind.days_reported;
            if unknown > 0 {
                ind.note = Some(format!("{unknown} day(s) since the last case have no count (see standDown)"));
            }
        }
        None => {
            ind.from = None;
            ind.note = Some("no local case reported in the series".into());
        }
    }
    ind
}

/// `Some(x)` for a finite `x`; never lets NaN or ±∞ out.
fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimum_reported_days() {
        assert_eq!(min_reported(7), 4);
        assert_eq!(min_reported(14), 8);
        assert_eq!(min_reported(1), 1);
    }
}
