//! agency (in progress)
