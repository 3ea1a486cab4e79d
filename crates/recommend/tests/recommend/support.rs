//! Shared by the recommendation tests: the real content, and small helpers to build inputs from it.

use nvp_content::{Content, Stack, UseCase, WorkloadProfile};
use nvp_state::Update;

/// The content the widget ships, read from `content/` once per test binary.
pub fn shipped() -> &'static Content {
    static SHIPPED: std::sync::OnceLock<Content> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(nvp_content::source::shipped)
}

/// An owned copy of [`shipped`], for tests that change it.
pub fn content() -> Content {
    shipped().clone()
}

/// `state` after `action`, leaving `state` as it was.
pub fn step<S: Update>(state: &S, action: S::Action) -> S {
    let mut next = state.clone();
    next.update(action);
    next
}

/// Owned ids, as the picker state holds them.
pub fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// A made-up third stack and a use case only it is favoured for, to prove stacks are data.
pub fn with_third_stack(mut content: Content) -> Content {
    content.stacks.push(Stack {
        id: "go".into(),
        name: "Go".into(),
        summary: String::new(),
        badge: "Go".into(),
    });
    content.use_cases.push(UseCase {
        id: "cli_daemon".into(),
        name: "Network daemon".into(),
        description: "A long-running network service shipped as one binary.".into(),
        categories: vec![],
        favours: vec!["go".into()],
        why: "Made up for a test.".into(),
        workload: WorkloadProfile {
            cpu_ms: 1.0,
            io_ms: 1.0,
            long_lived: false,
            rate_per_s: 1.0,
            io_calls: 1,
            native_pct: 0.0,
        },
        criteria: vec![],
    });
    content
}
