//! Checks a [`Content`] bundle for the mistakes a data author can make, so they fail the build
//! with a message that says where to look, rather than showing up as a blank cell in the widget.
//!
//! Every message has the form `file: entry: problem`, e.g.
//! `content/criteria.toml: criteria[io].scores[python].score: 7 is outside the scale 0..=5`.
//! Entries are named by their id when they have one and by `#index` otherwise.

use super::model::{Content, MAX_WEIGHT, Nuance};
use std::collections::HashSet;
use std::fmt::Display;

/// Which data file defined each top-level key, so messages can name it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origins {
    files: Vec<(String, String)>,
}

impl Origins {
    /// Records that `key` (e.g. `"criteria"`) came from `file`.
    pub fn set(&mut self, key: &str, file: &str) {
        self.files.retain(|(k, _)| k != key);
        self.files.push((key.to_string(), file.to_string()));
    }

    /// The file that defined `key`, if one did.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, f)| f.as_str())
    }

    /// The file to blame for `key`; `"content"` when it is not known (e.g. a bundle built in code).
    fn file(&self, key: &str) -> &str {
        self.get(key).unwrap_or("content")
    }
}

/// Every problem found in `content`, in a stable order; empty means the bundle is usable.
pub fn validate(content: &Content, origins: &Origins) -> Vec<String> {
    let mut c = Checker {
        content,
        origins,
        errors: Vec::new(),
    };
    c.sources();
    c.stacks();
    c.dimensions();
    c.scale_and_criteria();
    c.presets();
    c.tldr_and_faqs();
    c.hello_worlds();
    c.categories_and_use_cases();
    c.errors
}

/// How an entry is named in messages: its id, or its position when the id is blank.
fn name(id: &str, index: usize) -> String {
    if id.trim().is_empty() {
        format!("#{index}")
    } else {
        id.to_string()
    }
}

struct Checker<'a> {
    content: &'a Content,
    origins: &'a Origins,
    errors: Vec<String>,
}

impl Checker<'_> {
    fn push(&mut self, key: &str, entry: &str, problem: impl Display) {
        let file = self.origins.file(key);
        self.errors.push(format!("{file}: {entry}: {problem}"));
    }

    /// Text the visitor reads must say something.
    fn text(&mut self, key: &str, entry: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(key, entry, "is empty");
        }
    }

    /// A list the widget shows must not be empty either.
    fn not_empty<T>(&mut self, key: &str, entry: &str, list: &[T]) {
        if list.is_empty() {
            self.push(key, entry, "has no items");
        }
    }

    /// Ids must be present and unique within their list: the UI and the URL hash address by id.
    fn ids<'b>(&mut self, key: &str, ids: impl Iterator<Item = &'b str>) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if id.trim().is_empty() {
                self.push(key, &format!("{key}[#{i}].id"), "is empty");
            } else if !seen.insert(id) {
                self.push(key, &format!("{key}[{id}].id"), "is used by two entries");
            }
        }
    }

    fn known_stack(&mut self, key: &str, entry: &str, stack: &str) {
        if self.content.stack(stack).is_none() {
            self.push(key, entry, format!("unknown stack \"{stack}\""));
        }
    }

    fn known_source(&mut self, key: &str, entry: &str, source: &str) {
        if self.content.source(source).is_none() {
            self.push(key, entry, format!("unknown source \"{source}\""));
        }
    }

    /// Every stack must appear exactly once in a per-stack list, and no other stack may.
    fn per_stack(&mut self, key: &str, entry: &str, what: &str, got: &[&str]) {
        let mut seen = HashSet::new();
        for stack in got {
            if self.content.stack(stack).is_none() {
                self.push(key, entry, format!("{what} for unknown stack \"{stack}\""));
            } else if !seen.insert(*stack) {
                self.push(
                    key,
                    entry,
                    format!("more than one {what} for stack \"{stack}\""),
                );
            }
        }
        for stack in &self.content.stacks {
            if !seen.contains(stack.id.as_str()) && !stack.id.trim().is_empty() {
                self.push(key, entry, format!("no {what} for stack \"{}\"", stack.id));
            }
        }
    }

    fn nuances(&mut self, key: &str, entry: &str, nuances: &[Nuance]) {
        self.cited(key, &format!("{entry}.nuances"), nuances);
    }

    /// Sentences with a source (nuances, sourced points, code notes): text and a listed source.
    fn cited(&mut self, key: &str, list: &str, items: &[Nuance]) {
        for (i, n) in items.iter().enumerate() {
            self.text(key, &format!("{list}[{i}].text"), &n.text);
            self.known_source(key, &format!("{list}[{i}].source"), &n.source);
        }
    }

    fn sources(&mut self) {
        let key = "sources";
        self.ids(key, self.content.sources.iter().map(|s| s.id.as_str()));
        for (i, s) in self.content.sources.iter().enumerate() {
            let entry = format!("sources[{}]", name(&s.id, i));
            self.text(key, &format!("{entry}.label"), &s.label);
            // Links are rendered as `href`s: only web addresses, never `javascript:` and the like.
            let url = s.url.trim();
            if !url.is_empty() && !url.starts_with("https://") && !url.starts_with("http://") {
                self.push(
                    key,
                    &format!("{entry}.url"),
                    "must be empty or start with https://",
                );
            }
        }
    }

    fn stacks(&mut self) {
        let key = "stacks";
        self.not_empty(key, key, &self.content.stacks);
        self.ids(key, self.content.stacks.iter().map(|s| s.id.as_str()));
        for (i, s) in self.content.stacks.iter().enumerate() {
            let entry = format!("stacks[{}]", name(&s.id, i));
            self.text(key, &format!("{entry}.name"), &s.name);
            self.text(key, &format!("{entry}.summary"), &s.summary);
            self.text(key, &format!("{entry}.badge"), &s.badge);
        }
    }

    fn dimensions(&mut self) {
        let key = "dimensions";
        self.not_empty(key, key, &self.content.dimensions);
        self.ids(key, self.content.dimensions.iter().map(|d| d.id.as_str()));
        for (i, d) in self.content.dimensions.iter().enumerate() {
            let entry = format!("dimensions[{}]", name(&d.id, i));
            self.text(key, &format!("{entry}.title"), &d.title);
            self.text(key, &format!("{entry}.takeaway"), &d.takeaway);
            for (j, stack) in d.favours.iter().enumerate() {
                self.known_stack(key, &format!("{entry}.favours[{j}]"), stack);
            }
            let stacks: Vec<&str> = d.entries.iter().map(|e| e.stack.as_str()).collect();
            self.per_stack(key, &format!("{entry}.entries"), "entry", &stacks);
            for e in &d.entries {
                let at = format!("{entry}.entries[{}]", e.stack);
                self.text(key, &format!("{at}.summary"), &e.summary);
                if e.points.is_empty() && e.sourced_points.is_empty() {
                    self.push(key, &format!("{at}.points"), "has no items");
                }
                for (k, p) in e.points.iter().enumerate() {
                    self.text(key, &format!("{at}.points[{k}]"), p);
                }
                self.cited(key, &format!("{at}.sourced_points"), &e.sourced_points);
            }
            self.nuances(key, &entry, &d.nuances);
        }
    }

    fn scale_and_criteria(&mut self) {
        let scale = &self.content.scale;
        if scale.max <= scale.min {
            let problem = format!("max {} must be above min {}", scale.max, scale.min);
            self.push("scale", "scale", problem);
        }
        self.text("scale", "scale.meaning", &scale.meaning);

        let key = "criteria";
        self.not_empty(key, key, &self.content.criteria);
        self.ids(key, self.content.criteria.iter().map(|c| c.id.as_str()));
        for (i, c) in self.content.criteria.iter().enumerate() {
            let entry = format!("criteria[{}]", name(&c.id, i));
            self.text(key, &format!("{entry}.label"), &c.label);
            self.text(key, &format!("{entry}.description"), &c.description);
            let stacks: Vec<&str> = c.scores.iter().map(|s| s.stack.as_str()).collect();
            self.per_stack(key, &format!("{entry}.scores"), "score", &stacks);
            for s in &c.scores {
                let at = format!("{entry}.scores[{}]", s.stack);
                if !(scale.min..=scale.max).contains(&s.score) {
                    let problem = format!(
                        "{} is outside the scale {}..={}",
                        s.score, scale.min, scale.max
                    );
                    self.push(key, &format!("{at}.score"), problem);
                }
                self.text(key, &format!("{at}.why"), &s.why);
                // Every score names its source, "article" included, so none goes unbacked.
                self.known_source(key, &format!("{at}.source"), &s.source);
            }
        }
    }

    fn presets(&mut self) {
        let key = "presets";
        // The first preset is the tab's starting point, so there must be one.
        self.not_empty(key, key, &self.content.presets);
        self.ids(key, self.content.presets.iter().map(|p| p.id.as_str()));
        for (i, p) in self.content.presets.iter().enumerate() {
            let entry = format!("presets[{}]", name(&p.id, i));
            self.text(key, &format!("{entry}.label"), &p.label);
            let mut seen = HashSet::new();
            for w in &p.weights {
                let at = format!("{entry}.weights[{}]", w.criterion);
                if self.content.criterion(&w.criterion).is_none() {
                    let problem = format!("unknown criterion \"{}\"", w.criterion);
                    self.push(key, &format!("{entry}.weights"), problem);
                } else if !seen.insert(w.criterion.as_str()) {
                    self.push(key, &at, "is listed twice");
                }
                if w.weight > MAX_WEIGHT {
                    let problem = format!("{} is outside 0..={MAX_WEIGHT}", w.weight);
                    self.push(key, &format!("{at}.weight"), problem);
                }
            }
        }
    }

    fn tldr_and_faqs(&mut self) {
        self.not_empty("tldr", "tldr", &self.content.tldr);
        for (i, line) in self.content.tldr.iter().enumerate() {
            self.text("tldr", &format!("tldr[{i}]"), line);
        }
        let key = "faqs";
        self.not_empty(key, key, &self.content.faqs);
        self.ids(key, self.content.faqs.iter().map(|f| f.id.as_str()));
        for (i, f) in self.content.faqs.iter().enumerate() {
            let entry = format!("faqs[{}]", name(&f.id, i));
            self.text(key, &format!("{entry}.question"), &f.question);
            self.text(key, &format!("{entry}.answer"), &f.answer);
            self.known_source(key, &format!("{entry}.source"), &f.source);
            self.nuances(key, &entry, &f.nuances);
        }
    }

    fn hello_worlds(&mut self) {
        let key = "hello_worlds";
        let mut seen = HashSet::new();
        for (i, s) in self.content.hello_worlds.iter().enumerate() {
            let entry = format!("hello_worlds[{}]", name(&s.stack, i));
            self.known_stack(key, &format!("{entry}.stack"), &s.stack);
            if !seen.insert(s.stack.as_str()) {
                self.push(key, &entry, "is the second sample for this stack");
            }
            self.text(key, &format!("{entry}.title"), &s.title);
            self.text(key, &format!("{entry}.language"), &s.language);
            self.text(key, &format!("{entry}.code"), &s.code);
            self.cited(key, &format!("{entry}.notes"), &s.notes);
        }
    }

    fn categories_and_use_cases(&mut self) {
        let key = "categories";
        self.ids(key, self.content.categories.iter().map(|c| c.id.as_str()));
        for (i, c) in self.content.categories.iter().enumerate() {
            self.text(
                key,
                &format!("categories[{}].label", name(&c.id, i)),
                &c.label,
            );
        }
        let key = "use_cases";
        self.ids(key, self.content.use_cases.iter().map(|u| u.id.as_str()));
        for (i, u) in self.content.use_cases.iter().enumerate() {
            let entry = format!("use_cases[{}]", name(&u.id, i));
            self.text(key, &format!("{entry}.name"), &u.name);
            self.text(key, &format!("{entry}.description"), &u.description);
            self.text(key, &format!("{entry}.why"), &u.why);
            for cat in &u.categories {
                if !self.content.categories.iter().any(|c| &c.id == cat) {
                    let problem = format!("unknown category \"{cat}\"");
                    self.push(key, &format!("{entry}.categories"), problem);
                }
            }
            for (j, stack) in u.favours.iter().enumerate() {
                self.known_stack(key, &format!("{entry}.favours[{j}]"), stack);
            }
            for crit in &u.criteria {
                if self.content.criterion(crit).is_none() {
                    let problem = format!("unknown criterion \"{crit}\"");
                    self.push(key, &format!("{entry}.criteria"), problem);
                }
            }
            let w = &u.workload;
            for (field, value) in [
                ("cpu_ms", w.cpu_ms),
                ("io_ms", w.io_ms),
                ("rate_per_s", w.rate_per_s),
            ] {
                if !value.is_finite() || value < 0.0 {
                    let problem = format!("{value} must be a finite number >= 0");
                    self.push(key, &format!("{entry}.workload.{field}"), problem);
                }
            }
            if !(0.0..=100.0).contains(&w.native_pct) {
                let problem = format!("{} must be a percentage from 0 to 100", w.native_pct);
                self.push(key, &format!("{entry}.workload.native_pct"), problem);
            }
            if !(1..=16).contains(&w.io_calls) {
                let problem = format!("{} must be from 1 to 16", w.io_calls);
                self.push(key, &format!("{entry}.workload.io_calls"), problem);
            }
        }
    }
}
