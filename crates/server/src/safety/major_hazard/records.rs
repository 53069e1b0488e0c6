//! Safety assessments (安全评估) and equipment maintenance (设备设施维护保养) of major hazard
//! sources, record types of the data standard: matched to the source by enterprise and source
//! number; each import keeps the source's latest dates in step.

use super::model::{assessment, maintenance, AssessmentInput, MaintenanceInput};
use super::service::{CONCLUSIONS, RESULTS};
use super::store;
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::service as enterprises;
use crate::platform::audit::{self, Event};
use crate::platform::auth::Principal;
use crate::platform::db::WriteTxn;
use crate::platform::error::{AppResult, FieldError};
use crate::platform::excel::Column;
use crate::platform::fields::{opt, Checker};
use crate::platform::ingest::{IngestCtx, RecordType, Upserted};
use crate::platform::list::today;
use crate::platform::scope::Scope;
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use std::collections::{BTreeSet, HashMap};

const ENTERPRISE: Column = Column {
    key: "enterprise_code",
    header: "企业统一社会信用代码",
    required: true,
    choices: &[],
    width: 24.0,
    note: "",
};
const SOURCE: Column = Column {
    key: "source_code",
    header: "危险源编号",
    required: true,
    choices: &[],
    width: 16.0,
    note: "须为本企业重大危险源台账中的危险源。",
};

pub const ASSESSMENT_COLUMNS: &[Column] = &[
    ENTERPRISE,
    SOURCE,
    Column {
        key: "assessed_on",
        header: "评估日期",
        required: true,
        choices: &[],
        width: 12.0,
        note: "同一危险源按评估日期更新。",
    },
    Column { key: "body", header: "评估机构", required: true, choices: &[], width: 28.0, note: "" },
    Column {
        key: "conclusion",
        header: "评估结论",
        required: true,
        choices: &["合格", "基本合格", "不合格"],
        width: 10.0,
        note: "",
    },
    Column { key: "report_no", header: "报告编号", required: false, choices: &[], width: 18.0, note: "" },
];

pub const MAINTENANCE_COLUMNS: &[Column] = &[
    ENTERPRISE,
    SOURCE,
    Column { key: "maintained_on", header: "维护日期", required: true, choices: &[], width: 12.0, note: "" },
    Column {
        key: "equipment",
        header: "设备设施",
        required: true,
        choices: &[],
        width: 20.0,
        note: "如 可燃气体探测器、紧急切断阀；同一危险源按日期和设备设施更新。",
    },
    Column { key: "content", header: "维护内容", required: true, choices: &[], width: 28.0, note: "" },
    Column {
        key: "maintainer", header: "维护单位（人员）", required: true, choices: &[], width: 20.0, note: ""
    },
    Column {
        key: "result",
        header: "维护结果",
        required: true,
        choices: &["正常", "维修后正常", "异常待处理"],
        width: 12.0,
        note: "",
    },
];

/// Enterprise, source number and a day (not after today) that every row of both types carries.
fn common(
    c: &mut Checker,
    enterprise_code: &Option<String>,
    source_code: &Option<String>,
    (field, label, value): (&str, &str, &Option<String>),
    ents: &HashMap<String, enterprise::Model>,
    scope: &Scope,
    day: NaiveDate,
) -> (Option<i64>, String, Option<NaiveDate>) {
    let ent = enterprises::checked(c, ents, enterprise_code, scope, "企业");
    let source = c.required("source_code", "危险源编号", source_code, 64);
    let date = c.date(field, label, value);
    if opt(value).is_none() {
        c.error(field, format!("{label}不能为空"));
    }
    if date.is_some_and(|d| d > day) {
        c.error(field, format!("{label}不能晚于今天"));
    }
    (ent.map(|e| e.id), source, date)
}

pub struct ValidAssessment {
    key: String,
    enterprise_id: i64,
    source_code: String,
    assessed_on: NaiveDate,
    body: String,
    conclusion: &'static str,
    report_no: Option<String>,
}

pub struct ValidMaintenance {
    key: String,
    enterprise_id: i64,
    source_code: String,
    maintained_on: NaiveDate,
    equipment: String,
    content: String,
    maintainer: String,
    result: &'static str,
}

/// The sources the rows name, by (enterprise, number).
async fn sources_of(
    conn: &DatabaseTransaction,
    keys: Vec<(i64, String)>,
) -> AppResult<HashMap<(i64, String), super::model::source::Model>> {
    Ok(store::by_codes(conn, &keys).await?)
}

fn unknown_source(code: &str) -> FieldError {
    FieldError::new("source_code", format!("本企业重大危险源台账中没有编号为“{code}”的危险源"))
}

pub struct AssessmentRecord;

impl RecordType for AssessmentRecord {
    const NAME: &'static str = "major-hazard-assessments";
    const TITLE: &'static str = "重大危险源安全评估";
    type Row = AssessmentInput;
    type Valid = ValidAssessment;

    fn columns() -> &'static [Column] {
        ASSESSMENT_COLUMNS
    }

    fn example() -> Vec<String> {
        let ent = enterprises::example_code();
        [&ent[..], "ZDWXY-001", "2025-06-18", "江西示例安全评价有限公司", "合格", "PJ-2025-0618"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }

    fn code(v: &ValidAssessment) -> &str {
        &v.key
    }

    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[AssessmentInput],
    ) -> AppResult<Vec<Result<ValidAssessment, Vec<FieldError>>>> {
        let ents =
            enterprises::by_codes(&ctx.state.db.conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        let day = today();
        Ok(rows
            .iter()
            .map(|r| {
                let mut c = Checker::default();
                let (ent, source_code, on) = common(
                    &mut c,
                    &r.enterprise_code,
                    &r.source_code,
                    ("assessed_on", "评估日期", &r.assessed_on),
                    &ents,
                    ctx.scope,
                    day,
                );
                let body = c.required("body", "评估机构", &r.body, 100);
                let conclusion = c.choice("conclusion", "评估结论", &r.conclusion, CONCLUSIONS, true);
                let report_no = c.text("report_no", "报告编号", &r.report_no, 64);
                c.finish(|| {
                    let (e, d) = (ent.expect("checked"), on.expect("checked"));
                    ValidAssessment {
                        key: format!("{e}:{source_code}:{d}"),
                        enterprise_id: e,
                        source_code,
                        assessed_on: d,
                        body,
                        conclusion: conclusion.expect("checked"),
                        report_no,
                    }
                })
            })
            .collect())
    }

    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidAssessment)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let sources =
            sources_of(conn, rows.iter().map(|(_, v)| (v.enterprise_id, v.source_code.clone())).collect()).await?;
        let ids: Vec<i64> = sources.values().map(|s| s.id).collect();
        let mut existing: HashMap<(i64, NaiveDate), assessment::Model> = HashMap::new();
        for chunk in ids.chunks(500) {
            let found =
                assessment::Entity::find().filter(assessment::Column::SourceId.is_in(chunk.to_vec())).all(conn).await?;
            existing.extend(found.into_iter().map(|a| ((a.source_id, a.assessed_on), a)));
        }
        let mut out = Upserted::default();
        let mut touched = BTreeSet::new();
        for (row, v) in rows {
            let Some(s) = sources.get(&(v.enterprise_id, v.source_code.clone())) else {
                out.errors.push((row, unknown_source(&v.source_code)));
                continue;
            };
            let detail = format!("{} {} 安全评估 {}", s.code, s.name, v.assessed_on);
            match existing.remove(&(s.id, v.assessed_on)) {
                Some(m) if m.body == v.body && m.conclusion == v.conclusion && m.report_no == v.report_no => {
                    out.unchanged += 1
                }
                Some(m) => {
                    let mut am: assessment::ActiveModel = m.into();
                    am.body = Set(v.body);
                    am.conclusion = Set(v.conclusion.into());
                    am.report_no = Set(v.report_no);
                    am.update(conn).await?;
                    let e = Event::ok("major_hazard.assessment", "major_hazard_source", s.id)
                        .detail(format!("更新 {detail}"));
                    audit::append(conn, ctx.actor, e).await?;
                    out.updated += 1;
                }
                None => {
                    assessment::ActiveModel {
                        source_id: Set(s.id),
                        assessed_on: Set(v.assessed_on),
                        body: Set(v.body),
                        conclusion: Set(v.conclusion.into()),
                        report_no: Set(v.report_no),
                        created_at: Set(Utc::now()),
                        ..Default::default()
                    }
                    .insert(conn)
                    .await?;
                    let e = Event::ok("major_hazard.assessment", "major_hazard_source", s.id)
                        .detail(format!("新增 {detail}"));
                    audit::append(conn, ctx.actor, e).await?;
                    out.inserted += 1;
                    touched.insert(s.id);
                }
            }
        }
        store::refresh_latest(conn, &touched.into_iter().collect::<Vec<_>>()).await?;
        Ok(out)
    }
}

pub struct MaintenanceRecord;

impl RecordType for MaintenanceRecord {
    const NAME: &'static str = "major-hazard-maintenance";
    const TITLE: &'static str = "重大危险源设备设施维护保养";
    type Row = MaintenanceInput;
    type Valid = ValidMaintenance;

    fn columns() -> &'static [Column] {
        MAINTENANCE_COLUMNS
    }

    fn example() -> Vec<String> {
        let ent = enterprises::example_code();
        [&ent[..], "ZDWXY-001", "2026-09-12", "可燃气体探测器", "年度检定、标定", "江西示例计量检测有限公司", "正常"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }

    fn code(v: &ValidMaintenance) -> &str {
        &v.key
    }

    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[MaintenanceInput],
    ) -> AppResult<Vec<Result<ValidMaintenance, Vec<FieldError>>>> {
        let ents =
            enterprises::by_codes(&ctx.state.db.conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        let day = today();
        Ok(rows
            .iter()
            .map(|r| {
                let mut c = Checker::default();
                let (ent, source_code, on) = common(
                    &mut c,
                    &r.enterprise_code,
                    &r.source_code,
                    ("maintained_on", "维护日期", &r.maintained_on),
                    &ents,
                    ctx.scope,
                    day,
                );
                let equipment = c.required("equipment", "设备设施", &r.equipment, 100);
                let content = c.required("content", "维护内容", &r.content, 500);
                let maintainer = c.required("maintainer", "维护单位（人员）", &r.maintainer, 100);
                let result = c.choice("result", "维护结果", &r.result, RESULTS, true);
                c.finish(|| {
                    let (e, d) = (ent.expect("checked"), on.expect("checked"));
                    ValidMaintenance {
                        key: format!("{e}:{source_code}:{d}:{equipment}"),
                        enterprise_id: e,
                        source_code,
                        maintained_on: d,
                        equipment,
                        content,
                        maintainer,
                        result: result.expect("checked"),
                    }
                })
            })
            .collect())
    }

    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidMaintenance)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let sources =
            sources_of(conn, rows.iter().map(|(_, v)| (v.enterprise_id, v.source_code.clone())).collect()).await?;
        let ids: Vec<i64> = sources.values().map(|s| s.id).collect();
        let mut existing: HashMap<(i64, NaiveDate, String), maintenance::Model> = HashMap::new();
        for chunk in ids.chunks(500) {
            let found = maintenance::Entity::find()
                .filter(maintenance::Column::SourceId.is_in(chunk.to_vec()))
                .all(conn)
                .await?;
            existing.extend(found.into_iter().map(|m| ((m.source_id, m.maintained_on, m.equipment.clone()), m)));
        }
        let mut out = Upserted::default();
        let mut touched = BTreeSet::new();
        for (row, v) in rows {
            let Some(s) = sources.get(&(v.enterprise_id, v.source_code.clone())) else {
                out.errors.push((row, unknown_source(&v.source_code)));
                continue;
            };
            let detail = format!("{} {} 维护保养 {} {}", s.code, s.name, v.maintained_on, v.equipment);
            match existing.remove(&(s.id, v.maintained_on, v.equipment.clone())) {
                Some(m) if m.content == v.content && m.maintainer == v.maintainer && m.result == v.result => {
                    out.unchanged += 1
                }
                Some(m) => {
                    let mut am: maintenance::ActiveModel = m.into();
                    am.content = Set(v.content);
                    am.maintainer = Set(v.maintainer);
                    am.result = Set(v.result.into());
                    am.update(conn).await?;
                    let e = Event::ok("major_hazard.maintenance", "major_hazard_source", s.id)
                        .detail(format!("更新 {detail}"));
                    audit::append(conn, ctx.actor, e).await?;
                    out.updated += 1;
                }
                None => {
                    maintenance::ActiveModel {
                        source_id: Set(s.id),
                        maintained_on: Set(v.maintained_on),
                        equipment: Set(v.equipment),
                        content: Set(v.content),
                        maintainer: Set(v.maintainer),
                        result: Set(v.result.into()),
                        created_at: Set(Utc::now()),
                        ..Default::default()
                    }
                    .insert(conn)
                    .await?;
                    let e = Event::ok("major_hazard.maintenance", "major_hazard_source", s.id)
                        .detail(format!("新增 {detail}"));
                    audit::append(conn, ctx.actor, e).await?;
                    out.inserted += 1;
                    touched.insert(s.id);
                }
            }
        }
        store::refresh_latest(conn, &touched.into_iter().collect::<Vec<_>>()).await?;
        Ok(out)
    }
}
