"""The one place where the adapters are built from the settings and wired to the stage work
(the CLI, the flows and the portal alike)."""
