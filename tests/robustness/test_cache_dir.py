"""The cache folder: lintkit writes only into a folder it created (issue 18,
item 2). ``cache_dir: .`` used to overwrite the project's ``.gitignore`` with
``# created by lintkit\\n*`` and drop ``CACHEDIR.TAG`` in the project root,
and the run exited 0."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import CLEAN_TEXT, run_cli

from lintkit.cache import Cache, folder_owner
from lintkit.config import ConfigError, load_project

GITIGNORE = "node_modules/\n*.log\n"


def tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` with a hash of its bytes."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def make(root: Path, config: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (root / "lintkit.yaml").write_text(config, encoding="utf-8")
    for folder in ("content", "refs", "packs"):
        (root / folder).mkdir(exist_ok=True)
    (root / "content" / "page.md").write_text(CLEAN_TEXT, encoding="utf-8")


def test_issue_reproduction_cache_dir_dot_is_refused_and_gitignore_kept(tmp_path: Path) -> None:
    make(tmp_path, "content: [content]\ncache_dir: .\n")
    before = tree(tmp_path)
    r = run_cli("check", cwd=tmp_path)
    assert r.code == 2, (r.code, r.err)
    (line,) = r.err.strip().splitlines()
    assert line == (
        f"lintkit: error: {tmp_path / 'lintkit.yaml'}:2: setting 'cache_dir': '.' is the project folder; "
        "lintkit writes its cache into a folder of its own: use e.g. '.lintkit_cache'"
    )
    assert tree(tmp_path) == before
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == GITIGNORE
    assert not (tmp_path / "CACHEDIR.TAG").exists()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("./content/..", "is the project folder"),
        ("content", "is the 'content' folder 'content'"),
        ("content/", "is the 'content' folder 'content'"),
        ("refs", "is the 'references' folder 'refs'"),
        ("packs", "is the 'rule_packs' folder 'packs'"),
    ],
)
def test_a_cache_dir_that_is_the_root_or_a_read_folder_is_a_config_error(
    tmp_path: Path, value: str, words: str
) -> None:
    make(tmp_path, f"content: [content]\nreferences: [refs]\nrule_packs: [packs]\ncache_dir: {value!r}\n")
    with pytest.raises(ConfigError) as e:
        load_project(cwd=tmp_path)
    assert words in str(e.value) and e.value.line == 4, str(e.value)


def test_a_cache_dir_that_holds_a_content_folder_is_a_config_error(tmp_path: Path) -> None:
    make(tmp_path, "content: [site/articles]\ncache_dir: site\n")
    (tmp_path / "site" / "articles").mkdir(parents=True)
    with pytest.raises(ConfigError, match="'site' holds the 'content' folder 'site/articles'") as e:
        load_project(cwd=tmp_path)
    assert e.value.line == 2


def test_a_folder_lintkit_did_not_create_is_never_written(tmp_path: Path) -> None:
    make(tmp_path, "content: [content]\ncache_dir: notes\n")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / ".gitignore").write_text("keep me\n", encoding="utf-8")
    (notes / "todo.txt").write_text("mine\n", encoding="utf-8")
    before = tree(tmp_path)
    r = run_cli("check", cwd=tmp_path)
    assert r.code == 2 and "Traceback" not in r.err
    assert f"{tmp_path / 'lintkit.yaml'}:2: setting 'cache_dir': 'notes' is a folder lintkit did not create" in r.err
    assert tree(tmp_path) == before
    # without the cache nothing is written there either, and the run works
    r = run_cli("check", "--no-cache", cwd=tmp_path)
    assert r.code == 0, r.err
    assert tree(tmp_path) == before


def test_an_empty_folder_is_adopted_and_lintkits_own_folder_reused(tmp_path: Path) -> None:
    make(tmp_path, "content: [content]\ncache_dir: .cache/lintkit\n")
    folder = tmp_path / ".cache" / "lintkit"
    folder.mkdir(parents=True)  # e.g. made empty by a CI cache step
    assert folder_owner(folder) == "empty"
    assert run_cli("check", cwd=tmp_path).code == 0
    assert folder_owner(folder) == "lintkit"
    tag = (folder / "CACHEDIR.TAG").read_text(encoding="utf-8")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    r = run_cli("check", "--verbose", cwd=tmp_path)
    assert r.code == 0 and "1 from the cache" in r.err, r.err


def test_a_cache_made_before_cachedir_tag_is_still_lintkits(tmp_path: Path) -> None:
    folder = tmp_path / ".lintkit_cache"
    folder.mkdir()
    (folder / ".gitignore").write_text("# created by lintkit\n*\n", encoding="utf-8")
    (folder / "v1").mkdir()
    assert folder_owner(folder) == "lintkit"
    assert folder_owner(tmp_path / "absent") == "absent"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert folder_owner(tmp_path / "file") == "not-a-folder"
    (tmp_path / "api" / "v1").mkdir(parents=True)  # lintkit's layout, but anyone's folder
    assert folder_owner(tmp_path / "api") == "foreign"


def test_a_folder_that_appears_before_the_cache_is_saved_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    store = Cache(folder, "k" * 64)
    store.put("a.md", ("0" * 64, False, b"", b""))
    folder.mkdir()  # someone else's folder appears meanwhile
    (folder / ".gitignore").write_text("theirs\n", encoding="utf-8")
    store.save()
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore"]
    assert (folder / ".gitignore").read_text(encoding="utf-8") == "theirs\n"
