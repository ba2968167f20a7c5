mod bill_table;
mod calculator;
mod charts_panel;
mod field;

pub use bill_table::BillTable;
pub use calculator::Calculator;
pub use charts_panel::ChartsPanel;
pub use field::NumberField;
