"""Developer tools that are not part of the installed package (mutation run, screenshots)."""
