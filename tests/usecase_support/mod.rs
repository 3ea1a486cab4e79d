//! Shared by the use-case tests: the real content, and small helpers to build inputs from it.

#![allow(dead_code)] // each test binary uses a different subset

use node_vs_python::content::{Content, Stack, UseCase, WorkloadProfile};

/// The content the widget ships, as the loader decodes it.
pub fn content() -> Content {
    node_vs_python::content::bundled().clone()
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
        },
        criteria: vec![],
    });
    content
}
