#!/usr/bin/env python3
"""The floor of the compile-time benchmark: for each generated record type in INPUT_DIR, the
same struct written plainly (the same stored properties, enums as String) with no coding,
validation or registry.

usage: plain_structs.py INPUT_DIR OUTPUT_FILE
"""
import re
import sys

src, out = sys.argv[1], sys.argv[2]
import os

lines = ["import Foundation", ""]
for name in sorted(os.listdir(src)):
    if not name.endswith(".swift") or name in ("Registry.swift", "AssociationMatrix.swift"):
        continue
    text = open(os.path.join(src, name)).read()
    match = re.search(r"^(?:public |package )?struct (\w+): CRMRecord \{\n(.*?)\n    (?:public |package )?init\(id", text, re.S | re.M)
    if not match:
        continue
    type_name, body = match.group(1), match.group(2)
    lines.append(f"struct {type_name}Plain: Hashable {{")
    for prop in re.finditer(r"^    (?:public |package )?var (`?\w+`?): ([^=\n]+?)\??(?: = .*)?$", body, re.M):
        swift_type = prop.group(2).strip()
        if swift_type in ("CalendarDate", "OwnerID") or swift_type[0].isupper() and swift_type not in (
                "String", "Double", "Bool", "Foundation.Date", "Foundation.Decimal") and not swift_type.startswith("["):
            swift_type = "String"
        if swift_type.startswith("Set<"):
            swift_type = "Set<String>"
        if swift_type.startswith("[String: AssociationResults]"):
            swift_type = "[String: [String]]"
        lines.append(f"    var {prop.group(1)}: {swift_type}?")
    lines.append("}")
    lines.append("")
open(out, "w").write("\n".join(lines))
