#!/usr/bin/env bash
# Compile-time benchmark (issue 5): how long the generated code takes to build, for the
# standard set (35 objects) and for 500 synthetic objects of 40 properties, against the same
# structs written plainly with no coding, validation or registry (the floor). Also compiles
# the generated code with -warn-long-function-bodies=100 and -warn-long-expression-type-checking=100
# and prints every such warning (none expected).
#
#   bash Benchmarks/CompileTime/run.sh [SYNTHETIC_OBJECTS]      (default 500; RUNS=3, SYNTHETIC_RUNS=1)
#
# Needs hyperfine (apt-get install hyperfine).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
objects="${1:-500}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install -y hyperfine" >&2; exit 2; }

echo "== building crmgen and CRMRuntime (debug, as in a normal build)"
(cd "$root" && swift build --product crmgen >/dev/null && swift build --target CRMRuntime >/dev/null)
crmgen="$root/.build/debug/crmgen"
modules="$root/.build/debug/Modules"

echo "== generating"
(cd "$root" && "$crmgen" generate --definitions Definitions --output "$work/standard" --access-modifier public >/dev/null)
python3 "$root/Benchmarks/LoaderBenchmark/generate_definitions.py" "$work/defs" --objects "$objects" --properties 40
"$crmgen" generate --definitions "$work/defs" --output "$work/synthetic" --access-modifier public >/dev/null
python3 "$here/plain_structs.py" "$work/standard" "$work/standard-plain.swift"
python3 "$here/plain_structs.py" "$work/synthetic" "$work/synthetic-plain.swift"
echo "standard: $(ls "$work/standard" | wc -l) files, $(cat "$work"/standard/*.swift | wc -l) lines;" \
     "synthetic: $(ls "$work/synthetic" | wc -l) files, $(cat "$work"/synthetic/*.swift | wc -l) lines"

# Compiles SOURCES... into one module as SwiftPM's debug build does (batch mode, -Onone).
mkdir -p "$work/out"
cat > "$work/compile.sh" <<SCRIPT
#!/usr/bin/env bash
set -e
cd "$work/out"
swiftc -module-name Bench -parse-as-library -Onone -emit-module -emit-module-path Bench.swiftmodule -c -j2 -I "$modules" "\$@" >/dev/null
SCRIPT
chmod +x "$work/compile.sh"

echo "== compile times (debug)"
hyperfine --warmup 1 --runs "${RUNS:-3}" --export-markdown "$work/standard.md" \
    -n "standard set: plain structs (floor)" "$work/compile.sh $work/standard-plain.swift" \
    -n "standard set: generated" "$work/compile.sh $work/standard/*.swift"
# The synthetic set takes minutes per compile: one run each by default.
hyperfine --warmup 0 --runs "${SYNTHETIC_RUNS:-1}" --export-markdown "$work/synthetic.md" \
    -n "$objects synthetic: plain structs (floor)" "$work/compile.sh $work/synthetic-plain.swift" \
    -n "$objects synthetic: generated" "$work/compile.sh $work/synthetic/*.swift"
cat "$work/standard.md" "$work/synthetic.md"

echo "== slow type-checking (functions over 100 ms, expressions over 100 ms)"
warnings="$(cd "$work/out" && swiftc -module-name Bench -parse-as-library -typecheck -I "$modules" \
    -Xfrontend -warn-long-function-bodies=100 -Xfrontend -warn-long-expression-type-checking=100 \
    "$work"/standard/*.swift "$work"/synthetic/*.swift 2>&1 | grep -c "warning:" || true)"
echo "warnings: $warnings"
