//! Today's date, for a page's "made on" line and a timeline's "days
//! left": from `SOURCE_DATE_EPOCH` when it is set (so that a build can be
//! reproduced, as reproducible-builds.org specifies), else from the clock.
//! Dates are proleptic Gregorian, in UTC.

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// The day `days` days after 1970-01-01 (negative: before).
    pub fn from_unix_days(days: i64) -> Day {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Day { year, month, day }
    }

    /// Days since 1970-01-01.
    pub fn unix_days(self) -> i64 {
        let year = self.year - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let month = i64::from(self.month);
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i64::from(self.day)
            - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Reads `YYYY-MM-DD` (a real calendar day).
    pub fn parse(text: &str) -> Option<Day> {
        let mut parts = text.splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let day = Day {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        // A day that does not exist comes back as another.
        (Day::from_unix_days(day.unix_days()) == day && (1..=12).contains(&day.month))
            .then_some(day)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Today, in UTC: `SOURCE_DATE_EPOCH`'s day when it is set to a number of
/// seconds, else the clock's.
pub fn today() -> Day {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    Day::from_unix_days(seconds.div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_dates_agree() {
        assert_eq!(Day::from_unix_days(0).to_string(), "1970-01-01");
        let day = Day::parse("2026-12-04").unwrap();
        assert_eq!(Day::from_unix_days(day.unix_days()), day);
        assert_eq!(
            Day::parse("2026-12-31").unwrap().unix_days() - day.unix_days(),
            27
        );
        assert_eq!(Day::parse("2026-02-30"), None);
        assert_eq!(
            Day::parse("2028-02-29").map(|d| d.to_string()).as_deref(),
            Some("2028-02-29")
        );
        for n in [-800_000, -1, 0, 59, 10_957, 20_000, 2_000_000] {
            assert_eq!(Day::from_unix_days(n).unix_days(), n);
        }
    }
}
