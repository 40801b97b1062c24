#!/usr/bin/env python3
"""Writes a synthetic SAFE-schema table of N members, deterministically.

usage: gen_table.py N OUT.json [OUT.csv]
       gen_table.py shapes DIR    (bigname.json and .csv: one 100 MB name;
                                   tiny.json: 1,000,000 members of 1 cent)

Amounts are strings with up to two decimals between €0.01 and €10^12, with
ties (a fifth of the members share 100 round amounts). The optional CSV
(code,name,amount) holds the same rows for Miller, whose native format it is.
The ceiling is the exact total, so `safe check` passes Art. 6.
"""
import random
import sys

if sys.argv[1] == "shapes":
    d = sys.argv[2]
    with open(f"{d}/bigname.json", "w") as out:
        out.write('{"schema_version":1,"fund":{"name":"T","currency":"EUR","ceiling":"100"},')
        out.write('"allocations":[{"code":"A","name":"' + "x" * 100_000_000 + '","amount":"10"},')
        out.write('{"code":"B","name":"B","amount":"5"}]}\n')
    with open(f"{d}/bigname.csv", "w") as out:
        out.write("code,name,amount\nA," + "x" * 100_000_000 + ",10\nB,B,5\n")
    with open(f"{d}/tiny.json", "w") as out:
        out.write('{"schema_version":1,"fund":{"name":"T","currency":"EUR","ceiling":"10000"},"allocations":[\n')
        out.write(",\n".join(f'{{"code":"{i:x}","name":"{i:x}","amount":"0.01"}}' for i in range(1_000_000)))
        out.write("\n]}\n")
    sys.exit(0)

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
