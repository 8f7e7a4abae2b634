#!/usr/bin/env python3
"""Checks crmgen's value patterns with Python's `re` (and ECMA-262 through node, where installed).

The corpus is Fixtures/value-grammar-corpus.json, the same file ValueGrammarTests.swift reads:
- "values": {kind, value, valid}; the pattern of each kind is read from the one-line raw literal
  `public static let <kind>Pattern = #"..."#` in Sources/CRMModel/Values/ValueGrammar.swift.
- "ranges": {minimum, maximum, pattern, accept, reject}; `pattern` is stored in the file and the Swift test
  asserts that DecimalRangePattern still produces it, so checking the stored pattern checks the code's.
  Each stored range pattern is also checked on random numbers against Python's `decimal`.

Every pattern must also keep to the portable subset (no \\d \\w \\s, no lookbehind, no named groups, ...).
Prints every disagreement and exits 1 if there is any. Needs nothing but Python 3; node is optional.
Usage: python3 Tests/CRMModelTests/value_grammar_corpus.py
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys
import warnings
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "..", "Sources", "CRMModel", "Values", "ValueGrammar.swift")
CORPUS = os.path.join(HERE, "Fixtures", "value-grammar-corpus.json")
KINDS = ["number", "date", "datetime", "bool", "domain", "email", "url", "phone"]
NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")

# Constructs that Python, ECMA-262 and ICU do not read alike (or that JSON Schema does not promise).
NOT_PORTABLE = [
    (r"\\[dDwWsSbBAZzGhHvVRXNpPkKQE]", "a class escape or anchor that differs between dialects"),
    (r"\\[uU]|\\x\{", "a \\u, \\U or \\x{} escape"),
    (r"\(\?<", "lookbehind or a named group"),
    (r"\(\?P", "a Python named group"),
    (r"\(\?[a-zA-Z]", "an inline flag"),
    (r"\(\?>|[*+?}][+]", "an atomic group or possessive quantifier"),
    (r"(?<!\\)\.(?![^\[]*\])", "an unescaped '.' outside a class"),
]

failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message)


def read_patterns():
    with open(SOURCE, encoding="utf-8") as file:
        source = file.read()
    found = dict(re.findall(r'^ *public static let (\w+)Pattern = #"(.*)"#$', source, re.MULTILINE))
    for kind in KINDS:
        if kind not in found:
            fail(f"no one-line raw literal {kind}Pattern in {SOURCE}")
    return found


def compile_pattern(name, pattern):
    for construct, what in NOT_PORTABLE:
        # Drop escaped backslashes first so `\\d` is not mistaken for `\d`.
        if re.search(construct, pattern.replace("\\\\", "")):
            fail(f"{name}: {what}: {pattern}")
    if not (pattern.startswith("^") and pattern.endswith("$")):
        fail(f"{name}: not anchored with ^...$: {pattern}")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # FutureWarning about nested sets and the like
        try:
            return re.compile(pattern)
        except (re.error, FutureWarning) as error:
            fail(f"{name}: Python cannot use {pattern}: {error}")
            return None


def in_range(value, minimum, maximum):
    if not NUMBER.fullmatch(value):
        return False
    if any(bound is not None and not NUMBER.fullmatch(bound) for bound in (minimum, maximum)):
        return False
    number = Decimal(value)
    return (minimum is None or Decimal(minimum) <= number) and (maximum is None or number <= Decimal(maximum))


def random_number(rng):
    digits = "00123456789"
    text = "-" if rng.random() < 0.5 else ""
    text += "".join(rng.choice(digits) for _ in range(rng.randint(1, 22)))
    if rng.random() < 0.5:
        text += "." + "".join(rng.choice(digits) for _ in range(rng.randint(1, 6)))
    return text


def near(bound, rng):
    """A number text close to `bound`, or written differently: the edges the patterns must get right."""
    if bound is None or not NUMBER.fullmatch(bound):
        return random_number(rng)
    choice = rng.randint(0, 4)
    if choice == 0:
        return ("-" if bound.startswith("-") else "") + "0" * rng.randint(0, 3) + bound.lstrip("-") + ("" if "." in bound else ".") + "0" * rng.randint(1, 3)
    if choice == 1:
        return str(Decimal(bound) + Decimal(rng.choice(["0.001", "1", "0.5", "0.0000001"])))
    if choice == 2:
        return str(Decimal(bound) - Decimal(rng.choice(["0.001", "1", "0.5", "0.0000001"])))
    if choice == 3:
        return "-" + bound.lstrip("-")
    return bound


def check_node(cases):
    """ECMA-262 as JSON Schema validators use it: `new RegExp(pattern, "u")`, tested on whole values."""
    node = shutil.which("node")
    if node is None:
        print("node not found: ECMA-262 check skipped")
        return 0
    script = r"""
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const compiled = new Map(), out = [];
for (const [pattern, value, valid] of cases) {
  if (!compiled.has(pattern)) {
    try { compiled.set(pattern, new RegExp(pattern, "u")); } catch (e) { compiled.set(pattern, e.message); }
  }
  const re = compiled.get(pattern);
  if (typeof re === "string") { out.push(["compile", pattern, re]); continue; }
  if (re.test(value) !== valid) out.push(["match", pattern, value, valid]);
}
process.stdout.write(JSON.stringify(out));
"""
    result = subprocess.run([node, "-e", script], input=json.dumps(cases), capture_output=True, text=True)
    if result.returncode != 0:
        fail("node failed: " + result.stderr.strip())
        return 0
    for problem in json.loads(result.stdout):
        if problem[0] == "compile":
            fail(f"ECMA-262 (u) cannot compile {problem[1]}: {problem[2]}")
        else:
            fail(f"ECMA-262 (u): {problem[1]} on {problem[2]!r}: expected {problem[3]}")
    return len(cases)


def main():
    patterns = read_patterns()
    with open(CORPUS, encoding="utf-8") as file:
        corpus = json.load(file)
    ecma_cases = []
    checked = 0

    compiled = {kind: compile_pattern(kind + "Pattern", patterns[kind]) for kind in KINDS if kind in patterns}
    for case in corpus["values"]:
        kind, value, valid = case["kind"], case["value"], case["valid"]
        if kind not in KINDS:
            fail(f"unknown kind {kind!r} in the corpus")
            continue
        regex = compiled.get(kind)
        if regex is None:
            continue
        checked += 1
        if (regex.fullmatch(value) is not None) != valid:
            fail(f"{kind}Pattern on {value!r}: expected {'match' if valid else 'no match'}")
        ecma_cases.append([patterns[kind], value, valid])
    for kind in KINDS:
        if not any(c["kind"] == kind and c["valid"] for c in corpus["values"]) or not any(c["kind"] == kind and not c["valid"] for c in corpus["values"]):
            fail(f"the corpus lacks an accepted or a rejected {kind}")

    rng = random.Random(20240601)
    random_checked = 0
    for entry in corpus["ranges"]:
        minimum, maximum, pattern = entry["minimum"], entry["maximum"], entry["pattern"]
        name = f"range {minimum}...{maximum}"
        regex = compile_pattern(name, pattern)
        if regex is None:
            continue
        for value, valid in [(v, True) for v in entry["accept"]] + [(v, False) for v in entry["reject"]]:
            checked += 1
            if in_range(value, minimum, maximum) != valid:
                fail(f"{name}: the corpus says {valid} for {value!r}, decimal says otherwise")
            if (regex.fullmatch(value) is not None) != valid:
                fail(f"{name}: {pattern} on {value!r}: expected {'match' if valid else 'no match'}")
            ecma_cases.append([pattern, value, valid])
        for _ in range(300):
            value = near(rng.choice([minimum, maximum]), rng) if rng.random() < 0.6 else random_number(rng)
            random_checked += 1
            valid = in_range(value, minimum, maximum)
            if (regex.fullmatch(value) is not None) != valid:
                fail(f"{name}: {pattern} on random {value!r}: expected {'match' if valid else 'no match'}")
            ecma_cases.append([pattern, value, valid])

    ecma_checked = check_node(ecma_cases)
    print(f"{checked} corpus cases and {random_checked} random range cases checked with Python re; "
          f"{ecma_checked} with ECMA-262 (node, u flag)")
    print(f"{checked + random_checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
