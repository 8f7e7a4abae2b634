"""crmgen's record rules ported to Python, shared by every Python peer of the record benchmark.

Each function is a port of one piece of crmgen, named beside it; a peer uses its library for what the
library can express exactly and these functions for the rest, so that every peer finds the same bad
records as `crmgen check`:

- ValueGrammar (Sources/CRMModel/Values/ValueGrammar.swift): numbers, dates, datetimes, bools,
  epoch milliseconds, and the email, url, domain and phone formats. Each grammar is written twice
  here: `reference_*`, a line-by-line port of crmgen's byte matcher, and the fast form the peers use
  (a regular expression plus checks). `python3 crm_rules.py --self-test` holds the two to the same
  verdict on a corpus of edge cases and random strings; Benchmarks/run.sh runs it first.
- CRMNumber / DecimalRangePattern.compare: exact decimal comparison for minimum and maximum.
- CompiledPattern (Sources/CRMRuntime/Validation/CompiledPattern.swift): a property's `pattern`
  matches when the first match anchored at the start (leftmost alternative first, as ICU and
  Python's `re.match` both search) covers the whole value.
- ValueRules (Sources/CRMRuntime/Validation/ValueRules.swift): a value is missing when absent, `""`
  or `null`; lengths count code points; multi-select values split on `;`, empty parts dropped.
- ValidationPlan (Sources/CRMModel/ValidationPlan.swift): which rule checks a property, read here
  from `crmgen describe OBJECT --format json`, so crmgen's implicit members are included.
- RecordJSONParser: the envelope's `createdAt`/`updatedAt`/`archivedAt` must be datetimes (or
  null), `archived` a bool or null, `id` a string or null, every property value a string or null.

Python's `str` is a sequence of code points, as Swift's `unicodeScalars` is; every character class
below is ASCII-only (`[0-9]`, never `\\d`, which takes any Unicode digit in Python).
"""
from __future__ import annotations

import re
from decimal import Decimal

# MARK: - Numbers (CRMNumber, ValueGrammar.number)

_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def is_number(value: str) -> bool:
    return _NUMBER.fullmatch(value) is not None


def reference_is_number(value: str) -> bool:
    s, i, end = value, 0, len(value)
    if i < end and s[i] == "-":
        i += 1
    start = i
    while i < end and "0" <= s[i] <= "9":
        i += 1
    if i == start:
        return False
    if i == end:
        return True
    if s[i] != ".":
        return False
    i += 1
    start = i
    while i < end and "0" <= s[i] <= "9":
        i += 1
    return i > start and i == end


def number_value(text: str) -> Decimal:
    """The exact value of a number text (grammar already checked): Decimal keeps every digit."""
    return Decimal(text)


# MARK: - Dates and datetimes (ValueGrammar.date, .datetime, .epochMilliseconds)

EPOCH_MIN, EPOCH_MAX = -62_135_596_800_000, 253_402_300_799_999
_EPOCH = re.compile(r"-?[0-9]{1,15}")
_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_calendar_day(year: int, month: int, day: int) -> bool:
    if not (1 <= year <= 9999 and 1 <= month <= 12 and day >= 1):
        return False
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return day <= 29
    return day <= _DAYS[month]


def is_epoch_milliseconds(value: str) -> bool:
    return _EPOCH.fullmatch(value) is not None and EPOCH_MIN <= int(value) <= EPOCH_MAX


_ISO_DATE = re.compile(r"([0-9]{2})([0-9]{2})-([0-9]{2})-([0-9]{2})")


def is_date(value: str) -> bool:
    if len(value) == 10:
        m = _ISO_DATE.fullmatch(value)
        if m is not None:
            return is_calendar_day(int(m[1]) * 100 + int(m[2]), int(m[3]), int(m[4]))
    return is_epoch_milliseconds(value)


_ISO_DATETIME = re.compile(
    r"([0-9]{2})([0-9]{2})-([0-9]{2})-([0-9]{2})[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)"
    r"(?:\.[0-9]+)?(?:[Zz]|[+\-](?:[01][0-9]|2[0-3]):[0-5][0-9])")


def is_datetime(value: str) -> bool:
    if len(value) < 20:
        return is_epoch_milliseconds(value)
    m = _ISO_DATETIME.fullmatch(value)
    return m is not None and is_calendar_day(int(m[1]) * 100 + int(m[2]), int(m[3]), int(m[4]))


def _two_digits(s: str, i: int):
    a, b = s[i], s[i + 1]
    if "0" <= a <= "9" and "0" <= b <= "9":
        return int(a) * 10 + int(b)
    return None


def _reference_calendar_day_at(s: str, start: int) -> bool:
    if len(s) - start < 10:
        return False
    century, year, month, day = (_two_digits(s, start), _two_digits(s, start + 2), _two_digits(s, start + 5),
                                 _two_digits(s, start + 8))
    if None in (century, year, month, day) or s[start + 4] != "-" or s[start + 7] != "-":
        return False
    return is_calendar_day(century * 100 + year, month, day)


def reference_epoch_milliseconds(s: str):
    i = 1 if s[:1] == "-" else 0
    digits = len(s) - i
    if not 1 <= digits <= 15:
        return None
    magnitude = 0
    for ch in s[i:]:
        if not "0" <= ch <= "9":
            return None
        magnitude = magnitude * 10 + int(ch)
    value = -magnitude if i else magnitude
    return value if EPOCH_MIN <= value <= EPOCH_MAX else None


def reference_is_date(s: str) -> bool:
    return (len(s) == 10 and _reference_calendar_day_at(s, 0)) or reference_epoch_milliseconds(s) is not None


def reference_is_datetime(s: str) -> bool:
    end = len(s)
    if end < 20:
        return reference_epoch_milliseconds(s) is not None
    if not _reference_calendar_day_at(s, 0) or s[10] not in "Tt":
        return False
    hour, minute, second = _two_digits(s, 11), _two_digits(s, 14), _two_digits(s, 17)
    if hour is None or hour > 23 or s[13] != ":" or minute is None or minute > 59 or s[16] != ":" \
            or second is None or second > 60:
        return False
    i = 19
    if s[i] == ".":
        i += 1
        start = i
        while i < end and "0" <= s[i] <= "9":
            i += 1
        if i == start or i >= end:
            return False
    if s[i] in "Zz":
        return i + 1 == end
    if s[i] in "+-":
        if i + 6 != end:
            return False
        zone_hour, zone_minute = _two_digits(s, i + 1), _two_digits(s, i + 4)
        return zone_hour is not None and zone_hour <= 23 and s[i + 3] == ":" and zone_minute is not None \
            and zone_minute <= 59
    return False


# MARK: - Bools (ValueGrammar.bool, HubSpotValueFormat.bool)

def is_bool(value: str) -> bool:
    return value == "true" or value == "false"


# MARK: - Formats (ValueGrammar.domain, .email, .url, .phone)

# A label: 1–63 code points of ASCII letters, digits, non-ASCII code points and inner hyphens.
_LABEL = r"(?:[0-9A-Za-z]|[^\x00-\x7F])(?:(?:[\-0-9A-Za-z]|[^\x00-\x7F]){0,61}(?:[0-9A-Za-z]|[^\x00-\x7F]))?"
_DOMAIN_TEXT = _LABEL + r"(?:\." + _LABEL + r")+"
_DOMAIN = re.compile(_DOMAIN_TEXT)
_EMAIL = re.compile(r"[^\x00-\x20@\x7F]+@(" + _DOMAIN_TEXT + ")")
_URL = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://(" + _DOMAIN_TEXT + r")(?::[0-9]{1,5})?(?:[/?#][^\x00-\x20\x7F]*)?")
_PHONE = re.compile(r"[ +\-().\/extEXT]*(?:[0-9][ +\-().\/extEXT]*){5,20}")


def is_domain(value: str) -> bool:
    return len(value) <= 253 and _DOMAIN.fullmatch(value) is not None


def is_email(value: str) -> bool:
    m = _EMAIL.fullmatch(value)
    return m is not None and len(m[1]) <= 253


def is_url(value: str) -> bool:
    m = _URL.fullmatch(value)
    return m is not None and len(m[1]) <= 253


def is_phone(value: str) -> bool:
    return _PHONE.fullmatch(value) is not None


def reference_is_domain(s: str, start: int = 0, end: int | None = None) -> bool:
    end = len(s) if end is None else end
    if not 0 <= start < end:
        return False
    code_points, labels, label_length, previous = 0, 1, 0, "."
    for ch in s[start:end]:
        if ch == ".":
            if label_length == 0 or previous == "-":
                return False
            labels += 1
            label_length = 0
        elif ord(ch) < 0x80:
            if not (ch.isascii() and ch.isalnum()) and not (ch == "-" and label_length > 0):
                return False
            label_length += 1
        else:
            label_length += 1
        code_points += 1
        if label_length > 63 or code_points > 253:
            return False
        previous = ch
    return labels >= 2 and label_length > 0 and previous != "-"


def reference_is_email(s: str) -> bool:
    i, end = 0, len(s)
    while i < end and s[i] != "@":
        if ord(s[i]) <= 0x20 or s[i] == "\x7f":
            return False
        i += 1
    if i == 0 or i == end:
        return False
    return reference_is_domain(s, i + 1, end)


def reference_is_url(s: str) -> bool:
    end = len(s)
    if end < 7 or s[:4].lower() != "http" or not s[:4].isascii():
        return False
    i = 4
    if s[i] in "sS":
        i += 1
    if s[i:i + 3] != "://":
        return False
    i += 3
    host_start = i
    while i < end and s[i] not in ":/?#":
        i += 1
    if not reference_is_domain(s, host_start, i):
        return False
    if i < end and s[i] == ":":
        i += 1
        port_start = i
        while i < end and "0" <= s[i] <= "9":
            i += 1
        if not 1 <= i - port_start <= 5:
            return False
    if i == end:
        return True
    if s[i] not in "/?#":
        return False
    return all(ord(ch) > 0x20 and ch != "\x7f" for ch in s[i + 1:])


def reference_is_phone(s: str) -> bool:
    digits = 0
    for ch in s:
        if "0" <= ch <= "9":
            digits += 1
        elif ch not in " +-()./extEXT":
            return False
    return 5 <= digits <= 20


FORMATS = {"email": is_email, "url": is_url, "domain": is_domain, "phone": is_phone}


# MARK: - Patterns (CompiledPattern)

class Pattern:
    """A definition's `pattern`: matches when it can match the whole value (WholeValuePattern in crmgen:
    ICU's `(?:pattern)\\z`, the exported schema's `^(?:pattern)$`); Python's `re.fullmatch` says the same."""

    def __init__(self, text: str):
        self.text = text
        self.expression = re.compile(text)

    def matches(self, value: str) -> bool:
        return self.expression.fullmatch(value) is not None


# MARK: - The plan of one object (ValidationPlan) and the rules (ValueRules)

class Rule:
    """How one property's values are checked; `kind` is text, number, bool, date, datetime, option or options."""

    def __init__(self, prop: dict):
        self.name = prop["name"]
        self.required = bool(prop.get("required"))
        self.min_length = self.max_length = self.pattern = self.format = None
        self.minimum = self.maximum = None
        self.known: frozenset = frozenset()
        kind = prop["type"]
        is_owner = prop.get("referencedObjectType") == "OWNER"
        options = prop.get("options") or []
        if kind == "string" or (kind == "enumeration" and (is_owner or not options
                                                            or prop.get("optionSource") == "portal")):
            kind = "text"
            if prop["type"] == "string":
                self.min_length, self.max_length = prop.get("minLength"), prop.get("maxLength")
                self.pattern = Pattern(prop["pattern"]) if prop.get("pattern") is not None else None
                self.format = prop.get("format")
        elif kind == "number":
            self.minimum = number_value(prop["minimum"]) if prop.get("minimum") is not None else None
            self.maximum = number_value(prop["maximum"]) if prop.get("maximum") is not None else None
        elif kind == "enumeration":
            kind = "options" if prop.get("fieldType") == "checkbox" else "option"
            self.known = frozenset(option["value"] for option in options)
        self.kind = kind

    def value_ok(self, value: str) -> bool:
        """Whether a present value (not `""`) passes: ValueRules' check of this property."""
        kind = self.kind
        if kind == "text":
            return text_ok(value, self.min_length, self.max_length, self.pattern, self.format)
        if kind == "number":
            return number_ok(value, self.minimum, self.maximum)
        if kind == "option":
            return value in self.known
        if kind == "options":
            return options_ok(value, self.known)
        if kind == "bool":
            return is_bool(value)
        if kind == "date":
            return is_date(value)
        return is_datetime(value)


def text_ok(value: str, min_length, max_length, pattern: Pattern | None, format_name: str | None) -> bool:
    if min_length is not None or max_length is not None:
        length = len(value)
        if (min_length is not None and length < min_length) or (max_length is not None and length > max_length):
            return False
    if pattern is not None and not pattern.matches(value):
        return False
    return format_name is None or FORMATS[format_name](value)


def number_ok(value: str, minimum: Decimal | None, maximum: Decimal | None) -> bool:
    if not is_number(value):
        return False
    if minimum is None and maximum is None:
        return True
    number = Decimal(value)
    return (minimum is None or number >= minimum) and (maximum is None or number <= maximum)


def options_ok(value: str, known: frozenset) -> bool:
    return all(part in known for part in value.split(";") if part)


def rules_of(described: dict) -> list[Rule]:
    """The rules of an object from `crmgen describe OBJECT --format json`, in property order."""
    return [Rule(prop) for prop in described["properties"]]


def properties_ok(properties, rules: list[Rule]) -> bool:
    """ValueRules over a record's `properties` (a dict of str or None): missing is absent, "" or None."""
    get = properties.get
    for rule in rules:
        value = get(rule.name)
        if value is None or value == "":
            if rule.required:
                return False
        elif not rule.value_ok(value):
            return False
    return True


def envelope_ok(record) -> bool:
    """What RecordJSONParser asks of a record besides its properties' values."""
    if not isinstance(record, dict):
        return False
    properties = record.get("properties")
    if not isinstance(properties, dict):
        return False
    for value in properties.values():
        if value is not None and not isinstance(value, str):
            return False
    record_id = record.get("id")
    if record_id is not None and not isinstance(record_id, str):
        return False
    archived = record.get("archived")
    if archived is not None and not isinstance(archived, bool):
        return False
    for key in ("createdAt", "updatedAt", "archivedAt"):
        stamp = record.get(key)
        if stamp is not None and (not isinstance(stamp, str) or not is_datetime(stamp)):
            return False
    return True


# MARK: - Self-test: the fast forms against the ports of crmgen's byte matchers

def _corpus(count: int, seed: int = 7):
    import random
    fixed = [
        "", "0", "-0", "-", "007.50", "1.", ".5", "1e3", "+1", "１２", "٣", "12\n", "1.5.5",
        "2024-02-29", "2023-02-29", "2000-02-29", "1900-02-29", "0000-01-01", "0001-01-01", "9999-12-31",
        "2024-13-01", "2024-04-31", "2024-4-01", "2024-01-01\n", "2024-01-01 ", "-62135596800000",
        "-62135596800001", "253402300799999", "253402300800000", "-0", "000000000000001", "0000000000000001",
        "2024-11-20T20:12:09.236Z", "2024-11-20t20:12:09z", "2024-11-20T24:00:00Z", "2024-11-20T23:59:60Z",
        "2024-11-20T20:12:09.Z", "2024-11-20T20:12:09+01:00", "2024-11-20T20:12:09+24:00",
        "2024-11-20T20:12:09-23:59", "2024-11-20T20:12:09", "2024-11-20T20:12:09.5", "2024-11-20T20:12:09.123456789+05:30",
        "true", "false", "True", "yes", "true\n",
        "example.com", "a.b", "a", "-a.com", "a-.com", "a..com", ".a.com", "a.com.", "xn--caf-dma.com", "café.com",
        "咖啡.中国", "a" * 63 + ".com", "a" * 64 + ".com", ".".join(["a" * 60] * 4) + ".abc", "1.2.3.4",
        "a.b\n", "a_b.com", "ex ample.com", "exa\u2028mple.com", "com\u0085",
        "user@example.com", "@example.com", "user@", "us er@example.com", "user@@example.com", "üser@example.com",
        "\"quoted\"@example.com", "user@exa mple.com", "user@example", "a@b.c", "user\x7f@example.com",
        "http://example.com", "HTTPS://example.com:443/path?q=1#f", "https://example.com:", "https://example.com:123456",
        "https://example.com:80x", "https://example.com/pa th", "ftp://example.com", "https://", "http:/example.com",
        "https://user@example.com", "https://[::1]/", "https://例え.jp/パス", "https://example.com?", "https://a.b#",
        "+1 (555) 010-2030 ext. 4", "12345", "1234", "1" * 20, "1" * 21, "+49 30 1234567", "555-0100 x12", "555.010.2030",
        "phone 12345", "１２３４５６",
    ]
    rng = random.Random(seed)
    alphabet = list("0123456789-.:+@/?#TtZz eExX()abcAB;_\n\x7f\u00e9\u2028\U0001F600") + ["s", "h", "p"]
    yield from fixed
    for _ in range(count):
        base = rng.choice(fixed) if fixed else ""
        chars = list(base)
        for _ in range(rng.randint(0, 3)):
            op = rng.randint(0, 2)
            position = rng.randint(0, len(chars))
            if op == 0 or not chars:
                chars.insert(position, rng.choice(alphabet))
            elif op == 1:
                del chars[min(position, len(chars) - 1)]
            else:
                chars[min(position, len(chars) - 1)] = rng.choice(alphabet)
        yield "".join(chars)


def self_test(count: int = 200_000) -> int:
    pairs = [("number", is_number, reference_is_number), ("date", is_date, reference_is_date),
             ("datetime", is_datetime, reference_is_datetime), ("domain", is_domain, reference_is_domain),
             ("email", is_email, reference_is_email), ("url", is_url, reference_is_url),
             ("phone", is_phone, reference_is_phone)]
    failures = 0
    values = list(_corpus(count))
    for name, fast, reference in pairs:
        for value in values:
            if fast(value) != reference(value):
                failures += 1
                if failures <= 20:
                    print(f"crm_rules self-test: {name}({value!r}): fast {fast(value)}, reference {reference(value)}")
    print(f"crm_rules self-test: {len(values)} strings x {len(pairs)} grammars, {failures} disagreements")
    return 1 if failures else 0


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    print("usage: crm_rules.py --self-test", file=sys.stderr)
    sys.exit(2)
