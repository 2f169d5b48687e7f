# The editor's review (SPEC.md, "Review"): review files, `touchpoint review`.

review-status-final = final
review-status-approved = approved
review-status-returned = returned
review-status-excluded = excluded
review-status-resubmitted = resubmitted
review-status-returned-open = { $count ->
    [one] returned, { $count } open question
   *[other] returned, { $count } open questions
}
review-unknown-format = this review file has format { $format }; this touchpoint reads format 1
review-entry-lacks = a { $kind } entry needs `{ $key }`
review-of-another-record = { $path } is the review of visit { $record }, not of { $id }
review-sha-mismatch = { $path } was written about other bytes of visit { $id } (its record_sha256 does not match the record)
review-ignored = review file ignored: { $why }
review-link-refused = refusing { $path }: it is a symbolic link; a review file is never written or read through a link
review-not-regular = refusing { $path }: not a regular file
review-hard-link = refusing { $path }: it has another name (a hard link); copy it instead
review-foreign-file = refusing { $path }: it belongs to user { $uid }, and is not shared through a setgid group folder
review-too-large = { $path } is { $size } bytes, more than a review file can be
review-not-utf8 = { $path } is not UTF-8 text
review-busy = { $path } kept changing under us; try again
review-no-such-visit = no visit { $id } in the data folder (`touchpoint list` shows the ids)
review-of-draft = { $path } is a draft: only a final record is reviewed (the auditor finalizes it first)
review-one-record = an action (--query, --correct, --approve, --return, --exclude) takes exactly one record: a file or a visit id
review-empty-text = the { $what } is empty: say it in words
review-what-question = question
review-what-reason = reason
review-what-note = note
review-what-message = message
review-correct-visit = a correction is of one item (checklist/item), not of the whole visit
review-unknown-item = { $path } has no item { $item }; nearest: { $near }
review-no-checklist = cannot correct { $item }: its checklist cannot be loaded, so its options are unknown: { $problems }
review-item-not-in-checklist = cannot correct { $item }: the checklist { $checklist } as it can be loaded now has no such item (the record was made with another version of it), so the item's options are unknown
review-not-an-option = { $path }: { $answer } is not an answer { $item } takes; it takes: { $takes }
review-takes-number = a number from { $min } to { $max }
review-takes-text = any text
review-same-answer = { $item } is already answered { $answer }: nothing to correct
review-done-query = query on { $item } of visit { $id }
review-done-correct = correction of { $item } of visit { $id }: { $change }
review-done-status = visit { $id } { $status }
review-written = { $done }; written to { $path }
review-queue-empty = No records await review.
review-queue-auditor = AUDITOR
review-queue-finished = FINISHED
review-queue-signed = SIGNED
review-export-title = Review
review-export-status = Review status: { $status }
review-export-correction = { $item }: { $change } — { $reason }
review-compare-line = Review: A { $a }, B { $b }

## The review screen (src/tui/desk.rs).
desk-queue-title = Review queue: { $count ->
    [one] { $count } record awaits review
   *[other] { $count } records await review
}
desk-queue-footer = Enter open · j k move · ? help · q quit
desk-title = Review · { $header }
desk-footer = ] [ flags · m M ask · c correct · A approve · R return · X exclude · ? help · q back
desk-answer = Answer: { $answer }
desk-corrected = Corrected: { $change } — { $reason }
desk-open-query = ? Open question: { $text }
desk-note = Note: { $note }
desk-visit-note = Visit note: { $note }
desk-choose-title = New answer
desk-na = N/A
desk-ask-item = Question on this item:
desk-ask-visit = Question on the visit:
desk-ask-answer = New answer (a number, or the text):
desk-ask-reason = Reason for the correction:
desk-ask-return = Message to the auditor:
desk-ask-exclude = Reason to exclude:
desk-say-it = Type it first (Esc to cancel).
desk-no-other-flag = No other flagged item.
desk-refused = Refused; nothing written.
desk-help-title = Keys
desk-key-move = next / previous item
desk-key-page = a page down / up
desk-key-flag = next / previous flagged item
desk-key-query = ask the auditor about the item
desk-key-query-visit = ask the auditor about the visit
desk-key-correct = correct the answer (choose it, then the reason)
desk-key-approve = approve the record
desk-key-return = return it to the auditor (with a message)
desk-key-exclude = exclude it from every figure (with a reason)
desk-key-help = this help
desk-key-back = back to the queue
desk-key-open = open the record's review screen
desk-key-quit = leave

## The auditor's reply to a returned visit.
review-what-answer = answer
review-reply-none = this visit has no review file to answer (it is not returned)
review-reply-not-returned = this visit is { $status }, not returned: there is nothing to answer or resubmit
review-reply-questions-open = { $count ->
    [one] { $count } question is still open: answer it with e first
   *[other] { $count } questions are still open: answer each with e first
}
review-done-answer = Answer written to the review file.
review-done-resubmit = Resubmitted: the visit is final again and back in the editor's queue.
