"""The starter workbook `reflect workbook new ID` writes: a small, complete workbook
with a comment on every part, so an author learns the format by editing it.

It passes `reflect workbook check` with no advice exactly as written (a test
holds it to that), so the first thing a new author sees is a workbook that
works. Every prompt kind appears once, to copy from and delete: each kind's example is
its own (`Kind.starter` in `reflect.kinds`), placed in one of the sections below.
"""

from __future__ import annotations

from reflect.kinds import KINDS, names_in_words
from reflect.workbook.schema import SCHEMA_FILE_NAME

_SECTIONS = ("looking-back", "what-helps", "next-step")

_STARTER = '''\
#:schema ./{schema_file}
# (The line above lets editors such as VS Code with "Even Better TOML" check this
# file as you type. Make the schema file with: reflect workbook schema -o {schema_file})
#
# A reflect workbook. Lines starting with # are notes for you, the author;
# readers never see them. Change the words, keep the shape, and run
#     reflect workbook check {workbook_id}.toml
# after each change. `reflect workbook preview {workbook_id}.toml` shows it as a reader
# will meet it, and `reflect workbook guide` explains every part.

# The id is the workbook's short name: people type `reflect start {workbook_id}`.
# Lower-case letters, digits, '-' and '_'. Keep it the same once people use it.
id = "{workbook_id}"
title = "{title}"
# Change the version (for example to "2") whenever you change the workbook.
# Someone who paused halfway keeps every answer whose prompt id still exists.
version = "1"
description = "A short walk through how things are going and one small next step."
# An honest estimate, going gently.
minutes = 15

# The intro is the first thing people read. Say they can go at their own pace,
# and who to talk to if reflecting brings up something hard.
intro = """
Go at your own pace: you can skip anything, and pause whenever you like.
Reflecting on your own is not always the right thing. If you are struggling,
talk to someone you trust or a support service first; this will still be here.
"""

# Optional: your community's own support note, shown at the start and after a
# low answer on a scale with `support_below`. Without it, people see the default
# note (or their own). Remove the # signs to use it.
# support_note = """
# If this brings up something hard, you are welcome to message the group's
# volunteers (see the group page), or call a local helpline.
# """

# ---------------------------------------------------------------------------
# Sections come in order. Each starts with [[sections]] and has an id, a title,
# optional ideas to consider (Markdown), optional tips, and its prompts.
[[sections]]
id = "looking-back"
title = "Looking back"
ideas = """
Before planning anything, it helps to notice how things have actually been.
You might think about:

- what took your energy, and what gave some back;
- a moment you would like to remember.
"""
tips = [
  "Go with what comes to mind first; you can always add more later.",
]

# Each prompt starts with [[sections.prompts]]. Its `kind` decides what the
# reader does: {kinds}.

{looking_back}
# ---------------------------------------------------------------------------
[[sections]]
id = "what-helps"
title = "What helps"
ideas = "Small, ordinary things often help most."
tips = ["There are no right answers here."]

{what_helps}
# ---------------------------------------------------------------------------
[[sections]]
id = "next-step"
title = "One small step"
ideas = "Choose something small enough to do on a tired day."
tips = ["Tie it to something you already do, like your morning tea."]

{next_step}'''


def title_from_id(workbook_id: str) -> str:
    """'team-check-in' -> 'Team check in': a first title the author will rewrite."""
    words = workbook_id.replace("_", " ").replace("-", " ").split()
    text = " ".join(words) or workbook_id
    return text[:1].upper() + text[1:]


def starter_text(workbook_id: str) -> str:
    """The starter workbook for `workbook_id` (already checked to be a valid id)."""
    return _STARTER.format(
        workbook_id=workbook_id,
        title=title_from_id(workbook_id),
        schema_file=SCHEMA_FILE_NAME,
        kinds=names_in_words(),
        **{section.replace("-", "_"): _examples(section) for section in _SECTIONS},
    )


def _examples(section: str) -> str:
    """Each kind's example for this section (`Kind.starter`), a blank line between them."""
    return "\n".join(text for where, text in (kind.starter for kind in KINDS) if where == section)
