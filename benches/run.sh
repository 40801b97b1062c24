#!/usr/bin/env bash
# Benchmarks safe against jq and Miller, and writes BENCHMARKS.md.
#
#   bash benches/run.sh            # full run (about 10 minutes)
#   QUICK=1 bash benches/run.sh    # fewer runs, no 1,000,000-member table
#
# Needs hyperfine, jq and Miller (Debian: apt-get install -y hyperfine jq
# miller), GNU time (/usr/bin/time) and python3. Nothing here runs in CI:
# timings are recorded, not asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${BENCH_DIR:-$(mktemp -d)}
out=$root/BENCHMARKS.md
for tool in hyperfine jq mlr python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "benches/run.sh: $tool is not installed" >&2; exit 1; }
done

cargo build --release --locked >&2
safe=$root/target/release/safe
sizes="10000 100000 1000000"
runs=10
if [ -n "${QUICK:-}" ]; then sizes="10000 100000"; runs=3; fi

# The same rows for every tool: safe and jq read the JSON table, Miller
# (which does not flatten nested arrays into records) reads them as CSV.
bundled=$root/data/editions/commission-2025-09.json
jq -r '"code,name,amount", (.allocations[] | [.code, .name, .amount] | @csv)' "$bundled" > "$work/bundled.csv"
for n in $sizes; do
    [ -f "$work/t$n.json" ] || python3 benches/gen_table.py "$n" "$work/t$n.json" "$work/t$n.csv"
done

jq_rank='.allocations | sort_by(-(.amount | tonumber)) | .[] | [.code, .name, .amount] | @tsv'
jq_total='[.allocations[].amount | tonumber] | add'
jq_top='.allocations | sort_by(-(.amount | tonumber)) | .[:10] | .[] | [.code, .name, .amount] | @tsv'

# 1. The bundled table, whole processes, beside `true`.
hyperfine -N --warmup 5 --runs $((runs * 5)) --export-json "$work/bundled.json" \
    -n 'true' 'true' \
    -n 'safe rank' "$safe rank" \
    -n 'safe total' "$safe total" \
    -n 'jq rank' "jq -r '$jq_rank' $bundled" \
    -n 'mlr rank' "mlr --icsv --otsv sort -nr amount $work/bundled.csv" >&2

# 2. Synthetic tables: total and top 10.
for n in $sizes; do
    r=$runs; [ "$n" = 1000000 ] && r=5
    hyperfine -N --warmup 1 --runs "$r" --export-json "$work/n$n.json" \
        -n "safe total" "$safe --data $work/t$n.json total" \
        -n "jq total" "jq '$jq_total' $work/t$n.json" \
        -n "mlr total" "mlr --icsv --ojson stats1 -a sum -f amount $work/t$n.csv" \
        -n "safe rank --top 10" "$safe --data $work/t$n.json rank --top 10" \
        -n "jq top 10" "jq -r '$jq_top' $work/t$n.json" \
        -n "mlr top 10" "mlr --icsv --otsv top -n 10 -f amount -a $work/t$n.csv" >&2
    # Peak memory (maximum resident set size), one run each.
    : > "$work/mem$n.tsv"
    while IFS='|' read -r name cmd; do
        kb=$(/usr/bin/time -f %M sh -c "$cmd > /dev/null" 2>&1 | tail -n 1)
        printf '%s\t%s\n' "$name" "$kb" >> "$work/mem$n.tsv"
    done <<LIST
safe total|$safe --data $work/t$n.json total
jq total|jq '$jq_total' $work/t$n.json
mlr total|mlr --icsv --ojson stats1 -a sum -f amount $work/t$n.csv
safe rank --top 10|$safe --data $work/t$n.json rank --top 10
jq top 10|jq -r '$jq_top' $work/t$n.json
mlr top 10|mlr --icsv --otsv top -n 10 -f amount -a $work/t$n.csv
LIST
done

python3 benches/report.py "$work" "$out" "$sizes" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
    "$(nproc)" "$(free -g | awk '/^Mem:/ {print $2}')" "$(uname -r)" \
    "$($safe --version)" "$(jq --version)" "$(mlr --version)" "$(hyperfine --version)" \
    "$(rustc --version)"
echo "benches/run.sh: wrote $out (raw results in $work)" >&2
