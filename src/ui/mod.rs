//! The Yew app: renders the state and dispatches what the user does. No price, formula
//! or rounding rule lives here; they are all in the `lambda_cost` core.

pub(crate) mod browser;
mod charts;
mod comparison;
mod components;
mod download;
pub mod exports;
// The calculator uses only its theme; the view itself is the embed bundle's (src/bin/embed.rs).
#[allow(dead_code)]
pub(crate) mod embed;
mod format;
mod hooks;
pub mod offline;
#[cfg(target_arch = "wasm32")]
mod on_demand;
pub(crate) mod page_frame;
pub mod reader;
mod results;
mod state;
#[cfg(test)]
mod tests;
pub(crate) mod view;

use components::RunItem;
use components::{bill_table, charts_panel, comparison_panel, Calculator, ShareBar, TuningPanel};
use lambda_cost::scenario::Scenario;
use state::{AppState, Msg};
use yew::prelude::*;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The link the first frame on the page shows (`page_frame::show`): the page starts
    /// from it, with everything computed, instead of reading the link again.
    #[prop_or_default]
    pub shown: Option<hooks::link::InitialLink>,
}

/// The page: reads the scenario from the link, keeps the link up to date.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    // The theme a link forces. `#…&embed=1` never reaches this bundle: index.html's loader
    // gives such a link the embed view's own (src/bin/embed.rs), so the calculator's
    // bundle leaves that view out.
    use_memo((), |_| embed::start());
    let hooks::link::InitialLink {
        scenario: initial,
        notices,
        hash,
    } = props
        .shown
        .clone()
        .unwrap_or_else(hooks::link::initial_link);
    html! { <Page {initial} {notices} {hash} /> }
}

#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub initial: Scenario,
    /// What the opening link said besides the scenario (see `hooks::link::initial_link`).
    #[prop_or_default]
    pub notices: Vec<String>,
    /// A bare Power Tuning hash to read and open (see `hooks::link::InitialLink`).
    #[prop_or_default]
    pub hash: Option<String>,
}

/// Everything below the URL: the same in the browser and in the SSR tests.
#[function_component(Page)]
pub fn page(props: &PageProps) -> Html {
    // Everything at once: for a link with a bill, the total and the bill are on the page
    // already, in the first frame (`page_frame::show`), which this render takes the place of.
    let state = {
        let initial = props.initial.clone();
        let notices = props.notices.clone();
        use_reducer(move || {
            let mut state = AppState::new(initial);
            state.notices = notices;
            state.runs_from_link = !state.scenario.tuning.is_empty();
            state
        })
    };
    hooks::link::use_link_sync(&state, props.hash.clone());
    use_effect_with((), |_| {
        // Yew's page is on the page now: the first frame it replaces goes.
        #[cfg(target_arch = "wasm32")]
        page_frame::remove();
    });

    // One callback for the page's life: components given it see unchanged props.
    let dispatch = {
        let dispatcher = state.dispatcher();
        (*use_memo((), move |_| {
            Callback::from(move |msg: Msg| dispatcher.dispatch(msg))
        }))
        .clone()
    };
    let dismiss: std::rc::Rc<dyn Fn(usize)> = {
        let dispatch = dispatch.clone();
        std::rc::Rc::new(move |i| dispatch.emit(Msg::DismissNotice(i)))
    };

    html! {
        <main class="app">
            { page_frame::skip_link().into_html(Html::default()) }
            { page_frame::header().into_html(Html::default()) }
            { components::notices::view(&state.notices, Some(dismiss)).into_html(Html::default()) }
            if let Some((_, label)) = &state.before_load {
                <p class="card undo-load" role="status" data-testid="undo-load">
                    { format!("Loaded \u{201c}{label}\u{201d}; the scenario it replaced can be brought back. ") }
                    <button type="button" class="button secondary" onclick={dispatch.reform(|_: MouseEvent| Msg::UndoLoad)}>{ "Undo" }</button>
                </p>
            }
            if let Some(results) = &state.results {
                { components::summary_bar::view(results.bill.total_cents(), state.total_change, !state.errors.is_empty()).into_html(Html::default()) }
                { components::tuning_summary::view(results, state.runs_from_link).map(|v| v.into_html(Html::default())).unwrap_or_default() }
            }
            <div class="layout">
                <Calculator
                    scenario={state.scenario.clone()}
                    drafts={state.drafts.clone()}
                    errors={state.errors.clone()}
                    on_msg={dispatch.clone()}
                />
                { page_frame::results_section(vec![view::View::Slot]).into_html(html! {
                    <>
                        <div class="results-tools">
                            <components::EmbedDialog results={state.results.clone()} />
                        </div>
                        { bill_table(state.results.as_ref(), !state.errors.is_empty()) }
                        <ShareBar scenario={state.scenario.clone()} on_msg={dispatch.clone()} />
                        if let Some(results) = &state.results {
                            if let Some(verdict) = results.verdict() {
                                <p class="card verdict" data-testid="arch-verdict">{ verdict }</p>
                            }
                        }
                        if let Some(comparison) = &state.comparison {
                            { comparison_panel(comparison, &dispatch) }
                        }
                        <components::ComputeComparison
                            scenario={state.scenario.clone()}
                            drafts={state.drafts.clone()}
                            errors={state.errors.clone()}
                            on_msg={dispatch.clone()}
                        />
                        { components::lmi_runs(&state.scenario.lmi_tuning).map(|v| v.into_html(Html::default())).unwrap_or_default() }
                        <TuningPanel
                            runs={state.scenario.tuning.iter().enumerate().map(|(i, run)| RunItem::of(run, state.results.as_ref().and_then(|r| r.tuning.get(i)))).collect::<Vec<_>>()}
                            scenario_arch={state.scenario.arch}
                            memory_mb={state.scenario.memory_mb}
                            weight={state.scenario.tuning_weight}
                            error={state.tuning_error.clone().map(AttrValue::from)}
                            notices={state.tuning_notices.clone()}
                            results={state.results.clone()}
                            on_msg={dispatch}
                        />
                        if let Some(results) = &state.results {
                            { charts_panel(results) }
                        }
                    </>
                }) }
            </div>
            { page_frame::footer().into_html(Html::default()) }
        </main>
    }
}
