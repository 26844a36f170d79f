"""`reflect insights --json`: the numbers for scripts, in the shape its JSON Schema
(`reflect/export/insights.schema.json`) describes.

Averages are rounded to two decimals: more would claim a precision a handful of
weekly answers does not have.
"""

from __future__ import annotations

from typing import Any

from reflect.insights.stats import Insights, PlanCounts, Series

SCHEMA_FILE = "insights.schema.json"  # in reflect/export, beside the export's schema
FORMAT = "reflect-insights"
VERSION = 1


def insights_json(found: Insights) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "today": found.today.isoformat(),
        "since": found.since.isoformat() if found.since else None,
        "until": found.until.isoformat() if found.until else None,
        "workbook": found.workbook,
        "entries": found.entries,
        "scales": [_series(s) for s in found.scales],
        "options": [
            {
                "workbook": o.workbook,
                "prompt": o.prompt,
                "title": o.title,
                "kind": o.kind,
                "answered": o.answered,
                "counts": dict(o.counts),
                "together": [
                    {
                        "option": t.option,
                        "scale": t.scale,
                        "low": t.low,
                        "high": t.high,
                        "with": {"entries": t.with_count, "average": round(t.with_average, 2)},
                        "without": {
                            "entries": t.without_count,
                            "average": round(t.without_average, 2),
                        },
                    }
                    for t in o.together
                ],
            }
            for o in found.options
        ],
        "actions": {
            **_counts(found.plans.total),
            "by_month": [{"month": m, **_counts(c)} for m, c in found.plans.by_month],
            "by_workbook": [{"workbook": b, **_counts(c)} for b, c in found.plans.by_workbook],
            "still_open_after_4_weeks": [
                {
                    "id": s.id,
                    "text": s.text,
                    "due": s.due.isoformat(),
                    "workbook": s.workbook,
                    "entry": s.entry,
                }
                for s in found.plans.stale
            ],
        },
        "weeks": [
            {"week": w.label, "monday": w.monday.isoformat(), "entries": w.entries}
            for w in found.weeks
        ],
        "left_out": [
            {"file": str(item.path), "line": item.line, "problem": item.problem}
            for item in found.left_out
        ],
    }


def _series(series: Series) -> dict[str, Any]:
    trend = series.trend
    return {
        "workbook": series.workbook,
        "prompt": series.prompt,
        "title": series.title,
        "low": series.low,
        "high": series.high,
        "low_label": series.low_label,
        "high_label": series.high_label,
        "other_ranges": [{"low": low, "high": high} for low, high in series.other_ranges],
        "latest": {"date": series.latest.day.isoformat(), "value": series.latest.value},
        "lowest": series.lowest,
        "highest": series.highest,
        "trend": None
        if trend is None
        else {
            "direction": trend.direction,
            "last_4_weeks": {"entries": trend.recent_count, "average": round(trend.recent, 2)},
            "4_weeks_before": {"entries": trend.before_count, "average": round(trend.before, 2)},
        },
        "points": [
            {"date": p.day.isoformat(), "value": p.value, "entry": p.entry} for p in series.points
        ],
    }


def _counts(counts: PlanCounts) -> dict[str, int]:
    return {
        "planned": counts.planned,
        "done": counts.done,
        "dropped": counts.dropped,
        "open": counts.open,
    }
