"""Summaries many pages need, kept per partnership (PartnershipSummary: the health index and
its figures, the all-time power balance counts, indicator progress) and for the whole
platform (PlatformPortfolio), so that a page reads one row instead of recomputing them.

A summary is fresh while no audit event of its partnership is newer than the one it was
computed after (every service that writes records one, inside its transaction), it is not
flagged stale (an organisation of the partnership changed) and the day has not turned (the
overdue actions, the milestones and the reporting status count from today). Each write
enqueues a recompute for the job worker once it commits (receivers.py); a page that still
finds its summary missing or outdated computes it on the spot, once, and keeps it: what it
shows is always as fresh as a live computation (read.py)."""
