//! Timed events (I/O completions, GIL deadlines) for the kernel's min-heap.

use std::cmp::Ordering;

/// A scheduled event: I/O completion or GIL deadline, told apart by `kind` (meaning is up to the model).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Timer {
    pub t: f64,
    seq: u64,
    pub kind: u8,
    pub a: u32,
    pub b: u32,
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Timer {
    /// Reversed for a min-heap; equal times fire in scheduling order, which keeps runs deterministic.
    fn cmp(&self, other: &Self) -> Ordering {
        other.t.total_cmp(&self.t).then(other.seq.cmp(&self.seq))
    }
}

impl Timer {
    pub fn new(t: f64, seq: u64, kind: u8, a: u32, b: u32) -> Self {
        Timer { t, seq, kind, a, b }
    }
}
