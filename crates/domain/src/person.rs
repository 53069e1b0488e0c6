//! People in the ledgers: resident identity card numbers (GB 11643), the practitioner posts that
//! need a certificate, and certificate status.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdNumberError {
    #[error("身份证号应为18位，实际为{0}位")]
    Length(usize),
    #[error("身份证号前17位应为数字，末位为数字或X")]
    Characters,
    #[error("身份证号中的出生日期无效")]
    BirthDate,
    #[error("身份证号校验位错误")]
    CheckDigit,
}

/// A valid 18-digit citizen identity number (公民身份号码, GB 11643), upper-case X.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdNumber(String);

/// The check character of the first 17 digits.
pub fn id_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17.bytes().zip(ID_WEIGHTS).map(|(b, w)| (b - b'0') as u32 * w).sum();
    Some(ID_CHECK[(sum % 11) as usize] as char)
}

impl IdNumber {
    pub fn parse(input: &str) -> Result<Self, IdNumberError> {
        let s = input.trim().to_uppercase();
        let n = s.chars().count();
        if n != 18 {
            return Err(IdNumberError::Length(n));
        }
        let (body, last) = s.split_at(17);
        if !body.bytes().all(|b| b.is_ascii_digit()) || !last.bytes().all(|b| b.is_ascii_digit() || b == b'X') {
            return Err(IdNumberError::Characters);
        }
        let birth = NaiveDate::parse_from_str(&body[6..14], "%Y%m%d").map_err(|_| IdNumberError::BirthDate)?;
        if birth.format("%Y").to_string().as_str() < "1900" {
            return Err(IdNumberError::BirthDate);
        }
        if id_check_char(body) != last.chars().next() {
            return Err(IdNumberError::CheckDigit);
        }
        Ok(IdNumber(s))
    }

    /// Complete 17 digits with their check character (demo data and tests).
    pub fn complete(first17: &str) -> Option<Self> {
        Self::parse(&format!("{first17}{}", id_check_char(first17)?)).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn birth_date(&self) -> NaiveDate {
        NaiveDate::parse_from_str(&self.0[6..14], "%Y%m%d").expect("checked at parse")
    }

    /// Shown in lists and exports: the first 3 and last 4 characters.
    pub fn masked(&self) -> String {
        mask(&self.0, 3, 4)
    }
}

/// Keep `head` leading and `tail` trailing characters, star the rest.
pub fn mask(s: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    chars.iter().enumerate().map(|(i, c)| if i < head || i >= chars.len() - tail { *c } else { '*' }).collect()
}

/// Posts of practitioners (从业人员岗位). The first three must hold a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Post {
    Principal,
    SafetyManager,
    Operator,
    Other,
}

impl Post {
    pub const ALL: [Post; 4] = [Post::Principal, Post::SafetyManager, Post::Operator, Post::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Post::Principal => "principal",
            Post::SafetyManager => "safety_manager",
            Post::Operator => "operator",
            Post::Other => "other",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Post::Principal => "主要负责人",
            Post::SafetyManager => "安全生产管理人员",
            Post::Operator => "运行、维护和抢修人员",
            Post::Other => "其他从业人员",
        }
    }
    pub fn parse(s: &str) -> Option<Post> {
        let s = s.trim();
        Post::ALL.into_iter().find(|p| p.as_str() == s || p.name_zh() == s)
    }
    /// Whether the post needs a certificate (燃气经营企业从业人员专业培训考核).
    pub fn needs_certificate(self) -> bool {
        !matches!(self, Post::Other)
    }
}

/// Days before expiry from which a certificate counts as expiring.
pub const EXPIRING_DAYS: i64 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateStatus {
    Valid,
    Expiring,
    Expired,
    None,
}

impl CertificateStatus {
    pub fn of(certificate_no: Option<&str>, expires: Option<NaiveDate>, today: NaiveDate) -> Self {
        match (certificate_no.filter(|s| !s.trim().is_empty()), expires) {
            (None, _) => CertificateStatus::None,
            (Some(_), None) => CertificateStatus::Valid,
            (Some(_), Some(d)) if d < today => CertificateStatus::Expired,
            (Some(_), Some(d)) if (d - today).num_days() <= EXPIRING_DAYS => CertificateStatus::Expiring,
            _ => CertificateStatus::Valid,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            CertificateStatus::Valid => "valid",
            CertificateStatus::Expiring => "expiring",
            CertificateStatus::Expired => "expired",
            CertificateStatus::None => "none",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            CertificateStatus::Valid => "有效",
            CertificateStatus::Expiring => "即将到期",
            CertificateStatus::Expired => "已过期",
            CertificateStatus::None => "无证",
        }
    }
    /// Holds a certificate in force today (expiring ones still count).
    pub fn certified(self) -> bool {
        matches!(self, CertificateStatus::Valid | CertificateStatus::Expiring)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_numbers() {
        // The GB 11643 standard's own example.
        assert!(IdNumber::parse("11010519491231002X").is_ok());
        assert_eq!(IdNumber::parse("11010519491231002x").unwrap().as_str(), "11010519491231002X");
        assert_eq!(IdNumber::parse("110105194912310021"), Err(IdNumberError::CheckDigit));
        assert_eq!(IdNumber::parse("110105194913310021"), Err(IdNumberError::BirthDate));
        assert_eq!(IdNumber::parse("1101051949"), Err(IdNumberError::Length(10)));
        assert_eq!(IdNumber::parse("1101051949123100AX"), Err(IdNumberError::Characters));
        assert_eq!(IdNumber::parse("11010519491231002X").unwrap().masked(), "110***********002X");
    }

    #[test]
    fn certificate_status() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(CertificateStatus::of(None, d(2030, 1, 1), today), CertificateStatus::None);
        assert_eq!(CertificateStatus::of(Some("A1"), d(2026, 11, 28), today), CertificateStatus::Expired);
        assert_eq!(CertificateStatus::of(Some("A1"), d(2026, 11, 29), today), CertificateStatus::Expiring);
        assert_eq!(CertificateStatus::of(Some("A1"), d(2027, 2, 27), today), CertificateStatus::Expiring);
        assert_eq!(CertificateStatus::of(Some("A1"), d(2027, 2, 28), today), CertificateStatus::Valid);
        assert!(CertificateStatus::Expiring.certified() && !CertificateStatus::Expired.certified());
        assert_eq!(Post::parse("安全生产管理人员"), Some(Post::SafetyManager));
        assert!(!Post::Other.needs_certificate());
    }

    proptest! {
        #[test]
        fn completed_numbers_parse_and_any_digit_change_is_caught(region in 110000u32..660000, days in 0i64..36500,
                                                               seq in 0u32..1000, pos in 0usize..17, delta in 1u8..10) {
            let birth = NaiveDate::from_ymd_opt(1930, 1, 1).unwrap() + chrono::Days::new(days as u64);
            let first17 = format!("{region}{}{seq:03}", birth.format("%Y%m%d"));
            let id = IdNumber::complete(&first17).unwrap();
            prop_assert_eq!(id.birth_date(), birth);
            let mut bytes = id.as_str().as_bytes().to_vec();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert!(IdNumber::parse(&changed).is_err());
        }
    }
}
