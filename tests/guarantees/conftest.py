"""Fixtures for the guarantee tests, and the figures report.

Every test here tries to break a promise in docs/guarantees.md. The figures the
issue asks for (runs killed, entries lost, operations, fuzz examples, bad inputs,
tracebacks) are recorded per test with `figures.add(...)` and summed at the end of
the run: `pytest tests/guarantees -q` prints them under "guarantee figures".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from tests.guarantees.helpers import FIGURE, TRACEBACK_CHECKS, Figures


@pytest.fixture
def figures(record_property: Any) -> Iterator[Figures]:
    found = Figures(record_property)
    yield found
    found.flush()


@pytest.fixture(autouse=True)
def count_traceback_checks(record_property: Any) -> Iterator[None]:
    """How many outputs were checked for a traceback in this test, and how many had one."""
    before = dict(TRACEBACK_CHECKS)
    yield
    for name, label in (
        ("outputs", "outputs checked for tracebacks"),
        ("tracebacks", "tracebacks seen"),
    ):
        record_property(FIGURE + label, TRACEBACK_CHECKS[name] - before[name])


def pytest_terminal_summary(terminalreporter: Any) -> None:
    totals: Counter[str] = Counter()
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "teardown":
                continue  # figures are flushed at teardown
            for name, value in getattr(report, "user_properties", []):
                if str(name).startswith(FIGURE):
                    totals[str(name)[len(FIGURE) :]] += int(value)
    if totals:
        terminalreporter.write_sep("-", "guarantee figures")
        for name in sorted(totals):
            terminalreporter.write_line(f"{name}: {totals[name]}")
