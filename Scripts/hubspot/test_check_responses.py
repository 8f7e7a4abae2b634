"""Tests of check_responses.py: run with  python3 -m unittest Scripts/hubspot/test_check_responses.py
The committed fixtures must pass; copies broken in known ways must fail with the expected problems."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKER = HERE / "check_responses.py"
FIXTURES = HERE.parent.parent / "Tests" / "CRMHubSpotTests" / "Fixtures" / "portal"


def run(folder=None):
    argv = [sys.executable, str(CHECKER)] + ([str(folder)] if folder else [])
    result = subprocess.run(argv, capture_output=True, text=True)
    return result, result.stdout.splitlines()


class CheckResponsesTest(unittest.TestCase):
    def test_committed_fixtures_pass(self):
        result, lines = run()
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(lines[-1], f"{len(list(FIXTURES.glob('*.json')))} files checked, 0 problems")
        self.assertFalse([line for line in lines if line.startswith("problem:")])

    def test_broken_copies_fail(self):
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp) / "portal"
            shutil.copytree(FIXTURES, folder)

            def edit(name, change):
                path = folder / name
                document = json.loads(path.read_text())
                change(document)
                path.write_text(json.dumps(document, indent=2))

            def schemas(document):
                roast_batch = document["results"][0]
                roast_batch["createdByUserId"] = str(roast_batch["createdByUserId"])
                del roast_batch["properties"][0]["options"]
                roast_batch["properties"][1]["createdUserId"] = 7001001
                roast_batch["associations"][0]["cardinality"] = "ONE_TO_MANY"
                document["results"][1]["associations"] = [
                    a for a in document["results"][1]["associations"] if a["name"] != "green_lot_to_roast_batch"]

            edit("schemas.json", schemas)
            edit("labels-0-1_2-41280011.json", lambda d: d["results"][0].update(typeId=130, category="CUSTOM"))
            edit("properties-deals.json", lambda d: d["results"][0]["modificationMetadata"].pop("archivable"))
            (folder / "companies.json").write_text("{}")
            result, lines = run(folder)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        text = "\n".join(lines)
        for fragment in [
            "schemas.json: /results/0/createdByUserId: [sdk ObjectSchema] string",
            "schemas.json: /results/0/createdByUserId: [spec Schemas v3",
            "schemas.json: /results/0/properties/0/options: [sdk ModelProperty] missing required key 'options'",
            "schemas.json: /results/0/properties/0/options: [spec Schemas v3",
            "schemas.json: /results/0/properties/1/createdUserId: [sdk ModelProperty] integer",
            "schemas.json: /results/0/associations/0/cardinality: [sdk AssociationDefinition] unknown key",
            "schemas.json: /results/0/associations/0/cardinality: [spec Schemas v3",
            "[portal] custom-custom association roast_batch_to_green_lot is not listed in green_lot's schema",
            "schema-roast_batch.json: /: [portal] differs from 'roast_batch' in schemas.json",
            "labels-0-1_2-41280011.json: /results/0/category: [sdk AssociationSpecWithLabel]",
            "labels-0-1_2-41280011.json: /results/0/category: [spec AssociationsSchema v4",
            "labels-2-41280011_0-1.json: /results: [portal] label 'Roaster' (120) has no partner",
            "properties-deals.json: /results/0/modificationMetadata/archivable: [sdk PropertyModificationMetadata]",
            "properties-deals.json: /: [sdk CollectionResponsePropertyNoPaging] hubspot-api-client 12.0.0 cannot deserialize",
            "companies.json: /: [portal] unexpected file",
        ]:
            self.assertIn(fragment, text)


if __name__ == "__main__":
    unittest.main()
