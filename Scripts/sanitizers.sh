#!/bin/bash
# The test suite under the sanitizers, each in a build folder of its own (.build-asan, .build-tsan):
#   bash Scripts/sanitizers.sh [address|thread|readers]...     (default: address thread)
# address: the whole suite under AddressSanitizer (use-after-free, overflows in Swift and libyaml).
#          26 minutes once on a busy 2-core machine: run it before a release and after touching unsafe code, the
#          loader's libyaml interop or the file system layer.
# readers: AddressSanitizer over the tests of everything that reads input (YAML and definitions,
#          record JSON, HubSpot responses, values): the part of the suite CI runs, in a few minutes.
# thread:  the concurrent tests under ThreadSanitizer: the dynamic registry swapped while read, the
#          portal commands against the in-process loopback server (URLSession, its threads, tasks),
#          check --jobs (its line splitter, jobs and in-order results) and generate's rendering on every core.
# CI runs `readers thread`.
set -euo pipefail
cd "$(dirname "$0")/.."
# Leak checks are off: the Swift runtime and XCTest keep allocations alive at exit, which
# LeakSanitizer reports in every process. The fuzzers (Fuzz/fuzz.sh) check each input for leaks.
address() {
  ASAN_OPTIONS=detect_leaks=0 CRMGEN_SANITIZER=address swift test --sanitize=address --scratch-path .build-asan "$@"
}
for sanitizer in ${*:-address thread}; do
  case $sanitizer in
    address) echo "== AddressSanitizer: the whole suite"; address ;;
    readers) echo "== AddressSanitizer: the readers' tests"
             address --filter "CRMSchemaLoaderTests|CRMRuntimeTests|CRMModelTests|CRMHubSpotTests" ;;
    thread)  echo "== ThreadSanitizer: concurrent tests"
             CRMGEN_SANITIZER=thread swift test --sanitize=thread --scratch-path .build-tsan \
               --filter "ConcurrentRegistryTests|PortalCommandTests|PortalTerminalTests|LoopbackHTTPServerTests|WholeLineTests|StreamingTests" ;;
    *) echo "sanitizers.sh: unknown mode '$sanitizer' (address, readers, thread)" >&2; exit 2 ;;
  esac
done
