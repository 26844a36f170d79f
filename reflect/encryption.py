"""Turning encryption on and off for a whole journal, and the key's passphrase.

Each step is ordered so that a kill at any instant leaves every entry readable with
the old key or the new one, never neither (tests/guarantees/test_encryption_crash.py):

- `encrypt`: the wrapped key is written first, then the marker, then each file: its
  age copy is written, read back from disk and decrypted to the very same bytes, and
  only then is the plain file removed. A journal stopped half-way has the marker and
  some plain files, which every command reports by name (never mixes in); running
  `reflect encrypt` again finishes it.
- `decrypt`: the same in reverse (plain copy written and read back before the age
  file goes), the marker removed last, and the key after it.
- `change_passphrase`: only `identity.age` is rewritten, atomically: the old file or
  the new one, each a whole wrapping of the same key.

The month files are converted under the journal's lock, so no save runs meanwhile.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reflect import crypt
from reflect.errors import EncryptionError, JournalError, could_not
from reflect.fileio import atomic_write, fsync_dir, locked, read_plain_file
from reflect.journal.due_dates import DATES_NAME
from reflect.journal.index import CACHE_NAME, open_actions
from reflect.journal.months import MAX_MONTH_BYTES, MONTH_FILE
from reflect.paths import Paths

WORD_CACHES = (CACHE_NAME, "due-summary.txt")
"""Caches in the cache folder that hold words (action text): removed when encryption
is turned on (made again encrypted), and their `.age` copies when it is turned off."""


@dataclass
class Converted:
    """What a conversion did, for the command to say."""

    months: list[Path] = field(default_factory=list)
    drafts: list[Path] = field(default_factory=list)
    public_key: str = ""
    new_key: bool = False


def encrypt(
    paths: Paths,
    *,
    passphrase: str | None = None,
    recipient: str | None = None,
    identity_file: Path | None = None,
) -> Converted:
    """Encrypt every month file and draft (or finish an earlier run that was stopped).

    With `passphrase`, a new age identity is made and kept wrapped by it (or the one
    already there, from a stopped run or an earlier encryption, is unwrapped with it:
    a wrong passphrase stops here, with nothing written). With `recipient` and
    `identity_file`, the journal is encrypted to the person's own key instead.
    """
    journal = paths.journal_dir
    done = Converted()
    key_dir = paths.config_file.parent
    crypt.forget()
    if crypt.is_encrypted(journal):
        crypt.unlock(passphrase=passphrase)  # the key must open what is written
        keys = []
    elif recipient is not None:
        if identity_file is None:
            raise EncryptionError(
                "--recipient needs --identity: the private key file that opens what is "
                "encrypted to it, so reflect can read your journal back."
            )
        keys = [recipient]
        _check_pair(recipient, identity_file)
        atomic_write(key_dir / crypt.IDENTITY_POINTER, f"{identity_file.resolve()}\n".encode())
    else:
        if passphrase is None:
            raise EncryptionError("A passphrase is needed to encrypt the journal.")
        wrapped = key_dir / crypt.IDENTITY_NAME
        if os.path.lexists(wrapped):
            identity = crypt.unwrap(_read(wrapped), passphrase, wrapped).decode("ascii")
        else:
            identity, _ = crypt.new_identity()
            atomic_write(wrapped, crypt.wrap(identity, passphrase))
            done.new_key = True
        identities = crypt.parse_identities(identity.encode(), wrapped)
        keys = [crypt.public_key(identity)]
        crypt.remember(wrapped, identities)
    if keys:
        done.public_key = keys[0]
        with locked(journal):
            atomic_write(journal / crypt.MARKER_NAME, crypt.marker_text(keys).encode("utf-8"))
    else:
        done.public_key = _marker_key(journal)
    with locked(journal):
        for name in _names(journal, lambda n: MONTH_FILE.match(n) is not None):
            if not name.endswith(crypt.AGE):
                done.months.append(_seal_file(journal, journal / name))
    done.drafts = _convert_drafts(paths, seal=True)
    _drop_caches(paths.cache_dir, WORD_CACHES)
    _refresh(paths)
    return done


def decrypt(paths: Paths, *, passphrase: str | None = None) -> Converted:
    """Turn every age month file and draft back into plain text, then the marker goes."""
    journal = paths.journal_dir
    done = Converted()
    crypt.forget()
    if not crypt.is_encrypted(journal):
        # Plain already, or a run killed after the marker went: only the key is left to
        # go. (Month files that are still age files are refused by every command.)
        _forget_key(paths)
        return done
    crypt.unlock(passphrase=passphrase)
    with locked(journal):
        for name in _names(journal, lambda n: MONTH_FILE.match(n) is not None):
            if name.endswith(crypt.AGE):
                done.months.append(_open_file(journal / name))
    done.drafts = _convert_drafts(paths, seal=False)
    _drop_caches(paths.cache_dir, (*(n + crypt.AGE for n in WORD_CACHES), DATES_NAME))
    with locked(journal):
        (journal / crypt.MARKER_NAME).unlink(missing_ok=True)
        fsync_dir(journal)
    _forget_key(paths)
    _refresh(paths)
    return done


def _forget_key(paths: Paths) -> None:
    """The key goes once the journal no longer needs it (a recovery copy may still exist)."""
    key_dir = paths.config_file.parent
    for name in (crypt.IDENTITY_NAME, crypt.IDENTITY_POINTER):
        (key_dir / name).unlink(missing_ok=True)
    crypt.forget()
    crypt.clear_session_cache()


def change_passphrase(paths: Paths, old: str, new: str) -> Path:
    """Re-wrap the key with `new`: one atomic write of `identity.age`, nothing else touched."""
    wrapped = _wrapped_key(paths)
    identity = crypt.unwrap(_read(wrapped), old, wrapped)
    rewrapped = crypt.wrap(identity.decode("ascii"), new)
    if crypt.unwrap(rewrapped, new, wrapped) != identity:  # pragma: no cover - age broken
        raise EncryptionError("The new wrapping did not read back. Nothing was changed.")
    atomic_write(wrapped, rewrapped)
    crypt.forget()
    crypt.clear_session_cache()
    return wrapped


def export_key(paths: Paths, passphrase: str) -> str:
    """The bare identity, as `age-keygen` writes one, for a safe place: with it, `age -d -i`
    reads the journal, and reflect too (`REFLECT_IDENTITY_FILE`), passphrase or not."""
    wrapped = _wrapped_key(paths)
    identity = crypt.unwrap(_read(wrapped), passphrase, wrapped).decode("ascii").strip()
    return (
        "# reflect journal key: keep it somewhere safe and private.\n"
        f"# public key: {crypt.public_key(identity)}\n"
        f"{identity}\n"
    )


# --------------------------------------------------------------------------- internals


def _wrapped_key(paths: Paths) -> Path:
    wrapped = paths.config_file.parent / crypt.IDENTITY_NAME
    if not os.path.lexists(wrapped):
        raise EncryptionError(
            "There is no passphrase-wrapped key here (the journal is not encrypted, or it "
            "was encrypted with --recipient, whose key is your own file).",
            path=wrapped,
        )
    return wrapped


def _check_pair(recipient: str, identity_file: Path) -> None:
    """The identity must open what is encrypted to the recipient, or nothing could be read."""
    import pyrage

    identities = crypt.parse_identities(_read(identity_file), identity_file)
    probe = pyrage.encrypt(b"reflect", [crypt.parse_recipient(recipient)])
    try:
        pyrage.decrypt(probe, identities)
    except pyrage.DecryptError:
        raise EncryptionError(
            "This key file does not open what is encrypted to that recipient. Nothing was changed.",
            path=identity_file,
        ) from None


def _marker_key(journal: Path) -> str:
    text = _read(journal / crypt.MARKER_NAME).decode("utf-8", "replace")
    keys = [ln.removeprefix("recipient:").strip() for ln in text.splitlines()]
    return next((k for k, ln in zip(keys, text.splitlines(), strict=True) if ln != k), "")


def _names(folder: Path, wanted: Callable[[str], bool]) -> list[str]:
    try:
        with os.scandir(folder) as listing:
            return sorted(i.name for i in listing if wanted(i.name))
    except FileNotFoundError:
        return []


def _seal_file(journal: Path, plain: Path) -> Path:
    """`plain` replaced by its age copy, verified from disk before the plain file goes."""
    data = _read(plain)
    sealed_path = plain.with_name(plain.name + crypt.AGE)
    if os.path.lexists(sealed_path):
        # A run stopped between writing the copy and removing the plain file.
        if crypt.unseal(sealed_path, _read(sealed_path)) != data:
            raise _both(plain, sealed_path)
    else:
        atomic_write(sealed_path, crypt.seal(journal, data))
        if crypt.unseal(sealed_path, _read(sealed_path)) != data:  # pragma: no cover
            raise JournalError("Encryption did not read back. Nothing was removed.", path=plain)
    plain.unlink()
    fsync_dir(plain.parent)
    return sealed_path


def _open_file(sealed: Path) -> Path:
    """`sealed` replaced by its plain text, verified from disk before the age file goes."""
    data = crypt.unseal(sealed, _read(sealed))
    plain = sealed.with_name(sealed.name.removesuffix(crypt.AGE))
    if os.path.lexists(plain):
        if _read(plain) != data:
            raise _both(plain, sealed)
    else:
        atomic_write(plain, data)
        if _read(plain) != data:  # pragma: no cover - the disk itself lying
            raise JournalError("The plain copy did not read back. Nothing was removed.", path=plain)
    sealed.unlink()
    fsync_dir(sealed.parent)
    return plain


def _both(plain: Path, sealed: Path) -> JournalError:
    return JournalError(
        f"Both this plain file and {sealed.name} are here, with different words (two "
        "machines, one without encryption?). reflect will not choose between them; "
        "nothing was changed.",
        path=plain,
        hint=f"Read both (`age -d -i KEY {sealed}`), keep the words you want in one, "
        "move the other aside, and run the command again.",
    )


def _convert_drafts(paths: Paths, *, seal: bool) -> list[Path]:
    """Drafts (`*.toml`) and words kept from a failed `reflect write` (`write-*.txt`)."""
    folder = paths.drafts_dir

    def wanted(name: str) -> bool:
        base = name.removesuffix(crypt.AGE)
        if name.endswith(crypt.AGE) == seal or name.startswith("."):
            return False
        return base.endswith(".toml") or (base.startswith("write-") and base.endswith(".txt"))

    converted: list[Path] = []
    with locked(folder) if folder.is_dir() else contextlib.nullcontext():
        for name in _names(folder, wanted):
            if seal:
                converted.append(_seal_file(paths.journal_dir, folder / name))
            else:
                converted.append(_open_file(folder / name))
    return converted


def _drop_caches(cache_dir: Path, names: tuple[str, ...]) -> None:
    for name in names:
        with contextlib.suppress(IsADirectoryError):  # not ours: read as no cache
            (cache_dir / name).unlink(missing_ok=True)


def _refresh(paths: Paths) -> None:
    """The index (and remind's due-dates file) made again in the journal's new form."""
    from reflect.errors import ReflectError

    with contextlib.suppress(ReflectError):  # only caches; the next read says what is wrong
        open_actions(paths.journal_dir, paths.cache_dir)


def _read(path: Path) -> bytes:
    try:
        return read_plain_file(path, follow_links=False, limit=MAX_MONTH_BYTES)
    except OSError as exc:
        raise JournalError(could_not("read", exc), path=path) from None
