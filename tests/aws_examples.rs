//! AWS's published worked examples (../shared/reference/aws-lambda-pricing.md), line by
//! line, to the cent.

use lambda_cost::pricing::LineItem;
use lambda_cost::scenario::link;
use lambda_cost::RateCard;

fn bill_of(fragment: &str) -> lambda_cost::Bill {
    let s = link::decode(fragment).unwrap().scenario;
    s.bill(RateCard::embedded()).unwrap()
}

fn cents(b: &lambda_cost::Bill, item: LineItem) -> i64 {
    b.line(item)
        .unwrap_or_else(|| panic!("no {item:?} line"))
        .cents()
}

#[test]
fn mobile_backend() {
    let b = bill_of(
        "#v=1&region=us-east-1&arch=x86_64&memory=1536&duration=120&requests=3000000&free=1",
    );
    let d = b.line(LineItem::Duration { tier: 1 }).unwrap();
    assert_eq!(d.quantity, 140_000.0);
    assert_eq!(d.cents(), 233);
    let r = b.line(LineItem::Requests).unwrap();
    assert_eq!(r.quantity, 2_000_000.0);
    assert_eq!(r.cents(), 40);
    assert_eq!(b.lines.len(), 2);
    assert_eq!(b.total_cents(), 273);
}

#[test]
fn telemetry() {
    let b = bill_of("#v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000");
    assert_eq!(cents(&b, LineItem::Requests), 149);
    assert_eq!(
        b.line(LineItem::Duration { tier: 1 }).unwrap().quantity,
        14_880_000.0
    );
    assert_eq!(cents(&b, LineItem::Duration { tier: 1 }), 24800);
    assert_eq!(b.total_cents(), 24949);
}

#[test]
fn provisioned_concurrency() {
    let b = bill_of(
        "#v=1&region=us-east-1&arch=x86_64&memory=1536&duration=120&requests=3000000&free=1\
         &pc=100&pc_hours=8&pc_requests=500000&pc_duration=100",
    );
    let pc = b.line(LineItem::Provisioned).unwrap();
    assert_eq!(pc.quantity, 4_320_000.0);
    assert_eq!(pc.cents(), 1800);
    assert_eq!(cents(&b, LineItem::Requests), 40);
    let pcd = b.line(LineItem::ProvisionedDuration).unwrap();
    assert_eq!(pcd.quantity, 75_000.0);
    assert_eq!(pcd.cents(), 73);
    let od = b.line(LineItem::Duration { tier: 1 }).unwrap();
    assert_eq!((od.quantity, od.free), (50_000.0, 400_000.0));
    assert_eq!(od.cents(), 83);
    assert_eq!(b.spillover_requests, 0.0);
    assert_eq!(b.total_cents(), 1996);
}
