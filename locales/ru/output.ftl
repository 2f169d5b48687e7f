# Документы, которые пишет программа: заголовки и слова выгрузок
# (Markdown, HTML-разбор визита) и отчётов (таблица, Markdown, HTML).
# Машиночитаемые выгрузки (ключи JSON, столбцы CSV, ключи TOML) — это
# идентификаторы, они не переводятся. Текст чек-листов не переводится.

## Даты и время в документах («22 нояб. 2026, 14:03 +03:00»).
doc-date = { $day } { $month } { $year }
doc-date-time = { $date }, { $time } { $offset }
doc-month-year = { $month } { $year }
# Месяц сам по себе, в именительном падеже, как строки отчёта («март 2026»).
doc-month-1 = янв.
doc-month-2 = февр.
doc-month-3 = март
doc-month-4 = апр.
doc-month-5 = май
doc-month-6 = июнь
doc-month-7 = июль
doc-month-8 = авг.
doc-month-9 = сент.
doc-month-10 = окт.
doc-month-11 = нояб.
doc-month-12 = дек.

## Слова, общие для документов.
doc-site = Объект
doc-auditor = Аудитор
doc-status = Статус
doc-started = Начало
doc-last-change = Последнее изменение
doc-finalized = Завершён
doc-checklists = Чек-листы
doc-status-final = Завершён
doc-status-draft = Черновик
doc-status-draft-open = визит ещё открыт, ответы могут измениться
doc-failed-why = Критичный пункт получил ноль баллов, поэтому визит провален, каким бы ни был процент.
doc-overall = Общая оценка
doc-score = Оценка
doc-standards = Стандарты
doc-personal-touch = Личное участие
doc-critical-failures = Критические провалы
doc-exceeded = Сверх ожиданий
doc-exceeded-count = ▲ превзошли: { $count }
doc-visits = Визиты
doc-touchpoint = Точка контакта
doc-tag = Тег
doc-month = Месяц
doc-item = Пункт
doc-chart = График
doc-na = Н/П
doc-critical = критичный
doc-unanswered = без ответа
doc-visit-note = Заметка к визиту
doc-of = { $count } из { $total }
# «из» требует родительного падежа: из 1 показанного пункта, из 5 показанных пунктов.
doc-answered = Отвечено { $answered } из { $shown ->
    [one] { $shown } показанного пункта
   *[other] { $shown } показанных пунктов
}; без ответа: { $unanswered }.
doc-source-bundled = встроенный:{ $id }
doc-written-by = Программа

## Выгрузка визита в Markdown.
export-title = Визит: { $site } — { $date }
export-facts = Визит
export-id = Код визита
export-status-final-at = Завершён { $when }
export-failed = ВИЗИТ ПРОВАЛЕН: { $count ->
    [one] { $count } критический провал
    [few] { $count } критических провала
    [many] { $count } критических провалов
   *[other] { $count } критического провала
}.
export-summary = Итоги
export-col-percent = Процент
export-col-points = Баллы
export-overall-failed = { $percent } — ПРОВАЛ
export-row-touchpoint = Точка контакта: { $name }
export-row-tag = Тег: { $name }
export-critical-failed = { $count }: визит ПРОВАЛЕН
export-critical-none = нет
export-checklist-score = Оценка { $percent } ({ $points }), { $exceeded }. Источник: { $source }.
export-points-of = { $points } из { $max }
export-fact-exceeded = ▲ превзошли
export-fact-points = { $points } / { $max ->
    [one] { $max } балл
    [few] { $max } балла
    [many] { $max } баллов
   *[other] { $max } балла
}
export-fact-critical-failure = КРИТИЧЕСКИЙ ПРОВАЛ
export-fact-skipped = пропущен: скрыт из-за предыдущего ответа
export-fact-timed = по секундомеру { $seconds } с
export-fact-observed = замечено в { $time }
export-file = Файл: { $file }
export-scoring-title = Как считается оценка
export-scoring-intro = Каждый оцениваемый пункт получает баллы ответа × вес пункта из возможных баллов лучшего ответа × вес. Оценка — это баллы ÷ максимум × 100, для визита и для каждой точки контакта, раздела и тега.
export-scoring-met = «Стандарт выполнен» даёт полные баллы: визит, где выполнен каждый стандарт, получает 100%.
export-scoring-exceeded = «Превзошли ожидания» даёт столько же баллов, сколько «выполнен», и считается отдельно рядом с оценкой (▲ превзошли: 4): это моменты, которые гость запомнит.
export-scoring-yes-no = «Да» даёт 1, «Нет» — 0. Число со стандартом (≤ 5 мин) даёт 1 в его пределах, включая границы, и 0 за ними.
export-scoring-na = Н/П, скрытые и неотвеченные пункты не входят ни в баллы, ни в максимум; пока ничего не оценено, оценка — «—», а не 0.
export-scoring-standards = Стандарты — пункты без тега «личное участие», личное участие — пункты с ним; оба показаны рядом с общей оценкой.
export-scoring-critical = Критичный пункт (!) с нулём баллов проваливает весь визит, каким бы ни был процент.

## HTML-разбор визита.
debrief-to-fix = Что исправить
debrief-to-praise = За что похвалить
debrief-scores = Оценки
debrief-since = С прошлого визита ({ $date })
debrief-since-lead = В сравнении с прошлым завершённым визитом на этот объект по тому же маршруту, { $visit }.
debrief-title = Разбор визита
debrief-duration = Длительность
debrief-visit-id = Код визита
debrief-failed = Визит провален: { $count ->
    [one] { $count } критический провал
    [few] { $count } критических провала
    [many] { $count } критических провалов
   *[other] { $count } критического провала
}.
debrief-touchpoints = Точки контакта
debrief-timeline = Хронология
debrief-timeline-lead = Отмеченные моменты в том порядке, в каком они случились (когда на пункт ответили впервые).
debrief-col-mark = Отметка
debrief-col-answer = Ответ
debrief-col-points = Баллы
debrief-minutes = { $minutes } мин
debrief-hours-minutes = { $hours } ч { $minutes } мин
# Отметка пункта с ответом Н/П в её столбце.
debrief-mark-na = н/п
debrief-skipped = скрыт
debrief-not-applicable = неприменимо
debrief-critical-failure = критический провал
debrief-missed = не выполнен
debrief-exceeded = превзошли ожидания
debrief-met = выполнен
debrief-partly-met = выполнен частично
debrief-recorded = записан

## Общее для обеих HTML-страниц: подвал, номера страниц, графики.
html-footer = Записано программой { $tool }. Один файл: без скриптов и без сети.
html-page-of = Стр. { $page } из { $pages }
chart-score-by-month = Оценка по месяцам: { $summary }
chart-map-title = Карта сервиса: { $summary }
chart-map-site = { $n } { $site }: стандарты { $standards }, личное участие { $personal }
chart-map-dot-visits = { $visits ->
    [one] { $visits } визит
    [few] { $visits } визита
    [many] { $visits } визитов
   *[other] { $visits } визита
}, провалов на критичном пункте: { $failed }
chart-map-dot = { $n }. { $site }: стандарты { $standards }, личное участие { $personal }
chart-axis-standards = Стандарты, % →
chart-axis-personal = Личное участие, % →

## Четверти карты сервиса.
quarter-service-friendship = сервис–дружба
quarter-service-service = сервис–сервис
quarter-warm-but-sloppy = тепло, но небрежно
quarter-failing = провал

## Обзор многих визитов (`touchpoint report`).
report-title = Обзор сервиса
report-no-visits = Визитов для отчёта нет.
# «из» требует родительного падежа: 1 из 1 визита, 1 из 4 визитов, 1 из 21 визита.
report-critical-of = { $failed } из { $visits ->
    [one] { $visits } визита
   *[other] { $visits } визитов
}
report-exceeded-answers = ▲ { $count ->
    [one] { $count } ответ
    [few] { $count } ответа
    [many] { $count } ответов
   *[other] { $count } ответа
}
report-by-site = По объектам
report-by-touchpoint = По точкам контакта
report-by-tag = По тегам
report-by-month = По месяцам
report-items = Самые частые промахи
report-notes = Что аудиторы написали о промахах
report-map = Карта сервиса
report-col-personal = Участие
report-col-failed = Провалы
report-col-map = Карта
report-col-missed = Промахи
report-col-rate = Доля
report-col-quarter = Четверть
report-items-lead = Хотя бы один промах: { $missed } из { $items ->
    [one] { $items } оцениваемого пункта
   *[other] { $items } оцениваемых пунктов
}
report-items-listed = показаны { $count } с наибольшей долей промахов
report-items-never = без промахов: { $count }
report-map-lead = стандарты % — по горизонтали, личное участие % — по вертикали; высокий уровень — от { $line }%
report-not-placed = не на карте
report-none = Нет.
report-period = { $visits ->
    [one] { $visits } визит
    [few] { $visits } визита
    [many] { $visits } визитов
   *[other] { $visits } визита
} по { $sites ->
    [one] { $sites } объекту
   *[other] { $sites } объектам
}
report-period-month = { $period }, { $month }
report-period-months = { $period }, { $from } — { $to }
report-card-critical = Критические провалы (визиты)
report-card-exceeded = Сверх ожиданий (ответы)
report-no-tags = Ни у одного пункта этих визитов нет тегов.
report-month-caption = Средняя оценка визитов, начатых в каждом месяце.
report-map-explain = Каждый объект — по стандартам (по горизонтали) и личному участию (по вертикали). Высокий уровень — от { $line }%:
report-map-both-high = (оба высокие)
report-map-impersonal = (безупречно, но безлично)
# Между названиями двух последних четвертей: «тепло, но небрежно и провал».
report-map-and = {" "}и
report-map-none = Нет объекта, у которого есть и оценка стандартов, и оценка личного участия.
report-map-red = Размер точки — число визитов объекта; цвет: синий — провалов нет, жёлтый — меньше половины, красный — половина визитов или больше провалены на критичном пункте. Точка, сдвинутая с соседней, соединена линией со своим местом.
report-map-unplaced = Не на карте (нет оценки стандартов или личного участия): { $sites }
report-no-misses = Ни один оцениваемый пункт не провален.
report-items-explain = Пункты, получившие ноль баллов, по доле промахов; под { $count ->
    [one] { $count } пунктом
   *[other] { $count } пунктами
} с наибольшей долей приведены заметки аудиторов о промахах.

## Предупреждения о записи, чей сохранённый [score] расходится с наблюдениями.
report-disagree-score = в разделе [score] указано { $stored }, а по наблюдениям выходит { $figured }; в отчёте — { $figured }
report-disagree-failures = в разделе [score] критические провалы [{ $stored }], а по наблюдениям [{ $figured }]; в отчёте — по наблюдениям
export-quoted = «{ $text }»

## Цифры обзора из задачи 20: где и что исправлять.
report-critical = Критические провалы поимённо
report-critical-none = Ни один критичный пункт не провален.
report-visits = Визиты
report-col-coverage = Отвечено
report-col-chain = Сеть
report-col-note = Заметка аудитора
report-col-sites = Объекты
report-col-visit = Визит
report-incomplete-mark = неполный
report-incomplete = Неполные (не учтены)
report-incomplete-lead = { $count ->
    [one] { $count } завершённый визит
    [few] { $count } завершённых визита
    [many] { $count } завершённых визитов
   *[other] { $count } завершённого визита
} с ответами меньше чем на { $bar }% показанных пунктов: { $count ->
    [one] отмечен как неполный и не учтён
   *[other] отмечены как неполные и не учтены
} ни в одной цифре
report-by-site-touchpoint = По объектам и точкам контакта
report-by-site-month = По объектам и месяцам
report-where-lead = среднее объекта рядом со средним сети (все объекты) для той же точки контакта или месяца
report-items-few = не показаны пункты, у которых меньше { $min } оценённых ответов: { $count }
report-notes-capped = по { $per } самых новых заметки на пункт; все { $total } — в машиночитаемом отчёте
report-scope-drafts = с черновиками
report-scope-since = с { $date }
report-scope-until = по { $date }
report-site-unknown = в прочитанных записях нет визитов на объект { $site }; ближайшие: { $near }
report-site-unknown-none = в прочитанных записях нет визитов на объект { $site }
report-print-header = { $title } · { $period }

## touchpoint compare
compare-title = { $site }: { $a } и { $b }
compare-fixed = Исправлено
compare-regressed = Ухудшилось
compare-still-missed = По-прежнему промах
compare-new = Новое (только в B)
compare-other-site = визиты относятся к разным объектам ({ $a }, { $b })
report-col-review = Проверка
report-review-corrected = { $status }, исправлено: { $count }


## touchpoint check: что говорит каждая отметка (подробности раздела Checks в SPEC.md).
check-duration = { $minutes ->
    [0] { $seconds } с
   *[other] { $seconds ->
        [0] { $minutes } мин
       *[other] { $minutes } мин { $seconds } с
    }
}
check-duration-hours = { $minutes ->
    [0] { $hours } ч
   *[other] { $hours } ч { $minutes } мин
}
check-duration-days = { $hours ->
    [0] { $days } дн
   *[other] { $days } дн { $hours } ч
}
check-finished-before-started = завершён в { $finished }, раньше начала визита ({ $started })
check-answer-before-start = впервые отвечен в { $at }, до начала визита ({ $started })
check-answer-after-finish = впервые отвечен в { $at }, после завершения визита ({ $finished })
check-miss-without-note = ответ «{ $answer }» (без баллов) без заметки о том, что было упущено
check-timed-option = ответ «{ $answer }» (не дольше { $within }), но секундомер намерил { $timed }
check-timed-number = ответ { $answer } { $unit }, но секундомер намерил { $timed }
check-note-longer = ответ «{ $answer }» (норма { $standard }), но в заметке сказано «{ $said }»
check-integrity = ответ «{ $answer }», а честный аудитор отвечает «{ $truthful }»
check-too-fast = { $count ->
    [one] { $count } ответ
    [few] { $count } ответа
   *[many] { $count } ответов
} подряд, каждый меньше чем через 2 с после предыдущего ({ $seconds } с всего), от { $first } до { $last }
check-photo-time = фото { $file } снято { $taken }, { $side ->
    [before] за { $distance } до начала визита
   *[after] через { $distance } после конца визита
}
check-evidence-reused = тот же файл, что { $file }, приложен к { $others }
check-auditor-outlier = средняя оценка визитов { $auditor } — { $mean }% за { $count } визитов, больше чем на два стандартных отклонения выше визитов других аудиторов ({ $others }% ± { $sd })
check-none = Нет отметок в { $visits ->
    [one] { $visits } визите
   *[other] { $visits } визитах
}.
check-summary = { $flags ->
    [one] { $flags } отметка
    [few] { $flags } отметки
   *[many] { $flags } отметок
} в { $flagged } из { $visits ->
    [one] { $visits } визита
   *[other] { $visits } визитов
}.


## Signed state in reports (issue 22)
report-col-signed = Подпись
report-col-flags = Флаги
report-flags-lead = ⚑ — число флагов проверки у визита (подробно — в проверке визитов).
report-signed-valid = действительна
report-signed-unsigned = нет
report-signed-invalid = недействительна
report-signed-unknown-key = ключ неизвестен
export-signed = Подпись: { $state }
export-signature = Подпись
