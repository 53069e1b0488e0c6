//! Practitioners' training and examination records (培训考核记录), a record type of the data
//! standard: matched to the practitioner by enterprise and ID number (blind index), upserted by
//! practitioner, kind, date and topic.

use super::model::{practitioner, training, TrainingDto, TrainingInput};
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::service as enterprises;
use crate::platform::audit::{self, Event};
use crate::platform::auth::Principal;
use crate::platform::crypto::Crypto;
use crate::platform::db::WriteTxn;
use crate::platform::error::{AppResult, FieldError};
use crate::platform::excel::Column;
use crate::platform::fields::{opt, Checker};
use crate::platform::ingest::{IngestCtx, RecordType, Upserted};
use crate::platform::list::today;
use crate::platform::scope::Scope;
use chrono::{NaiveDate, Utc};
use ranjian_domain::person::IdNumber;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use std::collections::HashMap;

const KINDS: &[(&str, &str)] = &[("training", "培训"), ("exam", "考核")];
const RESULTS: &[(&str, &str)] = &[("passed", "合格"), ("failed", "不合格")];

fn name_of(list: &[(&'static str, &'static str)], code: &str) -> Option<&'static str> {
    list.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

pub const COLUMNS: &[Column] = &[
    Column {
        key: "enterprise_code",
        header: "企业统一社会信用代码",
        required: true,
        choices: &[],
        width: 24.0,
        note: "从业人员所在企业。",
    },
    Column {
        key: "id_number",
        header: "身份证号",
        required: true,
        choices: &[],
        width: 22.0,
        note: "须为该企业从业人员台账中的人员。",
    },
    Column { key: "kind", header: "类别", required: true, choices: &["培训", "考核"], width: 8.0, note: "" },
    Column { key: "held_on", header: "日期", required: true, choices: &[], width: 12.0, note: "" },
    Column { key: "topic", header: "培训考核内容", required: true, choices: &[], width: 30.0, note: "" },
    Column { key: "hours", header: "学时", required: false, choices: &[], width: 8.0, note: "" },
    Column { key: "organiser", header: "组织单位", required: false, choices: &[], width: 24.0, note: "" },
    Column {
        key: "result",
        header: "考核结果",
        required: false,
        choices: &["合格", "不合格"],
        width: 10.0,
        note: "考核时必填。",
    },
    Column { key: "score", header: "成绩", required: false, choices: &[], width: 8.0, note: "" },
];

pub struct ValidTraining {
    key: String,
    enterprise_id: i64,
    id_hash: String,
    kind: &'static str,
    held_on: NaiveDate,
    topic: String,
    hours: Option<f64>,
    organiser: Option<String>,
    result: Option<&'static str>,
    score: Option<f64>,
}

fn validate(
    input: &TrainingInput,
    ents: &HashMap<String, enterprise::Model>,
    scope: &Scope,
    crypto: &Crypto,
    day: NaiveDate,
) -> Result<ValidTraining, Vec<FieldError>> {
    let mut c = Checker::default();
    let ent = enterprises::checked(&mut c, ents, &input.enterprise_code, scope, "企业");
    let id = match opt(&input.id_number) {
        None => {
            c.error("id_number", "身份证号不能为空");
            None
        }
        Some(s) => IdNumber::parse(&s).map_err(|e| c.error("id_number", format!("身份证号无效：{e}"))).ok(),
    };
    let kind = c.choice("kind", "类别", &input.kind, KINDS, true);
    let held_on = c.date("held_on", "日期", &input.held_on);
    if opt(&input.held_on).is_none() {
        c.error("held_on", "日期不能为空");
    }
    if held_on.is_some_and(|d| d > day) {
        c.error("held_on", "日期不能晚于今天");
    }
    let topic = c.required("topic", "培训考核内容", &input.topic, 200);
    let hours = c.number("hours", "学时", &input.hours, 0.0, 1000.0);
    let organiser = c.text("organiser", "组织单位", &input.organiser, 100);
    let result = c.choice("result", "考核结果", &input.result, RESULTS, false);
    if kind == Some("exam") && result.is_none() && opt(&input.result).is_none() {
        c.error("result", "考核记录须填写考核结果");
    }
    let score = c.number("score", "成绩", &input.score, 0.0, 100.0);
    c.finish(|| {
        let (ent, kind, held_on) = (ent.expect("checked"), kind.expect("checked"), held_on.expect("checked"));
        let id_hash = crypto.blind_index("id_number", id.expect("checked").as_str());
        ValidTraining {
            key: format!("{}:{id_hash}:{kind}:{held_on}:{topic}", ent.id),
            enterprise_id: ent.id,
            id_hash,
            kind,
            held_on,
            topic,
            hours,
            organiser,
            result,
            score,
        }
    })
}

fn apply(am: &mut training::ActiveModel, v: &ValidTraining) {
    am.hours = Set(v.hours);
    am.organiser = Set(v.organiser.clone());
    am.result = Set(v.result.map(str::to_string));
    am.score = Set(v.score);
    am.updated_at = Set(Utc::now());
}

pub struct TrainingRecord;

impl RecordType for TrainingRecord {
    const NAME: &'static str = "practitioner-trainings";
    const TITLE: &'static str = "从业人员培训考核记录";
    const CODE_FIELD: &'static str = "id_number";
    type Row = TrainingInput;
    type Valid = ValidTraining;

    fn columns() -> &'static [Column] {
        COLUMNS
    }
    fn example() -> Vec<String> {
        [
            &enterprises::example_code()[..],
            "11010519491231002X",
            "考核",
            "2026-10-15",
            "燃气经营企业从业人员专业培训考核（安全生产管理人员）",
            "16",
            "上饶市城市管理局",
            "合格",
            "86",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }
    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }
    fn code(v: &ValidTraining) -> &str {
        &v.key
    }
    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[TrainingInput],
    ) -> AppResult<Vec<Result<ValidTraining, Vec<FieldError>>>> {
        let ents =
            enterprises::by_codes(&ctx.state.db.conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        let day = today();
        Ok(rows.iter().map(|r| validate(r, &ents, ctx.scope, &ctx.state.crypto, day)).collect())
    }
    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidTraining)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let hashes: Vec<String> = rows.iter().map(|(_, v)| v.id_hash.clone()).collect();
        let people: HashMap<(i64, String), practitioner::Model> = super::store::find_by_hashes(conn, &hashes)
            .await?
            .into_iter()
            .map(|p| ((p.enterprise_id, p.id_number_hash.clone()), p))
            .collect();
        let ids: Vec<i64> = people.values().map(|p| p.id).collect();
        let mut existing: HashMap<(i64, String, NaiveDate, String), training::Model> = HashMap::new();
        for chunk in ids.chunks(500) {
            for t in training::Entity::find()
                .filter(training::Column::PractitionerId.is_in(chunk.to_vec()))
                .all(conn)
                .await?
            {
                existing.insert((t.practitioner_id, t.kind.clone(), t.held_on, t.topic.clone()), t);
            }
        }
        let mut out = Upserted::default();
        for (row, v) in rows {
            let Some(p) = people.get(&(v.enterprise_id, v.id_hash.clone())) else {
                out.errors.push((row, FieldError::new("id_number", "该企业从业人员台账中没有此身份证号的人员")));
                continue;
            };
            match existing.remove(&(p.id, v.kind.to_string(), v.held_on, v.topic.clone())) {
                Some(m)
                    if m.hours == v.hours
                        && m.organiser == v.organiser
                        && m.result.as_deref() == v.result
                        && m.score == v.score =>
                {
                    out.unchanged += 1
                }
                Some(m) => {
                    let mut am: training::ActiveModel = m.into();
                    apply(&mut am, &v);
                    let m = am.update(conn).await?;
                    let e = Event::ok("practitioner.training", "practitioner", p.id)
                        .detail(format!("更新{} {} {}", p.name, m.held_on, m.topic));
                    audit::append(conn, ctx.actor, e).await?;
                    out.updated += 1;
                }
                None => {
                    let mut am = training::ActiveModel {
                        practitioner_id: Set(p.id),
                        enterprise_id: Set(p.enterprise_id),
                        region_code: Set(p.region_code.clone()),
                        kind: Set(v.kind.into()),
                        held_on: Set(v.held_on),
                        topic: Set(v.topic.clone()),
                        created_at: Set(Utc::now()),
                        ..Default::default()
                    };
                    apply(&mut am, &v);
                    let m = am.insert(conn).await?;
                    let e = Event::ok("practitioner.training", "practitioner", p.id)
                        .detail(format!("登记{} {} {}", p.name, m.held_on, m.topic));
                    audit::append(conn, ctx.actor, e).await?;
                    out.inserted += 1;
                }
            }
        }
        Ok(out)
    }
}

/// A practitioner's records, newest first.
pub async fn of<C: ConnectionTrait>(conn: &C, practitioner_id: i64) -> Result<Vec<TrainingDto>, DbErr> {
    Ok(training::Entity::find()
        .filter(training::Column::PractitionerId.eq(practitioner_id))
        .order_by_desc(training::Column::HeldOn)
        .order_by_desc(training::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|t| TrainingDto {
            id: t.id,
            kind_name: name_of(KINDS, &t.kind).unwrap_or_default().into(),
            kind: t.kind,
            held_on: t.held_on,
            topic: t.topic,
            hours: t.hours,
            organiser: t.organiser,
            result_name: t.result.as_deref().and_then(|r| name_of(RESULTS, r)).map(str::to_string),
            result: t.result,
            score: t.score,
        })
        .collect())
}
