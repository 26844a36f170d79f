"""The full-screen app (`reflect start` in a terminal), built on Textual.

Only this package imports Textual at module level (ruff's TID253 keeps it
that way): `reflect --help`, `reflect remind` and `reflect actions` never pay
for it. The app is a thin front end over `reflect.session`, `reflect.drafts`,
`reflect.actions` and the journal store; it holds no journal or workbook
logic of its own. Start it with `reflect.tui.app.make_app`.
"""
