//! The Power Tuning reader's answer (`tuning::link::encode_import` in the reader's Wasm
//! module, `decode_import` in the calculator page's): what the page receives must be what
//! reading the paste in place gives, for every real sample and for anything pasted.

use lambda_cost::tuning::link::{decode_import, encode_import};
use lambda_cost::tuning::{self, Import, TuningError};
use proptest::prelude::*;

fn data(path: &str) -> String {
    let path = format!("{}/tests/data/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// What the page keeps of a paste: `optimal` and `lmi_optimal` are the CLI's, and LMI
/// throughputs do not travel in the link, so the page drops them (`AppState::import`).
fn as_the_page_keeps(read: Result<Import, TuningError>) -> Result<Import, TuningError> {
    read.map(|mut import| {
        import.optimal = None;
        import.lmi_optimal = None;
        import.lmi_runs = tuning::link::as_carried(import.lmi_runs);
        import
    })
}

fn through_the_reader(paste: &str) -> Result<Import, TuningError> {
    decode_import(&encode_import(&tuning::parse(paste)))
}

/// Every form a paste takes: the output JSON of each version, the LMI output, every
/// visualization hash and link, a comparison, a CNY link, the combined visualization.
fn real_pastes() -> Vec<String> {
    let mut pastes: Vec<String> = [
        "power-tuning/output-readme-v4.json",
        "power-tuning/output-v2-2019.json",
        "power-tuning/output-v3-2020.json",
        "power-tuning/output-lmi-combined.json",
    ]
    .iter()
    .map(|p| data(p))
    .collect();
    let hashes: serde_json::Value =
        serde_json::from_str(&data("power-tuning/visualization-hashes.json")).unwrap();
    for s in hashes.as_array().unwrap() {
        let h = s["hash"].as_str().unwrap();
        pastes.push(h.to_string());
        pastes.push(format!("https://lambda-power-tuning.show/#{h}"));
        pastes.push(format!(
            "https://lambda-power-tuning.show/?currency=CNY#{h}"
        ));
    }
    // Power Tuning's comparison form: two runs, then their names.
    let first = hashes[0]["hash"].as_str().unwrap();
    let second = hashes[1]["hash"].as_str().unwrap();
    pastes.push(format!("{first};{second};x86%20run;arm64%20run"));
    let lmi: serde_json::Value = serde_json::from_str(&pastes[3]).unwrap();
    let combined = lmi["stateMachine"]["combinedVisualization"]
        .as_str()
        .expect("the LMI sample has a combined visualization link");
    pastes.push(combined.to_string());
    pastes.push(combined.split_once('#').unwrap().1.to_string());
    pastes
}

#[test]
fn every_real_paste_arrives_as_read() {
    for paste in real_pastes() {
        let direct = as_the_page_keeps(tuning::parse(&paste));
        assert!(direct.is_ok(), "{paste}: {direct:?}");
        assert_eq!(through_the_reader(&paste), direct, "{paste}");
    }
}

#[test]
fn the_samples_carry_runs_lmi_runs_and_notices() {
    // The round trip above would pass on empty answers: these pastes must carry each part.
    let all: Vec<Import> = real_pastes()
        .iter()
        .map(|p| through_the_reader(p).unwrap())
        .collect();
    assert!(all.iter().any(|i| i.runs.len() == 2), "a comparison");
    assert!(all.iter().any(|i| !i.lmi_runs.is_empty()), "LMI runs");
    assert!(all.iter().any(|i| !i.notices.is_empty()), "a notice");
    assert!(
        all.iter()
            .flat_map(|i| &i.runs)
            .any(|r| r.currency == tuning::Currency::Cny),
        "a CNY run"
    );
}

#[test]
fn every_hostile_paste_arrives_as_read() {
    let dir = format!(
        "{}/tests/data/hostile/power-tuning",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let paste = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let direct = as_the_page_keeps(tuning::parse(&paste));
        assert_eq!(through_the_reader(&paste), direct, "{}", path.display());
        seen += 1;
    }
    assert!(seen > 10, "{seen} hostile pastes in {dir}");
}

#[test]
fn a_refused_paste_keeps_its_message() {
    for paste in [
        "",
        "{",
        "hello",
        "{\"power\": 512}",
        "https://example.com/#x",
    ] {
        let direct = tuning::parse(paste).unwrap_err();
        assert_eq!(through_the_reader(paste).unwrap_err(), direct, "{paste:?}");
    }
}

#[test]
fn a_garbled_answer_says_so() {
    for answer in ["pt", "pt=%zz", "what=1", "pt=AQ", "ptl=x"] {
        let e = decode_import(answer).unwrap_err();
        assert!(!e.message.is_empty(), "{answer}");
    }
    let e = decode_import("what=1").unwrap_err();
    assert!(e.message.contains("could not be read"), "{}", e.message);
}

/// Runs as Power Tuning measures them: sizes in Lambda's range, durations and costs at
/// Float32 (as its hash writes them) or at JSON's full precision.
fn run_points() -> impl Strategy<Value = Vec<(u16, f64, f64)>> {
    prop::collection::vec((128u16..=10240, 0.5f64..60_000.0, 1e-9f64..1e-2), 1..12)
}

proptest! {
    /// Power Tuning output JSON with any measurements: the runs arrive to the bit.
    #[test]
    fn any_output_arrives_as_read(points in run_points(), label in "[a-z0-9 _-]{0,20}") {
        let stats: Vec<String> = points
            .iter()
            .map(|(m, d, c)| format!("{{\"value\": {m}, \"averagePrice\": {c:e}, \"averageDuration\": {d}}}"))
            .collect();
        let paste = format!(
            "{{\"power\": {}, \"cost\": {:e}, \"duration\": {}, \"stats\": [{}], \"label\": \"{label}\"}}",
            points[0].0, points[0].2, points[0].1, stats.join(",")
        );
        let direct = as_the_page_keeps(tuning::parse(&paste));
        let mut sizes: Vec<u16> = points.iter().map(|p| p.0).collect();
        sizes.sort_unstable();
        sizes.dedup();
        // Only a repeated memory size is refused.
        prop_assert_eq!(direct.is_ok(), sizes.len() == points.len(), "{:?}", direct);
        prop_assert_eq!(through_the_reader(&paste), direct);
    }

    /// A visualization hash of any measurements (Float32, as Power Tuning writes them).
    #[test]
    fn any_hash_arrives_as_read(a in run_points(), b in run_points(), named in any::<bool>()) {
        let raw = |p: &[(u16, f64, f64)]| tuning::hash::RawRun {
            memory: p.iter().map(|x| x.0 as i16).collect(),
            durations: p.iter().map(|x| f64::from(x.1 as f32)).collect(),
            costs: p.iter().map(|x| f64::from(x.2 as f32)).collect(),
        };
        let names: Vec<String> = if named { vec!["x86_64".into(), "graviton".into()] } else { Vec::new() };
        let runs = if named { vec![raw(&a), raw(&b)] } else { vec![raw(&a)] };
        let paste = format!("https://lambda-power-tuning.show/#{}", tuning::hash::encode(&runs, &names));
        let direct = as_the_page_keeps(tuning::parse(&paste));
        prop_assert_eq!(through_the_reader(&paste), direct);
    }

    /// Anything pasted: the page gets what reading it in place gives, never a panic.
    #[test]
    fn any_paste_arrives_as_read(paste in "\\PC{0,300}") {
        prop_assert_eq!(through_the_reader(&paste), as_the_page_keeps(tuning::parse(&paste)));
    }

    #[test]
    fn any_answer_is_read_or_refused(answer in "\\PC{0,300}") {
        let _ = decode_import(&answer);
    }
}
