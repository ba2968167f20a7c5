//! Properties of the pricing engine and the link codec over generated inputs.

use lambda_cost::model::breakeven_utilization;
use lambda_cost::pricing::{bill, Provisioned, Terms, Workload};
use lambda_cost::scenario::link;
use lambda_cost::{Arch, RateCard, Scenario};
use proptest::prelude::*;

fn regions() -> impl Strategy<Value = String> {
    let codes: Vec<String> = RateCard::embedded()
        .regions
        .iter()
        .map(|r| r.code.clone())
        .collect();
    proptest::sample::select(codes)
}

fn arch() -> impl Strategy<Value = Arch> {
    prop_oneof![Just(Arch::X86_64), Just(Arch::Arm64)]
}

prop_compose! {
    fn workload()(
        arch in arch(),
        memory_mb in 128u32..=10240,
        duration_ms in 0.1f64..900_000.0,
        requests in 0f64..1e10,
        storage_mb in 512u32..=10240,
        cold_start_pct in 0f64..=100.0,
        init_ms in 0f64..=10_000.0,
        instances in 0u32..=1000,
        hours in 0f64..=744.0,
        pc_share in 0f64..=1.0,
        pc_duration_ms in 0.1f64..900_000.0,
    ) -> Workload {
        Workload {
            arch, memory_mb, duration_ms, requests, storage_mb, cold_start_pct, init_ms,
            provisioned: Provisioned { instances, hours, requests: requests * pc_share, duration_ms: pc_duration_ms },
            ..Workload::default()
        }
    }
}

prop_compose! {
    fn terms()(free_tier in any::<bool>(), discount_pct in prop_oneof![Just(0.0), 0f64..=100.0]) -> Terms {
        Terms { free_tier, discount_pct }
    }
}

fn rates(region: &str, arch: Arch) -> lambda_cost::Rates {
    RateCard::embedded().rates(region, arch).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_workloads_are_valid(w in workload()) {
        prop_assert!(w.validate().is_empty(), "{:?}", w.validate());
    }

    #[test]
    fn cost_never_decreases_as_usage_grows(
        region in regions(), w in workload(), t in terms(),
        more_requests in 0f64..1e9, more_ms in 0f64..10_000.0, more_mb in 0u32..2048,
    ) {
        let r = rates(&region, w.arch);
        let base = bill(&w, &r, &t);
        // PC requests stay the same absolute number, so growth lands on demand.
        let grown = [
            Workload { requests: w.requests + more_requests, ..w },
            Workload { duration_ms: w.duration_ms + more_ms, ..w },
            Workload { memory_mb: (w.memory_mb + more_mb).min(10240), ..w },
        ];
        for g in grown {
            let b = bill(&g, &r, &t);
            prop_assert!(b.exact_usd() >= base.exact_usd() * (1.0 - 1e-12) - 1e-9, "{g:?}");
            prop_assert!(b.total_cents() >= base.total_cents() - 1, "{g:?}");
        }
    }

    #[test]
    fn free_tier_never_raises_cost(region in regions(), w in workload(), discount_pct in 0f64..=100.0) {
        let r = rates(&region, w.arch);
        let with = bill(&w, &r, &Terms { free_tier: true, discount_pct });
        let without = bill(&w, &r, &Terms { free_tier: false, discount_pct });
        prop_assert!(with.exact_usd() <= without.exact_usd() + 1e-9);
        prop_assert!(with.total_cents() <= without.total_cents());
    }

    #[test]
    fn arm64_is_cheaper_than_x86_64_everywhere(region in regions(), w in workload(), t in terms()) {
        let x = bill(&Workload { arch: Arch::X86_64, ..w }, &rates(&region, Arch::X86_64), &t);
        let a = bill(&Workload { arch: Arch::Arm64, ..w }, &rates(&region, Arch::Arm64), &t);
        prop_assert!(a.exact_usd() <= x.exact_usd() + 1e-9);
        let compute = |b: &lambda_cost::Bill| b.exact_usd() - b.lines[0].exact_usd;
        if compute(&x) > 1e-6 {
            prop_assert!(a.exact_usd() < x.exact_usd());
        }
    }

    #[test]
    fn bill_is_continuous_across_tier_boundaries(
        region in regions(), arch in arch(), boundary in 0usize..2, eps in 1f64..1e6,
    ) {
        let r = rates(&region, arch);
        // 1,024 MB for 1 s: one GB-s per request, so requests = GB-s.
        let at = |gb_s: f64| bill(&Workload { arch, memory_mb: 1024, duration_ms: 1000.0, requests: gb_s, ..Workload::default() }, &r, &Terms::default()).exact_usd();
        let t = r.tier_thresholds[boundary];
        let jump = at(t + eps) - at(t - eps);
        let max_rate = r.duration[0] + r.request;
        prop_assert!(jump > 0.0 && jump <= 2.0 * eps * max_rate * (1.0 + 1e-9), "jump {jump}");
    }

    #[test]
    fn pc_breaks_even_where_the_bills_cross(
        region in regions(), arch in arch(), memory_mb in 128u32..=10240, duration_ms in 1u32..10_000,
        instances in 1u32..500, hours in 1u32..744,
    ) {
        let r = rates(&region, arch);
        let Some(u) = breakeven_utilization(&r) else { return Ok(()) };
        let capacity = instances as f64 * hours as f64 * 3600.0 * 1000.0 / duration_ms as f64;
        let served = capacity * u;
        // u* is defined at the tier-1 rate; past 6 B GB-s on demand gets cheaper.
        let gb_s = served * duration_ms as f64 / 1000.0 * memory_mb as f64 / 1024.0;
        prop_assume!(gb_s < r.tier_thresholds[0]);
        let on_demand = Workload { arch, memory_mb, duration_ms: duration_ms as f64, requests: served, ..Workload::default() };
        let on_pc = Workload {
            provisioned: Provisioned { instances, hours: hours as f64, requests: served, duration_ms: duration_ms as f64 },
            ..on_demand
        };
        let od = bill(&on_demand, &r, &Terms::default()).exact_usd();
        let pc = bill(&on_pc, &r, &Terms::default()).exact_usd();
        prop_assert!((od - pc).abs() <= 1e-9 * od.max(1.0), "od {od} pc {pc}");
    }

    #[test]
    fn any_text_decodes_or_explains_without_panicking(text in ".{0,200}") {
        let _ = link::decode(&text);
    }

    #[test]
    fn link_like_text_decodes_or_explains(
        pairs in proptest::collection::vec(
            ("memory|duration|requests|region|arch|pc|pc_requests|pc_hours|free|v|cold|init|discount|[a-z_]{1,8}",
             "[-+0-9a-zA-Z.%_eE]{0,12}"),
            0..20),
    ) {
        let text = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
        if let Ok(d) = link::decode(&text) {
            // Whatever decodes re-encodes to a link that decodes to the same scenario.
            let again = link::decode(&link::encode(&d.scenario)).unwrap().scenario;
            prop_assert_eq!(again, d.scenario);
        }
    }

    #[test]
    fn scenarios_round_trip_through_links(region in regions(), w in workload(), t in terms(), pc_dur in any::<bool>()) {
        let s = Scenario {
            region, arch: w.arch, memory_mb: w.memory_mb, duration_ms: w.duration_ms, requests: w.requests,
            storage_mb: w.storage_mb, free_tier: t.free_tier, cold_start_pct: w.cold_start_pct, init_ms: w.init_ms,
            pc_instances: w.provisioned.instances, pc_hours: w.provisioned.hours, pc_requests: w.provisioned.requests,
            pc_duration_ms: pc_dur.then_some(w.provisioned.duration_ms), discount_pct: t.discount_pct,
            ..Scenario::default()
        };
        let back = link::decode(&link::to_fragment(&s)).unwrap().scenario;
        prop_assert_eq!(back.workload(), s.workload());
        prop_assert_eq!(back.terms(), s.terms());
        prop_assert_eq!(&back.region, &s.region);
    }
}
