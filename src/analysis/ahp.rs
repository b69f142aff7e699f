//! The analytic hierarchy process (AHP): priorities from pairwise judgements, their
//! consistency, the judgements that most cause inconsistency, a two-level hierarchy and a
//! group of experts.
//!
//! Method: Saaty TL, "A scaling method for priorities in hierarchical structures",
//! *J Math Psychol* 1977;15(3):234–281 (the principal right eigenvector, λmax, CI);
//! Saaty TL, *The Analytic Hierarchy Process*, McGraw-Hill 1980 (CR = CI/RI, the 10 %
//! rule, the random index, the hierarchic consistency ratio); Saaty TL, "Decision making
//! with the analytic hierarchy process", *Int J Services Sciences* 2008;1(1):83–98 (the
//! 1–9 scale; the "drinks" example this module is tested on).
//!
//! * Judgements `a_ij` (how much more important element i is than j) are positive, with
//!   `a_ji = 1/a_ij` and `a_ii = 1`. The **upper triangle is authoritative**: the lower
//!   triangle is only checked (within `reciprocalTolerance`) and then replaced by exact
//!   reciprocals. Either entry of a pair may be `null` (JSON) and is then filled from the
//!   other, so a page may send only what it asked.
//! * The weights are the principal right eigenvector of A, found by **power iteration**
//!   (Perron–Frobenius: A > 0 has a simple dominant eigenvalue λmax ≥ n, and the iteration
//!   converges from any positive start). nalgebra has no non-symmetric eigensolver, so:
//!   start from the normalised row geometric means (exact for a consistent matrix), iterate
//!   `w ← A w / Σ(A w)` until no weight moves by more than [`POWER_TOLERANCE`], at most
//!   [`POWER_MAX_ITERATIONS`] times; the count is reported. `λmax = Σ_i (A w)_i` (Σ w = 1).
//! * `CI = (λmax − n)/(n − 1)` (0 for n ≤ 2; rounding below 0 is reported as 0),
//!   `CR = CI/RI(n)` with the chosen [`RandomIndex`] table, **consistent when CR < threshold**
//!   (default 0.1, as `standards.md` §6.1 states it; n ≤ 2 is always consistent).
//! * Hierarchy: global weight of sub-criterion k of criterion j = `w_j · w_jk`; the hierarchy's
//!   consistency ratio is Saaty's `CR = Σ_j w_j CI_j / Σ_j w_j RI_j` over the criteria that
//!   have sub-criteria (Saaty 1980; `standards.md` §6.1).
//! * Group: the element-wise (weighted) geometric mean of the experts' matrices, the
//!   aggregation of individual judgements (AIJ) that keeps reciprocity: Aczél J, Saaty TL,
//!   "Procedures for synthesizing ratio judgements", *J Math Psychol* 1983;27(1):93–102;
//!   Forman E, Peniwati K, *EJOR* 1998;108(1):165–169. Each expert's own weights come alongside.
//! * Inconsistent judgements: Saaty's rule (Saaty TL, "Decision-making with the AHP: Why is
//!   the principal eigenvector necessary", *EJOR* 2003;145(1):85–91) ranks the entries by
//!   `ε_ij = a_ij w_j / w_i` (1 everywhere for a consistent matrix; `Σ_ij ε_ij = n λmax`) and
//!   proposes `w_i / w_j` in place of the worst. Entries are ranked here by `|ln ε_ij|` (the
//!   same order for ε and 1/ε, so a pair counts once) and each suggestion gives the exact
//!   consistent value, the nearest value on the 1–9 scale and its reciprocals (nearest on a
//!   log scale; a tie, to 12 decimals, goes to the value nearer 1), and the CR if it were adopted.

use super::{fail, finite, number_in, plural, read_vec, setting, Note};
use crate::error::{Code, InputError, Path, Problems};
use crate::json::Json;
use crate::math::{exp, ln};
use crate::read;
use nalgebra::{DMatrix, DVector};
use serde::Serialize;

/// Default consistency threshold: consistent when CR < 0.1.
pub const DEFAULT_THRESHOLD: f64 = 0.1;
/// Default tolerance on reciprocity: `|a_ij · a_ji − 1| ≤ 0.05` passes, which accepts every
/// two-decimal rounding of 1/k for k = 2 … 9 (0.11, 0.13, 0.14, 0.17 …).
pub const DEFAULT_RECIPROCAL_TOLERANCE: f64 = 0.05;
/// Default number of suggested changes to judgements.
pub const DEFAULT_MAX_SUGGESTIONS: usize = 3;
/// Power iteration stops when no weight moves by more than this (weights sum to 1).
pub const POWER_TOLERANCE: f64 = 1e-14;
/// Power iteration gives up after this many steps (reported, with a note).
pub const POWER_MAX_ITERATIONS: usize = 10_000;

/// The table of random indices RI(n), the mean CI of random reciprocal matrices. Published
/// tables differ (different simulations), so the choice is a setting and is echoed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RandomIndex {
    /// Saaty 1980 (*The Analytic Hierarchy Process*), n ≤ 15: 0, 0, 0.58, 0.90, 1.12, 1.24,
    /// 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59 — the table of `standards.md`
    /// §6.1 and of most textbooks and code. The default.
    #[serde(rename = "saaty")]
    Saaty,
    /// Saaty 2005 (*Theory and Applications of the Analytic Network Process*, RWS, p. 31), n ≤ 15:
    /// 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59 for
    /// n = 3 … 15; ahpy 2.1's `random_index='saaty'` (`ahpy/ahpy.py`,
    /// `_compute_consistency_ratio`). Also the table of Saaty 2008.
    #[serde(rename = "saaty-2005")]
    Saaty2005,
    /// Donegan HA, Dodd FJ, "A note on Saaty's random indexes", *Math Comput Model*
    /// 1991;15(10):135–137, n ≤ 100, as ahpy 2.1's default `random_index='dd'`: tabulated for
    /// n = 3 … 20, 25, 30, 40 … 100, and linearly interpolated between (as ahpy does).
    #[serde(rename = "donegan-dodd")]
    DoneganDodd,
    /// Tummala VMR, Ling H, "A note on the computation of the mean random consistency index of
    /// the AHP", *Theory and Decision* 1998;44(3):221–230, n ≤ 15, as pymcdm 1.4's `AHP.RI_M`
    /// (`pymcdm/weights/subjective/ahp.py`).
    #[serde(rename = "tummala-ling")]
    TummalaLing,
}

const SAATY_1980: [f64; 15] = [0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];
const SAATY_2005: [f64; 15] = [0.0, 0.0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59];
const TUMMALA_LING: [f64; 15] =
    [0.0, 0.0, 0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537, 1.4882, 1.5117, 1.5356, 1.5571, 1.5714, 1.5831];
/// (n, RI) as in ahpy 2.1 (including its 90: 1.6213, below 80: 1.6277).
const DONEGAN_DODD: [(usize, f64); 27] = [
    (3, 0.4914),
    (4, 0.8286),
    (5, 1.0591),
    (6, 1.1797),
    (7, 1.2519),
    (8, 1.3171),
    (9, 1.3733),
    (10, 1.4055),
    (11, 1.4213),
    (12, 1.4497),
    (13, 1.4643),
    (14, 1.4822),
    (15, 1.4969),
    (16, 1.5078),
    (17, 1.5153),
    (18, 1.5262),
    (19, 1.5313),
    (20, 1.5371),
    (25, 1.5619),
    (30, 1.5772),
    (40, 1.5976),
    (50, 1.6102),
    (60, 1.6178),
    (70, 1.6237),
    (80, 1.6277),
    (90, 1.6213),
    (100, 1.6339),
];

impl RandomIndex {
    pub const ALL: [RandomIndex; 4] =
        [RandomIndex::Saaty, RandomIndex::Saaty2005, RandomIndex::DoneganDodd, RandomIndex::TummalaLing];
    const NAMES: [&'static str; 4] = ["saaty", "saaty-2005", "donegan-dodd", "tummala-ling"];

    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The largest n the table covers.
    pub fn max_n(self) -> usize {
        match self {
            RandomIndex::DoneganDodd => 100,
            _ => 15,
        }
    }

    /// RI(n); 0 for n ≤ 2; `None` for n = 0 or n above [`max_n`](Self::max_n).
    pub fn value(self, n: usize) -> Option<f64> {
        if n == 0 || n > self.max_n() {
            return None;
        }
        if n <= 2 {
            return Some(0.0);
        }
        Some(match self {
            RandomIndex::Saaty => SAATY_1980[n - 1],
            RandomIndex::Saaty2005 => SAATY_2005[n - 1],
            RandomIndex::TummalaLing => TUMMALA_LING[n - 1],
            RandomIndex::DoneganDodd => {
                let upper = DONEGAN_DODD.iter().position(|&(k, _)| k >= n)?;
                let (k1, r1) = DONEGAN_DODD[upper];
                if k1 == n {
                    r1
                } else {
                    let (k0, r0) = DONEGAN_DODD[upper - 1];
                    r0 + (r1 - r0) / (k1 - k0) as f64 * (n - k0) as f64
                }
            }
        })
    }
}

/// Settings shared by every AHP entry point (all echoed in the output).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AhpOptions {
    /// `randomIndex`: default [`RandomIndex::Saaty`].
    pub random_index: RandomIndex,
    /// `threshold`: consistent when CR < threshold; default 0.1.
    pub threshold: f64,
    /// `reciprocalTolerance`: `|a_ij a_ji − 1|` allowed; default 0.05.
    pub reciprocal_tolerance: f64,
    /// `maxSuggestions`: how many judgements to suggest changing; default 3.
    pub max_suggestions: usize,
}

impl Default for AhpOptions {
    fn default() -> Self {
        AhpOptions {
            random_index: RandomIndex::Saaty,
            threshold: DEFAULT_THRESHOLD,
            reciprocal_tolerance: DEFAULT_RECIPROCAL_TOLERANCE,
            max_suggestions: DEFAULT_MAX_SUGGESTIONS,
        }
    }
}

/// The principal eigenpair found by power iteration.
#[derive(Debug, Clone, PartialEq)]
pub struct Eigen {
    /// The principal right eigenvector, positive, summing to 1.
    pub weights: Vec<f64>,
    pub lambda_max: f64,
    pub iterations: usize,
    pub converged: bool,
}

/// A judgement worth reconsidering.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    /// Element i (0-based) of the pair: the judgement is `matrix[row][col]`, row < col.
    pub row: usize,
    pub col: usize,
    /// The judgement given, `a_ij`.
    pub current: f64,
    /// `w_i / w_j`: the value consistent with the current weights.
    pub consistent_value: f64,
    /// The value on the 1–9 scale or its reciprocals nearest to `consistentValue`.
    pub suggested: f64,
    /// `suggested` as written on the scale: "3" or "1/3".
    pub suggested_label: String,
    /// `ε_ij = a_ij w_j / w_i` (1 when the judgement agrees with the weights).
    pub ratio: f64,
    /// The consistency ratio if `suggested` replaced `current` (and its reciprocal).
    pub cr_after: f64,
}

/// The result of one pairwise-comparison matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ahp {
    pub n: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<String>>,
    /// The priorities, summing to 1.
    pub weights: Vec<f64>,
    pub lambda_max: f64,
    pub ci: f64,
    pub ri: f64,
    pub cr: f64,
    pub consistent: bool,
    /// Power-iteration steps taken.
    pub iterations: usize,
    pub random_index: RandomIndex,
    pub threshold: f64,
    /// The matrix used: upper triangle as given, lower triangle its exact reciprocals.
    pub matrix: Vec<Vec<f64>>,
    /// The judgements that most cause inconsistency (n ≥ 3), worst first.
    pub suggestions: Vec<Suggestion>,
    pub notes: Vec<Note>,
}

/// Priorities and consistency of a matrix of judgements (rows first, no missing entries).
/// Returns every problem (`not-square`, `not-positive`, `not-finite`, `not-reciprocal`,
/// `matrix-too-large`) with its path `matrix[i][j]`.
pub fn priorities(matrix: &[Vec<f64>], options: &AhpOptions) -> Result<Ahp, InputError> {
    let mut p = Problems::new();
    let cells = to_cells(matrix);
    match check_judgements(&cells, &Path::root().key("matrix"), options, &mut p) {
        Some(j) if p.is_empty() => Ok(analyse(&j, None, options)),
        _ => fail(p),
    }
}

/// The principal eigenvector (summing to 1) and eigenvalue of a positive square matrix, by
/// power iteration from the normalised row geometric means. For n = 0, empty with λ = 0.
pub fn principal_eigenvector(a: &DMatrix<f64>) -> Eigen {
    let n = a.nrows();
    if n == 0 || a.ncols() != n {
        return Eigen { weights: Vec::new(), lambda_max: 0.0, iterations: 0, converged: true };
    }
    let mut w =
        DVector::from_iterator(n, a.row_iter().map(|row| exp(row.iter().map(|x| ln(*x)).sum::<f64>() / n as f64)));
    w /= w.sum();
    let mut iterations = 0;
    let mut converged = false;
    while iterations < POWER_MAX_ITERATIONS {
        iterations += 1;
        let y = a * &w;
        let next = &y / y.sum();
        let change = (&next - &w).amax();
        w = next;
        if change <= POWER_TOLERANCE {
            converged = true;
            break;
        }
    }
    let lambda_max = (a * &w).sum() / w.sum();
    Eigen { weights: w.iter().copied().collect(), lambda_max, iterations, converged }
}

/// `(CI, RI, CR)` for λmax of an n × n matrix: CI = (λmax − n)/(n − 1) (0 for n ≤ 2, never
/// below 0), CR = CI/RI (0 when RI is 0 or unknown).
pub fn consistency(lambda_max: f64, n: usize, table: RandomIndex) -> (f64, f64, f64) {
    if n <= 2 {
        return (0.0, 0.0, 0.0);
    }
    let ci = ((lambda_max - n as f64) / (n as f64 - 1.0)).max(0.0);
    let ri = table.value(n).unwrap_or(0.0);
    let cr = if ri > 0.0 { ci / ri } else { 0.0 };
    (finite(ci), ri, finite(cr))
}

/// The value of `{1/9, …, 1/2, 1, 2, …, 9}` nearest to `x > 0` on a log scale, with its label.
pub fn nearest_scale_value(x: f64) -> (f64, String) {
    let target = ln(x);
    let mut best = (1.0, "1".to_owned(), target.abs());
    for k in 2..=9u32 {
        for (value, label) in [(k as f64, k.to_string()), (1.0 / k as f64, format!("1/{k}"))] {
            let d = (ln(value) - target).abs();
            if d < best.2 - 1e-12 {
                best = (value, label, d);
            }
        }
    }
    (best.0, best.1)
}

// ------------------------------------------------------------------ evaluation

/// A validated judgement matrix and what was noticed while reading it.
#[derive(Debug, Clone, PartialEq)]
struct Judgements {
    a: DMatrix<f64>,
    notes: Vec<Note>,
}

fn analyse(j: &Judgements, labels: Option<Vec<String>>, options: &AhpOptions) -> Ahp {
    let a = &j.a;
    let n = a.nrows();
    let eig = principal_eigenvector(a);
    let (ci, ri, cr) = consistency(eig.lambda_max, n, options.random_index);
    let mut notes = j.notes.clone();
    if !eig.converged {
        notes.push(Note {
            code: "not-converged",
            message: format!(
                "power iteration stopped after {} steps without settling to {POWER_TOLERANCE:e}; the weights may be inexact",
                eig.iterations
            ),
        });
    }
    let suggestions = if n >= 3 { suggest(a, &eig.weights, options) } else { Vec::new() };
    Ahp {
        n,
        labels,
        weights: eig.weights.iter().map(|&w| finite(w)).collect(),
        lambda_max: finite(eig.lambda_max),
        ci,
        ri,
        cr,
        consistent: n <= 2 || cr < options.threshold,
        iterations: eig.iterations,
        random_index: options.random_index,
        threshold: options.threshold,
        matrix: a.row_iter().map(|r| r.iter().copied().collect()).collect(),
        suggestions,
        notes,
    }
}

fn suggest(a: &DMatrix<f64>, w: &[f64], options: &AhpOptions) -> Vec<Suggestion> {
    let n = a.nrows();
    let mut pairs: Vec<(usize, usize, f64)> = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            let ratio = a[(i, j)] * w[j] / w[i];
            pairs.push((i, j, ratio));
        }
    }
    // Worst first; a stable sort keeps (row, col) order among equals.
    pairs.sort_by_key(|&(_, _, r)| std::cmp::Reverse(super::tie_key(ln(r).abs())));
    let mut out = Vec::new();
    for (i, j, ratio) in pairs {
        if out.len() >= options.max_suggestions || ln(ratio).abs() <= 1e-9 {
            break;
        }
        let consistent_value = w[i] / w[j];
        let (suggested, label) = nearest_scale_value(consistent_value);
        if ln(suggested / a[(i, j)]).abs() <= 1e-9 {
            continue;
        }
        let mut changed = a.clone();
        changed[(i, j)] = suggested;
        changed[(j, i)] = 1.0 / suggested;
        let after = principal_eigenvector(&changed);
        let (_, _, cr_after) = consistency(after.lambda_max, n, options.random_index);
        out.push(Suggestion {
            row: i,
            col: j,
            current: a[(i, j)],
            consistent_value: finite(consistent_value),
            suggested,
            suggested_label: label,
            ratio: finite(ratio),
            cr_after,
        });
    }
    out
}

// ------------------------------------------------------------------ validation

/// Rows of optional judgements (`None` = null, to be filled from the mirror entry).
type Cells = Vec<Vec<Option<f64>>>;

fn to_cells(m: &[Vec<f64>]) -> Cells {
    m.iter().map(|r| r.iter().map(|&x| Some(x)).collect()).collect()
}

/// Reads rows of positive numbers or nulls, without asking for a square shape yet.
fn read_cells(v: &Json, at: &Path, p: &mut Problems) -> Option<Cells> {
    read_vec(v, at, p, |row, here, p| {
        read_vec(row, here, p, |x, here, p| {
            if x.is_null() {
                return Some(None);
            }
            read::number(x, here, p).map(Some)
        })
    })
}

/// Checks shape, signs, size and reciprocity; fills nulls; makes the lower triangle exact.
fn check_judgements(cells: &Cells, at: &Path, options: &AhpOptions, p: &mut Problems) -> Option<Judgements> {
    let n = cells.len();
    let before = p.len();
    if n == 0 {
        p.push(Code::OutOfRange, at, "the matrix is empty: compare at least one element");
        return None;
    }
    for (i, row) in cells.iter().enumerate() {
        if row.len() != n {
            p.push(
                Code::NotSquare,
                &at.index(i),
                format!("row {i} has {} entries, but a matrix of {n} rows needs {n} in every row", row.len()),
            );
        }
    }
    if p.len() > before {
        return None;
    }
    let table = options.random_index;
    if n > table.max_n() {
        p.push(
            Code::MatrixTooLarge,
            at,
            format!(
                "{n} elements are more than the \"{}\" random-index table covers ({}); split them into a hierarchy{}",
                table.as_str(),
                table.max_n(),
                if table.max_n() < 100 { ", or choose randomIndex \"donegan-dodd\" (up to 100)" } else { "" }
            ),
        );
    }
    for (i, row) in cells.iter().enumerate() {
        for (j, x) in row.iter().enumerate() {
            if let Some(x) = *x {
                if !x.is_finite() {
                    p.push(Code::NotFinite, &at.index(i).index(j), "must be a finite number, not NaN or Infinity");
                } else if x <= 0.0 {
                    p.push(
                        Code::NotPositive,
                        &at.index(i).index(j),
                        format!("a judgement must be greater than 0 (found {x}); write 1/3 as {}", 1.0 / 3.0),
                    );
                }
            }
        }
    }
    if p.len() > before {
        return None;
    }
    let tol = options.reciprocal_tolerance + 1e-12;
    let mut a = DMatrix::from_element(n, n, 1.0);
    let mut outside = Vec::new();
    for i in 0..n {
        if let Some(d) = cells[i][i] {
            if (d - 1.0).abs() > tol {
                p.push(
                    Code::NotReciprocal,
                    &at.index(i).index(i),
                    format!("an element compared with itself must be 1 (found {d})"),
                );
            }
        }
        for j in i + 1..n {
            let (upper, lower) = (cells[i][j], cells[j][i]);
            let value = match (upper, lower) {
                (Some(u), Some(l)) => {
                    if (u * l - 1.0).abs() > tol {
                        p.push(
                            Code::NotReciprocal,
                            &at.index(j).index(i),
                            format!(
                                "matrix[{j}][{i}] is {l} but matrix[{i}][{j}] is {u}, so it should be 1/{u} = {} (within {}: |a_ij · a_ji − 1| = {:.4})",
                                1.0 / u,
                                options.reciprocal_tolerance,
                                (u * l - 1.0).abs()
                            ),
                        );
                    }
                    u
                }
                (Some(u), None) => u,
                (None, Some(l)) => 1.0 / l,
                (None, None) => {
                    p.push(
                        Code::Required,
                        &at.index(i).index(j),
                        format!("elements {i} and {j} are not compared: give matrix[{i}][{j}] or matrix[{j}][{i}]"),
                    );
                    1.0
                }
            };
            if !(1.0 / 9.0 - 1e-9..=9.0 + 1e-9).contains(&value) {
                outside.push(format!("matrix[{i}][{j}] = {value}"));
            }
            a[(i, j)] = value;
            a[(j, i)] = 1.0 / value;
        }
    }
    if p.len() > before {
        return None;
    }
    let mut notes = Vec::new();
    if !outside.is_empty() {
        notes.push(Note {
            code: "outside-scale",
            message: format!(
                "{} judgement{} outside Saaty's 1–9 scale (used as given): {}",
                outside.len(),
                plural(outside.len()),
                outside.join(", ")
            ),
        });
    }
    Some(Judgements { a, notes })
}

// ------------------------------------------------------------------ JSON readers

const OPTION_KEYS: [&str; 4] = ["randomIndex", "threshold", "reciprocalTolerance", "maxSuggestions"];

fn keys(extra: &[&'static str]) -> Vec<&'static str> {
    extra.iter().copied().chain(OPTION_KEYS).collect()
}

fn read_options(obj: &Json, root: &Path, p: &mut Problems) -> Option<AhpOptions> {
    let d = AhpOptions::default();
    let names = RandomIndex::NAMES;
    let random_index = setting(obj, "randomIndex", root, p, d.random_index, |v, at, p| {
        read::one_of(v, at, &names, p).map(|k| RandomIndex::ALL[k])
    });
    let threshold = setting(obj, "threshold", root, p, d.threshold, |v, at, p| number_in(v, at, p, 0.0, 1.0));
    let reciprocal_tolerance =
        setting(obj, "reciprocalTolerance", root, p, d.reciprocal_tolerance, |v, at, p| number_in(v, at, p, 0.0, 0.5));
    let max_suggestions = setting(obj, "maxSuggestions", root, p, d.max_suggestions, |v, at, p| {
        let x = number_in(v, at, p, 0.0, 1000.0)?;
        if x.fract() != 0.0 {
            p.push(Code::OutOfRange, at, format!("must be a whole number (found {x})"));
            return None;
        }
        Some(x as usize)
    });
    Some(AhpOptions {
        random_index: random_index?,
        threshold: threshold?,
        reciprocal_tolerance: reciprocal_tolerance?,
        max_suggestions: max_suggestions?,
    })
}

fn read_labels(obj: &Json, root: &Path, n: Option<usize>, p: &mut Problems) -> Option<Option<Vec<String>>> {
    let Some(v) = read::field(obj, "labels") else { return Some(None) };
    let at = root.key("labels");
    let labels = read_vec(v, &at, p, read::string)?;
    if let Some(n) = n {
        if labels.len() != n {
            p.push(
                Code::LengthMismatch,
                &at,
                format!("has {} labels but the matrix compares {n} elements", labels.len()),
            );
            return None;
        }
    }
    Some(Some(labels))
}

/// A validated `ahp` request: build it with [`AhpInput::from_json`], run it with
/// [`AhpInput::evaluate`].
#[derive(Debug, Clone, PartialEq)]
pub struct AhpInput {
    judgements: Judgements,
    labels: Option<Vec<String>>,
    options: AhpOptions,
}

impl AhpInput {
    /// Wire shape: `{ matrix: (number|null)[][], labels?: string[], randomIndex?: "saaty" |
    /// "saaty-2005" | "donegan-dodd" | "tummala-ling", threshold?: number (0.1),
    /// reciprocalTolerance?: number (0.05), maxSuggestions?: number (3) }`.
    pub fn from_json(input: &Json) -> Result<AhpInput, InputError> {
        let mut p = Problems::new();
        let root = Path::root();
        crate::limits::check_input(input, &root)?;
        let Some(obj) = read::object(input, &root, &keys(&["matrix", "labels"]), &mut p) else { return fail(p) };
        let options = read_options(obj, &root, &mut p);
        let cells =
            read::required(obj, "matrix", &root, &mut p).and_then(|v| read_cells(v, &root.key("matrix"), &mut p));
        let labels = read_labels(obj, &root, cells.as_ref().map(Vec::len), &mut p);
        let judgements = match (&cells, &options) {
            (Some(c), Some(o)) => check_judgements(c, &root.key("matrix"), o, &mut p),
            _ => None,
        };
        match (judgements, labels, options) {
            (Some(judgements), Some(labels), Some(options)) if p.is_empty() => {
                Ok(AhpInput { judgements, labels, options })
            }
            _ => fail(p),
        }
    }

    pub fn evaluate(&self) -> Ahp {
        analyse(&self.judgements, self.labels.clone(), &self.options)
    }
}

// ------------------------------------------------------------------ hierarchy

/// A label and the sum of the global weights of the leaves that carry it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelWeight {
    pub label: String,
    pub weight: f64,
}

/// Criteria → sub-criteria → global weights.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AhpHierarchy {
    /// The criteria matrix.
    pub criteria: Ahp,
    /// One per criterion: its sub-criteria matrix, or `null` when it has none.
    pub children: Vec<Option<Ahp>>,
    /// One row per criterion: `w_j · w_jk` for each sub-criterion k, or `[w_j]` for a
    /// criterion without sub-criteria. All of them sum to 1.
    pub global: Vec<Vec<f64>>,
    /// `Σ_j w_j CI_j` and `Σ_j w_j RI_j` over criteria with sub-criteria.
    pub ci: f64,
    pub ri: f64,
    /// The hierarchy's consistency ratio `Σ w_j CI_j / Σ w_j RI_j` (0 when the denominator is).
    pub cr: f64,
    /// Every matrix consistent and `cr` < threshold.
    pub consistent: bool,
    /// Global weights summed by label (first appearance order), when every leaf has a label:
    /// the synthesis of alternatives judged under every criterion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub synthesis: Option<Vec<LabelWeight>>,
}

/// A two-level hierarchy from plain matrices (see [`AhpHierarchyInput::from_json`]).
pub fn hierarchy(
    criteria: &[Vec<f64>],
    children: &[Option<Vec<Vec<f64>>>],
    options: &AhpOptions,
) -> Result<AhpHierarchy, InputError> {
    let mut p = Problems::new();
    let root = Path::root();
    let top = check_judgements(&to_cells(criteria), &root.key("matrix"), options, &mut p);
    if children.len() != criteria.len() {
        p.push(
            Code::LengthMismatch,
            &root.key("children"),
            format!("has {} entries but there are {} criteria", children.len(), criteria.len()),
        );
    }
    let kids: Vec<Option<Option<Judgements>>> = children
        .iter()
        .enumerate()
        .map(|(k, c)| {
            c.as_ref()
                .map(|m| check_judgements(&to_cells(m), &root.key("children").index(k).key("matrix"), options, &mut p))
        })
        .collect();
    match top {
        Some(top) if p.is_empty() => {
            let kids = kids.into_iter().map(|k| k.map(|j| (j.unwrap_or_else(empty), None))).collect();
            Ok(build_hierarchy(&(top, None), kids, options))
        }
        _ => fail(p),
    }
}

fn empty() -> Judgements {
    Judgements { a: DMatrix::zeros(0, 0), notes: Vec::new() }
}

type Node = (Judgements, Option<Vec<String>>);

fn build_hierarchy(top: &Node, kids: Vec<Option<Node>>, options: &AhpOptions) -> AhpHierarchy {
    let criteria = analyse(&top.0, top.1.clone(), options);
    let children: Vec<Option<Ahp>> =
        kids.iter().map(|k| k.as_ref().map(|(j, l)| analyse(j, l.clone(), options))).collect();
    let mut global = Vec::new();
    let (mut ci, mut ri) = (0.0, 0.0);
    let mut consistent = criteria.consistent;
    let mut leaves: Vec<Option<String>> = Vec::new();
    for (j, child) in children.iter().enumerate() {
        let wj = criteria.weights[j];
        match child {
            Some(c) => {
                global.push(c.weights.iter().map(|w| wj * w).collect());
                ci += wj * c.ci;
                ri += wj * c.ri;
                consistent &= c.consistent;
                for k in 0..c.n {
                    leaves.push(c.labels.as_ref().map(|l| l[k].clone()));
                }
            }
            None => {
                global.push(vec![wj]);
                leaves.push(criteria.labels.as_ref().map(|l| l[j].clone()));
            }
        }
    }
    let cr = if ri > 0.0 { finite(ci / ri) } else { 0.0 };
    consistent &= cr < options.threshold;
    let synthesis = leaves.iter().all(Option::is_some).then(|| {
        let mut out: Vec<LabelWeight> = Vec::new();
        for (label, w) in leaves.iter().flatten().zip(global.iter().flatten()) {
            match out.iter_mut().find(|lw| &lw.label == label) {
                Some(lw) => lw.weight += w,
                None => out.push(LabelWeight { label: label.clone(), weight: *w }),
            }
        }
        out
    });
    AhpHierarchy { criteria, children, global, ci, ri, cr, consistent, synthesis }
}

/// A validated `ahpHierarchy` request.
#[derive(Debug, Clone, PartialEq)]
pub struct AhpHierarchyInput {
    top: Node,
    children: Vec<Option<Node>>,
    options: AhpOptions,
}

impl AhpHierarchyInput {
    /// Wire shape: `{ matrix, labels?, children: ({ matrix, labels? } | null)[], …options }`
    /// with the options of [`AhpInput::from_json`]; `children` has one entry per criterion
    /// (`null` for a criterion without sub-criteria).
    pub fn from_json(input: &Json) -> Result<AhpHierarchyInput, InputError> {
        let mut p = Problems::new();
        let root = Path::root();
        crate::limits::check_input(input, &root)?;
        let Some(obj) = read::object(input, &root, &keys(&["matrix", "labels", "children"]), &mut p) else {
            return fail(p);
        };
        let options = read_options(obj, &root, &mut p);
        let top = read_node(obj, &root, options.as_ref(), &mut p);
        let n = top.as_ref().map(|(j, _)| j.a.nrows());
        let children = read::required(obj, "children", &root, &mut p).and_then(|v| {
            let at = root.key("children");
            let kids = read_vec(v, &at, &mut p, |x, here, p| {
                if x.is_null() {
                    return Some(None);
                }
                let o = read::object(x, here, &["matrix", "labels"], p)?;
                read_node(o, here, options.as_ref(), p).map(Some)
            })?;
            if let Some(n) = n {
                if kids.len() != n {
                    p.push(
                        Code::LengthMismatch,
                        &at,
                        format!(
                            "has {} entries but there are {n} criteria; use null for a criterion without sub-criteria",
                            kids.len()
                        ),
                    );
                    return None;
                }
            }
            Some(kids)
        });
        match (top, children, options) {
            (Some(top), Some(children), Some(options)) if p.is_empty() => {
                Ok(AhpHierarchyInput { top, children, options })
            }
            _ => fail(p),
        }
    }

    pub fn evaluate(&self) -> AhpHierarchy {
        build_hierarchy(&self.top, self.children.clone(), &self.options)
    }
}

/// `{ matrix, labels? }` at `at` (keys already checked by the caller).
fn read_node(obj: &Json, at: &Path, options: Option<&AhpOptions>, p: &mut Problems) -> Option<Node> {
    let cells = read::required(obj, "matrix", at, p).and_then(|v| read_cells(v, &at.key("matrix"), p));
    let labels = read_labels(obj, at, cells.as_ref().map(Vec::len), p);
    let j = check_judgements(&cells?, &at.key("matrix"), options?, p)?;
    Some((j, labels?))
}

// ------------------------------------------------------------------ group

/// Several experts' judgements combined.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AhpGroup {
    /// The element-wise weighted geometric mean of the experts' matrices, analysed.
    pub aggregate: Ahp,
    /// Each expert's own matrix, analysed (in input order).
    pub experts: Vec<Ahp>,
    /// The experts' weights used in the geometric mean, summing to 1 (equal by default).
    pub expert_weights: Vec<f64>,
}

/// Element-wise weighted geometric mean `Π_k a_ij^(k)^λ_k` (Σ λ = 1) of equally sized
/// positive matrices; reciprocal when each is.
pub fn geometric_mean_matrix(matrices: &[DMatrix<f64>], weights: &[f64]) -> DMatrix<f64> {
    let n = matrices.first().map_or(0, |m| m.nrows());
    DMatrix::from_fn(n, n, |i, j| exp(matrices.iter().zip(weights).map(|(m, w)| w * ln(m[(i, j)])).sum::<f64>()))
}

/// Group judgement from plain matrices; `expert_weights` default to equal.
pub fn group(
    matrices: &[Vec<Vec<f64>>],
    expert_weights: Option<&[f64]>,
    options: &AhpOptions,
) -> Result<AhpGroup, InputError> {
    let mut p = Problems::new();
    let at = Path::root().key("matrices");
    let judgements: Vec<Option<Judgements>> = matrices
        .iter()
        .enumerate()
        .map(|(k, m)| check_judgements(&to_cells(m), &at.index(k), options, &mut p))
        .collect();
    let weights = check_group(&judgements, expert_weights, &Path::root(), &mut p);
    match weights {
        Some(w) if p.is_empty() => {
            let js: Vec<Judgements> = judgements.into_iter().flatten().collect();
            Ok(build_group(&js, &w, None, options))
        }
        _ => fail(p),
    }
}

fn check_group(
    judgements: &[Option<Judgements>],
    expert_weights: Option<&[f64]>,
    root: &Path,
    p: &mut Problems,
) -> Option<Vec<f64>> {
    let at = root.key("matrices");
    if judgements.is_empty() {
        p.push(Code::OutOfRange, &at, "give at least one expert's matrix");
        return None;
    }
    let sizes: Vec<Option<usize>> = judgements.iter().map(|j| j.as_ref().map(|j| j.a.nrows())).collect();
    if let Some(n0) = sizes.iter().flatten().next() {
        for (k, s) in sizes.iter().enumerate() {
            if let Some(s) = s {
                if s != n0 {
                    p.push(
                        Code::LengthMismatch,
                        &at.index(k),
                        format!(
                            "expert {k} compares {s} elements but the first expert with a valid matrix compares {n0}"
                        ),
                    );
                }
            }
        }
    }
    let w = match expert_weights {
        None => vec![1.0 / judgements.len() as f64; judgements.len()],
        Some(w) => {
            let wat = root.key("expertWeights");
            if w.len() != judgements.len() {
                p.push(
                    Code::LengthMismatch,
                    &wat,
                    format!("has {} weights but there are {} experts", w.len(), judgements.len()),
                );
                return None;
            }
            let before = p.len();
            for (k, x) in w.iter().enumerate() {
                if !x.is_finite() {
                    p.push(Code::NotFinite, &wat.index(k), "must be a finite number");
                } else if *x < 0.0 {
                    p.push(Code::NegativeValue, &wat.index(k), format!("must be 0 or more (found {x})"));
                }
            }
            if p.len() > before {
                return None;
            }
            super::normalized_weights(w, &wat, p)?
        }
    };
    Some(w)
}

fn build_group(js: &[Judgements], w: &[f64], labels: Option<Vec<String>>, options: &AhpOptions) -> AhpGroup {
    let mats: Vec<DMatrix<f64>> = js.iter().map(|j| j.a.clone()).collect();
    let mut g = geometric_mean_matrix(&mats, w);
    // Exact reciprocity below the diagonal (the mean is reciprocal up to rounding).
    for i in 0..g.nrows() {
        g[(i, i)] = 1.0;
        for j in i + 1..g.nrows() {
            g[(j, i)] = 1.0 / g[(i, j)];
        }
    }
    let aggregate = analyse(&Judgements { a: g, notes: Vec::new() }, labels.clone(), options);
    let experts = js.iter().map(|j| analyse(j, labels.clone(), options)).collect();
    AhpGroup { aggregate, experts, expert_weights: w.to_vec() }
}

/// A validated `ahpGroup` request.
#[derive(Debug, Clone, PartialEq)]
pub struct AhpGroupInput {
    judgements: Vec<Judgements>,
    weights: Vec<f64>,
    labels: Option<Vec<String>>,
    options: AhpOptions,
}

impl AhpGroupInput {
    /// Wire shape: `{ matrices: (number|null)[][][], expertWeights?: number[], labels?,
    /// …options }` with the options of [`AhpInput::from_json`]. Every matrix compares the
    /// same elements in the same order.
    pub fn from_json(input: &Json) -> Result<AhpGroupInput, InputError> {
        let mut p = Problems::new();
        let root = Path::root();
        crate::limits::check_input(input, &root)?;
        let Some(obj) = read::object(input, &root, &keys(&["matrices", "expertWeights", "labels"]), &mut p) else {
            return fail(p);
        };
        let options = read_options(obj, &root, &mut p);
        let at = root.key("matrices");
        let cells = read::required(obj, "matrices", &root, &mut p)
            .and_then(|v| read_vec(v, &at, &mut p, |m, here, p| Some((read_cells(m, here, p), here.clone()))));
        let expert_weights =
            read::field(obj, "expertWeights").map(|v| read_vec(v, &root.key("expertWeights"), &mut p, read::number));
        let judgements: Option<Vec<Option<Judgements>>> = match (&cells, &options) {
            (Some(cells), Some(o)) => Some(
                cells.iter().map(|(c, here)| c.as_ref().and_then(|c| check_judgements(c, here, o, &mut p))).collect(),
            ),
            _ => None,
        };
        let n = judgements.as_ref().and_then(|js| js.iter().flatten().next().map(|j| j.a.nrows()));
        let labels = read_labels(obj, &root, n, &mut p);
        let weights = match (&judgements, &expert_weights) {
            (Some(js), None) => check_group(js, None, &root, &mut p),
            (Some(js), Some(Some(w))) => check_group(js, Some(w), &root, &mut p),
            _ => None,
        };
        match (judgements, weights, labels, options) {
            (Some(js), Some(weights), Some(labels), Some(options)) if p.is_empty() => {
                Ok(AhpGroupInput { judgements: js.into_iter().flatten().collect(), weights, labels, options })
            }
            _ => fail(p),
        }
    }

    pub fn evaluate(&self) -> AhpGroup {
        build_group(&self.judgements, &self.weights, self.labels.clone(), &self.options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_index_tables() {
        assert_eq!(RandomIndex::Saaty.value(3), Some(0.58));
        assert_eq!(RandomIndex::Saaty.value(12), Some(1.48));
        assert_eq!(RandomIndex::Saaty.value(16), None);
        assert_eq!(RandomIndex::Saaty2005.value(7), Some(1.35));
        assert_eq!(RandomIndex::TummalaLing.value(15), Some(1.5831));
        assert_eq!(RandomIndex::DoneganDodd.value(20), Some(1.5371));
        // Interpolated as ahpy: 21 lies between 20 (1.5371) and 25 (1.5619).
        let v = RandomIndex::DoneganDodd.value(21).unwrap();
        assert!((v - (1.5371 + (1.5619 - 1.5371) / 5.0)).abs() < 1e-15);
        assert_eq!(RandomIndex::DoneganDodd.value(100), Some(1.6339));
        assert_eq!(RandomIndex::DoneganDodd.value(101), None);
        for t in RandomIndex::ALL {
            assert_eq!(t.value(1), Some(0.0));
            assert_eq!(t.value(2), Some(0.0));
            assert_eq!(serde_json::to_value(t).unwrap(), serde_json::Value::from(t.as_str()));
        }
    }

    #[test]
    fn nearest_scale_values() {
        assert_eq!(nearest_scale_value(2.9), (3.0, "3".to_owned()));
        assert_eq!(nearest_scale_value(0.3), (1.0 / 3.0, "1/3".to_owned()));
        assert_eq!(nearest_scale_value(40.0), (9.0, "9".to_owned()));
        assert_eq!(nearest_scale_value(1.0), (1.0, "1".to_owned()));
        // √2 is exactly between 1 and 2 on a log scale: the tie goes to 1.
        assert_eq!(nearest_scale_value(2f64.sqrt()).1, "1");
    }

    #[test]
    fn consistent_matrix_in_one_step() {
        let w = [0.5, 0.3, 0.2];
        let a = DMatrix::from_fn(3, 3, |i, j| w[i] / w[j]);
        let e = principal_eigenvector(&a);
        assert!(e.converged);
        assert!(e.iterations <= 2);
        assert!((e.lambda_max - 3.0).abs() < 1e-12);
        for (g, x) in e.weights.iter().zip(w) {
            assert!((g - x).abs() < 1e-15);
        }
    }
}
