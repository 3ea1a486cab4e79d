//! Recommendations from the content: the comparison matrix's weighted fit score ([`fit`]), the
//! use-case picker's advice ([`usecase`]), and the two tabs' states that feed them
//! ([`compare`] for the weights, [`picker`] for the picked use cases and team answers). Both
//! models are small enough to check by hand; both states follow the link protocol of
//! [`nvp_state`].

pub mod answer;
pub mod compare;
pub mod fit;
pub mod picker;
pub mod usecase;
