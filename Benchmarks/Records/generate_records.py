#!/usr/bin/env python3
"""Writes seeded HubSpot v3 record JSON (NDJSON, one record a line) of the benchmark's rich object,
Benchmarks/RecordValidation/Sources/RecordBench/rich_record.yaml: 41 properties, about 1.6 KB a record.

About 1 record in 10 is bad in exactly one property, by the bad values below in turn, so that every
rule crmgen checks is broken somewhere in any file of more than a few thousand records:
missing required values (absent, "" and null), lengths (in code points), patterns, formats, number
grammar and bounds, dates, datetimes, bools, single and multi-select options. Valid records carry edge
cases that are valid (epoch milliseconds, offsets, leap days, leading zeros, "-0", `;;` in multi-select,
non-ASCII text and domains, "" and null for optional properties), so that a peer that is too strict
disagrees too. The same seed gives the same bytes.

usage: generate_records.py OUTPUT COUNT [--seed 15] [--expected EXPECTED]
  EXPECTED gets the line numbers of the records made bad, with the rule broken (for reading only:
  verdicts are compared with crmgen check's, which is the reference).
"""
import argparse
import json
import random

ABSENT = object()

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
WORDS = ("roast bean cherry washed natural honey origin altitude cupping acidity body finish lot harvest "
         "sweet floral citrus chocolate caramel nutty berry stone fruit spice farm cooperative estate").split()
UNICODE_WORDS = ["café", "Kaffeerösterei", "咖啡", "コーヒー", "кофе", "ካፌ", "☕", "😀", "naïve", "Ærø"]


def words(rng, low, high):
    return " ".join(rng.choices(WORDS, k=rng.randint(low, high)))


def digits(rng, n):
    return str(rng.randrange(10 ** n)).zfill(n)


def iso_date(rng):
    year = rng.randint(1990, 2030)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    return f"{year:04d}-{month:02d}-{day:02d}"


def iso_datetime(rng):
    base = f"{iso_date(rng)}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    return base + f".{rng.randint(0, 999):03d}Z"


# MARK: valid values, each with its edge cases

def v_record_code(rng):
    return rng.choice(LETTERS) + rng.choice(LETTERS) + "-" + digits(rng, 4)


def v_name(rng):
    r = rng.random()
    if r < 0.03:
        return "😀" * 80  # 80 code points, 160 UTF-16 units, 320 bytes
    if r < 0.06:
        return "abc"  # the minimum
    if r < 0.15:
        return rng.choice(UNICODE_WORDS) + " " + words(rng, 1, 3)
    return words(rng, 2, 6).title()[:80]


def v_description(rng):
    return (words(rng, 12, 24) + ". " + rng.choice(UNICODE_WORDS) + " \"quoted\" \\ back\\slash.")[:2000]


def v_notes(rng):
    parts = [words(rng, 30, 45)]
    if rng.random() < 0.3:
        parts.append("line\nbreak\ttab \u2028 separator")
    if rng.random() < 0.2:
        parts.append("</script> & <b>html</b>")
    return " ".join(parts)


def v_email(rng):
    return rng.choice([
        lambda: f"{rng.choice(WORDS)}.{rng.choice(WORDS)}@example.com",
        lambda: f"{rng.choice(WORDS)}+{digits(rng, 3)}@sub.example.co.uk",
        lambda: "ünïcode@bücher.de",
        lambda: "o'brien@roastery.ie",
        lambda: "\"quoted\"@example.org",
        lambda: f"x@{'a' * 63}.com",
    ])()


def v_url(rng):
    return rng.choice([
        lambda: f"https://www.example.com/{rng.choice(WORDS)}?id={digits(rng, 4)}",
        lambda: "HTTP://EXAMPLE.COM:8080",
        lambda: "https://café.fr/menu#top",
        lambda: "http://192.168.0.1/admin",
        lambda: f"https://{rng.choice(WORDS)}.example.org/",
        lambda: "https://example.com?",
    ])()


def v_domain(rng):
    return rng.choice(["example.com", "sub.example.co.uk", "xn--caf-dma.fr", "咖啡.cn", "a-b.c-d.io",
                       f"{rng.choice(WORDS)}.com", "1.2.3.4"])


def v_phone(rng):
    return rng.choice([
        lambda: f"+1 (555) {digits(rng, 3)}-{digits(rng, 4)}",
        lambda: f"+49 30 {digits(rng, 7)}",
        lambda: f"555-0100 ext. {digits(rng, 2)}",
        lambda: digits(rng, 5),
        lambda: digits(rng, 20),
        lambda: f"({digits(rng, 3)}) {digits(rng, 3)}.{digits(rng, 4)} X{digits(rng, 3)}",
    ])()


def v_sku(rng):
    return "SKU-" + digits(rng, 6)


def v_region(rng):
    return rng.choice(["EU", "US", "APAC"]) + "-" + "".join(rng.choice("abcdefghij") for _ in range(rng.randint(3, 8)))


def v_postal(rng):
    return digits(rng, 5) + ("-" + digits(rng, 4) if rng.random() < 0.4 else "")


def v_country(rng):
    return rng.choice(["US", "DE", "FR", "JP", "ÅL", "咖啡"])


def v_city(rng):
    return rng.choice(["Berlin", "São Paulo", "Zürich", "東京", "Addis Ababa", "x" * 100])


def v_street(rng):
    return f"{rng.randint(1, 999)} {words(rng, 1, 3).title()} Street"


def v_amount(rng):
    return rng.choice([lambda: f"{rng.randint(0, 999999)}.{digits(rng, 2)}", lambda: str(rng.randint(0, 1000000)),
                       lambda: "1000000.000", lambda: "0000.00", lambda: "0"])()


def v_discount(rng):
    return rng.choice([lambda: f"{rng.randint(0, 99)}.{digits(rng, 1)}", lambda: "100", lambda: "0", lambda: "-0"])()


def v_unit_price(rng):
    return rng.choice([lambda: f"{rng.randint(0, 99998)}.{rng.randint(1, 99):02d}", lambda: "0.01", lambda: "99999.99",
                       lambda: "00099999.990"])()


def v_quantity(rng):
    return rng.choice([lambda: str(rng.randint(1, 10000)), lambda: "1", lambda: "10000", lambda: "1.5"])()


def v_balance(rng):
    return rng.choice([lambda: f"{rng.randint(-49999, 49999)}.{digits(rng, 2)}", lambda: "-50000", lambda: "50000.00",
                       lambda: "-0"])()


def v_score(rng):
    return rng.choice([lambda: f"-{rng.randint(0, 1000)}.{digits(rng, 3)}", lambda: "1" + digits(rng, 29),
                       lambda: str(rng.randint(0, 10**9))])()


def v_rating(rng):
    return rng.choice(["1", "2.5", "3", "4.75", "5", "5.000"])


def v_date(rng):
    return rng.choice([iso_date, lambda r: "2024-02-29", lambda r: "2000-02-29", lambda r: "1700006400000",
                       lambda r: "-86400000", lambda r: "0001-01-01", lambda r: "9999-12-31",
                       lambda r: "253402300799999"])(rng)


def v_datetime(rng):
    return rng.choice([iso_datetime, lambda r: "2024-02-29T23:59:60.5+05:30", lambda r: "1732133529236",
                       lambda r: "2024-11-20t20:12:09z", lambda r: "2024-11-20T20:12:09-23:59",
                       lambda r: "2024-11-20T20:12:09.123456789Z"])(rng)


def v_bool(rng):
    return rng.choice(["true", "false"])


def v_option(options):
    return lambda rng: rng.choice(options)


def v_options(options):
    def value(rng):
        chosen = rng.sample(options, rng.randint(1, min(4, len(options))))
        r = rng.random()
        if r < 0.05:
            return ";" + ";".join(chosen)  # HubSpot's "append"
        if r < 0.08:
            return ";;".join(chosen + chosen[:1]) + ";"  # empty parts and a repeat
        return ";".join(chosen)
    return value


STATUS = ["new", "open", "in_progress", "won", "lost"]
TIER = ["bronze", "silver", "gold", "platinum"]
INDUSTRY = ["coffee", "tea", "retail", "hospitality", "logistics", "software", "manufacturing", "education",
            "health", "finance"]
INTERESTS = ["espresso", "filter", "cold_brew", "decaf", "single_origin", "blends", "equipment", "training"]
CHANNELS = ["email", "phone", "sms", "chat", "social"]
TAGS = ["wholesale", "retail", "subscription", "priority", "trial", "partner", "referral", "event", "newsletter",
        "churn_risk", "upsell", "vip_list"]

# MARK: bad values, by rule

MISSING = [("missing: absent", ABSENT), ("missing: empty", ""), ("missing: null", None)]
BAD_EMAIL = [("format email", v) for v in ["not-an-email", "user@", "@example.com", "us er@example.com", "user@example",
                                          "user@-example.com", "user@example..com", "user@exa_mple.com",
                                          "user@" + "a" * 64 + ".com", "user@@example.com", "user@example.com\n"]]
BAD_URL = [("format url", v) for v in ["ftp://example.com", "https://", "https://example.com:123456", "https://exa mple.com",
                                      "example.com", "https://example.com/pa th", "https://user@example.com",
                                      "https://[::1]/", "https://example.com:80x"]]
BAD_DOMAIN = [("format domain", v) for v in ["localhost", "-example.com", "example-.com", "exa_mple.com", "example..com",
                                            "a" * 64 + ".com", "example.com.", "exa mple.com"]]
BAD_PHONE = [("format phone", v) for v in ["1234", "1" * 21, "555-CALL-NOW", "+1 555 010 2030 #4", "１２３４５６"]]
BAD_DATE = [("date", v) for v in ["2023-02-29", "2024-04-31", "2024-13-01", "0000-01-01", "2024-1-01", "24-01-01",
                                  "2024/01/01", "1700000000000000", "253402300800000", "-62135596800001",
                                  "2024-01-01T00:00:00Z", "yesterday", "2024-01-01 "]]
BAD_DATETIME = [("datetime", v) for v in ["2024-11-20T24:00:00Z", "2024-11-20T20:12:09", "2024-11-20 20:12:09Z",
                                          "2024-11-20T20:12:09.Z", "2024-11-20T20:12:09+25:00", "2023-02-29T00:00:00Z",
                                          "tomorrow", "-62135596800001", "2024-11-20T20:12:09ZZ", "2024-11-20T20:61:00Z"]]
BAD_BOOL = [("bool", v) for v in ["yes", "True", "1", "TRUE", "false "]]
BAD_NUMBER = [("number grammar", v) for v in ["12,50", "1e3", "$100", ".5", "5.", "+5", "1 000", "NaN", "0x1F", "１２",
                                              "--5"]]


def bad_option(options):
    return [("option", v) for v in ["omega", options[0].upper(), " " + options[0], options[0] + ";" + options[1]]]


def bad_options(options):
    return [("options", v) for v in [options[0] + ";omega", options[0].title(), options[0] + "," + options[1],
                                     options[0] + "; " + options[1]]]


# name, valid value maker, probability of no value when optional, bad values
PROPERTIES = [
    ("record_code", v_record_code, None, MISSING + [("pattern", v) for v in ["ab-1234", "AB-123", "AB-12345", "AB-1234\n",
                                                                          "AB 1234", "ÅB-1234", "AB-１２３４"]]),
    ("name", v_name, None, MISSING + [("minLength", "ab"), ("minLength", "😀😀"), ("maxLength", "x" * 81),
                                      ("maxLength", "😀" * 81)]),
    ("description", v_description, 0.1, [("maxLength", "d" * 2001)]),
    ("notes", v_notes, 0.1, []),
    ("contact_email", v_email, None, MISSING + BAD_EMAIL),
    ("billing_email", v_email, 0.2, BAD_EMAIL + [("maxLength", "b" * 109 + "@example.com")]),
    ("website", v_url, 0.1, BAD_URL),
    ("company_domain", v_domain, 0.1, BAD_DOMAIN),
    ("phone", v_phone, 0.1, BAD_PHONE),
    ("mobile_phone", v_phone, 0.3, BAD_PHONE),
    ("sku", v_sku, 0.1, [("pattern", v) for v in ["SKU-12345", "sku-123456", "SKU-1234567", "SKU-12345\n"]]),
    ("region_code", v_region, 0.1, [("pattern", v) for v in ["EU-ab", "ASIA-abc", "EU-ABC", "US-abcdefghi", "EUUS-abc"]]),
    ("postal_code", v_postal, 0.1, [("pattern", "1234a"), ("minLength+pattern", "1234"),
                                    ("maxLength+pattern", "12345-67890")]),
    ("country_code", v_country, 0.1, [("maxLength", "USA"), ("minLength", "U")]),
    ("city", v_city, 0.1, [("maxLength", "y" * 101)]),
    ("street", v_street, 0.1, [("maxLength", "z" * 201)]),
    ("amount", v_amount, None, MISSING + BAD_NUMBER + [("minimum", "-0.01"), ("maximum", "1000000.01"),
                                                       ("maximum", "00001000001")]),
    ("discount", v_discount, 0.2, [("maximum", "100.001"), ("minimum", "-1"), ("number grammar", "50%")]),
    ("unit_price", v_unit_price, 0.1, [("minimum", "0"), ("minimum", "0.00"), ("minimum", "0.009"), ("maximum", "100000"),
                                       ("maximum", "99999.991")]),
    ("quantity", v_quantity, 0.1, [("minimum", "0"), ("maximum", "10001"), ("number grammar", "ten")]),
    ("balance", v_balance, 0.1, [("minimum", "-50000.01"), ("maximum", "50001"), ("number grammar", "--5")]),
    ("score", v_score, 0.2, BAD_NUMBER),
    ("rating", v_rating, 0.2, [("minimum", "0.99"), ("maximum", "5.01"), ("maximum", "6")]),
    ("start_date", v_date, None, MISSING + BAD_DATE),
    ("end_date", v_date, 0.2, BAD_DATE),
    ("renewal_date", v_date, 0.3, BAD_DATE),
    ("last_contacted_at", v_datetime, 0.1, BAD_DATETIME),
    ("closed_at", v_datetime, 0.4, BAD_DATETIME),
    ("is_active", v_bool, None, MISSING + BAD_BOOL),
    ("is_vip", v_bool, 0.2, BAD_BOOL),
    ("opted_in", v_bool, 0.2, BAD_BOOL),
    ("status", v_option(STATUS), None, MISSING + bad_option(STATUS)),
    ("tier", v_option(TIER), 0.2, bad_option(TIER)),
    ("industry", v_option(INDUSTRY), 0.1, bad_option(INDUSTRY)),
    ("interests", v_options(INTERESTS), 0.1, bad_options(INTERESTS)),
    ("channels", v_options(CHANNELS), 0.1, bad_options(CHANNELS)),
    ("tags", v_options(TAGS), 0.1, bad_options(TAGS)),
]
BAD = [(name, rule, value) for name, _, _, bads in PROPERTIES for rule, value in bads]


def record(rng, index, bad):
    created = iso_datetime(rng)
    updated = iso_datetime(rng)
    properties = {"hs_object_id": str(index), "hs_createdate": created, "hs_lastmodifieddate": updated,
                  "hubspot_owner_id": digits(rng, 8)}
    for name, valid, no_value, _ in PROPERTIES:
        value = valid(rng)
        if no_value is not None and rng.random() < no_value:
            value = rng.choice([ABSENT, ABSENT, "", None])
        if bad is not None and bad[0] == name:
            value = bad[2]
        if value is not ABSENT:
            properties[name] = value
    return {"id": str(index), "properties": properties, "createdAt": created, "updatedAt": updated, "archived": False}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--expected")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    expected = []
    with open(args.output, "w", encoding="utf-8", newline="\n") as out:
        lines = []
        for line in range(1, args.count + 1):
            # Bad values in turn, so that each is used once in every len(BAD) bad records.
            bad = BAD[len(expected) % len(BAD)] if rng.random() < 0.1 else None
            if bad is not None:
                expected.append(f"{line}\t{bad[0]}\t{bad[1]}")
            lines.append(json.dumps(record(rng, 1000000 + line, bad), ensure_ascii=False, separators=(",", ":")))
            if len(lines) == 10000:
                out.write("\n".join(lines) + "\n")
                lines.clear()
        if lines:
            out.write("\n".join(lines) + "\n")
    if args.expected:
        with open(args.expected, "w") as out:
            out.write("\n".join(expected) + ("\n" if expected else ""))


if __name__ == "__main__":
    main()
