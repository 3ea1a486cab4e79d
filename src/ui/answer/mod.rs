//! The answer first: two one-tap questions and the verdict they give, with its confidence and
//! top reasons, and the way into the depth behind it: "See why" (the comparison, weighted for
//! the answer) and "Watch it run" (the simulator, on the answer's traffic). Fits above the fold on
//! a laptop; on a phone the verdict sits right under the two questions.
//!
//! All the thinking is in `nvp_recommend::answer`; this view lays it out.

use nvp_recommend::answer::{self, AnswerAction, Answers, Building, Team};
use nvp_recommend::usecase::{ConfidenceLevel, Verdict};
use nvp_ui::TabProps;
use nvp_ui::content::Content;
use nvp_ui::link::{Model, use_tab_state};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnswerProps {
    pub tab: TabProps,
    /// Opens the simulator on a preset; `None` hides "Watch it run".
    #[prop_or_default]
    pub on_simulate: Option<Callback<String>>,
    /// Opens the comparison on a weight preset; `None` hides "See why".
    #[prop_or_default]
    pub on_explain: Option<Callback<usize>>,
}

#[component]
pub fn AnswerTab(props: &AnswerProps) -> Html {
    let content = use_memo((), |_| nvp_ui::content::essentials().clone());
    let state = use_tab_state::<Model<Answers>>(&props.tab, content.clone());
    let dispatch = {
        let state = state.dispatcher();
        Callback::from(move |a: AnswerAction| state.dispatch(a))
    };
    let ids = format!("{}-a", props.tab.id_prefix);
    let answers = state.0;
    let rec = answers.recommend(&content);
    html! {
        <div class={classes!("nvp-answer", props.tab.compact.then_some("nvp-answer--compact"))}>
            <div class="nvp-answer__questions">
                <h2 class="nvp-answer__title">{ "Two questions, one answer" }</h2>
                <Question<Building> ids={format!("{ids}-b")} legend="What are you building?"
                    options={Building::ALL.iter().map(|b| (*b, b.id(), b.label())).collect::<Vec<_>>()}
                    chosen={answers.building}
                    on_pick={dispatch.reform(AnswerAction::Building)} />
                <Question<Team> ids={format!("{ids}-t")} legend="What does your team write most?"
                    options={Team::ALL.iter().map(|t| (*t, t.id(), t.label())).collect::<Vec<_>>()}
                    chosen={answers.team}
                    on_pick={dispatch.reform(AnswerAction::Team)} />
            </div>
            if let Some(rec) = rec {
                <VerdictCard content={content.clone()} {answers} rec={Rc::new(rec)} ids={ids.clone()}
                    on_simulate={props.on_simulate.clone()} on_explain={props.on_explain.clone()} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct QuestionProps<T: Clone + PartialEq + 'static> {
    pub ids: String,
    pub legend: &'static str,
    /// `(value, id, label)` per choice.
    pub options: Vec<(T, &'static str, &'static str)>,
    pub chosen: T,
    pub on_pick: Callback<T>,
}

/// One question as a radio group styled as chips: one tap to answer, arrow keys to move.
#[component]
pub fn Question<T: Clone + PartialEq + 'static>(props: &QuestionProps<T>) -> Html {
    html! {
        <fieldset class="nvp-answer__question">
            <legend>{ props.legend }</legend>
            <div class="nvp-chips">
                { for props.options.iter().map(|(value, id, label)| {
                    let input_id = format!("{}-{id}", props.ids);
                    let (on_pick, value_c) = (props.on_pick.clone(), value.clone());
                    let onchange = Callback::from(move |_| on_pick.emit(value_c.clone()));
                    html! {
                        <label for={input_id.clone()} class="nvp-chip">
                            <input type="radio" id={input_id} name={props.ids.clone()} value={*id}
                                checked={*value == props.chosen} {onchange} />
                            <span>{ *label }</span>
                        </label>
                    }
                }) }
            </div>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    pub content: Rc<Content>,
    pub answers: Answers,
    pub rec: Rc<nvp_recommend::usecase::Recommendation>,
    pub ids: String,
    #[prop_or_default]
    pub on_simulate: Option<Callback<String>>,
    #[prop_or_default]
    pub on_explain: Option<Callback<usize>>,
}

/// The verdict: who, how sure, why, and where to look next. Its text is a live region, so the
/// new verdict is read out after each answer.
#[component]
pub fn VerdictCard(props: &VerdictProps) -> Html {
    let (c, rec, a) = (&props.content, &props.rec, props.answers);
    let tone = match &rec.verdict {
        Verdict::Single(id) => format!("nvp-answer__card--{id}"),
        Verdict::Either(_) => "nvp-answer__card--either".to_string(),
        Verdict::Split { .. } => "nvp-answer__card--split".to_string(),
    };
    let level = rec.confidence.level;
    let dots = match level {
        ConfidenceLevel::Low => "●○○",
        ConfidenceLevel::Medium => "●●○",
        ConfidenceLevel::High => "●●●",
    };
    let why = props.on_explain.clone().map(|cb| {
        let preset = a.building.weights_preset();
        html! {
            <button type="button" class="nvp-button nvp-button--quiet" id={format!("{}-why", props.ids)}
                onclick={Callback::from(move |_| cb.emit(preset))}>{ "See why: the comparison" }</button>
        }
    });
    let watch = props.on_simulate.clone().map(|cb| {
        let preset = a.building.simulation().to_string();
        html! {
            <button type="button" class="nvp-button" id={format!("{}-watch", props.ids)}
                onclick={Callback::from(move |_| cb.emit(preset.clone()))}>{ "Watch it run ▶" }</button>
        }
    });
    let on_record = {
        let (c, a, rec) = (c.clone(), a, rec.clone());
        Callback::from(move |_| {
            let link = nvp_ui::browser::page_url();
            let md = answer::decision_record(&c, &a, &rec, &link);
            nvp_ui::browser::download("decision-record.md", "text/markdown", &md);
        })
    };
    let h = format!("{}-verdict", props.ids);
    html! {
        <section class={classes!("nvp-answer__card", tone)} aria-labelledby={h.clone()}>
            <div role="status" aria-live="polite" class="nvp-answer__status">
                <p class="nvp-answer__kicker">{ "Our answer" }</p>
                <h3 class="nvp-answer__verdict" id={h}>{ answer::title(c, rec) }</h3>
                <p class="nvp-answer__subtitle">{ answer::subtitle(c, rec) }</p>
                <p class="nvp-answer__confidence">
                    <span aria-hidden="true" class="nvp-answer__dots">{ dots }</span>
                    { format!(" {} confidence ({} points apart)", capital(level.word()), rec.confidence.margin) }
                </p>
            </div>
            <ul class="nvp-answer__reasons">
                { for answer::top_reasons(rec, 3).into_iter().map(|r| html! { <li>{ r }</li> }) }
            </ul>
            <div class="nvp-answer__actions">
                { for watch }
                { for why }
                <button type="button" class="nvp-button nvp-button--quiet" onclick={on_record}
                    id={format!("{}-adr", props.ids)}>{ "Download decision record" }</button>
            </div>
        </section>
    }
}

fn capital(word: &str) -> String {
    let mut c = word.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}
