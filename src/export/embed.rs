//! Embedding a scenario elsewhere, as pure text: the one-line summary of a scenario,
//! the `<iframe>` snippet (every attribute value HTML-escaped) and the Markdown bill with
//! a link back, for wikis that do not allow iframes.

use crate::money;
use crate::pricing::Bill;
use crate::scenario::view::{fragment_with, ViewOptions};
use crate::scenario::{link, Scenario};

/// One line naming the scenario: "us-east-1 · x86_64 · 1,024 MB · 2,000 ms ·
/// 7,440,000 requests/month", plus the settings that change the bill when set.
pub fn summary(s: &Scenario) -> String {
    let mut parts = vec![
        s.region.clone(),
        s.arch.to_string(),
        format!("{} MB", money::format_quantity(s.memory_mb as f64, 0)),
        format!("{} ms", money::format_quantity(s.duration_ms, 3)),
        format!("{} requests/month", money::format_quantity(s.requests, 0)),
    ];
    if s.free_tier {
        parts.push("free tier".into());
    }
    if s.pc_instances > 0 {
        parts.push(format!(
            "{} provisioned",
            money::format_quantity(s.pc_instances as f64, 0)
        ));
    }
    if s.discount_pct > 0.0 {
        parts.push(format!(
            "{} % discount",
            money::format_quantity(s.discount_pct, 2)
        ));
    }
    parts.join(" · ")
}

/// Escapes text for an HTML attribute value or element content: `&` `<` `>` `"` `'`.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The heights of the embed view's parts, CSS px, as the stylesheet lays them out in a
/// frame 776 px wide (an 800 px column less the host's margins; measured with Chromium,
/// 2026-11-29). The snippet's height is their sum for what the view shows, so a host
/// without the resize script still shows the whole view; the script (see the README)
/// then follows the content exactly at any width.
pub mod layout {
    use crate::scenario::view::EmbedChart;

    /// `.embed` padding, top and bottom together.
    pub const PADDING: u32 = 16;
    /// `.embed` gap between two parts.
    pub const GAP: u32 = 12;
    /// The one-line summary.
    pub const SUMMARY: u32 = 22;
    /// The total card.
    pub const TOTAL: u32 = 115;
    /// The bill card without its rows: padding, caption and column heads.
    pub const BILL: u32 = 94;
    /// One row of the bill (a line, or the total row), unwrapped.
    pub const BILL_ROW: u32 = 41;
    /// The footer: the rates' date and the link out (20.5, rounded up: a frame a pixel
    /// short scrolls).
    pub const FOOTER: u32 = 21;

    /// The chart card of `chart`, heading and notes included; `None` for no chart.
    pub fn chart(chart: EmbedChart) -> Option<u32> {
        match chart {
            EmbedChart::Memory | EmbedChart::Volume => Some(356),
            // The break-even sentence above the chart.
            EmbedChart::Pc => Some(388),
            // The verdict, up to three crossover sentences and the options' basis above the chart.
            EmbedChart::Compute => Some(788),
            EmbedChart::None => None,
        }
    }
}

/// The snippet's iframe height, px: the parts `options` shows, with a bill of
/// `bill_lines` lines.
pub fn iframe_height(options: &ViewOptions, bill_lines: usize) -> u32 {
    let rows = bill_lines as u32 + 1;
    let mut parts = vec![
        layout::SUMMARY,
        layout::TOTAL,
        layout::BILL + rows * layout::BILL_ROW,
        layout::FOOTER,
    ];
    parts.extend(layout::chart(options.chart));
    let gaps = (parts.len() as u32 - 1) * layout::GAP;
    layout::PADDING + gaps + parts.iter().sum::<u32>()
}

/// The `<iframe>` element that embeds `s` with `options` (forced to embed mode), as tall
/// as what it shows with `bill` (`iframe_height`). `page_url` is the calculator's
/// address without a fragment. Every attribute value is HTML-escaped, so a region or an
/// address cannot end the attribute.
pub fn iframe_snippet(page_url: &str, s: &Scenario, bill: &Bill, options: &ViewOptions) -> String {
    let options = ViewOptions {
        embed: true,
        ..*options
    };
    let height = iframe_height(&options, bill.lines.len());
    let src = format!(
        "{}{}",
        without_fragment(page_url),
        fragment_with(s, &options)
    );
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height}\" style=\"border:0\" loading=\"lazy\"></iframe>",
        html_escape(&src),
        html_escape(&format!("AWS Lambda cost: {}", summary(s))),
    )
}

/// The bill as Markdown (`export::bill_markdown`) followed by a link that opens the
/// scenario in the calculator at `page_url`, for wikis that do not allow iframes.
pub fn markdown_snippet(page_url: &str, s: &Scenario, bill: &Bill) -> String {
    let mut out = super::bill_markdown(s, bill);
    let url = format!("{}{}", without_fragment(page_url), link::to_fragment(s));
    // Parentheses and spaces would end a Markdown link destination early.
    let url = url
        .replace('(', "%28")
        .replace(')', "%29")
        .replace(' ', "%20");
    out.push_str(&format!(
        "\n[Open in the AWS Lambda cost calculator]({url})\n"
    ));
    out
}

/// The address of the calculator opened on `s` in the full page (no view options).
pub fn calculator_url(page_url: &str, s: &Scenario) -> String {
    format!("{}{}", without_fragment(page_url), link::to_fragment(s))
}

fn without_fragment(url: &str) -> &str {
    url.split_once('#').map_or(url, |(u, _)| u)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::view::{EmbedChart, ThemeChoice};

    const LINK: &str = "#memory=1024&duration=2000&requests=7440000";

    #[test]
    fn summary_names_the_scenario() {
        let s = link::decode(LINK).unwrap().scenario;
        assert_eq!(
            summary(&s),
            "us-east-1 · x86_64 · 1,024 MB · 2,000 ms · 7,440,000 requests/month"
        );
        let s = link::decode("#memory=1536&duration=120&requests=3000000&free=1&pc=100&pc_hours=8&pc_requests=500000&discount=17")
            .unwrap()
            .scenario;
        assert_eq!(
            summary(&s),
            "us-east-1 · x86_64 · 1,536 MB · 120 ms · 3,000,000 requests/month · free tier · 100 provisioned · 17 % discount"
        );
    }

    #[test]
    fn iframe_snippet_is_escaped_html() {
        let s = link::decode(LINK).unwrap().scenario;
        let o = ViewOptions {
            chart: EmbedChart::Pc,
            theme: ThemeChoice::Dark,
            ..Default::default()
        };
        let bill = s.bill(crate::RateCard::embedded()).unwrap();
        assert_eq!(
            iframe_snippet("https://calc.example/lambda/#old=1", &s, &bill, &o),
            "<iframe src=\"https://calc.example/lambda/#v=1&amp;region=us-east-1&amp;arch=x86_64&amp;memory=1024&amp;duration=2000&amp;requests=7440000&amp;embed=1&amp;chart=pc&amp;theme=dark\" \
             title=\"AWS Lambda cost: us-east-1 · x86_64 · 1,024 MB · 2,000 ms · 7,440,000 requests/month\" \
             width=\"100%\" height=\"827\" style=\"border:0\" loading=\"lazy\"></iframe>"
        );
        // A hostile region (it is validated against the rate card, but never trust it)
        // and a hostile page address cannot leave their attributes.
        let evil = Scenario {
            region: "\"><script>alert('x')</script>&".into(),
            ..Default::default()
        };
        let html = iframe_snippet("https://h/'\"<>/", &evil, &bill, &ViewOptions::default());
        let inner = html
            .strip_prefix("<iframe ")
            .and_then(|h| h.strip_suffix("></iframe>"))
            .unwrap();
        assert!(!inner.contains(['<', '>', '\'']), "{html}");
        assert_eq!(inner.matches('"').count(), 12, "{html}");
        assert!(html.contains("title=\"AWS Lambda cost: &quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp; · "));
        assert_eq!(
            html_escape("a&b<c>d\"e'f"),
            "a&amp;b&lt;c&gt;d&quot;e&#39;f"
        );
    }

    #[test]
    fn the_iframe_is_as_tall_as_what_it_shows() {
        let with = |chart| ViewOptions {
            chart,
            ..Default::default()
        };
        // Two bill lines: summary 22, total 115, bill 94 + 3 rows of 41, footer 21, with
        // 16 of padding and 12 between parts; then the chart card.
        let base = 16 + 22 + 115 + (94 + 3 * 41) + 21 + 3 * 12;
        assert_eq!(iframe_height(&with(EmbedChart::None), 2), base);
        assert_eq!(iframe_height(&with(EmbedChart::Memory), 2), base + 12 + 356);
        assert_eq!(iframe_height(&with(EmbedChart::Memory), 2), 795);
        assert_eq!(iframe_height(&with(EmbedChart::Volume), 2), 795);
        assert_eq!(iframe_height(&with(EmbedChart::Pc), 2), base + 12 + 388);
        assert_eq!(
            iframe_height(&with(EmbedChart::Compute), 2),
            base + 12 + 788
        );
        // A longer bill, a taller frame.
        assert_eq!(iframe_height(&with(EmbedChart::Memory), 5), 795 + 3 * 41);
        // The theme does not change the layout.
        let dark = ViewOptions {
            theme: ThemeChoice::Dark,
            ..with(EmbedChart::Pc)
        };
        assert_eq!(
            iframe_height(&dark, 2),
            iframe_height(&with(EmbedChart::Pc), 2)
        );
    }

    #[test]
    fn markdown_snippet_has_the_bill_and_the_link() {
        let s = link::decode(LINK).unwrap().scenario;
        let bill = s.bill(crate::RateCard::embedded()).unwrap();
        let md = markdown_snippet("https://calc.example/a (b)/", &s, &bill);
        assert!(md.starts_with(&crate::export::bill_markdown(&s, &bill)));
        assert!(md.contains("| **Total** | | | | | **$249.49** |"), "{md}");
        assert!(md.ends_with(
            "\n[Open in the AWS Lambda cost calculator](https://calc.example/a%20%28b%29/#v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000)\n"
        ), "{md}");
        assert!(!md.contains("embed="));
    }

    #[test]
    fn calculator_url_drops_view_options() {
        let s = link::decode(&format!("{LINK}&embed=1&chart=pc&theme=dark"))
            .unwrap()
            .scenario;
        assert_eq!(
            calculator_url("http://127.0.0.1:8080/sub/path/?q=1", &s),
            "http://127.0.0.1:8080/sub/path/?q=1#v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000"
        );
    }
}
