"""Background jobs: Django's tasks API (`django_tasks`, built into Django 6) on the database
backend (`django_tasks_db`), so a job is a row in SQLite or PostgreSQL that survives restarts
and crashes, and any number of `partnering worker`s on any number of machines share the queue.

A job is a module-level function decorated with `background_task(...)`, which is Django's
`@task()` plus what the worker needs to know about it:
- `attempts`: how many times it may run. Work that is safe to repeat (indexing, the daily
  health snapshot, an idempotent import) says 3: an exception (other than JobFailed) or a
  worker that died while running it puts it back in the queue after `backoff` seconds,
  doubled at each attempt. Work that must not run twice keeps 1.
- `on_requeue(*args)` and `on_failure(*args, reason=...)`: the job's own record (an import
  job's status) follows, for what happens outside the function (its worker was killed).

Enqueue with `enqueue(task, *args)`, never `task.enqueue`: with TASKS_IMMEDIATE on (tests) or
`inline=True` the job runs at once in the caller, on the "immediate" backend.
"""

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus, task

log = logging.getLogger(__name__)


class JobFailed(Exception):  # noqa: N818 - reads as what happened to the job
    """A failure that running the job again cannot fix; the message is for its user."""


class Postpone(Exception):  # noqa: N818
    """Not now: another job holds what this one needs. The worker queues it again after
    POSTPONE seconds, without counting an attempt."""


POSTPONE = 5


@dataclass(frozen=True)
class Policy:
    label: str = ""
    attempts: int = 1
    backoff: float = 30.0
    on_requeue: Any = None
    on_failure: Any = None

    def delay(self, attempt: int) -> float:
        """Seconds to wait before attempt number `attempt + 1`."""
        return self.backoff * (2 ** max(0, attempt - 1))


POLICIES: dict[str, Policy] = {}
DEFAULT = Policy()


def background_task(*, label: str, attempts: int = 1, backoff: float = 30.0,
                    on_requeue=None, on_failure=None, priority: int = 0):
    """@task() for a job of the platform, with its retry policy (see the module's doc)."""
    if attempts < 1:
        raise ValueError("attempts must be at least 1")

    def decorate(function):
        declared = task(priority=priority)(function)
        POLICIES[declared.module_path] = Policy(label, attempts, backoff, on_requeue,
                                                on_failure)
        return declared
    return decorate


def policy_for(task_path: str) -> Policy:
    if task_path not in POLICIES:
        try:
            import_string(task_path)  # importing the module declares its tasks
        except ImportError:
            return DEFAULT
    return POLICIES.get(task_path, DEFAULT)


def label_for(task_path: str) -> str:
    return policy_for(task_path).label or task_path.rsplit(".", 1)[-1].replace("_", " ")


def immediate() -> bool:
    return bool(settings.TASKS_IMMEDIATE)


def enqueue(declared, *args, inline: bool = False, **kwargs):
    """Queue the job (a row the workers take), or run it now with TASKS_IMMEDIATE/inline.
    Inside a transaction, the row is written with it: rolled back, the job never ran."""
    if inline or immediate():
        result = declared.using(backend="immediate").enqueue(*args, **kwargs)
        if result.status == TaskResultStatus.FAILED and result.errors and \
                result.errors[0].exception_class_path != f"{__name__}.JobFailed":
            log.error("job %s failed:\n%s", declared.name, result.errors[0].traceback)
        return result
    return declared.enqueue(*args, **kwargs)
