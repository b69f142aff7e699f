//! A decision table as a GoRules ZEN decision graph (JDM) and back, so that a table exported
//! from crisis-desk opens in ZEN's editor and one authored there imports here (issue 5 item 7).
//!
//! # Export: `exportZenGraph(table)` → `{ graph, differences }`
//!
//! ```jsonc
//! { "contentType": "application/vnd.gorules.decision",
//!   "nodes": [
//!     { "id": "crisis-desk-request", "type": "inputNode", "name": "Request", "position": {…} },
//!     { "id": "<table id>", "type": "decisionTableNode", "name": "<table name>", "position": {…},
//!       "content": { "hitPolicy": …, "inputs": […], "outputs": […], "rules": […] } },
//!     { "id": "crisis-desk-response", "type": "outputNode", "name": "Response", "position": {…} } ],
//!   "edges": [ request → table, table → response ] }
//! ```
//!
//! This is the graph ZEN evaluates in `tests/oracles/escalation_zen.py` (inputNode →
//! decisionTableNode → outputNode). `content` holds every key of the table but `id` and `name`
//! (they go on the node), in their order, crisis-desk's extras (`values`, `min`, `max`,
//! `priority`, `aggregation`, `_description`) included: ZEN ignores them and an import here gets
//! them back. `differences` lists what ZEN would read otherwise ([`super::zen`]).
//!
//! # Import: `importZenGraph(graph)` → `{ tables, skipped }`
//!
//! Every `decisionTableNode` becomes a table: `id` and `name` from the node (a name equal to
//! the id is how an unnamed table was exported, and is left out), the rest from its `content`.
//! Other nodes (expression, switch, function, sub-decision nodes, inputs and outputs)
//! are not crisis-desk tables: they are listed in `skipped` with their path and type, never
//! dropped silently. Edges are not imported: crisis-desk evaluates each table on the facts. A
//! graph that is not one, a table node without an id, two tables with one id, or a table that
//! does not parse is an error listing every problem at its path in the graph file
//! (`nodes[1].content.rules[0].in_level`).

use serde::Serialize;

use super::table::Table;
use super::zen::{zen_differences, ZenDifference};
use crate::error::{Code, InputError, Path, Problems};
use crate::json::Json;
use crate::read;

/// ZEN's content type for a decision graph (JDM).
pub const CONTENT_TYPE: &str = "application/vnd.gorules.decision";
const REQUEST_NODE: &str = "crisis-desk-request";
const RESPONSE_NODE: &str = "crisis-desk-response";

/// A table exported as a ZEN graph, with the cells ZEN would read otherwise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZenGraphExport {
    pub graph: Json,
    pub differences: Vec<ZenDifference>,
}

/// The tables found in a ZEN graph and the nodes that are not tables.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZenGraphImport {
    pub tables: Vec<Json>,
    pub skipped: Vec<SkippedNode>,
}

/// A node of an imported graph that is not a decision table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkippedNode {
    /// JSON path of the node in the graph: `nodes[2]`.
    pub path: String,
    /// The node's id, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The node's type (`expressionNode`, `inputNode`, …).
    #[serde(rename = "type")]
    pub node_type: String,
}

fn string(s: &str) -> Json {
    Json::String(s.to_owned())
}

fn object(entries: Vec<(&str, Json)>) -> Json {
    Json::Object(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn position(x: f64) -> Json {
    object(vec![("x", Json::Number(x)), ("y", Json::Number(0.0))])
}

fn edge(id: &str, from: &str, to: &str) -> Json {
    object(vec![("id", string(id)), ("sourceId", string(from)), ("targetId", string(to)), ("type", string("edge"))])
}

/// The table as a ZEN decision graph. Errors are the table's own (it must parse).
pub fn export_zen_graph(table: &Json) -> Result<ZenGraphExport, InputError> {
    let parsed = Table::parse(table)?;
    let Json::Object(entries) = table else { unreachable!("Table::parse accepts objects only") };
    let text = |key: &str| match table.get(key) {
        Some(Json::String(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    let id = text("id").unwrap_or_else(|| "table".to_owned());
    let name = text("name").unwrap_or_else(|| id.clone());
    let content = Json::Object(entries.iter().filter(|(k, _)| k != "id" && k != "name").cloned().collect());
    let graph = object(vec![
        ("contentType", string(CONTENT_TYPE)),
        (
            "nodes",
            Json::Array(vec![
                object(vec![
                    ("id", string(REQUEST_NODE)),
                    ("type", string("inputNode")),
                    ("name", string("Request")),
                    ("position", position(0.0)),
                ]),
                object(vec![
                    ("id", string(&id)),
                    ("type", string("decisionTableNode")),
                    ("name", string(&name)),
                    ("position", position(240.0)),
                    ("content", content),
                ]),
                object(vec![
                    ("id", string(RESPONSE_NODE)),
                    ("type", string("outputNode")),
                    ("name", string("Response")),
                    ("position", position(480.0)),
                ]),
            ]),
        ),
        (
            "edges",
            Json::Array(vec![
                edge("crisis-desk-edge-in", REQUEST_NODE, &id),
                edge("crisis-desk-edge-out", &id, RESPONSE_NODE),
            ]),
        ),
    ]);
    Ok(ZenGraphExport { graph, differences: zen_differences(&parsed) })
}

/// The decision tables of a ZEN graph, each checked as [`Table::parse`] would.
pub fn import_zen_graph(graph: &Json) -> Result<ZenGraphImport, InputError> {
    let mut problems = Problems::new();
    let root = Path::root();
    crate::limits::check_input(graph, &root)?;
    let Json::Object(_) = graph else {
        problems.push(
            Code::InvalidType,
            &root,
            format!("expected a ZEN decision graph (an object with `nodes`), found {}", graph.kind()),
        );
        return problems.finish(ZenGraphImport { tables: vec![], skipped: vec![] });
    };
    let nodes_path = root.key("nodes");
    let Some(nodes) = read::required(graph, "nodes", &root, &mut problems)
        .and_then(|n| read::array(n, &nodes_path, &mut problems))
        .filter(|n| {
            crate::limits::within(n.len(), crate::limits::MAX_RULEBOOK_ENTRIES, &nodes_path, "nodes", &mut problems)
        })
    else {
        return problems.finish(ZenGraphImport { tables: vec![], skipped: vec![] });
    };
    let mut tables = Vec::new();
    let mut skipped = Vec::new();
    let mut ids: Vec<(String, Path)> = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let path = nodes_path.index(i);
        let Json::Object(_) = node else {
            problems.push(Code::InvalidType, &path, format!("expected a node (an object), found {}", node.kind()));
            continue;
        };
        let type_path = path.key("type");
        let Some(node_type) =
            read::required(node, "type", &path, &mut problems).and_then(|t| read::string(t, &type_path, &mut problems))
        else {
            continue;
        };
        let node_id = match node.get("id") {
            Some(Json::String(s)) if !s.is_empty() => Some(s.clone()),
            _ => None,
        };
        if node_type != "decisionTableNode" {
            skipped.push(SkippedNode { path: path.to_string(), id: node_id, node_type });
            continue;
        }
        let Some(id) = node_id else {
            problems.push(
                Code::Required,
                &path.key("id"),
                "a decision table node needs a non-empty string id (it becomes the table's id)",
            );
            continue;
        };
        if let Some((_, first)) = ids.iter().find(|(seen, _)| *seen == id) {
            problems.push(
                Code::DuplicateId,
                &path.key("id"),
                format!("table id {} is already used by {first}", crate::json::quote(&id)),
            );
            continue;
        }
        ids.push((id.clone(), path.key("id")));
        let content_path = path.key("content");
        let Some(content) = read::required(node, "content", &path, &mut problems) else { continue };
        let Json::Object(entries) = content else {
            problems.push(
                Code::InvalidType,
                &content_path,
                format!("expected the table (an object), found {}", content.kind()),
            );
            continue;
        };
        let mut table = vec![("id".to_owned(), Json::String(id.clone()))];
        // ZEN nodes always have a name; an export names an unnamed table by its id, so a name
        // equal to the id is not carried back (the table round-trips unchanged).
        if let Some(Json::String(name)) = node.get("name") {
            if !name.is_empty() && *name != id {
                table.push(("name".to_owned(), Json::String(name.clone())));
            }
        }
        table.extend(entries.iter().filter(|(k, _)| k != "id" && k != "name").cloned());
        let table = Json::Object(table);
        // Checked where it sits in the graph, so each problem's path opens the file there.
        if Table::from_json(&table, &content_path, &mut problems).is_some() {
            tables.push(table);
        }
    }
    if problems.is_empty() && tables.is_empty() {
        problems.push(Code::Required, &nodes_path, "the graph has no decisionTableNode: nothing to import");
    }
    problems.finish(ZenGraphImport { tables, skipped })
}
