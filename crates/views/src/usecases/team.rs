//! The team questions: the article's "it depends" factors as native radio groups. Each group
//! has a "Not sure" choice because a radio group cannot be unticked, and not knowing must stay
//! possible (it is worth no points).

use nvp_recommend::picker::{
    PickerAction, beginners_code, fluency_code, mix_code, parse_beginners, parse_fluency,
    parse_mix, parse_scaling, scaling_code,
};
use nvp_recommend::usecase::{Fluency, Scaling, TeamProfile, WorkloadMix};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TeamFormProps {
    pub team: TeamProfile,
    pub id_prefix: String,
    /// The group's legend takes focus when the skip button jumps past the use-case list.
    #[prop_or_default]
    pub heading: NodeRef,
    pub on_action: Callback<PickerAction>,
}

/// Value of every "Not sure" radio.
const UNSURE: &str = "unsure";

#[component]
pub fn TeamForm(props: &TeamFormProps) -> Html {
    let team = props.team;
    let p = &props.id_prefix;
    // Each group rebuilds the profile with one field changed.
    let update = |apply: fn(&mut TeamProfile, &str)| {
        props.on_action.reform(move |value: String| {
            let mut next = team;
            apply(&mut next, &value);
            PickerAction::Team(next)
        })
    };
    let fluency = [
        (fluency_code(Fluency::Fluent), "Fluent, we use it daily"),
        (fluency_code(Fluency::Familiar), "Some experience"),
        (fluency_code(Fluency::New), "New to it"),
    ];
    html! {
        <fieldset class="nvp-uc-fieldset nvp-uc-team">
            <legend tabindex="-1" ref={props.heading.clone()}>{ "About your team and workload" }</legend>
            <p class="nvp-uc-team__hint">{ "Optional. Each answer is worth at most one point either way." }</p>
            <RadioGroup name={format!("{p}-js")} legend="How well does the team know JavaScript?"
                options={to_options(&fluency)} current={code(team.js_fluency.map(fluency_code))}
                on_change={update(|t, v| t.js_fluency = parse_fluency(v))} />
            <RadioGroup name={format!("{p}-py")} legend="How well does the team know Python?"
                options={to_options(&fluency)} current={code(team.py_fluency.map(fluency_code))}
                on_change={update(|t, v| t.py_fluency = parse_fluency(v))} />
            <RadioGroup name={format!("{p}-beg")} legend="Are there beginners on the team?"
                options={to_options(&[(beginners_code(true), "Yes"), (beginners_code(false), "No")])}
                current={code(team.beginners.map(beginners_code))}
                on_change={update(|t, v| t.beginners = parse_beginners(v))} />
            <RadioGroup name={format!("{p}-mix")} legend="What will requests mostly do?"
                options={to_options(&[
                    (mix_code(WorkloadMix::MostlyIo), "Wait on databases, files or other services"),
                    (mix_code(WorkloadMix::Mixed), "A mix of waiting and computing"),
                    (mix_code(WorkloadMix::MostlyCpu), "Computation (numeric libraries or own code)"),
                ])}
                current={code(team.workload_mix.map(mix_code))}
                on_change={update(|t, v| t.workload_mix = parse_mix(v))} />
            <RadioGroup name={format!("{p}-scale")} legend="How will the system grow?"
                options={to_options(&[
                    (scaling_code(Scaling::ManySmallServices), "As many small services"),
                    (scaling_code(Scaling::OneLargeApp), "As one large application"),
                ])}
                current={code(team.scaling.map(scaling_code))}
                on_change={update(|t, v| t.scaling = parse_scaling(v))} />
        </fieldset>
    }
}

fn code(answer: Option<&'static str>) -> AttrValue {
    AttrValue::Static(answer.unwrap_or(UNSURE))
}

fn to_options(pairs: &[(&'static str, &'static str)]) -> Vec<(AttrValue, AttrValue)> {
    pairs
        .iter()
        .map(|(v, l)| (AttrValue::Static(v), AttrValue::Static(l)))
        .chain(std::iter::once((
            AttrValue::Static(UNSURE),
            AttrValue::Static("Not sure"),
        )))
        .collect()
}

#[derive(Properties, PartialEq)]
struct RadioGroupProps {
    /// Shared `name` of the radios, unique per widget instance; ids derive from it.
    name: String,
    legend: AttrValue,
    /// `(value, label)` pairs.
    options: Vec<(AttrValue, AttrValue)>,
    current: AttrValue,
    /// Receives the chosen value ([`UNSURE`] for "Not sure").
    on_change: Callback<String>,
}

#[component]
fn RadioGroup(props: &RadioGroupProps) -> Html {
    let radios = props.options.iter().map(|(value, label)| {
        let id = format!("{}-{}", props.name, value);
        let v = value.to_string();
        let onchange = props.on_change.reform(move |_: Event| v.clone());
        html! {
            <span class="nvp-uc-radio">
                <input type="radio" id={id.clone()} name={props.name.clone()} value={value.clone()}
                    checked={*value == props.current} {onchange} />
                <label for={id}>{ label }</label>
            </span>
        }
    });
    html! {
        <fieldset class="nvp-uc-fieldset nvp-uc-question">
            <legend>{ &props.legend }</legend>
            <div class="nvp-uc-options">{ for radios }</div>
        </fieldset>
    }
}
