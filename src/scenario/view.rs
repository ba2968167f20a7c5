//! View options: how a page shows a scenario, read from the same URL fragment as the
//! scenario but not part of it. `embed=1` shows the compact view meant for an iframe,
//! `chart` picks its chart, `theme` forces light or dark. The scenario decoder ignores
//! these keys (unknown keys) and the scenario encoder never writes them.
//! The snippets that embed a scenario elsewhere are in `export::embed`.

use super::{link, Scenario};

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
    /// On demand, provisioned concurrency, Managed Instances and Fargate by request rate.
    Compute,
    None,
}

impl EmbedChart {
    pub const ALL: [EmbedChart; 5] = [
        EmbedChart::Memory,
        EmbedChart::Volume,
        EmbedChart::Pc,
        EmbedChart::Compute,
        EmbedChart::None,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EmbedChart::Memory => "memory",
            EmbedChart::Volume => "volume",
            EmbedChart::Pc => "pc",
            EmbedChart::Compute => "compute",
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
            EmbedChart::Compute => "On demand, provisioned concurrency or Managed Instances",
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
        for (key, value) in fragment.split('&').map(key_value) {
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

/// `link` (a whole URL or a fragment) without its view options' pairs: where the full
/// page shows the same scenario. Everything else the link carries stays as it was
/// written, bad values included, so the page says what is wrong with them next to
/// their fields. Keys are read as `ViewOptions::parse` reads them (`key_value`).
pub fn without_view_options(link: &str) -> String {
    let Some((page, fragment)) = link.split_once('#') else {
        return link.to_string();
    };
    let pairs: Vec<&str> = fragment
        .split('&')
        .filter(|pair| !pair.is_empty() && !KEYS.contains(&key_value(pair).0))
        .collect();
    if pairs.is_empty() {
        page.to_string()
    } else {
        format!("{page}#{}", pairs.join("&"))
    }
}

/// A pair's key and value, as the view options read them (no `=`: an empty value).
fn key_value(pair: &str) -> (&str, &str) {
    pair.split_once('=').unwrap_or((pair, ""))
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

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "#memory=1024&duration=2000&requests=7440000";

    #[test]
    fn the_link_without_view_options_keeps_everything_else_as_written() {
        let page = "https://example.com/calc/?embed=1";
        for (link, want) in [
            ("", ""),
            (page, page),
            (
                "https://example.com/calc/?embed=1#memory=1024&embed=1&chart=pc&theme=dark",
                "https://example.com/calc/?embed=1#memory=1024",
            ),
            (
                "https://x.test/#embed=1&memory=64&embedded=2&chart&pt=a;b;c&theme=x&v=1",
                "https://x.test/#memory=64&embedded=2&pt=a;b;c&v=1",
            ),
            ("https://x.test/#embed=1&chart=memory", "https://x.test/"),
            ("#&&embed=1&&memory=128&", "#memory=128"),
            ("#%65mbed=1", "#%65mbed=1"),
        ] {
            assert_eq!(without_view_options(link), want, "{link}");
            assert_eq!(
                ViewOptions::parse(&without_view_options(link)),
                ViewOptions::default()
            );
        }
    }

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
}
