#!/usr/bin/env python3
"""PyYAML over the loader benchmark's files, with libyaml underneath (CSafeLoader / CParser): reference
rows of Benchmarks/run.sh.

usage: pyyaml_load.py load|events FILE...
  load    yaml.load(..., Loader=yaml.CSafeLoader): Python objects, as a Python tool would read definitions
  events  yaml.parse(..., Loader=yaml.CSafeLoader): libyaml's events as Python objects, nothing built
"""
import sys

import yaml

mode, paths = sys.argv[1], sys.argv[2:]
if mode not in ("load", "events") or not paths:
    print(__doc__, file=sys.stderr)
    sys.exit(2)
count = 0
for path in paths:
    with open(path, "rb") as f:
        if mode == "load":
            count += len(yaml.load(f, Loader=yaml.CSafeLoader))
        else:
            for _ in yaml.parse(f, Loader=yaml.CSafeLoader):
                count += 1
print(f"{mode}: {len(paths)} files, {count} {'top-level keys' if mode == 'load' else 'events'}")
