"""`python -m commands` runs the CLI (the benchmark uses it to time the tool itself)."""

from commands.cli import main

main()
