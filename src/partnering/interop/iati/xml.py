"""Reading IATI activity files safely and in constant memory.

Every parser here is lxml with entity resolution, DTD loading and network access turned off.
A file that carries a DOCTYPE is refused outright: IATI files have none, and a DOCTYPE is how
"billion laughs" and external-entity attacks start. libxml2's own limits stay on (no
`huge_tree`): a single text node over 10 MB or elements nested over 256 deep make the file
"not well-formed"; file size itself is not limited, because activities are streamed one by
one with `iterparse(tag="iati-activity")` and cleared as soon as they are read.

A file is read twice: `check_file` (well-formed, the right root, the schema of each
activity, the number of activities, which activities are unchanged since the last import)
before anything is written, then `iter_activity_batches` for the import itself, skipping the
activities the check found invalid or unchanged (a file whose activities are all unchanged
is not read a second time).

A file is a local path (the command line's files) or a `StoredFile`, an upload kept in a
Django storage (STORAGES: a folder, a shared volume or an S3-compatible store), read through
`storage.open()` and never by a path.
"""

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.core.files.storage import Storage
from lxml import etree

SCHEMA_DIR = (Path(__file__).resolve().parent.parent.parent / "reference" / "data" / "iati"
              / "schemas")
ACTIVITIES_XSD = SCHEMA_DIR / "iati-activities-schema.xsd"
SUPPORTED_MAJOR = "2"
SCHEMA_VERSION = "2.03"
SAFE = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
            remove_comments=True, remove_pis=True)


class IatiFileError(Exception):
    """The file as a whole cannot be imported: one line saying why."""


@dataclass(frozen=True)
class StoredFile:
    """An uploaded file in a Django storage: `name` in the storage, `label` as uploaded."""

    storage: Storage
    name: str
    label: str


Source = str | StoredFile


def _open(source: Source):
    if isinstance(source, StoredFile):
        return source.storage.open(source.name, "rb")
    return open(source, "rb")  # noqa: SIM115 - closed by the callers' with


def source_size(source: Source) -> int:
    """The file's size in bytes; 1 for one that cannot be read (its check says why)."""
    try:
        if isinstance(source, StoredFile):
            return max(source.storage.size(source.name), 1)
        return max(os.path.getsize(source), 1)
    except OSError:
        return 1


def source_label(source: Source) -> str:
    return source.label if isinstance(source, StoredFile) else os.path.basename(source)


@cache
def activities_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(ACTIVITIES_XSD), parser))


@dataclass
class FileCheck:
    path: Source
    version: str = ""
    activities: int = 0
    # activity number (1-based, in file order) → [(line, message)]
    invalid: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    # activity numbers found unchanged since the last import (`check_file`'s `unchanged`)
    unchanged: set[int] = field(default_factory=set)

    @property
    def name(self) -> str:
        return source_label(self.path)

    @property
    def schema_errors(self) -> list[tuple[int, str]]:
        return [error for errors in self.invalid.values() for error in errors]


class _Counting:
    """A file object that tells how far into the file the parser has read."""

    def __init__(self, handle, on_read: Callable[[int], None] | None):
        self.handle = handle
        self.position = 0
        self.on_read = on_read

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(size)
        self.position += len(chunk)
        if self.on_read:
            self.on_read(self.position)
        return chunk


def _syntax_reason(error: etree.XMLSyntaxError) -> str:
    message = str(error.msg or error).split("\n")[0]
    line = error.lineno or (error.position[0] if error.position else 0)
    return f"not well-formed XML (line {line}): {message}"


def sniff(path: Source) -> tuple[str, str]:
    """The root element and the declared IATI version, refusing what is not IATI activities."""
    try:
        with _open(path) as handle:
            events = etree.iterparse(handle, events=("start",), **SAFE)
            _, root = next(events)
            doctype = root.getroottree().docinfo.doctype
    except StopIteration:
        raise IatiFileError("not well-formed XML: the file has no root element") from None
    except etree.XMLSyntaxError as error:
        raise IatiFileError(_syntax_reason(error)) from None
    except OSError as error:
        raise IatiFileError(f"cannot read the file: {error.strerror or error}") from None
    if doctype:
        raise IatiFileError("the file declares a DOCTYPE (entities or a DTD); IATI files have "
                            "none, and entities are never expanded here")
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag != "iati-activities":
        local = etree.QName(root).localname if tag else "?"
        if local == "iati-organisations":
            raise IatiFileError("this is an IATI organisation file (root iati-organisations); "
                                "import an activity file (root iati-activities)")
        raise IatiFileError(f"not an IATI activity file: the root element is <{tag or local}>, "
                            "not <iati-activities>")
    version = (root.get("version") or "").strip()
    if version and version.split(".")[0] != SUPPORTED_MAJOR:
        raise IatiFileError(f"IATI version {version} is not supported; publish or convert the "
                            f"file as IATI {SCHEMA_VERSION}")
    return tag, version


def _activities(source, **options) -> Iterator[etree._Element]:
    """Each iati-activity as it ends; the previous ones are dropped from memory."""
    for _, element in etree.iterparse(source, events=("end",), tag="iati-activity",
                                      **SAFE, **options):
        yield element
        element.clear(keep_tail=False)
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]


def check_file(path: Source, *, progress: Callable[[float], None] | None = None,
               unchanged: Callable[[list], set[int]] | None = None,
               batch: int = 500) -> FileCheck:
    """Read the whole file once: well-formed, IATI activities, each activity against the 2.03
    schema. Raises IatiFileError for a file that cannot be imported at all. `unchanged(batch)`
    (of up to `batch` (number, element)) names the activities imported before from the same
    XML: they were valid then, so they are not validated again (FileCheck.unchanged)."""
    _, version = sniff(path)
    result = FileCheck(path=path, version=version)
    size = source_size(path)
    on_read = (lambda position: progress(min(position / size, 1.0))) if progress else None
    try:
        with _open(path) as handle:
            for activities in _batches(_Counting(handle, on_read), batch):
                _check_batch(result, activities, unchanged)
    except etree.XMLSyntaxError as error:
        raise IatiFileError(_syntax_reason(error)) from None
    except OSError as error:
        raise IatiFileError(f"cannot read the file: {error.strerror or error}") from None
    return result


def _check_batch(result: FileCheck, activities: list, unchanged) -> None:
    schema = activities_schema()
    result.activities = activities[-1][0]
    known = unchanged(activities) if unchanged else set()
    result.unchanged |= known
    for number, element in activities:
        if number not in known and not schema.validate(element):
            result.invalid[number] = [(error.line, error.message.rstrip("."))
                                      for error in schema.error_log]


def iter_activities(path: Source) -> Iterator[tuple[int, etree._Element]]:
    """(number, element) for each activity, in file order; memory stays flat."""
    with _open(path) as handle:
        yield from enumerate(_activities(handle), 1)


def iter_activity_batches(path: Source, size: int
                          ) -> Iterator[list[tuple[int, etree._Element]]]:
    """Lists of up to `size` (number, element), in file order; a batch's elements are
    dropped from memory when the next batch is read, so memory stays flat."""
    with _open(path) as handle:
        yield from _batches(handle, size)


def _batches(handle, size: int) -> Iterator[list[tuple[int, etree._Element]]]:
    batch: list[tuple[int, etree._Element]] = []
    events = etree.iterparse(handle, events=("end",), tag="iati-activity", **SAFE)
    for number, (_, element) in enumerate(events, 1):
        batch.append((number, element))
        if len(batch) >= size:
            yield batch
            _drop(batch)
            batch = []
    if batch:
        yield batch
        _drop(batch)


def _drop(batch: list[tuple[int, etree._Element]]) -> None:
    for _, element in batch:
        element.clear(keep_tail=False)
    last = batch[-1][1]
    parent = last.getparent()
    if parent is not None:
        while last.getprevious() is not None:
            del parent[0]


def activity_key(element: etree._Element) -> str:
    """The activity's iati-identifier, as the import keys it (element.findtext, without
    lxml's ElementPath: it is read for every activity of a file)."""
    identifier = next(element.iterchildren("iati-identifier"), None)
    return " ".join((identifier.text or "").split()) if identifier is not None else ""
