"""The journal: a folder of plain-text month files that the user owns.

`model` holds the entry types, `format` the grammar (parse/render, spec in
docs/journal-format.md), `store` the locked, atomic, private file access, and
`query` the read side (listing, finding, filtering).
"""
