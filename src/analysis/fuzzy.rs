//! Fuzzy comprehensive evaluation (模糊综合评价), one or two levels.
//!
//! Method: Zadeh LA, "Fuzzy sets", *Information and Control* 1965;8(3):338–353 (fuzzy sets,
//! max–min composition); the comprehensive-evaluation model and its four operators as in the
//! Chinese textbooks, e.g. 汪培庄《模糊集合论及其应用》上海科学技术出版社 1983, and 杜栋、庞庆华、
//! 吴炎《现代综合评价方法与案例精选》清华大学出版社 2008, ch. 3 (`standards.md` §6.4).
//!
//! Factors U = {u_1 … u_n} with weights A (≥ 0, summing to 1 within 0.01, then divided by
//! their sum); grades V = {v_1 … v_m}; the membership matrix R (n × m), `r_ij ∈ [0, 1]` the
//! degree to which factor i is judged at grade j (e.g. the share of experts), rows usually
//! summing to 1 (a note names rows that do not). `B = A ∘ R` with the operator
//! ([`FuzzyOperator`]):
//! * `"weighted-average"` M(·,⊕) (default): `b_j = min(1, Σ_i a_i r_ij)`;
//! * `"min-max"` M(∧,∨) (Zadeh; main factor decisive): `b_j = max_i min(a_i, r_ij)`;
//! * `"product-max"` M(·,∨) (main factor prominent): `b_j = max_i a_i r_ij`;
//! * `"min-bounded-sum"` M(∧,⊕): `b_j = min(1, Σ_i min(a_i, r_ij))`;
//!
//! where ⊕ is the bounded sum `min(1, Σ)`. **B is always normalised** to sum 1 (`vector`),
//! and the composition before normalising is reported too (`raw`); with M(·,⊕), weights
//! summing to 1 and rows summing to 1 the two are equal. The grade is read by the maximum
//! membership principle (the largest `b_j`; **ties**, equal to 12 decimals, go to the grade
//! listed first, and a note names them); the score is `S = Σ_j b_j v_j` with the grades'
//! values (default grades 很好 95, 较好 85, 一般 75, 较差 65, 很差 55).
//!
//! Two levels: each group k of factors gives `B_k = A_k ∘ R_k` (normalised); the rows
//! `R = [B_1; …; B_s]` are then composed with the groups' weights, `B = A ∘ R`, with the same
//! operator.

use super::{fail, finite, number_in, plural, read_rows, read_vec, tie_key, Note};
use crate::error::{Code, InputError, Path, Problems};
use crate::json::Json;
use crate::read;
use serde::Serialize;

/// Weights must sum to 1 within this before they are divided by their sum.
pub const WEIGHT_SUM_TOLERANCE: f64 = 0.01;

/// The composition operator `A ∘ R`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FuzzyOperator {
    /// M(·,⊕): `min(1, Σ a r)`.
    WeightedAverage,
    /// M(∧,∨): `max min(a, r)`.
    MinMax,
    /// M(·,∨): `max a r`.
    ProductMax,
    /// M(∧,⊕): `min(1, Σ min(a, r))`.
    MinBoundedSum,
}

impl FuzzyOperator {
    const NAMES: [&'static str; 4] = ["weighted-average", "min-max", "product-max", "min-bounded-sum"];
    const ALL: [FuzzyOperator; 4] = [
        FuzzyOperator::WeightedAverage,
        FuzzyOperator::MinMax,
        FuzzyOperator::ProductMax,
        FuzzyOperator::MinBoundedSum,
    ];
}

/// A grade of the comment set: its name and, for the score, its value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grade {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
}

/// The five grades of `standards.md` §6.4: 很好 (very good) 95, 较好 (good) 85, 一般 (fair)
/// 75, 较差 (poor) 65, 很差 (very poor) 55.
pub fn default_grades() -> Vec<Grade> {
    [("很好", 95.0), ("较好", 85.0), ("一般", 75.0), ("较差", 65.0), ("很差", 55.0)]
        .into_iter()
        .map(|(n, v)| Grade { name: n.to_owned(), value: Some(v) })
        .collect()
}

/// `B = A ∘ R` before normalisation. `membership` has one row per weight.
pub fn compose(weights: &[f64], membership: &[Vec<f64>], operator: FuzzyOperator) -> Vec<f64> {
    let m = membership.first().map_or(0, Vec::len);
    (0..m)
        .map(|j| {
            let terms = weights.iter().zip(membership).map(|(&a, row)| (a, row[j]));
            match operator {
                FuzzyOperator::WeightedAverage => terms.map(|(a, r)| a * r).sum::<f64>().min(1.0),
                FuzzyOperator::MinMax => terms.map(|(a, r)| a.min(r)).fold(0.0, f64::max),
                FuzzyOperator::ProductMax => terms.map(|(a, r)| a * r).fold(0.0, f64::max),
                FuzzyOperator::MinBoundedSum => terms.map(|(a, r)| a.min(r)).sum::<f64>().min(1.0),
            }
        })
        .collect()
}

/// The grade read from a vector.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeRead {
    /// 0-based index into `grades`.
    pub index: usize,
    pub name: String,
    /// `b_j` of that grade.
    pub membership: f64,
    /// Every grade tied at the maximum (to 12 decimals), when more than one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tied_with: Vec<usize>,
}

/// One level's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Level {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// B normalised to sum 1.
    pub vector: Vec<f64>,
    /// `A ∘ R` before normalisation.
    pub raw: Vec<f64>,
    pub grade: GradeRead,
    /// `Σ b_j v_j` when every grade has a value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

/// The evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FuzzyEvaluation {
    /// B normalised to sum 1.
    pub vector: Vec<f64>,
    pub raw: Vec<f64>,
    pub grade: GradeRead,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    pub operator: FuzzyOperator,
    pub grades: Vec<Grade>,
    /// The first level, one per group (two-level evaluation only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<Level>>,
    pub notes: Vec<Note>,
}

/// One group of factors: weights and membership rows.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorGroup {
    pub name: Option<String>,
    pub weights: Vec<f64>,
    pub membership: Vec<Vec<f64>>,
}

/// One-level evaluation from plain values; `grades` empty means the default five.
pub fn evaluate(
    weights: &[f64],
    membership: &[Vec<f64>],
    grades: &[Grade],
    operator: FuzzyOperator,
) -> Result<FuzzyEvaluation, InputError> {
    let mut p = Problems::new();
    let grades = if grades.is_empty() { default_grades() } else { grades.to_vec() };
    let root = Path::root();
    let w = check_weights(weights, &root.key("weights"), &mut p);
    check_membership(membership, weights.len(), grades.len(), &root, &mut p);
    match w {
        Some(w) if p.is_empty() => {
            FuzzyInput { top: w, body: Body::One(membership.to_vec()), grades, operator }.evaluate()
        }
        _ => fail(p),
    }
}

/// Two-level evaluation from plain values: `weights` weigh the groups.
pub fn evaluate_two_level(
    weights: &[f64],
    groups: &[FactorGroup],
    grades: &[Grade],
    operator: FuzzyOperator,
) -> Result<FuzzyEvaluation, InputError> {
    let mut p = Problems::new();
    let grades = if grades.is_empty() { default_grades() } else { grades.to_vec() };
    let root = Path::root();
    let w = check_weights(weights, &root.key("weights"), &mut p);
    if groups.len() != weights.len() {
        p.push(
            Code::LengthMismatch,
            &root.key("groups"),
            format!("has {} groups but weights has {}", groups.len(), weights.len()),
        );
    }
    let mut checked = Vec::new();
    for (k, g) in groups.iter().enumerate() {
        let at = root.key("groups").index(k);
        let gw = check_weights(&g.weights, &at.key("weights"), &mut p);
        check_membership(&g.membership, g.weights.len(), grades.len(), &at, &mut p);
        checked.push(gw.map(|w| FactorGroup { name: g.name.clone(), weights: w, membership: g.membership.clone() }));
    }
    match w {
        Some(w) if p.is_empty() => {
            FuzzyInput { top: w, body: Body::Two(checked.into_iter().flatten().collect()), grades, operator }.evaluate()
        }
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
    let sum: f64 = w.iter().sum();
    if (sum - 1.0).abs() > WEIGHT_SUM_TOLERANCE {
        p.push(
            Code::SumNotOne,
            at,
            format!("the weights sum to {sum}; they must sum to 1 (within {WEIGHT_SUM_TOLERANCE})"),
        );
        return None;
    }
    Some(w.iter().map(|x| x / sum).collect())
}

/// Rows = factors, columns = grades, entries in [0, 1]. Problems at `at.membership…`.
fn check_membership(r: &[Vec<f64>], factors: usize, grades: usize, at: &Path, p: &mut Problems) {
    let mat = at.key("membership");
    if r.len() != factors {
        p.push(
            Code::LengthMismatch,
            &mat,
            format!("has {} rows but there are {factors} weights (one row per factor)", r.len()),
        );
    }
    for (i, row) in r.iter().enumerate() {
        if row.len() != grades {
            p.push(
                Code::LengthMismatch,
                &mat.index(i),
                format!("has {} entries but there are {grades} grades (one column per grade)", row.len()),
            );
            continue;
        }
        for (j, &x) in row.iter().enumerate() {
            if !x.is_finite() {
                p.push(Code::NotFinite, &mat.index(i).index(j), "must be a finite number, not NaN or Infinity");
            } else if !(0.0..=1.0).contains(&x) {
                p.push(
                    Code::OutOfRange,
                    &mat.index(i).index(j),
                    format!("a membership degree lies in [0, 1] (found {x})"),
                );
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Body {
    One(Vec<Vec<f64>>),
    Two(Vec<FactorGroup>),
}

/// A validated `fuzzyEvaluate` request.
#[derive(Debug, Clone, PartialEq)]
pub struct FuzzyInput {
    top: Vec<f64>,
    body: Body,
    grades: Vec<Grade>,
    operator: FuzzyOperator,
}

const ROOT_KEYS: &[&str] = &["weights", "membership", "groups", "grades", "operator"];

impl FuzzyInput {
    /// Wire shape: `{ weights: number[], membership: number[][] (factors × grades), grades?:
    /// { name: string, value?: number }[] (default 很好 95 … 很差 55), operator?:
    /// "weighted-average" (default) | "min-max" | "product-max" | "min-bounded-sum" }`; for two
    /// levels `groups: { name?, weights, membership }[]` in place of `membership`, and
    /// `weights` then weigh the groups.
    pub fn from_json(input: &Json) -> Result<FuzzyInput, InputError> {
        let mut p = Problems::new();
        let root = Path::root();
        crate::limits::check_input(input, &root)?;
        let Some(obj) = read::object(input, &root, ROOT_KEYS, &mut p) else { return fail(p) };
        let operator = super::setting(obj, "operator", &root, &mut p, FuzzyOperator::WeightedAverage, |v, at, p| {
            read::one_of(v, at, &FuzzyOperator::NAMES, p).map(|k| FuzzyOperator::ALL[k])
        });
        let grades = match read::field(obj, "grades") {
            None => Some(default_grades()),
            Some(v) => read_grades(v, &root.key("grades"), &mut p),
        };
        let weights = read_weights(obj, &root, &mut p);
        let n_grades = grades.as_ref().map(Vec::len);
        let body = match (read::field(obj, "membership"), read::field(obj, "groups")) {
            (Some(_), Some(_)) => {
                p.push(
                    Code::ConflictingFields,
                    &root.key("groups"),
                    "give membership (one level) or groups (two levels), not both",
                );
                None
            }
            (None, None) => {
                p.push(Code::Required, &root.key("membership"), "give membership (one level) or groups (two levels)");
                None
            }
            (Some(m), None) => {
                let r = read_rows(m, &root.key("membership"), &mut p);
                if let (Some(r), Some(w), Some(g)) = (&r, &weights, n_grades) {
                    check_membership(r, w.len(), g, &root, &mut p);
                }
                r.map(Body::One)
            }
            (None, Some(gs)) => {
                let at = root.key("groups");
                let groups = read_vec(gs, &at, &mut p, |g, here, p| {
                    let o = read::object(g, here, &["name", "weights", "membership"], p)?;
                    let name = match read::field(o, "name") {
                        None => Some(None),
                        Some(v) => read::string(v, &here.key("name"), p).map(Some),
                    };
                    let w = read_weights(o, here, p);
                    let r =
                        read::required(o, "membership", here, p).and_then(|v| read_rows(v, &here.key("membership"), p));
                    if let (Some(r), Some(w), Some(g)) = (&r, &w, n_grades) {
                        check_membership(r, w.len(), g, here, p);
                    }
                    Some(FactorGroup { name: name?, weights: w?, membership: r? })
                });
                if let (Some(gs), Some(w)) = (&groups, &weights) {
                    if gs.len() != w.len() {
                        p.push(
                            Code::LengthMismatch,
                            &at,
                            format!("has {} groups but weights has {}", gs.len(), w.len()),
                        );
                    }
                }
                groups.map(Body::Two)
            }
        };
        match (weights, body, grades, operator) {
            (Some(top), Some(body), Some(grades), Some(operator)) if p.is_empty() => {
                Ok(FuzzyInput { top, body, grades, operator })
            }
            _ => fail(p),
        }
    }

    /// Fails only when a composition is 0 for every grade (`all-zero`): nothing to read.
    pub fn evaluate(&self) -> Result<FuzzyEvaluation, InputError> {
        let mut notes = Vec::new();
        let mut p = Problems::new();
        let root = Path::root();
        let (rows, groups) = match &self.body {
            Body::One(r) => {
                note_row_sums(r, "membership", &mut notes);
                (r.clone(), None)
            }
            Body::Two(gs) => {
                let mut levels = Vec::new();
                for (k, g) in gs.iter().enumerate() {
                    note_row_sums(&g.membership, &format!("groups[{k}].membership"), &mut notes);
                    let raw = compose(&g.weights, &g.membership, self.operator);
                    match self.level(g.name.clone(), raw, &root.key("groups").index(k).key("membership"), &mut p) {
                        Some(l) => levels.push(l),
                        None => continue,
                    }
                }
                if !p.is_empty() {
                    return fail(p);
                }
                (levels.iter().map(|l| l.vector.clone()).collect(), Some(levels))
            }
        };
        let raw = compose(&self.top, &rows, self.operator);
        let at = if groups.is_some() { root.key("weights") } else { root.key("membership") };
        let Some(top) = self.level(None, raw, &at, &mut p) else { return fail(p) };
        let normalized = (top.raw.iter().sum::<f64>() - 1.0).abs() > 1e-12;
        if normalized {
            notes.push(Note {
                code: "normalized",
                message: format!(
                    "A ∘ R sums to {:.6}, so it was divided by its sum to read it as a distribution over the grades",
                    top.raw.iter().sum::<f64>()
                ),
            });
        }
        if !top.grade.tied_with.is_empty() {
            let names: Vec<&str> = top.grade.tied_with.iter().map(|&j| self.grades[j].name.as_str()).collect();
            notes.push(Note {
                code: "tied",
                message: format!(
                    "grades {} share the largest membership; the one listed first, {}, is taken",
                    names.join(", "),
                    top.grade.name
                ),
            });
        }
        Ok(FuzzyEvaluation {
            vector: top.vector,
            raw: top.raw,
            grade: top.grade,
            score: top.score,
            operator: self.operator,
            grades: self.grades.clone(),
            groups,
            notes,
        })
    }

    fn level(&self, name: Option<String>, raw: Vec<f64>, at: &Path, p: &mut Problems) -> Option<Level> {
        let raw: Vec<f64> = raw.into_iter().map(finite).collect();
        let sum: f64 = raw.iter().sum();
        if sum <= 0.0 {
            p.push(
                Code::AllZero,
                at,
                "the composition is 0 for every grade: no factor with weight above 0 has any membership",
            );
            return None;
        }
        let vector: Vec<f64> = raw.iter().map(|b| b / sum).collect();
        let grade = read_grade(&vector, &self.grades);
        let score = self
            .grades
            .iter()
            .map(|g| g.value)
            .collect::<Option<Vec<f64>>>()
            .map(|v| finite(vector.iter().zip(&v).map(|(b, x)| b * x).sum()));
        Some(Level { name, vector, raw, grade, score })
    }
}

/// Maximum membership; ties (to 12 decimals) go to the grade listed first.
fn read_grade(b: &[f64], grades: &[Grade]) -> GradeRead {
    let best = b.iter().map(|&x| tie_key(x)).max().unwrap_or(0);
    let tied: Vec<usize> = (0..b.len()).filter(|&j| tie_key(b[j]) == best).collect();
    let index = tied[0];
    GradeRead {
        index,
        name: grades[index].name.clone(),
        membership: b[index],
        tied_with: if tied.len() > 1 { tied } else { Vec::new() },
    }
}

fn note_row_sums(r: &[Vec<f64>], at: &str, notes: &mut Vec<Note>) {
    let off: Vec<String> = r
        .iter()
        .enumerate()
        .filter(|(_, row)| (row.iter().sum::<f64>() - 1.0).abs() > 1e-6)
        .map(|(i, row)| format!("{at}[{i}] sums to {:.4}", row.iter().sum::<f64>()))
        .collect();
    if !off.is_empty() {
        notes.push(Note {
            code: "membership-row-sum",
            message: format!(
                "{} membership row{} {} not sum to 1 (used as given): {}",
                off.len(),
                plural(off.len()),
                if off.len() == 1 { "does" } else { "do" },
                off.join("; ")
            ),
        });
    }
}

fn read_weights(obj: &Json, at: &Path, p: &mut Problems) -> Option<Vec<f64>> {
    let wat = at.key("weights");
    let w = read::required(obj, "weights", at, p).and_then(|v| read_vec(v, &wat, p, read::number))?;
    check_weights(&w, &wat, p)
}

fn read_grades(v: &Json, at: &Path, p: &mut Problems) -> Option<Vec<Grade>> {
    let grades = read_vec(v, at, p, |g, here, p| {
        let o = read::object(g, here, &["name", "value"], p)?;
        let name = read::required(o, "name", here, p).and_then(|v| read::string(v, &here.key("name"), p));
        let value = match read::field(o, "value") {
            None => Some(None),
            Some(v) => number_in(v, &here.key("value"), p, -1e12, 1e12).map(Some),
        };
        Some(Grade { name: name?, value: value? })
    })?;
    if grades.len() < 2 {
        p.push(Code::OutOfRange, at, "give at least 2 grades");
        return None;
    }
    let with = grades.iter().filter(|g| g.value.is_some()).count();
    if with != 0 && with != grades.len() {
        for (k, g) in grades.iter().enumerate() {
            if g.value.is_none() {
                p.push(
                    Code::Required,
                    &at.index(k).key("value"),
                    "give a value for every grade, or for none (no score)",
                );
            }
        }
        return None;
    }
    Some(grades)
}
