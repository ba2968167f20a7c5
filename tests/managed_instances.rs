//! Lambda Managed Instances and the compute-option comparison: AWS's LMI example line by
//! line, the sizing rule, the properties of the cost curves and their crossovers, and two
//! workloads whose verdicts are known.

use lambda_cost::compute::{
    compare, lmi_bill, lmi_field, size_lmi, steady, Comparison, ComputeInputs, ComputeItem,
    ComputeOption, InstanceTable, ManagedInstances, OptionDetail, Runtime, ScanRange,
};
use lambda_cost::model::{TrafficShape, SECONDS_PER_MONTH};
use lambda_cost::pricing::{Terms, Workload};
use lambda_cost::{Arch, RateCard};
use proptest::prelude::*;

fn table() -> &'static InstanceTable {
    InstanceTable::embedded()
}

fn inputs(
    arch: Arch,
    memory_mb: u32,
    duration_ms: f64,
    traffic: TrafficShape,
    cpu_bound_pct: f64,
    lmi: ManagedInstances,
) -> ComputeInputs {
    ComputeInputs {
        workload: Workload {
            arch,
            memory_mb,
            duration_ms,
            ..Workload::default()
        },
        rates: RateCard::embedded().rates("us-east-1", arch).unwrap(),
        terms: Terms::default(),
        traffic,
        cpu_bound_pct,
        region: "us-east-1".into(),
        lmi,
    }
}

fn aws_example() -> ManagedInstances {
    ManagedInstances {
        instance_type: "m7g.xlarge".into(),
        hourly_override: Some(0.1632),
        discount_pct: 72.0,
        runtime: Some(Runtime::Python),
        instance_hours: Some(2000.0),
        ..ManagedInstances::default()
    }
}

fn cents(c: &Comparison, o: ComputeOption) -> i64 {
    c.option(o).unwrap().total_cents
}

/// AWS's LMI example: 100M requests of 200 ms on m7g.xlarge ($0.1632/h), a 3-year Compute
/// Savings Plan (72 % off the EC2 part), 2,000 instance-hours.
///
/// AWS's page shows EC2 $91.40 and a total of $160.36 because it rounds the discounted
/// hourly price to $0.0457 before multiplying (2,000 x 0.0457 = 91.40). The exact price
/// is 0.1632 x 0.28 = $0.045696/h, so 2,000 h = $91.392 = $91.39, and the bill is
/// $20.00 + $91.39 + $48.96 = $160.35: rounding per line, as every other bill here.
#[test]
fn aws_example_line_by_line() {
    let setup = aws_example().resolve(table(), "us-east-1").unwrap();
    let b = lmi_bill(&setup, 100_000_000.0, 2000.0);
    let line = |item| b.line(item).unwrap();
    assert_eq!(line(ComputeItem::Requests).cents(), 2000);
    assert_eq!(line(ComputeItem::Ec2Instances).cents(), 9139);
    assert!((line(ComputeItem::Ec2Instances).rate - 0.045696).abs() < 1e-15);
    assert_eq!(line(ComputeItem::ManagementFee).cents(), 4896);
    // The fee is 15 % of the on-demand price: the discount does not reduce it.
    assert!((line(ComputeItem::ManagementFee).rate - 0.02448).abs() < 1e-15);
    assert_eq!(b.total_cents(), 16035);
    assert_eq!(
        line(ComputeItem::Ec2Instances).rate_text(),
        "$0.045696 per instance-hour"
    );
    assert_eq!(
        line(ComputeItem::Requests).quantity_text(),
        "100,000,000 requests"
    );

    // The same through the comparison, with the month's traffic as a steady rate.
    let i = inputs(
        Arch::Arm64,
        1024,
        200.0,
        steady(100_000_000.0 / SECONDS_PER_MONTH),
        0.0,
        aws_example(),
    );
    let c = compare(&i, table(), &ScanRange::default()).unwrap();
    let lmi = c.option(ComputeOption::ManagedInstances).unwrap();
    let OptionDetail::Instances(b) = &lmi.detail else {
        panic!("LMI is an instance bill")
    };
    let got: Vec<i64> = b.lines.iter().map(|l| l.cents()).collect();
    assert_eq!(got, [2000, 9139, 4896]);
    assert_eq!(lmi.total_cents, 16035);
    assert!(lmi
        .sizing
        .contains("2,000 instance-hours entered (lmi_hours)"));
}

#[test]
fn the_table_price_is_used_and_an_unknown_one_is_said() {
    let mi = ManagedInstances {
        hourly_override: None,
        ..aws_example()
    };
    let s = mi.resolve(table(), "us-east-1").unwrap();
    assert_eq!(s.hourly, 0.1632);
    // Elsewhere no price is known: LMI is left out of the comparison with the reason,
    // the other options are still compared.
    let mut i = inputs(Arch::Arm64, 1024, 200.0, steady(50.0), 0.0, mi);
    i.region = "ap-south-1".into();
    i.rates = RateCard::embedded()
        .rates("ap-south-1", Arch::Arm64)
        .unwrap();
    let c = compare(&i, table(), &ScanRange::default()).unwrap();
    assert!(c.option(ComputeOption::ManagedInstances).is_none());
    assert!(c.option(ComputeOption::Fargate).is_none());
    let why: Vec<&str> = c.unavailable.iter().map(|u| u.1.as_str()).collect();
    assert!(why[0]
        .starts_with("lmi_hourly: the on-demand price of m7g.xlarge in ap-south-1 is unknown"));
    assert!(why[1].contains("Fargate's rates in ap-south-1"));
    assert!(c
        .summary()
        .contains("Lambda Managed Instances is not compared"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let mi = ManagedInstances {
        instance_type: "t3.micro".into(),
        discount_pct: 150.0,
        instance_hours: Some(f64::NAN),
        ..aws_example()
    };
    let i = inputs(Arch::Arm64, 1024, 200.0, steady(10.0), 0.0, mi);
    let e = compare(&i, table(), &ScanRange::default()).unwrap_err();
    let keys: Vec<&str> = e.iter().map(|e| e.field.key()).collect();
    assert_eq!(keys, ["lmi_type", "lmi_discount", "lmi_hours"]);
}

#[test]
fn malformed_inputs_name_their_link_keys() {
    for (mi, key, needle) in [
        (
            ManagedInstances {
                instance_type: "t3.large".into(),
                ..aws_example()
            },
            lmi_field::TYPE,
            "burstable",
        ),
        (
            ManagedInstances {
                instance_type: "c7g.medium".into(),
                ..aws_example()
            },
            lmi_field::TYPE,
            "below .large",
        ),
        (
            ManagedInstances {
                hourly_override: Some(f64::INFINITY),
                ..aws_example()
            },
            lmi_field::HOURLY,
            "not an hourly price",
        ),
        (
            ManagedInstances {
                discount_pct: -5.0,
                ..aws_example()
            },
            lmi_field::DISCOUNT,
            "percentage",
        ),
        (
            ManagedInstances {
                instance_hours: Some(-1.0),
                ..aws_example()
            },
            lmi_field::HOURS,
            "instance-hours",
        ),
        (
            ManagedInstances {
                conc_per_vcpu: Some(2.5),
                ..aws_example()
            },
            lmi_field::CONC,
            "whole number",
        ),
        (
            ManagedInstances {
                runtime: Some(Runtime::Rust),
                ..aws_example()
            },
            lmi_field::CONC,
            "no default for Rust",
        ),
        (
            ManagedInstances {
                min_instances: 1_000_000,
                ..aws_example()
            },
            lmi_field::MIN,
            "instances",
        ),
    ] {
        let i = inputs(Arch::Arm64, 1024, 200.0, steady(10.0), 0.0, mi);
        let e = compare(&i, table(), &ScanRange::default()).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].field, key);
        let text = e[0].to_string();
        assert!(text.starts_with(&format!("{}: ", key.key())), "{text}");
        assert!(text.contains(needle), "{text}");
    }
}

/// Rust has no AWS default: the user's figure is used, and the rule says so.
#[test]
fn rust_uses_the_users_figure() {
    let mi = ManagedInstances {
        runtime: Some(Runtime::Rust),
        conc_per_vcpu: Some(100.0),
        instance_hours: None,
        ..aws_example()
    };
    let cap = mi.capacity(table()).unwrap();
    let z = size_lmi(&cap, &steady(10_000.0), 50.0, 0.0);
    // 500 at once / (4 vCPUs x 100) = 2 -> the minimum of 3.
    assert_eq!(z.peak_instances, 3);
    assert!(z
        .rule
        .contains("100 requests per vCPU at once (your figure)"));
}

/// Steady, heavy traffic on a Savings Plan: LMI is the cheapest, and on-demand was
/// cheaper below a crossover.
#[test]
fn steady_high_volume_favours_managed_instances() {
    let mi = ManagedInstances {
        runtime: Some(Runtime::NodeJs),
        discount_pct: 72.0,
        ..ManagedInstances::default()
    };
    let i = inputs(Arch::Arm64, 1024, 500.0, steady(200.0), 50.0, mi);
    let c = compare(&i, table(), &ScanRange::default()).unwrap();
    assert_eq!(c.cheapest, ComputeOption::ManagedInstances);
    // 100 at once; a 50 % CPU-bound vCPU serves 2: 50 vCPUs = 13 m7g.xlarge.
    assert_eq!(c.lmi_sizing.peak_instances, 13);
    // The rule, in words, is next to the result.
    let lmi = c.option(ComputeOption::ManagedInstances).unwrap();
    assert_eq!(lmi.sizing, c.lmi_sizing.rule);
    assert!(
        lmi.sizing.contains(
            "ceil(concurrency / 8): 13 instances (at least 3) x 730 h = 9,490 instance-hours"
        ),
        "{}",
        lmi.sizing
    );
    // 525.6 M requests = $105.12; 13 x 730 h x 0.1632 x 0.28 = $433.66; fee x 0.15 = $232.32.
    assert_eq!(
        cents(&c, ComputeOption::ManagedInstances),
        10512 + 43366 + 23232
    );
    // 262.8 M GB-s x 0.0000133334 + requests.
    assert_eq!(cents(&c, ComputeOption::OnDemand), 350402 + 10512);
    // 50 vCPUs and 200 GB all month on arm64.
    assert_eq!(cents(&c, ComputeOption::Fargate), 118187 + 51976);
    let (next, extra) = c.runner_up.unwrap();
    assert_eq!(next, ComputeOption::Fargate);
    assert_eq!(extra, 118187 + 51976 - (10512 + 43366 + 23232));
    let to_lmi: Vec<_> = c
        .crossovers
        .iter()
        .filter(|x| x.changes_cheapest && x.cheaper_above == ComputeOption::ManagedInstances)
        .collect();
    assert_eq!(to_lmi.len(), 1, "{:?}", c.crossovers);
    assert!(to_lmi[0].rps < c.rps);
    assert!(c.summary().starts_with(
        "Lambda Managed Instances is the cheapest way to run this workload: $771.10 a month"
    ));
    assert!(c.summary().contains("becomes cheaper than"));
}

/// A short daily spike and little else: on-demand is the cheapest.
#[test]
fn spiky_low_volume_favours_on_demand() {
    let shape = TrafficShape {
        peak_rps: 5.0,
        peak_hours: 1.0,
        off_peak_rps: 0.05,
    };
    let mi = ManagedInstances {
        runtime: Some(Runtime::Python),
        ..ManagedInstances::default()
    };
    let i = inputs(Arch::X86_64, 512, 100.0, shape, 30.0, mi);
    let c = compare(&i, table(), &ScanRange::default()).unwrap();
    assert_eq!(c.cheapest, ComputeOption::OnDemand);
    // Requests: (5 x 3,600 + 0.05 x 23 x 3,600) x 730 / 24.
    assert!((c.requests - 673_425.0).abs() < 1e-6, "{}", c.requests);
    // The minimum of 3 instances all month dwarfs the bill.
    assert_eq!(c.lmi_sizing.instance_hours, 2190.0);
    assert!(cents(&c, ComputeOption::ManagedInstances) > 100 * cents(&c, ComputeOption::OnDemand));
    assert!(cents(&c, ComputeOption::Provisioned) > cents(&c, ComputeOption::OnDemand));
    assert!(c.summary().starts_with("Lambda on demand is the cheapest"));
}

/// Costs of every option at one average rate, as the comparison prices them.
fn costs_at(base: &ComputeInputs, rps: f64) -> Comparison {
    let mut i = base.clone();
    let t = &base.traffic;
    let h = t.peak_hours;
    let avg = (t.peak_rps * h + t.off_peak_rps * (24.0 - h)) / 24.0;
    i.traffic = TrafficShape {
        peak_rps: t.peak_rps * rps / avg,
        peak_hours: h,
        off_peak_rps: t.off_peak_rps * rps / avg,
    };
    let tiny = ScanRange {
        from_rps: 1.0,
        to_rps: 10.0,
        per_decade: 1,
    };
    compare(&i, table(), &tiny).unwrap()
}

fn exact(c: &Comparison, o: ComputeOption) -> f64 {
    c.option(o).unwrap().exact_usd
}

/// At each crossover the two curves meet within a cent, or one of them steps there;
/// just below it the option said to be cheaper below is, just above the other one is.
fn check_crossovers(base: &ComputeInputs, c: &Comparison) -> Result<(), TestCaseError> {
    for x in &c.crossovers {
        let (a, b) = (x.cheaper_below, x.cheaper_above);
        let left = costs_at(base, x.rps * (1.0 - 1e-7));
        let right = costs_at(base, x.rps * (1.0 + 1e-7));
        prop_assert!(exact(&left, a) <= exact(&left, b) + 0.01, "{x:?}");
        prop_assert!(exact(&right, b) <= exact(&right, a) + 0.01, "{x:?}");
        if x.at_step {
            let jump = |o| (exact(&right, o) - exact(&left, o)).abs();
            prop_assert!(jump(a).max(jump(b)) > 0.01, "{x:?}");
        } else {
            // The exact costs meet within a cent; the bills shown may differ by a few
            // cents more, as each rounds its lines.
            let at = costs_at(base, x.rps);
            prop_assert!((exact(&at, a) - exact(&at, b)).abs() <= 0.01, "{x:?}");
            prop_assert!((x.cents.0 - x.cents.1).abs() <= 3, "{x:?}");
        }
    }
    Ok(())
}

#[test]
fn fixture_crossovers_are_where_the_curves_meet() {
    let mi = ManagedInstances {
        runtime: Some(Runtime::NodeJs),
        discount_pct: 72.0,
        ..ManagedInstances::default()
    };
    let i = inputs(Arch::Arm64, 1024, 500.0, steady(200.0), 50.0, mi);
    let c = compare(&i, table(), &ScanRange::default()).unwrap();
    assert!(c.crossovers.iter().any(|x| !x.at_step));
    check_crossovers(&i, &c).unwrap();
}

#[test]
fn series_cover_the_grid_for_a_log_chart() {
    let i = inputs(
        Arch::Arm64,
        1024,
        200.0,
        steady(100.0),
        0.0,
        ManagedInstances {
            runtime: Some(Runtime::Java),
            ..ManagedInstances::default()
        },
    );
    let c = compare(&i, table(), &ScanRange::default()).unwrap();
    assert_eq!(c.series.len(), 4);
    for s in &c.series {
        // 0.01 to 100,000 req/s at 16 points a decade.
        assert_eq!(s.points.len(), 7 * 16 + 1);
        assert!((s.points[0].0 - 0.01).abs() < 1e-12);
        assert!((s.points.last().unwrap().0 - 1e5).abs() < 1e-6);
        let ratio = s.points[1].0 / s.points[0].0;
        assert!((ratio - 10f64.powf(1.0 / 16.0)).abs() < 1e-9);
    }
    assert_eq!(c.rps, 100.0);
}

fn arb_inputs() -> impl Strategy<Value = ComputeInputs> {
    (
        prop_oneof![Just(Arch::X86_64), Just(Arch::Arm64)],
        128u32..4096,
        1.0f64..3000.0,
        (0.01f64..2000.0, 1.0f64..24.0, 0.0f64..1.0),
        0.0f64..100.0,
        (
            prop::sample::select(vec!["m7g.xlarge", "c8g.large", "r7i.2xlarge", "c7i.xlarge"]),
            0.0f64..80.0,
            1u32..128,
            0u32..6,
        ),
    )
        .prop_map(
            |(arch, memory, duration, (peak, hours, off_share), cpu, (ty, discount, conc, min))| {
                inputs(
                    arch,
                    memory,
                    duration,
                    TrafficShape {
                        peak_rps: peak,
                        peak_hours: hours,
                        off_peak_rps: peak * off_share,
                    },
                    cpu,
                    ManagedInstances {
                        instance_type: ty.into(),
                        discount_pct: discount,
                        conc_per_vcpu: Some(conc as f64),
                        min_instances: min,
                        ..ManagedInstances::default()
                    },
                )
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// LMI is billed for instances, not for time spent: with instance-hours entered, the
    /// duration changes nothing; sized from traffic, two durations that need the same
    /// instances cost the same, and the bill is instance-hours times the hourly rates.
    #[test]
    fn lmi_cost_is_a_step_function_of_instances(base in arb_inputs(), d2 in 1.0f64..3000.0) {
        let scan = ScanRange { from_rps: 1.0, to_rps: 10.0, per_decade: 1 };
        let mut fixed = base.clone();
        fixed.lmi.instance_hours = Some(1234.5);
        let mut fixed2 = fixed.clone();
        fixed2.workload.duration_ms = d2;
        let a = compare(&fixed, table(), &scan).unwrap();
        let b = compare(&fixed2, table(), &scan).unwrap();
        prop_assert_eq!(
            a.option(ComputeOption::ManagedInstances).unwrap().total_cents,
            b.option(ComputeOption::ManagedInstances).unwrap().total_cents
        );

        let mut other = base.clone();
        other.workload.duration_ms = d2;
        let x = compare(&base, table(), &scan).unwrap();
        let y = compare(&other, table(), &scan).unwrap();
        let setup = base.lmi.resolve(table(), "us-east-1").unwrap();
        for c in [&x, &y] {
            let z = &c.lmi_sizing;
            let expect = lmi_bill(&setup, c.requests, z.instance_hours).total_cents();
            prop_assert_eq!(c.option(ComputeOption::ManagedInstances).unwrap().total_cents, expect);
            let days = 730.0 / 24.0;
            let h = base.traffic.peak_hours;
            let hours = z.peak_instances as f64 * h * days + z.off_peak_instances as f64 * (24.0 - h) * days;
            prop_assert!((z.instance_hours - hours).abs() < 1e-6);
        }
        if (x.lmi_sizing.peak_instances, x.lmi_sizing.off_peak_instances)
            == (y.lmi_sizing.peak_instances, y.lmi_sizing.off_peak_instances)
        {
            prop_assert_eq!(
                x.option(ComputeOption::ManagedInstances).unwrap().total_cents,
                y.option(ComputeOption::ManagedInstances).unwrap().total_cents
            );
        }
    }

    /// More traffic never makes any option cheaper.
    #[test]
    fn more_traffic_never_costs_less(base in arb_inputs()) {
        let scan = ScanRange { from_rps: 0.01, to_rps: 1e5, per_decade: 6 };
        let c = compare(&base, table(), &scan).unwrap();
        for s in &c.series {
            for w in s.points.windows(2) {
                prop_assert!(w[1].1 >= w[0].1 - 1e-9, "{:?} at {} then {}: {} then {}", s.option, w[0].0, w[1].0, w[0].1, w[1].1);
            }
        }
    }

    /// The crossovers are where the curves meet (or where one of them steps).
    #[test]
    fn crossovers_are_where_the_order_changes(base in arb_inputs()) {
        let scan = ScanRange { from_rps: 0.1, to_rps: 1e4, per_decade: 4 };
        let c = compare(&base, table(), &scan).unwrap();
        check_crossovers(&base, &c)?;
    }

    /// No input, however wild, panics: it is priced or refused with messages.
    #[test]
    fn wild_inputs_never_panic(
        rps in prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(-1.0), Just(0.0), 0.0f64..1e9],
        hours in prop_oneof![Just(f64::NAN), Just(-3.0), Just(99.0), 0.0f64..24.0],
        duration in prop_oneof![Just(f64::NAN), Just(0.0), Just(-5.0), 0.0f64..1e7],
        cpu in prop_oneof![Just(f64::NAN), Just(-10.0), Just(1e9), 0.0f64..100.0],
        hourly in prop::option::of(prop_oneof![Just(f64::NAN), Just(0.0), Just(-1.0), 0.0f64..2000.0]),
        conc in prop::option::of(prop_oneof![Just(f64::NAN), Just(0.0), Just(1e12), 0.0f64..2000.0]),
        lmi_hours in prop::option::of(prop_oneof![Just(f64::NAN), Just(1e300), 0.0f64..1e9]),
        ty in "[a-z0-9.]{0,12}",
        min in 0u32..20_000,
    ) {
        let mi = ManagedInstances {
            instance_type: ty,
            hourly_override: hourly,
            discount_pct: 10.0,
            conc_per_vcpu: conc,
            runtime: Some(Runtime::NodeJs),
            min_instances: min,
            instance_hours: lmi_hours,
        };
        let i = inputs(Arch::Arm64, 512, duration, TrafficShape { peak_rps: rps, peak_hours: hours, off_peak_rps: rps }, cpu, mi);
        let scan = ScanRange { from_rps: 1.0, to_rps: 100.0, per_decade: 2 };
        match compare(&i, table(), &scan) {
            Ok(c) => {
                for o in &c.options {
                    prop_assert!(o.exact_usd.is_finite() && o.total_cents >= 0);
                }
            }
            Err(e) => prop_assert!(!e.is_empty() && e.iter().all(|e| e.to_string().starts_with("lmi_"))),
        }
    }
}

/// Any scan range gives a usable grid: bounds out of order, NaN, past the request limit.
#[test]
fn any_scan_range_is_usable() {
    let i = inputs(
        Arch::Arm64,
        1024,
        200.0,
        steady(100.0),
        0.0,
        ManagedInstances {
            runtime: Some(Runtime::Java),
            ..ManagedInstances::default()
        },
    );
    for (from, to, per_decade) in [
        (1e30, f64::NAN, 0),
        (f64::NAN, -1.0, 10_000),
        (1e6, 10.0, 3),
        (0.0, f64::INFINITY, 1),
    ] {
        let range = ScanRange {
            from_rps: from,
            to_rps: to,
            per_decade,
        };
        let c = compare(&i, table(), &range).unwrap();
        for s in &c.series {
            assert!(s.points.len() >= 2 && s.points.len() <= 2001);
            assert!(s
                .points
                .iter()
                .all(|p| p.0.is_finite() && p.0 > 0.0 && p.1.is_finite()));
            assert!(s.points.windows(2).all(|w| w[1].0 > w[0].0));
        }
    }
}

/// A scenario with the day shape of `peak_hours` and `off_peak_pct` (issue 12: the shape
/// travels in the link; the volume stays `requests`).
fn shaped(requests: f64, peak_hours: f64, off_peak_pct: f64) -> lambda_cost::Scenario {
    lambda_cost::Scenario {
        arch: Arch::Arm64,
        memory_mb: 1024,
        duration_ms: 200.0,
        requests,
        peak_hours,
        off_peak_pct,
        lmi: ManagedInstances {
            runtime: Some(Runtime::NodeJs),
            conc_per_vcpu: Some(8.0),
            ..ManagedInstances::default()
        },
        ..lambda_cost::Scenario::default()
    }
}

/// The shape in the link sizes both provisioned concurrency and LMI, in the comparison
/// and in the `compute=lmi` bill, with the rule in words next to each result.
#[test]
fn the_day_shape_in_the_link_sizes_pc_and_lmi() {
    use lambda_cost::scenario::link;
    let card = RateCard::embedded();
    let fragment = "#arch=arm64&memory=1024&duration=200&requests=876000000&peak_hours=8&off_peak_pct=10&lmi_runtime=node&lmi_conc=8";
    let s = link::decode(fragment).unwrap().scenario;
    assert_eq!((s.peak_hours, s.off_peak_pct), (8.0, 10.0));
    // 876 M requests in 8 h at the peak + 16 h at 10 %: 9.6 peak-rate hours a day,
    // 876e6 / (30.4167 x 3,600 x 9.6) = 833.33 req/s at the peak, 83.33 off it.
    let shape = s.traffic_shape();
    assert!((shape.peak_rps - 833.333_333).abs() < 1e-5, "{shape:?}");
    assert!((shape.off_peak_rps - 83.333_333).abs() < 1e-5, "{shape:?}");
    let c = s.compare(card, &ScanRange::default()).unwrap();
    assert_eq!(c.traffic, shape);
    // Peak 166.67 at once over 32 per m7g.xlarge: 6 instances; off-peak 16.67: 1 -> 3.
    assert_eq!(
        (c.lmi_sizing.peak_instances, c.lmi_sizing.off_peak_instances),
        (6, 3)
    );
    let hours = 6.0 * 8.0 * 730.0 / 24.0 + 3.0 * 16.0 * 730.0 / 24.0;
    assert!((c.lmi_sizing.instance_hours - hours).abs() < 1e-9);
    let lmi = c.option(ComputeOption::ManagedInstances).unwrap();
    assert!(
        lmi.sizing
            .starts_with("Peak 8 h a day: 166.67 concurrent requests; off-peak: 16.67"),
        "{}",
        lmi.sizing
    );
    assert!(lmi.sizing.contains(
        "6 instances at the peak and 3 off it (at least 3 each) = 2,920 instance-hours a month"
    ));
    // Provisioned concurrency covers the peak (167 instances) during the 8 peak hours.
    let pc = c.option(ComputeOption::Provisioned).unwrap();
    assert!(
        pc.sizing.starts_with(
            "Peak 833.333 req/s x 200 ms = 166.67 at once: 167 instances (rounded up) for 8 h a day (243.33 h a month)"
        ),
        "{}",
        pc.sizing
    );
    assert!(c.assumptions[0].starts_with(
        "Traffic: a peak of 8 h a day at 833.333 req/s, 83.333 req/s the rest of the day, 876,000,000 requests a month"
    ), "{:?}", c.assumptions);
    // The compute=lmi bill is sized the same way, and bills the scenario's requests.
    let mut lmi_bill_of = s.clone();
    lmi_bill_of.compute = lambda_cost::compute::Compute::ManagedInstances;
    let b = lmi_bill_of.lmi_bill().unwrap();
    assert_eq!(b.sizing, c.lmi_sizing);
    assert_eq!(b.instance_hours, c.lmi_sizing.instance_hours);
    assert_eq!(b.bill.line(ComputeItem::Requests).unwrap().quantity, 876e6);
    assert_eq!(b.bill.total_cents(), lmi.total_cents);
    // The same scenario without the shape is steady: fewer peak instances, more hours.
    let steady_c = shaped(876e6, 24.0, 0.0);
    let z = lambda_cost::Scenario {
        lmi: s.lmi.clone(),
        ..steady_c
    }
    .compare(card, &ScanRange::default())
    .unwrap()
    .lmi_sizing;
    assert_eq!((z.peak_instances, z.peak_hours), (3, 24.0));
    // And old links are unchanged: no shape keys, none written.
    assert!(!link::to_fragment(&lambda_cost::Scenario::default()).contains("peak"));
    assert!(link::to_fragment(&s).contains("&peak_hours=8&off_peak_pct=10"));
}

/// Instance-hours follow the shape: the same volume in a 1-hour daily peak needs more
/// instances during that hour than steady traffic does. (Whole instances waste some
/// capacity either way, so a flatter shape's instance-hours are not always fewer; the
/// count at the peak never grows, see `a_flatter_shape_never_needs_more`.)
#[test]
fn instance_hours_follow_the_shape() {
    let card = RateCard::embedded();
    let peaky = shaped(100e6, 1.0, 0.0)
        .compare(card, &ScanRange::default())
        .unwrap();
    let flat = shaped(100e6, 24.0, 0.0)
        .compare(card, &ScanRange::default())
        .unwrap();
    // 100 M in 1 h a day: 913.24 req/s x 0.2 s = 182.65 at once -> 6 instances for 1 h,
    // then the minimum of 3; steady: 7.61 at once -> the minimum of 3 all day.
    assert_eq!(
        (
            peaky.lmi_sizing.peak_instances,
            peaky.lmi_sizing.off_peak_instances
        ),
        (6, 3)
    );
    assert_eq!(flat.lmi_sizing.peak_instances, 3);
    assert!((peaky.lmi_sizing.instance_hours - (6.0 + 3.0 * 23.0) * 730.0 / 24.0).abs() < 1e-9);
    assert_eq!(flat.lmi_sizing.instance_hours, 2190.0);
    assert!(
        peaky
            .option(ComputeOption::ManagedInstances)
            .unwrap()
            .total_cents
            > flat
                .option(ComputeOption::ManagedInstances)
                .unwrap()
                .total_cents
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// The shape's monthly requests are the requests priced: by the comparison, by each
    /// Lambda bill in it, and by the LMI bill.
    #[test]
    fn the_shapes_requests_are_the_requests_priced(
        requests in 0.0f64..1e10,
        hours in prop_oneof![Just(24.0), 0.01f64..24.0],
        off in 0.0f64..100.0,
    ) {
        let card = RateCard::embedded();
        let s = shaped(requests, hours, off);
        let shape = s.traffic_shape();
        let planned = shape.plan(s.duration_ms).requests;
        prop_assert!((planned - requests).abs() <= 1e-9 * requests.max(1.0), "{planned} vs {requests}");
        let scan = ScanRange { from_rps: 1.0, to_rps: 10.0, per_decade: 1 };
        let c = s.compare(card, &scan).unwrap();
        prop_assert!((c.requests - requests).abs() <= 1e-9 * requests.max(1.0));
        for o in &c.options {
            match &o.detail {
                OptionDetail::Lambda(b) => {
                    let billed: f64 = b.lines.iter()
                        .filter(|l| l.item == lambda_cost::pricing::LineItem::Requests)
                        .map(|l| l.quantity).sum();
                    prop_assert!((billed - requests).abs() <= 1e-6 * requests.max(1.0), "{:?}: {billed}", o.option);
                }
                OptionDetail::Instances(b) => {
                    if let Some(l) = b.line(ComputeItem::Requests) {
                        prop_assert!((l.quantity - requests).abs() <= 1e-6 * requests.max(1.0));
                    }
                }
            }
        }
        let lmi = lambda_cost::Scenario { compute: lambda_cost::compute::Compute::ManagedInstances, ..s }.lmi_bill().unwrap();
        prop_assert_eq!(lmi.bill.line(ComputeItem::Requests).unwrap().quantity, requests);
    }

    /// A flatter shape of the same volume (a longer peak, or more traffic off it) never
    /// needs more LMI instances at the peak, nor more provisioned concurrency.
    #[test]
    fn a_flatter_shape_never_needs_more(
        requests in 1e5f64..1e10,
        hours in 0.5f64..24.0,
        more_hours in 0.0f64..24.0,
        off in 0.0f64..100.0,
        more_off in 0.0f64..100.0,
        duration in 1.0f64..3000.0,
    ) {
        let card = RateCard::embedded();
        let scan = ScanRange { from_rps: 1.0, to_rps: 10.0, per_decade: 1 };
        let peaky = lambda_cost::Scenario { duration_ms: duration, ..shaped(requests, hours, off) };
        let flatter = lambda_cost::Scenario {
            peak_hours: (hours + more_hours).min(24.0),
            off_peak_pct: (off + more_off).min(100.0),
            ..peaky.clone()
        };
        let (a, b) = (peaky.compare(card, &scan).unwrap(), flatter.compare(card, &scan).unwrap());
        prop_assert!(b.traffic.peak_rps <= a.traffic.peak_rps * (1.0 + 1e-12));
        prop_assert!(b.lmi_sizing.peak_instances <= a.lmi_sizing.peak_instances, "{:?} vs {:?}", b.lmi_sizing, a.lmi_sizing);
        let pc = |s: &lambda_cost::Scenario| s.traffic_shape().plan(s.duration_ms).instances;
        prop_assert!(pc(&flatter) <= pc(&peaky));
    }
}

/// Each option is priced on a stated basis: Lambda with the scenario's discount, LMI
/// with the EC2 discount entered (its fee on the on-demand price), Fargate on demand,
/// in tasks of 1 vCPU, at least LMI's minimum. Without a discount Fargate's vCPU-hour on
/// Graviton ($0.03238 + 4 GB x $0.00356 = $0.04662) is below LMI's on m7g.xlarge
/// ($0.1632 x 1.15 / 4 = $0.04692), so Fargate wins: true, and said in words.
#[test]
fn the_options_are_priced_on_a_stated_basis() {
    let mi = ManagedInstances {
        runtime: Some(Runtime::NodeJs),
        ..ManagedInstances::default()
    };
    let i = inputs(Arch::Arm64, 1024, 500.0, steady(200.0), 50.0, mi.clone());
    let c = compare(&i, table(), &ScanRange::default()).unwrap();
    // 50 vCPUs as in the discounted case below, now without a discount.
    assert!(cents(&c, ComputeOption::Fargate) < cents(&c, ComputeOption::ManagedInstances));
    let all = c.assumptions.join("\n");
    assert!(all.contains("Lambda (on demand and provisioned concurrency): Lambda's on-demand rates, no Savings Plan."), "{all}");
    assert!(all.contains("Managed Instances: m7g.xlarge at $0.1632 an hour on demand, no Savings Plan or Reserved Instance discount, plus the 15 % management fee on the on-demand price and $0.20 per 1M requests; at least 3 instances."), "{all}");
    assert!(all.contains("Fargate: on-demand rates ($0.03238 per vCPU-hour, $0.00356 per GB-hour), tasks of 1 vCPU and 4 GB"), "{all}");
    assert!(all.contains("Per vCPU-hour with its memory, Managed Instances cost $0.04692 (m7g.xlarge: EC2 + fee, / 4 vCPUs) and Fargate $0.04662: Fargate is cheaper here because its vCPU-hour costs less"), "{all}");
    let fargate = c.option(ComputeOption::Fargate).unwrap();
    assert!(fargate.sizing.starts_with("50 tasks of 1 vCPU and 4 GB (the m7g.xlarge's memory per vCPU) all month on arm64: the peak's concurrency"), "{}", fargate.sizing);

    // With a discount on the EC2 part, LMI wins, and Fargate's line says the discount
    // is LMI's only; the Lambda discount is stated for the Lambda options.
    let mut d = i.clone();
    d.lmi.discount_pct = 72.0;
    d.terms.discount_pct = 17.0;
    let c = compare(&d, table(), &ScanRange::default()).unwrap();
    assert_eq!(c.cheapest, ComputeOption::ManagedInstances);
    let all = c.assumptions.join("\n");
    assert!(
        all.contains("with your 17 % discount on duration and provisioned concurrency (discount)"),
        "{all}"
    );
    assert!(
        all.contains("less your 72 % discount on the EC2 part (lmi_discount)"),
        "{all}"
    );
    assert!(
        all.contains("(the EC2 discount you entered applies to Managed Instances only)"),
        "{all}"
    );
    // 0.1632 x 0.28 + 0.02448 = 0.070176 / 4.
    assert!(all.contains("Managed Instances cost $0.017544 (m7g.xlarge: EC2 after discount + fee, / 4 vCPUs) and Fargate $0.04662."), "{all}");

    // At low traffic Fargate keeps LMI's minimum (3 tasks), not a single vCPU.
    let low = inputs(Arch::Arm64, 1024, 100.0, steady(1.0), 0.0, mi);
    let c = compare(&low, table(), &ScanRange::default()).unwrap();
    let f = c.option(ComputeOption::Fargate).unwrap();
    assert!(f.sizing.starts_with("3 tasks of 1 vCPU"), "{}", f.sizing);
    assert!(f
        .sizing
        .contains("LMI's minimum of 3 (the same spread over Availability Zones)"));
    // 3 x 730 h x ($0.03238 + 4 x $0.00356): $70.91 + $31.19.
    assert_eq!(f.total_cents, 7091 + 3119);
}

/// The page's bill exports follow `compute`: for `compute=lmi` the CSV and the
/// stand-alone Markdown are the Managed Instances bill (as the CLI's `bill` prints it).
#[test]
fn bill_exports_follow_compute() {
    use lambda_cost::export;
    use lambda_cost::scenario::link;
    let card = RateCard::embedded();
    let aws = "#compute=lmi&requests=100000000&duration=200&lmi_type=m7g.xlarge&lmi_hours=2000&lmi_hourly=0.1632&lmi_discount=72";
    let s = link::decode(aws).unwrap().scenario;
    let lambda_bill = s.bill(card).unwrap();
    let csv = export::compute::scenario_bill_csv(&s, &lambda_bill);
    assert_eq!(
        csv,
        export::compute::lmi_bill_csv(&s, &s.lmi_bill().unwrap())
    );
    assert!(
        csv.contains("us-east-1,m7g.xlarge,Total,,,,160.35,160.352\r\n"),
        "{csv}"
    );
    let md =
        export::compute::scenario_bill_markdown("https://calc.example/app/#old", &s, &lambda_bill);
    assert!(md.contains("| **Total** | | | **$160.35** |"), "{md}");
    assert!(
        md.contains("[Open in the AWS Lambda cost calculator](https://calc.example/app/#v=1&"),
        "{md}"
    );
    assert!(
        md.trim_end()
            .ends_with("&compute=lmi&lmi_hourly=0.1632&lmi_discount=72&lmi_hours=2000)"),
        "{md}"
    );
    // Lambda's bill otherwise, exactly as before.
    let lambda = lambda_cost::Scenario {
        compute: lambda_cost::compute::Compute::Lambda,
        ..s
    };
    let b = lambda.bill(card).unwrap();
    assert_eq!(
        export::compute::scenario_bill_csv(&lambda, &b),
        export::bill_csv(&lambda, &b)
    );
    assert_eq!(
        export::compute::scenario_bill_markdown("https://x/", &lambda, &b),
        export::embed::markdown_snippet("https://x/", &lambda, &b)
    );
    // The CLI's bill and the pin table's figure are the same total.
    let total = link::decode(aws)
        .unwrap()
        .scenario
        .monthly_total(card)
        .unwrap();
    assert_eq!(total.cents, 16035);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// More traffic in the same day shape never makes any option's bill (as shown, in
    /// cents) smaller, whether the shape is steady or a daily peak.
    #[test]
    fn more_requests_never_lower_a_bill(
        requests in 1e4f64..5e9,
        more in 1.0f64..20.0,
        hours in prop_oneof![Just(24.0), 0.5f64..24.0],
        off in 0.0f64..100.0,
        duration in 1.0f64..3000.0,
        cpu in 0.0f64..100.0,
    ) {
        let card = RateCard::embedded();
        let scan = ScanRange { from_rps: 1.0, to_rps: 10.0, per_decade: 1 };
        let less = lambda_cost::Scenario { duration_ms: duration, cpu_bound_pct: cpu, ..shaped(requests, hours, off) };
        let most = lambda_cost::Scenario { requests: (requests * more).min(1e10), ..less.clone() };
        let (a, b) = (less.compare(card, &scan).unwrap(), most.compare(card, &scan).unwrap());
        for o in ComputeOption::ALL {
            prop_assert!(b.option(o).unwrap().total_cents >= a.option(o).unwrap().total_cents, "{o:?}");
        }
    }
}
