//! "Size it from your traffic": a peak/off-peak day turned into requests, instances,
//! hours and PC-served requests, applied to the scenario on request.

use crate::ui::state::Msg;
use lambda_cost::input::Field;
use lambda_cost::model::TrafficShape;
use lambda_cost::money::format_quantity;
use lambda_cost::scenario::Scenario;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TrafficShapeProps {
    pub scenario: Scenario,
    pub on_msg: Callback<Msg>,
}

#[function_component(TrafficShapeHelper)]
pub fn traffic_shape_helper(props: &TrafficShapeProps) -> Html {
    let shape = use_state(|| TrafficShape {
        peak_rps: 50.0,
        peak_hours: 8.0,
        off_peak_rps: 5.0,
    });
    let s = &props.scenario;
    let plan = shape.plan(s.duration_ms);
    let input = |id: &'static str,
                 label: &'static str,
                 unit: &'static str,
                 value: f64,
                 set: fn(&mut TrafficShape, f64)| {
        let shape = shape.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            let v = lambda_cost::decimal::parse(el.value().trim().replace(',', "").as_str())
                .unwrap_or(f64::NAN);
            if v.is_finite() && v >= 0.0 {
                let mut next = *shape;
                set(&mut next, v);
                shape.set(next);
            }
        });
        html! {
            <div class="field">
                <label for={id}>{ label }</label>
                <div class="input-with-unit">
                    <input id={id} type="text" inputmode="decimal" value={value.to_string()} {oninput} />
                    <span class="unit" aria-hidden="true">{ unit }</span>
                </div>
            </div>
        }
    };
    let apply = {
        let on_msg = props.on_msg.clone();
        let unit = s.traffic_unit;
        let day = *shape;
        Callback::from(move |_: MouseEvent| {
            // Requests first: the PC-served requests may not exceed them.
            let edits = [
                (Field::Requests, unit.from_monthly(plan.requests)),
                (Field::Provisioned, plan.instances as f64),
                (
                    Field::ProvisionedHours,
                    (plan.pc_hours * 1000.0).round() / 1000.0,
                ),
                (Field::ProvisionedRequests, plan.pc_requests.round()),
                // The day's shape, so the comparison sizes from it too.
                (Field::PeakHours, day.peak_hours),
                (
                    Field::OffPeakPct,
                    if day.peak_rps > 0.0 {
                        (day.off_peak_rps / day.peak_rps * 100.0).min(100.0)
                    } else {
                        0.0
                    },
                ),
            ];
            for (field, v) in edits {
                // Shown in the fields as typed, so group the digits as a person would.
                on_msg.emit(Msg::Edit(field, format_quantity(v, 4)));
            }
        })
    };
    html! {
        <details class="traffic-shape">
            <summary>{ "Size it from your traffic" }</summary>
            <p class="hint">{ "A day with a busy period: provisioned concurrency covers the peak, the rest runs on demand. For steady traffic, set the peak to 24 hours." }</p>
            { input("peak-rps", "Peak traffic", "requests / s", shape.peak_rps, |t, v| t.peak_rps = v) }
            { input("peak-hours", "Peak lasts", "hours / day", shape.peak_hours, |t, v| t.peak_hours = v.min(24.0)) }
            { input("off-peak-rps", "Rest of the day", "requests / s", shape.off_peak_rps, |t, v| t.off_peak_rps = v) }
            <p class="traffic-plan" data-testid="traffic-plan" aria-live="polite">
                { format!(
                    "At {} ms: peak concurrency {} → {} instance{} for {} h / month, serving {} of {} requests a month.",
                    format_quantity(s.duration_ms, 3),
                    format_quantity(plan.peak_concurrency, 2),
                    plan.instances,
                    if plan.instances == 1 { "" } else { "s" },
                    format_quantity(plan.pc_hours, 1),
                    format_quantity(plan.pc_requests, 0),
                    format_quantity(plan.requests, 0),
                ) }
            </p>
            <button type="button" class="button secondary" onclick={apply}>{ "Apply to the scenario" }</button>
        </details>
    }
}
