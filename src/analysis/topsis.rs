//! TOPSIS: ranking alternatives by their relative closeness to the ideal solution.
//!
//! Method: Hwang CL, Yoon K, *Multiple Attribute Decision Making: Methods and Applications*,
//! Springer 1981, pp. 128–140 (`standards.md` §6.3):
//! `r_ij` normalised, `v_ij = w_j r_ij`; the ideal `V⁺_j = max_i v_ij` for a benefit
//! criterion (min for a cost), the anti-ideal `V⁻_j` the opposite;
//! `D⁺_i = √Σ_j (v_ij − V⁺_j)²`, `D⁻_i = √Σ_j (v_ij − V⁻_j)²`;
//! closeness `C_i = D⁻_i / (D⁺_i + D⁻_i) ∈ [0, 1]`, ranked in descending order.
//!
//! Normalisation is a setting ([`TopsisNormalization`]), because implementations differ:
//! * `"vector"` (default, Hwang & Yoon): `r_ij = x_ij / √Σ_i x_ij²` (a column of zeros stays 0);
//! * `"minmax"` (pymcdm 1.4's default, `minmax_normalization`): benefit
//!   `(x − min)/(max − min)`, cost `(max − x)/(max − min)`, a constant column 1; the ideal is
//!   then the maximum of every column. This is the form of Opricovic S, Tzeng GH, "Compromise
//!   solution by MCDM methods: a comparative analysis of VIKOR and TOPSIS", *EJOR*
//!   2004;156(2):445–455, whose example gives C = (0.500, 0.617, 0.500);
//! * `"none"`: the values as given (data already on one scale), as scikit-criteria 0.10's
//!   `TOPSIS` does without a scaler in front of it.
//!
//! Weights are divided by their sum (C does not change: every distance scales alike). Ties
//! (closeness equal to 12 decimals) are ranked by input order, and a note names them. If
//! every weighted criterion is constant, every alternative is both ideal and anti-ideal and
//! there is nothing to rank (`no-variation`).

use super::{
    entropy::min_max, fail, finite, non_negative, normalized_weights, plural, read_matrix, read_types, read_vec,
    setting, tie_key, Matrix,
};
use super::{CriterionType, Note};
use crate::error::{Code, InputError, Path, Problems};
use crate::json::Json;
use crate::read;
use serde::Serialize;

/// How the decision matrix is normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TopsisNormalization {
    /// `x / √Σx²` (Hwang & Yoon 1981).
    Vector,
    /// `(x − min)/(max − min)`, flipped for cost criteria (pymcdm's default).
    Minmax,
    /// The values as given.
    None,
}

impl TopsisNormalization {
    const NAMES: [&'static str; 3] = ["vector", "minmax", "none"];
    const ALL: [TopsisNormalization; 3] =
        [TopsisNormalization::Vector, TopsisNormalization::Minmax, TopsisNormalization::None];
}

/// The TOPSIS result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Topsis {
    /// `C_i ∈ [0, 1]`, one per alternative (row), in input order.
    pub closeness: Vec<f64>,
    /// The rank of each alternative, 1 = best; ties take consecutive ranks in input order.
    pub ranking: Vec<usize>,
    /// Alternatives (0-based rows), best first.
    pub order: Vec<usize>,
    /// `D⁺_i` and `D⁻_i`.
    pub distance_to_ideal: Vec<f64>,
    pub distance_to_anti_ideal: Vec<f64>,
    /// `V⁺` and `V⁻` in the weighted normalised space.
    pub ideal: Vec<f64>,
    pub anti_ideal: Vec<f64>,
    /// The weights used, summing to 1.
    pub weights: Vec<f64>,
    pub types: Vec<CriterionType>,
    pub normalization: TopsisNormalization,
    pub notes: Vec<Note>,
}

/// TOPSIS on a plain matrix (rows alternatives, columns criteria). `types` may be empty
/// (every criterion a benefit). Returns every problem with its path.
pub fn topsis(
    matrix: &[Vec<f64>],
    weights: &[f64],
    types: &[CriterionType],
    normalization: TopsisNormalization,
) -> Result<Topsis, InputError> {
    let mut p = Problems::new();
    let root = Path::root();
    let at = root.key("matrix");
    let m = matrix.len();
    let n = matrix.first().map_or(0, Vec::len);
    check_shape(m, n, &at, &mut p);
    for (i, row) in matrix.iter().enumerate() {
        if row.len() != n {
            p.push(Code::LengthMismatch, &at.index(i), format!("row {i} has {} entries but row 0 has {n}", row.len()));
            continue;
        }
        for (j, x) in row.iter().enumerate() {
            if !x.is_finite() {
                p.push(Code::NotFinite, &at.index(i).index(j), "must be a finite number, not NaN or Infinity");
            }
        }
    }
    let wat = root.key("weights");
    let before = p.len();
    for (j, x) in weights.iter().enumerate() {
        if !x.is_finite() {
            p.push(Code::NotFinite, &wat.index(j), "must be a finite number, not NaN or Infinity");
        } else if *x < 0.0 {
            p.push(Code::NegativeValue, &wat.index(j), format!("must be 0 or more (found {x})"));
        }
    }
    check_lengths(weights.len(), types.len(), n, &root, &mut p);
    let w = if p.len() == before { normalized_weights(weights, &wat, &mut p) } else { None };
    match w {
        Some(w) if p.is_empty() => {
            let types = if types.is_empty() { vec![CriterionType::Benefit; n] } else { types.to_vec() };
            compute(&Matrix::from_rows(matrix), &w, &types, normalization)
        }
        _ => fail(p),
    }
}

fn check_shape(m: usize, n: usize, at: &Path, p: &mut Problems) {
    if m < 2 {
        p.push(Code::OutOfRange, at, format!("has {m} alternative{} (rows); TOPSIS ranks at least 2", plural(m)));
    } else if n == 0 {
        p.push(Code::OutOfRange, &at.index(0), "give at least one criterion (column)");
    }
}

fn check_lengths(weights: usize, types: usize, n: usize, root: &Path, p: &mut Problems) {
    if weights != n {
        p.push(
            Code::LengthMismatch,
            &root.key("weights"),
            format!("has {weights} weights but the matrix has {n} criteria (columns)"),
        );
    }
    if types != 0 && types != n {
        p.push(
            Code::LengthMismatch,
            &root.key("types"),
            format!("has {types} types but the matrix has {n} criteria (columns)"),
        );
    }
}

fn compute(
    matrix: &Matrix,
    w: &[f64],
    types: &[CriterionType],
    normalization: TopsisNormalization,
) -> Result<Topsis, InputError> {
    let m = matrix.rows();
    let n = w.len();
    // The weighted normalised matrix, column by column: `v[j * m + i]`.
    let mut v = vec![0.0; m * n];
    let mut ideal = vec![0.0; n];
    let mut anti = vec![0.0; n];
    let mut constant = Vec::new();
    for j in 0..n {
        let col = matrix.col(j);
        let (lo, hi) = min_max(col);
        if lo == hi {
            constant.push(j);
        }
        let out = &mut v[j * m..(j + 1) * m];
        match normalization {
            TopsisNormalization::Vector => {
                // √Σx² scaled by the largest |x| so that squares cannot overflow.
                let big = col.iter().fold(0.0f64, |a, x| if x.abs() > a { x.abs() } else { a });
                let norm = big * col.iter().map(|x| (x / big) * (x / big)).sum::<f64>().sqrt();
                for (o, x) in out.iter_mut().zip(col) {
                    *o = w[j] * if big > 0.0 { x / norm } else { 0.0 };
                }
            }
            TopsisNormalization::Minmax => {
                for (o, &x) in out.iter_mut().zip(col) {
                    let r = if lo == hi {
                        1.0
                    } else if types[j] == CriterionType::Cost {
                        (hi - x) / (hi - lo)
                    } else {
                        (x - lo) / (hi - lo)
                    };
                    *o = w[j] * r;
                }
            }
            TopsisNormalization::None => {
                for (o, &x) in out.iter_mut().zip(col) {
                    *o = w[j] * x;
                }
            }
        }
        let (vlo, vhi) = min_max(out);
        // After min-max every column is "more is better".
        let benefit = normalization == TopsisNormalization::Minmax || types[j] == CriterionType::Benefit;
        (ideal[j], anti[j]) = if benefit { (vhi, vlo) } else { (vlo, vhi) };
    }
    if (0..n).all(|j| w[j] == 0.0 || constant.contains(&j)) {
        let mut p = Problems::new();
        p.push(
            Code::NoVariation,
            &Path::root().key("matrix"),
            "every weighted criterion has the same value for every alternative: all are equally close to the ideal",
        );
        return fail(p);
    }
    // Row i's distance to `target`, summed over the columns in order.
    let dist = |i: usize, target: &[f64]| {
        (0..n).map(|j| (v[j * m + i] - target[j]) * (v[j * m + i] - target[j])).sum::<f64>().sqrt()
    };
    let d_plus: Vec<f64> = (0..m).map(|i| finite(dist(i, &ideal))).collect();
    let d_minus: Vec<f64> = (0..m).map(|i| finite(dist(i, &anti))).collect();
    let closeness: Vec<f64> = d_plus
        .iter()
        .zip(&d_minus)
        .map(|(p, q)| if p + q > 0.0 { (q / (p + q)).clamp(0.0, 1.0) } else { 0.5 })
        .collect();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(tie_key(closeness[i])));
    let mut ranking = vec![0; m];
    for (k, &i) in order.iter().enumerate() {
        ranking[i] = k + 1;
    }
    let mut notes = Vec::new();
    let constant_weighted: Vec<String> = constant.iter().filter(|&&j| w[j] > 0.0).map(|j| j.to_string()).collect();
    if !constant_weighted.is_empty() {
        notes.push(Note {
            code: "constant-criterion",
            message: format!(
                "column{} {} {} the same value for every alternative and so {} not affect the ranking",
                plural(constant_weighted.len()),
                constant_weighted.join(", "),
                if constant_weighted.len() == 1 { "has" } else { "have" },
                if constant_weighted.len() == 1 { "does" } else { "do" }
            ),
        });
    }
    let tied: Vec<String> = order
        .windows(2)
        .filter(|p| tie_key(closeness[p[0]]) == tie_key(closeness[p[1]]))
        .map(|p| format!("{} and {}", p[0], p[1]))
        .collect();
    if !tied.is_empty() {
        notes.push(Note {
            code: "tied",
            message: format!(
                "tied closeness (equal to 12 decimals), ranked by input order: alternatives {}",
                tied.join("; ")
            ),
        });
    }
    Ok(Topsis {
        closeness,
        ranking,
        order,
        distance_to_ideal: d_plus,
        distance_to_anti_ideal: d_minus,
        ideal: ideal.into_iter().map(finite).collect(),
        anti_ideal: anti.into_iter().map(finite).collect(),
        weights: w.to_vec(),
        types: types.to_vec(),
        normalization,
        notes,
    })
}

/// A validated `topsis` request.
#[derive(Debug, Clone, PartialEq)]
pub struct TopsisInput {
    matrix: Matrix,
    weights: Vec<f64>,
    types: Vec<CriterionType>,
    normalization: TopsisNormalization,
}

impl TopsisInput {
    /// Wire shape: `{ matrix: number[][] (rows alternatives, columns criteria), weights:
    /// number[] (≥ 0, not all 0), types?: ("benefit" | "cost")[] (all benefit),
    /// normalization?: "vector" (default) | "minmax" | "none" }`.
    pub fn from_json(input: &Json) -> Result<TopsisInput, InputError> {
        let mut p = Problems::new();
        let root = Path::root();
        crate::limits::check_input(input, &root)?;
        let Some(obj) = read::object(input, &root, &["matrix", "weights", "types", "normalization"], &mut p) else {
            return fail(p);
        };
        let matrix =
            read::required(obj, "matrix", &root, &mut p).and_then(|v| read_matrix(v, &root.key("matrix"), &mut p));
        if let Some(m) = &matrix {
            check_shape(m.rows(), m.cols(), &root.key("matrix"), &mut p);
        }
        let n = matrix.as_ref().filter(|m| m.rows() > 0).map(Matrix::cols);
        let weights = read::required(obj, "weights", &root, &mut p)
            .and_then(|v| read_vec(v, &root.key("weights"), &mut p, non_negative));
        let types = setting(obj, "types", &root, &mut p, Vec::new(), |v, at, p| read_types(v, at, n, p));
        let normalization = setting(obj, "normalization", &root, &mut p, TopsisNormalization::Vector, |v, at, p| {
            read::one_of(v, at, &TopsisNormalization::NAMES, p).map(|k| TopsisNormalization::ALL[k])
        });
        let weights = match (weights, n) {
            (Some(w), Some(n)) => {
                check_lengths(w.len(), 0, n, &root, &mut p);
                normalized_weights(&w, &root.key("weights"), &mut p)
            }
            _ => None,
        };
        match (matrix, weights, types, normalization) {
            (Some(matrix), Some(weights), Some(types), Some(normalization)) if p.is_empty() => {
                let types = if types.is_empty() { vec![CriterionType::Benefit; weights.len()] } else { types };
                Ok(TopsisInput { matrix, weights, types, normalization })
            }
            _ => fail(p),
        }
    }

    /// Fails only when every weighted criterion is constant (`no-variation`).
    pub fn evaluate(&self) -> Result<Topsis, InputError> {
        compute(&self.matrix, &self.weights, &self.types, self.normalization)
    }
}
