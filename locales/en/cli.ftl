# The command line: command output, status and error messages, --help.

## Failures of the commands themselves.
cli-no-home = no home folder to keep visits in; pass --data-dir DIR or set TOUCHPOINT_DATA_DIR
cli-no-terminal = this needs a terminal to show the visit in, and there is none here (output is a pipe or a file, or the session has no terminal); nothing was created. Over SSH, connect with `ssh -t HOST touchpoint …`; in a script, use `touchpoint list` and `touchpoint export`
cli-cannot-watch-signals = cannot watch for signals
cli-terminal = terminal
cli-cannot-write = cannot write
cli-cannot-write-list = cannot write the list
cli-cannot-write-stdout = cannot write to standard output
cli-cannot-write-schema = cannot write the schema
cli-cannot-write-completions = cannot write the completion script
cli-cannot-write-man = cannot write the manual page
man-commands = COMMANDS
man-exit-status = EXIT STATUS
man-exit-status-text = 0 success; 1 failure, with a message on standard error; 2 a usage error (an unknown command or option, a value that is not allowed).
man-environment = ENVIRONMENT
man-environment-text =
    TOUCHPOINT_DATA_DIR: the data folder, as --data-dir gives it.
    LC_ALL, LC_MESSAGES, LANG: the language of the program's own words (English or Russian) when neither --lang nor config.toml's language says.
    NO_COLOR: state is shown by symbols alone, without colour.
man-files = FILES
man-files-text =
    ~/.local/share/touchpoint/visits/ID.toml: every visit, draft or final (the data folder; 0700, its files 0600).
    ~/.local/share/touchpoint/visits/ID.journal: the changes of an open visit not yet folded into its record.
    ~/.local/share/touchpoint/trash/: deleted visits, until the user empties the folder.
    ~/.config/touchpoint/config.toml: defaults (auditor, language, checklist folders, export folder and its mode).
    ~/.config/touchpoint/checklists/: the user's own checklists.
man-see-also = SEE ALSO
man-see-also-text = The project's README.md and docs/ folder: the record format, how scores work, the data folder and its promises.
cli-warning = warning: { $warning }

## touchpoint new
cli-did-you-mean = did you mean "{ $near }"?
cli-journeys-are = the journeys are: { $ids }
cli-no-journey = no journey "{ $journey }"; { $hint }
cli-checklist-twice = checklist { $id } is named twice; a visit holds each checklist once
# What `refuse_control` names in its message ("the site holds …").
cli-what-site = the site
cli-what-auditor = the auditor's name

## touchpoint resume, and leaving a visit.
cli-no-draft = no draft to resume; `touchpoint new` starts a visit
cli-resumed-final = final visit, finalized { $time }: read-only
cli-resumed-draft = resumed draft saved { $time } ({ $ago })
cli-just-now = just now
cli-minutes-ago = { $count ->
    [one] { $count } minute ago
   *[other] { $count } minutes ago
}
cli-hours-ago = { $count ->
    [one] { $count } hour ago
   *[other] { $count } hours ago
}
cli-days-ago = { $count ->
    [one] { $count } day ago
   *[other] { $count } days ago
}
cli-not-saved = the last changes to visit { $id } were NOT saved: { $error }
cli-visit-saved = visit { $id } saved in { $path }

## touchpoint list
cli-trash-empty = the trash is empty
cli-no-visits = no visits yet; `touchpoint new` starts one
cli-list-id = ID
cli-list-site = SITE
cli-list-status = STATUS
cli-list-progress = PROGRESS
cli-list-score = SCORE
cli-list-updated = UPDATED
cli-status-draft = draft
cli-status-final = final
cli-status-not-exported = final, not exported
cli-status-unsigned = final, unsigned
cli-score-fail = FAIL
cli-unreadable-record = unreadable record, left as it is: { $problem }

## touchpoint delete, restore
cli-deleted = visit { $id } moved to { $path }; `touchpoint restore { $id }` brings it back
cli-restored = visit { $id } is back; `touchpoint resume { $id }` opens it

## touchpoint report
cli-skipped = skipped: { $problem }
cli-drafts-left-out = { $count ->
    [one] { $count } draft left out; --include-drafts takes them
   *[other] { $count } drafts left out; --include-drafts takes them
}
cli-files-skipped = { $count ->
    [one] { $count } file skipped; the report is of the others
   *[other] { $count } files skipped; the report is of the others
}
cli-visit-counted-once = { $path }: visit { $id } is also in { $first }; counted once
cli-record-too-large = is { $size } bytes; a record may be at most 16 MiB, so this is not one

## touchpoint validate
cli-folder-no-toml = folder holds no .toml files
cli-cannot-read-folder = cannot read folder: { $reason }
cli-validate-ok = { $count ->
    [one] ok { $path }: { $id } ({ $touchpoint }, { $count } item)
   *[other] ok { $path }: { $id } ({ $touchpoint }, { $count } items)
}
cli-validate-all-valid = all { $count } checklist files are valid
cli-validate-summary = { $problems ->
    [one] { $problems } problem
   *[other] { $problems } problems
} in { $bad } of { $total ->
    [one] { $total } file
   *[other] { $total } files
}

## touchpoint checklists
cli-checklists-id = ID
cli-checklists-touchpoint = TOUCHPOINT
cli-checklists-items = ITEMS
cli-checklists-title = TITLE
cli-checklists-source = SOURCE
cli-source-bundled = bundled:{ $id }
cli-source-user = user: { $path }
cli-checklists-skipped = skipped { $problem }

## The data folder (store.rs): errors, what was being done, and why it failed.
# $folder is data, export or output.
store-bad-id = "{ $id }" is not a visit id: use letters, digits and hyphens, starting with a letter or digit, at most { $most } characters
store-not-found = no visit { $id } in { $folder }; `touchpoint list` shows the visits there
store-too-large = { $path } is { $size } bytes, more than the { $most } MiB a visit file may have; move it out of the data folder
store-locked = visit { $id } is open in another session{ $holder }; close it there first
store-holder-pid = pid { $pid }
store-holder-host = on host { $host }
store-holder-since = since { $time }
store-refused = refusing { $path }: { $why }
store-io = cannot { $action }: { $reason }
store-action-create-data-folder = create the data folder { $path }
store-action-open-data-folder = open the data folder { $path }
store-action-open-folder = { $folder ->
    [export] open the export folder { $path }
    [output] open the output folder { $path }
   *[data] open the data folder { $path }
}
store-action-save = save visit { $id }
store-action-read = read visit { $id }
store-action-list = list the visits in { $path }
store-action-lock = lock visit { $id }
store-action-release = release visit { $id }
store-action-copy = copy visit { $id } to { $path }
store-action-keep-checklist = keep a copy of a checklist in { $path }
store-action-read-kept = read the kept checklist { $path }
store-action-write = write { $path }
store-action-read-journal = read the journal of visit { $id }
store-action-start-journal = start the journal of visit { $id }
store-action-remove-journal = remove the journal of visit { $id }
store-action-keep-journal = keep aside the damaged journal of visit { $id }
session-journal-damaged = { $count ->
    [one] visit { $id }: { $count } change in its journal could not be applied (a damaged line)
   *[other] visit { $id }: { $count } changes in its journal could not be applied (damaged lines)
}
session-journal-edited = { $count ->
    [one] visit { $id }: its record was changed since its journal began; { $count } later change was applied item by item where it fits
   *[other] visit { $id }: its record was changed since its journal began; { $count } later changes were applied item by item where they fit
}
session-journal-kept = the journal as it was is kept in { $path }
session-journal-will-keep = resuming the visit keeps the journal as it was aside
session-visit-too-large = the visit would be larger than { $most } MiB, which no reader takes; shorten a long note
session-journal-moved = the journal is no longer in the data folder (was the folder moved or replaced?)
store-action-save-change = save the change
store-why-kept-changed = its content does not match its name: it was changed after it was kept
store-why-foreign-link = it is a symbolic link of another user (uid { $uid }); name the file itself
store-why-dangling-link = it is a symbolic link to nothing; name the file itself
store-why-pipe-output = it is { $kind }: another program, perhaps another user's, would read what is written; to send an export into a pipe use -o - (standard output)
store-why-foreign-output = it belongs to another user (uid { $uid }); write to a file of your own
store-why-foreign-device = it is a device of another user (uid { $uid }); an export goes to a file, /dev/null or your own terminal
store-why-in-data-folder = it is in the data folder { $folder }, and writing there would replace a visit's files; write somewhere else
store-why-link-to-file = it is a symbolic link to a file; name the file itself
store-why-folder = it is a folder; name a file inside it
store-why-not-export-target = it is { $kind }; an export goes to a file, /dev/null or your own terminal
store-why-changed-while-opening = it changed while being opened; try again
store-why-foreign-folder = { $folder ->
    [export] the export folder belongs to another user (uid { $uid }); use a folder of your own
    [output] the output folder belongs to another user (uid { $uid }); use a folder of your own
   *[data] the data folder belongs to another user (uid { $uid }); use a folder of your own
}
store-why-folder-open = { $folder ->
    [export] the export folder is open to other users (mode { $mode }) and cannot be tightened: { $reason }
    [output] the output folder is open to other users (mode { $mode }) and cannot be tightened: { $reason }
   *[data] the data folder is open to other users (mode { $mode }) and cannot be tightened: { $reason }
}
store-why-link = it is a symbolic link, which touchpoint never follows in its data folder; remove the link and try again
store-why-cannot-check = cannot check it: { $reason }
store-why-not-regular = it is { $kind }, not a regular file; remove it and try again
store-why-foreign-file = it belongs to another user (uid { $uid }); remove it or ask its owner
store-kind-folder = a folder
store-kind-fifo = a FIFO (named pipe)
store-kind-char-device = a character device
store-kind-block-device = a block device
store-kind-socket = a socket
store-kind-symlink = a symbolic link
store-kind-regular = a regular file
store-no-temp-name = no free temporary file name
store-not-regular-file = not a regular file
store-journal-too-large = the journal is over 16 MiB
store-reason-disk-full = disk full; free some space and try again
store-reason-quota = disk quota exceeded; free some space and try again
store-reason-permission = permission denied; check the owner and permissions of { $path }
store-reason-read-only = the disk is read-only
store-reason-folder-in-way-at = a folder is in the way at { $path }
store-reason-folder-in-way = a folder is in the way
store-reason-too-large = the file is larger than this system allows
store-reason-not-a-file-name = not a file name
store-reason-file-in-way = a file is in the way at { $path }
store-reason-folder-missing = { $folder ->
    [export] the export folder { $path } is missing
    [output] the output folder { $path } is missing
   *[data] the data folder { $path } is missing
}
store-reason-unknown = unknown error

## The system's reasons for a failed read or write, as touchpoint says them.
io-not-found = no such file or folder
io-permission-denied = permission denied
io-is-a-folder = is a folder
io-not-a-folder = a part of the path is not a folder
io-already-exists = it already exists
io-disk-full = disk full
io-read-only = the disk is read-only
io-quota = disk quota exceeded
io-file-too-large = the file is too large
io-interrupted = interrupted; try again
io-timed-out = timed out
io-broken-pipe = the reader went away (broken pipe)
io-busy = the file is busy
io-folder-not-empty = the folder is not empty
io-crosses-devices = it is on another disk
io-too-many-links = too many links
io-name-too-long = the name is too long
io-out-of-memory = out of memory
io-stale = a stale network file handle
io-unsupported = the system does not support this
io-input-output = input/output error
io-loop = too many levels of symbolic links
io-no-device = no such device or address
io-would-block = the resource is busy for now; try again

## The trash: touchpoint delete and restore.
trash-no-visit = no visit { $id } to delete; `touchpoint list` shows the visits
trash-not-in-trash = no visit { $id } in the trash; `touchpoint list --trash` shows what is there
trash-taken = { $path } already exists; move it away first, so that neither visit is lost
trash-action-delete = move visit { $id } to the trash
trash-action-restore = restore visit { $id }
trash-action-read = read { $path }
trash-journal-not-regular = { $path } is not a regular file

## An open visit (session.rs).
session-needs-checklists = visit { $id } needs the checklists above; put them back where they were, then try again
session-not-written-yet = the visit's record is not written yet
session-checklist-not-kept = saved, but its checklist was not kept: { $error }
session-not-exported = saved, but not exported: { $error }
session-journal-needs-checklists = { $count ->
    [one] holds { $count } change not yet in the record, which need the visit's checklists: { $problems }
   *[other] holds { $count } changes not yet in the record, which need the visit's checklists: { $problems }
}
session-too-large = is { $size } bytes, more than the 16 MiB a visit file may have; move it out of the data folder
session-cannot-read = cannot read: { $reason }

## Attaching a file to a visit (evidence.rs); shown on the visit screen.
evidence-not-found = { $path }: no such file; check the path (Tab completes it)
evidence-folder = { $path } is a folder; attach a file inside it
evidence-not-regular = { $path } is not a regular file (a device, a pipe or a socket); attach a file
evidence-too-large = { $path } is { $size }, more than the 25 MiB a file may have; attach a smaller copy
evidence-empty = { $path } is empty; nothing to attach
evidence-unreadable = cannot read { $path }: { $reason }
evidence-store = cannot copy the file into the data folder: { $error }
evidence-action-create = create { $path }
evidence-over-limit = over 25 MiB

## config.toml and the checklists named on the command line (config.rs).
config-not-utf8 = not valid UTF-8; save the file as UTF-8
config-not-regular = is not a regular file (a FIFO, a device or a socket, or a link to one); config.toml must be a file
config-too-large = is larger than { $most } KiB; config.toml holds a few settings
config-mode-not-octal = export_mode { $mode } is not an octal file mode; write it as chmod does, such as "0640"
config-mode-not-a-mode = export_mode must be a file mode such as "0640"
config-mode-not-allowed = export_mode { $mode } is not allowed: an export needs read and write for its owner (6 first) and may give only read or write to group and others, such as "0640"
config-no-checklist-near = no checklist file or id by this name — did you mean "{ $near }"?
config-no-checklist = no checklist file or id by this name; `touchpoint checklists` lists the ids

## --help: about each command and argument. English is as the doc comments
## of src/cli.rs say it; outside English clap's [env], [default] and
## [possible values] notes are hidden, so those texts say them.
help-about = Keyboard-only terminal app for service audits: TOML checklists in, timestamped TOML records out
help-usage = Usage:
help-commands = Commands
help-arguments = Arguments
help-options = Options
help-help = Print help
help-version = Print version
help-help-command = Print this message or the help of the given subcommand(s)
help-data-dir = Data folder for visits (default: the platform's data folder)
help-lang = Language of the program's own words (default: config.toml's `language`, else the locale)
help-new = Start a visit and open it
help-new-site = Name of the site audited, such as "Hotel Metropol"
help-new-auditor = Auditor's name (default: the config's, else the login name)
help-new-journey = A whole journey, such as hotel-stay, luxury-train or river-cruise, in the interface language when it has one
help-new-checklists = Checklists: paths, or ids of bundled or user checklists (default: the hotel stay in the interface language)
help-resume = Reopen a draft (the latest when no ID is given); a final visit opens read-only
help-resume-id = Visit id, as `touchpoint list` shows it
help-list = List visits: id, site, status, progress, score, updated
help-list-trash = The deleted visits instead, waiting in the trash
help-delete = Move a visit to the trash (`trash/` in the data folder); `restore` brings it back
help-delete-id = Visit id, as `touchpoint list` shows it
help-restore = Bring a deleted visit back from the trash
help-restore-id = Visit id, as `touchpoint list --trash` shows it
help-export = Write a visit's record in another format
help-export-id = Visit id
help-output = Where to write (default: standard output)
help-export-format = Output format
help-report = Aggregate records into one review: scores by site, touchpoint, tag and month, the service map, and the items missed most
help-report-paths = Record files, or folders searched for .toml records (default: the final visits in the data folder)
help-report-format = Output format
help-report-include-drafts = Take drafts too (left out by default: they may still change)
help-report-site = Only this site (case does not matter); may be given more than once
help-report-since = Only visits started on or after this day (2026-11-22) or month (2026-11)
help-report-until = Only visits started on or before this day (2026-11-22) or month (2026-11)
help-report-min-coverage = Final visits with fewer of their shown items answered, in percent, are listed as incomplete and left out of every figure
help-report-min-answers = Fewest scored answers for an item to be listed among the most missed
help-compare = Two visits of one site item by item: fixed, regressed, still missed, new
help-compare-a = The earlier visit: a record file or a visit id
help-compare-b = The later visit: a record file or a visit id
help-compare-format = Output format
help-report-line = The service map's line between high and low, in percent
help-line-not-percent = write a percentage between 0 and 100, such as 80
help-validate = Check checklist files or folders of them; exit 1 on any error
help-validate-paths = Checklist files, or folders holding .toml files
help-checklists = List the checklists available, with their source
help-schema = Print a JSON Schema, for editor completion
help-schema-kind = Which file format
help-json = As JSON, for scripts
help-completions = Print a shell's completion script (visit and checklist ids complete too)
help-completions-shell = The shell: bash, zsh, fish, elvish or powershell
help-man = Print the manual page (roff) on standard output
help-value-shell = SHELL
help-sign = Sign a final record that finalize could not sign (config.toml's `signing_key`)
help-check = Flag what does not add up in records: answers against the stopwatch and notes, misses without a note, answers too fast or outside the visit, photos' times, reused files, integrity items, outlier auditors; exit 1 when any flag is raised
check-drafts-left-out = { $count ->
    [one] { $count } draft left out: checks are of final records
   *[other] { $count } drafts left out: checks are of final records
}
check-files-skipped = { $count ->
    [one] { $count } file skipped; the others were checked
   *[other] { $count } files skipped; the others were checked
}
check-checklist-missing = { $problem }; its items are checked from the record alone
help-verify = Check records' signatures; exit 1 when any is missing, bad, or by a key not allowed
help-verify-allowed-signers = OpenSSH allowed_signers file (default: config.toml's `allowed_signers`)
help-value-file = FILE
sign-not-a-key = not an OpenSSH private or public key ({ $reason })
sign-allowed-bad-key = not a public key ({ $reason }); a line is: principals [options] key-type base64-key
sign-allowed-cert-authority = cert-authority keys are not supported: list each auditor's own key
sign-allowed-unknown-option = unknown option { $option }; touchpoint knows namespaces=, valid-after= and valid-before=
sign-allowed-bad-time = { $time } is not a time; write YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, with Z for UTC
sign-not-a-signature = not an SSH signature ({ $reason })
sign-wrong-namespace = signed for { $namespace }, not for touchpoint-record
sign-does-not-match = the record's bytes are not the ones signed: it changed after signing
sign-key-not-allowed = key { $fingerprint } is not in allowed_signers for { $auditor }
sign-key-of-another = key { $fingerprint } is allowed for { $principals }, not for the record's auditor { $auditor }
sign-key-not-for-records = key { $fingerprint } is limited to other namespaces in allowed_signers
sign-key-out-of-time = key { $fingerprint } is outside its valid-after/valid-before period
sign-not-a-small-file = not a regular file of at most 1 MiB
sign-cannot-read-key = cannot read the signing key { $path }: { $reason }
sign-no-agent = { $path } needs ssh-agent (a passphrase or a public key), and none is running (SSH_AUTH_SOCK is not set); start one and `ssh-add` the key, then `touchpoint sign ID`
sign-agent-unreachable = cannot reach ssh-agent: { $reason }
sign-agent-lacks-key = ssh-agent does not hold the key of { $path }; `ssh-add` it, then `touchpoint sign ID`
sign-agent-refused = ssh-agent did not sign: { $reason }
sign-no-key-configured = no signing key: set `signing_key` in config.toml to your SSH key (or its .pub, with the key in ssh-agent)
sign-draft = visit { $id } is a draft: only a final record is signed
sign-signed = signed { $id }: { $path }
sign-unsigned = visit { $id } is final but not signed: { $why }; `touchpoint sign { $id }` signs it once the key is available
sign-copy-not-exported = the signature was not copied to the export folder: { $error }
sign-no-allowed-signers = no allowed_signers file: give --allowed-signers FILE or set `allowed_signers` in config.toml
sign-cannot-read-allowed = cannot read { $path }: { $reason }
verify-valid = signed by { $principal }
verify-unsigned = no signature beside the record
verify-invalid = bad signature: { $why }
verify-bad-log = the change log does not match the record: { $why }
verify-unknown-key = { $why }
help-value-dir = DIR
help-value-lang = LANG
help-value-site = SITE
help-value-auditor = AUDITOR
help-value-id = ID
help-value-checklist = CHECKLIST
help-value-path = PATH
help-value-paths = PATHS
help-value-format = FORMAT
help-value-s = S
help-value-date = DATE
help-value-n = N
help-value-percent = PERCENT
help-value-kind = KIND

## Usage errors. In English clap says them itself; these are their words
## in the other languages.
usage-options = OPTIONS
usage-command = COMMAND
usage-error = error: { $message }
usage-unknown-command = unrecognized subcommand '{ $name }'
usage-unknown-argument = unexpected argument '{ $name }' found
usage-invalid-value-choices = invalid value '{ $value }' for '{ $arg }'; possible values: { $choices }
usage-invalid-value = invalid value '{ $value }' for '{ $arg }'
usage-invalid-value-why = invalid value '{ $value }' for '{ $arg }': { $why }
usage-missing = the following required arguments were not provided: { $args }
usage-missing-command = a subcommand is required
usage-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
usage-too-many = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
usage-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
usage-other = the command line is not valid near '{ $arg }'
usage-more = For more information, try '--help'.

## Control characters refused in names and paths (text.rs).
text-control-one-line = { $what } holds the control character { $char } at character { $at }; remove it (it must be one line of plain text)
text-control-multi-line = { $what } holds the control character { $char } at character { $at }; remove it (only newline and tab are allowed)
char-nul = NUL
char-bell = bell
char-backspace = backspace
char-carriage-return = carriage return
char-escape = escape
char-delete = delete
char-csi = control sequence introducer
char-rtl-override = right-to-left override
char-ltr-override = left-to-right override
char-zero-width-space = zero-width space

## Reading a record and rebuilding a visit from it (record/), and the dates
## of touchpoint report. Quoted text from a file is escaped before it is
## placed here.
record-not-utf8 = not valid UTF-8; a record is a UTF-8 TOML file
record-too-large = the file is { $size } bytes; a record may be at most { $most } MiB, so this is not one touchpoint wrote
record-empty = the file is empty; a record starts with format = 1 and a [visit] table
record-toml-syntax = TOML syntax: { $message }
record-missing-field = missing field `{ $field }`
# Added to record-missing-field when the file ends without the table.
record-cut-short = { $problem }: the record has no such top-level table or key; if it ends abruptly, it was cut short
# serde's words, which English keeps: "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
record-unknown-field = unknown field `{ $field }`, { $count ->
    [0] there are no fields
    [1] expected { $first }
    [2] expected { $first } or { $second }
   *[other] expected one of { $fields }
}
record-hint-datetime = { $problem }; write the time without quotes, such as started = 2026-11-22T14:03:12+03:00
record-did-you-mean = { $problem }; did you mean `{ $field }`?
record-format-newer = record format { $format } is not one this touchpoint reads (it reads format { $reads }); open it with a newer touchpoint
record-bad-visit-id = a visit id is letters, digits and hyphens (at most 128), such as 20261122T140312-hotel-metropol-7f3a
record-final-needs-finished = a final visit needs `finished`, the time it was finalized; add it or set status = "draft"
record-draft-has-finished = only a final visit has `finished`; remove it or set status = "final"
record-bad-checklist-id = a checklist id is lowercase letters, digits and hyphens, at most 64
record-checklist-twice = checklist { $id } is listed twice; remove one
record-unlisted-checklist = { $then ->
    [file] checklist "{ $id }" is not among the [[checklists]] of this record; fix the id, or remove checklist and item to attach the file to the visit
    [stopwatch] checklist "{ $id }" is not among the [[checklists]] of this record; fix the id or remove the stopwatch
   *[other] checklist "{ $id }" is not among the [[checklists]] of this record; fix the id or add the checklist
}
record-bad-item-id = an item id is lowercase letters, digits and hyphens, at most 64
record-recorded-twice = { $item } is recorded twice; keep one of the two observations
record-na-with-answer = an observation answered N/A has no `answer`; remove `na = true` or the answer
record-bad-tag = tag "{ $tag }" is not an id; a tag is lowercase letters, digits and hyphens
record-not-a-number = { $key } must be a number >= 0
record-percentage-not-a-number = the percentage of { $name } must be a number >= 0
record-file-half-named = { $missing ->
    [item] an attached file names both checklist and item, or neither for the whole visit; add item or remove checklist
   *[checklist] an attached file names both checklist and item, or neither for the whole visit; add checklist or remove item
}
record-bad-file-path = file is the copy's path inside the data folder, such as evidence/20261122T140312-hotel-metropol-7f3a/3fa2b1c4d5e6-receipt.jpg; no leading /, no .. and no control characters
record-bad-sha256 = sha256 is 64 lowercase hexadecimal digits
record-final-has-timers = a final visit has no running stopwatches; remove its [[timers]]
record-two-stopwatches = { $item } has two stopwatches; keep one of them
record-unknown-status = unknown status "{ $status }"; write "draft" or "final"
record-answer-not-finite = a number answer must be finite, not nan or inf
record-time-not-full = { $time } is not a full date-time; write a date, time and UTC offset, such as 2026-11-22T14:03:12+03:00
record-time-bad = { $time }: { $part ->
    [offset] the offset is out of range
    [year] the year is out of range
    [month] the month is out of range
    [day] the day is out of range
    [hour] the hour is out of range
    [minute] the minute is out of range
    [second] the second is out of range
    [fraction] the fraction of a second is out of range
    [date] no such date or time
   *[other] out of range
}; write a date, time and UTC offset, such as 2026-11-22T14:03:12+03:00
record-cannot-write = touchpoint could not write the record ({ $error }); please report this
record-checklist-changed = checklist { $id } ({ $source }) has changed since this visit was recorded; answers are matched to its items by id
record-checklist-unavailable = { $count ->
    [one] checklist { $id } ({ $source }) is not available; its { $count } recorded observation is left out
   *[other] checklist { $id } ({ $source }) is not available; its { $count } recorded observations are left out
}
record-checklist-not-in-record = checklist { $id } is not part of this record and is left out
record-item-gone = { $item } is no longer an item of its checklist; left out: { $what }
record-na-left-out = { $item }: the checklist no longer allows N/A for this item; the answer N/A is left out
record-answer-left-out = { $item }: { $why }; the answer { $answer } is left out
record-timer-gone = { $item } is no longer a timed item; its stopwatch, started { $started }, is left out
record-file-item-gone = { $item } is no longer an item of its checklist; the file { $file } attached to it stays listed
record-why-na = the checklist no longer allows N/A for this item
record-why-no-option = the item has no such option now
record-why-not-number = the item is answered with one of its options, not a number
record-why-not-text = the item takes a number, not text
record-left-answer = answer { $answer }
record-left-na = answer N/A
record-left-note = note { $note }
record-left-times = its times
record-no-bundled = this version of touchpoint has no bundled checklist with this id
record-kept-copy-of = kept copy of { $source }
record-from-copy = { $why ->
    [changed] checklist { $id } from the copy kept when the visit began ({ $source } has changed)
   *[gone] checklist { $id } from the copy kept when the visit began ({ $source } is gone)
}
record-cannot-load = cannot load checklist { $id }: { $problems }
record-journal-line = journal line { $line }: { $problem }
record-journal-not-an-item = { $item } is not an item of the visit's checklists; left out
report-not-a-date = "{ $value }" is not a date; write a day as 2026-11-22 or a month as 2026-11

## TOML syntax, as the toml library says it: its English, and the same
## words in other languages. A phrase with none here stays as toml says it.
toml-expected = { $problem }, expected { $expected }
toml-day-range = day between 01 and { $most }
toml-underscore-between-digits = `_` may only go between digits
toml-too-deep = cannot recurse further; max recursion depth met
toml-carriage-return = carriage return must be followed by newline
toml-extra-equals = extra `=`
toml-extra-assignment = extra assignment between key-value pairs
toml-extra-comma-array = extra comma in array
toml-extra-comma-inline-table = extra comma in inline table
toml-signed-radix = integers with a radix cannot be signed
toml-invalid-basic-string = invalid basic string
toml-invalid-binary = invalid binary number
toml-invalid-boolean = invalid boolean
toml-invalid-comment-char = invalid comment character
toml-invalid-date-time = invalid date-time
toml-invalid-datetime = invalid datetime
toml-invalid-date = invalid date
toml-invalid-time = invalid time
toml-invalid-offset = invalid offset
toml-invalid-exponent = invalid exponent
toml-invalid-float = invalid float
toml-invalid-fraction = invalid fraction
toml-invalid-hex = invalid hexadecimal number
toml-invalid-inline-table-element = invalid inline table element
toml-invalid-integer = invalid integer number
toml-invalid-key = invalid key
toml-invalid-key-value = invalid key-value pair
toml-invalid-literal-string = invalid literal string
toml-invalid-mantissa = invalid mantissa
toml-invalid-multi-line-basic-string = invalid multi-line basic string
toml-invalid-multi-line-literal-string = invalid multi-line literal string
toml-invalid-octal = invalid octal number
toml-invalid-string = invalid string
toml-invalid-table = invalid table
toml-invalid-unquoted-key = invalid unquoted key
toml-invalid-value = invalid value
toml-key-with-no-value = key with no value
toml-key-multi-line-basic = keys cannot be multi-line basic strings
toml-key-multi-line-literal = keys cannot be multi-line literal strings
toml-missing-array-opening = missing array opening
toml-missing-assignment = missing assignment between key-value pairs
toml-missing-comma-array = missing comma between array elements
toml-missing-comma-pairs = missing comma between key-value pairs
toml-missing-comment-start = missing comment start
toml-missing-escaped-value = missing escaped value
toml-missing-inline-table-opening = missing inline table opening
toml-missing-inline-key = missing key for inline table element
toml-missing-opening-quote = missing opening quote
toml-missing-table-open = missing table open
toml-missing-value-for-key = missing value for key
toml-missing-value = missing value
toml-radix-lowercase = radix must be lowercase
toml-redundant-prefix = redundant integer number prefix
toml-redundant-sign = redundant numeric sign
toml-string-unquoted = string values must be quoted
toml-few-unicode-digits = too few unicode value digits
toml-unclosed-array-table = unclosed array table
toml-unclosed-array = unclosed array
toml-unclosed-inline-table = unclosed inline table
toml-unclosed-table = unclosed table
toml-equals-in-array = unexpected `=` in array
toml-content-after-comment = unexpected content between comment and newline
toml-unexpected-content = unexpected content
toml-unexpected-key-or-value = unexpected key or value
toml-leading-zero = unexpected leading zero
toml-unexpected-sign = unexpected sign
toml-empty-unquoted-key = unquoted keys cannot be empty
toml-duplicate-key = duplicate key
toml-nothing = nothing
toml-newline = newline
toml-basic-string = basic string
toml-characters = characters
toml-digits = digits
toml-key = key
toml-letters = letters
toml-literal-string = literal string
toml-multi-line-basic-string = multi-line basic string
toml-non-double-quote-visible = non-double-quote visible characters
toml-non-single-quote = non-single-quote characters
toml-non-single-quote-visible = non-single-quote visible characters
toml-numbers = numbers
toml-printable = printable characters
toml-unicode-hex = unicode hexadecimal value
toml-value = value
toml-year-digits = a four-digit year (YYYY)
toml-month-digits = a two-digit month (MM)
toml-day-digits = a two-digit day (DD)
toml-hour-digits = a two-digit hour (HH)
toml-minute-digits = a two-digit minute (MM)
toml-second-digits = a two-digit second (SS)
toml-month-range = month between 01 and 12
toml-hour-range = hour between 00 and 23
toml-hours-range = hours between 00 and 23
toml-minute-range = minute between 00 and 59
toml-minutes-range = minutes between 00 and 59
toml-second-range = second between 00 and 60
toml-t-between = `T` between date and time
toml-dash-month-day = `-` (MM-DD)
toml-colon-hour-minute = `:` (HH:MM)
toml-dash-or-colon = `-` (YYYY-MM) or `:` (HH:MM)
toml-day = day
toml-hour = hour
toml-minute = minute
toml-month = month
toml-second = second

## Serde's words for a value of the wrong type in a record ("invalid type:
## integer `5`, expected a string"); English keeps serde's.
record-invalid-type = invalid type: { $found }, expected { $wanted }
record-invalid-value = invalid value: { $found }, expected { $wanted }
record-found-boolean = boolean { $value }
record-found-integer = integer { $value }
record-found-string = string { $value }
record-found-character = character { $value }
record-found-float = floating point { $value }
record-found-array = an array
record-found-table = a table
record-wanted-string = a string
record-wanted-whole-number = a whole number >= 0
record-wanted-number = a number
record-wanted-boolean = a boolean
record-wanted-array = an array
record-wanted-datetime = a TOML datetime
record-wanted-answer = an option id, a number or text
record-wanted-percentages = a table of percentages, such as "check-in" = 90.0
# $name is the program's own name of the table, which English has shown.
record-wanted-table = struct { $name }

## toml's words for numbers that do not fit and dotted keys.
toml-dotted = cannot extend value of type { $kind ->
    [string] string
    [integer] integer
    [float] float
    [boolean] boolean
    [datetime] datetime
    [array] array
    [inline-table] inline table
   *[table] table
} with a dotted key
toml-integer-overflow = integer number overflowed
toml-float-overflow = floating-point number overflowed
cli-link-not-followed = a symbolic link inside the folder, not followed (another user could have planted it); name the file itself to include it
cli-empty-data-dir-variable = the environment variable TOUCHPOINT_DATA_DIR is set but empty; unset it or set it to a folder
cli-not-exported = visit { $id } is final but not copied to the export folder: { $error }; it is tried again at every start and by list
cli-no-export-folder = config.toml names no export_folder any more
cli-exported-now = visit { $id } copied to the export folder { $path } now
evidence-would-wait = it is a kernel or device file that cannot be read now (reading it would wait); attach an ordinary file
cli-evidence-not-copied = { $file } was not copied beside the export: { $reason }
cli-evidence-outside = its path leads out of the data folder
cli-id-differs = { $path }: its [visit] id is { $id }, not its file name; listed as { $name }, the name every command finds it by
help-review = The editor's desk: the queue of records awaiting review, or one action on a record
help-review-paths = With an action: the record (a file or a visit id); without: record files or folders to list
help-review-query = Ask the auditor about an item (checklist/item, or "visit")
help-review-correct = Correct an answer: checklist/item=answer (with --reason)
help-review-reason = Why the answer is corrected
help-review-approve = Approve the record
help-review-note = A note with the approval
help-review-return = Send the record back to its auditor with this message
help-review-exclude = Leave the record out of every figure, for this reason
help-value-rec = REC
help-value-item-answer = ITEM=ANSWER
help-value-text = TEXT
help-report-status = Final visits with these review statuses only: final, approved, returned, excluded or all (default: final and approved)
help-value-status = STATUS
help-status-unknown = a review status is final, approved, returned, excluded or all
report-reviewed-left-out = { $count ->
    [one] { $count } returned or excluded visit left out (--status chooses)
   *[other] { $count } returned or excluded visits left out (--status chooses)
}


## The change log (issue 22)
store-action-read-log = read the change log of visit { $id }
store-action-write-log = write the change log of visit { $id }
help-log = Print a visit's change log as a timeline: what changed, when
log-not-a-line = not a line of a change log
log-chain-broken = the chain is broken here: a line was taken out, added or edited
log-cut-short = the last line is cut short
log-missing = the change log { $path } is missing
log-unreadable = cannot read the change log { $path }: { $reason }
log-hash-differs = the change log { $path } is not the one the record names (its sha256 differs from log_sha256)
log-visit = visit
log-undo = undo
log-redo = redo
log-field-note = note
log-field-evidence = file
log-field-stopwatch = stopwatch
log-field-status = status
log-no-visit = no visit { $id }; `touchpoint list` shows the visits
log-empty = (no change yet)
help-report-require-signed = Leave out every visit whose signature is not valid
report-unsigned-left-out = { $count ->
    [one] { $count } visit left out: not validly signed (--require-signed)
   *[other] { $count } visits left out: not validly signed (--require-signed)
}
cli-home-unsigned = visit { $id } is final, unsigned: `touchpoint sign { $id }` signs it
help-report-allowed-signers = OpenSSH allowed_signers file (default: config.toml's `allowed_signers`)
