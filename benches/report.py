#!/usr/bin/env python3
"""Turns hyperfine's JSON exports (from benches/run.sh) into BENCHMARKS.md."""
import datetime
import json
import sys

work, out, sizes = sys.argv[1], sys.argv[2], sys.argv[3].split()
cpu, cores, mem_gb, kernel, safe_v, jq_v, mlr_v, hf_v, rustc_v = sys.argv[4:13]


def results(name):
    with open(f"{work}/{name}.json") as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def ms(seconds):
    return f"{seconds * 1000:,.1f}"


lines = [
    "# Benchmarks",
    "",
    "Written by `bash benches/run.sh` (see the README's development section);",
    "figures from one run on the machine below. Times are hyperfine medians of",
    "whole processes (`-N`, no shell); peak memory is the maximum resident set",
    "size from GNU time. Targets are recorded here, not enforced by tests.",
    "",
    "## Machine",
    "",
    f"- Date: {datetime.date.today().isoformat()}",
    f"- CPU: {cpu}, {cores} cores; memory {mem_gb} GiB; Linux {kernel}",
    f"- {safe_v} (release build, {rustc_v}); {jq_v}; {mlr_v}; {hf_v}",
    "",
    "## 1. The bundled table (19 members)",
    "",
    "| command | median (ms) | × `true` |",
    "|:---|---:|---:|",
]
b = results("bundled")
floor = b["true"]["median"]
for name, r in b.items():
    lines.append(f"| `{name}` | {ms(r['median'])} | {r['median'] / floor:.1f} |")
lines += [
    "",
    "## 2. Synthetic tables",
    "",
    "`benches/gen_table.py N` writes N members (seed 20250909), a fifth of them",
    "tied on round amounts. safe and jq read the JSON table; Miller reads the same",
    "rows as CSV, its native format. jq and Miller sum in binary floating point,",
    "so their totals are not exact; safe's are.",
    "",
]
for n in sizes:
    r = results(f"n{n}")
    mem = {}
    with open(f"{work}/mem{n}.tsv") as f:
        for line in f:
            name, kb = line.rstrip("\n").split("\t")
            mem[name] = int(kb)
    lines += [
        f"### {int(n):,} members",
        "",
        "| command | median (ms) | peak memory (MiB) | × safe |",
        "|:---|---:|---:|---:|",
    ]
    for task, safe_name in (("total", "safe total"), ("top 10", "safe rank --top 10")):
        base = r[safe_name]["median"]
        for name in (safe_name, f"jq {task}", f"mlr {task}"):
            med = r[name]["median"]
            lines.append(
                f"| `{name}` | {ms(med)} | {mem[name] / 1024:,.1f} | {med / base:.1f} |"
            )
    lines.append("")
# The hand-written analysis of the recorded run follows the figures.
with open(f"{__file__.rsplit('/', 1)[0]}/notes.md") as f:
    notes = f.read()
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n" + notes)
