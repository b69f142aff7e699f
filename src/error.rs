//! Typed input problems: a stable code, the JSON path of the field, and a message.
//!
//! Validation collects *every* problem it finds (up to [`MAX_PROBLEMS`]) so an official
//! fixing a spreadsheet sees them all at once, not one per attempt.

use serde::Serialize;
use std::fmt;

/// Past this many, validation stops and adds one `too-many-problems` entry.
pub const MAX_PROBLEMS: usize = 100;

/// Stable, kebab-case error codes. The page translates them; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// A required field is absent or `null`.
    Required,
    /// The value has the wrong JSON type (a string where a number belongs, ...).
    InvalidType,
    /// A key the schema does not know: usually a typo, never ignored.
    UnknownKey,
    /// A string outside its allowed set of values.
    InvalidValue,
    /// A number outside its allowed range.
    OutOfRange,
    /// An input larger than crisis-desk accepts: too many items, too long a string, nested
    /// too deep (the bounds are in [`crate::limits`]).
    TooLarge,
    /// Not an ISO calendar date `YYYY-MM-DD`.
    InvalidDate,
    /// Consecutive dates skip one or more days.
    DateGap,
    /// A date repeats or goes backwards.
    DateNotIncreasing,
    /// A date later than `asOf`.
    DateAfterAsOf,
    /// A daily column's length differs from `series.date`.
    LengthMismatch,
    /// A count below zero.
    NegativeCount,
    /// A count that is not a whole number.
    FractionalCount,
    /// More positive tests than tests performed on the same day.
    PositivesExceedTests,
    /// A number that is `NaN` or infinite.
    NotFinite,
    /// A key given twice in one object.
    DuplicateKey,
    /// The input is not valid JSON (page and import paths only).
    InvalidJson,
    /// Validation stopped after [`MAX_PROBLEMS`].
    TooManyProblems,
    /// A day with no count (`null`) where the method needs every day (Rt).
    MissingDay,
    /// Every day of the incidence is zero: there is nothing to estimate from.
    NoCases,
    /// A serial-interval distribution whose first element (day 0) is not 0.
    SiFirstNotZero,
    /// A serial-interval distribution that does not sum to 1 (within 0.01, as EpiEstim).
    SiSumNotOne,
    /// A time window whose start is after its end.
    WindowStartAfterEnd,
    /// Two alternatives of the input given together (e.g. `incidence` and `local`).
    ConflictingFields,
    /// A pairwise-comparison matrix whose rows are not all as long as it has rows.
    NotSquare,
    /// A pairwise judgement that is zero or negative (AHP needs positive ratios).
    NotPositive,
    /// A pairwise judgement whose mirror entry is not its reciprocal (a_ji ≠ 1/a_ij).
    NotReciprocal,
    /// A matrix larger than the chosen random-index table covers.
    MatrixTooLarge,
    /// A value below zero where only zero or more makes sense (weights, needs).
    NegativeValue,
    /// Every column (criterion) is constant: there is nothing to weigh or rank by.
    NoVariation,
    /// Every value is zero where at least one must be positive (weights, memberships).
    AllZero,
    /// Weights that must sum to 1 do not (beyond the stated tolerance).
    SumNotOne,
    /// The guaranteed minimums (floors) add up to more than the supply.
    FloorsExceedSupply,
    /// A recipient's floor is above its cap.
    FloorAboveCap,
    /// A decision-table cell that is not valid FEEL (a unary test or an output literal).
    FeelSyntax,
    /// Two columns, or two rules, of one decision table share an id.
    DuplicateId,
    /// Two outputs of a decision table write the same field, or one writes inside the other.
    OutputFieldConflict,
    /// Two rules of a `unique` (or, with different outputs, an `any`) table can match together.
    OverlappingRules,
    /// A rule that can never fire (covered by the rules above it under `first`, or unsatisfiable).
    UnreachableRule,
    /// Numbers that no rule of a decision table covers.
    UncoveredRange,
    /// Listed (enumerated) input values that no rule of a decision table covers.
    UncoveredValue,
    /// A decision-table input reads a field that the known facts do not have.
    UnknownField,
    /// A cell names a value outside its column's listed `values` (or `priority` list).
    ValueNotListed,
    /// More than one rule matched under hit policy `unique`.
    MultipleMatches,
    /// Rules matched under hit policy `any` give different outputs.
    ConflictingOutputs,
    /// A rulebook names an agency, place, data item or stand-down rule it does not define.
    UnknownReference,
    /// A rulebook's notifications report round in a circle (A → B → A), or to the sender itself.
    ReportingCycle,
    /// A rulebook's reporting chain never reaches the level (or place) it must reach.
    ReportingDeadEnd,
    /// A bilingual label lacks its Chinese or its English text.
    MissingTranslation,
    /// A bug in crisis-desk, not in the input (a caught panic).
    Internal,
}

impl Code {
    /// The kebab-case string that crosses the boundary as `error.code`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Required => "required",
            Code::InvalidType => "invalid-type",
            Code::UnknownKey => "unknown-key",
            Code::InvalidValue => "invalid-value",
            Code::OutOfRange => "out-of-range",
            Code::TooLarge => "too-large",
            Code::InvalidDate => "invalid-date",
            Code::DateGap => "date-gap",
            Code::DateNotIncreasing => "date-not-increasing",
            Code::DateAfterAsOf => "date-after-as-of",
            Code::LengthMismatch => "length-mismatch",
            Code::NegativeCount => "negative-count",
            Code::FractionalCount => "fractional-count",
            Code::PositivesExceedTests => "positives-exceed-tests",
            Code::NotFinite => "not-finite",
            Code::DuplicateKey => "duplicate-key",
            Code::InvalidJson => "invalid-json",
            Code::TooManyProblems => "too-many-problems",
            Code::MissingDay => "missing-day",
            Code::NoCases => "no-cases",
            Code::SiFirstNotZero => "si-first-not-zero",
            Code::SiSumNotOne => "si-sum-not-one",
            Code::WindowStartAfterEnd => "window-start-after-end",
            Code::ConflictingFields => "conflicting-fields",
            Code::NotSquare => "not-square",
            Code::NotPositive => "not-positive",
            Code::NotReciprocal => "not-reciprocal",
            Code::MatrixTooLarge => "matrix-too-large",
            Code::NegativeValue => "negative-value",
            Code::NoVariation => "no-variation",
            Code::AllZero => "all-zero",
            Code::SumNotOne => "sum-not-one",
            Code::FloorsExceedSupply => "floors-exceed-supply",
            Code::FloorAboveCap => "floor-above-cap",
            Code::FeelSyntax => "feel-syntax",
            Code::DuplicateId => "duplicate-id",
            Code::OutputFieldConflict => "output-field-conflict",
            Code::OverlappingRules => "overlapping-rules",
            Code::UnreachableRule => "unreachable-rule",
            Code::UncoveredRange => "uncovered-range",
            Code::UncoveredValue => "uncovered-value",
            Code::UnknownField => "unknown-field",
            Code::ValueNotListed => "value-not-listed",
            Code::MultipleMatches => "multiple-matches",
            Code::ConflictingOutputs => "conflicting-outputs",
            Code::UnknownReference => "unknown-reference",
            Code::ReportingCycle => "reporting-cycle",
            Code::ReportingDeadEnd => "reporting-dead-end",
            Code::MissingTranslation => "missing-translation",
            Code::Internal => "internal",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem with the input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub code: Code,
    /// JSON path of the offending field, e.g. `series.localCases[12]`; `""` is the root.
    pub path: String,
    /// Plain-English explanation; the page may translate by `code`.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Every problem found in one input; never empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputError {
    pub problems: Vec<Problem>,
}

impl InputError {
    /// The first problem: its code and path head the JS `Error`.
    pub fn first(&self) -> &Problem {
        &self.problems[0]
    }

    /// A one-line summary naming the first problem and how many follow.
    pub fn summary(&self) -> String {
        match self.problems.len() {
            1 => self.first().to_string(),
            n => format!("{} (and {} more problem{})", self.first(), n - 1, if n == 2 { "" } else { "s" }),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary())
    }
}

impl std::error::Error for InputError {}

/// Collects problems while validation walks the input.
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
    truncated: bool,
    /// Every problem pushed, kept or not: readers compare `len()` before and after a field to
    /// know whether it had a problem, which must stay true once the list is full.
    pushed: usize,
}

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem at `path`; past [`MAX_PROBLEMS`] records one final note instead.
    pub fn push(&mut self, code: Code, path: &Path, message: impl Into<String>) {
        self.pushed += 1;
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem { code, path: path.to_string(), message: message.into() });
        } else if !self.truncated {
            self.truncated = true;
            self.list.push(Problem {
                code: Code::TooManyProblems,
                path: String::new(),
                message: format!("stopped after {MAX_PROBLEMS} problems; fix these and validate again"),
            });
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// How many problems were pushed (kept or not past [`MAX_PROBLEMS`]).
    pub fn len(&self) -> usize {
        self.pushed
    }

    /// `Ok(value)` when nothing was recorded, else every problem.
    pub fn finish<T>(self, value: T) -> Result<T, InputError> {
        if self.list.is_empty() {
            Ok(value)
        } else {
            Err(InputError { problems: self.list })
        }
    }

    pub fn into_vec(self) -> Vec<Problem> {
        self.list
    }
}

/// A JSON path under construction: `region.population`, `series.date[3]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(String);

impl Path {
    pub fn root() -> Self {
        Path(String::new())
    }

    /// `self.key`; keys that are not identifiers are quoted: `a["odd key"]`.
    pub fn key(&self, key: &str) -> Path {
        let plain = !key.is_empty()
            && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$')
            && !key.starts_with(|c: char| c.is_ascii_digit());
        let mut s = self.0.clone();
        if plain {
            if !s.is_empty() {
                s.push('.');
            }
            s.push_str(key);
        } else {
            s.push('[');
            s.push_str(&crate::json::quote(key));
            s.push(']');
        }
        Path(s)
    }

    /// `self[index]`.
    pub fn index(&self, index: usize) -> Path {
        Path(format!("{}[{index}]", self.0))
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_javascript() {
        let p = Path::root().key("series").key("localCases").index(12);
        assert_eq!(p.to_string(), "series.localCases[12]");
        assert_eq!(Path::root().key("a b").to_string(), "[\"a b\"]");
        assert_eq!(Path::root().key("x").key("1st").to_string(), "x[\"1st\"]");
    }

    #[test]
    fn problems_stop_at_the_cap_with_one_note() {
        let mut p = Problems::new();
        for _ in 0..(MAX_PROBLEMS + 50) {
            p.push(Code::NegativeCount, &Path::root().key("x"), "negative");
        }
        // A reader still sees that a field past the cap had a problem (found by fuzzing: a
        // non-square AHP matrix after 200 problems went on to be indexed).
        let before = p.len();
        p.push(Code::NotSquare, &Path::root().key("y"), "not square");
        assert_eq!(p.len(), before + 1);
        let list = p.into_vec();
        assert_eq!(list.len(), MAX_PROBLEMS + 1);
        assert_eq!(list.last().unwrap().code, Code::TooManyProblems);
    }

    #[test]
    fn codes_serialise_as_kebab_case() {
        let s = serde_json::to_string(&Code::PositivesExceedTests).unwrap();
        assert_eq!(s, "\"positives-exceed-tests\"");
        assert_eq!(Code::DateAfterAsOf.as_str(), "date-after-as-of");
    }
}
