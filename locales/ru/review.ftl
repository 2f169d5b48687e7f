# Проверка записи редактором (SPEC.md, «Review»): файлы проверки, `touchpoint review`.

review-status-final = завершён
review-status-approved = принят
review-status-returned = возвращён
review-status-excluded = исключён
review-status-resubmitted = отправлен повторно
review-status-returned-open = { $count ->
    [one] возвращён, { $count } открытый вопрос
    [few] возвращён, { $count } открытых вопроса
   *[many] возвращён, { $count } открытых вопросов
}
review-unknown-format = у этого файла проверки формат { $format }; touchpoint читает формат 1
review-entry-lacks = записи вида { $kind } нужен ключ `{ $key }`
review-of-another-record = { $path } — проверка визита { $record }, а не { $id }
review-sha-mismatch = { $path } написан о других байтах визита { $id } (его record_sha256 не совпадает с записью)
review-ignored = файл проверки не учтён: { $why }
review-link-refused = отказ: { $path } — символическая ссылка; файл проверки никогда не пишется и не читается через ссылку
review-not-regular = отказ: { $path } — не обычный файл
review-hard-link = отказ: у { $path } есть другое имя (жёсткая ссылка); скопируйте файл
review-foreign-file = отказ: { $path } принадлежит пользователю { $uid } и не лежит в общей папке группы с битом setgid
review-too-large = { $path } — { $size } байт, больше, чем может быть файл проверки
review-not-utf8 = { $path } — не текст в UTF-8
review-busy = { $path } всё время менялся; попробуйте ещё раз
review-no-such-visit = в папке данных нет визита { $id } (`touchpoint list` показывает идентификаторы)
review-of-draft = { $path } — черновик: проверяется только завершённая запись (сначала аудитор её завершает)
review-one-record = действие (--query, --correct, --approve, --return, --exclude) относится ровно к одной записи: файлу или идентификатору визита
review-empty-text = { $what } пуст: скажите словами
review-what-question = вопрос
review-what-reason = причина
review-what-note = комментарий
review-what-message = текст
review-correct-visit = исправляется ответ на один пункт (checklist/item), а не весь визит
review-unknown-item = в { $path } нет пункта { $item }; ближайшие: { $near }
review-no-checklist = не удаётся исправить { $item }: его чек-лист не загружается, и варианты ответа неизвестны: { $problems }
review-item-not-in-checklist = не удаётся исправить { $item }: в чек-листе { $checklist }, каким он загружается сейчас, такого пункта нет (запись сделана по другой его версии), и варианты ответа неизвестны
review-not-an-option = { $path }: { $answer } — не ответ на { $item }; допустимо: { $takes }
review-takes-number = число от { $min } до { $max }
review-takes-text = любой текст
review-same-answer = на { $item } уже ответ { $answer }: исправлять нечего
review-done-query = вопрос по { $item } визита { $id }
review-done-correct = исправление { $item } визита { $id }: { $change }
review-done-status = визит { $id }: { $status }
review-written = { $done }; записано в { $path }
review-queue-empty = Нет записей, ожидающих проверки.
review-queue-auditor = АУДИТОР
review-queue-finished = ЗАВЕРШЁН
review-queue-no-screen = (Экрана проверки пока нет: действуйте командами touchpoint review REC --query, --correct, --approve, --return или --exclude.)
review-export-title = Проверка
review-export-status = Статус проверки: { $status }
review-export-correction = { $item }: { $change } — { $reason }
review-compare-line = Проверка: A — { $a }, B — { $b }
