# Checklist validation: the problems `touchpoint validate` (and every reader of
# checklists) reports, each with file:line:column and how to fix it.
