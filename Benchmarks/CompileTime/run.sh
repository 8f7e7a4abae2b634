#!/usr/bin/env bash
# Compile-time benchmark (issue 5): how long the generated code takes to build, for the
# standard set (35 objects), for 500 synthetic objects of 40 properties and for one object of
# 1,000 properties (WIDE_PROPERTIES), against the same structs written plainly with no coding,
# validation or registry (the floor). Also compiles
# the generated code with -warn-long-function-bodies=100 and -warn-long-expression-type-checking=100
# and prints every such warning (none for an expression; function bodies grow with their statements).
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
wide="${WIDE_PROPERTIES:-1000}"
python3 "$root/Benchmarks/LoaderBenchmark/generate_definitions.py" "$work/wide-defs" --objects 1 --properties "$wide"
"$crmgen" generate --definitions "$work/wide-defs" --output "$work/wide" --access-modifier public >/dev/null
python3 "$here/plain_structs.py" "$work/wide" "$work/wide-plain.swift"
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
# One wide object: what grows with the number of properties of one type (a closure of 1,000
# statements once took 55 s to type-check).
hyperfine --warmup 1 --runs "${RUNS:-3}" --export-markdown "$work/wide.md" \
    -n "one object of $wide properties: plain struct (floor)" "$work/compile.sh $work/wide-plain.swift" \
    -n "one object of $wide properties: generated" "$work/compile.sh $work/wide/*.swift"
cat "$work/standard.md" "$work/synthetic.md" "$work/wide.md"

echo "== slow type-checking (function bodies over 100 ms, expressions over 100 ms)"
# Each set on its own: every set has files of the same names (Registry.swift, ...), which swiftc refuses in one module.
slow() {
    local out
    out="$(cd "$work/out" && swiftc -module-name Bench -parse-as-library -typecheck -I "$modules" \
        -Xfrontend -warn-long-function-bodies=100 -Xfrontend -warn-long-expression-type-checking=100 "$@" 2>&1)" \
        || { echo "$out" | grep "error:" | head -5 >&2; echo "type-checking failed" >&2; exit 1; }
    echo "$out" | grep -E "^[^ ].*: warning:" || true
}
warnings="$(slow "$work"/standard/*.swift; slow "$work"/synthetic/*.swift; slow "$work"/wide/*.swift)"
[ -n "$warnings" ] && echo "$warnings"
# An expression is type-checked as a whole: one over 100 ms is a defect of the generator. A function's
# statements are checked one by one, so its time grows with them (one statement per property): the wide
# object's functions may pass 100 ms.
echo "slow expressions: $(echo "$warnings" | grep -c "expression" || true) (none expected)"
echo "slow function bodies: $(echo "$warnings" | grep -v "expression" | grep -c "to type-check" || true) (a function grows with its statements, one per property or association)"
