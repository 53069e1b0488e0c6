//! External codes: the unified social credit code (GB 32100) and administrative division codes
//! (GB/T 2260, with 9/12-digit township and village codes below a county).

use std::fmt;

/// The 31 characters a unified social credit code may use (no I, O, Z, S, V).
pub const CREDIT_CODE_CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_CODE_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Why a credit code was refused; the Display text is the Chinese reason shown to users.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    #[error("统一社会信用代码应为18位，实际为{0}位")]
    Length(usize),
    #[error("统一社会信用代码第{0}位含有不允许的字符“{1}”")]
    Character(usize, char),
    #[error("统一社会信用代码第3至8位应为行政区划代码（数字）")]
    RegionPart,
    #[error("统一社会信用代码校验位错误，应为“{expected}”")]
    CheckDigit { expected: char },
}

/// A valid 18-character unified social credit code (统一社会信用代码), upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CreditCode(String);

fn charset_value(c: char) -> Option<u32> {
    CREDIT_CODE_CHARSET.find(c).map(|i| i as u32)
}

/// The check character for the first 17 characters (which must be in the charset).
pub fn credit_code_check_char(first17: &str) -> Option<char> {
    let mut sum = 0u32;
    for (c, w) in first17.chars().zip(CREDIT_CODE_WEIGHTS) {
        sum += charset_value(c)? * w;
    }
    if first17.chars().count() != 17 {
        return None;
    }
    let v = (31 - sum % 31) % 31;
    CREDIT_CODE_CHARSET.chars().nth(v as usize)
}

impl CreditCode {
    /// Parse user input: surrounding spaces are ignored and lower case is accepted.
    pub fn parse(input: &str) -> Result<Self, CreditCodeError> {
        let s: String = input.trim().to_uppercase();
        let n = s.chars().count();
        if n != 18 {
            return Err(CreditCodeError::Length(n));
        }
        for (i, c) in s.chars().enumerate() {
            if charset_value(c).is_none() {
                return Err(CreditCodeError::Character(i + 1, c));
            }
        }
        if !s[2..8].chars().all(|c| c.is_ascii_digit()) {
            return Err(CreditCodeError::RegionPart);
        }
        let expected = credit_code_check_char(&s[..17]).expect("charset checked above");
        if s.chars().nth(17) != Some(expected) {
            return Err(CreditCodeError::CheckDigit { expected });
        }
        Ok(CreditCode(s))
    }

    /// Complete 17 characters with their check character (used by the demo generator and tests).
    pub fn complete(first17: &str) -> Option<Self> {
        let c = credit_code_check_char(first17)?;
        Self::parse(&format!("{first17}{c}")).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Level of an administrative division in this platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    Province,
    City,
    County,
    Township,
    Village,
}

impl RegionLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            RegionLevel::Province => "province",
            RegionLevel::City => "city",
            RegionLevel::County => "county",
            RegionLevel::Township => "township",
            RegionLevel::Village => "village",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegionCodeError {
    #[error("行政区划代码应为6位、9位或12位数字")]
    Format,
}

/// A GB/T 2260 division code: 6 digits for province/city/county, 9 for a township, 12 for a village.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionCode(String);

impl RegionCode {
    pub fn parse(input: &str) -> Result<Self, RegionCodeError> {
        let s = input.trim();
        if !matches!(s.len(), 6 | 9 | 12) || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(RegionCodeError::Format);
        }
        if s.starts_with("00") {
            return Err(RegionCodeError::Format);
        }
        Ok(RegionCode(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn level(&self) -> RegionLevel {
        match self.0.len() {
            9 => RegionLevel::Township,
            12 => RegionLevel::Village,
            _ if &self.0[2..6] == "0000" => RegionLevel::Province,
            _ if &self.0[4..6] == "00" => RegionLevel::City,
            _ => RegionLevel::County,
        }
    }

    /// The code prefix shared by this division and everything below it.
    pub fn subtree_prefix(&self) -> &str {
        match self.level() {
            RegionLevel::Province => &self.0[..2],
            RegionLevel::City => &self.0[..4],
            _ => &self.0,
        }
    }

    /// Whether `other` is this division or lies below it.
    pub fn contains(&self, other: &RegionCode) -> bool {
        other.0.starts_with(self.subtree_prefix())
    }

    /// The code of the division directly above (township → county → city → province).
    pub fn parent(&self) -> Option<RegionCode> {
        match self.level() {
            RegionLevel::Province => None,
            RegionLevel::City => Some(RegionCode(format!("{}0000", &self.0[..2]))),
            RegionLevel::County => Some(RegionCode(format!("{}00", &self.0[..4]))),
            RegionLevel::Township => Some(RegionCode(self.0[..6].to_string())),
            RegionLevel::Village => Some(RegionCode(self.0[..9].to_string())),
        }
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The half-open range [prefix, upper) of codes that start with `prefix`, for index-friendly
/// filtering (`code >= lo AND code < hi`) on every database.
pub fn prefix_range(prefix: &str) -> (String, String) {
    let mut hi: Vec<u8> = prefix.as_bytes().to_vec();
    while let Some(last) = hi.pop() {
        if last < b'~' {
            hi.push(last + 1);
            break;
        }
    }
    (prefix.to_string(), String::from_utf8(hi).unwrap_or_else(|_| "~".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_real_codes_pass() {
        // Published codes of real organisations.
        for c in ["91110000600037341L", "91350100M000100Y43", "11100000000013127D"] {
            assert!(CreditCode::parse(c).is_ok(), "{c}");
        }
    }

    #[test]
    fn lower_case_and_spaces_are_normalised() {
        assert_eq!(CreditCode::parse(" 91110000600037341l ").unwrap().as_str(), "91110000600037341L");
    }

    #[test]
    fn wrong_check_digit_names_the_expected_one() {
        let e = CreditCode::parse("91110000600037341M").unwrap_err();
        assert_eq!(e, CreditCodeError::CheckDigit { expected: 'L' });
        assert!(e.to_string().contains("校验位"));
    }

    #[test]
    fn bad_length_and_characters() {
        assert_eq!(CreditCode::parse("9111").unwrap_err(), CreditCodeError::Length(4));
        assert_eq!(CreditCode::parse("91110000600037341I").unwrap_err(), CreditCodeError::Character(18, 'I'));
        assert_eq!(CreditCode::parse("91A10000600037341L").unwrap_err(), CreditCodeError::RegionPart);
        assert!(CreditCode::parse("").is_err());
        assert!(CreditCode::parse("九一一一〇〇〇〇六〇〇〇三七三四一Ｌ").is_err());
    }

    #[test]
    fn region_levels_and_subtrees() {
        let city = RegionCode::parse("361100").unwrap();
        let county = RegionCode::parse("361102").unwrap();
        let town = RegionCode::parse("361102001").unwrap();
        assert_eq!(city.level(), RegionLevel::City);
        assert_eq!(county.level(), RegionLevel::County);
        assert_eq!(town.level(), RegionLevel::Township);
        assert!(city.contains(&county) && city.contains(&town) && county.contains(&town));
        assert!(!county.contains(&RegionCode::parse("361103").unwrap()));
        assert!(!county.contains(&city));
        assert_eq!(town.parent(), Some(county.clone()));
        assert_eq!(county.parent(), Some(city.clone()));
        assert_eq!(city.parent().unwrap().as_str(), "360000");
        for bad in ["", "36110", "3611000", "36110a", "000000", "36110000000000"] {
            assert!(RegionCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn prefix_range_bounds() {
        assert_eq!(prefix_range("361102"), ("361102".into(), "361103".into()));
        assert_eq!(prefix_range("3611"), ("3611".into(), "3612".into()));
        assert_eq!(prefix_range("3619"), ("3619".into(), "361:".into()));
    }

    fn charset_char() -> impl Strategy<Value = char> {
        prop::sample::select(CREDIT_CODE_CHARSET.chars().collect::<Vec<_>>())
    }

    proptest! {
        #[test]
        fn completed_codes_always_parse(a in charset_char(), b in charset_char(), region in 110000u32..660000,
                                        rest in prop::collection::vec(charset_char(), 9)) {
            let first17: String = format!("{a}{b}{region}{}", rest.iter().collect::<String>());
            let code = CreditCode::complete(&first17).expect("valid");
            prop_assert_eq!(code.as_str().len(), 18);
        }

        #[test]
        fn any_single_substitution_is_caught(region in 110000u32..660000,
                                             rest in prop::collection::vec(charset_char(), 9),
                                             pos in 0usize..18, sub in charset_char()) {
            let first17: String = format!("91{region}{}", rest.iter().collect::<String>());
            let good = CreditCode::complete(&first17).unwrap();
            let mut chars: Vec<char> = good.as_str().chars().collect();
            prop_assume!(chars[pos] != sub);
            chars[pos] = sub;
            let bad: String = chars.into_iter().collect();
            prop_assert!(CreditCode::parse(&bad).is_err());
        }

        #[test]
        fn region_code_subtree_is_prefix_range(county in 110100u32..659999, town in 1u32..999) {
            let c = RegionCode::parse(&county.to_string()).unwrap();
            let t = RegionCode::parse(&format!("{county}{town:03}")).unwrap();
            prop_assert!(c.contains(&t));
            let (lo, hi) = prefix_range(c.subtree_prefix());
            prop_assert!(t.as_str() >= lo.as_str() && t.as_str() < hi.as_str());
        }
    }
}
