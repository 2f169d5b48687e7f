# Checklist validation: the problems `touchpoint validate` (and every reader of
# checklists) reports, each with file:line:column and how to fix it.

## The file as a whole.
checklist-empty-file = the file is empty; a checklist needs a [checklist] table and at least one [[section]]
checklist-too-many-tokens = has more than { $most } TOML tokens (keys, values, punctuation, comments, line breaks); a checklist has a few thousand, so the rest of the file was not checked
checklist-lone-cr = a carriage return (U+000D) without a newline after it; save the file with LF or CRLF line endings
checklist-control-in-file = the file contains the control character { $char } here; remove it (only newline and tab are allowed in text)

## TOML syntax, reworded.
checklist-toml-syntax = TOML syntax: { $message }
checklist-toml-missing-value = TOML syntax: a value is missing after "="; write one, such as "some text", 2 or true
checklist-toml-not-a-value = TOML syntax: { $found } is not a TOML value; text goes in double quotes, such as "{ $found }", while numbers, true and false go without
checklist-toml-unclosed-string = TOML syntax: a string is not closed; end it with " on the same line, or use """ for text over several lines
checklist-section-after-sections = [section] cannot follow [[section]]: write [[section]] (double brackets) for every section
checklist-toml-defined-twice = TOML syntax: a key or table is defined twice; keep one of them
checklist-toml-table-twice = TOML syntax: [{ $key }] is defined twice, or its keys are already set; merge the two into one table
checklist-toml-key-twice = TOML syntax: "{ $key }" is set twice in the same table; keep one of them

## The TOML parser's own words (toml_parser), so that they can be translated;
## a message not listed here is shown as the parser words it.

## Control characters, as messages name them: U+001B (escape).
checklist-control-char = U+{ $code }
checklist-control-char-named = U+{ $code } ({ $name ->
    [nul] NUL
    [bell] bell
    [backspace] backspace
    [cr] carriage return
    [escape] escape
   *[delete] delete
})

## Where in the file a key stands: "unknown key "x" in [checklist]",
## "[checklist] is missing "id"".
checklist-place = { $place ->
    [top] the top level
    [checklist] [checklist]
    [set] [responses.{ $name }]
    [option] an option of [responses.{ $name }]
    [section] [[section]]
    [item] [[section.item]]
   *[show-if] show_if
}

## What a value is, as messages name it ("checklist id must be a string").
checklist-what = { $what ->
    [tag] tag
    [tag-label] tag label
    [checklist-id] checklist id
    [checklist-title] checklist title
    [response-name] response name
    [option-id] option id
    [option-label] option label
    [section] a [[section]]
    [option] an option of [responses.{ $name }]
    [set] [responses.{ $name }]
    [section-id] section id
    [section-title] section title
    [item] a [[section.item]]
    [item-id] item id
    [show-if-item] show_if item
    [show-if-is] show_if is
   *[other] { $key }
}

## Kinds of TOML value.
checklist-type = { $kind ->
    [string] a string
    [integer] an integer
    [float] a float
    [boolean] a boolean
    [datetime] a date-time
    [array] an array
    [table] a table
    [number] a number
    [true-false] true or false
   *[option-ids] an option id or a list of option ids
}

## Keys and values.
checklist-unknown-key = unknown key "{ $key }" in { $place }{ $hint }
checklist-hint-did-you-mean = { " " }— did you mean "{ $near }"?
# $count, the number of keys, chooses a form in languages that need one.
checklist-hint-may-hold = ; { $place } may hold { $count ->
   *[other] { $keys }
}
checklist-missing-key = { $place } is missing "{ $key }": add { $key } = { $example }
checklist-text-control = { $what } contains the control character { $char }; remove it (only newline and tab are allowed in text)
checklist-text-empty = { $what } is empty; write some text
checklist-id-empty = { $what } is empty; write lowercase letters a-z, digits and hyphens
checklist-id-too-long = is { $count } characters long; at most 64 are allowed
checklist-id-bad-syntax = may hold only lowercase letters a-z, digits and hyphens, and must start with a letter or digit
checklist-id-hint = , such as "{ $suggestion }"
checklist-bad-id = { $what } "{ $id }" { $why }{ $hint }
checklist-number-too-large = { $what } { $number } is too large; write a smaller number
checklist-not-non-negative = { $what } must be a finite number >= 0, found { $number }
checklist-not-positive-seconds = { $what } must be a finite number of seconds > 0, found { $number }
checklist-not-finite = { $what } must be a finite number, found { $number }
checklist-wrong-type = { $what } must be { $wanted }, found { $found }

## The top level, [checklist] and [tags].
checklist-no-checklist-table = the file has no [checklist] table: add one with id, title and touchpoint
checklist-no-sections = the checklist has no sections: add a [[section]] with id, title and at least one [[section.item]]
checklist-tag-label-one-line = a tag label is one line; remove the line break
checklist-format-newer = format { $found } is newer than this touchpoint understands (it reads format { $format }); update touchpoint
checklist-format-wrong = format must be { $format }, found { $found }
checklist-single-table = [checklist] must be a single table: write [checklist], not [[checklist]]
checklist-bad-language = language "{ $tag }" is not a BCP 47 language tag; write one such as "en", "ru" or "pt-BR"

## Response sets and their options.
checklist-built-in-response = [responses.{ $name }] redefines a built-in response; choose another name
checklist-set-no-options = { $place } has no options: add at least one
checklist-set-too-many-options = { $place } has { $count } options; at most 9 are allowed, one for each key 1 to 9
checklist-option-twice = option "{ $id }" appears twice in { $place }; option ids must be unique
checklist-set-mixed-scores = in { $place } some options have a score and some do not; give every option a score, or none for an unscored choice
checklist-exceeds-unscored = exceeds applies only to scored options, and { $place } has no scores; give every option a score, or remove exceeds
checklist-within-order = within ({ $within }) of option "{ $id }" is not more than within ({ $before }) of "{ $previous }" before it; list a timed set's options from the shortest time to the longest
checklist-within-open = in { $place } the options { $ids } have no within; a timed set has at most one, the answer for longer than all the others

## Sections and items.
checklist-section-not-array = section must be an array of tables written [[section]], found { $found }
checklist-no-sections-short = the checklist has no sections: add a [[section]]
checklist-section-id-twice = section id "{ $id }" is already used at line { $line }; section ids must be unique in a checklist
checklist-section-without-id = without an id
checklist-section-named = "{ $id }"
checklist-section-no-items = section { $name } has no items: add at least one [[section.item]]
checklist-section-no-items-after = section { $name } has no items: add at least one [[section.item]] after it
checklist-item-not-array = item must be an array of tables written [[section.item]], found { $found }
checklist-item-id-twice = item id "{ $id }" is already used at line { $line }; item ids must be unique in a checklist
checklist-response-undefined = response "{ $name }" is not defined{ $hint }
checklist-hint-use-or-define = ; use one of { $names }, or define it under [responses.{ $name }]
checklist-critical-unscored = critical applies only to scored responses, and "{ $response }" has no scores; { $fix ->
    [number] remove critical, or give the number a standard with at_most or at_least
   *[other] remove critical or use a scored response
}
checklist-integrity-not-an-option = integrity "{ $id }" is not an answer of this item ({ $response }); integrity is the answer a truthful auditor gives{ $hint }
checklist-integrity-no-options = integrity "{ $id }" cannot be an answer of a { $response } item: use integrity = "na", or give the item a response with options
checklist-integrity-na-refused = integrity = "na" on an item with na = false cannot be answered; remove na = false or choose an option id
checklist-integrity-critical = an integrity item is never scored, so it cannot be critical; remove critical
checklist-number-key-only = { $key } applies only to number items, and this item's response is "{ $response }"; remove it or set response = "number"
checklist-max-below-min = max ({ $max }) is less than min ({ $min }); swap them
checklist-at-most-below-at-least = at_most ({ $at_most }) is less than at_least ({ $at_least }), so no value could meet the standard; swap them
checklist-standard-below-min = { $key } ({ $bound }) is less than min ({ $min }); a standard must lie between min and max
checklist-standard-above-max = { $key } ({ $bound }) is more than max ({ $max }); a standard must lie between min and max
checklist-tag-twice = tag "{ $tag }" is listed twice; list it once

## show_if.
checklist-show-if-empty = show_if is an empty list, so the item could never be shown; list at least one option id
checklist-show-if-itself = show_if refers to "{ $target }", this item itself; name an earlier item whose answer decides whether this one is shown
checklist-show-if-later = show_if refers to "{ $target }", which comes after this item; conditions may only look back
checklist-show-if-broken = show_if refers to "{ $target }", which has errors of its own; fix those first
checklist-show-if-unknown-near = show_if refers to "{ $target }", which is not an item of this checklist — did you mean "{ $near }"?
checklist-show-if-unknown = show_if refers to "{ $target }", which is not an item of this checklist; name an earlier item's id
checklist-show-if-no-options = show_if refers to "{ $target }", a { $response } item; conditions need an item with options (yes-no, grade or a response set)
checklist-not-an-option = "{ $id }" is not an option of "{ $target }" ({ $response }){ $hint }
checklist-hint-use-one-of = ; use one of { $ids }

## Reading a checklist file (checklist/mod.rs): problems of the file as a
## whole, before its TOML is read.
checklist-is-folder = is a folder, not a checklist file
checklist-not-regular = is not a regular file (a FIFO, a device or a socket); a checklist is a file
checklist-too-large = is { $size } bytes; a checklist may be at most { $most } MiB
checklist-grew-too-large = is over { $most } MiB; a checklist may be at most that
checklist-utf16 = the file is saved as UTF-16; save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)
checklist-looks-utf16 = the file looks like UTF-16 (a NUL byte beside every letter); save it as UTF-8
checklist-nul = a NUL byte here: this looks like a binary file, not a TOML checklist
checklist-invisible-char = warning: the invisible character { $char } can make this text read differently from what it is; remove it unless it is meant
checklist-stopped = stopped after the first { $count } problems; fix these and validate again
