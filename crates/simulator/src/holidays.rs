//! Cyprus public holidays, which the simulator treats like Sundays.

use chrono::{Days, NaiveDate};

/// The public holidays of the Republic of Cyprus in `year`, sorted: the fixed national and
/// religious days plus the moveable feasts of the Orthodox Easter cycle (Green Monday, Good
/// Friday, Easter Monday and Tuesday, Kataklysmos). Christmas Eve, a holiday of the public
/// service only, is left out. Empty for years outside 1900–2099, where the Julian-to-Gregorian
/// shift used for Orthodox Easter differs.
///
/// Households use power on these days as on a Sunday, so a realistic demo dataset needs them.
pub fn cyprus_public_holidays(year: i32) -> Vec<NaiveDate> {
    let Some(easter) = orthodox_easter(year) else {
        return Vec::new();
    };
    let fixed = [
        (1, 1),   // New Year's Day
        (1, 6),   // Epiphany
        (3, 25),  // Greek Independence Day
        (4, 1),   // Cyprus National Day
        (5, 1),   // Labour Day
        (8, 15),  // Dormition of the Theotokos
        (10, 1),  // Cyprus Independence Day
        (10, 28), // Ochi Day
        (12, 25), // Christmas Day
        (12, 26), // Day after Christmas
    ];
    let mut days: Vec<NaiveDate> = fixed
        .iter()
        .filter_map(|&(month, day)| NaiveDate::from_ymd_opt(year, month, day))
        .collect();
    let moveable = [
        -48, // Green Monday (Clean Monday)
        -2,  // Good Friday
        1,   // Easter Monday
        2,   // Easter Tuesday
        50,  // Kataklysmos (Pentecost Monday)
    ];
    days.extend(moveable.iter().filter_map(|&offset: &i64| {
        if offset < 0 {
            easter.checked_sub_days(Days::new(offset.unsigned_abs()))
        } else {
            easter.checked_add_days(Days::new(offset.unsigned_abs()))
        }
    }));
    days.sort_unstable();
    days.dedup();
    days
}

/// Orthodox Easter Sunday (Gregorian date) by Meeus' Julian algorithm, for 1900–2099.
pub(crate) fn orthodox_easter(year: i32) -> Option<NaiveDate> {
    if !(1900..=2099).contains(&year) {
        return None;
    }
    let a = year % 4;
    let b = year % 7;
    let c = year % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    let julian =
        NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)?;
    // Between 1900 and 2099 the Julian calendar runs 13 days behind the Gregorian one.
    julian.checked_add_days(Days::new(13))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn orthodox_easter_matches_known_dates() {
        assert_eq!(orthodox_easter(2023), Some(date(2023, 4, 16)));
        assert_eq!(orthodox_easter(2024), Some(date(2024, 5, 5)));
        assert_eq!(orthodox_easter(2025), Some(date(2025, 4, 20)));
        assert_eq!(orthodox_easter(2026), Some(date(2026, 4, 12)));
        assert_eq!(orthodox_easter(2027), Some(date(2027, 5, 2)));
        assert_eq!(orthodox_easter(1850), None);
    }

    #[test]
    fn cyprus_holidays_of_2025() {
        let days = cyprus_public_holidays(2025);
        assert_eq!(days.len(), 15);
        for expected in [
            date(2025, 1, 1),
            date(2025, 3, 3),  // Green Monday
            date(2025, 4, 18), // Good Friday
            date(2025, 4, 21), // Easter Monday
            date(2025, 4, 22), // Easter Tuesday
            date(2025, 6, 9),  // Kataklysmos
            date(2025, 10, 1),
            date(2025, 12, 26),
        ] {
            assert!(days.contains(&expected), "{expected} missing");
        }
        assert!(days.is_sorted());
    }

    #[test]
    fn no_holidays_outside_the_supported_years() {
        assert!(cyprus_public_holidays(2150).is_empty());
    }
}
