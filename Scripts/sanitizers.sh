#!/bin/bash
# The test suite under the sanitizers, each in a build folder of its own (.build-asan, .build-tsan):
#   bash Scripts/sanitizers.sh [address|thread]...     (default: both)
# address: the whole suite under AddressSanitizer (use-after-free, overflows, leaks in Swift and libyaml).
# thread:  the concurrent tests under ThreadSanitizer: the dynamic registry swapped while read, and the
#          portal commands against the in-process loopback server (URLSession, FlyingFox, tasks).
# CI runs both; locally, run it after touching the runtime, the loader's C interop or anything shared
# between tasks.
set -euo pipefail
cd "$(dirname "$0")/.."
for sanitizer in ${*:-address thread}; do
  case $sanitizer in
    # Leak checks are off here: the Swift runtime and XCTest keep allocations alive at exit, which
    # LeakSanitizer reports in every process. The fuzzers (Fuzz/fuzz.sh) check each input for leaks.
    address) echo "== AddressSanitizer: the whole suite"
             ASAN_OPTIONS=detect_leaks=0 CRMGEN_SANITIZER=address swift test --sanitize=address --scratch-path .build-asan ;;
    thread)  echo "== ThreadSanitizer: concurrent tests"
             CRMGEN_SANITIZER=thread swift test --sanitize=thread --scratch-path .build-tsan --filter "ConcurrentRegistryTests|PortalCommandTests" ;;
    *) echo "sanitizers.sh: unknown sanitizer '$sanitizer' (address, thread)" >&2; exit 2 ;;
  esac
done
