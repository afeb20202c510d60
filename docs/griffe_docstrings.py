"""A griffe extension that renders aiocloud's docstrings as Markdown for mkdocstrings.

aiocloud's docstrings are written to read well in a terminal (``help()``):
usage examples as plain unindented lines, reST ``::`` literal blocks and
Sphinx roles (:class:`~aiocloud.errors.NotFound`). This turns them into what
Markdown expects: fenced Python blocks and code spans. Only the rendered site
changes; the code is not touched.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

import griffe

# A paragraph whose first line starts like a Python statement is a usage example.
_CODE_START = re.compile(
    r"^(await|async|for|with|from|import|print|return|if|def|class|try|except|del|assert)\b"
    r"|^@"
    r"|^[a-z_][\w.]*(\[[^\]]*\])?\s*(=|\(|\.|\+=)"
    r"|^[a-z_]\w*(, [a-z_]\w*)+\s*="
)
_ROLE = re.compile(r":(?:py:)?(class|func|meth|data|attr|mod|exc|obj):`~?([^`]+)`")


def _role(match: re.Match[str]) -> str:
    kind, target = match.group(1), match.group(2)
    if match.group(0).split("`", 1)[1].startswith("~"):
        target = target.rsplit(".", 1)[-1]
    return f"`{target}()`" if kind in ("func", "meth") else f"`{target}`"


def _fence(lines: list[str]) -> list[str]:
    body = textwrap.dedent("\n".join(lines)).strip("\n")  # keeps blank lines inside
    language = "python" if _CODE_START.match(body) else "text"
    return [f"```{language}", *body.splitlines(), "```"]


def to_markdown(text: str) -> str:
    """The Markdown form of one docstring."""
    paragraphs: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    out: list[list[str]] = []
    code: list[list[str]] = []  # consecutive code paragraphs: one fenced block

    def flush() -> None:
        if code:
            out.append(_fence([line for block in code for line in ["", *block]]))
            code.clear()

    literal_next = False
    for index, paragraph in enumerate(p for p in paragraphs if p):
        indented = all(line.startswith((" ", "\t")) for line in paragraph)
        if (literal_next and indented) or (
            index > 0 and not indented and _CODE_START.match(paragraph[0])
        ):
            code.append(paragraph)
            continue
        flush()
        literal_next = False
        if paragraph[-1].rstrip().endswith("::"):
            stripped = paragraph[-1].rstrip()[:-2].rstrip()
            paragraph = [*paragraph[:-1], stripped + ":" if stripped else ""]
            literal_next = True
        out.append([_ROLE.sub(_role, line) for line in paragraph])
    flush()
    return "\n\n".join("\n".join(p) for p in out if any(p))


class MarkdownDocstrings(griffe.Extension):
    """Converts every docstring of the loaded packages with :func:`to_markdown`."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        self._convert(pkg, set())

    def _convert(self, obj: griffe.Object, seen: set[str]) -> None:
        if obj.path in seen:
            return
        seen.add(obj.path)
        if obj.docstring is not None:
            obj.docstring.value = to_markdown(obj.docstring.value)
        for member in obj.members.values():
            if not member.is_alias:
                self._convert(member, seen)  # type: ignore[arg-type]
