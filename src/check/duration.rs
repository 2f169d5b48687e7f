//! Durations written in words, English or Russian: "1 min 28 s", "90
//! seconds", "a minute and a half", «1 мин 28 с», «полторы минуты», «2 с
//! половиной минуты». What `note-contradiction` reads in notes and prompts.
//!
//! A duration after "within", "under", "less than", "up to", «в течение»,
//! «до», «не более», «меньше» is a bound, not a time observed: "greeted in
//! under a minute" states no duration longer than a minute. Times of day
//! ("14:05") and ranges' lower ends ("2–3 minutes" reads as 3 minutes) are
//! not durations. docs/checks.md lists what is read and what is missed.

/// A duration found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Stated {
    /// How long, in seconds.
    pub seconds: f64,
    /// Whether the text gives it as a bound ("within 30 seconds") rather
    /// than as a time observed ("took 90 seconds").
    pub bound: bool,
    /// The words as written ("1 min 28 s").
    pub words: String,
}

/// Every duration in `text`, in the order written.
pub fn durations(text: &str) -> Vec<Stated> {
    let tokens = tokens(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match duration_at(&tokens, i) {
            Some((seconds, end)) => {
                let words = text[tokens[i].start..tokens[end - 1].end].to_owned();
                found.push(Stated {
                    seconds,
                    bound: is_bound(&tokens, i),
                    words,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// The longest duration `text` states as observed (bounds left out).
pub fn longest_observed(text: &str) -> Option<Stated> {
    durations(text)
        .into_iter()
        .filter(|d| !d.bound)
        .max_by(|a, b| a.seconds.total_cmp(&b.seconds))
}

/// The first duration of `text`, bound or not: the standard a prompt such
/// as "Greeted within 30 seconds" or «Ответ в течение 5 минут» sets.
pub fn first(text: &str) -> Option<Stated> {
    durations(text).into_iter().next()
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Number(f64),
    Word(String),
    /// The end of a sentence or a line: nothing joins across it.
    Break,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |n: usize| chars.get(n).map_or(text.len(), |(at, _)| *at);
    let mut n = 0;
    while n < chars.len() {
        let (start, c) = chars[n];
        if c.is_ascii_digit() {
            let mut m = n;
            while m < chars.len() && chars[m].1.is_ascii_digit() {
                m += 1;
            }
            // A decimal point or comma between digits: "1.5", «1,5».
            if m + 1 < chars.len()
                && matches!(chars[m].1, '.' | ',')
                && chars[m + 1].1.is_ascii_digit()
            {
                m += 1;
                while m < chars.len() && chars[m].1.is_ascii_digit() {
                    m += 1;
                }
            }
            let number = text[start..end_of(m)].replace(',', ".");
            if let Ok(value) = number.parse::<f64>() {
                out.push(Token {
                    kind: Kind::Number(value),
                    start,
                    end: end_of(m),
                });
            }
            n = m;
        } else if c.is_alphabetic() {
            let mut m = n;
            while m < chars.len() && chars[m].1.is_alphabetic() {
                m += 1;
            }
            out.push(Token {
                kind: Kind::Word(text[start..end_of(m)].to_lowercase().replace('ё', "е")),
                start,
                end: end_of(m),
            });
            n = m;
        } else {
            if matches!(c, '.' | ';' | '!' | '?' | '\n' | ':' | '(' | ')') {
                out.push(Token {
                    kind: Kind::Break,
                    start,
                    end: end_of(n + 1),
                });
            }
            n += 1;
        }
    }
    out
}

fn word(tokens: &[Token], i: usize) -> Option<&str> {
    match &tokens.get(i)?.kind {
        Kind::Word(w) => Some(w),
        _ => None,
    }
}

/// Seconds in one unit named by `w`.
fn unit(w: &str) -> Option<f64> {
    Some(match w {
        "s" | "sec" | "secs" | "second" | "seconds" | "с" | "сек" | "секунда" | "секунды"
        | "секунд" | "секунду" => 1.0,
        "min" | "mins" | "minute" | "minutes" | "мин" | "минута" | "минуты" | "минут"
        | "минуту" => 60.0,
        "h" | "hr" | "hrs" | "hour" | "hours" | "ч" | "час" | "часа" | "часов" => {
            3600.0
        }
        _ => return None,
    })
}

/// A number written as a word.
fn number_word(w: &str) -> Option<f64> {
    Some(match w {
        "a" | "an" | "one" | "один" | "одна" | "одну" => 1.0,
        "two" | "два" | "две" => 2.0,
        "three" | "три" => 3.0,
        "four" | "четыре" => 4.0,
        "five" | "пять" => 5.0,
        "six" | "шесть" => 6.0,
        "seven" | "семь" => 7.0,
        "eight" | "восемь" => 8.0,
        "nine" | "девять" => 9.0,
        "ten" | "десять" => 10.0,
        "fifteen" | "пятнадцать" => 15.0,
        "twenty" | "двадцать" => 20.0,
        "thirty" | "тридцать" => 30.0,
        "forty" | "сорок" => 40.0,
        "полторы" | "полтора" => 1.5,
        _ => return None,
    })
}

/// "and a half" / «с половиной» at `i`: the index after it.
fn and_a_half(tokens: &[Token], i: usize) -> Option<usize> {
    match (word(tokens, i)?, word(tokens, i + 1), word(tokens, i + 2)) {
        ("and", Some("a"), Some("half")) => Some(i + 3),
        ("с", Some("половиной"), _) => Some(i + 2),
        _ => None,
    }
}

/// A count at `i` ("2", "two", "1.5", "2 and a half", "half a"): its
/// value and the index after it.
fn amount(tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let (value, next) = match &tokens.get(i)?.kind {
        Kind::Number(n) => (*n, i + 1),
        Kind::Word(w) if w == "half" && matches!(word(tokens, i + 1), Some("a" | "an")) => {
            (0.5, i + 2)
        }
        Kind::Word(w) => (number_word(w)?, i + 1),
        Kind::Break => return None,
    };
    match and_a_half(tokens, next) {
        // "2 and a half minutes", but not "2 s and a half": the unit follows.
        Some(after) if word(tokens, after).and_then(unit).is_some() => Some((value + 0.5, after)),
        _ => Some((value, next)),
    }
}

/// One amount and its unit at `i` ("1 min", "полминуты", "минуту"):
/// seconds, the unit's size and the index after it.
fn part(tokens: &[Token], i: usize) -> Option<(f64, f64, usize)> {
    if let Some(w) = word(tokens, i) {
        match w {
            "полминуты" => return Some((30.0, 60.0, i + 1)),
            "полчаса" => return Some((1800.0, 3600.0, i + 1)),
            // «ждали минуту»: a minute without a number.
            "минуту" | "секунду" => {
                let size = unit(w)?;
                return Some((size, size, i + 1));
            }
            _ => {}
        }
    }
    let (value, next) = amount(tokens, i)?;
    let size = unit(word(tokens, next)?)?;
    let mut seconds = value * size;
    let mut end = next + 1;
    // "a minute and a half".
    if let Some(after) = and_a_half(tokens, end) {
        seconds += size / 2.0;
        end = after;
    }
    Some((seconds, size, end))
}

/// A duration starting at `i`, with its parts joined ("1 min 28 s", "1
/// hour and 10 minutes"): seconds and the index after it.
fn duration_at(tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let (mut seconds, mut size, mut end) = part(tokens, i)?;
    loop {
        let next = match word(tokens, end) {
            Some("and" | "и") => end + 1,
            _ => end,
        };
        match part(tokens, next) {
            Some((more, smaller, after)) if smaller < size => {
                seconds += more;
                size = smaller;
                end = after;
            }
            _ => return Some((seconds, end)),
        }
    }
}

/// Whether the duration at `i` follows words that make it a bound.
fn is_bound(tokens: &[Token], i: usize) -> bool {
    let back = |k: usize| i.checked_sub(k).and_then(|at| word(tokens, at));
    matches!(
        (back(1), back(2), back(3)),
        (
            Some(
                "within"
                    | "under"
                    | "below"
                    | "max"
                    | "maximum"
                    | "до"
                    | "течение"
                    | "менее"
                    | "меньше"
                    | "быстрее"
                    | "максимум"
                    | "пределах",
            ),
            _,
            _,
        ) | (
            Some("than" | "чем"),
            Some("less" | "fewer" | "faster" | "quicker" | "sooner"),
            _
        ) | (Some("чем"), Some("меньше" | "менее" | "быстрее"), _)
            | (Some("than"), Some("more"), Some("no" | "not"))
            | (Some("to"), Some("up"), _)
            | (Some("most"), Some("at"), _)
            | (Some("более" | "больше" | "дольше"), Some("не"), _)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seconds(text: &str) -> Vec<f64> {
        durations(text).iter().map(|d| d.seconds).collect()
    }

    fn observed(text: &str) -> Option<f64> {
        longest_observed(text).map(|d| d.seconds)
    }

    #[test]
    fn english_durations_are_read() {
        assert_eq!(seconds("1 min 28 s"), [88.0]);
        assert_eq!(seconds("waited 90 seconds"), [90.0]);
        assert_eq!(seconds("about 2 minutes"), [120.0]);
        assert_eq!(seconds("1 min and 28 sec"), [88.0]);
        assert_eq!(seconds("a minute and a half"), [90.0]);
        assert_eq!(seconds("two and a half minutes"), [150.0]);
        assert_eq!(seconds("half a minute"), [30.0]);
        assert_eq!(seconds("an hour and 10 minutes"), [4200.0]);
        assert_eq!(seconds("1.5 min"), [90.0]);
        assert_eq!(seconds("took 45s"), [45.0]);
    }

    #[test]
    fn russian_durations_are_read() {
        assert_eq!(seconds("1 мин 28 с"), [88.0]);
        assert_eq!(seconds("ждал 90 секунд"), [90.0]);
        assert_eq!(seconds("полторы минуты"), [90.0]);
        assert_eq!(seconds("2 с половиной минуты"), [150.0]);
        assert_eq!(seconds("полминуты"), [30.0]);
        assert_eq!(seconds("ждали минуту у стойки"), [60.0]);
        assert_eq!(seconds("1,5 минуты"), [90.0]);
        assert_eq!(seconds("одна минута и 10 секунд"), [70.0]);
        assert_eq!(seconds("пять минут"), [300.0]);
    }

    #[test]
    fn bounds_are_not_observations() {
        assert_eq!(observed("greeted within 30 seconds"), None);
        assert_eq!(observed("in under a minute"), None);
        assert_eq!(observed("less than 2 minutes"), None);
        assert_eq!(observed("no more than 5 min"), None);
        assert_eq!(observed("в течение 5 минут"), None);
        assert_eq!(observed("не более 2 минут"), None);
        assert_eq!(observed("до 3 минут"), None);
        // More than: the time observed was longer still.
        assert_eq!(observed("more than 2 minutes"), Some(120.0));
        assert_eq!(observed("waited 20 s, then 3 minutes"), Some(180.0));
    }

    #[test]
    fn times_of_day_and_bare_numbers_are_not_durations() {
        assert!(durations("at 14:05 the agent smiled").is_empty());
        assert!(durations("room 305, 2 towels").is_empty());
        assert!(durations("a lot of guests in the lobby").is_empty());
        assert!(durations("в час пик").is_empty());
    }

    #[test]
    fn odd_text_is_read_without_a_panic() {
        for text in [
            "",
            "1,",
            "1.",
            "...",
            "😀 2 мин 😀",
            "e\u{301} 3 s",
            "half",
            "and a half",
            "2 and a",
            "с половиной",
            &"9".repeat(400),
            &format!("{} min", "9".repeat(400)),
        ] {
            let _ = durations(text);
            let _ = longest_observed(text);
        }
        assert_eq!(seconds("😀 2 мин 😀"), [120.0]);
    }

    #[test]
    fn a_prompt_gives_its_standard() {
        let first = |t: &str| first(t).map(|d| d.seconds);
        assert_eq!(first("Greeted within 30 seconds of arrival"), Some(30.0));
        assert_eq!(first("Ответ в течение 5 минут"), Some(300.0));
        assert_eq!(first("Agent used the guest's name"), None);
    }

    #[test]
    fn the_words_are_kept_as_written() {
        let d = longest_observed("Desk: 1 Min 28 S, then keys.").expect("a duration");
        assert_eq!(d.words, "1 Min 28 S");
    }
}
