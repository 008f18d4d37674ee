"""The texts of the built-in instruments (their dimensions and scored items), written from
the practitioner texts (Unite to Ignite, A Guide to Strategic Partnering), in every shipped
language: English, French, Spanish and Portuguese."""

LANGUAGES = ("en", "fr", "es", "pt")


def t(en: str, fr: str, es: str, pt: str) -> dict:
    return {"en": en, "fr": fr, "es": es, "pt": pt}


# A Guide to Strategic Partnering ("markers of success and failure") and 8 Actions: what
# makes a partnership work.
HEALTH_DIMENSIONS = [
    ("purpose", t("Shared purpose, the problem at the centre",
                  "Objectif commun, le problème au centre",
                  "Propósito compartido, el problema en el centro",
                  "Propósito comum, o problema no centro")),
    ("trust", t("Trust and openness", "Confiance et ouverture", "Confianza y apertura",
                                                                "Confiança e abertura")),
    ("communication", t("Communication", "Communication", "Comunicación",
                                                          "Comunicação")),
    ("equity", t("Equity and power balance", "Équité et équilibre des pouvoirs",
                 "Equidad y equilibrio de poder",
                 "Equidade e equilíbrio de poder")),
    ("benefit", t("Mutual benefit (win-win)", "Bénéfice mutuel (gagnant-gagnant)",
                  "Beneficio mutuo (ganar-ganar)",
                  "Benefício mútuo (ganha-ganha)")),
    ("governance", t("Governance and decision making", "Gouvernance et prise de décision",
                     "Gobernanza y toma de decisiones",
                     "Governança e tomada de decisões")),
    ("accountability", t("Shared accountability", "Responsabilité partagée",
                         "Responsabilidad compartida",
                         "Responsabilidade compartilhada")),
    ("resources", t("Resources and efficiency", "Ressources et efficience",
                    "Recursos y eficiencia",
                    "Recursos e eficiência")),
    ("learning", t("Learning and adaptation", "Apprentissage et adaptation",
                   "Aprendizaje y adaptación",
                   "Aprendizagem e adaptação")),
]

# (code, dimension, reverse_scored, label). Reverse-scored items are the Guide's failure
# markers: agreeing with them is bad news.
HEALTH_ITEMS = [
    ("purpose_problem", "purpose", False, t(
        "The partnership keeps the shared problem, not any one partner's agenda, at the centre.",
        "Le partenariat garde au centre le problème commun, et non l'agenda d'un partenaire.",
        "La alianza mantiene en el centro el problema común, no la agenda de un socio.",
        "A parceria mantém no centro o problema comum, e não a agenda de um parceiro.")),
    ("purpose_objectives", "purpose", False, t(
        "Every partner understands and accepts the partnership's objectives.",
        "Chaque partenaire comprend et accepte les objectifs du partenariat.",
        "Cada socio entiende y acepta los objetivos de la alianza.",
        "Cada parceiro compreende e aceita os objetivos da parceria.")),
    ("fail_competing_agendas", "purpose", True, t(
        "Competing agendas get in the way of our joint work.",
        "Des agendas concurrents entravent notre travail commun.",
        "Agendas en competencia obstaculizan nuestro trabajo conjunto.",
        "Agendas concorrentes atrapalham nosso trabalho conjunto.")),
    ("fail_misaligned", "purpose", True, t(
        "Our objectives are misaligned.", "Nos objectifs ne sont pas alignés.",
        "Nuestros objetivos no están alineados.",
        "Nossos objetivos não estão alinhados.")),
    ("trust_open", "trust", False, t(
        "Partners are open with each other, including about difficulties.",
        "Les partenaires sont ouverts entre eux, y compris sur les difficultés.",
        "Los socios son abiertos entre sí, también sobre las dificultades.",
        "Os parceiros são abertos entre si, inclusive sobre as dificuldades.")),
    ("fail_trust", "trust", True, t(
        "There is a lack of trust between the partners.",
        "Il y a un manque de confiance entre les partenaires.",
        "Hay falta de confianza entre los socios.",
        "Falta confiança entre os parceiros.")),
    ("fail_values", "trust", True, t(
        "Our organisations' values do not match.",
        "Les valeurs de nos organisations ne concordent pas.",
        "Los valores de nuestras organizaciones no coinciden.",
        "Os valores de nossas organizações não coincidem.")),
    ("comm_timely", "communication", False, t(
        "I get the information I need, in time and in a form I can use.",
        "Je reçois l'information dont j'ai besoin, à temps et sous une forme utilisable.",
        "Recibo la información que necesito, a tiempo y en una forma que puedo usar.",
        "Recebo a informação de que preciso, a tempo e em um formato que posso usar.")),
    ("fail_communication", "communication", True, t(
        "Communication between the partners is lacking.",
        "La communication entre les partenaires fait défaut.",
        "Falta comunicación entre los socios.",
        "Falta comunicação entre os parceiros.")),
    ("equity_voice", "equity", False, t(
        "Every partner's contribution is valued, whatever its size or sector.",
        "La contribution de chaque partenaire est valorisée, quels que soient sa taille "
        "ou son secteur.",
        "Se valora la contribución de cada socio, sea cual sea su tamaño o sector.",
        "A contribuição de cada parceiro é valorizada, qualquer que seja seu porte ou setor.")),
    ("equity_influence", "equity", False, t(
        "Smaller partners have real influence on decisions.",
        "Les petits partenaires ont une réelle influence sur les décisions.",
        "Los socios más pequeños tienen influencia real en las decisiones.",
        "Os parceiros menores têm influência real nas decisões.")),
    ("benefit_mine", "benefit", False, t(
        "My organisation gets what it needs from this partnership.",
        "Mon organisation obtient ce dont elle a besoin de ce partenariat.",
        "Mi organización obtiene lo que necesita de esta alianza.",
        "Minha organização obtém desta parceria aquilo de que precisa.")),
    ("fail_win_lose", "benefit", True, t(
        "Some partners gain at the expense of others (win-lose).",
        "Certains partenaires gagnent aux dépens des autres (gagnant-perdant).",
        "Algunos socios ganan a costa de otros (ganar-perder).",
        "Alguns parceiros ganham à custa de outros (ganha-perde).")),
    ("gov_transparent", "governance", False, t(
        "Decisions are made transparently, by people with a mandate to decide.",
        "Les décisions sont prises de manière transparente, par des personnes mandatées.",
        "Las decisiones se toman con transparencia, por personas con mandato para decidir.",
        "As decisões são tomadas com transparência, por pessoas mandatadas para decidir.")),
    ("fail_governance", "governance", True, t(
        "The partnership lacks clear governance.",
        "Le partenariat manque d'une gouvernance claire.",
        "La alianza carece de una gobernanza clara.",
        "A parceria carece de uma governança clara.")),
    ("acc_commitments", "accountability", False, t(
        "Partners deliver what they committed to, and we hold each other to account.",
        "Les partenaires tiennent leurs engagements et nous nous en rendons compte mutuellement.",
        "Los socios cumplen sus compromisos y nos rendimos cuentas mutuamente.",
        "Os parceiros cumprem seus compromissos e prestamos contas uns aos outros.")),
    ("res_worth", "resources", False, t(
        "The time and money we put in are worth the results.",
        "Le temps et l'argent investis valent les résultats.",
        "El tiempo y el dinero invertidos valen los resultados.",
        "O tempo e o dinheiro investidos compensam os resultados.")),
    ("learn_adapt", "learning", False, t(
        "We review how we work together and change course when needed.",
        "Nous examinons notre façon de travailler ensemble et changeons de cap si nécessaire.",
        "Revisamos cómo trabajamos juntos y cambiamos de rumbo cuando hace falta.",
        "Revisamos a forma como trabalhamos juntos e mudamos de rumo quando necessário.")),
]

FIT_DIMENSIONS = [
    ("strategy", t("Strategy and leadership", "Stratégie et leadership",
                   "Estrategia y liderazgo",
                   "Estratégia e liderança")),
    ("systems", t("Systems and processes", "Systèmes et processus", "Sistemas y procesos",
                                                                    "Sistemas e processos")),
    ("skills", t("Staff and skills", "Personnel et compétences", "Personal y habilidades",
                                                                 "Equipe e competências")),
    ("culture", t("Culture", "Culture", "Cultura",
                                        "Cultura")),
    ("relationships", t("Partner relationships", "Relations avec les partenaires",
                        "Relaciones con los socios",
                        "Relações com os parceiros")),
]

# Worded about "the organisation" so its own staff and its partners answer the same items:
# the perception gap compares the two views item by item.
FIT_ITEMS = [
    ("strat_intent", "strategy", False, t(
        "The organisation has a clear strategic intent for partnering.",
        "L'organisation a une intention stratégique claire en matière de partenariat.",
        "La organización tiene una intención estratégica clara para las alianzas.",
        "A organização tem uma intenção estratégica clara em matéria de parcerias.")),
    ("strat_leaders", "strategy", False, t(
        "Its leaders champion working with and through partners.",
        "Ses dirigeants promeuvent le travail avec et à travers les partenaires.",
        "Sus líderes impulsan el trabajo con y a través de socios.",
        "Seus dirigentes promovem o trabalho com e através de parceiros.")),
    ("sys_agreements", "systems", False, t(
        "Its agreements, grants and reporting are proportionate and easy for partners.",
        "Ses accords, subventions et rapports sont proportionnés et simples pour les "
        "partenaires.",
        "Sus acuerdos, subvenciones e informes son proporcionados y sencillos para los socios.",
        "Seus acordos, subvenções e relatórios são proporcionados e simples para os parceiros.")),
    ("sys_compliance", "systems", True, t(
        "Its procedures put compliance before the partnership's purpose.",
        "Ses procédures font passer la conformité avant l'objectif du partenariat.",
        "Sus procedimientos anteponen el cumplimiento al propósito de la alianza.",
        "Seus procedimentos colocam a conformidade à frente do propósito da parceria.")),
    ("skills_staff", "skills", False, t(
        "Its staff have the skills to broker and manage partnerships.",
        "Son personnel a les compétences pour faciliter et gérer des partenariats.",
        "Su personal tiene las habilidades para facilitar y gestionar alianzas.",
        "Sua equipe tem as competências para facilitar e gerir parcerias.")),
    ("skills_relationship", "skills", False, t(
        "Relationship managers analyse partnering data to improve partnerships over time.",
        "Les gestionnaires de relations analysent les données de partenariat pour les "
        "améliorer.",
        "Los gestores de relaciones analizan los datos de las alianzas para mejorarlas.",
        "Os gestores de relações analisam os dados das parcerias para melhorá-las com o tempo.")),
    ("culture_listen", "culture", False, t(
        "The organisation listens to partners and acts on what they say.",
        "L'organisation écoute ses partenaires et agit en conséquence.",
        "La organización escucha a sus socios y actúa según lo que dicen.",
        "A organização ouve seus parceiros e age de acordo com o que dizem.")),
    ("culture_control", "culture", True, t(
        "The organisation wants to be in control rather than share it.",
        "L'organisation veut garder le contrôle plutôt que le partager.",
        "La organización quiere tener el control en lugar de compartirlo.",
        "A organização quer ter o controle em vez de compartilhá-lo.")),
    ("rel_equal", "relationships", False, t(
        "Partners are treated as equals, not as sub-contractors.",
        "Les partenaires sont traités en égaux, pas en sous-traitants.",
        "Los socios son tratados como iguales, no como subcontratistas.",
        "Os parceiros são tratados como iguais, não como subcontratados.")),
    ("rel_choice", "relationships", False, t(
        "Partners would choose to work with this organisation again.",
        "Les partenaires choisiraient de retravailler avec cette organisation.",
        "Los socios elegirían volver a trabajar con esta organización.",
        "Os parceiros escolheriam voltar a trabalhar com esta organização.")),
]

# Unite to Ignite: the Partnership Officer's skill set and partner empathy ("what's in it for
# them").
COMPETENCIES = [
    ("communication", t("Communication", "Communication", "Comunicación",
                                                          "Comunicação")),
    ("strategic_planning", t("Strategic planning", "Planification stratégique",
                             "Planificación estratégica",
                             "Planejamento estratégico")),
    ("ideation", t("Ideation", "Idéation", "Ideación",
                                           "Ideação")),
    ("networking", t("Networking", "Réseautage", "Trabajo en red",
                                                 "Trabalho em rede")),
    ("marketing", t("Marketing", "Marketing", "Marketing",
                                              "Marketing")),
    ("collaboration", t("Collaboration", "Collaboration", "Colaboración",
                                                          "Colaboração")),
    ("innovation", t("Innovation", "Innovation", "Innovación",
                                                 "Inovação")),
    ("negotiation", t("Negotiation", "Négociation", "Negociación",
                                                    "Negociação")),
    ("acquisition", t("Acquisition (securing partners and resources)",
                      "Acquisition (obtenir partenaires et ressources)",
                      "Adquisición (conseguir socios y recursos)",
                      "Captação (obter parceiros e recursos)")),
    ("programme_management", t("Programme management", "Gestion de programme",
                               "Gestión de programas",
                               "Gestão de programas")),
    ("partner_empathy", t("Partner empathy (what's in it for them)",
                          "Empathie envers le partenaire (qu'y gagne-t-il ?)",
                          "Empatía con el socio (¿qué gana él?)",
                          "Empatia com o parceiro (o que ganha com isso?)")),
]
