"""The pure domain of the awards tool: models, presets, scoring and ranking rules, errors.

Nothing in this package touches SQLite, files or the terminal.
"""
