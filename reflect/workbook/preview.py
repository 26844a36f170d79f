"""A workbook shown as a reader will meet it: as terminal text, or as a Markdown
document to print, or to review with others before sharing.

Both views follow the walk's order (intro and support note, then each section's
ideas, tips and prompts) and show each prompt's answer shape, so an author can
see what a reader will be asked to do. Nothing here reads files or the clock.
"""

from __future__ import annotations

from reflect.workbook.models import (
    ActionPrompt,
    ChecklistPrompt,
    ChoicePrompt,
    ListPrompt,
    Prompt,
    ScalePrompt,
    TextPrompt,
    Workbook,
)
from reflect.workbook.prose import one_line, prompt_line, reflow, section_line

BLANK = "________________"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _summary(workbook: Workbook) -> str:
    return (
        f"About {workbook.minutes} minutes · {_plural(len(workbook.sections), 'section')} · "
        f"{_plural(workbook.prompt_count(), 'prompt')}"
    )


def _support_line(prompt: ScalePrompt, *, on_paper: bool) -> str | None:
    if prompt.support_below is None:
        return None
    if on_paper:
        return (
            f"If your answer is {prompt.support_below} or lower, please read the note at the "
            "start again: you do not have to work through this alone."
        )
    return f"An answer of {prompt.support_below} or lower is followed by the support note."


# ---------------------------------------------------------------------- Markdown


def to_markdown(workbook: Workbook, support_note: str) -> str:
    """A Markdown document: headings per section, prompts with room to answer on paper."""
    out: list[str] = [f"# {workbook.title}", "", f"*{workbook.description.strip()}*", ""]
    out += [_summary(workbook), ""]
    out += [_quote(support_note), ""]  # first, as in the walk itself
    if workbook.intro:
        out += [workbook.intro.strip(), ""]
    number = 0
    for index, section in enumerate(workbook.sections, start=1):
        out += [f"## {index}. {section.title}", ""]
        if section.ideas:
            out += ["**Ideas to consider**", "", section.ideas.strip(), ""]
        if section.tips:
            out += ["**Tips**", ""]
            out += [f"- {tip.strip()}" for tip in section.tips]
            out.append("")
        for prompt in section.prompts:
            number += 1
            label = " *(optional)*" if prompt.optional else ""
            out += [f"### {number}. {prompt.text}{label}", ""]
            if prompt.help:
                out += [f"*{prompt.help.strip()}*", ""]
            out += _markdown_answer(prompt)
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.strip().splitlines())


def _markdown_answer(prompt: Prompt) -> list[str]:
    match prompt:
        case TextPrompt():
            return ["*Space to write, as much as you like.*"]
        case ScalePrompt():
            low = f"{prompt.min}" + (f" ({prompt.min_label})" if prompt.min_label else "")
            high = f"{prompt.max}" + (f" ({prompt.max_label})" if prompt.max_label else "")
            middle = [str(n) for n in range(prompt.min + 1, prompt.max)]
            if len(middle) > 9:
                middle = [*middle[:2], "…", *middle[-2:]]
            lines = ["Circle one: " + " · ".join([low, *middle, high])]
            support = _support_line(prompt, on_paper=True)
            if support:
                lines += ["", f"*{support}*"]
            return lines
        case ChoicePrompt():
            return ["Pick one:", "", *(f"- ( ) {option}" for option in prompt.options)]
        case ChecklistPrompt():
            return ["Tick any:", "", *(f"- [ ] {option}" for option in prompt.options)]
        case ListPrompt():
            return [f"{n}. {BLANK}" for n in range(1, prompt.items + 1)]
        case ActionPrompt():
            example = f" (for example: {prompt.suggested_when})" if prompt.suggested_when else ""
            return [f"- [ ] I will: {BLANK} · When{example}: {BLANK}"]
    raise AssertionError(f"unknown prompt kind {prompt.kind}")  # pragma: no cover


# ---------------------------------------------------------------------- terminal text


def to_text(workbook: Workbook, support_note: str) -> str:
    """Plain terminal text in the shape of `reflect start --plain`, without the questions
    being asked: for reading a workbook through before walking it or sharing it."""
    out: list[str] = [workbook.title, "=" * len(workbook.title), ""]
    out += [one_line(workbook.description), _summary(workbook), ""]
    out += [support_note.strip(), ""]  # first, as in the walk itself
    if workbook.intro:
        out += [reflow(workbook.intro), ""]
    total = workbook.prompt_count()
    number = 0
    for index, section in enumerate(workbook.sections, start=1):
        out += [section_line(index, len(workbook.sections), section.title), ""]
        if section.ideas:
            out += ["Ideas to consider:", _indent(reflow(section.ideas)), ""]
        for tip in section.tips:
            out += [f"Tip: {one_line(tip)}", ""]
        for prompt in section.prompts:
            number += 1
            label = " (optional)" if prompt.optional else ""
            out.append(prompt_line(number, total, prompt.text + label))
            if prompt.help:
                out.append(_indent(reflow(prompt.help)))
            out += [_indent(line) for line in _text_answer(prompt)]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _indent(text: str) -> str:
    return "\n".join(f"    {line}".rstrip() for line in text.splitlines())


def _text_answer(prompt: Prompt) -> list[str]:
    match prompt:
        case TextPrompt():
            return ["(free writing)"]
        case ScalePrompt():
            ends = f"{prompt.min}" + (f" = {prompt.min_label}" if prompt.min_label else "")
            ends += f" … {prompt.max}" + (f" = {prompt.max_label}" if prompt.max_label else "")
            support = _support_line(prompt, on_paper=False)
            return [f"({ends})", *([f"({support})"] if support else [])]
        case ChoicePrompt():
            return ["Pick one:", *(f"{n}. {o}" for n, o in enumerate(prompt.options, start=1))]
        case ChecklistPrompt():
            return ["Tick any:", *(f"[ ] {option}" for option in prompt.options)]
        case ListPrompt():
            return [f"(up to {prompt.items}, one per line)"]
        case ActionPrompt():
            example = f"; for example: {prompt.suggested_when}" if prompt.suggested_when else ""
            return [f"(what you will do, and when{example})"]
    raise AssertionError(f"unknown prompt kind {prompt.kind}")  # pragma: no cover
