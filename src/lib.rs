//! The pure core of the Lambda cost calculator.
//!
//! Everything here is a function of plain values: no DOM, no clock, no randomness, no
//! globals beyond the embedded rate table. The same code runs natively (tests, the
//! `lambda-cost` CLI) and in the browser (the Yew app), so a number shown in the page
//! is the number the tests checked.

pub mod compute;
pub mod decimal;
pub mod export;
pub mod fleet;
pub mod input;
pub mod model;
pub mod money;
pub mod order;
pub mod pricing;
pub mod rates;
pub mod scenario;
pub mod tuning;

pub use pricing::{Bill, Line, LineItem, Workload};
pub use rates::{Arch, RateCard, Rates, Region};
pub use scenario::Scenario;
