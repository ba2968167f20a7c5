//! Power Tuning's optimization strategies, with the Analyzer's exact rules
//! (`lambda/analyzer.js`):
//!
//! - cost: the lowest cost; equal costs go to the lower duration;
//! - speed: the lowest duration; equal durations go to the lower cost;
//! - balanced: the lowest `w * cost / maxCost + (1 - w) * duration / maxDuration`, with
//!   `w` (balancedWeight) default 0.5 and clamped to 0..=1.
//!
//! The Analyzer sorts its stats (in the order the output lists them) with a stable sort
//! and takes the first, so a complete tie goes to the point listed first, whatever its
//! memory size: `Picks::of_run` picks in the run's input order. Values are compared as
//! read (no rounding). Functions return an index into the points given, `None` only
//! when there are none.

use super::{TuningPoint, TuningRun};

/// Power Tuning's default balancedWeight.
pub const DEFAULT_WEIGHT: f64 = 0.5;

/// The three strategies' picks, as indexes into the run's points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Picks {
    pub cost: Option<usize>,
    pub speed: Option<usize>,
    pub balanced: Option<usize>,
}

impl Picks {
    /// The picks of a run, made in its input order, as indexes into `run.points`.
    pub fn of_run(run: &TuningRun, weight: f64) -> Picks {
        let listed: Vec<TuningPoint> = run.in_input_order().copied().collect();
        let in_points = |i: Option<usize>| {
            let p = listed.get(i?)?;
            run.points.iter().position(|q| q.memory_mb == p.memory_mb)
        };
        let picks = Picks::of(&listed, weight);
        Picks {
            cost: in_points(picks.cost),
            speed: in_points(picks.speed),
            balanced: in_points(picks.balanced),
        }
    }

    /// The picks among `points` in the order given.
    pub fn of(points: &[TuningPoint], weight: f64) -> Picks {
        Picks {
            cost: pick_cost(points),
            speed: pick_speed(points),
            balanced: pick_balanced(points, weight),
        }
    }
}

/// `weight` as the Analyzer uses it: clamped to 0..=1. A non-number (which JSON cannot
/// carry) falls back to the default.
pub fn clamp_weight(weight: f64) -> f64 {
    if weight.is_nan() {
        DEFAULT_WEIGHT
    } else {
        weight.clamp(0.0, 1.0)
    }
}

/// The first point no other point beats under `better(candidate, best)`.
fn first_best(
    points: &[TuningPoint],
    better: impl Fn(&TuningPoint, &TuningPoint) -> bool,
) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, p) in points.iter().enumerate() {
        match best.and_then(|b| points.get(b)) {
            Some(b) if !better(p, b) => {}
            _ => best = Some(i),
        }
    }
    best
}

/// Cheapest; ties go to the faster.
pub fn pick_cost(points: &[TuningPoint]) -> Option<usize> {
    first_best(points, |p, b| {
        if p.cost_per_invocation == b.cost_per_invocation {
            p.duration_ms < b.duration_ms
        } else {
            p.cost_per_invocation < b.cost_per_invocation
        }
    })
}

/// Fastest; ties go to the cheaper.
pub fn pick_speed(points: &[TuningPoint]) -> Option<usize> {
    first_best(points, |p, b| {
        if p.duration_ms == b.duration_ms {
            p.cost_per_invocation < b.cost_per_invocation
        } else {
            p.duration_ms < b.duration_ms
        }
    })
}

/// The balanced value of a point, lower is better, evaluated in the Analyzer's order
/// of operations so ties fall the same way. All costs 0 make it NaN, as in JavaScript.
pub fn balanced_value(p: &TuningPoint, weight: f64, max_cost: f64, max_duration: f64) -> f64 {
    let w = clamp_weight(weight);
    w * p.cost_per_invocation / max_cost + (1.0 - w) * p.duration_ms / max_duration
}

/// Lowest balanced value at weight `weight` (0 = fastest, 1 = cheapest).
pub fn pick_balanced(points: &[TuningPoint], weight: f64) -> Option<usize> {
    let max_cost = points
        .iter()
        .map(|p| p.cost_per_invocation)
        .fold(f64::NEG_INFINITY, f64::max);
    let max_duration = points
        .iter()
        .map(|p| p.duration_ms)
        .fold(f64::NEG_INFINITY, f64::max);
    let value = |p: &TuningPoint| balanced_value(p, weight, max_cost, max_duration);
    // A NaN value compares as "equal" in the Analyzer's sort (its comparator returns
    // NaN, read as 0), and `<` is false for NaN here: the first point stays.
    first_best(points, |p, b| value(p) < value(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(v: &[(u32, f64, f64)]) -> Vec<TuningPoint> {
        v.iter()
            .map(
                |&(memory_mb, duration_ms, cost_per_invocation)| TuningPoint {
                    memory_mb,
                    duration_ms,
                    cost_per_invocation,
                },
            )
            .collect()
    }

    #[test]
    fn empty_has_no_pick() {
        assert_eq!(
            Picks::of(&[], 0.5),
            Picks {
                cost: None,
                speed: None,
                balanced: None
            }
        );
    }

    #[test]
    fn cost_ties_go_to_the_faster() {
        let p = pts(&[(128, 10.0, 2.1e-8), (256, 5.0, 2.1e-8), (512, 3.0, 4.2e-8)]);
        assert_eq!(pick_cost(&p), Some(1));
        // Complete tie: the first (the Analyzer's sort is stable).
        let p = pts(&[(128, 5.0, 1.0), (256, 5.0, 1.0)]);
        assert_eq!(pick_cost(&p), Some(0));
        assert_eq!(pick_speed(&p), Some(0));
        assert_eq!(pick_balanced(&p, 0.5), Some(0));
    }

    #[test]
    fn speed_ties_go_to_the_cheaper() {
        let p = pts(&[(512, 5.0, 4.0), (1024, 5.0, 3.0), (2048, 6.0, 1.0)]);
        assert_eq!(pick_speed(&p), Some(1));
        assert_eq!(pick_cost(&p), Some(2));
    }

    #[test]
    fn balanced_follows_the_weight() {
        // max cost 3, max duration 100.
        let p = pts(&[(128, 100.0, 1.0), (256, 60.0, 1.5), (512, 35.0, 3.0)]);
        // w = 0: duration only.
        assert_eq!(pick_balanced(&p, 0.0), Some(2));
        // w = 0.3: 0.8, 0.57, 0.545.
        assert_eq!(pick_balanced(&p, 0.3), Some(2));
        // w = 0.5: 0.667, 0.55, 0.675.
        assert_eq!(pick_balanced(&p, 0.5), Some(1));
        // w = 1: cost only.
        assert_eq!(pick_balanced(&p, 1.0), Some(0));
        // Clamped like the Analyzer.
        assert_eq!(pick_balanced(&p, -2.0), Some(2));
        assert_eq!(pick_balanced(&p, 9.0), Some(0));
        let v = balanced_value(&p[1], 0.3, 3.0, 100.0);
        assert_eq!(v, 0.3 * 1.5 / 3.0 + (1.0 - 0.3) * 60.0 / 100.0);
    }

    #[test]
    fn power_tunings_unit_test_stats() {
        // test-utils.js: power [1,2,3], duration [2,2,1], cost [3,2,2].
        let p = pts(&[(1, 2.0, 3.0), (2, 2.0, 2.0), (3, 1.0, 2.0)]);
        assert_eq!(
            Picks::of(&p, 0.5),
            Picks {
                cost: Some(2),
                speed: Some(2),
                balanced: Some(2)
            }
        );
        // All costs zero: every balanced value is NaN (0 / 0) in the Analyzer, its sort
        // sees only ties, and the first point listed stays first.
        let z = pts(&[(256, 2.0, 0.0), (128, 1.0, 0.0)]);
        assert_eq!(pick_balanced(&z, 0.5), Some(0));
        assert_eq!(pick_balanced(&z, 0.0), Some(0));
        assert_eq!(pick_speed(&z), Some(1));
    }

    /// The Analyzer's unit tests (`test/unit/test-lambda.js`, "analyzer"), replayed:
    /// (memory, averageDuration, averagePrice) in the stats' order, and the expected power.
    #[test]
    fn power_tunings_analyzer_cases() {
        type Pick = fn(&[TuningPoint]) -> Option<usize>;
        type Stats<'a> = &'a [(u32, f64, f64)];
        let by_memory = |p: &[TuningPoint], i: Option<usize>| i.map(|i| p[i].memory_mb);
        let cheapest = [(128, 100.0, 100.0), (256, 300.0, 200.0), (512, 200.0, 30.0)];
        let same_cost = [(128, 100.0, 100.0), (256, 90.0, 100.0), (512, 200.0, 300.0)];
        let fastest = [
            (128, 300.0, 100.0),
            (256, 200.0, 200.0),
            (512, 100.0, 300.0),
        ];
        let same_speed = [(128, 200.0, 100.0), (256, 200.0, 90.0), (512, 400.0, 300.0)];
        let cases: [(Stats, Pick, u32); 4] = [
            (&cheapest, pick_cost, 512),
            (&same_cost, pick_cost, 256),
            (&fastest, pick_speed, 512),
            (&same_speed, pick_speed, 256),
        ];
        for (stats, pick, want) in cases {
            let p = pts(stats);
            assert_eq!(by_memory(&p, pick(&p)), Some(want), "{stats:?}");
        }
        let balanced: [(Stats, f64, u32); 4] = [
            (&cheapest, 1.0, 512),
            (&fastest, 0.0, 512),
            (
                &[
                    (128, 300.0, 101.0),
                    (256, 200.0, 200.0),
                    (512, 101.0, 300.0),
                ],
                0.5,
                256,
            ),
            (
                &[
                    (128, 300.0, 100.0),
                    (256, 200.0, 200.0),
                    (512, 100.0, 300.0),
                    (1024, 50.0, 1000.0),
                ],
                0.3,
                512,
            ),
        ];
        for (stats, weight, want) in balanced {
            let p = pts(stats);
            assert_eq!(
                by_memory(&p, pick_balanced(&p, weight)),
                Some(want),
                "{stats:?} w={weight}"
            );
        }
    }

    #[test]
    fn a_full_tie_goes_to_the_first_in_order() {
        // The Analyzer's sort is stable: the first of equal points wins, whatever its size.
        let p = pts(&[(1024, 5.0, 1.0), (128, 5.0, 1.0), (512, 5.0, 1.0)]);
        assert_eq!(pick_cost(&p), Some(0));
        assert_eq!(pick_speed(&p), Some(0));
        assert_eq!(pick_balanced(&p, 0.5), Some(0));
        // Values equal only after rounding to Float32 are not a tie: compared as given.
        let (a, b) = (2.1e-9_f64 * 7.0, 2.1e-9_f64 * 7.0 + 1e-24);
        assert_eq!(a as f32, b as f32);
        let p = pts(&[(128, 5.0, b), (256, 5.0, a)]);
        assert_eq!(pick_cost(&p), Some(1));
    }

    #[test]
    fn weight_is_clamped() {
        assert_eq!(clamp_weight(-3.0), 0.0);
        assert_eq!(clamp_weight(7.0), 1.0);
        assert_eq!(clamp_weight(f64::NAN), 0.5);
        assert_eq!(clamp_weight(0.3), 0.3);
    }
}
