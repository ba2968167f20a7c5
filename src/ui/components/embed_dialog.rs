//! "Embed": a native `<dialog>` that hands out the current scenario as an `<iframe>`
//! snippet (embed mode, see `ui::embed`) and as a Markdown bill for wikis without
//! iframes. The snippets are pure text from the core (`export::embed`), shown in
//! read-only text areas, never as markup.

use crate::ui::browser::{page_url, write_clipboard};
use crate::ui::results::Results;
use lambda_cost::export::embed;
use lambda_cost::scenario::view::{EmbedChart, ThemeChoice, ViewOptions};
use std::rc::Rc;
use web_sys::{HtmlElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmbedDialogProps {
    /// `None` while the scenario does not validate: the button is disabled.
    pub results: Option<Rc<Results>>,
}

/// What the last Copy did, per snippet.
#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Done,
    /// No clipboard access: the text is selected for Ctrl+C.
    Selected,
}

const SNIPPETS: usize = 2;

/// The resize script the README documents, for the host page.
const HOST_SCRIPT: &str = r#"<script>
  const frame = document.querySelector("iframe[src*='embed=1']");
  addEventListener("message", (event) => {
    if (event.source === frame.contentWindow && event.data?.type === "lambda-cost:height") frame.style.height = `${event.data.height}px`;
  });
</script>"#;

#[function_component(EmbedDialog)]
pub fn embed_dialog(props: &EmbedDialogProps) -> Html {
    let dialog = use_node_ref();
    let button = use_node_ref();
    let areas = [use_node_ref(), use_node_ref()];
    let open = use_state(|| false);
    let options = use_state(|| ViewOptions {
        embed: true,
        ..ViewOptions::default()
    });
    let copied = use_state(|| [None::<Copied>; SNIPPETS]);

    // showModal once the content is rendered, so focus lands on its first control.
    {
        let dialog = dialog.clone();
        use_effect_with(*open, move |open| {
            if *open {
                show_modal(&dialog);
            }
        });
    }

    let on_open = {
        let open = open.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            copied.set([None; SNIPPETS]);
            open.set(true);
        })
    };
    let on_close_click = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| close_dialog(&dialog))
    };
    // Esc, the Close button and a form method=dialog all end here.
    let on_closed = {
        let open = open.clone();
        let button = button.clone();
        Callback::from(move |_: Event| {
            open.set(false);
            if let Some(b) = button.cast::<HtmlElement>() {
                let _ = b.focus();
            }
        })
    };

    let on_chart = {
        let options = options.clone();
        let copied = copied.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(chart) = EmbedChart::from_key(&value) {
                options.set(ViewOptions { chart, ..*options });
                copied.set([None; SNIPPETS]);
            }
        })
    };
    let on_theme = {
        let options = options.clone();
        let copied = copied.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(theme) = ThemeChoice::from_key(&value) {
                options.set(ViewOptions { theme, ..*options });
                copied.set([None; SNIPPETS]);
            }
        })
    };

    let body = match (&props.results, *open) {
        (Some(r), true) => {
            let url = page_url();
            let snippets = [
                embed::iframe_snippet(&url, &r.scenario, &r.bill, &options),
                embed::markdown_snippet(&url, &r.scenario, &r.bill),
            ];
            let copy = |i: usize| {
                let area = areas[i].clone();
                let copied = copied.clone();
                let text = snippets[i].clone();
                Callback::from(move |_: MouseEvent| {
                    let copied = copied.clone();
                    let area = area.clone();
                    write_clipboard(text.clone(), move |ok| {
                        let mut now = *copied;
                        now[i] = Some(if ok {
                            Copied::Done
                        } else {
                            select_all(&area);
                            Copied::Selected
                        });
                        copied.set(now);
                    });
                })
            };
            let snippet = |i: usize,
                           id: &'static str,
                           label: &'static str,
                           hint: &'static str,
                           rows: u32| {
                html! {
                    <div class="field embed-snippet">
                        <label for={id}>{ label }</label>
                        <p class="hint" id={format!("{id}-hint")}>{ hint }</p>
                        <textarea {id} ref={areas[i].clone()} readonly=true rows={rows.to_string()}
                            spellcheck="false" aria-describedby={format!("{id}-hint")}
                            value={snippets[i].clone()} data-testid={id} />
                        <div class="embed-copy-row">
                            <button type="button" class="button secondary" onclick={copy(i)}
                                data-testid={format!("{id}-copy")}>{ "Copy" }</button>
                            <span class="hint" role="status">
                                { match copied[i] {
                                    Some(Copied::Done) => "Copied.",
                                    Some(Copied::Selected) => "Selected: press Ctrl+C (⌘C on a Mac) to copy.",
                                    None => "",
                                } }
                            </span>
                        </div>
                    </div>
                }
            };
            html! {
                <>
                    <div class="embed-choices">
                        <div class="field">
                            <label for="embed-chart">{ "Chart" }</label>
                            <select id="embed-chart" onchange={on_chart}>
                                { for EmbedChart::ALL.iter().map(|c| html! {
                                    <option value={c.key()} selected={*c == options.chart}>{ c.label() }</option>
                                }) }
                            </select>
                        </div>
                        <div class="field">
                            <label for="embed-theme">{ "Theme" }</label>
                            <select id="embed-theme" onchange={on_theme}>
                                { for ThemeChoice::ALL.iter().map(|t| html! {
                                    <option value={t.key()} selected={*t == options.theme}>{ t.label() }</option>
                                }) }
                            </select>
                        </div>
                    </div>
                    { snippet(0, "embed-iframe", "HTML",
                        "Paste into any page that allows iframes. The numbers stay live: the frame runs this calculator.", 5) }
                    { snippet(1, "embed-markdown", "Markdown",
                        "For wikis and READMEs without iframes: the bill as a table and a link back here.", 7) }
                    <details class="embed-host" open=true>
                        <summary>{ "Let the iframe fit its content" }</summary>
                        <p class="hint">{ "The embedded page posts its height to your page (message type lambda-cost:height, a number of CSS pixels, nothing else). Add this script once to resize the frame:" }</p>
                        <pre><code>{ HOST_SCRIPT }</code></pre>
                    </details>
                </>
            }
        }
        _ => html! {},
    };

    html! {
        <>
            <button type="button" class="button secondary embed-button" ref={button}
                onclick={on_open} disabled={props.results.is_none()}
                aria-haspopup="dialog" data-testid="embed-button">{ "Embed" }</button>
            <dialog ref={dialog} class="embed-dialog" aria-labelledby="embed-title"
                onclose={on_closed} data-testid="embed-dialog">
                <div class="embed-dialog-head">
                    <h2 id="embed-title">{ "Embed this estimate" }</h2>
                    <button type="button" class="button secondary" onclick={on_close_click}>{ "Close" }</button>
                </div>
                { body }
            </dialog>
        </>
    }
}

#[cfg(target_arch = "wasm32")]
fn show_modal(dialog: &NodeRef) {
    use wasm_bindgen::JsCast;
    if let Some(d) = dialog.get() {
        let d: crate::ui::embed::js::Dialog = d.unchecked_into();
        // Throws when already open: nothing to do then.
        let _ = d.show_modal();
    }
}

#[cfg(target_arch = "wasm32")]
fn close_dialog(dialog: &NodeRef) {
    use wasm_bindgen::JsCast;
    if let Some(d) = dialog.get() {
        d.unchecked_into::<crate::ui::embed::js::Dialog>().close();
    }
}

fn select_all(area: &NodeRef) {
    if let Some(a) = area.cast::<HtmlTextAreaElement>() {
        let _ = a.focus();
        a.select();
    }
}

// Natively (SSR tests) nothing is clicked.
#[cfg(not(target_arch = "wasm32"))]
fn show_modal(_: &NodeRef) {}

#[cfg(not(target_arch = "wasm32"))]
fn close_dialog(_: &NodeRef) {}

#[cfg(test)]
mod tests {
    use super::*;
    use yew::LocalServerRenderer;

    #[test]
    fn the_host_script_is_the_one_the_readme_documents() {
        let readme = include_str!("../../../README.md");
        assert!(
            readme.contains(&format!("```html\n{HOST_SCRIPT}\n```")),
            "README and HOST_SCRIPT differ"
        );
    }

    #[tokio::test]
    async fn the_button_waits_for_a_valid_scenario() {
        let s = lambda_cost::scenario::link::decode("#memory=1024&duration=2000&requests=7440000")
            .unwrap()
            .scenario;
        let html = LocalServerRenderer::<EmbedDialog>::with_props(EmbedDialogProps {
            results: Results::compute(&s),
        })
        .render()
        .await;
        assert!(html.contains(r#"data-testid="embed-button""#), "{html}");
        assert!(html.contains("<dialog"), "{html}");
        assert!(!html.contains("disabled"), "{html}");
        // Closed: the snippets are built when it opens.
        assert!(!html.contains("<textarea"), "{html}");
        let html =
            LocalServerRenderer::<EmbedDialog>::with_props(EmbedDialogProps { results: None })
                .render()
                .await;
        assert!(html.contains("disabled"), "{html}");
    }
}
