//! Power Tuning import: every real sample decodes to its documented numbers, the
//! Analyzer's rules hold on them, malformed pastes get messages (never panics), and the
//! runs travel in the scenario link.
//!
//! The samples are copies of ../shared/reference/power-tuning (kept in tests/data so the
//! tests stand alone); `copies_match_the_reference` checks them when that folder exists.

use lambda_cost::scenario::{analyze_run, link};
use lambda_cost::tuning::{
    self, compare_runs, hash, parse, Currency, Mismatch, TuningPoint, TuningRun,
};
use lambda_cost::{Arch, RateCard, Scenario};
use proptest::prelude::*;
use serde_json::Value;

fn sample(name: &str) -> String {
    let path = format!(
        "{}/tests/data/power-tuning/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn copies_match_the_reference() {
    // `LAMBDA_COST_REFERENCE` when set (a worktree not beside ../shared), else the
    // reference beside the clone.
    let reference = std::env::var("LAMBDA_COST_REFERENCE")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/reference").into());
    let dir = format!("{reference}/power-tuning");
    for name in [
        "output-readme-v4.json",
        "output-v2-2019.json",
        "output-v3-2020.json",
        "visualization-hashes.json",
    ] {
        // CI always has ../shared beside the clone: a missing reference is a failure,
        // not a pass with nothing compared.
        let path = format!("{dir}/{name}");
        let original = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{path}: {e}. The reference samples must be beside the clone (../shared), \
                 or their folder in LAMBDA_COST_REFERENCE."
            )
        });
        assert_eq!(original, sample(name), "{name}");
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The documented Float32 values (serde_json may read the decimals 1 ulp off as f64,
/// never enough to change the f32).
/// Numbers documented as Float32, as the decoder widens them.
fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| f64::from(x.as_f64().unwrap() as f32))
        .collect()
}

#[test]
fn every_visualization_hash_decodes_to_the_documented_numbers() {
    let samples: Value = serde_json::from_str(&sample("visualization-hashes.json")).unwrap();
    for s in samples.as_array().unwrap() {
        let h = s["hash"].as_str().unwrap();
        let expected = &s["datasets"][0];
        let d = hash::decode(h, hash::Form::PowerTuning).unwrap();
        assert_eq!(d.runs.len(), 1);
        let raw = &d.runs[0];
        let mem: Vec<f64> = raw.memory.iter().map(|&m| f64::from(m)).collect();
        assert_eq!(mem, floats(&expected["powers_int16le"]), "{h}");
        assert_eq!(
            raw.durations,
            floats(&expected["durations_ms_float32le"]),
            "{h}"
        );
        assert_eq!(raw.costs, floats(&expected["costs_usd_float32le"]), "{h}");
        // The raw bytes.
        let parts: Vec<&str> = h.split(';').collect();
        for (part, key) in parts.iter().zip(["powers", "durations", "costs"]) {
            let bytes = hash::base64_decode(part).unwrap();
            assert_eq!(
                hex(&bytes),
                expected["hex"][key].as_str().unwrap(),
                "{h} {key}"
            );
        }
        // Encoding gives Power Tuning's exact text back.
        assert_eq!(hash::encode(&d.runs, &[]), h);
        // And the paste box reads it, as a link or bare.
        let i = parse(&format!("https://lambda-power-tuning.show/#{h}")).unwrap();
        assert_eq!(i.runs[0].points.len(), raw.memory.len());
        assert_eq!(parse(h).unwrap().runs, i.runs);
    }
}

fn hash_run(index: usize) -> TuningRun {
    let samples: Value = serde_json::from_str(&sample("visualization-hashes.json")).unwrap();
    let h = samples[index]["hash"].as_str().unwrap().to_string();
    parse(&h).unwrap().runs.remove(0)
}

fn memory_of(run: &TuningRun, i: Option<usize>) -> Option<u32> {
    i.map(|i| run.points[i].memory_mb)
}

#[test]
fn analyzer_rules_on_the_samples() {
    // Unit test stats: power [1,2,3], duration [2,2,1], cost [3,2,2].
    let unit = hash_run(0);
    assert_eq!(
        unit.points.iter().map(|p| p.memory_mb).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    let p = tuning::Picks::of(&unit.points, 0.5);
    assert_eq!(memory_of(&unit, p.cost), Some(3)); // cost tie 2 = 2: faster wins
    assert_eq!(memory_of(&unit, p.speed), Some(3));
    assert_eq!(memory_of(&unit, p.balanced), Some(3));

    // README link: 1024 and 1536 MB cost exactly the same Float32; the faster wins.
    let readme = hash_run(1);
    let c = readme.points[3].cost_per_invocation;
    assert_eq!(c, readme.points[4].cost_per_invocation);
    let p = tuning::Picks::of(&readme.points, 0.5);
    assert_eq!(memory_of(&readme, p.cost), Some(1536));
    assert_eq!(memory_of(&readme, p.speed), Some(3008));
    assert_eq!(memory_of(&readme, p.balanced), Some(1536));
    // w = 1 is cost alone, and balanced has no tie-break: the first of 1024 and 1536.
    for (w, mem) in [(0.0, 3008), (0.3, 1536), (0.5, 1536), (1.0, 1024)] {
        assert_eq!(
            memory_of(&readme, tuning::pick_balanced(&readme.points, w)),
            Some(mem),
            "w = {w}"
        );
    }

    // Issue #251.
    let issue = hash_run(2);
    let p = tuning::Picks::of(&issue.points, 0.5);
    assert_eq!(memory_of(&issue, p.cost), Some(512));
    assert_eq!(memory_of(&issue, p.speed), Some(512));
    for w in [0.0, 0.3, 0.5, 1.0] {
        assert_eq!(
            memory_of(&issue, tuning::pick_balanced(&issue.points, w)),
            Some(512)
        );
    }
}

#[test]
fn output_json_samples() {
    // README v4: `results` wrapper, string power, placeholder visualization, one stat.
    let i = parse(&sample("output-readme-v4.json")).unwrap();
    assert_eq!(i.runs.len(), 1);
    let p = i.runs[0].points[0];
    assert_eq!(p.memory_mb, 128);
    // The JSON numbers as written (the analyzer compares them at this precision).
    assert_eq!(p.duration_ms, 2.9066666666666667);
    assert_eq!(p.cost_per_invocation, 2.083e-7);
    assert_eq!(i.optimal.unwrap().memory_mb, 128);
    assert_eq!(i.runs[0].currency, Currency::Usd);

    // v2 (2019): no visualization, no stats: only the optimal point, with a notice.
    let i = parse(&sample("output-v2-2019.json")).unwrap();
    assert_eq!(i.runs[0].points.len(), 1);
    assert_eq!(i.runs[0].points[0].cost_per_invocation, 2.08e-7);
    assert!(
        i.notices[0].contains("neither its stats nor its visualization link"),
        "{:?}",
        i.notices
    );

    // v3 (2020): bare object, number power, placeholder visualization.
    let i = parse(&sample("output-v3-2020.json")).unwrap();
    let p = i.runs[0].points[0];
    assert_eq!((p.memory_mb, p.cost_per_invocation), (512, 8.32e-7));
    assert!(
        i.notices[0].contains("visualization could not be read"),
        "{:?}",
        i.notices
    );
    // 100 ms billing: 1 x 100 ms x 2.08e-9 per ms x 512/128.
    let a = analyze_run(&Scenario::default(), &i.runs[0], RateCard::embedded(), 0.5);
    assert_eq!(
        a.points[0].disagreement.unwrap().reason,
        Mismatch::HundredMsBilling
    );

    // The same, wrapped in `output` as a string (describe-execution).
    let wrapped = serde_json::json!({"output": sample("output-v3-2020.json")}).to_string();
    assert_eq!(parse(&wrapped).unwrap().runs, i.runs);
}

#[test]
fn the_rate_card_check() {
    let card = RateCard::embedded();
    let s = Scenario::default(); // us-east-1 x86_64
                                 // Issue #251 (1 ms billing, 2.1e-9): short durations, within rounding.
    let a = analyze_run(&s, &hash_run(2), card, 0.5);
    assert!(a.points.iter().all(|p| p.disagreement.is_none()));
    // A long duration at the coarse price is beyond rounding.
    let long = TuningRun::new(
        "x",
        vec![TuningPoint {
            memory_mb: 1024,
            duration_ms: 3890.2,
            cost_per_invocation: 3891.0 * 2.1e-9 * 8.0,
        }],
        Currency::Usd,
        |_| String::new(),
    )
    .unwrap();
    let a = analyze_run(&s, &long, card, 0.5);
    let d = a.points[0].disagreement.unwrap();
    assert_eq!(d.reason, Mismatch::CoarsePrice { arch: Arch::X86_64 });
    assert!(d.message().contains("rounded price"), "{}", d.message());
    // Priced as arm64, the same run is Power Tuning's x86 price.
    let mut arm = long.clone();
    arm.arch = Some(Arch::Arm64);
    let d = analyze_run(&s, &arm, card, 0.5).points[0]
        .disagreement
        .unwrap();
    assert_eq!(d.reason, Mismatch::CoarsePrice { arch: Arch::X86_64 });
    assert!(
        d.message().contains("priced here as arm64"),
        "{}",
        d.message()
    );
    // CNY costs are never compared with USD rates.
    let mut cny = long;
    cny.currency = Currency::Cny;
    let a = analyze_run(&s, &cny, card, 0.5);
    assert!(a.points[0].disagreement.is_none() && a.points[0].rate_card_cost.is_none());
    assert!(a.points[0].bill.is_ok());
    // Memory sizes Lambda does not have are reported, not priced.
    let a = analyze_run(&s, &hash_run(0), card, 0.5);
    assert!(a.points.iter().all(|p| p.bill.is_err()));
    assert_eq!(a.monthly_pick, None);
    assert!(
        a.notices[0].contains("3 memory sizes are outside"),
        "{:?}",
        a.notices
    );
}

#[test]
fn monthly_bills_deltas_and_architectures() {
    let card = RateCard::embedded();
    let s = Scenario {
        memory_mb: 256,
        duration_ms: 14.0,
        requests: 5e6,
        ..Scenario::default()
    };
    let run = hash_run(2);
    let a = analyze_run(&s, &run, card, 0.5);
    // Each point is the scenario's bill at that memory and duration.
    for p in &a.points {
        let at = Scenario {
            memory_mb: p.point.memory_mb,
            duration_ms: p.point.duration_ms,
            ..s.clone()
        };
        assert_eq!(
            p.monthly_cents(),
            Some(at.bill(card).unwrap().total_cents())
        );
    }
    assert_eq!(a.memory_at(a.monthly_pick), Some(512));
    // Against the run's own 256 MB measurement.
    let d = a.points[2].delta.unwrap();
    assert_eq!(d.baseline, tuning::analysis::Baseline::Measured);
    let t = d.describe();
    assert!(
        t.starts_with("512 MB: ") && t.ends_with("faster than your 256 MB"),
        "{t}"
    );
    assert!(t.contains("cheaper"), "{t}");
    assert_eq!(
        a.points[1].delta.unwrap().describe(),
        "256 MB: same cost, same speed than your 256 MB"
    );

    // The same measurements as arm64 are cheaper at every size.
    let mut arm = run.clone();
    arm.label = "arm64".into();
    arm.arch = Some(Arch::Arm64);
    let b = analyze_run(&s, &arm, card, 0.5);
    assert_eq!(b.arch, Arch::Arm64);
    let c = compare_runs(&a, &b);
    assert_eq!(c.per_memory.len(), 5);
    assert!(c
        .per_memory
        .iter()
        .all(|m| m.cheaper == tuning::Side::B && m.difference_cents > 0));
    let best = c.at_best.unwrap();
    assert!(best
        .describe("x86_64", "arm64")
        .starts_with("arm64 (512 MB) is cheaper by $"));
}

#[test]
fn malformed_pastes_get_messages() {
    let ok = "gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=";
    let cases: &[(&str, &str)] = &[
        // truncated base64
        (
            "gAAAAQACAAQACA==;mpn1Q;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=",
            "part 2 (durations): the base64 is cut short",
        ),
        // odd byte lengths
        (
            "gAAAAQACAAQA;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=",
            "part 1 (memory sizes): its base64 decodes to 9 bytes",
        ),
        (
            "gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoE;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=",
            "part 2 (durations): its base64 decodes to 19 bytes",
        ),
        // bad character
        (
            "gAAAAQACAAQACA==;mpn1QXd3X0EAAIBA!ESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=",
            "part 2 (durations): character 17 ('!')",
        ),
        // 3.5 parts
        (
            "gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=;gAAAAQ",
            "the hash has 4 parts; a Power Tuning hash has 3 parts separated by semicolons",
        ),
        (
            "gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=",
            "the hash has 2 parts;",
        ),
        // NaN duration (0x7fc00000), negative and zero memory
        (
            "gAAAAQ==;AADAfwAAgD8=;AACAPwAAgD8=",
            "memory size 1 (128 MB): duration NaN",
        ),
        (
            "gP8AAQ==;AACAPwAAgD8=;AACAPwAAgD8=",
            "value 1 of the memory sizes is -128 MB",
        ),
        (
            "AAAAAQ==;AACAPwAAgD8=;AACAPwAAgD8=",
            "value 1 of the memory sizes is 0 MB",
        ),
        ("", "empty"),
        ("{\"power\": 128, \"cost\": 1}", "duration: missing"),
        (
            "{\"stats\": [{\"value\": -5, \"averagePrice\": 1, \"averageDuration\": 2}]}",
            "stats[0].value",
        ),
        ("{\"stats\": 3}", "stats: expected an array"),
        ("[1, 2]", "[0]: expected an object"),
        (
            "42",
            "this is not Power Tuning output or a visualization link: no semicolons; a Power Tuning hash",
        ),
        ("{\"power\": 128", "not valid JSON"),
    ];
    for (paste, needle) in cases {
        let e = parse(paste).expect_err(paste);
        assert!(e.message.contains(needle), "{paste}: {e}");
    }
    assert!(parse(ok).is_ok());
    // Tolerated: no padding, URL-safe alphabet, a trailing `;`, spaces, CNY.
    let same = parse(ok).unwrap().runs;
    let relaxed = "gAAAAQACAAQACA;mpn1QXd3X0EAAIBARESkQAAAoEA;Gs2LM0mLfDOXTxAzY3fYM31jNDQ;";
    assert_eq!(parse(relaxed).unwrap().runs, same);
    let urlsafe = ok.replace('/', "_").replace('+', "-");
    assert_eq!(parse(&format!("  {urlsafe}\n")).unwrap().runs, same);
    let cny = parse(&format!(
        "https://lambda-power-tuning.show/?currency=CNY#{ok}"
    ))
    .unwrap();
    assert_eq!(cny.runs[0].currency, Currency::Cny);
    assert!(cny.notices[0].contains("CNY"));
}

#[test]
fn size_limits() {
    let huge = "A".repeat(100 * 1024 * 1024);
    assert!(parse(&huge).unwrap_err().message.contains("too large"));
    // 257 memory sizes.
    let mem: Vec<u8> = (0..257u16).flat_map(|i| (128 + i).to_le_bytes()).collect();
    let f: Vec<u8> = (0..257).flat_map(|_| 1f32.to_le_bytes()).collect();
    let h = format!(
        "{};{};{}",
        hash::base64_encode(&mem),
        hash::base64_encode(&f),
        hash::base64_encode(&f)
    );
    assert!(
        parse(&h).unwrap_err().message.contains("at most 256"),
        "{}",
        parse(&h).unwrap_err()
    );
    let stats: Vec<Value> = (0..257)
        .map(|i| serde_json::json!({"value": 128 + i, "averagePrice": 1, "averageDuration": 1}))
        .collect();
    let j = serde_json::json!({ "stats": stats }).to_string();
    assert!(parse(&j).unwrap_err().message.contains("at most 256"));
}

#[test]
fn comparison_form_with_names() {
    let a = "gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=";
    let b = "gAAAAQACAAQABsAL;ZooQR4yvkUa/pQRGRC5zRaADHUVjOftE;QdWhOEMkoziDT5Q4xhiIOMYYiDi6RNc4";
    let i = parse(&format!(
        "https://lambda-power-tuning.show/#{a};{b};x86%20run;Graviton%202"
    ))
    .unwrap();
    assert_eq!(i.runs.len(), 2);
    assert_eq!(i.runs[0].label, "x86 run");
    assert_eq!(i.runs[0].arch, Some(Arch::X86_64));
    assert_eq!(i.runs[1].label, "Graviton 2");
    assert_eq!(i.runs[1].arch, Some(Arch::Arm64));
}

/// (link, normalized link, total in cents, runs, weight): links with Power Tuning runs.
/// Add rows; never edit one.
const GOLDEN_PT: &[(&str, &str, i64, usize, f64)] = &[
    (
        "#v=1&memory=512&duration=4&requests=5000000&pt=gAAAAQACAAQACA%3D%3D%3Bmpn1QXd3X0EAAIBARESkQAAAoEA%3D%3BGs2LM0mLfDOXTxAzY3fYM31jNDQ%3D",
        "v=1&region=us-east-1&arch=x86_64&memory=512&duration=4&requests=5000000&pt=gAAAAQACAAQACA%3D%3D%3Bmpn1QXd3X0EAAIBARESkQAAAoEA%3D%3BGs2LM0mLfDOXTxAzY3fYM31jNDQ%3D",
        117,
        1,
        0.5,
    ),
    // Unescaped `;`, `/` and `=` inside the value read the same; two named runs; weight.
    (
        "#v=1&w=0.3&pt=gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=;gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=;x86_64;arm64",
        "v=1&region=us-east-1&arch=x86_64&memory=128&duration=100&requests=1000000&pt=gAAAAQACAAQACA%3D%3D%3Bmpn1QXd3X0EAAIBARESkQAAAoEA%3D%3BGs2LM0mLfDOXTxAzY3fYM31jNDQ%3D%3BgAAAAQACAAQACA%3D%3D%3Bmpn1QXd3X0EAAIBARESkQAAAoEA%3D%3BGs2LM0mLfDOXTxAzY3fYM31jNDQ%3D%3Bx86_64%3Barm64&w=0.3",
        41,
        2,
        0.3,
    ),
    // One named run (4 parts), its architecture and CNY.
    (
        "#v=1&pt=AQACAAMA%3BAAAAQAAAAEAAAIA%2F%3BAABAQAAAAEAAAABA%3Bmy%2520fn&pta=arm64&ptc=CNY",
        "v=1&region=us-east-1&arch=x86_64&memory=128&duration=100&requests=1000000&pt=AQACAAMA%3BAAAAQAAAAEAAAIA%2F%3BAABAQAAAAEAAAABA%3Bmy%2520fn&pta=arm64&ptc=CNY",
        41,
        1,
        0.5,
    ),
];

#[test]
fn golden_links_with_runs() {
    for (input, normalized, cents, runs, weight) in GOLDEN_PT {
        let s = link::decode(input)
            .unwrap_or_else(|e| panic!("{input}: {e}"))
            .scenario;
        assert_eq!(&link::encode(&s), normalized, "{input}");
        assert_eq!(s.bill(RateCard::embedded()).unwrap().total_cents(), *cents);
        assert_eq!(s.tuning.len(), *runs);
        assert_eq!(s.tuning_weight, *weight);
        assert_eq!(link::decode(normalized).unwrap().scenario, s);
    }
    let s = link::decode(GOLDEN_PT[2].0).unwrap().scenario;
    assert_eq!(s.tuning[0].label, "my fn");
    assert_eq!(s.tuning[0].arch, Some(Arch::Arm64));
    assert_eq!(s.tuning[0].currency, Currency::Cny);
}

#[test]
fn link_errors_name_the_key() {
    for (l, needle) in [
        (
            "#pt=AQAC",
            "pt: no semicolons; a Power Tuning hash has 3 parts",
        ),
        (
            "#pt=AQACAAMA%3BAAAAQAAAAEAAAIA%2F%3BAABAQAAAAEAAAABA&pta=arm64,x86_64",
            "pt: pta: 2 entries for 1 run",
        ),
        (
            "#pt=AQACAAMA%3BAAAAQAAAAEAAAIA%2F%3BAABAQAAAAEAAAABA&pta=sparc",
            "unknown architecture",
        ),
        (
            "#pt=AQACAAMA%3BAAAAQAAAAEAAAIA%2F%3BAABAQAAAAEAAAABA&ptc=EUR",
            "ptc: unknown currency",
        ),
        ("#w=2", "w: must be between 0 and 1"),
        ("#w=NaN", "w: "),
    ] {
        let e = link::decode(l).unwrap_err();
        assert!(e.to_string().contains(needle), "{l}: {e}");
    }
}

fn run_strategy() -> impl Strategy<Value = TuningRun> {
    (
        "[a-zA-Z0-9 ;&%#=_-]{1,20}",
        proptest::collection::btree_map(1u32..=10_240, (0.001f64..900_000.0, 0f64..1.0), 1..20),
        any::<bool>(),
        proptest::option::of(prop_oneof![Just(Arch::X86_64), Just(Arch::Arm64)]),
    )
        .prop_filter("label must not be blank", |(l, ..)| !l.trim().is_empty())
        .prop_map(|(label, points, cny, arch)| {
            let points = points
                .into_iter()
                .map(
                    |(memory_mb, (duration_ms, cost_per_invocation))| TuningPoint {
                        memory_mb,
                        duration_ms,
                        cost_per_invocation,
                    },
                )
                .collect();
            let currency = if cny { Currency::Cny } else { Currency::Usd };
            let mut run = TuningRun::new(label, points, currency, |i| i.to_string()).unwrap();
            run.arch = arch;
            run
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parse_never_panics_on_text(text in "\\PC{0,400}") {
        let _ = parse(&text);
        let _ = link::decode(&format!("#pt={text}"));
    }

    #[test]
    fn parse_never_panics_on_hash_like_text(text in "[A-Za-z0-9+/=_;-]{0,200}") {
        let _ = parse(&text);
        let _ = hash::decode(&text, hash::Form::Extended);
    }

    #[test]
    fn parse_never_panics_on_json_like_text(text in "[\\[\\]{}\":,0-9a-zA-Z. -]{0,200}") {
        let _ = parse(&text);
    }

    #[test]
    fn base64_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let enc = hash::base64_encode(&bytes);
        prop_assert_eq!(hash::base64_decode(&enc).unwrap(), bytes.clone());
        let relaxed = enc.trim_end_matches('=').replace('+', "-").replace('/', "_");
        prop_assert_eq!(hash::base64_decode(&relaxed).unwrap(), bytes);
    }

    #[test]
    fn raw_hashes_round_trip_at_f32(
        memory in proptest::collection::vec(any::<i16>(), 1..50),
        seed in any::<u32>(),
    ) {
        let n = memory.len();
        let durations: Vec<f64> = (0..n).map(|i| f64::from((seed as f32 + i as f32) * 0.37)).collect();
        let costs: Vec<f64> = (0..n).map(|i| f64::from(f32::from_bits(seed.wrapping_add(i as u32)))).collect();
        let raw = hash::RawRun { memory, durations, costs };
        let enc = hash::encode(std::slice::from_ref(&raw), &[]);
        // Float32 values are written as Float32: Power Tuning's own form.
        let d = hash::decode(&enc, hash::Form::PowerTuning).unwrap();
        // Bit for bit; a NaN stays a NaN (widening quiets a signaling one).
        prop_assert_eq!(&d.runs[0].memory, &raw.memory);
        let bits = |v: &[f64]| v.iter().map(|x| (!x.is_nan()).then(|| x.to_bits())).collect::<Vec<_>>();
        prop_assert_eq!(bits(&d.runs[0].durations), bits(&raw.durations));
        prop_assert_eq!(bits(&d.runs[0].costs), bits(&raw.costs));
    }

    #[test]
    fn json_precision_round_trips_in_the_extended_form(
        values in proptest::collection::vec((1i16..=10_240, 1e-3f64..1e5, 1e-12f64..1e-3), 1..20),
    ) {
        let raw = hash::RawRun {
            memory: values.iter().map(|v| v.0).collect(),
            durations: values.iter().map(|v| v.1).collect(),
            costs: values.iter().map(|v| v.2).collect(),
        };
        let enc = hash::encode(std::slice::from_ref(&raw), &["run".to_string()]);
        let d = hash::decode(&enc, hash::Form::Extended).unwrap();
        prop_assert_eq!(&d.runs[0], &raw);
    }

    #[test]
    fn runs_round_trip_through_links(
        runs in proptest::collection::vec(run_strategy(), 0..4),
        w in prop_oneof![Just(0.5), 0f64..=1.0],
    ) {
        let s = Scenario { tuning: runs, tuning_weight: w, ..Scenario::default() };
        let back = link::decode(&link::to_fragment(&s)).unwrap().scenario;
        prop_assert_eq!(back, s);
    }

    #[test]
    fn analysis_never_panics(run in run_strategy(), memory in 128u32..=10_240, w in -1f64..2.0) {
        let s = Scenario { memory_mb: memory, ..Scenario::default() };
        let a = analyze_run(&s, &run, RateCard::embedded(), w);
        prop_assert_eq!(a.points.len(), run.points.len());
        prop_assert!(a.picks.cost.is_some() && a.picks.balanced.is_some());
        let _ = compare_runs(&a, &a);
    }
}

/// Power Tuning's output JSON for analyzer stats `(value, averagePrice, averageDuration)`
/// in the order given, reporting `power` as optimal (what its analyzer returned).
fn output_json(power: &str, stats: &[(&str, f64, f64)]) -> String {
    let stats: Vec<Value> = stats
        .iter()
        .map(|(value, price, duration)| {
            serde_json::json!({"value": value, "averagePrice": price, "averageDuration": duration})
        })
        .collect();
    let best = stats
        .iter()
        .find(|s| s["value"] == power)
        .expect("the optimal is one of the stats");
    serde_json::json!({
        "power": power,
        "cost": best["averagePrice"],
        "duration": best["averageDuration"],
        "stats": stats,
    })
    .to_string()
}

/// The picks of the first run of a paste, as memory sizes, at `weight`; the same after
/// the run travels through a scenario link.
fn picks_of(paste: &str, weight: f64) -> [u32; 3] {
    let run = parse(paste).unwrap().runs.remove(0);
    let memory = |run: &TuningRun, i: Option<usize>| run.points[i.unwrap()].memory_mb;
    let of = |run: &TuningRun| {
        let p = tuning::Picks::of_run(run, weight);
        [
            memory(run, p.cost),
            memory(run, p.speed),
            memory(run, p.balanced),
        ]
    };
    let s = Scenario {
        tuning: vec![run.clone()],
        ..Scenario::default()
    };
    let back = link::decode(&link::to_fragment(&s)).unwrap().scenario;
    assert_eq!(back.tuning[0], run, "the link keeps the run as read");
    assert_eq!(of(&back.tuning[0]), of(&run));
    of(&run)
}

/// `test/unit/test-lambda.js`, "analyzer": every event whose stats are memory sizes,
/// replayed through our paste box as the output JSON it produces (with
/// `includeOutputResults`), with the power that test expects; plus the ties and
/// precision its sort implies.
#[test]
fn analyzer_unit_tests_replayed_through_output_json() {
    // (strategy's expected power, weight, stats as listed)
    type Case<'a> = (&'a str, &'a str, f64, &'a [(&'a str, f64, f64)]);
    let cheapest: &[(&str, f64, f64)] = &[
        ("128", 100.0, 100.0),
        ("256", 200.0, 300.0),
        ("512", 30.0, 200.0),
    ];
    let fastest: &[(&str, f64, f64)] = &[
        ("128", 100.0, 300.0),
        ("256", 200.0, 200.0),
        ("512", 300.0, 100.0),
    ];
    let cases: [Case; 9] = [
        // "should return the cheapest power configuration if no strategy / cost strategy"
        ("cost", "512", 0.5, cheapest),
        // "... if cost strategy and same cost"
        (
            "cost",
            "256",
            0.5,
            &[
                ("128", 100.0, 100.0),
                ("256", 100.0, 90.0),
                ("512", 300.0, 200.0),
            ],
        ),
        // "... fastest ... if speed strategy"
        ("speed", "512", 0.5, fastest),
        // "... fastest and cheapest ... if speed strategy and same duration"
        (
            "speed",
            "256",
            0.5,
            &[
                ("128", 100.0, 200.0),
                ("256", 90.0, 200.0),
                ("512", 300.0, 400.0),
            ],
        ),
        // "balanced strategy with weight = 1" and "weight = 0"
        ("balanced", "512", 1.0, cheapest),
        ("balanced", "512", 0.0, fastest),
        // "balanced strategy with default weight"
        (
            "balanced",
            "256",
            0.5,
            &[
                ("128", 101.0, 300.0),
                ("256", 200.0, 200.0),
                ("512", 300.0, 101.0),
            ],
        ),
        // "balanced strategy with custom weight" (0.3)
        (
            "balanced",
            "512",
            0.3,
            &[
                ("128", 100.0, 300.0),
                ("256", 200.0, 200.0),
                ("512", 300.0, 100.0),
                ("1024", 1000.0, 50.0),
            ],
        ),
        // A complete tie goes to the first listed, not the smallest: the analyzer's sort
        // is stable over the stats' order.
        (
            "cost",
            "1024",
            0.5,
            &[
                ("1024", 100.0, 50.0),
                ("128", 100.0, 50.0),
                ("512", 300.0, 20.0),
            ],
        ),
    ];
    for (strategy, want, weight, stats) in cases {
        let paste = output_json(want, stats);
        let i = parse(&paste).unwrap();
        assert_eq!(i.optimal.unwrap().memory_mb.to_string(), want);
        let [cost, speed, balanced] = picks_of(&paste, weight);
        let got = match strategy {
            "cost" => cost,
            "speed" => speed,
            _ => balanced,
        };
        assert_eq!(got.to_string(), want, "{strategy} w={weight} {stats:?}");
    }

    // Full ties in every strategy: the first listed wins each.
    let tie = output_json("512", &[("512", 2e-7, 5.0), ("128", 2e-7, 5.0)]);
    assert_eq!(picks_of(&tie, 0.5), [512, 512, 512]);
    assert_eq!(picks_of(&tie, 0.3), [512, 512, 512]);

    // JSON numbers are compared at their own precision: these costs and durations are
    // one Float32 apart from nothing (equal once rounded to Float32), yet the analyzer
    // sees the second as cheaper and faster.
    let (c, d) = (2.083_333_3e-8_f64, 123.456_789_f64);
    let (c2, d2) = (c * (1.0 - 1e-9), d * (1.0 - 1e-12));
    assert_eq!(c as f32, c2 as f32);
    assert_eq!(d as f32, d2 as f32);
    let near = output_json("1024", &[("128", c, d), ("1024", c2, d2)]);
    assert_eq!(picks_of(&near, 0.5), [1024, 1024, 1024]);

    // All costs 0: the balanced value is 0/0 for every point, the sort sees only
    // ties, and the first listed stays first (cost and speed still decide).
    let free = output_json("256", &[("512", 0.0, 5.0), ("256", 0.0, 3.0)]);
    assert_eq!(picks_of(&free, 0.5), [256, 256, 512]);
}

/// A visualization link's arrays are Float32: picks compare what it carries.
#[test]
fn link_runs_compare_their_float32_values() {
    let raw = hash::RawRun {
        memory: vec![128, 256],
        durations: vec![f64::from(10.0f32), f64::from(10.0f32)],
        costs: vec![f64::from(2.1e-8f32), f64::from(2.1e-8f32)],
    };
    let h = hash::encode(&[raw], &[]);
    // Written exactly as Power Tuning writes it (Float32 parts of 8 bytes per 2 values).
    assert_eq!(h.split(';').nth(1).unwrap().len(), 12);
    assert_eq!(picks_of(&h, 0.5), [128, 128, 128]);
}
