"""A workbook shown as a reader will meet it: as terminal text, or as a Markdown
document to print, or to review with others before sharing.

Both views follow the walk's order (intro and support note, then each section's
ideas, tips and prompts) and show each prompt's answer shape, so an author can
see what a reader will be asked to do (each kind's `preview_markdown` and
`preview_text`, in `reflect.kinds`). Nothing here reads files or the clock.
"""

from __future__ import annotations

from reflect.kinds import BY_NAME
from reflect.workbook.models import Workbook
from reflect.workbook.prose import one_line, prompt_line, reflow, section_line


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _summary(workbook: Workbook) -> str:
    return (
        f"About {workbook.minutes} minutes · {_plural(len(workbook.sections), 'section')} · "
        f"{_plural(workbook.prompt_count(), 'prompt')}"
    )


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
            out += BY_NAME[prompt.kind].preview_markdown(prompt)
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.strip().splitlines())


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
            out += [_indent(line) for line in BY_NAME[prompt.kind].preview_text(prompt)]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _indent(text: str) -> str:
    return "\n".join(f"    {line}".rstrip() for line in text.splitlines())
