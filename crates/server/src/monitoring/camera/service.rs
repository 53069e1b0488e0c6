//! Use cases of station cameras: validation (a station of the same enterprise, an http(s) playlist
//! URL), upsert by enterprise + camera code, and the online check: the playlist is fetched and must
//! answer with an HLS playlist (`#EXTM3U`); an https gateway is checked by connecting to it.

use super::model::*;
use super::store;
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::service as enterprises;
use crate::industry::enterprise::store as enterprise_store;
use crate::industry::station::model::station;
use crate::platform::audit::{self, Event};
use crate::platform::auth::Principal;
use crate::platform::db::WriteTxn;
use crate::platform::error::{AppResult, FieldError};
use crate::platform::excel::Column;
use crate::platform::fields::{opt, Checker};
use crate::platform::ingest::{IngestCtx, RecordType, Upserted};
use crate::platform::list::by_enterprise_codes;
use crate::platform::scope::Scope;
use crate::startup::AppState;
use chrono::Utc;
use futures_util::StreamExt;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseTransaction, EntityTrait};
use std::collections::HashMap;
use std::time::Duration;

pub const COLUMNS: &[Column] = &[
    Column {
        key: "enterprise_code",
        header: "权属企业统一社会信用代码",
        required: true,
        choices: &[],
        width: 24.0,
        note: "",
    },
    Column {
        key: "code", header: "摄像机编号", required: true, choices: &[], width: 18.0, note: "企业内唯一。"
    },
    Column {
        key: "name",
        header: "摄像机名称",
        required: true,
        choices: &[],
        width: 24.0,
        note: "如 门站工艺区全景。",
    },
    Column {
        key: "station_code",
        header: "所在厂站编号",
        required: true,
        choices: &[],
        width: 16.0,
        note: "本企业已登记的厂站设施编号。",
    },
    Column {
        key: "stream_url",
        header: "视频流地址（HLS）",
        required: true,
        choices: &[],
        width: 48.0,
        note: "视频网关提供的 HLS 播放地址，以 http:// 或 https:// 开头，一般以 .m3u8 结尾。",
    },
];

pub struct ValidCamera {
    key: String,
    enterprise_id: i64,
    region_code: String,
    code: String,
    name: String,
    station_id: i64,
    station_code: String,
    stream_url: String,
    lng: f64,
    lat: f64,
}

fn validate_row(
    input: &CameraInput,
    ents: &HashMap<String, enterprise::Model>,
    stations: &HashMap<(i64, String), station::Model>,
    scope: &Scope,
) -> Result<ValidCamera, Vec<FieldError>> {
    let mut c = Checker::default();
    let ent = enterprises::checked(&mut c, ents, &input.enterprise_code, scope, "权属企业");
    let code = c.required("code", "摄像机编号", &input.code, 64);
    let name = c.required("name", "摄像机名称", &input.name, 100);
    let station_code = c.required("station_code", "所在厂站编号", &input.station_code, 64);
    let url = c.required("stream_url", "视频流地址", &input.stream_url, 500);
    if !(url.is_empty() || url.starts_with("http://") || url.starts_with("https://")) {
        c.error("stream_url", "视频流地址应以 http:// 或 https:// 开头");
    }
    let st = ent.and_then(|e| {
        let s = stations.get(&(e.id, station_code.clone()));
        if s.is_none() && !station_code.is_empty() {
            c.error("station_code", format!("本企业没有编号为“{station_code}”的厂站设施"));
        }
        s
    });
    c.finish(|| {
        let e = ent.expect("checked");
        let s = st.expect("checked");
        ValidCamera {
            key: format!("{}:{code}", e.id),
            enterprise_id: e.id,
            region_code: s.region_code.clone(),
            code,
            name,
            station_id: s.id,
            station_code,
            stream_url: url,
            lng: s.lng,
            lat: s.lat,
        }
    })
}

fn same(m: &camera::Model, v: &ValidCamera) -> bool {
    m.region_code == v.region_code
        && m.name == v.name
        && m.station_id == Some(v.station_id)
        && m.stream_url == v.stream_url
        && m.lng == v.lng
        && m.lat == v.lat
}

fn apply(am: &mut camera::ActiveModel, v: &ValidCamera) {
    am.enterprise_id = Set(v.enterprise_id);
    am.region_code = Set(v.region_code.clone());
    am.code = Set(v.code.clone());
    am.name = Set(v.name.clone());
    am.station_id = Set(Some(v.station_id));
    am.station_code = Set(Some(v.station_code.clone()));
    am.stream_url = Set(v.stream_url.clone());
    am.lng = Set(v.lng);
    am.lat = Set(v.lat);
    am.updated_at = Set(Utc::now());
}

pub struct CameraRecord;

impl RecordType for CameraRecord {
    const NAME: &'static str = "cameras";
    const TITLE: &'static str = "视频监控点";
    type Row = CameraInput;
    type Valid = ValidCamera;

    fn columns() -> &'static [Column] {
        COLUMNS
    }

    fn example() -> Vec<String> {
        let ent = crate::industry::enterprise::service::example_code();
        [&ent[..], "XZ-MZ-01-C1", "信州门站工艺区", "XZ-MZ-01", "http://video.example.cn/live/XZ-MZ-01-C1/index.m3u8"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }

    fn code(v: &ValidCamera) -> &str {
        &v.key
    }

    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[CameraInput],
    ) -> AppResult<Vec<Result<ValidCamera, Vec<FieldError>>>> {
        let conn = &ctx.state.db.conn;
        let ents = enterprises::by_codes(conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        let keys: Vec<(i64, String)> = rows
            .iter()
            .filter_map(|r| Some((ents.get(&opt(&r.enterprise_code)?)?.id, opt(&r.station_code)?)))
            .collect();
        let stations = by_enterprise_codes::<station::Entity, _>(
            conn,
            &keys,
            (station::Column::EnterpriseId, station::Column::Code),
            |m| (m.enterprise_id, m.code.clone()),
        )
        .await?;
        Ok(rows.iter().map(|r| validate_row(r, &ents, &stations, ctx.scope)).collect())
    }

    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidCamera)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let codes: Vec<String> = rows.iter().map(|(_, v)| v.code.clone()).collect();
        let mut existing: HashMap<(i64, String), camera::Model> = store::find_by_codes(conn, &codes)
            .await?
            .into_iter()
            .map(|m| ((m.enterprise_id, m.code.clone()), m))
            .collect();
        let mut out = Upserted::default();
        for (_, v) in rows {
            let (m, what) = match existing.remove(&(v.enterprise_id, v.code.clone())) {
                Some(m) if same(&m, &v) => {
                    out.unchanged += 1;
                    continue;
                }
                Some(m) => {
                    let url_changed = m.stream_url != v.stream_url;
                    let mut am: camera::ActiveModel = m.into();
                    apply(&mut am, &v);
                    if url_changed {
                        am.online = Set(None);
                        am.checked_at = Set(None);
                    }
                    out.updated += 1;
                    (am.update(conn).await?, "更新")
                }
                None => {
                    let mut am = camera::ActiveModel {
                        created_at: Set(Utc::now()),
                        online: Set(None),
                        checked_at: Set(None),
                        ..Default::default()
                    };
                    apply(&mut am, &v);
                    out.inserted += 1;
                    (am.insert(conn).await?, "新增")
                }
            };
            audit::append(
                conn,
                ctx.actor,
                Event::ok("camera.import", "camera", m.id).detail(format!("{what} {} {}", m.code, m.name)),
            )
            .await?;
        }
        Ok(out)
    }
}

pub fn online_name(o: Option<bool>) -> &'static str {
    match o {
        Some(true) => "在线",
        Some(false) => "离线",
        None => "未检测",
    }
}

pub async fn to_dtos(state: &AppState, rows: Vec<camera::Model>) -> AppResult<Vec<CameraDto>> {
    let conn = &state.db.conn;
    let ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let ents: HashMap<i64, enterprise::Model> =
        enterprise_store::find_by_ids(conn, &ids).await?.into_iter().map(|e| (e.id, e)).collect();
    let sids: Vec<i64> = rows.iter().filter_map(|r| r.station_id).collect();
    let mut stations: HashMap<i64, String> = HashMap::new();
    for chunk in sids.chunks(500) {
        use sea_orm::{ColumnTrait, QueryFilter};
        for s in station::Entity::find().filter(station::Column::Id.is_in(chunk.to_vec())).all(conn).await? {
            stations.insert(s.id, s.name);
        }
    }
    Ok(rows
        .into_iter()
        .map(|m| {
            let e = ents.get(&m.enterprise_id);
            CameraDto {
                id: m.id,
                code: m.code,
                name: m.name,
                enterprise_id: m.enterprise_id,
                enterprise_code: e.map(|e| e.code.clone()).unwrap_or_default(),
                enterprise_name: e.map(|e| e.name.clone()).unwrap_or_default(),
                region_name: state.regions.name(&m.region_code),
                region_code: m.region_code,
                station_name: m.station_id.and_then(|s| stations.get(&s).cloned()),
                station_id: m.station_id,
                station_code: m.station_code,
                stream_url: m.stream_url,
                lng: m.lng,
                lat: m.lat,
                online_name: online_name(m.online),
                online: m.online,
                checked_at: m.checked_at,
                created_at: m.created_at,
                updated_at: m.updated_at,
            }
        })
        .collect())
}

/// Whether a stream answers: an http playlist must come back as an HLS playlist within three
/// seconds; an https gateway must accept a connection.
pub async fn probe(url: &str) -> bool {
    let timeout = Duration::from_secs(3);
    if let Some(rest) = url.strip_prefix("https://") {
        let host = rest.split('/').next().unwrap_or("");
        let addr = if host.contains(':') { host.to_string() } else { format!("{host}:443") };
        return matches!(tokio::time::timeout(timeout, tokio::net::TcpStream::connect(addr)).await, Ok(Ok(_)));
    }
    let Ok(client) = reqwest::Client::builder().timeout(timeout).build() else { return false };
    match client.get(url).send().await {
        Ok(r) if r.status().is_success() => {
            matches!(r.bytes().await, Ok(b) if b.trim_ascii_start().starts_with(b"#EXTM3U"))
        }
        _ => false,
    }
}

/// Check cameras and store what was found.
pub async fn check(state: &AppState, cams: Vec<camera::Model>) -> AppResult<Vec<camera::Model>> {
    let results: Vec<(camera::Model, bool)> = futures_util::stream::iter(cams)
        .map(|c| async move {
            let ok = probe(&c.stream_url).await;
            (c, ok)
        })
        .buffer_unordered(16)
        .collect()
        .await;
    let now = Utc::now();
    let txn = state.db.write_txn().await?;
    let mut out = Vec::with_capacity(results.len());
    for (c, ok) in results {
        let mut am: camera::ActiveModel = c.into();
        am.online = Set(Some(ok));
        am.checked_at = Set(Some(now));
        out.push(am.update(&*txn).await?);
    }
    txn.commit().await?;
    Ok(out)
}

/// Check every camera (the scheduler, every five minutes). Returns (checked, online).
pub async fn check_all(state: &AppState) -> AppResult<(usize, usize)> {
    let cams = camera::Entity::find().all(&state.db.conn).await?;
    let done = check(state, cams).await?;
    Ok((done.len(), done.iter().filter(|c| c.online == Some(true)).count()))
}

pub fn sheet_row(d: &CameraDto) -> Vec<String> {
    vec![
        d.enterprise_code.clone(),
        d.code.clone(),
        d.name.clone(),
        d.station_code.clone().unwrap_or_default(),
        d.stream_url.clone(),
    ]
}
