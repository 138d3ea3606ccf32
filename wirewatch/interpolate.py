"""`${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}` in config strings; `$$` is a `$`.

Applied to parsed scalar values (never to the YAML text), so a variable can never inject YAML structure.
An unset `${VAR}` becomes empty with a warning, as Docker Compose does; `${VAR:?…}` makes it an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_VAR = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*)|(:?\?)([^}]*))?\}")

PathKey = tuple[str | int, ...]


@dataclass
class Interpolation:
    warnings: list[tuple[PathKey, str]] = field(default_factory=list)
    errors: list[tuple[PathKey, str]] = field(default_factory=list)


def interpolate(data: Any, env: Mapping[str, str], result: Interpolation, path: PathKey = ()) -> Any:
    if isinstance(data, dict):
        return {k: interpolate(v, env, result, (*path, k)) for k, v in data.items()}
    if isinstance(data, list):
        return [interpolate(v, env, result, (*path, i)) for i, v in enumerate(data)]
    if not isinstance(data, str) or "$" not in data:
        return data

    def sub(m: re.Match[str]) -> str:
        if m.group(0) == "$$":
            return "$"
        name, dash, default, qmark, message = m.groups()
        value = env.get(name)
        if dash is not None:
            empty_counts = dash == ":-"
            if value is None or (empty_counts and value == ""):
                return default
            return value
        if qmark is not None:
            if value is None or (qmark == ":?" and value == ""):
                result.errors.append((path, f"${{{name}}} is required: {message or 'not set'}"))
                return ""
            return value
        if value is None:
            result.warnings.append((path, f"${{{name}}} is not set; using an empty string"))
            return ""
        return value

    return _VAR.sub(sub, data)
