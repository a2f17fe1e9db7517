"""Prefect plumbing: the local server of COOPACT_HOME, its template database, run markers and
reports."""
