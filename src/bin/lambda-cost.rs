//! `lambda-cost`: the calculator's core on the command line.
//!
//!     lambda-cost bill '<link or fragment>' [--format json|markdown|csv]
//!     lambda-cost tune <file | link | hash | -> ... [--weight W] [--label NAME]... [--link '<scenario link>'] [--format json|csv]
//!     lambda-cost fleet FILE [--free] [--format json|csv|markdown]
//!
//! `bill` prints the itemized monthly bill of a scenario link. `tune` reads Power Tuning
//! results (output JSON, visualization link or hash; `-` reads stdin) and prints each run
//! with Power Tuning's picks; with `--link`, also the monthly bill at every memory size
//! and the scenario link carrying the runs. Bad input (including arguments that are not
//! UTF-8) exits with code 2 and a one-line message naming the link key, part or field.
//! A closed stdout (`| head`) ends the output quietly.

use lambda_cost::export;
use lambda_cost::input::echo;
use lambda_cost::scenario::link;
use lambda_cost::tuning::{self, TuningRun};
use lambda_cost::{Bill, RateCard, Scenario};
use serde_json::{json, Value};
use std::io::{self, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: lambda-cost bill '<scenario link>' [--format json|markdown|csv] | \
     lambda-cost tune <file|link|hash|->... [--weight W] [--label NAME]... [--link '<scenario link>'] [--format json|csv] | lambda-cost fleet FILE [--free]";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Markdown,
    Csv,
}

fn main() -> ExitCode {
    // `args()` would panic on an argument that is not UTF-8.
    let args: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect();
    let result = match args {
        Ok(args) => run(args),
        Err(bad) => Err(format!(
            "the argument \"{}\" is not valid UTF-8",
            echo(&bad.to_string_lossy(), 40)
        )),
    };
    match result {
        Ok(out) => print_out(&out),
        Err(message) => {
            let _ = writeln!(io::stderr().lock(), "lambda-cost: {message}");
            ExitCode::from(2)
        }
    }
}

/// Writes the output, ending with one line break. A reader that went away (`| head`)
/// is not an error; another write error is reported with code 1.
fn print_out(out: &str) -> ExitCode {
    let mut stdout = io::stdout().lock();
    let written = stdout
        .write_all(out.as_bytes())
        .and_then(|()| {
            if out.ends_with('\n') {
                Ok(())
            } else {
                stdout.write_all(b"\n")
            }
        })
        .and_then(|()| stdout.flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr().lock(), "lambda-cost: stdout: {e}");
            ExitCode::from(1)
        }
    }
}

/// A note on stderr; a closed stderr is not worth failing for.
fn note(text: &str) {
    let _ = writeln!(io::stderr().lock(), "lambda-cost: note: {text}");
}

fn run(args: Vec<String>) -> Result<String, String> {
    let mut format = Format::Json;
    let mut positional = Vec::new();
    let mut tune = TuneOptions::default();
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(USAGE.to_string()),
            "--weight" => {
                let text = it.next().ok_or("--weight: needs a number from 0 to 1")?;
                tune.weight = Some(
                    text.trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|w| (0.0..=1.0).contains(w))
                        .ok_or_else(|| {
                            format!(
                                "--weight: \"{}\" is not a number from 0 to 1",
                                echo(&text, 24)
                            )
                        })?,
                );
            }
            "--label" => tune.labels.push(it.next().ok_or("--label: needs a name")?),
            "--free" => tune.free = true,
            "--link" => tune.link = Some(it.next().ok_or("--link: needs a scenario link")?),
            "--format" => {
                format = match it.next().as_deref() {
                    Some("json") => Format::Json,
                    Some("markdown" | "md") => Format::Markdown,
                    Some("csv") => Format::Csv,
                    Some(other) => {
                        return Err(format!(
                            "--format: unknown format \"{}\" (json, markdown or csv)",
                            echo(other, 24)
                        ))
                    }
                    None => return Err("--format: needs json, markdown or csv".into()),
                }
            }
            _ if arg.starts_with("--") => {
                return Err(format!("unknown option {}; {USAGE}", echo(&arg, 40)))
            }
            _ => positional.push(arg),
        }
    }
    match positional.as_slice() {
        [cmd, link_text] if cmd == "bill" => {
            let decoded = link::decode(link_text).map_err(|e| e.to_string())?;
            let card = RateCard::embedded();
            let bill = decoded.scenario.bill(card).map_err(|errors| {
                errors
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_else(|| "invalid scenario".into())
            })?;
            for notice in &decoded.notices {
                note(notice);
            }
            Ok(match format {
                Format::Json => bill_json(&decoded.scenario, &bill, card),
                Format::Markdown => export::bill_markdown(&decoded.scenario, &bill),
                Format::Csv => export::bill_csv(&decoded.scenario, &bill),
            })
        }
        [cmd, sources @ ..] if cmd == "tune" && !sources.is_empty() => {
            if format == Format::Markdown {
                return Err("tune: JSON or CSV output only".into());
            }
            run_tune(sources, tune, format)
        }
        [cmd, file] if cmd == "fleet" => run_fleet(file, tune.free, format),
        _ => Err(USAGE.to_string()),
    }
}

/// `fleet FILE [--free]`: every function of a CUR, Compute Optimizer or functions CSV
/// file priced, the fleet total with tiers aggregated, and the what-ifs' savings.
fn run_fleet(path: &str, free_tier: bool, format: Format) -> Result<String, String> {
    use lambda_cost::fleet;
    let shown = echo(path, 40);
    let bytes = std::fs::read(path).map_err(|e| format!("{shown}: {e}"))?;
    let card = RateCard::embedded();
    let import = fleet::parse(&bytes, card).map_err(|e| format!("{shown}: {e}"))?;
    for b in import.bad_rows.iter().take(20) {
        note(&format!("{shown}: {b}"));
    }
    if import.bad_row_count > 20 {
        note(&format!(
            "{shown}: {} rows skipped in all",
            import.bad_row_count
        ));
    }
    let options = fleet::WhatIfOptions {
        free_tier,
        ..fleet::WhatIfOptions::default()
    };
    let report = fleet::Report::new(import, card, options);
    Ok(match format {
        Format::Json => serde_json::to_string_pretty(&fleet::export::report_json(&report, card))
            .unwrap_or_default(),
        Format::Markdown => fleet::export::report_markdown(&report),
        Format::Csv => fleet::export::report_csv(&report),
    })
}

#[derive(Default)]
struct TuneOptions {
    weight: Option<f64>,
    labels: Vec<String>,
    link: Option<String>,
    /// `fleet --free`: the account's free tier, applied once.
    free: bool,
}

/// A file, `-` (stdin) or the text itself (a link, a hash or JSON).
fn read_source(source: &str) -> Result<String, String> {
    let limit = tuning::MAX_INPUT_BYTES as u64;
    let shown = echo(source, 40);
    let too_large = || format!("{shown}: the input is larger than 1 MB");
    let mut text = String::new();
    if source == "-" {
        std::io::stdin()
            .take(limit + 1)
            .read_to_string(&mut text)
            .map_err(|e| format!("stdin: {e}"))?;
    } else if std::path::Path::new(source).is_file() {
        let file = std::fs::File::open(source).map_err(|e| format!("{shown}: {e}"))?;
        file.take(limit + 1)
            .read_to_string(&mut text)
            .map_err(|e| format!("{shown}: {e}"))?;
    } else {
        return Ok(source.to_string());
    }
    if text.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(text)
}

fn run_tune(sources: &[String], opts: TuneOptions, format: Format) -> Result<String, String> {
    let mut runs: Vec<TuningRun> = Vec::new();
    let mut notices = Vec::new();
    let mut optimal = Vec::new();
    for source in sources {
        let text = read_source(source)?;
        let shown = echo(source, 40);
        let import = tuning::parse(&text).map_err(|e| format!("{shown}: {e}"))?;
        for (i, mut run) in import.runs.into_iter().enumerate() {
            if run.label == tuning::default_label(i) {
                run.label = tuning::default_label(runs.len());
                run.arch = tuning::arch_of_label(&run.label);
            }
            runs.push(run);
        }
        notices.extend(import.notices);
        if let Some(p) = import.optimal {
            optimal.push(
                json!({"label": runs.last().map(|r| r.label.clone()), "memory": p.memory_mb}),
            );
        }
    }
    if runs.len() > tuning::MAX_RUNS {
        return Err(format!("more than {} runs", tuning::MAX_RUNS));
    }
    if opts.labels.len() > runs.len() {
        return Err(format!(
            "--label: {} labels for {} runs",
            opts.labels.len(),
            runs.len()
        ));
    }
    for (run, label) in runs.iter_mut().zip(&opts.labels) {
        run.label = label.clone();
        run.arch = tuning::arch_of_label(label);
    }
    if format == Format::Csv {
        for n in &notices {
            note(n);
        }
        return Ok(export::tuning_csv(&runs));
    }
    let card = RateCard::embedded();
    let mut scenario = match &opts.link {
        Some(text) => {
            let decoded = link::decode(text).map_err(|e| format!("--link: {e}"))?;
            notices.extend(decoded.notices);
            Some(decoded.scenario)
        }
        None => None,
    };
    let weight = opts
        .weight
        .or(scenario.as_ref().map(|s| s.tuning_weight))
        .unwrap_or(tuning::DEFAULT_WEIGHT);
    let mut out_runs = Vec::new();
    let mut analyses = Vec::new();
    for run in &runs {
        let picks = tuning::Picks::of(&run.points, weight);
        let memory_at = |i: Option<usize>| i.and_then(|i| run.points.get(i)).map(|p| p.memory_mb);
        let mut picks_json = json!({
            "cost": memory_at(picks.cost),
            "speed": memory_at(picks.speed),
            "balanced": memory_at(picks.balanced),
        });
        let analysis = scenario
            .as_ref()
            .map(|s| tuning::analyze_run(s, run, card, weight));
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
    Ok(serde_json::to_string_pretty(&out).unwrap_or_default())
}

fn bill_json(s: &Scenario, bill: &Bill, card: &RateCard) -> String {
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
    });
    serde_json::to_string_pretty(&out).unwrap_or_default()
}
