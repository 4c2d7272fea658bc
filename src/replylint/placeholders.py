"""Template placeholders in a draft ({{ customer.first_name }}, {% if %}, [Customer Name], ...).

Found once per draft; before spaCy sees the text each becomes a neutral stand-in of its kind, padded to the same
length so offsets never move.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("name", "agent", "company", "order", "date", "link", "email", "phone", "other", "tag")


@dataclass(frozen=True)
class Placeholder:
    """A placeholder at draft characters [start, end).

    ``kind`` is one of KINDS ("tag" is template logic such as ``{% if %}``, which stands in as blank space);
    ``variable`` the variable it names, ``fallback`` its default text (None when it has none), ``syntax`` one of
    liquid, handlebars, jinja, helpscout, intercom, single-brace, bracket.
    """

    start: int
    end: int
    kind: str
    syntax: str
    variable: str | None = None
    fallback: str | None = None


def find_placeholders(text: str) -> list[Placeholder]:
    """Placeholders in ``text``, in order, not overlapping."""
    return []


def stand_in(text: str, placeholders: list[Placeholder]) -> str:
    """``text`` with each placeholder replaced by a same-length neutral stand-in of its kind."""
    if not placeholders:
        return text
    parts, last = [], 0
    for p in placeholders:
        parts.append(text[last:p.start])
        parts.append(" " * (p.end - p.start))
        last = p.end
    parts.append(text[last:])
    return "".join(parts)
