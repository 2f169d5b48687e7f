//! The documents the program writes, in Russian: the Markdown export and
//! the HTML debrief of a visit, and the report as a table, Markdown and
//! HTML. Their headings are Russian, plurals agree with their numbers,
//! touchpoints and tags are named (never shown as ids), dates read as
//! Russian dates, and no English word of the program's own is left: every
//! Latin word of a document must come from the visit or its checklists.
//!
//! The visits are over the bundled Russian hotel checklists, so that their
//! own text is Cyrillic and an English word of the program stands out.

use crate::common;

use std::collections::BTreeSet;

use html5gum::{Token, Tokenizer};
use jiff::ZonedDateTime;
use touchpoint::checklist;
use touchpoint::i18n::{Lang, with_lang};
use touchpoint::record::{self, RecordFile};
use touchpoint::report::{self, Builder, Report};
use touchpoint::tr;
use touchpoint::visit::{Answer, Visit};

/// Sites of the visits, one after another.
const SITES: [&str; 3] = [
    "Гранд-отель «Европа»",
    "Отель «Метрополь»",
    "Гостиница «Волга»",
];

/// 14:00 +03:00 on a day of 2026, `minutes` later.
fn at(month: i8, day: i8, minutes: i64) -> ZonedDateTime {
    jiff::civil::date(2026, month, day)
        .at(14, 0, 0, 0)
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(3)))
        .unwrap()
        .checked_add(jiff::SignedDuration::from_mins(minutes))
        .unwrap()
}

/// Visit `n` (from 0) over the Russian check-in and departure: in March,
/// April or May; one answer exceeded; the door welcome missed with a note
/// on every other visit; a critical failure on every fourth; final.
fn visit(n: usize) -> Visit {
    let checklists: Vec<_> = ["hotel-check-in-ru", "hotel-departure-ru"]
        .iter()
        .map(|id| checklist::bundled_by_id(id).unwrap().unwrap())
        .collect();
    let month = 3 + (n % 3) as i8;
    let day = 1 + (n % 28) as i8;
    let t = |minutes| at(month, day, minutes);
    let mut v = Visit::new(
        SITES[n % SITES.len()],
        "Анна",
        checklists,
        &t(0),
        &format!("{n:04}"),
    );
    let item = |v: &Visit, checklist: &str, item: &str| v.find(checklist, item).unwrap();
    let check_in = "hotel-check-in-ru";
    let departure = "hotel-departure-ru";
    let choose = |v: &mut Visit, checklist: &str, id: &str, answer: Answer, minute: i64| {
        let at = item(v, checklist, id);
        v.set_answer(at, Some(answer), &t(minute)).unwrap();
    };
    let door = if n.is_multiple_of(2) { "missed" } else { "met" };
    choose(
        &mut v,
        check_in,
        "door-welcome",
        Answer::Choice(door.into()),
        5,
    );
    if n.is_multiple_of(2) {
        let door = item(&v, check_in, "door-welcome");
        v.set_note(door, "Дверь никто не открыл.", false, &t(6))
            .unwrap();
    }
    let discreet = if n.is_multiple_of(4) { "no" } else { "yes" };
    choose(
        &mut v,
        check_in,
        "identity-payment-discreet",
        Answer::Choice(discreet.into()),
        2,
    );
    choose(
        &mut v,
        check_in,
        "guest-name-used",
        Answer::Choice("exceeded".into()),
        9,
    );
    choose(&mut v, check_in, "luggage-help", Answer::Na, 3);
    choose(
        &mut v,
        departure,
        "query-staged",
        Answer::Choice("yes".into()),
        110,
    );
    choose(
        &mut v,
        departure,
        "query-ownership",
        Answer::Choice("yes".into()),
        120,
    );
    choose(
        &mut v,
        departure,
        "staff-calm",
        Answer::Choice("no".into()),
        130,
    );
    choose(
        &mut v,
        departure,
        "farewell-warmth",
        Answer::Choice("met".into()),
        140,
    );
    choose(
        &mut v,
        departure,
        "checkout-minutes",
        Answer::Number(4.0),
        150,
    );
    v.set_visit_note("Визит прошёл спокойно.", &t(160)).unwrap();
    v.finalize(&t(200)).unwrap();
    v
}

fn record_of(v: &Visit) -> RecordFile {
    record::parse("visit.toml", &record::to_toml(v)).unwrap()
}

fn report_of(visits: usize) -> (Report, Vec<RecordFile>) {
    let records: Vec<RecordFile> = (0..visits).map(|n| record_of(&visit(n))).collect();
    // These visits answer a few items of a long checklist: counted whatever
    // their coverage (the incomplete rule has tests of its own).
    let mut builder = Builder::new(report::DEFAULT_LINE).min_coverage(0.0);
    for r in &records {
        builder.add(r);
    }
    (builder.finish(), records)
}

fn table(report: &Report) -> String {
    let mut out = Vec::new();
    report::text::write_table(report, &mut out, false).unwrap();
    String::from_utf8(out).unwrap()
}

fn markdown(report: &Report) -> String {
    let mut out = Vec::new();
    report::text::write_markdown(report, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Every run of two or more Latin letters, in lower case.
fn latin_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
        .map(str::to_ascii_lowercase)
        .collect()
}

/// The English words of `output.ftl`: its messages' text, without the
/// variables, the variant keys and the comments.
fn english_words() -> BTreeSet<String> {
    let all = common::ftl::message_text(include_str!("../locales/en/output.ftl"));
    let words = latin_words(&all);
    assert!(words.len() > 150, "{} words", words.len());
    words
}

/// What the visits themselves bring into a document: their ids (visit,
/// checklist, `checklist/item`), shown as they are, and the Latin words of
/// their human text (sites, notes, titles, prompts, labels). Option ids,
/// statuses, sources, touchpoint and tag ids are left out: a document must
/// put those in words.
struct Own {
    ids: Vec<String>,
    words: BTreeSet<String>,
}

fn own_words(records: &[RecordFile]) -> Own {
    fn walk(value: &serde_json::Value, key: &str, text: &mut String, ids: &mut Vec<String>) {
        match value {
            serde_json::Value::String(s) if ["id", "checklist"].contains(&key) => {
                ids.push(s.clone());
            }
            serde_json::Value::String(s)
                if [
                    "site", "auditor", "note", "title", "version", "prompt", "label",
                ]
                .contains(&key) =>
            {
                text.push(' ');
                text.push_str(s);
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    walk(item, key, text, ids);
                }
            }
            serde_json::Value::Object(map) => {
                if let (Some(c), Some(i)) = (map.get("checklist"), map.get("item"))
                    && let (Some(c), Some(i)) = (c.as_str(), i.as_str())
                {
                    ids.push(format!("{c}/{i}"));
                    // A review counts a translation's items under the
                    // original's id (the bundled Russian lists translate
                    // the English ones of the same id without `-ru`).
                    if let Some(original) = c.strip_suffix("-ru") {
                        ids.push(format!("{original}/{i}"));
                    }
                }
                for (k, v) in map {
                    walk(v, k, text, ids);
                }
            }
            _ => {}
        }
    }
    let mut text = String::from("touchpoint");
    let mut ids = Vec::new();
    for r in records {
        // The record as the program rebuilds it, with its checklists.
        let (found, problems) = touchpoint::store::checklists::load_checklists(r);
        assert!(problems.is_empty());
        let (v, _) = record::rebuild(r, found);
        let json: serde_json::Value = serde_json::from_str(&record::to_json(&v)).unwrap();
        walk(&json, "", &mut text, &mut ids);
    }
    // The longest first, so that an id is never cut by one it starts with.
    ids.sort_by_key(|id| std::cmp::Reverse(id.len()));
    ids.dedup();
    Own {
        ids,
        words: latin_words(&text),
    }
}

/// The program's English words left in `text`, once the visits' ids are
/// taken out of it.
fn english_left(text: &str, own: &Own) -> Vec<String> {
    let english = english_words();
    let mut text = text.to_owned();
    for id in &own.ids {
        text = text.replace(id.as_str(), " ");
    }
    latin_words(&text)
        .into_iter()
        .filter(|w| english.contains(w) && !own.words.contains(w))
        .collect()
}

/// What a reader of an HTML page reads: its text and the titles, labels
/// and alternative texts of its elements; not the stylesheet.
fn html_text(html: &str) -> String {
    let (head, rest) = html.split_once("<style>").unwrap();
    let (_, tail) = rest.split_once("</style>").unwrap();
    let mut text = String::new();
    for token in Tokenizer::new(&format!("{head}{tail}")).flatten() {
        match token {
            Token::StartTag(tag) => {
                for (k, v) in &tag.attributes {
                    let k = String::from_utf8_lossy(k);
                    if ["title", "aria-label", "alt"].contains(&k.as_ref()) {
                        text.push(' ');
                        text.push_str(&String::from_utf8_lossy(&v.value));
                    }
                }
            }
            Token::String(s) => text.push_str(&String::from_utf8_lossy(&s.value)),
            _ => {}
        }
    }
    text
}

/// Each id that a document must show by name, as a whole word of a line.
fn raw_ids(text: &str) -> Vec<&'static str> {
    let ids = [
        "check-in",
        "departure",
        "personal-touch",
        "atmosphere",
        "recovery",
        "surprise",
    ];
    ids.into_iter()
        .filter(|id| {
            text.match_indices(id).any(|(i, _)| {
                let before = text[..i].chars().next_back();
                let after = text[i + id.len()..].chars().next();
                let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
                !joined(before) && !joined(after) && !text[..i].ends_with('/')
            })
        })
        .collect()
}

#[test]
fn the_markdown_export_is_russian() {
    let v = visit(0);
    let own = own_words(&[record_of(&v)]);
    let md = with_lang(Lang::Ru, || record::to_markdown(&v));
    for wanted in [
        "# Визит: Гранд-отель «Европа» — 1 марта 2026\n",
        "| Объект | Гранд-отель «Европа» |",
        "| Статус | Завершён 1 марта 2026, 17:20 +03:00 |",
        "| Начало | 1 марта 2026, 14:00 +03:00 |",
        "**ВИЗИТ ПРОВАЛЕН: 1 критический провал.**",
        "## Итоги\n",
        "| Оценка | Процент | Баллы | Сверх ожиданий |",
        "| **Общая оценка** | **",
        " — ПРОВАЛ** |",
        "| Точка контакта: Заселение в отель |",
        "| Точка контакта: Выезд из отеля |",
        "| Тег: Атмосфера |",
        "| Тег: Исправление ошибок |",
        "| Личное участие |",
        "## Заселение в отель\n",
        "## Выезд из отеля\n",
        "Источник: встроенный:hotel-check-in-ru.",
        "▲ превзошли: 1",
        "Н/П",
        "*без ответа*",
        "**КРИТИЧЕСКИЙ ПРОВАЛ**",
        "замечено в 14:05",
        "## Заметка к визиту\n",
        "## Как считается оценка\n",
        "Критические провалы: **1: визит ПРОВАЛЕН**.",
    ] {
        assert!(md.contains(wanted), "no {wanted:?} in\n{md}");
    }
    assert!(md.contains(" из "), "{md}");
    let left = english_left(&md, &own);
    assert!(left.is_empty(), "English words {left:?} in\n{md}");
    assert!(raw_ids(&md).is_empty(), "{:?} in\n{md}", raw_ids(&md));
    // The same check finds the English of an English export.
    let english = with_lang(Lang::En, || record::to_markdown(&v));
    assert!(english_left(&english, &own).len() > 20);
}

#[test]
fn russian_plurals_agree_with_their_numbers() {
    let forms = |id: &str| -> Vec<String> {
        [1, 2, 5, 21]
            .into_iter()
            .map(|n| {
                with_lang(Lang::Ru, || match id {
                    "export-failed" => tr!("export-failed", count = n),
                    "debrief-failed" => tr!("debrief-failed", count = n),
                    "doc-answered" => tr!("doc-answered", answered = n, shown = n, unanswered = 0),
                    "export-fact-points" => tr!("export-fact-points", points = "0", max = n),
                    "report-critical-of" => tr!("report-critical-of", failed = 1, visits = n),
                    "report-exceeded-answers" => tr!("report-exceeded-answers", count = n),
                    "report-period" => tr!("report-period", visits = n, sites = n),
                    "report-items-lead" => tr!("report-items-lead", missed = 1, items = n),
                    _ => unreachable!(),
                })
            })
            .collect()
    };
    assert_eq!(
        forms("export-failed"),
        [
            "ВИЗИТ ПРОВАЛЕН: 1 критический провал.",
            "ВИЗИТ ПРОВАЛЕН: 2 критических провала.",
            "ВИЗИТ ПРОВАЛЕН: 5 критических провалов.",
            "ВИЗИТ ПРОВАЛЕН: 21 критический провал.",
        ]
    );
    assert_eq!(
        forms("debrief-failed")[2],
        "Визит провален: 5 критических провалов."
    );
    assert_eq!(
        forms("doc-answered"),
        [
            "Отвечено 1 из 1 показанного пункта; без ответа: 0.",
            "Отвечено 2 из 2 показанных пунктов; без ответа: 0.",
            "Отвечено 5 из 5 показанных пунктов; без ответа: 0.",
            "Отвечено 21 из 21 показанного пункта; без ответа: 0.",
        ]
    );
    assert_eq!(
        forms("export-fact-points"),
        ["0 / 1 балл", "0 / 2 балла", "0 / 5 баллов", "0 / 21 балл"]
    );
    assert_eq!(
        with_lang(Lang::Ru, || tr!(
            "export-fact-points",
            points = "1",
            max = 1.5
        )),
        "1 / 1.5 балла"
    );
    assert_eq!(
        forms("report-critical-of"),
        [
            "1 из 1 визита",
            "1 из 2 визитов",
            "1 из 5 визитов",
            "1 из 21 визита"
        ]
    );
    assert_eq!(
        forms("report-exceeded-answers"),
        ["▲ 1 ответ", "▲ 2 ответа", "▲ 5 ответов", "▲ 21 ответ"]
    );
    assert_eq!(
        forms("report-period"),
        [
            "1 визит по 1 объекту",
            "2 визита по 2 объектам",
            "5 визитов по 5 объектам",
            "21 визит по 21 объекту",
        ]
    );
    assert_eq!(
        forms("report-items-lead")[3],
        "Хотя бы один промах: 1 из 21 оцениваемого пункта"
    );
}

#[test]
fn the_report_counts_visits_in_russian_whatever_their_number() {
    for (n, visits, answers, period) in [
        (1, "1 из 1 визита", "▲ 1 ответ", "1 визит по 1 объекту"),
        (2, "1 из 2 визитов", "▲ 2 ответа", "2 визита по 2 объектам"),
        (
            5,
            "2 из 5 визитов",
            "▲ 5 ответов",
            "5 визитов по 3 объектам",
        ),
        (21, "6 из 21 визита", "▲ 21 ответ", "21 визит по 3 объектам"),
    ] {
        let (r, _) = report_of(n);
        let (table, html) = with_lang(Lang::Ru, || (table(&r), report::html::review(&r)));
        assert!(
            table.contains(&format!("Критические провалы  {visits}\n")),
            "{n}: {table}"
        );
        assert!(
            table.contains(&format!("Сверх ожиданий       {answers}\n")),
            "{table}"
        );
        assert!(html_text(&html).contains(period), "{n}: {period}");
    }
}

#[test]
fn the_report_is_russian_in_every_format() {
    let (r, records) = report_of(5);
    let own = own_words(&records);
    let (shown, md, html) = with_lang(Lang::Ru, || {
        (table(&r), markdown(&r), report::html::review(&r))
    });
    let table = shown;
    let page = html_text(&html);
    // The page is a document: one decimal mark, the language's, in its
    // cards and tables as in its charts (a point stays in the table and
    // Markdown, which line up as code does).
    let pointed: Vec<&str> = page
        .split_whitespace()
        // The footer's program version (`touchpoint 0.1.0`) is no decimal.
        .filter(|w| !w.starts_with(env!("CARGO_PKG_VERSION")))
        .filter(|w| {
            let b = w.as_bytes();
            b.windows(3)
                .any(|t| t[0].is_ascii_digit() && t[1] == b'.' && t[2].is_ascii_digit())
        })
        .collect();
    assert!(
        pointed.is_empty(),
        "decimal points in the Russian page: {pointed:?}"
    );
    assert!(page.contains(",4%") || page.contains(",4 %"), "{page}");
    for (name, text) in [("table", &table), ("md", &md), ("html", &page)] {
        for wanted in [
            "Обзор сервиса",
            "По объектам",
            "По точкам контакта",
            "По тегам",
            "По месяцам",
            "Самые частые промахи",
            "Карта сервиса",
            "Заселение",
            "Отъезд",
            "Атмосфера",
            "Исправление ошибок",
            "Личное участие",
            "март 2026",
            "апр. 2026",
            "май 2026",
            "Дверь никто не открыл.",
        ] {
            assert!(text.contains(wanted), "{name} lacks {wanted:?}:\n{text}");
        }
        let left = english_left(text, &own);
        assert!(left.is_empty(), "{name}: English words {left:?} in\n{text}");
        assert!(raw_ids(text).is_empty(), "{name}: {:?}", raw_ids(text));
    }
    for (name, text) in [("table", &table), ("md", &md)] {
        assert!(text.contains("Что аудиторы написали о промахах"), "{name}");
        // A note's day, as Russian writes a date.
        assert!(text.contains("1 марта 2026"), "{name}: {text}");
    }
    for quarter in [
        "сервис–дружба",
        "сервис–сервис",
        "тепло, но небрежно",
        "провал",
    ] {
        assert!(page.contains(quarter), "the map lacks {quarter}");
        assert!(table.contains(quarter), "the table lacks {quarter}");
    }
    assert!(
        page.contains("Карта сервиса: 1 Гостиница «Волга»: стандарты"),
        "{page}"
    );
    assert!(page.contains("Оценка по месяцам: март 2026"), "{page}");
    assert!(html.contains("<html lang=\"ru\">"));
    assert!(html.contains("\"Стр. \" counter(page) \" из \" counter(pages)"));
    assert!(!html.contains("Page "));
    // Every line of the terminal table fits 80 cells in Russian too.
    use unicode_width::UnicodeWidthStr;
    for line in table.lines() {
        assert!(line.width() <= 80, "{} cells: {line}", line.width());
    }
    // And the check would have found the English report's words.
    let english = with_lang(Lang::En, || self::table(&r));
    assert!(english_left(&english, &own).len() > 10);
}

#[test]
fn the_html_debrief_is_russian() {
    let v = visit(0);
    let own = own_words(&[record_of(&v)]);
    let html = with_lang(Lang::Ru, || touchpoint::report::debrief::to_html(&v));
    assert!(html.contains("<html lang=\"ru\">"));
    let page = html_text(&html);
    for wanted in [
        "Разбор визита: Гранд-отель «Европа»",
        "1 марта 2026 · Анна",
        "Объект",
        "Аудитор",
        "Начало",
        "1 марта 2026, 14:00 +03:00",
        "Завершён",
        "Длительность",
        "3 ч 20 мин",
        "Чек-листы",
        "Код визита",
        "Визит провален: 1 критический провал.",
        "Общая оценка",
        "Стандарты",
        "Личное участие",
        "Критические провалы",
        "Сверх ожиданий",
        "Атмосфера",
        "Исправление ошибок",
        "Точки контакта",
        "Точка контакта",
        "Хронология",
        "Заселение в отель — 33,3%",
        "Отметка",
        "Пункт",
        "Ответ",
        "Баллы",
        "н/п",
        "неприменимо",
        "не выполнен",
        "превзошли ожидания",
        "критичный",
        "Заметка к визиту",
        "Визит прошёл спокойно.",
        "Записано программой touchpoint",
    ] {
        assert!(
            page.contains(wanted),
            "the debrief lacks {wanted:?}:\n{page}"
        );
    }
    let left = english_left(&page, &own);
    assert!(left.is_empty(), "English words {left:?} in\n{page}");
    assert!(raw_ids(&page).is_empty(), "{:?}", raw_ids(&page));
    let english = with_lang(Lang::En, || touchpoint::report::debrief::to_html(&v));
    assert!(english.contains("<html lang=\"en\">"));
    assert!(english_left(&html_text(&english), &own).len() > 20);
}

#[test]
fn a_disagreeing_record_is_warned_about_in_russian() {
    let mut r = record_of(&visit(1));
    r.score.percent = Some(1.0);
    let figures = report::VisitFigures::of(&r);
    let why = with_lang(Lang::Ru, || figures.disagreement(&r)).unwrap();
    assert!(
        why.starts_with("в разделе [score] указано 1.0%, а по наблюдениям выходит "),
        "{why}"
    );
}

#[test]
fn the_russian_table_as_a_reviewer_reads_it() {
    let (r, _) = report_of(5);
    insta::assert_snapshot!(with_lang(Lang::Ru, || table(&r)));
}

#[test]
fn a_year_of_russian_months_does_not_run_together_under_the_trend() {
    let records: Vec<RecordFile> = (0..12)
        .map(|n| {
            let mut r = record_of(&visit(n));
            r.header.started = at(1 + n as i8, 10, 0);
            r
        })
        .collect();
    let mut builder = Builder::new(report::DEFAULT_LINE).min_coverage(0.0);
    for r in &records {
        builder.add(r);
    }
    let html = with_lang(Lang::Ru, || report::html::review(&builder.finish()));
    let start = html.find("viewBox=\"0 0 100 44\"").unwrap();
    let trend = &html[start..start + html[start..].find("</svg>").unwrap()];
    // Every month is in the chart's text equivalent…
    for month in [
        "янв. 2026",
        "март 2026",
        "май 2026",
        "нояб. 2026",
        "дек. 2026",
    ] {
        assert!(trend.contains(&format!("{month} ")), "{month}");
    }
    // …but only every few is written under the axis.
    let named = trend.matches(" 2026</text>").count();
    assert!(
        (3..=6).contains(&named),
        "{named} month names under the axis"
    );
}

/// A train's debrief names its touchpoints by its own checklists
/// («Поезд: встреча и посадка»), never by a hotel's words («Заселение»),
/// and writes its decimals with a comma (issue 18, item 8).
#[test]
fn a_trains_html_debrief_speaks_of_a_train_with_russian_decimals() {
    let checklists: Vec<_> = [
        "train-check-in-ru",
        "train-in-stay-ru",
        "train-departure-ru",
    ]
    .iter()
    .map(|id| checklist::bundled_by_id(id).unwrap().unwrap())
    .collect();
    let t = |minutes| at(3, 1, minutes);
    let mut v = Visit::new("Андский экспресс", "Анна", checklists, &t(0), "0001");
    let quality = v.find("train-check-in-ru", "reply-quality").unwrap();
    v.set_answer(quality, Some(Answer::Choice("missed".into())), &t(1))
        .unwrap();
    let documents = v.find("train-check-in-ru", "documents-complete").unwrap();
    v.set_answer(documents, Some(Answer::Choice("yes".into())), &t(2))
        .unwrap();
    let html = with_lang(Lang::Ru, || touchpoint::report::debrief::to_html(&v));
    let page = html_text(&html);
    for hotel in ["Заселение", "Проживание", "Отъезд"] {
        assert!(
            !page.contains(hotel),
            "a hotel's {hotel:?} in a train's debrief:\n{page}"
        );
    }
    assert!(page.contains("Поезд: встреча и посадка"), "{page}");
    assert!(!page.contains(".0%"), "a decimal point in Russian:\n{page}");
}
