//! Component tests: the page rendered to HTML natively (Yew SSR; effects do not run).

use super::{Page, PageProps};
use lambda_cost::scenario::link;
use yew::LocalServerRenderer;

async fn render(fragment: &str) -> String {
    let initial = link::decode(fragment).unwrap().scenario;
    LocalServerRenderer::<Page>::with_props(PageProps { initial })
        .render()
        .await
}

#[tokio::test]
async fn renders_the_bill_of_the_linked_scenario() {
    let html = render("#memory=1024&duration=2000&requests=7440000").await;
    assert!(html.contains(r#"data-testid="monthly-total""#), "{html}");
    assert!(html.contains("$249.49"));
    assert!(html.contains("$248.00"));
    assert!(html.contains("$1.49"));
    assert!(html.contains("7,440,000 requests"));
}

#[tokio::test]
async fn every_input_has_a_label() {
    let html = render("").await;
    for id in [
        "region",
        "arch-x86_64",
        "arch-arm64",
        "memory",
        "duration",
        "requests",
        "free-tier",
        "storage",
        "cold",
        "init",
        "discount",
        "pc",
        "pc_hours",
        "pc_requests",
        "pc_duration",
        "cpu",
        "mt",
        "arm_factor",
    ] {
        assert!(html.contains(&format!(r#"for="{id}""#)), "label for {id}");
        assert!(html.contains(&format!(r#"id="{id}""#)), "input {id}");
    }
    assert!(html.contains(r#"<option value="eu-central-2""#));
    // Controls without a visible label of their own are named for assistive technology.
    assert!(html.contains(r#"id="per""#) && html.contains(r#"aria-label="Requests are counted""#));
    assert!(html.contains(r#"id="memory-slider""#) && html.contains(r#"aria-label="Memory (MB)""#));
}

#[tokio::test]
async fn user_text_in_the_scenario_is_escaped() {
    // A region is user-controlled through the link; it must never become markup.
    let s = lambda_cost::Scenario {
        region: "<img src=x onerror=alert(1)>".into(),
        ..Default::default()
    };
    let html = LocalServerRenderer::<Page>::with_props(PageProps { initial: s })
        .render()
        .await;
    assert!(!html.contains("<img src=x"));
}

mod charts {
    use crate::ui::charts::{Chart, Theme};
    use crate::ui::results::Results;
    use lambda_cost::scenario::link;
    use plotters::prelude::*;

    fn svg_of(chart: &impl Chart) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (900, 340)).into_drawing_area();
            let frame = chart.draw(&root, &Theme::LIGHT, 1.0).unwrap();
            assert!(frame.right > frame.left);
        }
        out
    }

    fn results(fragment: &str) -> std::rc::Rc<Results> {
        Results::compute(&link::decode(fragment).unwrap().scenario).unwrap()
    }

    #[test]
    fn memory_chart_draws_both_architectures_and_the_current_size() {
        let r = results("#memory=1024&duration=200&requests=5000000&cpu=80");
        let svg = svg_of(&r.memory);
        assert!(svg.contains("Memory (MB, log scale)"));
        assert!(svg.contains("x86_64 cost"));
        assert!(svg.contains("arm64 cost (dashed)"));
        assert!(svg.contains("1,024 MB"));
        assert_eq!(r.memory.series.len(), 2);
        assert_eq!(r.memory.series[0].points.len(), 10_113);
        let hover = r.memory.describe(1024.4).unwrap();
        assert!(hover.starts_with("1,024 MB · x86_64: $"), "{hover}");
    }

    #[test]
    fn pc_chart_marks_the_breakeven() {
        let r = results("#v=1&region=us-east-1&arch=x86_64&memory=1536&duration=120&requests=3000000&free=1&pc=100&pc_hours=8&pc_requests=500000&pc_duration=100");
        let svg = svg_of(&r.utilization);
        assert!(svg.contains("break-even 60.0 %"), "{svg}");
        assert!(svg.contains("yours"));
        let u = r.utilization.current.unwrap();
        // 500,000 x 100 ms on 100 instances x 8 h.
        assert!((u - 500_000.0 * 0.1 / (100.0 * 8.0 * 3600.0)).abs() < 1e-12);
    }

    #[test]
    fn volume_chart_marks_free_tier_and_tiers() {
        let r = results("#memory=1024&duration=1000&requests=1000000&free=1");
        let svg = svg_of(&r.volume);
        assert!(svg.contains("free requests end"));
        assert!(svg.contains("tier 2"));
        assert!(svg.contains("your volume"));
    }

    #[test]
    fn cheapest_memory_prefers_the_bill_then_speed() {
        // I/O-bound: more memory only costs more, so 128 MB is cheapest.
        let r = results("#memory=1024&duration=100&requests=10000000");
        assert_eq!(r.memory.series[0].cheapest.memory_mb, 128);
        // Fully CPU-bound single-threaded: cost is flat up to 1,769 MB, then rises;
        // among equal bills the faster (larger) size wins.
        let r = results("#memory=1769&duration=100&requests=10000000&cpu=100");
        let c = r.memory.series[0].cheapest;
        assert!(c.memory_mb <= 1769 && c.memory_mb > 1000, "{c:?}");
    }

    #[test]
    fn verdict_is_honest_about_a_slower_arm64() {
        let r = results("#memory=1024&duration=2000&requests=7440000");
        assert_eq!(
            r.verdict().unwrap(),
            "arm64 saves $49.60 / month (19.9 %) at this workload."
        );
        let r = results("#memory=1024&duration=2000&requests=7440000&arm_factor=1.5");
        assert!(
            r.verdict().unwrap().starts_with("arm64 costs $"),
            "{:?}",
            r.verdict()
        );
    }
}
