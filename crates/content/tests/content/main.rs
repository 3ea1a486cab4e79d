//! The content crate's test binary: the shipped data, and broken data failing with messages that
//! name the file, the entry and the problem.

mod broken;
mod common;
mod valid;
