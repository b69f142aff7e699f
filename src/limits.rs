//! Bounds on the size of every input, in one place.
//!
//! Rulebooks, tables and spreadsheets travel by email and USB between offices; some will be
//! wrong and some hostile. Each bound below is far above any real use and low enough that
//! crisis-desk answers in seconds with a clear error, not a hang, an exhausted memory or a
//! stack overflow. Past a bound the call fails with code `too-large` at the JSON path of the
//! offending value, before any work on it is done.
//!
//! | bound | value | where | why |
//! |---|---|---|---|
//! | [`MAX_DEPTH`] | 100 | arrays and objects inside each other, any input | the readers and the canonical writer recurse; 100 is far beyond any real input (a rulebook nests about 8 deep) and safe for a 1 MiB WebAssembly stack |
//! | [`MAX_STRING_CHARS`] | 10 000 | any string: a name, a label, an id, a FEEL cell, a date, an object key | a label is a line of text and a cell a short test; 10 000 characters is about four printed pages |
//! | [`MAX_ARRAY_ITEMS`] | 36 525 | any array or object (keys) without a tighter bound | the longest legitimate list is a 100-year daily series; anything longer is not data crisis-desk reads |
//! | [`MAX_SERIES_DAYS`] | 36 525 | `series.date` of a situation; `estimateRt`'s `incidence`, `local`, `imported`, `tStart`, `tEnd` and `si.distribution`; a batch's `days` | 100 years of days; Rt's cost grows with the square of the series |
//! | [`MAX_REGIONS`] | 10 000 | `assessMany`'s array, `assessManyColumns`'s `regions` | China has about 2 850 county-level divisions; 10 000 covers every county of a country with room to spare |
//! | [`MAX_TABLE_ROWS`] | 1 000 | `rules` of a decision table | real tables have tens of rows; validation compares rules pairwise (overlaps) |
//! | [`MAX_TABLE_COLUMNS`] | 50 | `inputs`, and `outputs`, of a decision table | real tables read a handful of fields |
//! | [`MAX_FACT_SETS`] | 100 000 | fact sets of one `evaluateTableMany` call | each fact set is tested against the rules (about 10 ns a rule natively: a 1 000-row `collect` table takes about a second for 100 000 fact sets, a few in WebAssembly); 100 000 is every county of China (about 2 850) every day for a month (split a longer list into several calls) |
//! | [`MAX_TABLE_CELLS`] | 10 000 | rules × inputs of a decision table (e.g. 1 000 rules of 10 inputs) | validation (overlaps, rules that never fire, gaps) marks, for every rule, which of each column's distinct values its cell matches: a table of 10 000 rules of distinct ranges took 440 MB and 7 s; at this bound, 0.1 s and about 40 MB |
//! | [`MAX_RULEBOOK_ENTRIES`] | 1 000 | each list of a rulebook (`agencies`, `tables`, `notifications`, `activation`, `sharing`, `measures`, `dataItems`, `facts`, `reportingChains`, `jurisdiction.parents`, `jurisdiction.neighbours`, an entry's `tasks`), one `to` list, a ZEN graph's `nodes` | a province's rulebook names a few hundred agencies; each reporting chain is followed through every notification |
//! | [`MAX_RECIPIENTS`] | 10 000 | ids in all the `to` lists of a rulebook together (notifications and sharing) | the reporting-chain checks walk every recipient once per chain: at these bounds (1 000 chains) the worst graph is checked in about a second |
//! | [`MAX_ALTERNATIVES`] | 10 000 | rows of a decision matrix (TOPSIS, entropy, fuzzy), recipients of `allocate`, experts of `ahpGroup`, any list an analysis reads | a county ranks townships or hospitals, not tens of thousands of them |
//! | [`MAX_CRITERIA`] | 1 000 | columns of a decision matrix (TOPSIS, entropy, fuzzy membership) | criteria are weighed by people; 1 000 is already beyond any AHP or Delphi panel |
//! | [`MAX_SPAN_DAYS`] | 36 525 | from the first day of a series to `asOf` | every day up to `asOf` is assessed (the days after the data count as missing); found by fuzzing: a mistyped year ran for hours |
//! | [`MAX_TIMELINE_DAYS`] | 3 660 | `assessSeries`: from the first day to `asOf` | each day is assessed on the series up to it (10 years of one county: about 0.15 s in Node, `www/bench-cases.js` `county(0, 3650)`, 2026-11-29) |
//! | AHP matrix | 15, 15, 100 or 15 | an AHP matrix's order, by random-index table | the random-index table must cover it (`matrix-too-large`, [`crate::analysis::ahp`]) |
//!
//! **Numbers JSON cannot carry.** `NaN`, `Infinity` and `-Infinity` from JavaScript are kept
//! by the core's [`Json`] and rejected where they are read (`not-finite`, with the path; in a
//! typed-array column of `assessManyColumns` `NaN` is a day not reported, as documented there).
//! `-0` is read as `0` (JSON text writes them alike, and a count, a weight or a setting of −0
//! means 0), so no output carries a negative zero. A count beyond 2^53 − 1 (the largest whole
//! number a double holds exactly, `Number.MAX_SAFE_INTEGER`) is `out-of-range`, and so is a
//! population beyond it.

use crate::error::{Code, InputError, Path, Problems};
use crate::json::Json;

/// From the first day of a series to `asOf`, at most (100 years of days).
pub const MAX_SPAN_DAYS: usize = 36_525;
/// The longest timeline `assessSeries` computes (10 years of days).
pub const MAX_TIMELINE_DAYS: usize = 3_660;

/// Arrays and objects inside each other, in any input (the root array or object is depth 1).
pub const MAX_DEPTH: usize = 100;
/// Characters (Unicode scalar values) in any string or object key.
pub const MAX_STRING_CHARS: usize = 10_000;
/// Items of any array, or keys of any object, that has no tighter bound below.
pub const MAX_ARRAY_ITEMS: usize = 36_525;
/// Days of a daily series: 100 years (also a batch's `days`, [`crate::batch::MAX_DAYS`]).
pub const MAX_SERIES_DAYS: usize = 36_525;
/// Regions of one `assessMany` or `assessManyColumns` call.
pub const MAX_REGIONS: usize = 10_000;
/// Rules (rows) of one decision table.
pub const MAX_TABLE_ROWS: usize = 1_000;
/// Inputs, and outputs, of one decision table.
pub const MAX_TABLE_COLUMNS: usize = 50;
/// Fact sets of one `evaluateTableMany` call ([`crate::escalation::evaluate_table_many`]).
pub const MAX_FACT_SETS: usize = 100_000;
/// Input cells (rules × inputs) of one decision table: what its validation grows with.
pub const MAX_TABLE_CELLS: usize = 10_000;
/// Entries of each list of a rulebook, ids in one `to` list, nodes of a ZEN graph.
pub const MAX_RULEBOOK_ENTRIES: usize = 1_000;
/// Ids in all the `to` lists of one rulebook together.
pub const MAX_RECIPIENTS: usize = 10_000;
/// Alternatives (rows) of a decision matrix and items of any list an analysis reads.
pub const MAX_ALTERNATIVES: usize = 10_000;
/// Criteria (columns) of a decision matrix.
pub const MAX_CRITERIA: usize = 1_000;
/// The largest whole number a double holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Records `too-large` at `at` when `len` exceeds `max`; `what` names the items ("days").
/// Returns whether `len` is within the bound.
pub fn within(len: usize, max: usize, at: &Path, what: &str, p: &mut Problems) -> bool {
    if len <= max {
        return true;
    }
    p.push(Code::TooLarge, at, format!("{len} {what} are more than the {max} allowed"));
    false
}

/// The checks every input gets before it is read: nesting depth ([`MAX_DEPTH`]), the length
/// of every string and key ([`MAX_STRING_CHARS`]) and of every array and object
/// ([`MAX_ARRAY_ITEMS`]). `at` is the input's own path (`""`, or `options`).
pub fn check_input(value: &Json, at: &Path) -> Result<(), InputError> {
    let mut p = Problems::new();
    check(value, at, 1, &mut p);
    p.finish(())
}

/// [`check_input`] on a value at `depth` (1 for a root), recording problems in `p`.
/// Returns whether the value is within every bound.
pub fn check(value: &Json, at: &Path, depth: usize, p: &mut Problems) -> bool {
    // Most inputs are within every bound: find that out without building a path for each
    // array and object on the way (a 1 000-row matrix would otherwise build 1 000 paths).
    fits(value, depth) || check_paths(value, at, depth, p)
}

/// Whether a string or key is within [`MAX_STRING_CHARS`] (bytes ≥ characters: count
/// characters only for a long one).
fn short(s: &str) -> bool {
    s.len() <= MAX_STRING_CHARS || s.chars().count() <= MAX_STRING_CHARS
}

/// [`check`] without recording anything: whether `value`, at `depth`, is within every bound.
/// Recurses at most [`MAX_DEPTH`] + 1 deep.
fn fits(value: &Json, depth: usize) -> bool {
    match value {
        Json::Null | Json::Bool(_) | Json::Number(_) => true,
        Json::String(s) => short(s),
        Json::Array(_) | Json::Object(_) if depth > MAX_DEPTH => false,
        Json::Array(items) => {
            items.len() <= MAX_ARRAY_ITEMS
                && items.iter().all(|item| match item {
                    Json::Null | Json::Bool(_) | Json::Number(_) => true,
                    _ => fits(item, depth + 1),
                })
        }
        Json::Object(pairs) => {
            pairs.len() <= MAX_ARRAY_ITEMS && pairs.iter().all(|(key, item)| short(key) && fits(item, depth + 1))
        }
    }
}

/// [`check`], recording each problem at its path.
fn check_paths(value: &Json, at: &Path, depth: usize, p: &mut Problems) -> bool {
    match value {
        Json::String(s) => string(s, at, p),
        Json::Array(_) | Json::Object(_) if depth > MAX_DEPTH => {
            p.push(
                Code::TooLarge,
                at,
                format!("arrays and objects are nested more than {MAX_DEPTH} deep here; no input needs that"),
            );
            false
        }
        Json::Array(items) => {
            let mut ok = within(items.len(), MAX_ARRAY_ITEMS, at, "items", p);
            if ok {
                for (i, item) in items.iter().enumerate() {
                    if matches!(item, Json::String(_) | Json::Array(_) | Json::Object(_)) {
                        ok &= check(item, &at.index(i), depth + 1, p);
                    }
                }
            }
            ok
        }
        Json::Object(pairs) => {
            let mut ok = within(pairs.len(), MAX_ARRAY_ITEMS, at, "keys", p);
            if ok {
                for (key, item) in pairs {
                    if key.len() > MAX_STRING_CHARS && key.chars().count() > MAX_STRING_CHARS {
                        p.push(
                            Code::TooLarge,
                            at,
                            format!("a key of this object is longer than the {MAX_STRING_CHARS} characters allowed"),
                        );
                        ok = false;
                    } else if matches!(item, Json::String(_) | Json::Array(_) | Json::Object(_)) {
                        ok &= check(item, &at.key(key), depth + 1, p);
                    }
                }
            }
            ok
        }
        Json::Null | Json::Bool(_) | Json::Number(_) => true,
    }
}

/// Records `not-finite` at the path of every NaN or infinite number in `value`, for inputs
/// read as a whole rather than field by field (escalate's assessment, facts and events). Call it
/// after [`check`], which bounds the depth.
pub fn check_finite(value: &Json, at: &Path, p: &mut Problems) {
    match value {
        Json::Number(x) if !x.is_finite() => {
            p.push(Code::NotFinite, at, "must be a finite number, not NaN or Infinity");
        }
        Json::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if matches!(item, Json::Number(_) | Json::Array(_) | Json::Object(_)) {
                    check_finite(item, &at.index(i), p);
                }
            }
        }
        Json::Object(pairs) => {
            for (key, item) in pairs {
                if matches!(item, Json::Number(_) | Json::Array(_) | Json::Object(_)) {
                    check_finite(item, &at.key(key), p);
                }
            }
        }
        _ => {}
    }
}

fn string(s: &str, at: &Path, p: &mut Problems) -> bool {
    // Bytes ≥ characters: count characters only for a long string.
    if s.len() > MAX_STRING_CHARS {
        let n = s.chars().count();
        if n > MAX_STRING_CHARS {
            p.push(Code::TooLarge, at, format!("{n} characters are more than the {MAX_STRING_CHARS} allowed"));
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> Json {
        let mut v = Json::Null;
        for _ in 0..depth {
            v = Json::Array(vec![v]);
        }
        v
    }

    #[test]
    fn depth_is_bounded() {
        assert!(check_input(&nested(MAX_DEPTH), &Path::root()).is_ok());
        let e = check_input(&nested(MAX_DEPTH + 1), &Path::root()).unwrap_err();
        assert_eq!(e.first().code, Code::TooLarge);
        assert_eq!(e.first().path, "[0]".repeat(MAX_DEPTH));
    }

    #[test]
    fn long_strings_and_keys_are_too_large_by_characters() {
        let ok = Json::String("字".repeat(MAX_STRING_CHARS)); // 30 000 bytes, 10 000 characters
        assert!(check_input(&ok, &Path::root()).is_ok());
        let v = Json::Object(vec![("name".into(), Json::String("x".repeat(MAX_STRING_CHARS + 1)))]);
        let e = check_input(&v, &Path::root().key("options")).unwrap_err();
        assert_eq!((e.first().code, e.first().path.as_str()), (Code::TooLarge, "options.name"));
        let v = Json::Object(vec![("k".repeat(MAX_STRING_CHARS + 1), Json::Null)]);
        assert_eq!(check_input(&v, &Path::root()).unwrap_err().first().code, Code::TooLarge);
    }

    #[test]
    fn long_arrays_are_too_large() {
        let v = Json::Object(vec![("a".into(), Json::Array(vec![Json::Null; MAX_ARRAY_ITEMS + 1]))]);
        let e = check_input(&v, &Path::root()).unwrap_err();
        assert_eq!((e.first().code, e.first().path.as_str()), (Code::TooLarge, "a"));
    }
}
