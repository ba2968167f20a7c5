//! The files the calculator page's export buttons save (the bill, the table by memory, the
//! Power Tuning runs, the comparison of ways to run it), each made from the scenario
//! alone: its name, its type and its text.
//!
//! The page's bundle does not carry the serializers (issue 13): its exports module
//! (`src/bin/exports.rs`, loaded on first use) makes the file from a `request` (which file,
//! the page's address, the scenario's link) and gives back an `answer`, which the page
//! reads with `read_answer`. `tests/export_answer.rs` checks that the answer is what
//! `make` gives in place.

use super::compute as bills;
use crate::compute::ScanRange;
use crate::model::{SweepPoint, TABLE_SIZES};
use crate::rates::{Arch, RateCard};
use crate::scenario::{link, Scenario};

/// The type of a CSV file.
pub const CSV: &str = "text/csv;charset=utf-8";
/// The type of a Markdown file.
pub const MARKDOWN: &str = "text/markdown;charset=utf-8";

/// A file the page exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum File {
    /// The bill the scenario asks for (`compute::scenario_bill_csv`).
    BillCsv,
    /// The same bill as Markdown that stands alone, ending with the scenario's link.
    BillMarkdown,
    /// Cost and duration on both architectures at every memory size.
    MemoryCsv,
    /// The same at the table's sizes (`TABLE_SIZES`), in Markdown.
    MemoryMarkdown,
    /// The Power Tuning runs as imported.
    TuningCsv,
    /// The runs priced at the scenario, with their picks.
    TuningPricedCsv,
    /// On demand, provisioned concurrency, Managed Instances and Fargate compared.
    ComparisonCsv,
    /// The same comparison in Markdown.
    ComparisonMarkdown,
}

impl File {
    pub const ALL: [File; 8] = [
        File::BillCsv,
        File::BillMarkdown,
        File::MemoryCsv,
        File::MemoryMarkdown,
        File::TuningCsv,
        File::TuningPricedCsv,
        File::ComparisonCsv,
        File::ComparisonMarkdown,
    ];

    /// How a request names it.
    pub fn key(self) -> &'static str {
        match self {
            File::BillCsv => "bill-csv",
            File::BillMarkdown => "bill-md",
            File::MemoryCsv => "memory-csv",
            File::MemoryMarkdown => "memory-md",
            File::TuningCsv => "tuning-csv",
            File::TuningPricedCsv => "tuning-priced-csv",
            File::ComparisonCsv => "compute-csv",
            File::ComparisonMarkdown => "compute-md",
        }
    }

    fn by_key(key: &str) -> Option<File> {
        File::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Its type, for the download.
    pub fn mime(self) -> &'static str {
        match self {
            File::BillMarkdown | File::MemoryMarkdown | File::ComparisonMarkdown => MARKDOWN,
            _ => CSV,
        }
    }
}

/// A file made: its name and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Made {
    pub name: String,
    pub text: String,
}

/// Makes `file` for the scenario `s`; the Markdown bill links back to `page_url`. `Err`
/// says why the scenario gives no such file (the page offers none then).
pub fn make(file: File, page_url: &str, s: &Scenario) -> Result<Made, String> {
    let card = RateCard::embedded();
    let bill = || {
        s.bill(card)
            .map_err(|e| format!("the bill cannot be priced: {}", joined(&e)))
    };
    let comparison = || {
        s.compare(card, &ScanRange::default())
            .map_err(|e| format!("the comparison cannot be made: {}", joined(&e)))
    };
    let (name, text) = match file {
        File::BillCsv => (bill_name(s, "csv"), bills::scenario_bill_csv(s, &bill()?)),
        File::BillMarkdown => (
            bill_name(s, "md"),
            bills::scenario_bill_markdown(page_url, s, &bill()?),
        ),
        File::MemoryCsv => {
            let [x86_64, arm64] = memory_sweeps(s, card);
            (
                file_name(&["by-memory", &s.region], "csv"),
                super::sweep_csv(&x86_64, &arm64, None),
            )
        }
        File::MemoryMarkdown => {
            let [x86_64, arm64] = memory_sweeps(s, card);
            (
                file_name(&["by-memory", &s.region], "md"),
                super::sweep_markdown(&x86_64, &arm64, Some(&TABLE_SIZES)),
            )
        }
        File::TuningCsv => (
            file_name(&["power-tuning-runs"], "csv"),
            super::tuning_csv(&s.tuning),
        ),
        File::TuningPricedCsv => (
            file_name(&["power-tuning-bills"], "csv"),
            super::tuning_priced_csv(&s.tuning_analyses(card)),
        ),
        File::ComparisonCsv => (
            file_name(&["compute-comparison"], "csv"),
            bills::comparison_csv(&comparison()?),
        ),
        File::ComparisonMarkdown => (
            file_name(&["compute-comparison"], "md"),
            bills::comparison_markdown(s, &comparison()?),
        ),
    };
    Ok(Made { name, text })
}

fn joined(errors: &[crate::input::InputError]) -> String {
    let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
    all.join(" ")
}

/// Both memory sweeps, x86_64 then arm64, or neither when the region lacks rates for
/// either architecture (the page then shows no chart and no table either).
fn memory_sweeps(s: &Scenario, card: &RateCard) -> [Vec<SweepPoint>; 2] {
    match Arch::ALL.map(|arch| s.memory_sweep(card, arch)) {
        [Some(x86_64), Some(arm64)] => [x86_64, arm64],
        _ => [Vec::new(), Vec::new()],
    }
}

/// `lambda-cost-bill-us-east-1-x86_64-1024MB.csv`
fn bill_name(s: &Scenario, extension: &str) -> String {
    file_name(
        &[
            "bill",
            &s.region,
            s.arch.as_str(),
            &format!("{}MB", s.memory_mb),
        ],
        extension,
    )
}

/// A file name from parts: `lambda-cost-` + the parts joined by `-`, keeping only
/// characters that are safe in file names on every system.
pub fn file_name(parts: &[&str], extension: &str) -> String {
    let mut name = String::from("lambda-cost");
    for part in parts.iter().filter(|p| !p.is_empty()) {
        name.push('-');
        name.extend(part.chars().map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '_' | '.' => c,
            _ => '-',
        }));
    }
    format!("{name}.{extension}")
}

/// What the page asks the exports module for, one line each: the file's key, the page's
/// address (without its fragment) and the scenario's link pairs.
pub fn request(file: File, page_url: &str, s: &Scenario) -> String {
    format!("{}\n{page_url}\n{}", file.key(), link::encode(s))
}

/// The exports module's answer to `request`: `ok `, the file's name, a line break and its
/// text; or `error ` and why it could not be made.
pub fn answer(request: &str) -> String {
    match made_for(request) {
        Ok(made) => format!("ok {}\n{}", made.name, made.text),
        Err(why) => format!("error {why}"),
    }
}

fn made_for(request: &str) -> Result<Made, String> {
    let mut lines = request.splitn(3, '\n');
    let (Some(key), Some(page_url), Some(pairs)) = (lines.next(), lines.next(), lines.next())
    else {
        return Err("the request could not be read".into());
    };
    let file = File::by_key(key).ok_or_else(|| format!("no such file: {key}"))?;
    // The page's own link: pairs, never a bare Power Tuning hash.
    let s = link::decode_pairs(pairs)
        .map_err(|e| format!("the scenario could not be read: {e}"))?
        .scenario;
    make(file, page_url, &s)
}

/// Reads what `answer` writes: the file, or why it could not be made.
pub fn read_answer(answer: &str) -> Result<Made, String> {
    if let Some(why) = answer.strip_prefix("error ") {
        return Err(why.to_string());
    }
    answer
        .strip_prefix("ok ")
        .and_then(|rest| rest.split_once('\n'))
        .map(|(name, text)| Made {
            name: name.to_string(),
            text: text.to_string(),
        })
        .ok_or_else(|| "the answer could not be read".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(
            file_name(&["bill", "us-east-1", "x86_64", "1024MB"], "csv"),
            "lambda-cost-bill-us-east-1-x86_64-1024MB.csv"
        );
        assert_eq!(
            file_name(&["chart", "a/b c<d>", ""], "svg"),
            "lambda-cost-chart-a-b-c-d-.svg"
        );
    }

    #[test]
    fn every_key_names_its_file() {
        for f in File::ALL {
            assert_eq!(File::by_key(f.key()), Some(f));
        }
        assert_eq!(File::by_key("bill"), None);
    }

    #[test]
    fn a_request_is_answered_with_the_file_or_why_not() {
        let s = link::decode("#memory=1024&duration=2000&requests=7440000")
            .unwrap()
            .scenario;
        let made = read_answer(&answer(&request(File::BillCsv, "https://x/", &s))).unwrap();
        assert_eq!(made.name, "lambda-cost-bill-us-east-1-x86_64-1024MB.csv");
        assert!(made.text.starts_with("region,arch,item,"), "{}", made.text);
        for garbled in ["", "bill-csv", "what\n\nv=1", "bill-csv\nx\nregion=nowhere"] {
            let why = read_answer(&answer(garbled)).unwrap_err();
            assert!(!why.is_empty(), "{garbled:?}");
        }
        assert!(read_answer("hello").is_err());
    }
}
