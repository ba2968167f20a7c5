//! Pinned scenarios: up to `MAX_PINS` scenarios kept side by side for comparison
//! ("Today: 512 MB x86_64" against "Proposed: 1024 MB arm64"), each with a label.
//! They travel in the link as repeated `pin` keys (see `link`).

use super::Scenario;
use crate::tuning;

/// Most scenarios pinned at once; a link with more opens the first ones, with a notice.
pub const MAX_PINS: usize = 4;
pub use crate::input::{clean_label, MAX_LABEL_CHARS};

/// A scenario pinned for comparison. Its label is user text: shown as text, never markup.
#[derive(Debug, Clone, PartialEq)]
pub struct Pin {
    pub label: String,
    /// The workload and terms only: no pins of its own, no Power Tuning runs.
    pub scenario: Scenario,
}

impl Pin {
    /// Pins `s` as it is now (without its pins and Power Tuning data), labelled `label`
    /// once cleaned, or with `default_label` when that is blank.
    pub fn new(label: &str, s: &Scenario) -> Pin {
        let mut pin = Pin {
            label: String::new(),
            scenario: pinnable(s),
        };
        pin.rename(label);
        pin
    }

    /// Relabels the pin with what a person typed, once cleaned, or `default_label` when
    /// that is blank.
    pub fn rename(&mut self, typed: &str) {
        self.label = clean_label(typed).unwrap_or_else(|| default_label(&self.scenario));
    }
}

/// "512 MB x86_64 us-east-1". The region is link text until the rate card has looked
/// it up, so the label goes through the same cleaner as one the user typed.
pub fn default_label(s: &Scenario) -> String {
    let label = format!(
        "{} MB {} {}",
        crate::money::format_quantity(f64::from(s.memory_mb), 0),
        s.arch,
        s.region
    );
    clean_label(&label).unwrap_or(label)
}

/// `s` without what a pin does not keep: pins and Power Tuning runs and weight.
pub fn pinnable(s: &Scenario) -> Scenario {
    Scenario {
        pins: Vec::new(),
        tuning: Vec::new(),
        lmi_tuning: Vec::new(),
        tuning_weight: tuning::DEFAULT_WEIGHT,
        ..s.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rates::Arch;

    #[test]
    fn a_renamed_pin_keeps_a_clean_label_or_its_default() {
        let mut pin = Pin::new("Today", &Scenario::default());
        pin.rename("  Proposed\n(arm64) ");
        assert_eq!(pin.label, "Proposed (arm64)");
        pin.rename(" \t ");
        assert_eq!(pin.label, "128 MB x86_64 us-east-1");
    }

    #[test]
    fn labels_are_one_short_line() {
        assert_eq!(clean_label("  Today  "), Some("Today".into()));
        assert_eq!(clean_label(" \n\t "), None);
        assert_eq!(clean_label("a\nb\u{202e}c"), Some("a b c".into()));
        assert_eq!(clean_label(&"é".repeat(100)).unwrap().chars().count(), 60);
    }

    #[test]
    fn pins_keep_the_workload_only() {
        let mut s = Scenario {
            memory_mb: 512,
            arch: Arch::Arm64,
            ..Scenario::default()
        };
        s.pins.push(Pin::new("", &Scenario::default()));
        s.tuning_weight = 0.2;
        let p = Pin::new("   ", &s);
        assert_eq!(p.label, "512 MB arm64 us-east-1");
        // Found by the link fuzzer: a pin whose region held line breaks.
        let hostile = Scenario {
            region: "g\nA\u{202e}C".into(),
            ..Scenario::default()
        };
        assert_eq!(default_label(&hostile), "128 MB x86_64 g A C");
        assert!(p.scenario.pins.is_empty());
        assert_eq!(p.scenario.tuning_weight, tuning::DEFAULT_WEIGHT);
        assert_eq!(p.scenario.memory_mb, 512);
    }
}
