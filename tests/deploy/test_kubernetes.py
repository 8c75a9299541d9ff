"""The Kubernetes manifests (toegang/deploy/kubernetes, docs/kubernetes.md): valid against the
Kubernetes schemas, hardened, probed, scaled, and given every setting production requires.
Rendered with the small kustomize in tests/deploy/kustomize.py; no cluster, no database."""

import ast
import copy
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from django.urls import resolve

from tests.deploy.kustomize import Doc, find, pod_spec, render
from tests.processes import ROOT

KUBERNETES = ROOT / "toegang" / "deploy" / "kubernetes"
# The newest Kubernetes whose schemas kubernetes-validate ships (it works offline).
KUBERNETES_VERSION = "1.37.0"
FOLDERS = {"base": KUBERNETES / "base", "production": KUBERNETES / "overlays" / "production"}
WORKLOADS = ("toegang-web", "toegang-worker", "toegang-beat")


@pytest.fixture(scope="module", params=list(FOLDERS))
def docs(request) -> list[Doc]:  # type: ignore[no-untyped-def]
    return render(FOLDERS[request.param])


@pytest.fixture(scope="module")
def production() -> list[Doc]:
    return render(FOLDERS["production"])


def _containers(doc: Doc) -> list[Doc]:
    spec = pod_spec(doc) or {}
    return spec.get("initContainers", []) + spec.get("containers", [])


def _container(docs: list[Doc], deployment: str, name: str) -> Doc:
    spec = pod_spec(find(docs, "Deployment", deployment))
    assert spec is not None
    return next(c for c in spec["containers"] if c["name"] == name)


# --- Schemas ------------------------------------------------------------------------------------


def _schema_errors(docs: list[Doc]) -> list[str]:
    errors = []
    for doc in docs:
        try:
            kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.ValidationError as exc:
            errors.append(f"{doc['kind']}/{doc['metadata']['name']}: {exc.message}")
    return errors


def test_every_document_is_valid_for_current_kubernetes(docs) -> None:  # type: ignore[no-untyped-def]
    assert docs
    assert _schema_errors(docs) == []


def test_schema_validation_catches_a_misspelt_field(production) -> None:  # type: ignore[no-untyped-def]
    wrong = copy.deepcopy(find(production, "Deployment", "toegang-web"))
    wrong["spec"]["replica"] = 3
    job = copy.deepcopy(find(production, "Job", "toegang-migrate"))
    job["spec"]["backoffLimit"] = "drie"
    errors = _schema_errors([wrong, job])
    assert len(errors) == 2
    assert "'replica' was unexpected" in errors[0]


# --- Containers: non-root, read-only, no capabilities -------------------------------------------


def _unhardened(docs: list[Doc]) -> list[str]:
    """Every container that could run as root, write its root filesystem or gain rights.
    The container's own securityContext wins over the pod's, as in Kubernetes."""
    problems = []
    for doc in docs:
        spec = pod_spec(doc)
        if spec is None:
            continue
        pod = spec.get("securityContext", {})
        if spec.get("automountServiceAccountToken") is not False:
            problems.append(f"{doc['metadata']['name']}: mounts a service account token")
        for container in _containers(doc):
            own = container.get("securityContext", {})
            effective = {**pod, **own}
            where = f"{doc['metadata']['name']}/{container['name']}"
            if effective.get("runAsNonRoot") is not True:
                problems.append(f"{where}: runAsNonRoot")
            if not isinstance(effective.get("runAsUser"), int) or effective["runAsUser"] == 0:
                problems.append(f"{where}: runAsUser")
            if own.get("allowPrivilegeEscalation") is not False:
                problems.append(f"{where}: allowPrivilegeEscalation")
            if own.get("readOnlyRootFilesystem") is not True:
                problems.append(f"{where}: readOnlyRootFilesystem")
            capabilities = own.get("capabilities", {})
            if capabilities.get("drop") != ["ALL"] or capabilities.get("add"):
                problems.append(f"{where}: capabilities")
            if effective.get("seccompProfile", {}).get("type") != "RuntimeDefault":
                problems.append(f"{where}: seccompProfile")
            if not container.get("resources", {}).get("requests") \
                    or not container.get("resources", {}).get("limits"):
                problems.append(f"{where}: resources")
    return problems


def test_every_container_is_non_root_read_only_and_without_capabilities(docs) -> None:  # type: ignore[no-untyped-def]
    assert len([c for d in docs for c in _containers(d)]) == 7  # 3 × (init + main) + migrate
    assert _unhardened(docs) == []


@pytest.mark.parametrize(("change", "problem"), [
    (lambda c: c["securityContext"].update(runAsUser=0), "runAsUser"),
    (lambda c: c["securityContext"].pop("runAsNonRoot"), None),  # the pod's setting holds
    (lambda c: c["securityContext"].update(readOnlyRootFilesystem=False),
     "readOnlyRootFilesystem"),
    (lambda c: c["securityContext"].update(capabilities={"drop": ["ALL"], "add": ["NET_ADMIN"]}),
     "capabilities"),
    (lambda c: c["securityContext"].update(allowPrivilegeEscalation=True),
     "allowPrivilegeEscalation"),
    (lambda c: c.pop("resources"), "resources"),
])
def test_the_hardening_check_catches_a_weakened_container(production, change, problem) -> None:  # type: ignore[no-untyped-def]
    docs = copy.deepcopy(production)
    change(_container(docs, "toegang-worker", "worker"))
    expected = [f"toegang-worker/worker: {problem}"] if problem else []
    assert _unhardened(docs) == expected


def test_the_hardening_check_catches_a_root_pod(production) -> None:  # type: ignore[no-untyped-def]
    docs = copy.deepcopy(production)
    spec = pod_spec(find(docs, "Deployment", "toegang-beat"))
    assert spec is not None
    spec["securityContext"]["runAsNonRoot"] = False
    for container in spec["initContainers"] + spec["containers"]:
        container["securityContext"].pop("runAsNonRoot")
    assert _unhardened(docs) == ["toegang-beat/wait-for-migrations: runAsNonRoot",
                                 "toegang-beat/beat: runAsNonRoot"]


def test_containers_write_only_to_their_volumes(docs) -> None:  # type: ignore[no-untyped-def]
    var_dir = find(docs, "ConfigMap", "toegang-config")["data"]["TOEGANG_VAR_DIR"]
    for doc in docs:
        spec = pod_spec(doc)
        if spec is None:
            continue
        volumes = {v["name"] for v in spec.get("volumes", [])}
        for container in _containers(doc):
            mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
            assert {"/tmp", var_dir} <= set(mounts), container["name"]
            assert set(mounts.values()) <= volumes
    # web and worker share the residents' files; the worker has the berichtenverkeer folders.
    claims = {name: {v["persistentVolumeClaim"]["claimName"]
                     for v in (pod_spec(find(docs, "Deployment", name)) or {})["volumes"]
                     if "persistentVolumeClaim" in v} for name in WORKLOADS}
    assert claims == {"toegang-web": {"toegang-private"},
                      "toegang-worker": {"toegang-private", "toegang-berichtenverkeer"},
                      "toegang-beat": {"toegang-beat"}}
    for claim in set().union(*claims.values()):
        find(docs, "PersistentVolumeClaim", claim)


# --- Probes, rollout, scaling -------------------------------------------------------------------


def test_web_is_probed_on_the_live_and_ready_endpoints(docs) -> None:  # type: ignore[no-untyped-def]
    web = _container(docs, "toegang-web", "web")
    assert web["readinessProbe"]["httpGet"]["path"] == "/health/ready/"
    assert web["livenessProbe"]["httpGet"]["path"] == "/health/live/"
    assert resolve("/health/ready/").view_name == "core:health_ready"
    assert resolve("/health/live/").view_name == "core:health_live"
    ports = {p["name"]: p["containerPort"] for p in web["ports"]}
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert ports[web[probe]["httpGet"]["port"]] == 8000
        # A pod's address is no allowed host: the probes name one that is.
        hosts = find(docs, "ConfigMap", "toegang-config")["data"]["ALLOWED_HOSTS"].split(",")
        assert {"name": "Host", "value": "localhost"} in web[probe]["httpGet"]["httpHeaders"]
        assert "localhost" in hosts


def test_web_counts_metrics_of_every_gunicorn_process(docs) -> None:  # type: ignore[no-untyped-def]
    web = _container(docs, "toegang-web", "web")
    assert web["command"][web["command"].index("-c") + 1] == "python:toegang.metriek.gunicorn"
    folder = {e["name"]: e.get("value") for e in web["env"]}["PROMETHEUS_MULTIPROC_DIR"]
    # On a writable emptyDir: the root filesystem is read-only.
    assert any(folder.startswith(m["mountPath"] + "/") for m in web["volumeMounts"]
               if m["name"] == "tmp")


def test_workers_are_probed_with_a_ping(docs) -> None:  # type: ignore[no-untyped-def]
    worker = _container(docs, "toegang-worker", "worker")
    for probe in ("readinessProbe", "livenessProbe"):
        assert "inspect ping -d celery@$HOSTNAME" in worker[probe]["exec"]["command"][-1]


def test_one_beat_that_a_rollout_never_doubles(docs) -> None:  # type: ignore[no-untyped-def]
    beats = [d for d in docs if d["kind"] == "Deployment"
             and any("beat" in c.get("command", []) for c in _containers(d))]
    assert [b["metadata"]["name"] for b in beats] == ["toegang-beat"]
    assert beats[0]["spec"]["replicas"] == 1
    assert beats[0]["spec"]["strategy"] == {"type": "Recreate"}
    assert not any(d["kind"] == "HorizontalPodAutoscaler"
                   and d["spec"]["scaleTargetRef"]["name"] == "toegang-beat" for d in docs)


def test_migrations_run_in_a_job_and_pods_wait_for_them(docs) -> None:  # type: ignore[no-untyped-def]
    job = find(docs, "Job", "toegang-migrate")
    assert _containers(job)[0]["command"] == ["python", "manage.py", "migrate", "--no-input"]
    for name in WORKLOADS:
        init = (pod_spec(find(docs, "Deployment", name)) or {})["initContainers"]
        assert "until python manage.py migrate --check" in init[0]["command"][-1], name


def test_web_and_worker_scale_and_survive_disruptions(docs) -> None:  # type: ignore[no-untyped-def]
    for name in ("toegang-web", "toegang-worker"):
        deployment = find(docs, "Deployment", name)
        assert "replicas" not in deployment["spec"]  # the autoscaler's to choose
        hpa = find(docs, "HorizontalPodAutoscaler", name)
        assert hpa["apiVersion"] == "autoscaling/v2"
        assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                                 "name": name}
        assert 2 <= hpa["spec"]["minReplicas"] < hpa["spec"]["maxReplicas"]
        pdb = find(docs, "PodDisruptionBudget", name)
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()
        assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()


def test_commands_are_those_of_docker_compose(docs) -> None:  # type: ignore[no-untyped-def]
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]

    def without_counts(command: list[str]) -> list[str]:
        return [a for a in command if not a.startswith("--concurrency") and not a.isdigit()]

    assert _container(docs, "toegang-beat", "beat")["command"] == compose["beat"]["command"]
    assert _containers(find(docs, "Job", "toegang-migrate"))[0]["command"] \
        == compose["migrate"]["command"]
    for service, name in (("web", "toegang-web"), ("worker", "toegang-worker")):
        assert without_counts(_container(docs, name, service)["command"]) \
            == without_counts(compose[service]["command"])


def test_the_service_and_the_ingress_reach_the_web_pods(production) -> None:  # type: ignore[no-untyped-def]
    service = find(production, "Service", "toegang-web")
    web = find(production, "Deployment", "toegang-web")
    assert service["spec"]["selector"].items() <= \
        web["spec"]["template"]["metadata"]["labels"].items()
    ingress = find(production, "Ingress", "toegang")
    assert ingress["spec"]["tls"][0]["secretName"]
    host = ingress["spec"]["rules"][0]["host"]
    assert host in ingress["spec"]["tls"][0]["hosts"]
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == "toegang-web"
    assert backend["port"]["name"] in {p["name"] for p in service["spec"]["ports"]}
    config = find(production, "ConfigMap", "toegang-config")["data"]
    assert host in config["ALLOWED_HOSTS"].split(",")
    assert config["SITE_URL"] == f"https://{host}"


def test_the_overlay_names_image_namespace_and_sizes(production) -> None:  # type: ignore[no-untyped-def]
    images = {c["image"] for d in production for c in _containers(d)}
    assert images == {"registry.gemeente.example/toegang:1.0.0"}
    assert {d["metadata"].get("namespace") for d in production if d["kind"] != "Namespace"} \
        == {"toegang"}
    web = _container(production, "toegang-web", "web")
    # The patch changed the resources and kept the rest of the container.
    assert web["resources"]["requests"]["cpu"] == "1"
    assert web["readinessProbe"] and web["securityContext"]["readOnlyRootFilesystem"]
    assert find(production, "HorizontalPodAutoscaler", "toegang-web")["spec"]["minReplicas"] == 3
    labels = find(production, "Namespace", "toegang")["metadata"]["labels"]
    assert labels["pod-security.kubernetes.io/enforce"] == "restricted"


# --- Settings: every variable production requires is set ----------------------------------------


def _required_by_settings() -> set[str]:
    """The environment variables the production settings read without a default
    (env_str("NAME") with one argument), and DATABASE_URL, which production requires by
    refusing any database but PostgreSQL."""
    required = {"DATABASE_URL"}
    for name in ("base.py", "production.py"):
        tree = ast.parse((ROOT / "toegang" / "settings" / name).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id.startswith("env_") and len(node.args) == 1 \
                    and not node.keywords and isinstance(node.args[0], ast.Constant):
                required.add(node.args[0].value)
    return required


def _environment(docs: list[Doc]) -> dict[str, Any]:
    """What every app container gets: the ConfigMap and the Secret it loads with envFrom."""
    seen: list[set[tuple[str, str]]] = []
    for doc in docs:
        for container in _containers(doc):
            seen.append({(k, v["name"]) for e in container.get("envFrom", [])
                         for k, v in e.items()})
    assert seen and all(s == seen[0] for s in seen), "containers load different settings"
    env: dict[str, Any] = {}
    for kind, name in sorted(seen[0]):
        doc = find(docs, "ConfigMap" if kind == "configMapRef" else "Secret", name)
        env |= doc.get("data", {}) | doc.get("stringData", {})
    return env


def _missing(docs: list[Doc]) -> set[str]:
    return _required_by_settings() - set(_environment(docs))


def test_the_settings_parser_finds_the_required_variables() -> None:
    assert {"SECRET_KEY", "BSN_ENCRYPTION_KEY", "CELERY_BROKER_URL", "DATABASE_URL"} \
        <= _required_by_settings()


def test_every_variable_production_requires_is_set(docs) -> None:  # type: ignore[no-untyped-def]
    assert _missing(docs) == set()


@pytest.mark.parametrize("variable", ["BSN_ENCRYPTION_KEY", "DATABASE_URL", "SECRET_KEY"])
def test_the_check_catches_a_missing_variable(production, variable) -> None:  # type: ignore[no-untyped-def]
    docs = copy.deepcopy(production)
    del find(docs, "Secret", "toegang-secrets")["stringData"][variable]
    assert _missing(docs) == {variable}


def test_the_check_catches_a_container_without_the_secret(production) -> None:  # type: ignore[no-untyped-def]
    docs = copy.deepcopy(production)
    _container(docs, "toegang-worker", "worker")["envFrom"].pop()
    with pytest.raises(AssertionError, match="different settings"):
        _environment(docs)


def test_every_variable_of_docker_compose_is_set(docs) -> None:  # type: ignore[no-untyped-def]
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    app_env = compose["x-app"]["environment"]
    assert set(app_env) - set(_environment(docs)) == set()


def test_the_secret_template_holds_no_secret() -> None:
    secret = find(render(FOLDERS["base"]), "Secret", "toegang-secrets")
    assert "data" not in secret
    assert secret["stringData"] and set(secret["stringData"].values()) == {""}
    config = find(render(FOLDERS["production"]), "ConfigMap", "toegang-config")["data"]
    assert not set(config) & set(secret["stringData"])


# --- Network ------------------------------------------------------------------------------------


def _default_deny(docs: list[Doc]) -> bool:
    return any(d["kind"] == "NetworkPolicy" and d["spec"]["podSelector"] == {}
               and set(d["spec"]["policyTypes"]) == {"Ingress", "Egress"}
               and not d["spec"].get("ingress") and not d["spec"].get("egress") for d in docs)


def test_network_is_denied_unless_allowed(docs) -> None:  # type: ignore[no-untyped-def]
    assert _default_deny(docs)
    policies = [d for d in docs if d["kind"] == "NetworkPolicy"]
    # Ingress: only to web, only on its port, only from the ingress controller's and the
    # monitoring namespace (Prometheus; /metrics/ still asks its token).
    ingress = [p for p in policies if p["spec"].get("ingress")]
    assert {p["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/component"]
            for p in ingress} == {"web"}
    bronnen = set()
    for policy in ingress:
        for rule in policy["spec"]["ingress"]:
            assert rule["ports"] == [{"protocol": "TCP", "port": 8000}]
            bronnen |= {f["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"]
                        for f in rule["from"]}
    assert bronnen == {"ingress-nginx", "monitoring"}
    egress_ports = {port["port"] for p in policies for rule in p["spec"].get("egress", [])
                    for port in rule["ports"]}
    assert {53, 5432, 6379, 587} <= egress_ports


def test_the_default_deny_check_catches_an_open_policy(production) -> None:  # type: ignore[no-untyped-def]
    docs = copy.deepcopy(production)
    find(docs, "NetworkPolicy", "toegang-default-deny")["spec"]["ingress"] = [{}]
    assert not _default_deny(docs)


def test_every_manifest_file_is_rendered() -> None:
    used = set()
    for folder in FOLDERS.values():
        kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text())
        used |= {(folder / r).resolve() for r in kustomization.get("resources", [])}
        used |= {(folder / p["path"]).resolve() for p in kustomization.get("patches", [])}
    on_disk = {p.resolve() for p in KUBERNETES.rglob("*.yaml")
               if p.name != "kustomization.yaml"}
    assert on_disk - used == set()


def test_renderer_refuses_what_it_does_not_do(tmp_path: Path) -> None:
    (tmp_path / "kustomization.yaml").write_text("resources: []\ncommonLabels: {a: b}\n")
    with pytest.raises(NotImplementedError, match="commonLabels"):
        render(tmp_path)
