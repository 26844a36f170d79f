"""Loading workbooks: each way one can be broken gets a message an author can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect.errors import WorkbookError
from reflect.workbook.loader import WorkbookSource, dotted_path, find_workbook, load_workbook

GOOD = """\
id = "tiny"
title = "Tiny"
description = "A tiny workbook."
minutes = 5

[[sections]]
id = "one"
title = "One"

[[sections.prompts]]
id = "how"
kind = "text"
text = "How are you?"
"""


def _write(tmp_path: Path, text: str | bytes, name: str = "book.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_a_good_workbook_loads(tmp_path: Path) -> None:
    workbook = load_workbook(_write(tmp_path, GOOD))
    assert workbook.id == "tiny" and workbook.prompt_count() == 1


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("minutes = 5", "minutes = "), 4, "not valid TOML"),
        (
            GOOD.replace('kind = "text"', 'kind = "essay"'),
            12,
            "sections[0].prompts[0].kind: must be one of",
        ),
        (GOOD.replace('id = "how"\n', ""), 10, "sections[0].prompts[0].id: is required"),
        (GOOD.replace("minutes = 5", 'minutes = "five"'), 4, "minutes"),
        (GOOD.replace('id = "one"', 'id = "One Two"'), 7, "sections[0].id: must be a short id"),
        (
            GOOD.replace('title = "Tiny"', 'title = "Tiny"\ncolour = "blue"'),
            None,
            "colour: is not a field",
        ),
        (
            GOOD + '\n[[sections.prompts]]\nid = "how"\nkind = "text"\ntext = "Again"\n',
            None,
            "'how' is used more than once",
        ),
        (GOOD.replace('text = "How are you?"', 'kind2 = 1\ntext = "How are you?"'), 13, "kind2"),
    ],
)
def test_broken_workbooks_name_file_line_and_path(
    tmp_path: Path, text: str, line: int | None, words: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(WorkbookError) as caught:
        load_workbook(path)
    error = caught.value
    assert error.path == path
    assert words in str(error)
    if line is not None:
        assert error.line == line
    assert error.exit_code == 2


def test_toml_syntax_error_has_a_column(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError) as caught:
        load_workbook(_write(tmp_path, 'id = "x"\ntitle = = "y"\n'))
    assert (caught.value.line, caught.value.column) == (2, 9)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"\x00\x01\x02binary", "binary"),
        (GOOD.replace("Tiny", "Tin\xe9").encode("latin-1"), "not UTF-8"),
        (b"a = " + b"[" * 5000 + b"]" * 5000, "nests too deeply"),
        (b"# " + b"x" * 1_100_000, "at most"),
    ],
)
def test_files_that_are_not_workbooks(tmp_path: Path, raw: bytes, words: str) -> None:
    with pytest.raises(WorkbookError, match=words):
        load_workbook(_write(tmp_path, raw))


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8")
    assert load_workbook(_write(tmp_path, raw)).id == "tiny"


def test_errors_never_echo_the_input_value(tmp_path: Path) -> None:
    secret = "my private words"
    with pytest.raises(WorkbookError) as caught:
        load_workbook(_write(tmp_path, GOOD.replace("minutes = 5", f'minutes = "{secret}"')))
    assert secret not in str(caught.value)


def test_find_by_id_and_refuse_escapes(tmp_path: Path) -> None:
    folder = tmp_path / "books"
    folder.mkdir()
    _write(folder, GOOD, "tiny.toml")
    _write(folder, GOOD.replace('id = "tiny"', 'id = "other-name"'), "file-name.toml")
    sources = [WorkbookSource("yours", folder)]
    assert find_workbook("tiny", sources).workbook.id == "tiny"
    assert find_workbook("other-name", sources).path.name == "file-name.toml"
    for name in ("../tiny", "/etc/passwd", "Tiny", "ti ny"):
        with pytest.raises(WorkbookError):
            find_workbook(name, sources)


def test_dotted_path_drops_the_union_tag() -> None:
    assert (
        dotted_path(("sections", 2, "prompts", 0, "scale", "min")) == "sections[2].prompts[0].min"
    )
