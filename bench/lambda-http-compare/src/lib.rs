//! Nothing here: see tests/compare.rs.
#![forbid(unsafe_code)]
