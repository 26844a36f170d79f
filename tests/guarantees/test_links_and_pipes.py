"""Links, pipes and devices where reflect expects its files (docs/guarantees.md, 8).

- A symbolic link where one of reflect's own files goes (a month file, a draft, a
  cache or state file) is never followed: no chmod, no write reaches what it points
  at. A month file or a draft that is a link is refused, naming the link; a cache or
  state file that is a link counts as none and is replaced (the link, not its target).
- A folder that is a link (a journal kept in a synced folder) is written into, and
  what it points at keeps its mode.
- A named pipe, a socket, a device or a folder where any file is expected (a
  workbook, a draft, the config, a month file, the cache, a jrnl journal, a file to
  check) is refused without waiting on it: each run below is a real `reflect`
  process with a timeout, so a hang fails the test instead of stalling it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reflect.fileio import ensure_private_dir, read_plain_file, tighten
from tests.guarantees.helpers import Ran, assert_no_traceback, run_reflect

HANG_GUARD = 60  # seconds: far past any command here (each takes well under one)

MONTH = """\
# reflect journal · format 1

## 2026-11-20 09:00
id: abcdefgh

    Some words.

## 2026-11-20 09:00 · Action added
id: bcdefghj

- [ ] Call Sam  (k2m4 · due 2026-11-29)
"""


def _reflect(*args: str, input: str | None = "") -> Ran:
    ran = run_reflect(*args, input=input, timeout=HANG_GUARD)
    assert_no_traceback(ran.stdout + ran.stderr)
    return ran


def _victim(tmp_path: Path, text: str = MONTH) -> Path:
    """A file outside reflect's folders, readable by others, that a link points at."""
    victim = tmp_path / "elsewhere" / "precious.txt"
    victim.parent.mkdir(exist_ok=True)
    victim.write_text(text, encoding="utf-8")
    victim.chmod(0o644)
    return victim


def _untouched(victim: Path, text: str = MONTH) -> None:
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert victim.read_text(encoding="utf-8") == text


# --------------------------------------------------------------------------- item 7: links

READERS_AND_WRITERS = [
    ["journal"],
    ["show", "abcdefgh"],
    ["search", "words"],
    ["actions"],
    ["actions", "--json"],
    ["remind"],
    ["remind", "--once-per-day"],
    ["export"],
    ["export", "--format", "json"],
    ["write", "more words"],
    ["actions", "add", "Phone Jo", "--due", "tomorrow"],
    ["actions", "done", "k2m4"],
]


@pytest.mark.parametrize("args", READERS_AND_WRITERS, ids=" ".join)
def test_a_month_file_that_is_a_link_is_refused_and_its_target_never_changed(
    args: list[str], reflect_home: Path, tmp_path: Path
) -> None:
    victim = _victim(tmp_path)
    journal = reflect_home / "journal"
    journal.mkdir(parents=True)
    link = journal / "2026-11.txt"
    link.symlink_to(victim)

    ran = _reflect(*args)

    assert ran.returncode != 0
    assert f"{link}:" in ran.stderr and "symbolic link" in ran.stderr, ran.stderr
    _untouched(victim)  # neither chmodded to 0600 nor written through
    assert link.is_symlink()  # and the link itself is left as it was


@pytest.mark.parametrize("name", ["../elsewhere/precious.txt", "/etc/hostname"])
def test_tighten_never_changes_the_mode_of_what_a_link_points_at(name: str, tmp_path: Path) -> None:
    """As root, pointed at a system file, a chmod through the link would change it."""
    victim = _victim(tmp_path)
    target = victim if name.startswith("..") else Path(name)
    if not target.exists():
        pytest.skip(f"{target} is not on this system")
    before = target.stat().st_mode
    folder = tmp_path / "journal"
    folder.mkdir()
    (folder / "2026-11.txt").symlink_to(target)
    tighten(folder / "2026-11.txt")
    with pytest.raises(OSError, match="symbolic link"):
        read_plain_file(folder / "2026-11.txt", follow_links=False, tighten=True)
    assert target.stat().st_mode == before


def test_a_draft_that_is_a_link_is_refused_by_name(reflect_home: Path, tmp_path: Path) -> None:
    draft_text = 'format = 1\nworkbook = "weekly-review"\n'
    victim = _victim(tmp_path, draft_text)
    drafts = reflect_home / "drafts"
    drafts.mkdir(parents=True)
    link = drafts / "weekly-review.toml"
    link.symlink_to(victim)

    walk = _reflect("start", "weekly-review", "--plain", input="first\n:pause\n")
    assert walk.returncode != 0 and f"{link}:" in walk.stderr and "symbolic link" in walk.stderr
    listing = _reflect("workbooks")  # the listing goes on without it
    assert listing.returncode == 0 and "weekly-review" in listing.stdout
    _untouched(victim, draft_text)
    assert link.is_symlink()


@pytest.mark.parametrize(
    ("place", "args"),
    [
        ("cache/open-actions.json", ["actions"]),
        ("cache/open-actions.json", ["remind"]),
        ("state/remind.json", ["remind", "--once-per-day"]),
    ],
)
def test_a_cache_or_state_file_that_is_a_link_is_never_followed(
    place: str, args: list[str], reflect_home: Path, tmp_path: Path
) -> None:
    """A cache is only ever made again: a link there counts as no cache, and the save
    that follows replaces the link itself, never writing through it."""
    victim = _victim(tmp_path, '{"format": 1}')
    (reflect_home / "journal").mkdir(parents=True)
    (reflect_home / "journal" / "2026-11.txt").write_text(MONTH, encoding="utf-8")
    link = reflect_home / place
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(victim)

    ran = _reflect(*args)

    assert ran.returncode == 0, ran.stderr
    assert "Call Sam" in ran.stdout or "1 action" in ran.stdout
    _untouched(victim, '{"format": 1}')
    assert not link.is_symlink() and stat.S_IMODE(link.stat().st_mode) == 0o600


@pytest.mark.parametrize("folder", ["journal", "drafts", "cache", "state", "workbooks"])
def test_a_folder_that_is_a_link_is_used_and_its_target_keeps_its_mode(
    folder: str, reflect_home: Path, tmp_path: Path
) -> None:
    """The journal in a synced folder is a setup people choose: it keeps working, and
    the folder the link points at (the user's, outside reflect's) is never chmodded."""
    real = tmp_path / "synced" / folder
    real.mkdir(parents=True)
    real.chmod(0o755)
    reflect_home.mkdir()
    (reflect_home / folder).symlink_to(real, target_is_directory=True)
    bundled = Path(__file__).parents[2] / "workbooks" / "weekly-review.toml"
    mine = tmp_path / "my-review.toml"
    text = bundled.read_text(encoding="utf-8").replace('id = "weekly-review"', 'id = "my-review"')
    mine.write_text(text, encoding="utf-8")

    for args, stdin in [
        (["write", "Through the link."], ""),
        (["start", "weekly-review", "--plain"], "first\n:pause\n"),
        (["actions", "add", "Phone Sam", "--due", "today"], ""),
        (["remind", "--once-per-day"], ""),
        (["workbook", "add", str(mine)], ""),
    ]:
        ran = _reflect(*args, input=stdin)
        assert ran.returncode == 0, (args, ran.stderr)

    assert (reflect_home / folder).is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o755
    made = [p for p in real.iterdir() if p.is_file()]
    assert made, f"nothing was written through the {folder} link"
    for path in made:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_ensure_private_dir_tightens_real_folders_only(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o755)
    real.chmod(0o755)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    ensure_private_dir(link)
    assert stat.S_IMODE(real.stat().st_mode) == 0o755
    ensure_private_dir(real)
    assert stat.S_IMODE(real.stat().st_mode) == 0o700


# --------------------------------------------------------------------------- item 9: pipes


@contextlib.contextmanager
def _odd_file(path: Path, kind: str) -> Iterator[None]:
    """Put a named pipe, a socket, a device or a folder at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")  # reads forever; the link is followed for workbooks
    elif kind == "folder":
        path.mkdir()
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        try:
            server.bind(str(path))
        except OSError:  # a tmp path longer than a socket address can be
            server.close()
            pytest.skip("tmp path too long for a socket")
        try:
            yield
        finally:
            server.close()
        return
    yield


KINDS = ["fifo", "socket", "device", "folder"]


def _plain_workbook_place(home: Path) -> Path:
    return home / "workbooks" / "odd.toml"


def _configured_place(home: Path) -> Path:
    folder = home.parent / "more-workbooks"
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(f'workbook_dirs = ["{folder}"]\n', encoding="utf-8")
    return folder / "odd.toml"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("place", [_plain_workbook_place, _configured_place])
def test_an_odd_file_among_workbooks_is_skipped_and_named(
    kind: str, place: Callable[[Path], Path], reflect_home: Path
) -> None:
    path = place(reflect_home)
    with _odd_file(path, kind):
        listing = _reflect("workbooks")
        assert listing.returncode == 0 and "weekly-review" in listing.stdout
        assert str(path) in listing.stderr
        by_path = _reflect("start", str(path), "--plain")
        assert by_path.returncode != 0 and str(path) in by_path.stderr
        checked = _reflect("workbook", "check", str(path.parent))
        assert checked.returncode == 2 and str(path.parent) in checked.stdout
        if kind != "folder":
            assert "not a plain file" in by_path.stderr + checked.stdout


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_an_odd_file_named_to_workbook_commands_is_refused(
    kind: str, reflect_home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "given.toml"
    with _odd_file(path, kind):
        for args in (
            ["workbook", "check", str(path)],
            ["workbook", "preview", str(path)],
            ["workbook", "add", str(path)],
        ):
            ran = _reflect(*args)
            assert ran.returncode != 0 and str(path) in ran.stdout + ran.stderr, args
            assert "not a plain file" in ran.stdout + ran.stderr
        walk = _reflect("start", "weekly-review", "--plain", input=":pause\n")
        assert walk.returncode == 0, walk.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_an_odd_file_where_the_draft_goes_is_refused_by_name(kind: str, reflect_home: Path) -> None:
    draft = reflect_home / "drafts" / "weekly-review.toml"
    with _odd_file(draft, kind):
        walk = _reflect("start", "weekly-review", "--plain", input="first\n:pause\n")
        assert walk.returncode != 0 and f"{draft}:" in walk.stderr, walk.stderr
        listing = _reflect("workbooks")
        assert listing.returncode == 0 and "weekly-review" in listing.stdout
    assert not (reflect_home / "journal").exists() or not any(
        (reflect_home / "journal").glob("*.txt")
    )


@pytest.mark.parametrize("kind", KINDS)
def test_an_odd_file_where_the_config_goes_is_refused_by_name(
    kind: str, reflect_home: Path
) -> None:
    config = reflect_home / "config.toml"
    with _odd_file(config, kind):
        for args in (["workbooks"], ["start", "weekly-review", "--plain"]):
            ran = _reflect(*args)
            assert ran.returncode == 2 and f"{config}:" in ran.stderr, ran.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_an_odd_file_where_a_month_file_goes_is_refused_by_name(
    kind: str, reflect_home: Path
) -> None:
    month = reflect_home / "journal" / "2026-11.txt"
    (reflect_home / "journal").mkdir(parents=True)
    (reflect_home / "journal" / "2026-10.txt").write_text(
        MONTH.replace("2026-11-20", "2026-10-20"), encoding="utf-8"
    )
    with _odd_file(month, kind):
        # A reader, the remind fast path, a writer and a change: each opens the month.
        for args in (["journal"], ["remind"], ["write", "more"], ["actions", "done", "k2m4"]):
            ran = _reflect(*args)
            assert ran.returncode != 0 and f"{month}:" in ran.stderr, (args, ran.stderr)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["cache/open-actions.json", "state/remind.json"])
def test_an_odd_file_where_a_cache_goes_counts_as_none(
    kind: str, name: str, reflect_home: Path
) -> None:
    (reflect_home / "journal").mkdir(parents=True)
    (reflect_home / "journal" / "2026-11.txt").write_text(MONTH, encoding="utf-8")
    with _odd_file(reflect_home / name, kind):
        for args in (["actions"], ["remind", "--once-per-day"]):
            ran = _reflect(*args)
            assert ran.returncode == 0, (args, ran.stderr)
            assert "Call Sam" in ran.stdout or "1 action" in ran.stdout


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
def test_an_odd_file_given_to_import_is_refused_by_name(kind: str, tmp_path: Path) -> None:
    alone = tmp_path / "alone.txt"
    inside = tmp_path / "jrnl-folder" / "2026.txt"
    with _odd_file(alone, kind), _odd_file(inside, kind):
        for path in (alone, inside.parent):
            ran = _reflect("import", "jrnl", str(path))
            assert ran.returncode != 0 and "not a plain file" in ran.stderr, ran.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_named_directly_is_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    for args in (
        ["workbook", "check", device],
        ["workbook", "preview", device],
        ["start", device, "--plain"],
        ["workbook", "add", device],
        ["import", "jrnl", device],
    ):
        ran = _reflect(*args)
        assert ran.returncode != 0, (args, ran.stdout, ran.stderr)
        assert device in ran.stdout + ran.stderr
