//! The languages PowerSave speaks to people in, and how one is chosen (docs/RULES.md,
//! "Languages").
//!
//! Every account has one; whatever the server writes for a person (exports, session texts,
//! and later notifications and e-mails) comes in it. A new account takes the language its
//! client sends, else the best match of the request's `Accept-Language`, else English.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{ValidationError, parse_named};

/// A language of the programme's screens and texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Language {
    /// Greek, the first language of most Cypriot households.
    #[serde(rename = "el")]
    Greek,
    /// English, the default when nothing else is known.
    #[default]
    #[serde(rename = "en")]
    English,
}

impl Language {
    /// Every language, in the order screens list them.
    pub const ALL: [Language; 2] = [Language::Greek, Language::English];

    /// The BCP 47 primary tag, used in storage, the API and `Content-Language`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Greek => "el",
            Self::English => "en",
        }
    }

    /// Reads a stored or sent tag (`el`, `en`), exactly.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        parse_named(&Self::ALL, Self::as_str, raw, "language")
    }

    /// The language an `Accept-Language` header (RFC 9110 §12.5.4) prefers among ours: the
    /// highest-weighted range whose primary subtag is one we speak (`el-CY` counts as `el`),
    /// the earlier one on a tie; `*` means English. `None` when nothing in it is ours, so the
    /// caller keeps its own default. Malformed parts are skipped, never an error: the header
    /// is a hint from a browser, not input a person typed.
    pub fn negotiate(accept_language: &str) -> Option<Self> {
        let mut best: Option<(Self, u16)> = None;
        for range in accept_language.split(',').take(MAX_RANGES) {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let weight = parts
                .find_map(|param| param.trim().strip_prefix("q="))
                .map_or(Some(1000), parse_weight);
            let (Some(language), Some(weight)) = (Self::for_range(tag), weight) else {
                continue;
            };
            if weight > 0 && best.is_none_or(|(_, seen)| weight > seen) {
                best = Some((language, weight));
            }
        }
        best.map(|(language, _)| language)
    }

    fn for_range(tag: &str) -> Option<Self> {
        if tag == "*" {
            return Some(Self::English);
        }
        let primary = tag.split('-').next().unwrap_or_default();
        Self::ALL
            .into_iter()
            .find(|language| primary.eq_ignore_ascii_case(language.as_str()))
    }
}

/// Ranges of one header looked at; a longer header is a mistake or an attack, not a preference.
const MAX_RANGES: usize = 32;

/// A quality value (`0`, `0.8`, `1.000`) in thousandths; `None` when it is not one.
fn parse_weight(raw: &str) -> Option<u16> {
    let raw = raw.trim();
    let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A text an author wrote in English and may also have written in Greek (a session's title):
/// shown in the reader's language when it exists, else in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Translated<'a> {
    /// The English text, always there.
    pub english: &'a str,
    /// The Greek text, when the author wrote one.
    pub greek: Option<&'a str>,
}

impl<'a> Translated<'a> {
    /// The text for a reader of `language`.
    pub fn for_reader(self, language: Language) -> &'a str {
        match (language, self.greek) {
            (Language::Greek, Some(greek)) if !greek.trim().is_empty() => greek,
            _ => self.english,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tags_round_trip_and_others_are_refused() {
        for language in Language::ALL {
            assert_eq!(Language::parse(language.as_str()), Ok(language));
        }
        let refused = Language::parse("fr").unwrap_err();
        assert!(refused.0.contains("el, en"), "{refused}");
        assert!(Language::parse("EL").is_err());
    }

    #[test]
    fn the_best_weighted_language_of_ours_wins() {
        assert_eq!(
            Language::negotiate("el-CY,el;q=0.9,en;q=0.8"),
            Some(Language::Greek)
        );
        assert_eq!(
            Language::negotiate("en-GB,el;q=0.9"),
            Some(Language::English)
        );
        assert_eq!(
            Language::negotiate("fr-FR, el;q=0.5, en;q=0.4"),
            Some(Language::Greek)
        );
        assert_eq!(
            Language::negotiate("en;q=0.2, EL-cy;q=0.7"),
            Some(Language::Greek)
        );
        assert_eq!(Language::negotiate("*"), Some(Language::English));
        // A tie goes to the first listed.
        assert_eq!(
            Language::negotiate("el;q=0.5,en;q=0.5"),
            Some(Language::Greek)
        );
    }

    #[test]
    fn nothing_of_ours_or_nonsense_leaves_the_choice_to_the_caller() {
        assert_eq!(Language::negotiate(""), None);
        assert_eq!(Language::negotiate("fr-FR,de;q=0.8"), None);
        assert_eq!(Language::negotiate("el;q=0"), None);
        assert_eq!(Language::negotiate("el;q=2,en;q=abc"), None);
        assert_eq!(
            Language::negotiate("el;q=0.5x, en;q=0.1"),
            Some(Language::English)
        );
    }

    #[test]
    fn greek_text_is_shown_to_greek_readers_when_written() {
        let both = Translated {
            english: "Evening peak",
            greek: Some("Βραδινή αιχμή"),
        };
        assert_eq!(both.for_reader(Language::Greek), "Βραδινή αιχμή");
        assert_eq!(both.for_reader(Language::English), "Evening peak");
        let english_only = Translated {
            english: "Evening peak",
            greek: Some("  "),
        };
        assert_eq!(english_only.for_reader(Language::Greek), "Evening peak");
    }

    proptest! {
        #[test]
        fn any_header_is_read_without_panicking(header in "\\PC{0,200}") {
            let _ = Language::negotiate(&header);
        }

        #[test]
        fn a_single_range_of_ours_is_found_whatever_its_region(
            language in prop::sample::select(Language::ALL.to_vec()),
            region in "[A-Za-z]{2}",
            weight in 1u16..=1000,
        ) {
            let header = format!("{}-{region};q={}", language.as_str(), f64::from(weight) / 1000.0);
            prop_assert_eq!(Language::negotiate(&header), Some(language));
        }
    }
}
