# Проверка чек-листов: ошибки, о которых сообщает `touchpoint validate` (и всё,
# что читает чек-листы), каждая с файл:строка:столбец и с тем, как её исправить.
# Слова самого файла не переводятся: имена ключей TOML, id, примеры
# (id = "hotel-check-in") и текст из файла остаются как написаны.

## Файл целиком.
checklist-empty-file = файл пуст; в чек-листе нужна таблица [checklist] и хотя бы один раздел [[section]]
checklist-too-many-tokens = в файле больше { $most } элементов TOML (ключей, значений, знаков препинания, комментариев, переводов строки), а в чек-листе их несколько тысяч; остальная часть файла не проверялась
checklist-lone-cr = возврат каретки (U+000D) без перевода строки после него; сохраните файл с концами строк LF или CRLF
checklist-control-in-file = здесь в файле управляющий символ { $char }; удалите его (в тексте допустимы только перевод строки и табуляция)

## Синтаксис TOML своими словами.
checklist-toml-syntax = синтаксис TOML: { $message }
checklist-toml-missing-value = синтаксис TOML: после «=» нет значения; впишите его, например "какой-то текст", 2 или true
checklist-toml-not-a-value = синтаксис TOML: { $found } — не значение TOML; текст пишется в двойных кавычках, например "{ $found }", а числа, true и false — без кавычек
checklist-toml-unclosed-string = синтаксис TOML: строка не закрыта; закончите её знаком " на той же строке или используйте """ для текста в несколько строк
checklist-section-after-sections = [section] не может идти после [[section]]: пишите [[section]] (в двойных скобках) для каждого раздела
checklist-toml-defined-twice = синтаксис TOML: ключ или таблица заданы дважды; оставьте что-то одно
checklist-toml-table-twice = синтаксис TOML: таблица [{ $key }] задана дважды или её ключи уже заданы; объедините обе в одну таблицу
checklist-toml-key-twice = синтаксис TOML: ключ «{ $key }» задан в одной таблице дважды; оставьте один

## Слова самого разборщика TOML (toml_parser); сообщения, которых здесь нет,
## показываются так, как их пишет разборщик, по-английски.

## Управляющие символы так, как их называют сообщения: U+001B (ESC).
checklist-control-char = U+{ $code }
checklist-control-char-named = U+{ $code } ({ $name ->
    [nul] NUL
    [bell] звонок
    [backspace] возврат на шаг
    [cr] возврат каретки
    [escape] ESC
   *[delete] DEL
})

## Где в файле стоит ключ, с предлогом: «неизвестный ключ "x" в [checklist]»,
## «в [checklist] нет ключа "id"».
checklist-place = { $place ->
    [top] на верхнем уровне файла
    [checklist] в [checklist]
    [set] в [responses.{ $name }]
    [option] в варианте ответа из [responses.{ $name }]
    [section] в [[section]]
    [item] в [[section.item]]
   *[show-if] в show_if
}

## Чем значение служит в файле («id чек-листа: ожидается строка»).
checklist-what = { $what ->
    [tag] тег
    [tag-label] подпись тега
    [checklist-id] id чек-листа
    [checklist-title] название чек-листа (title)
    [response-name] имя набора ответов
    [option-id] id варианта ответа
    [option-label] подпись варианта ответа (label)
    [section] раздел [[section]]
    [option] вариант ответа из [responses.{ $name }]
    [set] набор ответов [responses.{ $name }]
    [section-id] id раздела
    [section-title] название раздела (title)
    [item] пункт [[section.item]]
    [item-id] id пункта
    [show-if-item] item в show_if
    [show-if-is] is в show_if
   *[other] { $key }
}

## Виды значений TOML.
checklist-type = { $kind ->
    [string] строка
    [integer] целое число
    [float] дробное число
    [boolean] логическое значение
    [datetime] дата и время
    [array] массив
    [table] таблица
    [number] число
    [true-false] true или false
   *[option-ids] id варианта ответа или список таких id
}

## Ключи и значения.
checklist-unknown-key = неизвестный ключ «{ $key }» { $place }{ $hint }
checklist-hint-did-you-mean = { " " }— может быть, «{ $near }»?
checklist-hint-may-hold = ; { $place } { $count ->
    [one] допустим только ключ { $keys }
   *[other] допустимы ключи { $keys }
}
checklist-missing-key = { $place } нет ключа «{ $key }»: добавьте { $key } = { $example }
checklist-text-control = { $what }: управляющий символ { $char }; удалите его (в тексте допустимы только перевод строки и табуляция)
checklist-text-empty = { $what }: пустой текст; впишите его
checklist-id-empty = { $what }: пустое значение; впишите строчные латинские буквы a-z, цифры и дефисы
checklist-id-too-long = длиной { $count ->
    [one] { $count } знак
    [few] { $count } знака
    [many] { $count } знаков
   *[other] { $count } знака
}, а допустимо не больше 64
checklist-id-bad-syntax = допустимы только строчные латинские буквы a-z, цифры и дефисы, а начинаться значение должно с буквы или цифры
checklist-id-hint = , например "{ $suggestion }"
checklist-bad-id = { $what } «{ $id }»: { $why }{ $hint }
checklist-number-too-large = { $what }: число { $number } слишком велико; впишите число поменьше
checklist-not-non-negative = { $what }: нужно конечное число >= 0, а указано { $number }
checklist-not-positive-seconds = { $what }: нужно конечное число секунд > 0, а указано { $number }
checklist-not-finite = { $what }: нужно конечное число, а указано { $number }
checklist-wrong-type = { $what }: ожидается { $wanted }, а здесь { $found }

## Верхний уровень, [checklist] и [tags].
checklist-no-checklist-table = в файле нет таблицы [checklist]: добавьте её с ключами id, title и touchpoint
checklist-no-sections = в чек-листе нет разделов: добавьте [[section]] с ключами id и title и хотя бы одним пунктом [[section.item]]
checklist-tag-label-one-line = подпись тега пишется в одну строку; уберите перевод строки
checklist-format-newer = format { $found } новее, чем понимает эта версия touchpoint (она читает format { $format }); обновите touchpoint
checklist-format-wrong = format должен быть { $format }, а указано { $found }
checklist-single-table = [checklist] должна быть одной таблицей: пишите [checklist], а не [[checklist]]
checklist-bad-language = language «{ $tag }» — не языковой тег BCP 47; впишите, например, "en", "ru" или "pt-BR"

## Наборы ответов и их варианты.
checklist-built-in-response = [responses.{ $name }] переопределяет встроенный тип ответа; выберите другое имя
checklist-set-no-options = { $place } нет вариантов ответа (options): добавьте хотя бы один
checklist-set-too-many-options = { $place } { $count ->
    [one] { $count } вариант ответа
    [few] { $count } варианта ответа
    [many] { $count } вариантов ответа
   *[other] { $count } варианта ответа
}, а допустимо не больше 9, по одному на клавиши от 1 до 9
checklist-option-twice = вариант «{ $id }» встречается { $place } дважды; id вариантов не должны повторяться
checklist-set-mixed-scores = { $place } у одних вариантов есть score, а у других нет; дайте score каждому варианту или ни одному, если выбор не оценивается
checklist-exceeds-unscored = exceeds применим только к оцениваемым вариантам, а { $place } нет оценок (score); дайте score каждому варианту или уберите exceeds
checklist-within-order = within ({ $within }) у варианта «{ $id }» не больше, чем within ({ $before }) у предыдущего «{ $previous }»; перечисляйте варианты набора со временем от самого короткого к самому долгому
checklist-within-open = { $place } у вариантов { $ids } нет within; в наборе со временем такой вариант может быть только один — ответ «дольше всех остальных»

## Разделы и пункты.
checklist-section-not-array = section должен быть массивом таблиц, записанных как [[section]], а здесь { $found }
checklist-no-sections-short = в чек-листе нет разделов: добавьте [[section]]
checklist-section-id-twice = id раздела «{ $id }» уже занят в строке { $line }; id разделов в чек-листе не должны повторяться
checklist-section-without-id = без id
checklist-section-named = «{ $id }»
checklist-section-no-items = в разделе { $name } нет пунктов: добавьте хотя бы один [[section.item]]
checklist-section-no-items-after = в разделе { $name } нет пунктов: добавьте после него хотя бы один [[section.item]]
checklist-item-not-array = item должен быть массивом таблиц, записанных как [[section.item]], а здесь { $found }
checklist-item-id-twice = id пункта «{ $id }» уже занят в строке { $line }; id пунктов в чек-листе не должны повторяться
checklist-response-undefined = тип ответа «{ $name }» не определён{ $hint }
checklist-hint-use-or-define = ; используйте один из { $names } или определите его в [responses.{ $name }]
checklist-critical-unscored = critical применим только к оцениваемым ответам, а у «{ $response }» оценок нет; { $fix ->
    [number] уберите critical или задайте числу норму через at_most или at_least
   *[other] уберите critical или выберите оцениваемый тип ответа
}
checklist-integrity-not-an-option = integrity «{ $id }» — не ответ этого пункта ({ $response }); integrity — это ответ, который даст честный аудитор{ $hint }
checklist-integrity-no-options = integrity «{ $id }» не может быть ответом пункта типа { $response }: укажите integrity = "na" или дайте пункту ответ с вариантами
checklist-integrity-na-refused = integrity = "na" у пункта с na = false дать невозможно; уберите na = false или укажите id варианта
checklist-integrity-critical = пункт integrity никогда не оценивается, поэтому не может быть критическим; уберите critical
checklist-number-key-only = { $key } применим только к числовым пунктам, а у этого пункта тип ответа «{ $response }»; уберите ключ или укажите response = "number"
checklist-max-below-min = max ({ $max }) меньше, чем min ({ $min }); поменяйте их местами
checklist-at-most-below-at-least = at_most ({ $at_most }) меньше, чем at_least ({ $at_least }), так что норме не удовлетворит ни одно значение; поменяйте их местами
checklist-standard-below-min = { $key } ({ $bound }) меньше, чем min ({ $min }); норма должна лежать между min и max
checklist-standard-above-max = { $key } ({ $bound }) больше, чем max ({ $max }); норма должна лежать между min и max
checklist-tag-twice = тег «{ $tag }» указан дважды; оставьте один

## show_if.
checklist-show-if-empty = в show_if пустой список, и пункт не будет показан никогда; укажите хотя бы один id варианта ответа
checklist-show-if-itself = show_if ссылается на «{ $target }», то есть на сам этот пункт; укажите более ранний пункт, от ответа на который зависит, показывать ли этот
checklist-show-if-later = show_if ссылается на «{ $target }», а он идёт после этого пункта; условия могут ссылаться только на предыдущие пункты
checklist-show-if-broken = show_if ссылается на «{ $target }», а в нём самом есть ошибки; сначала исправьте их
checklist-show-if-unknown-near = show_if ссылается на «{ $target }», но такого пункта в чек-листе нет — может быть, «{ $near }»?
checklist-show-if-unknown = show_if ссылается на «{ $target }», но такого пункта в чек-листе нет; укажите id одного из предыдущих пунктов
checklist-show-if-no-options = show_if ссылается на «{ $target }», пункт с типом ответа { $response }; для условия нужен пункт с вариантами ответа (yes-no, grade или набор из [responses])
checklist-not-an-option = «{ $id }» — не вариант ответа пункта «{ $target }» ({ $response }){ $hint }
checklist-hint-use-one-of = ; используйте один из вариантов { $ids }

## Чтение файла чек-листа (checklist/mod.rs): ошибки файла целиком, до
## разбора его TOML.
checklist-is-folder = это папка, а не файл чек-листа
checklist-not-regular = не обычный файл (FIFO, устройство или сокет); чек-лист — это файл
checklist-too-large = занимает { $size } байт, а чек-лист может быть не больше { $most } МиБ
checklist-grew-too-large = больше { $most } МиБ, а чек-лист может быть не больше
checklist-utf16 = файл сохранён в UTF-16; сохраните его в UTF-8 (в Блокноте: «Сохранить как», кодировка UTF-8)
checklist-looks-utf16 = похоже, файл в UTF-16 (байт NUL рядом с каждой буквой); сохраните его в UTF-8
checklist-nul = здесь байт NUL: похоже, это двоичный файл, а не чек-лист TOML
checklist-invisible-char = предупреждение: невидимый символ { $char } может изменить смысл текста при чтении; удалите его, если он не нужен намеренно
checklist-stopped = { $count ->
    [one] проверка остановлена после первой { $count } ошибки; исправьте их и проверьте снова
   *[other] проверка остановлена после первых { $count } ошибок; исправьте их и проверьте снова
}
