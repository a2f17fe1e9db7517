"""A local stand-in for Yousign's API v3, following its documentation
(https://developers.yousign.com/): signature requests, their documents and signers, the
activation, the documents' download, and webhooks signed as Yousign signs them
(``X-Yousign-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>``).

Runs on 127.0.0.1 on a random port in a thread, under ``/v3``; every call needs
``Authorization: Bearer <api key>`` (401 otherwise). A signature request is created as a
``draft``; documents and signers are added to a draft only (400 otherwise); ``activate``
needs a signable document and a signer, and moves it to ``ongoing``; once every signer has
signed it is ``done`` and its documents download signed.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import re
import threading
import uuid
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SIGNED_MARK = b"\n%yousign-signed"


class FakeYousign:
    def __init__(self, api_key: str, webhook_secret: str) -> None:
        self.api_key = api_key
        self.secret = webhook_secret
        self.requests: dict[str, dict[str, Any]] = {}
        self.calls: list[tuple[str, str]] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v3"

    def __enter__(self) -> FakeYousign:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _id(self) -> str:
        return str(uuid.UUID(int=next(self._ids)))

    # -- the API ----------------------------------------------------------------------------
    def _route(self, method: str, path: str, body: bytes, content_type: str) -> tuple[int, Any]:
        if m := re.fullmatch(r"/v3/signature_requests", path):
            return self._create(json.loads(body)) if method == "POST" else (405, {})
        m = re.fullmatch(r"/v3/signature_requests/([^/]+)(/.*)?", path)
        if m is None or m.group(1) not in self.requests:
            return 404, {"detail": "not found"}
        request, rest = self.requests[m.group(1)], m.group(2) or ""
        if (method, rest) == ("POST", "/documents"):
            return self._document(request, body, content_type)
        if (method, rest) == ("GET", "/documents"):
            return 200, [self._public_document(d) for d in request["documents"]]
        if (method, rest) == ("POST", "/signers"):
            return self._signer(request, json.loads(body))
        if (method, rest) == ("POST", "/activate"):
            return self._activate(request)
        if method == "GET" and (d := re.fullmatch(r"/documents/([^/]+)/download", rest)):
            found = [x for x in request["documents"] if x["id"] == d.group(1)]
            if not found:
                return 404, {"detail": "document not found"}
            content = found[0]["content"]
            return 200, content + SIGNED_MARK if request["status"] == "done" else content
        return 404, {"detail": "not found"}

    def _create(self, body: dict[str, Any]) -> tuple[int, Any]:
        if not body.get("name") or body.get("delivery_mode") not in ("email", "none"):
            return 400, {"detail": "name and delivery_mode are required"}
        with self._lock:
            request = {"id": self._id(), "status": "draft", "name": body["name"],
                       "delivery_mode": body["delivery_mode"], "documents": [], "signers": [],
                       "external_id": body.get("external_id"), "timezone": body.get("timezone")}  # fmt: skip
            self.requests[request["id"]] = request
        return 201, self._public(request)

    def _document(self, request: dict[str, Any], body: bytes, content_type: str) -> tuple[int, Any]:
        if request["status"] != "draft":
            return 400, {"detail": "the signature request is not a draft"}
        parts = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body
        )
        fields = {p.get_param("name", header="content-disposition"): p for p in parts.iter_parts()}
        upload, nature = fields.get("file"), fields.get("nature")
        if upload is None or nature is None:
            return 400, {"detail": "file and nature are required"}
        content = upload.get_payload(decode=True)
        if not content.startswith(b"%PDF"):
            return 400, {"detail": "the file must be a PDF"}
        document = {"id": self._id(), "nature": nature.get_payload().strip(), "content": content,
                    "filename": upload.get_filename()}  # fmt: skip
        request["documents"].append(document)
        return 201, self._public_document(document)

    @staticmethod
    def _public_document(document: dict[str, Any]) -> dict[str, Any]:
        return {"id": document["id"], "filename": document["filename"],
                "nature": document["nature"], "content_type": "application/pdf",
                "sha256": hashlib.sha256(document["content"]).hexdigest()}  # fmt: skip

    def _signer(self, request: dict[str, Any], body: dict[str, Any]) -> tuple[int, Any]:
        info = body.get("info") or {}
        if request["status"] != "draft":
            return 400, {"detail": "the signature request is not a draft"}
        if not all(info.get(k) for k in ("first_name", "last_name", "email", "locale")):
            return 400, {"detail": "info.first_name, last_name, email and locale are required"}
        if body.get("signature_level") not in (
            "electronic_signature", "advanced_electronic_signature",
            "qualified_electronic_signature",
        ):  # fmt: skip
            return 400, {"detail": "signature_level is required"}
        ids = {d["id"] for d in request["documents"]}
        if any(f.get("document_id") not in ids for f in body.get("fields") or []):
            return 400, {"detail": "a field names an unknown document"}
        signer = {"id": self._id(), "info": info, "status": "initiated",
                  "signature_level": body["signature_level"]}  # fmt: skip
        request["signers"].append(signer)
        return 201, signer

    def _activate(self, request: dict[str, Any]) -> tuple[int, Any]:
        signable = [d for d in request["documents"] if d["nature"] == "signable_document"]
        if request["status"] != "draft" or not signable or not request["signers"]:
            return 400, {"detail": "a draft with a signable document and a signer is required"}
        request["status"] = "ongoing"
        for signer in request["signers"]:
            signer["status"] = "notified"
        return 201, self._public(request)

    def _public(self, request: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": request["id"], "status": request["status"], "name": request["name"],
            "delivery_mode": request["delivery_mode"], "external_id": request["external_id"],
            "signers": [{"id": s["id"], "status": s["status"]} for s in request["signers"]],
            "documents": [{"id": d["id"], "nature": d["nature"]} for d in request["documents"]],
        }  # fmt: skip

    # -- the signers act, and Yousign calls the webhook -------------------------------------
    def _webhook(self, name: str, data: dict[str, Any]) -> bytes:
        return json.dumps({
            "event_id": str(uuid.uuid4()), "event_name": name, "event_time": "1800000000",
            "subscription_id": "fake-subscription", "subscription_description": "coopact",
            "sandbox": False, "data": data,
        }).encode()  # fmt: skip

    def headers(self, body: bytes, secret: str | None = None) -> dict[str, str]:
        key = (secret or self.secret).encode()
        signature = "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()
        return {"Content-Type": "application/json", "X-Yousign-Signature-256": signature,
                "X-Yousign-Retry": "0", "User-Agent": "Yousign Webhook Bot"}  # fmt: skip

    def sign(self, request_id: str, email: str) -> bytes:
        """The signer with ``email`` signs: the signer.done webhook body."""
        request = self.requests[request_id]
        signer = next(s for s in request["signers"] if s["info"]["email"] == email)
        signer["status"] = "signed"
        if all(s["status"] == "signed" for s in request["signers"]):
            request["status"] = "done"
        return self._webhook("signer.done", {"signature_request": self._public(request),
                                             "signer": signer})  # fmt: skip

    def decline(self, request_id: str, email: str, reason: str) -> bytes:
        request = self.requests[request_id]
        signer = next(s for s in request["signers"] if s["info"]["email"] == email)
        request["status"] = "declined"
        public = {**self._public(request),
                  "decline_information": {"reason": reason, "signer_id": signer["id"]}}  # fmt: skip
        return self._webhook("signature_request.declined", {"signature_request": public})

    def done(self, request_id: str) -> bytes:
        """The signature_request.done webhook body (every signer has signed)."""
        return self._webhook(
            "signature_request.done", {"signature_request": self._public(self.requests[request_id])}
        )

    # -- HTTP -------------------------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path.split("?", 1)[0]
                fake.calls.append((self.command, path))
                if self.headers.get("Authorization") != f"Bearer {fake.api_key}":
                    status, answer = 401, {"detail": "unauthorized"}
                else:
                    status, answer = fake._route(
                        self.command, path, body, self.headers.get("Content-Type") or ""
                    )
                data = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
                kind = "application/pdf" if isinstance(answer, bytes) else "application/json"
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve

        return Handler
