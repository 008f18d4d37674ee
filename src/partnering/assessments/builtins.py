"""The three built-in instruments, written from the practitioner texts (Unite to Ignite, A Guide
to Strategic Partnering),
in English, French and Spanish. `load_builtins()` is idempotent: it creates what is missing
and leaves instruments an admin has edited alone."""

from django.db import transaction


def t(en: str, fr: str, es: str) -> dict:
    return {"en": en, "fr": fr, "es": es}


# A Guide to Strategic Partnering ("markers of success and failure") and 8 Actions: what
# makes a partnership work.
HEALTH_DIMENSIONS = [
    ("purpose", t("Shared purpose, the problem at the centre",
                  "Objectif commun, le problème au centre",
                  "Propósito compartido, el problema en el centro")),
    ("trust", t("Trust and openness", "Confiance et ouverture", "Confianza y apertura")),
    ("communication", t("Communication", "Communication", "Comunicación")),
    ("equity", t("Equity and power balance", "Équité et équilibre des pouvoirs",
                 "Equidad y equilibrio de poder")),
    ("benefit", t("Mutual benefit (win-win)", "Bénéfice mutuel (gagnant-gagnant)",
                  "Beneficio mutuo (ganar-ganar)")),
    ("governance", t("Governance and decision making", "Gouvernance et prise de décision",
                     "Gobernanza y toma de decisiones")),
    ("accountability", t("Shared accountability", "Responsabilité partagée",
                         "Responsabilidad compartida")),
    ("resources", t("Resources and efficiency", "Ressources et efficience",
                    "Recursos y eficiencia")),
    ("learning", t("Learning and adaptation", "Apprentissage et adaptation",
                   "Aprendizaje y adaptación")),
]

# (code, dimension, reverse_scored, label). Reverse-scored items are the Guide's failure
# markers: agreeing with them is bad news.
HEALTH_ITEMS = [
    ("purpose_problem", "purpose", False, t(
        "The partnership keeps the shared problem, not any one partner's agenda, at the centre.",
        "Le partenariat garde au centre le problème commun, et non l'agenda d'un partenaire.",
        "La alianza mantiene en el centro el problema común, no la agenda de un socio.")),
    ("purpose_objectives", "purpose", False, t(
        "Every partner understands and accepts the partnership's objectives.",
        "Chaque partenaire comprend et accepte les objectifs du partenariat.",
        "Cada socio entiende y acepta los objetivos de la alianza.")),
    ("fail_competing_agendas", "purpose", True, t(
        "Competing agendas get in the way of our joint work.",
        "Des agendas concurrents entravent notre travail commun.",
        "Agendas en competencia obstaculizan nuestro trabajo conjunto.")),
    ("fail_misaligned", "purpose", True, t(
        "Our objectives are misaligned.", "Nos objectifs ne sont pas alignés.",
        "Nuestros objetivos no están alineados.")),
    ("trust_open", "trust", False, t(
        "Partners are open with each other, including about difficulties.",
        "Les partenaires sont ouverts entre eux, y compris sur les difficultés.",
        "Los socios son abiertos entre sí, también sobre las dificultades.")),
    ("fail_trust", "trust", True, t(
        "There is a lack of trust between the partners.",
        "Il y a un manque de confiance entre les partenaires.",
        "Hay falta de confianza entre los socios.")),
    ("fail_values", "trust", True, t(
        "Our organisations' values do not match.",
        "Les valeurs de nos organisations ne concordent pas.",
        "Los valores de nuestras organizaciones no coinciden.")),
    ("comm_timely", "communication", False, t(
        "I get the information I need, in time and in a form I can use.",
        "Je reçois l'information dont j'ai besoin, à temps et sous une forme utilisable.",
        "Recibo la información que necesito, a tiempo y en una forma que puedo usar.")),
    ("fail_communication", "communication", True, t(
        "Communication between the partners is lacking.",
        "La communication entre les partenaires fait défaut.",
        "Falta comunicación entre los socios.")),
    ("equity_voice", "equity", False, t(
        "Every partner's contribution is valued, whatever its size or sector.",
        "La contribution de chaque partenaire est valorisée, quels que soient sa taille "
        "ou son secteur.",
        "Se valora la contribución de cada socio, sea cual sea su tamaño o sector.")),
    ("equity_influence", "equity", False, t(
        "Smaller partners have real influence on decisions.",
        "Les petits partenaires ont une réelle influence sur les décisions.",
        "Los socios más pequeños tienen influencia real en las decisiones.")),
    ("benefit_mine", "benefit", False, t(
        "My organisation gets what it needs from this partnership.",
        "Mon organisation obtient ce dont elle a besoin de ce partenariat.",
        "Mi organización obtiene lo que necesita de esta alianza.")),
    ("fail_win_lose", "benefit", True, t(
        "Some partners gain at the expense of others (win-lose).",
        "Certains partenaires gagnent aux dépens des autres (gagnant-perdant).",
        "Algunos socios ganan a costa de otros (ganar-perder).")),
    ("gov_transparent", "governance", False, t(
        "Decisions are made transparently, by people with a mandate to decide.",
        "Les décisions sont prises de manière transparente, par des personnes mandatées.",
        "Las decisiones se toman con transparencia, por personas con mandato para decidir.")),
    ("fail_governance", "governance", True, t(
        "The partnership lacks clear governance.",
        "Le partenariat manque d'une gouvernance claire.",
        "La alianza carece de una gobernanza clara.")),
    ("acc_commitments", "accountability", False, t(
        "Partners deliver what they committed to, and we hold each other to account.",
        "Les partenaires tiennent leurs engagements et nous nous en rendons compte mutuellement.",
        "Los socios cumplen sus compromisos y nos rendimos cuentas mutuamente.")),
    ("res_worth", "resources", False, t(
        "The time and money we put in are worth the results.",
        "Le temps et l'argent investis valent les résultats.",
        "El tiempo y el dinero invertidos valen los resultados.")),
    ("learn_adapt", "learning", False, t(
        "We review how we work together and change course when needed.",
        "Nous examinons notre façon de travailler ensemble et changeons de cap si nécessaire.",
        "Revisamos cómo trabajamos juntos y cambiamos de rumbo cuando hace falta.")),
]

FIT_DIMENSIONS = [
    ("strategy", t("Strategy and leadership", "Stratégie et leadership",
                   "Estrategia y liderazgo")),
    ("systems", t("Systems and processes", "Systèmes et processus", "Sistemas y procesos")),
    ("skills", t("Staff and skills", "Personnel et compétences", "Personal y habilidades")),
    ("culture", t("Culture", "Culture", "Cultura")),
    ("relationships", t("Partner relationships", "Relations avec les partenaires",
                        "Relaciones con los socios")),
]

# Worded about "the organisation" so its own staff and its partners answer the same items:
# the perception gap compares the two views item by item.
FIT_ITEMS = [
    ("strat_intent", "strategy", False, t(
        "The organisation has a clear strategic intent for partnering.",
        "L'organisation a une intention stratégique claire en matière de partenariat.",
        "La organización tiene una intención estratégica clara para las alianzas.")),
    ("strat_leaders", "strategy", False, t(
        "Its leaders champion working with and through partners.",
        "Ses dirigeants promeuvent le travail avec et à travers les partenaires.",
        "Sus líderes impulsan el trabajo con y a través de socios.")),
    ("sys_agreements", "systems", False, t(
        "Its agreements, grants and reporting are proportionate and easy for partners.",
        "Ses accords, subventions et rapports sont proportionnés et simples pour les "
        "partenaires.",
        "Sus acuerdos, subvenciones e informes son proporcionados y sencillos para los socios.")),
    ("sys_compliance", "systems", True, t(
        "Its procedures put compliance before the partnership's purpose.",
        "Ses procédures font passer la conformité avant l'objectif du partenariat.",
        "Sus procedimientos anteponen el cumplimiento al propósito de la alianza.")),
    ("skills_staff", "skills", False, t(
        "Its staff have the skills to broker and manage partnerships.",
        "Son personnel a les compétences pour faciliter et gérer des partenariats.",
        "Su personal tiene las habilidades para facilitar y gestionar alianzas.")),
    ("skills_relationship", "skills", False, t(
        "Relationship managers analyse partnering data to improve partnerships over time.",
        "Les gestionnaires de relations analysent les données de partenariat pour les "
        "améliorer.",
        "Los gestores de relaciones analizan los datos de las alianzas para mejorarlas.")),
    ("culture_listen", "culture", False, t(
        "The organisation listens to partners and acts on what they say.",
        "L'organisation écoute ses partenaires et agit en conséquence.",
        "La organización escucha a sus socios y actúa según lo que dicen.")),
    ("culture_control", "culture", True, t(
        "The organisation wants to be in control rather than share it.",
        "L'organisation veut garder le contrôle plutôt que le partager.",
        "La organización quiere tener el control en lugar de compartirlo.")),
    ("rel_equal", "relationships", False, t(
        "Partners are treated as equals, not as sub-contractors.",
        "Les partenaires sont traités en égaux, pas en sous-traitants.",
        "Los socios son tratados como iguales, no como subcontratistas.")),
    ("rel_choice", "relationships", False, t(
        "Partners would choose to work with this organisation again.",
        "Les partenaires choisiraient de retravailler avec cette organisation.",
        "Los socios elegirían volver a trabajar con esta organización.")),
]

# Unite to Ignite: the Partnership Officer's skill set and partner empathy ("what's in it for
# them").
COMPETENCIES = [
    ("communication", t("Communication", "Communication", "Comunicación")),
    ("strategic_planning", t("Strategic planning", "Planification stratégique",
                             "Planificación estratégica")),
    ("ideation", t("Ideation", "Idéation", "Ideación")),
    ("networking", t("Networking", "Réseautage", "Trabajo en red")),
    ("marketing", t("Marketing", "Marketing", "Marketing")),
    ("collaboration", t("Collaboration", "Collaboration", "Colaboración")),
    ("innovation", t("Innovation", "Innovation", "Innovación")),
    ("negotiation", t("Negotiation", "Négociation", "Negociación")),
    ("acquisition", t("Acquisition (securing partners and resources)",
                      "Acquisition (obtenir partenaires et ressources)",
                      "Adquisición (conseguir socios y recursos)")),
    ("programme_management", t("Programme management", "Gestion de programme",
                               "Gestión de programas")),
    ("partner_empathy", t("Partner empathy (what's in it for them)",
                          "Empathie envers le partenaire (qu'y gagne-t-il ?)",
                          "Empatía con el socio (¿qué gana él?)")),
]


def _instrument(key, kind, title, description):
    from partnering.assessments.models import Instrument

    instrument, created = Instrument.objects.get_or_create(
        key=key, defaults={"kind": kind, "title": title, "description": description,
                           "languages": ["en", "fr", "es"], "built_in": True})
    return instrument, created


def _add_dimensions(instrument, dimensions):
    from partnering.assessments.models import Dimension

    return {code: Dimension.objects.create(instrument=instrument, code=code, label=text,
                                           order=index)
            for index, (code, text) in enumerate(dimensions)}


def _add_section(instrument, code, title, order):
    from partnering.assessments.models import Section

    return Section.objects.create(instrument=instrument, code=code, title=title, order=order)


def _q(section, code, kind, text, order, **extra):
    from partnering.assessments.models import Question

    return Question.objects.create(instrument=section.instrument, section=section, code=code,
                                   kind=kind, label=text, order=order, **extra)


def _about_you(instrument, choices):
    section = _add_section(instrument, "about_you", t("About you", "À propos de vous",
                                                      "Sobre usted"), 0)
    _q(section, "role", "single", t("In this partnership you are ...",
                                    "Dans ce partenariat, vous êtes ...",
                                    "En esta alianza usted es ..."), 0, choices=choices)
    _q(section, "years", "number", t("For how many years have you been involved?",
                                     "Depuis combien d'années y participez-vous ?",
                                     "¿Desde hace cuántos años participa?"), 1,
       min_value=0, max_value=60)


def _scored(instrument, items, dimensions, section_title, free_text, start=1):
    section = _add_section(instrument, "items", section_title, start)
    for index, (code, dim, reverse, text) in enumerate(items):
        _q(section, code, "likert", text, index, dimension=dimensions[dim],
           reverse_scored=reverse)
    comments = _add_section(instrument, "comments",
                            t("In your own words", "Avec vos mots", "En sus palabras"),
                            start + 1)
    for index, (dim, text) in enumerate(free_text):
        _q(comments, f"say_{dim}", "text", text, index, dimension=dimensions[dim])
    return comments


def _load_health():
    """The partnership health check, unless it is there already."""
    health, created = _instrument(
        "partnership-health-check", "health_check",
        t("Partnership health check", "Bilan de santé du partenariat",
          "Chequeo de salud de la alianza"),
        t("An annual reflective check on how the partnership works, answered by every "
          "member organisation and facilitated by the broker.",
          "Un bilan réflexif annuel du fonctionnement du partenariat, rempli par chaque "
          "organisation membre et animé par le facilitateur.",
          "Una revisión reflexiva anual del funcionamiento de la alianza, respondida por cada "
          "organización miembro y facilitada por el intermediario."))
    if not created:
        return None
    dims = _add_dimensions(health, HEALTH_DIMENSIONS)
    _about_you(health, [
        {"value": "lead", "label": t("from the lead partner", "du partenaire chef de file",
                                     "del socio principal")},
        {"value": "member", "label": t("from another member", "d'un autre membre",
                                       "de otro miembro")},
        {"value": "broker", "label": t("the broker", "le facilitateur",
                                       "el intermediario")}])
    comments = _scored(health, HEALTH_ITEMS, dims, t(
        "How the partnership works", "Fonctionnement du partenariat",
        "Cómo funciona la alianza"), [
        ("trust", t("What would most improve trust between the partners?",
                    "Qu'est-ce qui améliorerait le plus la confiance entre partenaires ?",
                    "¿Qué mejoraría más la confianza entre los socios?")),
        ("equity", t("Where is power out of balance, and what would help?",
                     "Où le pouvoir est-il déséquilibré, et qu'est-ce qui aiderait ?",
                     "¿Dónde está desequilibrado el poder y qué ayudaría?")),
        ("learning", t("What should the partnership change next year?",
                       "Que devrait changer le partenariat l'an prochain ?",
                       "¿Qué debería cambiar la alianza el próximo año?"))])
    _health_closing(comments)
    return health


def _health_closing(comments) -> None:
    """The health check's last questions: stay or go, and what membership brought."""
    _q(comments, "continue", "single", t(
        "Should your organisation stay in the partnership?",
        "Votre organisation devrait-elle rester dans le partenariat ?",
        "¿Debería su organización seguir en la alianza?"), 10, choices=[
        {"value": "yes", "label": t("Yes", "Oui", "Sí")},
        {"value": "unsure", "label": t("Unsure", "Incertain", "No estoy seguro")},
        {"value": "no", "label": t("No", "Non", "No")}])
    _q(comments, "continue_why", "text", t(
        "What would it take for your organisation to stay?",
        "Que faudrait-il pour que votre organisation reste ?",
        "¿Qué haría falta para que su organización se quede?"), 11,
       show_if={"question": "continue", "in": ["unsure", "no"]})
    _q(comments, "benefits", "multiple", t(
        "What has your organisation gained? (choose all that apply)",
        "Qu'a gagné votre organisation ? (plusieurs choix possibles)",
        "¿Qué ha ganado su organización? (elija todas las que correspondan)"), 12,
       choices=[{"value": "reach", "label": t("Reach", "Portée", "Alcance")},
                {"value": "knowledge", "label": t("Knowledge", "Connaissances",
                                                  "Conocimiento")},
                {"value": "funding", "label": t("Funding", "Financement",
                                                "Financiación")},
                {"value": "legitimacy", "label": t("Legitimacy", "Légitimité",
                                                   "Legitimidad")}])


def _load_fit():
    """Fit for partnering, unless it is there already."""
    fit, created = _instrument(
        "fit-for-partnering", "fit_for_partnering",
        t("Fit for partnering", "Apte au partenariat", "Apta para las alianzas"),
        t("How fit is one organisation for partnering? Answered by its own staff and, "
          "crucially, by its partners: how others see us.",
          "Dans quelle mesure une organisation est-elle apte au partenariat ? Rempli par son "
          "personnel et, surtout, par ses partenaires : comment les autres nous voient.",
          "¿Qué tan apta es una organización para las alianzas? Respondido por su personal y, "
          "sobre todo, por sus socios: cómo nos ven los demás."))
    if not created:
        return None
    dims = _add_dimensions(fit, FIT_DIMENSIONS)
    _about_you(fit, [
        {"value": "staff", "label": t("a member of its staff", "membre de son personnel",
                                      "miembro de su personal")},
        {"value": "partner", "label": t("a partner", "un partenaire", "un socio")}])
    _scored(fit, FIT_ITEMS, dims, t("The organisation as a partner",
                                    "L'organisation en tant que partenaire",
                                    "La organización como socia"), [
        ("relationships", t("What is it like to partner with this organisation?",
                            "Comment est-ce de travailler en partenariat avec cette "
                            "organisation ?",
                            "¿Cómo es trabajar en alianza con esta organización?")),
        ("systems", t("Which of its processes get in the way?",
                      "Lesquels de ses processus font obstacle ?",
                      "¿Cuáles de sus procesos estorban?"))])
    return fit


def _load_competencies():
    """Partnering competencies, unless they are there already."""
    comp, created = _instrument(
        "partnering-competencies", "competencies",
        t("Partnering competencies", "Compétences en partenariat",
          "Competencias para las alianzas"),
        t("A self-assessment of a partnering professional's skill set, as a starting point "
          "for training, practice and mentorship.",
          "Une auto-évaluation des compétences d'un professionnel du partenariat, point de "
          "départ pour la formation, la pratique et le mentorat.",
          "Una autoevaluación de las habilidades de un profesional de las alianzas, punto de "
          "partida para la formación, la práctica y la mentoría."))
    if not created:
        return None
    dims = _add_dimensions(comp, COMPETENCIES)
    section = _add_section(comp, "skills", t("Your skills", "Vos compétences",
                                             "Sus habilidades"), 0)
    for index, (code, text) in enumerate(COMPETENCIES):
        _q(section, code, "likert", t(
            f"I am confident in: {text['en'].lower()}.",
            f"Je maîtrise : {text['fr'].lower()}.",
            f"Me siento competente en: {text['es'].lower()}."), index,
           dimension=dims[code])
    _q(section, "grow", "text", t("Which skill do you most want to grow, and how?",
                                  "Quelle compétence voulez-vous le plus développer, "
                                  "et comment ?",
                                  "¿Qué habilidad quiere desarrollar más y cómo?"), 20)
    return comp


@transaction.atomic
def load_builtins() -> list:
    """The built-in instruments not loaded yet; returns those it made."""
    made = (_load_health(), _load_fit(), _load_competencies())
    return [instrument for instrument in made if instrument is not None]
