use sea_orm::entity::prelude::*;

/// An administrative division (GB/T 2260): the city, its counties, and townships below them.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "region")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub name: String,
    pub parent_code: Option<String>,
    pub level: String,
    /// GeoJSON geometry of the boundary, when known.
    #[sea_orm(column_type = "Text", nullable)]
    pub boundary: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
