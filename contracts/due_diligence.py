"""Partner due diligence: is each partner who it says it is, and able to commit?

Malformed identifiers (a SIREN or SIRET failing its checksum, an RNA number not shaped
``W`` + 9 digits) never get this far: ``schemas.identifiers`` refuses them at input with
their field path. The rules here look at what a valid file can still get wrong: identifiers
that do not fit the legal form, an ESUS accreditation that does not cover the term, a
signatory without stated authority, an ESS status that does not fit the legal form, and a
red line of one partner that another partner's stakes or contributions may contradict.
"""

from __future__ import annotations

from coopact.contracts.constraints import commitment_beyond_constraint
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.red_lines import red_line_may_be_contradicted
from coopact.schemas import LegalForm, Partnership
from coopact.schemas.vocabulary import COMMERCIAL_COMPANY_FORMS

# Associations declared under the 1901 law are registered in the RNA (répertoire national
# des associations). Associations of Alsace-Moselle (loi 1908) are registered at the court
# instead and have no RNA number, so they are not required to state one.
RNA_REQUIRED: frozenset[LegalForm] = frozenset({LegalForm.association_loi_1901})

# Companies registered at the RCS: they have a SIREN (and a SIRET per establishment).
COMPANIES: frozenset[LegalForm] = COMMERCIAL_COMPANY_FORMS

# Commercial companies: part of the ESS only when they meet the conditions of article 1 of
# loi 2014-856, which the ESUS accreditation attests.
COMMERCIAL_COMPANIES: frozenset[LegalForm] = frozenset(
    {
        LegalForm.sas,
        LegalForm.sasu,
        LegalForm.sa,
        LegalForm.sarl,
        LegalForm.eurl,
        LegalForm.sca,
        LegalForm.snc,
    }
)

# Legal forms that belong to the ESS by law (loi 2014-856, article 1).
ESS_BY_LAW: frozenset[LegalForm] = frozenset(
    {
        LegalForm.association_loi_1901,
        LegalForm.association_loi_1908,
        LegalForm.fondation,
        LegalForm.scop,
        LegalForm.scic,
        LegalForm.cooperative,
        LegalForm.mutuelle,
    }
)

RNA_MISSING = message(
    "due_diligence.rna_missing",
    fr="{partner} est une association déclarée (loi 1901) mais son numéro RNA n’est pas indiqué.",
    en="{partner} is a declared association (1901 law) but its RNA number is not stated.",
)
SIREN_MISSING = message(
    "due_diligence.siren_missing",
    fr="{partner} est une société ({legal_form}) mais ni son SIREN ni son SIRET n’est indiqué.",
    en="{partner} is a company ({legal_form}) but neither its SIREN nor its SIRET is stated.",
)
RCS_MISSING = message(
    "due_diligence.rcs_missing",
    fr="{partner} est une société ({legal_form}) mais sa ville d’immatriculation au RCS n’est "
    "pas indiquée : la convention ne pourra pas l’identifier comme un juriste l’attend (RCS, "
    "capital social).",
    en="{partner} is a company ({legal_form}) but its RCS registry city is not stated: the "
    "agreement cannot identify it as a lawyer expects (RCS, share capital).",
)
SIRET_NOT_OF_SIREN = message(
    "due_diligence.siret_not_of_siren",
    fr=(
        "Le SIRET {siret} de {partner} ne commence pas par son SIREN {siren} : l’un des deux "
        "est erroné."
    ),
    en=(
        "The SIRET {siret} of {partner} does not start with its SIREN {siren}: one of them is "
        "wrong."
    ),
)
ESUS_EXPIRED_AT_START = message(
    "due_diligence.esus_expired_at_start",
    fr=(
        "L’agrément ESUS de {partner} expire le {expires_on}, avant le début du "
        "partenariat ({start_date}) ou le jour même."
    ),
    en=(
        "The ESUS accreditation of {partner} expires on {expires_on}, no later than the start "
        "of the partnership ({start_date})."
    ),
)
ESUS_NOT_YET_APPROVED = message(
    "due_diligence.esus_not_yet_approved",
    fr=(
        "L’agrément ESUS de {partner} n’est accordé qu’à partir du {approved_on}, après le "
        "début du partenariat ({start_date})."
    ),
    en=(
        "The ESUS accreditation of {partner} is only granted from {approved_on}, after the "
        "start of the partnership ({start_date})."
    ),
)
ESUS_EXPIRES_DURING_TERM = message(
    "due_diligence.esus_expires_during_term",
    fr=(
        "L’agrément ESUS de {partner} expire le {expires_on}, avant la fin du partenariat "
        "({end_date}) : prévoir son renouvellement."
    ),
    en=(
        "The ESUS accreditation of {partner} expires on {expires_on}, before the end of the "
        "partnership ({end_date}): plan its renewal."
    ),
)
SIGNATORY_MISSING = message(
    "due_diligence.signatory_missing",
    fr=(
        "{partner} n’a pas de signataire : personne n’est désigné pour signer la convention "
        "de partenariat."
    ),
    en="{partner} has no signatory: nobody is named to sign the partnership agreement.",
)
SIGNATORY_AUTHORITY_MISSING = message(
    "due_diligence.signatory_authority_missing",
    fr=(
        "Le pouvoir de signer de {signatory} pour {partner} n’est pas indiqué (statuts, "
        "délibération, délégation)."
    ),
    en=(
        "The authority of {signatory} to sign for {partner} is not stated (articles, board "
        "resolution, delegation)."
    ),
)
ESS_BY_LAW_NOT_DECLARED = message(
    "due_diligence.ess_by_law_not_declared",
    fr=(
        "{partner} ({legal_form}) relève de l’ESS de par la loi du 31 juillet 2014, mais le "
        "fichier indique ess: false."
    ),
    en=(
        "{partner} ({legal_form}) belongs to the ESS by law (loi 2014-856), but the file says "
        "ess: false."
    ),
)
ESS_CLAIM_WITHOUT_ESUS = message(
    "due_diligence.ess_claim_without_esus",
    fr=(
        "{partner} est une société commerciale ({legal_form}) qui se déclare de l’ESS sans "
        "agrément ESUS : vérifier que ses statuts remplissent les conditions de l’article 1 "
        "de la loi du 31 juillet 2014."
    ),
    en=(
        "{partner} is a commercial company ({legal_form}) that claims to be ESS without an "
        "ESUS accreditation: check that its articles meet the conditions of article 1 of loi "
        "2014-856."
    ),
)


def _finding(code: str, severity: Severity, path: str, **params: object) -> Finding:
    return Finding(code=code, severity=severity, factor=Factor.construire, path=path, params=params)


def rna_missing(partnership: Partnership) -> list[Finding]:
    """A declared association (1901 law) states its RNA number."""
    return [
        _finding(RNA_MISSING, Severity.blocking, f"partners[{i}].identifiers.rna", partner=p.name)
        for i, p in enumerate(partnership.partners)
        if p.legal_form in RNA_REQUIRED and p.identifiers.rna is None
    ]


def siren_missing(partnership: Partnership) -> list[Finding]:
    """A company registered at the RCS states its SIREN or a SIRET."""
    return [
        _finding(
            SIREN_MISSING,
            Severity.blocking,
            f"partners[{i}].identifiers.siren",
            partner=p.name,
            legal_form=p.legal_form.value,
        )
        for i, p in enumerate(partnership.partners)
        if p.legal_form in COMPANIES and p.identifiers.siren is None and p.identifiers.siret is None
    ]


def rcs_missing(partnership: Partnership) -> list[Finding]:
    """A company states where it is registered at the RCS (a warning: the agreement is then
    written without it)."""
    return [
        _finding(
            RCS_MISSING,
            Severity.warning,
            f"partners[{i}].registration.rcs_city",
            partner=p.name,
            legal_form=p.legal_form.value,
        )
        for i, p in enumerate(partnership.partners)
        if p.legal_form in COMPANIES and (p.registration is None or not p.registration.rcs_city)
    ]


def siret_not_of_siren(partnership: Partnership) -> list[Finding]:
    """When both are given, the SIRET starts with the SIREN (same legal entity)."""
    found = []
    for i, p in enumerate(partnership.partners):
        siren, siret = p.identifiers.siren, p.identifiers.siret
        if siren is not None and siret is not None and not siret.startswith(siren):
            found.append(
                _finding(
                    SIRET_NOT_OF_SIREN,
                    Severity.blocking,
                    f"partners[{i}].identifiers.siret",
                    partner=p.name,
                    siren=siren,
                    siret=siret,
                )
            )
    return found


def esus_valid_at_start(partnership: Partnership) -> list[Finding]:
    """An ESUS accreditation, when stated, is in force on the start date.

    It is in force from ``approved_on`` up to the day before ``expires_on``.
    """
    found = []
    start = partnership.start_date
    for i, p in enumerate(partnership.partners):
        if p.esus is None:
            continue
        if p.esus.expires_on <= start:
            found.append(
                _finding(
                    ESUS_EXPIRED_AT_START,
                    Severity.blocking,
                    f"partners[{i}].esus.expires_on",
                    partner=p.name,
                    expires_on=p.esus.expires_on.isoformat(),
                    start_date=start.isoformat(),
                )
            )
        elif p.esus.approved_on > start:
            found.append(
                _finding(
                    ESUS_NOT_YET_APPROVED,
                    Severity.warning,
                    f"partners[{i}].esus.approved_on",
                    partner=p.name,
                    approved_on=p.esus.approved_on.isoformat(),
                    start_date=start.isoformat(),
                )
            )
    return found


def esus_expires_during_term(partnership: Partnership) -> list[Finding]:
    """An ESUS accreditation valid at the start but expiring before the end of the term."""
    start, end = partnership.start_date, partnership.end_date
    return [
        _finding(
            ESUS_EXPIRES_DURING_TERM,
            Severity.warning,
            f"partners[{i}].esus.expires_on",
            partner=p.name,
            expires_on=p.esus.expires_on.isoformat(),
            end_date=end.isoformat(),
        )
        for i, p in enumerate(partnership.partners)
        if p.esus is not None and start < p.esus.expires_on <= end
    ]


def signatory_with_authority(partnership: Partnership) -> list[Finding]:
    """Each partner names a signatory and states where the signatory's authority comes from."""
    found = []
    for i, p in enumerate(partnership.partners):
        if p.signatory is None:
            found.append(
                _finding(
                    SIGNATORY_MISSING, Severity.blocking, f"partners[{i}].signatory", partner=p.name
                )
            )
        elif not p.signatory.authority:
            found.append(
                _finding(
                    SIGNATORY_AUTHORITY_MISSING,
                    Severity.blocking,
                    f"partners[{i}].signatory.authority",
                    partner=p.name,
                    signatory=p.signatory.name,
                )
            )
    return found


def ess_status_fits_legal_form(partnership: Partnership) -> list[Finding]:
    """The ``ess`` flag agrees with the legal form (loi 2014-856, article 1)."""
    found = []
    for i, p in enumerate(partnership.partners):
        if p.legal_form in ESS_BY_LAW and not p.ess:
            found.append(
                _finding(
                    ESS_BY_LAW_NOT_DECLARED,
                    Severity.warning,
                    f"partners[{i}].ess",
                    partner=p.name,
                    legal_form=p.legal_form.value,
                )
            )
        elif p.legal_form in COMMERCIAL_COMPANIES and p.ess and p.esus is None:
            found.append(
                _finding(
                    ESS_CLAIM_WITHOUT_ESUS,
                    Severity.warning,
                    f"partners[{i}].ess",
                    partner=p.name,
                    legal_form=p.legal_form.value,
                )
            )
    return found


def _constraints(partnership: Partnership) -> list[Finding]:

    return commitment_beyond_constraint(partnership)


RULES = (
    rna_missing,
    siren_missing,
    rcs_missing,
    siret_not_of_siren,
    esus_valid_at_start,
    esus_expires_during_term,
    signatory_with_authority,
    ess_status_fits_legal_form,
    red_line_may_be_contradicted,
    _constraints,
)


def check(partnership: Partnership) -> list[Finding]:
    """Every due diligence finding, in rule order."""
    return [finding for rule in RULES for finding in rule(partnership)]
