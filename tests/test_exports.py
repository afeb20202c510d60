"""Every public module's exports, pinned: a change to the public surface is a change here.

(That each ``__all__`` is sorted is ruff's RUF022.)

``public_api.txt`` holds one line per public module: its name and its sorted
``__all__``. After an intended change, regenerate it with
``python -m tests.test_exports > tests/public_api.txt`` and review the diff.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

import aiocloud

PINNED = Path(__file__).with_name("public_api.txt")


def _public_modules() -> list[ModuleType]:
    names = [
        info.name
        for info in pkgutil.walk_packages(aiocloud.__path__, "aiocloud.")
        if not any(part.startswith("_") for part in info.name.split("."))
    ]
    return [aiocloud, *(importlib.import_module(name) for name in sorted(names))]


def _defined_public_names(module: ModuleType) -> set[str]:
    """The public functions and classes ``module`` defines itself."""
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value))
        and value.__module__ == module.__name__
    }


def _exports() -> str:
    lines = [f"{m.__name__}: {' '.join(getattr(m, '__all__', []))}" for m in _public_modules()]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def test_every_public_module_exports_what_is_pinned() -> None:
    assert _exports() == PINNED.read_text()


@pytest.mark.parametrize("module", _public_modules(), ids=lambda m: m.__name__)
def test_all_is_complete_and_real(module: ModuleType) -> None:
    exported = list(getattr(module, "__all__", []))
    missing = _defined_public_names(module) - set(exported)
    assert not missing, f"public but not in __all__: {sorted(missing)}"
    for name in exported:
        assert hasattr(module, name), name


if __name__ == "__main__":
    print(_exports(), end="")
