"""The built-in survey "Broker fairness and support": at the end of an assignment the
partners rate the broker (Unite to Ignite: "all partnership facilitators need to model
fairness and to seek to ensure fairness within the partnership"). Made with the assessments
engine's own builders, so it completes itself with new languages as the others do."""

from django.db import transaction

from partnering.assessments.builtin_texts import t
from partnering.assessments.builtins import _add_dimensions, _add_section, _instrument, _q

KEY = "broker-fairness-and-support"

DIMENSIONS = [
    ("fairness", t("Fairness", "Équité", "Equidad", "Equidade")),
    ("support", t("Support", "Soutien", "Apoyo", "Apoio")),
]

ITEMS = [
    ("fair_voice", "fairness", t(
        "The broker gave every partner an equal chance to speak and be heard.",
        "Le facilitateur a donné à chaque partenaire une chance égale de s'exprimer et "
        "d'être entendu.",
        "El intermediario dio a cada socio la misma oportunidad de hablar y ser escuchado.",
        "O facilitador deu a cada parceiro a mesma oportunidade de falar e ser ouvido.")),
    ("fair_power", "fairness", t(
        "The broker named and addressed imbalances of power between the partners.",
        "Le facilitateur a nommé et traité les déséquilibres de pouvoir entre partenaires.",
        "El intermediario nombró y abordó los desequilibrios de poder entre los socios.",
        "O facilitador nomeou e tratou os desequilíbrios de poder entre os parceiros.")),
    ("fair_independent", "fairness", t(
        "The broker acted on behalf of all partners, not one of them.",
        "Le facilitateur a agi au nom de tous les partenaires, pas de l'un d'eux.",
        "El intermediario actuó en nombre de todos los socios, no de uno de ellos.",
        "O facilitador agiu em nome de todos os parceiros, não de um deles.")),
    ("support_process", "support", t(
        "The broker helped us design and manage the partnering process.",
        "Le facilitateur nous a aidés à concevoir et gérer le processus de partenariat.",
        "El intermediario nos ayudó a diseñar y gestionar el proceso de la alianza.",
        "O facilitador ajudou-nos a desenhar e gerir o processo de parceria.")),
    ("support_difficult", "support", t(
        "The broker helped us hold difficult conversations well.",
        "Le facilitateur nous a aidés à bien mener les conversations difficiles.",
        "El intermediario nos ayudó a llevar bien las conversaciones difíciles.",
        "O facilitador ajudou-nos a conduzir bem as conversas difíceis.")),
    ("support_capacity", "support", t(
        "Our organisation is better able to partner because of the broker's work.",
        "Notre organisation est plus apte au partenariat grâce au travail du facilitateur.",
        "Nuestra organización está más capacitada para las alianzas gracias al trabajo del "
        "intermediario.",
        "A nossa organização está mais apta para parcerias graças ao trabalho do "
        "facilitador.")),
]


@transaction.atomic
def load_instrument():
    """The instrument, made once (or completed with the languages shipped since)."""
    instrument = _instrument(
        KEY, "other",
        t("Broker fairness and support", "Équité et soutien du facilitateur",
          "Equidad y apoyo del intermediario", "Equidade e apoio do facilitador"),
        t("Asked of the partners when a broker's assignment ends: how fairly the broker "
          "worked and how well they supported the partnership.",
          "Demandé aux partenaires à la fin de la mission d'un facilitateur : avec quelle "
          "équité il a travaillé et comment il a soutenu le partenariat.",
          "Se pregunta a los socios al terminar la misión de un intermediario: con qué "
          "equidad trabajó y cómo apoyó a la alianza.",
          "Perguntado aos parceiros no fim da missão de um facilitador: com que equidade "
          "trabalhou e como apoiou a parceria."))
    dims = _add_dimensions(instrument, DIMENSIONS)
    section = _add_section(instrument, "broker", t("The broker", "Le facilitateur",
                                                   "El intermediario", "O facilitador"), 0)
    for index, (code, dim, text) in enumerate(ITEMS):
        _q(section, code, "likert", text, index, dimension=dims[dim])
    _q(section, "say_fairness", "text", t(
        "What could the broker have done to make the partnership fairer?",
        "Qu'aurait pu faire le facilitateur pour rendre le partenariat plus équitable ?",
        "¿Qué podría haber hecho el intermediario para que la alianza fuera más equitativa?",
        "O que poderia o facilitador ter feito para tornar a parceria mais justa?"),
       len(ITEMS), dimension=dims["fairness"])
    return instrument
