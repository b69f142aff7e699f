//! Objective weights by the entropy weight method (熵权法), and their combination with
//! subjective (AHP) weights.
//!
//! Method: Shannon CE, "A mathematical theory of communication", *Bell Syst Tech J*
//! 1948;27:379–423 (entropy); its use for criteria weights: Zeleny M, *Multiple Criteria
//! Decision Making*, McGraw-Hill 1982, and Hwang CL, Yoon K, *Multiple Attribute Decision
//! Making*, Springer 1981, §2.2 (the entropy method); the textbook form of `standards.md` §6.2.
//!
//! For m alternatives (rows) × n criteria (columns):
//! 1. normalise each column ([`EntropyNormalization`]):
//!    * `"minmax"` (default, the Chinese textbook form, 极差标准化): benefit
//!      `x' = (x − min)/(max − min)`, cost `x' = (max − x)/(max − min)`, plus `shift`
//!      (default 0; some texts add 0.0001 or so to avoid ln 0, which 0·ln 0 = 0 makes
//!      unnecessary);
//!    * `"sum"`: the raw values themselves (≥ 0), as pymcdm 1.4's `entropy_weights` and
//!      scikit-criteria 0.10's `EntropyWeighter` do; criterion types do not enter (a note
//!      says so when cost criteria are given);
//! 2. `p_ij = x'_ij / Σ_i x'_ij`;
//! 3. `e_j = −(1/ln m) Σ_i p_ij ln p_ij` with **0·ln 0 = 0** (the limit; scipy's `entropy`,
//!    and so scikit-criteria, does the same). pymcdm 1.4 refuses a matrix holding 0 (its sum
//!    normalisation raises), and its entropy code would set `e_j = 0` for such a column,
//!    giving it the largest weight; that rule is not followed here;
//! 4. `d_j = 1 − e_j` (the divergence), `w_j = d_j / Σ_j d_j`.
//!
//! A constant column carries no information: `e_j = 1`, `d_j = 0`, weight 0, and a note names
//! it. If every column is constant there is nothing to weigh (`no-variation`).
//!
//! Combined weights (`standards.md` §6.2): linear `w = α w_subjective + (1 − α) w_objective`,
//! or multiplicative `w_j ∝ w_j^subjective · w_j^objective`; both inputs are first divided by
//! their sums.

use super::{
    fail, finite, non_negative, normalized_weights, number_in, plural, read_matrix, read_types, read_vec, setting,
    Matrix,
};
use super::{CriterionType, Note};
use crate::error::{Code, InputError, Path, Problems};
use crate::json::Json;
use crate::math::ln;
use crate::read;
use serde::Serialize;

/// How columns are normalised before the entropy is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntropyNormalization {
    /// `(x − min)/(max − min)` (benefit) or `(max − x)/(max − min)` (cost), plus `shift`.
    Minmax,
    /// The raw values (≥ 0), as pymcdm and scikit-criteria.
    Sum,
}

impl EntropyNormalization {
    const NAMES: [&'static str; 2] = ["minmax", "sum"];
    const ALL: [EntropyNormalization; 2] = [EntropyNormalization::Minmax, EntropyNormalization::Sum];
}

/// Entropy weights of the criteria.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntropyWeights {
    /// `w_j = d_j / Σ d`, summing to 1.
    pub weights: Vec<f64>,
    /// `e_j ∈ [0, 1]`.
    pub entropy: Vec<f64>,
    /// `d_j = 1 − e_j`.
    pub divergence: Vec<f64>,
    pub normalization: EntropyNormalization,
    pub types: Vec<CriterionType>,
    pub shift: f64,
    pub notes: Vec<Note>,
}

/// Entropy weights of a matrix (rows alternatives, columns criteria). `types` may be empty
/// (every criterion a benefit). Returns every problem with its path `matrix[i][j]`.
pub fn entropy_weights(
    matrix: &[Vec<f64>],
    types: &[CriterionType],
    normalization: EntropyNormalization,
    shift: f64,
) -> Result<EntropyWeights, InputError> {
    let mut p = Problems::new();
    let root = Path::root();
    let n = matrix.first().map_or(0, Vec::len);
    check_matrix(matrix, &root.key("matrix"), normalization, &mut p);
    if !types.is_empty() && types.len() != n {
        p.push(
            Code::LengthMismatch,
            &root.key("types"),
            format!("has {} types but the matrix has {n} columns", types.len()),
        );
    }
    if !(0.0..=1.0).contains(&shift) {
        p.push(Code::OutOfRange, &root.key("shift"), format!("must be between 0 and 1 (found {shift})"));
    }
    if !p.is_empty() {
        return fail(p);
    }
    let types = if types.is_empty() { vec![CriterionType::Benefit; n] } else { types.to_vec() };
    compute(&Matrix::from_rows(matrix), &types, normalization, shift)
}

fn check_matrix(matrix: &[Vec<f64>], at: &Path, normalization: EntropyNormalization, p: &mut Problems) {
    let m = matrix.len();
    if m < 2 {
        p.push(Code::OutOfRange, at, format!("has {m} alternative{} (rows); entropy needs at least 2", plural(m)));
        return;
    }
    let n = matrix[0].len();
    if n == 0 {
        p.push(Code::OutOfRange, &at.index(0), "give at least one criterion (column)");
    }
    for (i, row) in matrix.iter().enumerate() {
        if row.len() != n {
            p.push(Code::LengthMismatch, &at.index(i), format!("row {i} has {} entries but row 0 has {n}", row.len()));
            continue;
        }
        for (j, &x) in row.iter().enumerate() {
            if !x.is_finite() {
                p.push(Code::NotFinite, &at.index(i).index(j), "must be a finite number, not NaN or Infinity");
            } else if normalization == EntropyNormalization::Sum && x < 0.0 {
                p.push(
                    Code::NegativeValue,
                    &at.index(i).index(j),
                    format!("\"sum\" normalisation needs values ≥ 0 (found {x}); use \"minmax\" for data that can be negative"),
                );
            }
        }
    }
}

/// The smallest and the largest of finite values (comparisons: `f64::min` would be a
/// library call in WebAssembly, for a NaN that cannot be here).
pub(crate) fn min_max(xs: &[f64]) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &x in xs {
        if x < lo {
            lo = x;
        }
        if x > hi {
            hi = x;
        }
    }
    (lo, hi)
}

/// `−Σ q ln q` over `q = v / Σ v`, with 0 · ln 0 = 0.
fn shannon(values: impl Iterator<Item = f64> + Clone) -> f64 {
    let sum: f64 = values.clone().sum();
    shannon_with_sum(values, sum)
}

/// [`shannon`] with `Σ v` known.
fn shannon_with_sum(values: impl Iterator<Item = f64>, sum: f64) -> f64 {
    values
        .map(|v| {
            let q = v / sum;
            if q > 0.0 {
                -q * ln(q)
            } else {
                0.0
            }
        })
        .sum()
}

/// [`check_matrix`] on a matrix [`read_matrix`] gave: rectangular and finite already.
fn check_read_matrix(matrix: &Matrix, at: &Path, normalization: EntropyNormalization, p: &mut Problems) {
    let (m, n) = (matrix.rows(), matrix.cols());
    if m < 2 {
        p.push(Code::OutOfRange, at, format!("has {m} alternative{} (rows); entropy needs at least 2", plural(m)));
        return;
    }
    if n == 0 {
        p.push(Code::OutOfRange, &at.index(0), "give at least one criterion (column)");
    }
    if normalization == EntropyNormalization::Sum && matrix.values().iter().any(|&x| x < 0.0) {
        for i in 0..m {
            for j in 0..n {
                let x = matrix.get(i, j);
                if x < 0.0 {
                    p.push(
                        Code::NegativeValue,
                        &at.index(i).index(j),
                        format!("\"sum\" normalisation needs values ≥ 0 (found {x}); use \"minmax\" for data that can be negative"),
                    );
                }
            }
        }
    }
}

fn compute(
    matrix: &Matrix,
    types: &[CriterionType],
    normalization: EntropyNormalization,
    shift: f64,
) -> Result<EntropyWeights, InputError> {
    let m = matrix.rows();
    let n = types.len();
    let ln_m = ln(m as f64);
    let mut entropy = vec![1.0; n];
    let mut constant = Vec::new();
    for j in 0..n {
        let col = matrix.col(j);
        // The extremes and the sum in one pass (the sum in the order `shannon` would take it).
        let (mut lo, mut hi, mut sum) = (f64::INFINITY, f64::NEG_INFINITY, -0.0);
        for &x in col {
            if x < lo {
                lo = x;
            }
            if x > hi {
                hi = x;
            }
            sum += x;
        }
        if lo == hi {
            constant.push(j);
            continue;
        }
        let h = match normalization {
            EntropyNormalization::Sum => shannon_with_sum(col.iter().copied(), sum),
            EntropyNormalization::Minmax => shannon(col.iter().map(|&x| {
                let r = match types[j] {
                    CriterionType::Benefit => (x - lo) / (hi - lo),
                    CriterionType::Cost => (hi - x) / (hi - lo),
                };
                r + shift
            })),
        };
        entropy[j] = finite(h / ln_m).clamp(0.0, 1.0);
    }
    let divergence: Vec<f64> = entropy.iter().map(|e| 1.0 - e).collect();
    let total: f64 = divergence.iter().sum();
    if total <= 0.0 {
        let mut p = Problems::new();
        p.push(
            Code::NoVariation,
            &Path::root().key("matrix"),
            "every criterion (column) has the same value for every alternative: there is nothing to weigh by",
        );
        return fail(p);
    }
    let mut notes = Vec::new();
    if !constant.is_empty() {
        let cols: Vec<String> = constant.iter().map(|j| j.to_string()).collect();
        notes.push(Note {
            code: "constant-criterion",
            message: format!(
                "column{} {} {} the same value for every alternative, so {} no information: weight 0",
                plural(constant.len()),
                cols.join(", "),
                if constant.len() == 1 { "has" } else { "have" },
                if constant.len() == 1 { "it carries" } else { "they carry" }
            ),
        });
    }
    if normalization == EntropyNormalization::Sum && types.contains(&CriterionType::Cost) {
        notes.push(Note {
            code: "types-ignored",
            message: "\"sum\" normalisation takes the raw values, so benefit and cost criteria are weighed alike (as pymcdm and scikit-criteria do)".to_owned(),
        });
    }
    Ok(EntropyWeights {
        weights: divergence.iter().map(|d| d / total).collect(),
        entropy,
        divergence,
        normalization,
        types: types.to_vec(),
        shift,
        notes,
    })
}

/// A validated `entropyWeights` request.
#[derive(Debug, Clone, PartialEq)]
pub struct EntropyInput {
    matrix: Matrix,
    types: Vec<CriterionType>,
    normalization: EntropyNormalization,
    shift: f64,
}

impl EntropyInput {
    /// Wire shape: `{ matrix: number[][] (rows alternatives, columns criteria), types?:
    /// ("benefit" | "cost")[] (all benefit), normalization?: "minmax" (default) | "sum",
    /// shift?: number in [0, 1] (0; "minmax" only) }`.
    pub fn from_json(input: &Json) -> Result<EntropyInput, InputError> {
        let mut p = Problems::new();
        let root = Path::root();
        crate::limits::check_input(input, &root)?;
        let Some(obj) = read::object(input, &root, &["matrix", "types", "normalization", "shift"], &mut p) else {
            return fail(p);
        };
        let normalization = setting(obj, "normalization", &root, &mut p, EntropyNormalization::Minmax, |v, at, p| {
            read::one_of(v, at, &EntropyNormalization::NAMES, p).map(|k| EntropyNormalization::ALL[k])
        });
        let matrix =
            read::required(obj, "matrix", &root, &mut p).and_then(|v| read_matrix(v, &root.key("matrix"), &mut p));
        let n = matrix.as_ref().filter(|m| m.rows() > 0).map(Matrix::cols);
        let types = setting(obj, "types", &root, &mut p, Vec::new(), |v, at, p| read_types(v, at, n, p));
        let shift = setting(obj, "shift", &root, &mut p, 0.0, |v, at, p| number_in(v, at, p, 0.0, 1.0));
        if read::field(obj, "shift").is_some() && normalization == Some(EntropyNormalization::Sum) {
            p.push(Code::ConflictingFields, &root.key("shift"), "shift applies to \"minmax\" normalisation only");
        }
        if let (Some(m), Some(norm)) = (&matrix, normalization) {
            check_read_matrix(m, &root.key("matrix"), norm, &mut p);
        }
        match (matrix, types, normalization, shift) {
            (Some(matrix), Some(types), Some(normalization), Some(shift)) if p.is_empty() => {
                let n = matrix.cols();
                let types = if types.is_empty() { vec![CriterionType::Benefit; n] } else { types };
                Ok(EntropyInput { matrix, types, normalization, shift })
            }
            _ => fail(p),
        }
    }

    /// Fails only when every column is constant (`no-variation`).
    pub fn evaluate(&self) -> Result<EntropyWeights, InputError> {
        compute(&self.matrix, &self.types, self.normalization, self.shift)
    }
}

// ------------------------------------------------------------------ combined weights

/// How subjective and objective weights are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CombineMethod {
    /// `α w_s + (1 − α) w_o`.
    Linear,
    /// `w_s w_o / Σ w_s w_o`.
    Multiplicative,
}

/// Combined weights.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CombinedWeights {
    /// Summing to 1.
    pub weights: Vec<f64>,
    pub method: CombineMethod,
    /// α (linear only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha: Option<f64>,
    /// The inputs divided by their sums.
    pub subjective: Vec<f64>,
    pub objective: Vec<f64>,
}

/// Combines subjective (e.g. AHP) and objective (e.g. entropy) weights; `alpha` is used by
/// the linear method only.
pub fn combine(
    subjective: &[f64],
    objective: &[f64],
    method: CombineMethod,
    alpha: f64,
) -> Result<CombinedWeights, InputError> {
    let mut p = Problems::new();
    let root = Path::root();
    let s = check_weights(subjective, &root.key("subjective"), &mut p);
    let o = check_weights(objective, &root.key("objective"), &mut p);
    if subjective.len() != objective.len() {
        p.push(
            Code::LengthMismatch,
            &root.key("objective"),
            format!("has {} weights but subjective has {}", objective.len(), subjective.len()),
        );
    }
    if !(0.0..=1.0).contains(&alpha) {
        p.push(Code::OutOfRange, &root.key("alpha"), format!("must be between 0 and 1 (found {alpha})"));
    }
    match (s, o) {
        (Some(s), Some(o)) if p.is_empty() => combine_checked(s, o, method, alpha),
        _ => fail(p),
    }
}

fn check_weights(w: &[f64], at: &Path, p: &mut Problems) -> Option<Vec<f64>> {
    if w.is_empty() {
        p.push(Code::OutOfRange, at, "give at least one weight");
        return None;
    }
    let before = p.len();
    for (k, x) in w.iter().enumerate() {
        if !x.is_finite() {
            p.push(Code::NotFinite, &at.index(k), "must be a finite number, not NaN or Infinity");
        } else if *x < 0.0 {
            p.push(Code::NegativeValue, &at.index(k), format!("must be 0 or more (found {x})"));
        }
    }
    if p.len() > before {
        return None;
    }
    normalized_weights(w, at, p)
}

fn combine_checked(s: Vec<f64>, o: Vec<f64>, method: CombineMethod, alpha: f64) -> Result<CombinedWeights, InputError> {
    let weights = match method {
        CombineMethod::Linear => s.iter().zip(&o).map(|(a, b)| alpha * a + (1.0 - alpha) * b).collect(),
        CombineMethod::Multiplicative => {
            let prod: Vec<f64> = s.iter().zip(&o).map(|(a, b)| a * b).collect();
            let sum: f64 = prod.iter().sum();
            if sum <= 0.0 {
                let mut p = Problems::new();
                p.push(
                    Code::AllZero,
                    &Path::root().key("objective"),
                    "no criterion has both weights above 0, so their product is 0 everywhere",
                );
                return fail(p);
            }
            prod.iter().map(|x| x / sum).collect()
        }
    };
    Ok(CombinedWeights {
        weights,
        method,
        alpha: (method == CombineMethod::Linear).then_some(alpha),
        subjective: s,
        objective: o,
    })
}

/// A validated `combineWeights` request.
#[derive(Debug, Clone, PartialEq)]
pub struct CombineInput {
    subjective: Vec<f64>,
    objective: Vec<f64>,
    method: CombineMethod,
    alpha: f64,
}

impl CombineInput {
    /// Wire shape: `{ subjective: number[], objective: number[], method?: "linear" (default) |
    /// "multiplicative", alpha?: number in [0, 1] (0.5; linear only) }`.
    pub fn from_json(input: &Json) -> Result<CombineInput, InputError> {
        let mut p = Problems::new();
        let root = Path::root();
        crate::limits::check_input(input, &root)?;
        let Some(obj) = read::object(input, &root, &["subjective", "objective", "method", "alpha"], &mut p) else {
            return fail(p);
        };
        let weights = |key: &str, p: &mut Problems| {
            let at = root.key(key);
            let w = read::required(obj, key, &root, p).and_then(|v| read_vec(v, &at, p, non_negative))?;
            check_weights(&w, &at, p)
        };
        let s = weights("subjective", &mut p);
        let o = weights("objective", &mut p);
        let method = setting(obj, "method", &root, &mut p, CombineMethod::Linear, |v, at, p| {
            read::one_of(v, at, &["linear", "multiplicative"], p).map(|k| {
                if k == 0 {
                    CombineMethod::Linear
                } else {
                    CombineMethod::Multiplicative
                }
            })
        });
        let alpha = setting(obj, "alpha", &root, &mut p, 0.5, |v, at, p| number_in(v, at, p, 0.0, 1.0));
        if method == Some(CombineMethod::Multiplicative) && read::field(obj, "alpha").is_some() {
            p.push(Code::ConflictingFields, &root.key("alpha"), "alpha applies to the linear method only");
        }
        if let (Some(s), Some(o)) = (&s, &o) {
            if s.len() != o.len() {
                p.push(
                    Code::LengthMismatch,
                    &root.key("objective"),
                    format!("has {} weights but subjective has {}", o.len(), s.len()),
                );
            }
        }
        match (s, o, method, alpha) {
            (Some(subjective), Some(objective), Some(method), Some(alpha)) if p.is_empty() => {
                Ok(CombineInput { subjective, objective, method, alpha })
            }
            _ => fail(p),
        }
    }

    /// Fails only when a multiplicative combination is 0 everywhere (`all-zero`).
    pub fn evaluate(&self) -> Result<CombinedWeights, InputError> {
        combine_checked(self.subjective.clone(), self.objective.clone(), self.method, self.alpha)
    }
}
