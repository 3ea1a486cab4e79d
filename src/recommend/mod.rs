//! Recommendations: the matrix's weighted fit score ([`fit`]) and the use-case picker's
//! advice ([`usecase`]). Both are small models a reader can check by hand.

pub mod fit;
pub mod usecase;
