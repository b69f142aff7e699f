//! crisis-desk: decision support for public-health emergencies.
//!
//! A pure core (no JavaScript types) and one boundary module, [`wasm`], that exports it
//! to the browser. Data flow one way: situation → signals → assessment.

pub mod analysis;
pub mod assess;
pub mod batch;
pub mod date;
pub mod error;
pub mod escalation;
pub mod frameworks;
pub mod json;
pub mod limits;
pub mod math;
mod read;
pub mod signals;
pub mod situation;
pub mod timeline;
pub mod verdict;
pub mod wasm;

pub use assess::Assessment;
pub use error::{Code, InputError, Problem};
pub use json::Json;
pub use situation::Situation;

/// The crate version; `version()` in JS.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The bundled example: an illustrative county-level city of about 1.4 million.
/// The figures are made up to show the tool; they are not real surveillance data.
pub const EXAMPLE_SITUATION: &str = include_str!("data/example-situation.json");

/// Validates a situation and assesses it with the default options, or returns every problem.
pub fn assess(input: &Json) -> Result<Assessment, InputError> {
    Situation::from_json(input).map(|s| assess::assess(&s))
}

/// Validates a situation and the options (`null` = defaults) and assesses it, or returns
/// every problem in both.
pub fn assess_with(input: &Json, options: &Json) -> Result<Assessment, InputError> {
    let situation = Situation::from_json(input);
    let options = verdict::AssessOptions::from_json(options);
    match (situation, options) {
        (Ok(s), Ok(o)) => Ok(assess::assess_with(&s, &o)),
        (Err(mut a), Err(b)) => {
            a.problems.extend(b.problems);
            Err(a)
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// Every problem in a situation; empty when it is valid.
pub fn validate(input: &Json) -> Vec<Problem> {
    match Situation::from_json(input) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems,
    }
}
