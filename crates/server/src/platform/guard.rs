//! Protection of the forms open to the public (the complaint form, case tracking): a per-address
//! rate limit, and a simple anti-bot check — a sum to work out, signed by the server so it needs no
//! storage until it is used, and usable once.

use crate::platform::error::{AppError, AppResult};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use hmac::{Hmac, Mac};
use rand::{Rng, RngCore};
use serde::Serialize;
use sha2::Sha256;
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Mutex;
use utoipa::ToSchema;

/// How long a challenge may be answered.
const CHALLENGE_TTL_S: i64 = 15 * 60;

/// An anti-bot question for a form.
#[derive(Debug, Serialize, ToSchema)]
pub struct Challenge {
    /// e.g. "3 加 5 等于几？"
    pub question: String,
    /// Send back with the answer.
    pub token: String,
}

pub struct PublicGuard {
    filing: DefaultKeyedRateLimiter<String>,
    lookups: DefaultKeyedRateLimiter<String>,
    key: [u8; 32],
    used: Mutex<HashMap<String, i64>>,
}

impl PublicGuard {
    /// `per_hour`: cases one address may file per hour (tracking lookups: ten times that).
    pub fn new(per_hour: u32) -> Self {
        let n = NonZeroU32::new(per_hour.max(1)).expect("positive");
        let m = NonZeroU32::new(per_hour.max(1).saturating_mul(10)).expect("positive");
        let mut key = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut key);
        PublicGuard {
            filing: RateLimiter::keyed(Quota::per_hour(n)),
            lookups: RateLimiter::keyed(Quota::per_hour(m)),
            key,
            used: Mutex::new(HashMap::new()),
        }
    }

    fn limit(limiter: &DefaultKeyedRateLimiter<String>, ip: Option<&str>) -> AppResult<()> {
        let key = ip.unwrap_or("unknown").to_string();
        if limiter.len() > 100_000 {
            limiter.retain_recent();
        }
        limiter.check_key(&key).map_err(|_| AppError::TooManyRequests("提交过于频繁，请稍后再试".into()))
    }

    /// One more case filed from this address, or 429.
    pub fn filing(&self, ip: Option<&str>) -> AppResult<()> {
        Self::limit(&self.filing, ip)
    }

    /// One more tracking lookup or rating from this address, or 429.
    pub fn lookup(&self, ip: Option<&str>) -> AppResult<()> {
        Self::limit(&self.lookups, ip)
    }

    fn sign(&self, body: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key).expect("any key length");
        mac.update(body.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    pub fn challenge(&self) -> Challenge {
        let mut rng = rand::thread_rng();
        let (a, b): (u32, u32) = (rng.gen_range(1..=9), rng.gen_range(1..=9));
        let expiry = chrono::Utc::now().timestamp() + CHALLENGE_TTL_S;
        let nonce = format!("{:016x}", rng.gen::<u64>());
        let body = format!("{expiry}.{nonce}");
        let sig = self.sign(&format!("{body}.{}", a + b));
        Challenge { question: format!("{a} 加 {b} 等于几？"), token: format!("{body}.{sig}") }
    }

    /// Check an answer: right, not expired, not used before (it is used up now).
    pub fn verify(&self, token: Option<&str>, answer: Option<&str>) -> AppResult<()> {
        let wrong = || AppError::field("challenge_answer", "验证题答案不正确，请重新作答");
        let (Some(token), Some(answer)) = (token, answer.map(str::trim).filter(|a| !a.is_empty())) else {
            return Err(AppError::field("challenge_answer", "请回答验证题"));
        };
        let mut parts = token.rsplitn(2, '.');
        let (Some(sig), Some(body)) = (parts.next(), parts.next()) else { return Err(wrong()) };
        let answer: u32 = answer.parse().map_err(|_| wrong())?;
        if self.sign(&format!("{body}.{answer}")) != sig {
            return Err(wrong());
        }
        let expiry: i64 = body.split('.').next().and_then(|e| e.parse().ok()).ok_or_else(wrong)?;
        let now = chrono::Utc::now().timestamp();
        if expiry < now {
            return Err(AppError::field("challenge_answer", "验证题已过期，请刷新后重新作答"));
        }
        let mut used = self.used.lock().expect("guard lock");
        used.retain(|_, e| *e >= now);
        if used.insert(body.to_string(), expiry).is_some() {
            return Err(AppError::field("challenge_answer", "验证题已使用，请刷新后重新作答"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_challenge_is_answered_once() {
        let g = PublicGuard::new(2);
        let c = g.challenge();
        let nums: Vec<u32> = c.question.split(|ch: char| !ch.is_ascii_digit()).filter_map(|s| s.parse().ok()).collect();
        let right = (nums[0] + nums[1]).to_string();
        let wrong = (nums[0] + nums[1] + 1).to_string();
        assert!(g.verify(Some(&c.token), Some(&wrong)).is_err());
        assert!(g.verify(Some(&c.token), Some(&right)).is_ok());
        assert!(g.verify(Some(&c.token), Some(&right)).is_err(), "used once");
        assert!(g.verify(Some("1.2.3"), Some("4")).is_err());
        assert!(g.verify(None, Some("4")).is_err());
        assert!(g.filing(Some("10.0.0.1")).is_ok() && g.filing(Some("10.0.0.1")).is_ok());
        assert!(g.filing(Some("10.0.0.1")).is_err(), "third in the hour");
        assert!(g.filing(Some("10.0.0.2")).is_ok(), "per address");
    }
}
