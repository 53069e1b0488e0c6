//! HTTP handlers of bottled LPG.

use super::model::*;
use super::{service, store};
use crate::platform::audit::Actor;
use crate::platform::auth::Auth;
use crate::platform::error::{AppResult, Problem};
use crate::platform::extract::ClientIp;
use crate::platform::extract::Query;
use crate::platform::ingest::export;
use crate::platform::list::all;
use crate::platform::list::{today, PageParams};
use crate::startup::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_cylinders))
        .routes(routes!(trace))
        .routes(routes!(violations))
        .routes(routes!(anomalies))
        .merge(cylinder_ingest::router(upload_max_bytes))
        .merge(filling_ingest::router(upload_max_bytes))
        .merge(movement_ingest::router(upload_max_bytes))
}

/// Cylinders in the caller's scope; `status=due` lists those overdue for inspection.
#[utoipa::path(get, path = "/cylinders", tag = "industry", params(PageParams, CylinderFilter),
    responses((status = 200, body = CylinderList), (status = 401, body = Problem)))]
async fn list_cylinders(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<CylinderFilter>,
    ip: ClientIp,
) -> AppResult<Response> {
    let scope = p.scope();
    if page.wants_xlsx() {
        let q = store::cylinders_filtered(&scope, &f, today());
        let rows = all(&state.db.conn, q, cylinder::Column::Id, state.config.export_max_rows).await?;
        let rows = service::cylinder_sheet(&state, rows).await?;
        let cond = [
            ("关键字", f.q.clone()),
            ("区划", f.region_code.clone()),
            ("状态", f.status.clone()),
            ("规格型号", f.spec.clone()),
            ("企业", f.enterprise_id.map(|e| e.to_string())),
        ];
        return export::<service::CylinderRecord>(&state, &Actor::of(&p, ip.0), rows, &cond).await;
    }
    let (rows, total) = store::cylinders(&state.db.conn, &scope, &f, &page, today()).await?;
    Ok(axum::Json(CylinderList { items: service::cylinder_dtos(&state, rows).await?, total }).into_response())
}

/// A cylinder's trace by steel-seal number or QR code (scan or type it).
#[utoipa::path(get, path = "/cylinders/trace", tag = "industry", params(TraceQuery),
    responses((status = 200, body = CylinderTrace), (status = 404, body = Problem)))]
async fn trace(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(q): Query<TraceQuery>,
) -> AppResult<axum::Json<CylinderTrace>> {
    Ok(axum::Json(service::trace(&state, &p.scope(), &q.code).await?))
}

/// Refused fillings (violations), newest first.
#[utoipa::path(get, path = "/cylinders/violations", tag = "industry", params(PageParams, ViolationFilter),
    responses((status = 200, body = FillingList)))]
async fn violations(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<ViolationFilter>,
) -> AppResult<axum::Json<FillingList>> {
    let (rows, total) = store::violations(&state.db.conn, &p.scope(), &f, &page).await?;
    Ok(axum::Json(FillingList { items: service::filling_dtos(&state, rows).await?, total }))
}

/// Abnormal flows: users holding more cylinders than the limit, cylinders filled again without
/// having come back; newest first.
#[utoipa::path(get, path = "/cylinders/anomalies", tag = "industry", params(PageParams, AnomalyFilter),
    responses((status = 200, body = AnomalyList)))]
async fn anomalies(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<AnomalyFilter>,
) -> AppResult<axum::Json<AnomalyList>> {
    let (rows, total) = store::anomalies(&state.db.conn, &p.scope(), &f, &page).await?;
    Ok(axum::Json(AnomalyList { items: service::anomaly_dtos(&state, rows).await?, total }))
}

mod movement_ingest {
    use super::*;
    crate::ingest_routes!(
        service::MovementRecord,
        MovementInput,
        tag = "industry",
        batch = "/cylinder-movements/batch",
        import = "/cylinder-movements/import",
        template = "/cylinder-movements/import-template"
    );
    pub use ingest::router;
}

mod cylinder_ingest {
    use super::*;
    crate::ingest_routes!(
        service::CylinderRecord,
        CylinderInput,
        tag = "industry",
        batch = "/cylinders/batch",
        import = "/cylinders/import",
        template = "/cylinders/import-template"
    );
    pub use ingest::router;
}

mod filling_ingest {
    use super::*;
    crate::ingest_routes!(
        service::FillingRecord,
        FillingInput,
        tag = "industry",
        batch = "/cylinder-fillings/batch",
        import = "/cylinder-fillings/import",
        template = "/cylinder-fillings/import-template"
    );
    pub use ingest::router;
}
