//! The pipeline network's classifications: pressure classes (GB 50028) and pipe materials.

/// Pressure class of a gas pipeline, GB 50028-2006 table 6.1.6 (MPa, gauge).
/// Ordered from low to high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PressureClass {
    Low,
    MediumB,
    MediumA,
    SubhighB,
    SubhighA,
    HighB,
    HighA,
}

impl PressureClass {
    pub const ALL: [PressureClass; 7] = [
        PressureClass::Low,
        PressureClass::MediumB,
        PressureClass::MediumA,
        PressureClass::SubhighB,
        PressureClass::SubhighA,
        PressureClass::HighB,
        PressureClass::HighA,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PressureClass::Low => "low",
            PressureClass::MediumB => "medium_b",
            PressureClass::MediumA => "medium_a",
            PressureClass::SubhighB => "subhigh_b",
            PressureClass::SubhighA => "subhigh_a",
            PressureClass::HighB => "high_b",
            PressureClass::HighA => "high_a",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            PressureClass::Low => "低压",
            PressureClass::MediumB => "中压B",
            PressureClass::MediumA => "中压A",
            PressureClass::SubhighB => "次高压B",
            PressureClass::SubhighA => "次高压A",
            PressureClass::HighB => "高压B",
            PressureClass::HighA => "高压A",
        }
    }

    /// (lower, upper] bound in MPa; the low class is below 0.01.
    pub fn range_mpa(self) -> (f64, f64) {
        match self {
            PressureClass::Low => (0.0, 0.01),
            PressureClass::MediumB => (0.01, 0.2),
            PressureClass::MediumA => (0.2, 0.4),
            PressureClass::SubhighB => (0.4, 0.8),
            PressureClass::SubhighA => (0.8, 1.6),
            PressureClass::HighB => (1.6, 2.5),
            PressureClass::HighA => (2.5, 4.0),
        }
    }

    /// The class of a design pressure in MPa.
    pub fn of_mpa(p: f64) -> Option<PressureClass> {
        if !(0.0..=4.0).contains(&p) {
            return None;
        }
        if p < 0.01 {
            return Some(PressureClass::Low);
        }
        PressureClass::ALL.into_iter().skip(1).find(|c| p <= c.range_mpa().1)
    }

    /// Accepts the code, the Chinese name, or a pressure such as "0.4MPa".
    pub fn parse(s: &str) -> Option<PressureClass> {
        let s = s.trim();
        if let Some(c) = PressureClass::ALL.into_iter().find(|c| c.as_str() == s || c.name_zh() == s) {
            return Some(c);
        }
        let n = s.trim_end_matches("MPa").trim_end_matches("mpa").trim();
        n.parse::<f64>().ok().and_then(PressureClass::of_mpa)
    }

    /// Medium pressure or higher (third-party construction rules, patrol frequency).
    pub fn is_medium_or_higher(self) -> bool {
        self != PressureClass::Low
    }
}

/// Pipe material (管材).
pub const MATERIALS: &[(&str, &str)] = &[
    ("steel", "钢管"),
    ("pe", "聚乙烯（PE）管"),
    ("grey_cast_iron", "灰口铸铁管"),
    ("ductile_iron", "球墨铸铁管"),
    ("galvanised_steel", "镀锌钢管"),
    ("composite", "钢骨架复合管"),
    ("other", "其他"),
];

pub fn material_name(code: &str) -> &str {
    MATERIALS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n).unwrap_or(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_follow_gb50028() {
        assert_eq!(PressureClass::of_mpa(0.005), Some(PressureClass::Low));
        assert_eq!(PressureClass::of_mpa(0.01), Some(PressureClass::MediumB));
        assert_eq!(PressureClass::of_mpa(0.2), Some(PressureClass::MediumB));
        assert_eq!(PressureClass::of_mpa(0.3), Some(PressureClass::MediumA));
        assert_eq!(PressureClass::of_mpa(0.8), Some(PressureClass::SubhighB));
        assert_eq!(PressureClass::of_mpa(1.6), Some(PressureClass::SubhighA));
        assert_eq!(PressureClass::of_mpa(4.0), Some(PressureClass::HighA));
        assert_eq!(PressureClass::of_mpa(4.5), None);
        assert_eq!(PressureClass::parse("次高压B"), Some(PressureClass::SubhighB));
        assert_eq!(PressureClass::parse("0.4MPa"), Some(PressureClass::MediumA));
        assert_eq!(PressureClass::parse("超高压"), None);
        assert!(!PressureClass::Low.is_medium_or_higher());
    }
}
