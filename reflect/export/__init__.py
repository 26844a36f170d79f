"""Taking the journal elsewhere: Markdown and JSON for reading and scripts, iCalendar for
actions. Each exporter is a pure function of what it is given (and `now`); the CLI
chooses the entries and writes the result."""
