//! The composite-system synergy degree (复合系统协同度模型) of the response's subsystems
//! between two periods, and the coupling-coordination degree as a second view.
//!
//! Method: 孟庆松、韩文秀《复合系统协调度模型研究》，天津大学学报 2000, 33(4):444–446
//! (Meng Qingsong, Han Wenxiu, "Study on the coordination degree model of composite
//! systems", *J Tianjin Univ*), in the form of `standards.md` §6.5:
//!
//! * **Order degree of an order parameter** e with bounds β ≤ e ≤ α: positive (more is
//!   better) `u = (e − β)/(α − β)`, negative (less is better) `u = (α − e)/(α − β)`. A value
//!   outside its bounds is **clamped** so that u ∈ [0, 1], and a note names it.
//! * **Order degree of a subsystem**: the geometric mean `(Π_i u_i)^{1/n}` (default,
//!   `"geometric"`) or the weighted sum `Σ_i λ_i u_i` (`"weighted"`, λ ≥ 0 summing to 1
//!   within 0.01, then divided by their sum; equal when not given).
//! * **Synergy degree** from the base period t0 to the current period t1, with
//!   `Δu_j = u_j(t1) − u_j(t0)` over the k subsystems:
//!   `C = θ · (Π_j |Δu_j|)^{1/k}`, `θ = +1` when every Δu_j > 0 and `−1` otherwise
//!   (Meng & Han's `θ = min_j(Δu_j ≠ 0) / |min_j(Δu_j ≠ 0)|`). C ∈ [−1, 1].
//!   **When some Δu_j = 0** (|Δu| ≤ 1e-12) the product vanishes, so C = 0 whatever θ is
//!   ("no synergy": that subsystem did not move), and a note names the subsystem; θ is then
//!   still reported by the formula over the Δu that are not 0 (0 if none is).
//!   Swapping the periods turns every Δu_j into −Δu_j: C changes sign when all Δu_j have the
//!   same sign, and stays at −|C| when they are mixed (θ = −1 both ways).
//! * **Grade**: the first band whose `upTo` ≥ C. Authors differ on the cut-points, so the
//!   bands are a setting; the default is (−1, 0] not synergistic 不协同, (0, 0.3] low
//!   低度协同, (0.3, 0.6] moderate 中度协同, (0.6, 1] high 高度协同 (C = −1 falls in the first).
//! * **Coupling coordination** of the subsystems' order degrees U_1 … U_k in each period:
//!   coupling `C = [Π U_i / ((1/k) Σ U_i)^k]^{1/k}` (geometric over arithmetic mean; 0 when
//!   every U_i is 0), development `T = Σ α_i U_i` (α the subsystems' weights, equal by
//!   default), coordination `D = √(C · T)`; all in [0, 1].

use super::{fail, finite, number_in, plural, read_vec, setting, Note};
use crate::error::{Code, InputError, Path, Problems};
use crate::json::Json;
use crate::math::{exp, ln};
use crate::read;
use serde::Serialize;

/// Subsystem and parameter weights must sum to 1 within this before they are divided by
/// their sum.
pub const WEIGHT_SUM_TOLERANCE: f64 = 0.01;
/// A change of order degree at most this small counts as none.
pub const ZERO_CHANGE: f64 = 1e-12;

/// Whether more of an order parameter is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Positive,
    Negative,
}

/// How parameter order degrees make a subsystem's order degree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Aggregation {
    Geometric,
    Weighted,
}

/// An order parameter (序参量) of a subsystem.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderParameter {
    pub id: String,
    /// Chinese name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub direction: Direction,
    /// β, the lower bound.
    pub lower: f64,
    /// α, the upper bound.
    pub upper: f64,
    /// λ for the weighted aggregation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

/// A subsystem and its order parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Subsystem {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// α_i in the coupling-coordination T.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    pub parameters: Vec<OrderParameter>,
}

/// A grade band: C up to and including `upTo`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeBand {
    pub up_to: f64,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
}

/// The default grading: (−1, 0] 不协同, (0, 0.3] 低度协同, (0.3, 0.6] 中度协同, (0.6, 1] 高度协同.
pub fn default_grading() -> Vec<GradeBand> {
    [
        (0.0, "不协同", "not synergistic"),
        (0.3, "低度协同", "low"),
        (0.6, "中度协同", "moderate"),
        (1.0, "高度协同", "high"),
    ]
    .into_iter()
    .map(|(up_to, n, e)| GradeBand { up_to, name: n.to_owned(), name_en: Some(e.to_owned()) })
    .collect()
}

fn param(id: &str, zh: &str, en: &str, unit: &str, direction: Direction, lower: f64, upper: f64) -> OrderParameter {
    OrderParameter {
        id: id.to_owned(),
        name: Some(zh.to_owned()),
        name_en: Some(en.to_owned()),
        unit: Some(unit.to_owned()),
        direction,
        lower,
        upper,
        weight: None,
    }
}

/// The study's four aspects of collaborative governance, each with three **example** order
/// parameters and example bounds (illustrative: set the bounds from local targets or from
/// about 0.9 × the lowest and 1.1 × the highest value observed).
pub fn default_subsystems() -> Vec<Subsystem> {
    use Direction::{Negative as N, Positive as P};
    let sub = |id: &str, zh: &str, en: &str, parameters: Vec<OrderParameter>| Subsystem {
        id: id.to_owned(),
        name: Some(zh.to_owned()),
        name_en: Some(en.to_owned()),
        weight: None,
        parameters,
    };
    vec![
        sub(
            "government",
            "政府",
            "Government",
            vec![
                param(
                    "planActivationHours",
                    "预案启动用时",
                    "Hours from the first report to activating the response plan",
                    "h",
                    N,
                    0.0,
                    72.0,
                ),
                param(
                    "jointMeetingsPerWeek",
                    "联防联控会商次数",
                    "Inter-agency joint meetings per week",
                    "per week",
                    P,
                    0.0,
                    14.0,
                ),
                param(
                    "measuresOnTimeShare",
                    "防控措施按时落实率",
                    "Share of control measures carried out on schedule",
                    "%",
                    P,
                    0.0,
                    100.0,
                ),
            ],
        ),
        sub(
            "medical",
            "医疗",
            "Medical care",
            vec![
                param(
                    "bedsPer10k",
                    "每万人可用救治床位",
                    "Treatment beds available per 10 000 residents",
                    "per 10 000",
                    P,
                    0.0,
                    30.0,
                ),
                param(
                    "testsPer10kPerDay",
                    "每万人日检测能力",
                    "Daily testing capacity per 10 000 residents",
                    "per 10 000 per day",
                    P,
                    0.0,
                    2000.0,
                ),
                param(
                    "admissionDelayHours",
                    "确诊至收治用时",
                    "Hours from confirmation to admission",
                    "h",
                    N,
                    0.0,
                    72.0,
                ),
            ],
        ),
        sub(
            "information",
            "网络信息",
            "Network and information",
            vec![
                param(
                    "dataReleaseDelayHours",
                    "疫情信息发布时滞",
                    "Hours from confirming cases to publishing them",
                    "h",
                    N,
                    0.0,
                    48.0,
                ),
                param(
                    "queryReplyShare",
                    "政务平台24小时回复率",
                    "Share of public queries answered within 24 h",
                    "%",
                    P,
                    0.0,
                    100.0,
                ),
                param(
                    "agenciesSharingData",
                    "数据共享部门数",
                    "Agencies sharing data on the common platform",
                    "agencies",
                    P,
                    0.0,
                    30.0,
                ),
            ],
        ),
        sub(
            "publicity",
            "宣传",
            "Publicity",
            vec![
                param("pressBriefingsPerWeek", "新闻发布会场次", "Press briefings per week", "per week", P, 0.0, 14.0),
                param("rumourRebuttalHours", "谣言澄清用时", "Hours to rebut a circulating rumour", "h", N, 0.0, 48.0),
                param(
                    "awarenessShare",
                    "防护知识知晓率",
                    "Share of residents who know the protective measures",
                    "%",
                    P,
                    0.0,
                    100.0,
                ),
            ],
        ),
    ]
}

/// An illustrative request for [`default_subsystems`]: made-up base and current values.
pub const EXAMPLE_SYNERGY: &str = include_str!("example-synergy.json");

/// `u = (e − β)/(α − β)` (positive) or `(α − e)/(α − β)` (negative), clamped to [0, 1];
/// also whether it was clamped. Needs β < α.
pub fn order_degree(value: f64, lower: f64, upper: f64, direction: Direction) -> (f64, bool) {
    let u = match direction {
        Direction::Positive => (value - lower) / (upper - lower),
        Direction::Negative => (upper - value) / (upper - lower),
    };
    let u = finite(u);
    (u.clamp(0.0, 1.0), !(0.0..=1.0).contains(&u))
}

/// A subsystem's order degree from its parameters' order degrees: the geometric mean, or
/// `Σ λ_i u_i` with `weights` (summing to 1). 0 for no parameters.
pub fn subsystem_order_degree(u: &[f64], aggregation: Aggregation, weights: &[f64]) -> f64 {
    if u.is_empty() {
        return 0.0;
    }
    match aggregation {
        Aggregation::Geometric => {
            if u.iter().any(|&x| x <= 0.0) {
                0.0
            } else {
                exp(u.iter().map(|x| ln(*x)).sum::<f64>() / u.len() as f64).min(1.0)
            }
        }
        Aggregation::Weighted => u.iter().zip(weights).map(|(x, w)| x * w).sum::<f64>().clamp(0.0, 1.0),
    }
}

/// `(C, θ)` from the subsystems' order degrees in the base and current periods (see the
/// module documentation for θ and for changes of 0).
pub fn synergy_degree(base: &[f64], current: &[f64]) -> (f64, i8) {
    let delta: Vec<f64> = current.iter().zip(base).map(|(c, b)| c - b).collect();
    let moved: Vec<f64> = delta.iter().copied().filter(|d| d.abs() > ZERO_CHANGE).collect();
    let theta: i8 = match moved.iter().copied().reduce(f64::min) {
        None => 0,
        Some(m) if m > 0.0 => 1,
        Some(_) => -1,
    };
    if delta.is_empty() || moved.len() < delta.len() {
        return (0.0, theta);
    }
    let k = delta.len() as f64;
    let magnitude = exp(delta.iter().map(|d| ln(d.abs())).sum::<f64>() / k);
    (finite(theta as f64 * magnitude.min(1.0)), theta)
}

/// Coupling, development and coordination of order degrees in one period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Coupling {
    /// `C = (Π U)^{1/k} / ((1/k) Σ U)`.
    pub c: f64,
    /// `T = Σ α U`.
    pub t: f64,
    /// `D = √(C T)`.
    pub d: f64,
}

/// The coupling-coordination degree of order degrees `u` with weights `alpha` (summing to 1).
pub fn coupling(u: &[f64], alpha: &[f64]) -> Coupling {
    let k = u.len() as f64;
    let mean = u.iter().sum::<f64>() / k;
    let c = if u.is_empty() || mean <= 0.0 || u.iter().any(|&x| x <= 0.0) {
        0.0
    } else {
        (exp(u.iter().map(|x| ln(*x)).sum::<f64>() / k) / mean).clamp(0.0, 1.0)
    };
    let t = u.iter().zip(alpha).map(|(x, a)| x * a).sum::<f64>().clamp(0.0, 1.0);
    Coupling { c: finite(c), t: finite(t), d: finite((c * t).sqrt()) }
}

/// One order parameter in the result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParameterResult {
    pub id: String,
    pub base: f64,
    pub current: f64,
    pub order_base: f64,
    pub order_current: f64,
    /// λ used (weighted aggregation only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

/// One subsystem in the result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubsystemResult {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    pub order_base: f64,
    pub order_current: f64,
    /// `Δu = orderCurrent − orderBase`.
    pub change: f64,
    /// α used in T.
    pub weight: f64,
    pub parameters: Vec<ParameterResult>,
}

/// The grade of C.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SynergyGrade {
    pub index: usize,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
}

/// Both periods' coupling coordination.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CouplingPair {
    pub base: Coupling,
    pub current: Coupling,
}

/// The synergy result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Synergy {
    /// C ∈ [−1, 1].
    pub synergy: f64,
    /// +1, −1, or 0 when no subsystem's order degree changed.
    pub theta: i8,
    pub grade: SynergyGrade,
    pub subsystems: Vec<SubsystemResult>,
    pub coupling: CouplingPair,
    pub aggregation: Aggregation,
    pub grading: Vec<GradeBand>,
    pub notes: Vec<Note>,
}

/// A validated `synergyDegree` request.
#[derive(Debug, Clone, PartialEq)]
pub struct SynergyInput {
    subsystems: Vec<Subsystem>,
    base: Vec<Vec<f64>>,
    current: Vec<Vec<f64>>,
    aggregation: Aggregation,
    grading: Vec<GradeBand>,
    /// Subsystem weights α and parameter weights λ, divided by their sums.
    alpha: Vec<f64>,
    lambda: Vec<Vec<f64>>,
}

const ROOT_KEYS: &[&str] = &["subsystems", "base", "current", "aggregation", "grading"];
const SUB_KEYS: &[&str] = &["id", "name", "nameEn", "weight", "parameters"];
const PARAM_KEYS: &[&str] = &["id", "name", "nameEn", "unit", "direction", "lower", "upper", "weight"];

impl SynergyInput {
    /// Validates plain values (`grading` empty means the default).
    pub fn new(
        subsystems: Vec<Subsystem>,
        base: Vec<Vec<f64>>,
        current: Vec<Vec<f64>>,
        aggregation: Aggregation,
        grading: Vec<GradeBand>,
    ) -> Result<SynergyInput, InputError> {
        let mut p = Problems::new();
        let grading = if grading.is_empty() { default_grading() } else { grading };
        let input = check(subsystems, base, current, aggregation, grading, &mut p);
        match input {
            Some(i) if p.is_empty() => Ok(i),
            _ => fail(p),
        }
    }

    /// Wire shape: `{ subsystems?: { id, name?, nameEn?, weight?, parameters: { id, name?,
    /// nameEn?, unit?, direction: "positive" | "negative", lower, upper, weight? }[] }[]
    /// (default: [`default_subsystems`]), base: number[][], current: number[][] (one row per
    /// subsystem, one value per parameter), aggregation?: "geometric" (default) |
    /// "weighted", grading?: { upTo, name, nameEn? }[] (increasing, the last upTo 1) }`.
    pub fn from_json(input: &Json) -> Result<SynergyInput, InputError> {
        let mut p = Problems::new();
        let root = Path::root();
        crate::limits::check_input(input, &root)?;
        let Some(obj) = read::object(input, &root, ROOT_KEYS, &mut p) else { return fail(p) };
        let subsystems = match read::field(obj, "subsystems") {
            None => Some(default_subsystems()),
            Some(v) => read_vec(v, &root.key("subsystems"), &mut p, read_subsystem),
        };
        let values = |key: &str, p: &mut Problems| {
            read::required(obj, key, &root, p)
                .and_then(|v| read_vec(v, &root.key(key), p, |row, here, p| read_vec(row, here, p, read::number)))
        };
        let base = values("base", &mut p);
        let current = values("current", &mut p);
        let aggregation = setting(obj, "aggregation", &root, &mut p, Aggregation::Geometric, |v, at, p| {
            read::one_of(v, at, &["geometric", "weighted"], p).map(|k| {
                if k == 0 {
                    Aggregation::Geometric
                } else {
                    Aggregation::Weighted
                }
            })
        });
        let grading = setting(obj, "grading", &root, &mut p, default_grading(), |v, at, p| {
            read_vec(v, at, p, |b, here, p| {
                let o = read::object(b, here, &["upTo", "name", "nameEn"], p)?;
                let up_to =
                    read::required(o, "upTo", here, p).and_then(|v| number_in(v, &here.key("upTo"), p, -1.0, 1.0));
                let name = read::required(o, "name", here, p).and_then(|v| read::string(v, &here.key("name"), p));
                let name_en = match read::field(o, "nameEn") {
                    None => Some(None),
                    Some(v) => read::string(v, &here.key("nameEn"), p).map(Some),
                };
                Some(GradeBand { up_to: up_to?, name: name?, name_en: name_en? })
            })
        });
        let checked = match (subsystems, base, current, aggregation, grading) {
            (Some(s), Some(b), Some(c), Some(a), Some(g)) => check(s, b, c, a, g, &mut p),
            _ => None,
        };
        match checked {
            Some(i) if p.is_empty() => Ok(i),
            _ => fail(p),
        }
    }

    pub fn evaluate(&self) -> Synergy {
        let mut notes = Vec::new();
        let mut subsystems = Vec::new();
        let mut clamped = Vec::new();
        for (j, s) in self.subsystems.iter().enumerate() {
            let mut params = Vec::new();
            let (mut ub, mut uc) = (Vec::new(), Vec::new());
            for (i, e) in s.parameters.iter().enumerate() {
                let (b, cb) = order_degree(self.base[j][i], e.lower, e.upper, e.direction);
                let (c, cc) = order_degree(self.current[j][i], e.lower, e.upper, e.direction);
                if cb {
                    clamped.push(format!("base[{j}][{i}] ({}.{}) = {}", s.id, e.id, self.base[j][i]));
                }
                if cc {
                    clamped.push(format!("current[{j}][{i}] ({}.{}) = {}", s.id, e.id, self.current[j][i]));
                }
                ub.push(b);
                uc.push(c);
                params.push(ParameterResult {
                    id: e.id.clone(),
                    base: self.base[j][i],
                    current: self.current[j][i],
                    order_base: b,
                    order_current: c,
                    weight: (self.aggregation == Aggregation::Weighted).then(|| self.lambda[j][i]),
                });
            }
            let ob = subsystem_order_degree(&ub, self.aggregation, &self.lambda[j]);
            let oc = subsystem_order_degree(&uc, self.aggregation, &self.lambda[j]);
            subsystems.push(SubsystemResult {
                id: s.id.clone(),
                name: s.name.clone(),
                name_en: s.name_en.clone(),
                order_base: ob,
                order_current: oc,
                change: oc - ob,
                weight: self.alpha[j],
                parameters: params,
            });
        }
        if !clamped.is_empty() {
            notes.push(Note {
                code: "clamped",
                message: format!(
                    "{} value{} outside {} bounds, so {} order degree was clamped to 0 or 1: {}",
                    clamped.len(),
                    plural(clamped.len()),
                    if clamped.len() == 1 { "its" } else { "their" },
                    if clamped.len() == 1 { "its" } else { "each" },
                    clamped.join("; ")
                ),
            });
        }
        let ob: Vec<f64> = subsystems.iter().map(|s| s.order_base).collect();
        let oc: Vec<f64> = subsystems.iter().map(|s| s.order_current).collect();
        let (c, theta) = synergy_degree(&ob, &oc);
        let still: Vec<&str> =
            subsystems.iter().filter(|s| s.change.abs() <= ZERO_CHANGE).map(|s| s.id.as_str()).collect();
        if !still.is_empty() {
            notes.push(Note {
                code: "no-change",
                message: format!(
                    "the order degree of {} did not change between the periods, so the synergy degree is 0",
                    still.join(", ")
                ),
            });
        }
        let band = self.grading.iter().position(|b| c <= b.up_to).unwrap_or(self.grading.len() - 1);
        let g = &self.grading[band];
        Synergy {
            synergy: c,
            theta,
            grade: SynergyGrade { index: band, name: g.name.clone(), name_en: g.name_en.clone() },
            coupling: CouplingPair { base: coupling(&ob, &self.alpha), current: coupling(&oc, &self.alpha) },
            subsystems,
            aggregation: self.aggregation,
            grading: self.grading.clone(),
            notes,
        }
    }
}

fn read_subsystem(v: &Json, at: &Path, p: &mut Problems) -> Option<Subsystem> {
    let o = read::object(v, at, SUB_KEYS, p)?;
    let id = read::required(o, "id", at, p).and_then(|v| read::string(v, &at.key("id"), p));
    let name = opt_string(o, "name", at, p);
    let name_en = opt_string(o, "nameEn", at, p);
    let weight = opt_number(o, "weight", at, p);
    let parameters =
        read::required(o, "parameters", at, p).and_then(|v| read_vec(v, &at.key("parameters"), p, read_parameter));
    Some(Subsystem { id: id?, name: name?, name_en: name_en?, weight: weight?, parameters: parameters? })
}

fn read_parameter(v: &Json, at: &Path, p: &mut Problems) -> Option<OrderParameter> {
    let o = read::object(v, at, PARAM_KEYS, p)?;
    let id = read::required(o, "id", at, p).and_then(|v| read::string(v, &at.key("id"), p));
    let name = opt_string(o, "name", at, p);
    let name_en = opt_string(o, "nameEn", at, p);
    let unit = opt_string(o, "unit", at, p);
    let direction = read::required(o, "direction", at, p).and_then(|v| {
        read::one_of(v, &at.key("direction"), &["positive", "negative"], p).map(|k| {
            if k == 0 {
                Direction::Positive
            } else {
                Direction::Negative
            }
        })
    });
    let lower = read::required(o, "lower", at, p).and_then(|v| read::number(v, &at.key("lower"), p));
    let upper = read::required(o, "upper", at, p).and_then(|v| read::number(v, &at.key("upper"), p));
    let weight = opt_number(o, "weight", at, p);
    Some(OrderParameter {
        id: id?,
        name: name?,
        name_en: name_en?,
        unit: unit?,
        direction: direction?,
        lower: lower?,
        upper: upper?,
        weight: weight?,
    })
}

fn opt_string(o: &Json, key: &str, at: &Path, p: &mut Problems) -> Option<Option<String>> {
    match read::field(o, key) {
        None => Some(None),
        Some(v) => read::string(v, &at.key(key), p).map(Some),
    }
}

fn opt_number(o: &Json, key: &str, at: &Path, p: &mut Problems) -> Option<Option<f64>> {
    match read::field(o, key) {
        None => Some(None),
        Some(v) => read::number(v, &at.key(key), p).map(Some),
    }
}

/// Weights given for all or none of `items`, ≥ 0, summing to 1 within the tolerance; equal
/// when none is given. `path(k)` is the path of item k's weight.
fn weights_of(given: &[Option<f64>], at: &Path, path: impl Fn(usize) -> Path, p: &mut Problems) -> Option<Vec<f64>> {
    let k = given.len();
    if given.iter().all(Option::is_none) {
        return Some(vec![1.0 / k.max(1) as f64; k]);
    }
    let before = p.len();
    for (i, w) in given.iter().enumerate() {
        match w {
            None => p.push(Code::Required, &path(i), "give a weight for every item, or for none (equal weights)"),
            Some(x) if !x.is_finite() => p.push(Code::NotFinite, &path(i), "must be a finite number"),
            Some(x) if *x < 0.0 => p.push(Code::NegativeValue, &path(i), format!("must be 0 or more (found {x})")),
            _ => {}
        }
    }
    if p.len() > before {
        return None;
    }
    let w: Vec<f64> = given.iter().map(|w| w.unwrap_or(0.0)).collect();
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

fn check(
    subsystems: Vec<Subsystem>,
    base: Vec<Vec<f64>>,
    current: Vec<Vec<f64>>,
    aggregation: Aggregation,
    grading: Vec<GradeBand>,
    p: &mut Problems,
) -> Option<SynergyInput> {
    let root = Path::root();
    let sat = root.key("subsystems");
    let before = p.len();
    if subsystems.is_empty() {
        p.push(Code::OutOfRange, &sat, "give at least one subsystem");
    }
    for (j, s) in subsystems.iter().enumerate() {
        if subsystems[..j].iter().any(|t| t.id == s.id) {
            p.push(Code::DuplicateKey, &sat.index(j).key("id"), format!("subsystem id \"{}\" is used twice", s.id));
        }
        let pat = sat.index(j).key("parameters");
        if s.parameters.is_empty() {
            p.push(Code::OutOfRange, &pat, "give at least one order parameter");
        }
        for (i, e) in s.parameters.iter().enumerate() {
            let here = pat.index(i);
            if s.parameters[..i].iter().any(|f| f.id == e.id) {
                p.push(
                    Code::DuplicateKey,
                    &here.key("id"),
                    format!("parameter id \"{}\" is used twice in {}", e.id, s.id),
                );
            }
            if !e.lower.is_finite() {
                p.push(Code::NotFinite, &here.key("lower"), "must be a finite number");
            }
            if !e.upper.is_finite() {
                p.push(Code::NotFinite, &here.key("upper"), "must be a finite number");
            } else if e.lower.is_finite() && e.upper <= e.lower {
                p.push(
                    Code::OutOfRange,
                    &here.key("upper"),
                    format!("the upper bound α ({}) must be greater than the lower bound β ({})", e.upper, e.lower),
                );
            }
            if aggregation == Aggregation::Geometric && e.weight.is_some() {
                p.push(
                    Code::ConflictingFields,
                    &here.key("weight"),
                    "parameter weights apply to aggregation \"weighted\"; the geometric mean weighs parameters equally",
                );
            }
        }
    }
    for (key, rows) in [("base", &base), ("current", &current)] {
        let at = root.key(key);
        if rows.len() != subsystems.len() {
            p.push(
                Code::LengthMismatch,
                &at,
                format!("has {} rows but there are {} subsystems (one row each)", rows.len(), subsystems.len()),
            );
            continue;
        }
        for (j, (row, s)) in rows.iter().zip(&subsystems).enumerate() {
            if row.len() != s.parameters.len() {
                p.push(
                    Code::LengthMismatch,
                    &at.index(j),
                    format!(
                        "has {} values but subsystem {} has {} order parameters",
                        row.len(),
                        s.id,
                        s.parameters.len()
                    ),
                );
                continue;
            }
            for (i, x) in row.iter().enumerate() {
                if !x.is_finite() {
                    p.push(Code::NotFinite, &at.index(j).index(i), "must be a finite number, not NaN or Infinity");
                }
            }
        }
    }
    let gat = root.key("grading");
    if grading.is_empty() {
        p.push(Code::OutOfRange, &gat, "give at least one grade band");
    }
    for (k, b) in grading.iter().enumerate() {
        if !(-1.0..=1.0).contains(&b.up_to) {
            p.push(
                Code::OutOfRange,
                &gat.index(k).key("upTo"),
                format!("must be between −1 and 1 (found {})", b.up_to),
            );
        } else if k > 0 && b.up_to <= grading[k - 1].up_to {
            p.push(Code::OutOfRange, &gat.index(k).key("upTo"), "the bands' upTo must increase");
        }
    }
    if let Some(last) = grading.last() {
        if last.up_to != 1.0 {
            p.push(Code::OutOfRange, &gat.index(grading.len() - 1).key("upTo"), "the last band must reach 1");
        }
    }
    if p.len() > before {
        return None;
    }
    let alpha =
        weights_of(&subsystems.iter().map(|s| s.weight).collect::<Vec<_>>(), &sat, |j| sat.index(j).key("weight"), p);
    let lambda: Option<Vec<Vec<f64>>> = subsystems
        .iter()
        .enumerate()
        .map(|(j, s)| {
            let pat = sat.index(j).key("parameters");
            weights_of(
                &s.parameters.iter().map(|e| e.weight).collect::<Vec<_>>(),
                &pat,
                |i| pat.index(i).key("weight"),
                p,
            )
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    Some(SynergyInput { subsystems, base, current, aggregation, grading, alpha: alpha?, lambda: lambda? })
}
