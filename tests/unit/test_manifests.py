"""The Kubernetes manifests cannot drift from the code: their settings are settings of
streams/settings.py, their probes are the worker's routes, their ports its web port."""
from __future__ import annotations

import yaml

from helpers import NoEvents
from streams.settings import REPO_ROOT, Settings

K8S = REPO_ROOT / "deploy" / "k8s"


def _load(name: str) -> dict:
    return yaml.safe_load((K8S / name).read_text())


def _setting(variable: str) -> str:
    assert variable.startswith("NEWSEVENTS_"), variable
    return variable.removeprefix("NEWSEVENTS_").lower()


def test_every_configured_variable_is_a_setting_with_a_valid_value() -> None:
    data = _load("configmap.yaml")["data"]
    fields = Settings.model_fields
    assert all(_setting(v) in fields for v in data)
    settings = Settings(**{_setting(v): value for v, value in data.items()})  # validates every value
    assert settings.replication_factor == 3 and settings.web_host == "0.0.0.0"


def test_the_statefulset_probes_ports_volume_and_routing_match_the_worker() -> None:
    config = _load("configmap.yaml")["data"]
    service = _load("service.yaml")
    sts = _load("statefulset.yaml")
    pod = sts["spec"]["template"]
    [worker] = pod["spec"]["containers"]
    port = int(config["NEWSEVENTS_WEB_PORT"])
    assert [p["containerPort"] for p in worker["ports"] if p["name"] == "web"] == [port]
    assert service["spec"]["clusterIP"] == "None" and sts["spec"]["serviceName"] == service["metadata"]["name"]
    assert service["spec"]["ports"][0]["port"] == port
    assert worker["livenessProbe"]["httpGet"]["path"] == "/health"
    assert worker["readinessProbe"]["httpGet"]["path"] == "/ready"
    annotations = pod["metadata"]["annotations"]
    assert annotations["prometheus.io/path"] == "/metrics" and int(annotations["prometheus.io/port"]) == port
    env = {e["name"]: e for e in worker["env"]}
    assert all(_setting(n) in Settings.model_fields for n in env if n.startswith("NEWSEVENTS_"))
    url = env["NEWSEVENTS_WEB_URL"]["value"]
    assert f".{service['metadata']['name']}." in url and url.endswith(f":{port}") and "$(POD_NAME)" in url
    [mount] = worker["volumeMounts"]
    assert mount["mountPath"] == config["NEWSEVENTS_DATA_DIR"]
    assert [t["metadata"]["name"] for t in sts["spec"]["volumeClaimTemplates"]] == [mount["name"]]
    assert worker["args"] == ["worker"]


def test_the_routes_the_manifests_use_are_served() -> None:
    from streams.app import create_app


    app = create_app(Settings(), extractor=NoEvents())
    pod = _load("statefulset.yaml")["spec"]["template"]
    [worker] = pod["spec"]["containers"]
    used = {worker[probe]["httpGet"]["path"] for probe in ("livenessProbe", "readinessProbe", "startupProbe")}
    used.add(pod["metadata"]["annotations"]["prometheus.io/path"])
    assert used <= set(app.web.views), used - set(app.web.views)
