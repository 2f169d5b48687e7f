//! The toml library's syntax messages ("key with no value, expected `=`")
//! in the interface language, for checklists and records alike: each phrase the catalogs have words for is
//! said in them, and any other stays as toml says it, so English reads
//! exactly as toml wrote it.

use crate::tr;

/// toml's message: its description, then what it expected, phrase by phrase.
pub fn toml_message(message: &str) -> String {
    let Some((problem, expected)) = message.split_once(", expected ") else {
        return phrase(message).unwrap_or_else(|| message.to_owned());
    };
    // toml lists what it expected with ", ", which no phrase of its own holds
    // but one of dates; that one is then said piece by piece, unchanged.
    let expected: Vec<String> = expected
        .split(", ")
        .map(|part| phrase(part).unwrap_or_else(|| part.to_owned()))
        .collect();
    tr!(
        "toml-expected",
        problem = phrase(problem).unwrap_or_else(|| problem.to_owned()),
        expected = expected.join(", ")
    )
}

/// One phrase of toml's in the interface language, if the catalogs have it.
fn phrase(english: &str) -> Option<String> {
    Some(match english {
        "`_` may only go between digits" => tr!("toml-underscore-between-digits"),
        "cannot recurse further; max recursion depth met" => tr!("toml-too-deep"),
        "carriage return must be followed by newline" => tr!("toml-carriage-return"),
        "extra `=`" => tr!("toml-extra-equals"),
        "extra assignment between key-value pairs" => tr!("toml-extra-assignment"),
        "extra comma in array" => tr!("toml-extra-comma-array"),
        "extra comma in inline table" => tr!("toml-extra-comma-inline-table"),
        "integers with a radix cannot be signed" => tr!("toml-signed-radix"),
        "invalid basic string" => tr!("toml-invalid-basic-string"),
        "invalid binary number" => tr!("toml-invalid-binary"),
        "invalid boolean" => tr!("toml-invalid-boolean"),
        "invalid comment character" => tr!("toml-invalid-comment-char"),
        "invalid date-time" => tr!("toml-invalid-date-time"),
        "invalid datetime" => tr!("toml-invalid-datetime"),
        "invalid date" => tr!("toml-invalid-date"),
        "invalid time" => tr!("toml-invalid-time"),
        "invalid offset" => tr!("toml-invalid-offset"),
        "invalid exponent" => tr!("toml-invalid-exponent"),
        "invalid float" => tr!("toml-invalid-float"),
        "invalid fraction" => tr!("toml-invalid-fraction"),
        "invalid hexadecimal number" => tr!("toml-invalid-hex"),
        "invalid inline table element" => tr!("toml-invalid-inline-table-element"),
        "invalid integer number" => tr!("toml-invalid-integer"),
        "invalid key" => tr!("toml-invalid-key"),
        "invalid key-value pair" => tr!("toml-invalid-key-value"),
        "invalid literal string" => tr!("toml-invalid-literal-string"),
        "invalid mantissa" => tr!("toml-invalid-mantissa"),
        "invalid multi-line basic string" => tr!("toml-invalid-multi-line-basic-string"),
        "invalid multi-line literal string" => tr!("toml-invalid-multi-line-literal-string"),
        "invalid octal number" => tr!("toml-invalid-octal"),
        "invalid string" => tr!("toml-invalid-string"),
        "invalid table" => tr!("toml-invalid-table"),
        "invalid unquoted key" => tr!("toml-invalid-unquoted-key"),
        "invalid value" => tr!("toml-invalid-value"),
        "key with no value" => tr!("toml-key-with-no-value"),
        "keys cannot be multi-line basic strings" => tr!("toml-key-multi-line-basic"),
        "keys cannot be multi-line literal strings" => tr!("toml-key-multi-line-literal"),
        "missing array opening" => tr!("toml-missing-array-opening"),
        "missing assignment between key-value pairs" => tr!("toml-missing-assignment"),
        "missing comma between array elements" => tr!("toml-missing-comma-array"),
        "missing comma between key-value pairs" => tr!("toml-missing-comma-pairs"),
        "missing comment start" => tr!("toml-missing-comment-start"),
        "missing escaped value" => tr!("toml-missing-escaped-value"),
        "missing inline table opening" => tr!("toml-missing-inline-table-opening"),
        "missing key for inline table element" => tr!("toml-missing-inline-key"),
        "missing opening quote" => tr!("toml-missing-opening-quote"),
        "missing table open" => tr!("toml-missing-table-open"),
        "missing value for key" => tr!("toml-missing-value-for-key"),
        "missing value" => tr!("toml-missing-value"),
        "radix must be lowercase" => tr!("toml-radix-lowercase"),
        "redundant integer number prefix" => tr!("toml-redundant-prefix"),
        "redundant numeric sign" => tr!("toml-redundant-sign"),
        "string values must be quoted" => tr!("toml-string-unquoted"),
        "too few unicode value digits" => tr!("toml-few-unicode-digits"),
        "unclosed array table" => tr!("toml-unclosed-array-table"),
        "unclosed array" => tr!("toml-unclosed-array"),
        "unclosed inline table" => tr!("toml-unclosed-inline-table"),
        "unclosed table" => tr!("toml-unclosed-table"),
        "unexpected `=` in array" => tr!("toml-equals-in-array"),
        "unexpected content between comment and newline" => tr!("toml-content-after-comment"),
        "unexpected content" => tr!("toml-unexpected-content"),
        "unexpected key or value" => tr!("toml-unexpected-key-or-value"),
        "unexpected leading zero" => tr!("toml-leading-zero"),
        "unexpected sign" => tr!("toml-unexpected-sign"),
        "unquoted keys cannot be empty" => tr!("toml-empty-unquoted-key"),
        "duplicate key" => tr!("toml-duplicate-key"),
        "nothing" => tr!("toml-nothing"),
        "newline" => tr!("toml-newline"),
        "basic string" => tr!("toml-basic-string"),
        "characters" => tr!("toml-characters"),
        "digits" => tr!("toml-digits"),
        "key" => tr!("toml-key"),
        "letters" => tr!("toml-letters"),
        "literal string" => tr!("toml-literal-string"),
        "multi-line basic string" => tr!("toml-multi-line-basic-string"),
        "non-double-quote visible characters" => tr!("toml-non-double-quote-visible"),
        "non-single-quote characters" => tr!("toml-non-single-quote"),
        "non-single-quote visible characters" => tr!("toml-non-single-quote-visible"),
        "numbers" => tr!("toml-numbers"),
        "printable characters" => tr!("toml-printable"),
        "unicode hexadecimal value" => tr!("toml-unicode-hex"),
        "value" => tr!("toml-value"),
        "a four-digit year (YYYY)" => tr!("toml-year-digits"),
        "a two-digit month (MM)" => tr!("toml-month-digits"),
        "a two-digit day (DD)" => tr!("toml-day-digits"),
        "a two-digit hour (HH)" => tr!("toml-hour-digits"),
        "a two-digit minute (MM)" => tr!("toml-minute-digits"),
        "a two-digit second (SS)" => tr!("toml-second-digits"),
        "month between 01 and 12" => tr!("toml-month-range"),
        "hour between 00 and 23" => tr!("toml-hour-range"),
        "hours between 00 and 23" => tr!("toml-hours-range"),
        "minute between 00 and 59" => tr!("toml-minute-range"),
        "minutes between 00 and 59" => tr!("toml-minutes-range"),
        "second between 00 and 60" => tr!("toml-second-range"),
        "`T` between date and time" => tr!("toml-t-between"),
        "`-` (MM-DD)" => tr!("toml-dash-month-day"),
        "`:` (HH:MM)" => tr!("toml-colon-hour-minute"),
        "`-` (YYYY-MM) or `:` (HH:MM)" => tr!("toml-dash-or-colon"),
        "day" => tr!("toml-day"),
        "hour" => tr!("toml-hour"),
        "minute" => tr!("toml-minute"),
        "month" => tr!("toml-month"),
        "second" => tr!("toml-second"),
        "integer number overflowed" => tr!("toml-integer-overflow"),
        "floating-point number overflowed" => tr!("toml-float-overflow"),
        other => {
            if let Some(most) = other.strip_prefix("day between 01 and ") {
                return Some(tr!("toml-day-range", most = most));
            }
            let kind = other
                .strip_prefix("cannot extend value of type ")?
                .strip_suffix(" with a dotted key")?;
            let kind = match kind {
                "string" | "integer" | "float" | "boolean" | "datetime" | "array" | "table" => kind,
                "inline table" => "inline-table",
                _ => return None,
            };
            tr!("toml-dotted", kind = kind)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::toml_message;
    use crate::i18n::{Lang, with_lang};

    #[test]
    fn english_reads_as_toml_wrote_it_and_russian_says_the_phrases_it_knows() {
        for message in [
            "key with no value, expected `=`",
            "unexpected key or value, expected newline, `#`",
            "invalid date, expected `-` (MM-DD)",
            "invalid offset, expected `Z`, +OFFSET, -OFFSET",
            "invalid binary number",
            "something toml may say one day, expected more",
        ] {
            assert_eq!(with_lang(Lang::En, || toml_message(message)), message);
        }
        let ru = |message| with_lang(Lang::Ru, || toml_message(message));
        assert_eq!(
            ru("unexpected key or value, expected newline, `#`"),
            "неожиданный ключ или значение; ожидалось: конец строки, `#`"
        );
        assert_eq!(
            ru("invalid date, expected day between 01 and 29"),
            "неверная дата; ожидалось: день от 01 до 29"
        );
        assert_eq!(ru("invalid octal number"), "неверное восьмеричное число");
        // A phrase without words in the catalogs stays as toml said it.
        assert_eq!(
            ru("something new, expected `=`"),
            "something new; ожидалось: `=`"
        );
    }
}
