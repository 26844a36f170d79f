"""`reflect encrypt`, `decrypt` and `key ...` as a person uses them, through CliRunner.

What must hold: every reading command reads an encrypted journal as it read the plain
one; no words are left in plain text anywhere under reflect's folders; turning
encryption off gives back the very same bytes; and every way of not having the key
(wrong passphrase, no key file, a damaged one) or of a damaged journal (a cut-short
age file, a plain month mixed in, a lost marker) is one clear message naming the
file, a non-zero exit, and nothing changed.
"""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from reflect import crypt
from tests.encryption_helpers import (
    WORDS,
    bare_key,
    copy_home,
    encrypt_with_passphrase,
    files_under,
    passphrase_file,
    reflect,
    write_words,
)

READING = [
    ("journal", "-n", "10"),
    ("actions", "--json"),
    ("search", "heron"),
    ("export",),
    ("export", "--format", "json"),
]


def _outputs() -> list[str]:
    found = []
    for args in READING:
        result = reflect(*args)
        assert result.exit_code == 0, (args, result.output)
        found.append(result.stdout)
    return found


def _words_on_disk(home: Path) -> list[str]:
    """Files anywhere under reflect's home that hold a word of the journal in plain text."""
    needles = [w.encode() for w in (*WORDS, "heron", "walking group")]
    return [
        str(p.relative_to(home))
        for p in home.rglob("*")
        if p.is_file() and any(n in p.read_bytes() for n in needles)
    ]


def test_every_reading_command_reads_the_encrypted_journal_the_same(
    reflect_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_words(reflect_home)
    before = _outputs()
    secret = encrypt_with_passphrase(reflect_home)
    monkeypatch.setenv("REFLECT_PASSPHRASE_FILE", str(secret))
    assert _outputs() == before
    assert _words_on_disk(reflect_home) == []
    names = sorted(p.name for p in (reflect_home / "journal").iterdir())
    assert names == [".lock", ".reflect-encrypted", "2026-11.txt.age"]


def test_new_words_are_saved_encrypted_and_read_back(
    reflect_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_words(reflect_home)
    monkeypatch.setenv("REFLECT_PASSPHRASE_FILE", str(encrypt_with_passphrase(reflect_home)))
    assert reflect("write", "A quiet evening, tea and a book.").exit_code == 0
    [action] = json.loads(reflect("actions", "--json").stdout)
    assert reflect("actions", "done", action["id"]).exit_code == 0
    assert "quiet evening" in reflect("journal").stdout
    assert reflect("actions", "--json").stdout.strip() == "[]"
    assert _words_on_disk(reflect_home) == []
    assert not list((reflect_home / "journal").glob("*.txt"))


def test_decrypt_gives_back_the_same_bytes(reflect_home: Path) -> None:
    write_words(reflect_home)
    month = reflect_home / "journal" / "2026-11.txt"
    plain = month.read_bytes()
    secret = encrypt_with_passphrase(reflect_home)
    assert not month.exists()
    result = reflect("decrypt", "--passphrase-file", str(secret))
    assert result.exit_code == 0, result.output
    assert month.read_bytes() == plain
    assert stat.S_IMODE(month.stat().st_mode) == 0o600
    assert not (reflect_home / "journal" / crypt.MARKER_NAME).exists()
    assert not (reflect_home / crypt.IDENTITY_NAME).exists()
    assert "heron" in reflect("journal").stdout  # and no passphrase needed any more


def test_on_off_and_on_again_with_a_new_passphrase(reflect_home: Path, tmp_path: Path) -> None:
    write_words(reflect_home)
    plain = (reflect_home / "journal" / "2026-11.txt").read_bytes()
    secret = encrypt_with_passphrase(reflect_home)
    assert reflect("decrypt", "--passphrase-file", str(secret)).exit_code == 0
    other = passphrase_file(tmp_path, "another one entirely", name="other")
    assert reflect("encrypt", "--passphrase-file", str(other)).exit_code == 0
    crypt.forget()
    assert reflect("decrypt", "--passphrase-file", str(other)).exit_code == 0
    assert (reflect_home / "journal" / "2026-11.txt").read_bytes() == plain


def test_encrypt_again_says_so_and_changes_nothing(
    encrypted_template: Path, reflect_home: Path, tmp_path: Path
) -> None:
    copy_home(encrypted_template, reflect_home)
    before = files_under(reflect_home)
    result = reflect("encrypt", "--passphrase-file", str(passphrase_file(tmp_path)))
    assert result.exit_code == 0, result.output
    assert "already encrypted" in result.output
    assert files_under(reflect_home) == before


def test_encrypt_prints_the_recovery_step_once(reflect_home: Path, tmp_path: Path) -> None:
    write_words(reflect_home)
    result = reflect("encrypt", "--passphrase-file", str(passphrase_file(tmp_path)))
    assert "reflect key export" in result.output
    crypt.forget()
    again = reflect("encrypt", "--passphrase-file", str(passphrase_file(tmp_path)))
    assert "reflect key export" not in again.output


# --------------------------------------------------------------------------- failures


def _wrong_passphrase(home: Path, tmp: Path, patch: pytest.MonkeyPatch) -> str:
    patch.setenv("REFLECT_PASSPHRASE_FILE", str(passphrase_file(tmp, "not the one")))
    return str(home / crypt.IDENTITY_NAME)


def _no_passphrase_file(home: Path, tmp: Path, patch: pytest.MonkeyPatch) -> str:
    patch.setenv("REFLECT_PASSPHRASE_FILE", str(tmp / "nowhere"))
    return str(tmp / "nowhere")


def _no_key(home: Path, tmp: Path, patch: pytest.MonkeyPatch) -> str:
    (home / crypt.IDENTITY_NAME).rename(tmp / "moved-away.age")
    patch.setenv("REFLECT_PASSPHRASE_FILE", str(passphrase_file(tmp)))
    return str(home / crypt.IDENTITY_NAME)


def _damaged_key(home: Path, tmp: Path, patch: pytest.MonkeyPatch) -> str:
    key = home / crypt.IDENTITY_NAME
    key.write_bytes(key.read_bytes()[:40])
    patch.setenv("REFLECT_PASSPHRASE_FILE", str(passphrase_file(tmp)))
    return str(key)


def _cut_short(home: Path, tmp: Path, patch: pytest.MonkeyPatch) -> str:
    month = home / "journal" / "2026-11.txt.age"
    month.write_bytes(month.read_bytes()[:-30])
    patch.setenv("REFLECT_PASSPHRASE_FILE", str(passphrase_file(tmp)))
    return str(month)


def _plain_month_mixed_in(home: Path, tmp: Path, patch: pytest.MonkeyPatch) -> str:
    plain = home / "journal" / "2026-10.txt"
    plain.write_text(
        "# reflect journal · format 1\n\n## 2026-10-02 09:00\nid: othermac\n\n    Hello\n"
    )
    patch.setenv("REFLECT_PASSPHRASE_FILE", str(passphrase_file(tmp)))
    return str(plain)


def _marker_lost(home: Path, tmp: Path, patch: pytest.MonkeyPatch) -> str:
    (home / "journal" / crypt.MARKER_NAME).unlink()
    patch.setenv("REFLECT_PASSPHRASE_FILE", str(passphrase_file(tmp)))
    return str(home / "journal" / "2026-11.txt.age")


def _another_key(home: Path, tmp: Path, patch: pytest.MonkeyPatch) -> str:
    key, _ = bare_key(tmp)
    patch.setenv("REFLECT_IDENTITY_FILE", str(key))
    return str(home / "journal" / "2026-11.txt.age")


SABOTAGE: dict[str, Callable[[Path, Path, pytest.MonkeyPatch], str]] = {
    "wrong passphrase": _wrong_passphrase,
    "passphrase file missing": _no_passphrase_file,
    "no key on this machine": _no_key,
    "key file damaged": _damaged_key,
    "age file cut short": _cut_short,
    "plain month in an encrypted journal": _plain_month_mixed_in,
    "encryption marker lost": _marker_lost,
    "a key that is not the journal's": _another_key,
}
COMMANDS = [
    ("journal",),
    ("write", "More words that must not be lost."),
    ("actions", "add", "Water the plants", "--due", "tomorrow"),
    ("search", "heron"),
]


@pytest.mark.parametrize("sabotage", SABOTAGE, ids=list(SABOTAGE))
@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_no_key_or_a_damaged_journal_is_one_message_and_nothing_changes(
    encrypted_template: Path,
    reflect_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sabotage: str,
    command: tuple[str, ...],
) -> None:
    copy_home(encrypted_template, reflect_home)
    named = SABOTAGE[sabotage](reflect_home, tmp_path, monkeypatch)
    before = files_under(reflect_home)
    result = reflect(*command)
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert named in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3
    after = files_under(reflect_home)
    if command[0] == "write":
        # The words of a `write` the journal could not take are kept, never lost: as an
        # age file (it needs only the marker's public key), plain only when the marker
        # itself is gone and nothing says whom to encrypt to.
        [kept] = set(after) - set(before)
        assert kept.startswith("drafts/write-")
        if sabotage == "encryption marker lost":
            assert after.pop(kept) == command[1].encode()
        else:
            assert kept.endswith(".txt.age") and command[1].encode() not in after.pop(kept)
    assert after == before


@pytest.mark.parametrize("sabotage", ["wrong passphrase", "passphrase file missing"])
@pytest.mark.parametrize(
    "command",
    [("decrypt",), ("key", "export"), ("key", "passphrase", "--new-passphrase-file", "NEW")],
    ids=["decrypt", "key export", "key passphrase"],
)
def test_key_commands_refuse_a_wrong_passphrase_and_change_nothing(
    encrypted_template: Path,
    reflect_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sabotage: str,
    command: tuple[str, ...],
) -> None:
    copy_home(encrypted_template, reflect_home)
    SABOTAGE[sabotage](reflect_home, tmp_path, monkeypatch)
    new = str(passphrase_file(tmp_path, "new one", name="new"))
    before = files_under(reflect_home)
    result = reflect(*(new if word == "NEW" else word for word in command))
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert "Nothing was" in result.stderr
    assert files_under(reflect_home) == before


def test_a_plain_month_is_reported_then_encrypt_takes_it_in(
    encrypted_template: Path, reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_home(encrypted_template, reflect_home)
    plain = _plain_month_mixed_in(reflect_home, tmp_path, monkeypatch)
    assert "encrypted" in reflect("journal").stderr
    result = reflect("encrypt")
    assert result.exit_code == 0, result.output
    assert not Path(plain).exists()
    listing = reflect("journal")
    assert "Hello" in listing.stdout and "heron" in listing.stdout


# --------------------------------------------------------------------------- the key


def test_key_passphrase_rewraps_only_the_key(
    encrypted_template: Path, reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_home(encrypted_template, reflect_home)
    old, new = passphrase_file(tmp_path), passphrase_file(tmp_path, "brand new", name="new")
    months = {p.name: p.read_bytes() for p in (reflect_home / "journal").iterdir()}
    result = reflect("key", "passphrase", "--passphrase-file", str(old),
                     "--new-passphrase-file", str(new))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert {p.name: p.read_bytes() for p in (reflect_home / "journal").iterdir()} == months
    crypt.forget()
    monkeypatch.setenv("REFLECT_PASSPHRASE_FILE", str(old))
    assert reflect("journal").exit_code != 0
    crypt.forget()
    monkeypatch.setenv("REFLECT_PASSPHRASE_FILE", str(new))
    assert "heron" in reflect("journal").stdout


def test_key_passphrase_needs_the_new_one_named_outside_a_terminal(
    encrypted_template: Path, reflect_home: Path, tmp_path: Path
) -> None:
    copy_home(encrypted_template, reflect_home)
    before = files_under(reflect_home)
    result = reflect("key", "passphrase", "--passphrase-file", str(passphrase_file(tmp_path)))
    assert result.exit_code != 0
    assert "--new-passphrase-file" in result.stderr
    assert files_under(reflect_home) == before


def test_exported_key_reads_the_journal_without_a_passphrase(
    encrypted_template: Path, reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_home(encrypted_template, reflect_home)
    out = tmp_path / "recovery.txt"
    result = reflect("key", "export", "--passphrase-file", str(passphrase_file(tmp_path)),
                     "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "AGE-SECRET-KEY-" in out.read_text()
    again = reflect("key", "export", "--passphrase-file", str(passphrase_file(tmp_path)),
                    "-o", str(out))  # fmt: skip
    assert again.exit_code != 0 and "already a file" in again.stderr
    crypt.forget()
    (reflect_home / crypt.IDENTITY_NAME).unlink()  # the passphrase-wrapped key is lost
    monkeypatch.setenv("REFLECT_IDENTITY_FILE", str(out))
    assert "heron" in reflect("journal").stdout


def test_recipient_mode_encrypts_to_your_own_key(
    reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_words(reflect_home)
    key, public = bare_key(tmp_path)
    result = reflect("encrypt", "--recipient", public, "--identity", str(key))
    assert result.exit_code == 0, result.output
    assert not (reflect_home / crypt.IDENTITY_NAME).exists()
    crypt.forget()
    assert "heron" in reflect("journal").stdout  # no passphrase: the key file opens it
    assert _words_on_disk(reflect_home) == []
    assert reflect("decrypt").exit_code == 0
    assert "heron" in (reflect_home / "journal" / "2026-11.txt").read_text()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--recipient", "RECIPIENT"), "--identity"),
        (("--recipient", "age1notakey", "--identity", "KEY"), "not an age public key"),
        (("--recipient", "OTHER", "--identity", "KEY"), "does not open"),
    ],
    ids=["no identity", "not a key", "a pair that does not match"],
)
def test_recipient_mode_refuses_what_could_not_be_read_back(
    reflect_home: Path, tmp_path: Path, args: tuple[str, ...], says: str
) -> None:
    write_words(reflect_home)
    key, public = bare_key(tmp_path)
    _, other = bare_key(tmp_path / "other")
    words = {"RECIPIENT": public, "OTHER": other, "KEY": str(key)}
    before = files_under(reflect_home)
    result = reflect("encrypt", *(words.get(a, a) for a in args))
    assert result.exit_code != 0
    assert says in result.stderr
    assert files_under(reflect_home) == before


# --------------------------------------------------------------------------- remind


def test_remind_counts_without_a_passphrase_and_names_no_words(
    encrypted_template: Path, reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_home(encrypted_template, reflect_home)
    monkeypatch.setenv("REFLECT_PASSPHRASE_FILE", str(passphrase_file(tmp_path)))
    assert reflect("actions").exit_code == 0  # any reading command with the key keeps it
    monkeypatch.delenv("REFLECT_PASSPHRASE_FILE")
    crypt.forget()
    result = reflect("remind")
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 action due today: run `reflect actions`\n"
    summary = (reflect_home / "cache" / "due-dates.txt").read_text()
    assert "Sam" not in summary


def test_remind_is_silent_when_the_journal_changed_elsewhere_and_no_key(
    encrypted_template: Path, reflect_home: Path
) -> None:
    copy_home(encrypted_template, reflect_home)
    month = reflect_home / "journal" / "2026-11.txt.age"
    month.write_bytes(month.read_bytes())  # a synced copy: a new signature
    result = reflect("remind")
    assert result.exit_code == 0
    assert result.stdout == ""


# --------------------------------------------------------------------------- the session


def test_the_session_cache_keeps_the_key_in_the_runtime_folder_until_it_expires(
    encrypted_template: Path, reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_home(encrypted_template, reflect_home)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("REFLECT_KEY_CACHE_MINUTES", "15")
    monkeypatch.setenv("REFLECT_PASSPHRASE_FILE", str(passphrase_file(tmp_path)))
    assert reflect("journal").exit_code == 0
    cached = runtime / "reflect" / "unlocked-key"
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600
    crypt.forget()
    monkeypatch.delenv("REFLECT_PASSPHRASE_FILE")  # a new command: no passphrase given
    assert "heron" in reflect("journal").stdout
    crypt.forget()
    expires, rest = cached.read_text().split("\n", 1)
    cached.write_text(f"{float(expires) - 3600}\n{rest}")  # an hour on: expired
    assert reflect("journal").exit_code != 0


def test_the_session_cache_is_on_for_ten_minutes_by_default(
    encrypted_template: Path, reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    copy_home(encrypted_template, reflect_home)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("REFLECT_PASSPHRASE_FILE", str(passphrase_file(tmp_path)))
    assert reflect("journal").exit_code == 0
    expires = float((runtime / "reflect" / "unlocked-key").read_text().split("\n", 1)[0])
    assert 9 * 60 < expires - time.time() <= 10 * 60
    crypt.forget()
    monkeypatch.delenv("REFLECT_PASSPHRASE_FILE")  # the next command asks for nothing
    assert "heron" in reflect("journal").stdout


@pytest.mark.parametrize("minutes", ["0", "-5", "ten", ""])
def test_no_session_cache_when_turned_off(
    minutes: str,
    encrypted_template: Path,
    reflect_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copy_home(encrypted_template, reflect_home)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("REFLECT_KEY_CACHE_MINUTES", minutes)
    monkeypatch.setenv("REFLECT_PASSPHRASE_FILE", str(passphrase_file(tmp_path)))
    assert reflect("journal").exit_code == 0
    assert list(runtime.iterdir()) == []


def test_no_session_cache_without_a_runtime_folder(
    encrypted_template: Path, reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_home(encrypted_template, reflect_home)
    monkeypatch.setenv("REFLECT_PASSPHRASE_FILE", str(passphrase_file(tmp_path)))
    assert reflect("journal").exit_code == 0
    crypt.forget()
    monkeypatch.delenv("REFLECT_PASSPHRASE_FILE")
    assert reflect("journal").exit_code != 0  # asked again, and there is no terminal


@pytest.mark.parametrize("runtime", [True, False], ids=["runtime folder", "no runtime folder"])
def test_the_editor_edits_in_memory_for_an_encrypted_journal(
    encrypted_template: Path,
    reflect_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    runtime: bool,
) -> None:
    from tests.cli.helpers import use_fake_editor

    copy_home(encrypted_template, reflect_home)
    monkeypatch.setenv("REFLECT_PASSPHRASE_FILE", str(passphrase_file(tmp_path)))
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    if runtime:
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    else:
        monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    editor = tmp_path / "editor"
    editor.mkdir()
    use_fake_editor(editor, b"Typed in the editor.\n", monkeypatch)
    log = tmp_path / "where.txt"
    script = (editor / "fake-editor").read_text()
    (editor / "fake-editor").write_text(script + f"open({str(log)!r}, 'w').write(sys.argv[1])\n")
    result = reflect("write")
    assert result.exit_code == 0, result.output
    where = Path(log.read_text())
    if runtime:
        assert where.parent == folder / "reflect"
        assert "XDG_RUNTIME_DIR" not in result.stderr
    else:
        assert where.parent == reflect_home / "drafts"
        assert "XDG_RUNTIME_DIR" in result.stderr
    assert not where.exists()
    assert "Typed in the editor." in reflect("journal").stdout


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen is not installed")
@pytest.mark.parametrize("kind", ["ed25519", "rsa"])
def test_recipient_mode_with_an_ssh_key(reflect_home: Path, tmp_path: Path, kind: str) -> None:
    write_words(reflect_home)
    key = tmp_path / f"id_{kind}"
    made = subprocess.run(
        ["ssh-keygen", "-q", "-t", kind, "-N", "", "-f", str(key)], capture_output=True, check=False
    )
    assert made.returncode == 0, made.stderr
    public = key.with_suffix(".pub").read_text().strip()
    result = reflect("encrypt", "--recipient", public, "--identity", str(key))
    assert result.exit_code == 0, result.output
    crypt.forget()
    assert "heron" in reflect("journal").stdout
    assert _words_on_disk(reflect_home) == []


def test_a_paused_walk_is_an_age_draft_and_finishes_into_the_encrypted_journal(
    encrypted_template: Path, reflect_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_home(encrypted_template, reflect_home)
    monkeypatch.setenv("REFLECT_PASSPHRASE_FILE", str(passphrase_file(tmp_path)))
    first = reflect("start", "wellbeing-check-in", "--plain", input="7\nA steady week.\n\n")
    assert first.exit_code == 0, first.output
    draft = reflect_home / "drafts" / "wellbeing-check-in.toml.age"
    assert draft.exists() and b"steady" not in draft.read_bytes()
    assert "paused, 2 of" in reflect("workbooks").stdout
    rest = "\n".join(["y", "", "", "", "", "", ""])
    second = reflect("start", "wellbeing-check-in", "--plain", input=rest)
    assert second.exit_code == 0, second.output
    assert not draft.exists()
    assert "A steady week." in reflect("show", _newest_entry()).stdout
    assert _words_on_disk(reflect_home) == []
    assert not [p for p in reflect_home.rglob("*") if p.is_file() and b"steady" in p.read_bytes()]


def _newest_entry() -> str:
    listing = reflect("journal", "-n", "1").stdout
    return listing.split()[4]
