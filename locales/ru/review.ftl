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
review-queue-signed = ПОДПИСЬ
review-export-title = Проверка
review-export-status = Статус проверки: { $status }
review-export-correction = { $item }: { $change } — { $reason }
review-compare-line = Проверка: A — { $a }, B — { $b }

## Экран проверки (src/tui/desk.rs).
desk-queue-title = Очередь проверки: { $count ->
    [one] { $count } запись ждёт проверки
    [few] { $count } записи ждут проверки
   *[many] { $count } записей ждут проверки
}
desk-queue-footer = Enter открыть · j k выбор · ? справка · q выход
desk-title = Проверка · { $header }
desk-footer = ] [ отметки · m M спросить · c исправить · A принять · R вернуть · X исключить · ? · q назад
desk-answer = Ответ: { $answer }
desk-corrected = Исправлено: { $change } — { $reason }
desk-open-query = ? Открытый вопрос: { $text }
desk-note = Заметка: { $note }
desk-visit-note = Заметка о визите: { $note }
desk-choose-title = Новый ответ
desk-na = Н/П
desk-ask-item = Вопрос по пункту:
desk-ask-visit = Вопрос по визиту:
desk-ask-answer = Новый ответ (число или текст):
desk-ask-reason = Причина исправления:
desk-ask-return = Сообщение аудитору:
desk-ask-exclude = Причина исключения:
desk-say-it = Сначала напишите (Esc — отмена).
desk-no-other-flag = Других отмеченных пунктов нет.
desk-refused = Отказано; ничего не записано.
desk-help-title = Клавиши
desk-key-move = следующий / предыдущий пункт
desk-key-page = страница вниз / вверх
desk-key-flag = следующий / предыдущий отмеченный пункт
desk-key-query = спросить аудитора о пункте
desk-key-query-visit = спросить аудитора о визите
desk-key-correct = исправить ответ (выбрать его, затем причину)
desk-key-approve = принять запись
desk-key-return = вернуть аудитору (с сообщением)
desk-key-exclude = исключить из всех цифр (с причиной)
desk-key-help = эта справка
desk-key-back = назад к очереди
desk-key-open = открыть экран проверки записи
desk-key-quit = выйти

## Ответ аудитора на возвращённый визит.
review-what-answer = ответ
review-reply-none = у этого визита нет файла проверки, на который можно ответить (он не возвращён)
review-reply-not-returned = этот визит — { $status }, а не возвращён: отвечать и отправлять снова нечего
review-reply-questions-open = { $count ->
    [one] { $count } вопрос ещё открыт: сначала ответьте на него клавишей e
    [few] { $count } вопроса ещё открыты: сначала ответьте на каждый клавишей e
   *[many] { $count } вопросов ещё открыты: сначала ответьте на каждый клавишей e
}
review-done-answer = Ответ записан в файл проверки.
review-done-resubmit = Отправлено снова: визит опять окончательный и вернулся в очередь редактора.
