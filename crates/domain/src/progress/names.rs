//! Texts of the progress layer in both languages: level, species and badge names are product
//! terms (docs/GLOSSARY.md), shown by the server in the reader's language so that screens,
//! notifications and exports say the same thing.

use crate::language::Language;

/// A fixed text in English and Greek.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bilingual {
    english: &'static str,
    greek: &'static str,
}

impl Bilingual {
    /// A text with both translations.
    pub const fn new(english: &'static str, greek: &'static str) -> Self {
        Self { english, greek }
    }

    /// The text for a reader of `language`.
    pub const fn in_language(self, language: Language) -> &'static str {
        match language {
            Language::English => self.english,
            Language::Greek => self.greek,
        }
    }
}
