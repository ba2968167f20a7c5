//! Writes `data/rates.json` and `data/lmi-instances.json` into Rust statics
//! (`$OUT_DIR/rate_card.rs`, included by `src/rates/mod.rs`; `$OUT_DIR/instance_table.rs`,
//! by `src/compute/instances.rs`), so the Wasm bundles carry neither the JSON text nor a
//! parser for it and do no parsing at start-up (issue 13). The data files stay the source
//! of truth: the tests check that the statics equal each file parsed by its `from_json`,
//! which also validates it.

use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let dir = std::env::var("OUT_DIR").expect("Cargo sets OUT_DIR");
    let compile = |data: &str, out: &str, write: fn(&Value) -> String| {
        println!("cargo:rerun-if-changed={data}");
        let text = std::fs::read_to_string(data).unwrap_or_else(|e| panic!("{data}: {e}"));
        let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{data}: {e}"));
        std::fs::write(Path::new(&dir).join(out), write(&value)).expect("OUT_DIR is writable");
    };
    compile("data/rates.json", "rate_card.rs", rate_card);
    compile(
        "data/lmi-instances.json",
        "instance_table.rs",
        instance_table,
    );
}

/// `static COMPILED: CompiledTable = …;` for the LMI instance table and Fargate's rates.
fn instance_table(t: &Value) -> String {
    let mut s = String::from("static COMPILED: CompiledTable = CompiledTable {\n");
    let _ = writeln!(s, "currency: {},", string(&t["currency"], "currency"));
    let _ = writeln!(s, "as_of: {},", string(&t["as_of"], "as_of"));
    let _ = writeln!(s, "sources: {},", strings(&t["sources"], "sources"));
    let l = &t["lmi"];
    let _ = writeln!(
        s,
        "lmi: CompiledTerms {{ requests_per_million: {}, management_fee_pct: {}, \
         default_min_instances: {}, families: {}, x86_64_generations: {}, \
         graviton_generations: {}, memory_gib_per_vcpu: {} }},",
        float(&l["requests_per_million"], "lmi.requests_per_million"),
        float(&l["management_fee_pct"], "lmi.management_fee_pct"),
        integer(&l["default_min_instances"], "lmi.default_min_instances"),
        strings(&l["families"], "lmi.families"),
        integers(&l["x86_64_generations"], 2, "lmi.x86_64_generations"),
        integers(&l["graviton_generations"], 2, "lmi.graviton_generations"),
        float_map(&l["memory_gib_per_vcpu"], "lmi.memory_gib_per_vcpu"),
    );
    s.push_str("instances: &[\n");
    for row in t["instances"].as_array().expect("instances is a list") {
        let _ = writeln!(
            s,
            "CompiledRow {{ name: {}, vcpus: {}, memory_gib: {}, hourly_usd: {} }},",
            string(&row["type"], "instance type"),
            integer(&row["vcpus"], "vcpus"),
            float(&row["memory_gib"], "memory_gib"),
            float_map(&row["hourly_usd"], "hourly_usd"),
        );
    }
    s.push_str("],\n");
    let f = &t["fargate"];
    let _ = writeln!(
        s,
        "fargate: CompiledFargate {{ as_of: {}, sources: {}, regions: &[",
        string(&f["as_of"], "fargate.as_of"),
        strings(&f["sources"], "fargate.sources"),
    );
    let regions = f["regions"]
        .as_object()
        .expect("fargate.regions is an object");
    for (code, r) in regions {
        let rates = |arch: &str| fields("FargateRates", &r[arch], &["vcpu_hour", "gb_hour"]);
        let _ = writeln!(
            s,
            "({code:?}, FargateRegion {{ x86_64: {}, arm64: {} }}),",
            rates("x86_64"),
            rates("arm64")
        );
    }
    s.push_str("] },\n};\n");
    s
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
        .unwrap_or_else(|| panic!("data: {what} is not a number"));
    format!("{x:?}_f64")
}

/// `&[("key", value), …]` from an object of numbers.
fn float_map(v: &Value, what: &str) -> String {
    let map = v
        .as_object()
        .unwrap_or_else(|| panic!("data: {what} is not an object"));
    let items: Vec<String> = map
        .iter()
        .map(|(k, x)| format!("({k:?}, {})", float(x, what)))
        .collect();
    format!("&[{}]", items.join(", "))
}

/// A whole number, written without a type so it fits the field (u8, u32).
fn integer(v: &Value, what: &str) -> String {
    let n = v
        .as_u64()
        .unwrap_or_else(|| panic!("data: {what} is not a whole number"));
    n.to_string()
}

fn integers(v: &Value, n: usize, what: &str) -> String {
    let list = v
        .as_array()
        .filter(|l| l.len() == n)
        .unwrap_or_else(|| panic!("data: {what} is not a list of {n} whole numbers"));
    let items: Vec<String> = list.iter().map(|x| integer(x, what)).collect();
    format!("[{}]", items.join(", "))
}

fn floats(v: &Value, n: usize, what: &str) -> String {
    let list = v
        .as_array()
        .filter(|l| l.len() == n)
        .unwrap_or_else(|| panic!("data: {what} is not a list of {n} numbers"));
    let items: Vec<String> = list.iter().map(|x| float(x, what)).collect();
    format!("[{}]", items.join(", "))
}

/// A string literal (`{:?}` escapes what Rust's syntax needs).
fn string(v: &Value, what: &str) -> String {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("data: {what} is not a string"));
    format!("{s:?}")
}

fn strings(v: &Value, what: &str) -> String {
    let list = v
        .as_array()
        .unwrap_or_else(|| panic!("data: {what} is not a list"));
    let items: Vec<String> = list.iter().map(|x| string(x, what)).collect();
    format!("&[{}]", items.join(", "))
}
