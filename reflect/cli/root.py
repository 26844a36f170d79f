"""The root of the `reflect` command line, its one list of commands, and a start-up
that imports one command.

`COMMANDS` is the only list of commands: `reflect.cli.main.app` adds all of them
(for `reflect --help`, for tests and for anything unusual), and `app_for` adds just
the one named. Importing every command module (and Typer building every command)
costs ~40 ms that `reflect journal -n 10` does not need, so `run()` looks at the
first word: when it names a command in `COMMANDS`, it builds an app with the same
root (the same group, `--version` and error handling) and only that command's
module. Anything else (no command, `--help`, a typo that wants a suggestion) gets
the full app. tests/cli/test_lazy_dispatch.py checks that a module adds no command
the table does not name, and that both apps print the same help.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click.exceptions import ClickException  # Typer's own copy of Click
from typer.core import TyperGroup

from reflect import __version__, clock, messages
from reflect.cli import coercion
from reflect.errors import ReflectError
from reflect.terminal import is_utf8, visible

if TYPE_CHECKING:
    # Typer vendors Click; its Context is what TyperGroup's methods are typed with.
    from typer._click import Context as ClickContext

# Each command, in the order people meet them (`reflect --help` lists the single
# commands in this order, then the groups): the module that adds it, and whether that
# module's `app` is a group added under the name (otherwise the module's
# `register(app)` adds it, with any other commands of that module).
COMMANDS: dict[str, tuple[str, bool]] = {
    "start": ("reflect.cli.start", False),
    "workbooks": ("reflect.cli.workbooks", False),
    "workbook": ("reflect.cli.workbook", True),
    "actions": ("reflect.cli.actions", True),
    "write": ("reflect.cli.write", False),
    "journal": ("reflect.cli.journal", False),
    "show": ("reflect.cli.journal", False),
    "search": ("reflect.cli.journal", False),
    "tags": ("reflect.cli.journal", False),
    "star": ("reflect.cli.entries", False),
    "unstar": ("reflect.cli.entries", False),
    "edit": ("reflect.cli.entries", False),
    "delete": ("reflect.cli.entries", False),
    "export": ("reflect.cli.export", False),
    "insights": ("reflect.cli.insights", False),
    "import": ("reflect.cli.importer", True),
    "remind": ("reflect.cli.remind", False),
    "encrypt": ("reflect.cli.encryption", False),
    "decrypt": ("reflect.cli.encryption", False),
    "key": ("reflect.cli.key", True),
    "sync": ("reflect.cli.sync", True),
}


class ReflectGroup(TyperGroup):
    """Turns the project's own errors into one short paragraph on stderr and an exit code.

    Every command runs inside this `invoke`, so CliRunner tests see exactly what a
    person would, and no traceback ever reaches the terminal for a ReflectError.
    """

    def make_context(self, *args: Any, **kwargs: Any) -> ClickContext:
        try:
            return super().make_context(*args, **kwargs)
        except ClickException as exc:
            raise _literal(exc) from None

    def invoke(self, ctx: ClickContext) -> Any:
        from reflect.sync import auto

        try:
            # A REFLECT_NOW reflect cannot use is refused here, once, before any command
            # (or the TUI, which reads the clock as it goes) gets as far as using it.
            clock.now()
            return super().invoke(ctx)
        except ClickException as exc:
            # A usage error may quote what was typed (`--due $'\e]0;x\a'`), a command
            # group's own included (they are invoked from here).
            raise _literal(exc) from None
        except ReflectError as exc:
            # visible(): a message may quote a file's text or name, never to be obeyed.
            typer.echo(visible(f"reflect: {exc}"), err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("\nStopped. Nothing you saved has changed.", err=True)
            raise typer.Exit(130) from None
        finally:
            auto.after_command()  # sync.auto: a background sync after a save, never waited for

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        """Refuse a command line with bytes that are not UTF-8 before any command reads it.

        Python hands such bytes on as lone surrogates, which the UTF-8 journal cannot
        hold, and reflect does not change someone's words to fit. Every word of the
        command line passes through the root group first, so this one check covers
        every argument and option of every command; the refusal is a usage error (exit
        2), as any bad value is.
        """
        if not all(is_utf8(arg) for arg in args):
            raise typer.BadParameter(messages.NOT_UTF8_ARGUMENT, ctx=ctx)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: ClickContext) -> list[str]:
        # Commands in the order people meet them, not alphabetical.
        return list(self.commands)


def _literal(exc: ClickException) -> ClickException:
    """`exc` with what it quotes made visible: Click prints its usage errors itself."""
    exc.message = visible(exc.message)
    return exc


def _before(command: str | None) -> None:
    """sync.auto: tell once of a failed background sync, and start one (reflect.sync.auto)."""
    from reflect.paths import get_paths
    from reflect.sync import auto

    auto.before_command(get_paths(), command, lambda line: typer.echo(visible(line), err=True))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"reflect {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Guided, reflective journaling in your terminal.

    Start with `reflect start` (or `reflect start getting-started`). Your words are kept
    in plain-text files that you own; `reflect journal` reads them back.
    """
    _before(ctx.invoked_subcommand)
    if ctx.invoked_subcommand is None:
        from reflect.cli.start import start_home

        start_home()


def new_app() -> typer.Typer:
    """The root app with no commands yet.

    It also installs the quick coercion (reflect.cli.coercion: plain values skip
    Typer's pydantic adapters, ~80 ms), here rather than when this module is
    imported, so importing reflect changes nothing in Typer until an app is built.
    """
    coercion.install()
    app = typer.Typer(
        name="reflect",
        cls=ReflectGroup,
        no_args_is_help=False,
        invoke_without_command=True,
        # --install-completion / --show-completion (bash, zsh, fish). Costs `--help` and
        # every command nothing measurable (see CHANGELOG); `remind` never gets here.
        add_completion=True,
        # Never print local variables in a traceback: they may hold someone's words.
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
        # `-h` as well as `--help`, on every command (sub-contexts inherit it).
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(root)
    return app


def app_for(args: list[str]) -> typer.Typer:
    """The app to run `reflect ARGS` with: one command's, or all of them."""
    if args in (["--version"], ["-V"]):
        return new_app()  # the root alone answers it
    name = args[0] if args else ""
    if name not in COMMANDS:
        return full_app()
    app = new_app()
    _add(app, name)
    return app


def full_app() -> typer.Typer:
    """The root app with every command in `COMMANDS`, in its order."""
    app = new_app()
    registered: set[str] = set()
    for name, (module_name, is_group) in COMMANDS.items():
        if is_group or module_name not in registered:
            _add(app, name)
            registered.add(module_name)
    return app


def _add(app: typer.Typer, name: str) -> None:
    """Add command `name` to `app`, importing only the module that has it."""
    module_name, is_group = COMMANDS[name]
    module = importlib.import_module(module_name)
    if is_group:
        app.add_typer(module.app, name=name)
    else:
        module.register(app)


def run() -> None:
    app_for(sys.argv[1:])(prog_name="reflect")
