"""Every rendered object is valid Kubernetes, and every pod runs restricted and probed."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import SERVICES, Manifest, find, one, pod_spec

# Kinds that come from CRDs (Prometheus operator): not in the Kubernetes schemas.
CRD_KINDS = {"ServiceMonitor", "PrometheusRule"}
KUBE_VERSIONS = ("1.30.0", "1.33.0")
WORKLOADS = ("Deployment", "StatefulSet", "Job")


@pytest.mark.parametrize("kube_version", KUBE_VERSIONS)
def test_every_manifest_validates_against_kubernetes_schemas(
    render: Any, kube_version: str
) -> None:
    kubernetes_validate = pytest.importorskip(
        "kubernetes_validate", reason="kubernetes-validate is a dev dependency"
    )
    everything = {"monitoring": {"serviceMonitor": {"enabled": True}}, "secrets": _secrets()}
    docs = render(everything)
    checked = 0
    for doc in docs:
        if doc["kind"] in CRD_KINDS:
            continue
        kubernetes_validate.validate(doc, kube_version, strict=True)
        checked += 1
    kinds = {d["kind"] for d in docs}
    assert {"Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"} <= kinds
    assert {"ServiceAccount", "NetworkPolicy", "Job", "StatefulSet", "Ingress", "Secret"} <= kinds
    assert checked > 40


def _secrets() -> dict[str, Any]:
    return {
        "create": True,
        "values": {
            s: {
                "databaseUrl": f"postgresql://tabel_{s}:pw@pg:5432/tabel_{s}",
                "oidcClientSecret": "x",
            }
            for s in SERVICES
        },
    }


def _pod_specs(docs: list[Manifest]) -> list[tuple[str, dict[str, Any]]]:
    return [(d["metadata"]["name"], pod_spec(d)) for d in docs if d["kind"] in WORKLOADS]


def test_every_pod_runs_with_the_restricted_security_context(manifests: list[Manifest]) -> None:
    specs = _pod_specs(manifests)
    assert len(specs) == 2 * len(SERVICES) + 1  # deployments, migration jobs, NATS
    for name, spec in specs:
        pod = spec["securityContext"]
        assert pod["runAsNonRoot"] is True, name
        assert pod["runAsUser"] != 0, name
        assert pod["seccompProfile"] == {"type": "RuntimeDefault"}, name
        assert spec["automountServiceAccountToken"] is False, name
        for container in spec["containers"]:
            ctx = container["securityContext"]
            assert ctx["readOnlyRootFilesystem"] is True, name
            assert ctx["allowPrivilegeEscalation"] is False, name
            assert ctx["capabilities"]["drop"] == ["ALL"], name
            assert "add" not in ctx["capabilities"], name
            assert ctx["runAsNonRoot"] is True, name
            assert ctx["seccompProfile"] == {"type": "RuntimeDefault"}, name
            assert "resources" in container and container["resources"]["limits"]["memory"], name


@pytest.mark.parametrize("service", SERVICES)
def test_service_probes_grpc_at_startup_then_http_health(
    manifests: list[Manifest], service: str
) -> None:
    container = pod_spec(one(manifests, "Deployment", service))["containers"][0]
    assert container["startupProbe"]["grpc"] == {"port": 50051}
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {"http": 8000, "grpc": 50051}
    assert container["image"].endswith(f"/{service}:0.1.0")
    assert container["args"] == ["serve"]


@pytest.mark.parametrize("service", SERVICES)
def test_service_has_account_service_autoscaler_and_disruption_budget(
    manifests: list[Manifest], service: str
) -> None:
    deployment = one(manifests, "Deployment", service)
    name = deployment["metadata"]["name"]
    account = one(manifests, "ServiceAccount", service)
    assert pod_spec(deployment)["serviceAccountName"] == account["metadata"]["name"] == name
    svc = one(manifests, "Service", service)
    assert {p["name"]: p["port"] for p in svc["spec"]["ports"]} == {"http": 8000, "grpc": 50051}
    assert svc["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]
    hpa = one(manifests, "HorizontalPodAutoscaler", service)
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": name,
    }
    assert "replicas" not in deployment["spec"]  # the autoscaler owns the replica count
    pdb = one(manifests, "PodDisruptionBudget", service)
    assert pdb["spec"]["selector"]["matchLabels"] == svc["spec"]["selector"]
    assert pdb["spec"]["minAvailable"] < hpa["spec"]["minReplicas"]


def test_journal_scales_most(manifests: list[Manifest]) -> None:
    maxima = {
        s: one(manifests, "HorizontalPodAutoscaler", s)["spec"]["maxReplicas"] for s in SERVICES
    }
    assert max(maxima, key=lambda s: maxima[s]) == "journal"
    assert all(maxima["journal"] > v for s, v in maxima.items() if s != "journal")


def test_nats_is_a_three_node_jetstream_cluster_on_file_storage(manifests: list[Manifest]) -> None:
    sts = one(manifests, "StatefulSet", "nats")
    assert sts["spec"]["replicas"] == 3
    claim = sts["spec"]["volumeClaimTemplates"][0]
    assert claim["spec"]["resources"]["requests"]["storage"] == "20Gi"
    config = one(manifests, "ConfigMap", "nats")["data"]["nats.conf"]
    assert "store_dir: /data" in config
    assert config.count(":6222\n") == 3 + 1  # three routes and the cluster listen address
    mounts = {m["name"]: m["mountPath"] for m in pod_spec(sts)["containers"][0]["volumeMounts"]}
    assert mounts["data"] == "/data"
    assert find(manifests, "PodDisruptionBudget", "nats")[0]["spec"]["maxUnavailable"] == 1
