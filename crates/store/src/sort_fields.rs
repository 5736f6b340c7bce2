//! The fields each staff list may be ordered by: plain names that the API parses requests into
//! and the list queries turn into columns, kept apart from both so neither imports the other.

/// What the staff user list may be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserSortField {
    /// Sign-in e-mail.
    Email,
    /// Display name, case-insensitively.
    DisplayName,
    /// Role name.
    Role,
    /// Registration time.
    CreatedAt,
    /// Last sign-in; accounts that never signed in come last.
    LastLoginAt,
}

/// What the staff session list may be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionSortField {
    /// Title, case-insensitively.
    Title,
    /// Start time.
    StartsAt,
    /// State name.
    State,
    /// Households that joined.
    Participants,
}

/// What a Green Points ledger may be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointsSortField {
    /// When the entry was added (then in the order of appending).
    CreatedAt,
    /// The points.
    Points,
    /// The reason code.
    Reason,
}

/// What the dead-letter list may be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadLetterSortField {
    /// Arrival time.
    ReceivedAt,
    /// The name of the source it came from, case-insensitively.
    Source,
    /// Why it was refused, case-insensitively.
    Reason,
}

/// What the data-source list may be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceSortField {
    /// Name, case-insensitively.
    Name,
    /// How it delivers.
    Kind,
    /// End of the newest interval delivered; sources that delivered nothing come last.
    LastReadingAt,
    /// Readings accepted today (UTC).
    ReadingsToday,
    /// Readings rejected today (UTC).
    RejectedToday,
}
