"""The secret store: keys kept outside the database, one secret, a key per namespace.

The secret comes from ``COOPACT_SECRET_KEY`` (any string of 32+ characters) or from a key
file, ``$COOPACT_HOME/secret.key``, generated on first need with mode 0600. Whoever can
write the database cannot read either. Each namespace ("audit", "decision-link",
"session", ...) gets its own key, derived by HMAC-SHA-256 from the secret, so that a
token of one kind can never pass for another.

Rotation: the key file may hold several lines, one secret each; the *last* line is the
current secret (used to sign), the earlier ones still verify. ``COOPACT_SECRET_KEY``
likewise takes a comma-separated list, the last one current. A key id (the first 12 hex
digits of the secret's SHA-256) names the secret that made a signature.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets as _random
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from contracts.errors import EnvironmentProblem

KEY_FILE = "secret.key"
MIN_LENGTH = 32


class SecretUnavailable(EnvironmentProblem):
    """The secret store cannot be read or created (exit 3 at the CLI boundary)."""


def key_id(secret: bytes) -> str:
    return hashlib.sha256(secret).hexdigest()[:12]


@dataclass(frozen=True)
class Keyring:
    """The secrets in force, oldest first; the last one signs."""

    secrets: tuple[bytes, ...]

    def __post_init__(self) -> None:
        if not self.secrets:
            raise SecretUnavailable("no secret key is configured")

    @property
    def current_id(self) -> str:
        return key_id(self.secrets[-1])

    def key(self, namespace: str, kid: str | None = None) -> bytes:
        """The key of ``namespace`` under the secret ``kid`` (the current one by default)."""
        secret = self._secret(kid)
        return hmac.new(secret, f"coopact:{namespace}".encode(), hashlib.sha256).digest()

    def sign(self, namespace: str, message: bytes, kid: str | None = None) -> str:
        """HMAC-SHA-256 of ``message`` under the namespace key, hex."""
        return hmac.new(self.key(namespace, kid), message, hashlib.sha256).hexdigest()

    def verify(self, namespace: str, message: bytes, signature: str, kid: str) -> bool:
        try:
            expected = self.sign(namespace, message, kid)
        except SecretUnavailable:
            return False
        return hmac.compare_digest(expected, signature)

    def knows(self, kid: str) -> bool:
        return any(key_id(s) == kid for s in self.secrets)

    def _secret(self, kid: str | None) -> bytes:
        if kid is None:
            return self.secrets[-1]
        for secret in self.secrets:
            if key_id(secret) == kid:
                return secret
        raise SecretUnavailable(
            f"the secret key {kid} is not in the key store: restore it (key file or "
            "COOPACT_SECRET_KEY) to verify what it signed"
        )


def _parse(text: str, origin: str) -> tuple[bytes, ...]:
    values = [v.strip() for v in text.replace(",", "\n").splitlines() if v.strip()]
    for value in values:
        if len(value) < MIN_LENGTH:
            raise SecretUnavailable(
                f"a secret in {origin} is shorter than {MIN_LENGTH} characters: use a long random"
                " value, e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`"
            )
    return tuple(v.encode() for v in values)


def load_keyring(home: Path, environ: Mapping[str, str] | None = None) -> Keyring:
    """The keyring from COOPACT_SECRET_KEY, else the key file under ``home`` (created once)."""
    env = os.environ if environ is None else environ
    if env.get("COOPACT_SECRET_KEY"):
        return Keyring(_parse(env["COOPACT_SECRET_KEY"], "COOPACT_SECRET_KEY"))
    path = home / KEY_FILE
    try:
        if not path.exists():
            home.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(_random.token_hex(32) + "\n")
        return Keyring(_parse(path.read_text(encoding="ascii"), str(path)))
    except FileExistsError:  # another process created it between exists() and open()
        return Keyring(_parse(path.read_text(encoding="ascii"), str(path)))
    except OSError as error:
        raise SecretUnavailable(
            f"the secret key file {path} cannot be read or created ({error.strerror}):"
            " check COOPACT_HOME's permissions, or set COOPACT_SECRET_KEY"
        ) from None


def keyring_from_environment(environ: Mapping[str, str] | None = None) -> Keyring:
    """The keyring for a unit of work built without one: COOPACT_SECRET_KEY, else the key
    file under COOPACT_HOME when that is set (as :func:`load_keyring` reads them); with
    neither, refused rather than guessed (tests set a random COOPACT_SECRET_KEY)."""
    env = os.environ if environ is None else environ
    if env.get("COOPACT_SECRET_KEY"):
        return Keyring(_parse(env["COOPACT_SECRET_KEY"], "COOPACT_SECRET_KEY"))
    if env.get("COOPACT_HOME"):
        return load_keyring(Path(env["COOPACT_HOME"]).expanduser().resolve(), env)
    raise SecretUnavailable(
        "no secret key is configured for the audit chain: build the unit of work with a "
        "keyring (coopact.wiring.uow() does), or set COOPACT_SECRET_KEY or COOPACT_HOME"
    )
