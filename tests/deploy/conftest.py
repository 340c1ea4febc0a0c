"""Renders the real Helm chart in-process (helm-python-sdk binds Helm's Go SDK; no helm binary)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
CHART = REPO / "deploy" / "helm" / "tabel"
SERVICES = ("identity", "roster", "schedule", "journal", "reporting")
RELEASE = "region"

Manifest = dict[str, Any]
Render = Callable[..., list[Manifest]]


class _StrictLoader(yaml.SafeLoader):
    """Refuses duplicate mapping keys, which the API server and kubectl refuse too."""


def _no_duplicates(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise yaml.constructor.ConstructorError(
            None, None, f"duplicate keys {duplicates}", node.start_mark
        )
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def parse_manifests(rendered: dict[str, str]) -> list[Manifest]:
    docs: list[Manifest] = []
    for name, text in sorted(rendered.items()):
        if name.endswith("NOTES.txt"):
            continue
        for doc in yaml.load_all(text, Loader=_StrictLoader):
            if doc:
                doc.setdefault("metadata", {}).setdefault("annotations", {})
                doc["metadata"]["annotations"]["tabel.test/template"] = name
                docs.append(doc)
    return docs


@pytest.fixture(scope="session")
def helm() -> Iterator[Any]:
    helm_python = pytest.importorskip(
        "helm_python", reason="helm-python-sdk is a dev dependency (root pyproject dev group)"
    )
    yield helm_python


@pytest.fixture(scope="session")
def render(helm: Any) -> Iterator[Render]:
    helm.disable_logging()
    with helm.Chart.load(CHART) as chart:

        def _render(values: dict[str, Any] | None = None) -> list[Manifest]:
            rendered = chart.render(
                values=json.loads(json.dumps(values or {})),
                name=RELEASE,
                namespace="tabel",
                is_install=True,
            )
            return parse_manifests(rendered)

        yield _render


@pytest.fixture(scope="session")
def manifests(render: Render) -> list[Manifest]:
    return render()


def find(docs: list[Manifest], kind: str, component: str | None = None) -> list[Manifest]:
    """Objects of `kind`, optionally of one component (label app.kubernetes.io/component)."""
    return [
        d
        for d in docs
        if d["kind"] == kind
        and (component is None or _labels(d).get("app.kubernetes.io/component") == component)
    ]


def one(docs: list[Manifest], kind: str, component: str) -> Manifest:
    found = find(docs, kind, component)
    assert len(found) == 1, f"expected one {kind} of {component}, got {len(found)}"
    return found[0]


def _labels(doc: Manifest) -> dict[str, str]:
    labels: dict[str, str] = doc["metadata"].get("labels") or {}
    return labels


def pod_spec(doc: Manifest) -> dict[str, Any]:
    spec: dict[str, Any] = doc["spec"]["template"]["spec"]
    return spec
