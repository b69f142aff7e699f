//! Harvard Global Health Institute / Safra Center "Key Metrics for COVID Suppression"
//! (1 Jul 2020, standards.md §3.5): daily new cases per 100 000, 7-day average, in
//! green < 1, yellow [1, 10), orange [10, 25), red ≥ 25 (the published "1–9 / 10–24" encoded as
//! half-open bands, as standards.md asks).

use super::indicators::Indicators;
use super::{band_from_lower, band_text, highest, num, result_from, Criterion, FrameworkResult, Part, Reading};
use crate::signals::incidence::Note;

const SOURCE: &str = "Harvard Global Health Institute & Safra Center for Ethics, Key Metrics for COVID Suppression, 1 Jul 2020 (standards.md §3.5)";

/// Colours by rank.
pub const COLOURS: [&str; 4] = ["green", "yellow", "orange", "red"];
/// Lower bounds of yellow, orange and red (cases per 100 000 per day).
pub const BOUNDS: [f64; 3] = [1.0, 10.0, 25.0];
/// What each colour asks for, in the release's words.
pub const MEANING: [&str; 4] = [
    "on track for containment",
    "community spread; rigorous testing and tracing",
    "accelerated spread; stay-at-home orders and/or rigorous test-and-trace advised",
    "tipping point; stay-at-home orders necessary",
];

pub(crate) fn key_metrics(ind: &Indicators) -> FrameworkResult {
    let i = &ind.daily_local_cases_per_100k;
    let band = i.value.map(|x| band_from_lower(x, &BOUNDS));
    let reading = Reading {
        indicator: "dailyLocalCasesPer100k",
        value: i.value,
        level: band.map(|b| COLOURS[b]),
        band: band.map(|b| band_text(b, &BOUNDS, false)),
    };
    let outcome = highest(&[Part { rank: band, missing: i.missing.clone() }], 3);
    let decided_by = band
        .map(|b| {
            vec![Criterion {
                code: "dailyLocalCasesPer100k",
                text: format!(
                    "{} daily new local cases per 100 000 (7-day average) in {} {}: {}",
                    i.value.map_or("?".into(), num),
                    COLOURS[b],
                    band_text(b, &BOUNDS, false),
                    MEANING[b]
                ),
            }]
        })
        .unwrap_or_default();
    let notes = vec![Note { code: "local-cases", message: "counts local cases".into() }];
    result_from(&COLOURS, outcome, vec![reading], decided_by, notes, SOURCE)
}
