# Слова экранов терминала: главный экран, визит, редакторы, поиск,
# завершение и справка. Ведущие пробелы ставит код, не каталог.

## Экран визита: заголовки редакторов.
tui-editor-note-on = Заметка к пункту: { $item }
tui-editor-visit-note = Заметка ко всему визиту
tui-editor-answer-on = Ответ на пункт: { $item }

## Предупреждения и слишком маленький терминал.
tui-unknown-reason = причина неизвестна
tui-leave-unsaved = Всё равно выйти и потерять последние изменения? y — выйти, любая другая клавиша — остаться · НЕ СОХРАНЕНО: { $reason }
tui-not-saved = НЕ СОХРАНЕНО: { $reason }
tui-too-small = терминал слишком мал: нужно { $narrow } или { $wide }, сейчас { $have }. Увеличьте окно или нажмите q, чтобы выйти.

## Время с начала визита.
tui-elapsed-days = { $days } д { $hours } ч
tui-elapsed-hours = { $hours } ч { $minutes } мин
tui-elapsed-minutes = { $minutes } мин

## Заголовок и строка оценки.
tui-day-month = { $day } { $month }
tui-date-time = { $day } { $month } { $time }
tui-header-final = ЗАВЕРШЁН · только чтение
tui-header-draft = черновик
tui-header-final-short = ЗАВЕРШЁН
tui-header-answered = отвечено { $answered }/{ $shown }
tui-critical-failure = ✗ КРИТИЧЕСКИЙ ПРОВАЛ ({ $count })
tui-fail-short = ✗ ПРОВАЛ ({ $count })
tui-score = Оценка { $total }
tui-score-rest = Стандарты { $standards }  Личное участие { $personal }
tui-score-short = стандарты { $standards }
tui-exceeded = ▲ превзошли: { $count }

## Панель подробностей.
tui-more-below = ↓ J дальше ({ $seen }/{ $total })
tui-back-up = ↑ K назад
tui-hint-what-counts = i что учитывать
tui-hint-scroll = J/K прокрутка
tui-hint-note = e заметка
tui-hint-file = a файл
tui-critical = ! критичный
tui-weight = вес { $weight }
tui-personal-touch = ♥ личное участие
tui-running-since = ◷ идёт с { $time }: t останавливает и отвечает · T отменяет
tui-timed = ◷ на время: t запускает секундомер
tui-within-longer = дольше
tui-no-value = значения пока нет
tui-no-value-standard = значения пока нет · стандарт { $standard }
tui-type-value = введите значение или нажмите Enter ({ $range })
tui-no-text = текста пока нет
tui-write-answer = Enter: написать ответ
tui-na = Н/П
tui-measured = ◷ измерено { $clock } ({ $seconds } с)
tui-note-heading = ✎ Заметка
tui-visit-note-heading = ✎ Заметка к визиту
tui-observed = замечено в { $time }
tui-guidance-hint = i: что учитывать (пояснение)

## Что даёт выбранный ответ.
tui-earns-unscored = Не оценивается: записывается для разбора
# В родительном падеже: «до 2 баллов», «0 из 1 балла».
tui-earns-points = { $points ->
    [one] { $points } балла
    [few] { $points } баллов
    [many] { $points } баллов
   *[other] { $points } балла
}
tui-earns-points-weight = { $points ->
    [one] { $points } балла, вес { $weight }
    [few] { $points } баллов, вес { $weight }
    [many] { $points } баллов, вес { $weight }
   *[other] { $points } балла, вес { $weight }
}
tui-earns-of = { $points } из { $most }
tui-earns-critical = ; критичный пункт: визит провален
tui-earns-up-to = Оценивается: до { $most }
tui-earns-na = Н/П: не входит ни в баллы, ни в максимум
tui-earns-counted-exceeded = ; засчитано как ▲ превзошли
tui-earns-could-exceed = ; превзойти — значит получить ▲

## Диапазоны чисел.
tui-range-at-least = не меньше { $value }
tui-range-at-most = не больше { $value }
tui-range-any = любое конечное число

## Строка состояния и её поля.
tui-value-field = Значение ({ $range }):
tui-enter-saves = Enter сохраняет
tui-tab-saves-next = Tab сохраняет, к следующему
tui-esc-cancels = Esc отменяет
tui-attach-failed = Файл:
tui-attach-to-item = Файл к пункту:
tui-attach-to-visit = Файл к визиту:
tui-enter-attaches = Enter прикрепляет
tui-tab-completes = Tab дополняет
tui-search-next = Enter: дальше «{ $last }»
tui-esc-closes = Esc закрывает
tui-search-type = введите слова вопроса
tui-search-none = среди показанных пунктов совпадений нет
tui-search-choose = ↑↓ выбор
tui-search-go = Enter — перейти
tui-editor-done = Enter или Esc: готово
tui-editor-new-line = Ctrl-J: новая строка
tui-editor-saved = сохраняется по мере ввода
tui-editor-done-next = Tab: готово, к следующему
tui-footer-read-only = только чтение
tui-footer-move = j/k пункты
tui-footer-search = / поиск
tui-footer-help = ? справка
tui-footer-quit = q выход
tui-footer-answer = 1-9 y n 0 ответ
tui-footer-finalize = F завершить

## Окна, справка и поиск.
tui-popup-more = ↓ j дальше · другая клавиша закрывает
tui-popup-back = ↑ k назад · другая клавиша закрывает
tui-help-title = Клавиши
tui-help-marks = Значки: · не отвечен ✓ да ✗ нет ▼ ниже ● выполнен ▲ превзошли
tui-help-flags = ! критичный ♥ личное участие ✎ заметка @ файл
tui-help-editors = Редакторы: Enter готово · Ctrl-J новая строка в заметке · Ctrl-U стирает
tui-help-to-scoring = Tab: как считается оценка · другие клавиши закрывают
tui-help-options = варианты с 4 по 9
tui-scoring-title = Как считается оценка
tui-scoring-back = Tab: клавиши · любая другая клавиша закрывает справку.
tui-scoring-intro = Каждый оцениваемый пункт получает баллы ответа × вес пункта из возможных баллов лучшего ответа × вес. Оценка — это баллы ÷ максимум × 100, для визита и для каждой точки контакта, раздела и тега.
tui-scoring-met = «Стандарт выполнен» даёт полные баллы: визит, где выполнен каждый стандарт, получает 100%.
tui-scoring-exceeded = «Превзошли ожидания» даёт столько же баллов, сколько «выполнен», и считается отдельно рядом с оценкой (▲ превзошли: 4): это моменты, которые гость запомнит.
tui-scoring-yes-no = «Да» даёт 1, «Нет» — 0. Число со стандартом (≤ 5 мин) даёт 1 в его пределах, включая границы, и 0 за ними.
tui-scoring-na = Н/П, скрытые и неотвеченные пункты не входят ни в баллы, ни в максимум; пока ничего не оценено, оценка — «—», а не 0.
tui-scoring-standards = Стандарты — пункты без тега «личное участие», личное участие — пункты с ним; оба показаны рядом с общей оценкой.
tui-scoring-critical = Критичный пункт (!) с нулём баллов проваливает весь визит, каким бы ни был процент.
tui-matches = { $count ->
    [one] { $count } совпадение
    [few] { $count } совпадения
    [many] { $count } совпадений
   *[other] { $count } совпадения
}
tui-choices-more = … и ещё { $more }; уточните ввод
tui-choices-title = Tab: подходят

## Завершение.
tui-finalize-title = Завершение
tui-finalize-counts = отвечено { $answered }, без ответа { $unanswered } · { $files ->
    [one] { $files } файл прикреплён
    [few] { $files } файла прикреплено
    [many] { $files } файлов прикреплено
   *[other] { $files } файла прикреплено
}
tui-finalize-running = { $count ->
    [one] ◷ { $count } секундомер ещё идёт: завершение остановит его без ответа
    [few] ◷ { $count } секундомера ещё идут: завершение остановит их без ответа
    [many] ◷ { $count } секундомеров ещё идут: завершение остановит их без ответа
   *[other] ◷ { $count } секундомера ещё идут: завершение остановит их без ответа
}
tui-finalize-failure = ✗ КРИТИЧЕСКИЙ ПРОВАЛ: визит провален при любой оценке ({ $count })
tui-finalize-unanswered = { $count ->
    [one] { $count } пункт без ответа
    [few] { $count } пункта без ответа
    [many] { $count } пунктов без ответа
   *[other] { $count } пункта без ответа
}
tui-finalize-failures = { $count ->
    [one] { $count } критический провал
    [few] { $count } критических провала
    [many] { $count } критических провалов
   *[other] { $count } критического провала
}
tui-finalize-and = { $first } и { $second }
tui-finalize-confirm = Завершить, хотя есть { $reasons }? Визит станет только для чтения. Y (заглавная) — всё равно завершить · любая другая клавиша — назад
tui-finalize-keys = y завершить (потом только чтение) · Enter к пункту · j/k ход · Esc назад
tui-finalize-nothing = Больше смотреть не на что.
tui-issue-running = идёт
tui-issue-critical = провал
tui-issue-no-note = без заметки
tui-issue-open = без ответа

## Сообщения экрана визита.
tui-answered = { $answer } — { $item } · u отменяет
tui-stopwatches-running = { $count ->
    [one] ◷ идёт { $count } секундомер: { $places }
    [few] ◷ идут { $count } секундомера: { $places }
   *[many] ◷ идут { $count } секундомеров: { $places }
}
tui-no-option = у этого пункта нет варианта { $n }
tui-not-an-option = здесь нет ответа { $wanted ->
    [yes] «Да»
   *[other] «Нет»
}; выберите цифрой
tui-undone = отменено
tui-nothing-to-undo = отменять нечего
tui-redone = возвращено
tui-nothing-to-redo = возвращать нечего
tui-stopwatch-cancelled = секундомер отменён; ответа нет
tui-no-stopwatch = у этого пункта секундомер не идёт; t запускает
tui-attach-unavailable = прикреплять файлы здесь нельзя
tui-no-file-item = к этому пункту файлы не прикреплены
tui-no-file-visit = к визиту файлы не прикреплены
tui-file-unlisted = { $name } убран из списка (копия осталась); u возвращает
tui-guidance-shown = пояснения показаны у всех пунктов; i скрывает
tui-guidance-hidden = пояснения скрыты; i показывает
tui-final-read-only = визит завершён и открыт только для чтения
tui-last-of-touchpoint = последний пункт «{ $title }»; l или Tab открывает «{ $next }»
tui-last-of-visit = последний пункт визита; ] ищет пункты без ответа, F завершает
tui-stopwatch-started = секундомер запущен: t останавливает и отвечает, T отменяет
tui-stopped-at = остановлен на { $clock }: { $answer }
tui-stopwatch-runs-on = { $error }; секундомер идёт дальше (T отменяет, Enter — ввести значение)
tui-no-file-fits = там нет подходящего файла (скрытые — после точки)
tui-not-attached = не прикреплено: { $reason }
tui-attached-item = { $name } ({ $size }) прикреплён к пункту
tui-attached-visit = { $name } ({ $size }) прикреплён к визиту
tui-all-answered = все показанные пункты отвечены
tui-enter-choose-numbers = Enter редактирует текстовые и числовые пункты; здесь выбирайте цифрой
tui-control-not-typed = { $char } не введён: управляющие символы не могут быть в заметке или тексте
tui-control-not-pasted = ничего не вставлено: в тексте есть { $char }, управляющий символ
tui-paste-too-large = ничего не вставлено: в тексте { $size } Б, а за одну вставку можно добавить не больше { $most } КиБ
tui-paste-visit-too-large = ничего не вставлено: визит стал бы больше { $most } МиБ, а файл визита столько не вмещает
tui-stopwatch-clock-back = ⚠ секундомер: часы ушли назад на { $seconds } с, пока программа была закрыта; замер под сомнением
tui-stopwatch-clock-jumped = ⚠ секундомер: { $hours } ч по часам между запусками; замер под сомнением
tui-paste-where = вставка идёт в заметку или поле: e открывает заметку
tui-not-a-number = «{ $typed }» — не число; ничего не изменено
tui-nothing-changed = { $error }; ничего не изменено
tui-search-no-match = среди показанных пунктов нет «{ $query }»
tui-finalized = завершён: визит теперь только для чтения

## Что справка говорит о каждой клавише экрана визита.
key-next-item = следующий пункт
key-previous-item = предыдущий пункт
key-first-item = первый пункт
key-last-item = последний пункт
key-next-touchpoint = след. точка контакта
key-previous-touchpoint = пред. точка контакта
key-option-1-yes-below = вариант 1: Да, Ниже
key-option-2-no-met = вариант 2: Нет, Вып.
key-option-3-exceeded = вариант 3: Превзошли
key-choose-option-4 = вариант 4
key-choose-option-5 = вариант 5
key-choose-option-6 = вариант 6
key-choose-option-7 = вариант 7
key-choose-option-8 = вариант 8
key-choose-option-9 = вариант 9
key-yes = Да
key-no = Нет
key-na = Н/П (неприменимо)
key-clear-the-answer = стереть ответ
key-type-text-or-number = ввести текст, число
key-note-on-the-item = заметка к пункту
key-note-on-the-visit = заметка к визиту
key-undo = отменить
key-redo = вернуть
key-next-unanswered = след. без ответа
key-prev-unanswered = пред. без ответа
key-stopwatch-start-stop = секундомер пуск/стоп
key-cancel-the-stopwatch = отменить секундомер
key-attach-file-to-item = файл к пункту
key-attach-file-to-visit = файл к визиту
key-unlist-item-file = убрать файл пункта
key-unlist-visit-file = убрать файл визита
key-guidance-on-off = пояснения вкл/выкл
key-scroll-details-down = подробности вниз
key-scroll-details-up = подробности вверх
key-search-prompts = поиск по вопросам
key-finalize-review = завершить (обзор)
key-this-help = эта справка
key-leave-all-is-saved = выход (всё сохранено)

## Главный экран.
tui-home-tagline = — аудит сервиса, точка контакта за точкой
tui-home-paste-where = вставка идёт в поле объекта или аудитора
tui-home-kept = оставлено
tui-home-trashed = перенесено в корзину; `touchpoint restore { $id }` вернёт
tui-home-not-deleted = не удалено: { $reason }
tui-home-delete-unavailable = удалять здесь нельзя
tui-home-broken-file = в этом файле ошибка: исправьте её (`touchpoint validate`)
tui-home-need-site = сначала введите название объекта
tui-home-need-auditor = введите имя аудитора
tui-home-need-checklists = выберите маршрут или отметьте чек-листы пробелом (Space)
tui-home-delete-confirm = Удалить «{ $site }» ({ $progress })? y переносит в корзину, откуда его вернёт `touchpoint restore` · любая другая клавиша оставляет
tui-home-unreadable = Не читаются записи визитов ({ $count }): { $problem }
tui-home-broken = Ошибки в ваших чек-листах ({ $count }), список в конце: { $problem }
tui-home-keys-drafts = Enter продолжить · d удалить · Tab новый визит · Esc выход
tui-home-keys-checklists = Enter начать · Space отметить · Tab дальше · Esc выход
tui-home-keys-fields = Tab следующее поле · Enter дальше/начать · Esc выход
tui-home-drafts-long = Черновики — Enter продолжает, d удаляет
tui-home-drafts = Черновики
tui-home-no-drafts = Черновиков нет: начните визит ниже.
tui-home-draft-answered = отвечено { $progress }  сохранён { $saved }
tui-home-new-visit = Новый визит
tui-home-site = Объект
tui-home-auditor = Аудитор
tui-home-start = [ Начать визит ]
tui-home-journeys = Маршруты (Enter начинает)
tui-home-singles = Отдельные чек-листы (Space отмечает)
tui-home-broken-heading = Чек-листы с ошибками
tui-home-language = { $tag ->
    [ru] русский
    [en] английский
   *[other] { $tag }
}
tui-home-bundled = встроенный:{ $id }
tui-home-user = свой: { $path }
tui-journey-short = { $name } · { $items ->
    [one] { $items } пункт
    [few] { $items } пункта
    [many] { $items } пунктов
   *[other] { $items } пункта
}

## Значки и внутренняя ошибка.
tui-mark-na = н/п
tui-internal-error = touchpoint остановлен внутренней ошибкой
tui-internal-error-at = в
tui-panic-saved = Визит сохранён в { $path }; `touchpoint resume { $id }` откроет его снова.

## Почему визит не принял изменение.
tui-refused-no-item = такого пункта нет
tui-refused-na = для этого пункта Н/П не допускается
tui-refused-range = { $value } вне допустимого диапазона { $range }
tui-refused-kind = этот пункт ждёт { $kind ->
    [number] число
    [text] текст
   *[options] один из своих вариантов
}
tui-refused-not-timed = секундомер работает только на пунктах со временем: число в секундах, минутах или часах или варианты со временем
tui-refused-longer = { $seconds } с — дольше времени любого варианта; выберите ответ цифрой
tui-refused-attached = этот файл здесь уже прикреплён
tui-refused-no-file = такого прикреплённого файла нет

## Размеры файлов в панели подробностей и в сообщении о прикреплении.
tui-size-bytes = { $size } Б
tui-size-kb = { $size } КБ
tui-size-mb = { $size } МБ

## A text answer quoted in the list.
tui-quoted = «{ $text }»

## Возвращённый визит, для его аудитора (SPEC.md, "Review").
tui-returned-open = Возвращён редактором: { $message } · Вопрос: { $question } · e — ответить
tui-returned-none = Возвращён редактором: { $message } · открытых вопросов нет: F — отправить снова
tui-returned-next = следующий вопрос: { $question }
tui-returned-no-question = К этому пункту вопроса нет; вопросы видны в подробностях. F отправляет снова, когда на все дан ответ.
tui-returned-say-it = Сначала напишите ответ (Esc — отмена).
tui-returned-field = Ваш ответ:
tui-returned-question = ? Вопрос редактора: { $question } (e — ответить)
tui-returned-visit-question = ? Вопрос редактора о визите: { $question } (e отвечает на пункте без своего вопроса)
