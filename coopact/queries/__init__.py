"""Read models: what the commands and pages show, read in a few queries."""
