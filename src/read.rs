//! Helpers that read typed fields out of [`Json`], recording a [`Problem`](crate::error::Problem)
//! at the field's path for anything wrong, so validation can go on and report everything.

use crate::date::Date;
use crate::error::{Code, Path, Problems};
use crate::json::Json;

/// Checks that `value` is an object whose keys are all in `allowed` (reporting unknown and
/// repeated keys) and returns it for field access.
pub fn object<'a>(value: &'a Json, path: &Path, allowed: &[&str], problems: &mut Problems) -> Option<&'a Json> {
    let Json::Object(pairs) = value else {
        problems.push(Code::InvalidType, path, format!("expected an object, found {}", value.kind()));
        return None;
    };
    for (i, (key, _)) in pairs.iter().enumerate() {
        if pairs[..i].iter().any(|(k, _)| k == key) {
            problems.push(Code::DuplicateKey, &path.key(key), "this key is given more than once");
        } else if !allowed.contains(&key.as_str()) {
            let hint = match closest(key, allowed) {
                Some(k) => format!("unknown field; did you mean `{k}`?"),
                None => format!("unknown field; expected one of: {}", allowed.join(", ")),
            };
            problems.push(Code::UnknownKey, &path.key(key), hint);
        }
    }
    Some(value)
}

/// The field, treating an explicit `null` as absent.
pub fn field<'a>(obj: &'a Json, key: &str) -> Option<&'a Json> {
    obj.get(key).filter(|v| !v.is_null())
}

/// A required field: records `required` when absent or null.
pub fn required<'a>(obj: &'a Json, key: &str, path: &Path, problems: &mut Problems) -> Option<&'a Json> {
    let v = field(obj, key);
    if v.is_none() {
        problems.push(Code::Required, &path.key(key), "this field is required");
    }
    v
}

pub fn string(value: &Json, path: &Path, problems: &mut Problems) -> Option<String> {
    match value {
        Json::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Json::String(_) => {
            problems.push(Code::Required, path, "must not be empty");
            None
        }
        other => {
            problems.push(Code::InvalidType, path, format!("expected a string, found {}", other.kind()));
            None
        }
    }
}

/// A finite number.
pub fn number(value: &Json, path: &Path, problems: &mut Problems) -> Option<f64> {
    match value {
        // `+ 0.0`: -0 reads as 0 (see crate::limits).
        Json::Number(x) if x.is_finite() => Some(*x + 0.0),
        Json::Number(_) => {
            problems.push(Code::NotFinite, path, "must be a finite number, not NaN or Infinity");
            None
        }
        other => {
            problems.push(Code::InvalidType, path, format!("expected a number, found {}", other.kind()));
            None
        }
    }
}

/// A whole number ≥ 0 (a count of people, beds, cases ...).
pub fn count(value: &Json, path: &Path, problems: &mut Problems) -> Option<f64> {
    let x = number(value, path, problems)?;
    if x < 0.0 {
        problems.push(Code::NegativeCount, path, format!("a count cannot be negative (found {x})"));
        None
    } else if x.fract() != 0.0 {
        problems.push(Code::FractionalCount, path, format!("a count must be a whole number (found {x})"));
        None
    } else if x > 9_007_199_254_740_991.0 {
        problems.push(Code::OutOfRange, path, "a count must be below 2^53");
        None
    } else {
        Some(x)
    }
}

pub fn boolean(value: &Json, path: &Path, problems: &mut Problems) -> Option<bool> {
    match value {
        Json::Bool(b) => Some(*b),
        other => {
            problems.push(Code::InvalidType, path, format!("expected true or false, found {}", other.kind()));
            None
        }
    }
}

pub fn date(value: &Json, path: &Path, problems: &mut Problems) -> Option<Date> {
    match value {
        Json::String(s) => {
            let d = Date::parse(s);
            if d.is_none() {
                problems.push(Code::InvalidDate, path, format!("expected a date as YYYY-MM-DD, found \"{s}\""));
            }
            d
        }
        other => {
            problems.push(
                Code::InvalidType,
                path,
                format!("expected a date string YYYY-MM-DD, found {}", other.kind()),
            );
            None
        }
    }
}

pub fn array<'a>(value: &'a Json, path: &Path, problems: &mut Problems) -> Option<&'a [Json]> {
    match value {
        Json::Array(items) => Some(items),
        other => {
            problems.push(Code::InvalidType, path, format!("expected an array, found {}", other.kind()));
            None
        }
    }
}

/// One of `options` (the wire spelling).
pub fn one_of(value: &Json, path: &Path, options: &[&str], problems: &mut Problems) -> Option<usize> {
    let s = string(value, path, problems)?;
    let found = options.iter().position(|o| *o == s);
    if found.is_none() {
        problems.push(Code::InvalidValue, path, format!("\"{s}\" is not one of: {}", options.join(", ")));
    }
    found
}

/// The allowed key nearest to a typo (edit distance ≤ 2, or equal ignoring case).
fn closest<'a>(key: &str, allowed: &[&'a str]) -> Option<&'a str> {
    nearest(key, allowed.iter().copied(), 2)
}

/// The candidate nearest to `typo`: equal ignoring case, else the smallest edit distance up
/// to `max_distance` (the first of equals). For "did you mean …?" hints.
pub(crate) fn nearest<'a>(
    typo: &str,
    candidates: impl Iterator<Item = &'a str>,
    max_distance: usize,
) -> Option<&'a str> {
    let lower = typo.to_lowercase();
    candidates
        .map(|c| (c, if c.to_lowercase() == lower { 0 } else { levenshtein(&lower, &c.to_lowercase()) }))
        .filter(|(_, d)| *d <= max_distance)
        .min_by_key(|(_, d)| *d)
        .map(|(c, _)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_key() {
        assert_eq!(closest("localCase", &["localCases", "deaths"]), Some("localCases"));
        assert_eq!(closest("LOCALCASES", &["localCases"]), Some("localCases"));
        assert_eq!(closest("zzz", &["localCases"]), None);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
