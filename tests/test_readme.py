"""The README's examples run, so that they cannot go stale."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def sh_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, flags=re.S)


def test_readme_has_the_two_commands() -> None:
    blocks = sh_blocks()
    assert any("pip install -e ." in b and "tppo-kg run" in b for b in blocks)
    assert any("pip install -e '.[test]'" in b and "pytest" in b and "chromium" in b for b in blocks)
    assert "pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.slow
def test_readme_tppo_kg_examples_run(tmp_path: Path, built: tuple[Path, Any]) -> None:
    """Every ``tppo-kg`` line of the README runs, after a build and its answers. The build is
    the session's seed build, copied: the same commands over GLOTIP's 1.4 million triples
    would spend a minute in rdflib (``--engine rdflib``) and prove nothing more; the main job
    with GLOTIP is built once per session for the tests that need it."""
    from kg.query.ask import write_answers
    from kg.read.project import Project

    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(built[0], tmp_path / "out")
    write_answers(Project(tmp_path), tmp_path / "out", tmp_path / "out" / "answers")
    commands = [
        line.strip()
        for block in sh_blocks()
        for line in block.splitlines()
        if line.strip().startswith("tppo-kg ")
    ]
    assert commands, "the README shows no tppo-kg example"
    for command in commands:
        args = shlex.split(command)[1:]
        done = subprocess.run(
            [sys.executable, "-m", "kg.cli", *args], cwd=tmp_path, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    assert (tmp_path / "out" / "tppo-kg.trig").is_file()
    assert (tmp_path / "out" / "answers" / "repatriations.csv").is_file()


def test_documented_exit_codes_match_the_code() -> None:
    from kg import errors

    table = dict(re.findall(r"^\| (\d) \| `(\w+)`", README, flags=re.M))
    for code, name in table.items():
        assert getattr(errors, name).exit_code == int(code)
    assert set(table.values()) == {
        "DataError",
        "OntologyError",
        "ValidationError",
        "QueryError",
        "StoreError",
    }


def test_readme_lists_every_question() -> None:
    from kg.query.library import library

    for query in library(ROOT / "queries"):
        if not query.is_violation:
            assert f"`{query.name}`" in README, query.name


@pytest.mark.parametrize(
    ("uid", "with_sudo", "sudo_used"), [("0", False, False), ("0", True, False), ("1000", True, True)]
)
def test_the_install_line_works_as_root_without_sudo_and_with_it(
    tmp_path: Path, uid: str, with_sudo: bool, sudo_used: bool
) -> None:
    """The README's test command, up to the installs, with apt-get, id and sudo stood in for."""
    line = next(b for b in sh_blocks() if "apt-get" in b).strip()
    install = line.split(" && python3 ", 1)[0].replace(
        "apt-get update && apt-get install -y chromium", "echo installed"
    )
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    if with_sudo:
        (bin_dir / "sudo").write_text(f'#!/bin/sh\ntouch {tmp_path}/sudo-used\nexec "$@"\n')
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin"}
    done = subprocess.run(["/bin/sh", "-c", install], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "installed"
    assert (tmp_path / "sudo-used").exists() == sudo_used
