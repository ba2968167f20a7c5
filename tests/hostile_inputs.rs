//! Hostile inputs for the decoders: the corpus in `tests/data/hostile` (huge numbers,
//! invalid UTF-8 in percent-encoding, NaN/inf, negative zero, malformed Power Tuning
//! hashes and JSON) is replayed, the inputs too big to check in (10,000 keys, 1 MB
//! values, 100,000 `[`, 100 MB) are generated here, and a bounded fuzz run generates
//! more of the same shapes.
//!
//! For every input: no panic; an error has a short message without control characters
//! that names the key or part; a success gives a bill whose numbers are finite and
//! non-negative (but the discount), whose total is the sum of its cent-rounded lines,
//! and a scenario that survives the link round trip.

use lambda_cost::export;
use lambda_cost::pricing::LineItem;
use lambda_cost::scenario::pin::MAX_LABEL_CHARS;
use lambda_cost::scenario::view::{self, ViewOptions};
use lambda_cost::scenario::{analyze_run, link, MAX_PINS};
use lambda_cost::tuning::{self, hash};
use lambda_cost::{RateCard, Scenario};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// Longest message accepted: a line under a form field.
const MAX_MESSAGE_CHARS: usize = 200;
/// Notices are sentences rather than one-liners.
const MAX_NOTICE_CHARS: usize = 400;

fn hostile_dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/hostile")
        .join(sub)
}

/// Text shown to a person: not empty, short, and nothing that a terminal or a page
/// would interpret (control characters, bidirectional overrides).
fn check_shown(input: &str, text: &str, max: usize) {
    let clipped: String = input.chars().take(120).collect();
    assert!(!text.trim().is_empty(), "empty message for {clipped:?}");
    let n = text.chars().count();
    assert!(n <= max, "{n} characters for {clipped:?}: {text:?}");
    assert!(
        !text.chars().any(is_unsafe_char),
        "raw control character for {clipped:?}: {text:?}"
    );
}

fn is_unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[derive(Debug, Clone, PartialEq)]
enum Expect {
    Ok,
    /// Refused, naming this link key.
    Err(String),
    Any,
}

/// Decodes and bills a link, checking everything the module doc promises. Returns
/// whether it gave a bill.
fn check_link(link_text: &str, expect: &Expect) -> bool {
    let card = RateCard::embedded();
    let outcome = link::decode(link_text).and_then(|d| {
        for n in &d.notices {
            check_shown(link_text, n, MAX_NOTICE_CHARS);
            // A notice quotes the version as written, never a misread number.
            assert!(!n.contains("v=0)"), "{n}");
        }
        match d.scenario.bill(card) {
            Ok(b) => Ok((d.scenario, b)),
            Err(mut errors) => Err(errors.remove(0)),
        }
    });
    match outcome {
        Err(e) => {
            let shown = e.to_string();
            check_shown(link_text, &e.message, MAX_MESSAGE_CHARS);
            check_shown(link_text, &shown, MAX_MESSAGE_CHARS + 16);
            assert!(
                shown.starts_with(&format!("{}: ", e.field.key())),
                "{shown}"
            );
            match expect {
                Expect::Ok => panic!("{link_text:?} was refused: {shown}"),
                Expect::Err(key) => assert_eq!(e.field.key(), key, "{link_text:?}: {shown}"),
                Expect::Any => {}
            }
            false
        }
        Ok((scenario, bill)) => {
            if let Expect::Err(key) = expect {
                panic!("{link_text:?} was accepted; expected an error on {key}");
            }
            check_bill(link_text, &bill);
            check_lmi(link_text, &scenario);
            check_exports(&scenario, &bill);
            check_pins(link_text, &scenario);
            check_view_options(link_text, &scenario);
            // The link the page would write opens to the same scenario and bill.
            let again = link::decode(&link::to_fragment(&scenario))
                .unwrap_or_else(|e| panic!("{link_text:?} re-encoded does not decode: {e}"));
            assert_eq!(again.scenario, scenario, "{link_text:?}");
            assert_eq!(again.scenario.bill(card).as_ref(), Ok(&bill));
            true
        }
    }
}

/// The Managed Instances bill of a link that asks for it (`compute=lmi`): a message
/// naming its key, or finite lines whose cents add up to the total.
fn check_lmi(input: &str, s: &Scenario) {
    if s.compute != lambda_cost::compute::Compute::ManagedInstances {
        return;
    }
    match s.lmi_bill() {
        Err(errors) => {
            for e in errors {
                check_shown(input, &e.message, MAX_MESSAGE_CHARS);
                assert!(e.to_string().starts_with(&format!("{}: ", e.field.key())));
            }
        }
        Ok(b) => {
            let mut sum = 0i64;
            for l in &b.bill.lines {
                for v in [l.quantity, l.rate, l.exact_usd] {
                    assert!(v.is_finite() && v >= 0.0, "{input:?}: {l:?}");
                }
                sum += l.cents();
            }
            assert_eq!(sum, b.bill.total_cents(), "{input:?}");
        }
    }
}

fn check_bill(input: &str, bill: &lambda_cost::Bill) {
    let mut sum = 0i64;
    for l in &bill.lines {
        let numbers = [l.quantity, l.free, l.rate, l.exact_usd];
        assert!(numbers.iter().all(|v| v.is_finite()), "{input:?}: {l:?}");
        assert!(l.quantity >= 0.0 && l.free >= 0.0, "{input:?}: {l:?}");
        if l.item == LineItem::Discount {
            assert!(l.rate <= 0.0 && l.exact_usd <= 0.0, "{input:?}: {l:?}");
        } else {
            assert!(l.rate >= 0.0 && l.exact_usd >= 0.0, "{input:?}: {l:?}");
        }
        sum = sum.checked_add(l.cents()).expect("no overflow");
    }
    assert_eq!(bill.total_cents(), sum, "{input:?}");
    assert!(sum >= 0, "{input:?}");
    for v in [
        bill.requests,
        bill.on_demand_requests,
        bill.provisioned_requests,
        bill.spillover_requests,
        bill.cold_starts,
        bill.exact_usd(),
    ] {
        assert!(v.is_finite() && v >= 0.0, "{input:?}: {bill:?}");
    }
}

/// Pins of a decoded link: at most `MAX_PINS`, each with a one-line label of at most
/// `MAX_LABEL_CHARS` characters and no pins or Power Tuning runs of its own; a pin that
/// bills gives a well-formed bill.
fn check_pins(input: &str, s: &Scenario) {
    assert!(
        s.pins.len() <= MAX_PINS,
        "{} pins from {input:?}",
        s.pins.len()
    );
    for p in &s.pins {
        check_shown(input, &p.label, MAX_LABEL_CHARS);
        assert_eq!(p.label.trim(), p.label, "{input:?}");
        assert!(
            p.scenario.pins.is_empty() && p.scenario.tuning.is_empty(),
            "{input:?}: {p:?}"
        );
        if let Ok(b) = p.scenario.bill(RateCard::embedded()) {
            check_bill(input, &b);
        }
    }
}

/// The view options read from any link survive the link the page writes for them, and
/// never change the scenario the link opens.
fn check_view_options(input: &str, s: &Scenario) {
    let options = ViewOptions::parse(input);
    assert_eq!(ViewOptions::parse(&options.encode()), options, "{input:?}");
    let fragment = view::fragment_with(s, &options);
    assert_eq!(
        ViewOptions::parse(&fragment),
        options,
        "{input:?}: {fragment}"
    );
    let back = link::decode(&fragment)
        .unwrap_or_else(|e| panic!("{input:?}: {fragment} does not decode: {e}"));
    assert_eq!(&back.scenario, s, "{input:?}");
}

/// The exports of any bill: one CSV row per line plus a header and a total, then one
/// per note (issue 10: notices and unconfirmed rates), and a Markdown table with one row
/// per line followed by each note.
fn check_exports(s: &Scenario, bill: &lambda_cost::Bill) {
    let notes = export::bill_notes(s, bill);
    let csv = export::bill_csv(s, bill);
    let rows: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(rows.len(), bill.lines.len() + 2 + notes.len(), "{csv}");
    for (row, note) in rows[bill.lines.len() + 2..].iter().zip(&notes) {
        assert!(
            row.contains(&format!("Note: {note}")) || row.contains('"'),
            "{row}"
        );
    }
    let md = export::bill_markdown(s, bill);
    let table_rows = md.lines().filter(|l| l.starts_with('|')).count();
    assert_eq!(table_rows, bill.lines.len() + 3, "{md}");
    assert_eq!(
        md.lines().filter(|l| l.starts_with("> ")).count(),
        notes.len(),
        "{md}"
    );
}

/// Whether a paste holds a backtick of its own (or percent-encoded), which a message may
/// echo.
fn quotes_backtick(input: &str) -> bool {
    input.contains('`') || input.to_ascii_lowercase().contains("%60")
}

fn check_paste(input: &str, expect: &Expect) -> bool {
    match tuning::parse(input) {
        Err(e) => {
            check_shown(input, &e.message, MAX_MESSAGE_CHARS);
            // Plain language: no code quoting, unless the paste's own text is echoed.
            assert!(
                quotes_backtick(input) || !e.message.contains('`'),
                "{input:?}: {e}"
            );
            match expect {
                Expect::Ok => panic!("{input:?} was refused: {e}"),
                Expect::Err(needle) => assert!(e.message.contains(needle), "{input:?}: {e}"),
                Expect::Any => {}
            }
            false
        }
        Ok(import) => {
            if let Expect::Err(needle) = expect {
                panic!("{input:?} was accepted; expected an error with {needle:?}");
            }
            for n in &import.notices {
                check_shown(input, n, MAX_NOTICE_CHARS);
                assert!(quotes_backtick(input) || !n.contains('`'), "{input:?}: {n}");
            }
            check_runs(input, &import.runs);
            true
        }
    }
}

/// Imported runs hold only usable values, are analysed without panicking, and travel
/// in the scenario link unchanged.
fn check_runs(input: &str, runs: &[tuning::TuningRun]) {
    assert!(!runs.is_empty(), "{input:?}");
    let card = RateCard::embedded();
    for run in runs {
        assert!(!run.points.is_empty() && run.points.len() <= tuning::MAX_POINTS);
        for p in &run.points {
            assert!(p.memory_mb > 0, "{input:?}: {p:?}");
            assert!(p.duration_ms.is_finite() && p.duration_ms > 0.0, "{p:?}");
            assert!(p.cost_per_invocation.is_finite() && p.cost_per_invocation >= 0.0);
        }
        let a = analyze_run(&Scenario::default(), run, card, 0.5);
        for p in &a.points {
            if let Ok(b) = &p.bill {
                check_bill(input, b);
            }
        }
    }
    let _ = export::tuning_csv(runs);
    let s = Scenario {
        tuning: runs.iter().take(tuning::MAX_RUNS).cloned().collect(),
        ..Scenario::default()
    };
    let back = link::decode(&link::to_fragment(&s))
        .unwrap_or_else(|e| panic!("{input:?}: runs do not travel in the link: {e}"));
    assert_eq!(back.scenario.tuning, s.tuning, "{input:?}");
}

fn parse_expect(text: &str) -> Expect {
    match text {
        "ok" => Expect::Ok,
        "any" => Expect::Any,
        _ => Expect::Err(
            text.strip_prefix("err:")
                .unwrap_or_else(|| panic!("bad expectation {text:?}"))
                .to_string(),
        ),
    }
}

#[test]
fn link_corpus() {
    let mut files: Vec<_> = std::fs::read_dir(hostile_dir("links"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 3);
    let (mut ok, mut refused) = (0, 0);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines() {
            if line.is_empty() || line.starts_with("//") {
                continue;
            }
            let (expect, link_text) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("{}: no tab in {line:?}", file.display()));
            if check_link(link_text, &parse_expect(expect)) {
                ok += 1;
            } else {
                refused += 1;
            }
        }
    }
    assert!(
        ok >= 20 && refused >= 80,
        "{ok} accepted, {refused} refused"
    );
}

#[test]
fn power_tuning_corpus() {
    let dir = hostile_dir("power-tuning");
    let manifest = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    let mut listed = Vec::new();
    for line in manifest.lines().filter(|l| !l.starts_with('#')) {
        let (name, expect) = line.split_once('\t').unwrap();
        let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{name}: not UTF-8"));
        check_paste(&text, &parse_expect(expect));
        // The same text as a scenario link's `pt` value: a message naming `pt`, or runs.
        let as_link = format!("#pt={}", hash::uri_encode(&text));
        check_link(&as_link, &Expect::Any);
        listed.push(name.to_string());
    }
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            name == "EXPECTED.tsv" || listed.contains(&name),
            "{name} is not in EXPECTED.tsv"
        );
    }
    assert!(listed.len() >= 50);
}

/// Every key the link reads: each field of the scenario's one table (so a new key is
/// fuzzed from the day it is declared), then the keys read beside it: the runs'
/// architecture and currency, pins and their labels, and the view options.
fn link_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = lambda_cost::scenario::fields::ALL
        .iter()
        .map(|f| f.key())
        .collect();
    for key in [
        "pt", "pta", "ptc", "pin", "label", "embed", "chart", "theme",
    ] {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

#[test]
fn the_fuzzed_keys_are_every_key() {
    let keys = link_keys();
    for key in [
        "memory",
        "r_tenant",
        "lmi_min",
        "off_peak_pct",
        "ptl",
        "pin",
        "theme",
    ] {
        assert!(keys.contains(&key), "{key}");
    }
    assert!(keys.len() >= 67, "{}", keys.len());
}

const RUN: &str = "AQACAAMA%3BAAAAQAAAAEAAAIA%2F%3BAABAQAAAAEAAAABA";

#[test]
fn generated_huge_links() {
    // 10,000 keys: garbage, repeated real keys, repeated tuning keys.
    let garbage: Vec<String> = (0..10_000).map(|i| format!("k{i}={i}")).collect();
    assert!(check_link(&format!("#{}", garbage.join("&")), &Expect::Ok));
    let repeated = vec!["memory=256"; 10_000].join("&");
    assert!(check_link(&format!("#{repeated}"), &Expect::Ok));
    let arch_flips: Vec<&str> = (0..10_000)
        .map(|i| if i % 2 == 0 { "arch=arm64" } else { "arch=x86" })
        .collect();
    assert!(check_link(&arch_flips.join("&"), &Expect::Ok));
    let empty_pt = vec!["pt="; 10_000].join("&");
    check_link(&empty_pt, &Expect::Err("pt".into()));
    // 3,000 of them (165 KB; 10,000 would be over the length limit).
    let many_runs = vec![format!("pt={RUN}"); 3_000].join("&");
    check_link(&many_runs, &Expect::Err("pt".into()));
    let pta = vec!["pta=arm64"; 10_000].join("&");
    assert!(check_link(&format!("pt={RUN}&{pta}"), &Expect::Ok));
    let seps = "&".repeat(150_000);
    assert!(check_link(&seps, &Expect::Ok));
    // 1 MB values: refused for length before anything is decoded.
    for key in link_keys() {
        let l = format!("#{key}={}", "9".repeat(1 << 20));
        assert!(!check_link(&l, &Expect::Err("v".into())));
    }
    // Values just under the length limit, for every key.
    let room = link::MAX_LEN - 64;
    for key in link_keys() {
        for value in [
            "a".repeat(room),
            "9".repeat(room),
            format!("{}1", "0".repeat(room)),
            format!("0.{}1", "0".repeat(room)),
            format!("1e{}", "9".repeat(room)),
            "%FF".repeat(room / 3),
            "%0A".repeat(room / 3),
            format!("x{}", "%1B%5B2J".repeat(room / 9)),
            "%E2%80%AE".repeat(room / 9),
            "A".repeat(room / 4 * 4),
            format!(
                "{}%3B{}%3B{}",
                "A".repeat(room / 3),
                "A".repeat(8),
                "A".repeat(8)
            ),
        ] {
            check_link(&format!("#{key}={value}"), &Expect::Any);
            // As a key too: unknown keys are ignored, whatever they hold.
            let half = &value[..value.len().min(room / 2)];
            check_link(&format!("#{half}={half}"), &Expect::Ok);
        }
    }
}

#[test]
fn generated_huge_pastes() {
    // Nesting beyond serde_json's recursion limit (128) is an error, not a stack overflow.
    for deep in [
        "[".repeat(100_000),
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        "{\"a\":".repeat(100_000),
        format!(
            "{{\"output\":{}1{}",
            "[".repeat(200_000),
            "]".repeat(200_000)
        ),
    ] {
        check_paste(&deep, &Expect::Err("not valid JSON".into()));
        let e = tuning::parse(&deep).unwrap_err();
        assert!(
            e.message.contains("recursion limit") || e.message.contains("too large"),
            "{e}"
        );
    }
    // Strings inside strings: each level doubles the escapes, so 1 MB stops it early.
    let mut nested = "\"x\"".to_string();
    while nested.len() < tuning::MAX_INPUT_BYTES {
        nested = serde_json::to_string(&nested).unwrap();
    }
    check_paste(&nested, &Expect::Err("too large".into()));
    // 100 MB of text of several kinds: refused by size, at once.
    for fill in ["A", "[", "{", "\"", ";", "\u{1b}"] {
        let huge = fill.repeat(100 << 20);
        check_paste(&huge, &Expect::Err("too large".into()));
    }
    // Just under the size limit.
    let under = tuning::MAX_INPUT_BYTES - 16;
    for text in [
        "A".repeat(under),
        format!("{};AAAA;AAAA", "A".repeat(under / 4 * 4 - 16)),
        format!("[{}]", "1,".repeat(under / 2 - 2) + "1"),
        format!("{{\"stats\":[{}null]}}", "null,".repeat(under / 5 - 4)),
        "A;".repeat(under / 2),
        ";".repeat(under),
        format!("https://x/?{}#AQAC", "currency=CNY&".repeat(under / 14)),
    ] {
        check_paste(&text, &Expect::Any);
    }
    // 10,000 labelled runs in the extended form of a link: refused as too many.
    let parts = vec!["AQA;AACAPw;AACAPw"; 2_000].join(";");
    let names = vec!["n"; 2_000].join(";");
    check_link(
        &format!("#pt={}", hash::uri_encode(&format!("{parts};{names}"))),
        &Expect::Err("pt".into()),
    );
}

// ---------------------------------------------------------------------------------
// Bounded fuzzing: structured hostile inputs, 2,000 cases per property.

fn numeric_edge() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "1e308",
            "-1e308",
            "1e309",
            "-0",
            "-0.0",
            "+0",
            "0x10",
            "0b1",
            "0o7",
            "NaN",
            "nan",
            "-NaN",
            "inf",
            "-inf",
            "+inf",
            "Infinity",
            "infinity",
            "1e-320",
            "4.9e-324",
            "2.2250738585072014e-308",
            "1e-400",
            "9007199254740993",
            "18446744073709551616",
            "4294967296",
            "4294967424",
            "65535",
            "32768",
            "-32768",
            "128",
            "10240",
            "10241",
            "900000",
            "1e13",
            "1e13.0",
            "1.",
            ".5",
            ".",
            "e",
            "1e",
            "1e+",
            "--1",
            "+-1",
            "1,,2",
            "1_000",
            "1 000",
            " 1 ",
            "٣",
            "١٢٨",
            "1e1000000000",
            "0e0",
            "00",
            "0.1e1",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
        ])
        .prop_map(str::to_string),
        (100usize..400, any::<u64>()).prop_map(|(n, seed)| digits(n, seed)),
        (100usize..400, any::<u64>()).prop_map(|(n, seed)| format!("0.{}", digits(n, seed))),
        (any::<i32>(), 0u32..1_000_000, -400i32..400)
            .prop_map(|(int, frac, exp)| format!("{int}.{frac}e{exp}")),
    ]
}

/// `n` pseudo-random decimal digits (cheaper to generate than a regex).
fn digits(n: usize, mut seed: u64) -> String {
    (0..n)
        .map(|_| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            char::from(b'0' + (seed >> 59) as u8 % 10)
        })
        .collect()
}

/// Up to `max - 1` characters of `alphabet` (cheaper to generate than a regex).
fn from_alphabet(alphabet: &'static str, max: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = alphabet.chars().collect();
    proptest::collection::vec(proptest::sample::select(chars), 0..max)
        .prop_map(|c| c.into_iter().collect())
}

fn any_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..max).prop_map(|c| c.into_iter().collect())
}

fn percent_garbage() -> impl Strategy<Value = String> {
    let escape = prop_oneof![
        proptest::sample::select(vec![
            "%FF",
            "%FE",
            "%C0",
            "%AF",
            "%ED%A0%80",
            "%F4%90%80%80",
            "%E2%80%AE",
            "%00",
            "%0A",
            "%0D",
            "%1B",
            "%7F",
            "%C2%85",
            "%",
            "%4",
            "%G0",
            "%%",
            "%25",
            "%26",
            "%3D",
            "%23",
            "%3B",
            "%2C",
            "%E2%82",
            "%F0%9F%92%A9",
        ])
        .prop_map(str::to_string),
        any::<u8>().prop_map(|b| format!("%{b:02X}")),
        any::<u8>().prop_map(|b| format!("%{b:02x}")),
    ];
    proptest::collection::vec(
        prop_oneof![escape, from_alphabet("abcXYZ019._~-", 4), numeric_edge()],
        0..8,
    )
    .prop_map(|v| v.concat())
}

fn link_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(link_keys()).prop_map(str::to_string),
        1 => from_alphabet("abcdefghijklmnopqrstuvwxyz_", 8),
        1 => percent_garbage(),
        1 => proptest::sample::select(link_keys()).prop_map(|k| k.bytes().map(|b| format!("%{b:02X}")).collect()),
    ]
}

fn link_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => numeric_edge(),
        2 => percent_garbage(),
        1 => proptest::sample::select(vec![
            "us-east-1", "eu-central-2", "arm64", "x86_64", "graviton", "s", "min", "day",
            "1", "0", "on", "USD", "CNY", "", "arm64,x86_64", ",", "$", "$0.2", "%240.2",
            "memory", "volume", "pc", "none", "dark", "light", "auto", "US-EAST-1", "Ap-East-2",
            "xx-mars-1", "744", "1024", "90", "7",
            "memory", "volume", "pc", "none", "dark", "light", "auto",
            "lmi", "lambda", "compute", "m7g.xlarge", "t3.large", "c7g.medium", "M8G.2XLARGE",
            "r5.48xlarge", "node", "rust", "python", "m7g.", ".large",
        ]).prop_map(str::to_string),
        1 => pt_hash().prop_map(|h| hash::uri_encode(&h)),
        1 => any_text(20),
    ]
}

/// A pin label a person or an attacker might write: markup, control characters,
/// bidirectional overrides, separators of the link itself, or far too long.
fn hostile_label() -> impl Strategy<Value = String> {
    prop_oneof![
        any_text(80),
        proptest::sample::select(vec![
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "\u{202e}evil\u{202c}",
            "a\nb\r\u{1b}[31mred\u{0}",
            "&label=second&pin=memory%3D256",
            "   ",
            "",
            "\u{2066}\u{2069}",
        ])
        .prop_map(str::to_string),
        (1usize..2000).prop_map(|n| "x".repeat(n)),
        percent_garbage(),
    ]
}

/// How a pin's pairs are put into the outer link: percent-encoded as the page does,
/// only `&`, `=` and `%` escaped, or raw (they then split into outer pairs).
fn encode_pin_value(inner: &str, how: u8) -> String {
    match how % 3 {
        0 => inner
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect(),
        1 => inner
            .replace('%', "%25")
            .replace('&', "%26")
            .replace('=', "%3D"),
        _ => inner.to_string(),
    }
}

prop_compose! {
    /// A `pin` value: hostile pairs, a hostile label, and pins nested one or two deep.
    fn hostile_pin()(
        pairs in proptest::collection::vec((link_key(), link_value()), 0..6),
        label in proptest::option::of(hostile_label()),
        nested in proptest::collection::vec((link_key(), link_value(), hostile_label()), 0..3),
        how in any::<u8>(),
    ) -> String {
        let mut inner: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        if let Some(label) = label {
            inner.push(format!("label={}", encode_pin_value(&label, 0)));
        }
        for (depth, (k, v, label)) in nested.iter().enumerate() {
            let mut pin = format!("{k}={v}&label={}", encode_pin_value(label, 0));
            for _ in 0..depth {
                pin = format!("memory=256&pin={}", encode_pin_value(&pin, 0));
            }
            inner.push(format!("pin={}", encode_pin_value(&pin, 0)));
        }
        encode_pin_value(&inner.join("&"), how)
    }
}

prop_compose! {
    fn hostile_link()(
        prefix in proptest::sample::select(vec!["", "#", "https://x.example/#", "https://x/?a=b#", "##", "#&"]),
        pairs in proptest::collection::vec((link_key(), link_value(), any::<bool>()), 0..24),
        // Up to 8 pins: more than the 4 a link keeps.
        pins in proptest::collection::vec(hostile_pin(), 0..9),
    ) -> String {
        let mut body: Vec<String> = pairs
            .iter()
            .map(|(k, v, eq)| if *eq || !v.is_empty() { format!("{k}={v}") } else { k.clone() })
            .collect();
        body.extend(pins.iter().map(|p| format!("pin={p}")));
        format!("{prefix}{}", body.join("&"))
    }
}

/// A Float32 that is often an edge case.
fn f32_bits() -> impl Strategy<Value = f32> {
    prop_oneof![
        3 => 0.001f32..10_000.0,
        1 => any::<u32>().prop_map(f32::from_bits),
        1 => proptest::sample::select(vec![
            f32::NAN, f32::INFINITY, f32::NEG_INFINITY, -0.0, 0.0, f32::MIN_POSITIVE,
            f32::from_bits(1), f32::MAX, -1.0, 1e-7,
        ]),
    ]
}

/// Base64 of `bytes` as pastes mangle it: URL-safe alphabet, padding dropped, a
/// character dropped, whitespace inside.
fn mangle(bytes: &[u8], how: u8) -> String {
    let b = hash::base64_encode(bytes);
    match how % 6 {
        0 => b,
        1 => b.trim_end_matches('=').to_string(),
        2 => b.replace('+', "-").replace('/', "_"),
        3 => {
            let mut s = b;
            s.pop();
            s
        }
        4 => b.chars().flat_map(|c| [c, '\n']).collect(),
        _ => format!("{b}=="),
    }
}

/// One more part of a hash: Int16s, Float32s or bytes in base64, or a run name.
fn raw_part() -> impl Strategy<Value = String> {
    prop_oneof![
        (proptest::collection::vec(any::<i16>(), 0..12), any::<u8>()).prop_map(|(m, how)| {
            mangle(
                &m.iter().flat_map(|m| m.to_le_bytes()).collect::<Vec<_>>(),
                how,
            )
        }),
        (proptest::collection::vec(f32_bits(), 0..12), any::<u8>()).prop_map(|(f, how)| {
            mangle(
                &f.iter().flat_map(|f| f.to_le_bytes()).collect::<Vec<_>>(),
                how,
            )
        }),
        (proptest::collection::vec(any::<u8>(), 0..40), any::<u8>())
            .prop_map(|(b, how)| mangle(&b, how)),
        any_text(12).prop_map(|name| hash::uri_encode(&name)),
    ]
}

prop_compose! {
    /// A plausible run (same number of sizes in each part, so it often decodes) with
    /// edge-case values, then 0-7 more parts of anything.
    fn pt_hash()(
        n in 1usize..10,
        memory in proptest::collection::vec(prop_oneof![128i16..=10240, any::<i16>()], 10),
        durations in proptest::collection::vec(f32_bits(), 10),
        costs in proptest::collection::vec(f32_bits(), 10),
        how in any::<u8>(),
        extra in proptest::collection::vec(raw_part(), 0..8),
        take in 1usize..=10,
    ) -> String {
        let mem: Vec<u8> = memory[..n].iter().flat_map(|m| m.to_le_bytes()).collect();
        let dur: Vec<u8> = durations[..n].iter().flat_map(|f| f.to_le_bytes()).collect();
        let cost: Vec<u8> = costs[..n].iter().flat_map(|f| f.to_le_bytes()).collect();
        let mut parts = vec![mangle(&mem, how), mangle(&dur, how), mangle(&cost, how)];
        parts.extend(extra);
        parts.truncate(take);
        parts.join(";")
    }
}

prop_compose! {
    fn hostile_paste()(
        h in pt_hash(),
        wrap in 0u8..6,
        currency in proptest::sample::select(vec!["", "USD", "CNY", "rmb", "EUR", "%FF", "\u{1b}[2J", "USD&currency=CNY"]),
    ) -> String {
        match wrap {
            0 => h,
            1 => format!("https://lambda-power-tuning.show/#{h}"),
            2 => format!("https://lambda-power-tuning.show/?currency={currency}#{h}"),
            3 => format!("https://lambda-power-tuning.show/#{h}?currency={currency}"),
            4 => format!("https://lambda-power-tuning.show/#{}", h.replace(';', "%3B")),
            _ => serde_json::json!({
                "power": 128, "cost": 1e-7, "duration": 1,
                "stateMachine": {"visualization": format!("https://x/?currency={currency}#{h}")},
            }).to_string(),
        }
    }
}

proptest! {
    // XorShift: ChaCha (the default) dominates the run time of an unoptimized test build.
    #![proptest_config(ProptestConfig {
        cases: 2_000,
        failure_persistence: None,
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    })]

    #[test]
    fn fuzz_links(l in hostile_link()) {
        check_link(&l, &Expect::Any);
    }

    #[test]
    fn fuzz_power_tuning_pastes(p in hostile_paste()) {
        check_paste(&p, &Expect::Any);
        check_link(&format!("#pt={}", hash::uri_encode(&p)), &Expect::Any);
    }

    #[test]
    fn fuzz_json_pastes(
        power in prop_oneof![numeric_edge().prop_map(serde_json::Value::String), any::<f64>().prop_map(|f| serde_json::json!(f)), any::<i64>().prop_map(|i| serde_json::json!(i))],
        cost in numeric_edge(),
        duration in any::<f64>(),
        stats in proptest::collection::vec((any::<i32>(), numeric_edge(), f32_bits()), 0..6),
        wrap in 0u8..3,
    ) {
        let stats: Vec<serde_json::Value> = stats
            .iter()
            .map(|(v, p, d)| serde_json::json!({"value": v, "averagePrice": p, "averageDuration": d}))
            .collect();
        let out = serde_json::json!({"power": power, "cost": cost, "duration": duration, "stats": stats});
        let text = match wrap {
            0 => out.to_string(),
            1 => serde_json::json!({"output": out.to_string()}).to_string(),
            _ => serde_json::json!({"results": out}).to_string(),
        };
        check_paste(&text, &Expect::Any);
    }
}
