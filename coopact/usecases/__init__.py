"""Use cases: one module per user action (a frozen command and a handler owning its transaction)."""
