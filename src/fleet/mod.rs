//! The fleet: every function of an account priced at once, with what-ifs.
//!
//! Parsing a file (a CUR 2.0 export, a Compute Optimizer export or a plain functions CSV,
//! `parse`) yields one `Function` per function, region and architecture. Pricing a fleet
//! (`price`) bills each function on its own, and the account as AWS does: usage summed
//! per region and architecture before the duration tiers apply, the free tier once for
//! the whole account. What-ifs (`what_ifs`) reprice the fleet with every function on
//! arm64, at Compute Optimizer's recommended memory, or at its cheapest memory under the
//! duration model; savings are the differences of those bills.

mod csv;
pub mod export;
pub mod parse;
mod price;
mod what_if;

pub use csv::MAX_RECORD_BYTES;
pub use parse::{parse, BadRow, Format, Import, Parser, SetAside};
pub use price::{price, FleetBill, FunctionBill, GroupBill, Usage};
pub use what_if::{what_ifs, Change, WhatIf, WhatIfKind, WhatIfOptions};

use crate::rates::Arch;
use crate::scenario::Scenario;

/// Memory AWS would need to bill a CUR function's GB-s; the calculator link of a function
/// known only by its usage shows it at this size, with the duration that gives its GB-s.
pub const EQUIVALENT_MEMORY_MB: u32 = 1024;

/// One function's month, as read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    /// The function's name or ARN, as the file gives it.
    pub name: String,
    pub region: String,
    pub arch: Arch,
    /// The function as a calculator scenario, when the file gives its memory and duration
    /// (functions CSV, Compute Optimizer); a CUR gives usage only.
    pub scenario: Option<Scenario>,
    /// Metered usage (a CUR, or a functions CSV's `gb_seconds` columns); when present
    /// the function is billed from it, and `scenario` (if any) only opens the calculator
    /// and drives the what-ifs.
    pub metered: Option<Usage>,
    /// What AWS charged or estimated for it (CUR unblended cost, Compute Optimizer's
    /// current cost), kept beside our price.
    pub aws_cost_usd: Option<f64>,
    /// Compute Optimizer's recommended memory, and the duration it expects there.
    pub recommended: Option<Recommendation>,
    /// The least memory the function needs (its measured maximum); the cheapest-memory
    /// what-if never goes below it and is skipped when it is unknown.
    pub memory_floor_mb: Option<u32>,
    /// Row of the file the function was first read from (the header is row 1).
    pub row: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recommendation {
    pub memory_mb: u32,
    /// Expected average duration at that memory, ms, when the file gives it.
    pub duration_ms: Option<f64>,
}

impl Function {
    /// The link that opens this function in the calculator. A function known only by its
    /// usage opens at `EQUIVALENT_MEMORY_MB` with the duration that bills the same GB-s.
    pub fn scenario_link(&self) -> Option<String> {
        use crate::scenario::link;
        if let Some(s) = &self.scenario {
            // A metered row of a functions CSV already carries its memory and duration.
            return Some(link::to_fragment(s));
        }
        let u = self.metered?;
        if u.requests < 1.0 {
            return None;
        }
        let gb = EQUIVALENT_MEMORY_MB as f64 / 1024.0;
        let duration_ms = u.duration_gb_s / gb / u.requests * 1000.0;
        let s = Scenario {
            region: self.region.clone(),
            arch: self.arch,
            memory_mb: EQUIVALENT_MEMORY_MB,
            // Rounded to a micro-second so the link stays short.
            duration_ms: ((duration_ms * 1000.0).round() / 1000.0).max(0.001),
            requests: u.requests.round(),
            ..Scenario::default()
        };
        Some(link::to_fragment(&s))
    }
}

/// A file's fleet priced, with its what-ifs: what the page and the CLI show.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub import: Import,
    pub bill: FleetBill,
    pub what_ifs: Vec<WhatIf>,
    pub options: WhatIfOptions,
}

impl Report {
    pub fn new(import: Import, card: &crate::rates::RateCard, options: WhatIfOptions) -> Report {
        let bill = price(&import.functions, card, options.free_tier);
        let what_ifs = what_ifs(&import.functions, &bill, card, &options);
        Report {
            import,
            bill,
            what_ifs,
            options,
        }
    }

    /// The what-if of `kind`, when it was run.
    pub fn what_if(&self, kind: WhatIfKind) -> Option<&WhatIf> {
        self.what_ifs.iter().find(|w| w.kind == kind)
    }

    /// What the what-if of `kind` changes for function `function` (by its place in the
    /// fleet), when it applies.
    pub fn change(&self, kind: WhatIfKind, function: usize) -> Option<Change> {
        self.what_if(kind)?.changes.get(function).copied().flatten()
    }

    /// The sum of AWS's own figures, over the functions the file gives one for.
    pub fn aws_cost_usd(&self) -> Option<f64> {
        let costs: Vec<f64> = self
            .import
            .functions
            .iter()
            .filter_map(|f| f.aws_cost_usd)
            .collect();
        (!costs.is_empty()).then(|| costs.iter().sum())
    }
}
