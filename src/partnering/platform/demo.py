"""The demo: a living partnership portfolio drawn from the practitioner texts (partnering.sources).

Everything is written through the service functions, so the audit trail, checklists and
phase history look as they would after real use. `load_demo()` is idempotent: once the
persona accounts exist it changes nothing.

Organisations named in the practitioner texts (World Vision, the Planning Institute of Jamaica,
One Earth Future, ITU, ...) appear under their own names; companies, community groups and small
NGOs whose real counterparts the texts do not name are invented, and so are all people.
The partnerships follow the texts' cases, but their membership, meetings and figures are
illustrative, not a record of what these organisations did.
"""

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from partnering.audit.services import record
from partnering.governance.decisions import services as governance
from partnering.governance.models import Action, Decision, Position, Proposal
from partnering.interop import iati_demo
from partnering.partnerships import services as partnerships
from partnering.partnerships.models import (
    ChecklistItem,
    Partnership,
    PhaseTransition,
    Representative,
)
from partnering.partnerships.vocabulary import ItemStatus, MemberRole
from partnering.platform import demo_decisions
from partnering.registry import services as registry
from partnering.registry.models import Organisation

DEMO_PASSWORD = "partnering-demo"  # noqa: S105 - a published demo password


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    role: str
    sees: str
    person: str = ""  # key of the registry entry linked to the account


PERSONAS = (
    Persona("admin", "Nomvula", "Dlamini", "Nomvula Dlamini, platform secretariat; platform admin",
            "every partnership, private ones too; /admin/"),
    Persona("broker", "Ruth", "Achieng", "Ruth Achieng, external accredited broker",
            "manages Connectivity and Safe Childhoods; public ones", person="ruth"),
    Persona("lead", "Emir", "Delić",
            "Emir Delić, World Vision BiH lead rep with mandate; org admin",
            "manages World Vision BiH's partnerships; public ones", person="emir"),
    Persona("member", "Amra", "Begović",
            "Amra Begović, BiH ministry rep without mandate",
            "contributes to Safe Childhoods; public ones", person="amra"),
    Persona("outsider", "Wanjiru", "Kamau",
            "Wanjiru Kamau, University of Nairobi, no partnership",
            "public partnerships and the registry only", person="wanjiru"),
)


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    role: str
    sees: str
    visible_partnerships: int


# --- Organisations -------------------------------------------------------------------------
# Identifiers only where they are certain (the IATI / OECD-DAC codes and Oxfam GB's charity
# number); the rest are left blank rather than guessed.

ORGANISATIONS = {
    # Jamaica: Vision 2030 and its feedback loops (Unite to Ignite, platforms and policy)
    "pioj": dict(
        name="Planning Institute of Jamaica", acronym="PIOJ", iati_type="10", sector="public",
        country="JM", website="https://www.pioj.gov.jm",
        mission="Jamaica's national planning agency. Leads Vision 2030 Jamaica, the National "
        "Development Plan through which the country implements the SDGs, and revises the "
        "Medium-Term Socio-Economic Policy Framework every three years with stakeholders from "
        "local to national level.",
        motivations=["rule_of_law", "social_development"],
        interests=["common_good_platform", "efficient_services", "legitimacy", "information"],
        interests_note="Ownership of the plan by those who implement it; evidence from the "
        "parishes on what works; no duplication between agencies.",
        competencies=["national development planning", "monitoring and evaluation",
                      "multi-stakeholder consultation", "policy analysis"],
        resources=["secretariat for the thematic working groups", "national survey data",
                   "convening power"],
        sdg_goals=[1, 8, 10, 16, 17]),
    "sdc": dict(
        name="Social Development Commission", acronym="SDC", iati_type="15", sector="public",
        country="JM",
        mission="Agency of government for community development. Supports community "
        "development committees and, with the Municipal Corporations, leads the parish "
        "Inter-Agency Networks of government organisations and service providers.",
        motivations=["social_development", "community_voice"],
        interests=["social_goals", "information", "legitimacy"],
        competencies=["community organising", "participatory planning", "community profiles"],
        resources=["community development officers in every parish", "community data"],
        sdg_goals=[1, 11, 16]),
    "stcmc": dict(
        name="St. Catherine Municipal Corporation", iati_type="11", sector="public",
        country="JM",
        mission="Local authority for the parish of St. Catherine. Leads the parish "
        "Inter-Agency Network and the local sustainable development plan under the Local "
        "Governance Act, 2016.",
        motivations=["rule_of_law", "community_voice"],
        interests=["efficient_services", "legitimacy", "access"],
        competencies=["local sustainable development planning", "municipal services"],
        resources=["parish planning staff", "meeting venues"],
        sdg_goals=[6, 11, 16]),
    "psoj": dict(
        name="Private Sector Organisation of Jamaica", acronym="PSOJ", iati_type="70",
        sector="private", country="JM", website="https://www.psoj.org",
        mission="Membership body of Jamaican companies and business associations that speaks "
        "for the private sector in national policy dialogue.",
        motivations=["growth"],
        interests=["stability", "reputation", "csr", "risk_mitigation"],
        interests_note="A predictable policy framework and a skilled, healthy workforce.",
        competencies=["policy advocacy", "business networks"],
        resources=["member company networks", "in-kind expertise"],
        sdg_goals=[8, 9, 17]),
    "cvss": dict(
        name="Council of Voluntary Social Services", acronym="CVSS", iati_type="22",
        sector="civil_society", country="JM",
        mission="Umbrella body of Jamaica's voluntary and non-governmental organisations; "
        "brings the voluntary sector's voice into national planning.",
        motivations=["social_development"],
        interests=["influence", "social_goals", "legitimacy"],
        competencies=["NGO capacity building", "networking"],
        resources=["network of member NGOs"],
        sdg_goals=[1, 10, 16, 17]),
    "uwi": dict(
        name="The University of the West Indies, Mona", acronym="UWI Mona", iati_type="80",
        sector="academia", country="JM", website="https://www.mona.uwi.edu",
        mission="Regional university campus in Kingston; research on social policy, poverty "
        "and governance in the Caribbean.",
        motivations=["knowledge"],
        interests=["learning", "information", "funding"],
        competencies=["social policy research", "evaluation", "survey design"],
        resources=["researchers", "student placements"],
        sdg_goals=[4, 10, 16]),
    "jcc": dict(
        name="Jamaica Council of Churches", acronym="JCC", iati_type="22",
        sector="faith_based", country="JM",
        mission="Ecumenical council of Jamaican churches working on social justice, family "
        "life and peace in communities.",
        motivations=["faith_and_values", "social_development"],
        interests=["social_goals", "influence"],
        competencies=["community outreach", "pastoral care", "mediation"],
        resources=["church halls in every parish", "volunteers"],
        sdg_goals=[1, 16]),
    "stc_pdc": dict(
        name="St. Catherine Parish Development Committee", acronym="PDC", iati_type="24",
        sector="community", country="JM",
        mission="Parish body of community, civil-society and public representatives that "
        "carries the priorities of community development committees into the parish plan "
        "and up to national level.",
        motivations=["community_voice"],
        interests=["influence", "access", "information"],
        competencies=["community consultation", "parish planning"],
        resources=["links to the parish's community development committees"],
        sdg_goals=[11, 16]),
    "linstead_cdc": dict(
        name="Linstead Community Development Committee", iati_type="24", sector="community",
        country="JM",
        mission="Elected committee of residents' groups, churches, youth clubs and small "
        "businesses in Linstead, St. Catherine.",
        motivations=["community_voice"],
        interests=["access", "social_goals", "funding"],
        competencies=["local knowledge", "volunteer mobilisation"],
        resources=["volunteers", "community centre"],
        sdg_goals=[1, 6, 11]),
    "bmcf": dict(
        name="Blue Mountain Community Foundation", iati_type="60", sector="philanthropy",
        country="JM",
        mission="Jamaican community foundation pooling diaspora and local giving for "
        "community-led projects.",
        motivations=["social_development", "community_voice"],
        interests=["social_goals", "reputation", "learning"],
        competencies=["grant-making", "diaspora engagement"],
        resources=["small grants for community groups", "diaspora donor network"],
        sdg_goals=[1, 4, 11]),
    # Bosnia and Herzegovina: child protection in a post-war economy (Unite to Ignite)
    "wvbih": dict(
        name="World Vision Bosnia and Herzegovina", acronym="WV BiH", iati_type="21",
        sector="civil_society", country="BA", website="https://www.wvi.org",
        mission="Country office of World Vision, a Christian humanitarian, development and "
        "advocacy organisation for children. 'We are partners' is one of its core values; "
        "through Partner of Choice it oriented its relationships across civil society and "
        "now programmes for refugees and for child protection with the government and with "
        "organisations representing minority groups.",
        motivations=["social_development", "faith_and_values"],
        interests=["social_goals", "influence", "learning", "legitimacy"],
        interests_note="Child protection systems that outlast our programmes; partners' "
        "honest view of how we partner.",
        competencies=["child protection", "programming in fragile contexts",
                      "community mobilisation", "advocacy"],
        resources=["child protection specialists", "programme funding",
                   "community networks in Una-Sana and Tuzla cantons"],
        sdg_goals=[1, 4, 10, 16]),
    "mhrr": dict(
        name="Ministry of Human Rights and Refugees of Bosnia and Herzegovina",
        acronym="MHRR", iati_type="10", sector="public", country="BA",
        mission="State ministry for human rights, national minorities including Roma, "
        "refugees and displaced persons; reports on the Convention on the Rights of the "
        "Child.",
        motivations=["rule_of_law"],
        interests=["legitimacy", "efficient_services", "information", "stability"],
        competencies=["policy and legislation", "minority rights", "CRC reporting"],
        resources=["policy mandate", "data on refugees and displaced persons"],
        sdg_goals=[10, 16]),
    "csw_bihac": dict(
        name="Public Institution Centre for Social Work Bihać", acronym="CSW Bihać",
        iati_type="11", sector="public", country="BA",
        mission="Municipal social welfare centre: guardianship, case management and referral "
        "for children at risk, including unaccompanied migrant children in Una-Sana Canton.",
        motivations=["rule_of_law", "social_development"],
        interests=["efficient_services", "access", "stability"],
        competencies=["case management", "guardianship", "child protection referral"],
        resources=["social workers", "statutory case records"],
        sdg_goals=[1, 16]),
    "romano_drom": dict(
        name="Romano Drom Tuzla", iati_type="22", sector="civil_society", country="BA",
        mission="Roma-led association in Tuzla Canton working for Roma children's birth "
        "registration, school enrolment and protection from child marriage and begging.",
        motivations=["community_voice", "social_development"],
        interests=["influence", "access", "funding"],
        interests_note="A real say in decisions about Roma children, not consultation "
        "after the fact.",
        competencies=["Roma community outreach", "Romani language", "school mediation"],
        resources=["Roma mediators", "trust of Roma families"],
        sdg_goals=[4, 10, 16]),
    "legal_aid": dict(
        name="Refugee Legal Aid Network BiH", iati_type="22", sector="civil_society",
        country="BA",
        mission="Free legal aid for refugees, asylum seekers and migrants in Bosnia and "
        "Herzegovina, including support to guardians of unaccompanied children.",
        motivations=["rule_of_law", "social_development"],
        interests=["influence", "social_goals"],
        competencies=["legal aid", "asylum procedures"],
        resources=["lawyers", "legal information in six languages"],
        sdg_goals=[10, 16]),
    "irc_bih": dict(
        name="Interreligious Council of Bosnia and Herzegovina", acronym="IRC BiH",
        iati_type="22", sector="faith_based", country="BA",
        mission="Council of the country's Islamic, Serbian Orthodox, Catholic and Jewish "
        "communities, working for interfaith dialogue and reconciliation.",
        motivations=["faith_and_values"],
        interests=["legitimacy", "social_goals", "influence"],
        competencies=["interfaith dialogue", "reconciliation"],
        resources=["religious leaders' networks", "places of worship for community meetings"],
        sdg_goals=[16]),
    "fpn": dict(
        name="University of Sarajevo, Faculty of Political Sciences", acronym="FPN",
        iati_type="80", sector="academia", country="BA", website="https://fpn.unsa.ba",
        mission="Teaches and researches political science, sociology, social work, "
        "journalism and security studies; its social work department trains the country's "
        "social workers.",
        motivations=["knowledge"],
        interests=["learning", "information"],
        competencies=["social work research", "training of social workers"],
        resources=["researchers", "student practitioners"],
        sdg_goals=[4, 16]),
    # Malawi: Partner of Choice (Unite to Ignite)
    "wvmw": dict(
        name="World Vision Malawi", acronym="WV Malawi", iati_type="21",
        sector="civil_society", country="MW", website="https://www.wvi.org",
        mission="Country office of World Vision. After the Partner of Choice survey and "
        "summit it invests systematically in national and local partnering: a Partnerships "
        "and Capacity Building lead within Operations, a Partnering Strategic Intent, new "
        "guidelines and a Partner Review Committee.",
        motivations=["social_development", "faith_and_values"],
        interests=["social_goals", "learning", "efficient_services"],
        competencies=["child well-being programming", "partnering data analysis",
                      "capacity building"],
        resources=["area programme staff", "programme funding", "Partnering2030 course places"],
        sdg_goals=[1, 2, 3, 4, 16]),
    "mgcdsw": dict(
        name="Ministry of Gender, Community Development and Social Welfare", iati_type="10",
        sector="public", country="MW",
        mission="Malawi's ministry for gender equality, child protection, community "
        "development and social welfare.",
        motivations=["rule_of_law", "social_development"],
        interests=["efficient_services", "legitimacy", "information"],
        competencies=["child protection policy", "community development"],
        resources=["district social welfare officers", "community child protection workers"],
        sdg_goals=[1, 5, 16]),
    "mcc": dict(
        name="Malawi Council of Churches", acronym="MCC", iati_type="22",
        sector="faith_based", country="MW",
        mission="Ecumenical body of Protestant churches in Malawi, working on governance, "
        "peace and community development through its member churches.",
        motivations=["faith_and_values", "social_development"],
        interests=["social_goals", "influence"],
        competencies=["community mobilisation", "governance advocacy"],
        resources=["congregations in every district", "volunteers"],
        sdg_goals=[1, 16]),
    "tikondane": dict(
        name="Tikondane Community Development Trust", iati_type="22",
        sector="civil_society", country="MW",
        mission="Local NGO in Chikwawa district running community-based childcare centres "
        "and mothers' groups.",
        motivations=["community_voice", "social_development"],
        interests=["funding", "learning", "access"],
        competencies=["early childhood development", "mothers' groups facilitation"],
        resources=["community volunteers in 40 villages"],
        sdg_goals=[1, 2, 4]),
    "nsanje_vsl": dict(
        name="Nsanje Village Savings and Loans Federation", iati_type="24",
        sector="community", country="MW",
        mission="Federation of village savings and loans groups in Nsanje district, most of "
        "them women, lending to members for school fees, seed and small business.",
        motivations=["community_voice"],
        interests=["access", "funding"],
        competencies=["group savings", "financial literacy"],
        resources=["member groups", "local savings"],
        sdg_goals=[1, 5]),
    "shire_agro": dict(
        name="Shire Valley Agro-Processors Ltd", iati_type="72", sector="private",
        country="MW",
        mission="Buys pigeon pea, sorghum and groundnuts from smallholders in the Lower Shire "
        "and processes them for the domestic market.",
        motivations=["growth"],
        interests=["market_share", "risk_mitigation", "csr"],
        competencies=["agro-processing", "supply chain management"],
        resources=["offtake contracts", "storage warehouses"],
        sdg_goals=[2, 8]),
    # The Partnership Dialogue for Connectivity (Innovation in Partnerships)
    "oef": dict(
        name="One Earth Future", acronym="OEF", iati_type="21", sector="civil_society",
        country="US", website="https://oneearthfuture.org",
        mission="Works for peace through collaborative, data-driven solutions. With "
        "Partnerships for Social Change it developed the Innovation in Partnerships model "
        "used at the UN75 Global Forum: shared goals, open acknowledgement of differing "
        "incentives, collective impact with less hierarchy.",
        motivations=["social_development", "knowledge"],
        interests=["common_good_platform", "learning", "influence"],
        competencies=["convening", "partnership facilitation", "research"],
        resources=["facilitation", "convening"],
        sdg_goals=[16, 17]),
    "psc": dict(
        name="Partnerships for Social Change", acronym="PSC", iati_type="21",
        sector="civil_society",
        mission="Co-developer of the Innovation in Partnerships model; designs and "
        "facilitates cross-sector partnerships for collective impact.",
        motivations=["social_development"],
        interests=["learning", "common_good_platform"],
        competencies=["partnership design", "collective impact", "facilitation"],
        resources=["facilitators", "partnering methods"],
        sdg_goals=[17]),
    "itu": dict(
        name="International Telecommunication Union", acronym="ITU", iati_type="40",
        sector="multilateral", country="CH", website="https://www.itu.int",
        mission="UN specialized agency for information and communication technologies: "
        "spectrum, technical standards and connecting the world's unconnected.",
        motivations=["rule_of_law", "knowledge"],
        interests=["common_good_platform", "information", "legitimacy"],
        competencies=["ICT standards", "spectrum policy", "connectivity statistics"],
        resources=["ICT statistics", "policy and regulatory expertise"],
        sdg_goals=[9, 17]),
    "kilima": dict(
        name="Kilima Mobile Networks", iati_type="72", sector="private", country="KE",
        mission="Kenyan mobile network operator extending 4G to rural counties.",
        motivations=["growth"],
        interests=["market_share", "reputation", "risk_mitigation", "csr"],
        interests_note="New subscribers where rural sites do not pay back on their own.",
        competencies=["mobile network operations", "mobile money"],
        resources=["spectrum", "tower sites", "network engineers"],
        sdg_goals=[9]),
    "towershare": dict(
        name="TowerShare Africa", iati_type="72", sector="private", country="ZA",
        mission="Shared passive infrastructure (towers, fibre backhaul, power) for operators "
        "in Southern and East Africa.",
        motivations=["growth"],
        interests=["market_share", "csr"],
        competencies=["infrastructure sharing", "fibre backhaul"],
        resources=["tower space", "fibre backhaul"],
        sdg_goals=[9]),
    "orbita": dict(
        name="Orbita Satellite Broadband", iati_type="70", sector="private", country="US",
        mission="Low-earth-orbit satellite internet provider.",
        motivations=["growth"],
        interests=["market_share", "reputation"],
        competencies=["satellite broadband"],
        resources=["satellite capacity", "user terminals"],
        sdg_goals=[9]),
    "moicde": dict(
        name="Ministry of Information, Communications and the Digital Economy",
        acronym="MoICDE", iati_type="10", sector="public", country="KE",
        mission="Kenyan ministry for ICT policy, the digital economy and universal access to "
        "connectivity.",
        motivations=["rule_of_law"],
        interests=["efficient_services", "legitimacy", "access"],
        competencies=["ICT policy", "universal service"],
        resources=["public buildings as access sites", "universal service policy"],
        sdg_goals=[9, 17]),
    "mintic": dict(
        name="Ministry of Information and Communications Technologies of Colombia",
        acronym="MinTIC", iati_type="10", sector="public", country="CO",
        website="https://www.mintic.gov.co",
        mission="Colombia's ministry of information and communications technologies; "
        "programmes to connect rural and remote municipalities.",
        motivations=["rule_of_law"],
        interests=["efficient_services", "access", "information"],
        competencies=["rural connectivity programmes", "ICT policy"],
        resources=["rural connectivity programme", "regulatory expertise"],
        sdg_goals=[9, 4]),
    "nkomazi": dict(
        name="Nkomazi Community Wireless Network", iati_type="24", sector="community",
        country="ZA",
        mission="Community-owned Wi-Fi mesh network run by youth cooperatives in villages of "
        "Nkomazi, Mpumalanga.",
        motivations=["community_voice"],
        interests=["access", "funding", "learning"],
        interests_note="Affordable backhaul and recognition of community networks in "
        "spectrum rules.",
        competencies=["community networks", "local technicians"],
        resources=["local technicians", "rooftops and solar power", "community trust"],
        sdg_goals=[4, 9]),
    "lumen": dict(
        name="Lumen Digital Inclusion Foundation", iati_type="60", sector="philanthropy",
        country="US",
        mission="Grant-maker funding community-led connectivity and digital skills.",
        motivations=["social_development"],
        interests=["social_goals", "reputation", "learning"],
        competencies=["grant-making"],
        resources=["grants", "seed funding for community networks"],
        sdg_goals=[4, 9]),
    "worldbank": dict(
        name="World Bank", identifier="XM-DAC-44000", iati_type="40", sector="multilateral",
        country="US", website="https://www.worldbank.org",
        mission="International financial institution providing loans, grants and analysis "
        "to low- and middle-income countries, including for digital infrastructure.",
        motivations=["social_development", "knowledge"],
        interests=["information", "efficient_services"],
        competencies=["development finance", "digital development analytics"],
        resources=["financing", "analytics"],
        sdg_goals=[1, 9, 17]),
    "bridgework": dict(
        name="Bridgework Partnering Practice", iati_type="72", sector="private", country="KE",
        mission="Independent practice of accredited partnership brokers working across "
        "Africa and Europe on behalf of all partners.",
        motivations=["growth", "social_development"],
        interests=["reputation", "learning"],
        competencies=["partnership brokering", "facilitation", "partnership health checks",
                      "conflict resolution"],
        resources=["accredited brokers"],
        sdg_goals=[17]),
    "uon": dict(
        name="University of Nairobi", acronym="UoN", iati_type="80", sector="academia",
        country="KE", website="https://www.uonbi.ac.ke",
        mission="Kenya's oldest university; research on ICT for development, public policy "
        "and governance.",
        motivations=["knowledge"],
        interests=["learning", "information", "funding"],
        competencies=["ICT for development research", "evaluation"],
        resources=["researchers", "student researchers"],
        sdg_goals=[4, 9, 17]),
    # South Africa: a community partnership committee (A Guide to Strategic Partnering)
    "cct": dict(
        name="City of Cape Town", iati_type="11", sector="public", country="ZA",
        website="https://www.capetown.gov.za",
        mission="Metropolitan municipality. Its Water and Sanitation Directorate provides "
        "water and sanitation services, including in informal settlements.",
        motivations=["rule_of_law"],
        interests=["efficient_services", "legitimacy", "risk_mitigation"],
        competencies=["water and sanitation services", "infrastructure maintenance"],
        resources=["maintenance teams", "capital budget for informal settlements"],
        sdg_goals=[6, 11]),
    "sitec": dict(
        name="Site C Residents' Water and Sanitation Committee", iati_type="24",
        sector="community", country="ZA",
        mission="Residents' committee in Site C, Khayelitsha, that monitors shared taps and "
        "toilets and speaks for households in the informal sections.",
        motivations=["community_voice"],
        interests=["access", "influence"],
        competencies=["local knowledge", "community mobilisation"],
        resources=["street committees", "residents' fault reports"],
        sdg_goals=[6, 11]),
    "uct": dict(
        name="University of Cape Town", acronym="UCT", iati_type="80", sector="academia",
        country="ZA", website="https://www.uct.ac.za",
        mission="Research university; urban water, sanitation and public health research in "
        "Cape Town's informal settlements.",
        motivations=["knowledge"],
        interests=["learning", "information"],
        competencies=["urban water research", "participatory mapping"],
        resources=["researchers", "mapping tools"],
        sdg_goals=[6, 11]),
    "ubuntu_water": dict(
        name="Ubuntu Water Technologies (Pty) Ltd", iati_type="72", sector="private",
        country="ZA",
        mission="Designs and maintains container toilets and smart water meters for informal "
        "settlements.",
        motivations=["growth"],
        interests=["market_share", "reputation"],
        competencies=["sanitation technology", "maintenance contracts"],
        resources=["technicians", "smart meters"],
        sdg_goals=[6]),
    "csps": dict(
        name="Civilian Secretariat for Police Service", acronym="CSPS", iati_type="10",
        sector="public", country="ZA",
        mission="South African department that oversees the police service and promotes "
        "community safety partnerships; author of 'A Guide to Strategic Partnering' (2020).",
        motivations=["rule_of_law"],
        interests=["legitimacy", "common_good_platform"],
        competencies=["community safety", "strategic partnering"],
        resources=["community safety forum networks"],
        sdg_goals=[5, 16]),
    # Multilaterals, international NGOs and funders
    "unicef": dict(
        name="United Nations Children's Fund", acronym="UNICEF", identifier="XM-DAC-41122",
        iati_type="40", sector="multilateral", country="US", website="https://www.unicef.org",
        mission="UN agency for children's rights, survival and development.",
        motivations=["social_development", "rule_of_law"],
        interests=["social_goals", "information", "efficient_services"],
        competencies=["child protection systems", "social protection", "data on children"],
        resources=["technical advice", "programme funding"],
        sdg_goals=[1, 3, 4, 6, 16]),
    "undp": dict(
        name="United Nations Development Programme", acronym="UNDP",
        identifier="XM-DAC-41114", iati_type="40", sector="multilateral", country="US",
        website="https://www.undp.org",
        mission="UN development network supporting countries to implement the SDGs.",
        motivations=["social_development"],
        interests=["common_good_platform", "information"],
        competencies=["SDG integration", "governance"],
        resources=["technical assistance", "SDG data support"],
        sdg_goals=[1, 16, 17]),
    "who": dict(
        name="World Health Organization", acronym="WHO", identifier="XM-DAC-928",
        iati_type="40", sector="multilateral", country="CH", website="https://www.who.int",
        mission="UN agency for health; norms and guidance on water, sanitation and hygiene "
        "among much else.",
        motivations=["knowledge", "social_development"],
        interests=["information", "common_good_platform"],
        competencies=["public health", "WASH guidelines"],
        resources=["technical guidance", "health data"],
        sdg_goals=[3, 6]),
    "oxfam": dict(
        name="Oxfam GB", identifier="GB-CHC-202918", iati_type="21", sector="civil_society",
        country="GB", website="https://www.oxfam.org.uk",
        mission="International NGO working to end poverty and injustice, including water "
        "and sanitation in emergencies.",
        motivations=["social_development"],
        interests=["influence", "social_goals"],
        competencies=["WASH in emergencies", "campaigning"],
        resources=["WASH engineers", "advocacy"],
        sdg_goals=[1, 5, 6, 10]),
    "dfat": dict(
        name="Department of Foreign Affairs and Trade", acronym="DFAT", iati_type="10",
        sector="public", country="AU", website="https://www.dfat.gov.au",
        mission="Australian Government department for foreign policy, trade and development. "
        "Engages accredited external partnership brokers in several programmes, with jointly "
        "written Ways of Working and annual reflective health checks on the partnership.",
        motivations=["rule_of_law"],
        interests=["risk_mitigation", "efficient_services", "legitimacy"],
        competencies=["development finance", "partnership approach"],
        resources=["programme funding", "partnership brokers"],
        sdg_goals=[5, 16, 17]),
}

# --- People ------------------------------------------------------------------------------
# key: (name, organisation, job title, partnering role, skills, organisation admin)

PEOPLE = {
    "ruth": ("Ruth Achieng", "bridgework", "Accredited partnership broker", "broker",
             ["communication", "negotiation", "partner empathy", "collaboration",
              "strategic planning"], True),
    "emir": ("Emir Delić", "wvbih", "Partnerships Lead", "relationship_manager",
             ["networking", "negotiation", "strategic planning", "partner empathy"], True),
    "amra": ("Amra Begović", "mhrr", "Senior Adviser, Refugees and Displaced Persons",
             "representative", ["programme management", "communication"], False),
    "wanjiru": ("Wanjiru Kamau", "uon", "Research Fellow, ICT for Development", "other",
                ["ideation", "communication"], False),
    "selma": ("Selma Mujić", "wvbih", "Child Protection and Partnering Adviser", "broker",
              ["collaboration", "communication", "programme management", "partner empathy"],
              False),
    "dragan": ("Dragan Petrović", "csw_bihac", "Head of Child Protection", "representative",
               ["programme management", "collaboration"], False),
    "senada": ("Senada Ramić", "romano_drom", "Programme Coordinator", "representative",
               ["networking", "communication", "partner empathy"], True),
    "lana": ("Lana Jurić", "legal_aid", "Legal Aid Coordinator", "representative",
             ["negotiation", "communication"], False),
    "haris": ("Haris Kovačević", "irc_bih", "Programme Officer", "representative",
              ["collaboration", "networking"], False),
    "marta": ("Marta Novak", "unicef", "Child Protection Specialist, Sarajevo",
              "representative", ["strategic planning", "programme management"], False),
    "jasmina": ("Jasmina Alić", "fpn", "Associate Professor of Social Work", "representative",
                ["ideation", "innovation"], False),
    "andrea": ("Andrea Campbell", "pioj", "Manager, Vision 2030 Jamaica Secretariat",
               "secretariat", ["strategic planning", "networking", "programme management"],
               True),
    "marlon": ("Marlon Reid", "pioj", "Thematic Working Group Coordinator", "broker",
               ["communication", "collaboration", "programme management"], False),
    "sharon": ("Sharon Lewis", "sdc", "Parish Manager, St. Catherine", "representative",
               ["networking", "collaboration"], False),
    "desmond": ("Desmond Clarke", "stcmc", "Director of Planning", "representative",
                ["strategic planning"], False),
    "karen": ("Karen Thompson", "cvss", "Executive Director", "leader",
              ["networking", "negotiation", "marketing"], True),
    "omar": ("Omar Francis", "psoj", "Policy Analyst", "representative",
             ["communication", "acquisition"], False),
    "natalie": ("Natalie Bailey", "uwi", "Lecturer in Social Policy", "representative",
                ["ideation", "innovation"], False),
    "garth": ("Garth Morgan", "jcc", "Social Justice Officer", "representative",
              ["partner empathy", "communication"], False),
    "lloyd": ("Lloyd Henry", "stc_pdc", "Chairperson", "representative",
              ["networking", "communication"], False),
    "paulette": ("Paulette Brown", "linstead_cdc", "Chairperson", "representative",
                 ["collaboration"], False),
    "kimberley": ("Kimberley Grant", "undp", "Programme Analyst, Jamaica", "representative",
                  ["programme management"], False),
    "chisomo": ("Chisomo Banda", "wvmw", "Partnerships and Capacity Building Lead",
                "partnerships_officer",
                ["strategic planning", "collaboration", "programme management",
                 "partner empathy"], True),
    "grace": ("Grace Phiri", "wvmw", "Relationship Manager, Chikwawa Area Programme",
              "relationship_manager", ["communication", "programme management"], False),
    "mphatso": ("Mphatso Mwale", "mgcdsw", "District Social Welfare Officer, Chikwawa",
                "representative", ["programme management"], False),
    "patrick": ("Patrick Nyirenda", "mcc", "Programmes Coordinator", "representative",
                ["networking", "communication"], False),
    "esther": ("Esther Chirwa", "tikondane", "Director", "leader",
               ["collaboration", "acquisition"], True),
    "tamara": ("Tamara Gondwe", "nsanje_vsl", "Chairperson", "representative",
               ["communication"], False),
    "james": ("James Kachale", "shire_agro", "Procurement Manager", "representative",
              ["negotiation", "acquisition"], False),
    "helen": ("Helen Marsh", "oef", "Director of Partnerships", "leader",
              ["strategic planning", "networking", "ideation"], True),
    "luis": ("Luis Ortega", "psc", "Partnership Facilitator", "broker",
             ["collaboration", "innovation", "communication", "partner empathy"], False),
    "amina": ("Amina Wekesa", "kilima", "Head of Rural Expansion", "representative",
              ["negotiation", "marketing", "acquisition"], False),
    "thabo": ("Thabo Nkosi", "towershare", "Commercial Director", "representative",
              ["negotiation"], False),
    "rachel": ("Rachel Kim", "orbita", "Government Partnerships Manager", "representative",
               ["marketing", "networking"], False),
    "peter": ("Peter Mutua", "moicde", "Director, Universal Access", "representative",
              ["strategic planning"], False),
    "camila": ("Camila Restrepo", "mintic", "Rural Connectivity Adviser", "representative",
               ["programme management", "innovation"], False),
    "sipho": ("Sipho Mahlangu", "nkomazi", "Network Coordinator", "representative",
              ["innovation", "collaboration"], False),
    "elena": ("Elena Rossi", "itu", "Programme Officer, Digital Inclusion", "representative",
              ["networking"], False),
    "jonathan": ("Jonathan Price", "lumen", "Programme Director", "representative",
                 ["acquisition", "strategic planning"], False),
    "farah": ("Farah Haddad", "worldbank", "Senior Digital Development Specialist",
              "representative", ["strategic planning"], False),
    "nomvula": ("Nomvula Dlamini", "cct", "Head, Informal Settlements Water and Sanitation",
                "representative", ["programme management", "negotiation"], False),
    "zanele": ("Zanele Mthembu", "sitec", "Community Partnership Facilitator", "broker",
               ["communication", "partner empathy", "networking"], False),
    "kevin": ("Kevin Adams", "uct", "Senior Researcher, Urban Water", "representative",
              ["ideation"], False),
    "lindiwe": ("Lindiwe Ngcobo", "ubuntu_water", "Operations Manager", "representative",
                ["programme management"], False),
    "bongani": ("Bongani Zulu", "csps", "Deputy Director, Community Safety Partnerships",
                "partnerships_officer", ["strategic planning", "networking"], False),
    "sarah": ("Sarah Whitfield", "oxfam", "Partnerships Adviser", "partnerships_officer",
              ["collaboration", "strategic planning"], False),
    "michael": ("Michael O'Brien", "dfat", "Partnership Approach Adviser",
                "partnerships_officer", ["strategic planning", "negotiation"], False),
}

# --- Partnerships ------------------------------------------------------------------------
# Days are counted back from the day the demo is loaded, so the portfolio always looks
# current. "ticks" match checklist items by a fragment of their text:
# fragment -> (status, note) or (status, note, persona who ticks it).

CONNECTIVITY = dict(
    creator="admin", manager="broker", worker="broker", lead="oef", path="innovation",
    start=300,
    fields=dict(
        title="Partnership Dialogue for Connectivity",
        problem_statement="Almost half of the world's people cannot use broadband: networks "
        "do not reach them, service costs too much, or they lack the devices and skills to "
        "use it. No operator, government, community network or agency can close that gap "
        "alone, and each comes to the table with different incentives.",
        scope="Emerged from the UN75 Global Forum, convened with the Innovation in "
        "Partnerships model. Initial scope: affordable last-mile broadband in rural Kenya, "
        "Colombia and Mpumalanga, combining operators' infrastructure, governments' "
        "universal-service policy, community networks' local reach and philanthropic seed "
        "funding; what works is shared through ITU.",
        countries=["KE", "CO", "ZA"],
        geography="Rural Kenya, rural Colombia, Nkomazi (Mpumalanga); global learning",
        sdg_codes=["9", "9.c", "9.1", "17.6", "17.8", "4.4", "5.b"],
        formality="formal", funding="funded", duration="long", stakeholder_mix="multi",
        level="cooperation", visibility="public"),
    lead_reps=[("helen", True)],
    brokers=[("ruth", "external", "Accredited by the Partnership Brokers Association; "
              "facilitates the agreement meeting on behalf of all partners"),
             ("luis", "internal", "Co-convener from Partnerships for Social Change; keeps "
              "the six steps")],
    members=[
        dict(org="psc", role="core", iati="3", phase="lead_scope", joined=295,
             reps=[("luis", True)]),
        dict(org="kilima", role="core", iati="4", phase="solicit", joined=250,
             reps=[("amina", True)]),
        dict(org="towershare", role="core", iati="4", phase="solicit", joined=248,
             reps=[("thabo", False)]),
        dict(org="orbita", role="core", iati="4", phase="solicit", joined=245,
             reps=[("rachel", False)]),
        dict(org="moicde", role="core", iati="2", phase="solicit", joined=244,
             reps=[("peter", False)]),
        dict(org="mintic", role="core", iati="2", phase="solicit", joined=240,
             reps=[("camila", True)]),
        dict(org="nkomazi", role="core", iati="4", phase="solicit", joined=240,
             reps=[("sipho", True)]),
        dict(org="itu", role="associate", iati="", phase="solicit", joined=238,
             reps=[("elena", False)]),
        dict(org="lumen", role="core", iati="1", phase="pause", joined=180,
             reps=[("jonathan", True)]),
        dict(org="worldbank", role="observer", iati="", phase="pause", joined=160,
             reps=[("farah", False)]),
    ],
    leaves=[dict(org="orbita", phase="pause",
                 reason="Orbita stepped back while it renegotiates landing rights in Kenya "
                 "and Colombia; it is welcome back at the execute step")],
    phases=[
        dict(phase="lead_scope", moved=280, ticks={
            "project lead": ("done", "One Earth Future leads, with Partnerships for Social "
                             "Change as co-convener."),
            "differing incentives": ("done", "Operators want subscribers, governments "
                                     "coverage targets, community networks affordable "
                                     "backhaul: named openly at the forum session."),
        }, reason="Lead and initial scope agreed at the UN75 Global Forum session; the "
           "different incentives of operators, governments and communities named openly."),
        dict(phase="solicit", moved=220, ticks={
            "fan out": ("done", "Added a community network and a foundation to the usual "
                        "operators and ministries."),
        }, reason="Nine organisations accepted and the first meeting was held. Planning is "
           "paused so that participants can join or step back before plans harden."),
        dict(phase="pause", moved=120, ticks={
            "late joiners": ("done", "Lumen Digital Inclusion Foundation joined and the World "
                             "Bank observes; Orbita Satellite Broadband stepped back."),
        }, reason="Participants confirmed for the agreement meeting."),
        dict(phase="agreement", ticks={
            "second meeting": ("done", "Held in Nairobi and online; see the meeting record."),
            "commitments to action": ("done", "Nine commitments, each with an owner."),
            "formal agreement": ("open", "Draft circulated; TowerShare and the Kenyan ministry "
                                 "are waiting for internal sign-off."),
        }),
    ],
    meetings=[
        dict(phase="solicit", days_ago=230, purpose="First meeting of the participants",
             location="Online", orgs=["oef", "psc", "kilima", "towershare", "orbita",
                                      "moicde", "mintic", "nkomazi", "itu"],
             people=["helen", "luis", "ruth", "amina", "thabo", "rachel", "peter", "camila",
                     "sipho", "elena"],
             minutes="Each participant said what it wants from the dialogue. Operators: "
             "rural sites that pay back. Ministries: coverage targets and use of universal "
             "service funds. Nkomazi: affordable backhaul and recognition of community "
             "networks in spectrum rules. We agreed the shared goal (meaningful, affordable "
             "broadband for the rural unconnected) and agreed not to plan in detail until "
             "the group settles.",
             follow_ups="Share the participant map and the incentives table - Luis Ortega - "
             "one week\nApproach a funder for community network seed funding - Helen Marsh "
             "- one month\nITU to share rural connectivity data for the three countries - "
             "Elena Rossi - one month"),
        dict(phase="agreement", days_ago=40,
             purpose="Second meeting: commitments to action and the formal agreement",
             location="Nairobi and online",
             orgs=["oef", "psc", "kilima", "towershare", "moicde", "mintic", "nkomazi",
                   "itu", "lumen", "worldbank"],
             people=["helen", "luis", "ruth", "amina", "thabo", "peter", "camila", "sipho",
                     "elena", "jonathan", "farah"],
             minutes="Ruth Achieng facilitated. Partners made nine commitments: Kilima opens "
             "40 rural sites to community networks at cost; TowerShare offers backhaul at "
             "cost on a pilot route to Nkomazi; Lumen funds seed grants for three community "
             "networks; MinTIC shares its rural connectivity model; ITU documents the pilots. "
             "Accountability is tied to each next step and reviewed monthly, without a "
             "central steering committee. TowerShare's and the Kenyan ministry's "
             "representatives need sign-off from their organisations before the agreement "
             "can be signed.",
             follow_ups="Circulate the draft partnership agreement - Ruth Achieng - two "
             "weeks\nBoard sign-off on backhaul at cost - Thabo Nkosi - one month\n"
             "Ministerial sign-off on access sites - Peter Mutua - one month\nFirst "
             "monthly accountability call - Luis Ortega - in four weeks"),
    ],
)

SAFE_CHILDHOODS = dict(
    creator="lead", manager="lead", worker="broker", lead="wvbih", path="generic",
    start=540, end=-555,
    fields=dict(
        title="Safe Childhoods: child protection with refugee and Roma communities in "
        "Bosnia and Herzegovina",
        problem_statement="Refugee, migrant and Roma children in Bosnia and Herzegovina fall "
        "through the gaps between state, entity and cantonal child protection systems: "
        "unaccompanied children wait weeks for a guardian, Roma children go unregistered and "
        "out of school, and violence, child marriage and child begging are seldom referred. "
        "No single institution or community organisation can close these gaps alone.",
        scope="Joint referral and guardianship for unaccompanied and separated children in "
        "Una-Sana Canton; birth registration, school enrolment and protection from child "
        "marriage for Roma children in Tuzla Canton; a shared monitoring system reporting to "
        "the state ministry. Grew out of World Vision's Partner of Choice work: programming "
        "with the government and with organisations representing minority groups.",
        countries=["BA"], geography="Una-Sana Canton (Bihać, Velika Kladuša), Tuzla Canton, "
        "Sarajevo",
        sdg_codes=["16", "16.2", "16.9", "1.3", "10.7", "4.5"],
        formality="formal", funding="funded", duration="long", stakeholder_mix="multi",
        level="collaboration", visibility="private"),
    lead_reps=[("emir", True)],
    brokers=[("ruth", "external", "PBA-accredited, engaged on behalf of all partners for the "
              "agreement, difficult conversations and the annual health check"),
             ("selma", "internal", "World Vision's partnering adviser; day-to-day process "
              "support")],
    members=[
        dict(org="mhrr", role="core", iati="2", phase="exploration", joined=530,
             reps=[("amra", False)]),
        dict(org="csw_bihac", role="core", iati="4", phase="exploration", joined=530,
             reps=[("dragan", True)]),
        dict(org="romano_drom", role="core", iati="4", phase="exploration", joined=525,
             reps=[("senada", True)]),
        dict(org="legal_aid", role="core", iati="4", phase="exploration", joined=520,
             reps=[("lana", True)]),
        dict(org="unicef", role="associate", iati="1", phase="exploration", joined=515,
             reps=[("marta", False)]),
        dict(org="irc_bih", role="associate", iati="4", phase="building", joined=470,
             reps=[("haris", True)]),
        dict(org="fpn", role="associate", iati="", phase="building", joined=450,
             reps=[("jasmina", False)]),
    ],
    phases=[
        dict(phase="exploration", moved=490, ticks={
            "problem statement": ("done", "Agreed word for word at the first structured "
                                  "dialogue, including Romano Drom's wording on child "
                                  "begging."),
            "map stakeholders": ("done", "Map includes cantonal ministries and the Service "
                                 "for Foreigners' Affairs as influential but not at the "
                                 "table."),
            "areas of conflict": ("done", "Entity and cantonal competences; who pays for "
                                  "guardians; Roma distrust of social work centres."),
        }, reason="Problem statement agreed by all partners at the first structured "
           "dialogue; every organisation committed to building the partnership."),
        dict(phase="building", moved=390, ticks={
            "resources each partner": ("done", "Ministry: data on displaced persons and the "
                                       "referral protocol, no cash. UNICEF: technical advice "
                                       "and co-funding. World Vision: programme funding.",
                                       "member"),
            "mandate to decide": ("not_applicable", "Ministry staff cannot hold a mandate by "
                                  "law; decisions that need the ministry go to the "
                                  "Minister's cabinet, with a ten-day answer agreed in the "
                                  "governance section."),
            "code of conduct": ("not_applicable", "Covered by the child safeguarding policy "
                                "every partner has already signed; no separate code."),
            "cooperation rent": ("done", "Romano Drom's mediators are paid from the joint "
                                 "budget, not volunteered."),
        }, reason="Partnering agreement signed by all partners; referral protocol, governance "
           "and KPIs agreed."),
        dict(phase="running", ticks={
            "implement, monitor": ("done", "Quarterly monitoring against the five KPIs."),
            "communicate regularly": ("done", "Monthly partner bulletin in Bosnian and "
                                      "Romani."),
            "annual partnership health check": ("done", "First health check facilitated by "
                                                "Ruth Achieng; results shared with every "
                                                "partner."),
            "power balance": ("open", "Health check: Romano Drom feels under-heard in "
                              "steering meetings. Rotating chair proposed."),
        }),
    ],
    meetings=[
        dict(phase="exploration", days_ago=500, purpose="First structured dialogue",
             location="Sarajevo", orgs=["wvbih", "mhrr", "csw_bihac", "romano_drom",
                                        "legal_aid", "unicef"],
             people=["emir", "selma", "amra", "dragan", "senada", "lana", "marta"],
             minutes="Each organisation described the gaps it sees. The centre for social "
             "work in Bihać has too few social workers to appoint guardians for every "
             "unaccompanied child in time; Romano Drom reported Roma families avoiding social work "
             "centres for fear of losing their children. The problem statement was agreed. "
             "The ministry can join but its representative cannot commit the ministry "
             "without the Minister's cabinet.",
             follow_ups="Draft the stakeholder map - Selma Mujić - two weeks\nAsk the "
             "Minister's cabinet how ministry decisions can be taken quickly - Amra Begović "
             "- one month\nPropose an external broker acceptable to all - Emir Delić - "
             "one month"),
        dict(phase="building", days_ago=420, purpose="Partnering agreement workshop",
             location="Sarajevo", orgs=["wvbih", "mhrr", "csw_bihac", "romano_drom",
                                        "legal_aid", "unicef", "irc_bih", "fpn"],
             people=["emir", "selma", "ruth", "amra", "dragan", "senada", "lana", "marta",
                     "haris", "jasmina"],
             minutes="Facilitated by Ruth Achieng. Partners made their own goals transparent "
             "next to the common ones: the ministry needs data for its CRC report, Romano "
             "Drom wants Roma mediators recognised in referral procedures, the centre for "
             "social work wants fewer emergency placements. Decisions by consensus in a "
             "steering group; ministry decisions referred to the cabinet with a ten-day "
             "answer. Five KPIs set, including days to appoint a guardian and Roma children "
             "registered at birth.",
             follow_ups="Final text of the partnering agreement - Ruth Achieng - two weeks\n"
             "Referral protocol draft - Dragan Petrović - one month\nBaseline for the five "
             "KPIs - Jasmina Alić - six weeks"),
        dict(phase="running", days_ago=300, purpose="Quarterly steering meeting",
             location="Bihać", orgs=["wvbih", "mhrr", "csw_bihac", "romano_drom",
                                     "legal_aid", "unicef"],
             people=["emir", "selma", "amra", "dragan", "senada", "lana", "marta"],
             minutes="Days to appoint a guardian down from 31 to 12 since the referral "
             "protocol started. Roma birth registration in Tuzla Canton behind target: "
             "fees for late registration are the barrier. Legal aid network to pursue fee "
             "waivers.",
             follow_ups="Fee waiver request to the cantonal ministry - Lana Jurić - one "
             "month\nCelebrate the first 100 children with a guardian within 14 days - "
             "Selma Mujić - next quarter"),
        dict(phase="running", days_ago=60, purpose="Annual partnership health check and "
             "reflection", location="Tuzla",
             orgs=["wvbih", "mhrr", "csw_bihac", "romano_drom", "legal_aid", "unicef",
                   "irc_bih", "fpn"],
             people=["emir", "selma", "ruth", "amra", "dragan", "senada", "lana", "marta",
                     "haris", "jasmina"],
             minutes="Ruth Achieng presented the health check anonymously by dimension. "
             "Trust and shared purpose score high; power balance lowest: Romano Drom feels "
             "decisions are made before steering meetings. Partners agreed a rotating chair "
             "and papers circulated a week ahead. The ministry's ten-day answer works but "
             "was late twice.",
             follow_ups="Rotating chair from next meeting - Emir Delić - next meeting\nPapers "
             "a week ahead of every steering meeting - Selma Mujić - ongoing\nReview the "
             "ministry's answer time - Amra Begović - next quarter"),
    ],
)

VISION_2030 = dict(
    creator="admin", manager="admin", worker="admin", lead="pioj", path="generic",
    start=6 * 365,
    fields=dict(
        title="Vision 2030 Jamaica: Social Protection and Community Development Thematic "
        "Working Group",
        problem_statement="Vision 2030 Jamaica, the National Development Plan through which "
        "Jamaica implements the SDGs, reaches vulnerable households only if the agencies, "
        "businesses, civil society and community groups that serve them plan, implement and "
        "monitor together, and if what communities see on the ground reaches national "
        "decisions and comes back with an answer.",
        scope="A multi-stakeholder thematic working group that monitors the social protection "
        "and community development outcomes of the Medium-Term Socio-Economic Policy "
        "Framework (MTF), takes part in its revision every three years, and hears from local "
        "community groups through the parish development committees and the parish "
        "Inter-Agency Networks led by the Municipal Corporations and the Social Development "
        "Commission.",
        countries=["JM"], geography="National, with parish feedback from St. Catherine",
        sdg_codes=["1", "1.3", "10.2", "11.3", "16.7", "17.17"],
        formality="formal", funding="unfunded", duration="long", stakeholder_mix="multi",
        level="coordination", visibility="public"),
    lead_reps=[("andrea", True)],
    brokers=[("marlon", "internal", "Vision 2030 secretariat's coordinator; the chair "
              "rotates among sectors")],
    members=[
        dict(org="sdc", role="core", iati="4", phase="exploration", joined=6 * 365 - 20,
             reps=[("sharon", True)]),
        dict(org="stcmc", role="core", iati="4", phase="exploration", joined=6 * 365 - 20,
             reps=[("desmond", True)]),
        dict(org="cvss", role="core", iati="", phase="exploration", joined=6 * 365 - 30,
             reps=[("karen", True)]),
        dict(org="psoj", role="core", iati="", phase="exploration", joined=6 * 365 - 30,
             reps=[("omar", False)]),
        dict(org="uwi", role="associate", iati="", phase="building", joined=5 * 365 + 200,
             reps=[("natalie", False)]),
        dict(org="jcc", role="associate", iati="", phase="building", joined=5 * 365 + 180,
             reps=[("garth", True)]),
        dict(org="stc_pdc", role="associate", iati="", phase="running", joined=4 * 365,
             reps=[("lloyd", True)]),
        dict(org="undp", role="observer", iati="1", phase="running", joined=3 * 365,
             reps=[("kimberley", False)]),
    ],
    phases=[
        dict(phase="exploration", moved=6 * 365 - 90, ticks={
            "areas of conflict": ("done", "Overlap between agencies' mandates at parish "
                                  "level; private sector wary of new reporting burdens."),
        }, reason="Agencies, civil society, the private sector and academia agreed to monitor "
           "the plan's social outcomes together; terms of reference drafted."),
        dict(phase="building", moved=5 * 365, ticks={
            "mandate to decide": ("done", "Every representative is nominated in writing by "
                                  "the head of their organisation."),
            "cooperation rent": ("not_applicable", "No joint budget: partners fund their own "
                                 "participation, so there is no rent to share."),
        }, reason="Terms of reference, indicator framework and reporting calendar agreed."),
        dict(phase="running", moved=700, ticks={
            "feedback mechanisms": ("done", "Parish development committees bring community "
                                    "groups' issues to each quarterly meeting; answers go "
                                    "back through the Social Development Commission."),
            "celebrate success": ("done", "Annual Vision 2030 progress report credits each "
                                  "partner's contribution."),
        }, reason="The working group is a standing part of Vision 2030 monitoring; the focus "
           "now is keeping the parish feedback loops open and the next MTF revision."),
        dict(phase="sustaining", ticks={
            "new container": ("done", "Parish sub-groups in St. Catherine feed the working "
                              "group; other parishes to follow."),
            "institutionalise": ("done", "Terms of reference are part of the Vision 2030 "
                                 "monitoring and evaluation framework."),
            "share lessons learned": ("done", "Shared at national SDG reporting events as "
                                      "an example of multi-stakeholder implementation."),
        }),
    ],
    meetings=[
        dict(phase="exploration", days_ago=6 * 365 - 60, purpose="Inception meeting of the "
             "thematic working group", location="Kingston",
             orgs=["pioj", "sdc", "stcmc", "cvss", "psoj"],
             people=["andrea", "marlon", "sharon", "desmond", "karen", "omar"],
             minutes="The Planning Institute explained the role of thematic working groups "
             "in monitoring Vision 2030. Members agreed that the group monitors outcomes, "
             "not agencies, and that community voices must reach it through existing parish "
             "structures rather than new ones.",
             follow_ups="Draft terms of reference - Marlon Reid - one month\nPropose "
             "indicators from the MTF - Andrea Campbell - two months"),
        dict(phase="running", days_ago=800, purpose="MTF revision consultation",
             location="Kingston", orgs=["pioj", "sdc", "stcmc", "cvss", "psoj", "uwi", "jcc",
                                        "stc_pdc", "undp"],
             people=["andrea", "marlon", "sharon", "desmond", "karen", "omar", "natalie",
                     "garth", "lloyd", "kimberley"],
             minutes="Consultation on social protection priorities for the next "
             "Medium-Term Socio-Economic Policy Framework. Submissions from the St. "
             "Catherine Parish Development Committee asked for social protection offices "
             "closer to rural communities; the private sector asked for one registry of "
             "beneficiaries. Both carried into the draft MTF.",
             follow_ups="Feed back to parish development committees how their submissions "
             "were used - Sharon Lewis - six weeks\nShare the draft MTF chapter - Andrea "
             "Campbell - two months"),
        dict(phase="sustaining", days_ago=45, purpose="Quarterly meeting with parish "
             "feedback", location="Spanish Town",
             orgs=["pioj", "sdc", "stcmc", "cvss", "uwi", "jcc", "stc_pdc", "linstead_cdc"],
             people=["andrea", "marlon", "sharon", "desmond", "karen", "natalie", "garth",
                     "lloyd", "paulette"],
             minutes="The Linstead Community Development Committee raised, through the "
             "parish development committee, that elderly residents cannot reach the "
             "social protection office. The Municipal Corporation and the Social "
             "Development Commission will pilot monthly outreach days. UWI presented "
             "indicator trends for the MTF period.",
             follow_ups="Outreach day pilot in Linstead - Desmond Clarke - next month\n"
             "Report back to the Linstead committee - Sharon Lewis - six weeks\nLearning "
             "note for other parishes - Marlon Reid - next quarter"),
    ],
)

PARTNER_OF_CHOICE = dict(
    creator="admin", manager="admin", worker="admin", lead="wvmw", path="generic", start=200,
    fields=dict(
        title="Partner of Choice: working with and through local partners in the Lower Shire",
        problem_statement="World Vision Malawi's programmes for child well-being in the Lower "
        "Shire have mostly been delivered directly. Local organisations, churches, savings "
        "groups and district government know the communities better and stay after "
        "programmes end, but they are seldom partners in design or decisions, and partnering "
        "data is not analysed to show what changes for children.",
        scope="Following the Partner of Choice survey and summit: co-design with local "
        "partners how programmes in Chikwawa and Nsanje are planned, resourced and reviewed; "
        "the Partner Review Committee oversees; relationship managers analyse partnering "
        "data for changes over time and impact on child well-being.",
        countries=["MW"], geography="Chikwawa and Nsanje districts, Lower Shire",
        sdg_codes=["1.3", "2.1", "4.2", "16.2", "17.17"],
        formality="formal", funding="funded", duration="long", stakeholder_mix="multi",
        level="cooperation", visibility="private"),
    lead_reps=[("chisomo", True), ("grace", False)],
    brokers=[("chisomo", "internal", "Partnerships and Capacity Building lead within "
              "Operations")],
    members=[
        dict(org="mgcdsw", role="core", iati="2", phase="exploration", joined=190,
             reps=[("mphatso", False)]),
        dict(org="mcc", role="core", iati="4", phase="exploration", joined=185,
             reps=[("patrick", True)]),
        dict(org="tikondane", role="core", iati="4", phase="exploration", joined=185,
             reps=[("esther", True)]),
        dict(org="nsanje_vsl", role="associate", iati="4", phase="exploration", joined=170,
             reps=[("tamara", True)]),
        dict(org="shire_agro", role="associate", iati="", phase="building", joined=60,
             reps=[("james", False)]),
    ],
    custom_items=[
        dict(phase="building", text="Partner Review Committee approves each local "
             "partner's capacity-building plan"),
    ],
    phases=[
        dict(phase="exploration", moved=120, ticks={
            "areas of conflict": ("open", ""),
            "motivations and interests": ("done", "Partners' view from the Partner of "
                                          "Choice survey: World Vision decides first and "
                                          "consults after."),
        }, reason="The Partner of Choice summit agreed to go ahead with local partners; the "
           "areas of conflict will be named at the co-design workshop."),
        dict(phase="building", ticks={
            "common and individual goals": ("done", "Each partner's own goals listed next "
                                            "to the common ones."),
            "resources each partner": ("done", "Tikondane and the savings federation bring "
                                       "volunteers and local savings; World Vision funding "
                                       "and training; the district its officers."),
            "mandate to decide": ("open", "The district officer needs the District "
                                  "Commissioner's approval; to be settled in the "
                                  "governance design."),
        }),
    ],
    meetings=[
        dict(phase="exploration", days_ago=150, purpose="Partner of Choice summit",
             location="Blantyre", orgs=["wvmw", "mgcdsw", "mcc", "tikondane"],
             people=["chisomo", "grace", "mphatso", "patrick", "esther"],
             minutes="The reflective get-together of World Vision Malawi's functional leaders "
             "and managers, with partners invited for the first time. Survey results showed "
             "the gap between how World Vision sees itself and how partners see it: partners "
             "rate transparency about money and decisions lowest. Action plan: partners in "
             "design from the start, a Partner Review Committee, relationship managers "
             "enrolled in the Partnering2030 course.",
             follow_ups="Invite the Nsanje savings federation - Grace Phiri - two weeks\n"
             "Set up the Partner Review Committee - Chisomo Banda - two months\nEnrol area "
             "managers in Partnering2030 - Chisomo Banda - next intake"),
        dict(phase="building", days_ago=30, purpose="Co-design workshop with local partners",
             location="Chikwawa", orgs=["wvmw", "mgcdsw", "mcc", "tikondane", "nsanje_vsl",
                                        "shire_agro"],
             people=["chisomo", "grace", "mphatso", "patrick", "esther", "tamara", "james"],
             minutes="Partners wrote their own goals next to the common ones. Tikondane "
             "wants multi-year funding rather than activity grants; the savings federation "
             "wants women's groups to decide on the use of community funds; Shire Valley "
             "Agro-Processors offers offtake contracts for pigeon pea from mothers' groups. "
             "Governance not yet agreed: the district officer cannot commit without the "
             "District Commissioner.",
             follow_ups="Draft governance options - Chisomo Banda - three weeks\nMeet the "
             "District Commissioner - Mphatso Mwale - one month\nSet KPIs with partners, "
             "including child well-being outcomes - Grace Phiri - next workshop"),
    ],
)

KHAYELITSHA = dict(
    creator="admin", manager="admin", worker="admin", lead="cct", path="generic", start=45,
    fields=dict(
        title="Site C water and sanitation community partnership committee",
        problem_statement="Draft, not yet agreed. Two framings are on the table: the City "
        "frames the problem as vandalism and illegal connections that shorten the life of "
        "shared taps and toilets; residents frame it as too few, unsafe and badly maintained "
        "facilities, far from homes and dangerous to reach at night. The committee will agree "
        "one statement before any solution is discussed.",
        scope="Form a community partnership committee that reflects the diversity of Site C "
        "(residents, women's and youth groups, the City, researchers, service providers) to "
        "agree the problem, identify prospective partners and shape the partnership. "
        "Localisation is key: community structures lead.",
        countries=["ZA"], geography="Site C, Khayelitsha, Cape Town",
        sdg_codes=["6.1", "6.2", "6.b", "11.1", "5.2"],
        formality="informal", funding="unfunded", duration="short", stakeholder_mix="multi",
        level="communication", visibility="private"),
    lead_reps=[("nomvula", True)],
    brokers=[("zanele", "internal", "Community partnership facilitator from the residents' "
              "committee")],
    members=[
        dict(org="sitec", role="core", iati="", phase="exploration", joined=40,
             reps=[("zanele", True)]),
        dict(org="uct", role="associate", iati="", phase="exploration", joined=30,
             reps=[("kevin", False)]),
        dict(org="ubuntu_water", role="associate", iati="", phase="exploration", joined=25,
             reps=[("lindiwe", False)]),
        dict(org="csps", role="observer", iati="", phase="exploration", joined=25,
             reps=[("bongani", False)]),
    ],
    custom_items=[
        dict(phase="exploration", text="Invite women's and youth groups so the committee "
             "reflects the diversity of the community"),
    ],
    phases=[
        dict(phase="exploration", ticks={
            "clarify the idea": ("done", "Listening session with residents and the City."),
            "problem statement": ("open", "Two framings on the table; a residents' "
                                  "walk-through of the facilities comes first."),
            "map stakeholders": ("done", "First map by the residents' committee and UCT."),
        }),
    ],
    meetings=[
        dict(phase="exploration", days_ago=20, purpose="First listening session",
             location="Site C community hall, Khayelitsha",
             orgs=["cct", "sitec", "uct", "ubuntu_water", "csps"],
             people=["nomvula", "zanele", "kevin", "lindiwe", "bongani"],
             minutes="Residents described queues at shared taps, toilets locked or broken "
             "for weeks, and women avoiding toilets after dark. The City described repeated "
             "damage and illegal connections. Zanele Mthembu asked everyone to hold back "
             "solutions until the problem is agreed. The Civilian Secretariat for Police "
             "Service offered its guide to community partnerships and a link to the local "
             "community safety forum.",
             follow_ups="Residents' walk-through of all facilities with City staff - Zanele "
             "Mthembu - two weeks\nMap taps, toilets and lighting - Kevin Adams - three "
             "weeks\nInvite the women's and youth groups - Zanele Mthembu - next meeting"),
    ],
)

UNA_SANA = dict(
    creator="lead", manager="lead", worker="lead", lead="wvbih", path="innovation",
    start=1200, end=560,
    fields=dict(
        title="Una-Sana child-friendly spaces coordination",
        problem_statement="Refugees and migrants, among them many unaccompanied children, "
        "arrived in Una-Sana Canton with no child-friendly spaces, no guardianship capacity "
        "and no shared way to refer children at risk.",
        scope="Short-term coordination of child-friendly spaces, psychosocial support and "
        "referral to the Centre for Social Work in and around the temporary reception "
        "centres in Bihać and Velika Kladuša.",
        countries=["BA"], geography="Bihać and Velika Kladuša, Una-Sana Canton",
        sdg_codes=["16.2", "10.7", "3.4"],
        formality="informal", funding="funded", duration="short", stakeholder_mix="multi",
        level="coordination", visibility="public"),
    lead_reps=[("emir", True)],
    brokers=[("selma", "internal", "World Vision's partnering adviser")],
    members=[
        dict(org="unicef", role="core", iati="1", phase="lead_scope", joined=1195,
             reps=[("marta", True)]),
        dict(org="csw_bihac", role="core", iati="2", phase="solicit", joined=1180,
             reps=[("dragan", True)]),
        dict(org="legal_aid", role="core", iati="4", phase="solicit", joined=1175,
             reps=[("lana", True)]),
    ],
    phases=[
        dict(phase="lead_scope", moved=1190, ticks={}, reason="World Vision leads; scope "
             "limited to child-friendly spaces and referral."),
        dict(phase="solicit", moved=1170, ticks={}, reason="Centre for Social Work and legal "
             "aid joined; first coordination meeting held."),
        dict(phase="pause", moved=1150, ticks={}, reason="Agencies on the ground settled; "
             "ready to agree."),
        dict(phase="agreement", moved=1140, ticks={
            "formal agreement": ("done", "Memorandum of understanding signed by the four "
                                 "partners."),
        }, reason="Memorandum of understanding signed; each commitment has an owner."),
        dict(phase="execute", moved=700, ticks={}, reason="Eight child-friendly spaces "
             "running and a referral route used by all partners; time to decide what lasts."),
        dict(phase="scale", ticks={
            "review results": ("done", "1,900 children used the spaces; 640 referred to "
                               "the Centre for Social Work."),
            "broaden the partnership": ("not_applicable", "Broadened instead through the "
                                        "longer-term Safe Childhoods partnership."),
            "share the model": ("done", "Referral route written up with the Centre for "
                                "Social Work."),
        }),
    ],
    close=dict(outcome="moved_on", days_ago=560,
               reason="Moved on: the referral route is now a standing procedure of the Centre "
               "for Social Work Bihać, and the partners carried the work into the longer-term "
               "Safe Childhoods partnership."),
    meetings=[
        dict(phase="solicit", days_ago=1172, purpose="First coordination meeting",
             location="Bihać", orgs=["wvbih", "unicef", "csw_bihac", "legal_aid"],
             people=["emir", "selma", "marta", "dragan", "lana"],
             minutes="Agencies mapped where children are and who can run spaces. The Centre "
             "for Social Work can only appoint guardians it has staff for; legal aid offered "
             "trained volunteers to accompany guardians.",
             follow_ups="Map of reception centres and spaces - Selma Mujić - one week\n"
             "Draft referral route - Dragan Petrović - two weeks"),
        dict(phase="scale", days_ago=580, purpose="Closing review: what lasts and who holds "
             "it", location="Bihać", orgs=["wvbih", "unicef", "csw_bihac", "legal_aid"],
             people=["emir", "selma", "marta", "dragan", "lana"],
             minutes="Partners agreed the coordination had done its job. The referral route "
             "becomes the Centre for Social Work's standing procedure; the wider child "
             "protection work continues in a new, longer-term partnership with the ministry "
             "and Roma organisations.",
             follow_ups="Hand over the referral route - Dragan Petrović - one month\nInvite "
             "partners to the Safe Childhoods dialogue - Emir Delić - one month"),
    ],
)

PARTNERSHIPS = (CONNECTIVITY, SAFE_CHILDHOODS, VISION_2030, PARTNER_OF_CHOICE, KHAYELITSHA,
                UNA_SANA)


# Who proposes, decides, carries the work and speaks (the power balance). Positions: stance,
# or "=option" for a vote among options. Actions: (title, owner organisation, owner person,
# created days ago, due in days (negative: overdue), status). Speaking turns per meeting
# purpose, counted from the minutes.
# Six of the eight voting members take part: the quorum of the agreed rule is 67%.
_SC_MANDATED = ("wvbih", "csw_bihac", "romano_drom", "legal_aid", "irc_bih", "unicef")
POWER_DEMO = (
    dict(
        title=SAFE_CHILDHOODS["fields"]["title"], manager="broker",
        proposals=[
            dict(by="wvbih", days_ago=385, title="Adopt the joint referral protocol for "
                 "unaccompanied children",
                 text="All partners refer unaccompanied and separated children to the Centre "
                 "for Social Work Bihać within 48 hours, using one referral form.",
                 positions={key: "agree" for key in _SC_MANDATED}),
            dict(by="wvbih", days_ago=340, title="Fund two more guardians in Bihać from the "
                 "joint budget",
                 text="World Vision's programme funding pays two additional guardians at the "
                 "Centre for Social Work for 18 months.",
                 positions={key: "agree" for key in _SC_MANDATED}),
            dict(by="wvbih", days_ago=300, title="Host the shared case-management database "
                 "at World Vision",
                 text="One database of children referred, hosted and administered by World "
                 "Vision, open to every partner.",
                 positions={"wvbih": "agree", "csw_bihac": "agree", "legal_aid": "agree",
                            "romano_drom": "disagree", "irc_bih": "abstain",
                            "unicef": "abstain"},
                 reasons={"romano_drom": "Roma families will not share their children's data "
                          "with a database held by one organisation; it should sit with the "
                          "Centre for Social Work under the law on personal data."}),
            dict(by="csw_bihac", days_ago=260, title="Appoint a guardian within 14 days of "
                 "identification",
                 text="The Centre for Social Work commits to appoint a guardian within 14 "
                 "days for every unaccompanied child referred under the protocol.",
                 positions={key: "agree" for key in _SC_MANDATED}),
            dict(by="wvbih", days_ago=220, title="Monthly partner bulletin in Bosnian and "
                 "Romani", text="World Vision edits a monthly bulletin on referrals and "
                 "results; Romano Drom translates it into Romani.",
                 positions={key: "agree" for key in _SC_MANDATED}),
            dict(by="wvbih", days_ago=170, title="Extend child-friendly spaces to Velika "
                 "Kladuša", text="Two more child-friendly spaces, run by World Vision with "
                 "the Centre for Social Work's outreach team.",
                 positions={"wvbih": "agree", "csw_bihac": "agree", "legal_aid": "agree",
                            "romano_drom": "abstain", "irc_bih": "agree", "unicef": "agree"}),
            dict(by="wvbih", days_ago=130, title="Pilot canton for birth-registration fee "
                 "waivers", kind="options", rule="simple_majority",
                 options=["Una-Sana Canton", "Tuzla Canton"],
                 text="Where to pilot waivers of late birth-registration fees first.",
                 positions={"wvbih": "=Una-Sana Canton", "csw_bihac": "=Una-Sana Canton",
                            "legal_aid": "=Una-Sana Canton", "romano_drom": "=Tuzla Canton",
                            "irc_bih": "=Tuzla Canton", "unicef": "=Una-Sana Canton"}),
            dict(by="romano_drom", days_ago=95, title="Recognise Roma mediators in the "
                 "referral protocol",
                 text="Roma mediators accompany Roma families at every step of a referral "
                 "and are named in the protocol.",
                 positions={key: "agree" for key in _SC_MANDATED}),
            dict(by="wvbih", days_ago=55, title="A rotating chair and papers a week ahead",
                 text="After the health check: the steering group's chair rotates among the "
                 "partners, and papers go out a week before each meeting.",
                 positions={key: "agree" for key in _SC_MANDATED}),
        ],
        actions=[
            ("Draft the referral protocol", "csw_bihac", "dragan", 400, -370, "done"),
            ("Train social workers on the referral protocol", "csw_bihac", "dragan", 380,
             -320, "done"),
            ("Appoint guardians within 14 days for every referred child", "csw_bihac",
             "dragan", 255, 60, "in_progress"),
            ("Monthly case conference with the Roma mediators", "csw_bihac", "dragan", 90,
             30, "open"),
            ("Fee waiver request to the cantonal ministry", "legal_aid", "lana", 295, -240,
             "done"),
            ("Legal information sessions in the reception centres", "legal_aid", "lana", 200,
             -20, "in_progress"),
            ("Legal support for 40 families registering births late", "legal_aid", "lana",
             125, 45, "open"),
            ("Roma mediators accompany families to the Centre for Social Work",
             "romano_drom", "senada", 90, 120, "in_progress"),
            ("School enrolment drive in Tuzla's Roma settlements", "romano_drom", "senada",
             150, -10, "open"),
            ("Translate the partner bulletin into Romani", "romano_drom", "senada", 215, 10,
             "in_progress"),
            ("Baseline for the five KPIs", "fpn", "jasmina", 415, -370, "done"),
            ("Review the ministry's answer time", "mhrr", "amra", 58, 30, "open"),
            ("Circulate papers a week before every steering meeting", "wvbih", "selma", 55,
             90, "in_progress"),
        ],
        speaking={
            "First structured dialogue": {"wvbih": 14, "mhrr": 5, "csw_bihac": 6,
                                          "romano_drom": 1, "legal_aid": 4, "unicef": 3},
            "Partnering agreement workshop": {"wvbih": 16, "mhrr": 4, "csw_bihac": 7,
                                              "romano_drom": 2, "legal_aid": 5, "unicef": 4,
                                              "irc_bih": 3, "fpn": 3},
            "Quarterly steering meeting": {"wvbih": 12, "mhrr": 3, "csw_bihac": 8,
                                           "romano_drom": 0, "legal_aid": 5, "unicef": 2},
            "Annual partnership health check and reflection": {
                "wvbih": 10, "mhrr": 4, "csw_bihac": 5, "romano_drom": 3, "legal_aid": 4,
                "unicef": 2, "irc_bih": 3, "fpn": 2},
        },
    ),
    dict(
        title=VISION_2030["fields"]["title"], manager="admin",
        proposals=[
            dict(by="pioj", days_ago=690, title="Indicators for the social protection "
                 "outcomes of the MTF", text="Twelve indicators from the MTF results "
                 "framework, reported each quarter.",
                 positions={key: "agree" for key in ("pioj", "sdc", "stcmc", "cvss", "jcc",
                                                     "stc_pdc")}),
            dict(by="stc_pdc", days_ago=600, title="Parish feedback as a standing item of "
                 "every quarterly meeting", text="The parish development committees report "
                 "community groups' issues first at each meeting.",
                 positions={key: "agree" for key in ("pioj", "sdc", "stcmc", "cvss", "jcc",
                                                     "stc_pdc")}),
            dict(by="cvss", days_ago=520, title="Chair rotates among the sectors each year",
                 text="Government, private sector, civil society and faith-based members "
                 "chair in turn.",
                 positions={key: "agree" for key in ("pioj", "sdc", "stcmc", "cvss", "jcc",
                                                     "stc_pdc")}),
            dict(by="psoj", days_ago=430, title="One registry of social protection "
                 "beneficiaries", text="Ask the MTF revision for a single beneficiary "
                 "registry shared by the agencies.",
                 positions={"pioj": "agree", "sdc": "agree", "stcmc": "agree", "cvss": "agree",
                            "jcc": "abstain", "stc_pdc": "agree"}),
            dict(by="sdc", days_ago=330, title="Report back to community groups within six "
                 "weeks", text="Every submission from a parish gets an answer through the "
                 "Social Development Commission within six weeks.",
                 positions={key: "agree" for key in ("pioj", "sdc", "stcmc", "cvss", "jcc",
                                                     "stc_pdc")}),
            dict(by="jcc", days_ago=250, title="Church halls as outreach points for social "
                 "protection", text="Churches open their halls for monthly outreach days in "
                 "rural districts.",
                 positions={"pioj": "agree", "sdc": "agree", "stcmc": "disagree",
                            "cvss": "agree", "jcc": "agree", "stc_pdc": "agree"},
                 reasons={"stcmc": "Outreach must stay in public buildings open to all "
                          "faiths; we propose community centres instead."}),
            dict(by="uwi", days_ago=160, title="Annual trend report on the MTF indicators",
                 text="UWI analyses the indicator trends each year for the working group.",
                 positions={key: "agree" for key in ("pioj", "sdc", "stcmc", "cvss", "jcc",
                                                     "stc_pdc")}),
            dict(by="stcmc", days_ago=40, title="Pilot monthly outreach days in Linstead",
                 text="The Municipal Corporation and the Social Development Commission hold "
                 "an outreach day each month at the Linstead community centre.",
                 positions={key: "agree" for key in ("pioj", "sdc", "stcmc", "cvss", "jcc",
                                                     "stc_pdc")}),
            dict(by="pioj", days_ago=30, title="Learning note for the other parishes",
                 text="The secretariat writes up the St. Catherine feedback loop for the "
                 "other parishes.",
                 positions={key: "agree" for key in ("pioj", "sdc", "stcmc", "cvss", "jcc",
                                                     "stc_pdc")}),
        ],
        actions=[
            ("Quarterly indicator report", "pioj", "andrea", 680, 20, "in_progress"),
            ("Feed back to parish development committees how submissions were used", "sdc",
             "sharon", 790, -740, "done"),
            ("Outreach day pilot in Linstead", "stcmc", "desmond", 40, 25, "in_progress"),
            ("NGO survey on social protection gaps", "cvss", "karen", 300, -240, "done"),
            ("Voluntary sector submission to the MTF revision", "cvss", "karen", 810, -770,
             "done"),
            ("Employers' view on the beneficiary registry", "psoj", "omar", 425, -380, "done"),
            ("Indicator trend analysis for the MTF period", "uwi", "natalie", 155, -50, "done"),
            ("Outreach through church halls in two rural districts", "jcc", "garth", 245, -5,
             "in_progress"),
            ("Collect community groups' issues before each meeting", "stc_pdc", "lloyd", 590,
             15, "in_progress"),
            ("Terms of reference for the St. Catherine parish sub-group", "stc_pdc", "lloyd",
             120, -60, "done"),
        ],
        speaking={
            "Inception meeting of the thematic working group": {
                "pioj": 6, "sdc": 5, "stcmc": 4, "cvss": 5, "psoj": 4},
            "MTF revision consultation": {
                "pioj": 7, "sdc": 5, "stcmc": 4, "cvss": 5, "psoj": 4, "uwi": 3, "jcc": 3,
                "stc_pdc": 6, "undp": 2},
            "Quarterly meeting with parish feedback": {
                "pioj": 5, "sdc": 5, "stcmc": 4, "cvss": 3, "uwi": 4, "jcc": 3, "stc_pdc": 5,
                "linstead_cdc": 6},
        },
    ),
)


# --- Loading -----------------------------------------------------------------------------

def persona_usernames() -> list[str]:
    return [persona.username for persona in PERSONAS]


def is_loaded() -> bool:
    """The demo is loaded when every persona account exists."""
    users = get_user_model().objects.filter(username__in=persona_usernames())
    return users.count() == len(PERSONAS)


def taken_usernames() -> list[str]:
    return sorted(get_user_model().objects.filter(username__in=persona_usernames())
                  .values_list("username", flat=True))


def database_is_empty() -> bool:
    return not (Partnership.objects.exists() or get_user_model().objects.exists())


def accounts() -> list[Account]:
    """The persona accounts as they stand, with how many partnerships each can see."""
    users = {user.username: user for user in
             get_user_model().objects.filter(username__in=persona_usernames())}
    rows = []
    for persona in PERSONAS:
        user = users.get(persona.username)
        visible = Partnership.objects.visible_to(user).count() if user else 0
        rows.append(Account(persona.username, DEMO_PASSWORD, persona.role, persona.sees,
                            visible))
    return rows


def load_demo() -> list[Account]:
    """Load the demo unless it is there already; return the persona accounts."""
    if not is_loaded():
        with transaction.atomic():
            _Loader().load()
    return accounts()


def _email(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return ".".join(plain.lower().replace("'", "").split()) + "@example.org"


def _at(day) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=UTC)


class _Loader:
    def __init__(self):
        self.today = timezone.localdate()
        self.users = {}
        self.orgs = {}
        self.people = {}

    def ago(self, days: int):
        return self.today - timedelta(days=days)

    def load(self) -> None:
        taken = taken_usernames()
        if taken:
            raise ValueError("These demo usernames are already taken: " + ", ".join(taken))
        self._accounts()
        admin = self.users["admin"]
        for key, fields in ORGANISATIONS.items():
            self.orgs[key] = self._organisation(admin, fields)
        persona_of = {persona.person: persona.username for persona in PERSONAS if persona.person}
        for key, (name, org, job, role, skills, org_admin) in PEOPLE.items():
            user = self.users.get(persona_of.get(key, ""))
            self.people[key] = registry.create_person(
                admin, name=name, email=user.email if user else _email(name),
                organisation=self.orgs[org], job_title=job, partnering_role=role,
                skills=skills, is_organisation_admin=org_admin, user=user)
        for spec in PARTNERSHIPS:
            self._partnership(spec)
        self._agreements()
        self._power_balance()
        demo_decisions.load(self)
        self._discovery()
        self._monitoring()
        self._deliverable_indicators()
        self._assessments()
        iati_demo.load(self)
        self._health()

    def _health(self) -> None:
        """Today's health index of every active partnership, for the portfolio (as the daily
        `partnering record-health` keeps it)."""
        from partnering.monitoring.health import record_all_health

        record_all_health(self.today)

    def _assessments(self) -> None:
        """Health checks of Safe Childhoods and WV Malawi's fit-for-partnering survey
        (assessments/demo.py)."""
        from partnering.assessments.demo import load_assessments

        load_assessments(self)

    def _monitoring(self) -> None:
        """Indicators, values, progress reports and risks (monitoring/demo.py)."""
        from partnering.monitoring.demo import load_monitoring

        load_monitoring(self)

    def _deliverable_indicators(self) -> None:
        """Indicators linked to the agreements' deliverables, once both are loaded
        (agreements/demo.py)."""
        from partnering.agreements.demo import link_indicators

        link_indicators(self)

    def _discovery(self) -> None:
        """Stakeholder map, needs and gaps, and an open call (discovery/demo.py)."""
        from partnering.discovery.demo import load_discovery

        load_discovery(self)

    def _agreements(self) -> None:
        """Agreed, draft and partly signed partnering agreements (agreements/demo.py)."""
        from partnering.agreements.demo import load_agreements

        load_agreements(self)

    def _accounts(self) -> None:
        users = get_user_model().objects
        hashed = make_password(DEMO_PASSWORD)  # once: hashing is deliberately slow
        for persona in PERSONAS:
            make = users.create_superuser if persona.username == "admin" else users.create_user
            user = make(username=persona.username, password=None,
                        email=f"{persona.username}@demo.partnering.example.org",
                        first_name=persona.first_name, last_name=persona.last_name)
            user.password = hashed
            user.save(update_fields=["password"])
            self.users[persona.username] = user

    def _organisation(self, admin, fields: dict) -> Organisation:
        # Reuse an organisation already in the registry rather than duplicate it.
        existing = Organisation.objects.none()
        if fields.get("identifier"):
            existing = Organisation.objects.filter(identifier__iexact=fields["identifier"])
        if not existing.exists():
            existing = Organisation.objects.filter(name__iexact=fields["name"])
        return existing.first() or registry.create_organisation(admin, **fields)

    def _partnership(self, spec: dict) -> Partnership:
        creator = self.users[spec["creator"]]
        manager = self.users[spec["manager"]]
        worker = self.users[spec["worker"]]
        end = spec.get("end")
        p = partnerships.create_partnership(
            creator, lead_organisation=self.orgs[spec["lead"]], path=spec["path"],
            start_date=self.ago(spec["start"]),
            end_date=self.ago(end) if end is not None else None, **spec["fields"])
        lead = p.memberships.get(role=MemberRole.LEAD)
        partnerships.update_member(creator, lead, joined=self.ago(spec["start"]))
        for key, mandate in spec.get("lead_reps", []):
            person = self.people[key]
            if not lead.representatives.filter(person=person).exists():
                partnerships.add_representative(creator, lead, person=person,
                                                has_mandate=mandate)
        for key, kind, note in spec.get("brokers", []):
            partnerships.add_broker(creator, p, person=self.people[key], kind=kind, note=note)
        for item in spec.get("custom_items", []):
            partnerships.add_checklist_item(worker, p, phase=item["phase"], text=item["text"])

        for step in spec["phases"]:
            phase = step["phase"]
            for member in spec.get("members", []):
                if member["phase"] == phase:
                    self._member(manager, p, member)
            for meeting in spec.get("meetings", []):
                if meeting["phase"] == phase:
                    self._meeting(worker, p, meeting)
            for leave in spec.get("leaves", []):
                if leave["phase"] == phase:
                    membership = p.memberships.get(organisation=self.orgs[leave["org"]])
                    partnerships.remove_member(manager, membership, reason=leave["reason"])
            passed = "moved" in step
            self._tick(worker, p, phase, step.get("ticks", {}), passed=passed)
            if passed:
                next_phase = p.lifecycle_path.next_phase(phase)
                transition = partnerships.move_to_phase(
                    manager, p, to_phase=next_phase.code, reason=step["reason"],
                    confirm_open_items=True)
                self._backdate(p, transition, phase, self.ago(step["moved"]))
                p.refresh_from_db()
        close = spec.get("close")
        if close:
            transition = partnerships.close_partnership(
                manager, p, outcome=close["outcome"], reason=close["reason"])
            when = _at(self.ago(close["days_ago"]))
            PhaseTransition.objects.filter(pk=transition.pk).update(created=when)
            Partnership.objects.filter(pk=p.pk).update(status_changed=when)
        return p

    def _member(self, manager, p: Partnership, member: dict) -> None:
        membership = partnerships.add_member(
            manager, p, organisation=self.orgs[member["org"]], role=member["role"],
            iati_role=member["iati"], joined=self.ago(member["joined"]))
        for key, mandate in member.get("reps", []):
            partnerships.add_representative(manager, membership, person=self.people[key],
                                            has_mandate=mandate)

    def _meeting(self, worker, p: Partnership, meeting: dict) -> None:
        partnerships.record_meeting(
            worker, p, date=self.ago(meeting["days_ago"]), purpose=meeting["purpose"],
            location=meeting["location"],
            organisations=[self.orgs[key] for key in meeting["orgs"]],
            attendees=[self.people[key] for key in meeting["people"]],
            minutes=meeting["minutes"], follow_ups=meeting["follow_ups"])

    def _tick(self, worker, p: Partnership, phase: str, ticks: dict, *, passed: bool) -> None:
        """Passed phases: every item done unless told otherwise. The current phase: only
        the items named."""
        for item in p.checklist.filter(phase=phase).order_by("position", "id"):
            tick = next((value for fragment, value in ticks.items()
                         if fragment.lower() in item.text.lower()), None)
            if tick is None:
                if not passed:
                    continue
                tick = (ItemStatus.DONE, "")
            status, note, *who = tick
            if status == ItemStatus.OPEN and not note:
                continue
            actor = self.users[who[0]] if who else worker
            partnerships.update_checklist_item(actor, item, status=status, note=note)

    def _backdate(self, p: Partnership, transition, phase: str, day) -> None:
        # The services stamp "now"; the demo's history happened over months and years.
        PhaseTransition.objects.filter(pk=transition.pk).update(created=_at(day))
        ChecklistItem.objects.filter(partnership=p, phase=phase).exclude(
            status=ItemStatus.OPEN).update(updated=_at(day - timedelta(days=1)))

    # --- Power balance: who proposes, decides, carries the work and speaks ----------------

    def _power_balance(self) -> None:
        """Safe Childhoods shows the imbalance its health check found (World Vision tables
        most proposals and owns few of the actions; Romano Drom attends but is seldom heard);
        the Jamaica working group, whose chair rotates among sectors, a balanced picture.
        Records another part of the demo already made (same title) are not made again."""
        for spec in POWER_DEMO:
            p = Partnership.objects.get(title=spec["title"])
            manager = self.users[spec["manager"]]
            for item in spec["proposals"]:
                if not p.proposals.filter(title=item["title"]).exists():
                    self._power_proposal(manager, p, item)
            for title, org, person, days_ago, due_in, status in spec["actions"]:
                if not p.actions.filter(title=title).exists():
                    action = governance.create_action(
                        manager, p, title=title, owner_organisation=self.orgs[org],
                        owner_person=self.people[person], due_date=self.ago(-due_in),
                        status=status)
                    Action.objects.filter(pk=action.pk).update(created=_at(self.ago(days_ago)))
            for meeting in p.meetings.filter(speaking_turns={}):
                turns = spec["speaking"].get(meeting.purpose)
                if turns:
                    partnerships.update_meeting(manager, meeting, speaking_turns={
                        str(self.orgs[key].pk): count for key, count in turns.items()})

    def _power_proposal(self, manager, p: Partnership, item: dict) -> None:
        tabled = self.ago(item["days_ago"])
        proposal = governance.create_proposal(
            manager, p, title=item["title"], text=item["text"],
            proposed_by_organisation=self.orgs[item["by"]],
            closes_at=timezone.now() + timedelta(
                days=governance.rule_in_force(p).notice_days),
            kind=item.get("kind", "motion"), options=item.get("options", ()))
        demo_decisions.chosen_before(proposal, manager, item)
        Proposal.objects.filter(pk=proposal.pk).update(
            created=_at(tabled), closes_at=_at(tabled + timedelta(days=10)))
        proposal.refresh_from_db()
        # Positions are taken from the minutes of the steering meetings: most of the
        # representatives have no account here, so they are recorded for them.
        for key, said in item["positions"].items():
            org = self.orgs[key]
            rep = Representative.objects.filter(
                membership__partnership=p, membership__organisation=org, has_mandate=True,
            ).order_by("pk").first()
            option = said[1:] if said.startswith("=") else ""
            position = Position.objects.create(
                proposal=proposal, organisation=org, stance="" if option else said,
                option=option, reason=item.get("reasons", {}).get(key, ""), person=rep.person)
            record(manager, "create", position, partnership_id=p.pk,
                   summary=f"{org}: {option or said} on “{proposal.title}” (from the minutes)")
        decision = governance.close_proposal(manager, proposal)
        Decision.objects.filter(pk=decision.pk).update(
            decided_at=_at(tabled + timedelta(days=10)))
