//! Writes `data/rates.json` into Rust statics (`$OUT_DIR/rate_card.rs`, included by
//! `src/rates/mod.rs`), so the Wasm bundles carry neither the JSON text nor a parser for
//! it and do no parsing at start-up (issue 13). The data file stays the source of truth:
//! the tests check that the statics equal the file parsed by `RateCard::from_json`, which
//! also validates it.

use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=data/rates.json");
    let text = std::fs::read_to_string("data/rates.json").expect("data/rates.json is readable");
    let card: Value = serde_json::from_str(&text).expect("data/rates.json is JSON");
    let out = rate_card(&card);
    let dir = std::env::var("OUT_DIR").expect("Cargo sets OUT_DIR");
    std::fs::write(Path::new(&dir).join("rate_card.rs"), out).expect("OUT_DIR is writable");
}

/// `static COMPILED: CompiledCard = …;` for the whole table.
fn rate_card(card: &Value) -> String {
    let mut s = String::from("static COMPILED: CompiledCard = CompiledCard {\n");
    let _ = writeln!(s, "currency: {},", string(&card["currency"], "currency"));
    let _ = writeln!(s, "as_of: {},", string(&card["as_of"], "as_of"));
    let _ = writeln!(s, "sources: {},", strings(&card["sources"], "sources"));
    let t = &card["tier_thresholds_gb_s"];
    let _ = writeln!(
        s,
        "tier_thresholds_gb_s: TierThresholds {{ x86_64: {}, arm64: {} }},",
        floats(&t["x86_64"], 2, "tier_thresholds_gb_s.x86_64"),
        floats(&t["arm64"], 2, "tier_thresholds_gb_s.arm64"),
    );
    let _ = writeln!(
        s,
        "free_tier: {},",
        fields(
            "FreeTier",
            &card["free_tier"],
            &["requests", "gb_seconds", "streaming_gb"]
        )
    );
    let _ = writeln!(
        s,
        "edge: {},",
        fields(
            "EdgeRates",
            &card["edge"],
            &["requests_per_million", "duration"]
        )
    );
    s.push_str("regions: &[\n");
    for r in card["regions"].as_array().expect("regions is a list") {
        s.push_str(&region(r));
    }
    s.push_str("],\n};\n");
    s
}

fn region(r: &Value) -> String {
    let code = string(&r["code"], "region code");
    let arch = |key: &str| {
        let a = &r[key];
        format!(
            "ArchRates {{ duration: {}, provisioned: {}, provisioned_duration: {}, tenant_isolation: {} }}",
            floats(&a["duration"], 3, key),
            float(&a["provisioned"], key),
            float(&a["provisioned_duration"], key),
            float(&a["tenant_isolation"], key),
        )
    };
    let optional = |key: &str| match &r[key] {
        Value::Null => "&[]".to_string(),
        v => strings(v, key),
    };
    format!(
        "CompiledRegion {{ code: {code}, name: {}, group: {}, requests_per_million: {}, \
         ephemeral_storage: {}, x86_64: {}, arm64: {}, snapstart: {}, streaming_per_gb: {}, \
         durable: {}, derived: {}, uncertain: {} }},\n",
        string(&r["name"], "name"),
        string(&r["group"], "group"),
        float(&r["requests_per_million"], "requests_per_million"),
        float(&r["ephemeral_storage"], "ephemeral_storage"),
        arch("x86_64"),
        arch("arm64"),
        fields("SnapStartRates", &r["snapstart"], &["cache", "restore"]),
        float(&r["streaming_per_gb"], "streaming_per_gb"),
        fields(
            "DurableRates",
            &r["durable"],
            &[
                "operations_per_million",
                "written_per_gb",
                "retained_per_gb_month"
            ]
        ),
        optional("derived"),
        optional("uncertain"),
    )
}

/// A struct literal of f64 fields named as in the file.
fn fields(name: &str, v: &Value, keys: &[&str]) -> String {
    let body: Vec<String> = keys
        .iter()
        .map(|k| format!("{k}: {}", float(&v[*k], k)))
        .collect();
    format!("{name} {{ {} }}", body.join(", "))
}

/// An f64 literal that reads back as the same value (`{:?}` is the shortest round trip).
fn float(v: &Value, what: &str) -> String {
    let x = v
        .as_f64()
        .unwrap_or_else(|| panic!("data/rates.json: {what} is not a number"));
    format!("{x:?}_f64")
}

fn floats(v: &Value, n: usize, what: &str) -> String {
    let list = v
        .as_array()
        .filter(|l| l.len() == n)
        .unwrap_or_else(|| panic!("data/rates.json: {what} is not a list of {n} numbers"));
    let items: Vec<String> = list.iter().map(|x| float(x, what)).collect();
    format!("[{}]", items.join(", "))
}

/// A string literal (`{:?}` escapes what Rust's syntax needs).
fn string(v: &Value, what: &str) -> String {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("data/rates.json: {what} is not a string"));
    format!("{s:?}")
}

fn strings(v: &Value, what: &str) -> String {
    let list = v
        .as_array()
        .unwrap_or_else(|| panic!("data/rates.json: {what} is not a list"));
    let items: Vec<String> = list.iter().map(|x| string(x, what)).collect();
    format!("&[{}]", items.join(", "))
}
