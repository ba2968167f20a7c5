//! Sorting through one shared copy of the standard library's sort. Every `sort_by` /
//! `sort_by_key` call site stamps out its own sort (about 3 KB of Wasm each) for its
//! element type and closure; these helpers sort `(key, position)` pairs with one comparator
//! instead, so the bundles carry the sort once (issue 13).

use std::cmp::Ordering;

/// What an item is sorted by: `major` first, then `minor` (by `f64::total_cmp`).
#[derive(Debug, Clone, Copy)]
pub struct SortKey {
    pub major: i64,
    pub minor: f64,
}

impl SortKey {
    /// Sorted by a number alone.
    pub fn number(v: f64) -> SortKey {
        SortKey { major: 0, minor: v }
    }

    /// Sorted by a whole number alone.
    pub fn whole(v: i64) -> SortKey {
        SortKey {
            major: v,
            minor: 0.0,
        }
    }
}

/// The one comparator: the key, then the original position, so the result is the
/// stable order whatever the sort does with ties.
fn by_key_then_position(a: &(SortKey, usize), b: &(SortKey, usize)) -> Ordering {
    a.0.major
        .cmp(&b.0.major)
        .then(a.0.minor.total_cmp(&b.0.minor))
        .then(a.1.cmp(&b.1))
}

/// Sorts `items` by `key`, stably (equal keys keep their order), like `sort_by_key`.
pub fn sort_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> SortKey) {
    let mut order: Vec<(SortKey, usize)> =
        items.iter().enumerate().map(|(i, t)| (key(t), i)).collect();
    order.sort_unstable_by(by_key_then_position);
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&(_, i)| slots.get_mut(i)?.take()));
}

/// Sorts numbers in `f64::total_cmp` order, like `sort_by(f64::total_cmp)`.
pub fn sort_numbers(values: &mut Vec<f64>) {
    sort_by_key(values, |v| SortKey::number(*v));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_order_as_the_standard_stable_sort(
            items in proptest::collection::vec((-3i64..3, prop_oneof![Just(f64::NAN), Just(-0.0), Just(0.0), -2.0f64..2.0], 0u8..255), 0..60)
        ) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |t| SortKey { major: t.0, minor: t.1 });
            let mut std_sorted = items.clone();
            std_sorted.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            // Bit patterns, so NaN and -0.0 compare as what they are.
            let bits = |v: &[(i64, f64, u8)]| v.iter().map(|t| (t.0, t.1.to_bits(), t.2)).collect::<Vec<_>>();
            prop_assert_eq!(bits(&ours), bits(&std_sorted));
        }

        #[test]
        fn numbers_sort_like_total_cmp(mut values in proptest::collection::vec(proptest::num::f64::ANY, 0..60)) {
            let mut expected = values.clone();
            expected.sort_by(f64::total_cmp);
            sort_numbers(&mut values);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            prop_assert_eq!(bits(&values), bits(&expected));
        }
    }
}
