//! Exports: results as portable text, for the page's export buttons and the CLI.
//!
//! - CSV follows RFC 4180: comma-separated, CRLF line ends, a field with `,`, `"`, CR
//!   or LF quoted with its quotes doubled. Numbers are plain decimals (no thousands
//!   separators, no `$`, never an exponent) so spreadsheets read them as numbers.
//!   Text that comes from the user (region, run labels) is defused against formula
//!   injection: a text cell starting with `=`, `+`, `-`, `@`, tab, CR or LF (or their
//!   full-width forms) gets a leading `'`. Number cells are never touched, so the
//!   discount line's negative cost stays a number.
//! - Markdown is a GitHub-flavored table. Cells escape `\`, `|` and the characters that
//!   would make markup (`<`, `[`, `*`, …), so a label such as `<img src=x onerror=…>`
//!   shows as text; line breaks become spaces.

pub mod compute;
pub mod embed;
pub mod file;
pub mod json;

use crate::model::SweepPoint;
use crate::money;
use crate::pricing::{self, Bill, Line};
use crate::rates::{RateCard, UnconfirmedRate};
use crate::scenario::{link, Scenario};
use crate::tuning::TuningRun;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Decimals kept for quantities and durations (a GB-s to a micro-GB-s).
const QUANTITY_DECIMALS: usize = 6;
/// Decimals kept for unit rates (AWS's smallest, $0.0000000309 per GB-s, has 10).
const RATE_DECIMALS: usize = 15;
/// Decimals kept for exact (unrounded) dollar amounts.
const EXACT_DECIMALS: usize = 10;

/// The rates `bill` used in the scenario's region that no source confirms, less those the
/// user entered: what `rates_unconfirmed` and the notes below a bill name.
pub fn unconfirmed(s: &Scenario, bill: &Bill, card: &RateCard) -> Vec<UnconfirmedRate> {
    pricing::unconfirmed_rates(bill, s.arch, card, &s.region, &s.rate_overrides)
}

/// What a reader of the bill must know besides its lines, one sentence each: the bill's
/// notices, then the rates it used that AWS's price list does not confirm (with why).
pub fn bill_notes(s: &Scenario, bill: &Bill) -> Vec<String> {
    let mut notes: Vec<String> = bill
        .notices
        .iter()
        .map(|n| n.message().to_string())
        .collect();
    let unconfirmed = unconfirmed(s, bill, RateCard::embedded());
    if !unconfirmed.is_empty() {
        let named: Vec<String> = unconfirmed
            .iter()
            .map(|u| format!("{} ({})", u.name, u.why))
            .collect();
        notes.push(format!(
            "Rates not confirmed by AWS's price list, used as the best estimate: {}.",
            named.join("; ")
        ));
    }
    notes
}

/// The bill as CSV: a header, one row per line, then a total row. Columns: `region`,
/// `arch`, `item` (the line's label), `quantity` (billable, after the free tier),
/// `unit`, `free_quantity`, `rate_usd_per_unit`, `cost_usd` (rounded to cents, as
/// billed) and `exact_usd`. The total's `cost_usd` is the sum of the rounded lines.
/// Notes (`bill_notes`) follow as rows whose `item` is the sentence, other cells empty.
pub fn bill_csv(s: &Scenario, bill: &Bill) -> String {
    let mut csv = BillCsv::new(
        ("arch", s.arch.as_str()),
        &["quantity", "unit", "free_quantity", "rate_usd_per_unit"],
        &s.region,
    );
    for l in &bill.lines {
        csv.line(
            &l.item.label(),
            [
                Cell::Number(decimal(l.quantity, QUANTITY_DECIMALS)),
                Cell::Text(l.unit.as_str()),
                Cell::Number(decimal(l.free, QUANTITY_DECIMALS)),
                Cell::Number(decimal(l.rate, RATE_DECIMALS)),
            ],
            l.cents(),
            l.exact_usd,
        );
    }
    csv.total(bill.total_cents(), bill.exact_usd());
    for note in bill_notes(s, bill) {
        csv.note(&note);
    }
    csv.finish()
}

/// The shell of a bill as CSV: every row opens with the region, what the bill is for
/// (`arch`, `instance_type`) and the `item`, and closes with `cost_usd` (cent-rounded,
/// as billed) and `exact_usd`; a line fills the columns between. The total row's cost
/// is the sum of the rounded lines; a note row is the sentence alone.
pub(crate) struct BillCsv<'a> {
    csv: Csv,
    region: &'a str,
    of: &'a str,
    /// Columns between `item` and `cost_usd`.
    between: usize,
}

impl<'a> BillCsv<'a> {
    /// The header: `region`, `(column, _)` of `of`, `item`, `between`, `cost_usd`,
    /// `exact_usd`.
    pub(crate) fn new(of: (&str, &'a str), between: &[&str], region: &'a str) -> Self {
        let mut header = vec!["region", of.0, "item"];
        header.extend_from_slice(between);
        header.extend(["cost_usd", "exact_usd"]);
        BillCsv {
            csv: Csv::new(&header),
            region,
            of: of.1,
            between: between.len(),
        }
    }

    fn row<'c>(&mut self, item: &'c str, rest: impl IntoIterator<Item = Cell<'c>>)
    where
        'a: 'c,
    {
        let mut cells = vec![
            Cell::Text(self.region),
            Cell::Text(self.of),
            Cell::Text(item),
        ];
        cells.extend(rest);
        self.csv.row(&cells);
    }

    pub(crate) fn line<const N: usize>(
        &mut self,
        item: &str,
        between: [Cell; N],
        cents: i64,
        exact_usd: f64,
    ) {
        self.row(
            item,
            between.into_iter().chain(cost_cells(cents, exact_usd)),
        );
    }

    pub(crate) fn total(&mut self, cents: i64, exact_usd: f64) {
        let empty = std::iter::repeat_n(Cell::Number(String::new()), self.between);
        self.row("Total", empty.chain(cost_cells(cents, exact_usd)));
    }

    pub(crate) fn note(&mut self, note: &str) {
        let empty = std::iter::repeat_n(Cell::Number(String::new()), self.between + 2);
        self.row(&format!("Note: {note}"), empty);
    }

    pub(crate) fn finish(self) -> String {
        self.csv.finish()
    }
}

/// `cost_usd` (cent-rounded) and `exact_usd`.
fn cost_cells(cents: i64, exact_usd: f64) -> [Cell<'static>; 2] {
    [
        Cell::Number(cents_plain(cents)),
        Cell::Number(decimal(exact_usd, EXACT_DECIMALS)),
    ]
}

/// The bill as Markdown: a sentence naming the scenario, a table with one row per line
/// and a total row, the notes (`bill_notes`) as quotes, and the scenario link (the `#…` fragment).
pub fn bill_markdown(s: &Scenario, bill: &Bill) -> String {
    let mut out = format!(
        "Monthly AWS Lambda bill: {} {}, {} MB, {} ms, {} requests/month\n\n",
        md_cell(&s.region),
        s.arch,
        s.memory_mb,
        money::format_quantity(s.duration_ms, 3),
        money::format_quantity(s.requests, 0)
    );
    out.push_str(
        "| Line | Quantity | Unit | Free | Rate (USD per unit) | Cost | Exact cost |\n\
         |---|---:|---|---:|---:|---:|---:|\n",
    );
    for l in &bill.lines {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            md_cell(&l.item.label()),
            quantity_text(l, l.quantity),
            l.unit.as_str(),
            quantity_text(l, l.free),
            money::format_rate(l.rate),
            money::format_cents(l.cents()),
            exact_usd_text(l.exact_usd),
        );
    }
    let _ = writeln!(
        out,
        "| **Total** | | | | | **{}** | {} |",
        money::format_cents(bill.total_cents()),
        exact_usd_text(bill.exact_usd())
    );
    for note in bill_notes(s, bill) {
        let _ = writeln!(out, "\n> {}", md_cell(&note));
    }
    let _ = writeln!(out, "\nScenario: `{}`", link::to_fragment(s));
    out
}

/// One row per memory size of either sweep (ascending), or only the sizes in `only`.
fn sweep_rows<'a>(
    x86_64: &'a [SweepPoint],
    arm64: &'a [SweepPoint],
    only: Option<&[u32]>,
) -> BTreeMap<u32, [Option<&'a SweepPoint>; 2]> {
    let mut rows: BTreeMap<u32, [Option<&SweepPoint>; 2]> = BTreeMap::new();
    for (side, points) in [x86_64, arm64].into_iter().enumerate() {
        for p in points {
            if only.is_none_or(|sizes| sizes.contains(&p.memory_mb)) {
                rows.entry(p.memory_mb).or_default()[side] = Some(p);
            }
        }
    }
    rows
}

/// Monthly cost and duration by memory size on both architectures, as CSV: columns
/// `memory_mb`, `x86_64_duration_ms`, `x86_64_monthly_usd`, `arm64_duration_ms`,
/// `arm64_monthly_usd`. A size only one sweep has leaves the other's cells empty;
/// `only` keeps just those sizes (sizes neither sweep has are left out).
pub fn sweep_csv(x86_64: &[SweepPoint], arm64: &[SweepPoint], only: Option<&[u32]>) -> String {
    let mut csv = Csv::new(&[
        "memory_mb",
        "x86_64_duration_ms",
        "x86_64_monthly_usd",
        "arm64_duration_ms",
        "arm64_monthly_usd",
    ]);
    for (memory, sides) in sweep_rows(x86_64, arm64, only) {
        let mut cells = vec![Cell::Number(memory.to_string())];
        for p in sides {
            cells.push(Cell::Number(p.map_or(String::new(), |p| {
                decimal(p.duration_ms, QUANTITY_DECIMALS)
            })));
            cells.push(Cell::Number(p.map_or(String::new(), |p| {
                cents_plain(money::to_cents(p.monthly_usd))
            })));
        }
        csv.row(&cells);
    }
    csv.finish()
}

/// The same table as `sweep_csv`, in Markdown, with units (`1,024 MB`, `$12.34`);
/// a size only one sweep has shows `n/a` on the other side.
pub fn sweep_markdown(x86_64: &[SweepPoint], arm64: &[SweepPoint], only: Option<&[u32]>) -> String {
    let mut out = String::from(
        "| Memory | x86_64 duration | x86_64 monthly | arm64 duration | arm64 monthly |\n\
         |---:|---:|---:|---:|---:|\n",
    );
    for (memory, sides) in sweep_rows(x86_64, arm64, only) {
        let _ = write!(out, "| {} MB |", money::format_quantity(memory as f64, 0));
        for p in sides {
            match p {
                Some(p) => {
                    let _ = write!(
                        out,
                        " {} ms | {} |",
                        money::format_quantity(p.duration_ms, 3),
                        money::format_usd(p.monthly_usd)
                    );
                }
                None => out.push_str(" n/a | n/a |"),
            }
        }
        out.push('\n');
    }
    out
}

/// Power Tuning runs as CSV, one row per memory size: `label`, `memory_mb`,
/// `duration_ms`, `cost_per_invocation`, `cost_per_million`, `currency` (the costs are
/// in the run's currency: USD, or CNY for China regions). Values are written at the
/// precision they came with: Float32 from a visualization link, the JSON's own numbers
/// from Power Tuning's output.
pub fn tuning_csv(runs: &[TuningRun]) -> String {
    let mut csv = Csv::new(&[
        "label",
        "memory_mb",
        "duration_ms",
        "cost_per_invocation",
        "cost_per_million",
        "currency",
    ]);
    for run in runs {
        for p in &run.points {
            csv.row(&[
                Cell::Text(&run.label),
                Cell::Number(p.memory_mb.to_string()),
                Cell::Number(measured(p.duration_ms, p.duration_ms)),
                Cell::Number(measured(p.cost_per_invocation, p.cost_per_invocation)),
                Cell::Number(measured(p.cost_per_million(), p.cost_per_invocation)),
                Cell::Text(run.currency.as_str()),
            ]);
        }
    }
    csv.finish()
}

/// Power Tuning runs priced at the scenario, as CSV: what `tuning_csv` writes plus the
/// run's `arch` as priced, `monthly_usd` (the bill at this size, empty when it cannot be
/// priced) and `picks`, the ones the page shows at this size, space-separated:
/// `lowest_bill`, `cost`, `speed`, `balanced` (at the weight the analysis used).
pub fn tuning_priced_csv(runs: &[crate::tuning::RunAnalysis]) -> String {
    let mut csv = Csv::new(&[
        "label",
        "arch",
        "memory_mb",
        "duration_ms",
        "cost_per_invocation",
        "cost_per_million",
        "currency",
        "monthly_usd",
        "picks",
    ]);
    for run in runs {
        for (i, a) in run.points.iter().enumerate() {
            let p = &a.point;
            let picks: Vec<&str> = [
                ("lowest_bill", run.monthly_pick),
                ("cost", run.picks.cost),
                ("speed", run.picks.speed),
                ("balanced", run.picks.balanced),
            ]
            .iter()
            .filter(|(_, at)| *at == Some(i))
            .map(|(name, _)| *name)
            .collect();
            let picks = picks.join(" ");
            csv.row(&[
                Cell::Text(&run.label),
                Cell::Text(run.arch.as_str()),
                Cell::Number(p.memory_mb.to_string()),
                Cell::Number(measured(p.duration_ms, p.duration_ms)),
                Cell::Number(measured(p.cost_per_invocation, p.cost_per_invocation)),
                Cell::Number(measured(p.cost_per_million(), p.cost_per_invocation)),
                Cell::Text(run.currency.as_str()),
                Cell::Number(a.monthly_cents().map(cents_plain).unwrap_or_default()),
                Cell::Text(&picks),
            ]);
        }
    }
    csv.finish()
}

/// A CSV cell: text (quoted and defused as needed) or a number already formatted.
#[derive(Clone)]
pub(crate) enum Cell<'a> {
    Text(&'a str),
    Number(String),
}

pub(crate) struct Csv {
    out: String,
}

impl Csv {
    pub(crate) fn new(header: &[&str]) -> Csv {
        let mut csv = Csv { out: String::new() };
        let cells: Vec<Cell> = header.iter().map(|h| Cell::Text(h)).collect();
        csv.row(&cells);
        csv
    }

    pub(crate) fn row(&mut self, cells: &[Cell]) {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            match cell {
                Cell::Text(t) => csv_field(&mut self.out, &defuse(t)),
                Cell::Number(n) => csv_field(&mut self.out, n),
            }
        }
        self.out.push_str("\r\n");
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// Appends a field, quoted when it holds `,`, `"`, CR or LF (RFC 4180).
fn csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// A leading `'` on text a spreadsheet would run as a formula (OWASP's CSV injection
/// advice, plus the full-width signs some spreadsheets also accept).
fn defuse(text: &str) -> std::borrow::Cow<'_, str> {
    const TRIGGERS: [char; 11] = [
        '=', '+', '-', '@', '\t', '\r', '\n', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
    ];
    if text.starts_with(TRIGGERS) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// A Markdown table cell showing `text` as it is: markup characters backslash-escaped
/// (CommonMark allows it for any ASCII punctuation), line breaks and tabs as spaces,
/// other control and bidirectional-override characters as U+FFFD.
pub(crate) fn md_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                out.push('\u{fffd}')
            }
            c => out.push(c),
        }
    }
    out
}

/// A quantity for people: `7,440,000`, `140,000.5`, or `$12.34` for the discount's base.
fn quantity_text(l: &Line, q: f64) -> String {
    match l.unit {
        crate::pricing::Unit::Usd => exact_usd_text(q),
        _ => money::format_quantity(q, QUANTITY_DECIMALS),
    }
}

/// `$248.000496`, `-$42.16`: dollars with up to 10 decimals, at least 2.
fn exact_usd_text(usd: f64) -> String {
    if !usd.is_finite() {
        return "n/a".into();
    }
    let digits = decimal(usd.abs(), EXACT_DECIMALS);
    let digits = match digits.split_once('.') {
        None => format!("{digits}.00"),
        Some((_, frac)) if frac.len() < 2 => format!("{digits}{}", "0".repeat(2 - frac.len())),
        _ => digits,
    };
    let sign = if usd < 0.0 && digits.bytes().any(|b| matches!(b, b'1'..=b'9')) {
        "-"
    } else {
        ""
    };
    format!("{sign}${digits}")
}

/// A plain decimal with at most `decimals` decimals, trailing zeros dropped, never an
/// exponent, never `-0`; empty for a non-finite value.
pub(crate) fn decimal(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let mut s = format!("{v:.decimals$}");
    if s.contains('.') {
        let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(trimmed);
    }
    if s == "-0" {
        s.remove(0);
    }
    s
}

/// Cents as a plain decimal: `249.49`, `-0.67`.
pub(crate) fn cents_plain(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// The shortest decimal that reads back as the same Float32 (Power Tuning's precision),
/// so 0.1 measured is written 0.1, not 0.10000000149011612.
/// `v` at the precision of the measurement it comes from, `source`: a value that a
/// Float32 holds exactly came from a visualization link's Float32 arrays and is written
/// as the shortest Float32 text (`0.1`, not `0.10000000149011612`); any other at its
/// shortest f64 text, so output JSON's numbers come out as Power Tuning wrote them.
fn measured(v: f64, source: f64) -> String {
    if f64::from(source as f32) == source {
        float32(v)
    } else if v.is_finite() {
        format!("{v}")
    } else {
        String::new()
    }
}

fn float32(v: f64) -> String {
    let f = v as f32;
    if !f.is_finite() {
        return String::new();
    }
    if f == 0.0 {
        return "0".into();
    }
    format!("{f}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SweepPoint;
    use crate::tuning::{Currency, TuningPoint};
    use crate::RateCard;

    const TELEMETRY: &str = "#memory=1024&duration=2000&requests=7440000";

    fn telemetry() -> (Scenario, Bill) {
        let s = link::decode(TELEMETRY).unwrap().scenario;
        let b = s.bill(RateCard::embedded()).unwrap();
        (s, b)
    }

    /// Output JSON's numbers are f64 and come out as written; a visualization link's
    /// Float32 values as their shortest Float32 text.
    #[test]
    fn tuning_csv_keeps_each_value_at_its_own_precision() {
        let run = |duration_ms: f64, cost: f64| TuningRun {
            label: "r".into(),
            points: vec![TuningPoint {
                memory_mb: 1024,
                duration_ms,
                cost_per_invocation: cost,
            }],
            input_order: Vec::new(),
            currency: Currency::Usd,
            arch: None,
        };
        let json = tuning_csv(&[run(12.345678901, 0.000000208333333)]);
        assert!(
            json.ends_with("r,1024,12.345678901,0.000000208333333,0.208333333,USD\r\n"),
            "{json}"
        );
        let link = tuning_csv(&[run(f64::from(0.1f32), f64::from(2.1e-9f32))]);
        assert!(
            link.ends_with("r,1024,0.1,0.0000000021,0.0021,USD\r\n"),
            "{link}"
        );
    }

    #[test]
    fn priced_tuning_csv_carries_bills_and_picks() {
        let card = crate::RateCard::embedded();
        let s = Scenario::default();
        let points = vec![
            crate::tuning::TuningPoint {
                memory_mb: 128,
                duration_ms: 1000.0,
                cost_per_invocation: 2.1e-6,
            },
            crate::tuning::TuningPoint {
                memory_mb: 2048,
                duration_ms: 100.0,
                cost_per_invocation: 3.36e-6,
            },
        ];
        let run = TuningRun::new("=x86", points, crate::tuning::Currency::Usd, |_| {
            String::new()
        })
        .unwrap();
        let a = crate::scenario::analyze_run(&s, &run, card, 0.5);
        let csv = tuning_priced_csv(std::slice::from_ref(&a));
        let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(rows[0], "label,arch,memory_mb,duration_ms,cost_per_invocation,cost_per_million,currency,monthly_usd,picks");
        let bill = |i: usize| {
            let c = a.points[i].monthly_cents().unwrap();
            format!("{}.{:02}", c / 100, c % 100)
        };
        // 1M requests at 128 MB and 1,000 ms: $0.20 + 125,000 GB-s = $2.28.
        assert_eq!(bill(0), "2.28");
        // Costs per million are written at Float32 precision, as `tuning_csv` does.
        let cells = |r: &str| r.split(',').map(str::to_string).collect::<Vec<_>>();
        let (one, two) = (cells(rows[1]), cells(rows[2]));
        assert_eq!(one[..5], ["'=x86", "x86_64", "128", "1000", "0.0000021"]);
        assert_eq!(
            one[6..],
            ["USD".to_string(), bill(0), "lowest_bill cost".into()]
        );
        assert_eq!(two[..5], ["'=x86", "x86_64", "2048", "100", "0.00000336"]);
        assert_eq!(
            two[6..],
            ["USD".to_string(), bill(1), "speed balanced".into()]
        );
    }

    #[test]
    fn telemetry_bill_as_csv() {
        let (s, b) = telemetry();
        assert_eq!(
            bill_csv(&s, &b),
            "region,arch,item,quantity,unit,free_quantity,rate_usd_per_unit,cost_usd,exact_usd\r\n\
             us-east-1,x86_64,Requests,7440000,requests,0,0.0000002,1.49,1.488\r\n\
             us-east-1,x86_64,Duration,14880000,GB-s,0,0.0000166667,248.00,248.000496\r\n\
             us-east-1,x86_64,Total,,,,,249.49,249.488496\r\n"
        );
    }

    #[test]
    fn telemetry_bill_as_markdown() {
        let (s, b) = telemetry();
        assert_eq!(
            bill_markdown(&s, &b),
            "Monthly AWS Lambda bill: us-east-1 x86_64, 1024 MB, 2,000 ms, 7,440,000 requests/month\n\
             \n\
             | Line | Quantity | Unit | Free | Rate (USD per unit) | Cost | Exact cost |\n\
             |---|---:|---|---:|---:|---:|---:|\n\
             | Requests | 7,440,000 | requests | 0 | $0.0000002 | $1.49 | $1.488 |\n\
             | Duration | 14,880,000 | GB-s | 0 | $0.0000166667 | $248.00 | $248.000496 |\n\
             | **Total** | | | | | **$249.49** | $249.488496 |\n\
             \n\
             Scenario: `#v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000`\n"
        );
    }

    #[test]
    fn discount_stays_a_number() {
        let s = link::decode("#memory=1024&duration=2000&requests=7440000&discount=17")
            .unwrap()
            .scenario;
        let b = s.bill(RateCard::embedded()).unwrap();
        let csv = bill_csv(&s, &b);
        let discount = csv
            .split("\r\n")
            .find(|l| l.contains("Discount"))
            .expect("a discount row");
        assert_eq!(
            discount,
            "us-east-1,x86_64,Discount on duration and provisioned concurrency,\
             248.000496,USD,0,-0.17,-42.16,-42.16008432"
        );
        assert!(csv.ends_with(",207.33,207.32841168\r\n"), "{csv}");
        let md = bill_markdown(&s, &b);
        assert!(
            md.contains("| $248.000496 | USD | $0.00 | -$0.17 | -$42.16 | -$42.16008432 |"),
            "{md}"
        );
    }

    #[test]
    fn hostile_text_is_quoted_defused_and_escaped() {
        let (mut s, b) = telemetry();
        s.region = "=HYPERLINK(\"http://x\")".into();
        let csv = bill_csv(&s, &b);
        assert!(
            csv.contains("\r\n\"'=HYPERLINK(\"\"http://x\"\")\",x86_64,Requests,"),
            "{csv}"
        );
        s.region = "a|b\\c\r\nd".into();
        let md = bill_markdown(&s, &b);
        assert!(
            md.starts_with("Monthly AWS Lambda bill: a\\|b\\\\c d x86_64"),
            "{md}"
        );
        assert!(
            md.contains("Scenario: `#v=1&region=a%7Cb%5Cc%0D%0Ad&"),
            "{md}"
        );

        let p = |m, d, c| TuningPoint {
            memory_mb: m,
            duration_ms: d,
            cost_per_invocation: c,
        };
        let run = |label: &str| TuningRun {
            label: label.into(),
            points: vec![p(128, 0.1f32 as f64, 2.1e-9f32 as f64)],
            input_order: Vec::new(),
            currency: Currency::Usd,
            arch: None,
        };
        let runs = [
            run("=HYPERLINK(\"http://x\")"),
            run("<img src=x onerror=alert(1)>"),
            run("a|b"),
            run("-1+1"),
            run("@SUM(A1)"),
            run("\tx"),
            run("a,b\nc"),
            run("\u{ff1d}1+1"),
            run("ok - fine"),
        ];
        assert_eq!(
            tuning_csv(&runs),
            "label,memory_mb,duration_ms,cost_per_invocation,cost_per_million,currency\r\n\
             \"'=HYPERLINK(\"\"http://x\"\")\",128,0.1,0.0000000021,0.0021,USD\r\n\
             <img src=x onerror=alert(1)>,128,0.1,0.0000000021,0.0021,USD\r\n\
             a|b,128,0.1,0.0000000021,0.0021,USD\r\n\
             '-1+1,128,0.1,0.0000000021,0.0021,USD\r\n\
             '@SUM(A1),128,0.1,0.0000000021,0.0021,USD\r\n\
             '\tx,128,0.1,0.0000000021,0.0021,USD\r\n\
             \"a,b\nc\",128,0.1,0.0000000021,0.0021,USD\r\n\
             '\u{ff1d}1+1,128,0.1,0.0000000021,0.0021,USD\r\n\
             ok - fine,128,0.1,0.0000000021,0.0021,USD\r\n"
        );
        assert_eq!(
            md_cell("<img src=x onerror=alert(1)>"),
            "\\<img src=x onerror=alert(1)\\>"
        );
        assert_eq!(md_cell("a|b"), "a\\|b");
        assert_eq!(md_cell("[x](javascript:y)"), "\\[x\\](javascript:y)");
        assert_eq!(
            md_cell("a\u{1b}[2J\u{202e}b\tc"),
            "a\u{fffd}\\[2J\u{fffd}b c"
        );
    }

    #[test]
    fn numbers_are_plain_decimals() {
        assert_eq!(decimal(1e13, 6), "10000000000000");
        assert_eq!(decimal(-0.0, 6), "0");
        assert_eq!(decimal(-1e-9, 6), "0");
        assert_eq!(decimal(2.5, 6), "2.5");
        assert_eq!(decimal(f64::NAN, 6), "");
        assert_eq!(cents_plain(-67), "-0.67");
        assert_eq!(cents_plain(5), "0.05");
        assert_eq!(exact_usd_text(0.2), "$0.20");
        assert_eq!(exact_usd_text(-1e-12), "$0.00");
        assert_eq!(
            float32(f64::from(f32::from_bits(1))),
            format!("{}", f32::from_bits(1))
        );
        assert_eq!(float32(0.0), "0");
    }

    #[test]
    fn sweeps_side_by_side() {
        let p = |memory_mb, duration_ms, monthly_usd| SweepPoint {
            memory_mb,
            duration_ms,
            monthly_usd,
        };
        let x86 = vec![
            p(128, 2000.0, 4.38),
            p(1024, 250.0, 5.0),
            p(2048, 125.5, 9.99),
        ];
        let arm = vec![p(1024, 275.0, 4.1), p(128, 2200.0, 3.6)];
        assert_eq!(
            sweep_csv(&x86, &arm, None),
            "memory_mb,x86_64_duration_ms,x86_64_monthly_usd,arm64_duration_ms,arm64_monthly_usd\r\n\
             128,2000,4.38,2200,3.60\r\n\
             1024,250,5.00,275,4.10\r\n\
             2048,125.5,9.99,,\r\n"
        );
        assert_eq!(
            sweep_csv(&x86, &arm, Some(&[2048, 1024, 4096])),
            "memory_mb,x86_64_duration_ms,x86_64_monthly_usd,arm64_duration_ms,arm64_monthly_usd\r\n\
             1024,250,5.00,275,4.10\r\n\
             2048,125.5,9.99,,\r\n"
        );
        assert_eq!(
            sweep_markdown(&x86, &arm, Some(&[128, 2048])),
            "| Memory | x86_64 duration | x86_64 monthly | arm64 duration | arm64 monthly |\n\
             |---:|---:|---:|---:|---:|\n\
             | 128 MB | 2,000 ms | $4.38 | 2,200 ms | $3.60 |\n\
             | 2,048 MB | 125.5 ms | $9.99 | n/a | n/a |\n"
        );
    }

    #[test]
    fn real_sweep_exports_every_size() {
        let (s, _) = telemetry();
        let card = RateCard::embedded();
        let model = crate::model::DurationModel::constant(s.memory_mb, s.duration_ms);
        let sizes = [128, 512, 1024, 1769, 3008, 10240];
        let on = |arch| {
            let rates = card.rates(&s.region, arch).unwrap();
            let w = crate::pricing::Workload {
                arch,
                ..s.workload()
            };
            crate::model::sweep(&w, &rates, &s.terms(), &model, sizes)
        };
        let x = on(crate::Arch::X86_64);
        let a = on(crate::Arch::Arm64);
        let csv = sweep_csv(&x, &a, None);
        assert_eq!(csv.lines().count(), sizes.len() + 1);
        assert!(csv.contains("\r\n1024,2000,249.49,2000,"), "{csv}");
        assert_eq!(
            sweep_markdown(&x, &a, Some(&[1024])).lines().count(),
            3,
            "one row"
        );
    }
}
