"""The exceptions newsweave raises.

    NewsweaveError
    ├── InputError        an input could not be read (names the input and the reason)
    │   └── FetchError    a URL could not be fetched
    └── UsageError        the call itself is wrong (bad option, nothing to do)
"""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base class of every error newsweave raises on purpose."""


class InputError(NewsweaveError):
    """An input could not be read; carries the input's name and the reason."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class FetchError(InputError):
    """A URL could not be fetched (refused, unreachable, too large, bad status)."""


class UsageError(NewsweaveError):
    """The request cannot be carried out as given."""
