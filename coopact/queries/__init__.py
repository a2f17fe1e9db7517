"""Read models: what a screen, an export or an API shows, read without changing anything."""
