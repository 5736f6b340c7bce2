//! Households: the unit that joins sessions, owns meters and is rewarded.

use chrono_tz::Tz;

use crate::ValidationError;

/// Longest household name, so that it fits a leaderboard row.
pub const HOUSEHOLD_NAME_MAX_CHARS: usize = 60;
/// Longest tariff code; utilities use short codes such as "01" or "08".
pub const TARIFF_CODE_MAX_CHARS: usize = 16;

/// The household's own name for itself ("Flat 4, Makariou Ave").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdName(String);

impl HouseholdName {
    /// Trimmed, 1–60 characters, no control characters.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(ValidationError::new("household name is required"));
        }
        if name.chars().count() > HOUSEHOLD_NAME_MAX_CHARS {
            return Err(ValidationError::new(
                "household name must be at most 60 characters",
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(ValidationError::new(
                "household name must not contain control characters",
            ));
        }
        Ok(Self(name.to_owned()))
    }

    /// The trimmed name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One of the programme's districts; the list is configuration because each utility has its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct District(String);

impl District {
    /// Matches case-insensitively against the configured list and keeps the configured spelling.
    pub fn parse(raw: &str, allowed: &[String]) -> Result<Self, ValidationError> {
        let wanted = raw.trim();
        allowed
            .iter()
            .find(|district| district.eq_ignore_ascii_case(wanted))
            .map(|district| Self(district.clone()))
            .ok_or_else(|| {
                ValidationError::owned(format!("district must be one of: {}", allowed.join(", ")))
            })
    }

    /// The configured spelling.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The tariff the household is billed on, used later to price its consumption in euros. In
/// configuration it is read (and refused) like any other input.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TariffCode(String);

impl TryFrom<String> for TariffCode {
    type Error = ValidationError;

    fn try_from(raw: String) -> Result<Self, ValidationError> {
        Self::parse(&raw)
    }
}

impl Default for TariffCode {
    /// `01`, the Electricity Authority of Cyprus' single-rate domestic tariff.
    fn default() -> Self {
        Self("01".to_owned())
    }
}

impl From<TariffCode> for String {
    fn from(code: TariffCode) -> Self {
        code.0
    }
}

impl TariffCode {
    /// 1–16 characters of letters, digits, `-` or `_`.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let code = raw.trim();
        let shape_ok = !code.is_empty()
            && code.chars().count() <= TARIFF_CODE_MAX_CHARS
            && code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if shape_ok {
            Ok(Self(code.to_owned()))
        } else {
            Err(ValidationError::new(
                "tariff code must be 1-16 letters, digits, '-' or '_'",
            ))
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An IANA time zone, because every day-based rule (like days, night hours) is local. Read from
/// configuration once: an unknown name stops the start with the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeZone(Tz);

impl TryFrom<String> for TimeZone {
    type Error = ValidationError;

    fn try_from(raw: String) -> Result<Self, ValidationError> {
        Self::parse(&raw)
    }
}

impl From<TimeZone> for String {
    fn from(zone: TimeZone) -> Self {
        zone.name().to_owned()
    }
}

impl Default for TimeZone {
    /// The first programme's zone.
    fn default() -> Self {
        Self(chrono_tz::Europe::Nicosia)
    }
}

impl TimeZone {
    /// Accepts IANA names such as `Europe/Nicosia`.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        raw.trim().parse::<Tz>().map(Self).map_err(|_| {
            ValidationError::new("time zone must be an IANA name such as Europe/Nicosia")
        })
    }

    /// The IANA name.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The zone for local-time arithmetic.
    pub fn tz(&self) -> Tz {
        self.0
    }
}

/// How the household heats water: in Cyprus the largest load a home can move, and a solar
/// heater changes what its evenings look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WaterHeater {
    /// An electric immersion heater or boiler.
    Electric,
    /// A solar water heater (with or without electric backup).
    Solar,
    /// Gas or oil.
    Fuel,
    /// None the household knows of.
    None,
}

impl WaterHeater {
    /// Every kind.
    pub const ALL: [Self; 4] = [Self::Electric, Self::Solar, Self::Fuel, Self::None];

    /// The stored and wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Electric => "electric",
            Self::Solar => "solar",
            Self::Fuel => "fuel",
            Self::None => "none",
        }
    }

    /// Reads a stored or sent name.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        crate::parse_named(&Self::ALL, Self::as_str, raw, "water heater")
    }
}

/// What a household may tell about its home, each fact optional and changeable: the Waste
/// Wallet's tips and the baseline's checks can use them, nothing requires them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HomeFacts {
    /// People living there, 1–20.
    pub people: Option<u8>,
    /// How water is heated.
    pub water_heater: Option<WaterHeater>,
    /// Air-conditioning units, 0–20.
    pub air_conditioners: Option<u8>,
    /// Whether an electric vehicle charges there.
    pub electric_vehicle: Option<bool>,
    /// Whether rooftop solar panels feed the home.
    pub rooftop_pv: Option<bool>,
}

impl HomeFacts {
    /// People at home, 1–20.
    pub fn parse_people(raw: i64) -> Result<u8, ValidationError> {
        u8::try_from(raw)
            .ok()
            .filter(|n| (1..=20).contains(n))
            .ok_or(ValidationError::new("people at home must be 1-20"))
    }

    /// Air-conditioning units, 0–20.
    pub fn parse_air_conditioners(raw: i64) -> Result<u8, ValidationError> {
        u8::try_from(raw)
            .ok()
            .filter(|n| *n <= 20)
            .ok_or(ValidationError::new("air-conditioning units must be 0-20"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_facts_are_bounded() {
        assert_eq!(HomeFacts::parse_people(4), Ok(4));
        for bad in [0, 21, -1, 300] {
            assert!(HomeFacts::parse_people(bad).is_err());
        }
        assert_eq!(HomeFacts::parse_air_conditioners(0), Ok(0));
        assert!(HomeFacts::parse_air_conditioners(21).is_err());
        for heater in WaterHeater::ALL {
            assert_eq!(WaterHeater::parse(heater.as_str()), Ok(heater));
        }
        assert!(WaterHeater::parse("nuclear").is_err());
    }

    fn districts() -> Vec<String> {
        ["Nicosia", "Limassol"].map(String::from).to_vec()
    }

    #[test]
    fn district_keeps_configured_spelling() {
        assert_eq!(
            District::parse(" limassol", &districts()).unwrap().as_str(),
            "Limassol"
        );
        let error = District::parse("Athens", &districts()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "district must be one of: Nicosia, Limassol"
        );
    }

    #[test]
    fn tariff_codes() {
        assert_eq!(TariffCode::parse("01").unwrap().as_str(), "01");
        assert!(TariffCode::parse("").is_err());
        assert!(TariffCode::parse("0 1").is_err());
        assert!(TariffCode::parse(&"9".repeat(17)).is_err());
    }

    #[test]
    fn time_zones() {
        assert_eq!(
            TimeZone::parse("Europe/Nicosia").unwrap().name(),
            "Europe/Nicosia"
        );
        assert!(TimeZone::parse("Mars/Olympus").is_err());
    }

    #[test]
    fn household_names() {
        assert!(HouseholdName::parse("  ").is_err());
        assert_eq!(HouseholdName::parse(" Home ").unwrap().as_str(), "Home");
    }
}
