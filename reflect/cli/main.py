"""The `reflect` Typer app, and the one place errors become messages and exit codes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from reflect import __version__
from reflect.cli import coercion
from reflect.errors import ReflectError
from reflect.terminal import visible

# Plain values (a word, a number, a choice) skip Typer's pydantic adapters: ~80 ms.
coercion.install()

if TYPE_CHECKING:
    # Typer vendors Click; its Context is what TyperGroup's methods are typed with.
    from typer._click import Context as ClickContext


class ReflectGroup(TyperGroup):
    """Turns the project's own errors into one short paragraph on stderr and an exit code.

    Every command runs inside this `invoke`, so CliRunner tests see exactly what a
    person would, and no traceback ever reaches the terminal for a ReflectError.
    """

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except ReflectError as exc:
            # visible(): a message may quote a file's text or name, never to be obeyed.
            typer.echo(visible(f"reflect: {exc}"), err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("\nStopped. Nothing you saved has changed.", err=True)
            raise typer.Exit(130) from None

    def list_commands(self, ctx: ClickContext) -> list[str]:
        # Commands in the order people meet them, not alphabetical.
        return list(self.commands)


app = typer.Typer(
    name="reflect",
    cls=ReflectGroup,
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=False,
    # Never print local variables in a traceback: they may hold someone's words.
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"reflect {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Guided, reflective journaling in your terminal.

    Start with `reflect start` (or `reflect start getting-started`). Your words are kept
    in plain-text files that you own; `reflect journal` reads them back.
    """
    if ctx.invoked_subcommand is None:
        from reflect.cli.start import start_home

        start_home()


def _register() -> None:
    from reflect.cli import (
        actions,
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
    export.register(app)
    app.add_typer(importer.app, name="import")
    remind.register(app)


_register()


def run() -> None:
    app(prog_name="reflect")
