//! View options: how a page shows a scenario, read from the same URL fragment as the
//! scenario but not part of it. `embed=1` shows the compact view meant for an iframe,
//! `chart` picks its chart, `theme` forces light or dark. The scenario decoder ignores
//! these keys (unknown keys) and the scenario encoder never writes them.
//!
//! Also here, because they are pure text: the one-line summary of a scenario and the
//! snippets the page offers for embedding it (an `<iframe>` and a Markdown bill).

use super::{link, Scenario};
use crate::money;
use crate::pricing::Bill;

/// The keys of the view options, in the order `encode` writes them.
pub const KEYS: [&str; 3] = ["embed", "chart", "theme"];

/// Which chart the embedded view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EmbedChart {
    /// Cost and duration by memory.
    #[default]
    Memory,
    /// Cost by request volume.
    Volume,
    /// Provisioned concurrency against on-demand by utilization.
    Pc,
    None,
}

impl EmbedChart {
    pub const ALL: [EmbedChart; 4] = [
        EmbedChart::Memory,
        EmbedChart::Volume,
        EmbedChart::Pc,
        EmbedChart::None,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EmbedChart::Memory => "memory",
            EmbedChart::Volume => "volume",
            EmbedChart::Pc => "pc",
            EmbedChart::None => "none",
        }
    }

    pub fn from_key(key: &str) -> Option<EmbedChart> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }

    /// What the chart shows, as its heading and in choices.
    pub fn label(self) -> &'static str {
        match self {
            EmbedChart::Memory => "Cost and duration by memory",
            EmbedChart::Volume => "Cost by request volume",
            EmbedChart::Pc => "Provisioned concurrency or on-demand",
            EmbedChart::None => "No chart",
        }
    }
}

/// Colour scheme: `Auto` follows `prefers-color-scheme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    #[default]
    Auto,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Auto, ThemeChoice::Light, ThemeChoice::Dark];

    pub fn key(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    pub fn from_key(key: &str) -> Option<ThemeChoice> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "Follow the visitor's setting",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }
}

/// The view options of a link; every value that is missing or not understood is at
/// its default (full page, memory chart, automatic theme).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ViewOptions {
    pub embed: bool,
    pub chart: EmbedChart,
    pub theme: ThemeChoice,
}

impl ViewOptions {
    /// Reads the options from a whole URL, a fragment (`#…`) or the bare pairs. Never
    /// fails: a bad value leaves its option at the default. A key given twice counts
    /// once, last one wins (as in the scenario decoder).
    pub fn parse(link: &str) -> ViewOptions {
        let fragment = link.split_once('#').map_or(link, |(_, f)| f);
        let mut o = ViewOptions::default();
        for pair in fragment.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "embed" => o.embed = value == "1",
                "chart" => o.chart = EmbedChart::from_key(value).unwrap_or_default(),
                "theme" => o.theme = ThemeChoice::from_key(value).unwrap_or_default(),
                _ => {}
            }
        }
        o
    }

    /// The pairs that reproduce these options (without a leading `&`); the defaults
    /// are left out except `chart` in embed mode, so a snippet says what it shows.
    pub fn encode(&self) -> String {
        let mut pairs = Vec::new();
        if self.embed {
            pairs.push("embed=1".to_string());
            pairs.push(format!("chart={}", self.chart.key()));
        } else if self.chart != EmbedChart::default() {
            pairs.push(format!("chart={}", self.chart.key()));
        }
        if self.theme != ThemeChoice::Auto {
            pairs.push(format!("theme={}", self.theme.key()));
        }
        pairs.join("&")
    }
}

/// `#` + the scenario's link pairs + the view options: the fragment of an embed URL.
pub fn fragment_with(s: &Scenario, options: &ViewOptions) -> String {
    let view = options.encode();
    let mut out = link::to_fragment(s);
    if !view.is_empty() {
        out.push('&');
        out.push_str(&view);
    }
    out
}

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

/// Height of the iframe in the snippet, px, before the embedded page reports its own.
pub const IFRAME_HEIGHT: u32 = 520;

/// The `<iframe>` element that embeds `s` with `options` (forced to embed mode).
/// `page_url` is the calculator's address without a fragment. Every attribute value is
/// HTML-escaped, so a region or an address cannot end the attribute.
pub fn iframe_snippet(page_url: &str, s: &Scenario, options: &ViewOptions) -> String {
    let options = ViewOptions {
        embed: true,
        ..*options
    };
    let src = format!(
        "{}{}",
        without_fragment(page_url),
        fragment_with(s, &options)
    );
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{IFRAME_HEIGHT}\" style=\"border:0\" loading=\"lazy\"></iframe>",
        html_escape(&src),
        html_escape(&format!("AWS Lambda cost: {}", summary(s))),
    )
}

/// The bill as Markdown (`export::bill_markdown`) followed by a link that opens the
/// scenario in the calculator at `page_url`, for wikis that do not allow iframes.
pub fn markdown_snippet(page_url: &str, s: &Scenario, bill: &Bill) -> String {
    let mut out = crate::export::bill_markdown(s, bill);
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

    const LINK: &str = "#memory=1024&duration=2000&requests=7440000";

    #[test]
    fn defaults_when_absent() {
        assert_eq!(ViewOptions::parse(""), ViewOptions::default());
        assert_eq!(ViewOptions::parse(LINK), ViewOptions::default());
        let o = ViewOptions::default();
        assert!(!o.embed);
        assert_eq!(o.chart, EmbedChart::Memory);
        assert_eq!(o.theme, ThemeChoice::Auto);
    }

    #[test]
    fn reads_every_key_from_urls_fragments_and_pairs() {
        let want = ViewOptions {
            embed: true,
            chart: EmbedChart::Pc,
            theme: ThemeChoice::Dark,
        };
        for link in [
            "https://example.com/calc/?embed=0#memory=1024&embed=1&chart=pc&theme=dark",
            "#embed=1&chart=pc&theme=dark",
            "embed=1&chart=pc&theme=dark",
        ] {
            assert_eq!(ViewOptions::parse(link), want, "{link}");
        }
        for c in EmbedChart::ALL {
            assert_eq!(ViewOptions::parse(&format!("#chart={}", c.key())).chart, c);
        }
        for t in ThemeChoice::ALL {
            assert_eq!(ViewOptions::parse(&format!("#theme={}", t.key())).theme, t);
        }
    }

    #[test]
    fn bad_values_fall_back_to_defaults() {
        for link in [
            "#embed=yes&chart=pie&theme=blue",
            "#embed&chart&theme",
            "#embed=&chart=&theme=",
            "#embed=11&chart=PC&theme=Dark",
            "#embed=%31&chart=%70c&theme=%ZZ",
            "#=&&&==&embed==1&chart=memory=1",
            "#embed=1\u{0}&chart=\u{202e}pc",
        ] {
            assert_eq!(ViewOptions::parse(link), ViewOptions::default(), "{link}");
        }
        // The last value counts, good or bad.
        assert!(!ViewOptions::parse("#embed=1&embed=0").embed);
        assert_eq!(
            ViewOptions::parse("#chart=pc&chart=nope").chart,
            EmbedChart::Memory
        );
        // Huge or hostile input does not panic.
        let long = "&chart=".repeat(50_000) + "é%";
        assert_eq!(ViewOptions::parse(&long), ViewOptions::default());
    }

    #[test]
    fn view_keys_do_not_change_the_scenario_and_are_never_encoded() {
        let plain = link::decode(LINK).unwrap().scenario;
        let with = link::decode(&format!("{LINK}&embed=1&chart=volume&theme=light"))
            .unwrap()
            .scenario;
        assert_eq!(plain, with);
        let enc = link::encode(&with);
        for key in KEYS {
            assert!(!enc.contains(&format!("{key}=")), "{enc}");
        }
        // Bad view values do not break the scenario decoder either.
        assert!(link::decode(&format!("{LINK}&embed=%ZZ&chart=&theme")).is_ok());
    }

    #[test]
    fn encodes_what_it_parses() {
        for embed in [false, true] {
            for chart in EmbedChart::ALL {
                for theme in ThemeChoice::ALL {
                    let o = ViewOptions {
                        embed,
                        chart,
                        theme,
                    };
                    assert_eq!(ViewOptions::parse(&o.encode()), o, "{}", o.encode());
                }
            }
        }
        assert_eq!(ViewOptions::default().encode(), "");
        let s = link::decode(LINK).unwrap().scenario;
        let o = ViewOptions {
            embed: true,
            ..Default::default()
        };
        assert_eq!(
            fragment_with(&s, &o),
            "#v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000&embed=1&chart=memory"
        );
    }

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
        assert_eq!(
            iframe_snippet("https://calc.example/lambda/#old=1", &s, &o),
            "<iframe src=\"https://calc.example/lambda/#v=1&amp;region=us-east-1&amp;arch=x86_64&amp;memory=1024&amp;duration=2000&amp;requests=7440000&amp;embed=1&amp;chart=pc&amp;theme=dark\" \
             title=\"AWS Lambda cost: us-east-1 · x86_64 · 1,024 MB · 2,000 ms · 7,440,000 requests/month\" \
             width=\"100%\" height=\"520\" style=\"border:0\" loading=\"lazy\"></iframe>"
        );
        // A hostile region (it is validated against the rate card, but never trust it)
        // and a hostile page address cannot leave their attributes.
        let evil = Scenario {
            region: "\"><script>alert('x')</script>&".into(),
            ..Default::default()
        };
        let html = iframe_snippet("https://h/'\"<>/", &evil, &ViewOptions::default());
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
