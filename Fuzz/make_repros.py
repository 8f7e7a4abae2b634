#!/usr/bin/env python3
"""Writes the inputs that once made the crmgen loader slow (quadratic work) into OUTPUT_DIR.

usage: make_repros.py [OUTPUT_DIR]"""
import os
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(OUT, exist_ok=True)
def w(name, s): open(os.path.join(OUT, name), 'w').write(s)

# F1: Suggestion.editDistance is O(len(a)*len(b)), computed in full for every candidate.
N = 20000
w('F1-suggestion-long-names.yaml',
  f"object: {'a'*N}\nkind: standard\nassociations: [{{to: {'b'*N}}}]\n")
w('F1b-suggestion-long-property-ref.yaml',
  f"object: o\nkind: standard\nlabels: {{singular: X, plural: Xs}}\nprimaryDisplayProperty: {'b'*N}\nproperties:\n  ? {'a'*N}\n  : {{label: L, type: bool, fieldType: booleancheckbox}}\n")

# F2: checkReferences: every unknown reference runs didYouMean over all property names (and names.contains is linear).
N = 10000
props = ''.join(f"  p{i}: *a\n" for i in range(1, N))
w('F2-unknown-property-refs.yaml',
  "object: o\nkind: standard\nlabels: {singular: X, plural: Xs}\nsearchableProperties: [" + ', '.join(f"q{i}" for i in range(N)) + "]\n"
  "properties:\n  p0: &a {label: L, type: bool, fieldType: booleancheckbox}\n" + props)
N = 20000
w('F2b-owners-quadratic.yaml',
  "object: o\nkind: standard\nlabels: {singular: X, plural: Xs}\nowners: [" + ', '.join(f"p{i}" for i in range(N)) + "]\n"
  "properties:\n  p0: &a {label: L, type: enumeration, fieldType: select, referencedObjectType: OWNER}\n"
  + ''.join(f"  p{i}: *a\n" for i in range(1, N)))

# F3: MappingReader.init: unknownKeys is an Array searched once per entry -> O(entries * unknown keys).
N = 100000
w('F3-many-unknown-keys.yaml', "object: o\nkind: custom\n" + ''.join(f"k{i}: 1\n" for i in range(N)))

# F4 (needs includesStandardDefinitions: true): extension properties checked with linear property(named:).
N = 30000
w('F4-extension-many-properties.std.yaml',
  "object: contacts\nkind: extension\nproperties:\n  p0: &a {label: L, type: bool, fieldType: booleancheckbox}\n"
  + ''.join(f"  p{i}: *a\n" for i in range(1, N)))

# F5 (std): every unknown association target sorts objectNames again and runs didYouMean.
N = 60000
w('F5-many-unknown-association-targets.std.yaml',
  "object: o\nkind: standard\nlabels: {singular: X, plural: Xs}\nassociations:\n  - &t {to: zzz}\n" + "  - *t\n"*N)
