//! The enterprise ledger's enumerations (article 8).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnterpriseKind {
    PipelineGas,
    BottledLpg,
    VehicleStation,
    Other,
}

impl EnterpriseKind {
    pub const ALL: [EnterpriseKind; 4] = [
        EnterpriseKind::PipelineGas,
        EnterpriseKind::BottledLpg,
        EnterpriseKind::VehicleStation,
        EnterpriseKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EnterpriseKind::PipelineGas => "pipeline_gas",
            EnterpriseKind::BottledLpg => "bottled_lpg",
            EnterpriseKind::VehicleStation => "vehicle_station",
            EnterpriseKind::Other => "other",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            EnterpriseKind::PipelineGas => "管道燃气",
            EnterpriseKind::BottledLpg => "瓶装液化石油气",
            EnterpriseKind::VehicleStation => "汽车加气站",
            EnterpriseKind::Other => "其他",
        }
    }
    /// Accepts the code name or the Chinese name (as typed in Excel).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        EnterpriseKind::ALL.into_iter().find(|k| k.as_str() == s || k.name_zh() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnterpriseStatus {
    Active,
    Inactive,
}

impl EnterpriseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EnterpriseStatus::Active => "active",
            EnterpriseStatus::Inactive => "inactive",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            EnterpriseStatus::Active => "正常",
            EnterpriseStatus::Inactive => "已停用",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        [EnterpriseStatus::Active, EnterpriseStatus::Inactive].into_iter().find(|k| k.as_str() == s || k.name_zh() == s)
    }
}

/// Mainland phone numbers as written on ledgers: a mobile (11 digits starting with 1) or a landline
/// with area code (e.g. 0793-8221234), optionally with an extension.
pub fn is_valid_phone(s: &str) -> bool {
    let s = s.trim();
    let mobile = s.len() == 11 && s.starts_with('1') && s.bytes().all(|b| b.is_ascii_digit());
    let landline = {
        let main = s.split(['转', '#']).next().unwrap_or("");
        let digits: String = main.chars().filter(|c| *c != '-' && *c != ' ').collect();
        main.starts_with('0') && (10..=12).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    };
    let service = (s.starts_with("400") || s.starts_with("800"))
        && s.chars().filter(|c| *c != '-').count() == 10
        && s.chars().filter(|c| *c != '-').all(|c| c.is_ascii_digit());
    mobile || landline || service
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_from_both_names() {
        assert_eq!(EnterpriseKind::parse("管道燃气"), Some(EnterpriseKind::PipelineGas));
        assert_eq!(EnterpriseKind::parse("bottled_lpg"), Some(EnterpriseKind::BottledLpg));
        assert_eq!(EnterpriseKind::parse("煤气"), None);
    }

    #[test]
    fn phones() {
        for ok in ["13907930001", "0793-8221234", "07938221234", "0793-8221234转801", "400-100-1234"] {
            assert!(is_valid_phone(ok), "{ok}");
        }
        for bad in ["12345", "1390793000a", "abc", "", "8221234"] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }
}
