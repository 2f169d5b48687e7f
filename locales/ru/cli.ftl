# Командная строка: вывод команд, сообщения о состоянии и об ошибках, --help.

## Сбои самих команд.
cli-no-home = нет домашней папки, где хранить визиты; укажите --data-dir ПАПКА или задайте TOUCHPOINT_DATA_DIR
cli-no-terminal = для визита нужен терминал, а его здесь нет (вывод идёт в канал или файл, или у сеанса нет терминала); ничего не создано. По SSH подключайтесь так: `ssh -t ХОСТ touchpoint …`; в скрипте используйте `touchpoint list` и `touchpoint export`
cli-cannot-watch-signals = не удалось следить за сигналами
cli-terminal = терминал
cli-cannot-write = не удалось вывести сообщение
cli-cannot-write-list = не удалось вывести список
cli-cannot-write-stdout = не удалось писать в стандартный вывод
cli-cannot-write-schema = не удалось вывести схему
cli-cannot-write-completions = не удалось вывести скрипт дополнения
cli-cannot-write-man = не удалось вывести страницу руководства
man-commands = КОМАНДЫ
man-exit-status = КОД ВЫХОДА
man-exit-status-text = 0 — успех; 1 — ошибка, с сообщением в стандартный поток ошибок; 2 — ошибка вызова (неизвестная команда или параметр, недопустимое значение).
man-environment = ОКРУЖЕНИЕ
man-environment-text =
    TOUCHPOINT_DATA_DIR: папка данных, как её задаёт --data-dir.
    LC_ALL, LC_MESSAGES, LANG: язык слов программы (английский или русский), если его не задают ни --lang, ни language в config.toml.
    NO_COLOR: состояние показывается только символами, без цвета.
man-files = ФАЙЛЫ
man-files-text =
    ~/.local/share/touchpoint/visits/КОД.toml: каждый визит, черновик или завершённый (папка данных; 0700, её файлы 0600).
    ~/.local/share/touchpoint/visits/КОД.journal: изменения открытого визита, ещё не внесённые в его запись.
    ~/.local/share/touchpoint/trash/: удалённые визиты, пока пользователь не очистит папку.
    ~/.config/touchpoint/config.toml: настройки по умолчанию (аудитор, язык, папки чек-листов, папка экспорта и её права).
    ~/.config/touchpoint/checklists/: свои чек-листы пользователя.
man-see-also = СМ. ТАКЖЕ
man-see-also-text = README.md проекта и папка docs/: формат записи, как считаются оценки, папка данных и её обещания.
cli-warning = предупреждение: { $warning }

## touchpoint new
cli-did-you-mean = может быть, «{ $near }»?
cli-journeys-are = есть маршруты: { $ids }
cli-no-journey = маршрута «{ $journey }» нет; { $hint }
cli-checklist-twice = чек-лист { $id } указан дважды; в визит каждый чек-лист входит один раз
# Что называет `refuse_control` в своём сообщении («название объекта содержит …»).
cli-what-site = название объекта
cli-what-auditor = имя аудитора

## touchpoint resume и выход из визита.
cli-no-draft = черновиков для продолжения нет; `touchpoint new` начинает визит
cli-resumed-final = визит завершён { $time }: только чтение
cli-resumed-draft = продолжаем черновик, сохранённый в { $time } ({ $ago })
cli-just-now = только что
cli-minutes-ago = { $count ->
    [one] { $count } минуту назад
    [few] { $count } минуты назад
    [many] { $count } минут назад
   *[other] { $count } минуты назад
}
cli-hours-ago = { $count ->
    [one] { $count } час назад
    [few] { $count } часа назад
    [many] { $count } часов назад
   *[other] { $count } часа назад
}
cli-days-ago = { $count ->
    [one] { $count } день назад
    [few] { $count } дня назад
    [many] { $count } дней назад
   *[other] { $count } дня назад
}
cli-not-saved = последние изменения визита { $id } НЕ сохранены: { $error }
cli-visit-saved = визит { $id } сохранён в { $path }

## touchpoint list
cli-trash-empty = корзина пуста
cli-no-visits = визитов пока нет; `touchpoint new` начинает визит
cli-list-id = ВИЗИТ
cli-list-site = ОБЪЕКТ
cli-list-status = СТАТУС
cli-list-progress = ОТВЕЧЕНО
cli-list-score = ОЦЕНКА
cli-list-updated = ИЗМЕНЁН
cli-status-draft = черновик
cli-status-final = завершён
cli-status-not-exported = завершён, не экспортирован
cli-status-unsigned = завершён, не подписан
cli-score-fail = ПРОВАЛ
cli-unreadable-record = запись не читается и оставлена как есть: { $problem }

## touchpoint delete, restore
cli-deleted = визит { $id } перемещён в { $path }; `touchpoint restore { $id }` вернёт его
cli-restored = визит { $id } возвращён; `touchpoint resume { $id }` откроет его

## touchpoint report
cli-skipped = пропущен файл { $problem }
cli-drafts-left-out = { $count ->
    [one] { $count } черновик не учтён; --include-drafts добавит его
    [few] { $count } черновика не учтены; --include-drafts добавит их
    [many] { $count } черновиков не учтено; --include-drafts добавит их
   *[other] { $count } черновика не учтено; --include-drafts добавит их
}
cli-files-skipped = { $count ->
    [one] { $count } файл пропущен; отчёт составлен по остальным
    [few] { $count } файла пропущены; отчёт составлен по остальным
    [many] { $count } файлов пропущено; отчёт составлен по остальным
   *[other] { $count } файла пропущено; отчёт составлен по остальным
}
cli-visit-counted-once = { $path }: визит { $id } есть и в { $first }; учтён один раз
cli-record-too-large = занимает { $size } байт, а запись может быть не больше 16 МиБ, так что это не запись

## touchpoint validate
cli-folder-no-toml = в папке нет файлов .toml
cli-cannot-read-folder = не удалось прочитать папку: { $reason }
cli-validate-ok = { $count ->
    [one] ок { $path }: { $id } ({ $touchpoint }, { $count } пункт)
    [few] ок { $path }: { $id } ({ $touchpoint }, { $count } пункта)
    [many] ок { $path }: { $id } ({ $touchpoint }, { $count } пунктов)
   *[other] ок { $path }: { $id } ({ $touchpoint }, { $count } пункта)
}
cli-validate-all-valid = проверено файлов чек-листов: { $count }, ошибок нет
# «24 ошибки в 1 из 1 файла», «2 ошибки в 2 из 5 файлов».
cli-validate-summary = { $problems ->
    [one] { $problems } ошибка
    [few] { $problems } ошибки
    [many] { $problems } ошибок
   *[other] { $problems } ошибки
} в { $bad } из { $total ->
    [one] { $total } файла
    [few] { $total } файлов
    [many] { $total } файлов
   *[other] { $total } файла
}

## touchpoint checklists
cli-checklists-id = ЧЕК-ЛИСТ
cli-checklists-touchpoint = ТОЧКА КОНТАКТА
cli-checklists-items = ПУНКТОВ
cli-checklists-title = НАЗВАНИЕ
cli-checklists-source = ИСТОЧНИК
cli-source-bundled = встроенный:{ $id }
cli-source-user = свой: { $path }
cli-checklists-skipped = пропущен файл { $problem }

## Папка данных (store.rs): ошибки, что делалось и почему не удалось.
# $folder — data, export или output.
store-bad-id = «{ $id }» — не код визита: используйте латинские буквы, цифры и дефисы, начиная с буквы или цифры, не больше { $most } знаков
store-not-found = визита { $id } нет в { $folder }; `touchpoint list` покажет визиты в этой папке
store-too-large = { $path } занимает { $size } байт, а файл визита может быть не больше { $most } МиБ; уберите его из папки данных
store-locked = визит { $id } открыт в другом сеансе{ $holder }; сначала закройте его там
store-holder-pid = процесс { $pid }
store-holder-host = на хосте { $host }
store-holder-since = с { $time }
store-refused = { $path } не используется: { $why }
store-io = не удалось { $action }: { $reason }
store-action-create-data-folder = создать папку данных { $path }
store-action-open-data-folder = открыть папку данных { $path }
store-action-open-folder = { $folder ->
    [export] открыть папку экспорта { $path }
    [output] открыть папку для вывода { $path }
   *[data] открыть папку данных { $path }
}
store-action-save = сохранить визит { $id }
store-action-read = прочитать визит { $id }
store-action-list = получить список визитов в { $path }
store-action-lock = заблокировать визит { $id }
store-action-release = снять блокировку с визита { $id }
store-action-copy = скопировать визит { $id } в { $path }
store-action-keep-checklist = сохранить копию чек-листа в { $path }
store-action-read-kept = прочитать сохранённую копию чек-листа { $path }
store-action-write = записать { $path }
store-action-read-journal = прочитать журнал визита { $id }
store-action-start-journal = начать журнал визита { $id }
store-action-remove-journal = удалить журнал визита { $id }
store-action-keep-journal = отложить повреждённый журнал визита { $id }
session-journal-damaged = { $count ->
    [one] визит { $id }: { $count } изменение из журнала не удалось применить (повреждённая строка)
    [few] визит { $id }: { $count } изменения из журнала не удалось применить (повреждённые строки)
    [many] визит { $id }: { $count } изменений из журнала не удалось применить (повреждённые строки)
   *[other] визит { $id }: { $count } изменения из журнала не удалось применить (повреждённые строки)
}
session-journal-edited = { $count ->
    [one] визит { $id }: запись изменили после начала журнала; { $count } более позднее изменение применено по пунктам, где оно подходит
    [few] визит { $id }: запись изменили после начала журнала; { $count } более поздних изменения применены по пунктам, где они подходят
    [many] визит { $id }: запись изменили после начала журнала; { $count } более поздних изменений применены по пунктам, где они подходят
   *[other] визит { $id }: запись изменили после начала журнала; { $count } более поздних изменения применены по пунктам, где они подходят
}
session-journal-kept = журнал в прежнем виде сохранён в { $path }
session-journal-will-keep = при возобновлении визита журнал в прежнем виде будет отложен
session-visit-too-large = визит стал бы больше { $most } МиБ, а такой файл не прочитать; сократите длинную заметку
session-journal-moved = журнала больше нет в папке данных (папку переместили или заменили?)
store-action-save-change = сохранить изменение
store-why-kept-changed = содержимое не совпадает с именем: файл изменили после сохранения копии
store-why-foreign-link = это символическая ссылка другого пользователя (uid { $uid }); укажите сам файл
store-why-dangling-link = это символическая ссылка в никуда; укажите сам файл
store-why-pipe-output = это { $kind }: прочесть записанное может другая программа, возможно чужая; чтобы отправить экспорт в канал, укажите -o - (стандартный вывод)
store-why-foreign-output = он принадлежит другому пользователю (uid { $uid }); пишите в свой файл
store-why-foreign-device = это устройство другого пользователя (uid { $uid }); экспорт пишется в файл, /dev/null или ваш собственный терминал
store-why-in-data-folder = он в папке данных { $folder }, и запись туда заменила бы файлы визита; укажите другое место
store-why-link-to-file = это символическая ссылка на файл; укажите сам файл
store-why-folder = это папка; укажите файл в ней
store-why-not-export-target = это { $kind }; экспорт пишется в файл, /dev/null или ваш собственный терминал
store-why-changed-while-opening = он изменился, пока его открывали; попробуйте ещё раз
store-why-foreign-folder = { $folder ->
    [export] папка экспорта принадлежит другому пользователю (uid { $uid }); используйте свою папку
    [output] папка для вывода принадлежит другому пользователю (uid { $uid }); используйте свою папку
   *[data] папка данных принадлежит другому пользователю (uid { $uid }); используйте свою папку
}
store-why-folder-open = { $folder ->
    [export] папка экспорта открыта другим пользователям (права { $mode }), и закрыть её не удалось: { $reason }
    [output] папка для вывода открыта другим пользователям (права { $mode }), и закрыть её не удалось: { $reason }
   *[data] папка данных открыта другим пользователям (права { $mode }), и закрыть её не удалось: { $reason }
}
store-why-link = это символическая ссылка, а по ссылкам в папке данных touchpoint не переходит никогда; удалите ссылку и попробуйте ещё раз
store-why-cannot-check = не удалось его проверить: { $reason }
store-why-not-regular = это { $kind }, а не обычный файл; удалите его и попробуйте ещё раз
store-why-foreign-file = он принадлежит другому пользователю (uid { $uid }); удалите его или обратитесь к владельцу
store-kind-folder = папка
store-kind-fifo = FIFO (именованный канал)
store-kind-char-device = символьное устройство
store-kind-block-device = блочное устройство
store-kind-socket = сокет
store-kind-symlink = символическая ссылка
store-kind-regular = обычный файл
store-no-temp-name = нет свободного имени для временного файла
store-not-regular-file = не обычный файл
store-journal-too-large = журнал больше 16 МиБ
store-reason-disk-full = диск заполнен; освободите место и попробуйте ещё раз
store-reason-quota = превышена дисковая квота; освободите место и попробуйте ещё раз
store-reason-permission = доступ запрещён; проверьте владельца и права { $path }
store-reason-read-only = диск доступен только для чтения
store-reason-folder-in-way-at = мешает папка { $path }
store-reason-folder-in-way = мешает папка
store-reason-too-large = файл больше, чем позволяет система
store-reason-not-a-file-name = это не имя файла
store-reason-file-in-way = мешает файл { $path }
store-reason-folder-missing = { $folder ->
    [export] папки экспорта { $path } нет
    [output] папки для вывода { $path } нет
   *[data] папки данных { $path } нет
}
store-reason-unknown = неизвестная ошибка

## Причины сбоя чтения или записи, как их называет touchpoint.
io-not-found = нет такого файла или папки
io-permission-denied = доступ запрещён
io-is-a-folder = это папка
io-not-a-folder = часть пути — не папка
io-already-exists = уже существует
io-disk-full = диск заполнен
io-read-only = диск доступен только для чтения
io-quota = превышена дисковая квота
io-file-too-large = файл слишком большой
io-interrupted = прервано; попробуйте ещё раз
io-timed-out = время ожидания истекло
io-broken-pipe = читающая программа закрылась (обрыв канала)
io-busy = файл занят
io-folder-not-empty = папка не пуста
io-crosses-devices = это на другом диске
io-too-many-links = слишком много ссылок
io-name-too-long = слишком длинное имя
io-out-of-memory = не хватает памяти
io-stale = устаревший дескриптор сетевого файла
io-unsupported = система этого не поддерживает
io-input-output = ошибка ввода-вывода
io-loop = символические ссылки образуют петлю
io-no-device = нет такого устройства или адреса
io-would-block = ресурс сейчас занят; попробуйте ещё раз

## Корзина: touchpoint delete и restore.
trash-no-visit = визита { $id } для удаления нет; `touchpoint list` покажет визиты
trash-not-in-trash = визита { $id } в корзине нет; `touchpoint list --trash` покажет, что там есть
trash-taken = { $path } уже существует; сначала переместите его, чтобы не потерять ни один из визитов
trash-action-delete = переместить визит { $id } в корзину
trash-action-restore = вернуть визит { $id }
trash-action-read = прочитать { $path }
trash-journal-not-regular = { $path } — не обычный файл

## Открытый визит (session.rs).
session-needs-checklists = визиту { $id } нужны чек-листы, перечисленные выше; верните их на место и попробуйте ещё раз
session-not-written-yet = запись визита ещё не сохранена
session-checklist-not-kept = сохранено, но копия чек-листа не сохранена: { $error }
session-not-exported = сохранено, но не экспортировано: { $error }
session-journal-needs-checklists = { $count ->
    [one] содержит { $count } изменение, которого ещё нет в записи, а для него нужны чек-листы визита: { $problems }
    [few] содержит { $count } изменения, которых ещё нет в записи, а для них нужны чек-листы визита: { $problems }
    [many] содержит { $count } изменений, которых ещё нет в записи, а для них нужны чек-листы визита: { $problems }
   *[other] содержит { $count } изменения, которых ещё нет в записи, а для них нужны чек-листы визита: { $problems }
}
session-too-large = занимает { $size } байт, а файл визита может быть не больше 16 МиБ; уберите его из папки данных
session-cannot-read = не удалось прочитать: { $reason }

## Файл к визиту (evidence.rs); показывается на экране визита.
evidence-not-found = { $path }: такого файла нет; проверьте путь (Tab дополняет его)
evidence-folder = { $path } — папка; прикрепите файл из неё
evidence-not-regular = { $path } — не обычный файл (устройство, канал или сокет); прикрепите файл
evidence-too-large = { $path } занимает { $size }, а файл может быть не больше 25 МиБ; прикрепите уменьшенную копию
evidence-empty = { $path } пуст; прикреплять нечего
evidence-unreadable = не удалось прочитать { $path }: { $reason }
evidence-store = не удалось скопировать файл в папку данных: { $error }
evidence-action-create = создать { $path }
evidence-over-limit = больше 25 МиБ

## config.toml и чек-листы, названные в командной строке (config.rs).
config-not-utf8 = файл не в UTF-8; сохраните его в кодировке UTF-8
config-not-regular = не обычный файл (FIFO, устройство, сокет или ссылка на них); config.toml должен быть файлом
config-too-large = больше { $most } КиБ; в config.toml всего несколько настроек
config-mode-not-octal = export_mode { $mode } — не восьмеричные права файла; запишите их, как для chmod, например "0640"
config-mode-not-a-mode = export_mode должен быть правами файла, например "0640"
config-mode-not-allowed = export_mode { $mode } не подходит: экспорту нужны чтение и запись для владельца (первая цифра 6), а группе и остальным можно дать только чтение или запись, например "0640"
config-no-checklist-near = нет ни файла, ни кода чек-листа с таким именем — может быть, «{ $near }»?
config-no-checklist = нет ни файла, ни кода чек-листа с таким именем; `touchpoint checklists` перечислит коды

## --help: о каждой команде и аргументе. Пометки clap [env], [default] и
## [possible values] вне английского скрыты, поэтому тексты говорят их сами.
help-about = Аудит сервиса с клавиатуры в терминале: на входе чек-листы TOML, на выходе записи TOML с отметками времени
help-usage = Использование:
help-commands = Команды
help-arguments = Аргументы
help-options = Параметры
help-help = Показать справку
help-version = Показать версию
help-help-command = Показать эту справку или справку по указанной команде
help-data-dir = Папка данных для визитов (по умолчанию — папка данных системы; её можно задать и переменной TOUCHPOINT_DATA_DIR)
help-lang = Язык слов самой программы: en — английский, ru — русский (по умолчанию — `language` из config.toml, иначе язык локали)
help-new = Начать визит и открыть его
help-new-site = Название проверяемого объекта, например «Отель Метрополь»
help-new-auditor = Имя аудитора (по умолчанию — из настроек, иначе имя пользователя в системе)
help-new-journey = Весь маршрут, например hotel-stay, luxury-train или river-cruise, на языке интерфейса, если он есть
help-new-checklists = Чек-листы: пути к файлам или коды встроенных и своих чек-листов (по умолчанию — проживание в отеле на языке интерфейса)
help-resume = Продолжить черновик (последний, если код не указан); завершённый визит открывается только для чтения
help-resume-id = Код визита, как его показывает `touchpoint list`
help-list = Список визитов: код, объект, статус, ответы, оценка, время изменения
help-list-trash = Вместо визитов — удалённые, ждущие в корзине
help-delete = Переместить визит в корзину (`trash/` в папке данных); `restore` вернёт его
help-delete-id = Код визита, как его показывает `touchpoint list`
help-restore = Вернуть удалённый визит из корзины
help-restore-id = Код визита, как его показывает `touchpoint list --trash`
help-export = Вывести запись визита в другом формате
help-export-id = Код визита
help-output = Куда записать (по умолчанию — в стандартный вывод)
help-export-format = Формат: toml — сама запись (по умолчанию), json — те же данные в JSON, csv — строка на каждое наблюдение, md — документ для разбора, html — отчёт для объекта одним файлом HTML
help-report = Свести записи в один обзор: оценки по объектам, точкам контакта, тегам и месяцам, карта сервиса и чаще всего невыполненные пункты
help-report-paths = Файлы записей или папки, где искать записи .toml (по умолчанию — завершённые визиты в папке данных)
help-report-format = Формат: table — таблица для терминала (по умолчанию), md — Markdown, csv — CSV, json — JSON, html — один файл HTML с диаграммами и картой сервиса
help-report-include-drafts = Учитывать и черновики (по умолчанию не учитываются: они ещё могут измениться)
help-report-site = Только этот объект (регистр не важен); можно указать несколько раз
help-report-since = Только визиты, начатые в этот день (2026-11-22) или месяц (2026-11) и позже
help-report-until = Только визиты, начатые в этот день (2026-11-22) или месяц (2026-11) и раньше
help-report-min-coverage = Завершённые визиты, где отвечено меньше этой доли показанных пунктов (в процентах), отмечаются как неполные и не учитываются ни в одной цифре
help-report-min-answers = Сколько оценённых ответов нужно пункту, чтобы попасть в список самых частых промахов
help-compare = Два визита на один объект, пункт за пунктом: исправлено, ухудшилось, по-прежнему промах, новое
help-compare-a = Более ранний визит: файл записи или идентификатор визита
help-compare-b = Более поздний визит: файл записи или идентификатор визита
help-compare-format = Формат вывода
help-report-line = Граница между высокими и низкими оценками на карте сервиса, в процентах (по умолчанию 80)
help-line-not-percent = укажите процент от 0 до 100, например 80
help-validate = Проверить файлы чек-листов или папки с ними; код выхода 1 при любой ошибке
help-validate-paths = Файлы чек-листов или папки с файлами .toml
help-checklists = Доступные чек-листы и откуда они взяты
help-schema = Вывести JSON Schema для подсказок в редакторе
help-schema-kind = Какой формат файлов: checklist — чек-листы, record — записи визитов
help-json = В формате JSON, для скриптов
help-completions = Вывести скрипт дополнения для оболочки (дополняются и коды визитов и чек-листов)
help-completions-shell = Оболочка: bash, zsh, fish, elvish или powershell
help-man = Вывести страницу руководства (roff) в стандартный вывод
help-value-shell = ОБОЛОЧКА
help-sign = Подписать завершённую запись, которую не удалось подписать при завершении (`signing_key` в config.toml)
help-check = Отметить в записях то, что не сходится (ответы против секундомера и заметок, промахи без заметки, слишком быстрые ответы и ответы вне визита, фото, контрольные пункты, выбивающиеся аудиторы); код выхода 1, если есть отметки
check-drafts-left-out = { $count ->
    [one] { $count } черновик не учтён: проверяются завершённые записи
    [few] { $count } черновика не учтены: проверяются завершённые записи
    [many] { $count } черновиков не учтено: проверяются завершённые записи
   *[other] { $count } черновика не учтено: проверяются завершённые записи
}
check-files-skipped = { $count ->
    [one] { $count } файл пропущен; остальные проверены
    [few] { $count } файла пропущены; остальные проверены
    [many] { $count } файлов пропущено; остальные проверены
   *[other] { $count } файла пропущено; остальные проверены
}
check-checklist-missing = { $problem }; его пункты проверены только по записи
help-verify = Проверить подписи записей; код выхода 1, если подписи нет, она неверна или ключ не разрешён
help-verify-allowed-signers = Файл allowed_signers OpenSSH (по умолчанию — `allowed_signers` из config.toml)
help-value-file = ФАЙЛ
sign-not-a-key = это не закрытый и не открытый ключ OpenSSH ({ $reason })
sign-allowed-bad-key = это не открытый ключ ({ $reason }); строка такая: принципалы [параметры] тип-ключа ключ-base64
sign-allowed-cert-authority = ключи cert-authority не поддерживаются: перечислите собственный ключ каждого аудитора
sign-allowed-unknown-option = неизвестный параметр { $option }; touchpoint знает namespaces=, valid-after= и valid-before=
sign-allowed-bad-time = { $time } — не время; пишите ГГГГММДД, ГГГГММДДЧЧММ или ГГГГММДДЧЧММСС, с Z для UTC
sign-not-a-signature = это не подпись SSH ({ $reason })
sign-wrong-namespace = подписано для { $namespace }, а не для touchpoint-record
sign-does-not-match = байты записи не те, что подписаны: запись изменили после подписи
sign-key-not-allowed = ключа { $fingerprint } нет в allowed_signers для { $auditor }
sign-key-of-another = ключ { $fingerprint } разрешён для { $principals }, а не для аудитора записи { $auditor }
sign-key-not-for-records = ключ { $fingerprint } в allowed_signers ограничен другими пространствами имён
sign-key-out-of-time = ключ { $fingerprint } вне срока valid-after/valid-before
sign-not-a-small-file = не обычный файл размером до 1 МиБ
sign-cannot-read-key = не удалось прочитать ключ подписи { $path }: { $reason }
sign-no-agent = для { $path } нужен ssh-agent (ключ с паролем или открытый ключ), а он не запущен (SSH_AUTH_SOCK не задан); запустите его и добавьте ключ `ssh-add`, затем `touchpoint sign ID`
sign-agent-unreachable = не удалось связаться с ssh-agent: { $reason }
sign-agent-lacks-key = в ssh-agent нет ключа { $path }; добавьте его `ssh-add`, затем `touchpoint sign ID`
sign-agent-refused = ssh-agent не подписал: { $reason }
sign-no-key-configured = нет ключа подписи: укажите в config.toml `signing_key` — ваш ключ SSH (или его .pub, если ключ в ssh-agent)
sign-draft = визит { $id } — черновик: подписывается только завершённая запись
sign-signed = визит { $id } подписан: { $path }
sign-unsigned = визит { $id } завершён, но не подписан: { $why }; `touchpoint sign { $id }` подпишет его, когда ключ будет доступен
sign-copy-not-exported = подпись не скопирована в папку экспорта: { $error }
sign-no-allowed-signers = нет файла allowed_signers: укажите --allowed-signers ФАЙЛ или `allowed_signers` в config.toml
sign-cannot-read-allowed = не удалось прочитать { $path }: { $reason }
verify-valid = подписано: { $principal }
verify-unsigned = рядом с записью нет подписи
verify-invalid = неверная подпись: { $why }
verify-bad-log = журнал изменений не соответствует записи: { $why }
verify-unknown-key = { $why }
help-value-dir = ПАПКА
help-value-lang = ЯЗЫК
help-value-site = ОБЪЕКТ
help-value-auditor = АУДИТОР
help-value-id = КОД
help-value-checklist = ЧЕК-ЛИСТ
help-value-path = ПУТЬ
help-value-paths = ПУТИ
help-value-format = ФОРМАТ
help-value-s = ОБЪЕКТ
help-value-date = ДАТА
help-value-n = ЧИСЛО
help-value-percent = ПРОЦЕНТ
help-value-kind = ВИД

## Ошибки командной строки (по-английски их пишет сам clap).
usage-options = ПАРАМЕТРЫ
usage-command = КОМАНДА
usage-error = ошибка: { $message }
usage-unknown-command = неизвестная команда «{ $name }»
usage-unknown-argument = неизвестный аргумент «{ $name }»
usage-invalid-value-choices = недопустимое значение «{ $value }» для «{ $arg }»; возможные значения: { $choices }
usage-invalid-value = недопустимое значение «{ $value }» для «{ $arg }»
usage-invalid-value-why = недопустимое значение «{ $value }» для «{ $arg }»: { $why }
usage-missing = не указаны обязательные аргументы: { $args }
usage-missing-command = нужна команда
usage-conflict = аргумент «{ $arg }» нельзя указывать вместе с «{ $other }»
usage-too-many = лишнее значение «{ $value }» для «{ $arg }»
usage-invalid-utf8 = в аргументах есть текст не в UTF-8
usage-other = командная строка неверна около «{ $arg }»
usage-more = Подробнее: --help

## Управляющие символы в именах и путях (text.rs).
text-control-one-line = { $what }: управляющий символ { $char } на { $at }-й позиции; удалите его (нужна одна строка обычного текста)
text-control-multi-line = { $what }: управляющий символ { $char } на { $at }-й позиции; удалите его (допустимы только перевод строки и табуляция)
char-nul = NUL
char-bell = звонок
char-backspace = забой
char-carriage-return = возврат каретки
char-escape = ESC
char-delete = DEL
char-csi = начало управляющей последовательности
char-rtl-override = смена направления на справа налево
char-ltr-override = смена направления на слева направо
char-zero-width-space = пробел нулевой ширины

## Чтение записи и восстановление визита по ней (record/), а также даты
## touchpoint report. Цитаты из файла экранируются до того, как попадают сюда.
record-not-utf8 = это не UTF-8; запись — файл TOML в кодировке UTF-8
record-too-large = { $size ->
    [one] файл занимает { $size } байт, а запись может быть не больше { $most } МиБ, так что touchpoint такой записи не писал
    [few] файл занимает { $size } байта, а запись может быть не больше { $most } МиБ, так что touchpoint такой записи не писал
   *[other] файл занимает { $size } байт, а запись может быть не больше { $most } МиБ, так что touchpoint такой записи не писал
}
record-empty = файл пуст; запись начинается с format = 1 и таблицы [visit]
record-toml-syntax = синтаксис TOML: { $message }
record-missing-field = нет поля `{ $field }`
# Дописывается к record-missing-field, когда файл кончается без таблицы.
record-cut-short = { $problem }: в записи нет такой таблицы или ключа верхнего уровня; если файл обрывается на полуслове, его обрезали
# Слова serde: «`a`», «`a` или `b`», «одно из: `a`, `b`, `c`».
record-unknown-field = неизвестное поле `{ $field }`; { $count ->
    [0] полей здесь нет
    [1] ожидалось { $first }
    [2] ожидалось { $first } или { $second }
   *[other] ожидалось одно из: { $fields }
}
record-hint-datetime = { $problem }; напишите время без кавычек, например started = 2026-11-22T14:03:12+03:00
record-did-you-mean = { $problem }; может быть, `{ $field }`?
record-format-newer = формат записи { $format } этот touchpoint не читает (он читает формат { $reads }); откройте её более новой версией touchpoint
record-bad-visit-id = код визита состоит из латинских букв, цифр и дефисов (не больше 128 знаков), например 20261122T140312-hotel-metropol-7f3a
record-final-needs-finished = у завершённого визита должно быть поле `finished` — время завершения; добавьте его или поставьте status = "draft"
record-draft-has-finished = поле `finished` бывает только у завершённого визита; удалите его или поставьте status = "final"
record-bad-checklist-id = код чек-листа состоит из строчных латинских букв, цифр и дефисов, не больше 64 знаков
record-checklist-twice = чек-лист { $id } указан дважды; удалите один
record-unlisted-checklist = { $then ->
    [file] чек-листа «{ $id }» нет среди [[checklists]] этой записи; исправьте код или удалите checklist и item, чтобы файл относился ко всему визиту
    [stopwatch] чек-листа «{ $id }» нет среди [[checklists]] этой записи; исправьте код или удалите секундомер
   *[other] чек-листа «{ $id }» нет среди [[checklists]] этой записи; исправьте код или добавьте чек-лист
}
record-bad-item-id = код пункта состоит из строчных латинских букв, цифр и дефисов, не больше 64 знаков
record-recorded-twice = { $item } записан дважды; оставьте одно из двух наблюдений
record-na-with-answer = у наблюдения с ответом Н/П нет поля `answer`; удалите `na = true` или ответ
record-bad-tag = метка «{ $tag }» — не код; метка состоит из строчных латинских букв, цифр и дефисов
record-not-a-number = { $key } должно быть числом >= 0
record-percentage-not-a-number = процент для { $name } должен быть числом >= 0
record-file-half-named = { $missing ->
    [item] у прикреплённого файла указывают и checklist, и item, или ни того ни другого, если файл относится ко всему визиту; добавьте item или удалите checklist
   *[checklist] у прикреплённого файла указывают и checklist, и item, или ни того ни другого, если файл относится ко всему визиту; добавьте checklist или удалите item
}
record-bad-file-path = file — путь к копии внутри папки данных, например evidence/20261122T140312-hotel-metropol-7f3a/3fa2b1c4d5e6-receipt.jpg; без / в начале, без .. и без управляющих символов
record-bad-sha256 = sha256 — это 64 строчные шестнадцатеричные цифры
record-final-has-timers = у завершённого визита не бывает идущих секундомеров; удалите его [[timers]]
record-two-stopwatches = у { $item } два секундомера; оставьте один
record-unknown-status = неизвестный статус «{ $status }»; напишите "draft" или "final"
record-answer-not-finite = числовой ответ должен быть конечным числом, а не nan или inf
record-time-not-full = { $time } — это не полные дата и время; напишите дату, время и смещение от UTC, например 2026-11-22T14:03:12+03:00
record-time-bad = { $time }: { $part ->
    [offset] смещение вне допустимых пределов
    [year] год вне допустимых пределов
    [month] месяц вне допустимых пределов
    [day] день вне допустимых пределов
    [hour] час вне допустимых пределов
    [minute] минута вне допустимых пределов
    [second] секунда вне допустимых пределов
    [fraction] доля секунды вне допустимых пределов
    [date] такой даты или времени нет
   *[other] вне допустимых пределов
}; напишите дату, время и смещение от UTC, например 2026-11-22T14:03:12+03:00
record-cannot-write = touchpoint не смог записать запись ({ $error }); пожалуйста, сообщите об этом
record-checklist-changed = чек-лист { $id } ({ $source }) изменился с тех пор, как визит был записан; ответы сопоставлены с его пунктами по кодам
record-checklist-unavailable = { $count ->
    [one] чек-лист { $id } ({ $source }) недоступен; его { $count } записанное наблюдение не учтено
    [few] чек-лист { $id } ({ $source }) недоступен; его { $count } записанных наблюдения не учтены
   *[other] чек-лист { $id } ({ $source }) недоступен; его { $count } записанных наблюдений не учтены
}
record-checklist-not-in-record = чек-лист { $id } не входит в эту запись и не учтён
record-item-gone = { $item } больше не пункт своего чек-листа; не учтено: { $what }
record-na-left-out = { $item }: чек-лист больше не разрешает Н/П для этого пункта; ответ Н/П не учтён
record-answer-left-out = { $item }: { $why }; ответ { $answer } не учтён
record-timer-gone = { $item } больше не пункт на время; его секундомер, запущенный { $started }, не учтён
record-file-item-gone = { $item } больше не пункт своего чек-листа; прикреплённый к нему файл { $file } остаётся в списке
record-why-na = чек-лист больше не разрешает Н/П для этого пункта
record-why-no-option = у пункта теперь нет такого варианта
record-why-not-number = на пункт отвечают одним из его вариантов, а не числом
record-why-not-text = пункт принимает число, а не текст
record-left-answer = ответ { $answer }
record-left-na = ответ Н/П
record-left-note = заметка { $note }
record-left-times = его отметки времени
record-no-bundled = в этой версии touchpoint нет встроенного чек-листа с таким кодом
record-kept-copy-of = сохранённая копия { $source }
record-from-copy = { $why ->
    [changed] чек-лист { $id } взят из копии, сохранённой в начале визита ({ $source } изменился)
   *[gone] чек-лист { $id } взят из копии, сохранённой в начале визита ({ $source } больше нет)
}
record-cannot-load = не удаётся загрузить чек-лист { $id }: { $problems }
record-journal-line = строка журнала { $line }: { $problem }
record-journal-not-an-item = { $item } — не пункт чек-листов визита; изменение не учтено
report-not-a-date = «{ $value }» — не дата; напишите день как 2026-11-22 или месяц как 2026-11

## Синтаксис TOML: слова библиотеки toml по-русски. Фраза, которой здесь
## нет, остаётся такой, как её пишет toml.
toml-expected = { $problem }; ожидалось: { $expected }
toml-day-range = день от 01 до { $most }
toml-underscore-between-digits = `_` может стоять только между цифрами
toml-too-deep = слишком глубокая вложенность; дальше разбирать нельзя
toml-carriage-return = за возвратом каретки должен идти перевод строки
toml-extra-equals = лишний `=`
toml-extra-assignment = лишнее присваивание между парами ключ-значение
toml-extra-comma-array = лишняя запятая в массиве
toml-extra-comma-inline-table = лишняя запятая во встроенной таблице
toml-signed-radix = у целого числа с основанием не бывает знака
toml-invalid-basic-string = неверная строка в двойных кавычках
toml-invalid-binary = неверное двоичное число
toml-invalid-boolean = неверное логическое значение
toml-invalid-comment-char = недопустимый символ в комментарии
toml-invalid-date-time = неверные дата и время
toml-invalid-datetime = неверные дата и время
toml-invalid-date = неверная дата
toml-invalid-time = неверное время
toml-invalid-offset = неверное смещение
toml-invalid-exponent = неверный порядок числа
toml-invalid-float = неверное дробное число
toml-invalid-fraction = неверная дробная часть
toml-invalid-hex = неверное шестнадцатеричное число
toml-invalid-inline-table-element = неверный элемент встроенной таблицы
toml-invalid-integer = неверное целое число
toml-invalid-key = неверный ключ
toml-invalid-key-value = неверная пара ключ-значение
toml-invalid-literal-string = неверная строка в одинарных кавычках
toml-invalid-mantissa = неверная мантисса
toml-invalid-multi-line-basic-string = неверная многострочная строка в двойных кавычках
toml-invalid-multi-line-literal-string = неверная многострочная строка в одинарных кавычках
toml-invalid-octal = неверное восьмеричное число
toml-invalid-string = неверная строка
toml-invalid-table = неверная таблица
toml-invalid-unquoted-key = неверный ключ без кавычек
toml-invalid-value = неверное значение
toml-key-with-no-value = ключ без значения
toml-key-multi-line-basic = ключ не может быть многострочной строкой в двойных кавычках
toml-key-multi-line-literal = ключ не может быть многострочной строкой в одинарных кавычках
toml-missing-array-opening = нет открывающей скобки массива
toml-missing-assignment = между ключом и значением не хватает знака =
toml-missing-comma-array = между элементами массива не хватает запятой
toml-missing-comma-pairs = между парами ключ-значение не хватает запятой
toml-missing-comment-start = нет начала комментария
toml-missing-escaped-value = после обратной косой черты нет символа
toml-missing-inline-table-opening = нет открывающей скобки встроенной таблицы
toml-missing-inline-key = у элемента встроенной таблицы нет ключа
toml-missing-opening-quote = нет открывающей кавычки
toml-missing-table-open = нет открывающей скобки таблицы
toml-missing-value-for-key = у ключа нет значения
toml-missing-value = нет значения
toml-radix-lowercase = префикс основания пишется строчной буквой
toml-redundant-prefix = лишний префикс целого числа
toml-redundant-sign = лишний знак числа
toml-string-unquoted = строковые значения пишутся в кавычках
toml-few-unicode-digits = слишком мало цифр в коде символа Юникода
toml-unclosed-array-table = не закрыт заголовок массива таблиц
toml-unclosed-array = не закрыт массив
toml-unclosed-inline-table = не закрыта встроенная таблица
toml-unclosed-table = не закрыт заголовок таблицы
toml-equals-in-array = неожиданный `=` в массиве
toml-content-after-comment = неожиданный текст между комментарием и концом строки
toml-unexpected-content = неожиданный текст
toml-unexpected-key-or-value = неожиданный ключ или значение
toml-leading-zero = лишний ноль в начале числа
toml-unexpected-sign = неожиданный знак
toml-empty-unquoted-key = ключ без кавычек не может быть пустым
toml-duplicate-key = ключ повторяется
toml-nothing = ничего
toml-newline = конец строки
toml-basic-string = строка в двойных кавычках
toml-characters = символы
toml-digits = цифры
toml-key = ключ
toml-letters = буквы
toml-literal-string = строка в одинарных кавычках
toml-multi-line-basic-string = многострочная строка в двойных кавычках
toml-non-double-quote-visible = видимые символы, кроме двойной кавычки
toml-non-single-quote = символы, кроме одинарной кавычки
toml-non-single-quote-visible = видимые символы, кроме одинарной кавычки
toml-numbers = цифры
toml-printable = печатные символы
toml-unicode-hex = шестнадцатеричный код символа Юникода
toml-value = значение
toml-year-digits = год из четырёх цифр (ГГГГ)
toml-month-digits = месяц из двух цифр (ММ)
toml-day-digits = день из двух цифр (ДД)
toml-hour-digits = час из двух цифр (ЧЧ)
toml-minute-digits = минуты из двух цифр (ММ)
toml-second-digits = секунды из двух цифр (СС)
toml-month-range = месяц от 01 до 12
toml-hour-range = час от 00 до 23
toml-hours-range = часы смещения от 00 до 23
toml-minute-range = минута от 00 до 59
toml-minutes-range = минуты смещения от 00 до 59
toml-second-range = секунда от 00 до 60
toml-t-between = `T` между датой и временем
toml-dash-month-day = `-` (ММ-ДД)
toml-colon-hour-minute = `:` (ЧЧ:ММ)
toml-dash-or-colon = `-` (ГГГГ-ММ) или `:` (ЧЧ:ММ)
toml-day = день
toml-hour = час
toml-minute = минута
toml-month = месяц
toml-second = секунда

## Слова serde о значении не того типа в записи.
record-invalid-type = неверный тип: { $found }, а нужно { $wanted }
record-invalid-value = неверное значение: { $found }, а нужно { $wanted }
record-found-boolean = логическое значение { $value }
record-found-integer = целое число { $value }
record-found-string = строка { $value }
record-found-character = символ { $value }
record-found-float = дробное число { $value }
record-found-array = массив
record-found-table = таблица
record-wanted-string = строка
record-wanted-whole-number = целое число >= 0
record-wanted-number = число
record-wanted-boolean = логическое значение (true или false)
record-wanted-array = массив
record-wanted-datetime = дата и время TOML
record-wanted-answer = код варианта, число или текст
record-wanted-percentages = таблица процентов, например "check-in" = 90.0
# Имя таблицы во внутренних словах программы по-русски не показываем.
record-wanted-table = { $name ->
   *[other] таблица
}

## toml's words for numbers that do not fit and dotted keys.
toml-dotted = { $kind ->
    [string] строку
    [integer] целое число
    [float] дробное число
    [boolean] логическое значение
    [datetime] дату и время
    [array] массив
    [inline-table] встроенную таблицу
   *[table] таблицу
} нельзя дополнить ключом с точкой: значение уже задано
toml-integer-overflow = целое число слишком велико
toml-float-overflow = дробное число слишком велико
cli-link-not-followed = символическая ссылка внутри папки, по ней не переходим (её мог подложить другой пользователь); чтобы включить файл, укажите его самого
cli-empty-data-dir-variable = переменная окружения TOUCHPOINT_DATA_DIR задана, но пуста; удалите её или укажите в ней папку
cli-not-exported = визит { $id } завершён, но не скопирован в папку экспорта: { $error }; попытка повторяется при каждом запуске и командой list
cli-no-export-folder = в config.toml больше нет export_folder
cli-exported-now = визит { $id } теперь скопирован в папку экспорта { $path }
evidence-would-wait = это файл ядра или устройства, который сейчас нельзя прочесть (чтение ждало бы); прикрепите обычный файл
cli-evidence-not-copied = { $file } не скопирован рядом с экспортом: { $reason }
cli-evidence-outside = его путь ведёт за пределы папки данных
cli-id-differs = { $path }: его [visit] id — { $id }, а не имя файла; показан как { $name } — по этому имени его находят все команды
help-review = Стол редактора: очередь записей на проверку или одно действие с записью
help-review-paths = С действием — запись (файл или идентификатор визита); без него — файлы записей или папки для списка
help-review-query = Задать аудитору вопрос о пункте (checklist/item или "visit")
help-review-correct = Исправить ответ: checklist/item=ответ (с --reason)
help-review-reason = Почему ответ исправлен
help-review-approve = Принять запись
help-review-note = Комментарий к приёму
help-review-return = Вернуть запись аудитору с этим текстом
help-review-exclude = Исключить запись из всех показателей по этой причине
help-value-rec = ЗАПИСЬ
help-value-item-answer = ПУНКТ=ОТВЕТ
help-value-text = ТЕКСТ
help-report-status = Только завершённые визиты с этими статусами проверки: final, approved, returned, excluded или all (по умолчанию final и approved)
help-value-status = СТАТУС
help-status-unknown = статус проверки: final, approved, returned, excluded или all
report-reviewed-left-out = { $count ->
    [one] { $count } возвращённый или исключённый визит не учтён (выбирает --status)
    [few] { $count } возвращённых или исключённых визита не учтены (выбирает --status)
   *[many] { $count } возвращённых или исключённых визитов не учтены (выбирает --status)
}


## The change log (issue 22)
store-action-read-log = прочитать журнал изменений визита { $id }
store-action-write-log = записать журнал изменений визита { $id }
help-log = Показать журнал изменений визита по времени: что и когда изменилось
log-not-a-line = это не строка журнала изменений
log-chain-broken = цепочка здесь разорвана: строку удалили, добавили или изменили
log-cut-short = последняя строка оборвана
log-missing = журнала изменений { $path } нет
log-unreadable = не удалось прочитать журнал изменений { $path }: { $reason }
log-hash-differs = журнал изменений { $path } не тот, что назван в записи (его sha256 не совпадает с log_sha256)
log-visit = визит
log-undo = отмена
log-redo = повтор
log-field-note = заметка
log-field-evidence = файл
log-field-stopwatch = секундомер
log-field-status = статус
log-no-visit = визита { $id } нет; `touchpoint list` покажет визиты
log-empty = (изменений пока нет)
help-report-require-signed = Не учитывать визиты без действительной подписи (нужен файл allowed_signers)
report-unsigned-left-out = { $count ->
    [one] { $count } визит не учтён: нет действительной подписи (--require-signed)
    [few] { $count } визита не учтены: нет действительной подписи (--require-signed)
    [many] { $count } визитов не учтено: нет действительной подписи (--require-signed)
   *[other] { $count } визита не учтено: нет действительной подписи (--require-signed)
}
cli-home-unsigned = визит { $id } завершён, но не подписан: `touchpoint sign { $id }` подпишет его
help-report-allowed-signers = Файл с разрешёнными ключами подписи (по умолчанию — из config.toml)
