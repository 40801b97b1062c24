#!/usr/bin/env python3
"""Writes a synthetic SAFE-schema table of N members, deterministically.

usage: gen_table.py N OUT.json [OUT.csv]

Amounts are strings with up to two decimals between €0.01 and €10^12, with
ties (a fifth of the members share 100 round amounts). The optional CSV
(code,name,amount) holds the same rows for Miller, whose native format it is.
The ceiling is the exact total, so `safe check` passes Art. 6.
"""
import random
import sys

n = int(sys.argv[1])
rng = random.Random(20250909)
rows = []
total = 0
for i in range(n):
    if rng.random() < 0.2:
        cents = rng.randint(1, 100) * 1_000_000_00
    else:
        cents = rng.randint(1, 100_000_000_000_000)
    total += cents
    rows.append((f"M{i:07d}", f"Member {i}", f"{cents // 100}.{cents % 100:02d}"))

with open(sys.argv[2], "w") as out:
    out.write('{"schema_version":1,"fund":{"name":"Synthetic","currency":"EUR",')
    out.write(f'"ceiling":"{total // 100}.{total % 100:02d}"}},"allocations":[\n')
    out.write(",\n".join(f'{{"code":"{c}","name":"{m}","amount":"{a}"}}' for c, m, a in rows))
    out.write("\n]}\n")
if len(sys.argv) > 3:
    with open(sys.argv[3], "w") as out:
        out.write("code,name,amount\n")
        out.writelines(f"{c},{m},{a}\n" for c, m, a in rows)
