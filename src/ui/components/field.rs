//! A labelled numeric input with its unit and, when the text is refused, the reason
//! right under it.

use super::class_list;
use crate::ui::state::Msg;
use lambda_cost::input::{Field, MAX_LABEL_CHARS};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Where a form's fields send their text: the same callback across renders while `on_msg`
/// is, so a field whose text and message did not change is not rendered again on every
/// edit of another one.
#[hook]
pub fn use_on_edit(on_msg: &Callback<Msg>) -> Callback<(Field, String)> {
    let on_edit = use_memo(on_msg.clone(), |on_msg| {
        on_msg.reform(|(field, text): (Field, String)| Msg::Edit(field, text))
    });
    (*on_edit).clone()
}

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    pub field: Field,
    pub label: AttrValue,
    pub unit: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    pub on_edit: Callback<(Field, String)>,
    /// Replaces the unit text, e.g. with a unit picker.
    #[prop_or_default]
    pub unit_picker: Option<Html>,
    /// ArrowUp/ArrowDown: the text one step up (`true`) or down from the current one.
    #[prop_or_default]
    pub step: Option<Callback<(String, bool), Option<String>>>,
}

#[function_component(NumberField)]
pub fn number_field(props: &NumberFieldProps) -> Html {
    let id = props.field.key();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let oninput = {
        let field = props.field;
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_edit.emit((field, input.value()));
        })
    };
    let onkeydown = props.step.clone().map(|step| {
        let field = props.field;
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: KeyboardEvent| {
            let up = match e.key().as_str() {
                "ArrowUp" => true,
                "ArrowDown" => false,
                _ => return,
            };
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(text) = step.emit((input.value(), up)) {
                e.prevent_default();
                input.set_value(&text);
                on_edit.emit((field, text));
            }
        })
    });
    let described = match (&props.error, &props.hint) {
        (Some(_), _) => Some(error_id.clone()),
        (None, Some(_)) => Some(hint_id.clone()),
        (None, None) => None,
    };
    html! {
        <div class={class_list(&[Some("field"), props.error.is_some().then_some("invalid")])}>
            <label for={id}>{ &props.label }</label>
            <div class="input-with-unit">
                <input
                    id={id}
                    name={id}
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    value={props.value.clone()}
                    placeholder={props.placeholder.clone()}
                    aria-invalid={props.error.is_some().then_some("true")}
                    aria-describedby={described}
                    {oninput}
                    {onkeydown}
                />
                if let Some(picker) = &props.unit_picker {
                    { picker.clone() }
                } else {
                    <span class="unit" aria-hidden="true">{ &props.unit }</span>
                }
            </div>
            if let Some(error) = &props.error {
                <p class="field-error" id={error_id} role="alert">{ sentence(error) }</p>
            } else if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}>{ hint }</p>
            }
        </div>
    }
}

/// Core messages read after the field's label ("must be between …"); on their own line
/// they start with a capital. ASCII only: Unicode case tables would cost ~10 KB of Wasm.
pub(super) fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        None => String::new(),
    }
}

/// A text box for a label a person gives (a pin, a Power Tuning run): one line of at most
/// `MAX_LABEL_CHARS` characters (what the core's cleaner keeps), without autocomplete or
/// spell-check.
#[derive(Default)]
pub struct LabelInput {
    pub id: String,
    pub class: Option<&'static str>,
    pub testid: Option<&'static str>,
    /// The label now (renaming); `None` for a new one.
    pub value: Option<String>,
    pub placeholder: Option<String>,
    pub node_ref: NodeRef,
    pub describedby: Option<&'static str>,
    pub disabled: bool,
    pub onkeydown: Option<Callback<KeyboardEvent>>,
    pub onchange: Option<Callback<Event>>,
}

impl LabelInput {
    pub fn view(self) -> Html {
        html! {
            <input
                id={self.id}
                ref={self.node_ref}
                type="text"
                class={self.class}
                data-testid={self.testid}
                autocomplete="off"
                spellcheck="false"
                maxlength={MAX_LABEL_CHARS.to_string()}
                value={self.value}
                placeholder={self.placeholder}
                aria-describedby={self.describedby}
                disabled={self.disabled}
                onkeydown={self.onkeydown}
                onchange={self.onchange}
            />
        }
    }
}
