//! The exports module's answer (`export::file::answer` in its Wasm module, `read_answer` in
//! the calculator page's): the module makes the file from the scenario's link, so what the
//! page saves must be, byte for byte, what making the file in place from the page's
//! scenario gives, for every file and any scenario.

use lambda_cost::export::file::{answer, make, read_answer, request, File, Made};
use lambda_cost::rates::Arch;
use lambda_cost::scenario::link;
use lambda_cost::tuning::{Currency, TuningPoint, TuningRun};
use lambda_cost::Scenario;
use proptest::prelude::*;

mod common;
use common::region;

const PAGE: &str = "https://example.org/lambda-cost/";

fn through_the_module(file: File, s: &Scenario) -> Result<Made, String> {
    read_answer(&answer(&request(file, PAGE, s)))
}

fn scenario(fragment: &str) -> Scenario {
    link::decode(fragment)
        .unwrap_or_else(|e| panic!("{fragment}: {e}"))
        .scenario
}

/// Scenarios that reach every file and every branch of them: Lambda's bill with each
/// kind of line, the Managed Instances bill, runs in USD and CNY with labels that need
/// escaping, pins, a region other than the default.
const LINKS: [&str; 8] = [
    "#memory=1024&duration=2000&requests=7440000",
    "#memory=1024&duration=2000&requests=7440000&cold=1&init=400&pc=10&pc_hours=730&pc_requests=2000000&discount=10&cpu=60&arm_factor=1.1",
    "#region=eu-west-1&arch=arm64&memory=3008&duration=120.5&requests=123456789&free=1&storage=2048",
    "#compute=lmi&requests=500000000&duration=80",
    "#memory=512&pt=gAAAAQACAAQACA%3D%3D%3Bmpn1QXd3X0EAAIBARESkQAAAoEA%3D%3BGs2LM0mLfDOXTxAzY3fYM31jNDQ%3D",
    "#memory=512&pt=gAAAAQACAAQACA%3D%3D%3Bmpn1QXd3X0EAAIBARESkQAAAoEA%3D%3BGs2LM0mLfDOXTxAzY3fYM31jNDQ%3D%3B%3Dcmd%7C'%2FC%20calc'!A0%20%3Cimg%20src%3Dx%3E&ptc=CNY&pta=arm64",
    "#memory=1024&pin=label%3DToday%26memory%3D512&pin=label%3DProposed%26memory%3D2048%26arch%3Darm64",
    "#region=nowhere",
];

#[test]
fn every_file_of_every_sample_arrives_as_made_in_place() {
    let mut made = 0;
    for fragment in LINKS {
        let s = scenario(fragment);
        for file in File::ALL {
            let direct = make(file, PAGE, &s);
            made += usize::from(direct.is_ok());
            assert_eq!(
                through_the_module(file, &s),
                direct,
                "{fragment} {}",
                file.key()
            );
        }
    }
    // The round trip would pass on refusals alone: most of these must be files.
    assert!(made >= 50, "{made} files made");
}

#[test]
fn the_samples_reach_each_kind_of_file() {
    let of = |fragment: &str, file: File| make(file, PAGE, &scenario(fragment)).unwrap();
    let lmi = of(LINKS[3], File::BillCsv);
    assert!(
        lmi.text.starts_with("region,instance_type,item,"),
        "{}",
        lmi.text
    );
    let runs = of(LINKS[5], File::TuningPricedCsv);
    assert!(
        runs.text.contains("'=cmd"),
        "a label defused: {}",
        runs.text
    );
    assert!(runs.text.contains(",CNY,"), "{}", runs.text);
    let md = of(LINKS[0], File::BillMarkdown);
    assert!(
        md.text.contains(PAGE),
        "the Markdown links back to the page: {}",
        md.text
    );
    let by_memory = of(LINKS[0], File::MemoryMarkdown);
    assert_eq!(by_memory.text.lines().count(), 2 + 12);
    assert!(make(File::BillCsv, PAGE, &scenario(LINKS[7])).is_err());
}

#[test]
fn a_garbled_request_or_answer_says_so() {
    for request in [
        "",
        "bill-csv",
        "bill-csv\nx",
        "nothing\nx\nv=1",
        "bill-csv\nx\nv=9x",
    ] {
        let why = read_answer(&answer(request)).unwrap_err();
        assert!(!why.is_empty(), "{request:?}");
    }
    for garbled in ["", "ok", "ok name-without-text", "what"] {
        assert!(read_answer(garbled).is_err(), "{garbled:?}");
    }
}

/// A Power Tuning run as the page holds it: any label, sizes, durations and costs at full
/// precision (a run from output JSON) or at Float32 (from a visualization link).
fn run() -> impl Strategy<Value = TuningRun> {
    (
        "[a-zA-Z0-9 ;&%#=<>|*_+@-]{1,20}",
        proptest::collection::btree_map(
            128u32..=10_240,
            (0.001f64..900_000.0, 1e-9f64..1e-2),
            1..12,
        ),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(prop_oneof![Just(Arch::X86_64), Just(Arch::Arm64)]),
    )
        .prop_filter("a label is not blank", |(l, ..)| !l.trim().is_empty())
        .prop_map(|(label, points, float32, cny, arch)| {
            let at = |v: f64| if float32 { f64::from(v as f32) } else { v };
            let points = points
                .into_iter()
                .map(|(memory_mb, (d, c))| TuningPoint {
                    memory_mb,
                    duration_ms: at(d),
                    cost_per_invocation: at(c),
                })
                .collect();
            let currency = if cny { Currency::Cny } else { Currency::Usd };
            let mut run = TuningRun::new(label, points, currency, |i| i.to_string()).unwrap();
            run.arch = arch;
            run
        })
}

/// A scenario as the page holds one after edits: the workload's numbers at full
/// precision, a region of the rate card, some runs.
fn any_scenario() -> impl Strategy<Value = Scenario> {
    (
        (
            region(),
            any::<bool>(),
            128u32..=10_240,
            0.01f64..900_000.0,
            0f64..1e11,
        ),
        (
            0f64..100.0,
            0f64..10_000.0,
            0u32..50,
            0f64..100.0,
            0f64..100.0,
        ),
        (
            0.5f64..3.0,
            proptest::collection::vec(run(), 0..3),
            0f64..=1.0,
        ),
    )
        .prop_map(
            |(
                (region, arm, memory_mb, duration_ms, requests),
                (cold, init, pc, discount, cpu),
                (arm_factor, tuning, w),
            )| {
                Scenario {
                    region,
                    arch: if arm { Arch::Arm64 } else { Arch::X86_64 },
                    memory_mb,
                    duration_ms,
                    requests,
                    cold_start_pct: cold,
                    init_ms: init,
                    pc_instances: pc,
                    pc_hours: if pc > 0 { 730.0 } else { 0.0 },
                    discount_pct: discount,
                    cpu_bound_pct: cpu,
                    arm64_factor: arm_factor,
                    tuning,
                    tuning_weight: w,
                    ..Scenario::default()
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any scenario: every file the module makes is the file made in place.
    #[test]
    fn any_scenario_exports_as_made_in_place(s in any_scenario()) {
        prop_assert!(make(File::BillCsv, PAGE, &s).is_ok(), "{:?}", make(File::BillCsv, PAGE, &s));
        prop_assert!(make(File::ComparisonCsv, PAGE, &s).is_ok(), "{:?}", make(File::ComparisonCsv, PAGE, &s));
        for file in File::ALL {
            prop_assert_eq!(through_the_module(file, &s), make(file, PAGE, &s), "{}", file.key());
        }
    }

    /// Any request text: an answer that reads, never a panic.
    #[test]
    fn any_request_is_answered(request in "\\PC{0,200}") {
        let _ = read_answer(&answer(&request));
    }
}
