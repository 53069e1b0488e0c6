//! Personal data at rest (ARCHITECTURE.md §4): SM4 in GCM mode for the values, and a keyed SM3
//! hash (HMAC-SM3) as a blind index, so a value can be matched (uniqueness, exact search) without
//! being decrypted. The 128-bit master key comes from `data_key` (hex) in the configuration or, when
//! that is not set, from `<data_dir>/secret.key`, created on first start. Back it up: without it the
//! encrypted fields cannot be read.

use aes_gcm::aead::consts::U12;
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{AesGcm, Nonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sm3::{Digest, Sm3};
use sm4::Sm4;
use std::path::Path;

type Sm4Gcm = AesGcm<Sm4, U12>;

pub struct Crypto {
    cipher: Sm4Gcm,
    mac_key: Vec<u8>,
}

impl Crypto {
    pub fn from_master(master: [u8; 16]) -> Self {
        let mut h = Sm3::new();
        h.update(master);
        h.update(b"ranjian blind index");
        Crypto { cipher: Sm4Gcm::new(&master.into()), mac_key: h.finalize().to_vec() }
    }

    /// The key from configuration (32 hex digits), else from the key file (created if missing).
    pub fn load(configured: Option<&str>, data_dir: &Path) -> anyhow::Result<Self> {
        let hex_key = match configured.map(str::trim).filter(|s| !s.is_empty()) {
            Some(k) => k.to_string(),
            None => {
                let path = data_dir.join("secret.key");
                if !path.exists() {
                    std::fs::create_dir_all(data_dir)?;
                    let mut k = [0u8; 16];
                    rand::thread_rng().fill_bytes(&mut k);
                    std::fs::write(&path, hex::encode(k))?;
                    #[cfg(unix)]
                    {
                        use std::os::unix::fs::PermissionsExt;
                        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
                    }
                    tracing::warn!(path = %path.display(), "created a new data encryption key; back it up");
                }
                std::fs::read_to_string(&path)?.trim().to_string()
            }
        };
        let bytes = hex::decode(&hex_key).map_err(|_| anyhow::anyhow!("data_key must be 32 hex digits"))?;
        let master: [u8; 16] = bytes.try_into().map_err(|_| anyhow::anyhow!("data_key must be 32 hex digits"))?;
        Ok(Self::from_master(master))
    }

    /// Encrypt a value: hex of nonce ‖ ciphertext ‖ tag.
    pub fn encrypt(&self, plain: &str) -> String {
        let mut nonce = [0u8; 12];
        rand::thread_rng().fill_bytes(&mut nonce);
        let ct = self.cipher.encrypt(Nonce::from_slice(&nonce), plain.as_bytes()).expect("SM4-GCM encryption");
        let mut out = nonce.to_vec();
        out.extend(ct);
        hex::encode(out)
    }

    /// The value, or None when it was not encrypted with this key or was altered.
    pub fn decrypt(&self, stored: &str) -> Option<String> {
        let raw = hex::decode(stored).ok()?;
        if raw.len() < 12 + 16 {
            return None;
        }
        let (nonce, ct) = raw.split_at(12);
        let plain = self.cipher.decrypt(Nonce::from_slice(nonce), ct).ok()?;
        String::from_utf8(plain).ok()
    }

    /// A keyed hash of a value, for equality matching; `kind` keeps fields apart.
    pub fn blind_index(&self, kind: &str, value: &str) -> String {
        let mut mac = <Hmac<Sm3> as Mac>::new_from_slice(&self.mac_key).expect("any key length");
        mac.update(kind.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_tamper() {
        let c = Crypto::from_master([7; 16]);
        let e1 = c.encrypt("11010519491231002X");
        let e2 = c.encrypt("11010519491231002X");
        assert_ne!(e1, e2, "a fresh nonce each time");
        assert_eq!(c.decrypt(&e1).as_deref(), Some("11010519491231002X"));
        assert!(!e1.contains("1101051949"));
        let mut bad = e1.clone();
        bad.replace_range(30..32, if &e1[30..32] == "00" { "11" } else { "00" });
        assert_eq!(c.decrypt(&bad), None);
        assert_eq!(Crypto::from_master([8; 16]).decrypt(&e1), None);
        assert_eq!(c.blind_index("id", "x"), c.blind_index("id", "x"));
        assert_ne!(c.blind_index("id", "x"), c.blind_index("phone", "x"));
        assert_ne!(c.blind_index("id", "x"), Crypto::from_master([8; 16]).blind_index("id", "x"));
    }
}
