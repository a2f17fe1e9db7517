"""Adapters: what talks to the world (settings and files, mail, documents, signature providers,
Prefect)."""
