//! Uploaded files (attachments, photos): stored once under `<data_dir>/files/<sha256>`, the rows
//! that refer to them keep name, type, size and hash.

use super::error::{AppError, AppResult};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Store bytes by their SHA-256 (an identical file is stored once); returns the hash.
pub async fn store(data_dir: &Path, bytes: &[u8]) -> AppResult<String> {
    let sha = hex::encode(Sha256::digest(bytes));
    let dir = data_dir.join("files");
    tokio::fs::create_dir_all(&dir).await.map_err(anyhow::Error::from)?;
    let path = dir.join(&sha);
    if tokio::fs::metadata(&path).await.is_err() {
        tokio::fs::write(&path, bytes).await.map_err(anyhow::Error::from)?;
    }
    Ok(sha)
}

/// The bytes stored under a hash.
pub async fn read(data_dir: &Path, sha256: &str) -> AppResult<Vec<u8>> {
    tokio::fs::read(data_dir.join("files").join(sha256)).await.map_err(|_| AppError::NotFound)
}

/// The type of a photo by its first bytes: JPEG, PNG or WebP, nothing else.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// A photo as uploaded: refused when over `max` bytes (413) or not JPEG, PNG or WebP (415), else
/// stored; returns its type and hash.
pub async fn accept_photo(data_dir: &Path, bytes: &[u8], max: usize) -> AppResult<(&'static str, String)> {
    if bytes.len() > max {
        return Err(AppError::PayloadTooLarge(format!("照片不能超过{}MB", max / 1024 / 1024)));
    }
    let kind = image_type(bytes).ok_or_else(|| AppError::UnsupportedMediaType("照片须为JPEG、PNG或WebP格式".into()))?;
    Ok((kind, store(data_dir, bytes).await?))
}

/// The type of a document by its first bytes: PDF, JPEG, PNG, or a ZIP container (Office files).
pub fn document_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF") {
        Some("application/pdf")
    } else if bytes.starts_with(b"PK") {
        Some("application/zip")
    } else {
        image_type(bytes).filter(|t| *t != "image/webp")
    }
}

/// A stored file as a download: its type, and its name in the Content-Disposition.
pub fn download(name: &str, content_type: &str, bytes: Vec<u8>) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    use axum::response::IntoResponse;
    let mut r = bytes.into_response();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    let encoded = percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC).to_string();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename*=UTF-8''{encoded}")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// The one file of a multipart upload (field `file`): its name and bytes. A body over the route's
/// limit is 413, anything but multipart 415.
pub async fn one_file(
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<(String, Vec<u8>)> {
    let mut mp =
        multipart.map_err(|_| AppError::UnsupportedMediaType("请以 multipart/form-data 上传（字段 file）".into()))?;
    let failed = |e: axum::extract::multipart::MultipartError| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge("上传的文件超过允许的大小".into())
        } else {
            AppError::BadRequest(format!("上传数据不完整：{e}"))
        }
    };
    while let Some(field) = mp.next_field().await.map_err(failed)? {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("照片").to_string();
            return Ok((name, field.bytes().await.map_err(failed)?.to_vec()));
        }
    }
    Err(AppError::field("file", "请选择要上传的文件"))
}
