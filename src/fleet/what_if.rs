//! What-ifs: the fleet repriced with a change to every function it applies to, and what
//! that saves per function and in total (the fleet totals' difference, tiers and free
//! tier included).

use super::price::{function_bill, price, FleetBill};
use super::Function;
use crate::model::{sweep, workload_on, DurationModel};
use crate::pricing::Terms;
use crate::rates::{Arch, RateCard};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhatIfKind {
    /// Every x86_64 function on arm64.
    Arm64,
    /// Each function at Compute Optimizer's recommended memory.
    RecommendedMemory,
    /// Each function at its cheapest memory under the duration model, at or above the
    /// memory it is known to use.
    CheapestMemory,
}

impl WhatIfKind {
    pub const ALL: [WhatIfKind; 3] = [
        WhatIfKind::Arm64,
        WhatIfKind::RecommendedMemory,
        WhatIfKind::CheapestMemory,
    ];

    /// Stable machine name, for JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            WhatIfKind::Arm64 => "arm64",
            WhatIfKind::RecommendedMemory => "recommended_memory",
            WhatIfKind::CheapestMemory => "cheapest_memory",
        }
    }

    /// Which functions it changes, so a what-if that applies to none says why.
    pub fn applies_to(self) -> &'static str {
        match self {
            WhatIfKind::Arm64 => {
                "x86_64 functions, at their own arm_factor or the page's arm64 speed factor"
            }
            WhatIfKind::RecommendedMemory => {
                "functions with a recommendation: a Compute Optimizer export, or a \
                 recommended_memory_mb column"
            }
            WhatIfKind::CheapestMemory => {
                "functions whose memory use is known (Compute Optimizer's maximum, or a \
                 memory_used_mb column), down to that; duration follows their cpu share"
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            WhatIfKind::Arm64 => "Every function on arm64",
            WhatIfKind::RecommendedMemory => "Compute Optimizer's recommended memory",
            WhatIfKind::CheapestMemory => "Cheapest memory under the duration model",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WhatIfOptions {
    /// arm64 duration / x86_64 duration, for functions that do not give their own
    /// (`arm_factor` column); 1.0 is the same speed.
    pub arm64_factor: f64,
    pub free_tier: bool,
}

impl Default for WhatIfOptions {
    fn default() -> Self {
        WhatIfOptions {
            arm64_factor: 1.0,
            free_tier: false,
        }
    }
}

/// One function under a what-if.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    pub arch: Arch,
    /// Memory after the change, when the function's memory is known.
    pub memory_mb: Option<u32>,
    /// Its own bill after the change, and what that saves against its bill today
    /// (negative: it costs more).
    pub new_cents: i64,
    pub savings_cents: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    pub kind: WhatIfKind,
    /// Per function, in the fleet's order; `None` where the what-if does not apply
    /// (already arm64, no recommendation, memory use unknown).
    pub changes: Vec<Option<Change>>,
    pub fleet_total_cents: i64,
    /// The fleet total today minus the fleet total under the what-if.
    pub savings_cents: i64,
}

impl WhatIf {
    pub fn applied(&self) -> usize {
        self.changes.iter().flatten().count()
    }
}

/// Every what-if for `functions`, whose bill today is `today` (from `price`).
pub fn what_ifs(
    functions: &[Function],
    today: &FleetBill,
    card: &RateCard,
    options: &WhatIfOptions,
) -> Vec<WhatIf> {
    WhatIfKind::ALL
        .iter()
        .map(|&kind| what_if(kind, functions, today, card, options))
        .collect()
}

pub fn what_if(
    kind: WhatIfKind,
    functions: &[Function],
    today: &FleetBill,
    card: &RateCard,
    options: &WhatIfOptions,
) -> WhatIf {
    let changed: Vec<Option<Function>> = functions
        .iter()
        .map(|f| change(kind, f, card, options))
        .collect();
    let fleet: Vec<Function> = functions
        .iter()
        .zip(&changed)
        .map(|(f, c)| c.clone().unwrap_or_else(|| f.clone()))
        .collect();
    let after = price(&fleet, card, options.free_tier);
    let changes = changed
        .iter()
        .zip(&after.functions)
        .zip(&today.functions)
        .map(|((c, new), old)| {
            let (c, new, old) = (c.as_ref()?, new.as_ref()?, old.as_ref()?);
            Some(Change {
                arch: c.arch,
                memory_mb: c.scenario.as_ref().map(|s| s.memory_mb),
                new_cents: new.total_cents,
                savings_cents: old.total_cents - new.total_cents,
            })
        })
        .collect();
    WhatIf {
        kind,
        changes,
        fleet_total_cents: after.total_cents,
        savings_cents: today.total_cents - after.total_cents,
    }
}

/// The function as the what-if would make it, or `None` when it does not apply.
fn change(
    kind: WhatIfKind,
    f: &Function,
    card: &RateCard,
    options: &WhatIfOptions,
) -> Option<Function> {
    match kind {
        WhatIfKind::Arm64 => {
            if f.arch == Arch::Arm64 {
                return None;
            }
            let mut g = f.clone();
            g.arch = Arch::Arm64;
            if let Some(s) = g.scenario.as_mut() {
                // A function's own arm_factor wins over the fleet-wide one.
                let factor = if s.arm64_factor != 1.0 {
                    s.arm64_factor
                } else {
                    options.arm64_factor
                };
                let w = workload_on(&s.workload(), Arch::Arm64, factor);
                s.arch = Arch::Arm64;
                s.duration_ms = w.duration_ms;
                if s.pc_duration_ms.is_some() {
                    s.pc_duration_ms = Some(w.provisioned.duration_ms);
                }
            }
            if let Some(u) = g.metered.as_mut() {
                // Metered usage: every GB-s that scales with run time scales by the factor.
                let own = f.scenario.as_ref().map_or(1.0, |s| s.arm64_factor);
                let factor = valid_factor(if own != 1.0 {
                    own
                } else {
                    options.arm64_factor
                });
                u.duration_gb_s *= factor;
                u.provisioned_duration_gb_s *= factor;
                u.storage_gb_s *= factor;
            }
            Some(g)
        }
        WhatIfKind::RecommendedMemory => {
            let r = f.recommended?;
            let s = f.scenario.as_ref()?;
            if r.memory_mb == s.memory_mb {
                return None;
            }
            let duration = r
                .duration_ms
                .unwrap_or_else(|| model(s).duration_ms(r.memory_mb));
            Some(at_memory(f, r.memory_mb, duration))
        }
        WhatIfKind::CheapestMemory => {
            let s = f.scenario.as_ref()?;
            let floor = f.memory_floor_mb?.max(128);
            if floor >= s.memory_mb {
                return None;
            }
            let rates = card.rates(&s.region, s.arch)?;
            let m = model(s);
            // Under the model, more memory than today never bills less (the CPU-bound
            // part at best pays for itself), so the sizes from the floor up to today's.
            let points = sweep(
                &s.workload(),
                &rates,
                &Terms::default(),
                &m,
                floor..=s.memory_mb,
            );
            let best = points
                .iter()
                .fold(None::<&crate::model::SweepPoint>, |b, p| {
                    match b {
                        // Ties keep the larger memory: the same bill with more headroom.
                        Some(b) if b.monthly_usd < p.monthly_usd => Some(b),
                        _ => Some(p),
                    }
                })?;
            if best.memory_mb == s.memory_mb {
                return None;
            }
            let today = function_bill(f, card)?.total_cents;
            let g = at_memory(f, best.memory_mb, best.duration_ms);
            let after = function_bill(&g, card)?.total_cents;
            (after < today).then_some(g)
        }
    }
}

fn valid_factor(f: f64) -> f64 {
    if f.is_finite() && f > 0.0 {
        f
    } else {
        1.0
    }
}

fn model(s: &crate::scenario::Scenario) -> DurationModel {
    DurationModel {
        measured_mb: s.memory_mb,
        measured_ms: s.duration_ms,
        cpu_bound: s.cpu_bound_pct / 100.0,
        multi_threaded: s.multi_threaded,
    }
}

/// The function at another memory size running `duration_ms`; a provisioned-concurrency
/// duration of its own scales by the same ratio, and metered GB-s by the ratio of
/// memory x duration.
fn at_memory(f: &Function, memory_mb: u32, duration_ms: f64) -> Function {
    let mut g = f.clone();
    if let Some(s) = g.scenario.as_mut() {
        let ratio = if s.duration_ms > 0.0 {
            duration_ms / s.duration_ms
        } else {
            1.0
        };
        if let Some(u) = g.metered.as_mut() {
            let gb_s_ratio = ratio * memory_mb as f64 / s.memory_mb.max(1) as f64;
            u.duration_gb_s *= gb_s_ratio;
            u.provisioned_duration_gb_s *= gb_s_ratio;
            u.storage_gb_s *= ratio;
        }
        s.pc_duration_ms = s.pc_duration_ms.map(|d| d * ratio);
        s.memory_mb = memory_mb;
        s.duration_ms = duration_ms;
    }
    g
}
