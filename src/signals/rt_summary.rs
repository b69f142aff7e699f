//! The Rt headline of an assessment: Cori et al.'s estimate ([`super::rt`]) on the
//! situation's series, dated, with the probability that R exceeds 1.
//!
//! Rt needs every day (Λ is a convolution over the past), so it is estimated on the
//! trailing stretch of days with no missing count; a note says when that cut the series.

use crate::date::Date;
use crate::signals::incidence::Note;
use crate::signals::rt::{gamma_quantile, Prior, RtInput, RtWindow, SerialInterval, DEFAULT_WINDOW};
use crate::signals::serial_interval::{discr_si, gamma_cdf, si_moments};
use crate::situation::{Column, DailyCount, EpiSettings, Series};
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
    rt_summary_of(series.local_cases(), series.column(Column::ImportedCases), series.start, epi)
}

/// [`rt_summary`] on daily columns that start on `start` (`local` and `imported` of equal
/// length): e.g. a series cut after some day, to see Rt as of that day.
pub fn rt_summary_of(
    local: &[DailyCount],
    imported: Option<&[DailyCount]>,
    start_date: Date,
    epi: &EpiSettings,
) -> RtSummary {
    let len = local.len();
    let date = |i: usize| start_date.plus_days(i as i64);
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
    if imported.is_none() {
        notes.push(Note {
            code: "no-imported-column",
            message: "the series has no importedCases column: every case is counted as local transmission".into(),
        });
    }
    let missing = |i: usize| local[i].is_none() || imported.is_some_and(|c| c[i].is_none());
    let start = (0..len).rev().find(|&i| missing(i)).map_or(0, |i| i + 1);
    if start > 0 {
        notes.push(Note {
            code: "missing-days",
            message: format!(
                "Rt needs every day: it uses the {} days after the last day with a missing count ({})",
                len - start,
                date(start - 1)
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
        first_date_used: (days_used > 0).then(|| date(start).to_string()),
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
    let first = date(start);
    let windows: Vec<RtPoint> = estimate.windows.iter().map(|w| point(w, first)).collect();
    let latest = windows.last().filter(|w| w.end_date == date(len.saturating_sub(1)).to_string()).cloned();
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

// ---------------------------------------------------------------------------------------------
// The latest window alone, and the latest window as of each day (issue 4 item 5).
//
// `rt_summary` estimates every window, each with seven posterior quantiles: right for one
// assessment's Rt chart, wasteful when only the latest window counts (a summary of each of
// 3 000 regions) or when the latest window is wanted as of every day (a level timeline). The
// functions below give the same numbers, bit for bit, by doing the same floating-point
// operations in the same order on the days they need:
// - EpiEstim's `discr_si(k)` does not depend on the series length (only where the tail is cut
//   does), so the weights of a serial interval are computed once ([`SiCache`]) and shared;
// - Λ_t = Σ_{s=0}^{t} w_s I_{t−s} stops at the last positive weight (the terms after it are
//   `0 × I = +0`, which leave a sum of non-negative terms unchanged);
// - the posterior of the last window needs Λ and the local cases of its days only.
// `tests/timeline.rs` checks them against `rt_summary` on series with and without missing days.

/// The weights of one parametric serial interval, for the longest stretch asked so far.
#[derive(Debug, Clone)]
struct ParametricWeights {
    mean: f64,
    sd: f64,
    /// `discr_si(k)`, k = 0 … n − 1.
    w: Vec<f64>,
    /// `moments[n] = Σ_{k<n} k w_k`, summed in order as `si_moments` sums (n = 0 … len).
    moments: Vec<f64>,
    /// Index of the last positive weight (0 when none).
    reach: usize,
}

impl ParametricWeights {
    fn new(mean: f64, sd: f64, len: usize) -> Self {
        let w = discr_si(len.saturating_sub(1), mean, sd).unwrap_or_else(|| vec![0.0; len]);
        let mut moments = Vec::with_capacity(w.len() + 1);
        let mut sum = 0.0;
        moments.push(sum);
        for (k, p) in w.iter().enumerate() {
            sum += k as f64 * p;
            moments.push(sum);
        }
        let reach = w.iter().rposition(|x| *x > 0.0).unwrap_or(0);
        ParametricWeights { mean, sd, w, moments, reach }
    }
}

/// Serial-interval weights shared by the Rt estimates of many series (or of many days of one
/// series) with the same serial interval: EpiEstim's `discr_si` costs six incomplete gamma
/// functions per day of the series, the rest of a latest-window estimate far less.
#[derive(Debug, Clone, Default)]
pub struct SiCache {
    parametric: Vec<ParametricWeights>,
}

impl SiCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The kernel of `si` for stretches of up to `len` days.
    fn kernel<'a>(&'a mut self, si: &'a SerialInterval, len: usize) -> Kernel<'a> {
        match si {
            SerialInterval::Distribution(w) => Kernel {
                w,
                moments: None,
                distribution_mean: si_moments(w).0,
                reach: w.iter().rposition(|x| *x > 0.0).unwrap_or(0),
                parametric: false,
            },
            SerialInterval::Parametric { mean, sd } => {
                let same = |p: &ParametricWeights| p.mean.to_bits() == mean.to_bits() && p.sd.to_bits() == sd.to_bits();
                let i = match self.parametric.iter().position(same) {
                    Some(i) => {
                        if self.parametric[i].w.len() < len {
                            // The weights do not depend on the length: recompute further.
                            let longer = len.max(2 * self.parametric[i].w.len());
                            self.parametric[i] = ParametricWeights::new(*mean, *sd, longer);
                        }
                        i
                    }
                    None => {
                        self.parametric.push(ParametricWeights::new(*mean, *sd, len));
                        self.parametric.len() - 1
                    }
                };
                let p = &self.parametric[i];
                Kernel { w: &p.w, moments: Some(&p.moments), distribution_mean: 0.0, reach: p.reach, parametric: true }
            }
        }
    }
}

/// A serial interval as the estimate on one stretch of days sees it.
struct Kernel<'a> {
    w: &'a [f64],
    /// Parametric: the prefix sums of `k w_k` (the mean depends on where the tail is cut).
    moments: Option<&'a [f64]>,
    /// Distribution: its mean (it is never cut, only padded with zeros).
    distribution_mean: f64,
    reach: usize,
    parametric: bool,
}

impl Kernel<'_> {
    /// `Σ k w_k` of the serial interval `estimate` uses on `days` days (`RtEstimate::si_mean`):
    /// windows ending on or before it are dropped.
    fn mean_si(&self, days: usize) -> f64 {
        match self.moments {
            Some(m) => m[days.min(m.len() - 1)],
            None => self.distribution_mean,
        }
    }

    /// `Λ_t` of `overall_infectivity` (t 0-based in the stretch, `total` its local + imported).
    fn lambda(&self, total: &[f64], t: usize) -> f64 {
        (0..=t.min(self.reach)).map(|s| self.w.get(s).copied().unwrap_or(0.0) * total[t - s]).sum()
    }

    /// The serial interval `estimate` returns for `days` days (`RtSummary::si`), cut after its
    /// last positive weight (at least `w_0, w_1`): the zeros after it change no sum of the
    /// projection, nor the reach it computes.
    fn projection_si(&self, days: usize) -> Vec<f64> {
        let full = if self.parametric { days } else { self.w.len().max(days + 1) };
        let take = |k: usize| self.w.get(k).copied().unwrap_or(0.0);
        let last = (0..full.min(self.w.len())).rev().find(|&k| take(k) > 0.0).unwrap_or(0);
        (0..(last + 1).max(2)).map(take).collect()
    }
}

/// The latest Rt window of [`rt_summary`], computed alone.
#[derive(Debug, Clone, PartialEq)]
pub struct LatestRt {
    /// `RtSummary::latest`.
    pub point: RtPoint,
    /// `RtSummary::latest_window`, for the projection. Only the quantiles the projection and
    /// the point read are computed (q025, median, q975); q05, q25, q75 and q95 are NaN.
    pub window: RtWindow,
    /// `RtSummary::si` cut after its last positive weight (the projection gives the same).
    pub si: Vec<f64>,
}

/// The prior's shape and scale, `None` when `cori` would give no windows.
fn prior_parts(prior: Prior) -> Option<(f64, f64)> {
    let (a, b) = (prior.shape(), prior.scale());
    (a.is_finite() && a > 0.0 && b.is_finite() && b > 0.0).then_some((a, b))
}

/// The posterior of window `[t_start, t_end]` (1-based) as `cori` computes it, from the sums
/// of the window's local cases and Λ; `all_quantiles: false` leaves q05, q25, q75, q95 NaN.
fn posterior(t_start: usize, t_end: usize, shape: f64, scale: f64, all_quantiles: bool) -> RtWindow {
    let q = |p| gamma_quantile(p, shape, scale);
    let some = |p| if all_quantiles { q(p) } else { f64::NAN };
    RtWindow {
        t_start,
        t_end,
        mean: shape * scale,
        std: shape.sqrt() * scale,
        cv: 1.0 / shape.sqrt(),
        q025: q(0.025),
        q05: some(0.05),
        q25: some(0.25),
        median: q(0.5),
        q75: some(0.75),
        q95: some(0.95),
        q975: q(0.975),
        shape,
        scale,
    }
}

/// `RtSummary::latest` and `latest_window` of [`rt_summary_of`] on the same columns, without
/// estimating the other windows (see [`LatestRt`] for what is left out). `None` exactly when
/// `latest` is.
pub fn rt_latest(
    local: &[DailyCount],
    imported: Option<&[DailyCount]>,
    start_date: Date,
    epi: &EpiSettings,
    cache: &mut SiCache,
) -> Option<LatestRt> {
    let len = local.len();
    let window = epi.rt_window.unwrap_or(DEFAULT_WINDOW);
    let (a, b) = prior_parts(epi.rt_prior.unwrap_or_default())?;
    let missing = |i: usize| local[i].is_none() || imported.is_some_and(|c| c[i].is_none());
    let start = (0..len).rev().find(|&i| missing(i)).map_or(0, |i| i + 1);
    let days = len - start;
    if days < window + 1 {
        return None;
    }
    let imported_at = |i: usize| imported.map_or(0.0, |c| c[i].unwrap_or(0.0));
    let local_at = |i: usize| local[i].unwrap_or(0.0);
    if (start..len).all(|i| local_at(i) == 0.0 && imported_at(i) == 0.0) {
        return None;
    }
    let default_si = SerialInterval::Parametric { mean: DEFAULT_SERIAL_INTERVAL.0, sd: DEFAULT_SERIAL_INTERVAL.1 };
    let si = epi.serial_interval.as_ref().unwrap_or(&default_si);
    let kernel = cache.kernel(si, days);
    let kept = days as f64 > kernel.mean_si(days);
    if !kept {
        return None;
    }
    // The stretch as `RtInput::from_parts` leaves it: day 1's local cases moved to imported.
    let moved_local = |j: usize| if j == 0 { 0.0 } else { local_at(start + j) };
    let total = |j: usize| {
        if j == 0 {
            0.0 + (imported_at(start) + local_at(start))
        } else {
            local_at(start + j) + imported_at(start + j)
        }
    };
    let (t_start, t_end) = (days - window + 1, days);
    let from = (t_start - 1).saturating_sub(kernel.reach);
    let totals: Vec<f64> = (from..t_end).map(total).collect();
    let lambdas: Vec<f64> = (t_start - 1..t_end).map(|t| kernel.lambda(&totals, t - from)).collect();
    let local_sum = (t_start - 1..t_end).map(moved_local).sum::<f64>();
    let shape = a + local_sum;
    let scale = 1.0 / (1.0 / b + lambdas.iter().sum::<f64>());
    let window = posterior(t_start, t_end, shape, scale, false);
    let point = point(&window, start_date.plus_days(start as i64));
    Some(LatestRt { point, si: kernel.projection_si(days), window })
}

/// Entry `d` is `RtSummary::latest` of [`rt_summary_of`] on the columns cut after day `d`
/// (0-based): Rt as known on that day, from the window ending on it. One pass: Λ is
/// computed once per day of each complete stretch, not once per window per day.
pub fn rt_latest_each_day(
    local: &[DailyCount],
    imported: Option<&[DailyCount]>,
    start_date: Date,
    epi: &EpiSettings,
    cache: &mut SiCache,
) -> Vec<Option<RtPoint>> {
    let len = local.len();
    let mut out = Vec::with_capacity(len);
    let window = epi.rt_window.unwrap_or(DEFAULT_WINDOW);
    let Some((a, b)) = prior_parts(epi.rt_prior.unwrap_or_default()) else {
        return vec![None; len];
    };
    let default_si = SerialInterval::Parametric { mean: DEFAULT_SERIAL_INTERVAL.0, sd: DEFAULT_SERIAL_INTERVAL.1 };
    let si = epi.serial_interval.as_ref().unwrap_or(&default_si);
    let kernel = cache.kernel(si, len);
    // The current stretch of complete days: its first day, moved local cases, totals and Λ.
    let mut start = 0;
    let (mut moved_local, mut total, mut lambda) = (Vec::new(), Vec::new(), Vec::new());
    let mut any_case = false;
    for d in 0..len {
        let (l, imp) = match (local[d], imported.map(|c| c[d])) {
            (Some(l), None) => (l, 0.0),
            (Some(l), Some(Some(i))) => (l, i),
            _ => {
                start = d + 1;
                moved_local.clear();
                total.clear();
                lambda.clear();
                any_case = false;
                out.push(None);
                continue;
            }
        };
        let j = d - start;
        let (lm, im) = if j == 0 { (0.0, imp + l) } else { (l, imp) };
        moved_local.push(lm);
        total.push(lm + im);
        lambda.push(kernel.lambda(&total, j));
        any_case |= l != 0.0 || imp != 0.0;
        let days = j + 1;
        let kept = days as f64 > kernel.mean_si(days);
        if days < window + 1 || !any_case || !kept {
            out.push(None);
            continue;
        }
        let t_start = days - window + 1;
        let shape = a + moved_local[t_start - 1..days].iter().sum::<f64>();
        let scale = 1.0 / (1.0 / b + lambda[t_start - 1..days].iter().sum::<f64>());
        let w = posterior(t_start, days, shape, scale, false);
        out.push(Some(point(&w, start_date.plus_days(start as i64))));
    }
    out
}
