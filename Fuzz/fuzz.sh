#!/bin/bash
# Fuzzes crmgen's readers with libFuzzer + AddressSanitizer, working in .build-fuzz/ (ignored by git).
#
#   bash Fuzz/fuzz.sh SECONDS [TARGET...]
#
# Targets (default: all): yaml (the YAML layer), loader (definition files, sometimes on the standard
# set), records (what `crmgen check` reads and validates), importer (HubSpot responses → definitions
# that must load), config (crmgen-config.yaml). Each runs SECONDS, two at a time, seeded from the
# repository's definitions and test fixtures. One line per target: its name, executions, result.
# Exit 0 only when no target found a crash, leak, timeout (> 2 s) or out-of-memory; every input
# found is copied to Tests/FuzzRepros/TARGET/, which the test suite replays (FuzzReproTests). A unit
# libFuzzer calls slow (over 10 s) counts only if it is slow again when replayed alone.
set -euo pipefail
SECS=${1:?usage: bash Fuzz/fuzz.sh SECONDS [TARGET...]}
shift
ALL="yaml loader records importer config"
TARGETS=${*:-$ALL}
for t in $TARGETS; do
  case " $ALL " in *" $t "*) ;; *) echo "fuzz.sh: unknown target '$t' (targets: $ALL)" >&2; exit 2 ;; esac
done
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
W="$ROOT/.build-fuzz"; SRC=$W/src; B=$W/build; S=$SRC/Sources
mkdir -p $SRC $B

# 1. A private copy of the package (without .build*, .git).
rm -rf $SRC/*; (cd "$ROOT" && tar --exclude='./.build*' --exclude='./.git' -cf - .) | tar -xf - -C $SRC

# 2. The libraries, instrumented (fuzzer + address), in dependency order; then the targets.
FLAGS="-O -g -sanitize=fuzzer,address -parse-as-library -enable-testing -package-name crmgen -I $B -I $S/CLibYAML"
module() {  # module NAME: compiles Sources/NAME into $B/NAME.o and its .swiftmodule
  swiftc $FLAGS -wmo -module-name $1 -emit-module -emit-module-path $B/$1.swiftmodule -c $(find $S/$1 -name '*.swift') -o $B/$1.o
}
echo "fuzz.sh: building (instrumented) ..."
for m in CRMModel CRMStandardDefinitions CRMSchemaLoader CRMRuntime CRMDynamic CRMHubSpot; do module $m; done
OBJECTS="$B/CRMModel.o $B/CRMStandardDefinitions.o $B/CRMSchemaLoader.o $B/CRMRuntime.o $B/CRMDynamic.o $B/CRMHubSpot.o"
for t in $TARGETS; do
  # gold warns once per sanitizer symbol it cannot export; those lines say nothing about crmgen.
  swiftc $FLAGS -module-name fuzz_$t "$ROOT/Fuzz/fuzz_$t.swift" $OBJECTS -lyaml -o $W/fuzz_$t 2>&1 |
    { grep -v "ld.gold: warning: Cannot export local symbol" || true; }
done

# 3. Seeds, per target.
seed() {  # seed TARGET FILE...
  mkdir -p $W/seeds_$1
  for f in "${@:2}"; do cp "$f" $W/seeds_$1/$(echo "$f" | md5sum | cut -c1-12); done
}
YAML_FILES=$(find "$ROOT/Definitions" "$ROOT/Tests/CRMSchemaLoaderTests/Fixtures" "$ROOT/Tests/crmgenTests/Fixtures" \( -name '*.yaml' -o -name '*.yml' \))
CONFIGS=$(find "$ROOT/Examples" "$ROOT/Tests" -name 'crmgen-config*.yaml' -not -path '*/.build/*')
RECORDS=$(find "$ROOT/Tests" \( -name '*.json' -o -name '*.ndjson' \) -not -path '*/Fixtures/portal/*' -not -path '*/.build/*' -size -256k)
PORTAL="$ROOT/Tests/CRMHubSpotTests/Fixtures/portal"
for t in $TARGETS; do
  # Findings of an earlier run were saved then; only this run's count.
  rm -rf $W/seeds_$t $W/art_$t; mkdir -p $W/seeds_$t $W/corpus_$t $W/art_$t
  case $t in
    yaml|loader) seed $t $YAML_FILES ;;
    config) seed $t $CONFIGS $(find "$ROOT/Definitions/custom" -name '*.yaml') ;;
    records) seed $t $RECORDS ;;
    importer)
      for labels in "$PORTAL"/labels-*.json; do
        { cat "$PORTAL/schemas.json"; printf '\xff'; cat "$PORTAL/properties-contacts.json"; printf '\xff'; cat "$labels"; } \
          > $W/seeds_importer/$(basename "$labels" .json)
      done ;;
  esac
done

# 4. Runs, two at a time (one per core); then one line per target.
cd $W
COMMON="-dict=$ROOT/Fuzz/crm.dict -timeout=2 -rss_limit_mb=4096 -max_total_time=$SECS -print_final_stats=1"
run() {  # run TARGET
  local max=16384; [ "$1" = importer ] && max=65536
  ./fuzz_$1 $COMMON -max_len=$max -artifact_prefix=art_$1/ corpus_$1 seeds_$1 > $1.log 2>&1 || true
}
set -- $TARGETS
while [ $# -gt 0 ]; do
  run $1 & [ $# -gt 1 ] && { run $2 & }
  wait
  shift; [ $# -gt 0 ] && shift
done

status=0
for t in $TARGETS; do
  executions=$(grep -o 'stat::number_of_executed_units: [0-9]*' $t.log | grep -o '[0-9]*$' || echo 0)
  # A "slow unit" (over 10 s) that did not time out at 2 s was a stall of the machine, not of the input:
  # replayed alone in under 2 s, it is reported and dropped; slower, it stays a finding.
  stalls=""
  for f in $(find art_$t -name 'slow-unit-*' -type f); do
    start=$(date +%s%N)
    timeout 30 ./fuzz_$t -runs=1 "$f" > /dev/null 2>&1 || true
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ $ms -lt 2000 ]; then stalls="$stalls $(basename "$f") (replays in $ms ms)"; rm -f "$f"; fi
  done
  [ -n "$stalls" ] && echo "fuzz.sh: $t: slow once, not on replay (the machine stalled):$stalls"
  found=$(find art_$t -type f | sort)
  if [ -n "$found" ] || grep -q "ERROR: libFuzzer\|ERROR: AddressSanitizer\|ERROR: LeakSanitizer" $t.log; then
    status=1
    mkdir -p "$ROOT/Tests/FuzzRepros/$t"
    for f in $found; do cp "$f" "$ROOT/Tests/FuzzRepros/$t/"; done
    printf '%-9s %10s executions  FOUND %s (saved to Tests/FuzzRepros/%s; log: .build-fuzz/%s.log)\n' \
      $t "$executions" "$(echo $found | wc -w)" $t $t
  else
    printf '%-9s %10s executions  ok\n' $t "$executions"
  fi
done
exit $status
