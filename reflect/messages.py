"""User-facing words that are not in a workbook, kept together to read, review and
one day translate in one place. Plain, warm, non-clinical."""

from __future__ import annotations

SUPPORT_NOTE = """\
Reflecting on your own is not always the right thing. If things feel heavy
right now, or thinking about them makes you feel worse, it is fine to stop.
Talk to someone you trust, your GP, or a local support service or helpline;
the workbook will still be here another day.
(You can put your own contacts here: set `support_note` in reflect's config file.)"""

SUPPORT_AFTER_LOW_SCORE = """\
Thank you for being honest about that. If things are hard right now, you do not
have to work through them alone, or today."""

PAUSED = "Your answers are saved. Run `reflect start {workbook}` to carry on where you left off."
FINISHED = "Saved to your journal ({path}), entry {entry}."
STAR_OFFER = (
    "Star this entry, to find it again with `reflect journal --starred`? (y, or Enter for no) "
)
STARRED = "Starred."
CLOSING = "Thank you for taking this time. Go gently."

PLAIN_HELP = (
    "Type your answer. For longer answers, an empty line ends it; Enter alone skips.\n"
    "At any prompt: :skip leaves this section for another day, :back goes back one prompt, "
    ":pause saves and stops."
)

DUE_BANNER_ONE = "1 thing you planned is {what}: run `reflect actions` to review it."
DUE_BANNER_MANY = "{count} things you planned are {what}: run `reflect actions` to review them."


def due_summary(due_today: int, overdue: int) -> str:
    """'2 actions due today, 1 overdue' (empty when nothing is due)."""
    parts = []
    if due_today:
        parts.append(f"{due_today} action{'s' if due_today != 1 else ''} due today")
    if overdue:
        noun = "" if due_today else f" action{'s' if overdue != 1 else ''}"
        parts.append(f"{overdue}{noun} overdue")
    return ", ".join(parts)


def remind_line(due_today: int, overdue: int) -> str:
    """The one line `reflect remind` prints (empty when there is nothing to say)."""
    summary = due_summary(due_today, overdue)
    return f"{summary[0].upper()}{summary[1:]}: run `reflect actions`" if summary else ""


# ---- reflect remind, its notifications, and closing the loop on an action. ----------

REMIND_MORE = "and {count} more"
EDITOR_ON_DISK = (
    "Your journal is encrypted, but this system has no $XDG_RUNTIME_DIR (a folder kept in "
    "memory), so your editor's file is in {folder} on disk while you write. It is removed "
    "as soon as the entry is saved."
)
NOTIFY_MISSING = (
    "Desktop notifications need `notify-send`, which is not installed or not on your PATH. "
    "It comes with libnotify (the libnotify-bin package on Debian and Ubuntu, libnotify on "
    "Fedora and Arch). Without --notify, `reflect remind` prints the same reminder instead."
)
NOTIFY_FAILED = "notify-send could not show the reminder ({reason})."
FOLLOW_UP = {
    "done": "How did it go? (Enter to skip) ",
    "dropped": "Want to note why? (Enter to skip) ",
}
FOLLOW_UP_SAVED = "Noted, with {id}."
DUE_OFFER = "Press Enter to begin, or type a to review them first: "
DUE_MORE = "  and {count} more: `reflect actions` lists them all."
REVIEW_HELP = (
    "For each one: d done, x drop, m move to another day, Enter to leave it as it is, "
    "q to stop reviewing."
)
REVIEW_CLOSED = {"done": "    Done. Well done.", "dropped": "    Dropped."}
REVIEW_WHEN = "    To when? ('fri', 'in 3 days', '4 dec'; Enter leaves it): "
REVIEW_MOVED = "    Moved to {when} ({relative})."

# `options_from = "open-actions"`: each plan ticked is kept, moved or dropped there and then.
CARRY_HELP = (
    "For each plan you ticked: Enter keeps it as it is, m moves it to another day, x drops it."
)
CARRY_ASK = "  {option}? "
CARRY_KEPT = "    Kept."
CARRY_DROPPED = "    Dropped."

# Bytes that are not UTF-8 (a terminal or file in another encoding) cannot go into a
# journal of UTF-8 text exactly as they are; reflect never changes them to fit.
NOT_UTF8 = (
    "Some of these words are bytes that are not UTF-8 text (is your terminal, or the "
    "file, set to another encoding?), so reflect cannot save them exactly as they are. "
    "Nothing was saved."
)
NOT_UTF8_ARGUMENT = (
    "This has bytes that are not UTF-8 text (is your terminal set to another "
    "encoding?). reflect keeps words exactly as they are, so it cannot take these; "
    "nothing was done."
)
NOT_UTF8_LINE = (
    "That line has bytes that are not UTF-8 text (is your terminal set to another "
    "encoding?), so it cannot be saved exactly as typed. Please type it again:"
)
NOT_UTF8_KEPT = "Your words are kept, byte for byte, in {path}."


def answers_so_far(count: int) -> str:
    """'1 answer so far', '5 answers so far': said when offering to carry on a walk."""
    return "1 answer so far" if count == 1 else f"{count} answers so far"


# ---- When the operating system says no. ------------------------------------------
# Every OSError becomes one of these sentences (`reflect.errors.could_not`), with the
# path in front ("~/x/journal: Could not create this folder (…)"). Each template is a
# whole sentence around the reason; tests/guarantees/test_messages.py renders every
# one with every reason and reads it back.

COULD_NOT = {
    "create folder": "Could not create this folder ({reason}).",
    "read": "Could not read this file ({reason}).",
    "read folder": "Could not read this folder ({reason}).",
    "read config": "Could not read the config file ({reason}).",
    "read draft": "Could not read this draft ({reason}).",
    "read guide": "The guide is missing from this installation ({reason}).",
    "write": "Could not write this file ({reason}).",
    "lock": "Could not lock this file ({reason}).",
    "remove": "Could not remove this file ({reason}).",
}
NOTHING_CHANGED = "Nothing that was already saved has changed."

# Keyed by errno name (errno.errorcode), so that a name this platform lacks is no error.
OS_REASONS = {
    "ENOSPC": "the disk is full",
    "EDQUOT": "the disk quota is used up",
    "EACCES": "permission denied",
    "EPERM": "permission denied",
    "EROFS": "the file system is read-only",
    "ENOTDIR": "a file is in the way where a folder should be",
    "EISDIR": "it is a folder; give a file name",
    "EEXIST": "a file is in the way",
    "ENOENT": "there is no such file or folder",
    "ENAMETOOLONG": "the name is too long",
    "ELOOP": "a symbolic link is in the way",
    "EIO": "the disk reported an input/output error",
    "EMFILE": "too many files are open",
    "ENFILE": "too many files are open",
    "EBUSY": "it is in use",
    "ETXTBSY": "it is in use",
    "EXDEV": "it is on another disk",
    "ENXIO": "nothing is connected to it",
    "EFBIG": "the file would be too large",
}

# ---- `reflect write` in your $EDITOR, when the editor fails. ------------------------

EDITOR_UNREADABLE = (
    "Your editor setting '{editor}' is not a command reflect can run (is a quote left "
    "open?). Set $VISUAL or $EDITOR to your editor's name, or pass the text as an "
    "argument or through a pipe."
)
EDITOR_NOT_RUN = (
    "Could not start your editor '{editor}' ({reason}). Nothing was written, so nothing "
    "was saved. Set $VISUAL or $EDITOR to an editor you have, or pass the text as an "
    "argument or through a pipe."
)
EDITOR_EXIT = "it ended with exit status {code}"
EDITOR_KILLED = "it was stopped by {signal}"
EDITOR_FAILED = (
    "Your editor '{editor}' did not finish cleanly ({how}), so nothing was saved to your journal."
)
EDITOR_WORDS_KEPT = (
    "The words it saved are kept in {path}; `reflect write < {quoted}` saves them to your journal."
)


# ---- An action id that two entries share (an entry copied by hand, two devices). ----

SHARED_ACTION_ID = (
    "another entry has an action with the id {id} too: to change this one, add --entry {entry}"
)

# Repeating plans (`reflect actions skip` / `stop`, reflect/actions.py).
NOT_OPEN_TO = "{id} is {status}, so there is nothing to {verb}: only an open plan repeats."
NOT_REPEATING = (
    "{id} doesn't repeat, so there is nothing to {verb}. "
    "`reflect actions done {id}` closes it; `reflect actions move {id}` gives it a new date."
)
REPEAT_DONE = "It comes round again {when} ({relative}), {repeat}."
REPEAT_SKIPPED = "Skipped. Next: {when} ({relative}), {repeat}."
REPEAT_STOPPED = "{id} no longer repeats; it stays open for {when}."


# ---- reflect sync: git, and the conflict copies of Syncthing, Nextcloud and Dropbox. ----


def copies_waiting(count: int, first: str) -> str:
    """The one line every reading command says while a sync tool's copies wait."""
    what = f"1 conflict copy ({first}) is" if count == 1 else f"{count} conflict copies are"
    return (
        f"reflect: {what} waiting beside your journal, left by your sync tool; its entries "
        "are not shown until `reflect sync` merges them in."
    )


def copy_merged(copy: str, month: str, added: int, changed: int, conflicts: int) -> str:
    """'Merged 2026-12 (conflicted copy).txt into 2026-12.txt: 2 entries added, 1 changed.'"""
    parts = [
        f"{added} entr{'y' if added == 1 else 'ies'} added",
        f"{changed} changed",
    ]
    if conflicts:
        parts.append(
            f"{conflicts} conflict{'s' if conflicts != 1 else ''} to settle "
            "(search for 'conflict:' in the file)"
        )
    return f"Merged {copy} into {month}: {', '.join(parts)}."


COPY_NOT_MERGED = "Left {copy} where it is, untouched: {reason}"
SYNC_NOTHING = "Nothing to sync: no conflict copies, and your journal is not in git."
SYNC_NOT_SET_UP = "To sync through git as well, run `reflect sync init` (see docs/sync.md)."
SYNC_COMMITTED = "Saved to git: {message}"
SYNC_UP_TO_DATE = "Your journal is up to date with {remote}."
SYNC_PULLED = "Merged what your other devices saved ({remote})."


def conflicts_to_settle(count: int, month: str) -> str:
    """What the merge driver says on stderr (git shows it, `reflect sync` reads it back)
    when a merge kept words of two devices as `conflict:` parts."""
    return (
        f"reflect: {count} conflict{'s' if count != 1 else ''} to settle in {month} "
        "(search for 'conflict:' in the file)."
    )


SYNC_PUSHED = "Sent your changes to {remote}."
SYNC_NO_REMOTE = (
    "Saved in git on this device only: there is no remote to sync with. "
    "Add one with `reflect sync init --remote URL`."
)
SYNC_INIT_DONE = (
    "Your journal and workbooks are now kept in git, in {root}.\n"
    "The merge of month files by entry is set up for this repository."
)
SYNC_INIT_REMOTE = (
    "Remote: {remote}. Run `reflect sync` to send your journal there and bring in what"
    " your other devices saved."
)
SYNC_INIT_NO_REMOTE = (
    "To sync with another device, add a private remote: `reflect sync init --remote URL`."
)
SYNC_FAILED_BEFORE = (
    "reflect: the last background sync did not finish: {reason} It will be tried again."
)
GIT_MISSING = (
    "`reflect sync` uses git, which is not installed (or not on your PATH). "
    "Install git, or sync with Syncthing or a cloud folder instead (see docs/sync.md)."
)
GIT_NO_IDENTITY = (
    "git needs your name and email for its commits. Set them once with "
    '`git config --global user.name "Your Name"` and '
    "`git config --global user.email you@example.org`, then run `reflect sync` again."
)
