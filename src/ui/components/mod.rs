mod bill_table;
mod calculator;
mod field;

pub use bill_table::BillTable;
pub use calculator::Calculator;
pub use field::NumberField;
