//! The instantaneous reproduction number Rt, exactly as EpiEstim's `estimate_R` computes it
//! for a known serial interval (methods `"parametric_si"` and `"non_parametric_si"`).
//!
//! Method: Cori A, Ferguson NM, Fraser C, Cauchemez S. "A new framework and software to
//! estimate time-varying reproduction numbers during epidemics", *Am J Epidemiol*
//! 2013;178(9):1505–1512, doi:10.1093/aje/kwt133. Code replicated: EpiEstim
//! (`mrc-ide/EpiEstim`, version 3.0.0) `R/estimate_R.R` (`estimate_R_func`,
//! `posterior_from_si_distr`), `R/overall_infectivity.R`, `R/utilities.R` (`process_I`,
//! `check_times`, `check_si_distr`, `process_config`), `R/make_config.R` (default windows)
//! and `R/discr_si.R` (see [`discr_si`]).
//!
//! Renewal model: local incidence `I_t ~ Poisson(R Λ_t)` with the overall infectivity
//! `Λ_t = Σ_{s≥0} w_s (I_local + I_imported)_{t−s}` (w the discretised serial interval,
//! `w_0 = 0`). With a Gamma(shape a, scale b) prior, `a = (mean/sd)²`, `b = sd²/mean`, the
//! posterior of R over the window `[t_start, t_end]` is
//! `Gamma(shape a + Σ I_local, scale 1 / (1/b + Σ Λ))`. Imported cases add to Λ but never to
//! the numerator. All cases of day 1 are taken as imported (EpiEstim's `process_I`).
//!
//! Days are 1-based as in EpiEstim: the default windows are weekly and sliding,
//! `t_start = 2 … T − 6`, `t_end = t_start + 6` (window 7); the first possible start is day 2.

use crate::error::{Code, InputError, Path, Problems};
use crate::json::Json;
use crate::math::{exp, ln, normal_quantile, IncompleteGamma};
use crate::read;
use crate::signals::incidence::Note;
pub use crate::signals::serial_interval::discr_si;
use crate::signals::serial_interval::{si_moments, MAX_SI_SHAPE};
use serde::Serialize;
use std::collections::BTreeMap;

/// Target posterior coefficient of variation (EpiEstim `config$cv_posterior`, default 0.3).
pub const CV_POSTERIOR: f64 = 0.3;
/// Tolerance on the sum of a non-parametric serial interval (EpiEstim `check_si_distr`).
pub const SI_SUM_TOLERANCE: f64 = 0.01;
/// Default window length in days (EpiEstim's weekly sliding windows).
pub const DEFAULT_WINDOW: usize = 7;

/// The gamma prior on R, given by its mean and standard deviation (EpiEstim `mean_prior`,
/// `std_prior`; default 5 and 5, i.e. shape 1 and scale 5).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prior {
    pub mean: f64,
    pub sd: f64,
}

impl Default for Prior {
    fn default() -> Self {
        Prior { mean: 5.0, sd: 5.0 }
    }
}

impl Prior {
    /// `a = (mean / sd)²`.
    pub fn shape(&self) -> f64 {
        let r = self.mean / self.sd;
        r * r
    }

    /// `b = sd² / mean`.
    pub fn scale(&self) -> f64 {
        self.sd * self.sd / self.mean
    }

    fn is_valid(&self) -> bool {
        let (a, b) = (self.shape(), self.scale());
        a.is_finite() && a > 0.0 && b.is_finite() && b > 0.0
    }
}

/// The posterior of R over one window (one row of EpiEstim's `$R`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RtWindow {
    /// First day of the window, 1-based (day 1 is the first day of the series).
    pub t_start: usize,
    /// Last day of the window, 1-based and inclusive.
    pub t_end: usize,
    /// Posterior mean `a_post · b_post` (`Mean(R)`).
    pub mean: f64,
    /// Posterior standard deviation `√a_post · b_post` (`Std(R)`).
    pub std: f64,
    /// Posterior coefficient of variation `1 / √a_post`.
    pub cv: f64,
    /// Posterior quantiles (`Quantile.0.025(R)` … `Quantile.0.975(R)`, `Median(R)`).
    pub q025: f64,
    pub q05: f64,
    pub q25: f64,
    pub median: f64,
    pub q75: f64,
    pub q95: f64,
    pub q975: f64,
    /// Posterior shape `a + Σ I_local` and scale `1 / (1/b + Σ Λ)`.
    pub shape: f64,
    pub scale: f64,
}

/// The result of [`estimate_rt`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RtEstimate {
    /// One entry per window kept (windows ending on or before the mean serial interval are
    /// dropped, as EpiEstim drops them; a warning says so).
    pub windows: Vec<RtWindow>,
    /// The discretised serial interval used, `w_0, w_1, …` (EpiEstim `$si_distr`: padded with
    /// zeros to T + 1 entries; for a parametric SI, `discr_si(0 … T−1)` then a final 0).
    pub si: Vec<f64>,
    /// Mean and standard deviation of `si` (EpiEstim `$SI.Moments`).
    pub si_mean: f64,
    pub si_std: f64,
    /// `{ code, message }` for each caveat, as EpiEstim warns.
    pub warnings: Vec<Note>,
}

/// How the serial interval is given.
#[derive(Debug, Clone, PartialEq)]
pub enum SerialInterval {
    /// Mean and sd of a gamma shifted by one day, discretised with [`discr_si`].
    Parametric { mean: f64, sd: f64 },
    /// `w_0, w_1, …` with `w_0 = 0`, summing to 1 within [`SI_SUM_TOLERANCE`].
    Distribution(Vec<f64>),
}

/// A validated Rt request: build it with [`RtInput::from_json`], run it with
/// [`RtInput::estimate`].
#[derive(Debug, Clone, PartialEq)]
pub struct RtInput {
    local: Vec<f64>,
    imported: Vec<f64>,
    si: SerialInterval,
    windows: Vec<(usize, usize)>,
    prior: Prior,
    /// Local cases of day 1 that were moved to imported (EpiEstim warns and does the same).
    moved_first_day: f64,
}

/// `Λ_t` for every day (0-based here): `Λ_t = Σ_{s=0}^{t} w_s (local + imported)_{t−s}`,
/// with `w_s = 0` past the end of `si` (EpiEstim `overall_infectivity`, whose day-1 value is
/// `NA`; it is never used since windows start on day 2 or later). The shorter of `local` and
/// `imported` sets the length.
pub fn overall_infectivity(local: &[f64], imported: &[f64], si: &[f64]) -> Vec<f64> {
    let total: Vec<f64> = local.iter().zip(imported).map(|(l, i)| l + i).collect();
    // Weights past the last non-zero one add exact zeros: leave them out (a serial interval
    // padded to the series length would make this quadratic in the days).
    let si = &si[..si.iter().rposition(|w| *w != 0.0).map_or(0, |i| i + 1)];
    (0..total.len()).map(|t| si.iter().take(t + 1).enumerate().map(|(s, w)| w * total[t - s]).sum()).collect()
}

/// EpiEstim's default windows for a series of `days` days: `t_start = 2 … days − window + 1`,
/// `t_end = t_start + window − 1` (1-based, inclusive). Empty when `days ≤ window` or
/// `window = 0`.
pub fn sliding_windows(days: usize, window: usize) -> Vec<(usize, usize)> {
    if window == 0 || days < window + 1 {
        return Vec::new();
    }
    (2..=days - window + 1).map(|s| (s, s + window - 1)).collect()
}

/// Cori et al.'s posterior of R for each window, as EpiEstim's `estimate_R` computes it for
/// a known serial interval.
///
/// Requires (not checked beyond what is said here; [`estimate_rt`] validates all of it):
/// every day present — no missing days, so impute or reject them first; counts finite and
/// ≥ 0; `si[0] = 0`; a valid prior (mean and sd > 0). Windows are 1-based and inclusive;
/// a window outside `2 ≤ t_start ≤ t_end ≤ T` is skipped, and so is one with
/// `t_end ≤ Σ k w_k` (the mean serial interval), as EpiEstim drops it. `local[0]` is never
/// in a numerator (windows start on day 2), so it may be given as local or imported alike.
/// An invalid prior gives no windows. Never panics, and never returns NaN for inputs meeting
/// these requirements.
pub fn cori(local: &[f64], imported: &[f64], si: &[f64], windows: &[(usize, usize)], prior: Prior) -> Vec<RtWindow> {
    let days = local.len().min(imported.len());
    if !prior.is_valid() {
        return Vec::new();
    }
    let lambda = overall_infectivity(&local[..days], &imported[..days], si);
    let mean_si = si_moments(si).0;
    let (a_prior, b_prior) = (prior.shape(), prior.scale());
    // The posterior's quantiles are `scale ×` those of the unit-scale gamma of the same shape,
    // and the shape is the prior's plus a sum of whole counts: windows share shapes, so each
    // shape's seven unit quantiles are computed once (bit for bit what a direct call gives).
    let mut unit_quantiles: BTreeMap<u64, [f64; 7]> = BTreeMap::new();
    let z = POSTERIOR_PROBABILITIES.map(normal_quantile);
    windows
        .iter()
        .filter(|&&(s, e)| s >= 2 && s <= e && e <= days && e as f64 > mean_si)
        .map(|&(s, e)| {
            let shape = a_prior + local[s - 1..e].iter().sum::<f64>();
            let scale = 1.0 / (1.0 / b_prior + lambda[s - 1..e].iter().sum::<f64>());
            let unit = *unit_quantiles.entry(shape.to_bits()).or_insert_with(|| {
                let g = IncompleteGamma::new(shape);
                std::array::from_fn(|k| unit_gamma_quantile(&g, POSTERIOR_PROBABILITIES[k], z[k]))
            });
            let [q025, q05, q25, median, q75, q95, q975] = unit.map(|q| q * scale);
            RtWindow {
                t_start: s,
                t_end: e,
                mean: shape * scale,
                std: shape.sqrt() * scale,
                cv: 1.0 / shape.sqrt(),
                q025,
                q05,
                q25,
                median,
                q75,
                q95,
                q975,
                shape,
                scale,
            }
        })
        .collect()
}

/// The probabilities of EpiEstim's posterior quantiles, in `RtWindow`'s order.
const POSTERIOR_PROBABILITIES: [f64; 7] = [0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975];

/// The `p`-quantile of a gamma distribution with `shape > 0` and `scale > 0` (R's
/// `qgamma(p, shape, scale = scale)`); 0 for `p ≤ 0`, +∞ for `p ≥ 1`.
///
/// See [`unit_gamma_quantile`] for the method. Agrees with SciPy's `gamma.ppf` to about
/// 1e-13 relative (`tests/fixtures/rt-epiestim.json`).
pub fn gamma_quantile(p: f64, shape: f64, scale: f64) -> f64 {
    if p.is_nan() || p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    unit_gamma_quantile(&IncompleteGamma::new(shape), p, normal_quantile(p)) * scale
}

/// The `p`-quantile of the unit-scale gamma of `g`'s shape, `0 < p < 1`, with `z = Φ⁻¹(p)`
/// given (Rt asks for the same seven probabilities for every shape).
///
/// Solves `P(shape, x) = p` for `y = ln x` by Halley's method kept inside a bisection
/// bracket. The start for `shape ≥ 1` is DiDonato & Morris's expansion (ACM TOMS
/// 1986;12(4):377–393, eq. 31: Cornish–Fisher around the normal quantile), whose relative
/// error falls like `shape^(-5/2)`; Halley's step cubes the error, so once a step is below
/// [`FINAL_STEP`] the next would be below the rounding of `P` and the search stops without
/// confirming it (one or two evaluations of `P` per quantile for the shapes Rt meets). Above
/// [`EXPANSION_SHAPE`] the expansion alone is as good as `P` itself allows.
pub fn unit_gamma_quantile(g: &IncompleteGamma, p: f64, z: f64) -> f64 {
    search_gamma_quantile(g, p, z, FINAL_STEP).0
}

/// [`unit_gamma_quantile`] with the last-step threshold given (0: search to convergence),
/// and the number of evaluations of `P` it took.
fn search_gamma_quantile(g: &IncompleteGamma, p: f64, z: f64, final_step: f64) -> (f64, usize) {
    let shape = g.shape();
    let mut evaluations = 0;
    // ln of the smallest positive and of the largest finite double.
    let (mut lo, mut hi) = (-744.4, 709.7);
    let mut y = if shape >= 1.0 {
        let s = shape.sqrt();
        let (z2, z3) = (z * z, z * z * z);
        let x = shape + z * s + (z2 - 1.0) / 3.0 + (z3 - 7.0 * z) / (36.0 * s)
            - (3.0 * z2 * z2 + 7.0 * z2 - 16.0) / (810.0 * shape)
            + (9.0 * z3 * z2 + 256.0 * z3 - 433.0 * z) / (38880.0 * shape * s);
        if shape > EXPANSION_SHAPE {
            return (x, 0);
        }
        if x > 0.0 {
            ln(x)
        } else {
            // Wilson & Hilferty (1931), positive for every z.
            let t = 1.0 - 1.0 / (9.0 * shape) + z / (3.0 * s);
            ln(shape * (t * t * t).max(1e-300))
        }
    } else {
        if g.p_and_kernel(exp(lo), lo).0 >= p {
            return (0.0, 1);
        }
        // P(a, x) ≈ xᵃ / Γ(a + 1) for small x.
        (ln(p) + g.ln_gamma_shape() + ln(shape)) / shape
    };
    y = y.clamp(lo, hi);
    // The last step when shape · step³ ≤ final_step³ (see FINAL_STEP).
    let final_cube = final_step * final_step * final_step / shape.max(1.0);
    for _ in 0..400 {
        let x = exp(y);
        let (cdf, slope) = g.p_and_kernel(x, y);
        evaluations += 1;
        let f = cdf - p;
        if f == 0.0 {
            break;
        }
        if f < 0.0 {
            lo = y;
        } else {
            hi = y;
        }
        // Halley's step: with f' = x·density (the kernel) and f'' = f'·(shape − x), the error
        // after a step is about the cube of the one before (Newton: the square).
        let newton = f / slope;
        let halley = newton / (1.0 - 0.5 * newton * (shape - x));
        let halley_ok = halley.is_finite() && halley.abs() <= 2.0 * newton.abs();
        let mut next = y - if halley_ok { halley } else { newton };
        if next == y {
            // The step is below the resolution of y: converged.
            break;
        }
        if !(next > lo && next < hi) {
            next = 0.5 * (lo + hi);
            if !(next > lo && next < hi) {
                // lo and hi are adjacent doubles.
                break;
            }
        }
        let step = (next - y).abs();
        y = next;
        if step <= 2.0 * f64::EPSILON * y.abs() || (halley_ok && step * step * step <= final_cube) {
            break;
        }
    }
    (exp(y), evaluations)
}

/// A Halley step in `ln x` below `FINAL_STEP / ∛shape` is the last: the step after it would
/// be about `shape · step³ ≤ 1e-17`, below the rounding of `P` (measured: the quantile then
/// agrees with one searched to convergence to 5e-15 relative, where both give `P` within a
/// few ulps of `p`, with 1.03 evaluations of `P` per quantile; test `final_step_is_final`).
pub const FINAL_STEP: f64 = 2e-6;

/// Above this shape [`unit_gamma_quantile`] returns DiDonato & Morris's expansion directly:
/// its relative error (`~ shape^(-5/2)`, < 1e-15 here) is below the rounding of `P`.
pub const EXPANSION_SHAPE: f64 = 1e6;

/// Estimates Rt from a camelCase JSON request, returning every problem in it otherwise.
///
/// Wire shape: `{ incidence: number[] }` or `{ local: number[], imported: number[] }`, plus
/// `si` as `{ mean, sd }` (parametric, mean > 1 and sd > 0, discretised by [`discr_si`]) or
/// `{ distribution: number[] }` (first element 0, sum 1 ± 0.01), `window` (default 7),
/// `prior` `{ mean, sd }` (default 5, 5), and optional `tStart` / `tEnd` (1-based day
/// numbers, `2 ≤ tStart[i] ≤ tEnd[i] ≤ T`). Every day needs a count: `null` is rejected
/// (`missing-day`).
pub fn estimate_rt(input: &Json) -> Result<RtEstimate, InputError> {
    RtInput::from_json(input).map(|i| i.estimate())
}

const ROOT_KEYS: &[&str] = &["incidence", "local", "imported", "si", "window", "prior", "tStart", "tEnd"];
const SI_KEYS: &[&str] = &["mean", "sd", "distribution"];
const PRIOR_KEYS: &[&str] = &["mean", "sd"];

impl RtInput {
    /// Validates a request (see [`estimate_rt`] for its shape).
    pub fn from_json(input: &Json) -> Result<RtInput, InputError> {
        let mut p = Problems::new();
        let root = Path::root();
        crate::limits::check_input(input, &root)?;
        let Some(obj) = read::object(input, &root, ROOT_KEYS, &mut p) else {
            return Err(p.finish(()).unwrap_err());
        };
        let series = read_series(obj, &root, &mut p);
        let days = series.as_ref().map(|s| s.local.len());
        let si = read::required(obj, "si", &root, &mut p).and_then(|v| read_si(v, &root.key("si"), &mut p));
        let prior = match read::field(obj, "prior") {
            None => Some(Prior::default()),
            Some(v) => read_prior(v, &root.key("prior"), &mut p),
        };
        let windows = read_windows(obj, &root, days, series.as_ref().map(|s| s.key), &mut p);
        match (series, si, prior, windows) {
            (Some(series), Some(si), Some(prior), Some(windows)) if p.is_empty() => Ok(RtInput {
                local: series.local,
                imported: series.imported,
                si,
                windows,
                prior,
                moved_first_day: series.moved_first_day,
            }),
            _ => {
                if p.is_empty() {
                    p.push(Code::Internal, &root, "validation failed without naming a problem (a bug in crisis-desk)");
                }
                Err(p.finish(()).unwrap_err())
            }
        }
    }

    /// A request from already-validated parts, with EpiEstim's default sliding windows of
    /// `window` days. `local` and `imported` must have equal lengths, whole counts ≥ 0 and no
    /// missing day. Local cases of day 1 move to imported, as EpiEstim's `process_I` does.
    pub fn from_parts(local: &[f64], imported: &[f64], si: SerialInterval, window: usize, prior: Prior) -> RtInput {
        let days = local.len().min(imported.len());
        let (mut local, mut imported) = (local[..days].to_vec(), imported[..days].to_vec());
        let moved = local.first().copied().unwrap_or(0.0);
        if let (Some(l), Some(i)) = (local.first_mut(), imported.first_mut()) {
            *i += *l;
            *l = 0.0;
        }
        RtInput { local, imported, si, windows: sliding_windows(days, window), prior, moved_first_day: moved }
    }

    /// Runs [`cori`] with EpiEstim's serial interval handling and warnings.
    pub fn estimate(&self) -> RtEstimate {
        let days = self.local.len();
        let mut si = match &self.si {
            SerialInterval::Parametric { mean, sd } => {
                let mut w = discr_si(days.saturating_sub(1), *mean, *sd).unwrap_or_default();
                w.push(0.0);
                w
            }
            SerialInterval::Distribution(w) => w.clone(),
        };
        if si.len() < days + 1 {
            si.resize(days + 1, 0.0);
        }
        let (si_mean, si_std) = si_moments(&si);
        let windows = cori(&self.local, &self.imported, &si, &self.windows, self.prior);
        let mut warnings = Vec::new();
        if self.moved_first_day > 0.0 {
            warnings.push(Note {
                code: "first-day-local-moved",
                message: format!(
                    "local[0] is {} but all cases of the first day are taken as imported (as EpiEstim does); they were moved to imported",
                    self.moved_first_day
                ),
            });
        }
        // EpiEstim: min_nb_cases_per_time_period <- ceiling(1 / cv_posterior^2 - a_prior),
        // compared with the total (local + imported) incidence of the first window.
        if let Some(&(s, e)) = self.windows.first() {
            let needed = (1.0 / (CV_POSTERIOR * CV_POSTERIOR) - self.prior.shape()).ceil();
            let cases: f64 = (s - 1..e).map(|t| self.local[t] + self.imported[t]).sum();
            if cases < needed {
                warnings.push(Note {
                    code: "too-early-for-cv",
                    message: format!(
                        "You're estimating R too early in the epidemic to get the desired posterior CV: the first window (days {s}–{e}) has {cases} cases, fewer than the {needed} needed for a posterior CV of {CV_POSTERIOR}"
                    ),
                });
            }
        }
        let dropped = self.windows.len() - windows.len();
        if dropped > 0 {
            warnings.push(Note {
                code: "windows-before-mean-si",
                message: format!(
                    "{dropped} window{} ending on or before day {si_mean:.2} (the mean serial interval) {} left out, as EpiEstim leaves them out",
                    plural(dropped),
                    if dropped == 1 { "was" } else { "were" }
                ),
            });
        }
        let high_cv = windows.iter().filter(|w| w.cv > CV_POSTERIOR).count();
        if high_cv > 0 {
            warnings.push(Note {
                code: "posterior-cv-high",
                message: format!(
                    "{high_cv} of {} window{} have a posterior CV above {CV_POSTERIOR} (too few local cases in the window); read them with care",
                    windows.len(),
                    plural(windows.len())
                ),
            });
        }
        RtEstimate { windows, si, si_mean, si_std, warnings }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

struct Series {
    local: Vec<f64>,
    imported: Vec<f64>,
    moved_first_day: f64,
    /// The key that holds the series, for problems about its length.
    key: &'static str,
}

fn read_series(obj: &Json, root: &Path, p: &mut Problems) -> Option<Series> {
    let incidence = read::field(obj, "incidence");
    let local = read::field(obj, "local");
    let imported = read::field(obj, "imported");
    if incidence.is_some() && (local.is_some() || imported.is_some()) {
        let other = if local.is_some() { "local" } else { "imported" };
        p.push(Code::ConflictingFields, &root.key(other), "give either incidence, or local and imported, not both");
        return None;
    }
    if let Some(v) = incidence {
        let at = root.key("incidence");
        let counts = read_counts(v, &at, p)?;
        check_cases(&counts, &at, p)?;
        // EpiEstim process_I: a plain incidence vector becomes local = I with local[1] = 0
        // and imported = (I[1], 0, 0, …).
        let mut local = counts.clone();
        let mut imported = vec![0.0; counts.len()];
        if let (Some(l), Some(i)) = (local.first_mut(), imported.first_mut()) {
            *i = *l;
            *l = 0.0;
        }
        return Some(Series { local, imported, moved_first_day: 0.0, key: "incidence" });
    }
    if local.is_none() && imported.is_none() {
        p.push(Code::Required, &root.key("incidence"), "give incidence, or local and imported");
        return None;
    }
    let l = match local {
        Some(v) => read_counts(v, &root.key("local"), p),
        None => {
            p.push(Code::Required, &root.key("local"), "imported needs local beside it");
            None
        }
    };
    let i = match imported {
        Some(v) => read_counts(v, &root.key("imported"), p),
        None => {
            p.push(Code::Required, &root.key("imported"), "local needs imported beside it");
            None
        }
    };
    let (mut local, mut imported) = (l?, i?);
    if local.len() != imported.len() {
        p.push(
            Code::LengthMismatch,
            &root.key("imported"),
            format!("has {} days but local has {}", imported.len(), local.len()),
        );
        return None;
    }
    let total: Vec<f64> = local.iter().zip(&imported).map(|(a, b)| a + b).collect();
    check_cases(&total, &root.key("local"), p)?;
    // EpiEstim process_I: "incid$local[1] is >0 but must be 0, as all cases on the first time
    // step are assumed imported. This is corrected automatically by cases being transferred
    // to incid$imported."
    let moved = local[0];
    imported[0] += moved;
    local[0] = 0.0;
    Some(Series { local, imported, moved_first_day: moved, key: "local" })
}

/// Whole non-negative counts, one per day, none missing.
fn read_counts(v: &Json, at: &Path, p: &mut Problems) -> Option<Vec<f64>> {
    let items = read::array(v, at, p)?;
    let before = p.len();
    let counts: Vec<f64> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            if item.is_null() {
                p.push(
                    Code::MissingDay,
                    &at.index(i),
                    "no count for this day; Rt needs every day (fill it in, or impute it before estimating)",
                );
                0.0
            } else {
                read::count(item, &at.index(i), p).unwrap_or(0.0)
            }
        })
        .collect();
    (p.len() == before).then_some(counts)
}

fn check_cases(total: &[f64], at: &Path, p: &mut Problems) -> Option<()> {
    if total.len() < 2 {
        p.push(Code::OutOfRange, at, format!("has {} day(s); Rt needs at least 2", total.len()));
        return None;
    }
    if total.iter().all(|x| *x == 0.0) {
        p.push(Code::NoCases, at, "every day is 0: there are no cases to estimate Rt from");
        return None;
    }
    Some(())
}

/// Reads a serial interval, `{ mean, sd }` or `{ distribution }`, recording problems at `at`.
pub(crate) fn read_si(v: &Json, at: &Path, p: &mut Problems) -> Option<SerialInterval> {
    let obj = read::object(v, at, SI_KEYS, p)?;
    let distribution = read::field(obj, "distribution");
    let parametric = read::field(obj, "mean").is_some() || read::field(obj, "sd").is_some();
    match distribution {
        Some(_) if parametric => {
            p.push(
                Code::ConflictingFields,
                &at.key("distribution"),
                "give either mean and sd, or distribution, not both",
            );
            None
        }
        Some(d) => read_distribution(d, &at.key("distribution"), p),
        None if !parametric => {
            p.push(Code::Required, at, "give mean and sd (parametric), or distribution (w_0, w_1, …)");
            None
        }
        None => {
            let mean = read::required(obj, "mean", at, p).and_then(|v| read::number(v, &at.key("mean"), p));
            let sd = read::required(obj, "sd", at, p).and_then(|v| read::number(v, &at.key("sd"), p));
            let mean = mean.filter(|&m| {
                let ok = m > 1.0;
                if !ok {
                    p.push(
                        Code::OutOfRange,
                        &at.key("mean"),
                        format!("the mean serial interval must be greater than 1 day (found {m}): it is 1 + a gamma, as in EpiEstim"),
                    );
                }
                ok
            });
            let sd = sd.filter(|&s| {
                let ok = s > 0.0;
                if !ok {
                    p.push(Code::OutOfRange, &at.key("sd"), format!("must be greater than 0 (found {s})"));
                }
                ok
            });
            let (mean, sd) = (mean?, sd?);
            if ((mean - 1.0) / sd) * ((mean - 1.0) / sd) > MAX_SI_SHAPE {
                p.push(
                    Code::OutOfRange,
                    &at.key("sd"),
                    format!(
                        "too small for a mean of {mean}: sd must be at least (mean − 1) / 1000 = {}",
                        (mean - 1.0) / 1000.0
                    ),
                );
                return None;
            }
            Some(SerialInterval::Parametric { mean, sd })
        }
    }
}

fn read_distribution(v: &Json, at: &Path, p: &mut Problems) -> Option<SerialInterval> {
    let items = read::array(v, at, p)?;
    if items.is_empty() {
        p.push(Code::OutOfRange, at, "the distribution needs at least w_0 = 0 and one more day");
        return None;
    }
    let before = p.len();
    let w: Vec<f64> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let x = read::number(item, &at.index(i), p)?;
            if x < 0.0 {
                p.push(Code::OutOfRange, &at.index(i), format!("a probability cannot be negative (found {x})"));
                return None;
            }
            Some(x)
        })
        .map(|x| x.unwrap_or(0.0))
        .collect();
    if p.len() > before {
        return None;
    }
    if w[0] != 0.0 {
        p.push(
            Code::SiFirstNotZero,
            &at.index(0),
            format!("w_0 must be 0: nobody infects on the day they were infected (found {})", w[0]),
        );
    }
    let sum: f64 = w.iter().sum();
    if (sum - 1.0).abs() > SI_SUM_TOLERANCE {
        p.push(Code::SiSumNotOne, at, format!("sums to {sum}; it must sum to 1 (within {SI_SUM_TOLERANCE})"));
    }
    (p.len() == before).then_some(SerialInterval::Distribution(w))
}

/// Reads a prior `{ mean, sd }`, recording problems at `at`.
pub(crate) fn read_prior(v: &Json, at: &Path, p: &mut Problems) -> Option<Prior> {
    let obj = read::object(v, at, PRIOR_KEYS, p)?;
    let positive = |key: &str, p: &mut Problems| {
        let x = read::required(obj, key, at, p).and_then(|v| read::number(v, &at.key(key), p))?;
        if x <= 0.0 {
            p.push(Code::OutOfRange, &at.key(key), format!("must be greater than 0 (found {x})"));
            return None;
        }
        Some(x)
    };
    let mean = positive("mean", p);
    let sd = positive("sd", p);
    let prior = Prior { mean: mean?, sd: sd? };
    if !prior.is_valid() {
        p.push(Code::OutOfRange, at, "mean and sd are too far apart: the gamma prior's shape or scale overflows");
        return None;
    }
    Some(prior)
}

/// The windows: `tStart` / `tEnd` when given, else sliding windows of `window` days.
fn read_windows(
    obj: &Json,
    root: &Path,
    days: Option<usize>,
    series_key: Option<&str>,
    p: &mut Problems,
) -> Option<Vec<(usize, usize)>> {
    let window = read::field(obj, "window");
    let t_start = read::field(obj, "tStart");
    let t_end = read::field(obj, "tEnd");
    if t_start.is_none() && t_end.is_none() {
        let length = match window {
            None => DEFAULT_WINDOW,
            Some(v) => {
                let at = root.key("window");
                let x = read::number(v, &at, p)?;
                if x < 1.0 || x.fract() != 0.0 || x > 1e9 {
                    p.push(Code::OutOfRange, &at, format!("must be a whole number of days, at least 1 (found {x})"));
                    return None;
                }
                x as usize
            }
        };
        let days = days?;
        if days < length + 1 {
            let at = if window.is_some() { root.key("window") } else { root.key(series_key.unwrap_or("incidence")) };
            p.push(
                Code::OutOfRange,
                &at,
                format!("{days} days are too few for windows of {length} days: the first window starts on day 2, so at least {} days are needed", length + 1),
            );
            return None;
        }
        return Some(sliding_windows(days, length));
    }
    if window.is_some() {
        p.push(Code::ConflictingFields, &root.key("window"), "give either window, or tStart and tEnd, not both");
    }
    let starts = match t_start {
        Some(v) => read_days(v, &root.key("tStart"), days, p),
        None => {
            p.push(Code::Required, &root.key("tStart"), "tEnd needs tStart beside it");
            None
        }
    };
    let ends = match t_end {
        Some(v) => read_days(v, &root.key("tEnd"), days, p),
        None => {
            p.push(Code::Required, &root.key("tEnd"), "tStart needs tEnd beside it");
            None
        }
    };
    let (starts, ends) = (starts?, ends?);
    if starts.len() != ends.len() {
        p.push(
            Code::LengthMismatch,
            &root.key("tEnd"),
            format!("has {} windows but tStart has {}", ends.len(), starts.len()),
        );
        return None;
    }
    let before = p.len();
    for (i, (s, e)) in starts.iter().zip(&ends).enumerate() {
        if s > e {
            p.push(
                Code::WindowStartAfterEnd,
                &root.key("tStart").index(i),
                format!("window {i} starts on day {s}, after it ends on day {e}"),
            );
        }
    }
    (p.len() == before).then(|| starts.into_iter().zip(ends).collect())
}

/// 1-based day numbers `2 ≤ t ≤ T` (EpiEstim `check_times`); at least one.
fn read_days(v: &Json, at: &Path, days: Option<usize>, p: &mut Problems) -> Option<Vec<usize>> {
    let items = read::array(v, at, p)?;
    if items.is_empty() {
        p.push(Code::OutOfRange, at, "give at least one window");
        return None;
    }
    let before = p.len();
    let out: Vec<usize> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let x = read::number(item, &at.index(i), p)?;
            let max = days.map_or(f64::INFINITY, |d| d as f64);
            if x.fract() != 0.0 || x < 2.0 || x > max {
                let range = days.map_or("2 or more".to_owned(), |d| format!("between 2 and {d} (the number of days)"));
                p.push(Code::OutOfRange, &at.index(i), format!("must be a whole day number {range} (found {x})"));
                return None;
            }
            Some(x as usize)
        })
        .collect();
    (p.len() == before).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::serial_interval::regularized_lower_gamma;

    #[test]
    fn final_step_is_final() {
        // Stopping after a small Halley step gives the quantile a search to convergence gives,
        // for every posterior shape Rt meets with the default prior (1 + whole counts) and
        // other priors' fractional shapes, at EpiEstim's seven probabilities.
        let z = POSTERIOR_PROBABILITIES.map(normal_quantile);
        let (mut worst, mut evaluations, mut quantiles) = (0.0f64, 0, 0);
        let shapes = (1..3000).map(|n| n as f64).chain((0..400).map(|k| 1.0 + 0.37 * k as f64 + 0.0625));
        for shape in shapes.chain([5e3, 2e4, 1e5, 9e5]) {
            let g = IncompleteGamma::new(shape);
            for (k, &p) in POSTERIOR_PROBABILITIES.iter().enumerate() {
                let (fast, n) = search_gamma_quantile(&g, p, z[k], FINAL_STEP);
                let (full, _) = search_gamma_quantile(&g, p, z[k], 0.0);
                worst = worst.max((fast - full).abs() / full);
                evaluations += n;
                quantiles += 1;
            }
        }
        eprintln!("worst {worst:e}, {:.2} evaluations of P per quantile", evaluations as f64 / quantiles as f64);
        // Both lie where P is within a few ulps of p; which of the neighbouring doubles each
        // lands on is rounding (measured worst 5.3e-15).
        assert!(worst <= 1e-14, "worst relative difference {worst:e}");
        assert!(evaluations as f64 <= 1.1 * quantiles as f64, "{evaluations} evaluations for {quantiles} quantiles");
    }

    #[test]
    fn quantile_inverts_the_cdf() {
        for &shape in &[0.01, 0.5, 1.0, 7.0, 120.0, 5e4, 3e6] {
            for &p in &[0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975] {
                let x = gamma_quantile(p, shape, 2.0);
                let back = regularized_lower_gamma(shape, x / 2.0);
                // dP/d(ln x) grows like √a, so a 1e-12 relative error in x moves P by ~√a·1e-12.
                assert!((back - p).abs() < 1e-11 * shape.sqrt().max(1.0), "shape {shape} p {p}: {x} gives {back}");
            }
        }
        assert_eq!(gamma_quantile(0.0, 3.0, 1.0), 0.0);
        assert_eq!(gamma_quantile(1.0, 3.0, 1.0), f64::INFINITY);
        // A quantile below the smallest double is 0, not NaN.
        assert_eq!(gamma_quantile(0.025, 1e-4, 1.0), 0.0);
    }

    #[test]
    fn default_windows_are_epiestims() {
        assert_eq!(sliding_windows(10, 7), vec![(2, 8), (3, 9), (4, 10)]);
        assert!(sliding_windows(7, 7).is_empty());
        assert!(sliding_windows(7, 0).is_empty());
    }

    #[test]
    fn infectivity_by_hand() {
        // Λ_3 (day 3) = w_1 I_2 + w_2 I_1 = 0.5·2 + 0.5·1.
        let l = overall_infectivity(&[0.0, 2.0, 0.0], &[1.0, 0.0, 0.0], &[0.0, 0.5, 0.5]);
        assert_eq!(l, vec![0.0, 0.5, 1.5]);
    }

    #[test]
    fn cori_skips_windows_it_cannot_use() {
        let local = [0.0, 3.0, 4.0, 5.0];
        let imported = [2.0, 0.0, 0.0, 0.0];
        let w = [0.0, 1.0];
        let got = cori(&local, &imported, &w, &[(1, 2), (3, 2), (2, 5), (2, 4)], Prior::default());
        assert_eq!(got.len(), 1);
        let r = &got[0];
        // shape 1 + 12, scale 1 / (1/5 + Λ_2 + Λ_3 + Λ_4) = 1 / (0.2 + 2 + 3 + 4).
        assert!((r.mean - 13.0 / 9.2).abs() < 1e-12);
        assert!((r.cv - 1.0 / 13f64.sqrt()).abs() < 1e-12);
    }
}
