"""Your real plans as a checklist's options: `options_from = "open-actions"`.

When a walk starts, each such prompt is given the person's open plans as its
options, soonest first, each written "what you will do (its id)" so the journal
says which plan was ticked even when two read the same. The walk then runs on
that workbook like any other (the session engine and both front ends see an
ordinary checklist), and `ticked_plans` says which plans were ticked, so the front
end can offer to keep, move or drop each one there and then. With no plan open
the prompt is left out of the walk (and its section, if that was all it held):
there would be nothing to tick.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reflect.workbook.models import Prompt, Workbook

OPEN_ACTIONS = "open-actions"


@dataclass(frozen=True)
class PlanOptions:
    """The workbook to walk, and for each prompt given plans: option -> action id."""

    workbook: Workbook
    plans: dict[str, dict[str, str]] = field(default_factory=dict)

    def ticked_plans(self, prompt_id: str, ticked: Sequence[str]) -> list[tuple[str, str]]:
        """(action id, option) for each plan ticked in the prompt, in the order shown."""
        options = self.plans.get(prompt_id, {})
        return [(options[option], option) for option in options if option in ticked]


def wants_plans(workbook: Workbook) -> bool:
    return any(_takes_plans(p) for section in workbook.sections for p in section.prompts)


def with_open_plans(workbook: Workbook, plans: Sequence[tuple[str, str]]) -> PlanOptions:
    """`workbook` with each `options_from = "open-actions"` prompt given `plans`
    ((action id, text), soonest first) as its options, or left out when there are none."""
    if not wants_plans(workbook):
        return PlanOptions(workbook)
    options = {f"{text} ({action_id})": action_id for action_id, text in plans}
    given: dict[str, dict[str, str]] = {}
    sections = []
    for section in workbook.sections:
        prompts: list[Prompt] = []
        for prompt in section.prompts:
            if _takes_plans(prompt):
                if not options:
                    continue
                prompt = prompt.model_copy(update={"options": list(options)})
                given[prompt.id] = options
            prompts.append(prompt)
        if section.prompts and not prompts and not (section.ideas or section.tips):
            continue  # it held only the plans: a page with nothing on it is not shown
        sections.append(section.model_copy(update={"prompts": prompts}))
    if not sections:  # a workbook of nothing but plans, and none open: its first page
        sections = [workbook.sections[0].model_copy(update={"prompts": []})]
    return PlanOptions(workbook.model_copy(update={"sections": sections}), given)


def _takes_plans(prompt: Prompt) -> bool:
    # Only a checklist has the field (reflect.kinds.checklist.prompt), so no kind is named.
    return getattr(prompt, "options_from", None) == OPEN_ACTIONS
