"""Entry points: they translate input into a command and its result or error into an exit code,
a page, an HTTP answer; nothing more."""
