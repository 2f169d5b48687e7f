# The words of the terminal screens: home, visit, editors, search, finalize
# and help. Leading spaces are the code's, never the catalog's.

## The visit screen: editors' titles.
tui-editor-note-on = Note on: { $item }
tui-editor-visit-note = Note on the whole visit
tui-editor-answer-on = Answer to: { $item }

## Alerts and the screen too small.
tui-unknown-reason = unknown reason
tui-leave-unsaved = Leave anyway and lose the last changes? y leaves, any other key stays · NOT SAVED: { $reason }
tui-not-saved = NOT SAVED: { $reason }
tui-too-small = terminal too small: need { $narrow } or { $wide }, have { $have }. Enlarge it, or q leaves.

## Time since the visit started.
tui-elapsed-days = { $days } d { $hours } h
tui-elapsed-hours = { $hours } h { $minutes } min
tui-elapsed-minutes = { $minutes } min

## Header and score line.
tui-day-month = { $day } { $month }
tui-date-time = { $month } { $day } { $time }
tui-header-final = FINAL · read-only
tui-header-draft = draft
tui-header-final-short = FINAL
tui-header-answered = { $answered }/{ $shown } answered
tui-critical-failure = ✗ CRITICAL FAILURE ({ $count })
tui-fail-short = ✗ FAIL ({ $count })
tui-score = Score { $total }
tui-score-rest = Standards { $standards }  Personal touch { $personal }
tui-score-short = standards { $standards }
tui-exceeded = ▲ { $count } exceeded

## The detail pane.
tui-more-below = ↓ J more ({ $seen }/{ $total })
tui-back-up = ↑ K back up
tui-hint-what-counts = i what counts
tui-hint-scroll = J/K scroll
tui-hint-note = e note
tui-hint-file = a file
tui-critical = ! critical
tui-weight = weight { $weight }
tui-personal-touch = ♥ personal touch
tui-running-since = ◷ running since { $time }: t stops and answers · T cancels
tui-timed = ◷ timed: t starts the stopwatch
tui-within-longer = longer
tui-no-value = no value yet
tui-no-value-standard = no value yet · standard { $standard }
tui-type-value = type the value, or Enter ({ $range })
tui-no-text = no text yet
tui-write-answer = Enter: write the answer
tui-na = N/A
tui-measured = ◷ measured { $clock } ({ $seconds } s)
tui-note-heading = ✎ Note
tui-visit-note-heading = ✎ Visit note
tui-observed = observed { $time }
tui-guidance-hint = i: what counts (guidance)

## What the selected answer earns.
tui-earns-unscored = Not scored: recorded for the review
tui-earns-points = { $points ->
    [one] { $points } point
   *[other] { $points } points
}
tui-earns-points-weight = { $points ->
    [one] { $points } point, weight { $weight }
   *[other] { $points } points, weight { $weight }
}
tui-earns-of = { $points } of { $most }
tui-earns-critical = ; critical: this fails the visit
tui-earns-up-to = Scored: up to { $most }
tui-earns-na = N/A: counts in neither points nor maximum
tui-earns-counted-exceeded = ; counted as ▲ exceeded
tui-earns-could-exceed = ; exceeding would count as ▲

## Number ranges.
tui-range-at-least = at least { $value }
tui-range-at-most = at most { $value }
tui-range-any = any finite number

## The status line and its fields.
tui-value-field = Value ({ $range }):
tui-enter-saves = Enter saves
tui-tab-saves-next = Tab saves, next item
tui-esc-cancels = Esc cancels
tui-attach-failed = Attach:
tui-attach-to-item = Attach to item:
tui-attach-to-visit = Attach to visit:
tui-enter-attaches = Enter attaches
tui-tab-completes = Tab completes
tui-search-next = Enter: next “{ $last }”
tui-esc-closes = Esc closes
tui-search-type = type words of a prompt
tui-search-none = no shown item matches
tui-search-choose = ↑↓ choose
tui-search-go = Enter goes there
tui-editor-done = Enter or Esc: done
tui-editor-new-line = Ctrl-J: new line
tui-editor-saved = saved as you type
tui-editor-done-next = Tab: done, next item
tui-footer-read-only = read-only
tui-footer-move = j/k move
tui-footer-search = / search
tui-footer-help = ? help
tui-footer-quit = q quit
tui-footer-answer = 1-9 y n 0 answer
tui-footer-finalize = F finalize

## Popups, help and search.
tui-popup-more = ↓ j more · any other key closes
tui-popup-back = ↑ k back up · any other key closes
tui-help-title = Keys
tui-help-marks = Marks: · open ✓ yes ✗ no ▼ below ● met ▲ exceeded
tui-help-flags = ! critical ♥ personal touch ✎ note @ file
tui-help-editors = Editors: Enter done · Ctrl-J new line in a note · Ctrl-U clears
tui-help-to-scoring = Tab: how scores work · other keys close
tui-help-options = options 4 to 9
tui-scoring-title = How scores work
tui-scoring-back = Tab: the keys · any other key closes this help.
tui-scoring-intro = Each scored item earns its answer's points × the item's weight, out of the best answer's points × weight. A score is points ÷ maximum × 100, for the visit and for each touchpoint, section and tag.
tui-scoring-met = Standard met earns full points: a visit that meets every standard scores 100%.
tui-scoring-exceeded = Exceeded expectations earns the same points as met and is counted on its own beside the score (▲ 4 exceeded): the moments a guest remembers.
tui-scoring-yes-no = Yes earns 1 and No 0. A number with a standard (≤ 5 min) earns 1 inside it, bounds included, and 0 outside.
tui-scoring-na = N/A, hidden and unanswered items count in neither points nor maximum; with nothing scored yet the score is "—", never 0.
tui-scoring-standards = Standards are the items without the personal-touch tag, personal touch the items with it; both are shown beside the overall score.
tui-scoring-critical = A critical item (!) answered with zero points fails the whole visit, whatever its percentage.
tui-matches = { $count ->
    [one] { $count } match
   *[other] { $count } matches
}
tui-choices-more = … and { $more } more; type to narrow
tui-choices-title = Tab: these fit

## Finalize.
tui-finalize-title = Finalize
tui-finalize-counts = { $answered } answered, { $unanswered } unanswered · { $files ->
    [one] { $files } file attached
   *[other] { $files } files attached
}
tui-finalize-running = { $count ->
    [one] ◷ { $count } stopwatch still running: finalizing stops it without answering
   *[other] ◷ { $count } stopwatches still running: finalizing stops them without answering
}
tui-finalize-failure = ✗ CRITICAL FAILURE: the visit fails whatever its score ({ $count })
tui-finalize-unanswered = { $count ->
    [one] { $count } item unanswered
   *[other] { $count } items unanswered
}
tui-finalize-failures = { $count ->
    [one] { $count } critical failure
   *[other] { $count } critical failures
}
tui-finalize-and = { $first } and { $second }
tui-finalize-confirm = Finalize with { $reasons }? It becomes read-only. Y (capital) finalizes anyway · any other key goes back
tui-finalize-keys = y finalize (read-only after) · Enter go to item · j/k move · Esc back
tui-finalize-nothing = Nothing left to look at.
tui-issue-running = running
tui-issue-critical = critical
tui-issue-no-note = no note
tui-issue-open = open

## Status messages of the visit screen.
tui-answered = { $answer } — { $item } · u undoes
tui-stopwatches-running = { $count ->
    [one] ◷ a stopwatch is running: { $places }
   *[other] ◷ { $count } stopwatches are running: { $places }
}
tui-no-option = this item has no option { $n }
tui-not-an-option = { $wanted } is not an option here; use the numbers
tui-undone = undone
tui-nothing-to-undo = nothing to undo
tui-redone = redone
tui-nothing-to-redo = nothing to redo
tui-stopwatch-cancelled = stopwatch cancelled; nothing was answered
tui-no-stopwatch = no stopwatch runs on this item; t starts one
tui-attach-unavailable = attaching files is not available here
tui-no-file-item = no file is attached to this item
tui-no-file-visit = no file is attached to the visit
tui-file-unlisted = { $name } is no longer listed (its copy stays); u brings it back
tui-guidance-shown = guidance shown for every item; i hides it
tui-guidance-hidden = guidance hidden; i shows it
tui-final-read-only = this visit is final and opens read-only
tui-last-of-touchpoint = last item of { $title }; l or Tab opens { $next }
tui-last-of-visit = last item of the visit; ] finds what is unanswered, F finalizes
tui-stopwatch-started = stopwatch started: t stops it and answers, T cancels
tui-stopped-at = stopped at { $clock }: { $answer }
tui-stopwatch-runs-on = { $error }; the stopwatch runs on (T cancels it, Enter types a value)
tui-no-file-fits = no file there fits what was typed (hidden ones after a .)
tui-not-attached = not attached: { $reason }
tui-attached-item = attached { $name } ({ $size }) to this item
tui-attached-visit = attached { $name } ({ $size }) to the visit
tui-all-answered = every shown item is answered
tui-enter-choose-numbers = Enter edits text and number items; here choose with the numbers
tui-control-not-typed = { $char } was not typed: control characters cannot be part of a note or text
tui-control-not-pasted = nothing was pasted: it holds { $char }, a control character
tui-paste-too-large = nothing was pasted: { $size } bytes, and one paste may bring at most { $most } KiB
tui-paste-visit-too-large = nothing was pasted: the visit would grow past { $most } MiB, more than a visit file may hold
tui-stopwatch-clock-back = ⚠ stopwatch: the clock went back { $seconds } s while the program was closed; the time measured is in doubt
tui-stopwatch-clock-jumped = ⚠ stopwatch: { $hours } h on the clock across a restart; the time measured is in doubt
tui-paste-where = a paste goes into a note or a field: e opens the note
tui-not-a-number = "{ $typed }" is not a number; nothing was changed
tui-nothing-changed = { $error }; nothing was changed
tui-search-no-match = no shown item matches "{ $query }"
tui-finalized = finalized: the visit is now read-only

## What help says about each key of the visit screen.
key-next-item = next item
key-previous-item = previous item
key-first-item = first item
key-last-item = last item
key-next-touchpoint = next touchpoint
key-previous-touchpoint = previous touchpoint
key-option-1-yes-below = option 1: Yes, Below
key-option-2-no-met = option 2: No, Met
key-option-3-exceeded = option 3: Exceeded
key-choose-option-4 = choose option 4
key-choose-option-5 = choose option 5
key-choose-option-6 = choose option 6
key-choose-option-7 = choose option 7
key-choose-option-8 = choose option 8
key-choose-option-9 = choose option 9
key-yes = Yes
key-no = No
key-na = N/A
key-clear-the-answer = clear the answer
key-type-text-or-number = type text or number
key-note-on-the-item = note on the item
key-note-on-the-visit = note on the visit
key-undo = undo
key-redo = redo
key-next-unanswered = next unanswered
key-prev-unanswered = prev. unanswered
key-stopwatch-start-stop = stopwatch start/stop
key-cancel-the-stopwatch = cancel the stopwatch
key-attach-file-to-item = attach file to item
key-attach-file-to-visit = attach file to visit
key-unlist-item-file = unlist item's file
key-unlist-visit-file = unlist visit's file
key-guidance-on-off = guidance on/off
key-scroll-details-down = scroll details down
key-scroll-details-up = scroll details up
key-search-prompts = search prompts
key-finalize-review = finalize (review)
key-this-help = this help
key-leave-all-is-saved = leave (all is saved)

## The home screen.
tui-home-tagline = — service audits, one touchpoint at a time
tui-home-paste-where = a paste goes into the site or auditor field
tui-home-kept = kept
tui-home-trashed = moved to the trash; `touchpoint restore { $id }` brings it back
tui-home-not-deleted = not deleted: { $reason }
tui-home-delete-unavailable = deleting is not available here
tui-home-broken-file = this file has a problem: fix it (`touchpoint validate`)
tui-home-need-site = type the site's name first
tui-home-need-auditor = type the auditor's name
tui-home-need-checklists = choose a journey, or tick checklists with Space
tui-home-delete-confirm = Delete “{ $site }” ({ $progress })? y moves it to the trash, where `touchpoint restore` finds it · any other key keeps it
tui-home-unreadable = { $count } unreadable record(s): { $problem }
tui-home-broken = { $count } problem(s) in your checklists, listed at the end: { $problem }
tui-home-keys-drafts = Enter resumes · d deletes · Tab new visit · Esc quit
tui-home-keys-checklists = Enter starts · Space ticks · Tab next · Esc quit
tui-home-keys-fields = Tab next field · Enter next/start · Esc quit
tui-home-drafts-long = Drafts — Enter resumes, d deletes
tui-home-drafts = Drafts
tui-home-no-drafts = No drafts: start a visit below.
tui-home-draft-answered = { $progress } answered  saved { $saved }
tui-home-new-visit = New visit
tui-home-site = Site
tui-home-auditor = Auditor
tui-home-start = [ Start the visit ]
tui-home-journeys = Journeys (Enter starts one)
tui-home-singles = Single checklists (Space ticks)
tui-home-broken-heading = Checklists with a problem
tui-home-language = { $tag }
tui-home-bundled = bundled:{ $id }
tui-home-user = user: { $path }
tui-journey-short = { $name } · { $items } items

## Marks and the internal error.
tui-mark-na = n/a
tui-internal-error = touchpoint stopped on an internal error
tui-internal-error-at = at
tui-panic-saved = Your visit is saved in { $path }; `touchpoint resume { $id }` reopens it.

## Why the visit refused a change.
tui-refused-no-item = no such item
tui-refused-na = N/A is not allowed for this item
tui-refused-range = { $value } is outside the allowed range { $range }
tui-refused-kind = this item takes { $kind ->
    [number] a number
    [text] text
   *[options] one of its options
}
tui-refused-not-timed = the stopwatch times only timed items: a number in seconds, minutes or hours, or options with a time
tui-refused-longer = { $seconds } s is longer than every option's time; choose the answer with its number
tui-refused-attached = this file is already attached here
tui-refused-no-file = no such attached file

## File sizes, as the detail pane and the attach message give them.
tui-size-bytes = { $size } B
tui-size-kb = { $size } KB
tui-size-mb = { $size } MB

## A text answer quoted in the list.
tui-quoted = “{ $text }”

## A returned visit, for its auditor (SPEC.md, "Review").
tui-returned-open = Returned by the editor: { $message } · Question: { $question } · e answers it
tui-returned-none = Returned by the editor: { $message } · no questions open: F resubmits
tui-returned-next = next question: { $question }
tui-returned-no-question = No open question on this item; the questions are marked in the detail. F resubmits once all are answered.
tui-returned-say-it = Type the answer first (Esc to cancel).
tui-returned-field = Your answer:
tui-returned-question = ? Editor's question: { $question } (e answers)
tui-returned-visit-question = ? Editor's question on the visit: { $question } (e answers on an item without its own)
