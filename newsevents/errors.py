"""The exceptions newsevents raises, translated once at each boundary.

    NewsEventsError
    ├── InputError        an input cannot be read or used (names the input and the reason)
    │   └── FetchError    a URL or feed could not be fetched (network, size, refused host)
    ├── StoreError        the database cannot be opened or written
    ├── WorkerError       a worker process died, or its result could not be sent back
    └── MissingDependency an optional extra is not installed (carries the install hint)

The CLI prints `str(error)` on one line and exits non-zero; library code never exits.
"""

from __future__ import annotations


class NewsEventsError(Exception):
    """Base of every error newsevents raises on purpose."""


class InputError(NewsEventsError):
    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # raised again after a worker's pickle
        return type(self), (self.source, self.reason)


class FetchError(InputError):
    pass


class StoreError(NewsEventsError):
    pass


class WorkerError(NewsEventsError):
    pass


class MissingDependency(NewsEventsError):
    def __init__(self, package: str, extra: str) -> None:
        super().__init__(
            f"{package} is not installed; install it with: pip install 'newsevents[{extra}]'"
        )
        self.package = package
        self.extra = extra

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return type(self), (self.package, self.extra)
