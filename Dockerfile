# coopact's image: the portal, the workers and the Prefect server all run from it (see
# compose.yaml). System packages through the same script as CI (.ci/system-packages);
# coopact installed from this checkout as a package, at the versions of requirements.lock
# (as CI's make install); no source folder is left in the image.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DO_NOT_TRACK=1

COPY .ci/system-packages /usr/local/bin/coopact-system-packages
RUN coopact-system-packages && rm -rf /var/lib/apt/lists/*

WORKDIR /build
COPY pyproject.toml setup.py MANIFEST.in README.md LICENSE requirements.lock ./
COPY contracts contracts
COPY schemas schemas
COPY store store
COPY flows flows
COPY coopact coopact
COPY templates templates
RUN pip install -c requirements.lock . && cd / && rm -rf /build

# `prefect deploy --all` reads this file (the compose service `deploy`); it names no folder.
COPY prefect.yaml /opt/coopact/prefect.yaml

RUN useradd --system --create-home --home-dir /var/lib/coopact coopact
USER coopact
WORKDIR /var/lib/coopact
ENV COOPACT_HOME=/var/lib/coopact

EXPOSE 8000
CMD ["coopact", "web", "--host", "0.0.0.0", "--port", "8000"]
