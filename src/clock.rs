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

/// A date as precisely as it is known: a day, or only a month (`2026-06`)
/// or a year (`2025`). A month stays a month: it is shown, compared and
/// sorted as one, never given a made-up day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum When {
    Day(Day),
    Month { year: i64, month: u32 },
    Year(i64),
}

impl When {
    /// Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a real day or month).
    pub fn parse(text: &str) -> Option<When> {
        let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
        match text.len() {
            10 => Day::parse(text).map(When::Day),
            7 if digits(&text[..4], 4) && &text[4..5] == "-" && digits(&text[5..], 2) => {
                let month: u32 = text[5..].parse().ok()?;
                (1..=12).contains(&month).then(|| When::Month {
                    year: text[..4].parse().unwrap_or_default(),
                    month,
                })
            }
            4 if digits(text, 4) => text.parse().ok().map(When::Year),
            _ => None,
        }
    }

    /// The first day the date may be.
    pub fn first_day(self) -> Day {
        match self {
            When::Day(day) => day,
            When::Month { year, month } => Day {
                year,
                month,
                day: 1,
            },
            When::Year(year) => Day {
                year,
                month: 1,
                day: 1,
            },
        }
    }

    /// The last day the date may be.
    pub fn last_day(self) -> Day {
        let next_month = |year: i64, month: u32| {
            if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            }
        };
        match self {
            When::Day(day) => day,
            When::Month { year, month } => {
                let (y, m) = next_month(year, month);
                let first = Day {
                    year: y,
                    month: m,
                    day: 1,
                };
                Day::from_unix_days(first.unix_days() - 1)
            }
            When::Year(year) => Day {
                year,
                month: 12,
                day: 31,
            },
        }
    }

    /// How precisely the date is known: `day`, `month` or `year`.
    pub fn precision(self) -> &'static str {
        match self {
            When::Day(_) => "day",
            When::Month { .. } => "month",
            When::Year(_) => "year",
        }
    }

    /// Where `today` stands against the date: before it (the date is
    /// upcoming), within it, or after it.
    pub fn against(self, today: Day) -> std::cmp::Ordering {
        if today < self.first_day() {
            std::cmp::Ordering::Greater
        } else if today > self.last_day() {
            std::cmp::Ordering::Less
        } else {
            std::cmp::Ordering::Equal
        }
    }
}

/// In date order: by the first day the date may be, a less precise date
/// (`2026-05`) before the days within it (`2026-05-08`).
impl Ord for When {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let rank = |w: &When| match w {
            When::Year(_) => 0,
            When::Month { .. } => 1,
            When::Day(_) => 2,
        };
        (self.first_day(), rank(self)).cmp(&(other.first_day(), rank(other)))
    }
}

impl PartialOrd for When {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            When::Day(day) => day.fmt(f),
            When::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            When::Year(year) => write!(f, "{year:04}"),
        }
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

    #[test]
    fn a_month_stays_a_month() {
        let when = |t: &str| When::parse(t).unwrap();
        assert_eq!(when("2026-06").to_string(), "2026-06");
        assert_eq!(when("2025").to_string(), "2025");
        assert_eq!(when("2026-06").last_day().to_string(), "2026-06-30");
        assert_eq!(when("2028-02").last_day().to_string(), "2028-02-29");
        assert_eq!(when("2026-12").last_day().to_string(), "2026-12-31");
        assert_eq!(When::parse("2026-13"), None);
        assert_eq!(When::parse("2026-6"), None);
        assert_eq!(When::parse("26"), None);
        let mut dates = [
            when("2026-05-08"),
            when("2026-05"),
            when("2026"),
            when("2026-04-30"),
        ];
        dates.sort();
        let shown: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["2026", "2026-04-30", "2026-05", "2026-05-08"]);
        let today = Day::parse("2026-06-15").unwrap();
        assert_eq!(when("2026-06").against(today), std::cmp::Ordering::Equal);
        assert_eq!(when("2026-07").against(today), std::cmp::Ordering::Greater);
        assert_eq!(when("2026-05-30").against(today), std::cmp::Ordering::Less);
    }
}
