"""One module per sub-command; see ``roster.cli.main``."""
