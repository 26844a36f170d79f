"""`reflect sync`: one journal on every device, through git or a sync tool (docs/sync.md).

`reflect sync` merges the conflict copies Syncthing, Nextcloud or Dropbox left,
then (when the journal is in git) commits, pulls through reflect's merge driver
and pushes. `reflect sync init` sets git up; `reflect sync merge-driver` is what
git itself runs to merge a month file changed on two devices.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reflect import messages
from reflect.cli.common import echo, get_env

app = typer.Typer(
    # No help= here: the callback's docstring is the help, and its first line the summary.
    invoke_without_command=True,
    rich_markup_mode=None,
)


@app.callback()
def sync(
    ctx: typer.Context,
    background: Annotated[
        bool,
        typer.Option(
            "--background",
            hidden=True,
            help="Run quietly, noting a failure for the next command to mention (sync.auto).",
        ),
    ] = False,
) -> None:
    """Sync your journal across devices: merge a sync tool's conflict copies, and with git
    commit, pull and push.

    Conflict copies (`2026-12.sync-conflict-….txt`, `2026-12 (conflicted copy ….txt`)
    are merged into their month entry by entry, then moved into journal/.merged/.
    If your journal is in git (`reflect sync init`), what changed is committed with
    a message that says what, what other devices pushed is merged entry by entry,
    and the result is pushed. Nothing you wrote is dropped: words that were changed
    differently on two devices are both kept, marked 'conflict:' in the entry.
    """
    if ctx.invoked_subcommand is not None:
        return
    from reflect.sync.report import run

    code = run(
        get_env().paths,
        background=background,
        write=echo,
        warn=lambda line: echo(line, err=True),
    )
    if code:
        raise typer.Exit(code)


@app.command("init")
def init(
    remote: Annotated[
        str | None,
        typer.Option(
            "--remote",
            metavar="URL",
            help="A private git repository to sync with (saved as the remote 'origin').",
        ),
    ] = None,
) -> None:
    """Keep your journal (and your own workbooks) in git, merged by entry on every pull.

    Makes reflect's data folder a git repository, or uses the one your journal is
    already in; registers reflect's merge driver for month files (.gitattributes and
    the repository's git config); and commits what is there. Nothing is sent anywhere:
    `reflect sync` does that, with your own git and its credentials.
    """
    from reflect.sync.setup import init as init_repo

    env = get_env()
    report = init_repo(env.paths, remote)
    echo(messages.SYNC_INIT_DONE.format(root=report.repo.root))
    if report.remote:
        echo(messages.SYNC_INIT_REMOTE.format(remote=report.remote))
    else:
        echo(messages.SYNC_INIT_NO_REMOTE)


@app.command("merge-driver", hidden=True)
def merge_driver(
    base: Annotated[Path, typer.Argument(help="git's %O: the common ancestor.")],
    ours: Annotated[Path, typer.Argument(help="git's %A: ours, and where the result goes.")],
    theirs: Annotated[Path, typer.Argument(help="git's %B: theirs.")],
    name: Annotated[str | None, typer.Argument(help="git's %P: the file's path.")] = None,
) -> None:
    """What git runs to merge a month file changed on two devices (set up by `sync init`).

    Writes the merge into OURS and exits 0; a version that does not parse is named by
    file and line on stderr, OURS is left as it was, and the exit is non-zero so git
    stops the merge (and `reflect sync` undoes it).
    """
    from reflect.sync.driver import merge_versions

    month = Path(name) if name else ours
    added = merge_versions(base, ours, theirs, month)
    if added:  # git shows it; `reflect sync` reads it back for its report
        echo(messages.conflicts_to_settle(added, month.name), err=True)
