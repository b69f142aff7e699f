//! Data-quality flags on the daily series. Nothing is changed: the flags say where a reader
//! (or a signal) should look twice.
//!
//! **Reporting spike** (a day far above its neighbours, e.g. a backlog reported at once): the
//! Hampel identifier (Hampel FR, *J Am Stat Assoc* 1974;69:383–393; Pearson RK, "Outliers in
//! process modeling and identification", *IEEE Trans Control Syst Technol* 2002;10(1):55–63)
//! over a 7-day window, the day and three on each side as in MATLAB's `hampel` (shifted to stay
//! inside the series at its ends; missing days skipped, at least 4 reported neighbours):
//! with m the window's median and `S = 1.4826 · MAD`, the day is flagged when
//! `x − m > 3 S` (Pearson's 3-sigma rule) **and** `x > 2 m` **and** `x − m ≥ 5`. The last two
//! keep ordinary Poisson scatter out: with a MAD of 0 (flat neighbours) any excess passes the
//! first test, and at a level of 20 a day of 35 is noise, not a reporting event. The factor 2
//! and the 5 cases are choices, not from a source; all thresholds are [`QualitySettings`] and
//! are echoed in the output.
//!
//! **Zero run** (e.g. no report over a weekend, entered as 0): at least 2 consecutive days of
//! 0 right after a day with cases, where the mean λ of the reported days among the 7 before
//! the run makes a zero implausible: under Poisson(λ) a day has no case with probability
//! `e^{−λ}`, and the run is flagged when that is below 0.001 (λ > 6.9). In a genuinely low
//! period (λ of 1 or 2) zeros are expected and not flagged.
//!
//! **Missing days** (`null`): listed per column with the signals they affect. Rt needs every
//! day; the 7-day sums count reported days only; the growth rate regresses on reported days;
//! the renewal projection needs every day within the serial interval.
//!
//! Spikes and zero runs are looked for in the daily flows (cases, deaths, admissions, tests),
//! not in the bed censuses `bedsOccupied` and `icuOccupied`, which are stocks.

use crate::math::exp;
use crate::signals::incidence::Note;
use crate::situation::{Column, DailyCount, Series};
use serde::Serialize;

/// Thresholds of the flags; [`Default`] gives the documented values.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QualitySettings {
    /// Days on each side of the day in the Hampel window (3: a 7-day window).
    pub half_window: usize,
    /// Fewest reported neighbours in the window for a day to be judged (4).
    pub min_neighbours: usize,
    /// Hampel threshold t in `x − m > t · 1.4826 · MAD` (3).
    pub hampel_threshold: f64,
    /// The day must exceed this multiple of the window median (2).
    pub spike_ratio: f64,
    /// ... and the median by at least this many (5).
    pub spike_min_excess: f64,
    /// Shortest run of zeros flagged (2 days).
    pub zero_run_min_days: usize,
    /// Days before a run whose reported mean is the expected level λ (7).
    pub zero_run_level_days: usize,
    /// A zero run is flagged when `e^{−λ}` is below this (0.001).
    pub zero_probability: f64,
}

impl Default for QualitySettings {
    fn default() -> Self {
        QualitySettings {
            half_window: 3,
            min_neighbours: 4,
            hampel_threshold: 3.0,
            spike_ratio: 2.0,
            spike_min_excess: 5.0,
            zero_run_min_days: 2,
            zero_run_level_days: 7,
            zero_probability: 0.001,
        }
    }
}

/// `1 / Φ⁻¹(3/4)`: makes the MAD a consistent estimate of a normal standard deviation.
pub const MAD_SCALE: f64 = 1.482_602_218_505_602;

/// One flag on one column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Flag {
    /// `"reporting-spike"` or `"zero-run"`.
    pub code: &'static str,
    /// The column's key in `series`.
    pub column: &'static str,
    /// 0-based index of the (first) day flagged.
    pub day_index: usize,
    /// Days covered: 1 for a spike, the run's length for a zero run.
    pub days: usize,
    /// ISO date of `day_index` (when the series has dates).
    pub date: Option<String>,
    /// The count on the day (0 for a zero run).
    pub observed: f64,
    /// The level it is judged against: the window median (spike) or λ (zero run).
    pub expected: f64,
    pub message: String,
}

/// The days of one column with no count, and what they affect.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingDays {
    pub column: &'static str,
    /// 0-based indices of the days with `null`.
    pub day_indices: Vec<usize>,
    /// Their ISO dates (when the series has dates).
    pub dates: Vec<String>,
    /// One note per signal affected (`code` is the signal: `rt`, `incidence-7d`,
    /// `week-on-week`, `growth`, `projection`); empty when no signal reads the column.
    pub affects: Vec<Note>,
}

/// Every flag and missing day of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataQuality {
    pub flags: Vec<Flag>,
    pub missing_days: Vec<MissingDays>,
    pub settings: QualitySettings,
}

/// Checks every column of a validated series with the default settings.
pub fn data_quality(series: &Series) -> DataQuality {
    data_quality_with(series, &QualitySettings::default())
}

/// [`data_quality`] with other thresholds.
pub fn data_quality_with(series: &Series, settings: &QualitySettings) -> DataQuality {
    let date = |i: usize| series.date(i).to_string();
    let mut flags = Vec::new();
    let mut missing_days = Vec::new();
    for c in Column::ALL {
        let Some(values) = series.column(c) else { continue };
        for mut f in column_flags(c, values, settings) {
            f.date = Some(date(f.day_index));
            flags.push(f);
        }
        if let Some(mut m) = missing(c, values) {
            m.dates = m.day_indices.iter().map(|&i| date(i)).collect();
            missing_days.push(m);
        }
    }
    DataQuality { flags, missing_days, settings: settings.clone() }
}

/// True for the daily flows checked for spikes and zero runs (not the bed censuses).
pub fn is_flow(c: Column) -> bool {
    !matches!(c, Column::BedsOccupied | Column::IcuOccupied)
}

/// Spikes and zero runs of one column, in day order (no dates).
pub fn column_flags(c: Column, values: &[DailyCount], settings: &QualitySettings) -> Vec<Flag> {
    if !is_flow(c) {
        return Vec::new();
    }
    let mut flags: Vec<Flag> = spikes(values, settings)
        .into_iter()
        .map(|(i, x, m)| Flag {
            code: "reporting-spike",
            column: c.key(),
            day_index: i,
            days: 1,
            date: None,
            observed: x,
            expected: m,
            message: format!(
                "{x} is far above the {m} typical of the days around it (Hampel filter): perhaps a backlog reported at once, or a cluster; check before reading trends"
            ),
        })
        .collect();
    flags.extend(zero_runs(values, settings).into_iter().map(|(i, len, lambda)| Flag {
        code: "zero-run",
        column: c.key(),
        day_index: i,
        days: len,
        date: None,
        observed: 0.0,
        expected: lambda,
        message: format!(
            "{len} days of 0 right after about {lambda:.1} a day; at that level a day with no case has probability {:.1e}: perhaps no report (weekend, holiday) entered as 0; enter null for a day without a report",
            exp(-lambda)
        ),
    }));
    flags.sort_by_key(|f| f.day_index);
    flags
}

/// `(day, count, window median)` of each reporting spike.
pub fn spikes(values: &[DailyCount], s: &QualitySettings) -> Vec<(usize, f64, f64)> {
    let n = values.len();
    let width = 2 * s.half_window + 1;
    let mut out = Vec::new();
    for (i, x) in values.iter().enumerate() {
        let Some(x) = *x else { continue };
        // The window of `width` days around i, shifted to stay inside the series.
        let start = i.saturating_sub(s.half_window).min(n.saturating_sub(width));
        let end = (start + width).min(n);
        let neighbours: Vec<f64> = (start..end).filter(|&j| j != i).filter_map(|j| values[j]).collect();
        if neighbours.len() < s.min_neighbours {
            continue;
        }
        let mut window = neighbours;
        window.push(x);
        let m = median(&window);
        let mad = median(&window.iter().map(|v| (v - m).abs()).collect::<Vec<_>>());
        let excess = x - m;
        if excess > s.hampel_threshold * MAD_SCALE * mad && x > s.spike_ratio * m && excess >= s.spike_min_excess {
            out.push((i, x, m));
        }
    }
    out
}

/// `(first day, length, λ)` of each implausible run of zeros.
pub fn zero_runs(values: &[DailyCount], s: &QualitySettings) -> Vec<(usize, usize, f64)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < values.len() {
        if values[i] != Some(0.0) {
            i += 1;
            continue;
        }
        let start = i;
        while i < values.len() && values[i] == Some(0.0) {
            i += 1;
        }
        let len = i - start;
        // The run must follow a reported day with cases.
        if len < s.zero_run_min_days || start == 0 || !values[start - 1].is_some_and(|x| x > 0.0) {
            continue;
        }
        let before: Vec<f64> =
            values[start.saturating_sub(s.zero_run_level_days)..start].iter().filter_map(|v| *v).collect();
        let lambda = before.iter().sum::<f64>() / before.len() as f64;
        if exp(-lambda) < s.zero_probability {
            out.push((start, len, lambda));
        }
    }
    out
}

/// The median of a non-empty slice (the mean of the middle two for an even length).
fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The missing days of one column (no dates), or `None` when every day has a count.
pub fn missing(c: Column, values: &[DailyCount]) -> Option<MissingDays> {
    let day_indices: Vec<usize> = values.iter().enumerate().filter(|(_, v)| v.is_none()).map(|(i, _)| i).collect();
    if day_indices.is_empty() {
        return None;
    }
    let n = values.len();
    let count = |from: usize| day_indices.iter().filter(|&&i| i >= from).count();
    let (last_7, last_14) = (count(n.saturating_sub(7)), count(n.saturating_sub(14)));
    let mut affects = Vec::new();
    let mut add = |code: &'static str, message: String| affects.push(Note { code, message });
    let k = day_indices.len();
    match c {
        Column::LocalCases | Column::ImportedCases => {
            add("rt", format!("Rt needs a count for every day: {k} day{} missing, so Rt cannot be estimated until they are filled in", plural(k)));
            add("projection", "the renewal projection needs every day within the serial interval's reach; it is left out while days are missing".into());
            if c == Column::LocalCases {
                if last_7 > 0 {
                    add("incidence-7d", format!("{last_7} of the last 7 days missing: the 7-day sum and incidence count reported days only and may be too low"));
                }
                if last_14 > 0 {
                    add(
                        "week-on-week",
                        format!("{last_14} of the last 14 days missing: a week with a missing day is not compared"),
                    );
                    add(
                        "growth",
                        format!(
                            "{last_14} of the last 14 days missing: the growth rates regress on the reported days only"
                        ),
                    );
                }
            }
        }
        Column::BedsOccupied | Column::IcuOccupied if values.last().is_some_and(|v| v.is_none()) => {
            add("projection", format!("{} has no figure for the last day: the latest reported one is used as the current number of patients", c.key()));
        }
        _ => {}
    }
    Some(MissingDays { column: c.key(), day_indices, dates: Vec::new(), affects })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_by_hand() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
    }

    #[test]
    fn mad_scale_is_one_over_the_normal_quartile() {
        // Φ⁻¹(0.75) = 0.674489750196082 (e.g. scipy.stats.norm.ppf(0.75)).
        assert!((MAD_SCALE * 0.674_489_750_196_082 - 1.0).abs() < 1e-15);
    }
}
