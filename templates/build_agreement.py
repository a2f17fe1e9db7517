"""Build templates/fr/agreement.docx and templates/en/agreement.docx (the convention de
partenariat) with python-docx. Idempotent: run it again after editing the clause texts.

    python templates/build_agreement.py

The clause library (ids, titles, conditions) is ``contracts.clauses``; this script holds the
clause texts of each language, keyed by clause id, and refuses to build when a clause of
the library has no text. Word holds no logic: it prints the headings computed in Python
(``clause.<id>.heading``), keeps a conditional clause when ``clause.<id>.included``, and
loops over prepared lists. Fixed document properties keep the files reproducible.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from contracts.clauses import CLAUSES  # noqa: E402
from coopact.documents import template_bytes  # noqa: E402

# A body item: "text" (a justified paragraph), ("b", "text") a bullet, ("t", "{%p ... %}") a
# template tag paragraph. "**bold**" marks bold runs; a jinja tag never spans two runs.
Item = str | tuple[str, str]

FR: dict[str, list[Item]] = {
    "parties": [
        ("t", "{%p for p in partners %}"),
        "**{{ p.name }}**, {{ p.legal_form }}, identifiée par : {{ p.identifiers }}, "
        "dont le siège est situé {{ p.address }}{% for e in p.esus %}, {{ e }}{% endfor %}, "
        "représentée par {{ p.signatory.name }}, {{ p.signatory.role }}, "
        "{{ p.signatory.authority }} ;",
        ("t", "{%p endfor %}"),
        "ci-après désignées ensemble « les Partenaires » et individuellement « un Partenaire ».",
    ],
    "preamble": [
        "Les Partenaires partagent la vision suivante : {{ vision.statement }}",
        ("t", "{%p for p in partners %}"),
        "**{{ p.name }}** a pour mission : {{ p.mission }}",
        ("t", "{%p if p.constraints %}"),
        "{{ p.name }} a fait connaître les contraintes suivantes :",
        ("t", "{%p for c in p.constraints %}"),
        ("b", "{{ c }}"),
        ("t", "{%p endfor %}"),
        ("t", "{%p endif %}"),
        ("t", "{%p endfor %}"),
        "Les publics bénéficiaires du partenariat sont : {{ vision.beneficiaries }}",
        "C'est dans ce contexte que les Partenaires ont décidé de conclure la présente convention "
        "de partenariat (ci-après « la Convention »). Il a été convenu ce qui suit.",
    ],
    "purpose": [
        "La Convention a pour objet de définir les conditions dans lesquelles les Partenaires "
        "conduisent ensemble le projet « {{ doc.title }} » et poursuivent les objectifs partagés "
        "suivants :",
        ("t", "{%p for o in vision.objectives %}"),
        ("b", "{{ o }}"),
        ("t", "{%p endfor %}"),
        "Les Partenaires qualifient leur relation de **{{ doc.kind }}**.",
        ("t", "{%p if kind.mecenat %}"),
        "Le mécénat est un soutien apporté sans contrepartie directe ou indirecte équivalente : "
        "les contreparties éventuelles, décrites à {{ clause.counterparts.ref }}, demeurent dans "
        "une disproportion marquée avec le don, que l'administration fiscale apprécie usuellement "
        "à 25 % de son montant. Le don ouvre droit, pour le mécène, à la réduction d'impôt prévue "
        "à l'article 238 bis du code général des impôts, sur présentation d'un reçu fiscal délivré "
        "par le bénéficiaire.",
        ("t", "{%p endif %}"),
        ("t", "{%p if kind.parrainage %}"),
        "Le parrainage est une opération commerciale : le soutien apporté a pour contrepartie une "
        "prestation de visibilité d'une valeur équivalente. Il est facturé avec la taxe sur la "
        "valeur ajoutée dans les conditions de {{ clause.invoicing.ref }} et n'ouvre pas droit à "
        "la réduction d'impôt prévue à l'article 238 bis du code général des impôts.",
        ("t", "{%p endif %}"),
        ("t", "{%p if kind.partenariat %}"),
        "Le partenariat est une coopération sans lien de subordination ni mandat entre les "
        "Partenaires : chacun conserve son autonomie juridique et financière et ne peut engager "
        "les autres. La Convention ne crée ni société, ni société en participation.",
        ("t", "{%p endif %}"),
        ("t", "{%p if kind.cooperation_economique %}"),
        "La coopération économique repose sur des échanges de biens, de services ou de "
        "compétences entre les Partenaires ; les prestations réalisées dans ce cadre sont "
        "facturées avec la taxe sur la valeur ajoutée applicable, aux conditions de "
        "{{ clause.contributions.ref }}.",
        ("t", "{%p endif %}"),
        ("t", "{%p if kind.innovation_societale %}"),
        "L'innovation sociétale vise à concevoir et à expérimenter ensemble une réponse nouvelle "
        "à un besoin social ; les résultats obtenus relèvent de "
        "{{ clause.intellectual_property.ref }}.",
        ("t", "{%p endif %}"),
    ],
    "counterparts": [
        "En contrepartie du don de {{ donors }}, valorisé à {{ donation }}, le bénéficiaire "
        "accorde les contreparties suivantes :",
        ("t", "{%p if counterparts %}"),
        ("t", "{%p for c in counterparts %}"),
        ("b", "{{ c.description }} (valeur estimée : {{ c.value }})"),
        ("t", "{%p endfor %}"),
        ("t", "{%p else %}"),
        ("b", "aucune contrepartie."),
        ("t", "{%p endif %}"),
        "La valeur totale des contreparties s'élève à {{ counterpart_total }}, soit "
        "{{ counterpart_share }} du don ; elle demeure dans une disproportion marquée avec "
        "celui-ci. Le bénéficiaire délivre au mécène, après chaque versement, un reçu fiscal "
        "établi dans les conditions de l'article 238 bis du code général des impôts.",
    ],
    "invoicing": [
        "Les sommes versées au titre de {{ clause.contributions.ref }} donnent lieu à l'émission "
        "de factures par le Partenaire qui les reçoit, majorées de la taxe sur la valeur ajoutée "
        "au taux en vigueur, selon le calendrier de versement prévu à l'annexe 1. Elles sont "
        "payables à trente jours à compter de la date d'émission de la facture.",
        "Les dépenses de parrainage sont déductibles dans les conditions de droit commun ; elles "
        "n'ouvrent pas droit à la délivrance d'un reçu fiscal.",
    ],
    "term": [
        "La Convention entre en vigueur le {{ term.start }} pour une durée de {{ term.duration }}, "
        "soit jusqu'au {{ term.end }} inclus.",
        ("t", "{%p if term.tacit %}"),
        "À son terme, elle est renouvelée par tacite reconduction pour une durée identique, sauf "
        "dénonciation par l'un des Partenaires, par lettre recommandée avec avis de réception, "
        "moyennant un préavis de {{ term.notice }} avant l'échéance.",
        ("t", "{%p else %}"),
        "Elle ne peut être renouvelée que de manière expresse, par avenant signé des Partenaires. "
        "Les Partenaires se prononcent sur son renouvellement au plus tard {{ term.notice }} "
        "avant son échéance ; à défaut, la Convention prend fin à son terme.",
        ("t", "{%p endif %}"),
    ],
    "commitments": [
        "Chaque Partenaire s'engage à mettre en œuvre loyalement les moyens nécessaires à "
        "l'atteinte des objectifs de la Convention, à apporter les contributions prévues à "
        "{{ clause.contributions.ref }}, à participer aux instances prévues à "
        "{{ clause.governance.ref }} et à informer sans délai les autres Partenaires de toute "
        "difficulté susceptible d'affecter le partenariat. Les Partenaires sont tenus d'une "
        "obligation de moyens.",
        "Les enjeux de chaque Partenaire, qui guident l'exécution de la Convention, sont les "
        "suivants :",
        ("t", "{%p for p in partners %}"),
        "**{{ p.name }}** :",
        ("t", "{%p for s in p.stakes %}"),
        ("b", "{{ s }}"),
        ("t", "{%p endfor %}"),
        ("t", "{%p endfor %}"),
    ],
    "contributions": [
        "Les contributions de chaque Partenaire, financières, en nature et en compétences, sont "
        "détaillées, avec leur valorisation et leur calendrier de versement, à l'annexe 1, qui "
        "fait partie intégrante de la Convention. Elles s'élèvent au total à {{ grand_total }}, "
        "réparties comme suit :",
        ("t", "{%p for t in totals %}"),
        ("b", "{{ t.partner }} : {{ t.total }}"),
        ("t", "{%p endfor %}"),
        "Les contributions financières sont versées selon le calendrier indiqué à l'annexe 1, sur "
        "présentation d'un appel de fonds. Les contributions en nature et en compétences sont "
        "valorisées au coût complet ; cette valorisation, indicative, ne donne lieu à aucun "
        "paiement.",
    ],
    "sharing": [
        "Les Partenaires répartissent les coûts du partenariat comme suit : {{ sharing.costs }}",
        "Les bénéfices attendus par chaque Partenaire sont les suivants :",
        ("t", "{%p for b in benefits %}"),
        ("b", "{{ b.partner }} : {{ b.description }} (valorisation : {{ b.value }})"),
        ("t", "{%p endfor %}"),
    ],
    "risks": [
        "Les risques identifiés sont portés par les Partenaires comme suit :",
        ("t", "{%p for r in risks %}"),
        (
            "b",
            "{{ r.description }}, porté par {{ r.owner }} ; "
            "mesure de maîtrise : {{ r.mitigation }}",
        ),
        ("t", "{%p endfor %}"),
        "Chaque Partenaire assume les conséquences des risques qu'il porte, dans la limite de ses "
        "engagements au titre de la Convention ; aucun Partenaire n'est solidaire des engagements "
        "d'un autre envers les tiers.",
    ],
    "governance": [
        "Il est institué un comité de pilotage, composé des membres désignés à l'annexe 3. Il se "
        "réunit {{ committee.cadence }}, et à tout moment à la demande d'un Partenaire.",
        "Le comité de pilotage oriente et suit l'exécution de la Convention, examine l'atteinte "
        "des jalons, se prononce aux points de décision Go/noGo et propose les avenants. Il "
        "décide {{ committee.rule }}."
        "{% for q in committee.quorum %} Il ne délibère valablement que si {{ q }} de ses membres "
        "au moins sont présents.{% endfor %}",
        "En cas de blocage : {{ committee.deadlock }}",
        "Chaque réunion donne lieu à un relevé de décisions, diffusé aux Partenaires dans un "
        "délai de quinze jours.",
    ],
    "team": [
        "Chaque Partenaire désigne un référent, interlocuteur des autres Partenaires pour "
        "l'exécution de la Convention :",
        ("t", "{%p for p in partners %}"),
        ("b", "pour {{ p.name }} : {{ p.referent.contact }}"),
        ("t", "{%p endfor %}"),
        "Les référents constituent, avec les personnes qu'ils désignent, l'équipe projet. Tout "
        "changement de référent est notifié par écrit aux autres Partenaires.",
        ("t", "{%p if rituals %}"),
        "L'équipe projet se réunit selon les rituels suivants :",
        ("t", "{%p for r in rituals %}"),
        ("b", "{{ r.name }} : {{ r.cadence }}, avec {{ r.participants }}"),
        ("t", "{%p endfor %}"),
        ("t", "{%p endif %}"),
    ],
    "objectives": [
        "Les Partenaires se fixent des objectifs spécifiques, mesurables, atteignables, réalistes "
        "et datés (SMART). Chaque jalon est assorti d'un indicateur, d'une valeur de référence, "
        "d'une cible, d'une échéance et d'un responsable ; les jalons sont détaillés à "
        "l'annexe 2 :",
        ("t", "{%p for m in milestones %}"),
        (
            "b",
            "{{ m.title }} – échéance : {{ m.due }} ; responsable : {{ m.owner }} ; "
            "indicateur : {{ m.indicator }}",
        ),
        ("t", "{%p endfor %}"),
    ],
    "gates": [
        "Les jalons suivants constituent des points de décision Go/noGo :",
        ("t", "{%p for g in gates %}"),
        ("b", "{{ g.title }} ({{ g.due }})"),
        ("t", "{%p endfor %}"),
        "À chacun d'eux, le comité de pilotage décide, au vu des indicateurs, soit de poursuivre "
        "le partenariat (Go), soit de le poursuivre sous conditions, soit d'y mettre fin (noGo) "
        "dans les conditions de {{ clause.termination.ref }}.",
    ],
    "evaluation": [
        "Le comité de pilotage procède à une revue du partenariat {{ reviews }} : suivi des "
        "indicateurs, respect des engagements et des lignes rouges, appréciation par chaque "
        "Partenaire des bénéfices réels et perçus. Un bilan annuel est établi conjointement et "
        "communiqué aux instances dirigeantes de chaque Partenaire.",
    ],
    "communication": [
        "Les Partenaires conviennent des règles de communication suivantes : "
        "{{ sharing.communication }}",
        "Chaque Partenaire autorise les autres à utiliser son nom et son logo pour la seule "
        "communication relative au partenariat, pendant la durée de la Convention, dans le "
        "respect de sa charte graphique et après validation préalable. Cette autorisation ne "
        "confère aucun droit sur les marques, qui demeurent la propriété exclusive de leur "
        "titulaire ; elle prend fin avec la Convention.",
    ],
    "intellectual_property": [
        "Chaque Partenaire demeure titulaire des droits de propriété intellectuelle qu'il "
        "détenait avant la Convention ou qu'il développe indépendamment de celle-ci. Pour les "
        "résultats du partenariat, les Partenaires conviennent de ce qui suit : "
        "{{ sharing.intellectual_property }}",
    ],
    "confidentiality": [
        "Chaque Partenaire s'engage à garder confidentielles les informations de toute nature "
        "communiquées par un autre Partenaire et désignées comme telles, à ne les utiliser que "
        "pour l'exécution de la Convention et à ne pas les divulguer sans l'accord écrit "
        "préalable de celui-ci. Cette obligation s'applique pendant la durée de la Convention et "
        "trois ans après son terme.",
        ("t", "{%p for c in sharing.confidentiality %}"),
        "Les Partenaires conviennent en outre de ce qui suit : {{ c }}",
        ("t", "{%p endfor %}"),
    ],
    "personal_data": [
        "Les Partenaires s'engagent à respecter le règlement (UE) 2016/679 du 27 avril 2016 "
        "(RGPD) et la loi n° 78-17 du 6 janvier 1978 relative à l'informatique, aux fichiers et "
        "aux libertés. La répartition de leurs rôles est la suivante : {{ sharing.personal_data }}",
        "Lorsqu'un Partenaire traite des données pour le compte d'un autre, un contrat conforme à "
        "l'article 28 du RGPD est conclu ; lorsqu'ils déterminent ensemble les finalités et les "
        "moyens d'un traitement, ils en sont responsables conjoints et concluent l'accord prévu à "
        "l'article 26 du RGPD. Chaque Partenaire notifie sans délai aux autres toute violation de "
        "données les concernant.",
    ],
    "ethics": [
        "Les Partenaires agissent en toute indépendance : la Convention ne crée entre eux aucun "
        "lien de subordination, aucune exclusivité et aucune solidarité. Chaque Partenaire "
        "conserve la maîtrise de son projet et de sa stratégie.",
        "Chaque Partenaire a déclaré les lignes rouges suivantes, que les autres s'engagent à "
        "respecter ; leur respect est vérifié à chaque revue :",
        ("t", "{%p for p in partners %}"),
        ("t", "{%p for l in p.red_lines %}"),
        ("b", "{{ p.name }} : {{ l }}"),
        ("t", "{%p endfor %}"),
        ("t", "{%p endfor %}"),
        "Les Partenaires s'interdisent toute pratique contraire à la probité, notamment de "
        "corruption ou de trafic d'influence, et s'informent mutuellement de tout conflit "
        "d'intérêts.",
    ],
    "amendments": [
        "Toute modification de la Convention fait l'objet d'un avenant écrit, proposé par le "
        "comité de pilotage et signé par les représentants habilités des Partenaires. Les "
        "annexes sont mises à jour dans les mêmes formes.",
    ],
    "termination": [
        "Chaque Partenaire peut résilier la Convention en cas de manquement grave d'un autre "
        "Partenaire à ses obligations, non réparé trente jours après une mise en demeure adressée "
        "par lettre recommandée avec avis de réception. La Convention prend également fin par "
        "décision noGo du comité de pilotage, ou d'un commun accord, moyennant un préavis de "
        "{{ term.notice }}.",
        "En cas de fin anticipée, les sommes déjà versées et dépensées conformément à leur objet "
        "restent acquises au Partenaire qui les a reçues ; les sommes versées et non engagées à la "
        "date de la fin sont restituées au Partenaire qui les a versées dans un délai de soixante "
        "jours, sur présentation d'un état des dépenses. Les contributions en nature et en "
        "compétences déjà fournies ne donnent lieu à aucun remboursement.",
        "Les Partenaires organisent la sortie du partenariat de manière à préserver la continuité "
        "de l'accompagnement des bénéficiaires. Les stipulations relatives à la confidentialité, "
        "aux données personnelles et à la propriété intellectuelle survivent à la fin de la "
        "Convention.",
    ],
    "disputes": [
        "La Convention est régie par le droit français.",
        "En cas de différend relatif à son interprétation ou à son exécution, les Partenaires "
        "recherchent d'abord une solution amiable, au sein du comité de pilotage puis entre leurs "
        "dirigeants ; à défaut d'accord dans un délai de soixante jours, le différend est porté "
        "devant la juridiction compétente.",
        "La Convention est établie en langue française. En cas de traduction, seule la version "
        "française fait foi.",
    ],
    "signatures": [
        "Fait en {{ doc.copies }} exemplaires originaux, un pour chaque Partenaire.",
        "À ______________________________, le ______________________________",
    ],
}

EN: dict[str, list[Item]] = {
    "parties": [
        ("t", "{%p for p in partners %}"),
        "**{{ p.name }}**, {{ p.legal_form }}, identified by: {{ p.identifiers }}, "
        "whose registered office is at {{ p.address }}{% for e in p.esus %}, {{ e }}{% endfor %}, "
        "represented by {{ p.signatory.name }}, {{ p.signatory.role }}, "
        "{{ p.signatory.authority }};",
        ("t", "{%p endfor %}"),
        "hereinafter together “the Partners” and individually “a Partner”.",
    ],
    "preamble": [
        "The Partners share the following vision: {{ vision.statement }}",
        ("t", "{%p for p in partners %}"),
        "The mission of **{{ p.name }}** is: {{ p.mission }}",
        ("t", "{%p if p.constraints %}"),
        "{{ p.name }} has stated the following constraints:",
        ("t", "{%p for c in p.constraints %}"),
        ("b", "{{ c }}"),
        ("t", "{%p endfor %}"),
        ("t", "{%p endif %}"),
        ("t", "{%p endfor %}"),
        "The beneficiaries of the partnership are: {{ vision.beneficiaries }}",
        "It is in this context that the Partners have decided to enter into this partnership "
        "agreement (hereinafter “the Agreement”). It has been agreed as follows.",
    ],
    "purpose": [
        "The purpose of the Agreement is to set out the terms on which the Partners jointly carry "
        "out the project “{{ doc.title }}” and pursue the following shared objectives:",
        ("t", "{%p for o in vision.objectives %}"),
        ("b", "{{ o }}"),
        ("t", "{%p endfor %}"),
        "The Partners qualify their relationship as **{{ doc.kind }}**.",
        ("t", "{%p if kind.mecenat %}"),
        "Patronage (mécénat) is support given without any equivalent direct or indirect "
        "counterpart: any counterparts, described in {{ clause.counterparts.ref }}, remain "
        "markedly disproportionate to the donation, which the French tax authority usually "
        "assesses at 25 % of its amount. The donation entitles the patron to the tax reduction "
        "provided for by article 238 bis of the French General Tax Code (CGI), upon a tax receipt "
        "issued by the beneficiary.",
        ("t", "{%p endif %}"),
        ("t", "{%p if kind.parrainage %}"),
        "Sponsorship (parrainage) is a commercial transaction: the support given is consideration "
        "for a visibility service of equivalent value. It is invoiced with value added tax under "
        "{{ clause.invoicing.ref }} and does not entitle to the tax reduction provided for by "
        "article 238 bis of the French General Tax Code.",
        ("t", "{%p endif %}"),
        ("t", "{%p if kind.partenariat %}"),
        "The partnership is a cooperation without subordination or agency between the Partners: "
        "each keeps its legal and financial autonomy and cannot bind the others. The Agreement "
        "creates neither a company nor a joint venture.",
        ("t", "{%p endif %}"),
        ("t", "{%p if kind.cooperation_economique %}"),
        "The economic cooperation rests on exchanges of goods, services or skills between the "
        "Partners; services provided in this context are invoiced with the applicable value "
        "added tax, on the terms of {{ clause.contributions.ref }}.",
        ("t", "{%p endif %}"),
        ("t", "{%p if kind.innovation_societale %}"),
        "The societal innovation aims at designing and testing together a new answer to a social "
        "need; its results are governed by {{ clause.intellectual_property.ref }}.",
        ("t", "{%p endif %}"),
    ],
    "counterparts": [
        "In return for the donation of {{ donors }}, valued at {{ donation }}, the beneficiary "
        "grants the following counterparts:",
        ("t", "{%p if counterparts %}"),
        ("t", "{%p for c in counterparts %}"),
        ("b", "{{ c.description }} (estimated value: {{ c.value }})"),
        ("t", "{%p endfor %}"),
        ("t", "{%p else %}"),
        ("b", "no counterpart."),
        ("t", "{%p endif %}"),
        "The total value of the counterparts is {{ counterpart_total }}, that is "
        "{{ counterpart_share }} of the donation; it remains markedly disproportionate to it. "
        "After each payment, the beneficiary issues to the patron a tax receipt under article "
        "238 bis of the French General Tax Code.",
    ],
    "invoicing": [
        "The sums paid under {{ clause.contributions.ref }} are invoiced by the Partner receiving "
        "them, plus value added tax at the applicable rate, according to the payment schedule of "
        "Annex 1. They are payable within thirty days of the invoice date.",
        "Sponsorship expenses are deductible under ordinary rules; they do not give rise to a "
        "tax receipt.",
    ],
    "term": [
        "The Agreement comes into force on {{ term.start }} for a term of {{ term.duration }}, "
        "that is until {{ term.end }} inclusive.",
        ("t", "{%p if term.tacit %}"),
        "At the end of its term, it is tacitly renewed for the same term, unless terminated by a "
        "Partner by registered letter with acknowledgement of receipt, with {{ term.notice }} "
        "notice before expiry.",
        ("t", "{%p else %}"),
        "It may only be renewed expressly, by an amendment signed by the Partners. The Partners "
        "decide on its renewal no later than {{ term.notice }} before expiry; failing that, the "
        "Agreement ends at the end of its term.",
        ("t", "{%p endif %}"),
    ],
    "commitments": [
        "Each Partner undertakes to deploy in good faith the means needed to reach the objectives "
        "of the Agreement, to provide the contributions set out in {{ clause.contributions.ref }}, "
        "to take part in the bodies set out in {{ clause.governance.ref }} and to inform the other "
        "Partners without delay of any difficulty likely to affect the partnership. The Partners "
        "are bound by an obligation of means.",
        "The stakes of each Partner, which guide the performance of the Agreement, are:",
        ("t", "{%p for p in partners %}"),
        "**{{ p.name }}**:",
        ("t", "{%p for s in p.stakes %}"),
        ("b", "{{ s }}"),
        ("t", "{%p endfor %}"),
        ("t", "{%p endfor %}"),
    ],
    "contributions": [
        "The contributions of each Partner, in cash, in kind and in skills, are detailed with "
        "their valuation and payment schedule in Annex 1, which forms an integral part of the "
        "Agreement. They amount in total to {{ grand_total }}, shared as follows:",
        ("t", "{%p for t in totals %}"),
        ("b", "{{ t.partner }}: {{ t.total }}"),
        ("t", "{%p endfor %}"),
        "Cash contributions are paid according to the schedule of Annex 1, upon a call for funds. "
        "Contributions in kind and in skills are valued at full cost; this valuation is "
        "indicative and gives rise to no payment.",
    ],
    "sharing": [
        "The Partners share the costs of the partnership as follows: {{ sharing.costs }}",
        "The benefits expected by each Partner are:",
        ("t", "{%p for b in benefits %}"),
        ("b", "{{ b.partner }}: {{ b.description }} (value: {{ b.value }})"),
        ("t", "{%p endfor %}"),
    ],
    "risks": [
        "The risks identified are borne by the Partners as follows:",
        ("t", "{%p for r in risks %}"),
        ("b", "{{ r.description }}, borne by {{ r.owner }}; mitigation: {{ r.mitigation }}"),
        ("t", "{%p endfor %}"),
        "Each Partner bears the consequences of the risks it carries, within the limit of its "
        "commitments under the Agreement; no Partner is jointly liable for the commitments of "
        "another towards third parties.",
    ],
    "governance": [
        "A steering committee (comité de pilotage) is set up, made of the members listed in "
        "Annex 3. It meets {{ committee.cadence }}, and at any time at the request of a Partner.",
        "The steering committee steers and monitors the performance of the Agreement, reviews "
        "the milestones, decides at the Go/noGo decision points and proposes amendments. It "
        "decides {{ committee.rule }}."
        "{% for q in committee.quorum %} It may only decide when at least {{ q }} of its members "
        "are present.{% endfor %}",
        "In case of deadlock: {{ committee.deadlock }}",
        "Each meeting gives rise to a record of decisions, sent to the Partners within fifteen "
        "days.",
    ],
    "team": [
        "Each Partner appoints a referent, the contact of the other Partners for the performance "
        "of the Agreement:",
        ("t", "{%p for p in partners %}"),
        ("b", "for {{ p.name }}: {{ p.referent.contact }}"),
        ("t", "{%p endfor %}"),
        "The referents, with the people they appoint, form the project team. Any change of "
        "referent is notified in writing to the other Partners.",
        ("t", "{%p if rituals %}"),
        "The project team meets according to the following rituals:",
        ("t", "{%p for r in rituals %}"),
        ("b", "{{ r.name }}: {{ r.cadence }}, with {{ r.participants }}"),
        ("t", "{%p endfor %}"),
        ("t", "{%p endif %}"),
    ],
    "objectives": [
        "The Partners set themselves specific, measurable, achievable, realistic and time-bound "
        "(SMART) objectives. Each milestone has an indicator, a baseline, a target, a due date "
        "and an owner; the milestones are detailed in Annex 2:",
        ("t", "{%p for m in milestones %}"),
        (
            "b",
            "{{ m.title }} – due: {{ m.due }}; owner: {{ m.owner }}; indicator: {{ m.indicator }}",
        ),
        ("t", "{%p endfor %}"),
    ],
    "gates": [
        "The following milestones are Go/noGo decision points:",
        ("t", "{%p for g in gates %}"),
        ("b", "{{ g.title }} ({{ g.due }})"),
        ("t", "{%p endfor %}"),
        "At each of them, the steering committee decides, in the light of the indicators, to "
        "continue the partnership (Go), to continue it under conditions, or to end it (noGo) on "
        "the terms of {{ clause.termination.ref }}.",
    ],
    "evaluation": [
        "The steering committee reviews the partnership {{ reviews }}: indicators, compliance "
        "with the commitments and red lines, each Partner's view of the real and perceived "
        "benefits. An annual report is drawn up jointly and sent to the governing bodies of each "
        "Partner.",
    ],
    "communication": [
        "The Partners agree on the following communication rules: {{ sharing.communication }}",
        "Each Partner authorises the others to use its name and logo solely for communication "
        "about the partnership, during the term of the Agreement, in line with its brand "
        "guidelines and after prior approval. This authorisation confers no right in the "
        "trademarks, which remain the exclusive property of their owner; it ends with the "
        "Agreement.",
    ],
    "intellectual_property": [
        "Each Partner remains the owner of the intellectual property rights it held before the "
        "Agreement or develops independently of it. For the results of the partnership, the "
        "Partners agree as follows: {{ sharing.intellectual_property }}",
    ],
    "confidentiality": [
        "Each Partner undertakes to keep confidential any information of any kind disclosed by "
        "another Partner and marked as such, to use it only for the performance of the Agreement "
        "and not to disclose it without that Partner's prior written consent. This obligation "
        "applies during the term of the Agreement and for three years after it ends.",
        ("t", "{%p for c in sharing.confidentiality %}"),
        "The Partners further agree as follows: {{ c }}",
        ("t", "{%p endfor %}"),
    ],
    "personal_data": [
        "The Partners undertake to comply with Regulation (EU) 2016/679 of 27 April 2016 (GDPR) "
        "and the French law no. 78-17 of 6 January 1978 on information technology, data files and "
        "civil liberties. Their roles are shared as follows: {{ sharing.personal_data }}",
        "Where a Partner processes data on behalf of another, a contract complying with article "
        "28 of the GDPR is entered into; where they jointly determine the purposes and means of a "
        "processing, they are joint controllers and enter into the arrangement provided for by "
        "article 26 of the GDPR. Each Partner notifies the others without delay of any personal "
        "data breach concerning them.",
    ],
    "ethics": [
        "The Partners act independently: the Agreement creates between them no subordination, no "
        "exclusivity and no joint liability. Each Partner keeps control of its own project and "
        "strategy.",
        "Each Partner has stated the following red lines, which the others undertake to respect; "
        "compliance is checked at every review:",
        ("t", "{%p for p in partners %}"),
        ("t", "{%p for l in p.red_lines %}"),
        ("b", "{{ p.name }}: {{ l }}"),
        ("t", "{%p endfor %}"),
        ("t", "{%p endfor %}"),
        "The Partners refrain from any practice contrary to probity, including corruption and "
        "influence peddling, and inform each other of any conflict of interest.",
    ],
    "amendments": [
        "Any change to the Agreement is made by a written amendment (avenant), proposed by the "
        "steering committee and signed by the duly authorised representatives of the Partners. "
        "The annexes are updated in the same way.",
    ],
    "termination": [
        "Each Partner may terminate the Agreement in the event of a serious breach by another "
        "Partner of its obligations, not remedied thirty days after formal notice sent by "
        "registered letter with acknowledgement of receipt. The Agreement also ends upon a noGo "
        "decision of the steering committee, or by mutual consent, with {{ term.notice }} notice.",
        "Upon early termination, sums already paid and spent in line with their purpose remain "
        "with the Partner that received them; sums paid and not committed at the date of "
        "termination are returned to the Partner that paid them within sixty days, upon a "
        "statement of expenses. Contributions in kind and in skills already provided give rise "
        "to no reimbursement.",
        "The Partners organise the exit from the partnership so as to preserve the continuity of "
        "the support given to the beneficiaries. The provisions on confidentiality, personal "
        "data and intellectual property survive the end of the Agreement.",
    ],
    "disputes": [
        "The Agreement is governed by French law.",
        "In the event of a dispute over its interpretation or performance, the Partners first "
        "seek an amicable solution, within the steering committee and then between their "
        "executives; failing agreement within sixty days, the dispute is brought before the "
        "competent court.",
        "The Agreement is made in the English language. Should it be translated, the English "
        "version alone shall prevail.",
    ],
    "signatures": [
        "Made in {{ doc.copies }} originals, one for each Partner.",
        "At ______________________________, on ______________________________",
    ],
}

LABELS = {
    "fr": {
        "cover": "CONVENTION DE PARTENARIAT",
        "between": "ENTRE",
        "reference": "Référence : {{ doc.reference }}",
        "qualification": "Qualification : {{ doc.kind }}",
        "footer": "Convention de partenariat {{ doc.reference }} – page ",
        "of": " sur ",
        "for": "Pour {{ p.name }}",
        "signature": "Signature :",
        "annex1": "Annexe 1 – Contributions des Partenaires",
        "annex1_cols": ["Partenaire", "Nature", "Description", "Valorisation", "Modalités"],
        "totals_cols": ["Partenaire", "Total valorisé"],
        "total": "Total",
        "annex2": "Annexe 2 – Jalons, indicateurs et points Go/noGo",
        "annex2_cols": ["Jalon", "Échéance", "Responsable", "Indicateur", "Go/noGo"],
        "annex3": "Annexe 3 – Gouvernance",
        "annex3_intro": "Comité de pilotage : réunion {{ committee.cadence }} ; décisions "
        "{{ committee.rule }}.",
        "annex3_cols": ["Membre", "Partenaire", "Rôle", "Voix"],
        "rituals_intro": "Rituels du partenariat :",
        "rituals_cols": ["Rituel", "Fréquence", "Participants"],
    },
    "en": {
        "cover": "PARTNERSHIP AGREEMENT",
        "between": "BETWEEN",
        "reference": "Reference: {{ doc.reference }}",
        "qualification": "Qualification: {{ doc.kind }}",
        "footer": "Partnership agreement {{ doc.reference }} – page ",
        "of": " of ",
        "for": "For {{ p.name }}",
        "signature": "Signature:",
        "annex1": "Annex 1 – Contributions of the Partners",
        "annex1_cols": ["Partner", "Kind", "Description", "Value", "Terms"],
        "totals_cols": ["Partner", "Total value"],
        "total": "Total",
        "annex2": "Annex 2 – Milestones, indicators and Go/noGo points",
        "annex2_cols": ["Milestone", "Due", "Owner", "Indicator", "Go/noGo"],
        "annex3": "Annex 3 – Governance",
        "annex3_intro": "Steering committee: meets {{ committee.cadence }}; decides "
        "{{ committee.rule }}.",
        "annex3_cols": ["Member", "Partner", "Role", "Votes"],
        "rituals_intro": "Rituals of the partnership:",
        "rituals_cols": ["Ritual", "Cadence", "Participants"],
    },
}

FONT = "Times New Roman"


def _runs(paragraph, text: str) -> None:
    for i, part in enumerate(text.split("**")):
        if part:
            paragraph.add_run(part).bold = i % 2 == 1


def _paragraph(doc, item: Item):
    if isinstance(item, tuple):
        kind, text = item
        if kind == "b":
            p = doc.add_paragraph(style="List Bullet")
            _runs(p, text)
            return p
        return doc.add_paragraph(text)  # a {%p %} tag paragraph: removed at rendering
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _runs(p, item)
    return p


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / result / end runs."""
    for kind, text in (
        ("begin", None),
        ("instr", code),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


TABLE_POINTS = 9


def _table(doc, columns: list[str], loop: str, cells: list[str], widths: list[float]):
    """A grid table: a repeated header row, then one row per item of ``loop``."""
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for cell, title in zip(header.cells, columns, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(title)
        run.bold = True
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), "D9E2F3")
        cell._tc.get_or_add_tcPr().append(shading)
    table.rows[1].cells[0].text = f"{{%tr for {loop} %}}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    for row in (header, table.rows[2]):  # annex tables in a smaller size than the articles
        for cell in row.cells:
            for run_ in cell.paragraphs[0].runs:
                run_.font.size = Pt(TABLE_POINTS)
    _widths(table, widths)
    return table


def _widths(table, widths: list[float]) -> None:
    """Column widths that both Word (cell widths) and LibreOffice (grid columns) honour."""
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 24), ("Subtitle", 14), ("Heading 1", 12), ("Heading 2", 11)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)
        rfonts = style.element.rPr.rFonts
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
    heading = doc.styles["Heading 1"]
    heading.font.bold = True
    heading.paragraph_format.space_before = Pt(14)
    heading.paragraph_format.space_after = Pt(6)
    heading.paragraph_format.keep_with_next = True
    doc.styles["List Bullet"].font.name = FONT


def build(language: str, target: Path) -> None:
    texts = FR if language == "fr" else EN
    missing = [c.id for c in CLAUSES if c.id not in texts]
    if missing:
        raise SystemExit(f"{language}: no text for the clauses {', '.join(missing)}")
    labels = LABELS[language]
    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(labels["footer"])
    _field(footer, "PAGE")
    footer.add_run(labels["of"])
    _field(footer, "NUMPAGES")
    for run in footer.runs:
        run.font.size = Pt(9)

    # Title page
    for _ in range(6):
        doc.add_paragraph()
    doc.add_paragraph(labels["cover"], style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("{{ doc.title }}", style="Subtitle").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in (labels["qualification"], labels["reference"], "", labels["between"]):
        doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("{%p for p in partners %}")
    name = doc.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    name.add_run("{{ p.name }}").bold = True
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # Parties, preamble, articles, signatures: in the order of the clause library
    for clause in CLAUSES:
        if clause.condition:
            doc.add_paragraph(f"{{%p if clause.{clause.id}.included %}}")
        doc.add_paragraph(f"{{{{ clause.{clause.id}.heading }}}}", style="Heading 1")
        for item in texts[clause.id]:
            _paragraph(doc, item)
        if clause.condition:
            doc.add_paragraph("{%p endif %}")

    # Signature blocks: one row per signatory
    sign = doc.add_table(rows=3, cols=2)
    sign.style = "Table Grid"
    sign.rows[0].cells[0].text = "{%tr for p in partners %}"
    left = sign.rows[1].cells[0]
    left.text = ""
    left.paragraphs[0].add_run(labels["for"]).bold = True
    left.add_paragraph("{{ p.signatory.name }}")
    left.add_paragraph("{{ p.signatory.role }}")
    right = sign.rows[1].cells[1]
    right.text = labels["signature"]
    for _ in range(3):
        right.add_paragraph()
    no_split = OxmlElement("w:cantSplit")
    sign.rows[1]._tr.get_or_add_trPr().append(no_split)
    sign.rows[2].cells[0].text = "{%tr endfor %}"
    _widths(sign, [8.0, 8.0])

    # Annexes
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph(labels["annex1"], style="Heading 1")
    _table(
        doc,
        labels["annex1_cols"],
        "c in contributions",
        [
            "{{ c.partner }}",
            "{{ c.kind }}",
            "{{ c.description }}",
            "{{ c.value }}",
            "{{ c.detail }}",
        ],
        [3.0, 2.7, 3.9, 3.4, 3.0],
    )
    doc.add_paragraph()
    totals = _table(
        doc, labels["totals_cols"], "t in totals", ["{{ t.partner }}", "{{ t.total }}"], [8.0, 8.0]
    )
    last = totals.add_row()
    last.cells[0].paragraphs[0].add_run(labels["total"]).bold = True
    last.cells[1].paragraphs[0].add_run("{{ grand_total }}").bold = True

    doc.add_paragraph(labels["annex2"], style="Heading 1")
    _table(
        doc,
        labels["annex2_cols"],
        "m in milestones",
        ["{{ m.title }}", "{{ m.due }}", "{{ m.owner }}", "{{ m.indicator }}", "{{ m.gate }}"],
        [3.8, 2.8, 3.2, 4.4, 1.8],
    )

    doc.add_paragraph(labels["annex3"], style="Heading 1")
    doc.add_paragraph(labels["annex3_intro"])
    _table(
        doc,
        labels["annex3_cols"],
        "m in committee.members",
        ["{{ m.name }}", "{{ m.partner }}", "{{ m.role }}", "{{ m.votes }}"],
        [4.5, 5.0, 4.0, 2.5],
    )
    doc.add_paragraph("{%p if rituals %}")
    doc.add_paragraph(labels["rituals_intro"])
    _table(
        doc,
        labels["rituals_cols"],
        "r in rituals",
        ["{{ r.name }}", "{{ r.cadence }}", "{{ r.participants }}"],
        [5.0, 4.0, 7.0],
    )
    doc.add_paragraph("{%p endif %}")

    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(template_bytes(doc, title=labels["cover"].capitalize(), language=language))


def main() -> None:
    for language in ("fr", "en"):
        target = HERE / language / "agreement.docx"
        build(language, target)
        print(f"built {target.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
