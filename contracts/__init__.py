"""The domain, pure Python: lifecycle, rules, clause selection. No I/O, no Prefect, no SQL."""
