//! A fair split of a scarce resource (beds, test kits, protective equipment, teams) between
//! towns or agencies: proportional to weighted need, within floors and caps, in whole units.
//!
//! Method:
//! 1. **Weighted need** `w_i = need_i × priority_i` (priority 1 by default; priority 0 means
//!    "the floor only").
//! 2. **Water-filling** (the continuous share): each recipient i may get between its floor
//!    `f_i` and its ceiling `u_i = max(f_i, min(cap_i, ⌈need_i⌉))` (no one is given more than
//!    its need, rounded up to whole units, unless its floor says so). If the ceilings add up
//!    to no more than the supply S, everyone gets its ceiling and the rest is reported as
//!    unallocated. Otherwise the level λ is found with `Σ_i clamp(λ w_i, f_i, u_i) = S`: the
//!    water-filling solution of the proportional-share problem with bounds (Boyd S,
//!    Vandenberghe L, *Convex Optimization*, CUP 2004, §5.5.3; for rationing with floors and
//!    caps cf. Young HP, *Equity in Theory and Practice*, Princeton 1994, ch. 3). g(λ) is
//!    piecewise linear and non-decreasing: the segment between the breakpoints `f_i/w_i`,
//!    `u_i/w_i` where it crosses S is found by sorting them, and λ solved exactly there.
//! 3. **Whole units by largest remainder** (Hamilton's method; Balinski ML, Young HP,
//!    *Fair Representation*, Yale 1982): everyone gets `⌊x_i⌋`, and the units left over go one
//!    each to the largest fractional parts `x_i − ⌊x_i⌋` (remainders equal to 9 decimals: input
//!    order). Floors and ceilings are whole, so the rounding keeps them; every allocation is
//!    within one unit of its continuous share, and the total is `min(S, Σ u_i)` exactly.
//! 4. **Unmet need** `max(0, need_i − allocation_i)`.

use super::{fail, finite, non_negative, plural, read_vec, Note};
use crate::error::{Code, InputError, Path, Problems};
use crate::json::Json;
use crate::read;
use serde::Serialize;

/// What held a recipient's continuous share where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Binding {
    /// Strictly between floor and ceiling: proportional to weighted need.
    None,
    /// Held up at its floor.
    Floor,
    /// Held down by its cap (below its need).
    Cap,
    /// Its whole need is met (`⌈need⌉`).
    Need,
    /// Priority 0 (with a need): given its floor only.
    NoPriority,
}

/// The split.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Allocation {
    /// Whole units per recipient.
    pub allocation: Vec<u64>,
    /// The exact continuous (water-filled) share per recipient.
    pub share: Vec<f64>,
    /// `max(0, need − allocation)`.
    pub unmet: Vec<f64>,
    pub binding: Vec<Binding>,
    /// `need × priority`.
    pub weights: Vec<f64>,
    pub supply: u64,
    pub allocated: u64,
    /// Supply left because every ceiling is reached.
    pub unallocated: u64,
    pub notes: Vec<Note>,
}

/// A validated `allocate` request.
#[derive(Debug, Clone, PartialEq)]
pub struct AllocationInput {
    supply: u64,
    needs: Vec<f64>,
    priorities: Vec<f64>,
    floors: Vec<u64>,
    caps: Vec<Option<u64>>,
}

const KEYS: &[&str] = &["supply", "needs", "priorities", "floors", "caps"];
/// Counts above this are refused (they would lose whole-unit precision in f64).
const MAX_COUNT: f64 = 9_007_199_254_740_991.0;

/// Splits `supply` from plain values: `priorities` empty = all 1, `floors` empty = all 0,
/// `caps` empty = none (`None` = no cap for that recipient).
pub fn allocate(
    supply: u64,
    needs: &[f64],
    priorities: &[f64],
    floors: &[u64],
    caps: &[Option<u64>],
) -> Result<Allocation, InputError> {
    let n = needs.len();
    let mut p = Problems::new();
    let root = Path::root();
    if supply as f64 > MAX_COUNT {
        p.push(Code::OutOfRange, &root.key("supply"), "must be below 2^53");
    }
    let finite_non_negative = |xs: &[f64], key: &str, p: &mut Problems| {
        for (i, x) in xs.iter().enumerate() {
            if !x.is_finite() {
                p.push(Code::NotFinite, &root.key(key).index(i), "must be a finite number, not NaN or Infinity");
            } else if *x < 0.0 {
                p.push(Code::NegativeValue, &root.key(key).index(i), format!("must be 0 or more (found {x})"));
            }
        }
    };
    finite_non_negative(needs, "needs", &mut p);
    finite_non_negative(priorities, "priorities", &mut p);
    let input = AllocationInput {
        supply,
        needs: needs.to_vec(),
        priorities: if priorities.is_empty() { vec![1.0; n] } else { priorities.to_vec() },
        floors: if floors.is_empty() { vec![0; n] } else { floors.to_vec() },
        caps: if caps.is_empty() { vec![None; n] } else { caps.to_vec() },
    };
    check(&input, &root, &mut p);
    if p.is_empty() {
        Ok(input.evaluate())
    } else {
        fail(p)
    }
}

/// Cross-field checks: lengths, floors vs caps, floors vs supply.
fn check(i: &AllocationInput, root: &Path, p: &mut Problems) {
    let n = i.needs.len();
    if n == 0 {
        p.push(Code::OutOfRange, &root.key("needs"), "give at least one recipient");
        return;
    }
    let mut same = true;
    for (key, len) in [("priorities", i.priorities.len()), ("floors", i.floors.len()), ("caps", i.caps.len())] {
        if len != n {
            p.push(
                Code::LengthMismatch,
                &root.key(key),
                format!("has {len} entries but needs has {n} (one per recipient)"),
            );
            same = false;
        }
    }
    if !same {
        return;
    }
    for k in 0..n {
        if let Some(cap) = i.caps[k] {
            if i.floors[k] > cap {
                p.push(
                    Code::FloorAboveCap,
                    &root.key("floors").index(k),
                    format!("recipient {k}'s floor ({}) is above its cap ({cap})", i.floors[k]),
                );
            }
        }
        if !(i.needs[k] * i.priorities[k]).is_finite() {
            p.push(Code::OutOfRange, &root.key("priorities").index(k), "need × priority is too large");
        }
    }
    let floors: f64 = i.floors.iter().map(|&f| f as f64).sum();
    if floors > i.supply as f64 {
        p.push(
            Code::FloorsExceedSupply,
            &root.key("floors"),
            format!(
                "the floors add up to {floors}, more than the supply of {}: lower some floors or find {} more units",
                i.supply,
                floors - i.supply as f64
            ),
        );
    }
}

impl AllocationInput {
    /// Wire shape: `{ supply: whole number ≥ 0, needs: number[] (≥ 0), priorities?: number[]
    /// (≥ 0; all 1), floors?: whole number[] (all 0), caps?: (whole number | null)[] (null =
    /// no cap) }`, one entry per recipient in every array.
    pub fn from_json(input: &Json) -> Result<AllocationInput, InputError> {
        let mut p = Problems::new();
        let root = Path::root();
        crate::limits::check_input(input, &root)?;
        let Some(obj) = read::object(input, &root, KEYS, &mut p) else { return fail(p) };
        let supply =
            read::required(obj, "supply", &root, &mut p).and_then(|v| read::count(v, &root.key("supply"), &mut p));
        let needs = read::required(obj, "needs", &root, &mut p)
            .and_then(|v| read_vec(v, &root.key("needs"), &mut p, non_negative));
        let n = needs.as_ref().map_or(0, Vec::len);
        let priorities = match read::field(obj, "priorities") {
            None => Some(vec![1.0; n]),
            Some(v) => read_vec(v, &root.key("priorities"), &mut p, non_negative),
        };
        let floors = match read::field(obj, "floors") {
            None => Some(vec![0; n]),
            Some(v) => read_vec(v, &root.key("floors"), &mut p, |x, at, p| read::count(x, at, p).map(|c| c as u64)),
        };
        let caps = match read::field(obj, "caps") {
            None => Some(vec![None; n]),
            Some(v) => read_vec(v, &root.key("caps"), &mut p, |x, at, p| {
                if x.is_null() {
                    Some(None)
                } else {
                    read::count(x, at, p).map(|c| Some(c as u64))
                }
            }),
        };
        match (supply, needs, priorities, floors, caps) {
            (Some(supply), Some(needs), Some(priorities), Some(floors), Some(caps)) => {
                let input = AllocationInput { supply: supply as u64, needs, priorities, floors, caps };
                check(&input, &root, &mut p);
                if p.is_empty() {
                    Ok(input)
                } else {
                    fail(p)
                }
            }
            _ => fail(p),
        }
    }

    pub fn evaluate(&self) -> Allocation {
        let n = self.needs.len();
        let s = self.supply as f64;
        let w: Vec<f64> = self.needs.iter().zip(&self.priorities).map(|(a, b)| a * b).collect();
        let f: Vec<f64> = self.floors.iter().map(|&x| x as f64).collect();
        let need_units: Vec<f64> = self.needs.iter().map(|x| x.ceil()).collect();
        let limit: Vec<f64> =
            (0..n).map(|i| self.caps[i].map_or(need_units[i], |c| (c as f64).min(need_units[i]))).collect();
        let u: Vec<f64> = (0..n).map(|i| if w[i] > 0.0 { f[i].max(limit[i]) } else { f[i] }).collect();
        let total_u: f64 = u.iter().sum();
        let (x, level) = if total_u <= s { (u.clone(), None) } else { water_fill(&w, &f, &u, s) };
        let target = total_u.min(s);
        let alloc = round_largest_remainder(&x, &f, &u, target);
        let binding: Vec<Binding> = (0..n)
            .map(|i| {
                if w[i] == 0.0 {
                    return match (self.needs[i] == 0.0, f[i] > 0.0) {
                        (true, true) => Binding::Floor,
                        (true, false) => Binding::Need,
                        (false, _) => Binding::NoPriority,
                    };
                }
                let near = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(1.0);
                if near(x[i], u[i]) && level.map_or(true, |l| l * w[i] >= u[i] - 1e-9) {
                    if u[i] == f[i] && f[i] > limit[i] {
                        Binding::Floor
                    } else if limit[i] < need_units[i] {
                        Binding::Cap
                    } else {
                        Binding::Need
                    }
                } else if near(x[i], f[i]) && level.is_some_and(|l| l * w[i] <= f[i] + 1e-9) {
                    Binding::Floor
                } else {
                    Binding::None
                }
            })
            .collect();
        let allocated: u64 = alloc.iter().sum();
        let unmet: Vec<f64> = (0..n).map(|i| finite((self.needs[i] - alloc[i] as f64).max(0.0))).collect();
        let mut notes = Vec::new();
        let short: usize = unmet.iter().filter(|&&m| m > 0.0).count();
        if short > 0 {
            notes.push(Note {
                code: "unmet-need",
                message: format!(
                    "{short} recipient{} {} less than {} need; the unmet need is {} in all",
                    plural(short),
                    if short == 1 { "gets" } else { "get" },
                    if short == 1 { "its" } else { "their" },
                    trim(unmet.iter().sum())
                ),
            });
        }
        if allocated < self.supply {
            notes.push(Note {
                code: "supply-left",
                message: format!(
                    "{} unit{} left over: every recipient has its need (or cap) met",
                    self.supply - allocated,
                    plural((self.supply - allocated) as usize)
                ),
            });
        }
        Allocation {
            allocation: alloc,
            share: x.into_iter().map(finite).collect(),
            unmet,
            binding,
            weights: w,
            supply: self.supply,
            allocated,
            unallocated: self.supply - allocated,
            notes,
        }
    }
}

fn trim(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// `x_i = clamp(λ w_i, f_i, u_i)` with `Σ x = s`; needs `Σ f ≤ s < Σ u`. Recipients with
/// `w_i = 0` stay at `f_i = u_i`. Returns the shares and λ.
pub fn water_fill(w: &[f64], f: &[f64], u: &[f64], s: f64) -> (Vec<f64>, Option<f64>) {
    let n = w.len();
    let g = |l: f64| -> f64 { (0..n).map(|i| (l * w[i]).clamp(f[i], u[i])).sum() };
    let mut points: Vec<f64> =
        (0..n).filter(|&i| w[i] > 0.0).flat_map(|i| [f[i] / w[i], u[i] / w[i]]).filter(|b| b.is_finite()).collect();
    points.sort_by(f64::total_cmp);
    points.dedup();
    let k = points.iter().position(|&b| g(b) >= s).unwrap_or(points.len().saturating_sub(1));
    let hi = points.get(k).copied().unwrap_or(0.0);
    let lo = if k == 0 { 0.0 } else { points[k - 1] };
    let mid = 0.5 * (lo + hi);
    let (mut fixed, mut slope) = (0.0, 0.0);
    for i in 0..n {
        let y = mid * w[i];
        if w[i] > 0.0 && y > f[i] && y < u[i] {
            slope += w[i];
        } else {
            fixed += y.clamp(f[i], u[i]);
        }
    }
    let level = if slope > 0.0 { (s - fixed) / slope } else { hi };
    let level = level.clamp(lo, hi);
    ((0..n).map(|i| (level * w[i]).clamp(f[i], u[i])).collect(), Some(level))
}

/// Whole units summing to `target` (a whole number with `Σ f ≤ target ≤ Σ u`): `⌊x⌋`, then one
/// more to the largest remainders (input order among equal ones), never outside `[f, u]`.
pub fn round_largest_remainder(x: &[f64], f: &[f64], u: &[f64], target: f64) -> Vec<u64> {
    let n = x.len();
    let mut b: Vec<f64> = (0..n).map(|i| (x[i] + 1e-9).floor().clamp(f[i], u[i])).collect();
    let rem: Vec<i64> = (0..n).map(|i| ((x[i] - b[i]) * 1e9).round() as i64).collect();
    let mut order: Vec<usize> = (0..n).collect();
    let mut left = target - b.iter().sum::<f64>();
    if left > 0.0 {
        order.sort_by_key(|&i| std::cmp::Reverse(rem[i]));
        while left > 0.0 {
            let before = left;
            for &i in &order {
                if left <= 0.0 {
                    break;
                }
                if b[i] < u[i] {
                    b[i] += 1.0;
                    left -= 1.0;
                }
            }
            if left == before {
                break;
            }
        }
    } else if left < 0.0 {
        order.sort_by_key(|&i| rem[i]);
        while left < 0.0 {
            let before = left;
            for &i in &order {
                if left >= 0.0 {
                    break;
                }
                if b[i] > f[i] {
                    b[i] -= 1.0;
                    left += 1.0;
                }
            }
            if left == before {
                break;
            }
        }
    }
    b.into_iter().map(|v| v as u64).collect()
}
