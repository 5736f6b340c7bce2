//! CSV downloads written for a person: RFC 4180 fields, spreadsheet formulas defused, and
//! headers and words in the reader's language (docs/RULES.md, "Languages"). Numbers keep a
//! decimal point in both languages, so a file reads the same into any tool.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::language::Language;
use domain::settlement::ResultStatus;

/// Quotes a field when it holds a separator, a quote or a line break (RFC 4180), and defuses
/// spreadsheet formulas in names people typed.
pub fn csv_field(raw: &str) -> String {
    let text = if raw.starts_with(['=', '+', '-', '@']) && raw.parse::<f64>().is_err() {
        format!("'{raw}")
    } else {
        raw.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// One CSV line, fields quoted where needed, ending in a line break.
pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|field| csv_field(field.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// A CSV body as a download named `filename`, marked with its language.
pub fn csv_download(filename: &str, language: Language, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CONTENT_LANGUAGE, language.as_str().to_owned()),
            // Names people typed are in it: no browser may take it for HTML.
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// The header of a session's results export.
pub fn results_header(language: Language) -> [&'static str; 9] {
    match language {
        Language::English => [
            "user_id",
            "email",
            "display_name",
            "status",
            "reason",
            "baseline_kwh",
            "actual_kwh",
            "saved_kwh",
            "percent_saved",
        ],
        Language::Greek => [
            "Αναγνωριστικό χρήστη",
            "Email",
            "Όνομα",
            "Κατάσταση",
            "Αιτία",
            "Κατανάλωση αναφοράς (kWh)",
            "Πραγματική κατανάλωση (kWh)",
            "Εξοικονόμηση (kWh)",
            "Εξοικονόμηση (%)",
        ],
    }
}

/// A result's status as the reader says it (the stable code in English, which tools read).
pub fn result_status(status: ResultStatus, language: Language) -> &'static str {
    match language {
        Language::English => status.as_str(),
        Language::Greek => match status {
            ResultStatus::Pending => "σε αναμονή",
            ResultStatus::Provisional => "προσωρινό",
            ResultStatus::Final => "οριστικό",
            ResultStatus::InsufficientData => "ανεπαρκή δεδομένα",
        },
    }
}

/// The header of a household's consumption export.
pub fn consumption_header(language: Language) -> [&'static str; 5] {
    match language {
        Language::English => ["start", "end", "kwh", "complete", "estimated"],
        Language::Greek => [
            "Έναρξη",
            "Λήξη",
            "Κατανάλωση (kWh)",
            "Πλήρες",
            "Περιέχει εκτιμήσεις",
        ],
    }
}

/// Yes or no as the reader says it.
pub fn yes_no(value: bool, language: Language) -> &'static str {
    match (language, value) {
        (Language::English, true) => "yes",
        (Language::English, false) => "no",
        (Language::Greek, true) => "ναι",
        (Language::Greek, false) => "όχι",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(
            csv_line(&["a,b", "say \"hi\"", "=SUM(A1)", "-1.5"]),
            "\"a,b\",\"say \"\"hi\"\"\",'=SUM(A1),-1.5\n"
        );
    }

    #[test]
    fn every_language_names_every_column() {
        for language in Language::ALL {
            assert!(results_header(language).iter().all(|h| !h.is_empty()));
            assert!(consumption_header(language).iter().all(|h| !h.is_empty()));
            for status in ResultStatus::ALL {
                assert!(!result_status(status, language).is_empty());
            }
        }
        assert_eq!(
            result_status(ResultStatus::Final, Language::Greek),
            "οριστικό"
        );
    }
}
