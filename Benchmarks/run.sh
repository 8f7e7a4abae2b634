#!/usr/bin/env bash
# The benchmark of issue 15, in one command:
#
#   bash Benchmarks/run.sh [--quick]
#
# Records: a seeded NDJSON file of HubSpot records of a rich 41-property object (200,000 records of
# about 1.6 KB; --quick: 20,000), checked by `crmgen check`, by the generated type (decode + validate()),
# by the decode floor and by Python peers (pydantic, msgspec, jsonschema-rs; orjson parse-only), each
# holding the same rules; the line numbers of the bad records each finds are compared with crmgen check's.
# Loading: `crmgen validate` of 2,000 generated definitions (--quick: 500) against a libyaml event scan (time and
# callgrind instructions), Yams and PyYAML as references. Generate: `crmgen generate` of the same files.
# Every tool runs pinned to one core, interleaved, median of 5 rounds (loading and generate: 9; --quick: 3);
# startup subtracted. `check --jobs 1` against one job per core runs unpinned, 9 rounds (--quick: 3).
# Prints the tables and writes BENCHMARKS.md at the repository root (replaced). About 20 minutes
# (--quick: about 5) on a 2-core machine once built; the first release builds take longer.
#
# Builds in release what it runs (crmgen; Benchmarks/RecordValidation's RecordBench, whose RichRecord
# type CRMGenPlugin generates; Benchmarks/LoaderBenchmark's yams-parse; libyaml_events.c), installs
# missing system tools with apt-get (valgrind, time, util-linux, libyaml-dev, gcc, pkg-config,
# python3-venv) and the peers into Benchmarks/.venv with pip (Benchmarks/requirements.txt).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

records=200000 rounds=5 objects=2000 loading_rounds=9 scaling_rounds=9 command="bash Benchmarks/run.sh"
for argument in "$@"; do
    case "$argument" in
        --quick) records=20000 rounds=3 objects=500 loading_rounds=3 scaling_rounds=3 command="bash Benchmarks/run.sh --quick" ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument '$argument' (usage: bash Benchmarks/run.sh [--quick])" >&2; exit 2 ;;
    esac
done

# MARK: system tools
apt_updated=0
apt_install() {
    if [ "$(id -u)" != 0 ]; then echo "run.sh: needs $* (apt-get install -y $*), and is not root" >&2; exit 1; fi
    if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
    echo "== installing $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
command -v swift >/dev/null || { echo "run.sh: needs the Swift toolchain (swift) on PATH" >&2; exit 1; }
command -v taskset >/dev/null || apt_install util-linux
[ -x /usr/bin/time ] || apt_install time
command -v valgrind >/dev/null || apt_install valgrind
command -v cc >/dev/null || apt_install gcc
command -v pkg-config >/dev/null || apt_install pkg-config
pkg-config --exists yaml-0.1 || apt_install libyaml-dev
python3 -c "import ensurepip, venv" 2>/dev/null || apt_install python3-venv

work="$(mktemp -d "${TMPDIR:-/tmp}/crmgen-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# MARK: builds (release)
build() {  # build FOLDER PRODUCT: quiet unless it fails
    local folder="$1" product="$2"
    echo "== building $product (release) in ${folder#"$root"/}"
    if ! (cd "$folder" && swift build -c release --product "$product") >"$work/build.log" 2>&1; then
        tail -n 60 "$work/build.log" >&2
        echo "run.sh: building $product failed" >&2
        exit 1
    fi
}
# SwiftPM's incremental builds have kept code compiled against an old layout of a type that another
# module inlines: after PropertySchema changed, RecordBench corrupted its heap (a glibc malloc assertion)
# until its release build was deleted. So a package's release build starts over whenever crmgen's
# sources differ from those it was last built from (git's hashes of the tracked files, the uncommitted
# changes, and the untracked files' contents).
sources_stamp="$(cd "$root" && {
    git ls-files -s -- Sources Package.swift
    git diff HEAD -- Sources Package.swift
    git ls-files -z --others --exclude-standard -- Sources | xargs -0 -r sha256sum
} | sha256sum | cut -d' ' -f1)"
start_over_if_sources_changed() {  # start_over_if_sources_changed FOLDER
    local folder="$1" stamp="$1/.build/crmgen-sources.stamp"
    [ "$(cat "$stamp" 2>/dev/null)" = "$sources_stamp" ] && return
    echo "== crmgen's sources changed since the last release build in ${folder#"$root"/}: building it from scratch"
    local bin
    bin="$(cd "$folder" && swift build -c release --show-bin-path)"
    rm -rf "$bin" "$folder/.build/release.yaml"
}
stamp_release() {  # stamp_release FOLDER: after a build that succeeded
    mkdir -p "$1/.build" && echo "$sources_stamp" >"$1/.build/crmgen-sources.stamp"
}
start_over_if_sources_changed "$root"
build "$root" crmgen
stamp_release "$root"
start_over_if_sources_changed "$here/RecordValidation"
build "$here/RecordValidation" RecordBench
stamp_release "$here/RecordValidation"
build "$here/LoaderBenchmark" yams-parse
crmgen="$(cd "$root" && swift build -c release --show-bin-path)/crmgen"
record_bench="$(cd "$here/RecordValidation" && swift build -c release --show-bin-path)/RecordBench"
yams="$(cd "$here/LoaderBenchmark" && swift build -c release --show-bin-path)/yams-parse"
# shellcheck disable=SC2046  # pkg-config's flags are words
cc -O2 -o "$work/libyaml_events" "$here/LoaderBenchmark/libyaml_events.c" $(pkg-config --cflags --libs yaml-0.1)

# MARK: the peers
venv="$here/.venv"
[ -x "$venv/bin/python" ] || { echo "== creating $venv"; python3 -m venv "$venv"; }
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
# The shared port of crmgen's grammars against line-by-line ports of crmgen's byte matchers.
"$venv/bin/python" "$here/Records/crm_rules.py" --self-test

commit="$(git -C "$root" rev-parse --short HEAD)"
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no -- . ':(exclude)BENCHMARKS.md')" ]; then
    commit="$commit, dirty (uncommitted changes)"
fi

"$venv/bin/python" "$here/bench.py" --work "$work" --output "$root/BENCHMARKS.md" --command "$command" \
    --commit "$commit" --crmgen "$crmgen" --record-bench "$record_bench" --libyaml-events "$work/libyaml_events" \
    --yams "$yams" --python "$venv/bin/python" --records "$records" --rounds "$rounds" --objects "$objects" \
    --loading-rounds "$loading_rounds" --scaling-rounds "$scaling_rounds"
echo "wrote BENCHMARKS.md"
