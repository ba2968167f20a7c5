//! Component tests: the page rendered to HTML natively (Yew SSR; effects do not run).

use super::{Page, PageProps};
use lambda_cost::scenario::link;
use yew::LocalServerRenderer;

/// The page opened from `fragment`, as HTML.
pub(crate) async fn render(fragment: &str) -> String {
    render_scenario(link::decode(fragment).unwrap().scenario).await
}

/// Markup data (`ui::view`) rendered as the calculator renders it, through Yew, to HTML.
async fn rendered(views: Vec<crate::ui::view::View>) -> String {
    use std::cell::RefCell;
    use std::rc::Rc;
    use yew::prelude::*;
    #[derive(Properties)]
    struct ShownProps {
        views: Rc<RefCell<Vec<crate::ui::view::View>>>,
    }
    impl PartialEq for ShownProps {
        fn eq(&self, other: &Self) -> bool {
            Rc::ptr_eq(&self.views, &other.views)
        }
    }
    #[function_component]
    fn Shown(props: &ShownProps) -> Html {
        crate::ui::view::Views(props.views.take()).into_html(Html::default())
    }
    let views = Rc::new(RefCell::new(views));
    LocalServerRenderer::<Shown>::with_props(ShownProps { views })
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
        "peak-rps",
        "peak-hours",
        "off-peak-rps",
        "r_dur",
        "r_req",
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
    let html = render_scenario(s).await;
    assert!(!html.contains("<img src=x"));
}

/// Power Tuning's visualization hash from issue #251 (x86_64, 1 ms billing).
const PT_HASH: &str = "gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=";

/// The default scenario at `memory` MB with the sample run labelled by `labels` (one
/// run each).
fn with_runs(memory: u32, labels: &[&str]) -> lambda_cost::Scenario {
    let mut s = lambda_cost::Scenario {
        memory_mb: memory,
        requests: 10_000_000.0,
        ..Default::default()
    };
    for label in labels {
        let mut run = lambda_cost::tuning::parse(PT_HASH).unwrap().runs.remove(0);
        run.label = label.to_string();
        run.arch = lambda_cost::tuning::arch_of_label(label);
        s.tuning.push(run);
    }
    s
}

async fn render_scenario(initial: lambda_cost::Scenario) -> String {
    let props = PageProps {
        initial,
        notices: Vec::new(),
        hash: None,
    };
    LocalServerRenderer::<Page>::with_props(props)
        .render()
        .await
}

/// The text of the element that starts at the first `marker`, up to `len` bytes.
fn after<'a>(html: &'a str, marker: &str, len: usize) -> &'a str {
    let i = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {html}"));
    let end = (i + len).min(html.len());
    let end = (end..html.len())
        .find(|&e| html.is_char_boundary(e))
        .unwrap_or(html.len());
    &html[i..end]
}

/// The first pick entry whose `data-picks` names `key`, up to `len` bytes.
fn pick<'a>(html: &'a str, key: &str, len: usize) -> &'a str {
    let mut rest = html;
    while let Some(i) = rest.find(r#"data-picks=""#) {
        let at = &rest[i..];
        let value = &at[12..at[12..].find('"').unwrap() + 12];
        if value.split(' ').any(|k| k == key) {
            return after(at, "data-picks", len);
        }
        rest = &at[12..];
    }
    panic!("no pick {key} in {html}");
}

#[tokio::test]
async fn power_tuning_labels_are_escaped() {
    let html = render_scenario(with_runs(512, &["<img src=x onerror=alert(1)>"])).await;
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
}

#[tokio::test]
async fn power_tuning_paste_box_is_labelled_and_empty_without_runs() {
    let html = render("").await;
    assert!(html.contains(r#"for="pt-paste""#) && html.contains(r#"id="pt-paste""#));
    assert!(html.contains(r#"for="pt-label""#) && html.contains(r#"id="pt-label""#));
    assert!(html.contains(r#"id="pt-add""#) && html.contains("Add run"));
    assert!(!html.contains(r#"data-testid="pt-table""#));
    assert!(!html.contains(r#"data-testid="pt-picks""#));
}

#[tokio::test]
async fn power_tuning_table_and_picks_of_a_linked_run() {
    let s = with_runs(128, &["x86_64"]);
    // Through the link, as a shared link reopens it.
    let fragment = link::to_fragment(&s);
    assert!(fragment.contains("pt="), "{fragment}");
    let html = render(&fragment).await;
    assert!(html.contains(r#"data-testid="pt-table""#), "{html}");
    let table = after(&html, r#"data-testid="pt-table""#, 100_000);
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(
        table.matches("<tr").count(),
        6,
        "a heading row and 5 sizes: {table}"
    );
    for mb in ["128 MB", "256 MB", "512 MB", "1,024 MB", "2,048 MB"] {
        assert!(table.contains(mb), "{mb}");
    }
    assert!(table.contains(r#"aria-sort="none""#), "sortable headings");
    assert!(table.contains("vs your 128 MB"));
    // Power Tuning's cost pick for this sample is 512 MB (its cheapest invocation), and
    // so is the lowest monthly bill; the fastest is 512 MB too (4 ms).
    for key in ["cost", "bill", "speed", "balanced"] {
        assert!(pick(&html, key, 400).contains("512 MB"), "{key}");
    }
    // Picks on the same size share one entry.
    let entry = pick(&html, "cost", 800);
    assert!(
        entry.starts_with(r#"data-picks="bill cost speed balanced""#),
        "{entry}"
    );
    assert!(
        entry.contains(
            "Lowest monthly bill · Power Tuning&#x27;s cost, speed and balanced (w = 0.50) picks"
        ) || entry.contains(
            "Lowest monthly bill · Power Tuning's cost, speed and balanced (w = 0.50) picks"
        ),
        "{entry}"
    );
    // Against the measured 128 MB: cheaper and faster.
    assert!(
        entry.contains("512 MB: ")
            && entry.contains("% cheaper,")
            && entry.contains("% faster than your 128 MB"),
        "{entry}"
    );
    // Picks are marked in words.
    assert!(table.contains(r#"class="badge cost""#) && table.contains(">lowest bill<"));
    // Power Tuning's rounded 2.1e-9 price is within its rounding of the rate card here.
    assert!(!table.contains("≠ rate card"));
    assert!(html.contains(r#"data-testid="chart-tuning""#));
    assert!(!html.contains(r#"data-testid="pt-comparison""#));
}

#[tokio::test]
async fn power_tuning_compares_two_architectures() {
    let html = render_scenario(with_runs(512, &["x86_64", "arm64"])).await;
    let c = after(&html, r#"data-testid="pt-comparison""#, 3000);
    assert!(c.contains("x86_64 vs arm64"), "{c}");
    // Same durations, arm64's lower rate: arm64 is cheaper at its best.
    assert!(
        c.contains("At each run&#x27;s lowest bill: arm64 (512 MB) is cheaper by $")
            || c.contains("At each run's lowest bill: arm64 (512 MB) is cheaper by $"),
        "{c}"
    );
    assert!(c.matches("<tr").count() >= 6, "{c}");
    // The "arm64" run's costs are Power Tuning's x86_64 prices: flagged, with the reason.
    assert!(html.contains("≠ rate card"));
    let why = after(&html, r#"data-testid="pt-disagreements""#, 3000);
    assert!(why.contains("it priced the run as x86_64"), "{why}");
}

mod charts {
    use crate::ui::charts::svg;
    use crate::ui::charts::{Chart, Theme};
    use crate::ui::results::Results;
    use lambda_cost::scenario::link;

    fn svg_of(chart: &impl Chart) -> String {
        let (out, frame) =
            svg::document((900, 340), |root| chart.draw(root, &Theme::LIGHT, 1.0)).unwrap();
        assert!(frame.right > frame.left);
        out
    }

    fn results(fragment: &str) -> std::rc::Rc<Results> {
        Results::compute(&link::decode(fragment).unwrap().scenario).unwrap()
    }

    #[test]
    fn memory_chart_draws_both_architectures_and_the_current_size() {
        let r = results("#memory=1024&duration=200&requests=5000000&cpu=80");
        let svg = svg_of(&r.curves().memory);
        assert!(svg.contains("Memory (MB, log scale)"));
        assert!(svg.contains("x86_64 cost"));
        assert!(svg.contains("arm64 cost"));
        assert!(svg.contains("x86_64 duration"));
        assert!(svg.contains("1,024 MB"));
        assert_eq!(r.curves().memory.series.len(), 2);
        assert_eq!(r.curves().memory.series[0].points.len(), 10_113);
        let hover = r.curves().memory.describe(1024.4).unwrap();
        assert!(hover.starts_with("1,024 MB · x86_64: $"), "{hover}");
    }

    #[test]
    fn measured_power_tuning_sizes_are_drawn_over_the_model() {
        let r = results("#memory=512&duration=4&requests=100000000&pt=gAAAAQACAAQACA%3D%3D%3Bmpn1QXd3X0EAAIBARESkQAAAoEA%3D%3BGs2LM0mLfDOXTxAzY3fYM31jNDQ%3D");
        let x86 = &r.curves().memory.series[0];
        assert_eq!(
            x86.measured.iter().map(|p| p.memory_mb).collect::<Vec<_>>(),
            [128, 256, 512, 1024, 2048]
        );
        assert!(r.curves().memory.series[1].measured.is_empty());
        assert!(svg_of(&r.curves().memory).contains("x86_64 measured (Power Tuning)"));
    }

    #[test]
    fn pc_chart_marks_the_breakeven() {
        let r = results("#v=1&region=us-east-1&arch=x86_64&memory=1536&duration=120&requests=3000000&free=1&pc=100&pc_hours=8&pc_requests=500000&pc_duration=100");
        let svg = svg_of(&r.curves().utilization);
        assert!(svg.contains("break-even 60.0 %"), "{svg}");
        assert!(svg.contains("yours"));
        let u = r.curves().utilization.current.unwrap();
        // 500,000 x 100 ms on 100 instances x 8 h.
        assert!((u - 500_000.0 * 0.1 / (100.0 * 8.0 * 3600.0)).abs() < 1e-12);
    }

    #[test]
    fn volume_chart_marks_free_tier_and_tiers() {
        let r = results("#memory=1024&duration=1000&requests=1000000&free=1");
        let svg = svg_of(&r.curves().volume);
        assert!(svg.contains("free requests end"));
        assert!(svg.contains("tier 2"));
        assert!(svg.contains("your volume"));
    }

    #[test]
    fn cheapest_memory_prefers_the_bill_then_speed() {
        // I/O-bound: more memory only costs more, so 128 MB is cheapest.
        let r = results("#memory=1024&duration=100&requests=10000000");
        assert_eq!(r.curves().memory.series[0].cheapest.memory_mb, 128);
        // Fully CPU-bound single-threaded: cost is flat up to 1,769 MB, then rises;
        // among equal bills the faster (larger) size wins.
        let r = results("#memory=1769&duration=100&requests=10000000&cpu=100");
        let c = r.curves().memory.series[0].cheapest;
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

    #[test]
    fn tuning_chart_draws_runs_on_two_labelled_axes() {
        let s = super::with_runs(512, &["x86_64", "arm64"]);
        let r = Results::compute(&s).unwrap();
        assert_eq!(r.tuning.len(), 2);
        let svg = svg_of(&r.tuning_chart);
        assert!(svg.contains("Memory (MB, log scale)"), "{svg}");
        assert!(svg.contains("Cost (USD / month)"));
        assert!(svg.contains("Duration (ms)"));
        assert!(svg.contains("x86_64 cost") && svg.contains("arm64 duration"));
        // The memory axis is labelled at the measured sizes.
        assert!(
            svg.contains("\n1,024\n") && svg.contains("\n2,048\n"),
            "{svg}"
        );
        // arm64 is dashed: more, shorter segments than x86_64's solid ones.
        assert!(svg.contains("<polygon") || svg.contains("polyline"));
        let hover = r.tuning_chart.describe(500.0).unwrap();
        assert!(hover.starts_with("512 MB · x86_64: $"), "{hover}");
        assert!(
            hover.contains("arm64: $") && hover.contains("4 ms"),
            "{hover}"
        );
        let summary = r.tuning_chart.summary();
        assert!(
            summary.contains("x86_64 (x86_64, 5 memory sizes): lowest monthly bill at 512 MB"),
            "{summary}"
        );
        // Per 1M invocations: Power Tuning's own figures.
        let mut per_million = r.tuning_chart.clone();
        per_million.metric = crate::ui::charts::tuning::CostMetric::PerMillion;
        let svg = svg_of(&per_million);
        assert!(svg.contains("Cost (USD per 1M)"));
        assert!(per_million
            .describe(512.0)
            .unwrap()
            .contains("$0.0336 per 1M"));
    }

    #[test]
    fn tuning_chart_without_runs_still_draws() {
        let r = results("#memory=512");
        assert!(r.tuning.is_empty());
        let _ = svg_of(&r.tuning_chart);
    }
}

#[tokio::test]
async fn pinned_scenarios_are_compared_and_their_labels_stay_text() {
    let mut s = link::decode("#memory=1024&duration=2000&requests=7440000")
        .unwrap()
        .scenario;
    let arm = lambda_cost::Scenario {
        arch: lambda_cost::Arch::Arm64,
        ..s.clone()
    };
    s.pins.push(lambda_cost::scenario::Pin::new(
        "<img src=x onerror=alert(1)>",
        &s,
    ));
    s.pins
        .push(lambda_cost::scenario::Pin::new("Proposed & \"arm\"", &arm));
    let html = render_scenario(s).await;
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    let section = after(&html, r#"data-testid="comparison""#, 20_000);
    for needle in [
        "$249.49",
        "$199.89",
        "-$49.60 (-19.9 %)",
        "baseline",
        "Current",
        r#"data-testid="chart-comparison""#,
    ] {
        assert!(section.contains(needle), "{needle} in {section}");
    }
    assert!(
        section.contains("Proposed &amp; &quot;arm&quot;")
            || section.contains("Proposed &amp; \"arm\""),
        "{section}"
    );
    assert_eq!(section.matches(r#"data-testid="pin-remove""#).count(), 2);
    // The share bar sits under the total.
    assert!(html.contains(r#"data-testid="copy-link""#));
    assert!(html.contains(r#"id="pin-label""#) && html.contains(r#"for="pin-label""#));
}

#[tokio::test]
async fn link_notices_are_shown_as_status() {
    let d = link::decode("#v=2&memory=256&future=1&%3Cb%3E=1").unwrap();
    let dismiss: std::rc::Rc<dyn Fn(usize)> = std::rc::Rc::new(|_| {});
    let html = rendered(vec![super::components::notices::view(
        &d.notices,
        Some(dismiss),
    )])
    .await;
    assert!(html.contains(r#"role="status""#), "{html}");
    assert!(
        html.contains("newer version of the calculator (v=2)"),
        "{html}"
    );
    assert!(html.contains("ignored: future, &lt;b&gt;."), "{html}");
    assert!(html.contains("Dismiss"));
    // Without pins there is no comparison.
    let page = render("#memory=256").await;
    assert!(!page.contains(r#"data-testid="comparison""#));
    assert!(page.contains(r#"data-testid="notices""#));
}

/// The opening tag of the "More billing options" disclosure.
fn options_tag(html: &str) -> &str {
    let at = html
        .find(r#"id="billing-options""#)
        .expect("the billing options");
    let start = html[..at].rfind("<details").unwrap();
    &html[start..start + html[start..].find('>').unwrap()]
}

#[tokio::test]
async fn billing_options_stay_closed_until_used() {
    let html = render("").await;
    assert!(
        !options_tag(&html).contains("open"),
        "{}",
        options_tag(&html)
    );
    assert!(html.contains("More billing options: SnapStart, streaming"));
    // Every option has a labelled input with its unit.
    for id in [
        "snapstart",
        "snap_versions",
        "snap_hours",
        "stream_mb",
        "stream_requests",
        "stream_free",
        "event_kb",
        "edge",
        "durable_executions",
        "durable_ops",
        "durable_kb",
        "durable_wait_days",
        "durable_retain_days",
        "tenant_envs",
        "r_snap",
        "r_restore",
        "r_stream",
        "r_dop",
        "r_dwrite",
        "r_dretain",
        "r_tenant",
    ] {
        assert!(html.contains(&format!(r#"for="{id}""#)), "label for {id}");
        assert!(html.contains(&format!(r#"id="{id}""#)), "input {id}");
    }
    for unit in ["hours / month", "versions", "KB", "days", "USD / GB-month"] {
        assert!(
            html.contains(&format!(r#"class="unit">{unit}</span>"#)),
            "{unit}"
        );
    }
    // The card's rate is the placeholder of its override.
    assert!(html.contains(r#"placeholder="0.008""#), "{html}");
    // A scenario without options has no notes under the total.
    assert!(!html.contains(r#"data-testid="bill-notes""#));
}

#[tokio::test]
async fn a_link_with_an_option_opens_the_section_and_bills_its_lines() {
    let html =
        render("#memory=1024&duration=2000&requests=7440000&cold=1&snapstart=1&snap_hours=744")
            .await;
    assert!(
        options_tag(&html).contains("open"),
        "{}",
        options_tag(&html)
    );
    assert!(html.contains("$263.92"), "{html}");
    assert!(html.contains("SnapStart cache") && html.contains("$4.03"));
    assert!(html.contains("SnapStart restore") && html.contains("$10.40"));
    let at = html.find(r#"id="snapstart""#).unwrap();
    let input = &html[html[..at].rfind("<input").unwrap()..at];
    assert!(input.contains("checked"), "{input}");
    // Lambda@Edge with the free tier asked for says the free tier was not applied.
    let html = render("#memory=128&duration=10&requests=10000000&edge=1&free=1").await;
    assert!(html.contains("$6.63"));
    assert!(html.contains("Lambda@Edge has no free tier: the free tier was not applied"));
}

#[tokio::test]
async fn unconfirmed_rates_are_named_next_to_the_total_with_a_way_to_enter_them() {
    let html = render("#region=ap-east-2&memory=1024&duration=2000&requests=7440000").await;
    let notes = after(&html, r#"data-testid="unconfirmed-rates""#, 1200);
    assert!(
        notes.contains("Rates for ap-east-2 are not confirmed by AWS&#x27;s price list")
            || notes.contains("Rates for ap-east-2 are not confirmed by AWS's price list"),
        "{notes}"
    );
    assert!(
        notes.contains("duration tier 1 (x86_64): not found for this region"),
        "{notes}"
    );
    assert!(notes.contains(r#"data-rate-field="r_dur""#), "{notes}");
    assert!(notes.contains(r#"data-rate-field="r_req""#), "{notes}");
    // Entered rates are the user's: no longer listed.
    let html = render("#region=ap-east-2&r_dur=0.0000166667&r_req=0.2").await;
    assert!(!html.contains(r#"data-testid="unconfirmed-rates""#));
}

/// The first frame (put on the page with DOM calls before Yew starts) is the page's own
/// markup down to the form's column: the link's notices, the summary bar and the Power
/// Tuning runs' summary; and its bill is the page's bill. So nothing moves, or changes,
/// when the page takes its place.
#[tokio::test]
async fn the_first_frame_is_the_pages_own_markup() {
    use crate::ui::page_frame::first_frame;
    use crate::ui::results::Results;
    let scenario = with_runs(1024, &["x86_64", "arm64"]);
    let notices = link::decode("#v=2&memory=1024&future=1").unwrap().notices;
    assert!(!notices.is_empty());
    let results = Results::first(&scenario).unwrap();
    let frame = rendered(vec![first_frame(&results, &notices, true)]).await;
    let page = LocalServerRenderer::<Page>::with_props(PageProps {
        initial: scenario,
        notices,
        hash: None,
    })
    .render()
    .await;
    // Yew's SSR marks each component's bounds with comments: not markup.
    let head = |html: &str| {
        let mut out = html[..html.find(r#"<div class="layout">"#).unwrap()].to_string();
        while let Some(start) = out.find("<!--") {
            let end = start + out[start..].find("-->").unwrap() + 3;
            out.replace_range(start..end, "");
        }
        out
    };
    let frame_head = head(&frame).replace(r#" data-first-frame="""#, "");
    assert_eq!(frame_head, head(&page));
    for part in [
        r#"data-testid="notice""#,
        r#"data-testid="summary-bar""#,
        r#"data-testid="tuning-picks""#,
    ] {
        assert!(frame_head.contains(part), "{part} in {frame_head}");
    }
    let bill = |html: &str| {
        let start = html.find(r#"id="bill""#).unwrap();
        html[start..start + html[start..].find("</table>").unwrap()].to_string()
    };
    assert_eq!(bill(&frame), bill(&page));
    assert!(bill(&frame).contains(&lambda_cost::money::format_cents(
        results.bill.total_cents()
    )));
    // The form's column is held empty; the page's has the form.
    assert!(frame.contains(r#"<div class="workload-slot"></div>"#));
    assert!(!frame.contains("<input") && page.contains("<input"));
}

#[test]
fn a_link_that_cannot_be_priced_keeps_the_last_total_with_a_notice() {
    use super::state::{AppState, Msg};
    use std::rc::Rc;
    use yew::Reducible;
    let state = Rc::new(AppState::new(
        link::decode("#memory=1024&duration=2000&requests=7440000")
            .unwrap()
            .scenario,
    ));
    let total = |s: &AppState| s.results.as_ref().map(|r| r.bill.total_cents());
    assert_eq!(total(&state), Some(24949));
    let next = state.clone().reduce(Msg::OpenLink(Box::new(
        link::decode("#region=mars-north-1&memory=128").unwrap(),
    )));
    assert_eq!(total(&next), Some(24949));
    assert_eq!(next.scenario, state.scenario);
    assert!(
        next.notices[0].contains("\"mars-north-1\""),
        "{:?}",
        next.notices
    );
    // Any letter case opens the region.
    let next = next.reduce(Msg::OpenLink(Box::new(
        link::decode("#region=EU-WEST-1&memory=1024&duration=2000&requests=7440000").unwrap(),
    )));
    assert_eq!(next.scenario.region, "eu-west-1");
    assert!(total(&next).is_some());
    // A bad option value typed in the form keeps the last good result, the key named.
    let typed = next
        .clone()
        .reduce(Msg::Edit(lambda_cost::input::Field::EventKb, "2000".into()));
    assert_eq!(total(&typed), total(&next));
    assert_eq!(
        typed
            .errors
            .get(&lambda_cost::input::Field::EventKb.into())
            .map(String::as_str),
        Some("must be between 0 KB and 1,024 KB")
    );
}

/// The compute comparison's section of the page opened from `fragment`.
async fn compute_section(fragment: &str) -> String {
    let html = render(fragment).await;
    let start = html
        .find(r#"data-testid="compute-comparison""#)
        .expect("the compute comparison is on the page");
    let end = html[start..]
        .find("</section>")
        .map_or(html.len(), |e| start + e);
    html[start..end].to_string()
}

#[tokio::test]
async fn compute_comparison_shows_each_total_the_cheapest_and_the_crossover() {
    // Steady 200 req/s of 2 s, Python on m7g.xlarge with a 3-year Savings Plan: LMI wins.
    let f = "#memory=1024&duration=2000&requests=525600000&lmi_discount=72&lmi_runtime=python";
    let scenario = link::decode(f).unwrap().scenario;
    let c = scenario
        .compare(lambda_cost::RateCard::embedded(), &Default::default())
        .unwrap();
    let html = compute_section(f).await;
    for o in &c.options {
        let total = lambda_cost::money::format_cents(o.total_cents);
        assert!(
            html.contains(&total),
            "{} {total}: {html}",
            o.option.label()
        );
    }
    assert!(
        html.contains("<strong>Lambda Managed Instances</strong> is the cheapest"),
        "{html}"
    );
    assert!(html.contains("$463.72 a month"), "{html}");
    // By how much, against the runner-up (Fargate, $850.82).
    assert!(
        html.contains("$387.10 a month (45.5 %) less than Fargate"),
        "{html}"
    );
    assert!(
        html.contains("Lambda Managed Instances becomes cheaper than Lambda on demand"),
        "{html}"
    );
    assert!(html.contains(r#"data-testid="chart-compute""#));
    // The sizing rule is stated with AWS's Python default.
    assert!(
        html.contains("16 requests per vCPU at once (AWS&#x27;s Python default)")
            || html.contains("16 requests per vCPU at once (AWS's Python default)"),
        "{html}"
    );
}

#[tokio::test]
async fn compute_comparison_low_volume_is_on_demand_and_inputs_stay_collapsed() {
    let html = compute_section("#memory=512&duration=100&requests=100000").await;
    assert!(
        html.contains("<strong>Lambda on demand</strong> is the cheapest"),
        "{html}"
    );
    assert!(
        !html.contains(r#"<details class="lmi-inputs" open"#),
        "{html}"
    );
    // Rust (the default runtime): the assumed figure is said to be an assumption.
    assert!(html.contains("AWS publishes no default for it"), "{html}");
    // The instance picker lists the table with vCPUs, memory and price.
    assert!(
        html.contains("m7g.xlarge — 4 vCPUs, 16 GiB, $0.1632 / h"),
        "{html}"
    );
}

#[tokio::test]
async fn compute_lmi_link_opens_the_inputs_with_the_lmi_bill() {
    let html = compute_section(
        "#compute=lmi&requests=100000000&duration=200&lmi_type=m7g.xlarge&lmi_hours=2000&lmi_hourly=0.1632&lmi_discount=72",
    )
    .await;
    assert!(html.contains(r#"data-testid="lmi-bill""#), "{html}");
    for figure in ["$20.00", "$91.39", "$48.96", "$160.35"] {
        assert!(html.contains(figure), "{figure}: {html}");
    }
    // An unknown price outside us-east-1 is said, not guessed.
    let html = compute_section("#region=eu-west-1&compute=lmi").await;
    assert!(html.contains("is not in the table: enter it"), "{html}");
    assert!(
        html.contains("lmi_hourly: the on-demand price of m7g.xlarge in eu-west-1 is unknown"),
        "{html}"
    );
}

#[tokio::test]
async fn an_lmi_paste_shows_concurrency_runs_never_memory_sizes() {
    use crate::ui::state::{AppState, Msg};
    use std::rc::Rc;
    use yew::Reducible;
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/power-tuning/output-lmi-combined.json"
    );
    let paste = std::fs::read_to_string(path).unwrap();
    let state = Rc::new(AppState::new(lambda_cost::Scenario::default())).reduce(Msg::ImportRuns(
        Box::new(lambda_cost::tuning::parse(&paste)),
        None,
    ));
    assert_eq!(state.tuning_error, None);
    assert_eq!(state.scenario.lmi_tuning.len(), 2);
    // The memory runs are the standard results only: no 1, 5, 10 or 20 MB sizes.
    for run in &state.scenario.tuning {
        assert!(run.points.iter().all(|p| p.memory_mb >= 128), "{run:?}");
    }
    let runs = crate::ui::components::lmi_runs(&state.scenario.lmi_tuning);
    let html = rendered(runs.into_iter().collect()).await;
    assert!(html.contains("c8g.xlarge, 2 GiB per vCPU"), "{html}");
    assert!(html.contains("c8g.xlarge, 4 GiB per vCPU"), "{html}");
    assert!(html.contains("10 at once"), "{html}");
    assert!(html.contains("29.9 ms"), "{html}");
    assert!(!html.contains(" MB"), "{html}");
}

#[test]
fn a_pins_load_can_be_undone() {
    use crate::ui::state::{AppState, Msg};
    use lambda_cost::scenario::{Pin, Scenario};
    use std::rc::Rc;
    use yew::Reducible;
    let pinned = Scenario {
        memory_mb: 2048,
        ..Scenario::default()
    };
    let mine = Scenario {
        memory_mb: 640,
        duration_ms: 321.0,
        pins: vec![Pin::new("Big", &pinned)],
        ..Scenario::default()
    };
    let state = Rc::new(AppState::new(mine.clone()));
    let loaded = state.reduce(Msg::LoadPin(0));
    assert_eq!(loaded.scenario.memory_mb, 2048);
    assert_eq!(
        loaded.before_load.as_ref().map(|(_, l)| l.as_str()),
        Some("Big")
    );
    let back = loaded.reduce(Msg::UndoLoad);
    assert_eq!(back.scenario, mine);
    assert!(back.before_load.is_none());
}

#[tokio::test]
async fn compute_comparison_sizes_from_the_day_shape_in_the_link() {
    let html = compute_section(
        "#arch=arm64&memory=1024&duration=200&requests=876000000&peak_hours=8&off_peak_pct=10&lmi_runtime=node&lmi_conc=8",
    )
    .await;
    // The verdict names the shape, the inputs show it, the rules size from it.
    assert!(
        html.contains("(a peak of 8 h a day at 833.333 req/s, 83.333 req/s the rest of the day)"),
        "{html}"
    );
    assert!(
        html.contains(r#"id="peak_hours""#) && html.contains(r#"value="8""#),
        "{html}"
    );
    assert!(
        html.contains("6 instances at the peak and 3 off it"),
        "{html}"
    );
    assert!(
        html.contains("167 instances (rounded up) for 8 h a day"),
        "{html}"
    );
    assert!(
        html.contains(r#"data-testid="compute-assumptions""#),
        "{html}"
    );
}

/// One number format: memory sizes in the form's hints and chart notes group thousands.
#[tokio::test]
async fn memory_sizes_in_hints_and_notes_group_thousands() {
    let html = render("#memory=1536&duration=120&requests=3000000&cpu=50").await;
    assert!(
        html.contains("Measured on x86_64 at 1,536 MB; billed rounded up to 1 ms"),
        "duration hint"
    );
    assert!(
        html.contains("Durations modelled from 120 ms at 1,536 MB: 50 % of it"),
        "memory chart note"
    );
}

/// A bare Power Tuning hash opens once the reader has read it: the page starts on the
/// default scenario, then the runs arrive as a link opened (`hooks::link`), and the
/// summary says the link carries them, as when the runs were in the link's pairs.
#[tokio::test]
async fn a_bare_hash_read_later_opens_as_the_links_runs() {
    use crate::ui::components::tuning_summary;
    use crate::ui::state::{AppState, Msg};
    use std::rc::Rc;
    use yew::Reducible;
    let start = Rc::new(AppState::new(lambda_cost::Scenario::default()));
    assert!(!start.runs_from_link);
    let opened = link::open_hash(lambda_cost::tuning::parse(PT_HASH)).unwrap();
    let state = start.reduce(Msg::OpenLink(Box::new(opened)));
    assert!(state.runs_from_link);
    assert_eq!(state.scenario.tuning.len(), 1);
    assert!(state.notices[0].starts_with("This link is a Power Tuning result (1 run)"));
    // What the page shows is what opening the same runs from the link's pairs shows.
    let from_pairs = link::decode(&link::encode(&state.scenario))
        .unwrap()
        .scenario;
    assert_eq!(from_pairs, state.scenario);
    let summary = tuning_summary::view(state.results.as_ref().unwrap(), state.runs_from_link);
    let html = rendered(summary.into_iter().collect()).await;
    assert!(
        html.contains("This link carries a Power Tuning run"),
        "{html}"
    );

    // A reader that could not be loaded: the page keeps what it shows, with the reason.
    let failed = link::open_hash(Err(lambda_cost::tuning::TuningError::new(
        "the Power Tuning reader could not be loaded",
    )))
    .unwrap_err();
    assert!(failed.message.contains("could not be loaded"), "{failed}");
}

/// The page's bare hash, read while the user was already editing: the runs join what
/// they typed instead of replacing it; unedited, they open as the link.
#[test]
fn a_hash_read_after_an_edit_keeps_the_edit() {
    use crate::ui::state::{AppState, Msg};
    use lambda_cost::input::Field;
    use std::rc::Rc;
    use yew::Reducible;
    let opened = || Box::new(link::open_hash(lambda_cost::tuning::parse(PT_HASH)).unwrap());
    let start = Rc::new(AppState::new(lambda_cost::Scenario::default()));

    let unedited = start.clone().reduce(Msg::HashRead(opened()));
    let as_link = start.clone().reduce(Msg::OpenLink(opened()));
    assert_eq!(unedited.scenario, as_link.scenario);
    assert_eq!(unedited.notices, as_link.notices);

    let edited = start
        .reduce(Msg::Edit(Field::Memory, "2048".into()))
        .reduce(Msg::HashRead(opened()));
    assert_eq!(edited.scenario.memory_mb, 2048, "the edit stays");
    assert_eq!(
        edited.scenario.tuning, as_link.scenario.tuning,
        "the runs come"
    );
    assert!(edited.runs_from_link);
    assert!(
        edited.notices[0].contains("priced at the workload you entered"),
        "{:?}",
        edited.notices
    );
    assert!(!edited
        .notices
        .iter()
        .any(|n| n.contains("default workload")));
}

/// Loading a pin or undoing it keeps the runs, and so what the summary says of them.
#[test]
fn loading_a_pin_keeps_where_the_runs_came_from() {
    use crate::ui::state::{AppState, Msg};
    use std::rc::Rc;
    use yew::Reducible;
    let opened = Box::new(link::open_hash(lambda_cost::tuning::parse(PT_HASH)).unwrap());
    let state = Rc::new(AppState::new(lambda_cost::Scenario::default()))
        .reduce(Msg::OpenLink(opened))
        .reduce(Msg::Pin("Today".into()));
    assert!(state.runs_from_link);
    let loaded = state.reduce(Msg::LoadPin(0));
    assert!(loaded.runs_from_link);
    assert!(!loaded.scenario.tuning.is_empty());
    assert!(loaded.reduce(Msg::UndoLoad).runs_from_link);
}

/// The summary bar's "after the last edit": how the last change of the total moved it,
/// kept while an edit leaves the total as it is or cannot be priced.
#[test]
fn the_state_keeps_how_the_last_edit_moved_the_total() {
    use crate::ui::state::{AppState, Msg};
    use lambda_cost::input::Field;
    use std::rc::Rc;
    use yew::Reducible;
    let total = |s: &AppState| s.results.as_ref().unwrap().bill.total_cents();
    let start = Rc::new(AppState::new(lambda_cost::Scenario {
        requests: 50_000_000.0,
        free_tier: false,
        ..lambda_cost::Scenario::default()
    }));
    assert_eq!(start.total_change, None);
    let bigger = start
        .clone()
        .reduce(Msg::Edit(Field::Memory, "2048".into()));
    let moved = total(&bigger) - total(&start);
    assert!(moved > 0);
    assert_eq!(bigger.total_change, Some(moved));
    // Invalid: the last good total stays, and so does what moved it.
    let invalid = bigger
        .clone()
        .reduce(Msg::Edit(Field::Memory, "abc".into()));
    assert_eq!(total(&invalid), total(&bigger));
    assert_eq!(invalid.total_change, Some(moved));
    // Back down: the change is the new step, not the sum.
    let back = invalid.reduce(Msg::Edit(Field::Memory, "128".into()));
    assert_eq!(back.total_change, Some(total(&back) - total(&bigger)));
    assert!(back.total_change.unwrap() < 0);
}
