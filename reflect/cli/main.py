"""The `reflect` Typer app with every command (errors become messages in reflect.cli.root)."""

from __future__ import annotations

from reflect.cli.root import ReflectGroup, new_app

__all__ = ["ReflectGroup", "app", "run"]

# The root (its group, --version and error handling) lives in reflect.cli.root, which
# also starts single commands without importing all of these; keep its COMMANDS table
# in step with _register (tests/cli/test_lazy_dispatch.py checks).
app = new_app()


def _register() -> None:
    from reflect.cli import (
        actions,
        entries,
        export,
        importer,
        journal,
        remind,
        start,
        workbook,
        workbooks,
        write,
    )

    start.register(app)
    workbooks.register(app)
    app.add_typer(workbook.app, name="workbook")
    app.add_typer(actions.app, name="actions")
    write.register(app)
    journal.register(app)
    entries.register(app)
    export.register(app)
    app.add_typer(importer.app, name="import")
    remind.register(app)


_register()


def run() -> None:
    app(prog_name="reflect")
