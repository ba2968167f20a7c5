//! Times the pricing core natively: one bill, and a sweep over all 10,113 memory sizes for
//! both architectures. Run by `make bench` (`cargo run --release --example engine_bench`).

use lambda_cost::model::{sweep, DurationModel};
use lambda_cost::pricing::bill;
use lambda_cost::scenario::link;
use lambda_cost::{Arch, RateCard};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Median time of one call of `f`, batching calls so each sample lasts about 1 ms or more.
fn median_time(mut f: impl FnMut()) -> Duration {
    let mut batch = 1u32;
    loop {
        let t = Instant::now();
        for _ in 0..batch {
            f();
        }
        if t.elapsed() >= Duration::from_millis(1) || batch >= 1 << 20 {
            break;
        }
        batch *= 2;
    }
    let mut samples: Vec<Duration> = (0..51)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                f();
            }
            t.elapsed() / batch
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let card = RateCard::embedded();
    // A full scenario: free tier, cold starts, storage and provisioned concurrency.
    let full = "#v=1&region=us-east-1&arch=x86_64&memory=1536&duration=120&requests=3000000\
                &free=1&cold=1&init=300&storage=1024&pc=100&pc_hours=8&pc_requests=500000&pc_duration=100";
    let s = link::decode(&std::env::var("LINK").unwrap_or(full.to_string()))
        .expect("benchmark link")
        .scenario;
    let w = s.workload();
    let t = s.terms();
    let x86 = card.rates("us-east-1", Arch::X86_64).expect("us-east-1");
    let arm = card.rates("us-east-1", Arch::Arm64).expect("us-east-1");
    let model = DurationModel {
        measured_mb: 1536,
        measured_ms: 120.0,
        cpu_bound: 0.6,
        multi_threaded: false,
    };

    let one = median_time(|| {
        black_box(bill(black_box(&w), &x86, &t).total_cents());
    });
    let decode = median_time(|| {
        black_box(
            link::decode(black_box(
                "#v=1&memory=1536&duration=120&requests=3000000&free=1",
            ))
            .ok(),
        );
    });
    let both = median_time(|| {
        let a = sweep(&w, &x86, &t, &model, 128..=10240);
        let b = sweep(
            &Workload {
                arch: Arch::Arm64,
                ..w
            },
            &arm,
            &t,
            &model,
            128..=10240,
        );
        black_box((a.len(), b.len()));
    });
    // The comparison of ways to run it, as the page computes it on every change.
    let compare = median_time(|| {
        black_box(
            s.compare(card, &lambda_cost::compute::ScanRange::default())
                .is_ok(),
        );
    });
    println!("| measurement | median |");
    println!("|---|---:|");
    println!(
        "| price one workload (all lines) | {:.2} µs |",
        one.as_secs_f64() * 1e6
    );
    println!(
        "| decode a scenario link | {:.2} µs |",
        decode.as_secs_f64() * 1e6
    );
    println!(
        "| sweep 10,113 memory sizes x 2 architectures | {:.3} ms |",
        both.as_secs_f64() * 1e3
    );
    println!(
        "| compare on-demand, PC, LMI and Fargate across request rates | {:.3} ms |",
        compare.as_secs_f64() * 1e3
    );
}

use lambda_cost::Workload;
