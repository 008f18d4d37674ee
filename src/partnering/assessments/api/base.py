"""What the assessment endpoints share: the router and its constants."""

from ninja import Router

from partnering.schemas import WRITE_ERRORS, Error

router = Router(tags=["assessments"])
TOKEN_ERRORS = {**WRITE_ERRORS, 429: Error}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

LANG_PATTERN = r"^[a-z]{2,3}$"
