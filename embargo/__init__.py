"""embargo: keep news about conference research inside the conference's embargo rules.

Public API (the CLI is built on it)::

    from embargo import Embargo, check_text

The names below are imported when first used (PEP 562), so ``import embargo`` (and every
``embargo.x`` submodule import, which runs this file first) stays cheap: a command that does
not check drafts never loads the checking machinery.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Public name → the module that defines it.
_WHERE: dict[str, str] = {
    "Embargo": "embargo.api",
    "WhenRow": "embargo.api",
    "check_text": "embargo.api",
    "exit_code": "embargo.engine",
    "judge": "embargo.engine",
    "EmbargoError": "embargo.errors",
    "InputError": "embargo.errors",
    **{name: "embargo.model" for name in (
        "Abstract", "Finding", "Item", "Judgement", "Kind", "KindGuess", "Link", "Tier",
        "TierEvidence", "Verdict")},
    "PolicySet": "embargo.policy",
}

__all__ = [
    "Abstract",
    "Embargo",
    "EmbargoError",
    "Finding",
    "InputError",
    "Item",
    "Judgement",
    "Kind",
    "KindGuess",
    "Link",
    "PolicySet",
    "Tier",
    "TierEvidence",
    "Verdict",
    "WhenRow",
    "__version__",
    "check_text",
    "exit_code",
    "judge",
]


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'embargo' has no attribute {name!r}")
    value = getattr(import_module(where), name)
    globals()[name] = value  # once imported, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


if TYPE_CHECKING:
    from embargo.api import Embargo, WhenRow, check_text
    from embargo.engine import exit_code, judge
    from embargo.errors import EmbargoError, InputError
    from embargo.model import (
        Abstract,
        Finding,
        Item,
        Judgement,
        Kind,
        KindGuess,
        Link,
        Tier,
        TierEvidence,
        Verdict,
    )
    from embargo.policy import PolicySet
