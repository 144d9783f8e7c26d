"""commands/output.py: the JSON listing every command's --format json writes."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from awards.commands.output import JSON_ROWS_A_WRITE, echo_json_rows


@pytest.mark.parametrize(
    "count",
    [0, 1, JSON_ROWS_A_WRITE - 1, JSON_ROWS_A_WRITE, JSON_ROWS_A_WRITE + 1, 2 * JSON_ROWS_A_WRITE],
)
def test_json_rows_are_one_array_one_row_a_line_however_many_writes_it_takes(count: int) -> None:
    """Written a slice at a time, the listing is still `[`, one object a line joined by `,`,
    and `]`: byte for byte what one write of the whole would be."""
    rows = [
        {
            "rank": i + 1,
            "nominee": f"Ehdokas [b]{i}[/b] \u00e4\u00f6",
            "score": i / 3,
            "tied": i % 2 == 0,
        }
        for i in range(count)
    ]

    @click.command()
    def listing() -> None:
        echo_json_rows(rows)

    result = CliRunner().invoke(listing)
    assert result.exit_code == 0, result.output
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    expected = "[\n" + ",\n".join(lines) + "\n]\n" if rows else "[]\n"
    assert result.output == expected
    assert json.loads(result.output) == rows
