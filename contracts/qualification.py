"""Partnership or service? (wrong choice of partner, mission drift)

What the company pays for may be a partnership serving the ESS partner's mission, or a
service it buys for its own customers at a price it sets, the ESS partner selecting no one
and owning nothing. The second is a service contract (or subcontracting), not a
partnership: the method's wrong choice of partner, and the ESS partner's mission drifting
towards the company's customers.

:func:`service_not_partnership` counts the signs of a service, from the rights the file
states (``rights``: who sets the scope and the price, who selects the beneficiaries, who
owns what is produced, whose customers the beneficiaries are) or, where a right is not
stated, from the words of the file (a ``prestation`` paid ``sur facture`` at a ``tarif``,
beneficiaries who are the company's ``clients``, an IP clause giving everything to the
company, the ESS partner's benefit being turnover). With :data:`SERVICE_SIGNS` signs or
more, the finding blocks at the legal gate, unless a legal officer characterised the
relation as a service (``rights.characterised_as_service_by``): then it is information, and
the act to write is a service contract.
"""

from __future__ import annotations

from collections.abc import Callable

from coopact.contracts import wording
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.schemas import ContributionKind, Partner, Partnership

SERVICE_SIGNS = 3

SERVICE_NOT_PARTNERSHIP = message(
    "qualification.service_not_partnership",
    fr="Ce que {company} finance ressemble à une prestation achetée à {ess}, non à un "
    "partenariat servant sa mission ({count} signes sur {total} : {signs_fr}). Une prestation "
    "relève d'un contrat de prestation de services : faites qualifier la relation par le "
    "juriste (rights.characterised_as_service_by) ou rééquilibrez les droits.",
    en="What {company} pays for looks like a service bought from {ess}, not a partnership "
    "serving its mission ({count} signs of {total}: {signs_en}). A service calls for a "
    "service contract: have the legal officer characterise the relation "
    "(rights.characterised_as_service_by) or rebalance the rights.",
)
CHARACTERISED_AS_SERVICE = message(
    "qualification.characterised_as_service",
    fr="{officer} a qualifié la relation entre {company} et {ess} de prestation de services "
    "({signs_fr}) : l'acte à signer est un contrat de prestation, non une convention de "
    "partenariat.",
    en="{officer} characterised the relation between {company} and {ess} as a service "
    "({signs_en}): the act to sign is a service contract, not a partnership agreement.",
)
RIGHTS_NOT_STATED = message(
    "qualification.rights_not_stated",
    fr="Le fichier ne dit pas qui fixe le périmètre et le prix, qui sélectionne les "
    "bénéficiaires ni à qui appartient ce qui est produit (rights) : la qualification "
    "(partenariat ou prestation) se fonde sur les seuls termes du fichier. Ajoutez rights: "
    "{{scope_and_price_set_by: [...], beneficiaries_selected_by: [...], "
    "outputs_owned_by: [...]}}.",
    en="The file does not say who sets the scope and the price, who selects the "
    "beneficiaries, nor who owns what is produced (rights): the qualification (partnership "
    "or service) rests on the file's words only. Add rights: {{scope_and_price_set_by: "
    "[...], beneficiaries_selected_by: [...], outputs_owned_by: [...]}}.",
)

_SIGNS = {
    "price": ("{company} fixe le périmètre et le prix", "{company} sets the scope and the price"),
    "selection": ("{ess} ne sélectionne personne", "{ess} selects no one"),
    "ownership": ("{ess} ne détient rien de ce qui est produit", "{ess} owns nothing produced"),
    "customers": (
        "les bénéficiaires sont les clients de {company}",
        "the beneficiaries are {company}'s customers",
    ),
    "turnover": (
        "le bénéfice de {ess} est un chiffre d'affaires",
        "{ess}'s benefit is turnover",
    ),
}
_PRICE_WORDS = (
    "prestation",
    "factur",
    "tarif",
    "prix",
    "au forfait",
    "devis",
    "invoice",
    "price",
    "fee",
    "service fee",
    "sous traitance",
    "bon de commande",
    "cahier des charges",
    "subcontract",
    "purchase order",
)
_CUSTOMER_WORDS = ("clients", "client", "assures", "customers", "customer", "policyholders")
_OWN_WORDS = (
    "propriete exclusive",
    "appartiennent",
    "appartient",
    "exclusive property",
    "owned by",
)
_TURNOVER_WORDS = ("chiffre affaires", "turnover", "revenue", "ventes", "sales")


def _folded(text: str) -> str:
    return " ".join(wording.words(text))


def _has(text: str, phrases: tuple[str, ...]) -> bool:
    folded = f" {_folded(text)} "
    return any(f" {p}" in folded for p in phrases)


def _names(text: str, partner: Partner) -> bool:
    own = [w for w in wording.words(partner.name) if len(w) >= 4]
    folded = _folded(text).split()
    return partner.key in folded or any(w in folded for w in own[:2])


def _signs(partnership: Partnership, company: Partner, ess: Partner) -> list[str]:
    """The signs of a service between ``company`` (pays) and ``ess`` (delivers)."""
    rights = partnership.rights
    signs = []

    def stated_or(value: list[str] | None, said: Callable[[list[str]], bool], words: bool) -> bool:
        return said(value) if value is not None else words

    paid = [
        c
        for c in partnership.contributions
        if c.partner == company.key and c.kind is ContributionKind.cash
    ]
    priced = any(_has(f"{c.description} {c.schedule or ''}", _PRICE_WORDS) for c in paid)
    if stated_or(
        rights.scope_and_price_set_by if rights else None,
        lambda keys: company.key in keys and ess.key not in keys,
        priced,
    ):
        signs.append("price")
    beneficiaries = f"{partnership.vision.beneficiaries or ''} {partnership.vision.statement}"
    customers = _has(beneficiaries, _CUSTOMER_WORDS) and _names(beneficiaries, company)
    if stated_or(
        rights.beneficiaries_selected_by if rights else None,
        lambda keys: ess.key not in keys,
        customers,
    ):
        signs.append("selection")
    ip = partnership.sharing.intellectual_property
    owned = _has(ip, _OWN_WORDS) and _names(ip, company) and not _names(ip, ess)
    if stated_or(
        rights.outputs_owned_by if rights else None,
        lambda keys: ess.key not in keys,
        owned,
    ):
        signs.append("ownership")
    customers_of = rights.beneficiaries_are_customers_of if rights else None
    if customers_of == company.key or (customers_of is None and customers):
        signs.append("customers")
    if any(
        b.partner == ess.key and _has(b.description, _TURNOVER_WORDS) for b in partnership.benefits
    ):
        signs.append("turnover")
    return signs


def _payers(partnership: Partnership) -> list[Partner]:
    """The partners outside the ESS that bring cash."""
    paying = {c.partner for c in partnership.contributions if c.kind is ContributionKind.cash}
    return [p for p in partnership.partners if not p.ess and p.key in paying]


def service_not_partnership(partnership: Partnership) -> list[Finding]:
    """What a company pays an ESS partner for is a partnership, not a service (blocking at
    the legal gate with :data:`SERVICE_SIGNS` signs or more, unless characterised)."""
    found = []
    for company in _payers(partnership):
        for ess in (p for p in partnership.partners if p.ess):
            signs = _signs(partnership, company, ess)
            if len(signs) < SERVICE_SIGNS:
                continue
            names = {"company": company.name, "ess": ess.name}
            params = {
                **names,
                "count": len(signs),
                "total": len(_SIGNS),
                "signs_fr": " ; ".join(_SIGNS[s][0].format(**names) for s in signs),
                "signs_en": "; ".join(_SIGNS[s][1].format(**names) for s in signs),
                "signs": signs,
            }
            officer = partnership.rights.characterised_as_service_by if partnership.rights else None
            if officer:
                found.append(
                    Finding(
                        code=CHARACTERISED_AS_SERVICE,
                        severity=Severity.info,
                        factor=Factor.formaliser,
                        path="rights.characterised_as_service_by",
                        params={**params, "officer": officer},
                    )
                )
                continue
            found.append(
                Finding(
                    code=SERVICE_NOT_PARTNERSHIP,
                    severity=Severity.blocking,
                    factor=Factor.construire,
                    path="rights" if partnership.rights else "contributions",
                    params=params,
                )
            )
    return found


def rights_stated(partnership: Partnership) -> list[Finding]:
    """At registration: the rights are stated when a company brings cash to an ESS partner
    (a warning; the qualification then reads the words)."""
    if partnership.rights is not None or not _payers(partnership):
        return []
    if not any(p.ess for p in partnership.partners):
        return []
    return [
        Finding(
            code=RIGHTS_NOT_STATED,
            severity=Severity.warning,
            factor=Factor.construire,
            path="rights",
        )
    ]
