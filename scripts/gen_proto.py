"""Generate the `tabel-proto` package from proto/, or check that the committed code is current.

    uv run python scripts/gen_proto.py          # regenerate libs/proto/src/tabel
    uv run python scripts/gen_proto.py --check  # exit 1 if it disagrees with proto/

The whole `libs/proto/src/tabel` tree is generated: messages (`*_pb2.py`), gRPC stubs
(`*_pb2_grpc.py`), their typing stubs (`.pyi`, mypy-protobuf), `__init__.py` files and
`py.typed`. Nothing hand-written belongs there, because each run replaces the tree.

The output depends only on proto/ and the locked versions of grpcio-tools (which bundles
protoc) and mypy-protobuf: protoc runs from the repository root on relative, sorted paths.
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

from google.protobuf import descriptor_pb2

ROOT = Path(__file__).resolve().parent.parent
PROTO_DIR = ROOT / "proto"
OUT_DIR = ROOT / "libs" / "proto" / "src"
PACKAGE = "tabel"
INIT_TEXT = '"""Generated from proto/ by scripts/gen_proto.py. Do not edit."""\n'
PLUGINS = ("protoc-gen-mypy", "protoc-gen-mypy_grpc")
DIFF_LINES_PER_FILE = 20


def proto_files() -> list[Path]:
    """The .proto sources, relative to the repository root, in a stable order."""
    return sorted(p.relative_to(ROOT) for p in (PROTO_DIR / PACKAGE).rglob("*.proto"))


def _plugin(name: str) -> str:
    # The plugins are console scripts next to this interpreter; PATH is the fallback for
    # interpreters run outside the venv's bin directory.
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        sys.exit(f"{name} not found: install the dev dependencies (`uv sync`)")
    return found


def generate(dest: Path) -> None:
    """Write the generated package into `dest` (which then holds `tabel/`)."""
    files = proto_files()
    if not files:
        sys.exit(f"no .proto files under {PROTO_DIR.relative_to(ROOT)}/{PACKAGE}")
    well_known = Path(str(resources.files("grpc_tools") / "_proto"))
    descriptor_set = dest / "descriptors.binpb"
    args = [
        sys.executable,
        "-m",
        "grpc_tools.protoc",
        f"-I{PROTO_DIR.relative_to(ROOT)}",
        f"-I{well_known}",
        *(f"--plugin={name}={_plugin(name)}" for name in PLUGINS),
        f"--python_out={dest}",
        f"--grpc_python_out={dest}",
        f"--mypy_out={dest}",
        f"--mypy_grpc_out={dest}",
        f"--descriptor_set_out={descriptor_set}",
        *map(str, files),
    ]
    # Trusted input: our own interpreter, our own proto files.
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        sys.exit(f"protoc failed:\n{result.stderr}")
    _drop_empty_grpc_modules(dest, descriptor_set)
    package = dest / PACKAGE
    for directory in [package, *sorted(p for p in package.rglob("*") if p.is_dir())]:
        (directory / "__init__.py").write_text(INIT_TEXT, encoding="utf-8")
    (package / "py.typed").write_text("", encoding="utf-8")


def _drop_empty_grpc_modules(dest: Path, descriptor_set: Path) -> None:
    # The gRPC plugins write a `_pb2_grpc` module for every file, with or without services;
    # the ones without would only be import noise.
    files = descriptor_pb2.FileDescriptorSet.FromString(descriptor_set.read_bytes()).file
    descriptor_set.unlink()
    for file in files:
        if not file.service:
            stem = dest / file.name.removesuffix(".proto")
            for suffix in ("_pb2_grpc.py", "_pb2_grpc.pyi"):
                stem.with_name(stem.name + suffix).unlink()


def _tree(root: Path) -> dict[str, Path]:
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): p
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def _diff(old: Path, new: Path, name: str) -> list[str]:
    lines = difflib.unified_diff(
        old.read_text(encoding="utf-8").splitlines(),
        new.read_text(encoding="utf-8").splitlines(),
        f"committed/{name}",
        f"generated/{name}",
        lineterm="",
    )
    shown = [line[:200] for line in lines]
    if len(shown) > DIFF_LINES_PER_FILE:
        shown = [*shown[:DIFF_LINES_PER_FILE], f"... ({len(shown) - DIFF_LINES_PER_FILE} more)"]
    return shown


def drift(committed: Path, generated: Path) -> list[str]:
    """Readable lines describing how `committed` differs from `generated`; empty if equal."""
    old, new = _tree(committed), _tree(generated)
    report: list[str] = []
    for name in sorted(old.keys() | new.keys()):
        if name not in old:
            report.append(f"missing: {name}")
        elif name not in new:
            report.append(f"stale:   {name}")
        elif old[name].read_bytes() != new[name].read_bytes():
            report.append(f"differs: {name}")
            report.extend(f"    {line}" for line in _diff(old[name], new[name], name))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check",
        action="store_true",
        help="regenerate into a temporary directory and fail if the committed code differs",
    )
    options = parser.parse_args(argv)
    committed = OUT_DIR / PACKAGE
    shown = committed.relative_to(ROOT)
    with tempfile.TemporaryDirectory(prefix="tabel-proto-") as tmp:
        generate(Path(tmp))
        generated = Path(tmp) / PACKAGE
        if options.check:
            report = drift(committed, generated)
            if report:
                print(f"{shown} is out of date with proto/:", file=sys.stderr)
                print("\n".join(report), file=sys.stderr)
                print("run: uv run python scripts/gen_proto.py", file=sys.stderr)
                return 1
            print(f"{shown} is up to date with proto/")
            return 0
        # Generate first, replace after: a protoc error leaves the committed code alone.
        shutil.rmtree(committed, ignore_errors=True)
        shutil.copytree(generated, committed)
    count = sum(1 for name in _tree(committed) if name.endswith("_pb2.py"))
    print(f"generated {count} modules into {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
