"""Use cases of one user action each: a frozen command and the handler owning its transaction."""
