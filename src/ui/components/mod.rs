mod bill_table;
mod calculator;
mod charts_panel;
mod field;
mod tuning_import;
mod tuning_panel;
mod tuning_table;

pub use bill_table::BillTable;
pub use calculator::Calculator;
pub use charts_panel::ChartsPanel;
pub use field::NumberField;
pub use tuning_panel::TuningPanel;
pub use tuning_table::TuningTable;
