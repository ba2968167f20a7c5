//! The Power Tuning paste box and the list of imported runs (label, architecture,
//! remove). Parsing and its messages are the core's (`lambda_cost::tuning::parse`), run by
//! the on-demand reader (`ui::reader`).

use super::class_list;
use super::field::LabelInput;
use crate::ui::reader;
use crate::ui::state::Msg;
use lambda_cost::tuning::{ArchBasis, RunAnalysis};
use lambda_cost::Arch;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct RunItem {
    pub label: String,
    /// As set on the run; `None`: what its prices tell, else the scenario's.
    pub arch: Option<Arch>,
    /// What the run is priced at and why (from its analysis), when it could be analysed.
    pub priced_as: Option<(Arch, ArchBasis)>,
}

impl RunItem {
    pub fn of(run: &lambda_cost::tuning::TuningRun, analysis: Option<&RunAnalysis>) -> RunItem {
        RunItem {
            label: run.label.clone(),
            arch: run.arch,
            priced_as: analysis.map(|a| (a.arch, a.arch_basis)),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct TuningImportProps {
    pub runs: Vec<RunItem>,
    pub scenario_arch: Arch,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub notices: Vec<String>,
    pub on_msg: Callback<Msg>,
}

#[function_component(TuningImport)]
pub fn tuning_import(props: &TuningImportProps) -> Html {
    let paste = use_node_ref();
    let label = use_node_ref();
    let count = props.runs.len();

    // The paste and label last sent to the reader.
    let sent = use_mut_ref(|| (String::new(), String::new()));
    // An accepted paste adds runs: the box is emptied for the next one, unless something
    // else was typed in it while the paste was read.
    {
        let (paste, label, sent) = (paste.clone(), label.clone(), sent.clone());
        let previous = use_mut_ref(|| count);
        use_effect_with(count, move |n| {
            if *n > *previous.borrow() {
                let (text, name) = &*sent.borrow();
                if let Some(el) = paste
                    .cast::<HtmlTextAreaElement>()
                    .filter(|el| el.value() == *text)
                {
                    el.set_value("");
                }
                if let Some(el) = label
                    .cast::<HtmlInputElement>()
                    .filter(|el| el.value() == *name)
                {
                    el.set_value("");
                }
            }
            *previous.borrow_mut() = *n;
        });
    }

    // While the reader loads (the first paste of a visit) or reads; one paste at a time,
    // so a second press does not add the same runs twice.
    let reading = use_state_eq(|| false);
    let busy = use_mut_ref(|| false);
    let add = {
        let (paste, label, on_msg) = (paste.clone(), label.clone(), props.on_msg.clone());
        let reading = reading.clone();
        Callback::from(move |_: ()| {
            if *busy.borrow() {
                return;
            }
            let text = paste
                .cast::<HtmlTextAreaElement>()
                .map(|el| el.value())
                .unwrap_or_default();
            let typed = label
                .cast::<HtmlInputElement>()
                .map(|el| el.value())
                .unwrap_or_default();
            let name = Some(typed.clone()).filter(|v| !v.trim().is_empty());
            *sent.borrow_mut() = (text.clone(), typed);
            *busy.borrow_mut() = true;
            reading.set(true);
            let (on_msg, reading, busy) = (on_msg.clone(), reading.clone(), busy.clone());
            reader::read(text, move |answer| {
                *busy.borrow_mut() = false;
                reading.set(false);
                let read = answer.unwrap_or_else(|failed| Err(failed.into_paste_error()));
                on_msg.emit(Msg::ImportRuns(Box::new(read), name));
            });
        })
    };
    let onclick = add.reform(|_: MouseEvent| ());
    // Ctrl+Enter (Cmd+Enter) in the box adds too; Enter in the label field.
    let onkeydown_paste = {
        let add = add.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                add.emit(());
            }
        })
    };
    let onkeydown_label = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default();
            add.emit(());
        }
    });

    let described = if props.error.is_some() {
        "pt-paste-error pt-paste-hint"
    } else {
        "pt-paste-hint"
    };
    let suggestion = match count {
        0 => "e.g. x86_64",
        1 => "e.g. arm64",
        _ => "optional",
    };

    html! {
        <div class="pt-import">
            <div class={class_list(&[Some("field pt-paste-field"), props.error.is_some().then_some("invalid")])}>
                <label for="pt-paste">{ "Power Tuning result" }</label>
                <p class="hint" id="pt-paste-hint">
                    { "Paste the execution output (JSON), the visualization link (https://lambda-power-tuning.show/#…) or its hash. Add one run per architecture to compare them." }
                </p>
                <textarea
                    id="pt-paste"
                    ref={paste}
                    rows="3"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="{ \"power\": 512, \"cost\": … }  or  https://lambda-power-tuning.show/#gAAAAQ…"
                    aria-invalid={props.error.is_some().then_some("true")}
                    aria-describedby={described}
                    onkeydown={onkeydown_paste}
                    onfocus={Callback::from(|_: FocusEvent| reader::prepare())}
                />
                if let Some(error) = &props.error {
                    <p class="field-error" id="pt-paste-error" role="alert">{ error }</p>
                }
            </div>
            <div class="pt-add-row">
                <div class="field">
                    <label for="pt-label">{ "Label" }</label>
                    { LabelInput {
                        id: "pt-label".into(),
                        node_ref: label,
                        placeholder: Some(suggestion.into()),
                        onkeydown: Some(onkeydown_label),
                        ..LabelInput::default()
                    }.view() }
                </div>
                <button id="pt-add" type="button" class="button" aria-busy={reading.then_some("true")}
                    aria-disabled={reading.then_some("true")} {onclick}>
                    { if *reading { "Reading\u{2026}" } else { "Add run" } }
                </button>
            </div>
            if !props.notices.is_empty() {
                <ul class="pt-notices" role="status">
                    { for props.notices.iter().map(|n| html! { <li>{ n }</li> }) }
                </ul>
            }
            if count > 0 {
                <ul class="pt-runs" aria-label="Imported runs">
                    { for props.runs.iter().enumerate().map(|(i, run)| run_item(i, run, props.scenario_arch, &props.on_msg)) }
                </ul>
            }
        </div>
    }
}

fn run_item(i: usize, run: &RunItem, scenario_arch: Arch, on_msg: &Callback<Msg>) -> Html {
    let label_id = format!("pt-run-label-{i}");
    let arch_id = format!("pt-run-arch-{i}");
    let rename = on_msg.reform(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Msg::RenameRun(i, input.value())
    });
    let set_arch = on_msg.reform(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Msg::SetRunArch(i, select.value().parse::<Arch>().ok())
    });
    let remove = on_msg.reform(move |_: MouseEvent| Msg::RemoveRun(i));
    let (arch, basis) = run
        .priced_as
        .unwrap_or((run.arch.unwrap_or(scenario_arch), ArchBasis::Assumed));
    // Unset on the run: what its prices told, or an open question.
    let unset = match basis {
        ArchBasis::Inferred => format!("{arch} (from its prices)"),
        _ => format!("not known (priced as {arch})"),
    };
    let note = match basis {
        ArchBasis::Given => None,
        ArchBasis::Inferred => Some(format!("Priced as {arch}: its prices per ms are {arch}'s.")),
        ArchBasis::Assumed => Some(format!(
            "Priced as {arch} (the form's): its prices do not say. Choose the architecture it ran on."
        )),
    };
    let note_id = format!("pt-run-arch-note-{i}");
    html! {
        <li class="pt-run">
            <span class={if arch == Arch::Arm64 { "pt-glyph arm64" } else { "pt-glyph x86_64" }} aria-hidden="true">
                { if arch == Arch::Arm64 { "▲" } else { "●" } }
            </span>
            <label for={label_id.clone()} class="visually-hidden">{ format!("Label of run {}", i + 1) }</label>
            { LabelInput {
                id: label_id,
                class: Some("pt-run-label"),
                value: Some(run.label.clone()),
                onchange: Some(rename),
                ..LabelInput::default()
            }.view() }
            <label for={arch_id.clone()} class="visually-hidden">{ format!("Architecture of run {}", i + 1) }</label>
            <select id={arch_id} class={class_list(&[Some("pt-run-arch"), (basis == ArchBasis::Assumed).then_some("ask")])} onchange={set_arch}
                aria-describedby={note.is_some().then(|| note_id.clone())} data-testid="pt-run-arch">
                <option value="" selected={run.arch.is_none()}>{ unset }</option>
                { for Arch::ALL.iter().map(|a| html! {
                    <option value={a.as_str()} selected={run.arch == Some(*a)}>{ a.as_str() }</option>
                }) }
            </select>
            <button type="button" class="button secondary" aria-label={format!("Remove run {} ({})", i + 1, run.label)} onclick={remove}>
                { "Remove" }
            </button>
            if let Some(note) = note {
                <p class="hint pt-run-arch-note" id={note_id} data-testid="pt-run-arch-note">{ note }</p>
            }
        </li>
    }
}
