//! Decision tables built from pieces of the cell language (and some garbage), with facts of
//! every JSON type, under every hit policy: reading, validation (overlaps, unreachable rows,
//! gaps), evaluation with its trace, the ZEN differences and the ZEN graph round trip.
#![no_main]

use arbitrary::Arbitrary;
use crisis_desk::error::Path;
use crisis_desk::escalation::{evaluate_table, export_zen_graph, import_zen_graph, validate_table, zen_differences, Table};
use crisis_desk::Json;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Piece {
    Any,
    Dash,
    Num(i16),
    Frac(i16, u8),
    Cmp(u8, i16),
    Range(u8, i16, i16, u8),
    Str(u8),
    Bool(bool),
    Null,
    Not(Vec<Piece>),
    List(Vec<Piece>),
    Raw(String),
}

fn cell(p: &Piece, depth: u8) -> String {
    match p {
        Piece::Any => String::new(),
        Piece::Dash => "-".into(),
        Piece::Num(x) => x.to_string(),
        Piece::Frac(x, f) => format!("{x}.{f}"),
        Piece::Cmp(op, x) => format!("{} {x}", ["<", "<=", ">", ">=", "=", "!="][usize::from(op % 6)]),
        Piece::Range(o, a, b, c) => {
            format!("{}{a}..{b}{}", ["[", "(", "]"][usize::from(o % 3)], ["]", ")", "["][usize::from(c % 3)])
        }
        Piece::Str(k) => format!("\"{}\"", ["I", "II", "III", "IV", "a\\\"b", "", "中"][usize::from(k % 7)]),
        Piece::Bool(b) => b.to_string(),
        Piece::Null => "null".into(),
        Piece::Not(inner) if depth < 3 => {
            format!("not({})", inner.iter().take(4).map(|p| cell(p, depth + 1)).collect::<Vec<_>>().join(", "))
        }
        Piece::List(inner) if depth < 3 => inner.iter().take(4).map(|p| cell(p, depth + 1)).collect::<Vec<_>>().join(", "),
        Piece::Raw(s) => s.chars().take(40).collect(),
        _ => "1".into(),
    }
}

#[derive(Arbitrary, Debug)]
enum Fact {
    Num(i16),
    Str(u8),
    Bool(bool),
    Null,
    Missing,
}

#[derive(Arbitrary, Debug)]
struct Input {
    policy: u8,
    inputs: u8,
    outputs: u8,
    rules: Vec<(Vec<Piece>, Vec<Piece>)>,
    facts: Vec<Fact>,
    values: bool,
}

fuzz_target!(|input: Input| {
    let n_in = usize::from(input.inputs % 4);
    let n_out = 1 + usize::from(input.outputs % 3);
    let policy = ["first", "collect", "unique", "any", "priority"][usize::from(input.policy % 5)];
    let col = |kind: &str, i: usize| {
        let mut c = vec![("id".to_string(), Json::String(format!("{kind}{i}"))), ("field".into(), Json::String(format!("{kind}.f{i}")))];
        if kind == "in" && input.values && i == 0 {
            c.push(("values".into(), Json::Array(["I", "II", "III", "IV"].iter().map(|v| Json::String((*v).into())).collect())));
        }
        if kind == "out" && policy == "priority" {
            c.push(("priority".into(), Json::Array(["I", "II", "III", "IV"].iter().map(|v| Json::String((*v).into())).collect())));
        }
        Json::Object(c)
    };
    let rules: Vec<Json> = input
        .rules
        .iter()
        .take(40)
        .enumerate()
        .map(|(k, (ins, outs))| {
            let mut r = vec![("_id".to_string(), Json::String(format!("r{k}")))];
            for i in 0..n_in {
                r.push((format!("in{i}"), Json::String(ins.get(i).map_or(String::new(), |p| cell(p, 0)))));
            }
            for o in 0..n_out {
                // Output cells: one literal (or garbage from a piece).
                r.push((format!("out{o}"), Json::String(outs.get(o).map_or(String::new(), |p| cell(p, 2)))));
            }
            Json::Object(r)
        })
        .collect();
    let table = Json::Object(vec![
        ("id".into(), Json::String("t".into())),
        ("hitPolicy".into(), Json::String(policy.into())),
        ("inputs".into(), Json::Array((0..n_in).map(|i| col("in", i)).collect())),
        ("outputs".into(), Json::Array((0..n_out).map(|o| col("out", o)).collect())),
        ("rules".into(), Json::Array(rules)),
    ]);
    let facts = Json::Object(vec![(
        "in".into(),
        Json::Object(
            input
                .facts
                .iter()
                .take(n_in)
                .enumerate()
                .filter_map(|(i, f)| {
                    let v = match f {
                        Fact::Num(x) => Json::Number(f64::from(*x) / 4.0),
                        Fact::Str(k) => Json::String(["I", "II", "III", "IV", "x"][usize::from(k % 5)].into()),
                        Fact::Bool(b) => Json::Bool(*b),
                        Fact::Null => Json::Null,
                        Fact::Missing => return None,
                    };
                    Some((format!("f{i}"), v))
                })
                .collect(),
        ),
    )]);
    let _ = validate_table(&table, &Path::root(), None);
    if let Ok(t) = Table::parse(&table) {
        let first = evaluate_table(&t, &facts);
        assert_eq!(first, evaluate_table(&t, &facts), "same input, same answer");
        let _ = zen_differences(&t);
        // A table that parses exports, and its graph imports back to the same table.
        let graph = export_zen_graph(&table).expect("a parsed table exports");
        let back = import_zen_graph(&graph.graph).expect("an exported graph imports");
        assert_eq!(back.tables, vec![table.clone()]);
    }
});
