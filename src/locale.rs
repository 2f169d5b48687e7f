//! What the environment says about language and characters: the interface
//! language (`--lang`, then `language` in config.toml, then the locale) and
//! whether the terminal's locale is UTF-8. It reads the environment, so it
//! is the shell's; the language itself ([`Lang`]) is the core's, in `i18n`.

pub use crate::i18n::Lang;

/// The interface language: `flag` (`--lang`), else `configured` (config.toml),
/// else the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set, else English.
pub fn interface_language(flag: Option<Lang>, configured: Option<&str>) -> Lang {
    flag.or_else(|| configured.and_then(Lang::parse))
        .or_else(|| locale_var(&["LC_ALL", "LC_MESSAGES", "LANG"]).and_then(|v| Lang::parse(&v)))
        .unwrap_or(Lang::En)
}

/// Whether the locale that decides the character set (`LC_ALL`, `LC_CTYPE`,
/// `LANG`, the first that is set) is UTF-8. None set is the C locale: ASCII.
pub fn utf8() -> bool {
    locale_var(&["LC_ALL", "LC_CTYPE", "LANG"]).is_some_and(|value| names_utf8(&value))
}

/// Whether a locale name such as `ru_RU.UTF-8` or `C.utf8` is UTF-8.
pub fn names_utf8(locale: &str) -> bool {
    let lower = locale.to_ascii_lowercase();
    lower.contains("utf-8") || lower.contains("utf8")
}

/// The first of `names` set to something non-empty, as POSIX reads them.
fn locale_var(names: &[&str]) -> Option<String> {
    names
        .iter()
        .filter_map(|n| std::env::var(n).ok())
        .find(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_give_a_language_and_a_character_set() {
        assert_eq!(Lang::parse("ru_RU.UTF-8"), Some(Lang::Ru));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("C.UTF-8"), None);
        assert!(names_utf8("ru_RU.UTF-8") && names_utf8("C.utf8"));
        assert!(!names_utf8("C") && !names_utf8("ru_RU.KOI8-R"));
    }

    #[test]
    fn the_flag_wins_over_the_config_and_the_config_over_the_locale() {
        assert_eq!(interface_language(Some(Lang::En), Some("ru")), Lang::En);
        assert_eq!(interface_language(None, Some("ru")), Lang::Ru);
    }
}
