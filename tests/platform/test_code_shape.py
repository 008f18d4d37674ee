"""The code stays in pieces a newcomer can read (issue #15): no file under src/ over
MAX_FILE_LINES lines, no function over MAX_FUNCTION_LINES (migrations excluded).

`python tests/codeshape.py` lists what is over; ruff holds complexity (C901 ≤ 10)."""

from tests.codeshape import MAX_FILE_LINES, MAX_FUNCTION_LINES, ROOT, long_files, long_functions

SRC = ROOT / "src"


def listing(found) -> str:
    return "\n".join(f"  {name}: {lines} lines" for name, lines in found)


def test_no_file_is_too_long():
    found = long_files([SRC])
    assert not found, f"files over {MAX_FILE_LINES} lines (split them):\n{listing(found)}"


def test_no_function_is_too_long():
    found = long_functions([SRC])
    assert not found, (f"functions over {MAX_FUNCTION_LINES} lines (extract helpers):\n"
                       f"{listing(found)}")
