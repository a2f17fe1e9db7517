"""Use cases: one module per user action (a frozen command, a handler owning its transaction)."""
