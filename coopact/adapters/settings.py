"""coopact's configuration, read in one place: environment variables, then the home's
``coopact.toml``, then ``*_FILE`` secrets.

Where a value comes from, first found wins:

1. the environment variable ``COOPACT_<NAME>`` (``COOPACT_LINK_DAYS=30``);
2. ``COOPACT_<NAME>_FILE``: a file holding the value (a container secret,
   ``/run/secrets/smtp_password``), its trailing newline removed;
3. ``coopact.toml`` in ``COOPACT_HOME`` (or the file ``COOPACT_CONFIG`` names): ``<name> =
   value``, or a table per part (``[smtp]`` ``host = ...`` is ``smtp_host``); ``<name>_file``
   there too;
4. the default of :class:`CoopactSettings`.

:func:`environ` gives the resolved ``COOPACT_*`` values as a mapping, so that the modules
that read one setting (``links.link_days(environ)``...) keep their signature and see the
file and the secrets too. :func:`load` validates every value at once into
:class:`CoopactSettings` and refuses an invalid one naming the setting (exit 3): `coopact
config check`, the commands that write, the portal and the flows call it.

Start-up rule of :mod:`coopact.entrypoints.cli.main`: :func:`environ` imports no pydantic (the read
commands call it); :func:`load` does.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coopact.adapters.settings_fields import FIELDS
from coopact.contracts.errors import EnvironmentProblem

if TYPE_CHECKING:
    from coopact.adapters.settings_model import CoopactSettings

PREFIX = "COOPACT_"
FILE_SUFFIX = "_FILE"
CONFIG_FILE = "coopact.toml"


def config_file(environ: Mapping[str, str] | None = None) -> Path:
    """The configuration file: COOPACT_CONFIG, else coopact.toml in COOPACT_HOME."""
    env = os.environ if environ is None else environ
    if env.get("COOPACT_CONFIG"):
        return Path(env["COOPACT_CONFIG"]).expanduser()
    return Path(env.get("COOPACT_HOME") or ".coopact").expanduser() / CONFIG_FILE


def read_config_file(path: Path) -> dict[str, str]:
    """The ``COOPACT_*`` values of a coopact.toml (tables flattened: ``[smtp] host`` is
    COOPACT_SMTP_HOST); empty when the file does not exist. (tomllib, a few milliseconds of
    every command's start-up, is imported only when there is a file to read.)"""
    try:
        handle = path.open("rb")
    except (FileNotFoundError, NotADirectoryError):  # no file; a bad home is told later
        return {}
    except OSError as error:
        raise _unreadable(path, error) from None
    import tomllib

    try:
        with handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise EnvironmentProblem(
            f"the configuration file {path} is not valid TOML: {error}"
        ) from None
    except OSError as error:
        raise _unreadable(path, error) from None
    return {PREFIX + key.upper(): value for key, value in _flat(data).items()}


def _unreadable(path: Path, error: OSError) -> EnvironmentProblem:
    return EnvironmentProblem(
        f"the configuration file {path} cannot be read ({error.strerror}); check its permissions"
    )


def _flat(data: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    values: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            values.update(_flat(value, f"{name}_"))
        elif isinstance(value, bool):
            values[name] = "true" if value else "false"
        else:
            values[name] = str(value)
    return values


def environ(source: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every ``COOPACT_*`` setting resolved (the variables, then their ``*_FILE`` secrets,
    then coopact.toml), by its variable's name: what the modules that read one setting read.
    Without ``source``, from this process's environment (kept while neither the variables
    nor the file change)."""
    if source is not None:
        return _resolve(source)
    given = _given()
    path = config_file()
    try:
        stamp: object = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    key = (given, str(path), stamp)
    if _CACHE.get("key") != key:
        _CACHE["value"] = _resolve(os.environ)
        _CACHE["key"] = key
    return dict(_CACHE["value"])


_CACHE: dict[str, Any] = {}
_RAW = getattr(os.environ, "_data", None)  # CPython's bytes mapping under os.environ (POSIX)
_KEYS = tuple(
    (PREFIX + name.upper() + suffix).encode() for name in FIELDS for suffix in ("", FILE_SUFFIX)
)


def _given() -> tuple[object, ...]:
    """The values of the variables coopact reads, as the cache's key (a few microseconds:
    the settings are read in loops over thousands of partnerships)."""
    if isinstance(_RAW, dict):
        get = _RAW.get
        return tuple(get(key) for key in _KEYS)
    return tuple(os.environ.get(name) for name in _names_and_files())


def _names_and_files() -> tuple[str, ...]:
    names = known_names()
    return names + tuple(name + FILE_SUFFIX for name in names)


def _resolve(env: Mapping[str, str]) -> dict[str, str]:
    from_file = read_config_file(config_file(env))
    unknown = sorted(set(from_file) - set(_names_and_files()))
    if unknown:
        names = ", ".join(n.removeprefix(PREFIX).lower() for n in unknown)
        raise EnvironmentProblem(
            f"{config_file(env)} names unknown settings ({names}); `coopact config check` "
            "lists the known ones"
        )
    resolved: dict[str, str] = {}
    for name in known_names():
        if env.get(name):
            resolved[name] = env[name]
            continue
        secret = env.get(name + FILE_SUFFIX) or from_file.get(name + FILE_SUFFIX)
        if secret:
            resolved[name] = _read_secret(name + FILE_SUFFIX, Path(secret).expanduser())
        elif from_file.get(name):
            resolved[name] = from_file[name]
    return resolved


def _read_secret(name: str, path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").rstrip("\r\n")
    except OSError as error:
        raise EnvironmentProblem(
            f"{name} names {path}, which cannot be read ({error.strerror}); mount the secret "
            "there or correct the path"
        ) from None


def known_names() -> tuple[str, ...]:
    """Every ``COOPACT_*`` variable coopact reads (the fields of CoopactSettings)."""
    return _KNOWN


_KNOWN = tuple(PREFIX + name.upper() for name in FIELDS)


def load(source: Mapping[str, str] | None = None) -> CoopactSettings:
    """The whole configuration, validated; an invalid value is refused naming its setting
    (exit 3)."""
    from pydantic import ValidationError

    from coopact.adapters.settings_model import CoopactSettings  # start-up: pydantic

    env = environ(source)
    values = {
        name.removeprefix(PREFIX).lower(): env[name] for name in known_names() if env.get(name)
    }
    try:
        return CoopactSettings.model_validate(values)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            field = str(item["loc"][0]) if item["loc"] else "?"
            given = values.get(field)
            shown = f" is {given!r}:" if given is not None and field not in SECRET_NAMES else ":"
            problems.append(f"{PREFIX}{field.upper()}{shown} {item['msg'].lower()}")
        raise EnvironmentProblem(
            "the configuration is invalid: " + "; ".join(problems) + ". Correct the environment "
            f"variable or {config_file(env)}, then run `coopact config check`"
        ) from None


SECRET_NAMES = frozenset(
    {
        "secret_key",
        "smtp_password",
        "docuseal_token",
        "docuseal_webhook_secret",
        "yousign_api_key",
        "yousign_webhook_secret",
    }
)
