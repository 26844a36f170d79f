"""Looking back: the journal read back as trends, what went together, plans kept and
how often someone came back (`reflect insights`, the TUI's Looking back screen).

No UI here and no clock: `today` is passed in. `facts` reads the month files (leaving
out, and naming, any that cannot be read), `stats` works the numbers out, `text`,
`html` and `jsonout` show them. Nothing is written to disk but the report a person
asks for: no cache of anyone's words.
"""
