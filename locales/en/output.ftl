# Documents the program writes: the headings and words of exports
# (Markdown, HTML debrief) and of reports (table, Markdown, HTML).
# Machine-readable outputs (JSON keys, CSV columns, TOML keys) are ids and
# never come from here. Checklists' own text is never translated.

## Dates and times as documents write them ("22 Nov 2026, 14:03 +03:00").
doc-date = { $day } { $month } { $year }
doc-date-time = { $date }, { $time } { $offset }
doc-month-year = { $month } { $year }
# A month on its own, as the report's rows name it ("Nov 2026").
doc-month-1 = Jan
doc-month-2 = Feb
doc-month-3 = Mar
doc-month-4 = Apr
doc-month-5 = May
doc-month-6 = Jun
doc-month-7 = Jul
doc-month-8 = Aug
doc-month-9 = Sep
doc-month-10 = Oct
doc-month-11 = Nov
doc-month-12 = Dec

## Words shared by the documents.
doc-site = Site
doc-auditor = Auditor
doc-status = Status
doc-started = Started
doc-last-change = Last change
doc-finalized = Finalized
doc-checklists = Checklists
doc-status-final = Final
doc-status-draft = Draft
doc-status-draft-open = still open, answers may change
doc-failed-why = A critical item was answered with a zero score, so the visit fails whatever its percentage.
doc-overall = Overall
doc-score = Score
doc-standards = Standards
doc-personal-touch = Personal touch
doc-critical-failures = Critical failures
doc-exceeded = Exceeded
doc-exceeded-count = ▲ { $count } exceeded
doc-visits = Visits
doc-touchpoint = Touchpoint
doc-tag = Tag
doc-month = Month
doc-item = Item
doc-chart = Chart
doc-na = N/A
doc-critical = critical
doc-unanswered = unanswered
doc-visit-note = Visit note
doc-of = { $count } of { $total }
doc-answered = Answered { $answered } of { $shown ->
    [one] { $shown } shown item
   *[other] { $shown } shown items
}; { $unanswered } unanswered.
doc-source-bundled = bundled:{ $id }
doc-written-by = Written by

## The Markdown export of a visit.
export-title = Visit to { $site } — { $date }
export-facts = Visit
export-id = Id
export-status-final-at = Final, finalized { $when }
export-failed = VISIT FAILED: { $count ->
    [one] { $count } critical failure
   *[other] { $count } critical failures
}.
export-summary = Summary
export-col-percent = Percent
export-col-points = Points
export-overall-failed = { $percent } — FAILED
export-row-touchpoint = Touchpoint: { $name }
export-row-tag = Tag: { $name }
export-critical-failed = { $count }: the visit FAILED
export-critical-none = none
export-checklist-score = Score { $percent } ({ $points }), { $exceeded }. Source: { $source }.
export-points-of = { $points } of { $max }
export-fact-exceeded = ▲ exceeded
export-fact-points = { $points } / { $max ->
    [one] { $max } point
   *[other] { $max } points
}
export-fact-critical-failure = CRITICAL FAILURE
export-fact-skipped = skipped: hidden by an earlier answer
export-fact-timed = timed { $seconds } s
export-fact-observed = observed { $time }
export-file = File: { $file }
export-scoring-title = How scores work
export-scoring-intro = Each scored item earns its answer's points × the item's weight, out of the best answer's points × weight. A score is points ÷ maximum × 100, for the visit and for each touchpoint, section and tag.
export-scoring-met = Standard met earns full points: a visit that meets every standard scores 100%.
export-scoring-exceeded = Exceeded expectations earns the same points as met and is counted on its own beside the score (▲ 4 exceeded): the moments a guest remembers.
export-scoring-yes-no = Yes earns 1 and No 0. A number with a standard (≤ 5 min) earns 1 inside it, bounds included, and 0 outside.
export-scoring-na = N/A, hidden and unanswered items count in neither points nor maximum; with nothing scored yet the score is "—", never 0.
export-scoring-standards = Standards are the items without the personal-touch tag, personal touch the items with it; both are shown beside the overall score.
export-scoring-critical = A critical item (!) answered with zero points fails the whole visit, whatever its percentage.

## The HTML debrief of a visit.
debrief-to-fix = What to fix
debrief-to-praise = What to praise
debrief-scores = Scores
debrief-since = Since the last visit ({ $date })
debrief-since-lead = Against the site's earlier final visit of the same journey, { $visit }.
debrief-title = Visit debrief
debrief-duration = Duration
debrief-visit-id = Visit id
debrief-failed = Visit failed: { $count ->
    [one] { $count } critical failure
   *[other] { $count } critical failures
}.
debrief-touchpoints = Touchpoints
debrief-timeline = Timeline
debrief-timeline-lead = The moments observed, in the order they happened (when each item was first answered).
debrief-col-mark = Mark
debrief-col-answer = Answer
debrief-col-points = Points
debrief-minutes = { $minutes } min
debrief-hours-minutes = { $hours } h { $minutes } min
# The mark of an item answered N/A, in its column.
debrief-mark-na = n/a
debrief-skipped = skipped
debrief-not-applicable = not applicable
debrief-critical-failure = critical failure
debrief-missed = missed
debrief-exceeded = exceeded expectations
debrief-met = met
debrief-partly-met = partly met
debrief-recorded = recorded

## What both HTML pages share: the footer, page numbers, charts.
html-footer = Written by { $tool }. One file: no script, no network.
html-page-of = Page { $page } of { $pages }
chart-score-by-month = Score by month: { $summary }
chart-map-title = Service map: { $summary }
chart-map-site = { $n } { $site }: standards { $standards }, personal touch { $personal }
chart-map-dot-visits = { $visits ->
    [one] { $visits } visit
   *[other] { $visits } visits
}, { $failed } failed on a critical item
chart-map-dot = { $n }. { $site }: standards { $standards }, personal touch { $personal }
chart-axis-standards = Standards % →
chart-axis-personal = Personal touch % →

## The quarters of the service map.
quarter-service-friendship = service–friendship
quarter-service-service = service–service
quarter-warm-but-sloppy = warm but sloppy
quarter-failing = failing

## The review of many visits (`touchpoint report`).
report-title = Service review
report-no-visits = No visits to report.
report-critical-of = { $failed } of { $visits ->
    [one] { $visits } visit
   *[other] { $visits } visits
}
report-exceeded-answers = ▲ { $count ->
    [one] { $count } answer
   *[other] { $count } answers
}
report-by-site = By site
report-by-touchpoint = By touchpoint
report-by-tag = By tag
report-by-month = By month
report-items = Most-missed items
report-notes = What auditors wrote on the misses
report-map = Service map
report-col-personal = Personal
report-col-failed = Failed
report-col-map = Map
report-col-missed = Missed
report-col-rate = Rate
report-col-quarter = Quarter
report-items-lead = { $missed } of { $items ->
    [one] { $items } scored item
   *[other] { $items } scored items
} missed at least once
report-items-listed = the { $count } missed most
report-items-never = { $count } never missed
report-map-lead = standards % across, personal touch % up; high is { $line }% and above
report-not-placed = not placed
report-none = None.
report-period = { $visits ->
    [one] { $visits } visit
   *[other] { $visits } visits
} at { $sites ->
    [one] { $sites } site
   *[other] { $sites } sites
}
report-period-month = { $period }, { $month }
report-period-months = { $period }, { $from } to { $to }
report-card-critical = Critical failures (visits)
report-card-exceeded = Exceeded (answers)
report-no-tags = No item of these visits carries a tag.
report-month-caption = Mean score of the visits started each month.
report-map-explain = Each site by its standards (across) and personal touch (up). High is { $line }% and above:
report-map-both-high = (both high)
report-map-impersonal = (flawless but impersonal)
# Between the last two quarters' names: "warm but sloppy, and failing".
report-map-and = , and
report-map-none = No site has both a standards and a personal-touch score to place.
report-map-red = Dot size: the site's visits; colour: blue none, amber under half, red half or more of its visits failed on a critical item. A dot moved off a neighbour keeps a line to its place.
report-map-unplaced = Not placed (no standards or no personal-touch score): { $sites }
report-no-misses = No scored item was missed.
report-items-explain = Items answered with a zero score, by miss rate; the notes auditors wrote on the misses of the { $count } missed most are quoted under them.

## Warnings about a record whose stored [score] disagrees with its observations.
report-disagree-score = its [score] says { $stored } but its observations give { $figured }; the report uses { $figured }
report-disagree-failures = its [score] lists critical failures [{ $stored }] but its observations give [{ $figured }]; the report uses the observations
export-quoted = “{ $text }”

## The review's figures of issue 20: where and what to fix.
report-critical = Critical failures by name
report-critical-none = No critical item failed.
report-visits = Visits
report-col-coverage = Answered
report-col-chain = Chain
report-col-note = Auditor's note
report-col-sites = Sites
report-col-visit = Visit
report-incomplete-mark = incomplete
report-incomplete = Incomplete (left out)
report-incomplete-lead = { $count ->
    [one] { $count } final visit
   *[other] { $count } final visits
} with under { $bar }% of shown items answered: listed as incomplete and left out of every figure
report-by-site-touchpoint = By site and touchpoint
report-by-site-month = By site and month
report-where-lead = each site's mean beside the chain's (all sites) for the same touchpoint or month
report-items-few = { $count ->
    [one] { $count } item
   *[other] { $count } items
} with fewer than { $min } scored answers not listed
report-notes-capped = the { $per } newest notes per item; the JSON report keeps all { $total }
report-scope-drafts = drafts included
report-scope-since = from { $date }
report-scope-until = to { $date }
report-site-unknown = no visit of { $site } in the records read; nearest sites: { $near }
report-site-unknown-none = no visit of { $site } in the records read
report-print-header = { $title } · { $period }

## touchpoint compare
compare-title = { $site }: { $a } against { $b }
compare-fixed = Fixed
compare-regressed = Regressed
compare-still-missed = Still missed
compare-new = New (in B only)
compare-other-site = the two visits are of different sites ({ $a }, { $b })
report-col-review = Review
report-review-corrected = { $status }, { $count } corrected


## touchpoint check: what each flag says (the details of SPEC.md's Checks).
check-duration = { $minutes ->
    [0] { $seconds } s
   *[other] { $seconds ->
        [0] { $minutes } min
       *[other] { $minutes } min { $seconds } s
    }
}
check-duration-hours = { $minutes ->
    [0] { $hours } h
   *[other] { $hours } h { $minutes } min
}
check-duration-days = { $hours ->
    [0] { $days } d
   *[other] { $days } d { $hours } h
}
check-finished-before-started = finalized at { $finished }, before the visit started ({ $started })
check-answer-before-start = first answered at { $at }, before the visit started ({ $started })
check-answer-after-finish = first answered at { $at }, after the visit was finalized ({ $finished })
check-miss-without-note = answered "{ $answer }" (no points) with no note saying what was missed
check-timed-option = answered "{ $answer }" (within { $within }), but the stopwatch measured { $timed }
check-timed-number = answered { $answer } { $unit }, but the stopwatch measured { $timed }
check-note-longer = answered "{ $answer }" (a standard of { $standard }), but the note says "{ $said }"
check-integrity = answered "{ $answer }" where a truthful auditor answers "{ $truthful }"
check-too-fast = { $count } answers in a row, each less than 2 s after the one before ({ $seconds } s in all), from { $first } to { $last }
check-photo-time = photo { $file } was taken at { $taken }, { $distance } { $side ->
    [before] before the visit started
   *[after] after the visit ended
}
check-evidence-reused = the same file as { $file } is attached to { $others }
check-auditor-outlier = { $auditor }'s visits score { $mean }% on average over { $count } visits, more than two standard deviations above the other auditors' visits ({ $others }% ± { $sd })
check-none = No flags in { $visits ->
    [one] { $visits } visit
   *[other] { $visits } visits
}.
check-summary = { $flags ->
    [one] { $flags } flag
   *[other] { $flags } flags
} in { $flagged } of { $visits ->
    [one] { $visits } visit
   *[other] { $visits } visits
}.


## Signed state in reports (issue 22)
report-col-signed = Signed
report-col-flags = Flags
report-flags-lead = ⚑ counts the check flags each visit raises; `touchpoint check` lists them.
report-signed-valid = valid
report-signed-unsigned = unsigned
report-signed-invalid = invalid
report-signed-unknown-key = unknown key
export-signed = Signature: { $state }
export-signature = Signature
