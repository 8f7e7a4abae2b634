#!/usr/bin/env bash
# Record validation benchmark (issue 6):
#   bash Benchmarks/RecordValidation/run.sh [RECORDS] [JSONSCHEMA_RECORDS]   (default 1000000, 100000)
# Decodes and validates the same synthetic records of a 40-property object: the decode floor
# (JSON → RecordEnvelope only, crmgen's parser), the generated type + validate(), the dynamic
# validator, the same two with Foundation's JSONDecoder for reference, and
# Python's jsonschema on the exported JSON Schema (on the first JSONSCHEMA_RECORDS records:
# it is far slower; records/second is what is compared).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
records="${1:-1000000}"
py_records="${2:-100000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$here" && swift build -c release >/dev/null)
bench="$here/.build/release/RecordBench"
python3 -c "import jsonschema" 2>/dev/null || pip install --quiet jsonschema

"$bench" generate "$records" "$work/records.ndjson"
echo "$(wc -l < "$work/records.ndjson") records, $(du -h "$work/records.ndjson" | cut -f1)"
(cd "$root" && swift run -c release crmgen export json-schema bench_record \
    --definitions "$here/Sources/RecordBench/bench_record.yaml" > "$work/schema.json" 2>/dev/null)
for mode in decode generated dynamic jsondecoder jsondecoder-generated; do "$bench" run "$mode" "$work/records.ndjson"; done
python3 "$here/jsonschema_bench.py" "$work/schema.json" "$work/records.ndjson" "$py_records"
