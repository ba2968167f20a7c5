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
    // A pinned scenario (`pin`): its label and the keys that differ from the defaults,
    // percent-encoded as one value. The total is the current scenario's.
    (
        "#v=1&region=us-east-1&arch=arm64&memory=1024&duration=2000&requests=7440000&pin=label%3DToday%253A%2520x86_64%26memory%3D1024%26duration%3D2000%26requests%3D7440000",
        "v=1&region=us-east-1&arch=arm64&memory=1024&duration=2000&requests=7440000&pin=label%3DToday:%2520x86_64%26memory%3D1024%26duration%3D2000%26requests%3D7440000",
        19989,
    ),
    // Pins with every key written out, or without a label (named after their scenario).
    (
        "#v=1&memory=1024&duration=2000&requests=7440000&pin=label%3DToday%253A%2520512%2520MB%26v%3D1%26region%3Dus-east-1%26arch%3Dx86_64%26memory%3D512%26duration%3D2000%26requests%3D7440000&pin=arch%3Darm64%26memory%3D1024%26duration%3D2000%26requests%3D7440000",
        "v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000&pin=label%3DToday:%2520512%2520MB%26memory%3D512%26duration%3D2000%26requests%3D7440000&pin=arch%3Darm64%26memory%3D1024%26duration%3D2000%26requests%3D7440000",
        24949,
    ),
    // At most four pins are opened; the rest are ignored (with a notice).
    (
        "#memory=256&pin=memory%3D128&pin=memory%3D129&pin=memory%3D130&pin=memory%3D131&pin=memory%3D132",
        "v=1&region=us-east-1&arch=x86_64&memory=256&duration=100&requests=1000000&pin=&pin=memory%3D129&pin=memory%3D130&pin=memory%3D131",
        62,
    ),
    // Rates overridden by the user: $0.25 per 1M requests, $0.00001 per GB-s.
    (
        "#memory=1024&duration=2000&requests=7440000&r_req=0.25&r_dur=0.00001",
        "v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000&r_req=0.25&r_dur=0.00001",
        15066,
    ),
    // The 2026 billing options (issue 10), as AWS's worked examples price them.
    // SnapStart (Python/.NET): one version active 744 hours, 1 % cold starts restored.
    (
        "#memory=1024&duration=2000&requests=7440000&cold=1&snapstart=1&snap_hours=744",
        "v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000&cold=1&snapstart=1&snap_hours=744",
        26392,
    ),
    // Response streaming: 1M of 3M responses stream 7 MB; the 100 GB allowance is used up.
    (
        "#memory=1536&duration=500&requests=3000000&free=1&stream_mb=7&stream_requests=1000000&stream_free=0",
        "v=1&region=us-east-1&arch=x86_64&memory=1536&duration=500&requests=3000000&free=1&stream_mb=7&stream_requests=1000000&stream_free=0",
        3904,
    ),
    // Lambda@Edge: 10M requests of 10 ms at 128 MB.
    (
        "#memory=128&duration=10&requests=10000000&edge=1",
        "v=1&region=us-east-1&arch=x86_64&memory=128&duration=10&requests=10000000&edge=1",
        663,
    ),
    // Durable functions: 1M executions of 4 operations writing 104 KB, waiting 7 days.
    (
        "#arch=arm64&memory=1024&duration=16000&requests=2000000&free=1&durable_executions=1000000&durable_ops=4&durable_kb=104&durable_wait_days=7&durable_retain_days=14",
        "v=1&region=us-east-1&arch=arm64&memory=1024&duration=16000&requests=2000000&free=1&durable_executions=1000000&durable_ops=4&durable_kb=104&durable_wait_days=7",
        49046,
    ),
    // Tenant isolation: 200,000 environments of 1 GB.
    (
        "#memory=1024&duration=2000&requests=10000000&tenant_envs=200000",
        "v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=10000000&tenant_envs=200000",
        36873,
    ),
    // A 600 KB asynchronous event is 7 requests; region codes are read in any case.
    (
        "#region=EU-West-1&event_kb=600",
        "v=1&region=eu-west-1&arch=x86_64&memory=128&duration=100&requests=1000000&event_kb=600",
        161,
    ),
    // A streaming count equal to the requests, and an allowance equal to `free`, are the
    // defaults they follow: the link written back leaves them out.
    (
        "#requests=2000000&free=1&stream_mb=10&stream_requests=2000000&stream_free=1&r_stream=0.01",
        "v=1&region=us-east-1&arch=x86_64&memory=128&duration=100&requests=2000000&free=1&stream_mb=10&r_stream=0.01",
        // 2M x 4 MB / 1,024 = 7,812.5 GB, 100 GB free, at $0.01: $77.13; requests $0.20.
        7733,
    ),
];

#[test]
fn golden_pins_keep_their_labels() {
    let labels = |l: &str| -> Vec<String> {
        let d = link::decode(l).unwrap();
        d.scenario.pins.iter().map(|p| p.label.clone()).collect()
    };
    assert_eq!(labels(GOLDEN[6].0), ["Today: x86_64"]);
    assert_eq!(
        labels(GOLDEN[7].0),
        // The second pin has no label in the link: it is named by the one number format
        // (issue 11), and the link written back still leaves it out (GOLDEN's round trip).
        ["Today: 512 MB", "1,024 MB arm64 us-east-1"]
    );
    assert_eq!(labels(GOLDEN[8].0).len(), 4);
    assert_eq!(link::decode(GOLDEN[8].0).unwrap().notices.len(), 1);
}

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

/// Links with the Lambda Managed Instances keys (issue 12): (link, normalized link, LMI
/// bill in cents). Without `compute=lmi` the Lambda bill is unchanged by `lmi_*` keys.
const GOLDEN_LMI: &[(&str, &str, i64)] = &[
    // AWS's example: $20.00 + $91.39 + $48.96. AWS's page shows $160.36 because it rounds
    // the discounted hourly price to $0.0457 before multiplying by 2,000 hours.
    (
        "#compute=lmi&requests=100000000&duration=200&lmi_type=m7g.xlarge&lmi_hours=2000&lmi_hourly=0.1632&lmi_discount=72",
        "v=1&region=us-east-1&arch=x86_64&memory=128&duration=200&requests=100000000&compute=lmi&lmi_hourly=0.1632&lmi_discount=72&lmi_hours=2000",
        16035,
    ),
    // Sized from traffic: 1,000 req/s x 200 ms = 200 at once; c7g.large with Python's 16
    // per vCPU takes 32, so 7 instances x 730 h = 5,110 instance-hours: $525.60 of
    // requests + 5,110 x $0.0725 = $370.48 (half a cent rounds up) + fee $55.57.
    (
        "#compute=lmi&requests=2628000000&duration=200&lmi_type=C7G.large&lmi_runtime=python&lmi_min=3",
        "v=1&region=us-east-1&arch=x86_64&memory=128&duration=200&requests=2628000000&compute=lmi&lmi_type=c7g.large&lmi_runtime=python",
        52560 + 37048 + 5557,
    ),
    // Rust (the default runtime) has no AWS default: 64 per vCPU is assumed, so 200 at
    // once fit one m7g.xlarge (256) and the minimum of 3 runs: 2,190 instance-hours.
    (
        "#compute=lmi&requests=2628000000&duration=200",
        "v=1&region=us-east-1&arch=x86_64&memory=128&duration=200&requests=2628000000&compute=lmi",
        52560 + 35741 + 5361,
    ),
    // Outside us-east-1 the hourly price is entered; conc per vCPU and minimum set.
    (
        "#region=eu-west-1&compute=lmi&requests=1e6&duration=100&lmi_type=r7i.2xlarge&lmi_hourly=0.56&lmi_conc=8&lmi_min=1",
        "v=1&region=eu-west-1&arch=x86_64&memory=128&duration=100&requests=1000000&compute=lmi&lmi_type=r7i.2xlarge&lmi_hourly=0.56&lmi_conc=8&lmi_min=1",
        20 + 40880 + 6132,
    ),
];

#[test]
fn golden_lmi_links_keep_their_meaning() {
    for (input, normalized, cents) in GOLDEN_LMI {
        let s = link::decode(input)
            .unwrap_or_else(|e| panic!("{input}: {e}"))
            .scenario;
        assert_eq!(&link::encode(&s), normalized, "{input}");
        let b = s.lmi_bill().unwrap();
        assert_eq!(b.bill.total_cents(), *cents, "{input}");
        assert_eq!(link::decode(normalized).unwrap().scenario, s);
    }
    let rust = link::decode(GOLDEN_LMI[2].0).unwrap().scenario;
    let rule = rust.lmi_bill().unwrap().sizing.rule;
    assert!(
        rule.contains("64 requests per vCPU at once (assumed for Rust"),
        "{rule}"
    );
    // `lmi_*` keys without `compute=lmi` leave the Lambda bill as it was.
    let plain = link::decode("#memory=1024&duration=2000&requests=7440000").unwrap();
    let with_lmi = link::decode(
        "#memory=1024&duration=2000&requests=7440000&lmi_type=c7g.xlarge&lmi_discount=30",
    )
    .unwrap();
    let card = RateCard::embedded();
    assert_eq!(
        plain.scenario.bill(card).unwrap(),
        with_lmi.scenario.bill(card).unwrap()
    );
}

#[test]
fn lmi_keys_are_refused_by_name() {
    let refused = |l: &str| -> String {
        let errors = match link::decode(l) {
            Err(e) => return e.to_string(),
            Ok(d) => d.scenario.lmi_bill().unwrap_err(),
        };
        errors[0].to_string()
    };
    assert!(refused("#compute=ec2").starts_with("compute:"));
    assert!(refused("#lmi_type=t3.large").starts_with("lmi_type:"));
    assert!(refused("#lmi_discount=100").starts_with("lmi_discount:"));
    assert!(refused("#lmi_conc=0").starts_with("lmi_conc:"));
    assert!(refused("#lmi_min=1.5").starts_with("lmi_min:"));
    assert!(refused("#lmi_hours=-1").starts_with("lmi_hours:"));
    assert!(refused("#lmi_runtime=cobol").starts_with("lmi_runtime:"));
    // An unknown price is said, not guessed.
    let e = refused("#region=eu-west-1&compute=lmi");
    assert!(
        e.starts_with("lmi_hourly: the on-demand price of m7g.xlarge in eu-west-1 is unknown"),
        "{e}"
    );
}
