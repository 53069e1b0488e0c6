//! DTOs of accounts, organisations, regions and the audit log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserDto {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub role_name: String,
    pub org_id: i64,
    pub org_name: String,
    pub org_kind: String,
    pub region_code: String,
    pub region_name: String,
    pub enterprise_id: Option<i64>,
    /// active | locked
    pub status: String,
    pub locked_until: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Bearer token for API clients (browsers use the HttpOnly cookie set with it).
    pub token: String,
    /// Send as `X-CSRF-Token` on writes made with the cookie.
    pub csrf_token: String,
    /// Seconds of inactivity after which the session expires.
    pub expires_in: i64,
    pub user: UserDto,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeResponse {
    pub user: UserDto,
    pub csrf_token: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct PasswordChange {
    pub old_password: String,
    pub new_password: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct PasswordReset {
    pub password: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct UserInput {
    pub username: Option<String>,
    pub display_name: Option<String>,
    pub password: Option<String>,
    pub role: Option<String>,
    pub org_id: Option<i64>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserFilter {
    /// Part of the username or name.
    pub q: Option<String>,
    pub role: Option<String>,
    pub org_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserList {
    pub items: Vec<UserDto>,
    pub total: u64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrgDto {
    pub id: i64,
    pub name: String,
    /// city_authority | county_authority | enterprise
    pub kind: String,
    pub region_code: String,
    pub region_name: String,
    pub enterprise_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrgFilter {
    pub q: Option<String>,
    pub kind: Option<String>,
    /// At most this many (default 1000).
    pub limit: Option<u64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditItem {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub username: Option<String>,
    pub org_name: Option<String>,
    pub action: String,
    pub action_name: String,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub ip: Option<String>,
    /// success | failure
    pub outcome: String,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditList {
    pub items: Vec<AuditItem>,
    pub total: u64,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    pub username: Option<String>,
    /// Action, or its beginning (e.g. `enterprise.`).
    pub action: Option<String>,
    pub outcome: Option<String>,
    /// RFC 3339
    pub from: Option<DateTime<Utc>>,
    /// RFC 3339
    pub to: Option<DateTime<Utc>>,
}

/// Chinese names of audit actions, for the log page and exports.
pub fn action_name(action: &str) -> &'static str {
    match action {
        "auth.login" => "登录",
        "auth.logout" => "退出登录",
        "auth.password" => "修改密码",
        "user.create" => "新增账号",
        "user.update" => "修改账号",
        "user.reset_password" => "重置密码",
        "user.lock" => "锁定账号",
        "user.unlock" => "解锁账号",
        "enterprise.create" => "新增企业",
        "enterprise.update" => "修改企业",
        "enterprise.deactivate" => "停用企业",
        "enterprise.activate" => "启用企业",
        "enterprise.import" => "导入企业",
        "enterprise.export" => "导出企业",
        "practitioner.create" => "新增从业人员",
        "practitioner.update" => "修改从业人员",
        "practitioner.import" => "导入从业人员",
        "practitioner.export" => "导出从业人员",
        "pipeline.import" => "导入管段",
        "station.import" => "导入厂站设施",
        "community.import" => "导入小区",
        "gas_user.import" => "导入燃气用户",
        "cylinder.import" => "登记钢瓶",
        "cylinder.filling_refused" => "拒绝充装（违规）",
        "filing.submit" => "提交接入备案",
        "filing.approve" => "备案审核通过",
        "filing.return" => "退回接入备案",
        "filing.resubmit" => "重新提交备案",
        "filing.attach" => "上传备案附件",
        "cylinder.scrap" => "钢瓶报废",
        "practitioner.training" => "导入培训考核记录",
        "home_inspection.import" => "导入入户安检记录",
        "home_inspection.photo" => "上传入户安检照片",
        "supervision.issue" => "下达监督检查任务",
        "supervision.assign" => "分派检查项",
        "supervision.record" => "提交检查结果",
        "supervision.photo" => "上传现场照片",
        "hazard.import" => "导入隐患",
        "hazard.start" => "开始整改",
        "hazard.submit" => "提交复核",
        "hazard.close" => "复核销号",
        "hazard.reject" => "退回整改",
        "hazard.photo" => "上传整改照片",
        "hazard.overdue" => "超期督办",
        // The second name: entries recorded before the module took its glossary name.
        "third_party_construction.import" | "construction.import" => "导入第三方施工工地",
        "major_hazard.import" => "导入重大危险源",
        "major_hazard.assessment" => "导入安全评估",
        "major_hazard.maintenance" => "导入维护保养记录",
        "major_hazard.report" => "上传评估报告",
        "patrol.import" => "导入巡查记录",
        "ledger.export" => "导出台账",
        "audit.export" => "导出操作日志",
        "demo.load" => "加载演示数据",
        _ => "其他操作",
    }
}
