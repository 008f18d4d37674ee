"""The whole platform's portfolio (every partnership, no filter), kept in one row.

After a change the job worker recomputes it (one job at a time: `queued` says one waits);
meanwhile the page shows the last figures with the time they were computed. With no row yet,
or outdated and no job waiting (no worker has taken one for WORKER_LATE), the page computes
it on the spot and keeps it.

The row is the same for every reader, so its words (tables' titles and headers, phase,
sector and status labels) are kept in English, the messages' own language, and translated
into the reader's when it is read; names (countries, SDG titles) stay as they were kept."""

from dataclasses import asdict
from datetime import timedelta

from django.conf import settings
from django.db.models import Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext

from partnering.audit.models import AuditEvent
from partnering.fragments import Memo
from partnering.monitoring.rollup.compute import upsert
from partnering.monitoring.rollup.models import PlatformPortfolio
from partnering.prepared import Prepared

WORKER_LATE = timedelta(minutes=10)


def _latest_event():
    return AuditEvent.objects.order_by("-id").values("id")[:1]


def stored(portfolio) -> dict:
    return asdict(portfolio) | {"computed_at": None}


def loaded(row: PlatformPortfolio):
    from partnering.monitoring.portfolio.data import Portfolio

    data = dict(row.data)
    data["tables"] = {name: (_words(title), tuple(map(_words, header)),
                             [tuple(map(_words, r)) for r in rows])
                      for name, (title, header, rows) in data["tables"].items()}
    data["phase_groups"] = [(_words(name), [tuple(map(_words, r)) for r in rows])
                            for name, rows in data["phase_groups"]]
    data["computed_at"] = row.computed_at
    return Portfolio(**data)


def _words(value):
    """Kept English text in the reader's language (a text that is no message, as a name,
    stays as it is); numbers as they are."""
    return gettext(value) if isinstance(value, str) and value else value


def _usable(row: PlatformPortfolio | None) -> bool:
    if row is None:
        return False
    if (row.latest_event or 0) <= row.version:
        return True  # nothing changed since
    return row.queued and timezone.now() - row.computed_at < WORKER_LATE


def refresh(compute) -> PlatformPortfolio:
    """Compute the figures (`compute()`, a Portfolio) and keep them."""
    version = _latest_event().first()
    version = version["id"] if version else 0
    with translation.override(settings.LANGUAGE_CODE):
        portfolio = compute()
        row = PlatformPortfolio(pk=1, computed_at=timezone.now(), version=version,
                                queued=False, data=stored(portfolio))
        upsert(row)
    return row


def _row(state_only: bool):
    row = (PlatformPortfolio.objects.filter(pk=1)
           .annotate(latest_event=Subquery(_latest_event().values("id"))))
    return row.defer("data") if state_only else row


# SQL written once: the row's state (when computed, from which event, whether a job waits)
# without its figures, and the whole row.
_STATE = Prepared(lambda state_only: _row(state_only))
# The figures as shown in a language, by (computed_at, version, language): the same for every
# reader of the whole platform, so made once per process until the row is recomputed.
_SHOWN = Memo(16)


def platform_portfolio(compute, shown=lambda portfolio: portfolio):
    """The stored portfolio of the whole platform as `shown(portfolio)` gives it in the
    reader's language, or computed now: one query (the row's state) when this process has
    shown the same figures in that language already, one more to load them otherwise."""
    state = next(iter(_STATE(True)), None)
    if not _usable(state):
        return _shown(refresh(compute), shown)
    key = (state.computed_at, state.version, translation.get_language())
    portfolio = _SHOWN.get(key)
    if portfolio is None:
        row = next(iter(_STATE(False)), None)
        return _shown(row if _usable(row) else refresh(compute), shown)
    return portfolio


def _shown(row: PlatformPortfolio, shown):
    portfolio = shown(loaded(row))
    _SHOWN.set((row.computed_at, row.version, translation.get_language()), portfolio)
    return portfolio


def recompute_later() -> bool:
    """Ask the job worker for a recompute, unless one already waits (or nothing is kept
    yet: the first page computes it)."""
    return PlatformPortfolio.objects.filter(queued=False).update(queued=True) > 0
