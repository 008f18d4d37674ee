"""The three built-in instruments, written from the practitioner texts (Unite to Ignite, A Guide
to Strategic Partnering), in English, French, Spanish and Portuguese. `load_builtins()` is
idempotent: it creates what is missing, adds the languages shipped since to the texts an admin
has not reworded, and leaves the rest of an admin's edits alone."""

from django.db import transaction

from partnering.assessments.builtin_texts import (
    COMPETENCIES,
    FIT_DIMENSIONS,
    FIT_ITEMS,
    HEALTH_DIMENSIONS,
    HEALTH_ITEMS,
    LANGUAGES,
    t,
)


def _instrument(key, kind, title, description):
    """The instrument, made now; or, loaded before, with the languages it lacks added
    (`completing`: its rows are completed, none is made)."""
    from partnering.assessments.models import Instrument

    instrument, created = Instrument.objects.get_or_create(
        key=key, defaults={"kind": kind, "title": title, "description": description,
                           "languages": list(LANGUAGES), "built_in": True})
    instrument.completing = not created
    if instrument.completing and instrument.built_in:
        instrument.title = _completed(instrument.title, title)
        instrument.description = _completed(instrument.description, description)
        instrument.languages = [*instrument.languages,
                                *[lang for lang in LANGUAGES
                                  if lang not in instrument.languages]]
        instrument.save(update_fields=["title", "description", "languages"])
    return instrument


def _completed(stored, shipped: dict):
    """The stored texts with the shipped languages they lack, while their English is the
    shipped one (an admin's rewording is left alone, and so is every text they wrote)."""
    if not isinstance(stored, dict) or stored.get("en") != shipped.get("en"):
        return stored
    return {**shipped, **{lang: text for lang, text in stored.items() if text}}


def _completed_choices(stored: list, shipped: list) -> list:
    labels = {str(c.get("value")): c.get("label", {}) for c in shipped}
    return [{**c, "label": _completed(c.get("label", {}), labels[str(c.get("value"))])}
            if str(c.get("value")) in labels else c for c in stored or []]


def _row(model, instrument, code: str, texts: dict, **fields):
    """A row of a built-in instrument, made with it. On an instrument loaded before, the
    row of that code gets the languages it lacks (one an admin removed stays removed)."""
    field = "title" if model.__name__ == "Section" else "label"
    if not instrument.completing:
        return model.objects.create(instrument=instrument, code=code, **{field: texts},
                                    **fields)
    row = model.objects.filter(instrument=instrument, code=code).first()
    if row is None or not instrument.built_in:
        return model(instrument=instrument, code=code)
    row.instrument = instrument  # the questions of a section are completed with it
    setattr(row, field, _completed(getattr(row, field), texts))
    if "choices" in fields:
        row.choices = _completed_choices(row.choices, fields["choices"])
    row.save()
    return row


def _add_dimensions(instrument, dimensions):
    from partnering.assessments.models import Dimension

    return {code: _row(Dimension, instrument, code, text, order=index)
            for index, (code, text) in enumerate(dimensions)}


def _add_section(instrument, code, title, order):
    from partnering.assessments.models import Section

    return _row(Section, instrument, code, title, order=order)


def _q(section, code, kind, text, order, **extra):
    from partnering.assessments.models import Question

    return _row(Question, section.instrument, code, text, section=section, kind=kind,
                order=order, **extra)


def _about_you(instrument, choices):
    section = _add_section(instrument, "about_you", t("About you", "À propos de vous",
                                                      "Sobre usted",
                                                      "Sobre você"), 0)
    _q(section, "role", "single", t("In this partnership you are ...",
                                    "Dans ce partenariat, vous êtes ...",
                                    "En esta alianza usted es ...",
                                    "Nesta parceria, você é ..."), 0, choices=choices)
    _q(section, "years", "number", t("For how many years have you been involved?",
                                     "Depuis combien d'années y participez-vous ?",
                                     "¿Desde hace cuántos años participa?",
                                     "Há quantos anos você participa?"), 1,
       min_value=0, max_value=60)


def _scored(instrument, items, dimensions, section_title, free_text, start=1):
    section = _add_section(instrument, "items", section_title, start)
    for index, (code, dim, reverse, text) in enumerate(items):
        _q(section, code, "likert", text, index, dimension=dimensions[dim],
           reverse_scored=reverse)
    comments = _add_section(instrument, "comments",
                            t("In your own words", "Avec vos mots", "En sus palabras",
                              "Com suas palavras"),
                            start + 1)
    for index, (dim, text) in enumerate(free_text):
        _q(comments, f"say_{dim}", "text", text, index, dimension=dimensions[dim])
    return comments


def _load_health():
    """The partnership health check (made, or completed with new languages)."""
    health = _instrument(
        "partnership-health-check", "health_check",
        t("Partnership health check", "Bilan de santé du partenariat",
          "Chequeo de salud de la alianza",
          "Avaliação da saúde da parceria"),
        t("An annual reflective check on how the partnership works, answered by every "
          "member organisation and facilitated by the broker.",
          "Un bilan réflexif annuel du fonctionnement du partenariat, rempli par chaque "
          "organisation membre et animé par le facilitateur.",
          "Una revisión reflexiva anual del funcionamiento de la alianza, respondida por cada "
          "organización miembro y facilitada por el intermediario.",
          "Uma avaliação reflexiva anual do funcionamento da parceria, respondida por cada "
          "organização membro e facilitada pelo facilitador de parcerias."))
    dims = _add_dimensions(health, HEALTH_DIMENSIONS)
    _about_you(health, [
        {"value": "lead", "label": t("from the lead partner", "du partenaire chef de file",
                                     "del socio principal",
                                     "do parceiro líder")},
        {"value": "member", "label": t("from another member", "d'un autre membre",
                                       "de otro miembro",
                                       "de outro membro")},
        {"value": "broker", "label": t("the broker", "le facilitateur",
                                       "el intermediario",
                                       "o facilitador de parcerias")}])
    comments = _scored(health, HEALTH_ITEMS, dims, t(
        "How the partnership works", "Fonctionnement du partenariat",
        "Cómo funciona la alianza",
        "Como funciona a parceria"), [
        ("trust", t("What would most improve trust between the partners?",
                    "Qu'est-ce qui améliorerait le plus la confiance entre partenaires ?",
                    "¿Qué mejoraría más la confianza entre los socios?",
                    "O que mais melhoraria a confiança entre os parceiros?")),
        ("equity", t("Where is power out of balance, and what would help?",
                     "Où le pouvoir est-il déséquilibré, et qu'est-ce qui aiderait ?",
                     "¿Dónde está desequilibrado el poder y qué ayudaría?",
                     "Onde está o poder desequilibrado, e o que ajudaria?")),
        ("learning", t("What should the partnership change next year?",
                       "Que devrait changer le partenariat l'an prochain ?",
                       "¿Qué debería cambiar la alianza el próximo año?",
                       "O que deveria a parceria mudar no próximo ano?"))])
    _health_closing(comments)
    return health


def _health_closing(comments) -> None:
    """The health check's last questions: stay or go, and what membership brought."""
    _q(comments, "continue", "single", t(
        "Should your organisation stay in the partnership?",
        "Votre organisation devrait-elle rester dans le partenariat ?",
        "¿Debería su organización seguir en la alianza?",
        "Sua organização deve continuar na parceria?"), 10, choices=[
        {"value": "yes", "label": t("Yes", "Oui", "Sí",
                                                  "Sim")},
        {"value": "unsure", "label": t("Unsure", "Incertain", "No estoy seguro",
                                                              "Não tenho a certeza")},
        {"value": "no", "label": t("No", "Non", "No",
                                                "Não")}])
    _q(comments, "continue_why", "text", t(
        "What would it take for your organisation to stay?",
        "Que faudrait-il pour que votre organisation reste ?",
        "¿Qué haría falta para que su organización se quede?",
        "O que seria necessário para que sua organização continue?"), 11,
       show_if={"question": "continue", "in": ["unsure", "no"]})
    _q(comments, "benefits", "multiple", t(
        "What has your organisation gained? (choose all that apply)",
        "Qu'a gagné votre organisation ? (plusieurs choix possibles)",
        "¿Qué ha ganado su organización? (elija todas las que correspondan)",
        "O que sua organização ganhou? (escolha todas as opções aplicáveis)"), 12,
       choices=[{"value": "reach", "label": t("Reach", "Portée", "Alcance",
                                                                 "Alcance")},
                {"value": "knowledge", "label": t("Knowledge", "Connaissances",
                                                  "Conocimiento",
                                                  "Conhecimento")},
                {"value": "funding", "label": t("Funding", "Financement",
                                                "Financiación",
                                                "Financiamento")},
                {"value": "legitimacy", "label": t("Legitimacy", "Légitimité",
                                                   "Legitimidad",
                                                   "Legitimidade")}])


def _load_fit():
    """Fit for partnering (made, or completed with new languages)."""
    fit = _instrument(
        "fit-for-partnering", "fit_for_partnering",
        t("Fit for partnering", "Apte au partenariat", "Apta para las alianzas",
                                                       "Apta para parcerias"),
        t("How fit is one organisation for partnering? Answered by its own staff and, "
          "crucially, by its partners: how others see us.",
          "Dans quelle mesure une organisation est-elle apte au partenariat ? Rempli par son "
          "personnel et, surtout, par ses partenaires : comment les autres nous voient.",
          "¿Qué tan apta es una organización para las alianzas? Respondido por su personal y, "
          "sobre todo, por sus socios: cómo nos ven los demás.",
          "Até que ponto uma organização está apta para parcerias? Respondido por sua equipe "
          "e, sobretudo, por seus parceiros: como os outros nos veem."))
    dims = _add_dimensions(fit, FIT_DIMENSIONS)
    _about_you(fit, [
        {"value": "staff", "label": t("a member of its staff", "membre de son personnel",
                                      "miembro de su personal",
                                      "membro da sua equipe")},
        {"value": "partner", "label": t("a partner", "un partenaire", "un socio",
                                                                      "um parceiro")}])
    _scored(fit, FIT_ITEMS, dims, t("The organisation as a partner",
                                    "L'organisation en tant que partenaire",
                                    "La organización como socia",
                                    "A organização como parceira"), [
        ("relationships", t("What is it like to partner with this organisation?",
                            "Comment est-ce de travailler en partenariat avec cette "
                            "organisation ?",
                            "¿Cómo es trabajar en alianza con esta organización?",
                            "Como é trabalhar em parceria com esta organização?")),
        ("systems", t("Which of its processes get in the way?",
                      "Lesquels de ses processus font obstacle ?",
                      "¿Cuáles de sus procesos estorban?",
                      "Quais de seus processos atrapalham?"))])
    return fit


def _load_competencies():
    """Partnering competencies (made, or completed with new languages)."""
    comp = _instrument(
        "partnering-competencies", "competencies",
        t("Partnering competencies", "Compétences en partenariat",
          "Competencias para las alianzas",
          "Competências para parcerias"),
        t("A self-assessment of a partnering professional's skill set, as a starting point "
          "for training, practice and mentorship.",
          "Une auto-évaluation des compétences d'un professionnel du partenariat, point de "
          "départ pour la formation, la pratique et le mentorat.",
          "Una autoevaluación de las habilidades de un profesional de las alianzas, punto de "
          "partida para la formación, la práctica y la mentoría.",
          "Uma autoavaliação das competências de um profissional de parcerias, como ponto de "
          "partida para a formação, a prática e a mentoria."))
    dims = _add_dimensions(comp, COMPETENCIES)
    section = _add_section(comp, "skills", t("Your skills", "Vos compétences",
                                             "Sus habilidades",
                                             "Suas competências"), 0)
    for index, (code, text) in enumerate(COMPETENCIES):
        _q(section, code, "likert", t(
            f"I am confident in: {text['en'].lower()}.",
            f"Je maîtrise : {text['fr'].lower()}.",
            f"Me siento competente en: {text['es'].lower()}.",
            f"Sinto-me competente em: {text['pt'].lower()}."), index,
           dimension=dims[code])
    _q(section, "grow", "text", t("Which skill do you most want to grow, and how?",
                                  "Quelle compétence voulez-vous le plus développer, "
                                  "et comment ?",
                                  "¿Qué habilidad quiere desarrollar más y cómo?",
                                  "Que competência você mais deseja desenvolver, e como?"), 20)
    return comp


@transaction.atomic
def load_builtins() -> list:
    """The built-in instruments not loaded yet; those loaded before get the languages
    added since. Returns those it made."""
    made = (_load_health(), _load_fit(), _load_competencies())
    return [instrument for instrument in made if not instrument.completing]
