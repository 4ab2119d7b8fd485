"""Finding and loading policy files: bundled ones always, then the user's folders.

A user folder may replace a bundled policy by declaring the same meeting id.  A file that does
not load is an error (exit 2), never skipped: a silently missing policy would turn violations
into passes.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from pathlib import Path

from embargo.errors import InputError
from embargo.policy.schema import Policy, load_policy_text


def bundled_dir() -> Path | None:
    """The folder of policies shipped with embargo (source checkout or installed package)."""
    checkout = Path(__file__).resolve().parents[2] / "policies"
    if checkout.is_dir() and any(checkout.glob("*.toml")):
        return checkout
    spec = importlib.util.find_spec("embargo_policies")
    if spec is not None and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            p = Path(loc)
            if p.is_dir():
                return p
    return None


def read_policy_file(path: Path) -> Policy:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read policy file: {e.strerror}", path=str(path)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError("policy files must be UTF-8", path=str(path), line=line) from None
    from embargo.policy.cache import cached_policy, store_policy

    policy, folder = cached_policy(str(path), text)
    if policy is None:
        policy = load_policy_text(text, str(path))
        store_policy(folder, policy)
    return policy


def policy_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(p.glob("*.toml")))
        elif p.is_file():
            out.append(p)
        else:
            raise InputError("no such policy file or folder", path=str(p))
    return out


class PolicySet:
    """Every loaded policy, by meeting id."""

    def __init__(self, policies: Iterable[Policy] = ()) -> None:
        self._by_id: dict[str, Policy] = {}
        for p in policies:
            self._by_id[p.id] = p

    @classmethod
    def load(cls, extra: Iterable[str | Path] = (), *, bundled: bool = True) -> PolicySet:
        """Bundled policies, then each folder/file of ``extra`` (later ones win)."""
        paths: list[Path] = []
        if bundled:
            b = bundled_dir()
            if b is not None:
                paths.append(b)
        paths.extend(Path(x) for x in extra)
        return cls(read_policy_file(f) for f in policy_files(paths))

    def get(self, meeting_id: str) -> Policy | None:
        return self._by_id.get(meeting_id)

    def __contains__(self, meeting_id: object) -> bool:
        return meeting_id in self._by_id

    def __iter__(self) -> Iterator[Policy]:
        return iter(sorted(self._by_id.values(), key=lambda p: p.id))

    def __len__(self) -> int:
        return len(self._by_id)

    def ids(self) -> list[str]:
        return sorted(self._by_id)

    def require(self, meeting_id: str) -> Policy:
        p = self.get(meeting_id)
        if p is None:
            known = ", ".join(self.ids()) or "none"
            raise InputError(f"no policy for meeting {meeting_id!r} (loaded: {known})")
        return p
