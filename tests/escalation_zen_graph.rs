//! A decision table as a GoRules ZEN decision graph and back (`src/escalation/zen_graph.rs`):
//! the graphs ZEN evaluated in the differential test import to the very tables it was given,
//! every table exports to a graph of that shape and imports back unchanged, and a bad graph is
//! answered with every problem at its path in the graph file.

mod common;

use common::{problem_pairs, to_json};
use crisis_desk::escalation::{export_zen_graph, import_zen_graph, DEFAULT_RULEBOOK};
use serde_json::{json, Value};

const DIFFERENTIAL: &str = include_str!("fixtures/escalation/zen-differential.json");

/// The graph `tests/oracles/escalation_zen.py` (`jdm`) hands to ZEN for a table.
fn oracle_graph(table: &Value) -> Value {
    let mut content = serde_json::Map::new();
    for k in ["hitPolicy", "inputs", "outputs", "rules"] {
        content.insert(k.into(), table[k].clone());
    }
    json!({
        "nodes": [
            {"id": "in", "name": "Request", "type": "inputNode", "position": {"x": 0, "y": 0}},
            {"id": "table", "name": table["name"], "type": "decisionTableNode", "position": {"x": 200, "y": 0}, "content": content},
            {"id": "out", "name": "Response", "type": "outputNode", "position": {"x": 400, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
            {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"},
        ],
    })
}

fn tables() -> Vec<Value> {
    let fixture: Value = serde_json::from_str(DIFFERENTIAL).unwrap();
    let mut out: Vec<Value> = fixture["tables"].as_array().unwrap().iter().map(|t| t["table"].clone()).collect();
    let rulebook: Value = serde_json::from_str(DEFAULT_RULEBOOK).unwrap();
    out.extend(rulebook["tables"].as_array().unwrap().iter().cloned());
    // Without a name (the export names the node by the id; the import leaves it out again).
    let mut unnamed = out[0].clone();
    unnamed.as_object_mut().unwrap().remove("name");
    out.push(unnamed);
    out
}

fn value<T: serde::Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap()
}

#[test]
fn the_graphs_zen_evaluated_import_to_the_tables_it_was_given() {
    let fixture: Value = serde_json::from_str(DIFFERENTIAL).unwrap();
    let generated = fixture["tables"].as_array().unwrap();
    assert!(generated.len() >= 20, "the differential fixture should hold many tables");
    for entry in generated {
        let table = &entry["table"];
        let imported = value(&import_zen_graph(&to_json(&oracle_graph(table))).unwrap());
        let mut want = table.clone();
        want["id"] = json!("table"); // the node's id becomes the table's
        assert_eq!(imported["tables"], json!([want]), "{}", table["id"]);
        let skipped: Vec<&str> =
            imported["skipped"].as_array().unwrap().iter().map(|s| s["type"].as_str().unwrap()).collect();
        assert_eq!(skipped, ["inputNode", "outputNode"]);
    }
}

#[test]
fn every_table_exports_to_input_table_output_and_imports_back_unchanged() {
    for table in tables() {
        let exported = value(&export_zen_graph(&to_json(&table)).unwrap());
        let graph = &exported["graph"];
        assert_eq!(graph["contentType"], "application/vnd.gorules.decision");
        let nodes = graph["nodes"].as_array().unwrap();
        let types: Vec<&str> = nodes.iter().map(|n| n["type"].as_str().unwrap()).collect();
        assert_eq!(types, ["inputNode", "decisionTableNode", "outputNode"]);
        let node = &nodes[1];
        assert_eq!(node["id"], table["id"]);
        assert_eq!(node["content"]["rules"], table["rules"]);
        assert!(node["content"].get("id").is_none() && node["content"].get("name").is_none());
        // The edges run input → table → output, by the nodes' ids.
        let edges: Vec<(&str, &str)> = graph["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["sourceId"].as_str().unwrap(), e["targetId"].as_str().unwrap()))
            .collect();
        let id = |i: usize| nodes[i]["id"].as_str().unwrap();
        assert_eq!(edges, [(id(0), id(1)), (id(1), id(2))]);

        let back = value(&import_zen_graph(&to_json(graph)).unwrap());
        assert_eq!(back["tables"], json!([table]), "round trip of {}", table["id"]);
    }
}

#[test]
fn the_export_lists_the_cells_zen_reads_otherwise() {
    let table = json!({
        "id": "level", "hitPolicy": "first",
        "inputs": [{"id": "in_n", "name": "n", "field": "n"}],
        "outputs": [{"id": "out_l", "name": "l", "field": "l"}],
        "rules": [{"_id": "r1", "in_n": "= 5", "out_l": "\"II\""}, {"_id": "r2", "in_n": "]1..5[", "out_l": "\"III\""}],
    });
    let exported = value(&export_zen_graph(&to_json(&table)).unwrap());
    let kinds: Vec<(&str, &str)> = exported["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap(), d["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(kinds, [("rules[0].in_n", "explicit-equals"), ("rules[1].in_n", "reversed-bracket-range")]);
    // A table without a name takes its id as the node's name.
    assert_eq!(exported["graph"]["nodes"][1]["name"], "level");
}

#[test]
fn a_table_that_does_not_parse_is_not_exported() {
    let table = json!({"hitPolicy": "first", "inputs": [{"id": "a", "field": "a"}], "outputs": [], "rules": [{"_id": "r1", "a": "[1.."}]});
    let err = export_zen_graph(&to_json(&table)).unwrap_err();
    assert!(problem_pairs(&err).contains(&("feel-syntax".into(), "rules[0].a".into())), "{err}");
}

#[test]
fn bad_graphs_are_answered_at_their_paths() {
    let good = |id: &str| json!({"id": id, "type": "decisionTableNode", "content": {"hitPolicy": "first", "inputs": [{"id": "a", "field": "a"}], "outputs": [{"id": "o", "field": "o"}], "rules": [{"_id": "r1", "a": "1", "o": "2"}]}});
    let cases: Vec<(Value, Vec<(&str, &str)>)> = vec![
        (json!([1, 2]), vec![("invalid-type", "")]),
        (json!({"edges": []}), vec![("required", "nodes")]),
        (json!({"nodes": {}}), vec![("invalid-type", "nodes")]),
        (json!({"nodes": [{"id": "x", "type": "expressionNode"}]}), vec![("required", "nodes")]),
        (json!({"nodes": [7, {"id": "n"}]}), vec![("invalid-type", "nodes[0]"), ("required", "nodes[1].type")]),
        (json!({"nodes": [{"type": "decisionTableNode", "content": {}}]}), vec![("required", "nodes[0].id")]),
        (json!({"nodes": [good("t"), good("t")]}), vec![("duplicate-id", "nodes[1].id")]),
        (json!({"nodes": [{"id": "t", "type": "decisionTableNode"}]}), vec![("required", "nodes[0].content")]),
        (
            json!({"nodes": [{"id": "t", "type": "decisionTableNode", "content": "x"}]}),
            vec![("invalid-type", "nodes[0].content")],
        ),
    ];
    for (graph, want) in cases {
        let err = import_zen_graph(&to_json(&graph)).unwrap_err();
        let want: Vec<(String, String)> = want.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect();
        assert_eq!(problem_pairs(&err), want, "{graph}");
    }
    // A bad cell is named where it sits in the file.
    let mut bad = good("t");
    bad["content"]["rules"][0]["a"] = json!("[1..");
    let err = import_zen_graph(&to_json(&json!({"nodes": [good("ok"), bad]}))).unwrap_err();
    assert_eq!(problem_pairs(&err), [("feel-syntax".to_string(), "nodes[1].content.rules[0].a".to_string())]);
}

#[test]
fn nodes_that_are_not_tables_are_listed_not_dropped() {
    let graph = json!({"nodes": [
        {"id": "sw", "type": "switchNode", "content": {}},
        {"id": "t", "type": "decisionTableNode", "name": "T", "content": {"hitPolicy": "collect", "inputs": [], "outputs": [{"id": "o", "field": "o"}], "rules": []}},
        {"type": "functionNode"},
    ]});
    let got = value(&import_zen_graph(&to_json(&graph)).unwrap());
    assert_eq!(
        got["skipped"],
        json!([{"path": "nodes[0]", "id": "sw", "type": "switchNode"}, {"path": "nodes[2]", "type": "functionNode"}])
    );
    assert_eq!(got["tables"][0]["id"], "t");
    assert_eq!(got["tables"][0]["name"], "T");
}
