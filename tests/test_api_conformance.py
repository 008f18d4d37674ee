"""The API answers what its OpenAPI document says, as an admin and as an outsider.

Schemathesis generates requests for every operation from the served document (valid ones and
ones that break it), sends them to the WSGI application in-process, and checks each answer:
no server error, a documented status, the documented content type, headers and body, bad
input refused, and no operation that declares security answering an anonymous caller.

Bounded: EXAMPLES per operation and mode, a fixed seed, no shrinking; each request runs in a
savepoint that is rolled back, so a DELETE never leaves the next request an emptier world.
Path parameters are the world's real ids in half of the requests, so writes reach the
services instead of stopping at 404.
"""

import logging
from collections import Counter, defaultdict

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import load_all_checks
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode

from tests.conformance_world import ConformanceWorld, real_ids

EXAMPLES = 10  # per operation and generation mode: 20 per operation
load_all_checks()
CHECKS = [schemathesis.checks.not_a_server_error,
          schemathesis.checks.status_code_conformance,
          schemathesis.checks.content_type_conformance,
          schemathesis.checks.response_headers_conformance,
          schemathesis.checks.response_schema_conformance,
          schemathesis.checks.negative_data_rejection,
          schemathesis.checks.ignored_auth]  # last: run for the first persona only
FIRST = "admin"


class Findings:
    def __init__(self):
        self.failures = defaultdict(set)  # "persona: operation (mode)" -> failures
        self.statuses = defaultdict(Counter)  # persona -> status -> answers
        self.cases = 0
        self.operations = 0

    def record(self, label: str, error: BaseException) -> None:
        for failure in getattr(error, "exceptions", [error]):
            title = getattr(failure, "title", type(failure).__name__)
            message = (getattr(failure, "message", "") or str(failure)).strip()
            self.failures[label].add(f"{title}: {' '.join(message.split())[:300]}")

    def report(self) -> str:
        lines = [f"{len(self.failures)} failing operation runs; {self.operations} operations, "
                 f"{self.cases} generated requests sent as each persona"]
        for persona, statuses in self.statuses.items():
            lines.append(f"{persona}: " + ", ".join(f"{status}: {n}"
                                                    for status, n in sorted(statuses.items())))
        for label, titles in sorted(self.failures.items()):
            lines.append(f"- {label}")
            lines.extend(f"    {title}" for title in sorted(titles)[:3])
        return "\n".join(lines)


def _strategies(operation, mode, ids):
    names = [p.name for p in operation.path_parameters]
    generated = operation.as_strategy(generation_mode=mode)
    known = {name: ids[name] for name in names if name in ids}
    if mode is GenerationMode.NEGATIVE or not known:
        return generated
    return st.one_of(generated, operation.as_strategy(generation_mode=mode,
                                                     path_parameters=known))


def _send(case, persona: str, headers: dict, findings: Findings, label: str) -> None:
    """One request in a savepoint rolled back after it: every request meets the same world."""
    sid = transaction.savepoint()
    try:
        response = case.call(headers=headers)
        findings.statuses[persona][response.status_code] += 1
        # Whether an operation needs credentials does not depend on whose they are.
        checks = CHECKS if persona == FIRST else CHECKS[:-1]
        case.validate_response(response, checks=checks, headers=headers)
    except (FailureGroup, Exception) as error:  # or the request could not be made
        findings.record(f"{persona}: {label}", error)
    finally:
        transaction.savepoint_rollback(sid)


def _run_operation(operation, mode, personas: dict, ids, findings):
    label = f"{operation.label} ({mode.value})"

    @seed(20261021)
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
              print_blob=False)
    @given(case=_strategies(operation, mode, ids))
    def run(case):
        findings.cases += 1
        for persona, headers in personas.items():  # one generated case, sent as each
            _send(case, persona, headers, findings, label)

    try:
        run()
    except Unsatisfiable:  # nothing to break: e.g. no parameters for negative data
        pass


def conformance(tokens: dict[str, str], **ids) -> Findings:
    """Every operation, positive and negative, as each persona (`{persona: API token}`)."""
    personas = {name: {"Authorization": f"Bearer {token}"} for name, token in tokens.items()}
    ids = real_ids(**ids)
    findings = Findings()
    # The test client does the same: a request must not close the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    logging.disable(logging.WARNING)  # Django logs every 4xx answer
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json",
                                                get_wsgi_application())
        for result in schema.get_all_operations():
            operation = result.ok()
            findings.operations += 1
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                _run_operation(operation, mode, personas, ids, findings)
    finally:
        logging.disable(logging.NOTSET)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return findings


# An upload's import runs in the request, inside the test's transaction, not in a thread.
@override_settings(IATI_IMPORT_INLINE=True)
class ApiConformanceTests(ConformanceWorld):
    def test_it_answers_as_documented_to_an_admin_and_to_an_outsider(self):
        findings = conformance({FIRST: self.token_for(self.admin),
                                "outsider": self.token_for(self.olga)},
                               token=self.survey_token)
        print(findings.report())
        assert findings.statuses[FIRST][200] and findings.statuses["outsider"][404]
        assert not findings.failures, findings.report()
