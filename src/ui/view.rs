//! Markup as plain data, for what the calculator and the embed view both show (the total,
//! the bill, a chart). One definition, put on the page two ways: through Yew in the
//! calculator (`into_html`, diffed like any other markup), and straight into the DOM in
//! the embed view (`mount`), whose bundle then carries none of Yew's runtime (issue 13:
//! the embed view is read-only, and Yew was about half of its bundle).
//!
//! Text and attribute values are always set as text (`createTextNode`, `setAttribute`),
//! never parsed as HTML: labels and other user text stay inert.

use crate::ui::charts::ChartKind;
use std::borrow::Cow;
use std::rc::Rc;

/// A piece of markup.
pub enum View {
    Element(Element),
    Text(Cow<'static, str>),
    /// Where the calculator puts markup of its own (the export buttons under the bill);
    /// nothing in the embed view.
    Slot,
    /// A chart on a canvas sized for the screen: `charts::ChartCanvas` in the calculator,
    /// `charts::LiveChart` in the embed view. The `&str` is the canvas's `data-testid`.
    Chart(ChartKind, &'static str),
}

/// An element: its tag, attributes in order, children, and what a click does.
pub struct Element {
    tag: &'static str,
    attrs: Vec<(&'static str, Cow<'static, str>)>,
    children: Vec<View>,
    click: Option<Rc<dyn Fn()>>,
}

/// A new element of this tag.
pub fn el(tag: &'static str) -> Element {
    Element {
        tag,
        attrs: Vec::new(),
        children: Vec::new(),
        click: None,
    }
}

/// A text node.
pub fn text(t: impl Into<Cow<'static, str>>) -> View {
    View::Text(t.into())
}

impl Element {
    pub fn attr(mut self, name: &'static str, value: impl Into<Cow<'static, str>>) -> Self {
        self.attrs.push((name, value.into()));
        self
    }

    /// Sets the attribute when there is a value.
    pub fn maybe_attr(
        self,
        name: &'static str,
        value: Option<impl Into<Cow<'static, str>>>,
    ) -> Self {
        match value {
            Some(v) => self.attr(name, v),
            None => self,
        }
    }

    pub fn class(self, names: &'static str) -> Self {
        self.attr("class", names)
    }

    pub fn testid(self, id: &'static str) -> Self {
        self.attr("data-testid", id)
    }

    /// Appends a text child.
    pub fn text(self, t: impl Into<Cow<'static, str>>) -> Self {
        self.child(text(t))
    }

    pub fn child(mut self, child: impl Into<View>) -> Self {
        self.children.push(child.into());
        self
    }

    /// Appends the child when there is one.
    pub fn maybe(self, child: Option<impl Into<View>>) -> Self {
        match child {
            Some(c) => self.child(c),
            None => self,
        }
    }

    pub fn children<V: Into<View>>(mut self, children: impl IntoIterator<Item = V>) -> Self {
        self.children.extend(children.into_iter().map(Into::into));
        self
    }

    /// What a click does instead of the element's default action (a link's `#id` would
    /// otherwise be written into the fragment, which holds the scenario).
    pub fn on_click(mut self, f: impl Fn() + 'static) -> Self {
        self.click = Some(Rc::new(f));
        self
    }
}

impl From<Element> for View {
    fn from(e: Element) -> Self {
        View::Element(e)
    }
}

/// Several views side by side, as one.
pub struct Views(pub Vec<View>);

impl View {
    /// As Yew markup, `slot` in place of `View::Slot`.
    pub fn into_html(self, slot: yew::Html) -> yew::Html {
        self.html(&mut Some(slot))
    }

    fn html(self, slot: &mut Option<yew::Html>) -> yew::Html {
        use yew::virtual_dom::{VNode, VTag, VText};
        match self {
            View::Text(t) => VNode::VText(VText::new(t)),
            View::Slot => slot.take().unwrap_or_default(),
            View::Chart(chart, testid) => yew::html! {
                <crate::ui::charts::ChartCanvas {chart} {testid} />
            },
            View::Element(e) => {
                let mut tag = VTag::new(e.tag);
                for (name, value) in e.attrs {
                    tag.add_attribute(name, value);
                }
                if let Some(f) = e.click {
                    let callback = yew::Callback::from(move |e: web_sys::MouseEvent| {
                        e.prevent_default();
                        f()
                    });
                    tag.add_listener(Rc::new(yew::html::onclick::Wrapper::new(callback)));
                }
                tag.add_children(e.children.into_iter().map(|c| c.html(slot)));
                tag.into()
            }
        }
    }
}

impl Views {
    /// As Yew markup, `slot` in place of `View::Slot`.
    pub fn into_html(self, slot: yew::Html) -> yew::Html {
        let mut slot = Some(slot);
        self.0.into_iter().map(|v| v.html(&mut slot)).collect()
    }
}

/// The embed view's way onto the page: plain DOM calls.
#[cfg(target_arch = "wasm32")]
pub mod dom {
    use super::View;
    use crate::ui::charts::{canvas_attributes, LiveChart};
    use wasm_bindgen::JsCast;
    use web_sys::{Document, Node};

    /// What keeps the mounted markup working: the charts (drawing, resizing, read-outs)
    /// and the click listeners. Dropping it stops them.
    #[derive(Default)]
    pub struct Mounted {
        charts: Vec<LiveChart>,
        listeners: Vec<gloo::events::EventListener>,
    }

    /// Replaces the children of `parent` with `views`.
    pub fn mount(parent: &web_sys::Element, views: Vec<View>) -> Mounted {
        parent.set_text_content(None);
        let mut mounted = Mounted::default();
        for view in views {
            append_to(parent, view, &mut mounted);
        }
        mounted
    }

    /// Appends `view` to the children of `parent`.
    pub fn append(parent: &web_sys::Element, view: View) -> Mounted {
        let mut mounted = Mounted::default();
        append_to(parent, view, &mut mounted);
        mounted
    }

    fn append_to(parent: &web_sys::Element, view: View, mounted: &mut Mounted) {
        if let Some(node) = parent
            .owner_document()
            .and_then(|doc| build(&doc, view, mounted))
        {
            let _ = parent.append_child(&node);
        }
    }

    fn build(doc: &Document, view: View, mounted: &mut Mounted) -> Option<Node> {
        match view {
            View::Text(t) => Some(doc.create_text_node(&t).into()),
            View::Slot => None,
            View::Chart(chart, testid) => {
                let canvas = doc.create_element("canvas").ok()?;
                for (name, value) in canvas_attributes(&chart, testid) {
                    let _ = canvas.set_attribute(name, &value);
                }
                let wrapper = doc.create_element("div").ok()?;
                wrapper.set_class_name("chart-canvas");
                let _ = wrapper.append_child(&canvas);
                mounted
                    .charts
                    .push(LiveChart::attach(canvas.unchecked_into(), chart));
                Some(wrapper.into())
            }
            View::Element(e) => {
                let node = doc.create_element(e.tag).ok()?;
                for (name, value) in &e.attrs {
                    let _ = node.set_attribute(name, value);
                }
                if let Some(f) = e.click {
                    mounted.listeners.push(gloo::events::EventListener::new(
                        &node,
                        "click",
                        move |e| {
                            e.prevent_default();
                            f()
                        },
                    ));
                }
                for child in e.children {
                    if let Some(c) = build(doc, child, mounted) {
                        let _ = node.append_child(&c);
                    }
                }
                Some(node.into())
            }
        }
    }
}
