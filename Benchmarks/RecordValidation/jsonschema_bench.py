#!/usr/bin/env python3
"""Python's jsonschema (Draft 2020-12) over the same NDJSON records, with the schema from
`crmgen export json-schema bench_record`. usage: jsonschema_bench.py SCHEMA FILE [LIMIT]"""
import json
import sys
import time

import jsonschema

schema = json.load(open(sys.argv[1]))
limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
validator = jsonschema.Draft202012Validator(schema)
records = invalid = 0
start = time.perf_counter()
with open(sys.argv[2]) as lines:
    for line in lines:
        if limit is not None and records >= limit:
            break
        records += 1
        if not validator.is_valid(json.loads(line)):
            invalid += 1
seconds = time.perf_counter() - start
print(f"jsonschema: {records} records in {seconds:.2f} s = {int(records / seconds)} records/s, {invalid} invalid")
