"""`python -m awards.commands` runs the CLI (the benchmark uses it to time the tool itself)."""

from awards.commands.cli import main

main()
