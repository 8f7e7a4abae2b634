#!/usr/bin/env python3
"""Prints one verdict per NDJSON line: `LINE valid` or `LINE invalid: REASON`, checked with Python's
jsonschema (draft 2020-12, formats not asserted) against a schema that `crmgen export json-schema`
wrote. Used by Tests/crmgenTests/SchemaAgreementTests.swift; installs jsonschema if it is missing."""
import json
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "jsonschema"])
    import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
validator = jsonschema.Draft202012Validator(schema)
with open(sys.argv[2], encoding="utf-8") as records:
    for number, line in enumerate(records, start=1):
        if not line.strip():
            continue
        errors = sorted(validator.iter_errors(json.loads(line)), key=lambda e: list(e.path))
        if errors:
            where = "/".join(str(p) for p in errors[0].path)
            print(f"{number} invalid: {where}: {errors[0].message[:200]}")
        else:
            print(f"{number} valid")
