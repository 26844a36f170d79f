"""The journal: a folder of plain-text month files that the user owns.

`model` holds the entry types; `lines`, `render`, `parse` and `entry_parser` the
grammar (spec in docs/journal-format.md; each answer's own lines are its kind's, in
`reflect.kinds`); `store` the locked, atomic, private file access; and `query` the
read side (listing, finding, filtering).
"""
