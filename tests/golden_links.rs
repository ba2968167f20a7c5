//! Links written by version 1 must open to the same scenario and bill in every later
//! version. Add rows; never edit one.

use lambda_cost::scenario::link;
use lambda_cost::RateCard;

/// (link, normalized link, total in cents)
const GOLDEN: &[(&str, &str, i64)] = &[
    (
        "#v=1&region=us-east-1&arch=x86_64&memory=1536&duration=120&requests=3000000&free=1",
        "v=1&region=us-east-1&arch=x86_64&memory=1536&duration=120&requests=3000000&free=1",
        273,
    ),
    (
        "#v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000",
        "v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000",
        24949,
    ),
    (
        "#v=1&region=us-east-1&arch=x86_64&memory=1536&duration=120&requests=3000000&free=1&pc=100&pc_hours=8&pc_requests=500000&pc_duration=100",
        "v=1&region=us-east-1&arch=x86_64&memory=1536&duration=120&requests=3000000&free=1&pc=100&pc_hours=8&pc_requests=500000&pc_duration=100",
        1996,
    ),
    // Defaults for every missing key.
    ("", "v=1&region=us-east-1&arch=x86_64&memory=128&duration=100&requests=1000000", 41),
    // arm64 in Zurich with every optional key.
    (
        "https://calc.example/#v=1&region=eu-central-2&arch=arm64&memory=2048&duration=250.5&requests=12000000&storage=2048&free=1&cold=0.5&init=800&pc=5&pc_hours=730&pc_requests=1000000&pc_duration=200&discount=17",
        "v=1&region=eu-central-2&arch=arm64&memory=2048&duration=250.5&requests=12000000&storage=2048&free=1&cold=0.5&init=800&pc=5&pc_requests=1000000&pc_duration=200&discount=17",
        16571,
    ),
    // Key order does not matter; unknown keys are ignored.
    (
        "#requests=5e6&memory=512&theme=dark&arch=arm64&duration=33&v=1",
        "v=1&region=us-east-1&arch=arm64&memory=512&duration=33&requests=5000000",
        210,
    ),
];

#[test]
fn golden_links_keep_their_meaning() {
    for (input, normalized, cents) in GOLDEN {
        let s = link::decode(input)
            .unwrap_or_else(|e| panic!("{input}: {e}"))
            .scenario;
        assert_eq!(&link::encode(&s), normalized, "{input}");
        let bill = s.bill(RateCard::embedded()).unwrap();
        assert_eq!(bill.total_cents(), *cents, "{input}");
        // The normalized link is a fixed point.
        assert_eq!(link::decode(normalized).unwrap().scenario, s);
    }
}
