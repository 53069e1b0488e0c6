//! Password policy (等保 2.0): at least 8 characters and 3 of the 4 classes.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordPolicyError {
    #[error("密码长度至少8位")]
    TooShort,
    #[error("密码长度不能超过128位")]
    TooLong,
    #[error("密码须包含大写字母、小写字母、数字、特殊字符中的至少三类")]
    TooFewClasses,
}

pub fn check_password_policy(pw: &str) -> Result<(), PasswordPolicyError> {
    let n = pw.chars().count();
    if n < 8 {
        return Err(PasswordPolicyError::TooShort);
    }
    if n > 128 {
        return Err(PasswordPolicyError::TooLong);
    }
    let classes = [
        pw.chars().any(|c| c.is_ascii_lowercase()),
        pw.chars().any(|c| c.is_ascii_uppercase()),
        pw.chars().any(|c| c.is_ascii_digit()),
        pw.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    if classes.iter().filter(|x| **x).count() < 3 {
        return Err(PasswordPolicyError::TooFewClasses);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        assert!(check_password_policy("Ranjian@2026").is_ok());
        assert!(check_password_policy("abcDEF12").is_ok());
        assert!(check_password_policy("abc@1234").is_ok());
        assert_eq!(check_password_policy("Ab1@"), Err(PasswordPolicyError::TooShort));
        assert_eq!(check_password_policy("abcdefgh1"), Err(PasswordPolicyError::TooFewClasses));
        assert_eq!(check_password_policy("ABCDEFGH"), Err(PasswordPolicyError::TooFewClasses));
        assert_eq!(check_password_policy(&"aA1".repeat(50)), Err(PasswordPolicyError::TooLong));
    }

    proptest! {
        #[test]
        fn single_class_passwords_always_fail(s in "[a-z]{0,40}") {
            prop_assert!(check_password_policy(&s).is_err());
        }

        #[test]
        fn three_classes_and_length_always_pass(a in "[a-z]{3,10}", b in "[A-Z]{3,10}", c in "[0-9]{2,10}") {
            let pw = format!("{a}{b}{c}");
            prop_assert!(check_password_policy(&pw).is_ok());
        }
    }
}
