"""An encrypted journal reads with the real `age` tool, and reflect reads what `age` wrote.

Real processes throughout: `reflect` as a person runs it, and the distribution's `age`
(.ci/run installs it when missing). Skipped, with the reason, only where it is not
installed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.encryption_helpers import bare_key, passphrase_file

AGE = shutil.which("age")
pytestmark = pytest.mark.skipif(
    AGE is None, reason="the `age` tool is not installed (Debian: apt-get install age)"
)


def _reflect(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reflect", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def _age(*args: str, data: bytes | None = None) -> bytes:
    assert AGE is not None
    done = subprocess.run([AGE, *args], input=data, capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    "words",
    [
        "Saw a heron by the canal.",
        "Zwei Zeilen\n\n## looks like a heading\n    indented — ünïcödé ✓",
        "- [ ] not an action  (abcd)\nid: notanid",
    ],
    ids=["plain", "unicode and markers", "lines like the format's own"],
)
def test_age_decrypts_a_month_file_reflect_wrote_to_the_same_bytes(
    reflect_home: Path, tmp_path: Path, words: str
) -> None:
    assert _reflect("write", "--", words).returncode == 0
    plain = (reflect_home / "journal" / "2026-11.txt").read_bytes()
    secret = passphrase_file(tmp_path)
    encrypted = _reflect("encrypt", "--passphrase-file", str(secret))
    assert encrypted.returncode == 0, encrypted.stderr
    key = tmp_path / "recovery.txt"
    exported = _reflect("key", "export", "--passphrase-file", str(secret), "-o", str(key))
    assert exported.returncode == 0, exported.stderr
    month = reflect_home / "journal" / "2026-11.txt.age"
    assert _age("-d", "-i", str(key), str(month)) == plain


def test_reflect_reads_a_month_file_age_encrypted(reflect_home: Path, tmp_path: Path) -> None:
    key, public = bare_key(tmp_path)
    assert _reflect("write", "Written before encryption.").returncode == 0
    assert _reflect("encrypt", "--recipient", public, "--identity", str(key)).returncode == 0
    month = (
        "# reflect journal · format 1\n\n## 2026-10-05 08:30\nid: byagetool\n\n"
        "    Encrypted by the age tool itself.\n"
    )
    sealed = _age("-r", public, data=month.encode())
    (reflect_home / "journal" / "2026-10.txt.age").write_bytes(sealed)
    listing = _reflect("journal", "-n", "10")
    assert listing.returncode == 0, listing.stderr
    assert "Encrypted by the age tool itself." in listing.stdout
    assert "Written before encryption." in listing.stdout


def test_age_decrypts_the_action_index_and_drafts_too(reflect_home: Path, tmp_path: Path) -> None:
    key, public = bare_key(tmp_path)
    assert _reflect("actions", "add", "Phone Sam", "--due", "today").returncode == 0
    (reflect_home / "drafts").mkdir(mode=0o700)
    (reflect_home / "drafts" / "write-abc.txt").write_text("Words a failed write kept.")
    assert _reflect("encrypt", "--recipient", public, "--identity", str(key)).returncode == 0
    assert _reflect("actions").returncode == 0
    index = reflect_home / "cache" / "open-actions.json.age"
    assert b"Phone Sam" in _age("-d", "-i", str(key), str(index))
    kept = reflect_home / "drafts" / "write-abc.txt.age"
    assert _age("-d", "-i", str(key), str(kept)) == b"Words a failed write kept."


def test_remind_in_a_real_shell_start_needs_no_passphrase(
    reflect_home: Path, tmp_path: Path
) -> None:
    secret = passphrase_file(tmp_path)
    assert _reflect("actions", "add", "Phone Sam", "--due", "today").returncode == 0
    assert _reflect("encrypt", "--passphrase-file", str(secret)).returncode == 0
    done = _reflect("remind")  # the fast path, no passphrase anywhere
    assert done.returncode == 0, done.stderr
    assert done.stdout == "1 action due today: run `reflect actions`\n"
    assert "Sam" not in done.stdout


def _age_with_passphrase(args: list[str], passphrase: str) -> int:
    """`age ARGS` typing `passphrase` at its prompt: age reads one only from a terminal,
    so it runs in a pseudo-terminal, as it would in a person's shell."""
    import pty
    import select

    assert AGE is not None
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes age
        os.execv(AGE, [AGE, *args])
    seen = b""
    while b"passphrase" not in seen.lower():
        ready, _, _ = select.select([fd], [], [], 30)
        assert ready, f"age never asked for the passphrase: {seen!r}"
        seen += os.read(fd, 1024)
    os.write(fd, passphrase.encode() + b"\r")
    with contextlib.suppress(OSError):  # the terminal closes when age exits
        while os.read(fd, 1024):
            pass
    os.close(fd)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def test_age_unwraps_the_key_with_the_passphrase(reflect_home: Path, tmp_path: Path) -> None:
    from tests.encryption_helpers import PASSPHRASE

    assert _reflect("write", "Words.").returncode == 0
    assert _reflect("encrypt", "--passphrase-file", str(passphrase_file(tmp_path))).returncode == 0
    identity = tmp_path / "identity.txt"
    code = _age_with_passphrase(
        ["-d", "-o", str(identity), str(reflect_home / "identity.age")], PASSPHRASE
    )
    assert code == 0
    month = reflect_home / "journal" / "2026-11.txt.age"
    assert b"    Words.\n" in _age("-d", "-i", str(identity), str(month))
