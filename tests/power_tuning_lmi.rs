//! Power Tuning's Lambda Managed Instances (LMI) output: its runs are concurrency levels of
//! an instance type, read from the combined visualization, the per-ratio links, `lmiStats`
//! or the optimal, and never read as memory sizes.
//!
//! `tests/data/power-tuning/output-lmi-combined.json` is written for these tests from the
//! format of Power Tuning's LMI mode (its README's "LMI Output", the Analyzer's
//! `buildLmiVisualizationURL` and `buildCombinedVisualizationURL`): c8g.xlarge at 2 and
//! 4 GiB per vCPU, concurrency 1, 5, 10 and 20, costs from Power Tuning's formula
//! (hourly $0.15952 x 1.15 / 3600 x duration / concurrency + $0.0000002), and three
//! standard memory sizes.

use lambda_cost::scenario::link;
use lambda_cost::tuning::{hash, parse, ConcurrencyRun, Currency};
use serde_json::{json, Value};

fn fixture() -> Value {
    let path = format!(
        "{}/tests/data/power-tuning/output-lmi-combined.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn levels(r: &ConcurrencyRun) -> Vec<u32> {
    r.points.iter().map(|p| p.concurrency).collect()
}

/// Power Tuning's LMI cost of one invocation.
fn pt_cost(duration_ms: f64, concurrency: f64) -> f64 {
    0.15952 * 1.15 / 3600.0 * duration_ms / 1000.0 / concurrency + 0.0000002
}

fn check_lmi_runs(runs: &[ConcurrencyRun]) {
    assert_eq!(runs.len(), 2);
    for (r, ratio) in runs.iter().zip([2.0, 4.0]) {
        assert_eq!(r.memory_per_vcpu_gib, ratio);
        assert_eq!(levels(r), [1, 5, 10, 20]);
        for p in &r.points {
            let expect = pt_cost(p.duration_ms, p.concurrency as f64);
            assert!(
                (p.cost_per_invocation - expect).abs() < expect * 1e-6,
                "{p:?}"
            );
        }
    }
    let best = runs[1].point(10).unwrap();
    assert_eq!(best.duration_ms, f64::from(29.9f32));
}

#[test]
fn combined_output_keeps_concurrency_apart_from_memory() {
    let i = parse(&fixture().to_string()).unwrap();
    // The memory runs are the standard results only.
    assert_eq!(i.runs.len(), 1);
    let mem: Vec<u32> = i.runs[0].points.iter().map(|p| p.memory_mb).collect();
    assert_eq!(mem, [512, 1024, 2048]);
    // The optimal is an LMI one: its `power` (4) is memory per vCPU, not 4 MB.
    assert_eq!(i.optimal, None);
    let o = i.lmi_optimal.as_ref().unwrap();
    assert_eq!(o.memory_per_vcpu_gib, 4.0);
    assert_eq!(o.best_concurrency, Some(10));
    assert_eq!(o.instance_type.as_deref(), Some("c8g.xlarge"));
    // Every level, named by Power Tuning, from the combined visualization.
    check_lmi_runs(&i.lmi_runs);
    assert!(i
        .lmi_runs
        .iter()
        .all(|r| r.instance_type.as_deref() == Some("c8g.xlarge")));
    assert_eq!(
        i.lmi_runs[0].points[2].throughput,
        Some(f64::from(298.0f32))
    );
    assert_eq!(i.lmi_runs[0].label(), "c8g.xlarge, 2 GiB per vCPU");
    assert!(
        i.notices
            .iter()
            .any(|n| n.contains("2 concurrency runs") && n.contains("not memory sizes")),
        "{:?}",
        i.notices
    );
}

/// When Power Tuning picks a memory size over the LMI configurations, `power` is MB
/// again, and the LMI runs are still read.
#[test]
fn a_standard_optimal_with_lmi_results() {
    let mut v = fixture();
    let o = v.as_object_mut().unwrap();
    for k in ["memoryPerVCpu", "bestConcurrency", "instanceType"] {
        o.remove(k);
    }
    o.insert("type".into(), json!("standard"));
    o.insert("power".into(), json!(1024));
    let i = parse(&v.to_string()).unwrap();
    assert_eq!(i.optimal.unwrap().memory_mb, 1024);
    assert_eq!(i.lmi_optimal, None);
    check_lmi_runs(&i.lmi_runs);
}

#[test]
fn lmi_only_output_gives_no_memory_runs() {
    let mut v = fixture();
    v["stateMachine"]
        .as_object_mut()
        .unwrap()
        .remove("visualization");
    // The combined link without its standard part, as in an LMI-only execution.
    let combined = json!({ "lmi": [{"memoryPerVCpu": 2.0, "instanceType": "m7g.large",
        "results": [{"concurrency": 8, "duration": 12.5, "cost": 3e-7}]}] });
    v["stateMachine"]["combinedVisualization"] = json!(format!(
        "https://lambda-power-tuning.show/combined.html#{}",
        hash::base64_encode(combined.to_string().as_bytes())
    ));
    let i = parse(&v.to_string()).unwrap();
    assert!(i.runs.is_empty());
    assert_eq!(i.lmi_runs.len(), 1);
    assert_eq!(i.lmi_runs[0].instance_type.as_deref(), Some("m7g.large"));
    assert_eq!(levels(&i.lmi_runs[0]), [8]);
}

#[test]
fn per_ratio_links_hold_concurrency() {
    let mut v = fixture();
    v["stateMachine"]
        .as_object_mut()
        .unwrap()
        .remove("combinedVisualization");
    let i = parse(&v.to_string()).unwrap();
    check_lmi_runs(&i.lmi_runs);
    // Named from the output's instanceType (one type was tested).
    assert_eq!(i.lmi_runs[0].instance_type.as_deref(), Some("c8g.xlarge"));
    // The links carry what the combined JSON carries, at Float32 precision.
    let full = parse(&fixture().to_string()).unwrap();
    for (a, b) in i.lmi_runs.iter().zip(&full.lmi_runs) {
        for (p, q) in a.points.iter().zip(&b.points) {
            assert_eq!(
                (p.concurrency, p.duration_ms, p.cost_per_invocation),
                (q.concurrency, q.duration_ms, q.cost_per_invocation)
            );
        }
    }
    assert_eq!(i.runs.len(), 1, "the standard link is still a memory run");
}

#[test]
fn lmi_stats_and_the_optimal_alone() {
    let mut v = fixture();
    let sm = v["stateMachine"].as_object_mut().unwrap();
    sm.remove("combinedVisualization");
    sm.remove("lmiVisualization");
    sm.remove("visualization");
    v["lmiStats"] = json!([
        {"type": "lmi", "memoryPerVCpu": 2.0, "bestConcurrency": 10, "instanceType": "c8g.xlarge",
         "averagePrice": 3.7e-7, "averageDuration": 33.4},
        {"type": "lmi", "memoryPerVCpu": 4.0, "bestConcurrency": 10, "instanceType": "c8g.xlarge",
         "averagePrice": 3.5e-7, "averageDuration": 29.9}
    ]);
    let i = parse(&v.to_string()).unwrap();
    assert!(i.runs.is_empty());
    assert_eq!(i.lmi_runs.len(), 2);
    assert!(i.lmi_runs.iter().all(|r| levels(r) == [10]));
    assert!(i.notices.iter().any(|n| n.contains("best concurrency")));

    v.as_object_mut().unwrap().remove("lmiStats");
    let i = parse(&v.to_string()).unwrap();
    assert_eq!(i.lmi_runs.len(), 1);
    assert_eq!(levels(&i.lmi_runs[0]), [10]);
    assert_eq!(i.lmi_runs[0].memory_per_vcpu_gib, 4.0);
    assert!(i
        .notices
        .iter()
        .any(|n| n.contains("optimal LMI configuration")));
}

#[test]
fn a_bare_combined_link_parses() {
    let url = fixture()["stateMachine"]["combinedVisualization"]
        .as_str()
        .unwrap()
        .to_string();
    let i = parse(&url).unwrap();
    check_lmi_runs(&i.lmi_runs);
    assert_eq!(i.runs[0].points.len(), 3);
    // The hash alone, too; and in China regions the costs are CNY.
    let hash_only = url.split_once('#').unwrap().1;
    assert_eq!(parse(hash_only).unwrap().lmi_runs, i.lmi_runs);
    let cny = parse(&url.replace("combined.html#", "combined.html?currency=CNY#")).unwrap();
    assert_eq!(cny.lmi_runs[0].currency, Currency::Cny);
}

/// The combined visualization's hash as this page's link (its host swapped) opens both
/// its memory runs and its LMI runs, as a paste of it does.
#[test]
fn a_bare_combined_hash_opens_its_lmi_runs_too() {
    let url = fixture()["stateMachine"]["combinedVisualization"]
        .as_str()
        .unwrap()
        .to_string();
    let hash_only = url.split_once('#').unwrap().1;
    let d = link::decode(&format!("https://calculator.example/#{hash_only}")).unwrap();
    let pasted = parse(hash_only).unwrap();
    assert_eq!(d.scenario.tuning, pasted.runs);
    assert_eq!(
        d.scenario.lmi_tuning,
        lambda_cost::tuning::link::as_carried(pasted.lmi_runs)
    );
    assert_eq!(d.scenario.lmi_tuning.len(), 2);
    assert!(
        d.notices[0].starts_with("This link is a Power Tuning result (1 run)"),
        "{:?}",
        d.notices
    );
    // And it travels on in the scenario's own link.
    let again = link::decode(&link::encode(&d.scenario)).unwrap();
    assert_eq!(again.scenario, d.scenario);
}

/// A per-ratio link alone cannot say it holds concurrency; its values (1 to 20) are
/// below any memory size, so the import warns instead of letting them pass as MB.
#[test]
fn a_bare_per_ratio_link_is_flagged() {
    let url = fixture()["stateMachine"]["lmiVisualization"]["4.0"]
        .as_str()
        .unwrap()
        .to_string();
    let i = parse(&url).unwrap();
    assert!(
        i.notices
            .iter()
            .any(|n| n.contains("concurrency levels, not memory sizes")),
        "{:?}",
        i.notices
    );
}

#[test]
fn what_cannot_be_used_is_refused_saying_what_it_is() {
    // An LMI output with nothing to read.
    let e = parse(
        r#"{"power": 4, "cost": 3e-7, "duration": 29.9, "type": "lmi", "memoryPerVCpu": 4,
            "instanceType": "c8g.xlarge", "stateMachine": {}}"#,
    )
    .unwrap_err();
    assert!(
        e.message.contains(
            "Power Tuning's Lambda Managed Instances output, but it has no concurrency results"
        ),
        "{e}"
    );
    // A broken combined link and nothing else.
    let e = parse(
        r#"{"type": "lmi", "power": 4, "cost": 1, "duration": 1,
            "stateMachine": {"combinedVisualization": "https://x/combined.html#e30"}}"#,
    )
    .unwrap_err();
    assert!(
        e.message.starts_with(
            "stateMachine.combinedVisualization: the combined visualization has neither"
        ),
        "{e}"
    );
    // A concurrency of 0, named where it is.
    let bad = json!({"lmi": [{"memoryPerVCpu": 2, "instanceType": "c8g.xlarge",
        "results": [{"concurrency": 0, "duration": 1, "cost": 1}]}]});
    let e = parse(&hash::base64_encode(bad.to_string().as_bytes())).unwrap_err();
    assert!(
        e.message
            .starts_with("lmi[0].results[0].concurrency: expected a concurrency level"),
        "{e}"
    );
    // Duplicate levels and an unusable ratio.
    let dup = json!({"lmi": [{"memoryPerVCpu": 2, "results": [
        {"concurrency": 5, "duration": 1, "cost": 1}, {"concurrency": 5, "duration": 2, "cost": 1}]}]});
    let e = parse(&hash::base64_encode(dup.to_string().as_bytes())).unwrap_err();
    assert!(
        e.message.contains("concurrency 5 appears more than once"),
        "{e}"
    );
    let ratio = json!({"lmi": [{"memoryPerVCpu": -2, "results": [
        {"concurrency": 5, "duration": 1, "cost": 1}]}]});
    let e = parse(&hash::base64_encode(ratio.to_string().as_bytes())).unwrap_err();
    assert!(
        e.message.contains("memory per vCPU -2.0 GiB is not usable"),
        "{e}"
    );
    // Instance type names from a paste are echoed safely and kept short.
    let hostile = json!({"lmi": [{"memoryPerVCpu": 2, "instanceType": format!("\u{1b}[31m{}", "x".repeat(100)),
        "results": [{"concurrency": 5, "duration": 1, "cost": 1}]}]});
    let i = parse(&hash::base64_encode(hostile.to_string().as_bytes())).unwrap();
    let name = i.lmi_runs[0].instance_type.clone().unwrap();
    assert!(
        !name.contains('\u{1b}') && name.chars().count() <= 33,
        "{name}"
    );
}

/// The scenario link's `pt` holds memory runs: a combined visualization there is refused
/// with what it is, never decoded into memory sizes.
#[test]
fn an_lmi_link_is_never_read_as_memory_sizes() {
    let url = fixture()["stateMachine"]["combinedVisualization"]
        .as_str()
        .unwrap()
        .to_string();
    let hash_only = url.split_once('#').unwrap().1.to_string();
    let e = link::decode(&format!("#pt={hash_only}")).unwrap_err();
    assert_eq!(e.field.key(), "pt");
    assert!(e.message.contains("combined visualization"), "{e}");
    assert!(e.message.contains("memory runs only"), "{e}");
}

/// LMI runs travel as one link value and come back equal (throughput aside).
#[test]
fn concurrency_runs_round_trip_through_a_link_value() {
    use lambda_cost::tuning::link::{decode_concurrency_runs, encode_concurrency_runs};
    let mut runs = parse(&fixture().to_string()).unwrap().lmi_runs;
    for r in &mut runs {
        for p in &mut r.points {
            p.throughput = None;
        }
    }
    runs[1].currency = Currency::Cny;
    runs[1].instance_type = None;
    let value = encode_concurrency_runs(&runs);
    // Names are URI-encoded, as run names in `pt` are.
    assert!(
        value.ends_with(";2%3AUSD%3Ac8g.xlarge;4%3ACNY%3A"),
        "{value}"
    );
    assert_eq!(decode_concurrency_runs(&value).unwrap(), runs);
    // What is not an LMI run value is refused, saying why.
    let memory_hash = "AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA";
    let e = decode_concurrency_runs(memory_hash).unwrap_err();
    assert!(e.message.contains("need a name per run"), "{e}");
    let e = decode_concurrency_runs(&format!("{memory_hash};x")).unwrap_err();
    assert!(
        e.message
            .contains("name \"x\" is not ratio:currency:instance type"),
        "{e}"
    );
    let negative = format!(
        "{};AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA;2:USD:m7g.large",
        hash::base64_encode(&[0xff, 0xff, 2, 0, 3, 0])
    );
    let e = decode_concurrency_runs(&negative).unwrap_err();
    assert!(
        e.message.contains("LMI run 1, level 1: concurrency 0"),
        "{e}"
    );
}

proptest::proptest! {
    /// Arbitrary link values and combined visualizations are read or refused, never a
    /// panic, and messages stay one short line.
    #[test]
    fn garbage_never_panics(
        text in "[A-Za-z0-9+/=;:%]{0,80}",
        conc in proptest::prelude::any::<f64>(),
        ratio in proptest::prelude::any::<f64>(),
        dur in proptest::prelude::any::<f64>(),
        name in "\\PC{0,40}",
    ) {
        use lambda_cost::tuning::link::decode_concurrency_runs;
        if let Err(e) = decode_concurrency_runs(&text) {
            proptest::prop_assert!(e.message.chars().count() <= 200, "{}", e);
        }
        let combined = json!({"lmi": [{"memoryPerVCpu": ratio, "instanceType": name,
            "results": [{"concurrency": conc, "duration": dur, "cost": 1e-7}]}]});
        match parse(&hash::base64_encode(combined.to_string().as_bytes())) {
            Ok(i) => {
                for r in &i.lmi_runs {
                    proptest::prop_assert!(r.points.iter().all(|p| p.concurrency > 0 && p.duration_ms > 0.0));
                }
                proptest::prop_assert!(i.runs.is_empty());
            }
            Err(e) => proptest::prop_assert!(e.message.chars().count() <= 200, "{}", e),
        }
    }
}

/// A scenario's LMI runs travel in the link (`ptl`) and come back as the same
/// concurrency runs for the same instance type; memory runs (`pt`) are untouched, a pin
/// does not keep them, and `ptl` never takes memory runs.
#[test]
fn lmi_runs_travel_in_the_scenario_link() {
    let import = parse(&fixture().to_string()).unwrap();
    let mut s = lambda_cost::Scenario {
        tuning: import.runs.clone(),
        lmi_tuning: import.lmi_runs.clone(),
        ..lambda_cost::Scenario::default()
    };
    for p in s.lmi_tuning.iter_mut().flat_map(|r| &mut r.points) {
        p.throughput = None;
    }
    let fragment = link::to_fragment(&s);
    assert!(fragment.contains("&ptl="), "{fragment}");
    let back = link::decode(&fragment).unwrap();
    assert!(back.notices.is_empty(), "{:?}", back.notices);
    assert_eq!(back.scenario, s);
    check_lmi_runs(&back.scenario.lmi_tuning);
    assert_eq!(
        back.scenario.lmi_tuning[0].instance_type.as_deref(),
        Some("c8g.xlarge")
    );
    // The memory runs are the standard sizes only: no concurrency level became memory.
    for run in &back.scenario.tuning {
        assert!(run.points.iter().all(|p| p.memory_mb >= 128), "{run:?}");
    }
    // Written again, the same link.
    assert_eq!(link::to_fragment(&back.scenario), fragment);
    // Without LMI runs no `ptl` is written: links are as before.
    s.lmi_tuning.clear();
    assert!(!link::to_fragment(&s).contains("ptl"));

    // A pin keeps the workload, not the runs, and says so when a link puts them there.
    let value = lambda_cost::tuning::link::encode_concurrency_runs(&back.scenario.lmi_tuning);
    let pin = format!("memory%3D512%26ptl%3D{}", urlencode(&urlencode(&value)));
    let d = link::decode(&format!("#memory=256&pin={pin}")).unwrap();
    assert!(d.scenario.pins[0].scenario.lmi_tuning.is_empty());
    assert!(
        !d.notices.is_empty(),
        "a notice says the runs in the pin were ignored"
    );

    // `ptl` holds LMI runs only: a memory run hash is refused, naming the key.
    let e = link::decode("#ptl=AQACAAMA%3BAAAAQAAAAEAAAIA%2F%3BAABAQAAAAEAAAABA").unwrap_err();
    assert_eq!(e.field.key(), "ptl");
    assert!(e.message.contains("need a name per run"), "{e}");
}

/// Percent-encodes what a link value must not hold raw.
fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
