"""The ``roster`` command line. Each sub-command lives in ``roster/cli/commands/``."""
