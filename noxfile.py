"""Developer sessions: tests, lint, typecheck, docs, acceptance, bench."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typecheck"]
nox.options.reuse_existing_virtualenvs = True

PYTHONS = ["3.10", "3.11", "3.12"]
SOURCES = ["aiocloud", "tests", "acceptance", "benchmarks", "noxfile.py"]


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Unit tests (respx, no network)."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", "-q", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check."""
    session.install("ruff")
    session.run("ruff", "check", *SOURCES)
    session.run("ruff", "format", "--check", *SOURCES)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the library and its tests."""
    session.install("-e", ".[dev]")
    session.run("mypy", "aiocloud", "tests")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site, failing on any warning."""
    session.install("-e", ".[docs]")
    session.run("mkdocs", "build", "--strict")


@nox.session
def acceptance(session: nox.Session) -> None:
    """Acceptance tests against the cloud named by OS_* (skipped without one)."""
    session.install("-e", ".[test]")
    session.chdir("acceptance")
    session.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Client-cost benchmarks (ratios against raw httpx, measured in one run)."""
    session.install("-e", ".")
    args = session.posargs or ["--quick"]
    session.run("python", "benchmarks/core.py", *args)
