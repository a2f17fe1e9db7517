"""The secret store: keys kept outside the database, one secret, a key per namespace.

The secret comes from ``COOPACT_SECRET_KEY`` (any string of 32+ characters), from the file
``COOPACT_SECRET_KEY_FILE`` names, or from a key file, ``$COOPACT_HOME/secret.key``,
generated on first need (written whole, then linked into place: mode 0600) unless the
database already holds events signed by another key (a second machine of a fleet is given
the fleet's key; it never makes its own). A key file other users may read is refused.
Whoever can write the database cannot read the key. Each namespace ("audit", "decision-link",
"session", ...) gets its own key, derived by HMAC-SHA-256 from the secret, so that a
token of one kind can never pass for another.

Rotation: the key file may hold several lines, one secret each; the *last* line is the
current secret (used to sign), the earlier ones still verify. ``COOPACT_SECRET_KEY``
likewise takes a comma-separated list, the last one current. A key id (the first 12 hex
digits of the secret's SHA-256) names the secret that made a signature.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets as _random
import stat
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from coopact.contracts.errors import EnvironmentProblem

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


def load_keyring(
    home: Path,
    environ: Mapping[str, str] | None = None,
    *,
    signed_by: Callable[[], str | None] | None = None,
) -> Keyring:
    """The keyring from COOPACT_SECRET_KEY, else the file COOPACT_SECRET_KEY_FILE names,
    else the key file under ``home``, created once (atomically, mode 0600) unless
    ``signed_by()`` names a key the database's events are already signed with: a second
    machine must be given the fleet's key, never make its own."""
    kind, value = key_source(home, os.environ if environ is None else environ)
    if kind == "secret":
        return Keyring(_parse(value, "COOPACT_SECRET_KEY"))
    path = Path(value)
    try:
        if not path.exists():
            if kind == "named file":
                raise SecretUnavailable(
                    f"COOPACT_SECRET_KEY_FILE names {path}, which does not exist: put the "
                    "fleet's key there (mode 0600), or unset it"
                )
            kid = signed_by() if signed_by is not None else None
            if kid is not None:
                raise SecretUnavailable(foreign_database(path, kid))
            _create_key_file(path)
        return read_key_file(path)
    except OSError as error:
        raise SecretUnavailable(
            f"the secret key file {path} cannot be read or created ({error.strerror}):"
            " check COOPACT_HOME's permissions, or set COOPACT_SECRET_KEY_FILE or "
            "COOPACT_SECRET_KEY"
        ) from None


def key_source(home: Path, env: Mapping[str, str]) -> tuple[str, str]:
    """Where the secret comes from (the one place that reads it from the configuration):
    ("secret", the value) for COOPACT_SECRET_KEY, ("named file", path) for
    COOPACT_SECRET_KEY_FILE, ("home file", path) for $COOPACT_HOME/secret.key."""
    if env.get("COOPACT_SECRET_KEY"):
        return "secret", env["COOPACT_SECRET_KEY"]
    if env.get("COOPACT_SECRET_KEY_FILE"):
        return "named file", str(Path(env["COOPACT_SECRET_KEY_FILE"]).expanduser())
    return "home file", str(home / KEY_FILE)


def foreign_database(path: Path, kid: str) -> str:
    return (
        f"this database already holds audit events signed by the key {kid}, and this "
        f"machine has no key ({path} does not exist). coopact does not make a new one: it "
        "would sign a second chain that no other machine can verify. Give this machine the "
        "fleet's key: copy the key file of the machine that set the database up to "
        f"{path} (mode 0600), or set COOPACT_SECRET_KEY_FILE to a file holding it, or "
        "COOPACT_SECRET_KEY to the same secret on every machine. Nothing was written."
    )


def read_key_file(path: Path) -> Keyring:
    """The secrets of a key file, refused when other users may read it."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise SecretUnavailable(
            f"the secret key file {path} can be read by other users (mode {mode:04o}): "
            f"whoever reads it can forge the audit chain and decision links. Run "
            f"`chmod 600 {path}` (and check who may have read it), then try again"
        )
    return Keyring(_parse(path.read_text(encoding="ascii"), str(path)))


def _create_key_file(path: Path, lines: Sequence[str] | None = None) -> None:
    """Write a key file whole, then put it in place: never seen half-written, and when
    another process made it first, theirs is kept (``lines`` given: replace it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".secret-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="ascii") as out:  # mkstemp: mode 0600
            out.write("\n".join(lines or [_random.token_hex(32)]) + "\n")
            out.flush()
            os.fsync(out.fileno())
        if lines is None:
            with contextlib.suppress(FileExistsError):  # another process was first
                os.link(temporary, path)
        else:
            os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def rotate(home: Path, environ: Mapping[str, str] | None = None) -> tuple[str, str]:
    """A new current secret appended to the key file (the older ones kept, to verify what
    they signed); returns (old key id, new key id)."""
    kind, value = key_source(home, os.environ if environ is None else environ)
    if kind == "secret":
        raise SecretUnavailable(
            "the key comes from COOPACT_SECRET_KEY: add a new secret of 32+ characters at the "
            "end of its comma-separated list (keep the older ones), on every machine"
        )
    path = Path(value)
    try:
        old = read_key_file(path) if path.exists() else None
        lines = [s.decode() for s in old.secrets] if old else []
        new = _random.token_hex(32)
        _create_key_file(path, [*lines, new])
    except OSError as error:
        raise SecretUnavailable(
            f"the secret key file {path} cannot be rewritten ({error.strerror})"
        ) from None
    return (old.current_id if old else "none"), key_id(new.encode())


def keyring_from_environment(environ: Mapping[str, str] | None = None) -> Keyring:
    """The keyring for a unit of work built without one: COOPACT_SECRET_KEY, else the key
    file under COOPACT_HOME when that is set (as :func:`load_keyring` reads them); with
    neither, refused rather than guessed (tests set a random COOPACT_SECRET_KEY)."""
    env = os.environ if environ is None else environ
    if env.get("COOPACT_SECRET_KEY"):
        return Keyring(_parse(env["COOPACT_SECRET_KEY"], "COOPACT_SECRET_KEY"))
    if env.get("COOPACT_SECRET_KEY_FILE") or env.get("COOPACT_HOME"):
        home = Path(env.get("COOPACT_HOME") or ".").expanduser().resolve()
        return load_keyring(home, env)
    raise SecretUnavailable(
        "no secret key is configured for the audit chain: build the unit of work with a "
        "keyring (coopact.bootstrap.wiring.uow() does), or set COOPACT_SECRET_KEY or COOPACT_HOME"
    )
