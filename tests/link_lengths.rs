//! Scenario links stay short enough to paste into a chat or a ticket: a workload well
//! under 200 characters, two Power Tuning runs of 10 sizes each under 600 as a
//! visualization link gives them (Float32), under 700 as output JSON gives them (its
//! numbers travel at their own precision, Float64, so the picks stay Power Tuning's).

use lambda_cost::scenario::{link, Pin};
use lambda_cost::tuning::{Currency, TuningPoint, TuningRun};
use lambda_cost::{Arch, Scenario};

/// A run measured at Power Tuning's usual 10 sizes, with durations and costs that have
/// full Float32 mantissas (as real measurements in a visualization link do).
fn run(label: &str, speed: f64) -> TuningRun {
    let mut r = json_run(label, speed);
    for p in &mut r.points {
        p.duration_ms = f64::from(p.duration_ms as f32);
        p.cost_per_invocation = f64::from(p.cost_per_invocation as f32);
    }
    r
}

/// The same run as Power Tuning's output JSON gives it: full f64 numbers.
fn json_run(label: &str, speed: f64) -> TuningRun {
    let sizes = [128, 256, 512, 768, 1024, 1536, 2048, 3008, 4096, 10240];
    let points = sizes
        .iter()
        .map(|&mb| {
            let duration_ms = speed * (40.0 + 51_234.567 / mb as f64);
            TuningPoint {
                memory_mb: mb,
                duration_ms,
                cost_per_invocation: duration_ms * mb as f64 / 1024.0 * 0.000_016_666_7 / 1000.0
                    + 2e-7,
            }
        })
        .collect();
    TuningRun::new(label, points, Currency::Usd, |i| format!("point {i}")).unwrap()
}

fn workload() -> Scenario {
    Scenario {
        region: "eu-west-1".into(),
        arch: Arch::Arm64,
        memory_mb: 1536,
        duration_ms: 123.4,
        requests: 25_000_000.0,
        free_tier: true,
        ..Scenario::default()
    }
}

#[test]
fn links_are_short() {
    let w = link::to_fragment(&workload());
    println!("workload: {} {w}", w.len());
    assert!(w.len() < 120, "{} characters: {w}", w.len());

    let mut s = workload();
    s.tuning = vec![run("x86_64", 1.0), run("arm64", 1.13)];
    let t = link::to_fragment(&s);
    println!("two runs: {} {t}", t.len());
    assert!(t.len() < 600, "{} characters: {t}", t.len());
    assert_eq!(link::decode(&t).unwrap().scenario, s);

    s.tuning = vec![json_run("x86_64", 1.0), json_run("arm64", 1.13)];
    let t = link::to_fragment(&s);
    println!("two runs from output JSON: {} {t}", t.len());
    assert!(t.len() < 700, "{} characters: {t}", t.len());
    assert_eq!(link::decode(&t).unwrap().scenario, s);
}

#[test]
fn pins_stay_short() {
    let mut s = workload();
    s.tuning = vec![run("x86_64", 1.0), run("arm64", 1.13)];
    for (memory, arch) in [
        (512, Arch::X86_64),
        (1024, Arch::Arm64),
        (1769, Arch::Arm64),
        (3008, Arch::X86_64),
    ] {
        let at = Scenario {
            memory_mb: memory,
            arch,
            ..workload()
        };
        s.pins.push(Pin::new("", &at));
    }
    let one = link::encode_pin(&s.pins[0]);
    println!("one pin: {} {one}", one.len());
    let all = link::to_fragment(&s);
    let without = link::to_fragment(&Scenario {
        pins: Vec::new(),
        ..s.clone()
    });
    let per_pin = (all.len() - without.len()) / 4;
    println!("four pins and two runs: {} ({per_pin} per pin)", all.len());
    // Each pin is its label and the settings that differ from the defaults.
    assert!(per_pin < 110, "{per_pin} characters per pin: {all}");
    assert_eq!(link::decode(&all).unwrap().scenario, s);
}
