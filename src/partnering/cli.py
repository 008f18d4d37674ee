"""The `partnering` command: Django's manage.py with the project's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnering.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(command_line(sys.argv))


def command_line(argv: list[str]) -> list[str]:
    # INTERFACE.md names commands with dashes (create-token, import-iati); Python modules
    # cannot have dashes, so both spellings are accepted.
    if len(argv) > 1 and not argv[1].startswith("-"):
        return [argv[0], argv[1].replace("-", "_"), *argv[2:]]
    return list(argv)


if __name__ == "__main__":
    main()
