#!/usr/bin/env python3
"""Strict checker of the request bodies crmgen sends to HubSpot's CRM schema APIs.

Usage: python3 Scripts/hubspot/check_requests.py FILE.json   (or - for standard input)

FILE holds either [{"method", "path", "body"}, ...] or {"requests": [...], "destructive": [...]}.
Each body is judged twice, and both judges must pass:
  [sdk ...]  against hubspot-api-client 12.0.0's model: JSON keys, JSON types (no coercion), required keys
             (even empty lists), enum values; then the SDK model is built with client-side validation on;
  [spec ...] against the request-body schema of the matching operation in HubSpot's OpenAPI document
             (Scripts/hubspot/specs/), with unknown keys rejected wherever the spec lists properties.
Every problem is printed with the request's index and a JSON pointer into FILE. Keys and enum values that
only HubSpot's newer spec has (not SDK 12.0.0; e.g. numberDisplayHint in PropertyCreate, fieldType html)
are printed as warnings and not counted (see SPEC_ONLY_REQUEST in hubspot_shapes.py).
Exit status: 0 no problem, 1 problems, 2 unreadable input or setup failure.
Creates .build-python/ (git-ignored) with the pinned packages on first use.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, str(Path(__file__).resolve().parent))
import hubspot_shapes as hs  # noqa: E402

hs.bootstrap()

OBJECT_TYPE = r"(?:\d+-\d+|[A-Za-z][A-Za-z0-9_]*)"  # contacts, 0-1, 2-123, p_name, p123_name
NAME = r"[A-Za-z0-9_][A-Za-z0-9_.\-]*"  # a property name or association id (one path segment)
VERSION = r"(?P<version>v\d+|\d{4}-\d{2})"

# API families: which prefixes HubSpot accepts, and how the spec writes the prefix of a version.
FAMILIES = {
    "schemas": {
        "prefixes": [r"/crm/(?P<version>v3)/schemas", rf"/crm-object-schemas/{VERSION}/schemas"],
        "spec_prefix": "/crm-object-schemas/{version}/schemas",
        "specs": {"v3": "Schemas/v3/schemas.json", "2026-03": "Schemas/2026-03/schemas.json"},
    },
    "properties": {
        "prefixes": [r"/crm/(?P<version>v3)/properties", r"/crm/properties/(?P<version>\d{4}-\d{2})"],
        "spec_prefix": {"v3": "/crm/v3/properties", "dated": "/crm/properties/{version}"},
        "specs": {"v3": "Properties/v3/properties.json", "2026-03": "Properties/2026-03/properties.json"},
    },
    "associations": {
        "prefixes": [r"/crm/(?P<version>v4)/associations", rf"/crm/associations/{VERSION}"],
        "spec_prefix": "/crm/associations/{version}",
        "specs": {"v4": "AssociationsSchema/v4/associationsSchema.json",
                  "2026-03": "AssociationsSchema/2026-03/associationsSchema.json"},
    },
}

# method, family, path tail (regex), the spec's path tail, SDK model (None: no body allowed)
ROUTES = [
    ("POST", "schemas", r"", "", "ObjectSchemaEgg"),
    ("PATCH", "schemas", rf"/{OBJECT_TYPE}", "/{objectType}", "ObjectTypeDefinitionPatch"),
    ("DELETE", "schemas", rf"/{OBJECT_TYPE}", "/{objectType}", None),
    ("POST", "schemas", rf"/{OBJECT_TYPE}/associations", "/{objectType}/associations", "AssociationDefinitionEgg"),
    ("DELETE", "schemas", rf"/{OBJECT_TYPE}/associations/{NAME}", "/{objectType}/associations/{associationIdentifier}", None),
    ("POST", "properties", rf"/{OBJECT_TYPE}/groups", "/{objectType}/groups", "PropertyGroupCreate"),
    ("POST", "properties", rf"/{OBJECT_TYPE}", "/{objectType}", "PropertyCreate"),
    ("PATCH", "properties", rf"/{OBJECT_TYPE}/{NAME}", "/{objectType}/{propertyName}", "PropertyUpdate"),
    ("DELETE", "properties", rf"/{OBJECT_TYPE}/{NAME}", "/{objectType}/{propertyName}", None),
    ("POST", "associations", rf"/{OBJECT_TYPE}/{OBJECT_TYPE}/labels", "/{fromObjectType}/{toObjectType}/labels",
     "PublicAssociationDefinitionCreateRequest"),
    ("PUT", "associations", rf"/{OBJECT_TYPE}/{OBJECT_TYPE}/labels", "/{fromObjectType}/{toObjectType}/labels",
     "PublicAssociationDefinitionUpdateRequest"),
    ("DELETE", "associations", rf"/{OBJECT_TYPE}/{OBJECT_TYPE}/labels/\d+",
     "/{fromObjectType}/{toObjectType}/labels/{associationTypeId}", None),
]

_SPEC_CACHE: dict = {}


def spec_for(family: str, version: str) -> hs.SpecDoc | None:
    relative = FAMILIES[family]["specs"].get(version)
    if relative is None:
        return None
    if relative not in _SPEC_CACHE:
        label = f"{relative.split('/')[0]} {version}"
        _SPEC_CACHE[relative] = hs.load_spec(relative, label, family, response=False)
    return _SPEC_CACHE[relative]


def spec_path(family: str, version: str, tail: str) -> str:
    prefix = FAMILIES[family]["spec_prefix"]
    if isinstance(prefix, dict):
        prefix = prefix["v3" if version == "v3" else "dated"]
    return prefix.format(version=version) + tail


def route(method: str, path: str):
    """-> (family, version, spec tail, sdk model) or None."""
    bare = path.split("?", 1)[0]
    for route_method, family, tail, spec_tail, model in ROUTES:
        if route_method != method:
            continue
        for prefix in FAMILIES[family]["prefixes"]:
            match = re.fullmatch(prefix + tail, bare)
            if match:
                return family, match.group("version"), spec_tail, model
    return None


def check_request(request, pointer: str) -> tuple[list[hs.Issue], bool]:
    """Issues of one request object; pointers are into the input document. -> (issues, checked a body)."""
    issues: list[hs.Issue] = []
    if not isinstance(request, dict):
        return [hs.Issue(pointer, "input", f"{hs.json_type_name(request)} where a request object is expected")], False
    for key in request:
        if key not in ("method", "path", "body"):
            issues.append(hs.Issue(hs.pointer_join(pointer, key), "input",
                                   f"unknown key {key!r} in a request (allowed: method, path, body)"))
    method, path = request.get("method"), request.get("path")
    if not isinstance(method, str) or not isinstance(path, str):
        issues.append(hs.Issue(pointer, "input", "a request needs string 'method' and 'path'"))
        return issues, False
    found = route(method, path)
    if found is None:
        issues.append(hs.Issue(hs.pointer_join(pointer, "path"), "route",
                               f"unknown method/path {method} {path} (not one of the schema, property, "
                               f"property-group or association-label calls this checker knows)"))
        return issues, False
    family, version, spec_tail, model = found
    body_pointer = hs.pointer_join(pointer, "body")
    body = request.get("body")
    spec = spec_for(family, version)
    if spec is None:
        issues.append(hs.Issue(hs.pointer_join(pointer, "path"), "route",
                               f"no HubSpot spec shipped for API version {version!r} of {family} "
                               f"(have: {', '.join(FAMILIES[family]['specs'])})"))
        return issues, False
    spec_model = spec.request_schema_name(method, spec_path(family, version, spec_tail))
    if model is None or spec_model is None:
        if model != spec_model:
            raise SystemExit(f"internal error: {method} {spec_tail}: SDK says {model}, spec says {spec_model}")
        if body is not None:
            issues.append(hs.Issue(body_pointer, "route", f"{method} {path} takes no body, got {hs.json_type_name(body)}"))
        return issues, True
    if hs.SPEC_NAME.get(model, model) != spec_model:
        raise SystemExit(f"internal error: {method} {spec_tail}: SDK model {model}, spec model {spec_model}")
    if body is None:
        issues.append(hs.Issue(body_pointer, "route", f"{method} {path} needs a {model} body"))
        return issues, True

    judge = hs.SdkJudge(family, response=False)
    judge.check(body, model)
    sdk_issues = judge.issues
    if not any(not issue.warning for issue in sdk_issues) and isinstance(body, dict):
        built_issues, sent = hs.sdk_construct(family, model, body)
        sdk_issues += built_issues
        if not built_issues:
            expected = _without_warned(body, sdk_issues)
            if sent != expected:
                sdk_issues.append(hs.Issue("", f"sdk {model}", f"the SDK would send {sent!r}, not the body"))
    spec_issues = spec.check(body, spec_model)
    for issue in sdk_issues + spec_issues:
        issue.pointer = body_pointer + issue.pointer
    return issues + sdk_issues + spec_issues, True


def _without_warned(body, issues):
    """The body as SDK 12.0.0 would send it: warned (spec-only) keys left out, warned enum values kept
    out of the comparison by taking the SDK's own replacement."""
    import copy

    result = copy.deepcopy(body)
    for issue in issues:
        if not issue.warning:
            continue
        parts = [p.replace("~1", "/").replace("~0", "~") for p in issue.pointer.split("/")[1:]]
        parent = result
        for part in parts[:-1]:
            parent = parent[int(part)] if isinstance(parent, list) else parent[part]
        if "is not in hubspot-api-client" in issue.message:
            parent.pop(parts[-1], None)
        else:
            cls_name = issue.source.split(" ", 1)[1]
            family = next(f for (f, n) in hs.SPEC_ONLY_REQUEST if n == cls_name)
            parent[parts[-1]] = hs.sdk_fields(hs.sdk_class(family, cls_name))[parts[-1]].enum[0]
    return result


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        sys.stderr.write(__doc__)
        return 2
    try:
        text = sys.stdin.read() if argv[1] == "-" else Path(argv[1]).read_text()
        document = hs.load_json_strict(text)
    except (OSError, ValueError) as error:
        sys.stderr.write(f"error: cannot read {argv[1]}: {error}\n")
        return 2
    if isinstance(document, list):
        groups = [("", "", document)]
    elif isinstance(document, dict) and set(document) <= {"requests", "destructive"} and document:
        groups = [(name, f"/{name}", document[name]) for name in ("requests", "destructive") if name in document]
        for name, _, items in groups:
            if not isinstance(items, list):
                sys.stderr.write(f"error: {name!r} must be an array\n")
                return 2
    else:
        sys.stderr.write('error: input must be an array of requests or {"requests": [...], "destructive": [...]}\n')
        return 2

    specs = {family: spec_for(family, version) for family, version in
             (("schemas", "v3"), ("properties", "v3"), ("associations", "v4"))}
    hs.check_tables(specs)

    count = problems = warnings = 0
    for name, base, items in groups:
        for index, request in enumerate(items):
            count += 1
            where = f"{name}[{index}]"
            label = where
            if isinstance(request, dict) and isinstance(request.get("method"), str) and isinstance(request.get("path"), str):
                label += f" {request['method']} {request['path']}"
            issues, _ = check_request(request, f"{base}/{index}")
            for issue in issues:
                kind = "warning" if issue.warning else "problem"
                print(f"{kind}: {label}: {issue.pointer or '/'}: [{issue.source}] {issue.message}")
                if issue.warning:
                    warnings += 1
                else:
                    problems += 1
    if warnings:
        print(f"{warnings} warning{'s' if warnings != 1 else ''} (keys or values only HubSpot's newer spec has; not counted)")
    print(f"{count} requests checked, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
