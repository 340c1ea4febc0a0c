"""Who may talk to whom, what each service is told, and what switching a service off removes."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from tabel_platform.settings import ServiceSettings

from .conftest import CHART, RELEASE, SERVICES, Manifest, find, one, pod_spec

# The gRPC callers each service admits (the issue's table; the portal is a future component).
GRPC_CALLERS = {
    "identity": {"roster", "schedule", "journal", "reporting", "portal"},
    "roster": {"identity", "schedule", "journal", "reporting"},
    "schedule": {"journal", "reporting"},
    "journal": {"reporting", "portal"},
    "reporting": {"portal"},
}
CALLERS = (*SERVICES, "portal", "nats")


def _selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions") or []:
        assert expr["operator"] == "In"
        if labels.get(expr["key"]) not in expr["values"]:
            return False
    return True


def admits(policy: Manifest, *, namespace: str, pod: dict[str, str], port: int) -> bool:
    """Whether a NetworkPolicy lets a pod (labels) in a namespace reach `port`."""
    for rule in policy["spec"]["ingress"]:
        if port not in [p["port"] for p in rule["ports"]]:
            continue
        for peer in rule["from"]:
            if "namespaceSelector" in peer:
                ns_labels = {"kubernetes.io/metadata.name": namespace}
                ns_ok = _selects(peer["namespaceSelector"], ns_labels)
                pod_ok = _selects(peer.get("podSelector", {}), pod)
            else:
                ns_ok, pod_ok = namespace == "tabel", _selects(peer["podSelector"], pod)
            if ns_ok and pod_ok:
                return True
    return False


def _pod(component: str) -> dict[str, str]:
    return {
        "app.kubernetes.io/instance": RELEASE,
        "app.kubernetes.io/component": component,
        "app.kubernetes.io/part-of": "tabel",
    }


@pytest.mark.parametrize("target", SERVICES)
@pytest.mark.parametrize("caller", CALLERS)
def test_grpc_port_admits_only_the_listed_callers(
    manifests: list[Manifest], target: str, caller: str
) -> None:
    policy = one(manifests, "NetworkPolicy", target)
    assert policy["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == target
    allowed = admits(policy, namespace="tabel", pod=_pod(caller), port=50051)
    assert allowed == (caller in GRPC_CALLERS[target])


@pytest.mark.parametrize("target", SERVICES)
def test_http_admits_ingress_and_portal_metrics_admit_prometheus(
    manifests: list[Manifest], target: str
) -> None:
    policy = one(manifests, "NetworkPolicy", target)
    assert admits(policy, namespace="ingress-nginx", pod={}, port=8000)
    assert admits(policy, namespace="tabel", pod=_pod("portal"), port=8000)
    assert admits(policy, namespace="monitoring", pod={"app": "prometheus"}, port=8000)
    # Refused: gRPC from the ingress controller or Prometheus, HTTP from another service,
    # and anything from a different release or namespace.
    assert not admits(policy, namespace="ingress-nginx", pod={}, port=50051)
    assert not admits(policy, namespace="monitoring", pod={}, port=50051)
    assert not admits(policy, namespace="tabel", pod=_pod("journal"), port=8000)
    other_release = {**_pod("reporting"), "app.kubernetes.io/instance": "other"}
    assert not admits(policy, namespace="tabel", pod=other_release, port=50051)
    assert not admits(policy, namespace="default", pod=_pod("portal"), port=8000)


def test_nats_admits_tabel_clients_peers_and_prometheus_only(manifests: list[Manifest]) -> None:
    policy = one(manifests, "NetworkPolicy", "nats")
    assert admits(policy, namespace="tabel", pod=_pod("journal"), port=4222)
    nats_pod = {**_pod("nats"), "app.kubernetes.io/name": "tabel-nats"}
    assert admits(policy, namespace="tabel", pod=nats_pod, port=6222)
    assert not admits(policy, namespace="tabel", pod=_pod("journal"), port=6222)
    assert admits(policy, namespace="monitoring", pod={}, port=8222)
    assert not admits(policy, namespace="default", pod={"app": "x"}, port=4222)


def _env(doc: Manifest) -> dict[str, Any]:
    container = pod_spec(doc)["containers"][0]
    return {e["name"]: e.get("value", e.get("valueFrom")) for e in container["env"]}


@pytest.mark.parametrize("service", SERVICES)
def test_env_matches_service_settings_and_names_every_peer(
    manifests: list[Manifest], service: str
) -> None:
    env = _env(one(manifests, "Deployment", service))
    fields = {name.upper() for name in ServiceSettings.model_fields}
    settings_env = {k for k in env if not k.startswith("TABEL_")}
    assert settings_env <= fields, settings_env - fields
    secret = f"{RELEASE}-tabel-{service}"
    assert env["DATABASE_URL"] == {"secretKeyRef": {"name": secret, "key": "database-url"}}
    assert env["OIDC_CLIENT_SECRET"] == {
        "secretKeyRef": {"name": secret, "key": "oidc-client-secret"}
    }
    assert env["OIDC_CLIENT_ID"] == f"svc-{service}"
    assert env["OIDC_ISSUERS"] == "https://id.example-region.ru/realms/tabel"
    assert env["OIDC_AUDIENCE"] == "tabel-api"
    assert (env["HTTP_HOST"], env["HTTP_PORT"], env["GRPC_HOST"], env["GRPC_PORT"]) == (
        "0.0.0.0",
        "8000",
        "0.0.0.0",
        "50051",
    )
    assert env["NATS_URL"] == f"nats://{RELEASE}-tabel-nats:4222"
    services = {s["metadata"]["name"] for s in find(manifests, "Service")}
    for peer in SERVICES:
        key = f"TABEL_{peer.upper()}_GRPC_TARGET"
        if peer == service:
            assert key not in env
            continue
        host, _, port = env[key].partition(":")
        assert host in services and port == "50051"
    ServiceSettings.model_validate(
        {k.lower(): v for k, v in env.items() if isinstance(v, str) and k in fields}
    )


@pytest.mark.parametrize("service", SERVICES)
def test_migration_job_runs_before_install_and_upgrade(
    manifests: list[Manifest], service: str
) -> None:
    job = one(manifests, "Job", f"{service}-migrate")
    annotations = job["metadata"]["annotations"]
    assert annotations["helm.sh/hook"] == "pre-install,pre-upgrade"
    container = pod_spec(job)["containers"][0]
    deployment = pod_spec(one(manifests, "Deployment", service))["containers"][0]
    assert container["args"] == ["migrate"]
    assert container["image"] == deployment["image"]
    assert _env(job)["DATABASE_URL"] == _env(one(manifests, "Deployment", service))["DATABASE_URL"]


@pytest.mark.parametrize("service", SERVICES)
def test_disabling_a_service_removes_all_its_objects(render: Any, service: str) -> None:
    docs = render({service: {"enabled": False}})
    leftovers = [
        f"{d['kind']}/{d['metadata']['name']}"
        for d in docs
        if service in d["metadata"]["name"].split("-")
        or d["metadata"]
        .get("labels", {})
        .get("app.kubernetes.io/component", "")
        .startswith(service)
    ]
    assert leftovers == []
    for other in set(SERVICES) - {service}:
        assert f"TABEL_{service.upper()}_GRPC_TARGET" not in _env(one(docs, "Deployment", other))
    assert len(find(docs, "Deployment")) == len(SERVICES) - 1


def test_external_nats_replaces_the_in_chart_cluster(render: Any) -> None:
    docs = render({"nats": {"enabled": False, "externalUrl": "nats://nats.infra:4222"}})
    assert find(docs, "StatefulSet") == []
    assert all(_env(d)["NATS_URL"] == "nats://nats.infra:4222" for d in find(docs, "Deployment"))


def test_ingress_routes_every_school_domain_wildcard_to_the_portal(render: Any) -> None:
    hosts = ["*.schools.region-a.ru", "*.edu.city-b.ru"]
    ingress = one(render({"ingress": {"hosts": hosts}}), "Ingress", "portal")
    assert [r["host"] for r in ingress["spec"]["rules"]] == hosts
    assert ingress["spec"]["tls"][0]["hosts"] == hosts
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": f"{RELEASE}-tabel-portal", "port": {"number": 8000}}


def test_service_monitors_are_optional_and_label_jobs_for_the_alerts(
    manifests: list[Manifest], render: Any
) -> None:
    assert find(manifests, "ServiceMonitor") == []
    docs = render({"monitoring": {"serviceMonitor": {"enabled": True}}})
    for service in SERVICES:
        monitor = one(docs, "ServiceMonitor", service)
        assert monitor["spec"]["jobLabel"] == "app.kubernetes.io/name"
        assert one(docs, "Service", service)["metadata"]["labels"]["app.kubernetes.io/name"] == (
            f"tabel-{service}"
        )
        assert monitor["spec"]["endpoints"][0]["path"] == "/metrics"


def test_prometheus_rule_carries_the_alert_file(manifests: list[Manifest]) -> None:
    rule = one(manifests, "PrometheusRule", "monitoring")
    alerts = yaml.safe_load((CHART.parents[1] / "prometheus" / "alerts.yml").read_text())
    assert rule["spec"] == alerts
    dashboard = one(manifests, "ConfigMap", "monitoring")
    assert dashboard["metadata"]["name"].endswith("-dashboard")
    assert json.loads(dashboard["data"]["tabel.json"])["uid"] == "tabel-overview"
    assert dashboard["metadata"]["labels"]["grafana_dashboard"] == "1"


def test_chart_created_secrets_are_hooks_and_demand_values(render: Any, helm: Any) -> None:
    with pytest.raises(helm.HelmError, match="databaseUrl is required"):
        render({"secrets": {"create": True}})
    values = {"databaseUrl": "postgresql://u:p@pg/db", "oidcClientSecret": "s"}
    docs = render({"secrets": {"create": True, "values": {s: values for s in SERVICES}}})
    secrets = find(docs, "Secret")
    assert len(secrets) == len(SERVICES)
    for secret in secrets:
        assert secret["metadata"]["annotations"]["helm.sh/hook-weight"] == "-10"
        assert set(secret["stringData"]) == {"database-url", "oidc-client-secret"}


def test_helm_lint_is_clean(helm: Any) -> None:
    report = helm.lint(CHART, strict=True, kube_version="v1.33.0")
    assert report["errors"] == [], report
    assert [m for m in report["messages"] if m["severity"] >= 2] == [], report
