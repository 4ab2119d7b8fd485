"""remember(): a bounded memory that remembers None too and empties itself at its bound."""

from __future__ import annotations

from embargo.content.memo import remember


def test_made_once_none_included_and_bounded() -> None:
    memo: dict[str, str | None] = {}
    calls: list[str] = []

    def make(key: str) -> str | None:
        calls.append(key)
        return None if key == "nothing" else key.upper()

    assert remember(memo, "nothing", lambda: make("nothing"), 3) is None
    assert remember(memo, "nothing", lambda: make("nothing"), 3) is None
    assert remember(memo, "a", lambda: make("a"), 3) == "A"
    assert calls == ["nothing", "a"]  # a remembered None is not made again
    for k in "bcdefg":
        remember(memo, k, lambda k=k: make(k), 3)
        assert len(memo) <= 3
    assert remember(memo, "g", lambda: make("again"), 3) == "G"
