"""Alert rules and the dashboard: valid for Prometheus, unit-tested, and only about metrics
the platform and the services really export (each module defining metrics is imported here,
so the registry is the same whatever else the test process imported)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client import REGISTRY

import tabel_journal.service_layer.diary_cache  # noqa: F401  (the journal's own metrics)
import tabel_platform.metrics  # noqa: F401  (registers the metrics)

from .conftest import REPO

PROMETHEUS = REPO / "deploy" / "prometheus"
DASHBOARD = REPO / "deploy" / "grafana" / "tabel.json"
PROMTOOL = shutil.which("promtool")
needs_promtool = pytest.mark.skipif(
    PROMTOOL is None,
    reason="promtool is absent: apt-get install -y --no-install-recommends prometheus",
)
REQUIRED_ALERTS = {
    "TabelHighHttp5xxRatio",
    "TabelDiarySlowP99",
    "TabelMarkSaveSlowP99",
    "TabelHighGrpcErrorRatio",
    "TabelOutboxBacklogOld",
    "TabelConsumerLag",
    "TabelConsumerEventsFailing",
    "TabelNatsDisconnected",
    "TabelServiceDown",
}


def _rules() -> list[dict[str, Any]]:
    doc = yaml.safe_load((PROMETHEUS / "alerts.yml").read_text())
    return [rule for group in doc["groups"] for rule in group["rules"]]


def _exported_series() -> set[str]:
    names: set[str] = set()
    for metric in REGISTRY.collect():
        for sample in metric.samples:
            names.add(sample.name)
        if metric.type == "histogram":
            names |= {f"{metric.name}_{s}" for s in ("bucket", "count", "sum")}
        if metric.type == "counter":
            names.add(f"{metric.name}_total")
        if metric.type == "gauge":
            names.add(metric.name)
    return {n for n in names if n.startswith("tabel_") and not n.endswith("_created")}


def _metrics_in(expr: str) -> set[str]:
    return set(re.findall(r"\btabel_[a-z_]+", expr))


@needs_promtool
def test_rule_file_passes_promtool_check() -> None:
    result = subprocess.run(
        [str(PROMTOOL), "check", "rules", "alerts.yml"],
        cwd=PROMETHEUS,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"SUCCESS: {len(_rules())} rules found" in result.stdout


@needs_promtool
def test_alert_unit_tests_pass() -> None:
    result = subprocess.run(
        [str(PROMTOOL), "test", "rules", "alerts_test.yml"],
        cwd=PROMETHEUS,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    tested = set(re.findall(r"alertname: (\w+)", (PROMETHEUS / "alerts_test.yml").read_text()))
    assert {"TabelOutboxBacklogOld", "TabelHighHttp5xxRatio", "TabelNatsDisconnected"} <= tested


@needs_promtool
def test_rules_rendered_into_the_chart_pass_promtool(manifests: list[Any], tmp_path: Path) -> None:
    rule = next(d for d in manifests if d["kind"] == "PrometheusRule")
    rendered = tmp_path / "rendered.yml"
    rendered.write_text(yaml.safe_dump(rule["spec"], allow_unicode=True))
    result = subprocess.run(
        [str(PROMTOOL), "check", "rules", str(rendered)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_alert_has_severity_bilingual_summary_and_runbook() -> None:
    rules = _rules()
    assert {r["alert"] for r in rules} == REQUIRED_ALERTS
    for rule in rules:
        assert rule["labels"]["severity"] in {"warning", "critical"}, rule["alert"]
        notes = rule["annotations"]
        assert re.search(r"[A-Za-z]{4}", notes["summary"]), rule["alert"]
        assert re.search(r"[а-яё]{4}", notes["summary_ru"]), rule["alert"]
        assert len(notes["runbook"]) > 80, rule["alert"]
        assert rule["for"] in {"2m", "5m", "10m"}


def test_alerts_and_dashboard_use_only_exported_metrics() -> None:
    exported = _exported_series()
    assert "tabel_outbox_oldest_age_seconds" in exported
    used = set().union(*(_metrics_in(r["expr"]) for r in _rules()))
    dashboard = json.loads(DASHBOARD.read_text())
    exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    used_in_dashboard = set().union(*(_metrics_in(e) for e in exprs))
    assert used - exported == set()
    assert used_in_dashboard - exported == set()
    # The dashboard shows every family the platform exports.
    families = {re.sub(r"_(bucket|count|sum)$", "", n) for n in exported}
    shown = {re.sub(r"_(bucket|count|sum)$", "", n) for n in used_in_dashboard}
    assert families - shown == set()


def test_dashboard_is_red_per_service() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    assert variables["job"]["multi"] and variables["job"]["includeAll"]
    panels = [p for p in dashboard["panels"] if p["type"] == "timeseries"]
    assert len({p["id"] for p in dashboard["panels"]}) == len(dashboard["panels"])
    for panel in panels:
        assert all('job=~"$job"' in t["expr"] for t in panel["targets"]), panel["title"]
    titles = " ".join(p["title"] for p in panels)
    for word in ("requests per second", "5xx", "latency", "Outbox", "Consumer lag", "NATS"):
        assert word in titles
