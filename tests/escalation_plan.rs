//! The escalation plan (issue 5 item 4) and its "Done when": the example scenario detected at
//! 09:00 Asia/Shanghai lists the county health administration's deadline at 11:00 and the chain
//! upwards with correct absolute times.

use crisis_desk::escalation::plan::{format_instant, parse_instant, TimeZone};
use crisis_desk::escalation::{default_rulebook, escalate, rulebook_hash};
use crisis_desk::Json;
use serde_json::{json, Value as J};

const MINIMAL: &str = include_str!("fixtures/escalation/rulebooks/minimal.json");

fn to_json(v: &J) -> Json {
    serde_json::from_value(v.clone()).unwrap()
}

/// The example situation assessed and serialised, as the page will pass it.
fn example_assessment() -> J {
    let s: Json = serde_json::from_str(crisis_desk::EXAMPLE_SITUATION).unwrap();
    serde_json::to_value(crisis_desk::assess(&s).unwrap()).unwrap()
}

fn plan(assessment: &J, options: J) -> J {
    let p = escalate(&to_json(assessment), &to_json(&options)).unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_value(p).unwrap()
}

fn deadline<'a>(p: &'a J, id: &str) -> &'a J {
    p["timeline"].as_array().unwrap().iter().find(|d| d["id"] == id).unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn done_when_the_example_detected_at_nine_lists_the_chain_upwards() {
    let a = example_assessment();
    assert_eq!(a["verdict"]["level"], "III");
    let p = plan(&a, json!({ "detectedAt": "2026-11-25T09:00:00+08:00" }));
    assert_eq!(p["timeZone"], json!({ "name": "Asia/Shanghai", "offset": "+08:00" }));
    assert_eq!(p["detectedAt"], "2026-11-25T09:00:00+08:00");

    // The county health administration must be told by 11:00.
    let first = &p["timeline"][0];
    assert_eq!(first["id"], "hospital-to-county-health");
    assert_eq!(first["to"][0]["id"], "zjg-health");
    assert_eq!(first["deadline"], "2026-11-25T11:00:00+08:00");
    assert_eq!(first["clock"], "11:00");
    assert_eq!(first["startsAt"], "2026-11-25T09:00:00+08:00");
    assert_eq!(first["startsAfter"], J::Null);
    assert!(first["basis"]["zh"].as_str().unwrap().contains("第二十条"));
    assert!(first["basis"]["en"].as_str().unwrap().contains("Art. 20"));
    assert_eq!(first["trace"][0]["rule"], "hospital-to-county-health");
    assert_eq!(first["trace"][0]["path"], "notifications[0]");
    assert_eq!(first["trace"][0]["inputs"][0]["field"], "response.level");
    assert_eq!(first["trace"][0]["inputs"][0]["value"], "III");
    assert_eq!(first["trace"][0]["inputs"][0]["passed"], true);
    assert!(first["text"]["en"].as_str().unwrap().contains("by 11:00 on 2026-11-25"));
    assert!(first["text"]["zh"].as_str().unwrap().contains("11:00前"));

    // Upwards: county health → county government, Suzhou health and the NHC by 13:00; county
    // government → Suzhou by 15:00; Suzhou → Jiangsu by 17:00; Jiangsu → national by 18:00.
    let up = deadline(&p, "county-health-up");
    assert_eq!(up["deadline"], "2026-11-25T13:00:00+08:00");
    assert_eq!(up["startsAfter"], "hospital-to-county-health");
    let to: Vec<&str> = up["to"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(to, ["zjg-gov", "suzhou-health", "nhc"]);
    assert_eq!(deadline(&p, "county-gov-to-prefecture")["deadline"], "2026-11-25T15:00:00+08:00");
    assert_eq!(deadline(&p, "prefecture-health-up")["deadline"], "2026-11-25T15:00:00+08:00");
    assert_eq!(deadline(&p, "prefecture-gov-to-province")["deadline"], "2026-11-25T17:00:00+08:00");
    assert_eq!(deadline(&p, "province-health-up")["deadline"], "2026-11-25T17:00:00+08:00");
    let top = deadline(&p, "province-to-national");
    assert_eq!(top["deadline"], "2026-11-25T18:00:00+08:00");
    assert_eq!(top["withinMinutes"], 60.0);
    assert_eq!(top["from"]["id"], "jiangsu-gov");
    assert_eq!(top["to"][0]["id"], "nhc");
    assert!(top["basis"]["en"].as_str().unwrap().contains("Art. 19"));

    // In time order, and no cross-border notice without the fact.
    let times: Vec<&str> = p["timeline"].as_array().unwrap().iter().map(|d| d["deadline"].as_str().unwrap()).collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted);
    assert_eq!(times.len(), 7);

    // The level: III from the rulebook's level table; Suzhou leads (standards.md §1.2).
    assert_eq!(p["level"]["level"], "III");
    assert_eq!(p["level"]["verdictLevel"], "III");
    assert_eq!(p["level"]["decidedBy"], "table");
    assert_eq!(p["level"]["trace"][0]["table"], "response-level");
    assert_eq!(p["level"]["trace"][0]["rule"], "level-III");
    assert_eq!(p["level"]["trace"][0]["path"], "tables[0].rules[2]");
    assert_eq!(p["level"]["trace"][0]["inputs"][0]["value"], "III");
    let lead: Vec<&str> = p["level"]["lead"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(lead, ["suzhou-gov"]);

    // Agencies by aspect, leads first, each with tasks and a trace.
    let gov = p["agencies"]["government"].as_array().unwrap();
    assert_eq!(gov[0]["id"], "suzhou-gov");
    assert_eq!(gov[0]["role"], "lead");
    let hq = gov.iter().find(|a| a["id"] == "zjg-hq").unwrap();
    assert_eq!(hq["role"], "support");
    assert!(!hq["tasks"].as_array().unwrap().is_empty());
    assert_eq!(hq["trace"][0]["path"], "activation[8]");
    for aspect in ["government", "medical", "network", "publicity"] {
        assert!(!p["agencies"][aspect].as_array().unwrap().is_empty(), "{aspect}");
        for a in p["agencies"][aspect].as_array().unwrap() {
            assert_eq!(a["aspect"], aspect);
        }
    }
    let medical: Vec<&str> =
        p["agencies"]["medical"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert!(medical.contains(&"zjg-cdc") && medical.contains(&"jiangsu-health"));
    assert!(!medical.contains(&"suzhou-health"), "Suzhou health guides at IV only");

    // Sharing: what the CDC shares and receives.
    let cdc = p["sharing"].as_array().unwrap().iter().find(|s| s["agency"]["id"] == "zjg-cdc").unwrap();
    let shares: Vec<&str> = cdc["shares"].as_array().unwrap().iter().map(|s| s["item"].as_str().unwrap()).collect();
    assert_eq!(shares, ["case-list", "contact-traces"]);
    let receives: Vec<&str> = cdc["receives"].as_array().unwrap().iter().map(|s| s["item"].as_str().unwrap()).collect();
    assert!(receives.contains(&"case-list") && receives.contains(&"contact-traces"));

    // Measures in force, with their stand-down.
    let ids: Vec<&str> = p["measures"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"risk-areas") && ids.contains(&"fever-clinics"));
    assert!(!ids.contains(&"schools"), "online teaching is for I–II");
    assert!(!ids.contains(&"neighbour-joint-investigation"));
    let fever = p["measures"].as_array().unwrap().iter().find(|m| m["id"] == "fever-clinics").unwrap();
    assert_eq!(fever["standDown"]["rule"], "incubation-period");
    assert_eq!(fever["standDown"]["holdsOn"], "2026-12-09");

    // Stand-down: 14 days after the last case (2026-11-25).
    assert_eq!(p["standDown"]["rule"], "incubation-period");
    assert_eq!(p["standDown"]["holds"], false);
    assert_eq!(p["standDown"]["earliestDate"], "2026-12-09");
    assert_eq!(p["standDown"]["conditions"].as_array().unwrap().len(), 4);

    // The rulebook's hash on the plan.
    assert_eq!(p["rulebook"]["hash"], rulebook_hash(&default_rulebook()));
    assert_eq!(p["rulebook"]["default"], true);
    assert_eq!(p["tables"][0]["id"], "response-level");
}

#[test]
fn the_same_instant_given_in_utc_gives_the_same_clock_times() {
    let a = example_assessment();
    let p = plan(&a, json!({ "detectedAt": "2026-11-25T01:00:00Z" }));
    assert_eq!(p["detectedAt"], "2026-11-25T09:00:00+08:00");
    assert_eq!(p["timeline"][0]["clock"], "11:00");
    // Shown in UTC when asked.
    let p = plan(&a, json!({ "detectedAt": "2026-11-25T09:00:00+08:00", "timeZone": "UTC" }));
    assert_eq!(p["timeline"][0]["deadline"], "2026-11-25T03:00:00+00:00");
    assert_eq!(p["timeZone"]["offset"], "+00:00");
}

#[test]
fn deadlines_past_midnight_fall_on_the_next_day() {
    let p = plan(&example_assessment(), json!({ "detectedAt": "2026-12-31T22:30:00+08:00" }));
    assert_eq!(p["timeline"][0]["deadline"], "2027-01-01T00:30:00+08:00");
    assert_eq!(p["timeline"][0]["date"], "2027-01-01");
    assert_eq!(deadline(&p, "province-to-national")["deadline"], "2027-01-01T07:30:00+08:00");
}

#[test]
fn a_cross_border_link_notifies_the_neighbours() {
    let p = plan(
        &example_assessment(),
        json!({ "detectedAt": "2026-11-25T09:00:00+08:00", "facts": { "crossBorderLink": true } }),
    );
    let n = deadline(&p, "cross-border-neighbours");
    assert_eq!(n["deadline"], "2026-11-25T13:00:00+08:00");
    let to: Vec<&str> = n["to"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(to, ["changshu-health", "jiangyin-health", "nantong-health"]);
    assert_eq!(n["trace"][0]["inputs"][0]["field"], "facts.crossBorderLink");
    assert_eq!(n["trace"][0]["inputs"][0]["value"], true);
    assert_eq!(n["source"], "illustrative");
    let ids: Vec<&str> = p["measures"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"neighbour-joint-investigation"));
}

#[test]
fn a_major_event_raises_level_iv_to_iii() {
    let mut a = example_assessment();
    a["verdict"]["level"] = "IV".into();
    let p = plan(&a, json!({ "detectedAt": "2026-11-25T09:00:00+08:00" }));
    assert_eq!(p["level"]["level"], "IV");
    let lead: Vec<&str> = p["level"]["lead"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    // In rulebook order.
    assert_eq!(lead, ["zjg-hq", "zjg-gov"]);
    let p = plan(&a, json!({ "detectedAt": "2026-11-25T09:00:00+08:00", "facts": { "majorEvent": true } }));
    assert_eq!(p["level"]["level"], "III");
    assert_eq!(p["level"]["verdictLevel"], "IV");
    assert_eq!(p["level"]["trace"][0]["rule"], "level-IV-major-event");
}

#[test]
fn the_led_by_column_decides_who_leads_and_a_copy_of_the_default_is_the_default() {
    let a = example_assessment();
    let options = |book: &J| json!({ "detectedAt": "2026-11-25T09:00:00+08:00", "rulebook": book });
    let lead = |p: &J| -> Vec<String> {
        p["level"]["lead"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap().to_owned()).collect()
    };
    let mut book: J = serde_json::from_str(crisis_desk::escalation::DEFAULT_RULEBOOK).unwrap();
    let p = plan(&a, options(&book));
    assert_eq!(p["level"]["level"], "III");
    assert_eq!(lead(&p), ["suzhou-gov"]);
    assert_eq!(p["rulebook"]["default"], true, "an unmodified copy is the bundled rulebook");
    // The official edits who leads at level III in the table: the plan follows.
    let rule = book["tables"][0]["rules"].as_array_mut().unwrap().iter_mut().find(|r| r["_id"] == "level-III").unwrap();
    rule["out_led_by"] = json!("\"jiangsu\"");
    let p = plan(&a, options(&book));
    assert_eq!(p["level"]["level"], "III");
    assert_eq!(lead(&p), ["jiangsu-gov"]);
    assert_eq!(p["rulebook"]["default"], false);
}

#[test]
fn no_level_means_no_statutory_chain() {
    let mut a = example_assessment();
    a["verdict"]["level"] = J::Null;
    let p = plan(&a, json!({ "detectedAt": "2026-11-25T09:00:00+08:00" }));
    assert_eq!(p["level"]["level"], J::Null);
    assert_eq!(p["level"]["decidedBy"], "verdict");
    assert_eq!(p["level"]["trace"][0]["rule"], "default-to-verdict");
    assert!(p["timeline"].as_array().unwrap().is_empty());
    assert!(!p["notes"].as_array().unwrap().is_empty());
}

#[test]
fn a_custom_rulebook_defaults_to_the_verdict_and_times_minutes() {
    let mut book: J = serde_json::from_str(MINIMAL).unwrap();
    book["tables"] = json!([]);
    let mut a = example_assessment();
    a["verdict"]["level"] = "IV".into();
    let p = plan(&a, json!({ "detectedAt": "2026-11-25T09:00:00+08:00", "rulebook": book.clone() }));
    assert_eq!(p["rulebook"]["id"], "minimal");
    assert_eq!(p["rulebook"]["default"], false);
    assert_eq!(p["rulebook"]["hash"], rulebook_hash(&to_json(&book)));
    assert_eq!(p["level"]["level"], "IV");
    assert_eq!(p["level"]["decidedBy"], "verdict");
    let clocks: Vec<(&str, &str)> = p["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["clock"].as_str().unwrap()))
        .collect();
    // 2 h, then 90 min, then 2 h, then 1 h.
    assert_eq!(clocks, [("n1", "11:00"), ("n2", "12:30"), ("n3", "14:30"), ("n4", "15:30")]);
    assert_eq!(p["agencies"]["government"][0]["id"], "gov");
    assert_eq!(p["agencies"]["government"][0]["role"], "lead");
    let press = &p["sharing"].as_array().unwrap().iter().find(|s| s["agency"]["id"] == "press").unwrap()["receives"][0];
    assert_eq!(press["item"], "case-list");
    assert_eq!(press["with"][0]["id"], "health");
}

#[test]
fn every_problem_in_the_options_is_reported_at_its_path() {
    let a = to_json(&example_assessment());
    let err = |o: J| {
        escalate(&a, &to_json(&o))
            .unwrap_err()
            .problems
            .into_iter()
            .map(|p| (p.code.as_str(), p.path))
            .collect::<Vec<_>>()
    };
    assert_eq!(err(json!({})), [("required", "options.detectedAt".to_string())]);
    assert_eq!(
        err(json!({ "detectedAt": "2026-11-25T09:00:00" })),
        [("invalid-date", "options.detectedAt".to_string())]
    );
    assert_eq!(err(json!({ "detectedAt": "2026-11-25T25:00:00+08:00" }))[0].0, "invalid-date");
    assert_eq!(
        err(json!({ "detectedAt": "2026-11-25T09:00:00+08:00", "timeZone": "Europe/Berlin" })),
        [("invalid-value", "options.timeZone".to_string())]
    );
    assert_eq!(
        err(json!({ "detectedAt": "2026-11-25T09:00:00+08:00", "facts": [] })),
        [("invalid-type", "options.facts".to_string())]
    );
    assert_eq!(
        err(json!({ "detectedAt": "2026-11-25T09:00:00+08:00", "colour": 1 })),
        [("unknown-key", "options.colour".to_string())]
    );
    let mut book: J = serde_json::from_str(MINIMAL).unwrap();
    book["notifications"][0]["within"]["hours"] = 0.into();
    assert_eq!(
        err(json!({ "detectedAt": "2026-11-25T09:00:00+08:00", "rulebook": book })),
        [("not-positive", "options.rulebook.notifications[0].within.hours".to_string())]
    );
    let mut bad = example_assessment();
    bad["verdict"]["level"] = "V".into();
    let e = escalate(&to_json(&bad), &to_json(&json!({ "detectedAt": "2026-11-25T09:00:00+08:00" }))).unwrap_err();
    assert_eq!(e.problems[0].path, "assessment.verdict.level");
}

#[test]
fn instants_parse_and_format_with_fixed_offsets() {
    let t = parse_instant("2026-11-25T09:00:00+08:00").unwrap();
    assert_eq!(parse_instant("2026-11-25T01:00Z"), Some(t));
    assert_eq!(parse_instant("2026-11-25T04:30:00.250+03:30"), Some(t));
    assert_eq!(parse_instant("2026-11-24T20:00:00-05:00"), Some(t));
    for bad in
        ["2026-11-25", "2026-11-25T09:00", "2026-11-25T9:00+08:00", "2026-02-30T09:00+08:00", "2026-11-25T09:00+8"]
    {
        assert_eq!(parse_instant(bad), None, "{bad}");
    }
    let (iso, date, clock) = format_instant(t, &TimeZone::shanghai());
    assert_eq!((iso.as_str(), date.as_str(), clock.as_str()), ("2026-11-25T09:00:00+08:00", "2026-11-25", "09:00"));
    let ny = TimeZone::parse("-05:00").unwrap();
    assert_eq!(format_instant(t, &ny).0, "2026-11-24T20:00:00-05:00");
    assert_eq!(TimeZone::parse("UTC+05:30").unwrap().offset_minutes, 330);
    assert!(TimeZone::parse("America/New_York").is_none());
}
