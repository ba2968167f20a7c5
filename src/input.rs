//! Validation errors that name the input they concern, so the UI can show the
//! message next to that field and the CLI can name the link key.

use std::fmt;

/// A user-editable input, named by its key in the scenario link.
///
/// The scenario's field table (`scenario::fields::ALL`) declares every field once, with
/// its key; from each entry it makes the constant `Field::Name` that the form, the
/// messages and the tests use, so a misspelt name does not compile. The handle lives
/// here, in a leaf module, so that `pricing` and `tuning` (below `scenario`) can name
/// the input an error concerns by its key (`Field::new("memory")`) without a module
/// cycle; a test in `scenario::fields` checks every key they name is in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Field(&'static str);

impl Field {
    /// The field with this link key.
    pub const fn new(key: &'static str) -> Field {
        Field(key)
    }

    pub fn key(self) -> &'static str {
        self.0
    }
}

/// Why an input was refused, in words a user understands.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    pub field: Field,
    pub message: String,
}

impl InputError {
    pub fn new(field: Field, message: impl Into<String>) -> Self {
        InputError {
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field.key(), self.message)
    }
}

impl std::error::Error for InputError {}

/// Parses a number typed by a person: surrounding spaces, thousands separators
/// (`3,000,000`, `3_000_000`) and exponents (`3e6`) are fine; NaN and infinities are not.
pub fn parse_number(field: Field, text: &str, what: &str) -> Result<f64, InputError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' '))
        .collect();
    if cleaned.is_empty() {
        return Err(InputError::new(field, format!("enter {what}")));
    }
    // Decimals only: `inf` and `nan` are refused like any other word.
    match crate::decimal::parse(&cleaned) {
        Some(v) if v.is_finite() => Ok(if v == 0.0 { 0.0 } else { v }),
        Some(_) => Err(InputError::new(field, "the number is too large")),
        None => Err(InputError::new(
            field,
            format!("\"{}\" is not a number", clip(text)),
        )),
    }
}

/// Checks `value` lies in `min..=max`, with a message that states the range and unit.
pub fn in_range(
    field: Field,
    value: f64,
    min: f64,
    max: f64,
    unit: &str,
) -> Result<f64, InputError> {
    if value >= min && value <= max {
        Ok(value)
    } else {
        let unit = if unit.is_empty() {
            String::new()
        } else {
            format!(" {unit}")
        };
        Err(InputError::new(
            field,
            format!(
                "must be between {}{unit} and {}{unit}",
                plain(min),
                plain(max)
            ),
        ))
    }
}

/// A whole number in `min..=max`.
pub fn whole_in_range(
    field: Field,
    value: f64,
    min: u32,
    max: u32,
    unit: &str,
) -> Result<u32, InputError> {
    let v = in_range(field, value, min as f64, max as f64, unit)?;
    if v.fract() != 0.0 {
        return Err(InputError::new(
            field,
            format!("must be a whole number of {}", unit.trim()),
        ));
    }
    Ok(v as u32)
}

/// More than zero and at most `max`.
pub fn positive_up_to(field: Field, v: f64, max: f64, unit: &str) -> Result<f64, InputError> {
    if v > 0.0 && v <= max {
        Ok(v)
    } else {
        Err(InputError::new(
            field,
            format!(
                "must be more than 0 {unit} and at most {} {unit}",
                plain(max)
            ),
        ))
    }
}

fn plain(v: f64) -> String {
    crate::money::format_quantity(v, 6)
}

/// Keeps echoed user text short in messages.
fn clip(text: &str) -> String {
    echo(text, 24)
}

/// Longest label kept (pinned scenarios, Power Tuning runs), in characters.
pub const MAX_LABEL_CHARS: usize = 60;

/// A label as typed or read from a link: one line (control characters and
/// bidirectional overrides become spaces), trimmed, at most `MAX_LABEL_CHARS`
/// characters; `None` when blank.
pub fn clean_label(text: &str) -> Option<String> {
    let one_line: String = text
        .chars()
        .map(|c| if is_hidden(c) { ' ' } else { c })
        .collect();
    let t = one_line.trim();
    (!t.is_empty()).then(|| {
        t.chars()
            .take(MAX_LABEL_CHARS)
            .collect::<String>()
            .trim_end()
            .to_string()
    })
}

/// Control characters and bidirectional overrides: they would break a line or
/// reorder the text around them.
fn is_hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// User text quoted in a message or notice: trimmed, at most `max_chars` characters
/// (then `…`), with control characters and bidirectional overrides written as escapes
/// (`\n`, `\u{1b}`) so that a message is one line and shows what was typed.
pub fn echo(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut shown = 0;
    for c in text.trim().chars() {
        let escaped = is_hidden(c);
        let width = if escaped {
            c.escape_default().count()
        } else {
            1
        };
        if shown + width > max_chars {
            out.push('…');
            break;
        }
        shown += width;
        if escaped {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_type_them() {
        let p = |t| parse_number(Field::new("requests"), t, "a number");
        assert_eq!(p(" 3,000,000 ").unwrap(), 3e6);
        assert_eq!(p("3e6").unwrap(), 3e6);
        assert_eq!(p("-0").unwrap().to_bits(), 0f64.to_bits());
        assert_eq!(p("").unwrap_err().message, "enter a number");
        assert!(p("abc").unwrap_err().message.contains("not a number"));
        assert!(p("NaN").is_err());
        assert!(p("inf").is_err());
        assert!(p("1e400").is_err());
        // Echoed text is one short line (regression: `#memory=12%0A8` echoed a newline).
        let e = p("12\n8\u{1b}[2J").unwrap_err();
        assert_eq!(e.message, "\"12\\n8\\u{1b}[2J\" is not a number");
        assert_eq!(echo(&"9".repeat(1000), 5), "99999…");
        // Escapes count: 24 characters of message, not 24 escapes of 8.
        assert_eq!(
            echo(&"\u{202e}".repeat(9), 24),
            format!("{}…", "\\u{202e}".repeat(3))
        );
        assert_eq!(echo(" a\u{202e}b ", 24), "a\\u{202e}b");
    }

    #[test]
    fn ranges_say_the_bounds_and_unit() {
        let e = whole_in_range(Field::new("memory"), 64.0, 128, 10240, "MB").unwrap_err();
        assert_eq!(e.message, "must be between 128 MB and 10,240 MB");
        let e = whole_in_range(Field::new("memory"), 128.5, 128, 10240, "MB").unwrap_err();
        assert_eq!(e.message, "must be a whole number of MB");
        assert_eq!(e.to_string(), "memory: must be a whole number of MB");
    }
}
