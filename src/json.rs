//! A JSON-shaped value that keeps what validation must see.
//!
//! `serde_json::Value` turns a non-finite number (a JS `NaN` or `Infinity`) into `null`,
//! which would read as "missing day" here: a silent default. This type keeps it as a
//! number so validation can reject it by path. It deserialises from any serde format:
//! `serde_json` in native tests, `serde-wasm-bindgen` at the boundary.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    /// Keys in input order; a repeated key is kept so validation can report it.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The JSON type's name, for messages ("expected a number, found a string").
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// Whether the value owns no memory (a number, a boolean or null).
    fn is_scalar(&self) -> bool {
        matches!(self, Json::Null | Json::Bool(_) | Json::Number(_))
    }

    /// Drops the value as dropping it would, but an array of numbers, booleans and nulls (a
    /// matrix's row, a daily series) is freed whole instead of item by item: the drop glue of a
    /// recursive enum is a call per item, a tenth of `entropyWeights`' time in WebAssembly on
    /// a 1 000 × 20 matrix. Recurses as deep as the value nests (the readers bound that).
    pub fn dispose(self) {
        match self {
            Json::Array(items) => {
                if items.iter().all(Json::is_scalar) {
                    // Forgetting a scalar leaks nothing; the loop compiles away and the buffer
                    // is freed when the iterator drops.
                    items.into_iter().for_each(std::mem::forget);
                } else {
                    items.into_iter().for_each(Json::dispose);
                }
            }
            Json::Object(pairs) => pairs.into_iter().for_each(|(_, v)| v.dispose()),
            _ => {}
        }
    }

    /// Field `key` of an object; `None` when absent or when `self` is not an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Written back as it was read, keys in their order. Only values that were read and checked
/// are written (a table to export, say), so a non-finite number does not reach here.
impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(x) => serializer.serialize_f64(*x),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(pairs) => {
                let mut map = serializer.serialize_map(Some(pairs.len()))?;
                for (k, v) in pairs {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Reads any self-describing serde format. Arrays and objects nested more than
/// [`MAX_DEPTH`](crate::limits::MAX_DEPTH) deep fail with an error that [`too_deep`] recognises
/// (so a hostile `[[[[…` cannot overflow the stack), and `-0` is read as `0`.
impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(JsonVisitor { depth: 0 })
    }
}

/// The start of the message of a depth error; the path inside the input follows it.
/// The path ends at a NUL character, which a path never holds (control characters in keys are
/// written as `\u0000` escapes).
const TOO_DEEP: &str = "crisis-desk: nested too deep at ";

/// The problem a deserialisation error stands for when it is a depth error from [`Json`]'s
/// reader: `too-large` at the path where the nesting passed the limit.
pub fn too_deep(error: &impl fmt::Display) -> Option<crate::error::Problem> {
    let text = error.to_string();
    let start = text.find(TOO_DEEP)? + TOO_DEEP.len();
    let path = text[start..].split('\0').next().unwrap_or_default().to_owned();
    Some(too_deep_at(path))
}

/// `too-large` at `path`, where arrays and objects nested past the limit.
pub fn too_deep_at(path: String) -> crate::error::Problem {
    crate::error::Problem {
        code: crate::error::Code::TooLarge,
        path,
        message: format!(
            "arrays and objects are nested more than {} deep here; no input needs that",
            crate::limits::MAX_DEPTH
        ),
    }
}

/// `error` with `segment` (`[3]`, `key` or `["odd key"]`) put before its path, when it is a
/// depth error.
fn deeper<E: de::Error>(error: E, segment: String) -> E {
    let text = error.to_string();
    let Some(at) = text.find(TOO_DEEP) else { return error };
    let rest = &text[at + TOO_DEEP.len()..];
    let dot = if rest.starts_with('[') || rest.starts_with('\0') { "" } else { "." };
    E::custom(format!("{TOO_DEEP}{segment}{dot}{rest}"))
}

struct JsonSeed {
    depth: usize,
}

impl<'de> de::DeserializeSeed<'de> for JsonSeed {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(JsonVisitor { depth: self.depth })
    }
}

/// `depth`: how many arrays and objects enclose the value being read.
struct JsonVisitor {
    depth: usize,
}

impl JsonVisitor {
    /// The seed for the items of an array or object being opened, or the depth error.
    fn open<E: de::Error>(&self) -> Result<JsonSeed, E> {
        if self.depth >= crate::limits::MAX_DEPTH {
            return Err(E::custom(format!("{TOO_DEEP}\0")));
        }
        Ok(JsonSeed { depth: self.depth + 1 })
    }
}

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        // `+ 0.0` turns -0 into 0 and leaves every other value (NaN included) as it is.
        Ok(Json::Number(v + 0.0))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        self.open::<A::Error>()?;
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        loop {
            match seq.next_element_seed(self.open::<A::Error>()?) {
                Ok(Some(v)) => out.push(v),
                Ok(None) => return Ok(Json::Array(out)),
                Err(e) => return Err(deeper(e, format!("[{}]", out.len()))),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        self.open::<A::Error>()?;
        let mut out = Vec::new();
        while let Some(k) = map.next_key::<String>()? {
            match map.next_value_seed(self.open::<A::Error>()?) {
                Ok(v) => out.push((k, v)),
                Err(e) => return Err(deeper(e, crate::error::Path::root().key(&k).to_string())),
            }
        }
        Ok(Json::Object(out))
    }
}

/// Quotes `s` as a JSON string (used for odd keys in JSON paths).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_json_and_keeps_key_order_and_repeats() {
        let v: Json = serde_json::from_str(r#"{"b":1,"a":[true,null,"x"],"b":2.5}"#).unwrap();
        let Json::Object(pairs) = &v else { panic!("object") };
        let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a", "b"]);
        assert_eq!(v.get("a"), Some(&Json::Array(vec![Json::Bool(true), Json::Null, Json::String("x".into())])));
        assert_eq!(v.get("b"), Some(&Json::Number(1.0)));
    }

    fn nested(depth: usize, key: &str) -> serde_json::Value {
        let mut v = serde_json::Value::Null;
        for _ in 0..depth {
            v = serde_json::json!([{ key: v }]);
        }
        v
    }

    #[test]
    fn deep_nesting_is_an_error_with_its_path_and_minus_zero_is_zero() {
        // serde_json::Value as a deserialiser has no depth limit of its own.
        let ok = nested(crate::limits::MAX_DEPTH / 2, "a");
        assert!(Json::deserialize(ok).is_ok());
        let e = Json::deserialize(nested(crate::limits::MAX_DEPTH / 2 + 1, "b c")).unwrap_err();
        let problem = too_deep(&e).expect("a depth error");
        assert_eq!(problem.code, crate::error::Code::TooLarge);
        assert_eq!(problem.path, "[0][\"b c\"]".repeat(crate::limits::MAX_DEPTH / 2));
        let e = Json::deserialize(nested(crate::limits::MAX_DEPTH / 2 + 1, "x")).unwrap_err();
        assert!(too_deep(&e).unwrap().path.starts_with("[0].x[0].x[0]"));
        let v: Json = serde_json::from_str("[-0.0, -0, 0.5]").unwrap();
        let Json::Array(items) = v else { panic!("array") };
        assert!(items.iter().all(|x| matches!(x, Json::Number(n) if n.is_sign_positive())));
        assert!(too_deep(&"some other error").is_none());
    }

    #[test]
    fn quotes_control_characters() {
        assert_eq!(quote("a\"b\n"), "\"a\\\"b\\n\"");
        assert_eq!(quote("\u{1}"), "\"\\u0001\"");
    }
}
