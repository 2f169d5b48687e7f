//! The command line in Russian: a Russian locale (or `--lang ru`) gives
//! Russian output with Russian plurals, `--lang en` wins over the locale,
//! and no English word of the program's own is left in what it prints.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use std::time::Duration;

use common::{Cleanup, Pty, id_of, temp_dir, touchpoint_command, wait_for_visit_file};

/// `touchpoint ARGS` with `LANG` set to `lang`, without a terminal.
fn run_in(lang: &str, data_dir: &Path, args: &[&str]) -> Output {
    touchpoint_command(args, data_dir)
        .env("LANG", lang)
        .stdin(Stdio::null())
        .output()
        .expect("run touchpoint")
}

/// `touchpoint ARGS` in a Russian locale.
fn run_ru(data_dir: &Path, args: &[&str]) -> Output {
    run_in("ru_RU.UTF-8", data_dir, args)
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 on stdout")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 on stderr")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/records")
        .join(name)
}

/// A data folder holding the fixture visits `names`, as `touchpoint` keeps them.
fn data_with(test: &str, names: &[&str]) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let data = temp_dir(test);
    let visits = data.join("visits");
    std::fs::create_dir_all(&visits).unwrap();
    for dir in [&data, &visits] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    for name in names {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let record = touchpoint::record::parse_bytes(name, &bytes).unwrap();
        let file = visits.join(format!("{}.toml", record.header.id));
        std::fs::write(&file, &bytes).unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    data
}

/// Latin-letter words in `text` that are neither in `allowed` nor an id,
/// a path, an option, a date or a quoted command (`touchpoint new`): what
/// would be English left in a Russian message.
fn english_words(text: &str, allowed: &[&str]) -> Vec<String> {
    // Commands in backquotes are typed as they are; leave them out.
    let mut plain = String::new();
    for (n, piece) in text.split('`').enumerate() {
        if n % 2 == 0 {
            plain.push_str(piece);
            plain.push(' ');
        }
    }
    let always = [
        "touchpoint",
        "TOML",
        "JSON",
        "Schema",
        "HTML",
        "CSV",
        "Markdown",
        "UTF",
        "FIFO",
    ];
    plain
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        // Ids, paths, options and file names: hotel-check-in, /tmp/x, --lang, a.toml.
        .filter(|w| {
            !w.contains(['-', '/', '.', '_', ':']) && !w.chars().any(|c| c.is_ascii_digit())
        })
        .filter(|w| !always.contains(w) && !allowed.contains(w))
        .map(str::to_owned)
        .collect()
}

#[test]
fn list_of_no_visits_is_in_russian() {
    let data = temp_dir("cli-ru-empty");
    let _cleanup = Cleanup(data.clone());
    let out = run_ru(&data, &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "визитов пока нет; `touchpoint new` начинает визит\n"
    );
    let trash = run_ru(&data, &["list", "--trash"]);
    assert_eq!(stdout(&trash), "корзина пуста\n");
}

#[test]
fn list_of_visits_has_russian_headings_and_words() {
    let data = data_with(
        "cli-ru-list",
        &[
            "a-metropol-october.toml",
            "b-metropol-november.toml",
            "e-metropol-draft.toml",
        ],
    );
    let _cleanup = Cleanup(data.clone());
    let out = run_ru(&data, &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    for word in ["ВИЗИТ", "ОБЪЕКТ", "СТАТУС", "ОТВЕЧЕНО", "ОЦЕНКА", "ИЗМЕНЁН"]
    {
        assert!(lines[0].contains(word), "{word} in {text}");
    }
    let draft = lines
        .iter()
        .find(|l| l.contains("20261115T080000-hotel-metropol-e005"))
        .unwrap();
    assert!(
        draft.contains("черновик") && draft.contains("ПРОВАЛ"),
        "{text}"
    );
    let october = lines
        .iter()
        .find(|l| l.contains("20261005T140000-hotel-metropol-a001"))
        .unwrap();
    assert!(
        october.contains("завершён") && october.contains("60.0%"),
        "{text}"
    );
    // Columns line up although the Russian words are wider than English's.
    let end = |line: &str, word: &str| {
        line.find(word)
            .map(|b| line[..b].chars().count() + word.chars().count())
    };
    assert_eq!(end(lines[0], "ОЦЕНКА"), end(october, "60.0%"), "{text}");
    assert_eq!(end(lines[0], "ОТВЕЧЕНО"), end(october, "7/8"), "{text}");
    assert_eq!(
        english_words(&text, &["Hotel", "Metropol", "hotel", "metropol"]),
        Vec::<String>::new(),
        "{text}"
    );
    // The same visits in English, as they always were.
    let english = stdout(&run_in("C.UTF-8", &data, &["list"]));
    assert!(english.starts_with("ID "), "{english}");
    assert!(
        english.contains(" draft ") && english.contains("FAIL"),
        "{english}"
    );
}

#[test]
fn resume_without_a_draft_says_so_in_russian() {
    let data = temp_dir("cli-ru-resume");
    let _cleanup = Cleanup(data.clone());
    let out = run_ru(&data, &["resume"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert_eq!(
        text,
        "touchpoint: черновиков для продолжения нет; `touchpoint new` начинает визит\n"
    );
    assert_eq!(english_words(&text, &[]), Vec::<String>::new());
}

#[test]
fn checklists_are_listed_with_russian_headings() {
    let data = temp_dir("cli-ru-checklists");
    let _cleanup = Cleanup(data.clone());
    let out = run_ru(&data, &["checklists"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    let heading = lines.next().unwrap();
    for word in [
        "ЧЕК-ЛИСТ",
        "ТОЧКА КОНТАКТА",
        "ПУНКТОВ",
        "НАЗВАНИЕ",
        "ИСТОЧНИК",
    ] {
        assert!(heading.contains(word), "{word} in {heading}");
    }
    assert_eq!(english_words(heading, &[]), Vec::<String>::new());
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() >= 18, "{text}");
    for row in &rows {
        // The source column names the bundled checklist in Russian; ids and
        // titles are the checklists' own text.
        let source = row.split_whitespace().last().unwrap();
        assert!(source.starts_with("встроенный:"), "{row}");
    }
    let check_in = rows
        .iter()
        .find(|r| r.starts_with("hotel-check-in-ru "))
        .unwrap();
    assert!(check_in.contains("Заселение в отель"), "{check_in}");
    // Touchpoints by their names, as the screens give them.
    let departure = rows
        .iter()
        .find(|r| r.starts_with("hotel-departure "))
        .unwrap();
    assert!(departure.contains(" Отъезд "), "{departure}");
}

#[test]
fn validate_counts_problems_and_files_with_russian_plurals() {
    let dir = temp_dir("cli-ru-validate");
    let _cleanup = Cleanup(dir.clone());
    // Each of these files has exactly one problem.
    let bad = |n: usize| -> Vec<String> {
        (0..n)
            .map(|i| {
                let path = dir.join(format!("bad-{n}-{i}.toml"));
                std::fs::write(&path, "x = [\n").unwrap();
                path.display().to_string()
            })
            .collect()
    };
    let good = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("checklists/hotel-check-in-ru.toml")
        .display()
        .to_string();
    let summary = |paths: &[String]| {
        let args: Vec<&str> = std::iter::once("validate")
            .chain(paths.iter().map(String::as_str))
            .collect();
        let out = run_ru(&dir, &args);
        assert_eq!(out.status.code(), Some(1));
        stderr(&out).lines().last().unwrap_or_default().to_owned()
    };
    assert_eq!(summary(&bad(1)), "1 ошибка в 1 из 1 файла");
    assert_eq!(summary(&bad(2)), "2 ошибки в 2 из 2 файлов");
    assert_eq!(summary(&bad(5)), "5 ошибок в 5 из 5 файлов");
    let mut mixed = bad(1);
    mixed.push(good.clone());
    assert_eq!(summary(&mixed), "1 ошибка в 1 из 2 файлов");
    let mut many = bad(21);
    many.push(good.clone());
    assert_eq!(summary(&many), "21 ошибка в 21 из 22 файлов");
    let mut more = bad(11);
    more.extend(bad(11));
    assert_eq!(summary(&more), "22 ошибки в 22 из 22 файлов");

    let out = run_ru(&dir, &["validate", &good]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("ок ") && text.contains("(Заселение, 27 пунктов)"),
        "{text}"
    );
    assert!(
        text.ends_with("проверено файлов чек-листов: 1, ошибок нет\n"),
        "{text}"
    );
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("checklists");
    let out = run_ru(&dir, &["validate", &folder.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(english_words(&stdout(&out), &[]), Vec::<String>::new());
}

#[test]
fn an_unknown_visit_is_named_in_russian() {
    let data = data_with("cli-ru-export", &["a-metropol-october.toml"]);
    let _cleanup = Cleanup(data.clone());
    let out = run_ru(&data, &["export", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(text.contains("визита nope нет в "), "{text}");
    assert!(text.contains("`touchpoint list` покажет визиты"), "{text}");
    assert_eq!(
        english_words(&text, &["nope"]),
        Vec::<String>::new(),
        "{text}"
    );

    let out = run_ru(&data, &["delete", "nope"]);
    assert_eq!(
        stderr(&out),
        "touchpoint: визита nope для удаления нет; `touchpoint list` покажет визиты\n"
    );
    let out = run_ru(&data, &["export", "no/such"]);
    let text = stderr(&out);
    assert!(text.contains("не код визита"), "{text}");
    assert_eq!(english_words(&text, &[]), Vec::<String>::new(), "{text}");
}

#[test]
fn the_lang_flag_wins_over_a_russian_locale() {
    let data = temp_dir("cli-ru-flag");
    let _cleanup = Cleanup(data.clone());
    let out = run_ru(&data, &["--lang", "en", "list"]);
    assert_eq!(stdout(&out), "no visits yet; `touchpoint new` starts one\n");
    let out = run_ru(&data, &["resume", "--lang=en"]);
    assert_eq!(
        stderr(&out),
        "touchpoint: no draft to resume; `touchpoint new` starts a visit\n"
    );
    // And the other way round: --lang ru in an English locale.
    let out = run_in("C.UTF-8", &data, &["--lang", "ru", "list"]);
    assert_eq!(
        stdout(&out),
        "визитов пока нет; `touchpoint new` начинает визит\n"
    );
}

/// The commands, formats and values of the command line, typed as they are.
const TYPED: [&str; 40] = [
    "new",
    "check",
    "resume",
    "list",
    "delete",
    "restore",
    "export",
    "report",
    "compare",
    "validate",
    "checklists",
    "schema",
    "help",
    "sign",
    "verify",
    "review",
    "completions",
    "man",
    "bash",
    "zsh",
    "fish",
    "elvish",
    "powershell",
    "roff",
    "en",
    "ru",
    "toml",
    "json",
    "csv",
    "md",
    "html",
    "table",
    "checklist",
    "record",
    "language",
    "final",
    "approved",
    "returned",
    "excluded",
    "all",
];

/// The version is the same in every language and from every spelling of
/// the flag, and asks for no catalog (main answers it from the plain
/// command line).
#[test]
fn the_version_is_told_in_any_language() {
    let data = temp_dir("cli-ru-version");
    let _cleanup = Cleanup(data.clone());
    let want = format!("touchpoint {}\n", env!("CARGO_PKG_VERSION"));
    for lang in ["ru_RU.UTF-8", "C"] {
        for args in [&["--version"][..], &["-V"], &["--lang", "ru", "--version"]] {
            let out = run_in(lang, &data, args);
            assert!(out.status.success(), "{lang} {args:?}: {}", stderr(&out));
            assert_eq!(stdout(&out), want, "{lang} {args:?}");
        }
    }
}

#[test]
fn help_is_in_russian() {
    let data = temp_dir("cli-ru-help");
    let _cleanup = Cleanup(data.clone());
    for args in [
        &["--help"][..],
        &["-h"],
        &["export", "--help"],
        &["report", "--help"],
        &["new", "--help"],
        &["help", "validate"],
        &["help", "help"],
    ] {
        let out = run_ru(&data, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("Использование: touchpoint"), "{text}");
        assert!(
            text.contains("Параметры:") || text.contains("Команды:"),
            "{text}"
        );
        assert_eq!(english_words(&text, &TYPED), Vec::<String>::new(), "{text}");
    }
    let top = stdout(&run_ru(&data, &["--help"]));
    assert!(top.contains("Команды:") && top.contains("Показать справку"));
}

#[test]
fn usage_errors_are_in_russian_and_exit_2() {
    let data = temp_dir("cli-ru-usage");
    let _cleanup = Cleanup(data.clone());
    let out = run_ru(&data, &["lis"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(
        text.starts_with("ошибка: неизвестная команда «lis»; может быть, «list»?\n"),
        "{text}"
    );
    assert_eq!(
        english_words(&text, &["lis", "list"]),
        Vec::<String>::new(),
        "{text}"
    );
    let out = run_ru(&data, &["export", "x", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(text.contains("недопустимое значение «pdf»"), "{text}");
    let typed: Vec<&str> = TYPED.iter().copied().chain(["pdf"]).collect();
    assert_eq!(english_words(&text, &typed), Vec::<String>::new(), "{text}");
    // In English clap says it, as before.
    let out = run_in("C.UTF-8", &data, &["lis"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: unrecognized subcommand 'lis'"));
}

#[test]
fn resuming_and_a_visit_held_elsewhere_are_told_in_russian() {
    let data = temp_dir("cli-ru-resume-pty");
    let _cleanup = Cleanup(data.clone());
    let ru = [("LANG", "ru_RU.UTF-8")];
    let new = ["new", "--site", "Отель Метрополь", "--auditor", "anna"];
    let mut pty = Pty::spawn_with(&new, &data, 80, 24, &ru);
    pty.wait_for("отвечено 0/");
    let path = wait_for_visit_file(&data);
    let id = id_of(&path);

    // While this session holds it, another is told who does.
    let out = run_ru(&data, &["resume", &id]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    let pid = pty.child.id().to_string();
    assert!(
        text.contains(&format!(
            "визит {id} открыт в другом сеансе (процесс {pid} на хосте "
        )),
        "{text}"
    );
    assert!(text.contains("; сначала закройте его там"), "{text}");
    assert!(
        !text.contains(" since ") && !text.contains(" host "),
        "{text}"
    );

    pty.send("q");
    pty.wait_exit(Duration::from_secs(5)).expect("exits");
    // Leaving names the file, in Russian.
    pty.wait_for(&format!("визит {id} сохранён в "));

    // A draft left three minutes ago says so, with the plural it needs.
    let text = std::fs::read_to_string(&path).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let updated = table["visit"]["updated"].as_datetime().unwrap().to_string();
    let earlier: jiff::Timestamp = updated.parse().unwrap();
    let earlier = earlier - jiff::SignedDuration::from_secs(180);
    let moved = text.replace(
        &format!("updated = {updated}"),
        &format!("updated = {earlier}"),
    );
    assert_ne!(moved, text, "updated = {updated} is in the file");
    std::fs::write(&path, moved).unwrap();
    let mut again = Pty::spawn_with(&["resume"], &data, 80, 24, &ru);
    again.wait_for("продолжаем черновик, сохранённый в ");
    again.wait_for("(3 минуты назад)");
    again.send("q");
    again.wait_exit(Duration::from_secs(5)).expect("exits");
}

#[test]
fn an_unknown_journey_or_checklist_is_named_in_russian() {
    let data = temp_dir("cli-ru-journey");
    let _cleanup = Cleanup(data.clone());
    let out = run_ru(&data, &["new", "--journey", "zzz"]);
    assert_eq!(out.status.code(), Some(1));
    // Each journey once, though it comes in two languages.
    assert_eq!(
        stderr(&out),
        "touchpoint: маршрута «zzz» нет; есть маршруты: hotel-stay, luxury-train, river-cruise\n"
    );
    let out = run_ru(&data, &["new", "--journey", "hotel-sty"]);
    assert_eq!(
        stderr(&out),
        "touchpoint: маршрута «hotel-sty» нет; может быть, «hotel-stay»?\n"
    );
    let out = run_ru(&data, &["new", "hotel-chek-in"]);
    assert_eq!(
        stderr(&out),
        "hotel-chek-in: нет ни файла, ни кода чек-листа с таким именем — может быть, «hotel-check-in»?\n"
    );
    let out = run_ru(
        &data,
        &["new", "--site", "Отель", "hotel-check-in", "hotel-check-in"],
    );
    assert_eq!(
        stderr(&out),
        "touchpoint: чек-лист hotel-check-in указан дважды; в визит каждый чек-лист входит один раз\n"
    );
    // With no terminal, nothing is created, and the refusal says how to get one.
    let out = run_ru(&data, &["new", "--site", "Отель"]);
    let text = stderr(&out);
    assert!(
        text.starts_with("touchpoint: для визита нужен терминал"),
        "{text}"
    );
    // SSH is a program's name, written so in Russian too.
    assert_eq!(
        english_words(&text, &["SSH"]),
        Vec::<String>::new(),
        "{text}"
    );
}

// Broken and changed records: what reading and rebuilding them says.

/// Writes `bytes` as the visit file `visits/<id>.toml` of `data`.
fn put_visit(data: &Path, id: &str, bytes: &[u8]) {
    use std::os::unix::fs::PermissionsExt;
    let file = data.join("visits").join(format!("{id}.toml"));
    std::fs::write(&file, bytes).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// Lines of `text` that say nothing in Cyrillic.
fn lines_without_cyrillic(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| !l.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)))
        .collect()
}

/// A data folder with one good visit and records broken in the ways a hand
/// edit, a cut-short copy or another program leave them.
fn data_with_broken_records(test: &str) -> PathBuf {
    let data = data_with(test, &["a-metropol-october.toml"]);
    let good = std::fs::read_to_string(fixture("a-metropol-october.toml")).unwrap();
    put_visit(
        &data,
        "20261101T000000-bad-utf8",
        b"format = 1\n[visit]\nid = \"\xff\xfe\"\n",
    );
    put_visit(&data, "20261102T000000-empty", b"\n");
    put_visit(
        &data,
        "20261103T000000-newer",
        good.replacen("format = 1", "format = 2", 1).as_bytes(),
    );
    put_visit(
        &data,
        "20261104T000000-typo",
        good.replacen("auditor =", "auditr =", 1).as_bytes(),
    );
    let cut = &good[..good.find("\n[score]").unwrap() + 1];
    put_visit(&data, "20261105T000000-cut", cut.as_bytes());
    put_visit(
        &data,
        "20261106T000000-status",
        good.replacen("status = \"final\"", "status = \"drafty\"", 1)
            .as_bytes(),
    );
    put_visit(
        &data,
        "20261107T000000-syntax",
        b"format = 1\n[visit]\nid\n",
    );
    let site = good.find("site = ").unwrap();
    let line_end = site + good[site..].find('\n').unwrap();
    let typed = format!("{}site = 5{}", &good[..site], &good[line_end..]);
    put_visit(&data, "20261108T000000-type", typed.as_bytes());
    data
}

#[test]
fn broken_records_are_named_in_russian_by_list_and_report() {
    let data = data_with_broken_records("cli-ru-broken");
    let _cleanup = Cleanup(data.clone());
    let allowed = [
        "format", "visit", "score", "status", "draft", "final", "drafty",
    ];

    let out = run_ru(&data, &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stderr(&out);
    assert_eq!(text.lines().count(), 8, "{text}");
    for said in [
        "это не UTF-8; запись — файл TOML в кодировке UTF-8",
        "файл пуст; запись начинается с format = 1 и таблицы [visit]",
        "формат записи 2 этот touchpoint не читает (он читает формат 1)",
        "неизвестное поле `auditr`; ожидалось одно из: `id`, `site`",
        "; может быть, `auditor`?",
        "нет поля `score`: в записи нет такой таблицы или ключа верхнего уровня",
        "неизвестный статус «drafty»; напишите \"draft\" или \"final\"",
        "синтаксис TOML: ключ без значения; ожидалось: `=`",
        "неверный тип: целое число `5`, а нужно строка",
    ] {
        assert!(text.contains(said), "{said:?} in\n{text}");
    }
    assert_eq!(lines_without_cyrillic(&text), Vec::<&str>::new(), "{text}");
    assert_eq!(
        english_words(&text, &allowed),
        Vec::<String>::new(),
        "{text}"
    );

    let out = run_ru(&data, &["report", data.join("visits").to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a skipped file makes the exit status 1"
    );
    let text = stderr(&out);
    assert!(text.contains("8 файлов пропущено"), "{text}");
    assert!(text.contains("нет поля `score`"), "{text}");
    assert_eq!(lines_without_cyrillic(&text), Vec::<&str>::new(), "{text}");
    assert_eq!(
        english_words(&text, &allowed),
        Vec::<String>::new(),
        "{text}"
    );

    // English says it as it always has.
    let text = stderr(&run_in("C.UTF-8", &data, &["list"]));
    assert!(
        text.contains("not valid UTF-8; a record is a UTF-8 TOML file"),
        "{text}"
    );
    assert!(
        text.contains("unknown field `auditr`, expected one of `id`, `site`"),
        "{text}"
    );
    assert!(text.contains("; did you mean `auditor`?"), "{text}");
    assert!(
        text.contains("TOML syntax: key with no value, expected `=`"),
        "{text}"
    );
    assert!(
        text.contains("invalid type: integer `5`, expected a string"),
        "{text}"
    );
}

/// The draft of visit E with an answer and a note on an item its checklist
/// no longer has, and a stopwatch on an item that is not timed.
fn changed_draft() -> String {
    let draft = std::fs::read_to_string(fixture("e-metropol-draft.toml")).unwrap();
    draft.replacen(
        "\n[score]",
        "\n[[observations]]\nchecklist = \"hotel-check-in\"\nsection = \"desk\"\n\
         item = \"gone-item\"\nprompt = \"Gone\"\nanswer = \"yes\"\n\
         note = \"Очень \\u001b[31mвежливо\"\nat = 2026-11-15T08:02:00+03:00\n\n\
         [[timers]]\nchecklist = \"hotel-check-in\"\nitem = \"greeted\"\n\
         started = 2026-11-15T08:03:00+03:00\n\n[score]",
        1,
    )
}

#[test]
fn a_changed_checklist_is_told_in_russian_when_a_visit_is_exported() {
    let data = data_with("cli-ru-changed", &[]);
    let _cleanup = Cleanup(data.clone());
    let id = "20261115T080000-hotel-metropol-e005";
    put_visit(&data, id, changed_draft().as_bytes());
    let out = run_ru(&data, &["export", id, "--format", "md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stderr(&out);
    for said in [
        "touchpoint: предупреждение: чек-лист hotel-check-in (bundled:hotel-check-in) изменился \
         с тех пор, как визит был записан; ответы сопоставлены с его пунктами по кодам\n",
        "hotel-check-in/gone-item больше не пункт своего чек-листа; не учтено: ответ \"yes\", \
         заметка \"Очень \\u{1b}[31mвежливо\"\n",
        "hotel-check-in/greeted больше не пункт на время; его секундомер, запущенный \
         2026-11-15T08:03:00+03:00, не учтён\n",
    ] {
        assert!(text.contains(said), "{said:?} in\n{text}");
    }
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert_eq!(lines_without_cyrillic(&text), Vec::<&str>::new(), "{text}");
    assert_eq!(
        english_words(&text, &["yes", "no"]),
        Vec::<String>::new(),
        "{text}"
    );

    // A checklist that cannot be loaded: the problem, then what to do.
    let missing = changed_draft().replacen(
        "\n[score]",
        "\n[[checklists]]\nid = \"gone\"\ntitle = \"Gone\"\ntouchpoint = \"check-in\"\n\
         sha256 = \"0000000000000000000000000000000000000000000000000000000000000003\"\n\
         source = \"bundled:no-such-checklist\"\n\n[score]",
        1,
    );
    put_visit(&data, id, missing.as_bytes());
    let out = run_ru(&data, &["export", id, "--format", "md"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "touchpoint: не удаётся загрузить чек-лист gone: bundled:no-such-checklist: в этой \
             версии touchpoint нет встроенного чек-листа с таким кодом\n\
             touchpoint: визиту {id} нужны чек-листы, перечисленные выше; верните их на место и \
             попробуйте ещё раз\n"
        )
    );
}

#[test]
fn report_dates_are_refused_in_russian() {
    let data = data_with("cli-ru-report-dates", &["a-metropol-october.toml"]);
    let _cleanup = Cleanup(data.clone());
    for (option, value) in [("--since", "notadate"), ("--until", "2026-13")] {
        let out = run_ru(&data, &["report", option, value]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let text = stderr(&out);
        assert!(
            text.contains(&format!(
                "«{value}» — не дата; напишите день как 2026-11-22 или месяц как 2026-11"
            )),
            "{text}"
        );
        assert_eq!(
            english_words(&text, &["notadate", "help"]),
            Vec::<String>::new(),
            "{text}"
        );
    }
    let english = run_in("C.UTF-8", &data, &["report", "--since", "notadate"]);
    assert!(
        stderr(&english).contains(
            "\"notadate\" is not a date; write a day as 2026-11-22 or a month as 2026-11"
        ),
        "{}",
        stderr(&english)
    );
}

#[test]
fn resuming_from_the_kept_copy_of_a_moved_or_changed_checklist_says_so_in_russian() {
    let dir = temp_dir("cli-ru-kept");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let source = dir.join("lobby.toml");
    let checklist = "[checklist]\nid = \"lobby\"\ntitle = \"Лобби\"\ntouchpoint = \"check-in\"\n\n\
                     [[section]]\nid = \"desk\"\ntitle = \"Стойка\"\n\n\
                     [[section.item]]\nid = \"greeted\"\nprompt = \"Поприветствовали у двери\"\n";
    std::fs::write(&source, checklist).unwrap();
    let ru = [("LANG", "ru_RU.UTF-8")];
    let new = [
        "new",
        "--site",
        "Отель",
        "--auditor",
        "anna",
        source.to_str().unwrap(),
    ];
    let mut pty = Pty::spawn_with(&new, &data, 160, 24, &ru);
    pty.wait_for("отвечено 0/1");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5)).expect("exits");
    // The source path as the record keeps it, escaped as the message shows it.
    let shown = source.canonicalize().unwrap_or(source.clone());
    for (change, why) in [("changed", "изменился"), ("moved", "больше нет")] {
        if change == "changed" {
            std::fs::write(&source, checklist.replace("у двери", "у входа")).unwrap();
        } else {
            std::fs::rename(&source, dir.join("elsewhere.toml")).unwrap();
        }
        // Wide enough for the whole resume line, which names the path.
        let mut pty = Pty::spawn_with(&["resume"], &data, 240, 24, &ru);
        pty.wait_for("продолжаем черновик");
        pty.wait_for(&format!(
            "чек-лист lobby взят из копии, сохранённой в начале визита ({} {why})",
            shown.display()
        ));
        assert!(
            pty.screen().contains("Поприветствовали у двери"),
            "{}",
            pty.screen()
        );
        pty.send("q");
        pty.wait_exit(Duration::from_secs(5)).expect("exits");
    }
}
