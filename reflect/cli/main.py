"""The `reflect` Typer app with every command, for `reflect --help`, tests and the unusual.

The commands, their order and their modules are listed once, in
`reflect.cli.root.COMMANDS`; this module only builds the app that has them all.
"""

from __future__ import annotations

from reflect.cli.root import full_app

__all__ = ["app"]

app = full_app()
