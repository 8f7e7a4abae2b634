#!/usr/bin/env bash
# swift-format with the repository's .swift-format, over Sources, Plugins and Tests.
#   bash Scripts/format.sh --check   lint: print findings, exit 1 when there are any (CI runs this)
#   bash Scripts/format.sh           apply the same rules' fixes in place
#
# Rules only, not layout: the code aligns continuation lines with their opening bracket, which
# swift-format's pretty printer cannot express, so its layout pass (indentation, line breaks, line
# length) is switched off with --debug-disable-pretty-print. CONTRIBUTING.md lists the rules that are
# off and why. Generated files are left out: Sources/CRMStandardDefinitions/StandardDefinitions+Files.swift
# (crmgen-embed writes it) and the reference outputs under Tests/*/Expected/ and Tests/*/Fixtures/.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=format
case "${1:-}" in
    --check) mode=lint ;;
    "") ;;
    *) echo "usage: bash Scripts/format.sh [--check]" >&2; exit 2 ;;
esac

files=()
while IFS= read -r -d '' file; do
    files+=("$file")
done < <(find Sources Plugins Tests -name '*.swift' -not -path 'Sources/CRMStandardDefinitions/StandardDefinitions+Files.swift' \
    -not -path 'Tests/*/Expected/*' -not -path 'Tests/*/Fixtures/*' -print0 | sort -z)

if [[ $mode == lint ]]; then
    swift format lint --strict --parallel --debug-disable-pretty-print --configuration .swift-format "${files[@]}"
    echo "swift-format: ${#files[@]} files, no findings"
else
    swift format format --in-place --parallel --debug-disable-pretty-print --configuration .swift-format "${files[@]}"
fi
