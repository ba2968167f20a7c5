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
        "arch",
        "memory",
        "duration",
        "requests",
        "free-tier",
    ] {
        assert!(html.contains(&format!(r#"for="{id}""#)), "label for {id}");
        assert!(html.contains(&format!(r#"id="{id}""#)), "input {id}");
    }
    assert!(html.contains(r#"<option value="eu-central-2""#));
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
