"""Tests of check_requests.py: run with  python3 -m unittest Scripts/hubspot/test_check_requests.py
(or python3 Scripts/hubspot/test_check_requests.py). The checker runs as a subprocess, as crmgen's
tests or a developer would run it; it sets up .build-python/ itself on first use."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

CHECKER = Path(__file__).resolve().parent / "check_requests.py"
LINE = re.compile(r"^(problem|warning): (\S*\[\d+\])(?: \S+ \S+)?: (\S+): \[(\w+)[^\]]*\] (.*)$")


def run(document, stdin=True):
    text = json.dumps(document)
    if stdin:
        result = subprocess.run([sys.executable, str(CHECKER), "-"], input=text, capture_output=True, text=True)
    else:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            handle.write(text)
        result = subprocess.run([sys.executable, str(CHECKER), handle.name], capture_output=True, text=True)
        Path(handle.name).unlink()
    lines = result.stdout.splitlines()
    issues = []
    for line in lines[:-1]:
        match = LINE.match(line)
        if match:
            issues.append(match.groups())  # (kind, where, pointer, judge, message)
    return result, lines, issues


def req(method, path, body=None):
    item = {"method": method, "path": path}
    if body is not None:
        item["body"] = body
    return item


# Documentation/HubSpotShapes.md section 5, verbatim: they already carry every required key
# (requiredProperties, associatedObjects, hidden + displayOrder on options, groupName, name).
SHAPES_DOC_EXAMPLES = [
    req("POST", "/crm/v3/schemas", json.loads("""
{"name":"roast_batch","labels":{"singular":"Roast Batch","plural":"Roast Batches"},
 "primaryDisplayProperty":"batch_name","requiredProperties":["batch_name"],"associatedObjects":["0-1"],
 "properties":[{"name":"batch_name","label":"Batch name","type":"string","fieldType":"text"},
  {"name":"roast_level","label":"Roast level","type":"enumeration","fieldType":"select",
   "options":[{"label":"Light","value":"light","displayOrder":0,"hidden":false}]}]}""")),
    req("POST", "/crm/v3/properties/contacts", json.loads(
        """{"name":"loyalty_points","label":"Loyalty points","groupName":"coffee_preferences","type":"number","fieldType":"number"}""")),
    req("POST", "/crm/v4/associations/2-9001234/0-1/labels",
        json.loads("""{"name":"roaster","label":"Roaster","inverseLabel":"Roasted batch"}""")),
]


def full_egg():
    option = lambda label, value, order, hidden=False: {"label": label, "value": value, "displayOrder": order, "hidden": hidden}
    return {
        "name": "green_lot",
        "description": "A lot of green (unroasted) coffee",
        "labels": {"singular": "Green lot", "plural": "Green lots"},
        "primaryDisplayProperty": "lot_code",
        "secondaryDisplayProperties": ["origin_country"],
        "searchableProperties": ["lot_code"],
        "requiredProperties": [],
        "associatedObjects": [],
        "properties": [
            {"name": "lot_code", "label": "Lot code", "type": "string", "fieldType": "text", "hasUniqueValue": True,
             "groupName": "green_lot_information", "description": "", "displayOrder": -1, "formField": True,
             "hidden": False, "searchableInGlobalSearch": True, "textDisplayHint": "unformatted_single_line"},
            {"name": "notes", "label": "Notes", "type": "string", "fieldType": "textarea"},
            {"name": "price_per_kg", "label": "Price per kg", "type": "number", "fieldType": "number",
             "numberDisplayHint": "currency", "showCurrencySymbol": True},
            {"name": "harvested_on", "label": "Harvested on", "type": "date", "fieldType": "date"},
            {"name": "arrived_at", "label": "Arrived at", "type": "datetime", "fieldType": "date"},
            {"name": "origin_country", "label": "Origin", "type": "enumeration", "fieldType": "select",
             "optionSortStrategy": "ALPHABETICAL",
             "options": [option("Ethiopia", "ET", 0), option("Colombia", "CO", 1), option("Yemen", "YE", 2, True)]},
            {"name": "processes", "label": "Processes", "type": "enumeration", "fieldType": "checkbox",
             "options": [option("Washed", "washed", 0), option("Natural", "natural", 1)]},
            {"name": "organic", "label": "Organic", "type": "bool", "fieldType": "booleancheckbox",
             "options": [option("Yes", "true", 0), option("No", "false", 1)]},
            {"name": "buyer", "label": "Buyer", "type": "enumeration", "fieldType": "select", "referencedObjectType": "OWNER"},
        ],
    }


GOOD = SHAPES_DOC_EXAMPLES + [
    req("POST", "/crm-object-schemas/v3/schemas", full_egg()),
    req("PATCH", "/crm/v3/schemas/2-123", {"labels": {"singular": "Lot", "plural": "Lots"}, "requiredProperties": [],
                                           "searchableProperties": ["lot_code"], "clearDescription": True, "restorable": True}),
    req("PATCH", "/crm-object-schemas/v3/schemas/p_green_lot", {}),
    req("DELETE", "/crm/v3/schemas/p9001234_green_lot?archived=true"),
    req("DELETE", "/crm/v3/schemas/2-123"),
    req("POST", "/crm/v3/schemas/2-123/associations", {"fromObjectTypeId": "2-123", "toObjectTypeId": "0-1", "name": "green_lot_to_contact"}),
    req("POST", "/crm-object-schemas/v3/schemas/p123_green_lot/associations", {"fromObjectTypeId": "2-123", "toObjectTypeId": "2-456"}),
    req("DELETE", "/crm/v3/schemas/2-123/associations/117"),
    req("POST", "/crm/v3/properties/contacts/groups", {"name": "coffee_preferences", "label": "Coffee preferences", "displayOrder": -1}),
    req("POST", "/crm/v3/properties/0-1", {"name": "preferred_roast", "label": "Preferred roast", "groupName": "coffee_preferences",
                                          "type": "enumeration", "fieldType": "select", "description": "", "displayOrder": 2,
                                          "hidden": False, "formField": True, "hasUniqueValue": False,
                                          "options": [{"label": "Light", "value": "light", "hidden": False},
                                                      {"label": "Dark", "value": "dark", "hidden": True, "displayOrder": 1,
                                                       "description": "no longer sold"}]}),
    req("POST", "/crm/v3/properties/2-123", {"name": "yield_ratio", "label": "Yield", "groupName": "g", "type": "number",
                                            "fieldType": "calculation_equation", "calculationFormula": "a / b"}),
    req("POST", "/crm/v3/properties/deals", {"name": "roaster", "label": "Roaster", "groupName": "g", "type": "enumeration",
                                            "fieldType": "select", "externalOptions": True, "referencedObjectType": "OWNER"}),
    req("PATCH", "/crm/v3/properties/contacts/preferred_roast", {"label": "Favourite roast", "options": []}),
    req("PATCH", "/crm/v3/properties/p_green_lot/lot_code", {}),
    req("DELETE", "/crm/v3/properties/contacts/preferred_roast"),
    req("POST", "/crm/associations/v4/0-1/0-1/labels", {"name": "mentor", "label": "Mentor", "inverseLabel": "Mentee"}),
    req("POST", "/crm/v4/associations/p_green_lot/contacts/labels", {"name": "taster", "label": "Taster"}),
    req("PUT", "/crm/v4/associations/2-123/0-1/labels", {"associationTypeId": 144, "label": "Roaster", "inverseLabel": "Roasted"}),
    req("DELETE", "/crm/v4/associations/2-123/0-1/labels/144"),
    # date-versioned aliases (validated against the 2026-03 spec, which asks for more)
    req("POST", "/crm-object-schemas/2026-03/schemas", dict(full_egg(), allowsSensitiveProperties=False,
                                                           shouldCreateSameObjectAssociation=False)),
    req("POST", "/crm/properties/2026-03/contacts", {"name": "x", "label": "X", "groupName": "g", "type": "enumeration",
                                                    "fieldType": "radio", "options": [{"label": "A", "value": "a", "hidden": False, "displayOrder": 0}]}),
    req("POST", "/crm/associations/2026-03/2-123/0-1/labels", {"name": "roaster", "label": "Roaster"}),
    req("DELETE", "/crm/associations/2026-03/2-123/0-1/labels/144"),
]

# Keys/values only HubSpot's newer spec has: warnings, not problems (shapes doc section 7 trap 7).
WARN_ONLY = [
    req("POST", "/crm/v3/properties/contacts", {"name": "loyalty_points", "label": "Loyalty points", "groupName": "g",
                                               "type": "number", "fieldType": "number", "numberDisplayHint": "formatted",
                                               "showCurrencySymbol": False}),
    req("POST", "/crm/v3/properties/contacts", {"name": "bio", "label": "Bio", "groupName": "g", "type": "string", "fieldType": "html"}),
    req("PATCH", "/crm/v3/properties/contacts/mobile", {"fieldType": "phonenumber"}),
]

# (request, [(pointer relative to the body, judge, message fragment), ...]); judge "sdk", "spec", "route"
BAD = [
    (req("POST", "/crm/v3/schemas", {k: v for k, v in full_egg().items() if k != "requiredProperties"}),
     [("/requiredProperties", "sdk", "missing required key 'requiredProperties'"),
      ("/requiredProperties", "spec", "missing required key 'requiredProperties'")]),
    (req("POST", "/crm/v3/schemas", {k: v for k, v in full_egg().items() if k != "associatedObjects"}),
     [("/associatedObjects", "sdk", "missing required key 'associatedObjects'"),
      ("/associatedObjects", "spec", "missing required key 'associatedObjects'")]),
    (req("POST", "/crm/v3/schemas", dict(full_egg(), properties=[
        {"name": "level", "label": "Level", "type": "enumeration", "fieldType": "select",
         "options": [{"label": "Light", "value": "light", "displayOrder": 0},
                     {"label": "Dark", "value": "dark", "hidden": False}]}])),
     [("/properties/0/options/0/hidden", "sdk", "missing required key 'hidden'"),
      ("/properties/0/options/0/hidden", "spec", "missing required key 'hidden'"),
      ("/properties/0/options/1/displayOrder", "sdk", "missing required key 'displayOrder'"),
      ("/properties/0/options/1/displayOrder", "spec", "missing required key 'displayOrder'")]),
    (req("POST", "/crm/v3/schemas", dict(full_egg(), metaType="PORTAL_SPECIFIC")),
     [("/metaType", "sdk", "unknown key 'metaType'"), ("/metaType", "spec", "unknown key 'metaType'")]),
    (req("POST", "/crm/v3/schemas", dict(full_egg(), properties=[
        {"name": "lot_code", "label": "Lot code", "type": "string", "fieldType": "text", "isPrimaryDisplayLabel": True}])),
     [("/properties/0/isPrimaryDisplayLabel", "sdk", "unknown key 'isPrimaryDisplayLabel'"),
      ("/properties/0/isPrimaryDisplayLabel", "spec", "unknown key 'isPrimaryDisplayLabel'")]),
    (req("POST", "/crm/v3/schemas", dict(full_egg(), name=5, labels={"singular": "Lot", "plural": "Lots", "other": "x"},
                                         properties=[{"name": "n", "label": "N", "type": "number", "fieldType": "number",
                                                      "displayOrder": "5", "hidden": "false", "formField": 1}])),
     [("/name", "sdk", "integer 5 where string is expected"), ("/name", "spec", "5 is not of type 'string'"),
      ("/labels/other", "sdk", "unknown key 'other'"), ("/labels/other", "spec", "unknown key 'other'"),
      ("/properties/0/displayOrder", "sdk", 'string "5" where integer is expected'),
      ("/properties/0/displayOrder", "spec", "'5' is not of type 'integer'"),
      ("/properties/0/hidden", "sdk", 'string "false" where boolean is expected'),
      ("/properties/0/hidden", "spec", "'false' is not of type 'boolean'"),
      ("/properties/0/formField", "sdk", "integer 1 where boolean is expected"),
      ("/properties/0/formField", "spec", "1 is not of type 'boolean'")]),
    (req("POST", "/crm/v3/schemas", dict(full_egg(), requiredProperties="lot_code", properties=[
        {"name": "n", "label": "N", "type": "number", "fieldType": "number", "displayOrder": True}])),
     [("/requiredProperties", "sdk", "string where an array is expected"),
      ("/requiredProperties", "spec", "is not of type 'array'"),
      ("/properties/0/displayOrder", "sdk", "boolean true where integer is expected"),
      ("/properties/0/displayOrder", "spec", "True is not of type 'integer'")]),
    (req("POST", "/crm/v3/schemas", dict(full_egg(), description=None, properties=[
        {"name": "n", "label": "N", "type": "text", "fieldType": "text", "numberDisplayHint": "money"}])),
     [("/description", "sdk", "null where string is expected"), ("/description", "spec", "None"),
      ("/properties/0/type", "sdk", "type 'text' is not one of"), ("/properties/0/type", "spec", "'text' is not one of"),
      ("/properties/0/numberDisplayHint", "sdk", "numberDisplayHint 'money' is not one of"),
      ("/properties/0/numberDisplayHint", "spec", "'money' is not one of")]),
    (req("POST", "/crm/v3/properties/contacts", {"name": "loyalty_points", "label": "Loyalty points",
                                                "type": "number", "fieldType": "number", "numberDisplayHint": "money"}),
     [("/groupName", "sdk", "missing required key 'groupName'"), ("/groupName", "spec", "missing required key 'groupName'"),
      ("/numberDisplayHint", "spec", "'money' is not one of")]),
    (req("POST", "/crm/v3/properties/contacts", {"name": "x", "label": "X", "groupName": "g", "type": "strin",
                                                "fieldType": "dropdown", "displayOrder": 1.5}),
     [("/type", "sdk", "type 'strin' is not one of"), ("/type", "spec", "'strin' is not one of"),
      ("/fieldType", "sdk", "fieldType 'dropdown' is not one of"), ("/fieldType", "spec", "'dropdown' is not one of"),
      ("/displayOrder", "sdk", "number 1.5 where integer is expected"), ("/displayOrder", "spec", "1.5 is not of type 'integer'")]),
    (req("POST", "/crm/v4/associations/2-123/0-1/labels", {"label": "Roaster", "inverseLabel": "Roasted batch"}),
     [("/name", "sdk", "missing required key 'name'"), ("/name", "spec", "missing required key 'name'")]),
    (req("PUT", "/crm/v4/associations/2-123/0-1/labels", {"associationTypeId": "144", "label": "Roaster"}),
     [("/associationTypeId", "sdk", 'string "144" where integer is expected'),
      ("/associationTypeId", "spec", "'144' is not of type 'integer'")]),
    (req("POST", "/crm/v3/properties/contacts/groups", {"name": "g", "label": "G", "numberDisplayHint": "formatted"}),
     [("/numberDisplayHint", "sdk", "unknown key 'numberDisplayHint'"), ("/numberDisplayHint", "spec", "unknown key")]),
    (req("POST", "/crm/v3/properties/contacts", {"name": "x", "label": "X", "groupName": "g", "type": "string",
                                                "fieldType": "text", "fooHint": "x"}),
     [("/fooHint", "sdk", "unknown key 'fooHint'"), ("/fooHint", "spec", "unknown key 'fooHint'")]),
    (req("POST", "/crm/v3/schemas", [full_egg()]),
     [("", "sdk", "array where an object (ObjectSchemaEgg) is expected"), ("", "spec", "is not of type 'object'")]),
    (req("POST", "/crm/v3/schemas"), [("", "route", "needs a ObjectSchemaEgg body")]),
    (req("DELETE", "/crm/v3/properties/contacts/x", {}), [("", "route", "takes no body")]),
    (req("GET", "/crm/v3/schemas"), [("path", "route", "unknown method/path")]),
    (req("POST", "/crm/v3/objects/contacts", {"properties": {}}), [("path", "route", "unknown method/path")]),
    (req("POST", "/crm-object-schemas/2025-09/schemas", full_egg()), [("path", "route", "no HubSpot spec shipped")]),
    # the 2026-03 spec asks for more than v3 (searchable/secondary/allowsSensitive...; option displayOrder)
    (req("POST", "/crm-object-schemas/2026-03/schemas", full_egg()),
     [("/allowsSensitiveProperties", "spec", "missing required key"),
      ("/shouldCreateSameObjectAssociation", "spec", "missing required key")]),
    (req("POST", "/crm/properties/2026-03/contacts", {"name": "x", "label": "X", "groupName": "g", "type": "enumeration",
                                                     "fieldType": "select", "options": [{"label": "A", "value": "a", "hidden": False}]}),
     [("/options/0/displayOrder", "spec", "missing required key 'displayOrder'")]),
]


class CheckRequestsTest(unittest.TestCase):
    def assert_summary(self, lines, checked, problems):
        self.assertEqual(lines[-1], f"{checked} requests checked, {problems} problems", "\n".join(lines))

    def test_good_bodies_pass(self):
        result, lines, issues = run(GOOD)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual([i for i in issues if i[0] == "problem"], [])
        self.assert_summary(lines, len(GOOD), 0)
        self.assertEqual(result.stderr, "")

    def test_shapes_doc_examples_pass_quietly(self):
        result, lines, _ = run(SHAPES_DOC_EXAMPLES, stdin=False)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(lines, [f"{len(SHAPES_DOC_EXAMPLES)} requests checked, 0 problems"])

    def test_spec_only_keys_and_values_only_warn(self):
        result, lines, issues = run(WARN_ONLY)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        warned = sorted((where, pointer) for kind, where, pointer, judge, _ in issues if kind == "warning")
        self.assertEqual(warned, [("[0]", "/0/body/numberDisplayHint"), ("[0]", "/0/body/showCurrencySymbol"),
                                  ("[1]", "/1/body/fieldType"), ("[2]", "/2/body/fieldType")])
        self.assertTrue(all(kind == "warning" and judge == "sdk" for kind, _, _, judge, _ in issues))
        self.assertIn("4 warnings", lines[-2])
        self.assert_summary(lines, 3, 0)

    def test_bad_bodies_report_every_problem_with_index_and_pointer(self):
        document = {"requests": [request for request, _ in BAD], "destructive": [BAD[0][0]]}
        result, lines, issues = run(document)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        problems = [i for i in issues if i[0] == "problem"]
        self.assert_summary(lines, len(BAD) + 1, len(problems))
        for index, (_, expected) in enumerate(BAD):
            mine = [(pointer, judge, message) for kind, where, pointer, judge, message in problems
                    if where == f"requests[{index}]"]
            self.assertTrue(mine, f"request {index} passed: {BAD[index][0]}")
            for rel, judge, fragment in expected:
                pointer = f"/requests/{index}/{rel}" if rel == "path" else f"/requests/{index}/body{rel}"
                if judge == "route" and rel == "":
                    pointer = f"/requests/{index}/body"
                hit = [m for p, j, m in mine if p == pointer and j == judge and fragment in m]
                self.assertTrue(hit, f"request {index}: no [{judge}] problem at {pointer} with {fragment!r}; got:\n"
                                + "\n".join(f"{p} [{j}] {m}" for p, j, m in mine))
        destructive = [i for i in problems if i[1] == "destructive[0]"]
        self.assertEqual({(p, j) for _, _, p, j, _ in destructive},
                         {("/destructive/0/body/requiredProperties", "sdk"), ("/destructive/0/body/requiredProperties", "spec")})

    def test_unreadable_input_is_exit_2(self):
        result = subprocess.run([sys.executable, str(CHECKER), "-"], input='{"requests": [], "extra": 1}',
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 2)
        result = subprocess.run([sys.executable, str(CHECKER), "-"], input='[{"method": "DELETE", "method": "POST"}]',
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 2)
        self.assertIn("duplicate key", result.stderr)


if __name__ == "__main__":
    unittest.main()
