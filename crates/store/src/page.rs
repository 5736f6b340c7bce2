//! One page of any list, shared by every query that pages.

use domain::paging::PageRequest;

/// One page of a list, with the total so clients can draw a pager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// Rows matching the filter across all pages.
    pub total: u64,
    /// The page that was asked for.
    pub request: PageRequest,
}
