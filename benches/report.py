#!/usr/bin/env python3
"""Turns the raw results of benches/run.sh into docs/benchmarks.md; the
hand-written analysis (benches/notes.md) follows the figures."""
import datetime
import json
import sys

work, out = sys.argv[1], sys.argv[2]
cpu, cores, mem_gb, kernel, safe_v, duck_v, jq_v, hf_v, rustc_v, commit = sys.argv[3:13]


def results(name):
    with open(f"{work}/{name}.json") as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def measured(name):
    """Rows of a results file: the leading fields, then (seconds, MiB)."""
    with open(f"{work}/{name}.tsv") as f:
        for line in f:
            *keys, figures = line.rstrip("\n").split("\t")
            secs, kb = figures.split()
            yield keys, (float(secs), int(kb) / 1024)


def ms(seconds):
    return f"{seconds * 1000:,.0f}"


def table(name, base):
    r = results(name)
    b = r[base]["median"]
    rows = ["| command | median (ms) | × safe |", "|:---|---:|---:|"]
    for cmd, x in r.items():
        rows.append(f"| `{cmd}` | {ms(x['median'])} | {x['median'] / b:.2f} |")
    return rows


lines = [
    "# Benchmarks",
    "",
    "Written by `bash benches/run.sh`: hyperfine medians of whole processes",
    "(`-N`), one run on the machine below; peak memory is GNU time's maximum",
    "resident set size. Targets are recorded here, never asserted by tests.",
    "",
    f"- Date: {datetime.date.today().isoformat()}, commit {commit}",
    f"- CPU: {cpu}, {cores} cores; {mem_gb} GiB; Linux {kernel}",
    f"- {safe_v} (release, {rustc_v}); DuckDB {duck_v}; {jq_v}; {hf_v}",
    "",
    "## The bundled table (19 members)",
    "",
    "Peers for start-up: a Rust hello-world, and a clap CLI that parses",
    "safe's global options and `rank`'s and prints one line (clap's version",
    "and features, safe's release profile; both built by benches/run.sh).",
    "",
    "| command | median (ms) | × `true` |",
    "|:---|---:|---:|",
]
b = results("bundled")
floor = b["true"]["median"]
peer = b["clap, parsing only"]["median"]
lines[-2] = "| command | median (ms) | × `true` | × clap-only |"
lines[-1] = "|:---|---:|---:|---:|"
for name, r in b.items():
    lines.append(
        f"| `{name}` | {r['median'] * 1000:.2f} | {r['median'] / floor:.2f} | {r['median'] / peer:.2f} |"
    )
p = results("peers")
peaks = {keys[0]: figures for keys, figures in measured("peaks")}
lines += [
    "",
    f"## 1,000,000 members against DuckDB: `total` beside its typed query ({cores} cores)",
    "",
    "One hyperfine run of the four; DuckDB reads the same files with its columns",
    "declared (the query a competent user writes). The ratio is DuckDB's median",
    "over `safe`'s (above 1: `safe` is faster); peak memory from GNU time.",
    "",
    "| file | safe total (ms) | DuckDB (ms) | DuckDB ÷ safe | target | safe peak (MiB) | DuckDB peak (MiB) | safe ÷ DuckDB |",
    "|:---|---:|---:|---:|---:|---:|---:|---:|",
]
for kind, target in [("CSV", "≥ 1.0"), ("JSON", "≥ 1.5")]:
    s_t = p[f"safe total ({kind})"]["median"]
    d_t = p[f"duckdb sum ({kind})"]["median"]
    s_m = peaks[f"safe total ({kind})"][1]
    d_m = peaks[f"duckdb sum ({kind})"][1]
    lines.append(
        f"| {kind} | {ms(s_t)} | {ms(d_t)} | {d_t / s_t:.2f} | {target} | {s_m:,.0f} | {d_m:,.0f} | {s_m / d_m:.2f} |"
    )
for title, name, base in [
    ("1,000,000 members, JSON: one table, and two (diff, what-if)", "two_tables", "safe total"),
    ("what-if with 2,000 and 20,000 additions (bundled table)", "what_if_adds", "what-if, 2,000 --add"),
    ("1,000,000 members, JSON: total", "json_total", "safe total"),
    ("1,000,000 members, JSON: the 10 largest", "json_top", "safe rank --top 10"),
    ("1,000,000 members, CSV: the 10 largest", "csv_top", "safe rank --top 10"),
]:
    lines += ["", f"## {title}", ""] + table(name, base)
lines += [
    "",
    "## Every command, 100,000 and 1,000,000 members (JSON)",
    "",
    "| command | 100k (s) | 100k (MiB) | 1M (s) | 1M (MiB) | growth |",
    "|:---|---:|---:|---:|---:|---:|",
]
rows = {}
for (n, name), figures in measured("commands"):
    rows.setdefault(name, {})[n] = figures
for name, r in rows.items():
    a, b = r["100000"], r["1000000"]
    growth = b[0] / a[0] if a[0] else float("nan")
    lines.append(f"| `{name}` | {a[0]:.2f} | {a[1]:,.0f} | {b[0]:.2f} | {b[1]:,.0f} | {growth:.1f}× |")
formats = {}
for (name, fmt), figures in measured("formats"):
    formats.setdefault(name, {})[fmt] = figures
fmts = ["table", "json", "csv", "markdown"]
lines += [
    "",
    "## Full listings in every format, 1,000,000 members: peak memory (MiB) and time (s)",
    "",
    "| command | " + " | ".join(fmts) + " |",
    "|:---|" + "---:|" * len(fmts),
]
for name, r in formats.items():
    cells = [f"{r[x][1]:,.0f} ({r[x][0]:.1f} s)" for x in fmts]
    lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
lines += ["", "## Shapes of input", "", "| input: command | time (s) | peak memory (MiB) |", "|:---|---:|---:|"]
for (name,), (secs, mib) in measured("shapes"):
    lines.append(f"| {name} | {secs:.2f} | {mib:,.0f} |")
with open(f"{__file__.rsplit('/', 1)[0]}/notes.md") as f:
    notes = f.read()
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n\n" + notes)
