//! The scenario's fields, each declared once: its link key (via `Field::key`), how text
//! (from a link, the form or the CLI) is read and checked with the message a user sees,
//! how it is written back, and its label, unit and hint for the form and messages. The
//! link decoder and encoder, the form's drafts, labels and inputs, `Scenario::validate`
//! (`check`) and the CLI's key list all walk `ALL`.
//!
//! # Adding a key
//!
//! One entry here plus its pricing rule:
//!
//! 1. One `Spec` in `ALL` (`..PLAIN` fills what it leaves out), at the position the
//!    encoder should write it (links already written keep their text as long as new
//!    keys are only written when not default). It opens with `field: Field::Name` and
//!    `key: "link_key"`: `field_table!` makes the constant `Field::Name` from them, the
//!    name the form and messages use (a misspelt name does not compile).
//!    - `read` parses and checks the text on its own (cross-field rules belong to
//!      `Scenario::validate`), with the helpers below for numbers, flags and rates;
//!    - `value` is the text the link writes and the form shows;
//!    - `written`: `Always`, `UnlessDefault` (compared with `Scenario::default()`), or
//!      `UnlessEqual(other)` for a field whose default is another field's value, like
//!      `pc_duration` following `duration`: store an `Option` (`None` follows), let
//!      `value` return the value in effect, and the key is written only when it differs.
//!      An optional field (the `r_*` overrides) is an `Option` whose `value` is empty
//!      for `None` and whose `read` takes empty text as `None`: with `UnlessDefault`
//!      it is written only when set.
//!    - `in_pin: false` for keys a pinned scenario does not keep (Power Tuning data).
//! 2. Its pricing rule: the member of `Scenario` the entry reads and writes, its value
//!    in `Scenario::default()` (`scenario/mod.rs`), and its use in `pricing` (with its
//!    limits in `pricing::LIMITS`; `pricing` names a field it checks by its key, and
//!    `the_core_names_only_table_keys` checks those keys are in the table).
//!
//! `adding_a_key_is_one_entry` counts the entries, as a reminder of the steps.
//!
//! Descriptors hold plain `fn` pointers, not generics, so the table costs one copy of
//! each reader in the Wasm bundle.

use super::Scenario;
use crate::compute::{InstanceTable, Runtime};
use crate::input::{in_range, parse_number, positive_up_to, whole_in_range, Field, InputError};
use crate::money;
use crate::pricing::LIMITS;
use crate::rates::Rates;

/// Reads a field's text into the scenario, or says why it cannot.
pub type Read = fn(&mut Scenario, &str) -> Result<(), InputError>;
/// A field's text as the link writes it and the form shows it.
pub type Value = fn(&Scenario) -> String;

/// When the encoder writes a key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Written {
    Always,
    /// When its `value` differs from the default scenario's.
    UnlessDefault,
    /// When its `value` differs from this other field's: its default follows that field.
    UnlessEqual(Field),
}

/// How a key travels in the link.
#[derive(Debug, Clone, Copy)]
pub enum Codec {
    /// One `key=value` pair read with `read` and written from `value`.
    Value {
        read: Read,
        value: Value,
        written: Written,
    },
    /// `v`: checked by the link codec (newer versions open with a notice).
    Version,
    /// `pt` with `pta` and `ptc`, and `ptl`: the Power Tuning runs, read and written by
    /// `tuning::link`.
    Runs,
    /// `pin`, repeated: pinned scenarios (`scenario::pin`).
    Pins,
}

/// One field of the scenario.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub field: Field,
    /// What the form and messages call it.
    pub label: &'static str,
    /// The unit shown next to the input ("" for none).
    pub unit: &'static str,
    /// A line under the input ("" for none).
    pub hint: &'static str,
    pub codec: Codec,
    /// Whether a pinned scenario keeps it (a pin keeps the workload, not Power Tuning data).
    pub in_pin: bool,
    /// The form shows and reads this field in its own terms (requests in the chosen
    /// traffic unit); `None`: as the link does.
    pub form: Option<(Value, Read)>,
    /// A rate override's: the rate card's value in the unit the field is entered in
    /// (what applies while it is empty, and the form's placeholder).
    pub card: Option<fn(&Rates) -> f64>,
}

impl Spec {
    pub fn key(&self) -> &'static str {
        self.field.key()
    }

    /// The link text of the field's value; `None` for keys that are not one value.
    pub fn value(&self, s: &Scenario) -> Option<String> {
        match self.codec {
            Codec::Value { value, .. } => Some(value(s)),
            _ => None,
        }
    }

    /// Sets the field from link text (structural keys are read by the link codec).
    pub fn read(&self, s: &mut Scenario, text: &str) -> Result<(), InputError> {
        match self.codec {
            Codec::Value { read, .. } => read(s, text),
            _ => Ok(()),
        }
    }

    /// The text the form shows.
    pub fn form_text(&self, s: &Scenario) -> String {
        match self.form {
            Some((show, _)) => show(s),
            None => self.value(s).unwrap_or_default(),
        }
    }

    /// Sets the field from what was typed in the form.
    pub fn enter(&self, s: &mut Scenario, text: &str) -> Result<(), InputError> {
        match self.form {
            Some((_, enter)) => enter(s, text),
            None => self.read(s, text),
        }
    }

    /// A rate override's placeholder: the card's rate in the field's unit, as typed
    /// (without `$`).
    pub fn placeholder(&self, rates: &Rates) -> Option<String> {
        let card = self.card?;
        Some(
            money::format_rate(card(rates))
                .trim_start_matches('$')
                .to_string(),
        )
    }

    /// The value to write for `s`, or `None` when the key is left out of the link.
    pub fn written(&self, s: &Scenario, default: &Scenario) -> Option<String> {
        let Codec::Value { value, written, .. } = self.codec else {
            return None;
        };
        let text = value(s);
        let keep = match written {
            Written::Always => true,
            Written::UnlessDefault => text != value(default),
            Written::UnlessEqual(other) => Some(&text) != spec(other).value(s).as_ref(),
        };
        keep.then_some(text)
    }
}

/// The field's spec. Every `Field` has one (`every_field_has_one_spec`); the fallback
/// is the version's, which reads and writes nothing.
pub fn spec(field: Field) -> &'static Spec {
    ALL.iter().find(|s| s.field == field).unwrap_or(&ALL[0])
}

/// The spec of a link key.
pub fn by_key(key: &str) -> Option<&'static Spec> {
    ALL.iter().find(|s| s.key() == key)
}

/// What an entry of `ALL` leaves out: no unit or hint, kept by pins, shown in the form
/// as the link writes it.
const PLAIN: Spec = Spec {
    field: Field::Version,
    label: "",
    unit: "",
    hint: "",
    codec: Codec::Version,
    in_pin: true,
    form: None,
    card: None,
};

/// Declares the field table: `ALL`, and from each entry's `field: Field::Name` and
/// `key: "..."` the constant `Field::Name` (a `rate_override!` entry names them first).
/// Walks the entries one at a time (`@` collects the constants, then the specs).
macro_rules! field_table {
    (@ [$($name:ident = $key:literal)*] [$($spec:expr,)*]) => {
        #[allow(non_upper_case_globals)]
        impl Field {
            $(pub const $name: Field = Field::new($key);)*
        }

        /// Every field, in the order the encoder writes them.
        pub const ALL: &[Spec] = &[$($spec,)*];
    };
    (@ [$($consts:tt)*] [$($specs:tt)*]
        Spec { field: Field::$name:ident, key: $key:literal, $($rest:tt)* } $(, $($tail:tt)*)?) => {
        field_table!(@ [$($consts)* $name = $key]
            [$($specs)* Spec { field: Field::$name, $($rest)* },] $($($tail)*)?);
    };
    (@ [$($consts:tt)*] [$($specs:tt)*]
        rate_override!(Field::$name:ident, $key:literal, $($args:tt)*) $(, $($tail:tt)*)?) => {
        field_table!(@ [$($consts)* $name = $key]
            [$($specs)* rate_override!(Field::$name, $($args)*),] $($($tail)*)?);
    };
    ($($entries:tt)*) => {
        field_table!(@ [] [] $($entries)*);
    };
}

/// The entry of a rate override: the `RateOverrides` member `$slot`, a rate in USD from
/// $0 to `$max` `$per`, written only when set; `$card` reads the card's rate in that
/// unit. (The bounds keep every bill exact in cents.)
macro_rules! rate_override {
    ($field:expr, $label:expr, $unit:expr, $slot:ident, $max:expr, $per:expr, $card:expr) => {
        Spec {
            field: $field,
            label: $label,
            unit: $unit,
            card: Some($card),
            codec: Codec::Value {
                read: |s, t| put(&mut s.rate_overrides.$slot, rate($field, t, $max, $per)),
                value: |s| rate_text(s.rate_overrides.$slot),
                written: Written::UnlessDefault,
            },
            ..PLAIN
        }
    };
}

field_table![
    Spec {
        field: Field::Version,
        key: "v",
        label: "Link version",
        codec: Codec::Version,
        ..PLAIN
    },
    Spec {
        field: Field::Region,
        key: "region",
        label: "Region",
        codec: Codec::Value {
            // Any letter case reads as the card's code (`US-EAST-1` is `us-east-1`); an
            // unknown code is kept as typed, for the message that names it.
            read: |s, t| {
                let code = t.trim();
                let card = crate::RateCard::embedded();
                put(
                    &mut s.region,
                    Ok(card.canonical_region(code).unwrap_or(code).to_string()),
                )
            },
            value: |s| s.region.clone(),
            written: Written::Always,
        },
        ..PLAIN
    },
    Spec {
        field: Field::Arch,
        key: "arch",
        label: "Architecture",
        codec: Codec::Value {
            read: |s, t| {
                put(
                    &mut s.arch,
                    t.trim()
                        .parse()
                        .map_err(|m: String| InputError::new(Field::Arch, m)),
                )
            },
            value: |s| s.arch.as_str().to_string(),
            written: Written::Always,
        },
        ..PLAIN
    },
    Spec {
        field: Field::Memory,
        key: "memory",
        label: "Memory",
        unit: "MB",
        hint: "128 to 10,240 MB; 1,769 MB = 1 vCPU",
        codec: Codec::Value {
            read: |s, t| {
                let mb = megabytes(Field::Memory, t, "a memory size", LIMITS.memory_mb);
                put(&mut s.memory_mb, mb)
            },
            value: |s| s.memory_mb.to_string(),
            written: Written::Always,
        },
        ..PLAIN
    },
    Spec {
        field: Field::Duration,
        key: "duration",
        label: "Average duration",
        unit: "ms",
        codec: Codec::Value {
            read: |s, t| put(&mut s.duration_ms, duration(Field::Duration, t)),
            value: |s| plain(s.duration_ms),
            written: Written::Always,
        },
        ..PLAIN
    },
    Spec {
        field: Field::Requests,
        key: "requests",
        label: "Requests",
        codec: Codec::Value {
            read: |s, t| put(&mut s.requests, request_count(Field::Requests, t)),
            value: |s| plain(s.requests),
            written: Written::Always,
        },
        // Typed and shown in the chosen traffic unit, stored per month.
        form: Some((
            |s| money::format_quantity(s.traffic_unit.from_monthly(s.requests), 4),
            |s, t| {
                let v = parse_number(Field::Requests, t, "a number of requests")?;
                let monthly = s.traffic_unit.to_monthly(v);
                put(
                    &mut s.requests,
                    request_count(Field::Requests, &monthly.to_string()),
                )
            },
        )),
        ..PLAIN
    },
    Spec {
        field: Field::Storage,
        key: "storage",
        label: "Ephemeral storage",
        unit: "MB",
        hint: "512 MB included; up to 10,240 MB",
        codec: Codec::Value {
            read: |s, t| {
                let mb = megabytes(Field::Storage, t, "a storage size", LIMITS.storage_mb);
                put(&mut s.storage_mb, mb)
            },
            value: |s| s.storage_mb.to_string(),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::FreeTier,
        key: "free",
        label: "Apply the free tier (1M requests and 400,000 GB-s per month)",
        codec: Codec::Value {
            read: |s, t| put(&mut s.free_tier, flag(Field::FreeTier, t)),
            value: |s| flag_text(s.free_tier),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::ColdStart,
        key: "cold",
        label: "Cold starts",
        unit: "% of invocations",
        codec: Codec::Value {
            read: |s, t| put(&mut s.cold_start_pct, percent(Field::ColdStart, t)),
            value: |s| plain(s.cold_start_pct),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::Init,
        key: "init",
        label: "INIT duration per cold start",
        unit: "ms",
        hint: "Billed like invocation duration since 2025-08-01; at most 10,000 ms",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::Init, t, "a duration")?;
                put(
                    &mut s.init_ms,
                    in_range(Field::Init, v, 0.0, LIMITS.init_ms, "ms"),
                )
            },
            value: |s| plain(s.init_ms),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::Provisioned,
        key: "pc",
        label: "Provisioned instances",
        unit: "instances",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::Provisioned, t, "a number of instances")?;
                put(
                    &mut s.pc_instances,
                    whole_in_range(Field::Provisioned, v, 0, LIMITS.pc_instances, "instances"),
                )
            },
            value: |s| s.pc_instances.to_string(),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::ProvisionedHours,
        key: "pc_hours",
        label: "Enabled",
        unit: "hours / month",
        hint: "730 hours = the whole month; billed in 5-minute units",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::ProvisionedHours, t, "hours")?;
                put(
                    &mut s.pc_hours,
                    in_range(Field::ProvisionedHours, v, 0.0, LIMITS.pc_hours, "hours"),
                )
            },
            value: |s| plain(s.pc_hours),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::ProvisionedRequests,
        key: "pc_requests",
        label: "Requests served by provisioned concurrency",
        unit: "per month",
        hint: "The rest, and any beyond its capacity, run on demand",
        codec: Codec::Value {
            read: |s, t| {
                put(
                    &mut s.pc_requests,
                    request_count(Field::ProvisionedRequests, t),
                )
            },
            value: |s| plain(s.pc_requests),
            written: Written::UnlessDefault,
        },
        form: Some((
            |s| money::format_quantity(s.pc_requests, 0),
            |s, t| {
                put(
                    &mut s.pc_requests,
                    request_count(Field::ProvisionedRequests, t),
                )
            },
        )),
        ..PLAIN
    },
    Spec {
        field: Field::ProvisionedDuration,
        key: "pc_duration",
        label: "Their average duration",
        unit: "ms",
        codec: Codec::Value {
            read: |s, t| {
                put(
                    &mut s.pc_duration_ms,
                    duration(Field::ProvisionedDuration, t).map(Some),
                )
            },
            value: |s| plain(s.pc_duration_ms.unwrap_or(s.duration_ms)),
            written: Written::UnlessEqual(Field::Duration),
        },
        ..PLAIN
    },
    Spec {
        field: Field::Discount,
        key: "discount",
        label: "Discount on duration and provisioned concurrency",
        unit: "%",
        hint: "Compute Savings Plans: up to 17 %",
        codec: Codec::Value {
            read: |s, t| put(&mut s.discount_pct, percent(Field::Discount, t)),
            value: |s| plain(s.discount_pct),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::CpuBound,
        key: "cpu",
        label: "CPU-bound share of the duration",
        unit: "%",
        hint: "0 %: waits on I/O, no faster with more memory; 100 %: pure computation",
        codec: Codec::Value {
            read: |s, t| put(&mut s.cpu_bound_pct, percent(Field::CpuBound, t)),
            value: |s| plain(s.cpu_bound_pct),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::MultiThreaded,
        key: "mt",
        label: "Multi-threaded (keeps getting faster above 1,769 MB)",
        codec: Codec::Value {
            read: |s, t| put(&mut s.multi_threaded, flag(Field::MultiThreaded, t)),
            value: |s| flag_text(s.multi_threaded),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::Arm64Factor,
        key: "arm_factor",
        label: "arm64 duration / x86_64 duration",
        unit: "×",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::Arm64Factor, t, "a factor")?;
                put(
                    &mut s.arm64_factor,
                    in_range(Field::Arm64Factor, v, 0.1, 10.0, ""),
                )
            },
            value: |s| plain(s.arm64_factor),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::TrafficUnit,
        key: "per",
        label: "Requests are counted",
        codec: Codec::Value {
            read: |s, t| {
                put(
                    &mut s.traffic_unit,
                    t.trim()
                        .parse()
                        .map_err(|m: String| InputError::new(Field::TrafficUnit, m)),
                )
            },
            value: |s| s.traffic_unit.key().to_string(),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::RateRequests,
        key: "r_req",
        label: "Requests",
        unit: "USD / 1M",
        codec: Codec::Value {
            read: |s, t| {
                put(
                    &mut s.rate_overrides.requests_per_million,
                    rate(Field::RateRequests, t, 100.0, "per 1M requests"),
                )
            },
            value: |s| rate_text(s.rate_overrides.requests_per_million),
            written: Written::UnlessDefault,
        },
        card: Some(|r| r.request * 1e6),
        ..PLAIN
    },
    Spec {
        field: Field::RateDuration1,
        key: "r_dur",
        label: "Duration, tier 1",
        unit: "USD / GB-s",
        codec: Codec::Value {
            read: |s, t| {
                put(
                    &mut s.rate_overrides.duration[0],
                    gb_second_rate(Field::RateDuration1, t),
                )
            },
            value: |s| rate_text(s.rate_overrides.duration[0]),
            written: Written::UnlessDefault,
        },
        card: Some(|r| r.duration[0]),
        ..PLAIN
    },
    Spec {
        field: Field::RateDuration2,
        key: "r_dur2",
        label: "Duration, tier 2",
        unit: "USD / GB-s",
        codec: Codec::Value {
            read: |s, t| {
                put(
                    &mut s.rate_overrides.duration[1],
                    gb_second_rate(Field::RateDuration2, t),
                )
            },
            value: |s| rate_text(s.rate_overrides.duration[1]),
            written: Written::UnlessDefault,
        },
        card: Some(|r| r.duration[1]),
        ..PLAIN
    },
    Spec {
        field: Field::RateDuration3,
        key: "r_dur3",
        label: "Duration, tier 3",
        unit: "USD / GB-s",
        codec: Codec::Value {
            read: |s, t| {
                put(
                    &mut s.rate_overrides.duration[2],
                    gb_second_rate(Field::RateDuration3, t),
                )
            },
            value: |s| rate_text(s.rate_overrides.duration[2]),
            written: Written::UnlessDefault,
        },
        card: Some(|r| r.duration[2]),
        ..PLAIN
    },
    Spec {
        field: Field::RateProvisioned,
        key: "r_pc",
        label: "Provisioned concurrency",
        unit: "USD / GB-s",
        codec: Codec::Value {
            read: |s, t| {
                put(
                    &mut s.rate_overrides.provisioned,
                    gb_second_rate(Field::RateProvisioned, t),
                )
            },
            value: |s| rate_text(s.rate_overrides.provisioned),
            written: Written::UnlessDefault,
        },
        card: Some(|r| r.provisioned),
        ..PLAIN
    },
    Spec {
        field: Field::RateProvisionedDuration,
        key: "r_pcd",
        label: "Duration on provisioned concurrency",
        unit: "USD / GB-s",
        codec: Codec::Value {
            read: |s, t| {
                put(
                    &mut s.rate_overrides.provisioned_duration,
                    gb_second_rate(Field::RateProvisionedDuration, t),
                )
            },
            value: |s| rate_text(s.rate_overrides.provisioned_duration),
            written: Written::UnlessDefault,
        },
        card: Some(|r| r.provisioned_duration),
        ..PLAIN
    },
    Spec {
        field: Field::RateStorage,
        key: "r_eph",
        label: "Ephemeral storage",
        unit: "USD / GB-s",
        codec: Codec::Value {
            read: |s, t| {
                put(
                    &mut s.rate_overrides.ephemeral_storage,
                    gb_second_rate(Field::RateStorage, t),
                )
            },
            value: |s| rate_text(s.rate_overrides.ephemeral_storage),
            written: Written::UnlessDefault,
        },
        card: Some(|r| r.ephemeral_storage),
        ..PLAIN
    },
    Spec {
        field: Field::Tuning,
        key: "pt",
        label: "Power Tuning runs",
        codec: Codec::Runs,
        in_pin: false,
        ..PLAIN
    },
    Spec {
        field: Field::LmiTuning,
        key: "ptl",
        label: "Power Tuning runs on Managed Instances",
        // Power Tuning's LMI runs in the same hash form as `pt`, the Int16 part holding
        // concurrency levels and each name `ratio:currency:instance type`; read with the
        // other runs (`tuning::link::ReadRuns`), so a bundle that draws none leaves
        // their decoder out.
        codec: Codec::Runs,
        in_pin: false,
        ..PLAIN
    },
    Spec {
        field: Field::TuningWeight,
        key: "w",
        label: "Balanced weight",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::TuningWeight, t, "a weight")?;
                put(
                    &mut s.tuning_weight,
                    in_range(Field::TuningWeight, v, 0.0, 1.0, ""),
                )
            },
            value: |s| plain(s.tuning_weight),
            written: Written::UnlessDefault,
        },
        in_pin: false,
        ..PLAIN
    },
    Spec {
        field: Field::Pin,
        key: "pin",
        label: "Pinned scenario",
        codec: Codec::Pins,
        in_pin: false,
        ..PLAIN
    },
    // The 2026 billing options (issue 10); each is off by default and written only when set.
    Spec {
        field: Field::SnapStart,
        key: "snapstart",
        label: "SnapStart (Python and .NET; Java's is free)",
        codec: Codec::Value {
            read: |s, t| put(&mut s.snapstart.enabled, flag(Field::SnapStart, t)),
            value: |s| flag_text(s.snapstart.enabled),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::SnapVersions,
        key: "snap_versions",
        label: "Published versions with SnapStart active",
        unit: "versions",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::SnapVersions, t, "a number of versions")?;
                put(
                    &mut s.snapstart.versions,
                    whole_in_range(Field::SnapVersions, v, 1, LIMITS.snap_versions, "versions"),
                )
            },
            value: |s| s.snapstart.versions.to_string(),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::SnapHours,
        key: "snap_hours",
        label: "Each version active",
        unit: "hours / month",
        hint: "Each version's cache bills at least 3 hours",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::SnapHours, t, "hours")?;
                put(
                    &mut s.snapstart.hours,
                    in_range(Field::SnapHours, v, 0.0, LIMITS.pc_hours, "hours"),
                )
            },
            value: |s| plain(s.snapstart.hours),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::StreamMb,
        key: "stream_mb",
        label: "Streamed per response",
        unit: "MB",
        hint: "Only the part beyond 6 MB is charged (1 GB = 1,024 MB)",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::StreamMb, t, "a size")?;
                put(
                    &mut s.streaming.mb_per_response,
                    in_range(Field::StreamMb, v, 0.0, LIMITS.stream_mb, "MB"),
                )
            },
            value: |s| plain(s.streaming.mb_per_response),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::StreamRequests,
        key: "stream_requests",
        label: "Requests that stream that much",
        unit: "per month",
        hint: "At most the requests per month; all of them unless set",
        codec: Codec::Value {
            read: |s, t| {
                put(
                    &mut s.streaming.requests,
                    request_count(Field::StreamRequests, t).map(Some),
                )
            },
            value: |s| plain(s.streaming.requests.unwrap_or(s.requests)),
            written: Written::UnlessEqual(Field::Requests),
        },
        ..PLAIN
    },
    Spec {
        field: Field::StreamFree,
        key: "stream_free",
        label: "The 100 GB monthly streaming allowance is available",
        hint: "Follows the free tier unless set; it is shared by the account's functions",
        codec: Codec::Value {
            read: |s, t| {
                put(
                    &mut s.streaming.free_allowance,
                    flag(Field::StreamFree, t).map(Some),
                )
            },
            value: |s| flag_text(s.streaming.free_allowance.unwrap_or(s.free_tier)),
            written: Written::UnlessEqual(Field::FreeTier),
        },
        ..PLAIN
    },
    Spec {
        field: Field::EventKb,
        key: "event_kb",
        label: "Asynchronous event payload",
        unit: "KB",
        hint: "0 to 1,024 KB; beyond 256 KB each started 64 KB is one more request",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::EventKb, t, "a size")?;
                put(
                    &mut s.event_kb,
                    in_range(Field::EventKb, v, 0.0, LIMITS.event_kb, "KB"),
                )
            },
            value: |s| plain(s.event_kb),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::Edge,
        key: "edge",
        label: "Price as Lambda@Edge (x86_64 only, no free tier, no tiers)",
        codec: Codec::Value {
            read: |s, t| put(&mut s.edge, flag(Field::Edge, t)),
            value: |s| flag_text(s.edge),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::DurableExecutions,
        key: "durable_executions",
        label: "Durable executions",
        unit: "per month",
        hint: "Requests and duration above count every invocation, replays included",
        codec: Codec::Value {
            read: |s, t| {
                put(
                    &mut s.durable.executions,
                    request_count(Field::DurableExecutions, t),
                )
            },
            value: |s| plain(s.durable.executions),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::DurableOps,
        key: "durable_ops",
        label: "Durable operations per execution",
        unit: "operations",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::DurableOps, t, "a number of operations")?;
                put(
                    &mut s.durable.operations,
                    in_range(Field::DurableOps, v, 0.0, LIMITS.durable_ops, "operations"),
                )
            },
            value: |s| plain(s.durable.operations),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::DurableKb,
        key: "durable_kb",
        label: "Data written per execution",
        unit: "KB",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::DurableKb, t, "a size")?;
                put(
                    &mut s.durable.kb_written,
                    in_range(Field::DurableKb, v, 0.0, LIMITS.durable_kb, "KB"),
                )
            },
            value: |s| plain(s.durable.kb_written),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::DurableWaitDays,
        key: "durable_wait_days",
        label: "Days each execution runs and waits",
        unit: "days",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::DurableWaitDays, t, "a number of days")?;
                put(
                    &mut s.durable.wait_days,
                    in_range(
                        Field::DurableWaitDays,
                        v,
                        0.0,
                        LIMITS.durable_wait_days,
                        "days",
                    ),
                )
            },
            value: |s| plain(s.durable.wait_days),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::DurableRetainDays,
        key: "durable_retain_days",
        label: "Retention after completion",
        unit: "days",
        hint: "1 to 90 days; 14 unless set",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::DurableRetainDays, t, "a number of days")?;
                let (lo, hi) = LIMITS.durable_retain_days;
                put(
                    &mut s.durable.retain_days,
                    in_range(Field::DurableRetainDays, v, lo, hi, "days"),
                )
            },
            value: |s| plain(s.durable.retain_days),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::TenantEnvs,
        key: "tenant_envs",
        label: "Tenant-isolated environments created",
        unit: "per month",
        hint: "Charged per GB of memory for each environment",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::TenantEnvs, t, "a number of environments")?;
                put(
                    &mut s.tenant_envs,
                    in_range(Field::TenantEnvs, v, 0.0, LIMITS.requests, "environments"),
                )
            },
            value: |s| plain(s.tenant_envs),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    rate_override!(
        Field::RateSnapCache,
        "r_snap",
        "SnapStart cache",
        "USD / GB-s",
        snapstart_cache,
        1.0,
        "per GB-s",
        |r| r.snapstart_cache
    ),
    rate_override!(
        Field::RateSnapRestore,
        "r_restore",
        "SnapStart restore",
        "USD / GB",
        snapstart_restore,
        1.0,
        "per GB",
        |r| r.snapstart_restore
    ),
    rate_override!(
        Field::RateStreaming,
        "r_stream",
        "Response streaming",
        "USD / GB",
        streaming,
        1.0,
        "per GB",
        |r| r.streaming
    ),
    rate_override!(
        Field::RateDurableOps,
        "r_dop",
        "Durable operations",
        "USD / 1M",
        durable_operations_per_million,
        100.0,
        "per 1M operations",
        |r| r.durable_operation * 1e6
    ),
    rate_override!(
        Field::RateDurableWritten,
        "r_dwrite",
        "Durable data written",
        "USD / GB",
        durable_written,
        10.0,
        "per GB",
        |r| r.durable_written
    ),
    rate_override!(
        Field::RateDurableRetained,
        "r_dretain",
        "Durable data retained",
        "USD / GB-month",
        durable_retained,
        1.0,
        "per GB-month",
        |r| r.durable_retained
    ),
    rate_override!(
        Field::RateTenant,
        "r_tenant",
        "Tenant isolation",
        "USD / GB",
        tenant_isolation,
        1.0,
        "per GB",
        |r| r.tenant_isolation
    ),
    // Lambda Managed Instances (issue 12): how the workload runs and the LMI inputs.
    Spec {
        field: Field::Compute,
        key: "compute",
        label: "Run it on",
        hint: "lambda: Lambda's bill; lmi: the Lambda Managed Instances bill",
        codec: Codec::Value {
            read: |s, t| {
                put(
                    &mut s.compute,
                    t.parse()
                        .map_err(|m: String| InputError::new(Field::Compute, m)),
                )
            },
            value: |s| s.compute.key().to_string(),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::LmiType,
        key: "lmi_type",
        label: "Instance type",
        hint: "C, M or R family, .large and up (e.g. m7g.xlarge)",
        codec: Codec::Value {
            read: |s, t| {
                let name = InstanceTable::embedded()
                    .instance_type(t)
                    .map(|i| i.name)
                    .map_err(|e| InputError::new(Field::LmiType, e.message));
                put(&mut s.lmi.instance_type, name)
            },
            value: |s| s.lmi.instance_type.clone(),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::LmiHourly,
        key: "lmi_hourly",
        label: "On-demand price per instance",
        unit: "USD / hour",
        hint: "Empty: the instance table's us-east-1 price; elsewhere enter it",
        codec: Codec::Value {
            read: |s, t| {
                let v = optional(t.trim().trim_start_matches('$'), |t| {
                    let v = number(Field::LmiHourly, t, "a price in USD per hour")?;
                    positive_up_to(Field::LmiHourly, v, 1000.0, "USD")
                });
                put(&mut s.lmi.hourly_override, v)
            },
            value: |s| s.lmi.hourly_override.map(plain).unwrap_or_default(),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::LmiDiscount,
        key: "lmi_discount",
        label: "Discount on the EC2 part",
        unit: "%",
        hint: "Savings Plans or Reserved Instances; the 15 % fee stays on the on-demand price",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::LmiDiscount, t, "a percentage").and_then(|v| {
                    if (0.0..100.0).contains(&v) {
                        Ok(v)
                    } else {
                        Err(InputError::new(
                            Field::LmiDiscount,
                            "must be a percentage from 0 up to (not including) 100",
                        ))
                    }
                });
                put(&mut s.lmi.discount_pct, v)
            },
            value: |s| plain(s.lmi.discount_pct),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::LmiHours,
        key: "lmi_hours",
        label: "Instance-hours",
        unit: "per month",
        hint: "Empty: sized from the traffic",
        codec: Codec::Value {
            read: |s, t| {
                let v = optional(t, |t| {
                    let v = number(Field::LmiHours, t, "instance-hours")?;
                    in_range(Field::LmiHours, v, 0.0, 1e8, "instance-hours")
                });
                put(&mut s.lmi.instance_hours, v)
            },
            value: |s| s.lmi.instance_hours.map(plain).unwrap_or_default(),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::LmiConc,
        key: "lmi_conc",
        label: "Concurrent requests per vCPU",
        hint: "Empty: the runtime's default (Node.js 64, Java 32, .NET 32, Python 16)",
        codec: Codec::Value {
            read: |s, t| {
                let v = optional(t, |t| {
                    let v = number(Field::LmiConc, t, "requests per vCPU")?;
                    whole_in_range(Field::LmiConc, v, 1, 1000, "requests").map(f64::from)
                });
                put(&mut s.lmi.conc_per_vcpu, v)
            },
            value: |s| s.lmi.conc_per_vcpu.map(plain).unwrap_or_default(),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::LmiRuntime,
        key: "lmi_runtime",
        label: "Runtime",
        hint: "Sets the default requests per vCPU; Rust has none from AWS",
        codec: Codec::Value {
            read: |s, t| {
                let rt = t
                    .parse::<Runtime>()
                    .map_err(|m| InputError::new(Field::LmiRuntime, m));
                put(&mut s.lmi.runtime, rt.map(Some))
            },
            value: |s| s.lmi.runtime.map_or("", |r| r.key()).to_string(),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::LmiMin,
        key: "lmi_min",
        label: "Minimum instances",
        unit: "instances",
        hint: "AWS runs 3 by default, for resilience across Availability Zones",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::LmiMin, t, "a number of instances")?;
                put(
                    &mut s.lmi.min_instances,
                    whole_in_range(Field::LmiMin, v, 0, 10_000, "instances"),
                )
            },
            value: |s| s.lmi.min_instances.to_string(),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    // The day's traffic shape (issue 12): the month's requests in a daily peak; absent,
    // steady traffic. Provisioned concurrency and Managed Instances are sized from it.
    Spec {
        field: Field::PeakHours,
        key: "peak_hours",
        label: "Peak lasts",
        unit: "hours / day",
        hint: "24: steady traffic; fewer: the month's requests come in a daily peak",
        codec: Codec::Value {
            read: |s, t| {
                let v = number(Field::PeakHours, t, "hours a day")?;
                put(
                    &mut s.peak_hours,
                    positive_up_to(Field::PeakHours, v, 24.0, "hours"),
                )
            },
            value: |s| plain(s.peak_hours),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
    Spec {
        field: Field::OffPeakPct,
        key: "off_peak_pct",
        label: "Off-peak traffic",
        unit: "% of the peak rate",
        hint: "Requests per second outside the peak, as a share of the peak's",
        codec: Codec::Value {
            read: |s, t| put(&mut s.off_peak_pct, percent(Field::OffPeakPct, t)),
            value: |s| plain(s.off_peak_pct),
            written: Written::UnlessDefault,
        },
        ..PLAIN
    },
];

/// Sets one field from text, as typed in the page or read from a link, checking it on
/// its own (cross-field rules are in `Scenario::validate`).
pub fn set(s: &mut Scenario, field: Field, text: &str) -> Result<(), InputError> {
    spec(field).read(s, text)
}

/// Every field whose value its own reader would refuse (`read` of `value`).
pub fn check(s: &Scenario) -> Vec<InputError> {
    // A reader sets only its own field, so any scenario will do as scratch (not a
    // clone of `s` with its runs and pins).
    let mut scratch = Scenario::default();
    ALL.iter()
        .filter_map(|f| {
            let text = f.value(s)?;
            f.read(&mut scratch, &text).err()
        })
        .collect()
}

/// One line per key a person sets: key, label and unit (the CLI's help lists them).
pub fn key_list() -> String {
    ALL.iter()
        .filter(|f| matches!(f.codec, Codec::Value { .. }))
        .map(|f| {
            let unit = if f.unit.is_empty() {
                String::new()
            } else {
                format!(" ({})", f.unit)
            };
            format!("  {:<12} {}{unit}\n", f.key(), f.label)
        })
        .collect()
}

/// Stores a value that was read, or passes its error on.
fn put<T>(slot: &mut T, value: Result<T, InputError>) -> Result<(), InputError> {
    *slot = value?;
    Ok(())
}

/// An optional value: empty text is `None` (the default applies), else `read` of it.
fn optional<T>(
    text: &str,
    read: impl FnOnce(&str) -> Result<T, InputError>,
) -> Result<Option<T>, InputError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        read(text).map(Some)
    }
}

fn number(field: Field, text: &str, what: &str) -> Result<f64, InputError> {
    parse_number(field, text, what)
}

/// A whole number of MB in `min..=max`.
fn megabytes(
    field: Field,
    text: &str,
    what: &str,
    (min, max): (u32, u32),
) -> Result<u32, InputError> {
    let v = number(field, text, what)?;
    whole_in_range(field, v, min, max, "MB")
}

fn duration(field: Field, text: &str) -> Result<f64, InputError> {
    let v = number(field, text, "a duration")?;
    positive_up_to(field, v, LIMITS.duration_ms, "ms")
}

fn request_count(field: Field, text: &str) -> Result<f64, InputError> {
    let v = number(field, text, "a request count")?;
    in_range(field, v, 0.0, LIMITS.requests, "requests")
}

fn percent(field: Field, text: &str) -> Result<f64, InputError> {
    let v = number(field, text, "a percentage")?;
    in_range(field, v, 0.0, 100.0, "%")
}

/// A USD per GB-s override: at most $1.
fn gb_second_rate(field: Field, text: &str) -> Result<Option<f64>, InputError> {
    rate(field, text, 1.0, "per GB-s")
}

/// A rate override in USD: empty clears it (the rate card applies again).
fn rate(field: Field, value: &str, max: f64, unit: &str) -> Result<Option<f64>, InputError> {
    let text = value.trim().trim_start_matches('$');
    if text.is_empty() {
        return Ok(None);
    }
    let v = parse_number(field, text, "a rate in USD")?;
    if (0.0..=max).contains(&v) {
        Ok(Some(v))
    } else {
        Err(InputError::new(
            field,
            format!("must be a rate between $0 and ${max} {unit}"),
        ))
    }
}

fn flag(field: Field, value: &str) -> Result<bool, InputError> {
    match value.trim() {
        "1" | "true" | "on" | "yes" => Ok(true),
        "0" | "false" | "off" | "no" => Ok(false),
        _ => Err(InputError::new(field, "must be 1 (on) or 0 (off)")),
    }
}

fn flag_text(on: bool) -> String {
    if on { "1" } else { "0" }.to_string()
}

/// Shortest text that reads back as the same f64 (never an exponent).
fn plain(v: f64) -> String {
    format!("{v}")
}

/// An override as written (empty: the rate card applies).
fn rate_text(rate: Option<f64>) -> String {
    rate.map(plain).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields there are. A new key is one entry in `ALL` (which also makes its
    /// `Field::Name`) plus its pricing rule; count it here.
    const FIELD_COUNT: usize = 61;

    #[test]
    fn adding_a_key_is_one_entry() {
        assert_eq!(
            ALL.len(),
            FIELD_COUNT,
            "a key was added or removed: see \"Adding a key\" in scenario/fields.rs"
        );
        // The constant made from an entry is that entry's field, with its key.
        assert_eq!(Field::Memory, Field::new("memory"));
        assert_eq!(spec(Field::LmiMin).label, "Minimum instances");
    }

    /// `pricing` and `tuning` sit below `scenario` and name the field an error concerns
    /// by its key: every such key is one the table declares.
    #[test]
    fn the_core_names_only_table_keys() {
        use crate::pricing::{Provisioned, Terms, Workload};
        let w = Workload {
            memory_mb: 0,
            duration_ms: -1.0,
            requests: -1.0,
            storage_mb: 0,
            cold_start_pct: -1.0,
            init_ms: -1.0,
            provisioned: Provisioned {
                instances: u32::MAX,
                hours: -1.0,
                requests: f64::MAX,
                duration_ms: -1.0,
            },
            event_kb: -1.0,
            ..Workload::default()
        };
        let terms = Terms {
            discount_pct: -1.0,
            ..Terms::default()
        };
        let mut named: Vec<Field> = w.validate().iter().map(|e| e.field).collect();
        named.extend(terms.validate().iter().map(|e| e.field));
        named.extend(w.validate_features().iter().map(|e| Field::new(e.key)));
        use crate::compute::lmi_field;
        named.extend([
            lmi_field::TYPE,
            lmi_field::HOURLY,
            lmi_field::DISCOUNT,
            lmi_field::HOURS,
            lmi_field::CONC,
            lmi_field::MIN,
        ]);
        assert_eq!(lmi_field::TYPE, Field::LmiType);
        use crate::tuning::link::ReadRuns;
        let runs = crate::tuning::link::LinkRuns::default().accept("pt", "%%%");
        named.push(runs.unwrap_err().field);
        assert!(named.len() >= 12, "{named:?}");
        for f in named {
            assert!(by_key(f.key()).is_some(), "{} is not in the table", f.key());
        }
    }

    #[test]
    fn every_field_has_one_spec() {
        // Distinct fields, as many as there are variants: every variant has one.
        assert_eq!(ALL.len(), FIELD_COUNT);
        for (i, a) in ALL.iter().enumerate() {
            assert_eq!(spec(a.field).key(), a.key(), "{}", a.key());
            for b in &ALL[i + 1..] {
                assert_ne!(a.key(), b.key());
            }
        }
        assert_eq!(
            by_key("pc_duration").unwrap().field,
            Field::ProvisionedDuration
        );
        assert!(by_key("label").is_none());
    }

    #[test]
    fn each_value_reads_back_its_own_text() {
        let d = Scenario::default();
        for f in ALL {
            let Some(text) = f.value(&d) else { continue };
            let mut s = d.clone();
            f.read(&mut s, &text).unwrap();
            if f.follows().is_none() {
                assert_eq!(s, d, "{}={text}", f.key());
            }
            assert_eq!(f.value(&s).unwrap(), text);
            assert!(
                f.written(&d, &d).is_none() || f.codec_always(),
                "{}",
                f.key()
            );
        }
    }

    #[test]
    fn validation_walks_the_table() {
        let card = crate::RateCard::embedded();
        let s = Scenario {
            arm64_factor: 0.0,
            tuning_weight: 2.0,
            ..Scenario::default()
        };
        let errors: Vec<String> = s.validate(card).iter().map(|e| e.to_string()).collect();
        assert_eq!(
            errors,
            [
                "arm_factor: must be between 0.1 and 10",
                "w: must be between 0 and 1"
            ]
        );
        // A field the pricing checks already name is reported once.
        let s = Scenario {
            memory_mb: 64,
            ..Scenario::default()
        };
        assert_eq!(s.validate(card).len(), 1);
        assert!(check(&Scenario::default()).is_empty());
    }

    #[test]
    fn the_key_list_names_every_settable_key() {
        let list = key_list();
        assert!(list.contains("  memory       Memory (MB)\n"), "{list}");
        assert!(list.contains("  pc_duration  Their average duration (ms)\n"));
        assert!(!list.contains(" pin ") && !list.contains(" v "), "{list}");
    }

    /// An override's placeholder is the card's rate in the unit the field reads: typed in
    /// as the override, it leaves every rate as the card has it.
    #[test]
    fn rate_overrides_show_the_cards_rate_in_their_own_unit() {
        let card = crate::RateCard::embedded();
        let rates = card.rates("us-east-1", crate::Arch::X86_64).unwrap();
        assert_eq!(
            spec(Field::RateRequests).placeholder(&rates).as_deref(),
            Some("0.20")
        );
        let with_card: Vec<&Spec> = ALL.iter().filter(|f| f.card.is_some()).collect();
        assert_eq!(with_card.len(), 14);
        for f in with_card {
            assert!(f.key().starts_with("r_"), "{}", f.key());
            let mut s = Scenario::default();
            let typed = f.placeholder(&rates).unwrap();
            f.enter(&mut s, &typed).unwrap();
            assert_ne!(s.rate_overrides, Scenario::default().rate_overrides);
            assert_eq!(s.rate_overrides.apply(rates, true), rates, "{}", f.key());
        }
        assert!(spec(Field::Memory).placeholder(&rates).is_none());
    }

    #[test]
    fn a_following_default_is_written_only_when_it_differs() {
        let f = spec(Field::ProvisionedDuration);
        let d = Scenario::default();
        let mut s = Scenario {
            duration_ms: 120.0,
            ..d.clone()
        };
        assert_eq!(f.form_text(&s), "120");
        assert_eq!(f.written(&s, &d), None);
        s.pc_duration_ms = Some(120.0);
        assert_eq!(f.written(&s, &d), None);
        s.pc_duration_ms = Some(100.0);
        assert_eq!(f.written(&s, &d).as_deref(), Some("100"));
    }

    #[test]
    fn the_form_reads_requests_in_the_chosen_unit() {
        let f = spec(Field::Requests);
        let mut s = Scenario {
            traffic_unit: super::super::TrafficUnit::PerSecond,
            ..Scenario::default()
        };
        f.enter(&mut s, "1").unwrap();
        assert_eq!(s.requests, 2_628_000.0);
        assert_eq!(f.form_text(&s), "1");
        assert_eq!(f.value(&s).unwrap(), "2628000");
        let e = f.enter(&mut s, "x").unwrap_err();
        assert_eq!(e.to_string(), "requests: \"x\" is not a number");
    }

    impl Spec {
        fn follows(&self) -> Option<Field> {
            match self.codec {
                Codec::Value {
                    written: Written::UnlessEqual(f),
                    ..
                } => Some(f),
                _ => None,
            }
        }

        fn codec_always(&self) -> bool {
            matches!(
                self.codec,
                Codec::Value {
                    written: Written::Always,
                    ..
                }
            )
        }
    }
}
