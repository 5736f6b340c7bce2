//! How a household connects its own meter (docs/RULES.md, "Connecting a meter"): what it types
//! from its bill is checked against the utility's customer register, and the answer either links
//! the meter, says which field is wrong without telling whose account it is, or sends the claim
//! to staff review when it clashes with another household or looks like guessing.

mod eligibility;

pub use eligibility::{DayCoverage, EligibilityOutlook};

use std::fmt;

use crate::ValidationError;
use crate::household::{District, TariffCode};
use crate::meter::{IntervalLength, MeterId};

/// The utility's customer account number as printed on the bill: digits only once spaces and
/// dashes (how bills group them) are removed, 6–20 of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AccountNumber(String);

impl AccountNumber {
    /// Reads an account number as a person types it from the bill.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let digits: String = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}'))
            .collect();
        if (6..=20).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(digits))
        } else {
            Err(ValidationError::new(
                "account number must be 6-20 digits, as printed on the electricity bill",
            ))
        }
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AccountNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One line of the customer register: which account the meter's premises belong to now, and the
/// premises' district and tariff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterEntry {
    /// The meter.
    pub meter_id: MeterId,
    /// The account it is billed to.
    pub account_number: AccountNumber,
    /// The premises' district, when the register knows it and the programme has it.
    pub district: Option<District>,
    /// The premises' tariff.
    pub tariff_code: TariffCode,
    /// How often the meter reads.
    pub interval: IntervalLength,
}

impl RegisterEntry {
    /// Reads a register line from its fields as the utility sends them (district and interval
    /// may be empty: no district, 15 minutes); the refusal names the field.
    pub fn parse(
        meter_id: &str,
        account_number: &str,
        district: &str,
        tariff_code: &str,
        interval_minutes: &str,
        districts: &[String],
    ) -> Result<Self, String> {
        let field = |name: &str, error: ValidationError| format!("{name}: {error}");
        Ok(Self {
            meter_id: MeterId::parse(meter_id).map_err(|e| field("meter_id", e))?,
            account_number: AccountNumber::parse(account_number)
                .map_err(|e| field("account_number", e))?,
            district: match district.trim() {
                "" => None,
                raw => Some(District::parse(raw, districts).map_err(|e| field("district", e))?),
            },
            tariff_code: TariffCode::parse(tariff_code).map_err(|e| field("tariff_code", e))?,
            interval: match interval_minutes.trim() {
                "" => IntervalLength::FifteenMinutes,
                raw => raw
                    .parse::<i64>()
                    .map_err(|_| ValidationError::new("interval must be 15 or 30 minutes"))
                    .and_then(IntervalLength::from_minutes)
                    .map_err(|e| field("interval_minutes", e))?,
            },
        })
    }
}

/// Where a claim is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimStatus {
    /// Matched and linked at once.
    Linked,
    /// Refused: a number did not fit.
    Refused,
    /// Waiting for staff.
    Review,
    /// Staff approved it and the meter was linked.
    Approved,
    /// Staff rejected it.
    Rejected,
}

impl ClaimStatus {
    /// Every status.
    pub const ALL: [Self; 5] = [
        Self::Linked,
        Self::Refused,
        Self::Review,
        Self::Approved,
        Self::Rejected,
    ];

    /// The stored and wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Linked => "linked",
            Self::Refused => "refused",
            Self::Review => "review",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    /// Reads a stored or sent name.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        crate::parse_named(&Self::ALL, Self::as_str, raw, "claim status")
    }
}

/// Who holds the claimed meter now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeterHolder {
    /// Nobody: the meter is free to link.
    Nobody,
    /// The household claiming it.
    Claimant,
    /// Another household.
    Another,
}

/// Failed claims of the account on the same meter at which a further wrong number goes to review
/// instead of a plain refusal: trying numbers until one fits is guessing.
pub const GUESSING_AFTER_FAILURES: u32 = 3;

/// What a claim comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimDecision {
    /// The numbers match the register and the meter is free: link it now.
    Link,
    /// The household already holds this meter: nothing to do.
    AlreadyLinked,
    /// Staff decide: the claim is kept with the reason.
    Review(ReviewReason),
    /// Refused; the field the household should check.
    Refuse(ClaimProblem),
}

/// Why a claim waits for staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewReason {
    /// The numbers match but another household holds the meter (a move, a shared bill, or a
    /// dispute).
    HeldByAnother,
    /// The account number is one digit off the register's, or the account has tried several
    /// numbers on this meter: a typo or guessing, which a person tells apart.
    NearMiss,
}

impl ReviewReason {
    /// Every reason.
    pub const ALL: [Self; 2] = [Self::HeldByAnother, Self::NearMiss];

    /// The stored and wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::HeldByAnother => "held_by_another",
            Self::NearMiss => "near_miss",
        }
    }

    /// Reads a stored name.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        crate::parse_named(&Self::ALL, Self::as_str, raw, "review reason")
    }
}

/// Which number on the bill does not fit. Neither says anything of the account the meter does
/// belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimProblem {
    /// The register has no such meter.
    UnknownMeter,
    /// The meter is in the register, under another account number.
    AccountMismatch,
}

impl ClaimProblem {
    /// The request field to correct.
    pub const fn field(self) -> &'static str {
        match self {
            Self::UnknownMeter => "meter_id",
            Self::AccountMismatch => "account_number",
        }
    }

    /// What the household reads.
    pub const fn message(self) -> &'static str {
        match self {
            Self::UnknownMeter => {
                "no meter with this number is in the utility's register; check the meter number on your bill"
            }
            Self::AccountMismatch => {
                "this account number does not match the meter's; check both numbers on the same bill"
            }
        }
    }
}

/// Judges a claim with `account` against the account the register bills the meter to (`None`
/// when the register has no such meter), who holds the meter now, and how many claims of this
/// household on this meter failed before.
pub fn judge_claim(
    account: &AccountNumber,
    registered: Option<&AccountNumber>,
    holder: MeterHolder,
    earlier_failures: u32,
) -> ClaimDecision {
    let Some(registered) = registered else {
        return ClaimDecision::Refuse(ClaimProblem::UnknownMeter);
    };
    if registered != account {
        let one_off = one_edit_apart(registered.as_str(), account.as_str());
        return if one_off || earlier_failures >= GUESSING_AFTER_FAILURES {
            ClaimDecision::Review(ReviewReason::NearMiss)
        } else {
            ClaimDecision::Refuse(ClaimProblem::AccountMismatch)
        };
    }
    match holder {
        MeterHolder::Nobody => ClaimDecision::Link,
        MeterHolder::Claimant => ClaimDecision::AlreadyLinked,
        MeterHolder::Another => ClaimDecision::Review(ReviewReason::HeldByAnother),
    }
}

/// Whether `a` becomes `b` by changing, adding, removing one digit or swapping two neighbours:
/// the typos people make reading a number off paper.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a == b {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a_rest, b_rest) = (&a[prefix..], &b[prefix..]);
    match a_rest.len().abs_diff(b_rest.len()) {
        0 => {
            a_rest[1..] == b_rest[1..]
                || (a_rest.len() >= 2
                    && a_rest[0] == b_rest[1]
                    && a_rest[1] == b_rest[0]
                    && a_rest[2..] == b_rest[2..])
        }
        1 if a_rest.len() > b_rest.len() => a_rest[1..] == *b_rest,
        1 => b_rest[1..] == *a_rest,
        _ => false,
    }
}

/// The version of the consent text a household agrees to before its meter is read; a new
/// wording gets a new version, and each consent records the one agreed to.
pub const CONSENT_TEXT_VERSION: &str = "2026-12";

/// The consent text of [`CONSENT_TEXT_VERSION`] in the reader's language, with the purpose
/// stated.
pub fn consent_text(language: crate::language::Language) -> &'static str {
    match language {
        crate::language::Language::English => CONSENT_TEXT_EN,
        crate::language::Language::Greek => CONSENT_TEXT_EL,
    }
}

const CONSENT_TEXT_EL: &str = "Συμφωνώ το PowerSave να διαβάζει από τον πάροχο τις μετρήσεις \
     κατανάλωσης του μετρητή μου, για να υπολογίζει την κατανάλωση αναφοράς μου, την \
     εξοικονόμησή μου στις Περιόδους Εξοικονόμησης και τους Πράσινους Πόντους μου. Μπορώ να \
     ανακαλέσω τη συγκατάθεσή μου οποιαδήποτε στιγμή: τότε σταματούν οι νέες μετρήσεις, ενώ όσες \
     χρησιμοποιήθηκαν ήδη σε οριστικά αποτελέσματα φυλάσσονται όσο και τα αποτελέσματα αυτά.";

const CONSENT_TEXT_EN: &str = "I agree that PowerSave reads my meter's consumption readings \
     from the utility to work out my baseline, my savings in Saving Sessions and my Green Points. \
     I can withdraw this at any time: new readings then stop, and readings already used for \
     settled results are kept for as long as those results are.";

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn entry(account: &str) -> AccountNumber {
        AccountNumber::parse(account).unwrap()
    }

    fn account(raw: &str) -> AccountNumber {
        AccountNumber::parse(raw).unwrap()
    }

    #[test]
    fn account_numbers_are_read_as_printed() {
        assert_eq!(account("1234 5678-90").as_str(), "1234567890");
        for bad in ["12345", "123456789012345678901", "12345a78", ""] {
            assert!(AccountNumber::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_matching_claim_links_a_free_meter_and_clashes_go_to_review() {
        let line = entry("1000200030");
        let same = account("1000200030");
        assert_eq!(
            judge_claim(&same, Some(&line), MeterHolder::Nobody, 0),
            ClaimDecision::Link
        );
        assert_eq!(
            judge_claim(&same, Some(&line), MeterHolder::Claimant, 0),
            ClaimDecision::AlreadyLinked
        );
        assert_eq!(
            judge_claim(&same, Some(&line), MeterHolder::Another, 0),
            ClaimDecision::Review(ReviewReason::HeldByAnother)
        );
    }

    #[test]
    fn a_wrong_number_names_the_field_and_guessing_goes_to_review() {
        let line = entry("1000200030");
        assert_eq!(
            judge_claim(&account("999999"), None, MeterHolder::Nobody, 0),
            ClaimDecision::Refuse(ClaimProblem::UnknownMeter)
        );
        let far = account("5555555555");
        assert_eq!(
            judge_claim(&far, Some(&line), MeterHolder::Nobody, 0),
            ClaimDecision::Refuse(ClaimProblem::AccountMismatch)
        );
        // The third failure before is the limit: the next wrong number is for staff.
        assert_eq!(
            judge_claim(&far, Some(&line), MeterHolder::Nobody, 2),
            ClaimDecision::Refuse(ClaimProblem::AccountMismatch)
        );
        assert_eq!(
            judge_claim(&far, Some(&line), MeterHolder::Nobody, 3),
            ClaimDecision::Review(ReviewReason::NearMiss)
        );
        for typo in ["1000200031", "100200030", "10002000300", "0100200030"] {
            assert_eq!(
                judge_claim(&account(typo), Some(&line), MeterHolder::Nobody, 0),
                ClaimDecision::Review(ReviewReason::NearMiss),
                "{typo}"
            );
        }
        for status in ClaimStatus::ALL {
            assert_eq!(ClaimStatus::parse(status.as_str()), Ok(status));
        }
        // What a refusal says never contains the register's number.
        for problem in [ClaimProblem::UnknownMeter, ClaimProblem::AccountMismatch] {
            assert!(!problem.message().contains("1000200030"));
        }
    }

    #[test]
    fn one_edit_apart_is_exactly_one_typo() {
        for (a, b, expected) in [
            ("123456", "123456", false),
            ("123456", "123457", true),
            ("123456", "213456", true),
            ("123456", "12345", true),
            ("123456", "1234567", true),
            ("123456", "123465", true),
            ("123456", "654321", false),
            ("123456", "12346", true),
            ("123456", "1234", false),
            ("123456", "124356", true),
            ("123456", "133457", false),
        ] {
            assert_eq!(one_edit_apart(a, b), expected, "{a} {b}");
            assert_eq!(one_edit_apart(b, a), expected, "{b} {a}");
        }
    }

    proptest! {
        #[test]
        fn a_changed_digit_is_always_a_near_miss_and_never_a_link(
            digits in "[0-9]{6,20}",
            at in any::<prop::sample::Index>(),
            replacement in 0u8..10,
        ) {
            let line = entry(&digits);
            let mut typo = digits.clone().into_bytes();
            let i = at.index(typo.len());
            let replacement = b'0' + replacement;
            prop_assume!(typo[i] != replacement);
            typo[i] = replacement;
            let typo = String::from_utf8(typo).unwrap();
            let decision = judge_claim(&account(&typo), Some(&line), MeterHolder::Nobody, 0);
            prop_assert_eq!(decision, ClaimDecision::Review(ReviewReason::NearMiss));
        }

        #[test]
        fn only_the_registers_own_number_links(
            registered in "[0-9]{6,12}",
            typed in "[0-9]{6,12}",
            failures in 0u32..10,
        ) {
            let line = entry(&registered);
            let decision = judge_claim(&account(&typed), Some(&line), MeterHolder::Nobody, failures);
            prop_assert_eq!(decision == ClaimDecision::Link, typed == registered);
        }
    }
}
