//! The one map's community and LPG layers and the enterprise / county filters of every tile layer:
//! tiles are decoded (a small protobuf reader below) and compared with the database.

use crate::helpers::*;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;
use std::collections::{BTreeSet, HashMap};

// ---- a minimal Mapbox Vector Tile reader (spec 2.1) ----------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Val {
    S(String),
    F(f64),
    I(i64),
    B(bool),
}

#[derive(Debug, Clone)]
struct Feature {
    id: u64,
    props: HashMap<String, Val>,
    /// The first position, in tile pixels.
    point: (i64, i64),
}

impl Feature {
    fn int(&self, key: &str) -> i64 {
        match self.props.get(key) {
            Some(Val::I(v)) => *v,
            other => panic!("{key} is not an integer: {other:?}"),
        }
    }
    fn text(&self, key: &str) -> &str {
        match self.props.get(key) {
            Some(Val::S(v)) => v,
            other => panic!("{key} is not a string: {other:?}"),
        }
    }
}

enum Wire<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    Fixed(u64),
}

fn varint(b: &[u8], i: &mut usize) -> u64 {
    let (mut v, mut shift) = (0u64, 0);
    loop {
        let byte = b[*i];
        *i += 1;
        v |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return v;
        }
        shift += 7;
    }
}

fn fields(b: &[u8]) -> Vec<(u64, Wire<'_>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let key = varint(b, &mut i);
        let wire = match key & 7 {
            0 => Wire::Varint(varint(b, &mut i)),
            1 => {
                i += 8;
                Wire::Fixed(u64::from_le_bytes(b[i - 8..i].try_into().unwrap()))
            }
            2 => {
                let n = varint(b, &mut i) as usize;
                i += n;
                Wire::Bytes(&b[i - n..i])
            }
            5 => {
                i += 4;
                Wire::Fixed(u64::from(u32::from_le_bytes(b[i - 4..i].try_into().unwrap())))
            }
            t => panic!("wire type {t}"),
        };
        out.push((key >> 3, wire));
    }
    out
}

fn packed(b: &[u8]) -> Vec<u64> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        out.push(varint(b, &mut i));
    }
    out
}

fn zigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn value(b: &[u8]) -> Val {
    match fields(b).into_iter().next().expect("a value") {
        (1, Wire::Bytes(s)) => Val::S(String::from_utf8(s.to_vec()).unwrap()),
        (2, Wire::Fixed(f)) => Val::F(f64::from(f32::from_bits(f as u32))),
        (3, Wire::Fixed(f)) => Val::F(f64::from_bits(f)),
        (4 | 5, Wire::Varint(v)) => Val::I(v as i64),
        (6, Wire::Varint(v)) => Val::I(zigzag(v)),
        (7, Wire::Varint(v)) => Val::B(v != 0),
        (n, _) => panic!("value field {n}"),
    }
}

/// The features of one layer of a tile (none when the tile lacks the layer).
fn decode(tile: &[u8], layer: &str) -> Vec<Feature> {
    for (n, w) in fields(tile) {
        let (3, Wire::Bytes(l)) = (n, w) else { continue };
        let (mut name, mut keys, mut values, mut raw) = (String::new(), Vec::new(), Vec::new(), Vec::new());
        for (n, w) in fields(l) {
            match (n, w) {
                (1, Wire::Bytes(s)) => name = String::from_utf8(s.to_vec()).unwrap(),
                (2, Wire::Bytes(f)) => raw.push(f),
                (3, Wire::Bytes(s)) => keys.push(String::from_utf8(s.to_vec()).unwrap()),
                (4, Wire::Bytes(v)) => values.push(value(v)),
                _ => {}
            }
        }
        if name != layer {
            continue;
        }
        return raw
            .into_iter()
            .map(|f| {
                let (mut id, mut props, mut point) = (0, HashMap::new(), (0, 0));
                for (n, w) in fields(f) {
                    match (n, w) {
                        (1, Wire::Varint(v)) => id = v,
                        (2, Wire::Bytes(t)) => {
                            for kv in packed(t).chunks(2) {
                                props.insert(keys[kv[0] as usize].clone(), values[kv[1] as usize].clone());
                            }
                        }
                        (4, Wire::Bytes(g)) => {
                            let g = packed(g);
                            assert_eq!(g[0] & 7, 1, "starts with MoveTo");
                            point = (zigzag(g[1]), zigzag(g[2]));
                        }
                        _ => {}
                    }
                }
                Feature { id, props, point }
            })
            .collect();
    }
    Vec::new()
}

#[test]
fn the_reader_reads_what_the_encoder_writes() {
    use mvt::{GeomEncoder, GeomType, Tile};
    let mut tile = Tile::new(4096);
    let layer = tile.create_layer("communities");
    let mut f = layer.into_feature(GeomEncoder::new(GeomType::Point).point(100.0, 200.0).unwrap().encode().unwrap());
    f.set_id(7);
    f.add_tag_uint("users", 321);
    f.add_tag_string("name", "凤凰花园");
    f.add_tag_bool("major_hazard", true);
    f.add_tag_int("depth", -3);
    tile.add_layer(f.into_layer()).unwrap();
    let got = decode(&tile.to_bytes().unwrap(), "communities");
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].id, got[0].point), (7, (100, 200)));
    assert_eq!(got[0].int("users"), 321);
    assert_eq!(got[0].text("name"), "凤凰花园");
    assert_eq!(got[0].props["major_hazard"], Val::B(true));
    assert_eq!(got[0].int("depth"), -3);
}

// ---- helpers --------------------------------------------------------------------------------------

fn tile_of(lng: f64, lat: f64, z: u32) -> (u32, u32) {
    let n = (1u64 << z) as f64;
    let r = lat.to_radians();
    (
        ((lng + 180.0) / 360.0 * n) as u32,
        ((1.0 - (r.tan() + 1.0 / r.cos()).ln() / std::f64::consts::PI) / 2.0 * n) as u32,
    )
}

async fn tile(app: &TestApp, token: &str, layer: &str, z: u32, (x, y): (u32, u32), query: &str) -> Vec<Feature> {
    let r = app.get(&format!("/api/v1/map/tiles/{layer}/{z}/{x}/{y}.mvt?{query}"), token).await;
    assert_eq!(r.status, StatusCode::OK, "{layer} {z}/{x}/{y}?{query}: {}", r.body);
    assert_eq!(r.content_type(), "application/vnd.mapbox-vector-tile");
    decode(&r.bytes, layer)
}

/// Every feature of a layer over the whole city (the zoom 8 tiles that cover Shangrao), by id.
async fn city_layer(app: &TestApp, token: &str, layer: &str, query: &str) -> HashMap<u64, Feature> {
    let (x0, y0) = tile_of(116.22, 29.71, 8);
    let (x1, y1) = tile_of(118.50, 27.79, 8);
    let mut out = HashMap::new();
    for x in x0..=x1 {
        for y in y0..=y1 {
            for f in tile(app, token, layer, 8, (x, y), query).await {
                out.insert(f.id, f);
            }
        }
    }
    out
}

async fn rows(app: &TestApp, sql: &str) -> Vec<sea_orm::QueryResult> {
    let db = &app.state.db.conn;
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap()
}

/// (id, region_code, enterprise_id) of the rows a query selects.
async fn owners(app: &TestApp, sql: &str) -> HashMap<u64, (String, i64)> {
    rows(app, sql)
        .await
        .into_iter()
        .map(|r| {
            let id: i64 = r.try_get("", "id").unwrap();
            (id as u64, (r.try_get("", "region_code").unwrap(), r.try_get("", "enterprise_id").unwrap()))
        })
        .collect()
}

fn ids<V>(m: &HashMap<u64, V>) -> BTreeSet<u64> {
    m.keys().copied().collect()
}

const COMMUNITIES: &str =
    "SELECT id, region_code, enterprise_id FROM community WHERE lng IS NOT NULL AND lat IS NOT NULL";
const LPG: &str = "SELECT id, region_code, enterprise_id FROM station \
    WHERE status = 'in_service' AND kind IN ('lpg_station', 'bottle_supply_point')";

// ---- tests ----------------------------------------------------------------------------------------

#[tokio::test]
async fn communities_carry_their_active_user_counts() {
    let app = spawn_app().await;
    let city = app.login("city-admin").await;
    // Close a few accounts of one community: closed accounts are not counted.
    let (cid, total): (i64, i64) = {
        let r =
            rows(&app, "SELECT community_id, COUNT(*) AS n FROM gas_user GROUP BY community_id ORDER BY community_id")
                .await;
        (r[0].try_get("", "community_id").unwrap(), r[0].try_get("", "n").unwrap())
    };
    assert!(total > 3);
    app.state
        .db
        .conn
        .execute_unprepared(&format!(
            "UPDATE gas_user SET status = 'closed' WHERE id IN \
             (SELECT id FROM gas_user WHERE community_id = {cid} ORDER BY id LIMIT 3)"
        ))
        .await
        .unwrap();
    let active: HashMap<u64, i64> =
        rows(&app, "SELECT community_id, COUNT(*) AS n FROM gas_user WHERE status = 'active' GROUP BY community_id")
            .await
            .into_iter()
            .map(|r| {
                let c: i64 = r.try_get("", "community_id").unwrap();
                (c as u64, r.try_get("", "n").unwrap())
            })
            .collect();
    assert_eq!(active[&(cid as u64)], total - 3);

    let all = city_layer(&app, &city, "communities", "").await;
    assert_eq!(ids(&all), ids(&owners(&app, COMMUNITIES).await), "the city sees every community with a position");
    for f in all.values() {
        assert_eq!(f.int("id") as u64, f.id);
        assert_eq!(f.int("users"), active.get(&f.id).copied().unwrap_or(0), "users of community {}", f.id);
        assert!(!f.text("name").is_empty() && !f.text("code").is_empty() && !f.text("enterprise_name").is_empty());
        assert!(["小区", "村"].contains(&f.text("kind_name")), "{:?}", f.props);
        assert!(["community", "village"].contains(&f.text("kind")));
    }
    assert!(all.values().any(|f| f.text("kind") == "village") && all.values().any(|f| !f.text("township").is_empty()));

    // The same numbers at street level, in the tile of the community with closed accounts.
    let (lng, lat): (f64, f64) = {
        let r = rows(&app, &format!("SELECT lng, lat FROM community WHERE id = {cid}")).await;
        (r[0].try_get("", "lng").unwrap(), r[0].try_get("", "lat").unwrap())
    };
    for z in [10, 13, 16] {
        let here = tile(&app, &city, "communities", z, tile_of(lng, lat, z), "").await;
        let f = here.iter().find(|f| f.id == cid as u64).expect("the community is in its tile");
        assert_eq!(f.int("users"), total - 3, "z{z}");
        assert!((0..4096).contains(&f.point.0) && (0..4096).contains(&f.point.1), "{:?} at z{z}", f.point);
    }

    // A new user is counted at once (the tile cache is keyed by the gas users' generation too).
    let county = app.login("county-361102").await;
    let comm = app.get(&format!("/api/v1/industry/communities/{cid}"), &city).await.body;
    let ent = app.get(&format!("/api/v1/industry/enterprises/{}", comm["enterprise_id"]), &city).await.body;
    let token = if comm["region_code"] == "361102" { county.clone() } else { city.clone() };
    let r = app
        .post(
            "/api/v1/industry/gas-users/batch",
            &token,
            json!([{"enterprise_code": ent["code"], "account_no": "MAP-0001", "category": "居民", "holder_name": "李四",
                    "community_code": comm["code"]}]),
        )
        .await;
    assert_eq!(r.body["inserted"], 1, "{}", r.body);
    let here = tile(&app, &city, "communities", 13, tile_of(lng, lat, 13), "").await;
    assert_eq!(here.iter().find(|f| f.id == cid as u64).unwrap().int("users"), total - 2);
}

#[tokio::test]
async fn a_county_sees_only_its_own_communities_and_filters_cannot_widen_that() {
    let app = spawn_app().await;
    let city = app.login("city-admin").await;
    let county = app.login("county-361102").await;
    let db = owners(&app, COMMUNITIES).await;
    let in_region = |prefix: &str| -> BTreeSet<u64> {
        db.iter().filter(|(_, (r, _))| r.starts_with(prefix)).map(|(id, _)| *id).collect()
    };

    let mine = city_layer(&app, &county, "communities", "").await;
    assert!(!mine.is_empty());
    assert_eq!(ids(&mine), in_region("361102"), "信州区 sees exactly its own communities");
    // Asking for the whole city or for itself changes nothing; asking for another county gives nothing.
    assert_eq!(ids(&city_layer(&app, &county, "communities", "region_code=361100").await), in_region("361102"));
    assert_eq!(ids(&city_layer(&app, &county, "communities", "region_code=361102").await), in_region("361102"));
    assert!(city_layer(&app, &county, "communities", "region_code=361103").await.is_empty());

    // The city narrows to one county.
    let guangfeng = city_layer(&app, &city, "communities", "region_code=361103").await;
    assert!(!guangfeng.is_empty());
    assert_eq!(ids(&guangfeng), in_region("361103"));

    // By enterprise: one of 广丰区 for the city; for 信州区 it is out of scope, so nothing.
    let (&some, &(ref region, eid)) = db.iter().find(|(_, (r, _))| r.starts_with("361103")).unwrap();
    let of_ent: BTreeSet<u64> = db.iter().filter(|(_, (_, e))| *e == eid).map(|(id, _)| *id).collect();
    let by_ent = city_layer(&app, &city, "communities", &format!("enterprise_id={eid}")).await;
    assert!(by_ent.contains_key(&some), "{some} of {region}");
    assert_eq!(ids(&by_ent), of_ent);
    assert!(by_ent.values().all(|f| f.int("enterprise_id") == eid));
    assert_eq!(
        ids(&city_layer(&app, &city, "communities", &format!("enterprise_id={eid}&region_code=361103")).await),
        of_ent
    );
    assert!(city_layer(&app, &city, "communities", &format!("enterprise_id={eid}&region_code=361102"))
        .await
        .is_empty());
    assert!(city_layer(&app, &county, "communities", &format!("enterprise_id={eid}")).await.is_empty());

    // A county's own enterprise narrows its view.
    let (_, &(_, own)) = db.iter().find(|(_, (r, _))| r.starts_with("361102")).unwrap();
    let own_set: BTreeSet<u64> =
        db.iter().filter(|(_, (r, e))| *e == own && r.starts_with("361102")).map(|(id, _)| *id).collect();
    assert_eq!(ids(&city_layer(&app, &county, "communities", &format!("enterprise_id={own}")).await), own_set);
    assert!(own_set.len() < in_region("361102").len());

    // An enterprise account sees its own communities only, whatever it asks for.
    let org = app.enterprise_org(own).await;
    app.create_user("map-ent-user", "enterprise_user", org).await;
    let ent = app.login("map-ent-user").await;
    let all_of_own: BTreeSet<u64> = db.iter().filter(|(_, (_, e))| *e == own).map(|(id, _)| *id).collect();
    assert_eq!(ids(&city_layer(&app, &ent, "communities", "").await), all_of_own);
    assert!(city_layer(&app, &ent, "communities", &format!("enterprise_id={eid}")).await.is_empty());

    // A filter that is not a division code is refused.
    let (x, y) = tile_of(117.95, 28.45, 10);
    for bad in ["3611", "36110x", "abc"] {
        app.get(&format!("/api/v1/map/tiles/communities/10/{x}/{y}.mvt?region_code={bad}"), &city)
            .await
            .assert_problem(422, "validation_failed");
    }
    app.get(&format!("/api/v1/map/tiles/communities/10/{x}/{y}.mvt?enterprise_id=x"), &city)
        .await
        .assert_problem(422, "validation_failed");
}

#[tokio::test]
async fn the_lpg_layer_holds_bottled_gas_points_only_and_every_layer_filters() {
    let app = spawn_app().await;
    let city = app.login("city-admin").await;
    let county = app.login("county-361102").await;
    let lpg_db = owners(&app, LPG).await;
    assert!(!lpg_db.is_empty());
    let lpg = city_layer(&app, &city, "lpg", "").await;
    assert_eq!(ids(&lpg), ids(&lpg_db));
    let kinds: BTreeSet<&str> = lpg.values().map(|f| f.text("kind")).collect();
    assert!(kinds.iter().all(|k| ["lpg_station", "bottle_supply_point"].contains(k)), "{kinds:?}");
    assert!(lpg.values().all(|f| f.text("kind_name").contains("液化石油气") && !f.text("enterprise_name").is_empty()));
    // The county's.
    let mine: BTreeSet<u64> = lpg_db.iter().filter(|(_, (r, _))| r.starts_with("361102")).map(|(id, _)| *id).collect();
    assert_eq!(ids(&city_layer(&app, &county, "lpg", "").await), mine);
    assert!(city_layer(&app, &county, "lpg", "region_code=361103").await.is_empty());
    // The stations layer still holds every kind, LPG included.
    let stations = city_layer(&app, &city, "stations", "").await;
    assert!(lpg.keys().all(|id| stations.contains_key(id)));
    assert!(stations.values().any(|f| f.text("kind") == "gate_station" || f.text("kind") == "regulator_station"));

    // Stations and pipelines narrow by enterprise and county as well.
    let st_db = owners(
        &app,
        "SELECT id, region_code, enterprise_id FROM station WHERE status = 'in_service' \
        AND kind NOT IN ('valve', 'regulator_box')",
    )
    .await;
    let (_, &(_, eid)) = st_db.iter().find(|(_, (r, _))| r.starts_with("361103")).unwrap();
    let want: BTreeSet<u64> = st_db.iter().filter(|(_, (_, e))| *e == eid).map(|(id, _)| *id).collect();
    let got = city_layer(&app, &city, "stations", &format!("enterprise_id={eid}")).await;
    assert_eq!(ids(&got), want);
    assert!(city_layer(&app, &county, "stations", &format!("enterprise_id={eid}")).await.is_empty());
    let guangfeng: BTreeSet<u64> =
        st_db.iter().filter(|(_, (r, _))| r.starts_with("361103")).map(|(id, _)| *id).collect();
    assert_eq!(ids(&city_layer(&app, &city, "stations", "region_code=361103").await), guangfeng);

    // Pipelines: a street-level tile of a 广丰区 segment, with and without filters.
    let seg = app.get("/api/v1/industry/pipeline-segments?region_code=361103&page_size=1", &city).await.body["items"]
        [0]
    .clone();
    let sid = seg["id"].as_u64().unwrap();
    let seid = seg["enterprise_id"].as_i64().unwrap();
    let p = &seg["geometry"]["coordinates"][0];
    let t = tile_of(p[0].as_f64().unwrap(), p[1].as_f64().unwrap(), 15);
    let has = |fs: &[Feature]| fs.iter().any(|f| f.id == sid);
    assert!(has(&tile(&app, &city, "pipelines", 15, t, "").await));
    assert!(has(&tile(&app, &city, "pipelines", 15, t, &format!("enterprise_id={seid}&region_code=361103")).await));
    let only = tile(&app, &city, "pipelines", 15, t, &format!("enterprise_id={seid}")).await;
    assert!(has(&only));
    let owner_of: HashMap<u64, i64> = owners(&app, "SELECT id, region_code, enterprise_id FROM pipeline_segment")
        .await
        .into_iter()
        .map(|(id, (_, e))| (id, e))
        .collect();
    assert!(only.iter().all(|f| owner_of[&f.id] == seid));
    assert!(!has(&tile(&app, &city, "pipelines", 15, t, &format!("enterprise_id={}", seid + 100_000)).await));
    assert!(!has(&tile(&app, &city, "pipelines", 15, t, "region_code=361102").await));
    assert!(!has(&tile(&app, &county, "pipelines", 15, t, "region_code=361103").await));
    assert!(!has(&tile(&app, &county, "pipelines", 15, t, &format!("enterprise_id={seid}")).await));
}
