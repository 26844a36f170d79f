"""The answer a prompt builds on, shown above it in the walk."""

from __future__ import annotations

import re
from datetime import date

from reflect.kinds import kind_of
from reflect.session import Session, Step
from reflect.tui import words

# Words by which a prompt points back at the answer before it ("What's behind that
# number?", "What made it so?").
_REFERS_BACK = re.compile(r"\b(that|this|those|these|it)\b", re.IGNORECASE)
EARLIER_WIDTH = 70


def earlier_answer(session: Session, step: Step, today: date) -> str | None:
    """'You said: 4 (on a scale of 0 to 10)': the answer to the prompt just before
    this one in its section, where this one points back at it ("What's behind that
    number?"), so the person can see what they are building on.

    Only where the prompt's words refer back: a line over every prompt would be
    noise where each stands on its own. Long answers are cut to one line on screen
    (the answer itself is untouched); the kind says how its answer reads.
    """
    prompt = step.prompt
    if prompt is None or _REFERS_BACK.search(prompt.text) is None:
        return None
    prompts = step.section.prompts
    index = next(i for i, p in enumerate(prompts) if p.id == prompt.id)
    if index == 0:
        return None
    answer = session.journal_answer(prompts[index - 1].id)
    if answer is None:
        return None
    text = " ".join(" ".join(kind_of(answer).summary_lines(answer, today)).split())
    if len(text) > EARLIER_WIDTH:
        text = text[: EARLIER_WIDTH - 1].rstrip() + "…"
    return words.EARLIER.format(answer=text)
