//! Small parsers shared by every ledger's validation: trimmed optional text, dates, numbers.

use super::error::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// The trimmed text, or None when empty.
pub fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// A date as people write it: 2024-05-20, 2024/05/20, 2024.05.20 or 2024年05月20日.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s.trim(), f).ok())
}

/// Collects field errors while reading one record.
#[derive(Default)]
pub struct Checker {
    pub errors: Vec<FieldError>,
}

impl Checker {
    pub fn error(&mut self, field: &str, reason: impl Into<String>) {
        self.errors.push(FieldError::new(field, reason));
    }

    /// Required text of at most `max` characters.
    pub fn required(&mut self, field: &str, label: &str, v: &Option<String>, max: usize) -> String {
        match opt(v) {
            None => {
                self.error(field, format!("{label}不能为空"));
                String::new()
            }
            Some(s) => {
                if s.chars().count() > max {
                    self.error(field, format!("{label}不能超过{max}个字"));
                }
                s
            }
        }
    }

    /// Optional text of at most `max` characters.
    pub fn text(&mut self, field: &str, label: &str, v: &Option<String>, max: usize) -> Option<String> {
        let s = opt(v)?;
        if s.chars().count() > max {
            self.error(field, format!("{label}不能超过{max}个字"));
        }
        Some(s)
    }

    pub fn date(&mut self, field: &str, label: &str, v: &Option<String>) -> Option<NaiveDate> {
        let s = opt(v)?;
        let d = parse_date(&s);
        if d.is_none() {
            self.error(field, format!("{label}“{s}”不是有效日期，格式应为 YYYY-MM-DD"));
        }
        d
    }

    /// An optional number within [min, max].
    pub fn number(&mut self, field: &str, label: &str, v: &Option<String>, min: f64, max: f64) -> Option<f64> {
        let s = opt(v)?;
        match s.parse::<f64>() {
            Ok(n) if n.is_finite() && n >= min && n <= max => Some(n),
            Ok(_) => {
                self.error(field, format!("{label}应在{min}至{max}之间"));
                None
            }
            Err(_) => {
                self.error(field, format!("{label}“{s}”不是数字"));
                None
            }
        }
    }

    /// One of the allowed (code, Chinese name) pairs, given as either.
    pub fn choice(
        &mut self,
        field: &str,
        label: &str,
        v: &Option<String>,
        allowed: &[(&'static str, &'static str)],
        required: bool,
    ) -> Option<&'static str> {
        match opt(v) {
            None => {
                if required {
                    self.error(field, format!("{label}不能为空"));
                }
                None
            }
            Some(s) => {
                let found = allowed.iter().find(|(c, n)| *c == s || *n == s).map(|(c, _)| *c);
                if found.is_none() {
                    let names: Vec<&str> = allowed.iter().map(|(_, n)| *n).collect();
                    self.error(field, format!("{label}“{s}”无效，应为：{}", names.join("、")));
                }
                found
            }
        }
    }

    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(value())
        } else {
            Err(self.errors)
        }
    }
}

/// Read a field as text whether the sender wrote a string, a number or a boolean, so one record
/// type serves JSON clients and sheets alike.
pub fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Bool(b)) => Some(if b { "是" } else { "否" }.to_string()),
        Some(other) => Some(other.to_string()),
    })
}

/// The Chinese name of a code in a list of (code, name) pairs, or the code itself when unknown.
pub fn name_of(list: &[(&str, &'static str)], code: &str) -> String {
    list.iter().find(|(c, _)| *c == code).map(|(_, n)| n.to_string()).unwrap_or_else(|| code.to_string())
}
