"""How big the code's files and functions are: the limits a newcomer can live with.

Run as a script to list what is over the limits (`python tests/codeshape.py [paths...]`);
tests/platform/test_code_shape.py holds the tree to them."""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 50


def python_files(paths):
    for path in paths:
        path = Path(path).resolve()
        files = [path] if path.is_file() else sorted(path.rglob("*.py"))
        yield from (f for f in files if "migrations" not in f.parts)


def long_files(paths) -> list[tuple[str, int]]:
    found = []
    for file in python_files(paths):
        lines = len(file.read_text().splitlines())
        if lines > MAX_FILE_LINES:
            found.append((str(file.relative_to(ROOT)), lines))
    return found


def long_functions(paths) -> list[tuple[str, int]]:
    found = []
    for file in python_files(paths):
        tree = ast.parse(file.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    found.append((f"{file.relative_to(ROOT)}:{node.lineno} {node.name}", lines))
    return found


if __name__ == "__main__":
    targets = sys.argv[1:] or [ROOT / "src"]
    for name, lines in long_files(targets):
        print(f"file over {MAX_FILE_LINES} lines: {name} ({lines})")
    for name, lines in long_functions(targets):
        print(f"function over {MAX_FUNCTION_LINES} lines: {name} ({lines})")
