mod bill_table;
mod billing_options;
mod calculator;
mod charts_panel;
mod comparison;
pub mod compute_comparison;
mod embed_dialog;
mod export_menu;
mod field;
mod lmi_runs;
pub mod notices;
mod share;
pub mod summary_bar;
mod traffic_shape;
mod tuning_import;
mod tuning_panel;
pub mod tuning_summary;
mod tuning_table;

pub use bill_table::{bill_table, bill_views};

/// A `class` attribute of the names given, in order; none when no name is. Yew's
/// `classes!` builds an ordered set for each element, several KB of code for a join.
pub fn class_list(names: &[Option<&str>]) -> Option<yew::AttrValue> {
    let mut out = String::new();
    for name in names.iter().flatten() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(name);
    }
    (!out.is_empty()).then(|| out.into())
}
pub use billing_options::BillingOptions;
pub use calculator::Calculator;
pub use charts_panel::charts_panel;
pub use comparison::comparison_panel;
pub use compute_comparison::ComputeComparison;
pub use embed_dialog::EmbedDialog;
pub use field::NumberField;
pub use lmi_runs::lmi_runs;
pub use share::ShareBar;
pub use traffic_shape::TrafficShapeHelper;
pub use tuning_import::RunItem;
pub use tuning_panel::TuningPanel;
pub use tuning_table::TuningTable;
