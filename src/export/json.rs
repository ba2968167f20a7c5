//! The JSON the CLI prints, built here so that the page, the CLI and the tests share
//! one serializer.

use crate::pricing::Bill;
use crate::rates::RateCard;
use crate::scenario::{link, Scenario};
use crate::tuning::{self, TuningRun};
use serde_json::{json, Value};

/// The bill of `s` as the CLI's `bill` prints it: `total_usd` (the sum of the
/// cent-rounded lines), `exact_usd`, per-invocation figures, each line, the rates'
/// date, `rates_unconfirmed` (the names of the rates used that no source confirms; empty
/// when all are), `unconfirmed_rates` (each with why), the bill's `notices` and the
/// normalized `link`.
pub fn bill(s: &Scenario, bill: &Bill, card: &RateCard) -> String {
    let lines: Vec<_> = bill
        .lines
        .iter()
        .map(|l| {
            json!({
                "item": l.item.key(),
                "label": l.item.label(),
                "quantity": l.quantity,
                "free_quantity": l.free,
                "unit": l.unit.as_str(),
                "rate_usd": l.rate,
                "cost_usd": l.cents() as f64 / 100.0,
                "exact_usd": l.exact_usd,
            })
        })
        .collect();
    let unconfirmed = super::unconfirmed(s, bill, card);
    let notices: Vec<_> = bill
        .notices
        .iter()
        .map(|n| json!({ "key": n.key(), "message": n.message() }))
        .collect();
    let out = json!({
        "link": link::to_fragment(s),
        "region": s.region,
        "arch": s.arch.as_str(),
        "currency": card.currency,
        "rates_as_of": card.as_of,
        "total_usd": bill.total_usd(),
        "exact_usd": bill.exact_usd(),
        "per_invocation_usd": bill.per_invocation_usd(),
        "per_million_invocations_usd": bill.per_invocation_usd().map(|c| c * 1e6),
        "lines": lines,
        "notices": notices,
        "rates_unconfirmed": unconfirmed.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(),
        "unconfirmed_rates": unconfirmed
            .iter()
            .map(|u| json!({
                "name": u.name,
                "confidence": match u.confidence {
                    crate::rates::Confidence::Derived => "derived",
                    crate::rates::Confidence::Uncertain => "uncertain",
                },
                "why": u.why,
            }))
            .collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

/// Power Tuning runs as the CLI's `tune` prints them: each run's points and Power
/// Tuning's picks at `weight`; with a scenario, every point's monthly bill, where Power
/// Tuning's price disagrees with the rate card, the change against the scenario, a
/// comparison of the first two runs and the scenario link carrying the runs.
/// `reported_optimal` is what the outputs named as optimal: (run label, memory MB).
pub fn tuning(
    runs: Vec<TuningRun>,
    weight: f64,
    mut scenario: Option<Scenario>,
    card: &RateCard,
    notices: &[String],
    reported_optimal: &[(Option<String>, u32)],
) -> String {
    let optimal: Vec<Value> = reported_optimal
        .iter()
        .map(|(label, memory)| json!({"label": label, "memory": memory}))
        .collect();
    let basis = scenario.as_ref().map(|s| s.tuning_basis(card));
    let mut out_runs = Vec::new();
    let mut analyses = Vec::new();
    for run in &runs {
        let picks = tuning::Picks::of_run(run, weight);
        let memory_at = |i: Option<usize>| i.and_then(|i| run.points.get(i)).map(|p| p.memory_mb);
        let mut picks_json = json!({
            "cost": memory_at(picks.cost),
            "speed": memory_at(picks.speed),
            "balanced": memory_at(picks.balanced),
        });
        let analysis = basis.as_ref().map(|b| tuning::analyze(run, b, weight));
        let points: Vec<Value> = run
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut o = json!({
                    "memory": p.memory_mb,
                    "duration_ms": p.duration_ms,
                    "cost_per_invocation": p.cost_per_invocation,
                    "cost_per_million": p.cost_per_million(),
                });
                if let Some(a) = analysis.as_ref().and_then(|a| a.points.get(i)) {
                    match &a.bill {
                        Ok(b) => {
                            o["monthly_usd"] = json!(b.total_usd());
                            o["monthly_exact_usd"] = json!(b.exact_usd());
                        }
                        Err(m) => o["monthly_error"] = json!(m),
                    }
                    o["rate_card_cost_per_invocation"] = json!(a.rate_card_cost);
                    if let Some(d) = &a.disagreement {
                        o["disagreement"] = json!({"ratio": d.ratio, "message": d.message()});
                    }
                    if let Some(d) = &a.delta {
                        o["delta"] = json!({
                            "cost_change": d.cost_change,
                            "duration_change": d.duration_change,
                            "text": d.describe(),
                        });
                    }
                }
                o
            })
            .collect();
        let mut run_notices = Vec::new();
        if let Some(a) = &analysis {
            picks_json["monthly"] = json!(a.memory_at(a.monthly_pick));
            run_notices.extend(a.notices.iter().cloned());
        }
        out_runs.push(json!({
            "label": run.label,
            "arch": run.arch.map(|a| a.as_str()),
            "priced_as": analysis.as_ref().map(|a| a.arch.as_str()),
            "currency": run.currency.as_str(),
            "points": points,
            "picks": picks_json,
            "notices": run_notices,
        }));
        analyses.extend(analysis);
    }
    let mut out = json!({
        "weight": weight,
        "runs": out_runs,
        "notices": notices,
        "reported_optimal": optimal,
    });
    if let [a, b, ..] = analyses.as_slice() {
        let c = tuning::compare_runs(a, b);
        let row = |m: &tuning::MemoryComparison| {
            json!({
                "a_memory": m.a_memory_mb,
                "b_memory": m.b_memory_mb,
                "a_monthly_usd": m.a_cents as f64 / 100.0,
                "b_monthly_usd": m.b_cents as f64 / 100.0,
                "difference_usd": m.difference_cents as f64 / 100.0,
                "difference_pct": m.difference_pct.map(|p| p * 100.0),
                "text": m.describe(&c.a_label, &c.b_label),
            })
        };
        out["comparison"] = json!({
            "a": c.a_label,
            "b": c.b_label,
            "per_memory": c.per_memory.iter().map(row).collect::<Vec<_>>(),
            "at_best": c.at_best.as_ref().map(row),
        });
    }
    if let Some(s) = scenario.as_mut() {
        s.tuning = runs;
        s.tuning_weight = weight;
        out["link"] = json!(link::to_fragment(s));
    }
    serde_json::to_string_pretty(&out).unwrap_or_default()
}
