"""The OpenAPI document says what really happens (issue 13, item 6).

- Every operation documents the errors that the shared handlers in api.py give it, beside the
  answers its decorator names: 400 (a NUL character, an unreadable body), 401 (a wrong or
  revoked token), 422 (input that breaks the schema, or a rule of the service); 404 where an
  id is in the path or a write names other objects; 403 and 409 for writes.
- An operation that anyone may call without signing in (reads that show what is public, and
  the survey links) lists the empty security requirement `{}` beside the token and the
  session, so clients and tools know that no credentials are required.
"""

from ninja.openapi.schema import OpenAPISchema

from partnering.schemas import Error

READS = {"GET", "HEAD", "OPTIONS"}


def error_statuses(operation, path: str) -> set[int]:
    statuses = {400, 401, 422}
    if "{" in path or not set(operation.methods) <= READS:
        statuses.add(404)
    if not set(operation.methods) <= READS:
        statuses |= {403, 409}
    return statuses


def open_to_anonymous(operation) -> bool:
    from partnering.api import AnonymousRead

    if operation.auth_callbacks is None or not operation.auth_callbacks:
        return True  # auth=None: no sign-in at all
    readable = set(operation.methods) <= READS
    return readable and any(isinstance(auth, AnonymousRead) for auth in operation.auth_callbacks)


class ContractSchema(OpenAPISchema):
    _path = ""

    def methods(self, operations: list) -> dict:
        # Each path view's operations share one path; ninja passes only the operations.
        self._path = next((getattr(o, "_contract_path", "") for o in operations), "")
        return super().methods(operations)

    def responses(self, operation):
        result = super().responses(operation)
        error = None
        for status in sorted(error_statuses(operation, self._path) - set(result)):
            if error is None:
                model = operation._create_response_model(Error)
                error = self._create_schema_from_model(model, mode="serialization")[0]
            result[status] = {"description": _DESCRIPTIONS[status],
                              "content": {self.api.renderer.media_type: {"schema": error}}}
        return result

    def operation_security(self, operation):
        security = super().operation_security(operation)
        if open_to_anonymous(operation):
            return [*(security or []), {}]
        return security


_DESCRIPTIONS = {
    400: "Bad Request: a NUL character in the text, or a body that cannot be read",
    401: "Unauthorized: a wrong or revoked token, or sign-in needed",
    403: "Forbidden: you may see this but not do this (or the CSRF check failed)",
    404: "Not Found: it does not exist, or you may not see it",
    409: "Conflict: the object's state does not allow this now",
    422: "Unprocessable Entity: the input breaks the schema or a rule, named in detail",
}


def mark_paths(routers) -> None:
    """Let ContractSchema see each operation's path (ninja passes only the operation)."""
    for router in routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                operation._contract_path = path
