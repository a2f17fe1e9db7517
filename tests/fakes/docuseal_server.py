"""A local stand-in for a DocuSeal server, following its documented API and webhook format.

Runs on 127.0.0.1 on a random port in a thread. It answers ``POST /submissions/pdf``,
``POST /submissions/docx`` and ``GET /submissions/{id}`` (``X-Auth-Token`` required), serves
the signed documents and the audit log at download URLs, and builds webhook bodies the way
DocuSeal sends them: ``{"event_type", "timestamp", "data"}``.
"""

from __future__ import annotations

import base64
import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeDocuseal:
    def __init__(self, token: str) -> None:
        self.token = token
        self.submissions: dict[int, dict[str, Any]] = {}
        self.files: dict[str, bytes] = {}
        self.requests: list[tuple[str, str, dict[str, Any] | None]] = []
        self._ids = itertools.count(101)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> FakeDocuseal:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- what the server does ---------------------------------------------------------------

    def _create(self, kind: str, body: dict[str, Any]) -> tuple[int, Any]:
        documents = body.get("documents") or []
        submitters = body.get("submitters") or []
        if not documents or not submitters:
            return 422, {"error": "documents and submitters are required"}
        try:
            contents = [base64.b64decode(d["file"], validate=True) for d in documents]
        except (KeyError, ValueError):
            return 422, {"error": "file must be base64"}
        with self._lock:
            sid = next(self._ids)
            submission = {
                "id": sid,
                "name": body.get("name"),
                "source": "api",
                "kind": kind,
                "created_at": "2027-01-10T09:00:00.000Z",
                "documents_in": [
                    {"name": d["name"], "content": c}
                    for d, c in zip(documents, contents, strict=True)
                ],
                "submitters": [
                    {
                        "id": next(self._ids),
                        "submission_id": sid,
                        "uuid": f"uuid-{sid}-{i}",
                        "email": s.get("email"),
                        "name": s.get("name"),
                        "role": s.get("role"),
                        "external_id": s.get("external_id"),
                        "metadata": s.get("metadata") or {},
                        "status": "sent",
                        "completed_at": None,
                        "declined_at": None,
                    }
                    for i, s in enumerate(submitters)
                ],
            }
            self.submissions[sid] = submission
        return 200, self._public(submission)

    def _download(self, sid: int, name: str, content: bytes) -> str:
        key = f"/file/{sid}/{name}"
        self.files[key] = content
        return f"{self.url}{key}?expires=1893456000&signature=fake"

    def _public(self, submission: dict[str, Any]) -> dict[str, Any]:
        submitters = [dict(s) for s in submission["submitters"]]
        done = all(s["completed_at"] for s in submitters)
        declined = any(s["declined_at"] for s in submitters)
        sid = submission["id"]
        out: dict[str, Any] = {
            "id": sid,
            "name": submission["name"],
            "source": "api",
            "created_at": submission["created_at"],
            "submitters": submitters,
            "status": "completed" if done else ("declined" if declined else "pending"),
            "documents": [],
            "audit_log_url": None,
            "combined_document_url": None,
            "completed_at": None,
        }
        if done:
            out["documents"] = [
                {
                    "name": d["name"].rsplit(".", 1)[0],
                    "url": self._download(
                        sid, d["name"] + ".signed.pdf", d["content"] + b"%signed"
                    ),
                }
                for d in submission["documents_in"]
            ]
            out["audit_log_url"] = self._download(
                sid, "audit.pdf", b"%PDF audit " + str(sid).encode()
            )
            out["completed_at"] = max(s["completed_at"] for s in submitters)
        return out

    # -- the signatories act, and DocuSeal calls the webhook --------------------------------

    def _submitter(self, sid: int, role: str) -> dict[str, Any]:
        return next(s for s in self.submissions[sid]["submitters"] if s["role"] == role)

    @staticmethod
    def _webhook(event_type: str, data: dict[str, Any]) -> bytes:
        body = {"event_type": event_type, "timestamp": "2027-01-12T10:00:00.000Z", "data": data}
        return json.dumps(body).encode()

    def sign(self, sid: int, role: str) -> bytes:
        """The signatory of ``role`` completes the form: the form.completed webhook body."""
        submitter = self._submitter(sid, role)
        submitter["status"] = "completed"
        submitter["completed_at"] = "2027-01-12T10:00:00.000Z"
        public = self._public(self.submissions[sid])
        data = dict(submitter)
        data["values"] = [{"field": "Signature", "value": "signature.png"}]
        data["documents"] = public["documents"]
        data["audit_log_url"] = public["audit_log_url"]
        data["submission"] = {
            "id": sid,
            "status": public["status"],
            "audit_log_url": public["audit_log_url"],
            "combined_document_url": None,
        }
        return self._webhook("form.completed", data)

    def decline(self, sid: int, role: str, reason: str) -> bytes:
        submitter = self._submitter(sid, role)
        submitter["status"] = "declined"
        submitter["declined_at"] = "2027-01-12T10:00:00.000Z"
        data = dict(submitter, decline_reason=reason, submission={"id": sid, "status": "declined"})
        return self._webhook("form.declined", data)

    def submission_completed(self, sid: int) -> bytes:
        return self._webhook("submission.completed", self._public(self.submissions[sid]))

    # -- HTTP ---------------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                return

            def _send(
                self, status: int, payload: Any, content_type: str = "application/json"
            ) -> None:
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _authorised(self) -> bool:
                if self.headers.get("X-Auth-Token") != fake.token:
                    self._send(401, {"error": "Not authenticated"})
                    return False
                return True

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(("POST", self.path, body))
                if not self._authorised():
                    return
                if self.path in ("/submissions/pdf", "/submissions/docx"):
                    self._send(*fake._create(self.path.rsplit("/", 1)[1], body))
                else:
                    self._send(404, {"error": "Not found"})

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                fake.requests.append(("GET", path, None))
                if path in fake.files:
                    self._send(200, fake.files[path], "application/pdf")
                    return
                if not self._authorised():
                    return
                parts = path.strip("/").split("/")
                if len(parts) == 2 and parts[0] == "submissions" and parts[1].isdigit():
                    submission = fake.submissions.get(int(parts[1]))
                    if submission is None:
                        self._send(404, {"error": "Not found"})
                    else:
                        self._send(200, fake._public(submission))
                else:
                    self._send(404, {"error": "Not found"})

        return Handler
