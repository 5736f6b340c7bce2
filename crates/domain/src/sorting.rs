//! The order of a list, chosen by the client among the fields that list allows.
//!
//! Every list has its own allow-list of fields (`F`, an enum the store maps to columns); the names
//! clients use for them live with the HTTP layer and are handed to [`Sort::parse`], so a misspelt
//! or unsortable field is refused with the list of the ones that work instead of being ignored.

use crate::ValidationError;

/// Which way a list runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Smallest, earliest or A first.
    Ascending,
    /// Largest, latest or Z first.
    Descending,
}

/// A list ordered by one of its fields. Storage adds a unique tiebreak (the row id, same
/// direction), so rows with equal values keep one order and pages never overlap or skip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort<F> {
    /// The field to order by.
    pub field: F,
    /// Which way.
    pub direction: Direction,
}

impl<F: Copy + PartialEq> Sort<F> {
    /// Ordered by `field`, smallest first.
    pub const fn ascending(field: F) -> Self {
        Self {
            field,
            direction: Direction::Ascending,
        }
    }

    /// Ordered by `field`, largest first.
    pub const fn descending(field: F) -> Self {
        Self {
            field,
            direction: Direction::Descending,
        }
    }

    /// Whether the list runs largest first.
    pub fn is_descending(&self) -> bool {
        self.direction == Direction::Descending
    }

    /// Reads `name` (ascending) or `-name` (descending), where `name` is one of `fields`' names.
    pub fn parse(raw: &str, fields: &[(&str, F)]) -> Result<Self, ValidationError> {
        let (name, direction) = match raw.strip_prefix('-') {
            Some(name) => (name, Direction::Descending),
            None => (raw, Direction::Ascending),
        };
        fields
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, field)| Self {
                field: *field,
                direction,
            })
            .ok_or_else(|| {
                let names: Vec<&str> = fields.iter().map(|(known, _)| *known).collect();
                ValidationError::owned(format!(
                    "cannot sort by {name:?}; sort by one of {}, with a leading \"-\" for descending order",
                    names.join(", ")
                ))
            })
    }

    /// The wire form of this order (`name` or `-name`), for echoing back to clients.
    pub fn name(&self, fields: &[(&'static str, F)]) -> Option<String> {
        let (name, _) = fields.iter().find(|(_, field)| *field == self.field)?;
        Some(match self.direction {
            Direction::Ascending => (*name).to_owned(),
            Direction::Descending => format!("-{name}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Field {
        Email,
        CreatedAt,
    }

    const FIELDS: &[(&str, Field)] = &[("email", Field::Email), ("created_at", Field::CreatedAt)];

    #[test]
    fn a_leading_minus_means_descending() {
        assert_eq!(
            Sort::parse("email", FIELDS),
            Ok(Sort::ascending(Field::Email))
        );
        let latest = Sort::parse("-created_at", FIELDS).unwrap();
        assert_eq!(latest, Sort::descending(Field::CreatedAt));
        assert!(latest.is_descending());
        assert_eq!(latest.name(FIELDS).as_deref(), Some("-created_at"));
    }

    #[test]
    fn unknown_fields_are_refused_with_the_allowed_ones() {
        for raw in ["name", "", "-", "--email", "Email", "email "] {
            let error = Sort::parse(raw, FIELDS).unwrap_err();
            assert!(
                error
                    .to_string()
                    .contains("sort by one of email, created_at"),
                "{raw:?}: {error}"
            );
        }
    }
}
