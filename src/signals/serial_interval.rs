//! The serial interval: EpiEstim's discretised shifted gamma (`discr_si`) and the gamma
//! distribution function it and the Rt posterior are built on.
//!
//! Source: Cori A, Ferguson NM, Fraser C, Cauchemez S. "A new framework and software to
//! estimate time-varying reproduction numbers during epidemics", *Am J Epidemiol*
//! 2013;178(9):1505–1512, Web Appendix 11; EpiEstim (`mrc-ide/EpiEstim`) `R/discr_si.R`.
//! EpiEstim ≤ 3.0.0 computed the closed form below directly; later versions compute the same
//! probability through `primarycensored` and test that it matches the closed form to 1e-10
//! (`tests/testthat/test-discr_si.R`, `helper-discr_si.R`).

use crate::math::IncompleteGamma;

/// Largest shape `((mean − 1) / sd)²` accepted for the shifted gamma: beyond it the serial
/// interval is all but a point mass and the incomplete gamma gets slow and inexact.
pub const MAX_SI_SHAPE: f64 = 1e6;

/// `discr_si(0..=k_max, mean, sd)`: the probability `w_k` that the serial interval is `k` days,
/// for `k = 0, 1, …, k_max`, when the serial interval is 1 + Gamma with mean `mean − 1` and
/// standard deviation `sd` (EpiEstim's "shifted gamma with shift 1"):
///
/// ```text
/// w_k = k F(k) + (k−2) F(k−2) − 2(k−1) F(k−1)
///       + a b (2 G(k−1) − G(k−2) − G(k)),        then max(0, w_k)
/// ```
///
/// with `F` the gamma CDF of shape `a = ((mean−1)/sd)²`, scale `b = sd²/(mean−1)` and `G` the
/// gamma CDF of shape `a + 1`, scale `b` (EpiEstim `R/discr_si.R`, the closed form of
/// EpiEstim ≤ 3.0.0). `w_0` is always 0. The tail beyond `k_max` is cut, not renormalised,
/// exactly as `estimate_R` does with `discr_si(seq(0, T − 1), …)`.
///
/// Returns `None` unless `mean > 1` (EpiEstim: "mu must be >1"), `sd > 0`, both finite and
/// the shape is at most [`MAX_SI_SHAPE`].
pub fn discr_si(k_max: usize, mean: f64, sd: f64) -> Option<Vec<f64>> {
    if !(mean.is_finite() && sd.is_finite() && mean > 1.0 && sd > 0.0) {
        return None;
    }
    let a = (mean - 1.0) / sd;
    let a = a * a;
    let b = sd * sd / (mean - 1.0);
    if !(a > 0.0 && a <= MAX_SI_SHAPE && b > 0.0 && b.is_finite()) {
        return None;
    }
    let (f, g) = (IncompleteGamma::new(a), IncompleteGamma::new(a + 1.0));
    // F and G at k, k − 1 and k − 2, each evaluated once (both are 0 for k ≤ 0).
    let (mut f1, mut g1, mut f2, mut g2) = (0.0, 0.0, 0.0, 0.0);
    let mut w = Vec::with_capacity(k_max + 1);
    for k in 0..=k_max {
        if f2 == 1.0 && g2 == 1.0 {
            // F and G are exactly 1 from k − 2 on, so every later w_k is exactly 0 in floating
            // point (k + (k−2) − 2(k−1) = 0 and 2 − 1 − 1 = 0): the tail needs no evaluation.
            w.resize(k_max + 1, 0.0);
            break;
        }
        let k = k as f64;
        let (f0, g0) = (f.p(k / b), g.p(k / b));
        let res = k * f0 + (k - 2.0) * f2 - 2.0 * (k - 1.0) * f1 + a * b * (2.0 * g1 - g2 - g0);
        w.push(res.max(0.0));
        (f2, g2, f1, g1) = (f1, g1, f0, g0);
    }
    Some(w)
}

/// Mean and standard deviation of a discrete distribution on days 0, 1, 2, … as EpiEstim
/// reports them in `SI.Moments`: `Σ k w_k` and `√(Σ k² w_k − mean²)` (no renormalisation).
/// The variance is floored at 0 so rounding never yields NaN.
pub fn si_moments(w: &[f64]) -> (f64, f64) {
    let mean: f64 = w.iter().enumerate().map(|(k, p)| k as f64 * p).sum();
    let second: f64 = w.iter().enumerate().map(|(k, p)| k as f64 * k as f64 * p).sum();
    (mean, (second - mean * mean).max(0.0).sqrt())
}

/// Gamma distribution function `P(X ≤ x)` for shape `shape > 0` and scale `scale > 0`
/// (R's `pgamma(x, shape, scale = scale)`). 0 for `x ≤ 0`.
pub fn gamma_cdf(x: f64, shape: f64, scale: f64) -> f64 {
    regularized_lower_gamma(shape, x / scale)
}

/// The regularised lower incomplete gamma function `P(a, x) = γ(a, x) / Γ(a)`, `a > 0`
/// (see [`IncompleteGamma`]; 0 for `x ≤ 0` or NaN, 1 at +∞).
pub(crate) fn regularized_lower_gamma(a: f64, x: f64) -> f64 {
    IncompleteGamma::new(a).p(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w0_is_zero_and_mass_sums_to_about_one() {
        let w = discr_si(60, 4.7, 2.9).unwrap();
        assert_eq!(w[0], 0.0);
        assert!(w.iter().all(|p| *p >= 0.0));
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        // With a uniform primary event over one day the discretised mean is the continuous mean.
        assert!((si_moments(&w).0 - 4.7).abs() < 1e-6);
    }

    #[test]
    fn rejects_what_epiestim_rejects() {
        assert!(discr_si(10, 1.0, 1.0).is_none()); // mu must be > 1
        assert!(discr_si(10, 2.6, 0.0).is_none());
        assert!(discr_si(10, f64::NAN, 1.0).is_none());
        assert!(discr_si(10, 5.0, 1e-6).is_none()); // shape 1.6e13: a point mass
        assert_eq!(discr_si(0, 2.6, 1.5), Some(vec![0.0]));
    }

    #[test]
    fn tiny_arguments_are_not_rounded_to_zero() {
        // P(0.5, x) ≈ 2 √(x/π) for small x.
        let x = 1e-20;
        let want = 2.0 * (x / std::f64::consts::PI).sqrt();
        assert!((regularized_lower_gamma(0.5, x) / want - 1.0).abs() < 1e-12);
        assert_eq!(regularized_lower_gamma(2.0, 0.0), 0.0);
        assert_eq!(regularized_lower_gamma(2.0, f64::INFINITY), 1.0);
    }

    #[test]
    fn moments_never_nan() {
        assert_eq!(si_moments(&[0.0, 1.0]), (1.0, 0.0));
        assert_eq!(si_moments(&[]), (0.0, 0.0));
    }
}
