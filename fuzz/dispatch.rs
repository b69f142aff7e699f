// Shared by the fuzz target `json_entry_points` and the native regression test
// `tests/fuzz_regressions.rs` (both `include!` it): the first byte picks the call, the rest is
// parsed as JSON text and handed to it.

/// Runs one fuzz input through the entry point its first byte picks.
pub fn json_entry_point(data: &[u8]) {
    use crisis_desk::escalation::jsontext::parse_json;
    use crisis_desk::{analysis, batch, escalation, signals, timeline, Json};
    let Some((&which, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let Ok(input) = parse_json(text) else { return };
    let null = Json::Null;
    match which % 16 {
        0 => drop(crisis_desk::assess(&input)),
        1 => drop(crisis_desk::assess_with(&input, input.get("options").unwrap_or(&null))),
        2 => drop(signals::rt::estimate_rt(&input)),
        3 => drop(signals::seir::SeirInput::from_json(&input).map(|s| signals::seir::simulate(&s))),
        4 => drop(analysis::ahp(&input)),
        5 => drop(analysis::ahp_hierarchy(&input)),
        6 => drop(analysis::ahp_group(&input)),
        7 => drop(analysis::entropy_weights(&input)),
        8 => drop(analysis::topsis(&input)),
        9 => drop(analysis::fuzzy_evaluate(&input)),
        10 => drop(analysis::synergy_degree(&input)),
        11 => drop(analysis::allocate(&input)),
        12 => drop(timeline::assess_series(&input, &null)),
        13 => drop(timeline::assess_many(&input, &null)),
        14 => drop(batch::assess_batch(&batch::RegionBatch::from_json(&input), &null)),
        _ => {
            let table = input.get("table").unwrap_or(&null);
            drop(escalation::validate_table(table, &crisis_desk::error::Path::root(), None));
            if let Ok(t) = escalation::Table::parse(table) {
                drop(escalation::evaluate_table(&t, input.get("facts").unwrap_or(&null)));
                drop(escalation::zen_differences(&t));
            }
            drop(escalation::export_zen_graph(table));
            drop(escalation::import_zen_graph(&input));
        }
    }
}
