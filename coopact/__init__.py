"""coopact application layer: configuration, use cases, documents, CLI."""

__version__ = "0.1.0"
