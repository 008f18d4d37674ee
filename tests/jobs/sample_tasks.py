"""Jobs for the tests of the job machinery (module-level, as tasks must be)."""

from partnering.jobs.queue import JobFailed, Postpone, background_task

CALLS: list[tuple] = []


@background_task(label="Flaky", attempts=3, backoff=10)
def flaky(fail_times: int) -> int:
    CALLS.append(("flaky", fail_times))
    if len([c for c in CALLS if c[0] == "flaky"]) <= fail_times:
        raise OSError("the disk hiccuped")
    return 42


@background_task(label="Refused", attempts=3)
def refused() -> None:
    CALLS.append(("refused",))
    raise JobFailed("the file is not IATI")


@background_task(label="Waits", attempts=1)
def waits() -> None:
    CALLS.append(("waits",))
    raise Postpone("another one runs")


LOST: list[tuple] = []


def lost(*args, reason):
    LOST.append((args, reason))


def requeued(*args):
    LOST.append((args, "requeued"))


@background_task(label="Once", attempts=1, on_failure=lost, on_requeue=requeued)
def once(value: int) -> int:
    return value


@background_task(label="Twice", attempts=2, on_failure=lost, on_requeue=requeued)
def twice(value: int) -> int:
    return value
