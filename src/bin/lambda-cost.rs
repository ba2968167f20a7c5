//! `lambda-cost`: the calculator's core on the command line.
//!
//!     lambda-cost bill '<link or fragment>' [--format json|markdown|csv]
//!     lambda-cost compare '<link or fragment>' [--format json|markdown|csv]
//!     lambda-cost tune <file | link | hash | -> ... [--weight W] [--label NAME]... [--link '<scenario link>'] [--format json|csv]
//!     lambda-cost fleet FILE [--free] [--format json|csv|markdown]
//!
//! `bill` prints the itemized monthly bill of a scenario link (for `compute=lmi`, the
//! Lambda Managed Instances bill). `compare` prices the link's workload on demand, with
//! provisioned concurrency, on Managed Instances and on Fargate: each total, the
//! cheapest and the request rates where the order changes. `tune` reads Power Tuning
//! results (output JSON, visualization link or hash; `-` reads stdin) and prints each run
//! with Power Tuning's picks; with `--link`, also the monthly bill at every memory size
//! and the scenario link carrying the runs. Bad input (including arguments that are not
//! UTF-8) exits with code 2 and a one-line message naming the link key, part or field.
//! A closed stdout (`| head`) ends the output quietly.

use lambda_cost::compute::{Compute, ScanRange};
use lambda_cost::export::{self, compute, json};
use lambda_cost::input::echo;
use lambda_cost::scenario::{fields, link};
use lambda_cost::tuning::{self, TuningRun};
use lambda_cost::RateCard;
use std::io::{self, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: lambda-cost bill|compare '<scenario link>' [--format json|markdown|csv] | \
     lambda-cost tune <file|link|hash|->... [--weight W] [--label NAME]... [--link '<link>'] [--format json|csv] | lambda-cost fleet FILE [--free]";

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
            "-h" | "--help" => {
                return Ok(format!(
                    "{USAGE}\n\nscenario link keys:\n{}",
                    fields::key_list()
                ))
            }
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
            if decoded.scenario.compute == Compute::ManagedInstances {
                let b = decoded.scenario.lmi_bill().map_err(first_error)?;
                for notice in &decoded.notices {
                    note(notice);
                }
                let s = &decoded.scenario;
                return Ok(match format {
                    Format::Json => compute::lmi_bill_json(s, &b),
                    Format::Markdown => compute::lmi_bill_markdown(s, &b),
                    Format::Csv => compute::lmi_bill_csv(s, &b),
                });
            }
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
                Format::Json => json::bill(&decoded.scenario, &bill, card),
                Format::Markdown => export::bill_markdown(&decoded.scenario, &bill),
                Format::Csv => export::bill_csv(&decoded.scenario, &bill),
            })
        }
        [cmd, link_text] if cmd == "compare" => {
            let decoded = link::decode(link_text).map_err(|e| e.to_string())?;
            let s = &decoded.scenario;
            let c = s
                .compare(RateCard::embedded(), &ScanRange::default())
                .map_err(first_error)?;
            for notice in &decoded.notices {
                note(notice);
            }
            Ok(match format {
                Format::Json => compute::comparison_json(s, &c),
                Format::Markdown => compute::comparison_markdown(s, &c),
                Format::Csv => compute::comparison_csv(&c),
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

/// The first problem, naming its link key.
fn first_error(errors: Vec<lambda_cost::input::InputError>) -> String {
    errors
        .first()
        .map(ToString::to_string)
        .unwrap_or_else(|| "invalid scenario".into())
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
        tuning::append_runs(&mut runs, import.runs).map_err(|e| format!("{shown}: {e}"))?;
        notices.extend(import.notices);
        if let Some(p) = import.optimal {
            optimal.push((runs.last().map(|r| r.label.clone()), p.memory_mb));
        }
    }
    if opts.labels.len() > runs.len() {
        return Err(format!(
            "--label: {} labels for {} runs",
            opts.labels.len(),
            runs.len()
        ));
    }
    for (i, (run, label)) in runs.iter_mut().zip(&opts.labels).enumerate() {
        run.rename(label, i);
    }
    if format == Format::Csv {
        for n in &notices {
            note(n);
        }
        return Ok(export::tuning_csv(&runs));
    }
    let scenario = match &opts.link {
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
    Ok(json::tuning(
        runs,
        weight,
        scenario,
        RateCard::embedded(),
        &notices,
        &optimal,
    ))
}
