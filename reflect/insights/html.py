"""`reflect insights -o report.html`: one page to read, print or hand to a supporter.

Self-contained on purpose: the charts are inline SVG, the styles are in the page,
and there is no script, no font, no image and no link to fetch, so it opens the
same offline, in ten years, and sends nothing anywhere. Every word from the
journal or a workbook goes through `html.escape`, so text such as `<b>` is shown,
never obeyed. Print styles keep each part on its page and drop the colours a
printer would waste ink on; the shades of the calendar have their words beside them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from html import escape

from reflect.insights import words
from reflect.insights.stats import Insights, Options, PlanCounts, Series, Week

STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222;
  max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05rem; margin-bottom: 0.2rem; }
.about, .note { color: #555; }
.note { font-size: 0.92rem; }
table { border-collapse: collapse; margin: 0.6rem 0; }
th, td { padding: 0.15rem 0.7rem; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
th { border-bottom: 1px solid #999; font-weight: 600; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font: 12px system-ui, sans-serif; fill: #444; }
.legend span { display: inline-block; margin-right: 1.2rem; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; vertical-align: -0.1em;
  border: 1px solid #888; margin-right: 0.3rem; }
section { break-inside: avoid-page; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  .series, .options { break-inside: avoid; }
}
"""
# Light to dark, with the same words as the terminal's shades.
SHADES = ("#f2f2f2", "#c6e48b", "#7bc96f", "#239a3b", "#196127")
LINE = "#2a7a3b"
CHART_W, CHART_H = 640, 180
LEFT, BOTTOM = 120, 28


def render_html(found: Insights) -> str:
    return "".join(_page(found))


def _page(found: Insights) -> Iterator[str]:
    title = escape(words.heading(found))
    yield (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    )
    yield f"<h1>{escape(words.TITLE)}</h1>\n"
    about = f"{words.period(found)} · {words.plural(found.entries, 'entry', 'entries')}"
    if found.workbook:
        about += f" · {found.workbook}"
    yield f'<p class="about">{escape(about)}</p>\n'
    if found.left_out:
        files = ", ".join(f"{item.where}" for item in found.left_out)
        yield f'<p class="note">{escape(words.LEFT_OUT.format(files=files))}</p>\n'
    if found.entries == 0:
        yield f"<p>{escape(words.NOTHING)}</p>\n</body>\n</html>\n"
        return
    yield from _scales(found)
    yield from _options(found)
    yield from _plans(found)
    yield from _weeks(found)
    yield "</body>\n</html>\n"


def _scales(found: Insights) -> Iterator[str]:
    yield f"<section>\n<h2>{escape(words.SCALES)}</h2>\n"
    if not found.scales:
        yield f"<p>{escape(words.NO_SCALES)}</p>\n"
    for series in found.scales:
        yield '<div class="series">\n'
        yield f"<h3>{escape(series.title)}</h3>\n"
        yield f'<p class="about">{escape(words.scale_about(series))}</p>\n'
        yield _scale_svg(series, found.today)
        yield f"<p>{escape(words.scale_summary(series, found.today))}<br>\n"
        yield f"{escape(words.trend_words(series.trend))}</p>\n"
        note = words.changed_range(series)
        if note:
            yield f'<p class="note">{escape(note)}</p>\n'
        yield "</div>\n"
    yield "</section>\n"


def _scale_svg(series: Series, today: date) -> str:
    """A line through the answers, a dot on each, the scale's labelled ends at the side."""
    width, height = CHART_W - LEFT, CHART_H - BOTTOM
    first, last = series.points[0].day, series.points[-1].day
    days = max(1, (last - first).days)
    span = series.high - series.low

    def x(day: date) -> float:
        return LEFT + (day - first).days / days * (width - 10) + 5

    def y(value: float) -> float:
        return 8 + (series.high - value) / span * (height - 16)

    path = " ".join(f"{x(p.day):.1f},{y(p.value):.1f}" for p in series.points)
    top = escape(f"{series.high} {series.high_label or ''}".strip())
    bottom = escape(f"{series.low} {series.low_label or ''}".strip())
    described = escape(
        f"{series.title}: {len(series.points)} answers from {first.isoformat()} to "
        f"{last.isoformat()}, between {series.lowest} and {series.highest} "
        f"on a scale of {series.low} to {series.high}."
    )
    dots = "".join(
        f'<circle cx="{x(p.day):.1f}" cy="{y(p.value):.1f}" r="2.5" fill="{LINE}"/>'
        for p in series.points
        if len(series.points) <= 120
    )
    return (
        f'<svg viewBox="0 0 {CHART_W} {CHART_H}" width="{CHART_W}" height="{CHART_H}" '
        f'role="img" aria-label="{described}" xmlns="http://www.w3.org/2000/svg">\n'
        f'<line x1="{LEFT}" y1="{y(series.high):.1f}" x2="{CHART_W}" y2="{y(series.high):.1f}" '
        'stroke="#ddd"/>'
        f'<line x1="{LEFT}" y1="{y(series.low):.1f}" x2="{CHART_W}" y2="{y(series.low):.1f}" '
        'stroke="#999"/>'
        f'<text x="{LEFT - 6}" y="{y(series.high) + 4:.1f}" text-anchor="end">{top}</text>'
        f'<text x="{LEFT - 6}" y="{y(series.low) + 4:.1f}" text-anchor="end">{bottom}</text>'
        f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2"/>{dots}'
        f'<text x="{LEFT}" y="{CHART_H - 8}">{escape(_day(first, today))}</text>'
        f'<text x="{CHART_W}" y="{CHART_H - 8}" text-anchor="end">{escape(_day(last, today))}</text>'
        "\n</svg>\n"
    )


def _options(found: Insights) -> Iterator[str]:
    yield f"<section>\n<h2>{escape(words.OPTIONS)}</h2>\n"
    if not found.options:
        yield f"<p>{escape(words.NO_OPTIONS)}</p>\n</section>\n"
        return
    for options in found.options:
        yield from _option_table(options)
    together = any(o.together for o in found.options)
    yield f'<p class="note">{escape(words.TOGETHER_HONEST if together else words.NO_TOGETHER)}</p>\n'
    yield "</section>\n"


def _option_table(options: Options) -> Iterator[str]:
    yield '<div class="options">\n'
    yield f"<h3>{escape(options.title)}</h3>\n"
    about = f"{options.workbook} · {words.plural(options.answered, 'entry', 'entries')}"
    yield f'<p class="about">{escape(about)}</p>\n'
    most = max(count for _, count in options.counts)
    yield '<table>\n<tr><th>Option</th><th class="n">Times</th><th></th></tr>\n'
    for name, count in options.counts:
        bar = round(count / most * 200)
        yield (
            f'<tr><td>{escape(name)}</td><td class="n">{count}</td><td>'
            f'<svg width="{bar + 2}" height="12" xmlns="http://www.w3.org/2000/svg" aria-hidden="true">'
            f'<rect width="{bar}" height="12" fill="{LINE}"/></svg></td></tr>\n'
        )
    yield "</table>\n"
    for together in options.together:
        yield f"<p>{escape(words.together_words(together))}</p>\n"
    yield "</div>\n"


def _plans(found: Insights) -> Iterator[str]:
    plans = found.plans
    yield f"<section>\n<h2>{escape(words.PLANS)}</h2>\n"
    if plans.total.planned == 0:
        yield f"<p>{escape(words.NO_PLANS)}</p>\n</section>\n"
        return
    yield f"<p>{escape(words.plan_counts(plans.total))}</p>\n"
    yield from _count_table("Month", plans.by_month)
    yield from _count_table("Workbook", plans.by_workbook)
    yield f'<p class="note">{escape(words.MOVED_NOTE)}</p>\n'
    if plans.stale:
        yield f"<p>{escape(words.STILL_WANT)}</p>\n<ul>\n"
        for stale in plans.stale:
            yield (
                f'<li>{escape(stale.text)} <span class="about">({escape(stale.id)}, its day was '
                f"{escape(_day(stale.due, found.today))})</span></li>\n"
            )
        yield "</ul>\n"
    yield "</section>\n"


def _count_table(what: str, rows: tuple[tuple[str, PlanCounts], ...]) -> Iterator[str]:
    yield (
        f'<table>\n<tr><th>{escape(what)}</th><th class="n">Planned</th><th class="n">Done</th>'
        '<th class="n">Dropped</th><th class="n">Open</th></tr>\n'
    )
    for name, c in rows:
        yield (
            f'<tr><td>{escape(name)}</td><td class="n">{c.planned}</td><td class="n">{c.done}</td>'
            f'<td class="n">{c.dropped}</td><td class="n">{c.open}</td></tr>\n'
        )
    yield "</table>\n"


def _weeks(found: Insights) -> Iterator[str]:
    yield f"<section>\n<h2>{escape(words.WEEKS)}</h2>\n"
    if not found.weeks:
        yield f"<p>{escape(words.NO_WEEKS)}</p>\n</section>\n"
        return
    yield _calendar_svg(found.weeks)
    yield '<p class="legend">'
    for level, (_, said) in enumerate(words.LEVELS):
        yield f'<span><span class="swatch" style="background:{SHADES[level]}"></span>{escape(said)}</span>'
    yield "</p>\n</section>\n"


def _calendar_svg(weeks: tuple[Week, ...]) -> str:
    """A row per ISO year, a square per week, shaded by how many entries it had; each
    square says its week and count to a screen reader (a <title>)."""
    cell, gap, left, top = 10, 2, 40, 16
    years = sorted({w.year for w in weeks})
    width = left + 53 * (cell + gap)
    height = top + len(years) * (cell + gap) + 4
    parts = [
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="Entries per week" xmlns="http://www.w3.org/2000/svg">'
    ]
    for month, number in ((1, 1), (4, 14), (7, 27), (10, 40)):
        name = date(2000, month, 1).strftime("%b")
        parts.append(f'<text x="{left + (number - 1) * (cell + gap)}" y="11">{name}</text>')
    for row, year in enumerate(years):
        y = top + row * (cell + gap)
        parts.append(f'<text x="0" y="{y + cell - 1}">{year}</text>')
        for week in (w for w in weeks if w.year == year):
            x = left + (week.number - 1) * (cell + gap)
            shade = SHADES[words.level_of(week.entries)]
            said = words.plural(week.entries, "entry", "entries")
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{shade}" '
                f'stroke="#bbb" stroke-width="0.5"><title>{week.label}: {said}</title></rect>'
            )
    parts.append("</svg>\n")
    return "".join(parts)


def _day(day: date, today: date) -> str:
    return f"{day.day} {day:%b} {day.year}" if day.year != today.year else f"{day.day} {day:%b}"
