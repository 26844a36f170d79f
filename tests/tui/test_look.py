"""The look (docs/tui.md, "Look"): every footer fits a 60-column terminal, whole, on
every screen; and the styles keep to one accent and put no border round a screen's
one list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reflect.journal.store import JournalStore
from reflect.workbook.loader import FoundWorkbook
from tests.tui.conftest import AppFactory
from tests.tui.helpers import pilot_test
from tests.tui.test_snapshots_screens import SCREENS, Keys, app_for

pytestmark = pytest.mark.usefixtures("note_seen", "fixed_ids")
STYLES = Path(__file__).resolve().parents[2] / "reflect" / "tui"


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize(
    ("name", "workbook", "paused", "keys"), SCREENS, ids=[screen[0] for screen in SCREENS]
)
@pilot_test
async def test_every_footer_key_is_shown_whole(
    build_app: AppFactory,
    every_kind: FoundWorkbook,
    store: JournalStore,
    reflect_home: Path,
    name: str,
    workbook: str | None,
    paused: str | None,
    keys: Keys,
    width: int,
) -> None:
    app = app_for(build_app, every_kind, store, reflect_home, name, workbook, paused)
    async with app.run_test(size=(width, 20)) as pilot:
        await keys(pilot)
        footers = [screen.query_one(Footer) for screen in app.screen_stack if screen.query(Footer)]
        assert footers, "no screen on the stack has a footer"
        footer = footers[-1]  # a pop-up shows the footer of the screen under it
        await pilot.pause()
        shown = [key for key in footer.query(FooterKey) if key.display]
        assert shown
        palette = [key for key in shown if key.has_class("-command-palette")]
        right = palette[0].region.x if palette else footer.region.right
        for key in shown:
            region = key.region
            assert region.width >= len(key.key_display) + len(key.description), key.description
            limit = footer.region.right if key in palette else right
            assert region.right <= limit, f"{key.description!r} is cut at {width} columns"


def test_one_accent_and_no_second_colour_for_emphasis() -> None:
    """Borders, bars and keys are drawn in $primary; $warning, $accent, $success and
    $secondary appear in no style of ours ($text-warning says a problem in words)."""
    sheets = [*STYLES.rglob("*.tcss"), *STYLES.rglob("*.py")]
    found = {
        f"{path.name}: {colour}"
        for path in sheets
        for colour in re.findall(
            r"\$(?:warning|accent|success|secondary)\b[\w-]*", path.read_text()
        )
    }
    assert found == set()


@pytest.mark.parametrize(
    ("sheet", "list_id"), [("home.tcss", "workbooks"), ("actions.tcss", "actions")]
)
def test_a_screens_one_list_has_no_border(sheet: str, list_id: str) -> None:
    text = (STYLES / "screens" / sheet).read_text()
    rule = re.search(rf"#{list_id} \{{([^}}]*)\}}", text)
    assert rule is not None and "border: none;" in rule.group(1)
    assert f"#{list_id}:focus" not in text  # nothing to light up: the highlighted row says it
