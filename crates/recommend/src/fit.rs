//! The weighted fit score behind the Compare tab's "which stack fits you" result.
//!
//! The visitor gives each criterion a weight `wᵢ` in `0..=MAX_WEIGHT`; the content gives each
//! stack a score `sᵢ` on the scale `min..=max`. A stack earns `wᵢ·(sᵢ − min)` points on a
//! criterion out of a possible `wᵢ·(max − min)`, and its fit is the share of all possible points
//! it earns:
//!
//! ```text
//! fit(stack) = 100 % · Σ wᵢ·(sᵢ − min) / Σ wᵢ·(max − min)
//! ```
//!
//! On the shipped 0..=5 scale that is `Σ w·s / Σ 5w`: a stack scoring 5 and 3 on two criteria
//! weighted 2 and 1 earns 2·5 + 1·3 = 13 of 15 points, 87 %. Everything is integer arithmetic
//! until the final division, so the breakdown adds up exactly and can be checked by hand.
//!
//! When every weight is 0 there are no possible points, and the score is "no basis" rather
//! than a division by zero.
//!
//! **Ranking.** All stacks share the same possible total, so they rank by points earned.
//! Raising the weight of a criterion on which a stack scores at least as high as every other
//! stack never reduces that stack's points lead over any other stack, so it never lowers the
//! stack's rank. Its *percentage* gap can still shrink, because the possible total grows too.
//! On a 0..=5 scale, say stack A leads B by 10 to 0 of 10 points (100 % to 0 %). Weighting a
//! new criterion 1, on which A scores 3 and B 2, gives 13 to 2 of 15 (87 % to 13 %): A wins that
//! criterion and its points lead grows from 10 to 11, yet the percentage gap falls from 100 to
//! 73. So "relative fit" here means the points lead and the rank, and the property tests pin
//! those down.

use nvp_content::{Content, MAX_WEIGHT, StackId};

/// One criterion's share of a stack's fit: `weight × (score − min)` of `weight × (max − min)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FitLine {
    /// Criterion id.
    pub criterion: String,
    pub weight: u8,
    /// The stack's score on the content's scale (the scale's minimum if the data lacks one).
    pub score: u8,
    pub points: u32,
    pub possible: u32,
}

/// One stack's fit with its breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackFit {
    pub stack: StackId,
    /// Points earned, summed over the lines.
    pub points: u32,
    /// Points possible, summed over the lines; the same for every stack.
    pub possible: u32,
    /// One line per criterion, in content order (weight-0 criteria included, at 0 of 0).
    pub lines: Vec<FitLine>,
}

impl StackFit {
    /// The fit as a percentage in `0.0..=100.0`; `None` when every weight is 0.
    pub fn percent(&self) -> Option<f64> {
        (self.possible > 0).then(|| 100.0 * f64::from(self.points) / f64::from(self.possible))
    }

    /// The percentage rounded to a whole number, as the UI shows it.
    pub fn rounded_percent(&self) -> Option<u32> {
        self.percent().map(|p| p.round() as u32)
    }
}

/// The fit of every stack, in the content's stack order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    pub stacks: Vec<StackFit>,
}

/// Computes every stack's fit. `weights` lines up with `content.criteria`; missing weights
/// count as 0 and weights above [`MAX_WEIGHT`] count as `MAX_WEIGHT`, so any input is usable.
pub fn fit(content: &Content, weights: &[u8]) -> Fit {
    let (min, max) = (content.scale.min, content.scale.max.max(content.scale.min));
    let span = u32::from(max - min);
    let stacks = content
        .stacks
        .iter()
        .map(|stack| {
            let lines: Vec<FitLine> = content
                .criteria
                .iter()
                .enumerate()
                .map(|(i, criterion)| {
                    let weight = weights.get(i).copied().unwrap_or(0).min(MAX_WEIGHT);
                    let score = criterion
                        .score_for(&stack.id)
                        .map_or(min, |s| s.score.clamp(min, max));
                    FitLine {
                        criterion: criterion.id.clone(),
                        weight,
                        score,
                        points: u32::from(weight) * u32::from(score - min),
                        possible: u32::from(weight) * span,
                    }
                })
                .collect();
            StackFit {
                stack: stack.id.clone(),
                points: lines.iter().map(|l| l.points).sum(),
                possible: lines.iter().map(|l| l.possible).sum(),
                lines,
            }
        })
        .collect();
    Fit { stacks }
}

impl Fit {
    /// False when every weight is 0: there is nothing to compare on.
    pub fn has_basis(&self) -> bool {
        self.stacks.first().is_some_and(|s| s.possible > 0)
    }

    /// The fit of `stack`, if it is one of the content's stacks.
    pub fn get(&self, stack: &str) -> Option<&StackFit> {
        self.stacks.iter().find(|s| s.stack == stack)
    }

    /// Stacks from best to worst fit; equal fits keep the content's order.
    pub fn ranked(&self) -> Vec<&StackFit> {
        let mut ranked: Vec<&StackFit> = self.stacks.iter().collect();
        ranked.sort_by_key(|s| std::cmp::Reverse(s.points));
        ranked
    }

    /// How many stacks fit strictly better than `stack` (0 = best, ties share a rank).
    pub fn rank(&self, stack: &str) -> Option<usize> {
        let points = self.get(stack)?.points;
        Some(self.stacks.iter().filter(|s| s.points > points).count())
    }

    /// The stack(s) with the best fit; empty when there is no basis. More than one means a tie.
    pub fn leaders(&self) -> Vec<&str> {
        if !self.has_basis() {
            return Vec::new();
        }
        let best = self.stacks.iter().map(|s| s.points).max().unwrap_or(0);
        self.stacks
            .iter()
            .filter(|s| s.points == best)
            .map(|s| s.stack.as_str())
            .collect()
    }

    /// One sentence for the live region: who fits best and by how much, or why nothing does.
    pub fn summary(&self, content: &Content) -> String {
        if !self.has_basis() {
            return "Every criterion is weighted 0, so there is no basis for a fit score yet: \
                    give at least one criterion some weight."
                .to_string();
        }
        let name = |s: &StackFit| {
            let name = content
                .stack(&s.stack)
                .map_or(s.stack.as_str(), |x| &x.name);
            let pct = s.rounded_percent().unwrap_or(0);
            (name.to_string(), pct)
        };
        let ranked = self.ranked();
        let best = ranked[0].points;
        let (top, rest): (Vec<&StackFit>, Vec<&StackFit>) =
            ranked.into_iter().partition(|s| s.points == best);
        let rest: Vec<String> = rest
            .iter()
            .map(|s| {
                let (n, p) = name(s);
                format!("{n} at {p}%")
            })
            .collect();
        let tail = if rest.is_empty() {
            String::new()
        } else {
            format!(", ahead of {}", join(&rest))
        };
        let (first, pct) = name(top[0]);
        if top.len() == 1 {
            if self.stacks.len() == 1 {
                return format!("{first} fits your weights at {pct}%.");
            }
            format!("{first} fits your weights best, at {pct}%{tail}.")
        } else {
            let names: Vec<String> = top.iter().map(|s| name(s).0).collect();
            format!(
                "{} fit your weights equally well, at {pct}%{tail}.",
                join(&names)
            )
        }
    }
}

/// "A", "A and B", "A, B and C".
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
