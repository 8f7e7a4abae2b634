#!/usr/bin/env python3
"""Checks the HubSpot response fixtures that `crmgen import hubspot` is tested on.

Usage: python3 Scripts/hubspot/check_responses.py [FOLDER]
       (default: Tests/CRMHubSpotTests/Fixtures/portal)

Each JSON file stands for one GET response, chosen by its name:
  schemas.json              GET /crm/v3/schemas                         CollectionResponseObjectSchemaNoPaging
  schema-NAME.json          GET /crm/v3/schemas/{objectType}            ObjectSchema
  properties-OBJECT.json    GET /crm/v3/properties/{objectType}         CollectionResponsePropertyNoPaging
  labels-FROM_TO.json       GET /crm/v4/associations/{from}/{to}/labels CollectionResponseAssociationSpecWithLabelNoPaging
and is judged three ways:
  [sdk ...]    hubspot-api-client 12.0.0's response model, walked strictly (keys, JSON types, required keys,
               enums), then deserialized by the SDK's ApiClient with client-side validation on;
  [spec ...]   the operation's 200 response schema in HubSpot's OpenAPI document (Scripts/hubspot/specs/),
               unknown keys rejected;
  [portal ...] consistency of the one portal the files describe (ids, names, association type ids).
Real responses carry a few things neither model has (metaType, restorable, "label": null); those and the
keys only HubSpot's newer spec has are listed in hubspot_shapes.py and reported as notes or warnings.
Exit status: 0 no problem, 1 problems, 2 unreadable folder or setup failure.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, str(Path(__file__).resolve().parent))
import hubspot_shapes as hs  # noqa: E402

hs.bootstrap()

DEFAULT_FOLDER = hs.REPO / "Tests" / "CRMHubSpotTests" / "Fixtures" / "portal"

# file name pattern -> family, spec file, spec path, SDK response model
KINDS = [
    (r"schemas\.json", "schemas", "Schemas/v3/schemas.json", "/crm-object-schemas/v3/schemas",
     "CollectionResponseObjectSchemaNoPaging"),
    (r"schema-(?P<name>[A-Za-z][A-Za-z0-9_]*)\.json", "schemas", "Schemas/v3/schemas.json",
     "/crm-object-schemas/v3/schemas/{objectType}", "ObjectSchema"),
    (r"properties-(?P<object>[A-Za-z0-9_-]+)\.json", "properties", "Properties/v3/properties.json",
     "/crm/v3/properties/{objectType}", "CollectionResponsePropertyNoPaging"),
    (r"labels-(?P<from>\d+-\d+)_(?P<to>\d+-\d+)\.json", "associations",
     "AssociationsSchema/v4/associationsSchema.json", "/crm/associations/v4/{fromObjectType}/{toObjectType}/labels",
     "CollectionResponseAssociationSpecWithLabelNoPaging"),
]
LABELS = {"Schemas/v3/schemas.json": "Schemas v3", "Properties/v3/properties.json": "Properties v3",
          "AssociationsSchema/v4/associationsSchema.json": "AssociationsSchema v4"}
STANDARD_OBJECTS = {"contacts": "0-1", "companies": "0-2", "deals": "0-3", "tickets": "0-5", "products": "0-7",
                    "line_items": "0-8"}


class FakeResponse:
    def __init__(self, text):
        self.data = text


def sdk_deserialize(family: str, text: str, model: str) -> list[hs.Issue]:
    import importlib

    package = importlib.import_module(hs.SDK_MODULES[family])
    conf = package.Configuration()
    conf.client_side_validation = True
    try:
        package.ApiClient(configuration=conf).deserialize(FakeResponse(text), model)
    except (ValueError, TypeError, AttributeError) as error:
        return [hs.Issue("", f"sdk {model}", f"hubspot-api-client 12.0.0 cannot deserialize it: {error}")]
    return []


def check_file(path: Path, specs: dict) -> tuple[list[hs.Issue], object, dict | None]:
    for pattern, family, spec_file, spec_path, model in KINDS:
        match = re.fullmatch(pattern, path.name)
        if match:
            break
    else:
        return [hs.Issue("", "portal", "unexpected file: name it schemas.json, schema-NAME.json, "
                                       "properties-OBJECT.json or labels-FROM_TO.json")], None, None
    text = path.read_text()
    try:
        document = hs.load_json_strict(text)
    except ValueError as error:
        return [hs.Issue("", "json", str(error))], None, None
    if spec_file not in specs:
        specs[spec_file] = hs.load_spec(spec_file, LABELS[spec_file], family, response=True)
    spec = specs[spec_file]
    schema_name = spec.response_schema_name("GET", spec_path, "200")
    if schema_name != model:
        raise SystemExit(f"internal error: spec says GET {spec_path} returns {schema_name}, not {model}")
    judge = hs.SdkJudge(family, response=True)
    judge.check(document, model)
    issues = judge.issues + sdk_deserialize(family, text, model) + spec.check(document, model)
    return issues, document, dict(match.groupdict(), kind=pattern)


def portal_checks(files: dict) -> list[tuple[str, hs.Issue]]:
    """Cross-file consistency of the one portal; files: name -> (document, match info)."""
    out = []

    def problem(name, pointer, message):
        out.append((name, hs.Issue(pointer, "portal", message)))

    listing = files.get("schemas.json", (None, None))[0]
    schemas = {}
    if not isinstance(listing, dict) or not isinstance(listing.get("results"), list):
        problem("schemas.json", "", "missing or unreadable: every other file is checked against it")
        return out
    portals = set()
    type_ids = {}
    for index, item in enumerate(listing["results"]):
        here = f"/results/{index}"
        name, obj_id = item.get("name"), item.get("id")
        schemas[name] = item
        if item.get("objectTypeId") != f"2-{obj_id}":
            problem("schemas.json", here + "/objectTypeId", f"objectTypeId is not '2-' + id ({obj_id})")
        fqn = re.fullmatch(r"p(\d+)_(.+)", item.get("fullyQualifiedName", ""))
        if not fqn or fqn.group(2) != name:
            problem("schemas.json", here + "/fullyQualifiedName", "fullyQualifiedName is not p{portalId}_{name}")
        else:
            portals.add(fqn.group(1))
        props = {p["name"]: p for p in item.get("properties", [])}
        for key in ("requiredProperties", "searchableProperties", "secondaryDisplayProperties"):
            for j, prop in enumerate(item.get(key, [])):
                if prop not in props:
                    problem("schemas.json", f"{here}/{key}/{j}", f"{prop!r} is not a property of {name}")
        if item.get("primaryDisplayProperty") not in props:
            problem("schemas.json", here + "/primaryDisplayProperty", "not a property of the object")
        for j, definition in enumerate(item.get("associations", [])):
            if definition["fromObjectTypeId"] != item.get("objectTypeId"):
                problem("schemas.json", f"{here}/associations/{j}", "an object's association starts elsewhere")
            if definition["id"] in type_ids:
                problem("schemas.json", f"{here}/associations/{j}/id", f"type id {definition['id']} used twice")
            type_ids[definition["id"]] = definition
        out.extend(("schemas.json", issue) for issue in property_checks(item.get("properties", []), here + "/properties"))
    if len(portals) > 1:
        problem("schemas.json", "", f"schemas of several portals: {sorted(portals)}")
    by_type = {s["objectTypeId"]: s for s in schemas.values()}
    for definition in type_ids.values():
        frm, to = definition["fromObjectTypeId"], definition["toObjectTypeId"]
        if to in by_type and frm != to:
            back = [d for d in by_type[to]["associations"] if d["toObjectTypeId"] == frm]
            if not back:
                problem("schemas.json", "", f"custom-custom association {definition['name']} is not listed in "
                                            f"{by_type[to]['name']}'s schema too")
            elif any(d["id"] == definition["id"] for d in back):
                problem("schemas.json", "", f"{definition['name']}: both directions share type id {definition['id']}")

    labels = {}
    for file_name, (document, info) in files.items():
        if info is None or document is None:
            continue
        if "name" in info and info.get("name"):
            if info["name"] not in schemas:
                problem(file_name, "", f"no schema named {info['name']!r} in schemas.json")
            elif document != schemas[info["name"]] or list(document) != list(schemas[info["name"]]):
                problem(file_name, "", f"differs from {info['name']!r} in schemas.json")
        if info.get("object"):
            results = document.get("results", [])
            out.extend((file_name, issue) for issue in property_checks(results, "/results"))
        if info.get("from"):
            labels[(info["from"], info["to"])] = (file_name, document.get("results", []))

    known = set(by_type) | set(STANDARD_OBJECTS.values())
    for (frm, to), (file_name, results) in labels.items():
        for end in (frm, to):
            if end not in known:
                problem(file_name, "", f"object type {end} is neither standard nor in schemas.json")
        unlabeled = [r for r in results if r.get("label") is None]
        if len(unlabeled) != 1:
            problem(file_name, "/results", f"{len(unlabeled)} unlabeled (label null) types; expected exactly one")
        elif frm in by_type:
            definition = [d for d in by_type[frm]["associations"] if d["toObjectTypeId"] == to]
            if not definition or int(definition[0]["id"]) != unlabeled[0]["typeId"]:
                problem(file_name, "/results", f"the unlabeled type id is not the id of {frm}->{to} in schemas.json")
        ids = [r.get("typeId") for r in results]
        if len(set(ids)) != len(ids):
            problem(file_name, "/results", "a type id is listed twice")
        labeled = {r["typeId"]: r["label"] for r in results if r.get("label") is not None}
        if frm == to:
            partner = labeled
        else:
            partner = {r["typeId"]: r["label"] for r in labels.get((to, frm), (None, []))[1] if r.get("label") is not None}
            if (to, frm) not in labels:
                continue
        for type_id, label in labeled.items():
            if type_id + 1 not in partner and type_id - 1 not in partner:
                problem(file_name, "/results", f"label {label!r} ({type_id}) has no partner type id "
                                               f"{type_id - 1} or {type_id + 1} in the other direction")
    return out


def property_checks(properties: list, pointer: str) -> list[hs.Issue]:
    out = []
    names = set()
    for index, prop in enumerate(properties):
        here = f"{pointer}/{index}"
        if not isinstance(prop, dict):
            continue
        if prop.get("name") in names:
            out.append(hs.Issue(here + "/name", "portal", f"property {prop.get('name')!r} listed twice"))
        names.add(prop.get("name"))
        if prop.get("type") == "bool" and [(o.get("label"), o.get("value")) for o in prop.get("options", [])] != [
                ("Yes", "true"), ("No", "false")]:
            out.append(hs.Issue(here + "/options", "portal", "a bool property comes back with Yes/true, No/false"))
        if prop.get("externalOptions") and prop.get("options"):
            out.append(hs.Issue(here + "/options", "portal", "externalOptions true but options listed"))
        if (prop.get("fieldType") == "calculation_equation") != ("calculationFormula" in prop):
            out.append(hs.Issue(here, "portal", "calculationFormula goes with fieldType calculation_equation"))
    return out


def main(argv: list[str]) -> int:
    if len(argv) > 2 or (len(argv) == 2 and argv[1] in ("-h", "--help")):
        sys.stderr.write(__doc__)
        return 2
    folder = Path(argv[1]) if len(argv) == 2 else DEFAULT_FOLDER
    paths = sorted(folder.glob("*.json"))
    if not paths:
        sys.stderr.write(f"error: no JSON files in {folder}\n")
        return 2
    specs: dict = {}
    for spec_file, label in LABELS.items():
        family = {"Schemas": "schemas", "Properties": "properties", "AssociationsSchema": "associations"}[spec_file.split("/")[0]]
        specs[spec_file] = hs.load_spec(spec_file, label, family, response=True)
    hs.check_tables({"schemas": specs["Schemas/v3/schemas.json"], "properties": specs["Properties/v3/properties.json"],
                     "associations": specs["AssociationsSchema/v4/associationsSchema.json"]})

    problems = 0
    warnings: dict = defaultdict(list)
    files = {}
    all_issues = []
    for path in paths:
        issues, document, info = check_file(path, specs)
        files[path.name] = (document, info)
        all_issues += [(path.name, issue) for issue in issues]
    all_issues += portal_checks(files)
    for file_name, issue in all_issues:
        if issue.warning:
            warnings[(issue.source, issue.message)].append(file_name)
            continue
        problems += 1
        print(f"problem: {file_name}: {issue.pointer or '/'}: [{issue.source}] {issue.message}")
    for (source, message), where in sorted(warnings.items()):
        counts = ", ".join(f"{name} x{where.count(name)}" for name in sorted(set(where)))
        print(f"warning: [{source}] {message} ({counts})")
    print(f"{len(paths)} files checked, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
