"""Private at rest: the journal, its drafts and the caches that hold words, as age files.

age (https://age-encryption.org) is a small, standard format with a command-line tool
in every distribution, so a person can always read their journal without reflect:
`age -d -i identity.txt journal/2026-12.txt.age` prints the month file exactly as a
plain journal holds it. reflect writes it through pyrage, a binding of the Rust
implementation (rage) that the `age` tool reads back byte for byte (tests/cli/
test_encryption_age_tool.py checks both directions with the real tool).

The pieces, and where each lives:

- The marker, `.reflect-encrypted` in the journal folder, says the journal is
  encrypted and to whom (its `recipient:` lines: age or SSH public keys). It syncs with
  the journal, so a reflect on another machine sees it too; every write checks it, and
  no reflect writes a plain month file where it is.
- The key: an age identity, in the config folder as `identity.age`, itself an age file
  encrypted with the person's passphrase (so `age -d identity.age` unwraps it too). A
  wrong passphrase fails to unwrap it: no key is ever derived from one, nothing is
  written with one. With `reflect encrypt --recipient KEY --identity FILE` there is no
  wrapped key: `identity-file` in the config folder names the person's own key file.
  `REFLECT_IDENTITY_FILE` names a bare identity for one command (a recovery copy).
- The passphrase comes from `REFLECT_PASSPHRASE_FILE`, or is asked at the terminal
  (never echoed); with neither, a command that must read words stops and says why.

The unwrapped key is kept in this process (a walk asks once), and in
`$XDG_RUNTIME_DIR` (memory) for `REFLECT_KEY_CACHE_MINUTES` (10 by default, 0 for
never) so the next few commands do not ask again: see `_session_cache` and
docs/encryption.md.

pyrage (and its Rust library, ~5 ms) is imported only when a file is sealed or opened.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

TYPE_CHECKING = False  # not typing's: see reflect.journal.index
if TYPE_CHECKING:
    # The stubs' own names for the unions of identity and recipient kinds.
    from pyrage import _Identity as Identity
    from pyrage import _Recipient as Recipient

MARKER_NAME = ".reflect-encrypted"
AGE = ".age"
IDENTITY_NAME = "identity.age"
IDENTITY_POINTER = "identity-file"
PASSPHRASE_ENV = "REFLECT_PASSPHRASE_FILE"
IDENTITY_ENV = "REFLECT_IDENTITY_FILE"
KEY_CACHE_ENV = "REFLECT_KEY_CACHE_MINUTES"
KEY_CACHE_MINUTES = 10
"""How long an unlocked key is kept by default: gpg-agent's default too. Long enough
that a walk, then `reflect actions`, ask once; short enough that a laptop left open
for a while asks again."""
MAX_KEY_BYTES = 64 * 1024

_unlocked: dict[str, list[Identity]] = {}
"""Identities unwrapped in this process, by the key file they came from: a walk asks
for the passphrase once, not at every save."""


def is_encrypted(journal: Path) -> bool:
    """Whether this journal folder is marked encrypted: one stat, cheap enough for every write."""
    return os.path.lexists(journal / MARKER_NAME)


def key_dir() -> Path:
    """The config folder, where the wrapped key (or the pointer to the person's own) lives."""
    from reflect.paths import get_paths

    return get_paths().config_file.parent


def marker_text(recipients: list[str]) -> str:
    lines = [
        "This journal is encrypted with age (https://age-encryption.org).",
        "reflect never writes a plain month file where this file is. See docs/encryption.md.",
        *(f"recipient: {r}" for r in recipients),
    ]
    return "\n".join(lines) + "\n"


def recipients(journal: Path) -> list[Recipient]:
    """The public keys named in the marker. Raises EncryptionError for a marker without any."""
    from reflect.errors import EncryptionError
    from reflect.fileio import read_plain_file

    path = journal / MARKER_NAME
    try:
        text = read_plain_file(path, follow_links=False, limit=MAX_KEY_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    keys = [
        line.removeprefix("recipient:").strip()
        for line in text.splitlines()
        if line.startswith("recipient:")
    ]
    try:
        found = [parse_recipient(key) for key in keys]
    except EncryptionError:
        found = []
    if not found:
        raise EncryptionError(
            "The journal's encryption marker names no key to encrypt to, so reflect will not "
            "write to the journal. Nothing was changed.",
            path=path,
            hint="Restore the marker file from a backup or another machine.",
        )
    return found


def parse_recipient(text: str) -> Recipient:
    """An age public key (age1...) or an SSH one (ssh-ed25519 / ssh-rsa ...)."""
    import pyrage

    from reflect.errors import EncryptionError

    try:
        if text.startswith("ssh-"):
            return pyrage.ssh.Recipient.from_str(text)
        return pyrage.x25519.Recipient.from_str(text)
    except pyrage.RecipientError:
        raise EncryptionError(
            f"'{text[:40]}' is not an age public key (age1...) or an SSH public key."
        ) from None


def seal(journal: Path, data: bytes) -> bytes:
    """`data` encrypted to the journal's recipients: what goes on disk, temp files included."""
    import pyrage

    return pyrage.encrypt(data, recipients(journal))


def unseal(path: Path, data: bytes, *, ask: bool = True) -> bytes:
    """The plain bytes of age file `path` (its bytes `data`). Raises EncryptionError naming
    the file when they do not decrypt: cut short, damaged, or for another key."""
    import pyrage

    from reflect.errors import EncryptionError

    identities = unlock(ask=ask)
    try:
        return pyrage.decrypt(data, identities)
    except pyrage.DecryptError:
        raise EncryptionError(
            "Could not decrypt this file: it is damaged or cut short, or it was encrypted to "
            "another key. reflect has not changed it.",
            path=path,
        ) from None


def unseal_cache(data: bytes) -> bytes | None:
    """A cache's plain bytes, or None when it does not decrypt (made again, like any damaged
    cache). A key that cannot be had still raises: that is the person's to know."""
    import pyrage

    identities = unlock()
    try:
        return pyrage.decrypt(data, identities)
    except pyrage.DecryptError:
        return None


def can_unlock_quietly() -> bool:
    """Whether the key can be had without asking anyone (for `reflect remind`)."""
    return bool(
        _unlocked
        or os.environ.get(IDENTITY_ENV)
        or os.environ.get(PASSPHRASE_ENV)
        or _pointed_identity()
    )


def unlock(*, ask: bool = True, passphrase: str | None = None) -> list[Identity]:
    """The identities that open this journal's files, unwrapped once per process.

    From `REFLECT_IDENTITY_FILE`, else the key file named by `identity-file` (the
    `--recipient` way), else `identity.age` unwrapped with the passphrase. Raises
    EncryptionError, naming the key file, when there is none or it does not unwrap.
    With `ask` False the terminal is never asked (for `reflect remind`).
    """
    from reflect.errors import EncryptionError

    bare = os.environ.get(IDENTITY_ENV) or _pointed_identity()
    if bare:
        source = Path(bare).expanduser()
        if str(source) not in _unlocked:
            _unlocked[str(source)] = parse_identities(_read_key(source), source)
        return _unlocked[str(source)]
    wrapped = key_dir() / IDENTITY_NAME
    if str(wrapped) in _unlocked and passphrase is None:
        return _unlocked[str(wrapped)]
    if not os.path.lexists(wrapped):
        raise EncryptionError(
            "This journal is encrypted, but this machine has no key for it.",
            path=wrapped,
            hint=(
                f"Copy {IDENTITY_NAME} from the machine that encrypted it into the config "
                f"folder, or set {IDENTITY_ENV} to the key `reflect key export` saved."
            ),
        )
    raw = _read_key(wrapped)
    cached = _from_session_cache(raw) if passphrase is None else None
    if cached is not None:
        identities = parse_identities(cached, wrapped)
    else:
        if passphrase is None:
            passphrase = ask_passphrase(ask=ask)
        plain = unwrap(raw, passphrase, wrapped)
        identities = parse_identities(plain, wrapped)
        _to_session_cache(raw, plain)
    _unlocked[str(wrapped)] = identities
    return identities


def remember(path: Path, identities: list[Identity]) -> None:
    """Keep identities this process just made or unwrapped (no second scrypt, ~1 s)."""
    _unlocked[str(path)] = identities


def forget() -> None:
    """Drop the unwrapped keys of this process (after a change of key, and between tests)."""
    _unlocked.clear()


def unwrap(raw: bytes, passphrase: str, path: Path) -> bytes:
    import pyrage

    from reflect.errors import EncryptionError

    try:
        return pyrage.passphrase.decrypt(raw, passphrase)
    except pyrage.DecryptError:
        raise EncryptionError(
            "That passphrase did not unlock your journal key. Nothing was read or changed.",
            path=path,
            hint="Check the passphrase and try again. If it is lost, the recovery copy "
            "`reflect key export` wrote opens the journal (docs/encryption.md, Recovery).",
        ) from None


def wrap(identity: str, passphrase: str) -> bytes:
    import pyrage

    return pyrage.passphrase.encrypt((identity.strip() + "\n").encode("ascii"), passphrase)


def new_identity() -> tuple[str, str]:
    """(identity, its public key) for a journal newly encrypted with a passphrase."""
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def public_key(identity: str) -> str:
    """The age public key (age1...) of a reflect-made identity (AGE-SECRET-KEY-...)."""
    import pyrage

    return str(pyrage.x25519.Identity.from_str(identity.strip()).to_public())


def parse_identities(raw: bytes, path: Path) -> list[Identity]:
    """Identities from a key file as `age-keygen` writes it (comments and AGE-SECRET-KEY
    lines), or an SSH private key. Raises EncryptionError naming the file otherwise."""
    import pyrage

    from reflect.errors import EncryptionError

    try:
        if b"PRIVATE KEY-----" in raw:
            return [pyrage.ssh.Identity.from_buffer(raw)]
        text = raw.decode("ascii")
        found: list[Identity] = [
            pyrage.x25519.Identity.from_str(line.strip())
            for line in text.splitlines()
            if line.strip().startswith("AGE-SECRET-KEY-")
        ]
    except (UnicodeDecodeError, pyrage.IdentityError, ValueError):
        found = []
    if not found:
        raise EncryptionError("This is not an age identity or SSH private key file.", path=path)
    return found


def read_passphrase_file(path: Path) -> str:
    """The passphrase in a file: its first line (a final newline is not part of it)."""
    from reflect.errors import EncryptionError

    raw = _read_key(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise EncryptionError("This passphrase file is not UTF-8 text.", path=path) from None
    passphrase = text.split("\n", 1)[0].removesuffix("\r")
    if not passphrase:
        raise EncryptionError("This passphrase file is empty.", path=path)
    return passphrase


def ask_passphrase(*, ask: bool = True, prompt: str = "Passphrase for your journal: ") -> str:
    """From `REFLECT_PASSPHRASE_FILE`, else asked at the terminal without echo."""
    from reflect.errors import EncryptionError

    from_file = os.environ.get(PASSPHRASE_ENV)
    if from_file:
        return read_passphrase_file(Path(from_file).expanduser())
    if ask and sys.stdin is not None and sys.stdin.isatty():
        import getpass

        answer = getpass.getpass(prompt)
        if answer:
            return answer
    raise EncryptionError(
        "This journal is encrypted and no passphrase was given. Nothing was read or changed.",
        hint=f"Run it at a terminal to be asked, or set {PASSPHRASE_ENV} to a file holding it.",
    )


def _pointed_identity() -> str | None:
    """The person's own key file, when the journal was encrypted with --recipient."""
    pointer = key_dir() / IDENTITY_POINTER
    try:
        return pointer.read_text(encoding="utf-8").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def _read_key(path: Path) -> bytes:
    from reflect.errors import EncryptionError, could_not
    from reflect.fileio import read_plain_file

    try:
        return read_plain_file(path, follow_links=True, limit=MAX_KEY_BYTES)
    except FileNotFoundError:
        raise EncryptionError(
            "This key or passphrase file does not exist. Nothing was read or changed.", path=path
        ) from None
    except OSError as exc:
        raise EncryptionError(could_not("read", exc), path=path) from None


# --------------------------------------------------------------------------- session cache


def _session_cache() -> tuple[Path, int] | None:
    """(the cache file, minutes to keep it), or None when there is to be no cache.

    `REFLECT_KEY_CACHE_MINUTES` long (KEY_CACHE_MINUTES unless set; 0 turns it off; a
    value that is not a whole number is no cache), and only in `$XDG_RUNTIME_DIR`: a folder in
    memory, the user's alone (0700), emptied at log-out. Not the kernel keyring: it
    would need a library or `keyctl`, which many systems lack; the runtime folder is
    on every systemd system and costs one small read. Never anywhere on disk: with
    no runtime folder there is no cache, and the passphrase is asked per command.
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    try:
        minutes = int(os.environ.get(KEY_CACHE_ENV, str(KEY_CACHE_MINUTES)))
    except ValueError:
        return None
    if minutes <= 0 or not os.path.isabs(runtime) or not os.path.isdir(runtime):
        return None
    return Path(runtime) / "reflect" / "unlocked-key", minutes


def _wrapping_tag(raw: bytes) -> str:
    """Which wrapping a cached key came from: a new passphrase or key makes it stale."""
    import hashlib

    return hashlib.sha256(raw).hexdigest()


def _from_session_cache(raw: bytes) -> bytes | None:
    import time

    from reflect.errors import ReflectError

    where = _session_cache()
    if where is None:
        return None
    try:
        text = _read_key(where[0]).decode("ascii")
        expires, tag, identity = text.split("\n", 2)
        if float(expires) > time.time() and tag == _wrapping_tag(raw):
            return identity.encode("ascii")
    except (ValueError, ReflectError):  # none yet, or not one of ours: asked as usual
        pass
    return None


def _to_session_cache(raw: bytes, identity: bytes) -> None:
    import contextlib
    import time

    from reflect.errors import ReflectError
    from reflect.fileio import atomic_write

    where = _session_cache()
    if where is None:
        return
    expires = time.time() + 60 * where[1]
    text = f"{expires}\n{_wrapping_tag(raw)}\n".encode("ascii") + identity
    with contextlib.suppress(ReflectError):  # only a convenience
        atomic_write(where[0], text)


def clear_session_cache() -> None:
    """After a change of passphrase or `reflect decrypt`: the cached key goes too."""
    import contextlib

    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.path.isabs(runtime):
        with contextlib.suppress(OSError):
            (Path(runtime) / "reflect" / "unlocked-key").unlink(missing_ok=True)
