//! The JSON reader: finds the fields of the table and hands each row to the
//! [`Builder`] while serde_json reads, so every error carries the
//! `line:column` where the reader stood.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::builder::{Builder, Place, RawRow, Unfinished, check_date, check_text, positive_amount};
use super::text::check_chars;
use super::{Dataset, Edition, Fund, Rounding, SCHEMA_VERSION};
use crate::error::{Error, Result};
use crate::source::Limits;

/// [`SCHEMA_VERSION`] as JSON reads numbers.
const SCHEMA_VERSION_U64: u64 = SCHEMA_VERSION as u64;
const OUTPUT_VERSION_U64: u64 = super::OUTPUT_VERSION as u64;

/// Validates the text of a JSON table; `origin` names it in errors.
pub fn parse(origin: &str, bytes: &[u8]) -> Result<Dataset> {
    parse_with(origin, bytes, None, Limits::default())
}

/// [`parse`], with a rounding rule for rows without their own bounds
/// (`--rounding`, which takes the place of the table's own `rounding`).
pub fn parse_with(
    origin: &str,
    bytes: &[u8],
    rounding: Option<Rounding>,
    limits: Limits,
) -> Result<Dataset> {
    crate::source::check_encoding(origin, bytes)?;
    let bytes = crate::source::strip_bom(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::data(
            origin,
            Some(position_of(bytes, e.valid_up_to())),
            "not valid UTF-8 (the table must be UTF-8 JSON)",
        )
    })?;
    if text.trim().is_empty() {
        return Err(Error::data(
            origin,
            None,
            "empty input: expected a JSON table (see `safe schema` for the format)",
        ));
    }
    // One row an object at most (a long name is one row).
    let objects = bytes.iter().filter(|&&b| b == b'{').count();
    let mut builder = Builder::new(Place::Index, objects.min(bytes.len() / 32)).limited(limits);
    let table = read(text, &mut builder, None).map_err(|e| json_error(origin, &e))?;
    let version_ok = matches!(table.schema_version.as_u64(), Some(1..=SCHEMA_VERSION_U64));
    if !version_ok {
        return Err(Error::data(
            origin,
            None,
            format!(
                "unsupported schema_version {}: this safe reads versions 1 to {SCHEMA_VERSION}",
                table.schema_version
            ),
        ));
    }
    builder
        .finish(
            origin,
            table.fund,
            table.edition,
            rounding.or(table.rounding),
        )
        .map_err(|e| match e {
            // Read the text again, stopping at the row, so that the error
            // carries the row's line and column like every other.
            Unfinished::Row { index, message, .. } => {
                let mut again = Builder::new(Place::Index, 0).limited(limits);
                match read(text, &mut again, Some((index, &message))) {
                    Err(e) => json_error(origin, &e),
                    Ok(_) => Error::data(origin, None, message),
                }
            }
            Unfinished::Table(e) => e,
        })
}

/// The parts of a table besides its rows (given as `[]`): its fund,
/// edition and rounding, checked as [`parse_with`] checks them; `None` on
/// any fault (the full reader then says what it is).
pub(crate) fn parts(text: &str) -> Option<(Fund, Option<Edition>, Option<Rounding>)> {
    let mut builder = Builder::new(Place::Index, 0);
    let table = read(text, &mut builder, None).ok()?;
    matches!(table.schema_version.as_u64(), Some(1..=SCHEMA_VERSION_U64)).then_some((
        table.fund,
        table.edition,
        table.rounding,
    ))
}

/// Reads the table, feeding rows to `builder`; with `stop`, fails with its
/// message once row `stop.0` is read.
fn read(
    text: &str,
    builder: &mut Builder,
    stop: Option<(usize, &str)>,
) -> serde_json::Result<Table> {
    let mut de = serde_json::Deserializer::from_str(text);
    let table = TableSeed { builder, stop }.deserialize(&mut de)?;
    de.end()?;
    Ok(table)
}

/// The parts of the table besides the rows, which go to the builder.
struct Table {
    schema_version: serde_json::Value,
    fund: Fund,
    edition: Option<Edition>,
    rounding: Option<Rounding>,
}

struct TableSeed<'b> {
    builder: &'b mut Builder,
    stop: Option<(usize, &'b str)>,
}

impl<'de> DeserializeSeed<'de> for TableSeed<'_> {
    type Value = Table;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Table, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TableSeed<'_> {
    type Value = Table;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object holding an allocation table")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Table, A::Error> {
        const FIELDS: &[&str] = &[
            "schema_version",
            "fund",
            "edition",
            "rounding",
            "allocations",
        ];
        let mut schema_version = None;
        let mut fund = None;
        let mut edition = None;
        let mut rounding: Option<Rounding> = None;
        let mut rows = false;
        // A `safe table --json` document reads back: its fund and edition
        // in `table`, its derived figures recomputed from the rows.
        let mut command: Option<String> = None;
        let mut top: Option<Option<u64>> = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let repeated = match key.as_ref() {
                "command" => {
                    let name: String = map.next_value()?;
                    if name != "table" {
                        return Err(de::Error::custom(format!(
                            "this is the output of `safe {name} --json`, not a table: \
                             `safe table --json` writes a table that reads back"
                        )));
                    }
                    command.replace(name).is_some()
                }
                "table" => {
                    let info = map.next_value::<ObjectOnly<RawSubject>>()?.0;
                    let fund_now = info.fund.0.check()?;
                    let edition_now = info.edition.map(|e| e.0);
                    fund.replace(fund_now).is_some() | edition.replace(edition_now).is_some()
                }
                "top" => top.replace(map.next_value()?).is_some(),
                // Worked out again from the rows.
                "sort" | "allocated" | "allocated_min" | "allocated_max" | "member_count"
                | "shown"
                    if command.is_some() =>
                {
                    map.next_value::<IgnoredAny>()?;
                    false
                }
                "schema_version" => schema_version.replace(map.next_value()?).is_some(),
                "fund" => fund
                    .replace(map.next_value::<ObjectOnly<RawFund>>()?.0.check()?)
                    .is_some(),
                "edition" => edition
                    .replace(
                        map.next_value::<Option<ObjectOnly<RawEdition>>>()?
                            .map(|e| e.0),
                    )
                    .is_some(),
                "rounding" => {
                    let text: String = map.next_value()?;
                    let rule = Rounding::parse(&text)
                        .map_err(|e| de::Error::custom(format!("rounding: {e}")))?;
                    rounding.replace(rule).is_some()
                }
                "allocations" => {
                    map.next_value_seed(RowsSeed {
                        builder: &mut *self.builder,
                        stop: self.stop,
                    })?;
                    std::mem::replace(&mut rows, true)
                }
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            };
            if repeated {
                return Err(de::Error::custom(format!("duplicate field `{key}`")));
            }
        }
        if let Some(Some(n)) = top {
            return Err(de::Error::custom(format!(
                "this document lists only the first {n} members (`safe table --top {n} --json`): \
                 export the whole table to read it back"
            )));
        }
        let schema_version = match (schema_version, &command) {
            // The output's own version: this build reads what it writes,
            // and the versions before it with the same rows.
            (Some(v), Some(_)) => {
                let output_ok =
                    matches!(serde_json::Value::as_u64(&v), Some(3..=OUTPUT_VERSION_U64));
                if !output_ok {
                    return Err(de::Error::custom(format!(
                        "unsupported output schema_version {v}: this safe reads the output of \
                         versions 3 to {OUTPUT_VERSION_U64}"
                    )));
                }
                serde_json::Value::from(1)
            }
            (v, _) => v.ok_or_else(|| de::Error::missing_field("schema_version"))?,
        };
        let fund = fund.ok_or_else(|| de::Error::missing_field("fund"))?;
        if !rows {
            return Err(de::Error::missing_field("allocations"));
        }
        let edition = match edition.flatten() {
            Some(e) => Some(e.check()?),
            None => None,
        };
        Ok(Table {
            schema_version,
            fund,
            edition,
            rounding,
        })
    }
}

/// The `table` object of an output document: the fund and the edition (the
/// rest is said again by the rows).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSubject<'a> {
    #[serde(rename = "origin")]
    _origin: IgnoredAny,
    #[serde(borrow)]
    fund: ObjectOnly<RawFund<'a>>,
    #[serde(default)]
    edition: Option<ObjectOnly<RawEdition>>,
    #[serde(rename = "member_count")]
    _member_count: IgnoredAny,
    #[serde(rename = "confirmed")]
    _confirmed: IgnoredAny,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFund<'a> {
    name: String,
    #[serde(default)]
    legal_basis: Option<String>,
    currency: String,
    #[serde(borrow)]
    ceiling: &'a RawValue,
}

impl RawFund<'_> {
    fn check<E: de::Error>(self) -> Result<Fund, E> {
        if self.currency != "EUR" {
            return Err(E::custom(format!(
                "fund currency must be \"EUR\", got {:?}",
                self.currency
            )));
        }
        check_chars(&self.name, || "fund name".to_string()).map_err(E::custom)?;
        let name = self.name.trim().to_string();
        check_text(&name, || "fund name".to_string()).map_err(E::custom)?;
        let legal_basis = optional_text(self.legal_basis, "fund legal_basis")?;
        let ceiling = number_text(self.ceiling, || "fund ceiling".to_string())
            .and_then(|t| positive_amount(&t, || "fund ceiling".to_string()))
            .map_err(E::custom)?;
        Ok(Fund {
            name,
            legal_basis,
            currency: self.currency,
            ceiling,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdition {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    status: String,
    as_of: String,
    source: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

impl RawEdition {
    fn check<E: de::Error>(self) -> Result<Edition, E> {
        let text = |value: String, what: &str| {
            check_chars(&value, || format!("edition {what}")).map_err(E::custom)?;
            let value = value.trim().to_string();
            check_text(&value, || format!("edition {what}"))
                .map(|()| value)
                .map_err(E::custom)
        };
        let id = match self.id {
            Some(id) => {
                let id = text(id, "id")?;
                if !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    return Err(E::custom(format!(
                        "edition id {id:?} may only hold lower-case letters, digits and '-'"
                    )));
                }
                Some(id)
            }
            None => None,
        };
        let as_of = text(self.as_of, "as_of")?;
        check_date(&as_of).map_err(|e| E::custom(format!("edition as_of {e}")))?;
        Ok(Edition {
            id,
            title: optional_text(self.title, "edition title")?,
            status: text(self.status, "status")?,
            as_of,
            source: text(self.source, "source")?,
            url: match optional_text(self.url, "edition url")? {
                Some(url) => {
                    super::builder::check_url(&url)
                        .map_err(|e| E::custom(format!("edition url {e}")))?;
                    Some(url)
                }
                None => None,
            },
            note: optional_text(self.note, "edition note")?,
        })
    }
}

fn optional_text<E: de::Error>(value: Option<String>, what: &str) -> Result<Option<String>, E> {
    match value {
        None => Ok(None),
        Some(v) => {
            check_chars(&v, || what.to_string()).map_err(E::custom)?;
            let v = v.trim().to_string();
            check_text(&v, || what.to_string()).map_err(E::custom)?;
            Ok(Some(v))
        }
    }
}

/// The rows, fed to the builder one by one.
struct RowsSeed<'b> {
    builder: &'b mut Builder,
    stop: Option<(usize, &'b str)>,
}

impl<'de> DeserializeSeed<'de> for RowsSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of allocations")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(RowObject(raw)) = seq.next_element::<RowObject<'de>>()? {
            if let Some((at, message)) = self.stop {
                if index == at {
                    return Err(de::Error::custom(message));
                }
                index += 1;
                continue;
            }
            let code = raw.code.as_ref();
            let amount = number_text(raw.amount, || {
                format!(
                    "amount of {} ({})",
                    code_for_message(code),
                    super::builder::quote(raw.name.trim()).trim_matches('"')
                )
            })
            .map_err(de::Error::custom)?;
            let optional_number = |value: Option<&'de RawValue>, what: &str| match value {
                Some(v) => number_text(v, || format!("{what} of {}", code_for_message(code)))
                    .map(Some)
                    .map_err(de::Error::custom),
                None => Ok(None),
            };
            let prefinancing = optional_number(raw.prefinancing, "prefinancing")?;
            let min = optional_number(raw.min, "min")?;
            let max = optional_number(raw.max, "max")?;
            let row = RawRow {
                code,
                name: raw.name.as_ref(),
                amount: &amount,
                basis: raw.basis.as_deref(),
                decided: raw.decided.as_deref(),
                source: raw.source.as_deref(),
                prefinancing: prefinancing.as_deref(),
                note: raw.note.as_deref(),
                min: min.as_deref(),
                max: max.as_deref(),
                url: raw.url.as_deref(),
            };
            self.builder.push(row, 0).map_err(de::Error::custom)?;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // An object where the array should be: say so, not "invalid type".
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Err(de::Error::invalid_type(de::Unexpected::Map, &self))
    }
}

fn code_for_message(code: &str) -> String {
    super::builder::validate_code(code)
        .map(|c| c.to_string())
        .unwrap_or_else(|_| super::builder::quote(code))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllocation<'a> {
    #[serde(borrow)]
    code: Cow<'a, str>,
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(borrow)]
    amount: &'a RawValue,
    #[serde(borrow, default)]
    basis: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    decided: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    source: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    prefinancing: Option<&'a RawValue>,
    #[serde(borrow, default)]
    note: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    url: Option<Cow<'a, str>>,
    /// `amount_min`, `amount_max`: the bounds as `safe table --json`
    /// writes them.
    #[serde(borrow, default, alias = "amount_min")]
    min: Option<&'a RawValue>,
    #[serde(borrow, default, alias = "amount_max")]
    max: Option<&'a RawValue>,
}

/// Reads `T` only from a JSON object. serde's derived `Deserialize` also
/// takes an array of field values; a table in that shape is a mistake, not
/// an alternative syntax, so it is refused.
struct ObjectOnly<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(std::marker::PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = T;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }

        deserializer
            .deserialize_map(ObjectVisitor(std::marker::PhantomData))
            .map(ObjectOnly)
    }
}

/// A row read only from a JSON object: serde's derived `Deserialize` also
/// takes an array of field values (`["PL", "Poland", 1]`); a table in that
/// shape is a mistake, not an alternative syntax, so it is refused.
struct RowObject<'a>(RawAllocation<'a>);

impl<'de> Deserialize<'de> for RowObject<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;

        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = RowObject<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object {code, name, amount}")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                RawAllocation::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RowObject)
            }
        }

        deserializer.deserialize_map(ObjectVisitor)
    }
}

/// The text of a number given as a JSON number or as a string holding one.
fn number_text(value: &RawValue, what: impl Fn() -> String) -> Result<Cow<'_, str>, String> {
    let raw = value.get();
    match raw.as_bytes().first() {
        Some(b'"') if !raw.contains('\\') => Ok(Cow::Borrowed(&raw[1..raw.len() - 1])),
        Some(b'"') => serde_json::from_str::<String>(raw)
            .map(Cow::Owned)
            .map_err(|e| format!("{}: {e}", what())),
        Some(b'-' | b'0'..=b'9') => Ok(Cow::Borrowed(raw)),
        first => {
            let kind = match first {
                Some(b'n') => "null",
                Some(b't' | b'f') => "a boolean",
                Some(b'[') => "an array",
                _ => "an object",
            };
            Err(format!(
                "{} must be a number or a string holding one, got {kind}",
                what()
            ))
        }
    }
}

/// Line and column (1-based, column in characters) of byte `offset`.
fn position_of(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Turns a serde_json error into `origin:line:column: message`.
fn json_error(origin: &str, err: &serde_json::Error) -> Error {
    let text = err.to_string();
    // serde_json appends " at line L column C"; we put the position in front.
    let message = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    let message = if message.starts_with("recursion limit exceeded") {
        "JSON nested too deeply (more than 128 levels)".to_string()
    } else if message.contains("surrogate") || message.contains("hex escape") {
        format!(
            "a \\u escape that is not a character ({message}): a lone UTF-16 surrogate \
             (\\ud800 to \\udfff without its pair) stands for no text"
        )
    } else {
        message.to_string()
    };
    let message = match err.classify() {
        serde_json::error::Category::Eof => {
            format!("unexpected end of input (truncated JSON?): {message}")
        }
        serde_json::error::Category::Syntax => format!("JSON syntax error: {message}"),
        _ => message,
    };
    let position = (err.line() > 0).then(|| (err.line(), err.column().max(1)));
    Error::data(origin, position, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn table(allocations: &str) -> String {
        format!(
            r#"{{"schema_version":1,"fund":{{"name":"T","currency":"EUR","ceiling":"100"}},"allocations":[{allocations}]}}"#
        )
    }

    #[test]
    fn numbers_and_strings_are_read_exactly() {
        let data = parse(
            "t",
            table(r#"{"code":"a","name":"A","amount":0.1},{"code":"b","name":"B","amount":"0.2"}"#)
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(data.allocated, Decimal::from_str("0.3").unwrap());
        assert_eq!(data.allocations[0].code, "A");
    }

    #[test]
    fn errors_carry_line_and_column() {
        let text = "{\"schema_version\":1,\n\"fund\":{\"name\":\"T\",\"currency\":\"EUR\",\"ceiling\":1},\n\"allocations\":[{\"code\":\"A\",\"name\":\"A\",\"amount\":-1}]}";
        let err = parse("f.json", text.as_bytes()).unwrap_err();
        assert!(err.message().starts_with("f.json:3:"), "{}", err.message());
        assert!(
            err.message().contains("amount of A (A) is negative"),
            "{}",
            err.message()
        );
    }

    #[test]
    fn position_counts_characters() {
        assert_eq!(position_of("ab\ncé€x".as_bytes(), 9), (2, 4));
    }
}
