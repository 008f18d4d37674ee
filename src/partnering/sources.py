"""The practitioner publications Partnering is written from, in one place: every citation
in the product (pages, help texts, advice, agreement templates, the demo) names them
through `cite()`, and the Sources page (/sources/) lists them.

Authors and years are those the texts themselves give; where a text names no year, none
is made up."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Source:
    key: str
    author: str
    title: str
    year: str
    published: str  # where or how it was published
    short: str  # how the product cites it in a sentence
    about: object  # what Partnering takes from it (translatable)


SOURCES = {source.key: source for source in (
    Source("unite-to-ignite",
           "The Partnering Initiative and UN DESA (2030 Agenda Partnership Accelerator)",
           "Unite to Ignite: Accelerating the transformational power of partnerships for "
           "the SDGs and beyond — Companion case studies", "2023",
           "partnershipaccelerator.org",
           "Unite to Ignite companion case studies",
           _("Partnering capabilities of individuals (the Partnership Officer and their "
             "skills), organisations fit for partnering (World Vision's Partner of Choice: "
             "staff and partner surveys, a summit, an action plan), internal and external "
             "brokers with health checks, and platforms and policy (Jamaica's Vision 2030 "
             "thematic working groups).")),
    Source("building-msp",
           "SEED International Practitioner Workshop and Conference",
           "Building Multi-Stakeholder Partnerships (concept note)", "2007",
           "Concept note; its success factors come from the October 2007 SEED conference "
           "“Building Partnerships for Sustainable Development”",
           "concept note “Building Multi-Stakeholder Partnerships” (SEED, 2007)",
           _("What moves each sector to partner, the four-phase partnership cycle and its "
             "steps, and the general success factors: transparent common and individual "
             "goals, a simple governance structure, feedback and simple monitoring.")),
    Source("strategic-partnering",
           "Civilian Secretariat for Police Service, Republic of South Africa",
           "A Guide to Strategic Partnering: Forming and Maintaining Strategic Partnerships",
           "2020", "January 2020",
           "Civilian Secretariat for Police Service, A Guide to Strategic Partnering, 2020",
           _("Partnership types and levels (the partnering continuum), stakeholder mapping "
             "and gap analysis, roles, governance, resourcing, risks and why partnerships "
             "fail, KPIs and evaluation, markers of success and failure.")),
    Source("innovation-in-partnerships",
           "Conor Seyle and Maureen Connolly (One Earth Future; Partnerships for Social "
           "Change)",
           "Innovation in Partnerships", "", "Stanford Social Innovation Review",
           "Seyle & Connolly, “Innovation in Partnerships”, Stanford Social Innovation Review",
           _("Shared goals, openly acknowledged differing incentives and less hierarchy; the "
             "six-step process from identifying participants to accelerating, broadening "
             "and scaling.")),
    Source("eight-actions", "", "8 Actions to Get Real Traction in Partnering", "", "",
           "8 Actions to Get Real Traction in Partnering",
           _("The right organisations and people, the problem at the centre, neutral "
             "platforms, co-design, the power balance, permission to decide, shared "
             "accountability, letting go.")),
)}


def cite(key: str, detail: str = "") -> str:
    """A citation in plain text, e.g. "8 Actions to Get Real Traction in Partnering,
    action 5", for help texts, advice and anything that is not HTML."""
    source = SOURCES[key]
    return f"{source.short}, {detail}" if detail else source.short


def cite_link(key: str, detail: str = ""):
    """The same citation in a page, linked to its entry on the Sources page."""
    source = SOURCES[key]
    link = format_html('<a class="cite" href="{}#{}">{}</a>', reverse("sources"), key,
                       source.short)
    return format_html("{}, {}", link, detail) if detail else link
