"""The on-disk copy of the gazetteer indexes: equal to what was built, rebuilt whenever it is
damaged or its inputs change, and never in the way when it cannot be written."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from newsevents import gazetteer_cache
from newsevents.gazetteer import Gazetteer
from newsevents.gazetteer_cache import cache_dir, cache_key, cached_data
from newsevents.gazetteer_data import City, GazetteerData
from newsevents.models import Country


def tiny_data(city: str = "Quetta") -> GazetteerData:
    pak = Country("PAK", "PK", "Pakistan", 30.0, 70.0)
    return GazetteerData(
        countries={"PAK": pak}, country_keys={"pakistan": "PAK"}, territory_keys={},
        former_keys={}, acronyms={}, demonyms={"pakistani": "PAK"}, capitals={},
        admin1={}, admin1_keys={}, admin2_keys={},
        cities={city.lower(): [City(city, "PAK", None, 1_000_000, 30.2, 67.0)]},
        small_cities={}, aliases={}, abbreviations={}, adjectives={}, regions={}, waters={},
        stopwords=frozenset({"the"}), fuzzy_admin1={}, fuzzy_cities={}, fuzzy_places=(),
    )


def counting(data: GazetteerData) -> tuple[Callable[[], GazetteerData], list[int]]:
    builds: list[int] = []

    def build() -> GazetteerData:
        builds.append(1)
        return data

    return build, builds


def copies(directory: Path) -> list[Path]:
    return sorted(directory.glob("gazetteer-*.pickle"))


def test_a_second_load_reads_the_copy_instead_of_building(tmp_path: Path) -> None:
    build, builds = counting(tiny_data())
    first = cached_data(build, tmp_path)
    second = cached_data(build, tmp_path)
    assert len(builds) == 1
    assert second == first and second is not first
    assert len(copies(tmp_path)) == 1
    assert not list(tmp_path.glob(".*"))  # no temporary file is left behind


@pytest.mark.slow
def test_the_copy_of_the_packaged_indexes_equals_them(tmp_path: Path) -> None:
    data = Gazetteer.load()._data
    build, builds = counting(data)
    cached_data(build, tmp_path)
    assert cached_data(build, tmp_path) == data
    assert len(builds) == 1


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps({"a": 1})],
                         ids=["empty", "garbage", "another object"])
def test_a_damaged_copy_is_rebuilt_and_replaced(tmp_path: Path, damage: bytes) -> None:
    build, builds = counting(tiny_data())
    cached_data(build, tmp_path)
    copies(tmp_path)[0].write_bytes(damage)
    assert cached_data(build, tmp_path) == tiny_data()
    assert cached_data(build, tmp_path) == tiny_data()
    assert len(builds) == 2  # once at first, once for the damaged copy, then read again


def test_a_changed_key_rebuilds_and_drops_the_stale_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gazetteer_cache, "cache_key", lambda: "old")
    cached_data(lambda: tiny_data("Quetta"), tmp_path)
    monkeypatch.setattr(gazetteer_cache, "cache_key", lambda: "new")
    rebuilt = cached_data(lambda: tiny_data("Gwadar"), tmp_path)
    assert "gwadar" in rebuilt.cities
    assert [p.name for p in copies(tmp_path)] == ["gazetteer-new.pickle"]


def test_the_key_follows_the_upstream_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache_key()
    assert cache_key() == key
    monkeypatch.setattr(gazetteer_cache, "_version", lambda package: f"{package} 99.0")
    assert cache_key() != key


def test_an_unwritable_directory_still_gives_the_built_indexes(tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("")
    build, builds = counting(tiny_data())
    assert cached_data(build, blocked / "cache") == tiny_data()
    assert cached_data(build, blocked / "cache") == tiny_data()
    assert len(builds) == 2


def test_the_cache_directory_is_chosen_by_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("NEWSEVENTS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "newsevents"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "newsevents"


def test_the_tests_use_their_own_cache_directory() -> None:
    assert cache_dir() != Path.home() / ".cache" / "newsevents"


def _package_imports(module: str) -> set[str]:
    """The newsevents modules `module` imports, directly or through them."""
    import ast

    source = (Path(gazetteer_cache.__file__).parent / f"{module}.py").read_text()
    found = {node.module or "" for node in ast.walk(ast.parse(source))
             if isinstance(node, ast.ImportFrom) and node.level == 1}
    found |= {alias.name for node in ast.walk(ast.parse(source))
              if isinstance(node, ast.ImportFrom) and node.level == 1 and not node.module
              for alias in node.names}
    found.discard("")
    for name in set(found):
        found |= _package_imports(name)
    return found


def test_the_key_covers_every_module_that_builds_the_indexes() -> None:
    assert _package_imports("gazetteer_data") | {"gazetteer_data"} <= \
        set(gazetteer_cache.SOURCE_MODULES)


def test_the_key_knows_the_upstream_versions() -> None:
    for package in gazetteer_cache.UPSTREAM_PACKAGES:
        assert gazetteer_cache._version(package) != "unknown"
