//! Pure domain of Ranjian: codes and validators, the regulation's enumerations, roles.
//! No I/O here; everything is unit- and property-tested.

pub mod codes;
pub mod enterprise;
pub mod password;
pub mod role;

pub use codes::{CreditCode, RegionCode, RegionLevel};
pub use enterprise::{EnterpriseKind, EnterpriseStatus};
pub use password::check_password_policy;
pub use role::{OrgKind, Role};
pub mod person;
pub use person::{CertificateStatus, IdNumber, Post};
pub mod network;
pub use network::PressureClass;
pub mod calendar;
pub mod case;
pub mod cylinder;
pub mod filing;
pub mod hazard;
pub mod monitoring;
pub mod safety;
pub mod supervision;
