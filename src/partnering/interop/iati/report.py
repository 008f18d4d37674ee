"""The report of an IATI import: what became of each activity and organisation, and the
problems and notes, with the file and line they concern."""

from dataclasses import dataclass, field

MAX_STORED_PROBLEMS = 1000


@dataclass
class Report:
    files: list[dict] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    organisations_created: int = 0
    organisations_matched: int = 0
    organisations_guessed: int = 0
    problems: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)

    def problem(self, file: str, line: int, message: str, activity: str = "") -> None:
        self.problems.append({"file": file, "line": line, "activity": activity,
                              "message": message})

    def note(self, file: str, line: int, message: str, activity: str = "") -> None:
        self.notes.append({"file": file, "line": line, "activity": activity,
                           "message": message})

    def as_dict(self, limit: int | None = MAX_STORED_PROBLEMS) -> dict:
        problems = self.problems if limit is None else self.problems[:limit]
        notes = self.notes if limit is None else self.notes[:limit]
        return {
            "files": self.files,
            "activities": {"created": self.created, "updated": self.updated,
                           "unchanged": self.unchanged, "skipped": self.skipped},
            "organisations": {"created": self.organisations_created,
                              "matched": self.organisations_matched,
                              "sector_guessed": self.organisations_guessed},
            "problem_count": len(self.problems),
            "problems": problems,
            "note_count": len(self.notes),
            "notes": notes,
        }


def summary_lines(summary: dict) -> list[str]:
    """The report as the command line prints it (and the upload page shows it)."""
    lines = []
    for file in summary.get("files", []):
        lines.append(f"{file['name']} (IATI {file['version']}): {file['activities']} "
                     f"activit{'y' if file['activities'] == 1 else 'ies'}")
    a, o = summary["activities"], summary["organisations"]
    lines.append(f"Activities: {a['created']} created, {a['updated']} updated, "
                 f"{a['unchanged']} unchanged, {a['skipped']} skipped")
    lines.append(f"Organisations: {o['created']} created, {o['matched']} matched"
                 + (f" ({o['sector_guessed']} new without an IATI type: sector guessed from "
                    "the name, check them in the registry)" if o.get("sector_guessed") else ""))
    for title, items, count in (("Problems", summary["problems"], summary["problem_count"]),
                                ("Notes", summary["notes"], summary["note_count"])):
        if not count:
            continue
        lines.append(f"{title} ({count}):")
        for item in items:
            where = f"{item['file']} line {item['line']}"
            activity = f" [{item['activity']}]" if item.get("activity") else ""
            lines.append(f"  {where}{activity}: {item['message']}")
        if count > len(items):
            lines.append(f"  … and {count - len(items)} more")
    return lines
