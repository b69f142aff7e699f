//! Decision analysis as Chinese public-administration research does it: expert weights by
//! AHP ([`ahp`](mod@ahp)), data weights by entropy ([`entropy`](mod@entropy)), ranking by
//! TOPSIS ([`topsis`](mod@topsis)), grading by fuzzy comprehensive evaluation
//! ([`fuzzy`](mod@fuzzy)), the composite-system synergy degree of the response's subsystems
//! ([`synergy`](mod@synergy)) and a fair split of a scarce resource ([`allocate`](mod@allocate)).
//!
//! Every function comes twice: a JSON reader (`XInput::from_json`, collecting every problem
//! with its JSON path) followed by `XInput::evaluate`, and a plain Rust function on numbers.
//! Every convention on which published implementations differ (the random-index table,
//! TOPSIS normalisation, entropy normalisation, fuzzy operators, synergy grading cut-points)
//! is an explicit setting that the output echoes; none is a silent choice. No output holds
//! NaN or an infinity.

pub mod ahp;
pub mod allocate;
pub mod entropy;
pub mod fuzzy;
pub mod synergy;
pub mod topsis;

use crate::error::{Code, InputError, Path, Problems};
use crate::json::Json;
use crate::read;
use serde::Serialize;

pub use crate::signals::incidence::Note;
pub use ahp::{Ahp, AhpGroup, AhpGroupInput, AhpHierarchy, AhpHierarchyInput, AhpInput, AhpOptions, RandomIndex};
pub use allocate::{Allocation, AllocationInput};
pub use entropy::{CombineInput, CombineMethod, CombinedWeights, EntropyInput, EntropyNormalization, EntropyWeights};
pub use fuzzy::{FuzzyEvaluation, FuzzyInput, FuzzyOperator};
pub use synergy::{Synergy, SynergyInput};
pub use topsis::{Topsis, TopsisInput, TopsisNormalization};

/// `ahp(input)` in JS: see [`AhpInput::from_json`].
pub fn ahp(input: &Json) -> Result<Ahp, InputError> {
    AhpInput::from_json(input).map(|i| i.evaluate())
}

/// `ahpHierarchy(input)` in JS: see [`AhpHierarchyInput::from_json`].
pub fn ahp_hierarchy(input: &Json) -> Result<AhpHierarchy, InputError> {
    AhpHierarchyInput::from_json(input).map(|i| i.evaluate())
}

/// `ahpGroup(input)` in JS: see [`AhpGroupInput::from_json`].
pub fn ahp_group(input: &Json) -> Result<AhpGroup, InputError> {
    AhpGroupInput::from_json(input).map(|i| i.evaluate())
}

/// `entropyWeights(input)` in JS: see [`EntropyInput::from_json`].
pub fn entropy_weights(input: &Json) -> Result<EntropyWeights, InputError> {
    EntropyInput::from_json(input)?.evaluate()
}

/// `combineWeights(input)` in JS: see [`CombineInput::from_json`].
pub fn combine_weights(input: &Json) -> Result<CombinedWeights, InputError> {
    CombineInput::from_json(input)?.evaluate()
}

/// `topsis(input)` in JS: see [`TopsisInput::from_json`].
pub fn topsis(input: &Json) -> Result<Topsis, InputError> {
    TopsisInput::from_json(input)?.evaluate()
}

/// `fuzzyEvaluate(input)` in JS: see [`FuzzyInput::from_json`].
pub fn fuzzy_evaluate(input: &Json) -> Result<FuzzyEvaluation, InputError> {
    FuzzyInput::from_json(input)?.evaluate()
}

/// `synergyDegree(input)` in JS: see [`SynergyInput::from_json`].
pub fn synergy_degree(input: &Json) -> Result<Synergy, InputError> {
    SynergyInput::from_json(input).map(|i| i.evaluate())
}

/// `allocate(input)` in JS: see [`AllocationInput::from_json`].
pub fn allocate(input: &Json) -> Result<Allocation, InputError> {
    AllocationInput::from_json(input).map(|i| i.evaluate())
}

/// Whether a criterion is better high (`"benefit"`) or low (`"cost"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CriterionType {
    Benefit,
    Cost,
}

impl CriterionType {
    pub fn as_str(self) -> &'static str {
        match self {
            CriterionType::Benefit => "benefit",
            CriterionType::Cost => "cost",
        }
    }
}

// ------------------------------------------------------------------ shared readers

/// The error for a failed validation; never empty (a missing problem is reported as a bug).
pub(crate) fn fail<T>(mut p: Problems) -> Result<T, InputError> {
    if p.is_empty() {
        p.push(Code::Internal, &Path::root(), "validation failed without naming a problem (a bug in crisis-desk)");
    }
    Err(p.finish(()).unwrap_err())
}

/// An array whose every item `cell` accepts; `None` (with problems recorded) otherwise.
pub(crate) fn read_vec<T>(
    v: &Json,
    at: &Path,
    p: &mut Problems,
    mut cell: impl FnMut(&Json, &Path, &mut Problems) -> Option<T>,
) -> Option<Vec<T>> {
    let items = read::array(v, at, p)?;
    if !crate::limits::within(items.len(), crate::limits::MAX_ALTERNATIVES, at, "items", p) {
        return None;
    }
    let before = p.len();
    let out: Vec<Option<T>> = items.iter().enumerate().map(|(i, x)| cell(x, &at.index(i), p)).collect();
    if p.len() > before {
        return None;
    }
    out.into_iter().collect()
}

/// A rectangular matrix of numbers (rows alternatives, columns criteria), stored column by
/// column: the methods here normalise and weigh column by column, so each column is one
/// contiguous slice, and the whole matrix is one allocation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Matrix {
    rows: usize,
    cols: usize,
    /// Column-major: `data[j * rows + i]` is row `i`, column `j`.
    data: Vec<f64>,
}

impl Matrix {
    /// From rows that are all as long as the first.
    pub(crate) fn from_rows(rows: &[Vec<f64>]) -> Matrix {
        let (m, n) = (rows.len(), rows.first().map_or(0, Vec::len));
        let mut data = vec![0.0; m * n];
        for (i, row) in rows.iter().enumerate() {
            for (j, &x) in row.iter().enumerate() {
                data[j * m + i] = x;
            }
        }
        Matrix { rows: m, cols: n, data }
    }

    pub(crate) fn rows(&self) -> usize {
        self.rows
    }

    pub(crate) fn cols(&self) -> usize {
        self.cols
    }

    /// Column `j`, top to bottom.
    pub(crate) fn col(&self, j: usize) -> &[f64] {
        &self.data[j * self.rows..(j + 1) * self.rows]
    }

    /// Row `i`, column `j`.
    pub(crate) fn get(&self, i: usize, j: usize) -> f64 {
        self.data[j * self.rows + i]
    }

    /// Every value, column by column.
    pub(crate) fn values(&self) -> &[f64] {
        &self.data
    }

    pub(crate) fn to_rows(&self) -> Vec<Vec<f64>> {
        (0..self.rows).map(|i| (0..self.cols).map(|j| self.get(i, j)).collect()).collect()
    }
}

/// An array of equally long arrays of finite numbers (a matrix, rows first; `-0` reads as 0).
/// A row of another length is a `length-mismatch` at that row, a cell that is not a finite
/// number is a problem at its path (`matrix[3][7]`, as [`read::number`] records it). `None`
/// (with problems recorded) when anything is wrong.
///
/// Paths are built only for problems: a 1 000 × 20 matrix is read without allocating one,
/// into one column-major buffer.
pub(crate) fn read_matrix(v: &Json, at: &Path, p: &mut Problems) -> Option<Matrix> {
    let rows = read::array(v, at, p)?;
    if !crate::limits::within(rows.len(), crate::limits::MAX_ALTERNATIVES, at, "rows", p) {
        return None;
    }
    let m = rows.len();
    let before = p.len();
    let mut data: Vec<f64> = Vec::new();
    let mut width: Option<usize> = None;
    for (i, row) in rows.iter().enumerate() {
        let Json::Array(items) = row else {
            read::array(row, &at.index(i), p);
            continue;
        };
        if items.len() > crate::limits::MAX_CRITERIA {
            crate::limits::within(items.len(), crate::limits::MAX_CRITERIA, &at.index(i), "columns", p);
            return None;
        }
        match width {
            None => {
                width = Some(items.len());
                data = vec![0.0; m * items.len()];
            }
            Some(w) if w != items.len() => {
                p.push(
                    Code::LengthMismatch,
                    &at.index(i),
                    format!("row {i} has {} entries but row 0 has {w}: every row needs the same number", items.len()),
                );
                continue;
            }
            Some(_) => {}
        }
        // Row i is every m-th value of the column-major buffer from i on (`skip`, not `[i..]`:
        // when the first array row is empty the buffer is too, and earlier rows were not arrays).
        let mut clean = true;
        for (slot, x) in data.iter_mut().skip(i).step_by(m).zip(items) {
            match x {
                // `+ 0.0`: -0 reads as 0, as read::number does.
                Json::Number(n) if n.is_finite() => *slot = *n + 0.0,
                _ => clean = false,
            }
        }
        if !clean {
            for (j, x) in items.iter().enumerate() {
                if !matches!(x, Json::Number(n) if n.is_finite()) {
                    read::number(x, &at.index(i).index(j), p);
                }
            }
        }
    }
    if p.len() > before {
        return None;
    }
    Some(Matrix { rows: m, cols: width.unwrap_or(0), data })
}

/// [`read_matrix`], as rows.
pub(crate) fn read_rows(v: &Json, at: &Path, p: &mut Problems) -> Option<Vec<Vec<f64>>> {
    read_matrix(v, at, p).map(|m| m.to_rows())
}

/// A finite number ≥ 0 (`negative-value` below 0).
pub(crate) fn non_negative(v: &Json, at: &Path, p: &mut Problems) -> Option<f64> {
    let x = read::number(v, at, p)?;
    if x < 0.0 {
        p.push(Code::NegativeValue, at, format!("must be 0 or more (found {x})"));
        return None;
    }
    Some(x)
}

/// An optional setting: `default` when absent or null, else `read`.
pub(crate) fn setting<T>(
    obj: &Json,
    key: &str,
    root: &Path,
    p: &mut Problems,
    default: T,
    read: impl FnOnce(&Json, &Path, &mut Problems) -> Option<T>,
) -> Option<T> {
    match read::field(obj, key) {
        None => Some(default),
        Some(v) => read(v, &root.key(key), p),
    }
}

/// A finite number within `[lo, hi]` (`out-of-range` otherwise).
pub(crate) fn number_in(v: &Json, at: &Path, p: &mut Problems, lo: f64, hi: f64) -> Option<f64> {
    let x = read::number(v, at, p)?;
    if !(lo..=hi).contains(&x) {
        p.push(Code::OutOfRange, at, format!("must be between {lo} and {hi} (found {x})"));
        return None;
    }
    Some(x)
}

/// `"benefit"` / `"cost"` for each of `n` criteria.
pub(crate) fn read_types(v: &Json, at: &Path, n: Option<usize>, p: &mut Problems) -> Option<Vec<CriterionType>> {
    let types = read_vec(v, at, p, |x, here, p| {
        read::one_of(x, here, &["benefit", "cost"], p).map(|k| {
            if k == 0 {
                CriterionType::Benefit
            } else {
                CriterionType::Cost
            }
        })
    })?;
    if let Some(n) = n {
        if types.len() != n {
            p.push(
                Code::LengthMismatch,
                at,
                format!("has {} types but the matrix has {n} criteria (columns)", types.len()),
            );
            return None;
        }
    }
    Some(types)
}

/// Weights ≥ 0, not all 0, divided by their sum. `what` names them in messages.
pub(crate) fn normalized_weights(w: &[f64], at: &Path, p: &mut Problems) -> Option<Vec<f64>> {
    let sum: f64 = w.iter().sum();
    if sum <= 0.0 || !sum.is_finite() {
        p.push(Code::AllZero, at, "at least one weight must be greater than 0");
        return None;
    }
    Some(w.iter().map(|x| x / sum).collect())
}

/// Ordering key that treats values equal to 12 decimals as tied (so a stable sort keeps
/// their input order): `round(x · 10¹²)`.
pub(crate) fn tie_key(x: f64) -> i64 {
    (x * 1e12).round() as i64
}

/// Finite or 0: the last guard before a value leaves the core.
pub(crate) fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// Plural "s".
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
