#!/usr/bin/env python3
"""The measuring half of Benchmarks/run.sh (which builds what this runs and installs the peers first).

Three sections, each timed the same way for every tool: whole-process wall time, pinned to one core
(`taskset -c 0`), on the full input minus the same tool's time on a one-item input measured in the
same round (what is left is the work that grows with the input: startup, imports and the loading of
definitions are subtracted). Tools run interleaved: each round runs every tool once, in an order that
rotates from round to round; the figure is the median over the rounds. Every run goes through
`/usr/bin/time -f %M`, which gives its peak resident memory.

- records: `crmgen check`, the generated type, the decode floor, crmgen's DynamicValidator and the
  Python peers on one seeded NDJSON file; each writes the line numbers of the records it finds bad,
  and every list is compared with crmgen check's.
- loading: `crmgen validate` of N generated definition files against libyaml's event scan of the
  same files (time, and instructions counted by callgrind), with Yams and PyYAML as reference rows.
- generate: `crmgen generate` of the same files, against validate's time, with its peak memory.

Writes the tables to standard output and to BENCHMARKS.md (replaced).
"""
import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PIN = ["taskset", "-c", "0"]


def log(message):
    print(message, flush=True)


def fail(message):
    print(f"bench: error: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


class Run:
    """One process run: wall time, CPU time (user + system, the process and its children), peak RSS (KiB)."""

    def __init__(self, seconds, cpu_seconds, rss_kib, status):
        self.seconds, self.cpu_seconds, self.rss_kib, self.status = seconds, cpu_seconds, rss_kib, status


def run_timed(command, stdout_path, stderr_path, ok=(0,), cwd=None, pinned=True):
    rss_path = stderr_path + ".rss"
    full = ["/usr/bin/time", "-f", "%M", "-o", rss_path] + (PIN if pinned else []) + command
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(full, stdout=out, stderr=err, cwd=cwd)
        # wait4 gives the CPU time of time(1) and of the command it waited for, to the microsecond.
        _, wait_status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        status = process.returncode = os.waitstatus_to_exitcode(wait_status)
    if status not in ok:
        with open(stderr_path, errors="replace") as err:
            tail = err.read()[-2000:]
        fail(f"{' '.join(command)[:300]} exited with {status}; its standard error ends:\n{tail}")
    with open(rss_path) as f:
        # time(1) writes "Command exited with non-zero status N" before the figure when N != 0.
        rss = int(f.read().split()[-1])
    return Run(seconds, usage.ru_utime + usage.ru_stime, rss, status)


def checked_output(command, cwd=None):
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        fail(f"{' '.join(command)[:300]} exited with {result.returncode}:\n{result.stderr[-2000:]}")
    return result.stdout


def rounds_of(tools, rounds, body):
    """Runs body(tool, round) for every tool in every round; the order rotates by one each round."""
    for r in range(rounds):
        shift = r % len(tools)
        for tool in tools[shift:] + tools[:shift]:
            body(tool, r)


def fmt_int(value):
    return f"{value:,.0f}"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


# MARK: - Records

class RecordTool:
    def __init__(self, name, role, command, verdicts, ok=(0,)):
        self.name, self.role, self.command, self.verdicts, self.ok = name, role, command, verdicts, ok
        self.big, self.small = [], []
        self.bad = None  # the sorted bad line numbers of the first round
        self.unstable = False


def check_bad_lines(stderr_path, records_path):
    """Line numbers of crmgen check's errors (`FILE:LINE: error: ...`), one per bad record."""
    prefix = records_path + ":"
    pattern = re.compile(r"(\d+): error: ")
    lines = set()
    with open(stderr_path, encoding="utf-8", errors="replace") as f:
        for text in f:
            if text.startswith(prefix):
                m = pattern.match(text, len(prefix))
                if m:
                    lines.add(int(m[1]))
    return sorted(lines)


def read_lines(path):
    with open(path) as f:
        return sorted(int(line) for line in f if line.strip())


def records_section(args, work):
    log(f"== records: generating {args.records:,} records (seed {args.seed})")
    definition = os.path.join(HERE, "RecordValidation/Sources/RecordBench/rich_record.yaml")
    records = os.path.join(work, "records.ndjson")
    one = os.path.join(work, "one-record.ndjson")
    expected_path = os.path.join(work, "expected.tsv")
    subprocess.run([args.python, os.path.join(HERE, "Records/generate_records.py"), records, str(args.records),
                    "--seed", str(args.seed), "--expected", expected_path], check=True)
    with open(records, "rb") as f, open(one, "wb") as out:
        out.write(f.readline())
    size = os.path.getsize(records)
    log(f"   {size / 1e6:.1f} MB, {size / args.records:,.0f} bytes a record")

    crmgen = args.crmgen
    checked_output([crmgen, "validate", definition, "--color", "never"])
    describe = os.path.join(work, "describe.json")
    schema = os.path.join(work, "schema.json")
    with open(describe, "w") as f:
        f.write(checked_output([crmgen, "describe", "rich_record", "--format", "json", "--definitions", definition]))
    with open(schema, "w") as f:
        f.write(checked_output([crmgen, "export", "json-schema", "rich_record", "--definitions", definition]))
    with open(describe) as f:
        property_count = len(json.load(f)["properties"])

    peers = [args.python, os.path.join(HERE, "Records/peers.py")]
    bench = args.record_bench
    tools = [
        RecordTool("`crmgen check` (CLI)", "crmgen",
                   lambda path, bad: [crmgen, "check", "rich_record", path, "--definitions", definition, "--color", "never",
                                      "--jobs", "1"],
                   "check", ok=(0, 1)),
        RecordTool("crmgen generated decode + `validate()` (RecordBench generated)", "crmgen",
                   lambda path, bad: [bench, "run", "generated", path, bad], "file"),
        RecordTool("crmgen decode floor, JSON → RecordEnvelope only (reference)", "reference",
                   lambda path, bad: [bench, "run", "decode", path, bad], None),
        RecordTool("crmgen DynamicValidator without the CLI (reference)", "reference",
                   lambda path, bad: [bench, "run", "dynamic", path, bad], "file"),
        RecordTool("pydantic v2, strict model", "peer",
                   lambda path, bad: peers + ["pydantic", describe, schema, path, bad], "file"),
        RecordTool("msgspec Struct + constraints", "peer",
                   lambda path, bad: peers + ["msgspec", describe, schema, path, bad], "file"),
        RecordTool("jsonschema-rs (crmgen's exported schema)", "peer",
                   lambda path, bad: peers + ["jsonschema-rs", describe, schema, path, bad], "file"),
        RecordTool("orjson, parse only (reference)", "reference",
                   lambda path, bad: peers + ["orjson", describe, schema, path, bad], None),
    ]
    slug = {tool.name: f"tool{i}" for i, tool in enumerate(tools)}

    def measure(tool, r):
        base = os.path.join(work, f"{slug[tool.name]}-r{r}")
        small = run_timed(tool.command(one, base + "-small.bad"), base + "-small.out", base + "-small.err", tool.ok)
        big = run_timed(tool.command(records, base + ".bad"), base + ".out", base + ".err", tool.ok)
        tool.small.append(small)
        tool.big.append(big)
        if tool.verdicts is not None:
            bad = check_bad_lines(base + ".err", records) if tool.verdicts == "check" else read_lines(base + ".bad")
            if tool.bad is None:
                tool.bad = bad
            elif bad != tool.bad:
                tool.unstable = True
        for suffix in (".out", ".err", ".bad", "-small.out", "-small.err", "-small.bad", ".err.rss", "-small.err.rss"):
            if os.path.exists(base + suffix) and not (r == 0 and suffix in (".out", ".err")):
                os.remove(base + suffix)
        rate = (args.records - 1) / max(big.seconds - small.seconds, 1e-9)
        cpu_rate = (args.records - 1) / max(big.cpu_seconds - small.cpu_seconds, 1e-9)
        log(f"   round {r + 1}: {tool.name}: {big.seconds:.2f} s - {small.seconds:.2f} s startup = {rate:,.0f} records/s"
            f" (CPU time: {cpu_rate:,.0f})")

    log(f"== records: {len(tools)} tools x {args.rounds} rounds, interleaved, pinned to core 0")
    rounds_of(tools, args.rounds, measure)

    reference = tools[0].bad
    expected = {}
    with open(expected_path) as f:
        for line in f:
            number, prop, rule = line.rstrip("\n").split("\t")
            expected[int(number)] = f"{prop}: {rule}"
    rows, notes, disagreements = [], [], []
    rates, cpu_rates = {}, {}
    for tool in tools:
        per_round = [(args.records - 1) / max(b.seconds - s.seconds, 1e-9) for b, s in zip(tool.big, tool.small)]
        rates[tool.name] = (statistics.median(per_round), min(per_round), max(per_round))
        cpu_rates[tool.name] = statistics.median((args.records - 1) / max(b.cpu_seconds - s.cpu_seconds, 1e-9)
                                                 for b, s in zip(tool.big, tool.small))
    fastest_peer = max(rates[t.name][0] for t in tools if t.role == "peer")
    fastest_peer_cpu = max(cpu_rates[t.name] for t in tools if t.role == "peer")
    for tool in tools:
        rate, low, high = rates[tool.name]
        cpu_rate = cpu_rates[tool.name]
        if tool.verdicts is None:
            same = "n/a (no validation)"
        elif tool.bad == reference and not tool.unstable:
            same = f"yes ({len(tool.bad):,})"
        else:
            only_tool = sorted(set(tool.bad) - set(reference))
            only_check = sorted(set(reference) - set(tool.bad))
            same = f"**NO**: {len(only_tool)} only here, {len(only_check)} only in check" + (" (varies by round)" if tool.unstable else "")
            disagreements.append((tool, only_tool, only_check))
        rows.append([tool.name, fmt_int(rate), f"{rate / fastest_peer:.2f}x", same,
                     f"{fmt_int(low)}–{fmt_int(high)}", fmt_int(cpu_rate), f"{cpu_rate / fastest_peer_cpu:.2f}x",
                     f"{statistics.median(s.seconds for s in tool.small):.3f}",
                     f"{max(b.rss_kib for b in tool.big) / 1024:.0f}"])
    intended = sorted(expected)
    generator_note = ("the generator's intended bad records are exactly crmgen check's"
                      if intended == reference else
                      f"**the generator meant {len(intended):,} records to be bad, crmgen check found {len(reference):,}**: "
                      f"{len(set(intended) - set(reference))} intended but not found, {len(set(reference) - set(intended))} found but not intended")
    header = ["tool", "records/s", "vs fastest peer", "same bad records", "range over rounds", "records/s, CPU time",
              "vs fastest peer, CPU time", "startup s", "peak RSS MB"]
    text = table(header, rows)
    summary = (f"{args.records:,} records of `rich_record` ({property_count} properties, {size / args.records:,.0f} bytes a "
               f"record, {size / 1e6:.0f} MB), {len(reference):,} bad; {args.rounds} rounds; {generator_note}.")
    details = disagreement_details(args, records, tools[0], disagreements, expected, describe, schema, work)
    scaling = scaling_section(args, work, records, one, definition, reference)
    return {"scaling": scaling, "table": text, "summary": summary, "details": details, "rates": rates, "fastest_peer": fastest_peer,
            "cpu_rates": cpu_rates, "fastest_peer_cpu": fastest_peer_cpu, "tools": tools, "disagreements": disagreements}


def scaling_section(args, work, records, one, definition, reference):
    """`crmgen check --jobs 1` against `--jobs N` (N = the cores), not pinned, interleaved: the speed-up of
    checking on every core, with the same diagnostics."""
    cores = os.cpu_count() or 1
    log(f"== records: crmgen check --jobs 1 and --jobs {cores}, {args.scaling_rounds} rounds, interleaved, not pinned")
    runs = {1: [], cores: []}
    for r in range(args.scaling_rounds):
        for jobs in ([1, cores] if r % 2 == 0 else [cores, 1]):
            command = lambda path: [args.crmgen, "check", "rich_record", path, "--definitions", definition,
                                    "--color", "never", "--jobs", str(jobs)]
            base = os.path.join(work, f"jobs{jobs}-r{r}")
            small = run_timed(command(one), base + "-small.out", base + "-small.err", (0, 1), pinned=False)
            big = run_timed(command(records), base + ".out", base + ".err", (0, 1), pinned=False)
            if check_bad_lines(base + ".err", records) != reference:
                fail(f"crmgen check --jobs {jobs} found other bad records than --jobs 1 pinned")
            seconds = big.seconds - small.seconds
            runs[jobs].append((seconds, big.rss_kib))
            log(f"   round {r + 1}: --jobs {jobs}: {big.seconds:.2f} s - {small.seconds:.2f} s startup = "
                f"{(args.records - 1) / max(seconds, 1e-9):,.0f} records/s, peak {big.rss_kib / 1024:.0f} MB")
    one_job = statistics.median(t for t, _ in runs[1])
    all_jobs = statistics.median(t for t, _ in runs[cores])
    rows = [[f"`crmgen check --jobs {jobs}`", fmt_int((args.records - 1) / statistics.median(t for t, _ in runs[jobs])),
             f"{one_job / statistics.median(t for t, _ in runs[jobs]):.2f}x", "yes",
             f"{min(t for t, _ in runs[jobs]):.2f}–{max(t for t, _ in runs[jobs]):.2f}",
             f"{max(m for _, m in runs[jobs]) / 1024:.0f}"] for jobs in (1, cores)]
    text = table(["command", "records/s", "speed-up", "same bad records", "range over rounds, s", "peak RSS MB"], rows)
    return {"table": text, "speedup": one_job / max(all_jobs, 1e-9), "cores": cores, "rounds": args.scaling_rounds}


def disagreement_details(args, records, check_tool, disagreements, expected, describe, schema, work):
    """A few lines of each disagreement: the record, what the generator meant, crmgen's diagnostic."""
    if not disagreements:
        return ""
    diagnostics = {}
    check_err = os.path.join(work, "tool0-r0.err")
    with open(check_err, encoding="utf-8", errors="replace") as f:
        for text in f:
            m = re.match(re.escape(records) + r":(\d+): error: (.*)", text)
            if m:
                diagnostics[int(m[1])] = m[2]
    wanted = set()
    for _, only_tool, only_check in disagreements:
        wanted.update(only_tool[:3] + only_check[:3])
    lines = {}
    with open(records, encoding="utf-8") as f:
        for number, text in enumerate(f, 1):
            if number in wanted:
                lines[number] = text.rstrip("\n")

    def excerpt(number):
        """The value the generator made bad, else the start of the record."""
        text = lines.get(number, "")
        meant = expected.get(number)
        if meant is not None:
            name = meant.split(":", 1)[0]
            try:
                properties = json.loads(text).get("properties", {})
            except ValueError:
                properties = {}
            value = properties.get(name, "(absent)")
            return f"{name} = {json.dumps(value, ensure_ascii=False)}"
        return text[:300]
    out = ["### Disagreements with `crmgen check`", ""]
    for tool, only_tool, only_check in disagreements:
        out.append(f"**{tool.name}**: {len(only_tool)} records bad only for it, {len(only_check)} only for crmgen check.")
        for number in only_tool[:3] + only_check[:3]:
            side = "bad only here" if number in only_tool else "bad only for crmgen check"
            out.append(f"- line {number} ({side}); generator: {expected.get(number, 'meant valid')}; "
                       f"crmgen check: {diagnostics.get(number, 'no error')}")
            out.append(f"  `{excerpt(number)}`")
        out.append("")
    return "\n".join(out)


# MARK: - Loading and generate

def loading_section(args, work):
    log(f"== loading: generating {args.objects:,} definitions")
    generator = os.path.join(HERE, "LoaderBenchmark/generate_definitions.py")
    big_dir, one_dir = os.path.join(work, "defs"), os.path.join(work, "defs-one")
    subprocess.run([args.python, generator, big_dir, "--objects", str(args.objects), "--properties", "40"], check=True)
    subprocess.run([args.python, generator, one_dir, "--objects", "1", "--properties", "40"], check=True)
    big_files = sorted(os.path.join(big_dir, name) for name in os.listdir(big_dir))
    one_files = sorted(os.path.join(one_dir, name) for name in os.listdir(one_dir))
    checked_output([args.crmgen, "validate", big_dir, "--color", "never"])  # must be valid, or the comparison means nothing
    size = sum(os.path.getsize(p) for p in big_files)
    # Every generate run writes into a folder of its own, and none is deleted before the section ends.
    # The main row writes to a RAM file system (/dev/shm) when there is one: on ext4 without a journal,
    # as on this machine, for 60 s after a file is deleted (300 s more while its inode table block is not
    # yet written back) every file created near it scans past its freed inode (kernel `recently_deleted`),
    # up to about 1 ms a file, so the time of the row depended on what had been deleted minutes before.
    # The reference row writes into the work folder, on the file system the user's TMPDIR is on.
    outputs = os.path.join(work, "generated")
    shutil.rmtree(outputs, ignore_errors=True)
    os.makedirs(outputs)
    ram = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    ram_outputs = tempfile.mkdtemp(prefix="crmgen-bench-", dir=ram) if ram else outputs
    pyyaml = [args.python, os.path.join(HERE, "LoaderBenchmark/pyyaml_load.py")]

    def generate(files, folder, out):
        return [args.crmgen, "generate", "--definitions", folder, "--output", out, "--color", "never"]

    def generate_in_ram(files, folder, out):
        return generate(files, folder, os.path.join(ram_outputs, os.path.basename(out)))

    # The files generate writes, copied with `cp -r` into a new folder beside its own: what writing them
    # costs the file system alone, a part of generate's time that no speed-up of crmgen can remove.
    copy_sources = {}
    for folder, which in ((one_dir, "one"), (big_dir, "all")):
        copy_sources[folder] = os.path.join(ram_outputs, f"copy-source-{which}")
        checked_output(generate(None, folder, copy_sources[folder]))

    def copy_output(files, folder, out):
        return ["cp", "-r", copy_sources[folder], os.path.join(ram_outputs, os.path.basename(out))]

    tools = [
        ("libyaml event scan, C (floor)", "floor", lambda files, folder, out: [args.libyaml_events] + files),
        ("`crmgen validate`", "validate", lambda files, folder, out: [args.crmgen, "validate", folder, "--color", "never"]),
        ("`crmgen generate`", "generate", generate_in_ram),
        ("`crmgen generate` into the work folder (reference)", "generate-disk", generate),
        ("Yams.compose (reference)", "yams", lambda files, folder, out: [args.yams] + files),
        ("PyYAML CSafeLoader, load (reference)", "pyyaml-load", lambda files, folder, out: pyyaml + ["load"] + files),
        ("PyYAML CParser, events only (reference)", "pyyaml-events", lambda files, folder, out: pyyaml + ["events"] + files),
        ("libyaml token scan, C (reference: the scanner alone, without the parser that makes events)", "tokens",
         lambda files, folder, out: [args.libyaml_events, "--tokens"] + files),
        ("`cp -r` of generate's output into a new folder (reference: writing the same files alone)", "generate-copy", copy_output),
    ]
    keys = [key for _, key, _ in tools] + ["regenerate"]
    times = {key: ([], []) for key in keys}
    cpu_times = {key: ([], []) for key in keys}
    rss = {key: 0 for key in keys}

    def record(key, small, big):
        times[key][0].append(big.seconds)
        times[key][1].append(small.seconds)
        cpu_times[key][0].append(big.cpu_seconds)
        cpu_times[key][1].append(small.cpu_seconds)
        rss[key] = max(rss[key], big.rss_kib)

    def measure(tool, r):
        name, key, command = tool
        base = os.path.join(work, f"load-{key}")
        results = []
        for files, folder, which in ((one_files, one_dir, "one"), (big_files, big_dir, "all")):
            out = os.path.join(outputs, f"{key}-{r}-{which}")
            results.append(run_timed(command(files, folder, out), base + ".out", base + ".err"))
        small, big = results
        record(key, small, big)
        log(f"   round {r + 1}: {name}: {big.seconds:.3f} s - {small.seconds:.3f} s startup = {big.seconds - small.seconds:.3f} s")
        if key == "generate":
            # The build plugin's everyday case: the same definitions again, over the output just written
            # (every file compared and kept; nothing is created but the staging folder's links).
            again = [run_timed(command(files, folder, os.path.join(outputs, f"{key}-{r}-{which}")), base + ".out", base + ".err")
                     for files, folder, which in ((one_files, one_dir, "one"), (big_files, big_dir, "all"))]
            record("regenerate", *again)
            log(f"   round {r + 1}: generate again, unchanged: {again[1].seconds:.3f} s - {again[0].seconds:.3f} s startup")

    log(f"== loading and generate: {len(tools)} tools x {args.loading_rounds} rounds, interleaved, pinned to core 0")
    rounds_of(tools, args.loading_rounds, measure)
    shutil.rmtree(outputs, ignore_errors=True)

    def work_time(key, source=times):
        big, small = source[key]
        return statistics.median(b - s for b, s in zip(big, small))

    def work_range(key):
        # On a shared machine a round can run at half speed; the range shows how far apart they were.
        big, small = times[key]
        spread = [b - s for b, s in zip(big, small)]
        return f"{min(spread):.3f}–{max(spread):.3f}"

    log("== loading: instructions (callgrind), full set and one object")
    instructions = {}
    for name, key, command in tools[:3]:  # the floor, validate, generate
        counts = []
        for files, folder, which in ((big_files, big_dir, "all"), (one_files, one_dir, "one")):
            out = os.path.join(work, f"callgrind-{key}-{which}")
            result = subprocess.run(PIN + ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + command(files, folder, out),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            m = re.search(r"Collected : (\d+)", result.stderr)
            if result.returncode != 0 or not m:
                fail(f"callgrind of {name} failed ({result.returncode}):\n{result.stderr[-2000:]}")
            counts.append(int(m[1]))
        instructions[key] = counts[0] - counts[1]
        log(f"   {name}: {counts[0]:,} - {counts[1]:,} (one object) = {instructions[key]:,} instructions")
    shutil.rmtree(ram_outputs, ignore_errors=True)

    floor_time, floor_instructions = work_time("floor"), instructions["floor"]
    floor_cpu = work_time("floor", cpu_times)
    rows = []
    for name, key, _ in tools:
        if key.startswith("generate"):
            continue
        t, cpu = work_time(key), work_time(key, cpu_times)
        ins = instructions.get(key)
        rows.append([name, f"{t:.3f}", f"{t / floor_time:.2f}x", work_range(key), f"{cpu:.3f}", f"{cpu / floor_cpu:.2f}x",
                     f"{ins / 1e6:,.0f} M" if ins is not None else "–",
                     f"{ins / floor_instructions:.2f}x" if ins is not None else "–",
                     f"{statistics.median(times[key][1]):.3f}", f"{rss[key] / 1024:.0f}"])
    loading = table(["tool", "seconds", "vs floor (time)", "range over rounds, s", "CPU seconds", "vs floor (CPU time)", "instructions",
                     "vs floor (instructions)", "startup s", "peak RSS MB"], rows)
    validate_time, validate_cpu = work_time("validate"), work_time("validate", cpu_times)

    def generate_row(name, key):
        t, cpu, ins = work_time(key), work_time(key, cpu_times), instructions.get(key)
        return [name, f"{t:.3f}", f"{t / validate_time:.2f}x", f"{cpu:.3f}", f"{cpu / validate_cpu:.2f}x",
                f"{ins / 1e6:,.0f} M" if ins is not None else "–",
                f"{ins / instructions['validate']:.2f}x" if ins is not None else "–",
                f"{statistics.median(times[key][1]):.3f}", f"{rss[key] / 1024:.0f}"]

    generate = table(["command", "seconds", "vs validate", "CPU seconds", "vs validate (CPU time)", "instructions",
                      "vs validate (instructions)", "startup s", "peak RSS MB"], [
        generate_row("`crmgen validate`", "validate"),
        generate_row(f"`crmgen generate` (into a new folder{' in ' + ram if ram else ''})", "generate"),
        generate_row("`crmgen generate` into a new folder on TMPDIR's file system (reference)", "generate-disk"),
        generate_row("`crmgen generate` again, nothing changed (reference)", "regenerate"),
        generate_row(f"`cp -r` of generate's output into a new folder{' in ' + ram if ram else ''} (reference: writing the same files alone)",
                     "generate-copy"),
    ])
    summary = (f"{args.objects:,} generated custom objects of 40 properties ({size / 1e6:.1f} MB of YAML, one file each), "
               f"on top of the built-in standard set; {args.loading_rounds} rounds. The token scan takes "
               f"{work_time('tokens') / floor_time:.2f}x the floor's time: the part of the floor that is libyaml's scanner "
               f"(the rest is its parser, which turns tokens into events).")
    ratios = {"validate_time": validate_time / floor_time, "validate_instructions": instructions["validate"] / floor_instructions,
              "generate_time": work_time("generate") / validate_time, "generate_rss_mib": rss["generate"] / 1024}
    return {"loading": loading, "generate": generate, "summary": summary, "ratios": ratios}


def goals_table(records, loading, check, generated):
    """Issue 15's goals, each judged on the unrounded figure (1.799x is short of 1.8x, though it prints
    as 1.80x at two decimals). `check` and `generated`: their records/s over the fastest peer's."""
    same = not records["disagreements"]
    scaling, ratios = records["scaling"], loading["ratios"]

    def verdict(met):
        return "met" if met else "**not met**"

    rows = [
        ["`crmgen check` vs the fastest peer", "2.0x or more, same verdicts", f"{check:.3f}x", verdict(check >= 2.0 and same)],
        ["generated decode + `validate()` vs the fastest peer", "2.0x or more, same verdicts", f"{generated:.3f}x",
         verdict(generated >= 2.0 and same)],
        [f"`check --jobs {scaling['cores']}` vs `--jobs 1`", "1.8x or more on 2 cores", f"{scaling['speedup']:.3f}x",
         verdict(scaling["speedup"] >= 1.8) if scaling["cores"] == 2 else f"not judged ({scaling['cores']} cores)"],
        ["`crmgen validate` vs the libyaml floor, time", "1.5x or less", f"{ratios['validate_time']:.3f}x",
         verdict(ratios["validate_time"] <= 1.5)],
        ["`crmgen validate` vs the libyaml floor, instructions", "1.5x or less", f"{ratios['validate_instructions']:.3f}x",
         verdict(ratios["validate_instructions"] <= 1.5)],
        ["`crmgen generate` vs `crmgen validate`, time", "2.0x or less", f"{ratios['generate_time']:.3f}x",
         verdict(ratios["generate_time"] <= 2.0)],
        ["`crmgen generate`, peak RSS", "200 MB or less", f"{ratios['generate_rss_mib']:.0f} MB",
         verdict(ratios["generate_rss_mib"] <= 200)],
    ]
    return table(["figure", "issue 15's goal", "this run", "verdict"], rows)


# MARK: - Report

def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        memory = int(f.readline().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB memory"


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def versions(args):
    swift = checked_output(["swift", "--version"]).strip().splitlines()
    swift = next((line for line in swift if "Swift version" in line), swift[0] if swift else "?")
    python = checked_output([args.python, "-c", "import sys, pydantic, msgspec, orjson, yaml; from importlib.metadata import version as v; "
                             "print(f'Python {sys.version.split()[0]}, pydantic {v(\"pydantic\")}, msgspec {v(\"msgspec\")}, '"
                             "f'jsonschema-rs {v(\"jsonschema-rs\")}, orjson {v(\"orjson\")}, PyYAML {v(\"PyYAML\")}')"]).strip()
    return f"{swift}; {python}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--output", required=True, help="BENCHMARKS.md to write")
    parser.add_argument("--command", required=True, help="the command line, as the report shows it")
    parser.add_argument("--commit", required=True)
    parser.add_argument("--crmgen", required=True)
    parser.add_argument("--record-bench", required=True)
    parser.add_argument("--libyaml-events", required=True)
    parser.add_argument("--yams", required=True)
    parser.add_argument("--python", required=True)
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--objects", type=int, default=2000)
    parser.add_argument("--loading-rounds", type=int, default=9)
    # Unpinned runs of one job and of every core vary the most from round to round (one job ran from
    # 1.56 s to 2.04 s in five rounds while every core stayed within 0.94–1.01 s): more rounds.
    parser.add_argument("--scaling-rounds", type=int, default=9)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()

    started = datetime.datetime.now(datetime.timezone.utc)
    load_before = load_average()
    records = records_section(args, args.work)
    loading = loading_section(args, args.work)
    minutes = (datetime.datetime.now(datetime.timezone.utc) - started).total_seconds() / 60

    tools = records["tools"]
    check_rate, generated_rate = records["rates"][tools[0].name][0], records["rates"][tools[1].name][0]
    check_cpu, generated_cpu = records["cpu_rates"][tools[0].name], records["cpu_rates"][tools[1].name]
    check_ratio, generated_ratio = check_rate / records["fastest_peer"], generated_rate / records["fastest_peer"]
    report = f"""# Benchmarks

The latest run of the benchmark command, written by it (each run replaces this file). How to run it, and
what each part measures: README's [Benchmarks](README.md#benchmarks) section and `Benchmarks/run.sh`.

- **Command**: `{args.command}`
- **Date**: {started.strftime('%Y-%m-%d %H:%M')} UTC ({minutes:.0f} minutes)
- **Commit**: {args.commit}
- **Machine**: {machine()}; load average {load_before} at the start, {load_average()} at the end (a shared
  machine: other work on it slows every tool of a round alike, but widens the ranges)
- **Tools**: {versions(args)}

## Goals

Issue 15's goals against this run's medians, judged on the unrounded figures (the sections below
round to two decimals).

{goals_table(records, loading, check_ratio, generated_ratio)}

## Records

{records['summary']}

{records['table']}

`crmgen check` runs at **{check_ratio:.2f}x** and the generated type at
**{generated_ratio:.2f}x** the fastest peer in wall time ({check_cpu / records['fastest_peer_cpu']:.2f}x and
{generated_cpu / records['fastest_peer_cpu']:.2f}x in CPU time); issue 15's goal is 2.0x or more, with the same verdicts.

{records['details']}

### On every core

The same file, `crmgen check --jobs 1` against `--jobs {records['scaling']['cores']}`, not pinned, interleaved, median of
{records['scaling']['rounds']} rounds; startup subtracted as above. Issue 15's goal: 1.8x or more on 2 cores, memory constant
in the file's size.

{records['scaling']['table']}

## Loading

{loading['summary']}

{loading['loading']}

## Generate

The same files, `crmgen generate --definitions DIR --output OUT` into a folder that does not exist yet
(a new one for every run), on a RAM file system (/dev/shm) when the machine has one; for reference, into
a new folder on the file system of TMPDIR, the same command again over the output it just wrote
(every file compared with the new text and kept, as the build plugin does on most builds), and `cp -r`
of the files generate writes into a new folder beside its own: what writing them costs alone.

{loading['generate']}

## How each figure is measured

- **Time**: whole-process wall time of each command, pinned to one core (`taskset -c 0`), minus the same
  command's time on a one-item input (the file's first record; one definition file) in the same round, so
  that interpreter start, imports, crmgen's loading of its definitions and model building are left out.
  Tools run interleaved (each round runs every tool once, the order rotating by one each round); the
  figure is the median of the rounds. records/s = (records − 1) / that time; "range over rounds" is the
  lowest and highest round.
- **crmgen check on one core** runs with `--jobs 1`; the section "On every core" runs it unpinned with
  `--jobs 1` and with one job per core.
- **CPU time**: user + system time of the same runs (`wait4`), startup subtracted the same way. On a busy
  machine wall time also counts the time a tool waited for the core; CPU time does not, so it is the
  steadier figure when the load average is high (it still feels shared caches).
- **vs fastest peer**: records/s over the fastest of pydantic, msgspec and jsonschema-rs (in wall time,
  and in CPU time over the fastest in CPU time).
- **same bad records**: every tool that validates writes the line numbers of the records it finds bad;
  crmgen check's are read from its diagnostics (`FILE:LINE: error: ...`). "yes" when the lists are
  identical (and the same in every round). The generator also lists the records it made bad.
- **Peers**: Benchmarks/Records/peers.py; rules the libraries cannot express exactly (formats, numbers with
  bounds, dates, datetimes, patterns, multi-select) come from Benchmarks/Records/crm_rules.py, a port of
  crmgen's grammars checked against line-by-line ports of crmgen's byte matchers before every run.
  jsonschema-rs validates against `crmgen export json-schema rich_record` as it is, after orjson parses.
- **Instructions**: `valgrind --tool=callgrind`, total instructions of the full set minus those of one
  file, for the floor, `crmgen validate` and `crmgen generate` (all threads; pinned to one core).
- **Generate's output folders** are all deleted only after the last round, and the main row writes to
  /dev/shm: on ext4 without a journal, for 60 s after a file is deleted (up to 300 s more while its inode
  table block is not yet written back), each file created near it scans past the freed inode (kernel
  `recently_deleted`), up to about 1 ms a file on this machine. That measures what was deleted minutes
  before, not generate; the reference row on TMPDIR's file system shows it when it happens.
- **Peak RSS**: `/usr/bin/time -f %M` around every run; the table shows the largest of the full-input runs.
"""
    with open(args.output, "w") as f:
        f.write(report)
    log("")
    log(report)
    disagreeing = [tool.name for tool, _, _ in records["disagreements"]]
    if disagreeing:
        fail(f"{len(disagreeing)} tools do not find the same bad records as crmgen check: {', '.join(disagreeing)}; "
             "see Disagreements above. Either the port of crmgen's rules (Benchmarks/Records) or crmgen is wrong: find out which.")


if __name__ == "__main__":
    main()
