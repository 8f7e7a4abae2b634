#!/usr/bin/env bash
# Loader benchmark (issue 3): `crmgen validate` on N generated definitions of P properties,
# against the floor (a C loop that only pulls libyaml's parser events from the same files)
# and against Yams (its own libyaml copy, so it lives in this separate package).
#
#   bash Benchmarks/LoaderBenchmark/run.sh [OBJECTS] [PROPERTIES]     (default 2000 40)
#
# Needs hyperfine (installed with apt-get when missing) and libyaml-dev. Prints hyperfine's table;
# ratios are against the floor measured in the same run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
objects="${1:-2000}"
properties="${2:-40}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! command -v hyperfine >/dev/null; then
    [ "$(id -u)" = 0 ] || { echo "needs hyperfine: apt-get install -y hyperfine" >&2; exit 2; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null
fi

echo "== building (release)"
(cd "$root" && swift build -c release --product crmgen >/dev/null)
(cd "$here" && swift build -c release --product yams-parse >/dev/null)
cc -O2 -o "$work/libyaml_events" "$here/libyaml_events.c" -lyaml
crmgen="$root/.build/release/crmgen"
yams="$here/.build/release/yams-parse"

echo "== generating $objects definitions of $properties properties"
python3 "$here/generate_definitions.py" "$work/defs" --objects "$objects" --properties "$properties"
"$crmgen" validate "$work/defs"   # must be valid, or the comparison is meaningless

cd "$work/defs"
hyperfine --warmup 2 --runs "${RUNS:-15}" \
    -n "floor: libyaml events only (C)" "$work/libyaml_events *.yaml" \
    -n "crmgen validate" "$crmgen validate ." \
    -n "crmgen validate, 1 thread" "taskset -c 0 $crmgen validate ." \
    -n "Yams.compose" "$yams *.yaml" \
    --export-markdown "$work/results.md"
cat "$work/results.md"
