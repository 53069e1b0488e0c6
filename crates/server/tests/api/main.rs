//! Integration tests: each test starts the real server on a free port against a fresh database —
//! a temporary SQLite file, or a new PostgreSQL database when `RANJIAN_TEST_DB=postgres` — loads
//! the small demo data, and speaks HTTP to it.

mod audit;
mod auth;
mod cases;
mod cylinders;
mod enterprises;
mod filings;
mod gas_users;
mod hazards;
mod helpers;
mod home_inspections;
mod major_hazards;
mod map;
mod map_layers;
mod monitoring;
mod patrols;
mod pipelines;
mod practitioners;
mod round_trip;
mod scope_matrix;
mod stations;
mod supervision;
mod third_party_construction;
mod users;
