"""Demo data for discovery: a stakeholder map for Safe Childhoods and child-protection
organisations of its region to recommend, needs and gaps for the Khayelitsha water
committee, and an open call on the Connectivity dialogue. Called by the
demo loader (platform/demo.py) with its loader, through the services like any user."""

from datetime import timedelta

from partnering.discovery import services
from partnering.partnerships.models import Partnership

SAFE_CHILDHOODS_STAKEHOLDERS = [
    dict(org="mhrr", influence=5, interest=4, impact=3, stance="supportive",
         engagement="collaboration", notes="Co-owns the referral protocol at state level."),
    dict(org="csw_bihac", influence=4, interest=5, impact=4, stance="supportive",
         engagement="collaboration", notes="Statutory guardian of unaccompanied children; "
         "overstretched: two case workers for the whole canton."),
    dict(org="romano_drom", influence=2, interest=5, impact=5, stance="supportive",
         engagement="cooperation", notes="Trusted by Roma families in Tuzla."),
    dict(name="Roma community leaders in Tuzla and Kiseljak", influence=3, interest=4,
         impact=5, stance="neutral", engagement="communication",
         notes="Wary after past projects took data and left; want Roma mediators paid, "
         "not volunteers."),
    dict(name="Una-Sana Canton police (Ministry of Interior)", influence=4, interest=2,
         impact=3, stance="neutral", engagement="communication",
         notes="First contact for children found on the move; no child-protection training "
         "yet."),
    dict(name="Primary schools in Bihać and Velika Kladuša", influence=3, interest=4,
         impact=4, stance="supportive", engagement="communication",
         notes="Head teachers will enrol refugee children if interpreters come with them."),
    dict(name="Velika Kladuša municipal council", influence=5, interest=3, impact=2,
         stance="opposed", engagement="communication",
         notes="Opposes new child-friendly spaces: fears they attract more migrants. Keep "
         "satisfied: share the referral data that shows fewer children sleeping rough."),
    dict(name="RTV Unsko-sanskog kantona (cantonal broadcaster)", influence=3, interest=2,
         impact=1, stance="unknown", engagement="none",
         notes="Shapes local opinion on migration; no contact yet."),
]

# Organisations of the region that Safe Childhoods has not brought in yet: what its
# recommendations should find first (Bosnia and Herzegovina, then its neighbours).
REGIONAL_ORGANISATIONS = [
    dict(name="Zemlja djece u BiH", sector="civil_society", iati_type="22", country="BA",
         mission="Tuzla association for children's rights: day centres for children who beg "
         "or live and work on the street, most of them Roma, with family outreach, school "
         "enrolment and referral to the centres for social work.",
         competencies=["child protection", "street outreach", "school mediation"],
         resources=["day centres in Tuzla", "outreach workers"], sdg_goals=[1, 4, 16]),
    dict(name="Save the Children North West Balkans", sector="civil_society", iati_type="21",
         country="BA",
         mission="Office for Bosnia and Herzegovina, Serbia and Montenegro: protection of "
         "refugee and migrant children on the Balkans route, with child-friendly spaces and "
         "support to guardians of unaccompanied children in Una-Sana Canton, and monitoring "
         "of child rights.",
         competencies=["child protection in emergencies", "guardianship support",
                       "child rights monitoring"],
         resources=["child protection staff in Bihać"], sdg_goals=[4, 10, 16]),
    dict(name="Centre for Youth Integration", sector="civil_society", iati_type="22",
         country="RS",
         mission="Belgrade association working with children who live and work on the "
         "street, many of them Roma or on the move: a drop-in centre, street outreach, a "
         "shelter, and referral to social protection and schools.",
         competencies=["street outreach", "child protection"],
         resources=["drop-in centre", "shelter"], sdg_goals=[1, 4, 16]),
]

KHAYELITSHA_NEEDS = dict(
    sectors=["public", "community", "civil_society", "academia", "private"],
    competencies=["community mobilisation", "sanitation engineering", "water quality testing",
                  "gender-based violence prevention"],
    resources=["maintenance crews", "street lighting", "funding"],
    countries=["ZA"], sdg_goals=[5, 6, 11])


def load_discovery(loader) -> None:
    orgs, users = loader.orgs, loader.users
    for fields in REGIONAL_ORGANISATIONS:
        loader._organisation(users["admin"], fields)
    safe = Partnership.objects.get(title__startswith="Safe Childhoods")
    broker = users["broker"]
    made = {}
    for spec in SAFE_CHILDHOODS_STAKEHOLDERS:
        spec = dict(spec)
        key = spec.pop("org", None)
        if key:
            spec["organisation"] = orgs[key]
        made[spec.get("name") or key] = services.add_stakeholder(broker, safe, **spec)
    # A change the history shows: the schools moved from talking to coordinating.
    services.update_stakeholder(users["member"],
                                made["Primary schools in Bihać and Velika Kladuša"],
                                engagement="coordination")

    khayelitsha = Partnership.objects.get(title__startswith="Site C water and sanitation")
    services.set_needs(users["admin"], khayelitsha, **KHAYELITSHA_NEEDS)

    connectivity = Partnership.objects.get(title="Partnership Dialogue for Connectivity")
    call = services.publish_call(
        broker, connectivity, title="Partners for digital skills and devices in the pilots",
        needs="Networks alone do not close the gap: people need affordable devices and the "
        "skills to use them. We are looking for organisations that train first-time users "
        "(women and young people especially), refurbish or finance devices, or can evaluate "
        "the rural pilots in Kenya, Colombia and Mpumalanga.",
        deadline=loader.today + timedelta(days=21))
    services.respond(users["outsider"], call, organisation=orgs["uon"],
                     statement="Our ICT for Development group can evaluate the Kenyan pilot "
                     "(baseline and a one-year follow-up) with student researchers from the "
                     "counties concerned, and share the method with the other pilots.")
    services.respond(users["lead"], call, organisation=orgs["wvbih"],
                     statement="World Vision runs digital-literacy and online child-safety "
                     "clubs in schools; we can adapt the curriculum for first-time users and "
                     "bring the child-safeguarding side the dialogue has not covered yet.")
    response = call.responses.get(organisation=orgs["uon"])
    services.decide(broker, response, "shortlist")
