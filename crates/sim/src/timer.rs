//! Timed events for the kernel's min-heap: I/O completions, GIL deadlines and connection retries.

/// What happens when a timer fires. One enum for every model, so a new kind of timed event is a
/// new variant that each model's dispatch must handle (the compiler says where).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Event {
    /// An I/O wait finished. The event loop passes the request's slot, the threads model the
    /// thread that waits (each model knows which).
    IoDone(u32),
    /// A GIL switch-interval deadline of `process`, valid only while the GIL is in tenure `epoch`.
    GilDeadline { process: u32, epoch: u32 },
    /// A client retries a connection the kernel dropped (index into the kernel's retry slab).
    /// Handled by the kernel itself: models see it as an arrival.
    Retry(u32),
}
