"""The policy language: data files in ``policies/``, one per meeting edition."""

from embargo.policy.evaluate import Ruling, match_rule, ruling, rulings
from embargo.policy.lifts import Bounds, LiftExpr
from embargo.policy.loader import PolicySet, bundled_dir, read_policy_file
from embargo.policy.schema import (
    Example,
    Meeting,
    Override,
    Policy,
    Requirement,
    Rule,
    load_policy_text,
)

__all__ = [
    "Bounds",
    "Example",
    "LiftExpr",
    "Meeting",
    "Override",
    "Policy",
    "PolicySet",
    "Requirement",
    "Rule",
    "Ruling",
    "bundled_dir",
    "load_policy_text",
    "match_rule",
    "read_policy_file",
    "ruling",
    "rulings",
]
