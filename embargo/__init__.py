"""embargo: keep news about conference research inside the conference's embargo rules.

Public API (the CLI is built on it)::

    from embargo import Embargo, check_text
"""

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

__version__ = "0.1.0"

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
