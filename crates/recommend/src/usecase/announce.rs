//! The recommendation in words: the one sentence the view announces through its
//! `role="status"` region. It lives in the core so the exact wording is tested natively and
//! stays one sentence whatever the selection (long lists are counted, not named).

use super::{Recommendation, StackPoints, Verdict};
use nvp_content::Content;

/// The display name of a stack, falling back to its id.
pub fn stack_name<'a>(content: &'a Content, id: &'a str) -> &'a str {
    content.stack(id).map_or(id, |s| s.name.as_str())
}

/// The recommendation as the one sentence a screen reader announces.
pub fn sentence(content: &Content, rec: &Recommendation) -> String {
    let conf = rec.confidence.level.word();
    match &rec.verdict {
        Verdict::Single(id) => {
            let runner_up = rec
                .points
                .iter()
                .filter(|p| &p.stack != id)
                .map(StackPoints::total)
                .max()
                .unwrap_or(0);
            format!(
                "Recommendation: {}, with {conf} confidence ({} to {runner_up}).",
                stack_name(content, id),
                points(rec.total(id)),
            )
        }
        Verdict::Split { parts, .. } => {
            let sides: Vec<String> = parts
                .iter()
                .map(|p| {
                    format!(
                        "{} for {}",
                        stack_name(content, &p.stack),
                        use_case_list(content, &p.use_cases)
                    )
                })
                .collect();
            format!(
                "Recommendation: split the work, {}, with {conf} confidence.",
                join_and(&sides)
            )
        }
        Verdict::Either(ids) => {
            let names: Vec<String> = ids
                .iter()
                .map(|id| stack_name(content, id).to_string())
                .collect();
            let tied = ids.first().map_or(0, |id| rec.total(id));
            format!(
                "Recommendation: either {} fits, tied at {} each, so confidence is {conf}.",
                join_or(&names),
                points(tied)
            )
        }
    }
}

/// Names up to two use cases; more are counted, to keep the sentence short.
fn use_case_list(content: &Content, ids: &[String]) -> String {
    if ids.len() > 2 {
        return format!("{} use cases", ids.len());
    }
    let names: Vec<String> = ids
        .iter()
        .map(|id| content.use_case(id).map_or(id.clone(), |u| u.name.clone()))
        .collect();
    join_and(&names)
}

fn join_with(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

fn join_and(items: &[String]) -> String {
    join_with(items, "and")
}

fn join_or(items: &[String]) -> String {
    join_with(items, "or")
}

/// "1 point", "3 points", "-1 point".
fn points(n: i32) -> String {
    let unit = if n.abs() == 1 { "point" } else { "points" };
    format!("{n} {unit}")
}

#[cfg(test)]
mod tests {
    use super::points;

    #[test]
    fn points_are_singular_only_for_one() {
        assert_eq!(points(1), "1 point");
        assert_eq!(points(-1), "-1 point");
        assert_eq!(points(0), "0 points");
        assert_eq!(points(4), "4 points");
    }
}
