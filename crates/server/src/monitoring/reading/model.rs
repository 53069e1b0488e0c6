//! DTOs of readings: what an upload carries, what it is answered, the series of a chart.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A number or a text as sent, read without building a JSON tree (the hot path of uploads). Anything
/// else (true, an object, a list) is kept as its kind's name, so the reading is refused by itself and
/// not the whole upload.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Scalar {
    Int(i64),
    Float(f64),
    Text(String),
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or a text")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(i64::try_from(v).map(Scalar::Int).unwrap_or(Scalar::Float(v as f64)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Text(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Scalar, A::Error> {
                while m.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Text("{…}".into()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut s: A) -> Result<Scalar, A::Error> {
                while s.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Text("[…]".into()))
            }
        }
        d.deserialize_any(V)
    }
}

impl Scalar {
    /// From a JSON value (an MQTT payload is read as one).
    pub fn from_json(v: &serde_json::Value) -> Scalar {
        match v {
            serde_json::Value::Number(n) => {
                n.as_i64().map(Scalar::Int).unwrap_or_else(|| Scalar::Float(n.as_f64().unwrap_or(f64::NAN)))
            }
            serde_json::Value::String(s) => Scalar::Text(s.clone()),
            other => Scalar::Text(other.to_string()),
        }
    }
}

/// One reading as uploaded.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct ReadingInput {
    /// The point's code (unique within its enterprise).
    pub point: Option<String>,
    /// The owning enterprise's unified social credit code; an enterprise's own account may leave it
    /// out, and it may be given once for the whole upload.
    pub enterprise_code: Option<String>,
    /// When it was measured: RFC 3339 (`2026-11-29T08:00:00+08:00`), or milliseconds since the epoch.
    #[schema(value_type = Object)]
    pub ts: Option<Scalar>,
    /// The measured value (a number; a string holding a number is taken).
    #[schema(value_type = Object)]
    pub value: Option<Scalar>,
    /// The unit, when sent: it must be the point's.
    pub unit: Option<String>,
}

/// An upload of readings (JSON). Up to `monitoring.batch_max` readings (10,000).
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct ReadingBatch {
    /// The enterprise of every reading that does not name its own.
    pub enterprise_code: Option<String>,
    pub readings: Vec<ReadingInput>,
}

/// A reading refused, and why (the rest of the upload is stored).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Rejected {
    /// Position in the upload (0-based for JSON; the file row for a sheet).
    pub index: u32,
    pub point: Option<String>,
    pub field: &'static str,
    pub reason: String,
}

/// An alarm raised by an upload.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RaisedAlarm {
    pub id: i64,
    pub code: String,
    pub point_id: i64,
    pub condition: &'static str,
    pub severity: &'static str,
}

/// What an upload did. Answered only once the stored readings (and the alarms they raised) are
/// durable.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct IngestReport {
    pub received: u32,
    /// Readings stored now.
    pub stored: u32,
    /// Readings already stored before (same point and time), not stored twice.
    pub duplicates: u32,
    pub rejected: Vec<Rejected>,
    pub alarms: Vec<RaisedAlarm>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SeriesQuery {
    /// Start (RFC 3339); default 24 hours before `to`.
    pub from: Option<String>,
    /// End (RFC 3339); default now.
    pub to: Option<String>,
    /// raw | minute | hour | day; default chosen from the range.
    pub grain: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SeriesPoint {
    /// Bucket start (or reading time), ms since the epoch.
    pub t: i64,
    pub avg: f64,
    pub min: f64,
    pub max: f64,
    pub n: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SeriesThresholds {
    pub high_high: Option<f64>,
    pub high: Option<f64>,
    pub low: Option<f64>,
    pub low_low: Option<f64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SeriesResponse {
    /// raw | minute | hour | day
    pub grain: &'static str,
    pub grain_name: &'static str,
    pub unit: String,
    pub items: Vec<SeriesPoint>,
    pub thresholds: SeriesThresholds,
}
