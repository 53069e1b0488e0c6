//! The one set of migrations, rendered for SQLite and PostgreSQL alike.

use sea_orm_migration::prelude::*;

mod m20261129_000001_foundation;
mod m20261129_000002_practitioners;
mod m20261129_000003_pipelines;
mod m20261129_000004_stations;
mod m20261129_000005_users;
mod m20261129_000006_cylinders;
mod m20261129_000007_access_filings;
mod m20261129_000008_cylinder_circulation;
mod m20261129_000009_map_indexes;
mod m20261129_000010_practitioner_trainings;
mod m20261129_000011_home_inspections;
mod m20261129_000012_hazards;
mod m20261129_000013_construction_sites;
mod m20261129_000014_major_hazard_sources;
mod m20261129_000015_patrols;
mod m20261129_000016_supervision;
mod m20261129_000017_inspection_photos;
mod m20261129_000018_third_party_construction;
mod m20261129_000019_cases;
mod m20261129_000020_monitoring;
mod m20261130_000021_reading_inbox;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_foundation::Migration),
            Box::new(m20261129_000002_practitioners::Migration),
            Box::new(m20261129_000003_pipelines::Migration),
            Box::new(m20261129_000004_stations::Migration),
            Box::new(m20261129_000005_users::Migration),
            Box::new(m20261129_000006_cylinders::Migration),
            Box::new(m20261129_000007_access_filings::Migration),
            Box::new(m20261129_000008_cylinder_circulation::Migration),
            Box::new(m20261129_000009_map_indexes::Migration),
            Box::new(m20261129_000010_practitioner_trainings::Migration),
            Box::new(m20261129_000011_home_inspections::Migration),
            Box::new(m20261129_000012_hazards::Migration),
            Box::new(m20261129_000013_construction_sites::Migration),
            Box::new(m20261129_000014_major_hazard_sources::Migration),
            Box::new(m20261129_000015_patrols::Migration),
            Box::new(m20261129_000016_supervision::Migration),
            Box::new(m20261129_000017_inspection_photos::Migration),
            Box::new(m20261129_000018_third_party_construction::Migration),
            Box::new(m20261129_000019_cases::Migration),
            Box::new(m20261129_000020_monitoring::Migration),
            Box::new(m20261130_000021_reading_inbox::Migration),
        ]
    }
}
