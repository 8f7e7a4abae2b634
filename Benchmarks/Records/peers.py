#!/usr/bin/env python3
"""The Python peers of the record benchmark, one per run: each reads NDJSON records line by line,
decides whether each record is valid by crmgen's rules, and writes the line numbers of bad records.

usage: peers.py TOOL DESCRIBE_JSON SCHEMA_JSON RECORDS BAD_LINES
  TOOL: pydantic | msgspec | jsonschema-rs | orjson
  DESCRIBE_JSON: `crmgen describe OBJECT --format json` (the rules, crmgen's implicit members included)
  SCHEMA_JSON: `crmgen export json-schema OBJECT` (for jsonschema-rs)

Each library checks what it can express with exactly crmgen's meaning; crm_rules.py (the shared port of
crmgen's grammars) checks the rest:
- pydantic v2, strict model: JSON parsed and validated in pydantic-core; options and bools are
  `Literal`s, lengths are `StringConstraints`, a missing value (absent, "" or null) is the field's
  default; patterns, formats, numbers with bounds, dates, datetimes and multi-select are
  `AfterValidator`s calling crm_rules (pydantic's own `pattern` is a search with Rust regex syntax,
  its email and URL types follow other grammars).
- msgspec: a `Struct` per envelope and per properties, with `Literal`s and `Meta` length
  constraints; the same crm_rules checks run on the decoded struct (msgspec has no field validators,
  and its `pattern` is `re.search`). A union of "" and a length-constrained string is not a type
  msgspec allows, so an optional property's minimum length is checked after decoding.
- jsonschema-rs: `crmgen export json-schema` as it is (it states every rule, numbers with bounds and
  dates as patterns), on the record parsed by orjson. What the schema cannot express, a key given
  twice, is not checked: orjson keeps the last value (the benchmark's records have no such key).
  The schema with its patterns taken out and those rules checked by crm_rules afterwards was slower
  in a trial (8,900 against 13,600 records/s on 20,000 records, one core), so the peer uses the schema.
- orjson: parsing only, a reference row.
Records with properties the definition does not list are rare in exports; pydantic checks that their
values are strings or null, msgspec and jsonschema-rs skip them (jsonschema-rs checks them too).
"""
import sys
import time

import crm_rules


def lines(path):
    with open(path, "rb") as f:
        for number, line in enumerate(f, 1):
            if not line.isspace():
                yield number, line


# MARK: pydantic

def pydantic_checker(rules):
    from typing import Annotated, Literal, Optional, Union

    from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, create_model

    def after(check):
        def validate(value):
            if value and not check(value):
                raise ValueError("invalid")
            return value
        return AfterValidator(validate)

    def stamp(value):
        if value is not None and not crm_rules.is_datetime(value):
            raise ValueError("not a datetime")
        return value

    fields = {}
    for index, rule in enumerate(rules):
        required = rule.required
        if rule.kind in ("option", "bool"):
            values = tuple(sorted(rule.known)) if rule.kind == "option" else ("true", "false")
            kind = Literal[values] if required else Optional[Literal[values + ("",)]]
        elif rule.kind == "text":
            low, high = rule.min_length or 0, rule.max_length
            extra = []
            if rule.pattern is not None or rule.format is not None:
                pattern, format_name = rule.pattern, rule.format
                extra.append(after(lambda v, p=pattern, f=format_name: crm_rules.text_ok(v, None, None, p, f)))
            if required:
                kind = Annotated[str, StringConstraints(min_length=max(1, low), max_length=high), *extra]
            elif low == 0:
                kind = Optional[Annotated[str, StringConstraints(max_length=high), *extra]]
            else:
                kind = Optional[Union[Literal[""], Annotated[str, StringConstraints(min_length=low, max_length=high), *extra]]]
        else:
            check = after(rule.value_ok)
            kind = Annotated[str, StringConstraints(min_length=1), check] if required else Optional[Annotated[str, check]]
        fields[f"p{index}"] = (kind, Field(alias=rule.name)) if required else (kind, Field(None, alias=rule.name))

    class PropertiesBase(BaseModel):
        model_config = ConfigDict(strict=True, extra="allow")
        __pydantic_extra__: dict[str, Optional[str]] = Field(init=False)

    Properties = create_model("Properties", __base__=PropertiesBase, **fields)
    Stamp = Optional[Annotated[str, AfterValidator(stamp)]]
    Record = create_model("Record", __config__=ConfigDict(strict=True, extra="ignore"),
                          id=(Optional[str], None), properties=(Properties, ...), createdAt=(Stamp, None),
                          updatedAt=(Stamp, None), archivedAt=(Stamp, None), archived=(Optional[bool], None))
    validate = Record.model_validate_json

    def is_valid(line):
        try:
            validate(line)
            return True
        except ValidationError:
            return False
    return is_valid


# MARK: msgspec

def msgspec_checker(rules):
    from typing import Annotated, Literal, Optional

    import msgspec

    fields = []
    post = []  # (attribute, check of a present value)
    for index, rule in enumerate(rules):
        attribute, required = f"p{index}", rule.required
        if rule.kind in ("option", "bool"):
            values = tuple(sorted(rule.known)) if rule.kind == "option" else ("true", "false")
            kind = Literal[values] if required else Optional[Literal[values + ("",)]]
        elif rule.kind == "text":
            low, high = rule.min_length or 0, rule.max_length
            if required:
                kind = Annotated[str, msgspec.Meta(min_length=max(1, low), max_length=high)] if high is not None \
                    else Annotated[str, msgspec.Meta(min_length=max(1, low))]
                low = 0
            else:
                kind = Optional[Annotated[str, msgspec.Meta(max_length=high)]] if high is not None else Optional[str]
            if low > 0 or rule.pattern is not None or rule.format is not None:
                post.append((attribute, lambda v, lo=low, p=rule.pattern, f=rule.format:
                             crm_rules.text_ok(v, lo or None, None, p, f)))
        else:
            kind = Annotated[str, msgspec.Meta(min_length=1)] if required else Optional[str]
            post.append((attribute, rule.value_ok))
        fields.append((attribute, kind, msgspec.field(name=rule.name)) if required
                      else (attribute, kind, msgspec.field(default=None, name=rule.name)))
    Properties = msgspec.defstruct("Properties", fields, kw_only=True)
    Record = msgspec.defstruct("Record", [
        ("properties", Properties), ("id", Optional[str], None), ("createdAt", Optional[str], None),
        ("updatedAt", Optional[str], None), ("archivedAt", Optional[str], None), ("archived", Optional[bool], None)],
        kw_only=True)

    # One function with a line per check, as a hand-written validator would be.
    namespace = {"is_datetime": crm_rules.is_datetime}
    body = ["def post_checks(record):", "    p = record.properties"]
    for index, (attribute, check) in enumerate(post):
        namespace[f"check{index}"] = check
        body += [f"    v = p.{attribute}", f"    if v and not check{index}(v): return False"]
    for stamp in ("createdAt", "updatedAt", "archivedAt"):
        body += [f"    v = record.{stamp}", "    if v is not None and not is_datetime(v): return False"]
    body.append("    return True")
    exec("\n".join(body), namespace)
    post_checks = namespace["post_checks"]
    decode = msgspec.json.Decoder(Record).decode
    errors = (msgspec.ValidationError, msgspec.DecodeError)

    def is_valid(line):
        try:
            record = decode(line)
        except errors:
            return False
        return post_checks(record)
    return is_valid


# MARK: jsonschema-rs

def jsonschema_checker(schema_path):
    import jsonschema_rs
    import orjson

    with open(schema_path, "rb") as f:
        validator = jsonschema_rs.validator_for(orjson.loads(f.read()))
    check = validator.is_valid
    loads = orjson.loads
    error = orjson.JSONDecodeError

    def is_valid(line):
        try:
            record = loads(line)
        except error:
            return False
        return check(record)
    return is_valid


# MARK: orjson

def orjson_parser():
    import orjson
    loads = orjson.loads

    def is_valid(line):
        loads(line)
        return True
    return is_valid


def main():
    if len(sys.argv) != 6:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    tool, describe_path, schema_path, records_path, bad_path = sys.argv[1:]
    import json
    with open(describe_path) as f:
        rules = crm_rules.rules_of(json.load(f))
    if tool == "pydantic":
        is_valid = pydantic_checker(rules)
    elif tool == "msgspec":
        is_valid = msgspec_checker(rules)
    elif tool == "jsonschema-rs":
        is_valid = jsonschema_checker(schema_path)
    elif tool == "orjson":
        is_valid = orjson_parser()
    else:
        print(f"unknown tool {tool}", file=sys.stderr)
        sys.exit(2)
    start = time.perf_counter()
    records = 0
    bad = []
    for number, line in lines(records_path):
        records += 1
        if not is_valid(line):
            bad.append(number)
    seconds = time.perf_counter() - start
    with open(bad_path, "w") as f:
        f.write("".join(f"{n}\n" for n in bad))
    print(f"{tool}: {records} records in {seconds:.2f} s = {int(records / max(seconds, 1e-9))} records/s, {len(bad)} bad")


if __name__ == "__main__":
    main()
