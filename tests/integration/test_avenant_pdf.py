"""An avenant is signed as a PDF, like the agreement: LibreOffice makes it once the legal
officer approves the avenant; when it cannot, `decide` says the approval is recorded and the
work failed (exit 5), the failed work is kept and retried by the next command; then a
signature naming the avenant's .docx is refused, one naming its PDF recorded, and
`coopact documents` lists the PDF, `documents verify` names who signed it.

The commands run against the session's Prefect server (``prefect_server``, PREFECT_API_URL):
`advance` would otherwise start the local server of the test's home, a process that outlives
the test."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from coopact.entrypoints.cli.demo import DEMO_LEGAL_OFFICER
from coopact.store.db import make_engine
from coopact.store.uow import UnitOfWork
from tests.integration.after_signature_helpers import REF, active, partnership_data
from tests.integration.conftest import Cli
from tests.integration.test_failed_work import _broken_libreoffice, _needs_libreoffice

pytestmark = pytest.mark.libreoffice


def _approve(cli: Cli) -> object:
    return cli(
        "decide", REF, "amendment_approval", "--as", DEMO_LEGAL_OFFICER, "--role",
        "legal_officer", "--outcome", "approve", "--reason", "Avenant conforme à la convention",
    )  # fmt: skip


def _sign(cli: Cli, partner: dict[str, object], sha: str) -> object:
    signatory = partner["signatory"]
    assert isinstance(signatory, dict)
    return cli(
        "decide", REF, "amendment_signature", "--as", signatory["name"], "--role", "signatory",
        "--for", str(partner["key"]), "--outcome", "sign", "--reason", "Avenant signé",
        "--document-sha256", sha,
    )  # fmt: skip


def _documents(read: Cli) -> dict[str, dict[str, str]]:
    listed = json.loads(read("documents", REF, "--json", check=True).stdout)
    return {d["kind"]: d for d in listed}  # the latest of each kind


def test_the_avenant_is_signed_as_its_pdf_made_after_a_failed_conversion_is_retried(
    prefect_server: str, tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _needs_libreoffice()
    monkeypatch.setenv("PREFECT_API_URL", prefect_server)
    engine = make_engine(db_url)
    active(UnitOfWork.for_engine(engine))
    engine.dispose()
    cli, read = Cli(tmp_path / "home", db_url, subprocess=True), Cli(tmp_path / "home", db_url)
    data = partnership_data()
    data["reviews"]["every_months"] = 4
    amended = tmp_path / "amended.yaml"
    amended.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    read("amend", REF, str(amended), "--effective-on", "2027-03-01", check=True)

    working = os.environ["PATH"]
    monkeypatch.setenv("PATH", _broken_libreoffice(tmp_path))
    approved = _approve(cli)
    assert approved.returncode == 5, approved.stdout + approved.stderr  # type: ignore[attr-defined]
    said = " ".join(approved.stderr.split())  # type: ignore[attr-defined]
    assert "the partnership is now amendment_signing" in said
    assert "the decision is recorded" in said and "LibreOffice could not convert" in said
    assert "(exit 5: recorded, work pending)" in said and "Traceback" not in said
    assert "avenant_pdf" not in _documents(read)
    view = json.loads(read("status", REF, "--json", check=True).stdout)
    assert view["failed_work"]["stage"] == "amendment_signing"
    assert view["failed_work"]["gate"] == "amendment_approval"
    docx = _documents(read)["avenant"]
    early = _sign(read, data["partners"][0], docx["sha256"])
    assert early.returncode != 0  # type: ignore[attr-defined]
    assert "the PDF of the current avenant, which is not made yet" in " ".join(
        early.stderr.split()  # type: ignore[attr-defined]
    )

    monkeypatch.setenv("PATH", working)  # LibreOffice back: the next command retries
    retried = cli("advance", REF)
    assert retried.returncode == 0, retried.stdout + retried.stderr
    assert "avenant_pdf v1" in retried.stderr and "avenant_signature_packet v1" in retried.stderr
    documents = _documents(read)
    signed = documents["avenant_pdf"]
    assert signed["filename"].endswith(f"-{docx['sha256'][:12]}.pdf")
    view = json.loads(read("status", REF, "--json", check=True).stdout)
    assert view["failed_work"] is None and view["awaiting"].startswith("amendment_signature")
    assert cli("advance", REF, check=True)  # made once: a retry makes nothing twice
    assert _documents(read)["avenant_pdf"]["sha256"] == signed["sha256"]

    refused = _sign(read, data["partners"][0], docx["sha256"])  # the .docx: not the file signed
    assert refused.returncode != 0  # type: ignore[attr-defined]
    assert "is not the PDF of the avenant under way" in " ".join(
        refused.stderr.split()  # type: ignore[attr-defined]
    )
    for partner in data["partners"]:
        signs = _sign(read, partner, signed["sha256"])
        assert signs.returncode == 0, signs.stderr  # type: ignore[attr-defined]
    assert json.loads(read("status", REF, "--json", check=True).stdout)["stage"] == "active"

    engine = make_engine(db_url)
    with UnitOfWork.for_engine(engine) as uow:
        row = uow.partnerships.get(REF)
        [pdf] = uow.partnerships.documents(row, "avenant_pdf")  # re-hashed when read
        content = pdf.content
    engine.dispose()
    copy = tmp_path / signed["filename"]
    copy.write_bytes(content)
    verified = read("documents", "verify", str(copy), check=True).stdout
    assert f"{REF} avenant_pdf v1" in verified and "signed against this hash by" in verified
    assert "tremplin" in verified and "logistix" in verified
    assert not (tmp_path / "home" / "prefect" / "server.json").exists(), "no local server started"
