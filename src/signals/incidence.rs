//! Case counts over the latest weeks, incidence per 100 000 and week-on-week change.
//!
//! 7-day incidence per 100 000 = (new cases in the past 7 days) / population × 100 000,
//! the denominator and window used by CDC's community-transmission levels
//! (standards.md §3.2) and, as a weekly rate, by WHO's PHSM transmission levels (§2.1).
//! Week-on-week change = (this week − last week) / last week.

use crate::situation::DailyCount;
use serde::Serialize;

/// The first signals of an assessment. Every `Option` is `null` on the wire with a note
/// saying why; nothing is ever NaN.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeeklySignals {
    /// Sum of every reported day of local cases.
    pub cumulative_local_cases: f64,
    /// Local cases in the 7 days ending on the last day of the series (reported days only).
    pub local_cases_last_7_days: Option<f64>,
    /// Local cases in the 7 days before those.
    pub local_cases_previous_7_days: Option<f64>,
    /// `local_cases_last_7_days / population × 100 000`.
    pub incidence_7d_per_100k: Option<f64>,
    /// `(last 7 days − previous 7 days) / previous 7 days`, as a fraction (0.25 = +25 %).
    pub week_on_week_change: Option<f64>,
    /// Days with no report (null) among the last 7 and the previous 7.
    pub missing_days_last_7: usize,
    pub missing_days_previous_7: usize,
    /// Why a value is null or should be read with care; each is `{ code, message }`.
    pub notes: Vec<Note>,
}

/// A remark on a signal: a stable code for translation and an English message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub code: &'static str,
    pub message: String,
}

/// Sum of the reported days of `days`, and how many were missing.
fn window_sum(days: &[DailyCount]) -> (f64, usize) {
    days.iter().fold((0.0, 0), |(sum, missing), d| match d {
        Some(x) => (sum + x, missing),
        None => (sum, missing + 1),
    })
}

/// Computes the weekly signals of `local` (oldest first) for a population.
pub fn weekly_signals(local: &[DailyCount], population: f64) -> WeeklySignals {
    let n = local.len();
    let mut notes = Vec::new();
    let cumulative = window_sum(local).0;

    let last = (n >= 7).then(|| window_sum(&local[n - 7..]));
    let previous = (n >= 14).then(|| window_sum(&local[n - 14..n - 7]));
    if last.is_none() {
        notes.push(Note {
            code: "series-too-short",
            message: format!("the series has {n} days; 7-day figures need at least 7"),
        });
    } else if previous.is_none() {
        notes.push(Note {
            code: "series-too-short",
            message: format!("the series has {n} days; week-on-week change needs at least 14"),
        });
    }
    let (missing_last, missing_prev) = (last.map_or(0, |w| w.1), previous.map_or(0, |w| w.1));
    if missing_last > 0 {
        notes.push(Note {
            code: "missing-days",
            message: format!("{missing_last} of the last 7 days have no report; the 7-day figures count reported days only and may be too low"),
        });
    }
    let incidence = last.filter(|w| w.1 < 7).map(|w| w.0 / population * 100_000.0);
    let week_on_week = match (last, previous) {
        (Some(l), Some(p)) if l.1 == 0 && p.1 == 0 && p.0 > 0.0 => Some((l.0 - p.0) / p.0),
        (Some(l), Some(p)) if l.1 == 0 && p.1 == 0 => {
            notes.push(Note {
                code: "no-cases-previous-week",
                message: "no local cases in the previous 7 days, so the change has no ratio".into(),
            });
            None
        }
        (Some(_), Some(_)) => {
            notes.push(Note {
                code: "missing-days",
                message: "a week with unreported days cannot be compared; week-on-week change is left out".into(),
            });
            None
        }
        _ => None,
    };
    WeeklySignals {
        cumulative_local_cases: cumulative,
        local_cases_last_7_days: last.filter(|w| w.1 < 7).map(|w| w.0),
        local_cases_previous_7_days: previous.filter(|w| w.1 < 7).map(|w| w.0),
        incidence_7d_per_100k: incidence,
        week_on_week_change: week_on_week,
        missing_days_last_7: missing_last,
        missing_days_previous_7: missing_prev,
        notes,
    }
}

/// Trailing 7-day mean of the reported days ending on each day; `None` while fewer than 4
/// of those 7 days are reported (a mean of one or two days is not a weekly average).
pub fn trailing_average_7d(days: &[DailyCount]) -> Vec<Option<f64>> {
    (0..days.len())
        .map(|i| {
            let window = &days[i.saturating_sub(6)..=i];
            let (sum, missing) = window_sum(window);
            let reported = window.len() - missing;
            (window.len() == 7 && reported >= 4).then(|| sum / reported as f64)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(v: &[u32]) -> Vec<DailyCount> {
        v.iter().map(|&x| Some(f64::from(x))).collect()
    }

    #[test]
    fn incidence_and_change_by_hand() {
        // previous week 1..=7 sums to 28; last week 8..=14 sums to 77; population 1 400 000.
        let s = weekly_signals(&days(&(1..=14).collect::<Vec<_>>()), 1_400_000.0);
        assert_eq!(s.cumulative_local_cases, 105.0);
        assert_eq!(s.local_cases_last_7_days, Some(77.0));
        assert_eq!(s.local_cases_previous_7_days, Some(28.0));
        assert!((s.incidence_7d_per_100k.unwrap() - 5.5).abs() < 1e-12); // 77 / 1.4e6 × 1e5
        assert!((s.week_on_week_change.unwrap() - 1.75).abs() < 1e-12); // (77 − 28) / 28
        assert!(s.notes.is_empty());
    }

    #[test]
    fn short_series_gives_null_with_a_note() {
        let s = weekly_signals(&days(&[3, 4, 5]), 1000.0);
        assert_eq!(s.cumulative_local_cases, 12.0);
        assert_eq!(s.incidence_7d_per_100k, None);
        assert_eq!(s.notes[0].code, "series-too-short");
    }

    #[test]
    fn missing_days_are_not_zero() {
        let mut v = days(&[5; 14]);
        v[13] = None;
        let s = weekly_signals(&v, 100_000.0);
        assert_eq!(s.local_cases_last_7_days, Some(30.0));
        assert_eq!(s.missing_days_last_7, 1);
        assert_eq!(s.week_on_week_change, None);
        assert!(s.notes.iter().any(|n| n.code == "missing-days"));
        let all_missing = weekly_signals(&[None; 7], 100_000.0);
        assert_eq!(all_missing.incidence_7d_per_100k, None);
    }

    #[test]
    fn trailing_average_by_hand() {
        let mut v = days(&[1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(trailing_average_7d(&v)[5], None); // fewer than 7 days so far
        assert_eq!(trailing_average_7d(&v)[6], Some(4.0)); // (1+…+7)/7
        assert_eq!(trailing_average_7d(&v)[7], Some(5.0)); // (2+…+8)/7
        v[7] = None;
        assert_eq!(trailing_average_7d(&v)[7], Some(27.0 / 6.0)); // reported days only
        v[6] = None;
        v[5] = None;
        v[4] = None;
        assert_eq!(trailing_average_7d(&v)[7], None); // 3 of 7 reported
    }

    #[test]
    fn zero_previous_week_has_no_ratio() {
        let mut v = days(&[0; 14]);
        v[13] = Some(4.0);
        let s = weekly_signals(&v, 100_000.0);
        assert_eq!(s.week_on_week_change, None);
        assert!(s.notes.iter().any(|n| n.code == "no-cases-previous-week"));
    }
}
