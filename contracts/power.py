"""Power is votes and last words, not seats (Démarrer, power imbalance).

A comité de pilotage can seat every partner and still leave one of them with nothing to
say. The rules below read who holds the votes, who has the last word on a deadlock, and
whether the people named are people:

- a seat without a vote (:func:`seats_without_vote`): a partner whose seats hold no vote at
  all blocks activation; an observer seat beside voting ones is a warning;
- one partner able to decide alone under the rule over an ESS partner
  (:func:`decides_alone_without_safeguard`): it blocks unless the ESS partners accepted it
  with a written safeguard (``sole_decision_safeguard``) or hold a mission veto (over
  companies only, ``governance.sole_decider`` stays a warning);
- the last word on a deadlock given to one partner (:func:`deadlock_last_word`): the same;
- a referent, a sponsor or a committee member who is a placeholder ("à recruter", "TBD",
  "N/A"...) rather than a person (:func:`named_people`): it blocks activation;
- one person holding every role of a partner (sponsor, signatory, referent, its only seat
  on the committee: :func:`one_person_holds_every_role`): the partnership rests on one
  person's time and nobody checks her, a warning.
"""

from __future__ import annotations

from coopact.contracts import wording
from coopact.contracts.balance import can_decide_alone
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.roles import person_key
from coopact.schemas import DecisionRule, Partner, Partnership

_COMMITTEE = "governance.steering_committee"

SEAT_WITHOUT_VOTE = message(
    "governance.seat_without_vote",
    fr="{member} siège au comité de pilotage pour {partner} sans aucune voix{alone_fr} : un "
    "siège sans voix ne donne aucun pouvoir de décision.",
    en="{member} sits on the steering committee for {partner} with no vote{alone_en}: a seat "
    "without a vote gives no power to decide.",
)
DECIDES_ALONE_UNSAFE = message(
    "governance.decides_alone_without_safeguard",
    fr="{partner} détient {votes} voix sur {total} et le comité décide {rule} : ce partenaire "
    "décide seul, et aucune garantie écrite acceptée par {others} n'est prévue "
    "(sole_decision_safeguard) ni de veto sur leur mission (mission_veto).",
    en="{partner} holds {votes} of {total} votes and the committee decides by {rule}: this "
    "partner decides alone, and no written safeguard accepted by {others} is stated "
    "(sole_decision_safeguard) nor a veto on their mission (mission_veto).",
)
DEADLOCK_LAST_WORD = message(
    "governance.deadlock_last_word",
    fr="En cas de blocage, le dernier mot revient à {partner} (« {deadlock} ») : toute "
    "décision du comité devient la sienne dès que les partenaires sont en désaccord. "
    "Prévoyez une médiation ou une garantie écrite acceptée par {others}.",
    en='On a deadlock the last word goes to {partner} ("{deadlock}"): every decision of the '
    "committee becomes its own as soon as the partners disagree. Provide a mediation or a "
    "written safeguard accepted by {others}.",
)
PLACEHOLDER_PERSON = message(
    "governance.referent_placeholder",
    fr="Le {role_fr} de {partner} n'est pas une personne (« {name} ») : un partenariat ne "
    "démarre pas sans une personne nommée pour le porter.",
    en='The {role_en} of {partner} is not a person ("{name}"): a partnership does not start '
    "without a named person to carry it.",
)
MEMBER_PLACEHOLDER = message(
    "governance.member_placeholder",
    fr="Un membre du comité de pilotage pour {partner} n'est pas une personne (« {name} ») : "
    "personne ne votera pour ce partenaire.",
    en='A steering committee member for {partner} is not a person ("{name}"): nobody will '
    "vote for this partner.",
)
ONE_PERSON = message(
    "governance.one_person_holds_every_role",
    fr="{name} est à la fois sponsor, signataire, référent et seul membre du comité de "
    "pilotage de {partner} : le partenariat repose sur le temps d'une seule personne, et "
    "personne d'autre ne suit ses engagements.",
    en="{name} is at once sponsor, signatory, referent and the only steering committee member "
    "of {partner}: the partnership rests on one person's time, and nobody else follows its "
    "commitments.",
)

# Names that are not a person yet (besides wording.PLACEHOLDERS).
_NOBODY = frozenset(
    {
        "a recruter",
        "en cours de recrutement",
        "recrutement en cours",
        "a designer",
        "a nommer",
        "a confirmer",
        "vacant",
        "poste vacant",
        "inconnu",
        "nn",
        "to be recruited",
        "to be appointed",
        "to be named",
        "to be hired",
        "vacancy",
        "unknown",
        "not applicable",
    }
)
# What gives the last word: the words of a casting vote, a decision taken by one side.
_LAST_WORD = (
    "tranche",
    "tranchera",
    "arbitre",
    "arbitrera",
    "voix preponderante",
    "dernier mot",
    "decide seul",
    "decidera seul",
    "decision finale",
    "prevaut",
    "prevaudra",
    "casting vote",
    "final say",
    "last word",
    "decides alone",
    "final decision",
    "prevails",
    "shall decide",
    "decides",
)
_NEUTRAL = ("mediat", "tiers", "third party", "commun accord", "mutual", "arbitrage d'un")


_NOBODY_START = (
    "a recruter",
    "a designer",
    "a nommer",
    "a pourvoir",
    "poste a pourvoir",
    "recrutement",
    "en cours de",
    "to be ",
    "tbd",
    "pending",
    "vacant",
)


# The steering committee's rule in words (the governance findings say it too).
RULE_WORDS: dict[str, dict[DecisionRule, str]] = {
    "fr": {
        DecisionRule.consensus: "par consensus",
        DecisionRule.majority: "à la majorité des voix",
        DecisionRule.unanimity: "à l'unanimité",
    },
    "en": {
        DecisionRule.consensus: "consensus",
        DecisionRule.majority: "majority of votes",
        DecisionRule.unanimity: "unanimity",
    },
}


def is_nobody(name: str) -> bool:
    """A placeholder rather than a person's name (``À recruter``, ``TBD``, ``N/A``, ``Poste
    à pourvoir``, ``Recrutement en cours``)."""
    said = " ".join(wording.words(name))
    return (
        wording.is_placeholder(name)
        or said in _NOBODY
        or said.startswith(_NOBODY_START)
        or not any(c.isalpha() for c in name)
    )


def _finding(
    code: str, severity: Severity, path: str, factor: Factor = Factor.demarrer, **params: object
) -> Finding:
    return Finding(code=code, severity=severity, factor=factor, path=path, params=params)


def seats_without_vote(partnership: Partnership) -> list[Finding]:
    """Every seat holds a vote: a partner with no vote at all blocks, an observer warns."""
    members = partnership.governance.steering_committee.members
    votes = {p.key: 0 for p in partnership.partners}
    for member in members:
        votes[member.partner] = votes.get(member.partner, 0) + member.votes
    found = []
    for i, member in enumerate(members):
        if member.votes > 0 and not _advisory(member.role):
            continue
        alone = votes.get(member.partner, 0) == 0
        found.append(
            _finding(
                SEAT_WITHOUT_VOTE,
                Severity.blocking if alone else Severity.warning,
                f"{_COMMITTEE}.members[{i}]",
                Factor.equilibrer,
                member=member.name,
                partner=partnership.partner(member.partner).name,
                partner_key=member.partner,
                alone_fr=" (ce partenaire n'a aucune autre voix)" if alone else "",
                alone_en=" (this partner has no other vote)" if alone else "",
            )
        )
    return found


_ADVISORY = ("observ", "consultati", "sans voix", "non votant", "non voting", "advisory")


def _advisory(role: str | None) -> bool:
    """A role that says the seat holds no vote (``observatrice``, ``voix consultative``)."""
    said = " ".join(wording.words(role or ""))
    return any(word in said for word in _ADVISORY)


def _safeguarded(partnership: Partnership, holder: str) -> bool:
    """The other ESS partners accepted a partner's sole decision in writing, or hold a
    mission veto (a partner deciding alone over companies only is a warning elsewhere)."""
    committee = partnership.governance.steering_committee
    if committee.sole_decision_safeguard:
        return True
    vetoes = set(committee.mission_veto or [])
    others = {p.key for p in partnership.partners if p.key != holder and p.ess}
    return others <= vetoes  # no other ESS partner: its mission is not at stake


def _others(partnership: Partnership, holder: str) -> str:
    return ", ".join(p.name for p in partnership.partners if p.key != holder)


def decides_alone_without_safeguard(partnership: Partnership) -> list[Finding]:
    """No partner decides alone under the rule unless the others accepted a safeguard."""
    committee = partnership.governance.steering_committee
    votes = {p.key: 0 for p in partnership.partners}
    for member in committee.members:
        votes[member.partner] = votes.get(member.partner, 0) + member.votes
    total = sum(votes.values())
    words = RULE_WORDS.get(partnership.language.value, RULE_WORDS["en"])
    return [
        _finding(
            DECIDES_ALONE_UNSAFE,
            Severity.blocking,
            f"{_COMMITTEE}.decision_rule",
            Factor.equilibrer,
            partner=p.name,
            partner_key=p.key,
            votes=votes[p.key],
            total=total,
            rule=words[committee.decision_rule],
            others=_others(partnership, p.key),
        )
        for p in partnership.partners
        if total
        and can_decide_alone(votes[p.key], total, committee.decision_rule)
        and not _safeguarded(partnership, p.key)
    ]


def _named_in(text: str, partner: Partner, partnership: Partnership) -> bool:
    """The text names the partner: its key, a significant word of its name, or its people."""
    folded = " ".join(wording.words(text))
    if partner.key in folded.split():
        return True
    own = set(wording.words(partner.name)) - _COMMON_NAME_WORDS
    if any(len(w) >= 4 and w in folded.split() for w in own):
        return True
    names = [p.name for p in (partner.sponsor, partner.referent, partner.signatory) if p]
    members = partnership.governance.steering_committee.members
    names += [m.name for m in members if m.partner == partner.key]
    said = person_key(text)
    if any(person_key(name) and person_key(name) in said for name in names):
        return True
    # A casting vote given by role: "la voix prépondérante du président" when the président
    # sits for this partner only.
    roles = {wording.fold(m.role) for m in members if m.role and m.partner == partner.key}
    others = {wording.fold(m.role) for m in members if m.role and m.partner != partner.key}
    return any(role and role not in others and role in folded for role in roles)


_COMMON_NAME_WORDS = frozenset(
    [
        "association",
        "fondation",
        "societe",
        "cooperative",
        "mutuelle",
        "groupe",
        "france",
        "sas",
        "sarl",
        "scop",
        "scic",
        "entreprise",
        "emploi",
        "urbaine",
    ]
)


def deadlock_last_word(partnership: Partnership) -> list[Finding]:
    """The deadlock procedure does not hand the last word to one partner (unless a written
    safeguard was accepted): a last-word phrase with exactly one partner named."""
    committee = partnership.governance.steering_committee
    text = committee.deadlock
    if not text or committee.sole_decision_safeguard:
        return []
    folded = " ".join(wording.words(text))
    if not any(phrase in folded for phrase in _LAST_WORD):
        return []
    named = [p for p in partnership.partners if _named_in(text, p, partnership)]
    if len(named) != 1 or (any(n in folded for n in _NEUTRAL) and "seul" not in folded):
        return []
    holder = named[0]
    return [
        _finding(
            DEADLOCK_LAST_WORD,
            Severity.blocking,
            f"{_COMMITTEE}.deadlock",
            Factor.equilibrer,
            partner=holder.name,
            partner_key=holder.key,
            deadlock=wording.quoted(text),
            others=_others(partnership, holder.key),
        )
    ]


_ROLE_WORDS = {
    "referent": ("référent", "referent"),
    "sponsor": ("sponsor", "sponsor"),
}


def named_people(partnership: Partnership) -> list[Finding]:
    """The referents, sponsors and committee members are people, not placeholders."""
    found = []
    for i, partner in enumerate(partnership.partners):
        for field, (fr, en) in _ROLE_WORDS.items():
            person = getattr(partner, field)
            if person is not None and is_nobody(person.name):
                found.append(
                    _finding(
                        PLACEHOLDER_PERSON,
                        Severity.blocking,
                        f"partners[{i}].{field}.name",
                        partner=partner.name,
                        partner_key=partner.key,
                        name=person.name,
                        role_fr=fr,
                        role_en=en,
                    )
                )
    for i, member in enumerate(partnership.governance.steering_committee.members):
        if is_nobody(member.name):
            found.append(
                _finding(
                    MEMBER_PLACEHOLDER,
                    Severity.blocking,
                    f"{_COMMITTEE}.members[{i}].name",
                    partner=partnership.partner(member.partner).name,
                    name=member.name,
                )
            )
    return found


def one_person_holds_every_role(partnership: Partnership) -> list[Finding]:
    """A partner's sponsor, signatory and referent are not one person who is also its only
    member of the comité de pilotage."""
    members = partnership.governance.steering_committee.members
    found = []
    for i, partner in enumerate(partnership.partners):
        people = [partner.sponsor, partner.signatory, partner.referent]
        if any(person is None for person in people):
            continue
        names = {person_key(person.name) for person in people if person is not None}
        seats = {person_key(m.name) for m in members if m.partner == partner.key}
        if len(names) == 1 and seats == names:
            found.append(
                _finding(
                    ONE_PERSON,
                    Severity.warning,
                    f"partners[{i}].referent",
                    partner=partner.name,
                    name=partner.referent.name if partner.referent else "",
                )
            )
    return found


RULES = (
    seats_without_vote,
    decides_alone_without_safeguard,
    deadlock_last_word,
    named_people,
    one_person_holds_every_role,
)


def power_findings(partnership: Partnership) -> list[Finding]:
    """Every finding on who holds the votes, the last word and the roles."""
    return [finding for rule in RULES for finding in rule(partnership)]
