"""Shared machinery of check_requests.py and check_responses.py.

Two independent judges of a JSON document against one of HubSpot's CRM models:

* the SDK judge walks the models of hubspot-api-client 12.0.0 itself (attribute_map = JSON keys,
  openapi_types = JSON types, setters' "must not be `None`" = required, setters' allowed_values = enums),
  because the SDK's own deserializer drops unknown keys and coerces types (Documentation/HubSpotShapes.md section 6),
  and then constructs (requests) or deserializes (responses) the SDK model with client-side validation on;
* the SPEC judge validates with openapi-schema-validator against HubSpot's published OpenAPI document
  (Scripts/hubspot/specs/), made strict: every schema that lists properties gets additionalProperties:false.

Known differences between the two are listed below, explicitly and narrowly; everything else is a problem.
"""

from __future__ import annotations

import ast
import copy
import importlib
import inspect
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
VENV = REPO / ".build-python"
SPECS = HERE / "specs"
REQUIREMENTS = {"hubspot-api-client": "12.0.0", "openapi-schema-validator": "0.9.0"}


# ----------------------------------------------------------------------------------------------------------
# Bootstrap: run under REPO/.build-python with the pinned packages, creating it when missing.


def _packages_ok() -> bool:
    try:
        from importlib.metadata import version, PackageNotFoundError
    except ImportError:  # pragma: no cover
        return False
    try:
        return all(version(name) == wanted for name, wanted in REQUIREMENTS.items())
    except PackageNotFoundError:
        return False


def _run_quietly(argv: list[str]) -> None:
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout)
        sys.stderr.write(f"error: {' '.join(argv)} failed with exit code {result.returncode}\n")
        sys.exit(2)


def bootstrap() -> None:
    """Return when running in .build-python with the pinned packages; otherwise set it up and re-exec."""
    in_venv = Path(sys.prefix).resolve() == VENV.resolve()
    if in_venv and _packages_ok():
        return
    if os.environ.get("HUBSPOT_CHECK_BOOTSTRAPPED") == str(VENV):
        sys.stderr.write(f"error: {VENV} still lacks {REQUIREMENTS} after installing them\n")
        sys.exit(2)
    python = VENV / "bin" / "python"
    import fcntl

    VENV.mkdir(exist_ok=True)
    with open(VENV / ".bootstrap-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two checkers started at once install once
        if not python.exists():
            _run_quietly([sys.executable, "-m", "venv", str(VENV)])
        check = "import sys; from importlib.metadata import version; sys.exit(0 if all(version(n) == v for n, v in %r.items()) else 1)"
        if subprocess.run([str(python), "-c", check % (REQUIREMENTS,)], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode != 0:
            _run_quietly([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                          *[f"{name}=={wanted}" for name, wanted in REQUIREMENTS.items()]])
    os.environ["HUBSPOT_CHECK_BOOTSTRAPPED"] = str(VENV)
    script = str(Path(sys.argv[0]).resolve())
    os.execv(str(python), [str(python), script, *sys.argv[1:]])


# ----------------------------------------------------------------------------------------------------------
# Issues and JSON pointers


@dataclass
class Issue:
    pointer: str  # RFC 6901, relative to the checked document
    source: str  # "sdk ObjectSchemaEgg", "spec Schemas v3 ObjectSchemaEgg", ...
    message: str
    warning: bool = False


def pointer_join(base: str, *parts) -> str:
    for part in parts:
        base += "/" + str(part).replace("~", "~0").replace("/", "~1")
    return base


def json_type_name(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def load_json_strict(text: str):
    """json.loads that refuses duplicate keys (a duplicate would silently hide one of two values)."""

    def pairs(items):
        seen = {}
        for key, value in items:
            if key in seen:
                raise ValueError(f"duplicate key {key!r} in one JSON object")
            seen[key] = value
        return seen

    return json.loads(text, object_pairs_hook=pairs)


# ----------------------------------------------------------------------------------------------------------
# SDK models

SDK_MODULES = {
    "schemas": "hubspot.crm.schemas",
    "properties": "hubspot.crm.properties",
    "associations": "hubspot.crm.associations.v4.schema",
}

# SDK model -> the schema of the same thing in the SPEC (same name unless listed).
SPEC_NAME = {"ModelProperty": "Property"}

# Keys and enum values that hubspot-api-client 12.0.0 lacks but HubSpot's newer v3/v4 SPEC has
# (Documentation/HubSpotShapes.md section 7 trap 7). The SDK judge reports them as warnings, not problems; the SPEC
# judge still checks them (type, enum). Nothing else is excused. check_tables() proves at start-up that
# every entry is really missing from the SDK model and really present in the v3/v4 SPEC schema.
SPEC_ONLY_REQUEST = {
    ("schemas", "ObjectSchemaEgg"): {"keys": {"allowsSensitiveProperties", "shouldCreateSameObjectAssociation"}},
    ("schemas", "ObjectTypeDefinitionPatch"): {"keys": {"allowsSensitiveProperties"}},
    ("schemas", "ObjectTypePropertyCreate"): {"keys": {"externalOptionsReferenceType"},
                                              "values": {"type": {"phone_number"}}},
    ("properties", "PropertyCreate"): {
        "keys": {"numberDisplayHint", "showCurrencySymbol", "textDisplayHint", "currencyPropertyName",
                 "dataSensitivity"},
        "values": {"type": {"phone_number"}, "fieldType": {"html", "phonenumber"}}},
    ("properties", "PropertyUpdate"): {
        "keys": {"numberDisplayHint", "showCurrencySymbol", "textDisplayHint", "currencyPropertyName"},
        "values": {"type": {"phone_number"}, "fieldType": {"html", "phonenumber"}}},
}
SPEC_ONLY_RESPONSE = {
    ("schemas", "ObjectSchema"): {"keys": {"allowsSensitiveProperties"}},
    ("schemas", "ModelProperty"): {"keys": {"numberDisplayHint", "textDisplayHint", "dateDisplayHint",
                                            "currencyPropertyName"}},
    ("properties", "ModelProperty"): {"keys": {"numberDisplayHint", "textDisplayHint", "dateDisplayHint",
                                               "currencyPropertyName", "dataSensitivity",
                                               "sensitiveDataCategories"}},
    ("associations", "AssociationSpecWithLabel"): {"keys": {"fromObjectTypeId", "toObjectTypeId"},
                                                   "values": {"category": {"WORK"}}},
}
# Keys real GET responses carry that are in neither the SDK nor the SPEC (Documentation/HubSpotShapes.md section 3:
# GET /crm/v3/schemas items carry metaType and restorable). Responses only; a request with them is wrong.
REAL_RESPONSE_EXTRAS = {
    ("schemas", "ObjectSchema"): {"metaType": {"type": "string"}, "restorable": {"type": "boolean"}},
}
# Response keys that are null in real responses though neither model says nullable: the unlabeled
# default association type comes back as {"category": ..., "typeId": ..., "label": null}
# (Documentation/HubSpotShapes.md section 5, a real contact->contact response).
REAL_RESPONSE_NULLABLE = {("associations", "AssociationSpecWithLabel"): {"label"}}


@dataclass
class SdkField:
    key: str  # JSON key
    attr: str  # python attribute
    type: str  # openapi_types string
    required: bool
    enum: list | None


_FIELDS_CACHE: dict = {}


def sdk_module(family: str):
    return importlib.import_module(SDK_MODULES[family] + ".models")


def sdk_class(family: str, name: str):
    return getattr(sdk_module(family), name)


def sdk_fields(cls) -> dict[str, SdkField]:
    if cls in _FIELDS_CACHE:
        return _FIELDS_CACHE[cls]
    fields = {}
    for attr, type_ in cls.openapi_types.items():
        key = cls.attribute_map[attr]
        source = inspect.getsource(getattr(cls, attr).fset)
        required = "must not be `None`" in source
        match = re.search(r"allowed_values = (\[.*?\])", source)
        enum = ast.literal_eval(match.group(1)) if match else None
        fields[key] = SdkField(key, attr, type_, required, enum)
    _FIELDS_CACHE[cls] = fields
    return fields


PRIMITIVES = {"str": str, "int": int, "bool": bool, "float": (int, float)}


def _is_type(value, type_: str) -> bool:
    if type_ in ("datetime", "date"):
        return isinstance(value, str)
    if type_ == "object":
        return True
    expected = PRIMITIVES[type_]
    if isinstance(value, bool) and type_ != "bool":
        return False
    return isinstance(value, expected)


JSON_NAME = {"str": "string", "int": "integer", "bool": "boolean", "float": "number", "datetime": "string (date-time)",
             "date": "string (date)", "object": "any"}


class SdkJudge:
    """Walks a JSON value against an SDK model the way HubSpot's generated client defines it."""

    def __init__(self, family: str, response: bool):
        self.family = family
        self.response = response
        self.spec_only = SPEC_ONLY_RESPONSE if response else SPEC_ONLY_REQUEST
        self.issues: list[Issue] = []

    def check(self, value, type_: str, pointer: str = "") -> None:
        self._value(value, type_, pointer, owner=None)

    def _add(self, pointer, model, message, warning=False):
        self.issues.append(Issue(pointer, f"sdk {model}", message, warning))

    def _value(self, value, type_: str, pointer: str, owner: str | None) -> None:
        model = owner or type_  # the model named in a message about a non-model value
        if value is None:
            self._add(pointer, model, f"null where {self._describe(type_)} is expected")
            return
        list_match = re.fullmatch(r"list\[(.+)\]", type_)
        dict_match = re.fullmatch(r"dict\((\w+), (.+)\)", type_)
        if list_match:
            if not isinstance(value, list):
                self._add(pointer, model, f"{json_type_name(value)} where an array is expected")
                return
            for index, item in enumerate(value):
                self._value(item, list_match.group(1), pointer_join(pointer, index), owner)
        elif dict_match:
            if not isinstance(value, dict):
                self._add(pointer, model, f"{json_type_name(value)} where an object is expected")
                return
            for key, item in value.items():
                self._value(item, dict_match.group(2), pointer_join(pointer, key), owner)
        elif type_ in PRIMITIVES or type_ in ("datetime", "date", "object"):
            if not _is_type(value, type_):
                self._add(pointer, model, f"{json_type_name(value)} {json.dumps(value)} where {JSON_NAME[type_]} is expected")
        else:
            self._model(value, type_, pointer)

    @staticmethod
    def _describe(type_):
        if type_.startswith("list["):
            return "an array"
        return JSON_NAME.get(type_, f"an object ({type_})")

    def _model(self, value, name: str, pointer: str) -> None:
        cls = sdk_class(self.family, name)
        if not isinstance(value, dict):
            self._add(pointer, name, f"{json_type_name(value)} where an object ({name}) is expected")
            return
        fields = sdk_fields(cls)
        excused = self.spec_only.get((self.family, name), {})
        extras = REAL_RESPONSE_EXTRAS.get((self.family, name), {}) if self.response else {}
        nullable = REAL_RESPONSE_NULLABLE.get((self.family, name), set()) if self.response else set()
        for key, item in value.items():
            here = pointer_join(pointer, key)
            fld = fields.get(key)
            if fld is None:
                if key in excused.get("keys", ()):
                    self._add(here, name, f"key {key!r} is not in hubspot-api-client 12.0.0's {name} but is in "
                                          f"HubSpot's newer spec (SDK older than the API); the spec check applies",
                              warning=True)
                elif key in extras:
                    pass  # a key real responses carry; the spec judge checks its type
                else:
                    self._add(here, name, f"unknown key {key!r} ({name} has: {', '.join(sorted(fields))})")
                continue
            if item is None and key in nullable:
                continue
            if item is None and fld.required:
                self._add(here, name, f"required key {key!r} is null")
                continue
            self._value(item, fld.type, here, name)
            if fld.enum is not None and isinstance(item, str) and item not in fld.enum:
                if item in excused.get("values", {}).get(key, ()):
                    self._add(here, name, f"{key} {item!r} is not among hubspot-api-client 12.0.0's values "
                                          f"{fld.enum} but is in HubSpot's newer spec; the spec check applies",
                              warning=True)
                else:
                    self._add(here, name, f"{key} {item!r} is not one of {fld.enum}")
        for key, fld in fields.items():
            if fld.required and key not in value:
                self._add(pointer_join(pointer, key), name, f"missing required key {key!r}")


def check_tables(specs: dict) -> None:
    """Prove the excuse tables true: SDK lacks each entry, the v3/v4 SPEC has it. specs: family -> SpecDoc."""
    problems = []
    for response, table in ((False, SPEC_ONLY_REQUEST), (True, SPEC_ONLY_RESPONSE)):
        for (family, name), entry in table.items():
            fields = sdk_fields(sdk_class(family, name))
            schema = specs[family].components[SPEC_NAME.get(name, name)]
            for key in entry.get("keys", ()):
                if key in fields:
                    problems.append(f"{family}.{name}.{key} is in the SDK")
                if key not in schema.get("properties", {}):
                    problems.append(f"{family}.{name}.{key} is not in the spec")
            for key, values in entry.get("values", {}).items():
                for value in values:
                    if value in (fields[key].enum or []):
                        problems.append(f"{family}.{name}.{key}={value} is in the SDK enum")
                    if value not in schema["properties"][key].get("enum", []):
                        problems.append(f"{family}.{name}.{key}={value} is not in the spec enum")
    if problems:
        raise SystemExit("internal error: the SDK/spec excuse tables are stale: " + "; ".join(problems))


def sdk_construct(family: str, name: str, value: dict):
    """Build the SDK model from a body the walk found clean, with client-side validation on.

    Spec-only keys are left out and spec-only enum values are swapped for an SDK value (both were
    reported as warnings already). Returns (issues, the body the SDK would send) ."""
    package = importlib.import_module(SDK_MODULES[family])
    conf = package.Configuration()
    conf.client_side_validation = True

    def build(val, type_):
        list_match = re.fullmatch(r"list\[(.+)\]", type_)
        if list_match:
            return [build(item, list_match.group(1)) for item in val]
        if type_ in PRIMITIVES or type_ in ("datetime", "date", "object"):
            return val
        cls = sdk_class(family, type_)
        fields = sdk_fields(cls)
        spec_only = SPEC_ONLY_REQUEST.get((family, type_), {})
        kwargs = {}
        for key, item in val.items():
            fld = fields.get(key)
            if fld is None:
                continue
            if fld.enum is not None and item not in fld.enum and item in spec_only.get("values", {}).get(key, ()):
                item = fld.enum[0]
            kwargs[fld.attr] = build(item, fld.type)
        return cls(**kwargs, local_vars_configuration=conf)

    try:
        model = build(value, name)
    except (ValueError, TypeError) as error:
        return [Issue("", f"sdk {name}", f"hubspot-api-client 12.0.0 rejects the body: {error}")], None
    client = package.ApiClient(configuration=conf)
    return [], client.sanitize_for_serialization(model)


# ----------------------------------------------------------------------------------------------------------
# SPEC


def make_strict(schema):
    """additionalProperties:false wherever a schema lists properties and says nothing about others.

    Walks schema positions only (a property may itself be called "properties", as in ObjectSchemaEgg)."""
    if not isinstance(schema, dict):
        return
    if isinstance(schema.get("properties"), dict):
        schema.setdefault("additionalProperties", False)
        for sub in schema["properties"].values():
            make_strict(sub)
    for key in ("items", "not", "additionalProperties"):
        make_strict(schema.get(key))
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, []):
            make_strict(sub)


class SpecDoc:
    """One OpenAPI document of HubSpot's, with components made strict for validation."""

    def __init__(self, path: Path, label: str, family: str, response: bool):
        self.path = path
        self.label = label
        self.family = family
        self.doc = json.loads(path.read_text())
        self.components = copy.deepcopy(self.doc["components"]["schemas"])
        if response:
            for (fam, name), extras in REAL_RESPONSE_EXTRAS.items():
                if fam == family:
                    self.components[SPEC_NAME.get(name, name)]["properties"].update(copy.deepcopy(extras))
            for (fam, name), keys in REAL_RESPONSE_NULLABLE.items():
                if fam == family:
                    for key in keys:
                        self.components[SPEC_NAME.get(name, name)]["properties"][key]["nullable"] = True
        for schema in self.components.values():
            make_strict(schema)
        self.response = response
        self._validators = {}

    def operation(self, method: str, path: str) -> dict:
        return self.doc["paths"][path][method.lower()]

    def request_schema_name(self, method: str, path: str) -> str | None:
        body = self.operation(method, path).get("requestBody")
        if body is None:
            return None
        return body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]

    def response_schema_name(self, method: str, path: str, status: str) -> str:
        response = self.operation(method, path)["responses"][status]
        return response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]

    def validator(self, name: str):
        if name not in self._validators:
            from openapi_schema_validator import OAS30ReadValidator, OAS30WriteValidator, oas30_format_checker

            cls = OAS30ReadValidator if self.response else OAS30WriteValidator
            schema = {"$ref": f"#/components/schemas/{name}", "components": {"schemas": self.components}}
            cls.check_schema(schema)
            self._validators[name] = cls(schema, format_checker=oas30_format_checker)
        return self._validators[name]

    def check(self, value, name: str) -> list[Issue]:
        issues = []
        source = f"spec {self.label} {name}"
        for error in sorted(self.validator(name).iter_errors(value), key=lambda e: [str(p) for p in e.absolute_path]):
            pointer = pointer_join("", *error.absolute_path)
            if error.validator == "required":
                match = re.match(r"^'(.+)' is a required property$", error.message)
                key = match.group(1) if match else "?"
                issues.append(Issue(pointer_join(pointer, key), source, f"missing required key {key!r}"))
            elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
                known = set(error.schema.get("properties", {}))
                for key in sorted(set(error.instance) - known):
                    issues.append(Issue(pointer_join(pointer, key), source,
                                        f"unknown key {key!r} (the spec's schema has: {', '.join(sorted(known))})"))
            else:
                message = error.message if len(error.message) <= 200 else error.message[:90] + " ... " + error.message[-90:]
                issues.append(Issue(pointer, source, message))
        return issues


def load_spec(relative: str, label: str, family: str, response: bool) -> SpecDoc:
    return SpecDoc(SPECS / relative, label, family, response)
