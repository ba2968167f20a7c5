//! Properties of the 2026 bill lines (SnapStart, streaming, event size, Lambda@Edge,
//! durable functions, tenant isolation) over generated workloads: never negative,
//! monotone in their own quantity, and absent when their feature is off, so every
//! workload without them bills exactly as before.

use lambda_cost::pricing::{
    bill, total_cents, Bill, Durable, Line, LineItem, Provisioned, SizedTotals, SnapStart,
    Streaming, Terms, Workload,
};
use lambda_cost::{Arch, RateCard};
use proptest::prelude::*;

mod common;
use common::region;

prop_compose! {
    /// A valid workload without provisioned concurrency (SnapStart refuses it), every
    /// 2026 feature drawn on or off.
    fn featured()(
        arm in any::<bool>(),
        memory_mb in 128u32..=10240,
        duration_ms in 0.1f64..900_000.0,
        requests in 0f64..1e10,
        cold_start_pct in 0f64..=100.0,
        init_ms in 0f64..=10_000.0,
        snap in any::<bool>(),
        snap_versions in 1u32..=20,
        snap_hours in 0f64..=744.0,
        stream_mb in prop_oneof![Just(0.0), 0f64..=200.0],
        stream_share in proptest::option::of(0f64..=1.0),
        stream_free in proptest::option::of(any::<bool>()),
        event_kb in prop_oneof![Just(0.0), 0f64..=1024.0],
        executions in prop_oneof![Just(0.0), 0f64..1e9],
        ops in 0f64..100.0,
        kb in 0f64..10_000.0,
        wait_days in 0f64..=366.0,
        retain_days in 1f64..=90.0,
        tenant_envs in prop_oneof![Just(0.0), 0f64..1e9],
    ) -> Workload {
        Workload {
            arch: if arm { Arch::Arm64 } else { Arch::X86_64 },
            memory_mb,
            duration_ms,
            requests,
            cold_start_pct,
            init_ms,
            snapstart: SnapStart { enabled: snap, versions: snap_versions, hours: snap_hours },
            streaming: Streaming {
                mb_per_response: stream_mb,
                requests: stream_share.map(|s| s * requests),
                free_allowance: stream_free,
            },
            event_kb,
            durable: Durable { executions, operations: ops, kb_written: kb, wait_days, retain_days },
            tenant_envs,
            ..Workload::default()
        }
    }
}

prop_compose! {
    fn terms()(free_tier in any::<bool>(), discount_pct in prop_oneof![Just(0.0), 0f64..=100.0]) -> Terms {
        Terms { free_tier, discount_pct }
    }
}

/// The same workload with every 2026 feature at its default (off).
fn without_features(w: &Workload) -> Workload {
    let d = Workload::default();
    Workload {
        snapstart: d.snapstart,
        streaming: d.streaming,
        event_kb: d.event_kb,
        edge: d.edge,
        durable: d.durable,
        tenant_envs: d.tenant_envs,
        ..*w
    }
}

fn is_feature_line(item: LineItem) -> bool {
    matches!(
        item,
        LineItem::SnapStartCache
            | LineItem::SnapStartRestore
            | LineItem::Streaming
            | LineItem::EventSizeRequests
            | LineItem::DurableOperations
            | LineItem::DurableWritten
            | LineItem::DurableRetained
            | LineItem::TenantIsolation
    )
}

fn usd(b: &Bill, item: LineItem) -> f64 {
    b.line(item).map_or(0.0, |l: &Line| l.exact_usd)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_workloads_are_valid(w in featured()) {
        prop_assert!(w.validate().is_empty(), "{:?}", w.validate());
        prop_assert!(w.validate_features().is_empty(), "{:?}", w.validate_features());
    }

    #[test]
    fn no_line_is_ever_negative(region in region(), w in featured(), t in terms(), edge in any::<bool>()) {
        // Lambda@Edge alone: it prices only requests and duration, on x86_64.
        let w = if edge {
            Workload { edge: true, arch: Arch::X86_64, ..without_features(&w) }
        } else {
            w
        };
        let r = RateCard::embedded().rates(&region, w.arch).unwrap();
        let b = bill(&w, &r, &t);
        for l in &b.lines {
            prop_assert!(l.quantity >= 0.0 && l.free >= 0.0, "{l:?}");
            if l.item != LineItem::Discount {
                prop_assert!(l.exact_usd >= 0.0 && l.cents() >= 0, "{l:?}");
            }
        }
        prop_assert!(b.total_cents() >= 0);
        // The sweeps' fast path agrees with the itemized bill.
        prop_assert_eq!(total_cents(&w, &r, &t), b.total_cents());
    }

    #[test]
    fn features_off_bill_exactly_as_before(region in region(), w in featured(), t in terms()) {
        let r = RateCard::embedded().rates(&region, w.arch).unwrap();
        let old = without_features(&w);
        // Parameters without their switch change nothing.
        let switched_off = Workload {
            snapstart: SnapStart { enabled: false, ..w.snapstart },
            streaming: Streaming { mb_per_response: 0.0, ..w.streaming },
            event_kb: 0.0,
            durable: Durable { executions: 0.0, ..w.durable },
            tenant_envs: 0.0,
            ..w
        };
        prop_assert_eq!(bill(&switched_off, &r, &t), bill(&old, &r, &t));
        // Features other than SnapStart only add their own lines.
        let added = Workload { snapstart: old.snapstart, ..w };
        let with = bill(&added, &r, &t);
        let base = bill(&old, &r, &t);
        // (None of them is discountable, so the discount line stays the same too.)
        let kept: Vec<&Line> = with.lines.iter().filter(|l| !is_feature_line(l.item)).collect();
        let before: Vec<&Line> = base.lines.iter().collect();
        prop_assert_eq!(kept, before);
    }

    #[test]
    fn each_line_grows_with_its_own_quantity(
        region in region(), w in featured(), t in terms(),
        more in 0f64..1e6, factor in 1f64..4.0,
    ) {
        let r = RateCard::embedded().rates(&region, w.arch).unwrap();
        let base = bill(&w, &r, &t);
        let s = w.snapstart;
        let st = w.streaming;
        let d = w.durable;
        let grown: [(LineItem, Workload); 10] = [
            (LineItem::SnapStartCache, Workload { snapstart: SnapStart { versions: s.versions + 1, ..s }, ..w }),
            (LineItem::SnapStartCache, Workload { snapstart: SnapStart { hours: (s.hours * factor).min(744.0), ..s }, ..w }),
            (LineItem::SnapStartRestore, Workload { cold_start_pct: (w.cold_start_pct * factor).min(100.0), ..w }),
            (LineItem::Streaming, Workload { streaming: Streaming { mb_per_response: st.mb_per_response * factor, ..st }, ..w }),
            (LineItem::EventSizeRequests, Workload { event_kb: (w.event_kb * factor).min(1024.0), ..w }),
            (LineItem::DurableOperations, Workload { durable: Durable { operations: d.operations + more, ..d }, ..w }),
            (LineItem::DurableWritten, Workload { durable: Durable { kb_written: d.kb_written + more, ..d }, ..w }),
            (LineItem::DurableRetained, Workload { durable: Durable { wait_days: (d.wait_days + more).min(366.0), ..d }, ..w }),
            (LineItem::DurableRetained, Workload { durable: Durable { retain_days: (d.retain_days * factor).min(90.0), ..d }, ..w }),
            (LineItem::TenantIsolation, Workload { tenant_envs: w.tenant_envs + more, ..w }),
        ];
        for (item, g) in grown {
            let b = bill(&g, &r, &t);
            prop_assert!(usd(&b, item) >= usd(&base, item), "{item:?}: {g:?}");
            prop_assert!(b.total_cents() >= base.total_cents() - 1, "{item:?}: {g:?}");
        }
        // Streamed requests grow the streaming line up to all of the month's requests.
        let all = Workload { streaming: Streaming { requests: None, ..st }, ..w };
        prop_assert!(usd(&bill(&all, &r, &t), LineItem::Streaming) >= usd(&base, LineItem::Streaming));
    }

    #[test]
    fn edge_lines_grow_with_requests_and_duration(
        w in featured(), t in terms(), more_requests in 0f64..1e9, more_ms in 0f64..10_000.0,
    ) {
        let e = Workload { edge: true, arch: Arch::X86_64, ..without_features(&w) };
        let r = RateCard::embedded().rates("us-east-1", Arch::X86_64).unwrap();
        let base = bill(&e, &r, &t);
        let b = bill(&Workload { requests: e.requests + more_requests, ..e }, &r, &t);
        prop_assert!(usd(&b, LineItem::EdgeRequests) >= usd(&base, LineItem::EdgeRequests));
        let b = bill(&Workload { duration_ms: e.duration_ms + more_ms, ..e }, &r, &t);
        prop_assert!(usd(&b, LineItem::EdgeDuration) >= usd(&base, LineItem::EdgeDuration));
        prop_assert_eq!(base.notices.is_empty(), !t.free_tier);
        prop_assert!(base.line(LineItem::Requests).is_none());
    }
}

#[test]
fn old_workloads_with_provisioned_concurrency_are_unchanged_by_the_new_fields() {
    // Provisioned concurrency is left out of `featured` (SnapStart refuses it); check it
    // directly: the default new fields add nothing to a PC bill.
    let r = RateCard::embedded()
        .rates("eu-west-1", Arch::X86_64)
        .unwrap();
    let w = Workload {
        memory_mb: 1536,
        requests: 3e6,
        cold_start_pct: 2.0,
        init_ms: 400.0,
        provisioned: Provisioned {
            instances: 100,
            hours: 8.0,
            requests: 5e5,
            duration_ms: 100.0,
        },
        ..Workload::default()
    };
    let b = bill(&w, &r, &Terms::default());
    assert!(b.lines.iter().all(|l| !is_feature_line(l.item)));
    assert!(b.notices.is_empty());
    assert_eq!(b, bill(&without_features(&w), &r, &Terms::default()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The sweeps' sized totals (the lines that depend on neither memory nor duration
    /// priced once) are the itemized bill's total at every size, with every 2026
    /// feature, Lambda@Edge and provisioned concurrency drawn.
    #[test]
    fn sized_totals_are_the_bill_at_every_size(
        region in region(), w in featured(), t in terms(), edge in any::<bool>(),
        pc in prop_oneof![Just(0u32), 1u32..50], pc_hours in 0.5f64..=744.0, pc_share in 0f64..=1.0,
        storage_mb in prop_oneof![Just(512u32), 513u32..=10240],
        sizes in proptest::collection::vec((128u32..=10240, 0.01f64..900_000.0), 1..40),
    ) {
        let w = if edge {
            Workload { edge: true, arch: Arch::X86_64, storage_mb, ..without_features(&w) }
        } else if pc > 0 {
            // SnapStart refuses provisioned concurrency.
            Workload {
                provisioned: Provisioned { instances: pc, hours: pc_hours, requests: (w.requests * pc_share).floor(), duration_ms: w.duration_ms },
                snapstart: SnapStart { enabled: false, ..w.snapstart },
                storage_mb,
                ..w
            }
        } else {
            Workload { storage_mb, ..w }
        };
        let r = RateCard::embedded().rates(&region, w.arch).unwrap();
        let totals = SizedTotals::new(&w, &r, &t);
        for (memory_mb, duration_ms) in sizes {
            let at = Workload {
                memory_mb,
                duration_ms,
                provisioned: Provisioned { duration_ms, ..w.provisioned },
                ..w
            };
            prop_assert_eq!(totals.total_cents(memory_mb, duration_ms), bill(&at, &r, &t).total_cents(), "{:?}", at);
        }
    }
}
