# Documents the program writes: the headings and words of exports
# (Markdown, HTML debrief) and of reports (table, Markdown, HTML).
