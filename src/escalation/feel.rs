//! FEEL unary tests (the input cells of a decision table) and output literals, parsed once into
//! a typed AST and evaluated with FEEL's three-valued logic.
//!
//! # Input cells: the grammar accepted
//!
//! ```text
//! cell      = ""  |  "-"  |  "not" "(" tests ")"  |  tests         (whitespace anywhere between)
//! tests     = test { "," test }                                      a disjunction: any may match
//! test      = ("<" | "<=" | ">" | ">=") number                       ordering: numbers only
//!           | ("=" | "!=") literal
//!           | range
//!           | literal                                                equality with the input
//! range     = ("[" | "(" | "]") number ".." number ("]" | ")" | "[")
//! literal   = number | string | "true" | "false" | "null"
//! number    = ["-"] digits ["." digits]  |  ["-"] "." digits         no exponent
//! string    = '"' { char | "\"" | "\\" | "\n" | "\r" | "\t" | "\'" | "\uXXXX" } '"'
//! ```
//!
//! An empty cell and `-` match anything (null included). In a range, `(` or `]` at the start and
//! `)` or `[` at the end exclude the endpoint: `]1..5[` is FEEL's open range (1..5).
//!
//! # Semantics (DMN 1.3 §10.3.2.9, FEEL's three-valued logic)
//!
//! A test yields true, false or null. Equality of two values of one type is true or false;
//! `null = null` is true and `null = x` false; values of different types compare as null, and so
//! do ordering comparisons and ranges on anything but a number. A list is true if any test is true,
//! false if all are false, else null; `not(...)` swaps true and false and keeps null. An input
//! matches when the cell is **true**: a string never matches `< 5`, nor `not(< 5)`.
//!
//! # Output cells
//!
//! One literal (`"II"`, `3`, `-2.5`, `true`, `false`, `null`) or nothing: an empty output cell
//! leaves its field out of the result, as ZEN does.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::fmt;

use crate::json::Json;

/// A value a cell denotes or an input reads. Objects keep their key order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// Always finite.
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The value of a JSON fact; `None` when it holds a number that is NaN or infinite.
    pub fn from_json(json: &Json) -> Option<Value> {
        Some(match json {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(x) if x.is_finite() => Value::Number(*x),
            Json::Number(_) => return None,
            Json::String(s) => Value::String(s.clone()),
            Json::Array(items) => Value::Array(items.iter().map(Value::from_json).collect::<Option<_>>()?),
            Json::Object(pairs) => Value::Object(
                pairs.iter().map(|(k, v)| Value::from_json(v).map(|v| (k.clone(), v))).collect::<Option<_>>()?,
            ),
        })
    }

    /// The type's name, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }

    /// FEEL equality: `Some(bool)` for two values of one type or when either is null, `None`
    /// (FEEL's null) for values of different types.
    pub fn feel_eq(&self, other: &Value) -> Option<bool> {
        match (self, other) {
            (Value::Null, Value::Null) => Some(true),
            (Value::Null, _) | (_, Value::Null) => Some(false),
            (Value::Bool(a), Value::Bool(b)) => Some(a == b),
            (Value::Number(a), Value::Number(b)) => Some(a == b),
            (Value::String(a), Value::String(b)) => Some(a == b),
            (Value::Array(a), Value::Array(b)) => {
                if a.len() != b.len() {
                    return Some(false);
                }
                let mut all = Some(true);
                for (x, y) in a.iter().zip(b) {
                    match x.feel_eq(y) {
                        Some(true) => {}
                        Some(false) => return Some(false),
                        None => all = None,
                    }
                }
                all
            }
            (Value::Object(a), Value::Object(b)) => {
                if a.len() != b.len() {
                    return Some(false);
                }
                let mut all = Some(true);
                for (k, x) in a {
                    match b.iter().find(|(kb, _)| kb == k) {
                        None => return Some(false),
                        Some((_, y)) => match x.feel_eq(y) {
                            Some(true) => {}
                            Some(false) => return Some(false),
                            None => all = None,
                        },
                    }
                }
                all
            }
            _ => None,
        }
    }
}

/// FEEL text of a value, for messages and rendered regions: `"II"`, `3`, `true`, `null`.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(x) => f.write_str(&number_text(*x)),
            Value::String(s) => f.write_str(&crate::json::quote(s)),
            Value::Array(items) => {
                f.write_str("[")?;
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_str("]")
            }
            Value::Object(pairs) => {
                f.write_str("{")?;
                for (i, (k, v)) in pairs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{}: {v}", crate::json::quote(k))?;
                }
                f.write_str("}")
            }
        }
    }
}

/// A number as the shortest text that reads back to it; whole numbers without `.0`.
pub fn number_text(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
        return format!("{}", x as i64);
    }
    format!("{x}")
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            // Whole numbers as integers, so JSON reads `3`, not `3.0`.
            Value::Number(x) if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 => s.serialize_i64(*x as i64),
            Value::Number(x) => s.serialize_f64(*x),
            Value::String(v) => s.serialize_str(v),
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for v in items {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            Value::Object(pairs) => {
                let mut map = s.serialize_map(Some(pairs.len()))?;
                for (k, v) in pairs {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// An ordering comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
        }
    }
}

/// A numeric range; `low_closed`/`high_closed` say whether the endpoints belong to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    pub low: f64,
    pub high: f64,
    pub low_closed: bool,
    pub high_closed: bool,
    /// The brackets as written (`[`, `(` or `]`; `]`, `)` or `[`), for ZEN's reading.
    pub brackets: (char, char),
}

impl Range {
    pub fn contains(&self, x: f64) -> bool {
        let above = if self.low_closed { x >= self.low } else { x > self.low };
        let below = if self.high_closed { x <= self.high } else { x < self.high };
        above && below
    }
}

/// One positive unary test.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// `5`, `"II"`, `true`, `null` (`explicit: false`) or `= 5` (`explicit: true`).
    Equal { value: Value, explicit: bool },
    /// `!= 5`.
    NotEqual(Value),
    /// `< 5`, `<= 5`, `> 5`, `>= 5`.
    Compare(Cmp, f64),
    /// `[1..5]`, `(1..5)`, `[1..5)`, `]1..5[` ...
    Range(Range),
}

impl Test {
    /// True, false or null (`None`) for the input `v`.
    pub fn eval(&self, v: &Value) -> Option<bool> {
        match self {
            Test::Equal { value, .. } => v.feel_eq(value),
            Test::NotEqual(value) => v.feel_eq(value).map(|b| !b),
            Test::Compare(op, c) => match v {
                Value::Number(x) => Some(match op {
                    Cmp::Lt => x < c,
                    Cmp::Le => x <= c,
                    Cmp::Gt => x > c,
                    Cmp::Ge => x >= c,
                }),
                _ => None,
            },
            Test::Range(r) => match v {
                Value::Number(x) => Some(r.contains(*x)),
                _ => None,
            },
        }
    }

    /// Every literal the test mentions (endpoints as numbers).
    pub fn literals(&self) -> Vec<Value> {
        match self {
            Test::Equal { value, .. } | Test::NotEqual(value) => vec![value.clone()],
            Test::Compare(_, c) => vec![Value::Number(*c)],
            Test::Range(r) => vec![Value::Number(r.low), Value::Number(r.high)],
        }
    }
}

/// A parsed input cell.
#[derive(Debug, Clone, PartialEq)]
pub enum UnaryTests {
    /// Empty, or `-` (`dash: true`): matches anything.
    Any { dash: bool },
    /// `t1, t2, ...`: matches when any test is true.
    Tests(Vec<Test>),
    /// `not(t1, t2, ...)`: matches when every test is false.
    Not(Vec<Test>),
}

impl UnaryTests {
    /// True, false or null (`None`) for the input `v`.
    pub fn eval(&self, v: &Value) -> Option<bool> {
        match self {
            UnaryTests::Any { .. } => Some(true),
            UnaryTests::Tests(tests) => any3(tests, v),
            UnaryTests::Not(tests) => any3(tests, v).map(|b| !b),
        }
    }

    /// Whether `v` matches (the cell is true for it).
    pub fn matches(&self, v: &Value) -> bool {
        self.eval(v) == Some(true)
    }

    pub fn is_any(&self) -> bool {
        matches!(self, UnaryTests::Any { .. })
    }

    /// The tests, whether positive or negated; empty for `Any`.
    pub fn tests(&self) -> &[Test] {
        match self {
            UnaryTests::Any { .. } => &[],
            UnaryTests::Tests(t) | UnaryTests::Not(t) => t,
        }
    }
}

/// FEEL `or` over the tests.
fn any3(tests: &[Test], v: &Value) -> Option<bool> {
    let mut out = Some(false);
    for t in tests {
        match t.eval(v) {
            Some(true) => return Some(true),
            Some(false) => {}
            None => out = None,
        }
    }
    out
}

/// A syntax error in a cell: the character (not byte) position, 0-based, and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeelError {
    pub position: usize,
    pub message: String,
}

impl fmt::Display for FeelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at character {}: {}", self.position + 1, self.message)
    }
}

/// Something in a cell that GoRules ZEN reads otherwise than FEEL (see [`super::zen`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZenNote {
    /// Stable kebab-case kind, e.g. `explicit-equals`.
    pub kind: &'static str,
    pub message: String,
}

/// An input cell parsed: the tests and what ZEN would read otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedTests {
    pub tests: UnaryTests,
    pub zen: Vec<ZenNote>,
}

/// An output cell parsed: `None` for an empty cell.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedOutput {
    pub value: Option<Value>,
    pub zen: Vec<ZenNote>,
}

/// Parses an input cell.
pub fn parse_unary_tests(text: &str) -> Result<ParsedTests, FeelError> {
    let mut p = Parser::new(text);
    let tests = p.cell()?;
    Ok(ParsedTests { tests, zen: p.zen })
}

/// Parses an output cell.
pub fn parse_output(text: &str) -> Result<ParsedOutput, FeelError> {
    let mut p = Parser::new(text);
    p.ws();
    if p.at_end() {
        return Ok(ParsedOutput { value: None, zen: p.zen });
    }
    let start = p.pos;
    let value = p.literal().map_err(|e| {
        if e.position == start {
            p.err_at(
                start,
                "an output cell holds one literal: a \"string\" (double quotes), a number, true, false or null, or nothing",
            )
        } else {
            e
        }
    })?;
    p.ws();
    if !p.at_end() {
        return Err(p.err("unexpected text after the value; an output cell holds one literal"));
    }
    Ok(ParsedOutput { value: Some(value), zen: p.zen })
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    zen: Vec<ZenNote>,
}

impl Parser {
    fn new(text: &str) -> Self {
        Parser { chars: text.chars().collect(), pos: 0, zen: Vec::new() }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn err(&self, message: impl Into<String>) -> FeelError {
        self.err_at(self.pos, message)
    }

    fn err_at(&self, position: usize, message: impl Into<String>) -> FeelError {
        FeelError { position, message: message.into() }
    }

    fn note(&mut self, kind: &'static str, message: impl Into<String>) {
        if !self.zen.iter().any(|n| n.kind == kind) {
            self.zen.push(ZenNote { kind, message: message.into() });
        }
    }

    /// What the next character is, in words, for messages.
    fn found(&self) -> String {
        match self.peek() {
            None => "the end of the cell".into(),
            Some(c) => format!("`{c}`"),
        }
    }

    fn cell(&mut self) -> Result<UnaryTests, FeelError> {
        self.ws();
        if self.at_end() {
            return Ok(UnaryTests::Any { dash: false });
        }
        if self.peek() == Some('-') {
            let save = self.pos;
            self.pos += 1;
            self.ws();
            if self.at_end() {
                self.note("dash", "ZEN does not accept `-` for \"any\"; write an empty cell");
                return Ok(UnaryTests::Any { dash: true });
            }
            self.pos = save;
        }
        if self.word_ahead().as_deref() == Some("not") {
            self.pos += 3;
            self.ws();
            if self.peek() != Some('(') {
                return Err(self.err(format!("expected `(` after `not`, found {}", self.found())));
            }
            self.pos += 1;
            self.ws();
            if self.peek() == Some(')') {
                return Err(self.err("`not()` needs at least one test inside"));
            }
            let tests = self.tests()?;
            self.ws();
            if self.peek() != Some(')') {
                return Err(self.err(format!("expected `,` or `)`, found {}", self.found())));
            }
            self.pos += 1;
            self.ws();
            if !self.at_end() {
                return Err(self.err("unexpected text after `not(...)`; it must be the whole cell"));
            }
            self.note("not", "ZEN does not read `not(...)` as FEEL's negation of the tests");
            return Ok(UnaryTests::Not(tests));
        }
        let tests = self.tests()?;
        self.ws();
        if !self.at_end() {
            return Err(self.err(format!("expected `,` between tests, found {}", self.found())));
        }
        Ok(UnaryTests::Tests(tests))
    }

    fn tests(&mut self) -> Result<Vec<Test>, FeelError> {
        let mut out = vec![self.test()?];
        loop {
            self.ws();
            if self.peek() != Some(',') {
                return Ok(out);
            }
            self.pos += 1;
            self.ws();
            out.push(self.test()?);
        }
    }

    fn test(&mut self) -> Result<Test, FeelError> {
        self.ws();
        match (self.peek(), self.peek_at(1)) {
            (Some('<'), Some('=')) | (Some('>'), Some('=')) => {
                let op = if self.peek() == Some('<') { Cmp::Le } else { Cmp::Ge };
                self.pos += 2;
                self.compare(op)
            }
            (Some('<'), _) | (Some('>'), _) => {
                let op = if self.peek() == Some('<') { Cmp::Lt } else { Cmp::Gt };
                self.pos += 1;
                self.compare(op)
            }
            (Some('!'), Some('=')) => {
                self.pos += 2;
                self.ws();
                let value = self.literal()?;
                self.note(
                    "not-equals",
                    "ZEN's `!=` matches inputs of another type (FEEL compares them as null: no match)",
                );
                Ok(Test::NotEqual(value))
            }
            (Some('='), _) => {
                self.pos += 1;
                self.ws();
                let value = self.literal()?;
                self.note("explicit-equals", "ZEN does not accept `=` in a cell; write the value alone");
                Ok(Test::Equal { value, explicit: true })
            }
            (Some('[' | '(' | ']'), _) => self.range(),
            (Some('?'), _) => Err(self.err("`?` expressions are not supported; compare the input with literals")),
            (Some(','), _) | (None, _) => Err(self.err(format!("expected a test, found {}", self.found()))),
            _ => Ok(Test::Equal { value: self.literal()?, explicit: false }),
        }
    }

    fn compare(&mut self, op: Cmp) -> Result<Test, FeelError> {
        self.ws();
        let at = self.pos;
        match self.peek() {
            Some(c) if c == '-' || c == '.' || c.is_ascii_digit() => Ok(Test::Compare(op, self.number()?)),
            Some('"') => Err(self.err_at(at, format!("`{}` compares numbers only, not strings", op.symbol()))),
            _ => Err(self.err_at(at, format!("expected a number after `{}`, found {}", op.symbol(), self.found()))),
        }
    }

    fn range(&mut self) -> Result<Test, FeelError> {
        let open = self.peek().unwrap_or('[');
        self.pos += 1;
        self.ws();
        let low = self.range_end()?;
        self.ws();
        if !(self.peek() == Some('.') && self.peek_at(1) == Some('.')) {
            return Err(self.err(format!("expected `..` in the range, found {}", self.found())));
        }
        self.pos += 2;
        self.ws();
        let high = self.range_end()?;
        self.ws();
        let close = match self.peek() {
            Some(c @ (']' | ')' | '[')) => c,
            _ => return Err(self.err(format!("expected `]`, `)` or `[` to close the range, found {}", self.found()))),
        };
        self.pos += 1;
        if open == ']' || close == '[' {
            self.note(
                "reversed-bracket-range",
                "ZEN reads a range written with `]` at the start or `[` at the end otherwise than FEEL; write ( ) for open ends",
            );
        }
        Ok(Test::Range(Range {
            low,
            high,
            low_closed: open == '[',
            high_closed: close == ']',
            brackets: (open, close),
        }))
    }

    fn range_end(&mut self) -> Result<f64, FeelError> {
        match self.peek() {
            Some(c) if c == '-' || c.is_ascii_digit() || (c == '.' && self.peek_at(1) != Some('.')) => self.number(),
            Some('"') => Err(self.err("ranges take numbers only, not strings")),
            _ => Err(self.err(format!("expected a number in the range, found {}", self.found()))),
        }
    }

    /// The identifier starting here, if any (letters, digits, `_`).
    fn word_ahead(&self) -> Option<String> {
        let first = self.peek()?;
        if !(first.is_alphabetic() || first == '_') {
            return None;
        }
        Some(self.chars[self.pos..].iter().take_while(|c| c.is_alphanumeric() || **c == '_').collect())
    }

    fn literal(&mut self) -> Result<Value, FeelError> {
        match self.peek() {
            Some('"') => Ok(Value::String(self.string()?)),
            Some('\'') => Err(self.err("strings take double quotes in FEEL: \"like this\"")),
            Some(c) if c == '-' || c == '.' || c.is_ascii_digit() => Ok(Value::Number(self.number()?)),
            Some(_) => match self.word_ahead() {
                Some(w) => {
                    let v = match w.as_str() {
                        "true" => Value::Bool(true),
                        "false" => Value::Bool(false),
                        "null" => Value::Null,
                        _ => {
                            return Err(self.err(format!(
                                "unknown name `{w}`: a cell compares the input with literals; quote text as \"{w}\""
                            )))
                        }
                    };
                    self.pos += w.chars().count();
                    Ok(v)
                }
                None => Err(self.err(format!("expected a value, found {}", self.found()))),
            },
            None => Err(self.err("expected a value, found the end of the cell")),
        }
    }

    fn number(&mut self) -> Result<f64, FeelError> {
        let start = self.pos;
        let mut text = String::new();
        if self.peek() == Some('-') {
            text.push('-');
            self.pos += 1;
            self.ws();
        }
        let digits_start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            text.push(self.chars[self.pos]);
            self.pos += 1;
        }
        let int_digits = self.pos - digits_start;
        if self.peek() == Some('.') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
            text.push('.');
            self.pos += 1;
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                text.push(self.chars[self.pos]);
                self.pos += 1;
            }
            if int_digits == 0 {
                self.note("leading-dot-number", "ZEN does not accept a number starting with `.`; write 0.5");
            }
        } else if int_digits == 0 {
            return Err(self.err(format!("expected a number, found {}", self.found())));
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            return Err(self.err("exponents are not FEEL; write the number out in full"));
        }
        if self.peek().is_some_and(|c| c.is_alphabetic() || c == '_') {
            return Err(self.err(format!("unexpected {} after the number", self.found())));
        }
        let significant = text.chars().filter(char::is_ascii_digit).skip_while(|c| *c == '0').count();
        if significant > 15 {
            self.note(
                "number-precision",
                "a number with more than 15 significant digits: ZEN reads decimals, crisis-desk 64-bit floats",
            );
        }
        match text.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(if x == 0.0 { 0.0 } else { x }),
            _ => Err(self.err_at(start, "the number is too large")),
        }
    }

    fn string(&mut self) -> Result<String, FeelError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err(self.err_at(start, "this string has no closing `\"`")),
                Some('"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some('\\') => {
                    self.note("string-escape", "ZEN does not read `\\` escapes in strings");
                    let at = self.pos;
                    self.pos += 1;
                    let c = match self.peek() {
                        Some('"') => '"',
                        Some('\\') => '\\',
                        Some('\'') => '\'',
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('t') => '\t',
                        Some('u') => {
                            self.pos += 1;
                            let hi = self.hex4(at)?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if self.peek() == Some('\\') && self.peek_at(1) == Some('u') {
                                    self.pos += 2;
                                    let lo = self.hex4(at)?;
                                    if !(0xDC00..0xE000).contains(&lo) {
                                        return Err(self.err_at(at, "a \\u escape of a high surrogate needs a low one"));
                                    }
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                } else {
                                    return Err(self.err_at(at, "a \\u escape of a high surrogate needs a low one"));
                                }
                            } else {
                                hi
                            };
                            match char::from_u32(code) {
                                Some(c) => {
                                    out.push(c);
                                    continue;
                                }
                                None => return Err(self.err_at(at, "this \\u escape is not a character")),
                            }
                        }
                        _ => return Err(self.err_at(at, "unknown escape; use \\\" \\\\ \\n \\r \\t or \\uXXXX")),
                    };
                    out.push(c);
                    self.pos += 1;
                }
                Some(c) => {
                    out.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    fn hex4(&mut self, at: usize) -> Result<u32, FeelError> {
        let mut v = 0u32;
        for _ in 0..4 {
            match self.peek().and_then(|c| c.to_digit(16)) {
                Some(d) => {
                    v = v * 16 + d;
                    self.pos += 1;
                }
                None => return Err(self.err_at(at, "\\u needs four hex digits")),
            }
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(cell: &str) -> UnaryTests {
        parse_unary_tests(cell).unwrap_or_else(|e| panic!("{cell}: {e}")).tests
    }

    fn n(x: f64) -> Value {
        Value::Number(x)
    }

    fn s(x: &str) -> Value {
        Value::String(x.into())
    }

    #[test]
    fn comparisons_ranges_and_lists() {
        assert!(t("< 5").matches(&n(4.9)) && !t("< 5").matches(&n(5.0)));
        assert!(t("<=5").matches(&n(5.0)) && t(">= -1").matches(&n(-1.0)) && !t(">-1").matches(&n(-1.0)));
        assert!(t("[1..5]").matches(&n(1.0)) && t("[1..5]").matches(&n(5.0)));
        assert!(!t("(1..5)").matches(&n(1.0)) && !t("(1..5)").matches(&n(5.0)) && t("(1..5)").matches(&n(3.0)));
        assert!(t("[1..5)").matches(&n(1.0)) && !t("[1..5)").matches(&n(5.0)));
        // FEEL: ]1..5[ is the open range.
        assert!(!t("]1..5[").matches(&n(1.0)) && t("]1..5[").matches(&n(3.0)) && !t("]1..5[").matches(&n(5.0)));
        assert!(t("\"I\", \"II\"").matches(&s("II")) && !t("\"I\", \"II\"").matches(&s("III")));
        assert!(t("< 2, > 8").matches(&n(9.0)) && !t("< 2, > 8").matches(&n(5.0)));
        assert!(t("= 5").matches(&n(5.0)) && t("5").matches(&n(5.0)) && t("-0").matches(&n(0.0)));
        assert!(t("- 1").matches(&n(-1.0)) && t(".5").matches(&n(0.5)));
    }

    #[test]
    fn any_not_null_and_three_valued_logic() {
        for cell in ["", "   ", "-", " - "] {
            assert!(t(cell).matches(&Value::Null) && t(cell).matches(&s("x")), "{cell:?}");
        }
        assert!(t("null").matches(&Value::Null) && !t("null").matches(&n(0.0)));
        assert!(t("not(\"I\")").matches(&s("II")) && !t("not(\"I\")").matches(&s("I")));
        // A string is neither < 5 nor not(< 5): null either way.
        assert_eq!(t("< 5").eval(&s("x")), None);
        assert!(!t("not(< 5)").matches(&s("x")));
        // null = 5 is false, so not(5) is true for null.
        assert!(t("not(5)").matches(&Value::Null));
        // "I" = 5 is null: no match either way.
        assert!(!t("5").matches(&s("I")) && !t("not(5)").matches(&s("I")) && !t("!= 5").matches(&s("I")));
        assert!(t("!= 5").matches(&Value::Null) && t("true").matches(&Value::Bool(true)));
        assert!(!t("true").matches(&s("true")));
    }

    #[test]
    fn errors_carry_positions() {
        let e = |cell: &str| parse_unary_tests(cell).unwrap_err();
        assert_eq!(e("< \"b\"").position, 2);
        assert_eq!(e("[1..5").position, 5);
        assert_eq!(e("[1,5]").position, 2);
        assert_eq!(e("\"open").position, 0);
        assert_eq!(e("1, ").position, 3);
        assert_eq!(e("not 5").position, 4);
        assert_eq!(e("foo").position, 0);
        assert_eq!(e("1e3").position, 1);
        assert_eq!(e("'I'").position, 0);
        assert_eq!(e("中 > 1").position, 0);
        assert_eq!(e("\"中\" x").position, 4);
        assert!(e("1".repeat(400).as_str()).message.contains("too large"));
    }

    #[test]
    fn outputs_are_literals() {
        let o = |cell: &str| parse_output(cell).unwrap().value;
        assert_eq!(o(" \"II\" "), Some(s("II")));
        assert_eq!(o("-2.5"), Some(n(-2.5)));
        assert_eq!(o("true"), Some(Value::Bool(true)));
        assert_eq!(o("null"), Some(Value::Null));
        assert_eq!(o(""), None);
        assert_eq!(o("\"a\\\"b\\u4e2d\""), Some(s("a\"b中")));
        assert_eq!(parse_output("1 + 2").unwrap_err().position, 2);
        assert_eq!(parse_output("a.b").unwrap_err().position, 0);
    }

    #[test]
    fn zen_notes_name_what_zen_reads_otherwise() {
        let kinds = |cell: &str| parse_unary_tests(cell).unwrap().zen.iter().map(|n| n.kind).collect::<Vec<_>>();
        assert_eq!(kinds("= 5"), ["explicit-equals"]);
        assert_eq!(kinds("-"), ["dash"]);
        assert_eq!(kinds("not(1)"), ["not"]);
        assert_eq!(kinds("]1..5["), ["reversed-bracket-range"]);
        assert_eq!(kinds(".5"), ["leading-dot-number"]);
        assert_eq!(kinds("\"a\\n\""), ["string-escape"]);
        assert!(kinds("[1..5], \"x\", < 3, true, null").is_empty());
    }

    #[test]
    fn values_serialise_whole_numbers_as_integers() {
        let v = Value::Object(vec![("a".into(), n(3.0)), ("b".into(), n(2.5)), ("c".into(), Value::Null)]);
        assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"a":3,"b":2.5,"c":null}"#);
        assert_eq!(v.to_string(), r#"{"a": 3, "b": 2.5, "c": null}"#);
    }
}
