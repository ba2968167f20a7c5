use super::*;
use crate::rates::{Arch, RateCard};

fn us_east_1(arch: Arch) -> Rates {
    RateCard::embedded().rates("us-east-1", arch).unwrap()
}

fn workload(memory_mb: u32, duration_ms: f64, requests: f64) -> Workload {
    Workload {
        memory_mb,
        duration_ms,
        requests,
        ..Workload::default()
    }
}

#[test]
fn duration_is_billed_in_whole_milliseconds() {
    let r = us_east_1(Arch::X86_64);
    let a = bill(&workload(1024, 100.2, 1000.0), &r, &Terms::default());
    let b = bill(&workload(1024, 101.0, 1000.0), &r, &Terms::default());
    assert_eq!(
        a.line(LineItem::Duration { tier: 1 }).unwrap().quantity,
        101.0
    );
    assert_eq!(a.exact_usd(), b.exact_usd());
}

#[test]
fn tiers_split_at_the_arch_thresholds() {
    // 1024 MB x 1 s x 7e9 requests = 7e9 GB-s: 6e9 in tier 1, 1e9 in tier 2 on x86_64,
    // all in tier 1 on arm64 (7.5e9 threshold).
    let w = workload(1024, 1000.0, 7e9);
    let x = bill(&w, &us_east_1(Arch::X86_64), &Terms::default());
    assert_eq!(
        x.line(LineItem::Duration { tier: 1 }).unwrap().quantity,
        6e9
    );
    assert_eq!(
        x.line(LineItem::Duration { tier: 2 }).unwrap().quantity,
        1e9
    );
    assert!(x.line(LineItem::Duration { tier: 3 }).is_none());
    let a = bill(
        &Workload {
            arch: Arch::Arm64,
            ..w
        },
        &us_east_1(Arch::Arm64),
        &Terms::default(),
    );
    assert_eq!(
        a.line(LineItem::Duration { tier: 1 }).unwrap().quantity,
        7e9
    );
    assert!(a.line(LineItem::Duration { tier: 2 }).is_none());

    let w = workload(1024, 1000.0, 2e10);
    let x = bill(&w, &us_east_1(Arch::X86_64), &Terms::default());
    assert_eq!(
        x.line(LineItem::Duration { tier: 3 }).unwrap().quantity,
        5e9
    );
}

#[test]
fn free_tier_covers_the_first_usage_and_is_reported() {
    let b = bill(
        &workload(1024, 1000.0, 300_000.0),
        &us_east_1(Arch::X86_64),
        &Terms {
            free_tier: true,
            discount_pct: 0.0,
        },
    );
    let d = b.line(LineItem::Duration { tier: 1 }).unwrap();
    assert_eq!((d.quantity, d.free), (0.0, 300_000.0));
    let r = b.line(LineItem::Requests).unwrap();
    assert_eq!((r.quantity, r.free), (0.0, 300_000.0));
    assert_eq!(b.total_cents(), 0);
}

#[test]
fn init_duration_is_billed_for_cold_starts_only_and_shares_the_free_tier() {
    let w = Workload {
        cold_start_pct: 1.0,
        init_ms: 499.5,
        ..workload(2048, 50.0, 1e6)
    };
    let b = bill(&w, &us_east_1(Arch::X86_64), &Terms::default());
    assert_eq!(b.cold_starts, 10_000.0);
    let init = b.line(LineItem::InitDuration { tier: 1 }).unwrap();
    assert_eq!(init.quantity, 10_000.0 * 0.5 * 2.0);
    let free = bill(
        &w,
        &us_east_1(Arch::X86_64),
        &Terms {
            free_tier: true,
            discount_pct: 0.0,
        },
    );
    // 100,000 GB-s of invocations + 10,000 of INIT fit in the 400,000 free GB-s.
    assert_eq!(
        free.line(LineItem::InitDuration { tier: 1 })
            .unwrap()
            .quantity,
        0.0
    );
}

#[test]
fn storage_above_512_mb_is_charged_on_billed_seconds() {
    let w = Workload {
        storage_mb: 1536,
        ..workload(1024, 1000.0, 1e6)
    };
    let b = bill(&w, &us_east_1(Arch::X86_64), &Terms::default());
    let s = b.line(LineItem::EphemeralStorage).unwrap();
    assert_eq!(s.quantity, 1e6);
    assert!((s.exact_usd - 0.0309).abs() < 1e-12);
    let none = bill(
        &workload(1024, 1000.0, 1e6),
        &us_east_1(Arch::X86_64),
        &Terms::default(),
    );
    assert!(none.line(LineItem::EphemeralStorage).is_none());
}

#[test]
fn provisioned_time_rounds_up_to_five_minutes_and_spills_over() {
    let mut w = workload(1024, 100.0, 10e6);
    w.provisioned = Provisioned {
        instances: 1,
        hours: 1.0 + 1.0 / 3600.0,
        requests: 5e6,
        duration_ms: 1000.0,
    };
    let b = bill(&w, &us_east_1(Arch::X86_64), &Terms::default());
    let pc = b.line(LineItem::Provisioned).unwrap();
    assert_eq!(pc.quantity, 3900.0);
    // One instance for 3,900 s serves 3,900 one-second requests; the rest spill over.
    assert_eq!(b.provisioned_requests, 3900.0);
    assert_eq!(b.spillover_requests, 5e6 - 3900.0);
    assert_eq!(b.on_demand_requests, 10e6 - 3900.0);
    let od = b.line(LineItem::Duration { tier: 1 }).unwrap();
    assert_eq!(od.quantity, 5e6 * 0.1 + (5e6 - 3900.0) * 1.0);
}

#[test]
fn discount_takes_off_duration_and_pc_not_requests_or_storage() {
    let mut w = Workload {
        storage_mb: 1024,
        ..workload(1024, 1000.0, 1e6)
    };
    w.provisioned = Provisioned {
        instances: 1,
        hours: 10.0,
        requests: 1000.0,
        duration_ms: 1000.0,
    };
    let r = us_east_1(Arch::X86_64);
    let full = bill(&w, &r, &Terms::default());
    let off = bill(
        &w,
        &r,
        &Terms {
            free_tier: false,
            discount_pct: 17.0,
        },
    );
    let d = off.line(LineItem::Discount).unwrap();
    let eligible = full.exact_usd()
        - full.line(LineItem::Requests).unwrap().exact_usd
        - full.line(LineItem::EphemeralStorage).unwrap().exact_usd;
    assert!((d.quantity - eligible).abs() < 1e-9);
    assert!((d.exact_usd + 0.17 * eligible).abs() < 1e-9);
}

#[test]
fn nonsense_never_panics() {
    let r = us_east_1(Arch::X86_64);
    for v in [f64::NAN, f64::INFINITY, -1.0, 0.0, 1e300] {
        let mut w = workload(128, v, v);
        w.init_ms = v;
        w.cold_start_pct = v;
        w.provisioned = Provisioned {
            instances: 3,
            hours: v,
            requests: v,
            duration_ms: v,
        };
        let _ = bill(
            &w,
            &r,
            &Terms {
                free_tier: true,
                discount_pct: v,
            },
        )
        .total_cents();
    }
}

#[test]
fn cold_invocations_round_init_plus_duration_up_once() {
    // Measured REPORT lines (reference: "INIT: one round-up per cold invocation").
    assert_eq!(billed_cold_ms(1307.68, 1058.15), 2366.0);
    assert_eq!(billed_cold_ms(1258.24, 1002.25), 2261.0);
    assert_eq!(billed_cold_ms(1293.83, 1049.63), 2344.0);
    // Two separate round-ups would have billed one more millisecond.
    assert_eq!(ceil_ms(1307.68) + ceil_ms(1058.15), 2367.0);
    assert_eq!(billed_cold_ms(f64::NAN, 10.2), 11.0);
    assert_eq!(billed_cold_ms(-5.0, f64::INFINITY), 0.0);
}

#[test]
fn a_bill_charges_the_one_round_up_for_every_cold_start() {
    // 1,000 cold starts of the first REPORT line at 1024 MB: invocations bill 1059 ms,
    // INIT adds 2366 - 1059 = 1307 ms each (not ceil(1307.68) = 1308).
    let w = Workload {
        cold_start_pct: 100.0,
        init_ms: 1307.68,
        ..workload(1024, 1058.15, 1000.0)
    };
    let b = bill(&w, &us_east_1(Arch::X86_64), &Terms::default());
    let d = b.line(LineItem::Duration { tier: 1 }).unwrap();
    assert_eq!(d.quantity, 1059.0);
    let init = b.line(LineItem::InitDuration { tier: 1 }).unwrap();
    assert!((init.quantity - 1307.0).abs() < 1e-9, "{}", init.quantity);
    assert!((d.quantity + init.quantity - 2366.0).abs() < 1e-9);
}

#[test]
fn nonsense_in_the_2026_options_never_panics_and_is_refused() {
    let r = us_east_1(Arch::X86_64);
    for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, 1e300] {
        for edge in [false, true] {
            let w = Workload {
                snapstart: SnapStart {
                    enabled: true,
                    versions: u32::MAX,
                    hours: v,
                },
                streaming: Streaming {
                    mb_per_response: v,
                    requests: Some(v),
                    free_allowance: None,
                },
                event_kb: v,
                edge,
                durable: Durable {
                    executions: v,
                    operations: v,
                    kb_written: v,
                    wait_days: v,
                    retain_days: v,
                },
                tenant_envs: v,
                ..workload(1024, 100.0, 1e6)
            };
            let terms = Terms {
                free_tier: true,
                discount_pct: 0.0,
            };
            let b = bill(&w, &r, &terms);
            // Refused by validation; priced anyway, they must not panic, go negative or give NaN.
            assert!(b.lines.iter().all(|l| l.exact_usd >= 0.0), "{v}");
            assert_eq!(total_cents(&w, &r, &terms), b.total_cents());
            let keys: Vec<&str> = w.validate_features().iter().map(|e| e.key).collect();
            for key in [
                "snap_versions",
                "stream_mb",
                "event_kb",
                "durable_ops",
                "tenant_envs",
            ] {
                assert!(keys.contains(&key), "{v}: {key} not refused in {keys:?}");
            }
        }
    }
}
