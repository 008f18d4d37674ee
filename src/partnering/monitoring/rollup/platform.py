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
from partnering.monitoring.rollup.compute import upsert
from partnering.monitoring.rollup.models import PlatformPortfolio

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


def platform_portfolio(compute):
    """The stored portfolio of the whole platform (one query), or computed now."""
    row = (PlatformPortfolio.objects.filter(pk=1)
           .annotate(latest_event=Subquery(_latest_event().values("id"))).first())
    if not _usable(row):
        row = refresh(compute)
    return loaded(row)


def recompute_later() -> bool:
    """Ask the job worker for a recompute, unless one already waits (or nothing is kept
    yet: the first page computes it)."""
    return PlatformPortfolio.objects.filter(queued=False).update(queued=True) > 0
