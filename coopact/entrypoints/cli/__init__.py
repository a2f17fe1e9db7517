"""The `coopact` command line: one module per group of commands."""
