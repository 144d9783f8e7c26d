"""Reading a competition's own criteria from a TOML file (`competition create --criteria`)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from awards.errors import FileRefused
from awards.models import Criterion, validate_criteria

_FIELDS = {"key", "name_fi", "name_en", "weight", "min", "max", "step"}


def read_criteria_file(path: Path) -> list[Criterion]:
    from .tabular import require_regular_file

    require_regular_file(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise FileRefused(f"{path}: no such file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FileRefused(f"{path}: not a valid TOML file ({exc})") from None
    except RecursionError:  # arrays nested thousands deep
        raise FileRefused(f"{path}: nested too deeply to be a criteria file") from None
    entries = data.get("criteria")
    if not isinstance(entries, list) or not entries:
        raise FileRefused(f"{path}: expected one or more [[criteria]] tables")
    problems: list[str] = []
    criteria: list[Criterion] = []
    for number, entry in enumerate(entries, start=1):
        where = f"criterion {number}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: not a table")
            continue
        unknown = set(entry) - _FIELDS
        if unknown:
            problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        key = entry.get("key")
        if not isinstance(key, str):
            problems.append(f"{where}: `key` is required")
            continue
        numbers = {}
        for field, default in (("weight", 1), ("min", 0), ("max", None), ("step", 0)):
            value = entry.get(field, default)
            if value is None:
                problems.append(f"{where} ({key}): `{field}` is required")
            elif isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(f"{where} ({key}): `{field}` must be a number")
            else:
                numbers[field] = float(value)
        if len(numbers) < 4:
            continue
        name_fi = str(entry.get("name_fi") or entry.get("name_en") or key)
        name_en = str(entry.get("name_en") or name_fi)
        criteria.append(Criterion(key, name_fi, name_en, **numbers))
    if not problems:
        try:
            validate_criteria(criteria)
        except Exception as exc:
            problems.append(str(exc))
    if problems:
        raise FileRefused(f"{path}: {len(problems)} problem(s)", problems)
    return criteria
