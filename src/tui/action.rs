//! Everything a key can ask of a visit. The keymap maps keys to these; the
//! help screen is generated from the keymap.

/// One thing the auditor asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move to the next shown item, across section boundaries.
    Next,
    /// Move to the previous shown item.
    Prev,
    /// Move to the first item of the checklist.
    First,
    /// Move to the last item of the checklist.
    Last,
    /// Open the next checklist (touchpoint).
    NextChecklist,
    /// Open the previous checklist (touchpoint).
    PrevChecklist,
    /// Choose option N (1-based) of the item's set.
    Choose(u8),
    /// Answer Yes on a yes-no item.
    Yes,
    /// Answer No on a yes-no item.
    No,
    /// Answer N/A.
    Na,
    /// Clear the answer.
    Clear,
    /// Edit the value of a text or number item.
    EditValue,
    /// Edit the item's note.
    EditNote,
    /// Edit the note of the whole visit.
    EditVisitNote,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Jump to the next unanswered item.
    NextUnanswered,
    /// Jump to the previous unanswered item.
    PrevUnanswered,
    /// Start the stopwatch on a timed item, or stop it and answer with the time.
    Stopwatch,
    /// Cancel the stopwatch on the item without answering.
    CancelStopwatch,
    /// Attach a file to the selected item.
    Attach,
    /// Attach a file to the whole visit.
    AttachToVisit,
    /// Take the item's last attached file off the list (undoable).
    RemoveEvidence,
    /// Take the visit's last attached file off the list (undoable).
    RemoveVisitEvidence,
    /// Search the prompts.
    Search,
    /// Review the visit and finalize it.
    Finalize,
    /// Show the keys.
    Help,
    /// Leave the visit; it is already saved.
    Quit,
}
