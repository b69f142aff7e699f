//! Rulebooks: arbitrary JSON text as a rulebook — validated, read, hashed, diffed against the
//! default, and used by `escalate` for the example's assessment.
#![no_main]

use crisis_desk::escalation::jsontext::parse_json;
use crisis_desk::escalation::{default_rulebook, diff_rulebooks, escalate, rulebook_hash, validate_rulebook, Rulebook};
use crisis_desk::Json;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn assessment() -> &'static Json {
    static A: OnceLock<Json> = OnceLock::new();
    A.get_or_init(|| {
        let example = parse_json(crisis_desk::EXAMPLE_SITUATION).unwrap();
        let a = crisis_desk::assess(&example).unwrap();
        // Through JSON text, as the page hands it back.
        parse_json(&serde_json::to_string(&a).unwrap()).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(book) = parse_json(text) else { return };
    let v = validate_rulebook(&book);
    let read = Rulebook::from_json(&book);
    assert_eq!(v.valid, read.is_ok(), "validation and reading must agree");
    let _ = rulebook_hash(&book);
    let _ = diff_rulebooks(&default_rulebook(), &book);
    let options = Json::Object(vec![
        ("rulebook".into(), book),
        ("detectedAt".into(), Json::String("2026-11-25T09:00:00+08:00".into())),
    ]);
    let _ = escalate(assessment(), &options);
});
