//! Normalizes the raw strings found in Vietnamese plan documents into values
//! other systems can join, sort and schedule on: agency names
//! ([`agency`]), deadline phrases ([`deadline`]) and legal references
//! ([`reference`]). Every value keeps the raw text it came from.
//!
//! `&str` in, values out: this crate knows nothing of the parser.

#![deny(missing_docs)]

pub mod agency;
pub mod deadline;
pub mod reference;
