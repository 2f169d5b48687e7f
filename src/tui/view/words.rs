//! Figures in the interface's words: percentages, a number against its
//! standard, times. Nothing here reads the screen's state.

use crate::score;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elapsed_time_reads_in_minutes_hours_and_days() {
        assert_eq!(elapsed_text(59), "0 min");
        assert_eq!(elapsed_text(42 * 60), "42 min");
        assert_eq!(elapsed_text(65 * 60), "1 h 05 min");
        assert_eq!(elapsed_text((2 * 1440 + 3 * 60 + 7) * 60), "2 d 03 h");
        assert_eq!(elapsed_text(-5), "0 min");
    }
}
