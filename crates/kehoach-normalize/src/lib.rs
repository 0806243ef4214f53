//! Normalizes the raw strings found in Vietnamese plan documents into values
//! other systems can join, sort and schedule on: agency names
//! ([`agency`]), deadline phrases ([`deadline`]) and legal references
//! ([`reference`](mod@reference)). Every value keeps the raw text it came from.
//!
//! `&str` in, values out: this crate knows nothing of the parser. Nothing
//! here fails or panics on its input; text that cannot be read is handed
//! back (an [`agency::AgencyList`]'s `leftover`) for the caller to report.
//! What the crate knows — agency names, abbreviations, document kinds — is
//! data in `data/`, embedded at build time and parsed once.
//!
//! ```
//! use kehoach_normalize::agency::{AgencyKind, Aliases, split_agencies};
//!
//! let list = split_agencies(
//!     "Sở Văn hoá, Thể thao và Du lịch; UBND các huyện, thị xã, thành phố.",
//!     &Aliases::new(),
//! );
//! let names: Vec<&str> = list.agencies.iter().map(|a| a.name.as_str()).collect();
//! assert_eq!(names, ["Sở Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân các huyện, thị xã, thành phố"]);
//! assert_eq!(list.agencies[0].kind, AgencyKind::So);
//! assert!(list.agencies[1].group);
//! assert_eq!(list.agencies[1].member_kind, Some(AgencyKind::UyBanNhanDan));
//! assert!(list.leftover.is_empty());
//! ```

#![deny(missing_docs)]

pub mod agency;
pub mod deadline;
mod hash;
pub mod reference;
mod text;

pub use text::Text;
