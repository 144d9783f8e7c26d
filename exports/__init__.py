"""File formats: Word, CSV, XLSX, JSON and Markdown writers, and the readers of the formats the
tool takes back in (nomination files, score files and filled score sheets)."""
