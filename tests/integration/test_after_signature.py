"""The life after the signature through the real `coopact` command, on SQLite and
PostgreSQL: the committee's votes and minutes, an express renewal signed by avenant, and
the exit after a no go."""

from __future__ import annotations

import datetime as dt
import io
import json

from docx import Document

from coopact import services
from coopact.store.db import make_engine
from coopact.store.uow import UnitOfWork
from tests.integration.after_signature_helpers import REF, TEMPLATES, active, partnership_data


def _uow(cli) -> UnitOfWork:  # type: ignore[no-untyped-def]
    return UnitOfWork.for_engine(make_engine(cli.database_url))


def _vote(cli, name: str, outcome: str):  # type: ignore[no-untyped-def]
    return cli(
        "decide", REF, "review", "--as", name, "--role", "committee_member",
        "--outcome", outcome, "--reason", f"Avis de {name} sur la revue",
    )  # fmt: skip


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    rows = [" | ".join(c.text for c in r.cells) for t in document.tables for r in t.rows]
    return "\n".join([p.text for p in document.paragraphs] + rows)


def _in_review(cli) -> UnitOfWork:  # type: ignore[no-untyped-def]
    uow = _uow(cli)
    active(uow)
    [opened] = services.review_due(uow, dt.date(2027, 7, 15))
    services.advance(uow, REF, templates=TEMPLATES, today=dt.date(2027, 7, 15))
    assert opened.kind == "review"
    return uow


def test_one_no_go_leaves_a_consensus_open_three_go_close_it_with_minutes(cli) -> None:
    uow = _in_review(cli)
    first = _vote(cli, "Claire Martin", "no_go")
    assert first.returncode == 0, first.stderr
    assert "still awaited at review: Marc Lefèvre, Inès Benali" in first.stderr
    assert first.stdout == "in_review\n"  # the value: the stage after the decision
    status = json.loads(cli("status", REF, "--json", check=True).stdout)
    assert status["stage"] == "in_review"
    assert status["awaited_from"] == ["Marc Lefèvre", "Inès Benali"]
    again = _vote(cli, "Claire Martin", "go")
    assert again.returncode == 1 and "final for its round" in again.stderr

    # Two go votes against one no go: a consensus can no longer be reached.
    for name in ("Marc Lefèvre", "Inès Benali"):
        _vote(cli, name, "go")
    assert services.status(uow, REF)[0].awaited_from == ["mediation (deadlock: outcome to record)"]


def test_three_go_votes_close_the_review_and_the_minutes_list_them(cli) -> None:
    uow = _in_review(cli)
    for name in ("Claire Martin", "Marc Lefèvre"):
        assert "still awaited" in _vote(cli, name, "go").stderr
    last = _vote(cli, "Inès Benali", "go")
    assert "review closed (go): the partnership is now active" in last.stderr
    assert last.stdout == "active\n"
    minutes = _docx_text(services.document_content(uow, REF, "minutes").content)
    for line in (
        "Claire Martin | Association Tremplin Emploi | 1 | Pour la poursuite (Go)",
        "Marc Lefèvre | Logistix Urbaine SAS | 1 | Pour la poursuite (Go)",
        "Inès Benali | Association Tremplin Emploi | 1 | Pour la poursuite (Go)",
    ):
        assert line in minutes
    assert "Le comité de pilotage décide de poursuivre le partenariat." in minutes


def test_express_renewal_signed_by_avenant_shows_the_new_term(cli) -> None:
    uow = _uow(cli)
    active(uow)
    with uow:  # setup shortcut: the reviews of the first term were held
        row = uow.partnerships.get(REF)
        for item in uow.partnerships.schedule(row):
            if item.kind in ("review", "gate_milestone"):
                item.done_at = dt.datetime.now(dt.UTC)
        uow.commit()
    [opened] = services.review_due(uow, dt.date(2029, 8, 15))  # 60 days before the notice
    assert opened.kind == "renewal"
    for key, name in (("tremplin", "Claire Martin"), ("logistix", "Marc Lefèvre")):
        cli(
            "decide", REF, "renewal", "--as", name, "--role", "sponsor", "--for", key,
            "--outcome", "renew", "--reason", "Nous renouvelons", check=True,
        )  # fmt: skip
    avenant = services.document_content(uow, REF, "avenant_pdf")  # made once renewed: signed
    assert "avenant-1-renouvellement" in avenant.filename and avenant.filename.endswith(".pdf")
    status = json.loads(cli("status", REF, "--json", check=True).stdout)
    assert status["stage"] == "amendment_signing" and status["end_date"] == "2030-01-14"
    for partner in partnership_data()["partners"]:
        cli(
            "decide", REF, "amendment_signature", "--as", partner["signatory"]["name"],
            "--role", "signatory", "--for", partner["key"], "--outcome", "sign",
            "--reason", "Signé", "--document-sha256", avenant.sha256, check=True,
        )  # fmt: skip
    status = json.loads(cli("status", REF, "--json", check=True).stdout)
    assert status["stage"] == "active"
    assert status["end_date"] == "2033-01-14"
    assert status["next_reviews"] == [
        "2030-01-15", "2030-07-15", "2031-01-15", "2031-07-15", "2032-01-15",
    ]  # fmt: skip
    assert status["avenants"][0]["status"] == "signed"
    assert status["renewal"]["notice_deadline"] == "2032-10-14"
    text = cli("status", REF, check=True).stdout
    assert "Term ends: 2033-01-14" in text


def test_a_no_go_ends_in_a_letter_an_exit_statement_and_a_closing(cli) -> None:
    uow = _in_review(cli)
    for name in ("Claire Martin", "Marc Lefèvre", "Inès Benali"):
        result = _vote(cli, name, "no_go")
    assert "exit started (no_go, effective 2027-08-15)" in result.stderr
    letter = _docx_text(services.document_content(uow, REF, "termination_letter").content)
    assert "Lettre recommandée avec demande d'avis de réception" in letter
    assert "soit le 15 août 2027" in letter.replace("\u00a0", " ")
    statement = _docx_text(services.document_content(uow, REF, "exit_statement").content)
    assert "Sommes versées et non engagées" in statement and "soixante jours" in statement
    early = cli("advance", REF)
    assert early.returncode == 1 and "exit_acknowledgement" in early.stderr
    for key, name in (("tremplin", "Paul Durand"), ("logistix", "Marc Lefèvre")):
        cli(
            "decide", REF, "exit_acknowledgement", "--as", name, "--role", "signatory",
            "--for", key, "--outcome", "acknowledge", "--reason", "Pris acte", check=True,
        )  # fmt: skip
    assert json.loads(cli("status", REF, "--json", check=True).stdout)["stage"] == "closed"
    with uow:
        version = uow.partnerships.get(REF).version
    advance = cli("advance", REF)
    assert advance.returncode == 1
    assert "closed partnership has no automatic work left" in advance.stderr
    with uow:
        row = uow.partnerships.get(REF)
        assert [s for s in uow.partnerships.schedule(row) if s.done_at is None] == []
        assert row.version == version, "a refused advance changes nothing"
    assert services.review_due(uow, dt.date(2028, 1, 15)) == []


def test_amend_on_an_active_partnership_drafts_an_avenant_for_the_legal_officer(
    cli, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import email

    import yaml

    uow = _uow(cli)
    active(uow)
    data = partnership_data()
    data["reviews"]["every_months"] = 4
    path = tmp_path / "amended.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = cli("amend", REF, str(path), "--effective-on", "2027-03-01", check=True)
    assert "avenant n° 1 drafted (1 field changed, effective 2027-03-01)" in result.stderr
    assert "changed: reviews.every_months" in result.stderr
    assert result.stdout == "amending\n"  # STAGE=$(coopact amend REF FILE)
    mails = [email.message_from_bytes(p.read_bytes()) for p in (cli.home / "outbox").glob("*.eml")]
    assert [m["X-Coopact-Gate"] for m in mails] == ["amendment_approval"]
    text = _docx_text(services.document_content(uow, REF, "avenant").content)
    assert (
        "Article 13 – Évaluation et compte rendu | Fréquence des revues Go/noGo | "
        "tous les six mois | tous les quatre mois" in text.replace("\u00a0", " ")
    )
    assert json.loads(cli("status", REF, "--json", check=True).stdout)["stage"] == "amending"


def test_go_with_conditions_on_the_command_line_then_met(cli) -> None:  # type: ignore[no-untyped-def]
    _in_review(cli)
    condition = "Tenir le point projet tous les 15 jours | logistix | 2027-10-31 | séances tenues"
    bad = cli(
        "decide", REF, "review", "--as", "Claire Martin", "--role", "committee_member",
        "--outcome", "go_with_conditions", "--reason", "Sous conditions",
        "--condition", "Tenir le point projet | personne | 2027-10-31",
    )  # fmt: skip
    assert bad.returncode == 2 and "unknown partner 'personne'" in bad.stderr
    for name in ("Claire Martin", "Marc Lefèvre", "Inès Benali"):
        cli(
            "decide", REF, "review", "--as", name, "--role", "committee_member",
            "--outcome", "go_with_conditions", "--reason", "Sous conditions",
            "--condition", condition, check=True,
        )  # fmt: skip
    status = json.loads(cli("status", REF, "--json", check=True).stdout)
    assert status["stage"] == "active"
    assert [
        (c["number"], c["owner"], c["due_on"], c["indicator"]) for c in status["conditions"]
    ] == [(1, "logistix", "2027-10-31", "séances tenues")]
    cli("condition-met", REF, "1", "--on", "2027-10-20", check=True)
    text = cli("status", REF, check=True).stdout
    assert "Condition 1: Tenir le point projet tous les 15 jours (logistix, due 2027-10-31" in text
    assert "met on 2027-10-20" in text
    portfolio = cli("status", check=True).stdout
    assert "1 met" in portfolio


def test_a_decision_request_keeps_the_conditions_of_a_go_with_conditions_vote(cli) -> None:  # type: ignore[no-untyped-def]
    from coopact.services import trust

    uow = _in_review(cli)
    vote = [
        "request-decision", REF, "review", "--role", "committee_member",
        "--outcome", "go_with_conditions", "--reason", "Sous conditions",
    ]  # fmt: skip
    bad = cli(*vote, "--as", "Claire Martin")
    assert bad.returncode == 2 and "go_with_conditions states its conditions" in bad.stderr
    condition = "Tenir le point projet tous les 15 jours | logistix | 2027-10-31 | séances tenues"
    for name in ("Claire Martin", "Marc Lefèvre", "Inès Benali"):
        kept = cli(*vote, "--as", name, "--condition", condition, check=True)
        request_id = int(kept.stdout.split()[-1])  # what the `decide` deployment is given
        trust.decide_requested(uow, request_id)
    status = json.loads(cli("status", REF, "--json", check=True).stdout)
    assert status["stage"] == "active"
    assert [
        (c["number"], c["what"], c["owner"], c["due_on"], c["indicator"])
        for c in status["conditions"]
    ] == [
        (1, "Tenir le point projet tous les 15 jours", "logistix", "2027-10-31", "séances tenues")
    ]
