//! What several test files draw their cases from.

use lambda_cost::RateCard;
use proptest::prelude::*;

/// A region of the embedded rate card.
pub fn region() -> impl Strategy<Value = String> {
    let codes: Vec<String> = RateCard::embedded()
        .regions
        .iter()
        .map(|r| r.code.clone())
        .collect();
    proptest::sample::select(codes)
}
