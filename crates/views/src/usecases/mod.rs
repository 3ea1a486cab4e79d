//! The Use-cases tab: filter and pick use cases, answer a few team questions, get a
//! recommendation with its reasons (issue 4).
//!
//! [`UseCasesTab`] only fetches the bundled content; [`UseCasesView`] does the work and takes
//! the content as a prop, so tests can render it with any content they build. All the thinking
//! (filtering, scoring, the announced sentence) lives in [`nvp_recommend::usecase`]; these
//! components only lay it out and turn events into [`PickerAction`]s.

pub mod filters;
pub mod list;
pub mod result;
pub mod team;

use nvp_recommend::picker::{PickerAction, PickerState};
use nvp_recommend::usecase::{apply, recommend, sentence};
use nvp_ui::TabProps;
use nvp_ui::content::Content;
use nvp_ui::link::{Model, use_tab_state};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UseCasesProps {
    pub tab: TabProps,
    /// Opens the simulator on a use case's preset; `None` hides "Simulate this".
    #[prop_or_default]
    pub on_simulate: Option<Callback<String>>,
}

/// The tab as the shell mounts it, on the content bundled into the widget.
#[component]
pub fn UseCasesTab(props: &UseCasesProps) -> Html {
    // Cloned once per mount: the view wants shared ownership, the bundle is a static borrow.
    let content = use_memo((), |_| nvp_ui::content::bundled().clone());
    html! {
        <UseCasesView tab={props.tab.clone()} on_simulate={props.on_simulate.clone()}
            {content} />
    }
}

#[derive(Properties, PartialEq)]
pub struct UseCasesViewProps {
    pub tab: TabProps,
    #[prop_or_default]
    pub on_simulate: Option<Callback<String>>,
    pub content: Rc<Content>,
}

/// The picker on given content.
#[component]
pub fn UseCasesView(props: &UseCasesViewProps) -> Html {
    let content = props.content.clone();
    let state = use_tab_state::<Model<PickerState>>(&props.tab, content.clone());
    let on_action = {
        let state = state.clone();
        Callback::from(move |action: PickerAction| state.dispatch(action))
    };

    let filtered = apply(&content, &state.filter);
    let recommendation = recommend(&content, &state.selected, &state.team);
    let prefix = format!("{}-u", props.tab.id_prefix);
    let hidden_selected: Vec<String> = content
        .use_cases
        .iter()
        .filter(|uc| state.selected.contains(&uc.id) && !filtered.shows(&content, &uc.id))
        .map(|uc| uc.name.clone())
        .collect();

    let team_heading = use_node_ref();
    let result_heading = use_node_ref();
    let skip = {
        let target = team_heading.clone();
        Callback::from(move |_: MouseEvent| nvp_ui::browser::focus_and_reveal(&target))
    };
    let see_why = {
        let target = result_heading.clone();
        Callback::from(move |_: MouseEvent| nvp_ui::browser::focus_and_reveal(&target))
    };
    let bar_text = recommendation
        .as_ref()
        .map_or_else(|| result::PROMPT.to_string(), |rec| sentence(&content, rec));

    let mut classes = classes!("nvp-uc");
    if props.tab.compact {
        classes.push("nvp-uc--compact");
    }
    html! {
        <div class={classes}>
          <div class="nvp-uc__layout">
            <div class="nvp-uc__pick">
                <h2 class="nvp-uc__title">{ "What are you building?" }</h2>
                <p class="nvp-uc__intro">
                    { "Tick the use cases that describe your project, answer what you know about \
                       your team, and the recommendation updates as you go." }
                </p>
                <filters::Filters content={content.clone()} filter={state.filter.clone()}
                    counts={filtered.category_counts.clone()} shown={filtered.hits.len()}
                    id_prefix={prefix.clone()} on_action={on_action.clone()} />
                // A keyboard user can jump past the list (two stops per use case).
                <button type="button" class="nvp-skip" onclick={skip}>
                    { "Skip the list to the team questions" }
                </button>
                <list::UseCaseList content={content.clone()} hits={filtered.hits.clone()}
                    selected={state.selected.clone()} {hidden_selected}
                    filter={state.filter.clone()} id_prefix={prefix.clone()}
                    on_action={on_action.clone()} on_simulate={props.on_simulate.clone()} />
                <team::TeamForm team={state.team} id_prefix={prefix.clone()}
                    heading={team_heading} on_action={on_action.clone()} />
                // On a narrow tab the result comes after all of this, so a bar stuck to the
                // bottom of the screen keeps the current answer in view. It repeats the
                // announced sentence, so it is not a live region itself.
                <aside class="nvp-uc-bar" aria-label="Current recommendation">
                    <p class="nvp-uc-bar__text">{ bar_text }</p>
                    <button type="button" class="nvp-button nvp-button--quiet" onclick={see_why}>
                        { "See why" }
                    </button>
                </aside>
            </div>
            <div class="nvp-uc__advice">
                <result::RecommendationView content={content.clone()} {recommendation}
                    id_prefix={prefix} heading={result_heading} {on_action} />
            </div>
          </div>
        </div>
    }
}

/// The CSS class that colours something by a stack's position in the content (`--nvp-stack-N`).
fn stack_class(content: &Content, stack: &str) -> String {
    let pos = content
        .stacks
        .iter()
        .position(|s| s.id == stack)
        .unwrap_or(0);
    format!("nvp-uc-stack-{}", pos % 4)
}
