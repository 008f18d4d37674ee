"""Grievances by e-mail: an RFC 822 message (as an MTA pipes it, or as
`partnering grievances receive-mail < message.eml` reads it) becomes a case of the
partnership or platform its address names, channel e-mail, and the sender gets the case
code and secret by return.

Which mechanism: the plus-tag of a recipient address (`grievances+<tag>@…`, in To, Cc,
Delivered-To or X-Original-To) or a tag in brackets in the subject (`[<tag>]`), where the
tag is the intake key of a partnership's or a platform's mechanism (the filing link's key,
which works for a private one too) or, for a public partnership, its number (for a public
platform, `platform-<number>`). A message that names none, or a mechanism whose intake is
closed, is refused and files nothing.

- Automatic messages (Auto-Submitted other than "no", bounces, list mail) are dropped, so
  two robots never answer each other; a message whose subject carries a case code is a
  reply about an existing case, which needs the secret: it files nothing and the answer
  says to follow the case on the site.
- A message that speaks of abuse, exploitation or harm to a child is filed as a
  safeguarding concern (restricted, answered first); handlers can correct the category.
- "anonymous" in the subject files the case without the sender's name or address: the
  address is used once, for the answer, and kept nowhere.
- Attachments go through the evidence-file rules; one that is refused is left out and the
  answer says so."""

import email
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import EmailMessage as OutgoingMessage
from django.urls import reverse
from django.utils.translation import gettext as _

from partnering.grievances import services
from partnering.grievances.models import GrievanceSettings
from partnering.grievances.vocabulary import Category, Channel, Severity
from partnering.links import absolute
from partnering.partnerships.models import Partnership
from partnering.partnerships.vocabulary import Visibility
from partnering.platforms.models import Platform
from partnering.platforms.vocabulary import PlatformVisibility

PLUS_TAG = re.compile(r"^[^@+\s]+\+([A-Za-z0-9_-]{1,64})@", re.ASCII)
PLATFORM_TAG = re.compile(r"^platform-([0-9]{1,12})$", re.ASCII)
SUBJECT_TAG = re.compile(r"\[([A-Za-z0-9_-]{1,64})\]", re.ASCII)
CASE_CODE = re.compile(r"\bGR-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}\b", re.IGNORECASE)
SAFEGUARDING = re.compile(r"\b(abuse[ds]?|exploit\w*|safeguarding|trafficking|"
                          r"sexual\w*|violence against)\b", re.IGNORECASE)
ADDRESS_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To")
MAX_DESCRIPTION = 20000


@dataclass
class Received:
    status: str  # filed, no_partnership, closed, automatic, case_reply, invalid
    code: str = ""
    partnership_id: int | None = None
    replied: bool = False
    refused_files: list[str] = field(default_factory=list)
    platform_id: int | None = None

    @classmethod
    def of(cls, status: str, owner, **kwargs) -> "Received":
        """An answer about a partnership's or (a Platform) a platform's mechanism."""
        key = "platform_id" if isinstance(owner, Platform) else "partnership_id"
        return cls(status, **{key: owner.pk}, **kwargs)

    def as_dict(self) -> dict:
        return {"status": self.status, "code": self.code, "partnership": self.partnership_id,
                "platform": self.platform_id, "replied": self.replied,
                "refused_files": self.refused_files}


def parse(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)


def is_automatic(message) -> bool:
    auto = str(message.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(message.get("Precedence", "")).strip().lower()
    sender = parseaddr(str(message.get("From", "")))[1].lower()
    return (auto != "no" or precedence in ("bulk", "junk", "list")
            or sender.startswith(("mailer-daemon@", "postmaster@")) or not sender)


def tags(message) -> list[str]:
    """The plus-tags of the recipients, then the bracketed tags of the subject."""
    addresses = getaddresses([str(v) for h in ADDRESS_HEADERS
                              for v in message.get_all(h, [])])
    found = [m.group(1) for _name, address in addresses if (m := PLUS_TAG.match(address))]
    return found + SUBJECT_TAG.findall(str(message.get("Subject", "")))


def _public_owner(tag: str) -> Partnership | Platform | None:
    """A public partnership by its number, a public platform by `platform-<number>`."""
    if tag.isdigit():
        return Partnership.objects.filter(pk=int(tag), visibility=Visibility.PUBLIC).first()
    if match := PLATFORM_TAG.match(tag):
        return Platform.objects.filter(pk=int(match.group(1)),
                                       visibility=PlatformVisibility.PUBLIC).first()
    return None


def owner_for(message) -> Partnership | Platform | None:
    """The partnership or platform whose mechanism the message names (see the module)."""
    for tag in tags(message):
        by_key = GrievanceSettings.objects.filter(intake_key=tag).select_related(
            "partnership", "platform").first()
        if by_key is not None:
            return by_key.owner
        public = _public_owner(tag)
        if public is not None:
            return public
    return None


def mail_address(intake_key: str) -> str:
    """The address that files a grievance with the mechanism of this intake key
    (`grievances+<key>@…` on the site's GRIEVANCE_MAIL_ADDRESS), or "" without one."""
    local, _at, domain = settings.GRIEVANCE_MAIL_ADDRESS.partition("@")
    if not (local and domain):
        return ""
    return f"{local.split('+')[0]}+{intake_key}@{domain}"


def body_text(message) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = part.get_content()
    if part.get_content_type() == "text/html":
        text = re.sub(r"<[^>]+>", " ", text)
    return text.strip()


def uploads(message) -> list[SimpleUploadedFile]:
    files = []
    for part in message.iter_attachments():
        payload = part.get_payload(decode=True) or b""
        files.append(SimpleUploadedFile(part.get_filename() or "attachment", payload,
                                        part.get_content_type()))
    return files


def fields_of(message) -> dict:
    subject = str(message.get("Subject", "")).strip()
    text = body_text(message)
    description = "\n\n".join(p for p in (subject, text) if p)[:MAX_DESCRIPTION]
    name, address = parseaddr(str(message.get("From", "")))
    anonymous = "anonymous" in subject.lower()
    category = Category.SAFEGUARDING if SAFEGUARDING.search(description) else Category.OTHER
    return {"category": category, "severity": Severity.STANDARD,
            "description": description or _("(an e-mail without text)"),
            "anonymous": anonymous, "complainant_name": "" if anonymous else name[:200],
            "complainant_contact": "" if anonymous else address[:300]}


def receive(raw: bytes, *, reply: bool = True) -> Received:
    """File the message's grievance and answer the sender (see the module's doc)."""
    message = parse(raw)
    if is_automatic(message):
        return Received("automatic")
    sender = parseaddr(str(message.get("From", "")))[1]
    if CASE_CODE.search(str(message.get("Subject", ""))):
        if reply:
            answer(message, sender, _case_reply_text())
        return Received("case_reply", replied=reply)
    owner = owner_for(message)
    if owner is None:
        return Received("no_partnership")
    is_platform = isinstance(owner, Platform)
    intake = GrievanceSettings.objects.filter(
        **{"platform" if is_platform else "partnership": owner}).first()
    if intake is not None and not intake.intake_open:
        return Received.of("closed", owner)
    return _file(message, owner, sender, reply)


def _file(message, owner, sender: str, reply: bool) -> Received:
    where = {"platform": owner} if isinstance(owner, Platform) else {"partnership": owner}
    try:
        filed = services.file_grievance(channel=Channel.EMAIL, by_mail=True, **where,
                                        **fields_of(message))
    except ValidationError:
        return Received.of("invalid", owner)
    refused = []
    for upload in uploads(message):
        try:
            services.attach(filed.grievance, upload, from_complainant=True)
        except ValidationError:
            refused.append(upload.name)
    if reply:
        answer(message, sender, _filed_text(filed, owner, refused))
    return Received.of("filed", owner, code=filed.grievance.code, replied=reply,
                       refused_files=refused)


def _filed_text(filed, owner, refused: list[str]) -> tuple[str, str]:
    follow = absolute(reverse("grievance_follow"))
    lines = [
        _("Your grievance to %(title)s was received.") % {"title": owner.title},
        "", _("Case code: %(code)s") % {"code": filed.grievance.code},
        _("Secret: %(secret)s") % {"secret": filed.secret}, "",
        _("Keep both: with them you can follow your case, answer questions and appeal, "
          "without an account, at %(link)s. Nobody at %(title)s will ever ask you for "
          "the secret.") % {"link": follow, "title": owner.title}]
    if refused:
        lines += ["", _("These files could not be kept (see the file rules on the site): "
                        "%(names)s") % {"names": ", ".join(refused)}]
    return (_("Your grievance %(code)s was received") % {"code": filed.grievance.code},
            "\n".join(lines))


def _case_reply_text() -> tuple[str, str]:
    return (_("About your grievance"),
            _("To add to a case or answer a question, follow your case with its code and "
              "secret at %(link)s. For your safety, messages sent by e-mail are not added "
              "to a case.") % {"link": absolute(reverse("grievance_follow"))})


def answer(message, sender: str, words: tuple[str, str]) -> None:
    """The reply, by the site's mail connection (as every notification is sent)."""
    subject, text = words
    headers = {"Auto-Submitted": "auto-replied"}
    if message.get("Message-ID"):
        headers["In-Reply-To"] = headers["References"] = str(message["Message-ID"])
    OutgoingMessage(f"[Partnering] {subject}", text, settings.DEFAULT_FROM_EMAIL, [sender],
                    headers=headers).send()
