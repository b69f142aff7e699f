//! Exponential growth rate and doubling (or halving) time of daily counts.
//!
//! Over the last 7 and the last 14 days, `ln(count + 0.5)` is regressed on the day index by
//! ordinary least squares: the slope is the growth rate r per day. Its 95 % confidence
//! interval is `r ± t_{0.975, n−2} · se(r)`, with `se(r)` the usual OLS standard error. The
//! doubling time is `ln 2 / r` when r > 0 and the halving time `ln 2 / |r|` when r < 0
//! (standards.md §7: T_d = ln2 / r); its interval is the r interval transformed, so when the
//! r interval reaches 0 the time's far bound is unbounded (`null`, with a note), never
//! infinite. The 0.5 keeps days with no cases in the regression (log 0 is undefined).
//!
//! Missing days (`None`) are not invented: the regression uses the reported days only, at
//! their true day indices, and needs at least [`MIN_REPORTED_DAYS`] of them.

use crate::math::{ln, student_t_quantile};
use crate::signals::incidence::Note;
use crate::situation::DailyCount;
use nalgebra::{DMatrix, DVector};
use serde::Serialize;

/// Fewest reported days a window needs for a fit (n − 2 = 3 degrees of freedom).
pub const MIN_REPORTED_DAYS: usize = 5;
/// Added to every count before the logarithm.
pub const LOG_OFFSET: f64 = 0.5;
/// Confidence level of the intervals.
pub const CONFIDENCE: f64 = 0.95;

/// Growth over the last 7 and last 14 days.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrowthSignals {
    pub last_7_days: GrowthWindow,
    pub last_14_days: GrowthWindow,
}

/// The fit over one window ending on the last day of the series.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrowthWindow {
    /// Window length in days.
    pub days: usize,
    /// Days in the window with a count (the regression's n).
    pub reported_days: usize,
    /// `null` when there are too few reported days or too short a series (a note says which).
    pub fit: Option<GrowthFit>,
    pub notes: Vec<Note>,
}

/// An OLS fit of `ln(count + 0.5) = intercept + rate · day`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrowthFit {
    /// Growth rate r per day (the slope); negative when declining.
    pub rate: f64,
    /// 95 % confidence interval of r.
    pub rate_lower: f64,
    pub rate_upper: f64,
    /// OLS standard error of r.
    pub standard_error: f64,
    /// n − 2.
    pub degrees_of_freedom: usize,
    /// The fitted `ln(count + 0.5)` on the window's first day (day index 0).
    pub intercept: f64,
    /// Doubling time when r > 0, halving time when r < 0; `null` when r = 0.
    pub time: Option<TimeScale>,
}

/// Whether counts double or halve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TimeKind {
    Doubling,
    Halving,
}

/// `ln 2 / |r|` with its interval from the r interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeScale {
    pub kind: TimeKind,
    /// Days to double (or halve).
    pub days: f64,
    /// The shorter bound: `ln 2 / |far end of the r interval|`; always finite.
    pub lower: f64,
    /// The longer bound: `ln 2 / |near end of the r interval|`; `null` (unbounded) when the r
    /// interval reaches 0 or crosses it.
    pub upper: Option<f64>,
}

/// Growth over the last 7 and the last 14 days of `counts` (oldest first).
pub fn growth_signals(counts: &[DailyCount]) -> GrowthSignals {
    GrowthSignals { last_7_days: growth_window(counts, 7), last_14_days: growth_window(counts, 14) }
}

/// Growth over the last `days` days of `counts` (oldest first).
pub fn growth_window(counts: &[DailyCount], days: usize) -> GrowthWindow {
    let mut notes = Vec::new();
    let n = counts.len();
    if n < days || days == 0 {
        notes.push(Note {
            code: "series-too-short",
            message: format!("the series has {n} days; a {days}-day growth rate needs at least {days}"),
        });
        return GrowthWindow { days, reported_days: 0, fit: None, notes };
    }
    let (xs, ys): (Vec<f64>, Vec<f64>) =
        counts[n - days..].iter().enumerate().filter_map(|(i, c)| c.map(|c| (i as f64, c))).unzip();
    let reported = xs.len();
    if reported < days {
        notes.push(Note {
            code: "missing-days",
            message: format!(
                "{} of the last {days} days have no report; the fit uses the {reported} reported days only",
                days - reported
            ),
        });
    }
    if reported < MIN_REPORTED_DAYS {
        notes.push(Note {
            code: "too-few-reported-days",
            message: format!("{reported} reported days; a growth rate needs at least {MIN_REPORTED_DAYS}"),
        });
        return GrowthWindow { days, reported_days: reported, fit: None, notes };
    }
    let fit = log_linear_fit(&xs, &ys);
    match &fit {
        None => notes.push(Note { code: "fit-failed", message: "the regression could not be solved".into() }),
        Some(f) if f.time.is_none() => notes.push(Note {
            code: "flat",
            message: "the fitted growth rate is exactly 0: no doubling or halving time".into(),
        }),
        Some(f) if f.time.as_ref().is_some_and(|t| t.upper.is_none()) => notes.push(Note {
            code: "rate-interval-includes-zero",
            message: format!(
                "the 95 % interval of the growth rate ({:.4} to {:.4} per day) includes 0, so the {} time has no upper bound",
                f.rate_lower,
                f.rate_upper,
                if f.rate > 0.0 { "doubling" } else { "halving" }
            ),
        }),
        Some(_) => {}
    }
    GrowthWindow { days, reported_days: reported, fit, notes }
}

/// OLS of `ln(count + 0.5)` on `day` (QR decomposition in nalgebra) with a 95 % t interval
/// for the slope. Needs at least 3 points with at least 2 distinct days (else `None`).
/// Constant counts give a slope of exactly 0 with a zero-width interval.
pub fn log_linear_fit(day: &[f64], count: &[f64]) -> Option<GrowthFit> {
    let n = day.len().min(count.len());
    if n < 3 {
        return None;
    }
    let x = DMatrix::from_fn(n, 2, |i, j| if j == 0 { 1.0 } else { day[i] });
    let y = DVector::from_iterator(n, count[..n].iter().map(|c| ln(c + LOG_OFFSET)));
    if y.iter().all(|v| *v == y[0]) {
        // Constant counts: the slope is exactly 0 (QR would leave rounding noise of ~1e-17,
        // which reads as a doubling time of ~1e16 days).
        return Some(GrowthFit {
            rate: 0.0,
            rate_lower: 0.0,
            rate_upper: 0.0,
            standard_error: 0.0,
            degrees_of_freedom: n - 2,
            intercept: y[0],
            time: None,
        });
    }
    let qr = x.clone().qr();
    let (q, r) = (qr.q(), qr.r());
    let beta = r.solve_upper_triangular(&(q.transpose() * &y))?;
    let r_inv = r.try_inverse()?;
    let residuals = &y - &x * &beta;
    let df = n - 2;
    let sigma2 = residuals.norm_squared() / df as f64;
    // Var(β) = σ² (XᵀX)⁻¹ = σ² R⁻¹ R⁻ᵀ.
    let cov = &r_inv * r_inv.transpose() * sigma2;
    let (intercept, rate, se) = (beta[0], beta[1], cov[(1, 1)].max(0.0).sqrt());
    let t = student_t_quantile(0.5 + CONFIDENCE / 2.0, u32::try_from(df).ok()?);
    let (rate_lower, rate_upper) = (rate - t * se, rate + t * se);
    if ![intercept, rate, se, rate_lower, rate_upper].iter().all(|v| v.is_finite()) {
        return None;
    }
    Some(GrowthFit {
        rate,
        rate_lower,
        rate_upper,
        standard_error: se,
        degrees_of_freedom: df,
        intercept,
        time: time_scale(rate, rate_lower, rate_upper),
    })
}

/// `ln 2 / |r|` and its interval from `[lower, upper]` of r; `None` when r = 0.
fn time_scale(rate: f64, lower: f64, upper: f64) -> Option<TimeScale> {
    let ln2 = std::f64::consts::LN_2;
    // Work on |r| with (near, far) the ends of the interval nearer to and farther from 0.
    let (kind, r, near, far) = if rate > 0.0 {
        (TimeKind::Doubling, rate, lower, upper)
    } else if rate < 0.0 {
        (TimeKind::Halving, -rate, -upper, -lower)
    } else {
        return None;
    };
    Some(TimeScale { kind, days: ln2 / r, lower: ln2 / far, upper: (near > 0.0).then(|| ln2 / near) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(v: &[f64]) -> Vec<DailyCount> {
        v.iter().map(|&x| Some(x)).collect()
    }

    #[test]
    fn exact_exponential_has_an_exact_rate() {
        // count + 0.5 = 10 · 2^(t/3): doubling every 3 days, no residual.
        let c: Vec<f64> = (0..7).map(|t| 10.0 * crate::math::pow(2.0, t as f64 / 3.0) - 0.5).collect();
        let w = growth_window(&days(&c), 7);
        let f = w.fit.unwrap();
        assert!((f.rate - std::f64::consts::LN_2 / 3.0).abs() < 1e-12);
        let time = f.time.unwrap();
        assert_eq!(time.kind, TimeKind::Doubling);
        assert!((time.days - 3.0).abs() < 1e-9);
        assert!(f.standard_error < 1e-9);
    }

    #[test]
    fn flat_series_has_no_doubling_time() {
        let w = growth_window(&days(&[0.0; 14]), 14);
        let f = w.fit.unwrap();
        assert_eq!(f.rate, 0.0);
        assert!(f.time.is_none());
        assert!(w.notes.iter().any(|n| n.code == "flat"));
    }

    #[test]
    fn missing_days_are_skipped_not_invented() {
        let mut c = days(&[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0]);
        c[3] = None;
        let w = growth_window(&c, 7);
        assert_eq!(w.reported_days, 6);
        assert!(w.notes.iter().any(|n| n.code == "missing-days"));
        c[1] = None;
        c[5] = None;
        let w = growth_window(&c, 7);
        assert!(w.fit.is_none());
        assert!(w.notes.iter().any(|n| n.code == "too-few-reported-days"));
        assert!(growth_window(&c[..3], 7).notes.iter().any(|n| n.code == "series-too-short"));
    }

    #[test]
    fn halving_interval_transforms_the_rate_interval() {
        let t = time_scale(-0.1, -0.2, -0.05).unwrap();
        assert_eq!(t.kind, TimeKind::Halving);
        assert!((t.days - std::f64::consts::LN_2 / 0.1).abs() < 1e-12);
        assert!((t.lower - std::f64::consts::LN_2 / 0.2).abs() < 1e-12);
        assert!((t.upper.unwrap() - std::f64::consts::LN_2 / 0.05).abs() < 1e-12);
        assert_eq!(time_scale(-0.1, -0.2, 0.01).unwrap().upper, None);
        assert_eq!(time_scale(0.1, 0.0, 0.2).unwrap().upper, None);
    }
}
