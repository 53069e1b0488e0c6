//! Use cases of communities and gas users: validation and upsert for batches and sheets (users name
//! their community by code; addresses and phones are encrypted), safety-device installation rates.

use super::model::*;
use super::store;
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::service as enterprises;
use crate::industry::enterprise::store as enterprise_store;
use crate::platform::audit::{self, Event};
use crate::platform::auth::Principal;
use crate::platform::crypto::Crypto;
use crate::platform::db::WriteTxn;
use crate::platform::error::{AppResult, FieldError};
use crate::platform::excel::Column;
use crate::platform::fields::{name_of, opt, Checker};
use crate::platform::geo;
use crate::platform::ingest::{IngestCtx, RecordType, Upserted};
use crate::platform::names::{name, Book};
use crate::platform::reference::{locate, RegionIndex};
use crate::platform::scope::Scope;
use crate::startup::AppState;
use chrono::Utc;
use ranjian_domain::enterprise::is_valid_phone;
use ranjian_domain::person::mask;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseTransaction, EntityTrait, QuerySelect};
use std::collections::HashMap;

pub const COMMUNITY_KINDS: &[(&str, &str)] = &[("community", "小区"), ("village", "村")];
pub const CATEGORIES: &[(&str, &str)] = &[
    ("household", "居民"),
    ("catering", "餐饮"),
    ("industrial", "工业"),
    ("institutional", "机关事业单位"),
    ("commercial", "商业"),
];
pub const GAS_TYPES: &[(&str, &str)] = &[("pipeline_ng", "管道天然气"), ("bottled_lpg", "瓶装液化石油气")];
const USER_STATUSES: &[(&str, &str)] = &[("active", "正常"), ("closed", "销户")];
const YES_NO: &[(&str, &str)] = &[("true", "是"), ("false", "否")];

pub const COMMUNITY_COLUMNS: &[Column] = &[
    Column {
        key: "enterprise_code",
        header: "供气企业统一社会信用代码",
        required: true,
        choices: &[],
        width: 24.0,
        note: "",
    },
    Column {
        key: "code", header: "小区编号", required: true, choices: &[], width: 16.0, note: "企业内唯一。"
    },
    Column { key: "name", header: "小区（村）名称", required: true, choices: &[], width: 24.0, note: "" },
    Column {
        key: "kind", header: "类型", required: false, choices: &["小区", "村"], width: 8.0, note: "默认小区。"
    },
    Column { key: "township", header: "乡镇（街道）", required: false, choices: &[], width: 14.0, note: "" },
    Column {
        key: "region_code",
        header: "所属区划",
        required: false,
        choices: &[],
        width: 10.0,
        note: "不填时按坐标确定。",
    },
    Column { key: "lng", header: "经度", required: false, choices: &[], width: 12.0, note: "" },
    Column { key: "lat", header: "纬度", required: false, choices: &[], width: 12.0, note: "" },
    Column { key: "address", header: "地址", required: false, choices: &[], width: 30.0, note: "" },
];

pub const USER_COLUMNS: &[Column] = &[
    Column {
        key: "enterprise_code",
        header: "供气企业统一社会信用代码",
        required: true,
        choices: &[],
        width: 24.0,
        note: "",
    },
    Column {
        key: "account_no",
        header: "用户户号",
        required: true,
        choices: &[],
        width: 16.0,
        note: "企业内唯一；按户号更新。",
    },
    Column {
        key: "category",
        header: "用户类别",
        required: true,
        choices: &["居民", "餐饮", "工业", "机关事业单位", "商业"],
        width: 12.0,
        note: "",
    },
    Column { key: "holder_name", header: "户名", required: true, choices: &[], width: 16.0, note: "" },
    Column {
        key: "community_code",
        header: "小区编号",
        required: true,
        choices: &[],
        width: 16.0,
        note: "同一企业已登记的小区编号。",
    },
    Column {
        key: "address",
        header: "用气地址",
        required: false,
        choices: &[],
        width: 30.0,
        note: "加密存储，列表中脱敏显示。",
    },
    Column {
        key: "phone",
        header: "联系电话",
        required: false,
        choices: &[],
        width: 14.0,
        note: "加密存储，列表中脱敏显示。",
    },
    Column {
        key: "gas_type",
        header: "气种",
        required: false,
        choices: &["管道天然气", "瓶装液化石油气"],
        width: 14.0,
        note: "默认管道天然气。",
    },
    Column {
        key: "leak_alarm",
        header: "燃气泄漏报警器",
        required: false,
        choices: &["是", "否"],
        width: 12.0,
        note: "",
    },
    Column {
        key: "auto_shutoff_valve",
        header: "自动切断阀",
        required: false,
        choices: &["是", "否"],
        width: 10.0,
        note: "",
    },
    Column {
        key: "self_closing_valve",
        header: "自闭阀",
        required: false,
        choices: &["是", "否"],
        width: 8.0,
        note: "",
    },
    Column {
        key: "metal_hose",
        header: "金属软管",
        required: false,
        choices: &["是", "否"],
        width: 10.0,
        note: "不锈钢波纹管或金属软管。",
    },
    Column {
        key: "flame_failure_cooker",
        header: "熄火保护灶具",
        required: false,
        choices: &["是", "否"],
        width: 12.0,
        note: "",
    },
    Column {
        key: "status",
        header: "状态",
        required: false,
        choices: &["正常", "销户"],
        width: 8.0,
        note: "默认正常。",
    },
];

pub struct ValidCommunity {
    key: String,
    enterprise_id: i64,
    region_code: String,
    code: String,
    name: String,
    kind: &'static str,
    township: Option<String>,
    point: Option<(f64, f64)>,
    address: Option<String>,
}

fn validate_community(
    input: &CommunityInput,
    ents: &HashMap<String, enterprise::Model>,
    regions: &RegionIndex,
    scope: &Scope,
) -> Result<ValidCommunity, Vec<FieldError>> {
    let mut c = Checker::default();
    let ent = enterprises::checked(&mut c, ents, &input.enterprise_code, scope, "供气企业");
    let code = c.required("code", "小区编号", &input.code, 64);
    let name = c.required("name", "小区（村）名称", &input.name, 100);
    let kind = c.choice("kind", "类型", &input.kind, COMMUNITY_KINDS, false).unwrap_or("community");
    let township = c.text("township", "乡镇（街道）", &input.township, 50);
    let lng = c.number("lng", "经度", &input.lng, -180.0, 180.0);
    let lat = c.number("lat", "纬度", &input.lat, -90.0, 90.0);
    let given = (opt(&input.lng).is_some(), opt(&input.lat).is_some());
    let point = match (lng, lat) {
        (Some(x), Some(y)) => geo::point(x, y).map_err(|e| c.error("lng", e)).ok().map(|p| (p.x(), p.y())),
        _ if given.0 != given.1 => {
            c.error("lng", "经度和纬度须同时填写");
            None
        }
        // Both empty, or a coordinate already reported as invalid.
        _ => None,
    };
    let address = c.text("address", "地址", &input.address, 200);
    let region = if point.is_none() && given != (false, false) && opt(&input.region_code).is_none() {
        None // the coordinate's own error says what to fix
    } else {
        locate(&mut c, regions, scope, &input.region_code, point)
    };
    c.finish(|| {
        let ent = ent.expect("checked");
        ValidCommunity {
            key: format!("{}:{code}", ent.id),
            enterprise_id: ent.id,
            region_code: region.expect("checked"),
            code,
            name,
            kind,
            township,
            point,
            address,
        }
    })
}

fn apply_community(am: &mut community::ActiveModel, v: &ValidCommunity) {
    am.enterprise_id = Set(v.enterprise_id);
    am.region_code = Set(v.region_code.clone());
    am.code = Set(v.code.clone());
    am.name = Set(v.name.clone());
    am.kind = Set(v.kind.to_string());
    am.township = Set(v.township.clone());
    am.lng = Set(v.point.map(|p| p.0));
    am.lat = Set(v.point.map(|p| p.1));
    am.address = Set(v.address.clone());
    am.updated_at = Set(Utc::now());
}

fn same_community(m: &community::Model, v: &ValidCommunity) -> bool {
    m.region_code == v.region_code
        && m.name == v.name
        && m.kind == v.kind
        && m.township == v.township
        && m.lng == v.point.map(|p| p.0)
        && m.lat == v.point.map(|p| p.1)
        && m.address == v.address
}

pub struct CommunityRecord;

impl RecordType for CommunityRecord {
    const NAME: &'static str = "communities";
    const TITLE: &'static str = "居民小区（村）台账";
    type Row = CommunityInput;
    type Valid = ValidCommunity;

    fn columns() -> &'static [Column] {
        COMMUNITY_COLUMNS
    }
    fn example() -> Vec<String> {
        [
            &enterprises::example_code()[..],
            "XZ-C-0001",
            "凤凰花园",
            "小区",
            "北门街道",
            "信州区",
            "117.9602",
            "28.4531",
            "上饶市信州区凤凰大道88号",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }
    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }
    fn code(v: &ValidCommunity) -> &str {
        &v.key
    }
    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[CommunityInput],
    ) -> AppResult<Vec<Result<ValidCommunity, Vec<FieldError>>>> {
        let ents =
            enterprises::by_codes(&ctx.state.db.conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        Ok(rows.iter().map(|r| validate_community(r, &ents, &ctx.state.regions, ctx.scope)).collect())
    }
    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidCommunity)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let codes: Vec<String> = rows.iter().map(|(_, v)| v.code.clone()).collect();
        let mut existing: HashMap<(i64, String), community::Model> = store::communities_by_codes(conn, &codes)
            .await?
            .into_iter()
            .map(|m| ((m.enterprise_id, m.code.clone()), m))
            .collect();
        let mut out = Upserted::default();
        for (_, v) in rows {
            match existing.remove(&(v.enterprise_id, v.code.clone())) {
                Some(m) if same_community(&m, &v) => out.unchanged += 1,
                Some(m) => {
                    let moved = m.region_code != v.region_code || m.township != v.township;
                    let mut am: community::ActiveModel = m.into();
                    apply_community(&mut am, &v);
                    let m = am.update(conn).await?;
                    if moved {
                        // A user's division is its community's: the users move with it.
                        store::move_users(conn, m.id, &m.region_code, m.township.as_deref()).await?;
                    }
                    audit::append(
                        conn,
                        ctx.actor,
                        Event::ok("community.import", "community", m.id).detail(format!("更新 {} {}", m.code, m.name)),
                    )
                    .await?;
                    out.updated += 1;
                }
                None => {
                    let mut am = community::ActiveModel { created_at: Set(Utc::now()), ..Default::default() };
                    apply_community(&mut am, &v);
                    let m = am.insert(conn).await?;
                    audit::append(
                        conn,
                        ctx.actor,
                        Event::ok("community.import", "community", m.id).detail(format!("新增 {} {}", m.code, m.name)),
                    )
                    .await?;
                    out.inserted += 1;
                }
            }
        }
        Ok(out)
    }
}

pub struct ValidGasUser {
    key: String,
    enterprise_id: i64,
    community: (i64, String, Option<String>),
    account_no: String,
    category: &'static str,
    holder_name: String,
    address: Option<String>,
    phone: Option<String>,
    gas_type: &'static str,
    devices: [bool; 5],
    status: &'static str,
}

fn validate_user(
    input: &GasUserInput,
    ents: &HashMap<String, enterprise::Model>,
    communities: &HashMap<(i64, String), community::Model>,
    scope: &Scope,
) -> Result<ValidGasUser, Vec<FieldError>> {
    let mut c = Checker::default();
    let ent = enterprises::checked(&mut c, ents, &input.enterprise_code, scope, "供气企业");
    let account_no = c.required("account_no", "用户户号", &input.account_no, 64);
    let category = c.choice("category", "用户类别", &input.category, CATEGORIES, true);
    let holder_name = c.required("holder_name", "户名", &input.holder_name, 100);
    let community = match (ent, opt(&input.community_code)) {
        (_, None) => {
            c.error("community_code", "小区编号不能为空");
            None
        }
        (Some(e), Some(code)) => match communities.get(&(e.id, code.clone())) {
            Some(m) if scope.allows(&m.region_code, Some(m.enterprise_id)) => {
                Some((m.id, m.region_code.clone(), m.township.clone()))
            }
            _ => {
                c.error("community_code", format!("小区编号“{code}”在该企业下不存在，请先登记小区"));
                None
            }
        },
        (None, Some(_)) => None,
    };
    let address = c.text("address", "用气地址", &input.address, 200);
    let phone = opt(&input.phone);
    if phone.as_deref().is_some_and(|p| !is_valid_phone(p)) {
        c.error("phone", "联系电话格式不正确，应为手机号或带区号的固定电话");
    }
    let gas_type = c.choice("gas_type", "气种", &input.gas_type, GAS_TYPES, false).unwrap_or("pipeline_ng");
    let mut flag =
        |field: &str, label: &str, v: &Option<String>| c.choice(field, label, v, YES_NO, false) == Some("true");
    let devices = [
        flag("leak_alarm", "燃气泄漏报警器", &input.leak_alarm),
        flag("auto_shutoff_valve", "自动切断阀", &input.auto_shutoff_valve),
        flag("self_closing_valve", "自闭阀", &input.self_closing_valve),
        flag("metal_hose", "金属软管", &input.metal_hose),
        flag("flame_failure_cooker", "熄火保护灶具", &input.flame_failure_cooker),
    ];
    let status = c.choice("status", "状态", &input.status, USER_STATUSES, false).unwrap_or("active");
    c.finish(|| {
        let ent = ent.expect("checked");
        ValidGasUser {
            key: format!("{}:{account_no}", ent.id),
            enterprise_id: ent.id,
            community: community.expect("checked"),
            account_no,
            category: category.expect("checked"),
            holder_name,
            address,
            phone,
            gas_type,
            devices,
            status,
        }
    })
}

fn apply_user(am: &mut gas_user::ActiveModel, v: &ValidGasUser, crypto: &Crypto) {
    am.enterprise_id = Set(v.enterprise_id);
    am.community_id = Set(v.community.0);
    am.region_code = Set(v.community.1.clone());
    am.township = Set(v.community.2.clone());
    am.account_no = Set(v.account_no.clone());
    am.category = Set(v.category.to_string());
    am.holder_name = Set(v.holder_name.clone());
    am.address_enc = Set(v.address.as_deref().map(|a| crypto.encrypt(a)));
    am.address_masked = Set(v.address.as_deref().map(mask_address));
    am.phone_enc = Set(v.phone.as_deref().map(|p| crypto.encrypt(p)));
    am.phone_masked = Set(v.phone.as_deref().map(|p| mask(p, 3, 4)));
    am.gas_type = Set(v.gas_type.to_string());
    am.leak_alarm = Set(v.devices[0]);
    am.auto_shutoff_valve = Set(v.devices[1]);
    am.self_closing_valve = Set(v.devices[2]);
    am.metal_hose = Set(v.devices[3]);
    am.flame_failure_cooker = Set(v.devices[4]);
    am.status = Set(v.status.to_string());
    am.updated_at = Set(Utc::now());
}

/// An address keeps its first part (the community) and hides the building and room.
fn mask_address(a: &str) -> String {
    let n = a.chars().count();
    let keep = (n * 2 / 3).max(1).min(n);
    format!("{}{}", a.chars().take(keep).collect::<String>(), "*".repeat(n - keep))
}

fn same_user(m: &gas_user::Model, v: &ValidGasUser, crypto: &Crypto) -> bool {
    let dec = |s: &Option<String>| s.as_deref().and_then(|e| crypto.decrypt(e));
    m.community_id == v.community.0
        && m.region_code == v.community.1
        && m.township == v.community.2
        && m.category == v.category
        && m.holder_name == v.holder_name
        && m.gas_type == v.gas_type
        && [m.leak_alarm, m.auto_shutoff_valve, m.self_closing_valve, m.metal_hose, m.flame_failure_cooker] == v.devices
        && m.status == v.status
        && dec(&m.address_enc) == v.address
        && dec(&m.phone_enc) == v.phone
}

pub struct GasUserRecord;

impl RecordType for GasUserRecord {
    const NAME: &'static str = "gas-users";
    const TITLE: &'static str = "燃气用户台账";
    const CODE_FIELD: &'static str = "account_no";
    type Row = GasUserInput;
    type Valid = ValidGasUser;

    fn columns() -> &'static [Column] {
        USER_COLUMNS
    }
    fn example() -> Vec<String> {
        [
            &enterprises::example_code()[..],
            "1000012345",
            "居民",
            "王某某",
            "XZ-C-0001",
            "凤凰花园3栋2单元501",
            "13907930001",
            "管道天然气",
            "是",
            "否",
            "是",
            "是",
            "是",
            "正常",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }
    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }
    fn code(v: &ValidGasUser) -> &str {
        &v.key
    }
    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[GasUserInput],
    ) -> AppResult<Vec<Result<ValidGasUser, Vec<FieldError>>>> {
        let conn = &ctx.state.db.conn;
        let ents = enterprises::by_codes(conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        let codes: Vec<String> = rows.iter().filter_map(|r| opt(&r.community_code)).collect();
        let communities: HashMap<(i64, String), community::Model> = store::communities_by_codes(conn, &codes)
            .await?
            .into_iter()
            .map(|m| ((m.enterprise_id, m.code.clone()), m))
            .collect();
        Ok(rows.iter().map(|r| validate_user(r, &ents, &communities, ctx.scope)).collect())
    }
    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidGasUser)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let crypto = &ctx.state.crypto;
        let accounts: Vec<String> = rows.iter().map(|(_, v)| v.account_no.clone()).collect();
        let mut existing: HashMap<(i64, String), gas_user::Model> = store::users_by_accounts(conn, &accounts)
            .await?
            .into_iter()
            .map(|m| ((m.enterprise_id, m.account_no.clone()), m))
            .collect();
        let mut out = Upserted::default();
        let mut fresh = Vec::new();
        for (_, mut v) in rows {
            let found = existing.remove(&(v.enterprise_id, v.account_no.clone()));
            if let Some(m) = &found {
                // Address and phone left out keep what is stored (they are shown masked, so a form
                // or an export for a role without personal data cannot send them back).
                let dec = |s: &Option<String>| s.as_deref().and_then(|e| crypto.decrypt(e));
                v.address = v.address.take().or_else(|| dec(&m.address_enc));
                v.phone = v.phone.take().or_else(|| dec(&m.phone_enc));
            }
            match found {
                Some(m) if same_user(&m, &v, crypto) => out.unchanged += 1,
                Some(m) => {
                    let mut am: gas_user::ActiveModel = m.into();
                    apply_user(&mut am, &v, crypto);
                    let m = am.update(conn).await?;
                    audit::append(
                        conn,
                        ctx.actor,
                        Event::ok("gas_user.import", "gas_user", m.id).detail(format!("更新户号 {}", m.account_no)),
                    )
                    .await?;
                    out.updated += 1;
                }
                None => {
                    let mut am = gas_user::ActiveModel { created_at: Set(Utc::now()), ..Default::default() };
                    apply_user(&mut am, &v, crypto);
                    fresh.push(am);
                }
            }
        }
        // New users arrive in bulk: one multi-row insert per chunk and one audit entry for them.
        if !fresh.is_empty() {
            let n = fresh.len();
            for chunk in fresh.chunks(1000) {
                gas_user::Entity::insert_many(chunk.to_vec()).exec_without_returning(conn).await?;
            }
            let e = Event {
                action: "gas_user.import",
                target_type: Some("gas_user"),
                target_id: None,
                success: true,
                detail: Some(format!("新增用户{n}户")),
            };
            audit::append(conn, ctx.actor, e).await?;
            out.inserted += n as u32;
        }
        Ok(out)
    }
}

/// A demo community and its users (the generator makes valid data).
pub fn demo_community(
    ent: &enterprise::Model,
    code: String,
    name: String,
    kind: &'static str,
    township: String,
    p: (f64, f64),
) -> community::ActiveModel {
    let v = ValidCommunity {
        key: String::new(),
        enterprise_id: ent.id,
        region_code: ent.region_code.clone(),
        code,
        name,
        kind,
        township: Some(township),
        point: Some(p),
        address: None,
    };
    let mut am = community::ActiveModel { created_at: Set(Utc::now()), ..Default::default() };
    apply_community(&mut am, &v);
    am
}

#[allow(clippy::too_many_arguments)]
pub fn demo_user(
    c: &community::Model,
    account_no: String,
    category: &'static str,
    holder_name: String,
    address: String,
    phone: Option<String>,
    devices: [bool; 5],
    crypto: &Crypto,
) -> gas_user::ActiveModel {
    let v = ValidGasUser {
        key: String::new(),
        enterprise_id: c.enterprise_id,
        community: (c.id, c.region_code.clone(), c.township.clone()),
        account_no,
        category,
        holder_name,
        address: Some(address),
        phone,
        gas_type: "pipeline_ng",
        devices,
        status: "active",
    };
    let mut am = gas_user::ActiveModel { created_at: Set(Utc::now()), ..Default::default() };
    apply_user(&mut am, &v, crypto);
    am
}

pub async fn community_dtos(state: &AppState, rows: Vec<community::Model>) -> AppResult<Vec<CommunityDto>> {
    let ents = enterprises::names(state).await?;
    Ok(rows
        .into_iter()
        .map(|m| CommunityDto {
            id: m.id,
            enterprise_id: m.enterprise_id,
            enterprise_name: name(&ents, m.enterprise_id),
            region_name: state.regions.name(&m.region_code),
            region_code: m.region_code,
            code: m.code,
            name: m.name,
            kind_name: name_of(COMMUNITY_KINDS, &m.kind),
            kind: m.kind,
            township: m.township,
            lng: m.lng,
            lat: m.lat,
            address: m.address,
            updated_at: m.updated_at,
        })
        .collect())
}

/// Every community's name by id, from memory (reloaded after a write of communities).
pub async fn community_names(state: &AppState) -> AppResult<Book> {
    use community::Column as C;
    let kind = CommunityRecord::NAME;
    Ok(state
        .names
        .of(kind, state.lists.generation(kind), || {
            community::Entity::find().select_only().columns([C::Id, C::Name]).into_tuple().all(&state.db.conn)
        })
        .await?)
}

pub async fn user_dtos(state: &AppState, rows: Vec<gas_user::Model>) -> AppResult<Vec<GasUserDto>> {
    let (ents, comms) = (enterprises::names(state).await?, community_names(state).await?);
    Ok(rows
        .into_iter()
        .map(|m| GasUserDto {
            id: m.id,
            enterprise_id: m.enterprise_id,
            enterprise_name: name(&ents, m.enterprise_id),
            community_id: m.community_id,
            community_name: name(&comms, m.community_id),
            region_name: state.regions.name(&m.region_code),
            region_code: m.region_code,
            township: m.township,
            account_no: m.account_no,
            category_name: name_of(CATEGORIES, &m.category),
            holder_name: if m.category == "household" { mask(&m.holder_name, 1, 0) } else { m.holder_name },
            category: m.category,
            address_masked: m.address_masked,
            phone_masked: m.phone_masked,
            gas_type_name: name_of(GAS_TYPES, &m.gas_type),
            gas_type: m.gas_type,
            leak_alarm: m.leak_alarm,
            auto_shutoff_valve: m.auto_shutoff_valve,
            self_closing_valve: m.self_closing_valve,
            metal_hose: m.metal_hose,
            flame_failure_cooker: m.flame_failure_cooker,
            status: m.status,
            updated_at: m.updated_at,
        })
        .collect())
}

/// Safety-device installation rates per community, township, county, enterprise or category.
pub async fn device_stats(state: &AppState, scope: &Scope, q: &DeviceStatsQuery) -> AppResult<DeviceStats> {
    let rows = store::device_stats(&state.db.conn, scope, q).await?;
    let group = q.group.as_deref().unwrap_or("region");
    let ids: Vec<i64> = rows.iter().filter_map(|r| r.0.as_deref()?.parse().ok()).collect();
    let names: HashMap<String, String> = match group {
        "community" => store::communities_by_ids(&state.db.conn, &ids)
            .await?
            .into_iter()
            .map(|c| (c.id.to_string(), c.name))
            .collect(),
        "enterprise" => enterprise_store::find_by_ids(&state.db.conn, &ids)
            .await?
            .into_iter()
            .map(|e| (e.id.to_string(), e.name))
            .collect(),
        _ => HashMap::new(),
    };
    let stat = |key: String, name: String, r: [i64; 6]| {
        let rate = |n: i64| if r[0] > 0 { n as f64 / r[0] as f64 } else { 0.0 };
        DeviceStat {
            key,
            name,
            users: r[0],
            leak_alarm: r[1],
            auto_shutoff_valve: r[2],
            self_closing_valve: r[3],
            metal_hose: r[4],
            flame_failure_cooker: r[5],
            leak_alarm_rate: rate(r[1]),
            auto_shutoff_valve_rate: rate(r[2]),
            self_closing_valve_rate: rate(r[3]),
            metal_hose_rate: rate(r[4]),
            flame_failure_cooker_rate: rate(r[5]),
        }
    };
    let mut sum = [0i64; 6];
    let mut items: Vec<DeviceStat> = rows
        .into_iter()
        .map(|(k, n, a, b, c, d, e)| {
            let r = [n, a, b, c, d, e];
            for i in 0..6 {
                sum[i] += r[i];
            }
            let key = k.unwrap_or_default();
            let name = match group {
                "region" => state.regions.name(&key),
                "category" => name_of(CATEGORIES, &key),
                "township" if key.is_empty() => "未填写".into(),
                "township" => key.clone(),
                _ => names.get(&key).cloned().unwrap_or_else(|| key.clone()),
            };
            stat(key, name, r)
        })
        .collect();
    items.sort_by(|a, b| {
        a.leak_alarm_rate
            .partial_cmp(&b.leak_alarm_rate)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.key.cmp(&b.key))
    });
    Ok(DeviceStats { items, summary: stat("all".into(), "合计".into(), sum) })
}

/// Communities as rows of the import template (export → import changes nothing).
pub async fn community_sheet(state: &AppState, rows: Vec<community::Model>) -> AppResult<Vec<Vec<String>>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let codes: HashMap<i64, String> = crate::industry::enterprise::store::codes_by_ids(&state.db.conn, &ids).await?;
    let text = |v: Option<String>| v.unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(|m| {
            vec![
                codes.get(&m.enterprise_id).cloned().unwrap_or_default(),
                m.code,
                m.name,
                if m.kind == "village" { "村" } else { "小区" }.to_string(),
                text(m.township),
                m.region_code,
                text(m.lng.map(|v| v.to_string())),
                text(m.lat.map(|v| v.to_string())),
                text(m.address),
            ]
        })
        .collect())
}

/// Gas users as rows of the import template. Address and phone in full for roles that may see
/// personal data (so the file re-imports unchanged), masked for the others.
pub async fn user_sheet(state: &AppState, full: bool, rows: Vec<gas_user::Model>) -> AppResult<Vec<Vec<String>>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let ents: HashMap<i64, String> = crate::industry::enterprise::store::codes_by_ids(&state.db.conn, &ids).await?;
    let cids: Vec<i64> = rows.iter().map(|r| r.community_id).collect();
    let comms: HashMap<i64, String> =
        store::communities_by_ids(&state.db.conn, &cids).await?.into_iter().map(|c| (c.id, c.code)).collect();
    let name = |list: &[(&'static str, &'static str)], code: &str| {
        list.iter().find(|(c, _)| *c == code).map(|(_, n)| n.to_string()).unwrap_or_else(|| code.to_string())
    };
    let yes = |b: bool| if b { "是" } else { "否" }.to_string();
    let secret = |enc: &Option<String>, masked: &Option<String>| {
        if full { enc.as_deref().and_then(|e| state.crypto.decrypt(e)) } else { masked.clone() }.unwrap_or_default()
    };
    Ok(rows
        .iter()
        .map(|m| {
            vec![
                ents.get(&m.enterprise_id).cloned().unwrap_or_default(),
                m.account_no.clone(),
                name(CATEGORIES, &m.category),
                m.holder_name.clone(),
                comms.get(&m.community_id).cloned().unwrap_or_default(),
                secret(&m.address_enc, &m.address_masked),
                secret(&m.phone_enc, &m.phone_masked),
                name(GAS_TYPES, &m.gas_type),
                yes(m.leak_alarm),
                yes(m.auto_shutoff_valve),
                yes(m.self_closing_valve),
                yes(m.metal_hose),
                yes(m.flame_failure_cooker),
                name(USER_STATUSES, &m.status),
            ]
        })
        .collect())
}
