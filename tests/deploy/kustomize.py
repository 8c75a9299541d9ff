"""A small kustomize for the tests (kubectl is not installed here): `resources`, `namespace`,
`images` and `patches`, the last as strategic merge (maps merged, lists of containers, volumes,
env and ports merged by their key, other lists replaced) or as JSON 6902 with a `target`.
That is what toegang/deploy/kubernetes uses; any other field of a kustomization.yaml is
refused, so the tests never check something kubectl would render differently."""

import copy
from pathlib import Path
from typing import Any

import yaml

Doc = dict[str, Any]

SUPPORTED = {"apiVersion", "kind", "resources", "namespace", "images", "patches"}
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume",
                  "StorageClass", "IngressClass"}
# The patchMergeKey Kubernetes declares for the lists these manifests use.
MERGE_KEYS = {"containers": ("name",), "initContainers": ("name",), "env": ("name",),
              "volumes": ("name",), "volumeMounts": ("mountPath",),
              "ports": ("containerPort", "port")}


def render(folder: Path) -> list[Doc]:
    """Every document `kubectl kustomize folder` would give, for the fields above."""
    kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text())
    unknown = set(kustomization) - SUPPORTED
    if unknown:
        raise NotImplementedError(f"{folder}: this renderer does not do {sorted(unknown)}")
    docs: list[Doc] = []
    for entry in kustomization.get("resources", []):
        path = folder / entry
        if path.is_dir():
            docs.extend(render(path))
        else:
            docs.extend(d for d in yaml.safe_load_all(path.read_text()) if d)
    for patch in kustomization.get("patches", []):
        _apply_patch(docs, folder, patch)
    for image in kustomization.get("images", []):
        for container in _containers(docs):
            _set_image(container, image)
    if "namespace" in kustomization:
        for doc in docs:
            if doc["kind"] not in CLUSTER_SCOPED:
                doc["metadata"]["namespace"] = kustomization["namespace"]
    return docs


def find(docs: list[Doc], kind: str, name: str) -> Doc:
    matches = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(matches) == 1, f"{len(matches)} × {kind}/{name}"
    return matches[0]


def pod_spec(doc: Doc) -> Doc | None:
    """The pod template's spec of a Deployment, StatefulSet, DaemonSet or Job."""
    spec: Doc | None = doc.get("spec", {}).get("template", {}).get("spec")
    return spec


def _containers(docs: list[Doc]) -> list[Doc]:
    found = []
    for doc in docs:
        spec = pod_spec(doc)
        if spec:
            found += spec.get("initContainers", []) + spec.get("containers", [])
    return found


def _image_name(image: str) -> str:
    """registry:5000/toegang:1.0 and toegang@sha256:… without their tag or digest."""
    name = image.split("@", 1)[0]
    head, _, tail = name.rpartition(":")
    return head if head and "/" not in tail else name


def _set_image(container: Doc, image: Doc) -> None:
    current = container["image"]
    name = _image_name(current)
    if name != image["name"]:
        return
    new = image.get("newName", name)
    if "digest" in image:
        container["image"] = f"{new}@{image['digest']}"
    elif "newTag" in image:
        container["image"] = f"{new}:{image['newTag']}"
    else:
        container["image"] = new + current[len(name):]


def _apply_patch(docs: list[Doc], folder: Path, patch: Doc) -> None:
    unknown = set(patch) - {"path", "patch", "target"}
    if unknown:
        raise NotImplementedError(f"patch fields {sorted(unknown)}")
    text = (folder / patch["path"]).read_text() if "path" in patch else patch["patch"]
    contents = [c for c in yaml.safe_load_all(text) if c]
    if len(contents) == 1 and isinstance(contents[0], list):
        target = patch["target"]
        doc = find(docs, target["kind"], target["name"])
        for op in contents[0]:
            _json6902(doc, op)
        return
    if "target" in patch:
        raise NotImplementedError("strategic merge patches with a target")
    for content in contents:
        doc = find(docs, content["kind"], content["metadata"]["name"])
        merged = _merge(doc, content)
        doc.clear()
        doc.update(merged)


def _merge(base: Any, patch: Any, field: str = "") -> Any:
    if isinstance(base, dict) and isinstance(patch, dict):
        if any(k.startswith("$") for k in patch):
            raise NotImplementedError(f"directive {sorted(patch)} in a patch")
        out = copy.deepcopy(base)
        for key, value in patch.items():
            if value is None:
                out.pop(key, None)
            elif key in out:
                out[key] = _merge(out[key], value, key)
            else:
                out[key] = copy.deepcopy(value)
        return out
    if isinstance(base, list) and isinstance(patch, list) and field in MERGE_KEYS:
        key = next((k for k in MERGE_KEYS[field] if all(k in i for i in base + patch)), None)
        if key is None:
            raise NotImplementedError(f"list {field} without a merge key")
        out = copy.deepcopy(base)
        for item in patch:
            at = next((n for n, b in enumerate(out) if b[key] == item[key]), None)
            if at is None:
                out.append(copy.deepcopy(item))
            else:
                out[at] = _merge(out[at], item)
        return out
    return copy.deepcopy(patch)


def _json6902(doc: Doc, op: Doc) -> None:
    parts = [p.replace("~1", "/").replace("~0", "~") for p in op["path"].split("/")[1:]]
    parent: Any = doc
    for part in parts[:-1]:
        parent = parent[int(part)] if isinstance(parent, list) else parent[part]
    last = parts[-1]
    if op["op"] == "remove":
        del parent[int(last) if isinstance(parent, list) else last]
    elif op["op"] in ("add", "replace"):
        if isinstance(parent, list):
            if last == "-":
                parent.append(op["value"])
            elif op["op"] == "add":
                parent.insert(int(last), op["value"])
            else:
                parent[int(last)] = op["value"]
        else:
            if op["op"] == "replace" and last not in parent:
                raise KeyError(op["path"])
            parent[last] = op["value"]
    else:
        raise NotImplementedError(f"JSON patch op {op['op']}")
