//! Figures and facts in the interface's words: percentages, a number
//! against its standard, ranges, times, what an answer earns. The core
//! (`score`, `visit`) hands facts; the sentences are made here. Nothing here
//! reads the screen's state.

use crate::score::{self, Earns, Exceeding, Most, Said};
use crate::tr;

/// `87.5%`, or in Russian `87,5%`: a percentage as the interface writes it.
pub(super) fn percent_text(percent: Option<f64>) -> String {
    crate::i18n::local_decimals(&score::percent_text(percent))
}

/// A number answer against its standard, with the interface's decimal sign.
pub(crate) fn against_standard(
    value: f64,
    unit: Option<&str>,
    standard: &crate::checklist::Standard,
) -> String {
    crate::i18n::local_decimals(&score::against_standard(value, unit, standard))
}

/// `42 min`, `1 h 05 min`, `2 d 03 h`: time since the visit started.
pub(crate) fn elapsed_text(seconds: i64) -> String {
    let minutes = seconds.max(0) / 60;
    let (days, hours, minutes) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    if days > 0 {
        tr!(
            "tui-elapsed-days",
            days = days,
            hours = format!("{hours:02}")
        )
    } else if hours > 0 {
        tr!(
            "tui-elapsed-hours",
            hours = hours,
            minutes = format!("{minutes:02}")
        )
    } else {
        tr!("tui-elapsed-minutes", minutes = minutes)
    }
}

/// `0:42`, `12:05`, `1:02:03`: seconds as a stopwatch shows them.
pub(crate) fn clock(seconds: f64) -> String {
    let whole = seconds.max(0.0) as u64;
    let (h, m, s) = (whole / 3600, whole / 60 % 60, whole % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// "0–300 seconds", "at least 0", "at most 10": the values a number item
/// accepts.
pub(crate) fn range_text(min: Option<f64>, max: Option<f64>, unit: Option<&str>) -> String {
    let unit = unit.map(|u| format!(" {u}")).unwrap_or_default();
    match (min, max) {
        (Some(lo), Some(hi)) => format!("{lo}–{hi}{unit}"),
        (Some(lo), None) => tr!("tui-range-at-least", value = format!("{lo}{unit}")),
        (None, Some(hi)) => tr!("tui-range-at-most", value = format!("{hi}{unit}")),
        (None, None) => format!("{}{unit}", tr!("tui-range-any")),
    }
}

/// `▲ 4 exceeded`: the count shown beside a score.
pub(super) fn exceeded_text(count: usize) -> String {
    tr!("tui-exceeded", count = count)
}

/// What an item earns, in one sentence for the detail pane: "Standard met —
/// 2 of 2 points, weight 2; exceeding would count as ▲".
pub(super) fn earns_text(earns: &Earns<'_>) -> String {
    // "2 points, weight 2": the most the item can earn.
    let most_text = |most: &Most| {
        if most.weight == 1.0 {
            tr!("tui-earns-points", points = most.points)
        } else {
            tr!(
                "tui-earns-points-weight",
                points = most.points,
                weight = most.weight
            )
        }
    };
    match earns {
        Earns::Unscored => tr!("tui-earns-unscored"),
        Earns::UpTo(most) => tr!("tui-earns-up-to", most = most_text(most)),
        Earns::Na => tr!("tui-earns-na"),
        Earns::Answered {
            said,
            points,
            most,
            exceeding,
            fails_visit,
        } => {
            let said = match said {
                Said::Option(label) => (*label).to_owned(),
                Said::Number {
                    value,
                    unit,
                    standard,
                } => score::against_standard(*value, *unit, standard),
            };
            let of = tr!("tui-earns-of", points = *points, most = most_text(most));
            let hint = match exceeding {
                Exceeding::Counted => tr!("tui-earns-counted-exceeded"),
                Exceeding::Could => tr!("tui-earns-could-exceed"),
                Exceeding::No => String::new(),
            };
            let critical = if *fails_visit {
                tr!("tui-earns-critical")
            } else {
                String::new()
            };
            format!("{said} — {of}{hint}{critical}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::tests::{COMMENT, NAME, SECURE, TEMP, WAIT, answer, choose, visit};
    use crate::visit::{Answer, ItemRef};

    /// What an answer earns, in the detail pane's words.
    #[test]
    fn the_detail_pane_says_what_an_answer_earns() {
        let mut v = visit();
        let at = |item| ItemRef { checklist: 0, item };
        assert_eq!(
            earns_text(&score::earns(&v, at(NAME)).unwrap()),
            "Scored: up to 2 points, weight 2"
        );
        choose(&mut v, NAME, "met");
        assert_eq!(
            earns_text(&score::earns(&v, at(NAME)).unwrap()),
            "Standard met — 2 of 2 points, weight 2; exceeding would count as ▲"
        );
        choose(&mut v, NAME, "exceeded");
        assert_eq!(
            earns_text(&score::earns(&v, at(NAME)).unwrap()),
            "Exceeded expectations — 2 of 2 points, weight 2; counted as ▲ exceeded"
        );
        answer(&mut v, WAIT, Answer::Number(7.0));
        assert_eq!(
            earns_text(&score::earns(&v, at(WAIT)).unwrap()),
            "7 min ✗ ≤ 5 — 0 of 2 points, weight 2; critical: this fails the visit"
        );
        answer(&mut v, TEMP, Answer::Number(21.5));
        assert_eq!(
            earns_text(&score::earns(&v, at(TEMP)).unwrap()),
            "21.5 °C ✓ 20–24 — 1 of 1 point"
        );
        answer(&mut v, SECURE, Answer::Na);
        assert_eq!(
            earns_text(&score::earns(&v, at(SECURE)).unwrap()),
            "N/A: counts in neither points nor maximum"
        );
        assert_eq!(
            earns_text(&score::earns(&v, at(COMMENT)).unwrap()),
            "Not scored: recorded for the review"
        );
    }

    #[test]
    fn elapsed_time_reads_in_minutes_hours_and_days() {
        assert_eq!(elapsed_text(59), "0 min");
        assert_eq!(elapsed_text(42 * 60), "42 min");
        assert_eq!(elapsed_text(65 * 60), "1 h 05 min");
        assert_eq!(elapsed_text((2 * 1440 + 3 * 60 + 7) * 60), "2 d 03 h");
        assert_eq!(elapsed_text(-5), "0 min");
    }
}
