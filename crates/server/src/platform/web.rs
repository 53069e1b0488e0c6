//! The web UI, built by Vite into `web/dist` and embedded in the release binary (debug builds read
//! the folder at run time). Unknown non-API paths get `index.html`, for the SPA's router.

use super::error::AppError;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "../../web/dist"]
#[allow_missing = true]
struct Assets;

fn asset(path: &str) -> Option<Response> {
    let file = Assets::get(path)?;
    let mime = file.metadata.mimetype().to_string();
    let mut resp = file.data.into_owned().into_response();
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&mime) {
        h.insert(header::CONTENT_TYPE, v);
    }
    let cache = if path.starts_with("assets/") { "public, max-age=31536000, immutable" } else { "no-cache" };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Some(resp)
}

pub async fn fallback(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path.starts_with("api/") || path == "api" {
        return AppError::NotFound.into_response();
    }
    if let Some(r) = (!path.is_empty()).then(|| asset(path)).flatten() {
        return r;
    }
    if path.starts_with("assets/") || path.starts_with("swagger/") {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    asset("index.html").unwrap_or_else(|| {
        Html(
            "<!doctype html><meta charset=utf-8><title>燃监</title>\
             <p>网页界面尚未构建：请运行 <code>make web</code> 或 <code>make run</code>。接口位于 <a href=/api/docs>/api/docs</a>。</p>",
        )
        .into_response()
    })
}

pub async fn api_docs() -> Html<&'static str> {
    Html(
        r##"<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>燃监 · 接口文档</title>
<link rel="stylesheet" href="/swagger/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/swagger/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });</script>
</body></html>"##,
    )
}
