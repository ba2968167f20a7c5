//! The `lambda-cost` binary on hostile command lines: arguments that are not UTF-8, huge
//! arguments, a stdout closed early. Bad input exits with code 2 and one short line on
//! stderr; nothing panics.

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};

const TELEMETRY: &str = "#memory=1024&duration=2000&requests=7440000";

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lambda-cost"))
}

fn run(args: &[&str]) -> Output {
    cli().args(args).output().unwrap()
}

/// Exit code 2 and one line on stderr (no control characters, no panic).
fn assert_refused(out: &Output) -> String {
    let stderr = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("lambda-cost: "), "{stderr}");
    assert!(!stderr.trim_end().chars().any(char::is_control), "{stderr}");
    assert!(stderr.len() < 300, "{stderr}");
    stderr
}

#[test]
fn bill_formats() {
    let csv = run(&["bill", TELEMETRY, "--format", "csv"]);
    assert!(csv.status.success());
    assert_eq!(
        String::from_utf8(csv.stdout).unwrap(),
        "region,arch,item,quantity,unit,free_quantity,rate_usd_per_unit,cost_usd,exact_usd\r\n\
         us-east-1,x86_64,Requests,7440000,requests,0,0.0000002,1.49,1.488\r\n\
         us-east-1,x86_64,Duration,14880000,GB-s,0,0.0000166667,248.00,248.000496\r\n\
         us-east-1,x86_64,Total,,,,,249.49,249.488496\r\n"
    );
    let md = run(&["bill", TELEMETRY, "--format", "markdown"]);
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("| **Total** | | | | | **$249.49** |"), "{md}");
    assert!(md.ends_with("requests=7440000`\n"), "{md}");
    let json = run(&["bill", TELEMETRY]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["total_usd"], 249.49);
    assert!(json.stdout.ends_with(b"}\n"));
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"#region=\xff\xfe\x1b[2J");
    let out = cli().arg("bill").arg(bad).output().unwrap();
    let stderr = assert_refused(&out);
    assert!(stderr.contains("is not valid UTF-8"), "{stderr}");
    let out = cli().arg(bad).output().unwrap();
    assert_refused(&out);
}

#[test]
fn huge_arguments() {
    // Linux caps one argument at 128 KiB, so "1 MB" on the command line is this much.
    let long_number = format!("#memory={}", "9".repeat(130_000));
    let stderr = assert_refused(&run(&["bill", &long_number]));
    assert!(stderr.starts_with("lambda-cost: memory: "), "{stderr}");
    let long_text = format!("#arch={}", "\u{1b}x".repeat(60_000));
    let stderr = assert_refused(&run(&["bill", &long_text]));
    assert!(stderr.starts_with("lambda-cost: arch: "), "{stderr}");
    let stderr = assert_refused(&run(&[
        "bill",
        TELEMETRY,
        &format!("--{}", "x".repeat(100_000)),
    ]));
    assert!(stderr.contains("unknown option"), "{stderr}");
    // 1 MB and more through stdin.
    let mut child = cli()
        .args(["tune", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // The CLI stops reading after 1 MB; the rest may hit a closed pipe.
        let _ = stdin.write_all(&vec![b'['; 3 << 20]);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = assert_refused(&out);
    assert!(stderr.contains("larger than 1 MB"), "{stderr}");
}

#[test]
fn a_closed_stdout_ends_quietly() {
    // Enough output (256 memory sizes priced) to overflow any pipe buffer.
    let mem: Vec<u8> = (128..384i16).flat_map(i16::to_le_bytes).collect();
    let f: Vec<u8> = (0..256).flat_map(|_| 100f32.to_le_bytes()).collect();
    let c: Vec<u8> = (0..256).flat_map(|_| 1e-7f32.to_le_bytes()).collect();
    let b64 = lambda_cost::tuning::hash::base64_encode;
    let hash = format!("{};{};{}", b64(&mem), b64(&f), b64(&c));
    let mut child = cli()
        .args(["tune", &hash, "--link", "#requests=1e6"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?} {stderr}", out.status);
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn tune_as_csv() {
    let out = run(&[
        "tune",
        "AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA",
        "--format",
        "csv",
        "--label",
        "=cmd|' /C calc'!A0",
    ]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "label,memory_mb,duration_ms,cost_per_invocation,cost_per_million,currency\r\n\
         '=cmd|' /C calc'!A0,1,2,3,3000000,USD\r\n\
         '=cmd|' /C calc'!A0,2,2,2,2000000,USD\r\n\
         '=cmd|' /C calc'!A0,3,1,2,2000000,USD\r\n"
    );
}

/// `--label` names a run as the page's rename does: one clean line, or "Run N" when
/// blank.
#[test]
fn tune_labels_are_cleaned_like_the_pages() {
    let runs = "AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA";
    let csv = |label: &str| {
        let out = run(&["tune", runs, "--format", "csv", "--label", label]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        text.lines().nth(1).unwrap().to_string()
    };
    assert_eq!(
        csv("  before\nthe fix  "),
        "before the fix,1,2,3,3000000,USD"
    );
    assert_eq!(csv(" "), "Run 1,1,2,3,3000000,USD");
}

#[test]
fn bill_names_the_rates_aws_does_not_confirm() {
    let json = |link: &str| -> serde_json::Value {
        let out = run(&["bill", link]);
        assert!(out.status.success(), "{link}");
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // us-east-1's x86_64 rates are all on the price list.
    assert_eq!(json(TELEMETRY)["rates_unconfirmed"], serde_json::json!([]));
    // ap-east-2 (2025) is not on it: us-east-1's rates stand in, and say so.
    let v = json("#region=AP-EAST-2&memory=1024&duration=2000&requests=7440000");
    assert_eq!(v["region"], "ap-east-2");
    assert_eq!(
        v["rates_unconfirmed"],
        serde_json::json!([
            "requests (ap-east-2)",
            "duration tier 1 (x86_64, ap-east-2)"
        ])
    );
    assert_eq!(v["unconfirmed_rates"][0]["confidence"], "uncertain");
    // A rate the user entered is theirs, no longer unconfirmed.
    let v = json("#region=ap-east-2&memory=1024&duration=2000&requests=7440000&r_dur=0.0000166667");
    assert_eq!(
        v["rates_unconfirmed"],
        serde_json::json!(["requests (ap-east-2)"])
    );
    let md = run(&["bill", "#region=ap-east-2", "--format", "md"]);
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.contains("> Rates not confirmed by AWS's price list, used as the best estimate: requests (ap-east-2) (not found"),
        "{md}"
    );
}

#[test]
fn snapstart_and_streaming_links_bill_their_own_lines() {
    // AWS's SnapStart example: $263.92.
    let snap = "#memory=1024&duration=2000&requests=7440000&cold=1&snapstart=1&snap_hours=744";
    let v: serde_json::Value = serde_json::from_slice(&run(&["bill", snap]).stdout).unwrap();
    assert_eq!(v["total_usd"], 263.92);
    let items: Vec<&str> = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["item"].as_str().unwrap())
        .collect();
    assert_eq!(
        items,
        [
            "requests",
            "duration",
            "snapstart_cache",
            "snapstart_restore"
        ]
    );
    assert_eq!(v["lines"][2]["cost_usd"], 4.03);
    assert_eq!(v["lines"][3]["cost_usd"], 10.4);
    // AWS's streaming example: $39.04 (1M x 1 MB = 976.5625 GB at $0.008).
    let stream = "#memory=1536&duration=500&requests=3000000&free=1&stream_mb=7&stream_requests=1000000&stream_free=0";
    let csv = String::from_utf8(run(&["bill", stream, "--format", "csv"]).stdout).unwrap();
    assert!(
        csv.contains("\r\nus-east-1,x86_64,Response streaming beyond 6 MB per response,976.5625,GB,0,0.008,7.81,7.8125\r\n"),
        "{csv}"
    );
    assert!(csv.contains(",Total,,,,,39.04,"), "{csv}");
    // Lambda@Edge with the free tier asked for: the notice travels in every format.
    let edge = "#memory=128&duration=10&requests=10000000&edge=1&free=1";
    let md = String::from_utf8(run(&["bill", edge, "--format", "md"]).stdout).unwrap();
    assert!(md.contains("| **Total** | | | | | **$6.63** |"), "{md}");
    assert!(md.contains("> Lambda@Edge has no free tier"), "{md}");
    let csv = String::from_utf8(run(&["bill", edge, "--format", "csv"]).stdout).unwrap();
    assert!(
        csv.ends_with("us-east-1,x86_64,Note: Lambda@Edge has no free tier: the free tier was not applied to this function.,,,,,,\r\n"),
        "{csv}"
    );
    let v: serde_json::Value = serde_json::from_slice(&run(&["bill", edge]).stdout).unwrap();
    assert_eq!(v["notices"][0]["key"], "edge_free_tier_ignored");
    // Options AWS refuses together: exit 2, the key named.
    let e = assert_refused(&run(&["bill", "#snapstart=1&pc=1"]));
    assert!(
        e.contains("snapstart: SnapStart cannot be used with provisioned concurrency"),
        "{e}"
    );
}

/// `compute=lmi`: the Lambda Managed Instances bill. AWS's example bills $20.00 + $91.39 +
/// $48.96 = $160.35; AWS's page shows $160.36 because it rounds the discounted hourly
/// price (72 % off $0.1632 = $0.045696) to $0.0457 before multiplying by 2,000 hours.
#[test]
fn bill_of_managed_instances() {
    const AWS: &str = "#compute=lmi&requests=100000000&duration=200&lmi_type=m7g.xlarge&lmi_hours=2000&lmi_hourly=0.1632&lmi_discount=72";
    let csv = run(&["bill", AWS, "--format", "csv"]);
    assert_eq!(
        String::from_utf8(csv.stdout).unwrap(),
        "region,instance_type,item,quantity,unit,rate_usd_per_unit,cost_usd,exact_usd\r\n\
         us-east-1,m7g.xlarge,Requests,100000000,requests,0.0000002,20.00,20\r\n\
         us-east-1,m7g.xlarge,EC2 instances,2000,instance-hours,0.045696,91.39,91.392\r\n\
         us-east-1,m7g.xlarge,Management fee,2000,instance-hours,0.02448,48.96,48.96\r\n\
         us-east-1,m7g.xlarge,Total,,,,160.35,160.352\r\n"
    );
    let json: serde_json::Value = serde_json::from_slice(&run(&["bill", AWS]).stdout).unwrap();
    assert_eq!(json["total_usd"], 160.35);
    assert_eq!(json["lines"][1]["cost_usd"], 91.39);
    assert_eq!(json["instance_hours_source"], "entered (lmi_hours)");
    let md = String::from_utf8(run(&["bill", AWS, "--format", "markdown"]).stdout).unwrap();
    assert!(
        md.contains(
            "| Management fee | 2,000 instance-hours | $0.02448 per instance-hour | $48.96 |"
        ),
        "{md}"
    );
    assert!(md.contains("| **Total** | | | **$160.35** |"), "{md}");
    // An unknown price outside us-east-1 is said, not guessed.
    let e = assert_refused(&run(&["bill", "#region=eu-west-1&compute=lmi"]));
    assert!(
        e.contains("lmi_hourly: the on-demand price of m7g.xlarge in eu-west-1 is unknown"),
        "{e}"
    );
    assert_refused(&run(&["bill", "#compute=lmi&lmi_type=t3.large"]));
}

/// `compare`: each option's total, the cheapest, the crossovers.
#[test]
fn compare_ways_to_run_it() {
    // Steady 200 req/s of 2 s at 1,024 MB with a 3-year Savings Plan (72 %) on LMI.
    let out = run(&[
        "compare",
        "#memory=1024&duration=2000&requests=525600000&lmi_discount=72&lmi_runtime=python",
    ]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["cheapest"], "lmi", "{json}");
    let options: Vec<&str> = json["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["option"].as_str().unwrap())
        .collect();
    assert_eq!(options, ["on_demand", "provisioned", "lmi", "fargate"]);
    let crossing = json["crossovers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["cheaper_above"] == "lmi" && x["changes_cheapest"] == true)
        .expect("a crossover to LMI");
    assert!(crossing["rps"].as_f64().unwrap() < 200.0);
    // Low volume: on demand is cheapest.
    let out = run(&["compare", "#memory=512&duration=100&requests=100000"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["cheapest"], "on_demand");
    let csv =
        String::from_utf8(run(&["compare", "#requests=100000", "--format", "csv"]).stdout).unwrap();
    assert!(
        csv.starts_with("kind,option,other_option,monthly_usd"),
        "{csv}"
    );
    assert!(csv.contains("cheapest,on_demand,"), "{csv}");
}

/// The day's shape in the link sizes the `compute=lmi` bill and the comparison, and
/// both say how: the sizing rule and the assumptions of each option.
#[test]
fn the_day_shape_sizes_the_cli_bill_and_comparison() {
    const SHAPED: &str = "#compute=lmi&arch=arm64&memory=1024&duration=200&requests=876000000&peak_hours=8&off_peak_pct=10&lmi_runtime=node&lmi_conc=8";
    let json: serde_json::Value = serde_json::from_slice(&run(&["bill", SHAPED]).stdout).unwrap();
    // 6 instances for 8 h a day and 3 the other 16: 2,920 instance-hours.
    assert_eq!(json["instance_hours"], 2920.0);
    let source = json["instance_hours_source"].as_str().unwrap();
    assert!(
        source.starts_with("Peak 8 h a day: 166.67 concurrent requests; off-peak: 16.67"),
        "{source}"
    );
    assert_eq!(json["lines"][0]["quantity"], 876e6);
    // Requests $175.20 + 2,920 h x $0.1632 = $476.54 + fee 2,920 x $0.02448 = $71.48.
    assert_eq!(json["total_usd"], 175.20 + 476.54 + 71.48);
    let md = String::from_utf8(run(&["compare", SHAPED, "--format", "md"]).stdout).unwrap();
    assert!(
        md.contains("\nAssumptions:\n\n- Traffic: a peak of 8 h a day at 833.333 req/s"),
        "{md}"
    );
    assert!(md.contains("- Fargate: on-demand rates"), "{md}");
    let v: serde_json::Value = serde_json::from_slice(&run(&["compare", SHAPED]).stdout).unwrap();
    assert_eq!(
        v["traffic"],
        "a peak of 8 h a day at 833.333 req/s, 83.333 req/s the rest of the day"
    );
    assert!(v["assumptions"].as_array().unwrap().len() >= 4);
}
