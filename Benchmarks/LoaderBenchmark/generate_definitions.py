#!/usr/bin/env python3
"""Writes N synthetic custom-object definitions of P properties each (valid, varied types).

usage: generate_definitions.py OUTPUT_DIR [--objects 2000] [--properties 40]
"""
import argparse
import os

KINDS = [
    "{{ label: {label}, type: string, fieldType: text, maxLength: 200 }}",
    "{{ label: {label}, type: string, fieldType: textarea }}",
    "{{ label: {label}, type: number, fieldType: number, minimum: 0, maximum: 1000 }}",
    "{{ label: {label}, type: number, fieldType: number, numberDisplayHint: currency }}",
    "{{ label: {label}, type: date, fieldType: date }}",
    "{{ label: {label}, type: datetime, fieldType: date }}",
    "{{ label: {label}, type: bool, fieldType: booleancheckbox }}",
    "\n    label: {label}\n    type: enumeration\n    fieldType: select\n    options:\n"
    "      - {{ value: alpha, label: Alpha }}\n      - {{ value: beta, label: Beta }}\n      - {{ value: gamma, label: Gamma }}",
    "{{ label: {label}, type: string, fieldType: text, pattern: \"^[A-Z]{{2}}-[0-9]+$\" }}",
    "{{ label: {label}, type: string, fieldType: text, format: email }}",
]


def definition(index: int, properties: int) -> str:
    name = f"bench_object_{index:05d}"
    lines = [
        f"object: {name}",
        "kind: custom",
        f'objectTypeId: "2-{100000 + index}"',
        f"labels: {{ singular: Bench object {index:05d}, plural: Bench objects {index:05d} }}",
        f"description: Synthetic object {index} for the loader benchmark.",
        "primaryDisplayProperty: field_00",
        "searchableProperties: [field_00, field_01]",
        "properties:",
    ]
    for p in range(properties):
        body = KINDS[p % len(KINDS)].format(label=f"Field {p:02d}")
        lines.append(f"  field_{p:02d}: {body}")
    lines += ["associations:", "  - to: contacts", "    labels:",
              "      - { name: primary, label: Primary contact, inverseLabel: Primary object }",
              "  - { to: deals, cardinality: many-to-one }"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--objects", type=int, default=2000)
    parser.add_argument("--properties", type=int, default=40)
    args = parser.parse_args()
    os.makedirs(args.output, exist_ok=True)
    for i in range(args.objects):
        with open(os.path.join(args.output, f"bench_object_{i:05d}.yaml"), "w") as f:
            f.write(definition(i, args.properties))


if __name__ == "__main__":
    main()
