#!/usr/bin/env bash
# Benchmarks safe against DuckDB and jq on the same files, and writes
# docs/benchmarks.md (figures from one run; nothing here is asserted by tests).
#
#   bash benches/run.sh            # full run (about 15 minutes)
#   QUICK=1 bash benches/run.sh    # fewer runs
#
# Installs what it needs: hyperfine from Debian's packages, the DuckDB CLI
# from PyPI's duckdb-cli in a virtual environment. Needs python3, jq and
# GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${BENCH_DIR:-$(mktemp -d)}
out=$root/docs/benchmarks.md

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
venv=${DUCKDB_VENV:-$work/duckdb-venv}
[ -x "$venv/bin/duckdb" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q duckdb-cli; }
duckdb=$venv/bin/duckdb

cargo build --release --locked >&2
safe=$root/target/release/safe
runs=5
[ -n "${QUICK:-}" ] && runs=2

for n in 100000 1000000; do
    [ -f "$work/t$n.json" ] || python3 benches/gen_table.py "$n" "$work/t$n.json" "$work/t$n.csv"
done
# Shapes: one 100 MB name; a million tiny members.
python3 benches/gen_table.py shapes "$work"

# DuckDB: exact DECIMAL sums and ORDER BY … LIMIT 10 on the same files,
# written as a competent DuckDB user would: the columns and their types
# declared (no schema inference, no sampling), amounts read as DECIMAL.
j=$work/t1000000.json; c=$work/t1000000.csv
rows="STRUCT(code VARCHAR, name VARCHAR, amount VARCHAR)[]"
unnest="(SELECT unnest(allocations) AS a FROM read_json('$j', format='unstructured', records=true, columns={'allocations': '$rows'}, maximum_object_size=200000000))"
echo "SELECT sum(CAST(a.amount AS DECIMAL(18,2))) FROM $unnest;" > "$work/json_sum.sql"
echo "SELECT a.code, a.name, CAST(a.amount AS DECIMAL(18,2)) AS amount FROM $unnest ORDER BY amount DESC LIMIT 10;" > "$work/json_top.sql"
csvcols="columns={'code':'VARCHAR','name':'VARCHAR','amount':'DECIMAL(18,2)'}, header=true, auto_detect=false, delim=','"
echo "SELECT sum(amount) FROM read_csv('$c', $csvcols);" > "$work/csv_sum.sql"
echo "SELECT * FROM read_csv('$c', $csvcols) ORDER BY amount DESC LIMIT 10;" > "$work/csv_top.sql"
# A Rust hello-world: what any Rust binary costs to start on this machine.
printf 'fn main() { println!("hi"); }\n' > "$work/hello.rs"
rustc -O -o "$work/hello" "$work/hello.rs"
# A clap CLI that only parses safe's global options and `rank`'s (clap's
# version and features, and safe's release profile): what the command line
# alone costs to start, with Rust's runtime.
mkdir -p "$work/clap-only/src"
cp Cargo.lock "$work/clap-only/"
clap=$(sed -n 's/^clap = \(.*\)$/\1/p' Cargo.toml)
cat > "$work/clap-only/Cargo.toml" <<TOML
[package]
name = "clap-only"
version = "0.0.0"
edition = "2024"

[dependencies]
clap = $clap

[profile.release]
codegen-units = 1
lto = "fat"
panic = "abort"
TOML
cat > "$work/clap-only/src/main.rs" <<'RUST'
use clap::{Args, Parser, Subcommand};
#[derive(Parser)]
#[command(name = "clap-only", version)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Option<Command>,
}
#[derive(Args)]
struct Global {
    #[arg(long, global = true)] data: Option<std::path::PathBuf>,
    #[arg(long, global = true)] edition: Option<String>,
    #[arg(long, global = true)] data_format: Option<String>,
    #[arg(long, global = true)] ceiling: Option<String>,
    #[arg(long, global = true)] json: bool,
    #[arg(long, global = true)] format: Option<String>,
    #[arg(long, global = true, default_value = "eur")] unit: String,
    #[arg(long, global = true)] width: Option<usize>,
    #[arg(long, global = true)] part: Option<String>,
    #[arg(long, global = true)] color: Option<String>,
    #[arg(long, global = true)] rounding: Option<String>,
    #[arg(long, global = true)] ranges: bool,
    #[arg(long, global = true)] bom: bool,
}
#[derive(Subcommand)]
enum Command {
    Rank {
        #[arg(long)] top: Option<usize>,
        #[arg(long)] asc: bool,
    },
}
fn main() {
    let cli = Cli::parse();
    if let Some(Command::Rank { top, asc }) = cli.command {
        println!("rank {top:?} {asc} {}", cli.global.json);
    }
}
RUST
cargo build --release --quiet --manifest-path "$work/clap-only/Cargo.toml" >&2
# what-if with 2,000 and 20,000 --add options (linear: at most 15×).
# (Scripts: 20,000 options are too long for one hyperfine command line.)
for n in 2000 20000; do
    python3 -c "import sys; print('exec $safe what-if ' + ' '.join(f'--add N{i}=1000' for i in range(int(sys.argv[1]))) + ' > /dev/null')" "$n" > "$work/adds$n.sh"
done

hf() { name=$1; n=$2; shift 2; hyperfine -N --warmup 1 --runs "$n" --export-json "$work/$name.json" "$@" >&2; }

hf bundled $((runs * 300)) -n 'true' 'true' -n 'hello-world (Rust)' "$work/hello" -n 'clap, parsing only' "$work/clap-only/target/release/clap-only rank" -n 'safe rank' "$safe rank" -n 'safe total' "$safe total"
# Two tables against one: diff of the 1M table with itself and what-if
# --remove, beside total on the same file.
hf two_tables "$runs" -n 'safe total' "$safe --data $j total" -n 'safe diff (itself)' "$safe --data $j diff $j" \
    -n 'safe what-if --remove' "$safe --data $j what-if --remove M0000001"
hf what_if_adds "$runs" -n 'what-if, 2,000 --add' "sh $work/adds2000.sh" \
    -n 'what-if, 20,000 --add' "sh $work/adds20000.sh"
# The totals beside DuckDB's typed queries, CSV and JSON, in one run.
hf peers "$((runs * 2))" -n 'safe total (CSV)' "$safe --data $c total" -n 'duckdb sum (CSV)' "$duckdb -f $work/csv_sum.sql" \
    -n 'safe total (JSON)' "$safe --data $j total" -n 'duckdb sum (JSON)' "$duckdb -f $work/json_sum.sql"
# Their peak memory (GNU time's maximum resident set size, KiB).
: > "$work/peaks.tsv"
for which in "safe total (CSV)|$safe --data $c total" "duckdb sum (CSV)|$duckdb -f $work/csv_sum.sql" \
    "safe total (JSON)|$safe --data $j total" "duckdb sum (JSON)|$duckdb -f $work/json_sum.sql"; do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" sh -c "${which#*|} > /dev/null 2>&1" || true
    printf '%s\t%s\n' "${which%%|*}" "$(tail -n 1 "$work/time.txt")" >> "$work/peaks.tsv"
done
hf json_total "$runs" -n 'safe total' "$safe --data $j total" -n 'duckdb sum' "$duckdb -f $work/json_sum.sql" \
    -n 'jq total' "jq '[.allocations[].amount | tonumber] | add' $j"
hf json_top "$runs" -n 'safe rank --top 10' "$safe --data $j rank --top 10" -n 'duckdb top 10' "$duckdb -f $work/json_top.sql" \
    -n 'jq top 10' "jq -r '.allocations | sort_by(-(.amount | tonumber)) | .[:10] | .[] | [.code, .name, .amount] | @tsv' $j"
hf csv_top "$runs" -n 'safe rank --top 10' "$safe --data $c rank --top 10" -n 'duckdb top 10' "$duckdb -f $work/csv_top.sql"

# Every command at 100k and 1M: the median time of hyperfine runs, and
# the peak memory of one run.
: > "$work/commands.tsv"
for n in 100000 1000000; do
    t=$work/t$n.json
    while IFS='|' read -r name args; do
        /usr/bin/time -f "%e %M" -o "$work/time.txt" sh -c "$safe --data $t $args > /dev/null 2>&1" || true
        hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/one.json" --output null \
            "$safe --data $t $args" >/dev/null 2>&1 || true
        median=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$work/one.json")
        printf '%s\t%s\t%s %s\n' "$n" "$name" "$median" "$(tail -n 1 "$work/time.txt" | cut -d' ' -f2)" >> "$work/commands.tsv"
    done <<LIST
total|total
rank --top 10|rank --top 10
rank|rank
rank --width 80|rank --width 80
rank --json|rank --json
shares --format csv|shares --format csv
per-capita|per-capita
table|table
stats|stats
check|check
diff (itself)|diff $t
what-if|what-if --add ZZ=5
chart|chart
LIST
done
: > "$work/formats.tsv"
# Peak memory of every full listing in every format at 1M.
t=$work/t1000000.json
for format in table json csv markdown; do
    while IFS='|' read -r name args; do
        /usr/bin/time -f "%e %M" -o "$work/time.txt" sh -c "$safe --data $t $args --format $format > /dev/null 2>&1" || true
        printf '%s\t%s\t%s\n' "$name" "$format" "$(tail -n 1 "$work/time.txt")" >> "$work/formats.tsv"
    done <<LIST
rank|rank
shares|shares
per-capita|per-capita
table|table
diff|diff $t
what-if|what-if --add ZZ=5
chart|chart
LIST
done
: > "$work/shapes.tsv"
while IFS='|' read -r name file args; do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" sh -c "$safe --data $work/$file $args > /dev/null 2>&1" || true
    printf '%s\t%s\n' "$name" "$(tail -n 1 "$work/time.txt")" >> "$work/shapes.tsv"
done <<LIST
1M benign: total|t1000000.json|total
1M tiny members: total|tiny.json|total
100 MB name (JSON): total|bigname.json|total
100 MB name (JSON): rank|bigname.json|rank
100 MB name (JSON): stats|bigname.json|stats
100 MB name (JSON): show A|bigname.json|show A
100 MB name (JSON): what-if|bigname.json|what-if --add ZZ=1
100 MB name (JSON): report|bigname.json|report
100 MB name (JSON): chart --svg -|bigname.json|chart --svg -
100 MB name (CSV): total|bigname.csv|--ceiling 100 total
100 MB name (CSV): rank|bigname.csv|--ceiling 100 rank
100 MB name (CSV): stats|bigname.csv|--ceiling 100 stats
100 MB name (CSV): report|bigname.csv|--ceiling 100 report
LIST

python3 benches/report.py "$work" "$out" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
    "$(nproc)" "$(free -g | awk '/^Mem:/ {print $2}')" "$(uname -r)" \
    "$($safe --version)" "$($duckdb --version | cut -d' ' -f1)" "$(jq --version)" \
    "$(hyperfine --version)" "$(rustc --version)" "$(git rev-parse --short HEAD)"
# The ratios the targets are about, on stdout.
python3 - "$work" "$(nproc)" <<'PY'
import json, sys
work, cores = sys.argv[1], sys.argv[2]
r = {x["command"]: x["median"] for x in json.load(open(f"{work}/peers.json"))["results"]}
peak = {}
for line in open(f"{work}/peaks.tsv"):
    name, figures = line.rstrip("\n").split("\t")
    peak[name] = int(figures.split()[1]) / 1024
print(f"{cores} cores")
for kind, target in [("CSV", 1.0), ("JSON", 1.5)]:
    ratio = r[f"duckdb sum ({kind})"] / r[f"safe total ({kind})"]
    print(f"{kind}: duckdb {r[f'duckdb sum ({kind})'] * 1000:.0f} ms / safe total {r[f'safe total ({kind})'] * 1000:.0f} ms = {ratio:.2f} (target >= {target})")
    print(f"{kind}: peak safe {peak[f'safe total ({kind})']:.0f} MiB, duckdb {peak[f'duckdb sum ({kind})']:.0f} MiB = {peak[f'safe total ({kind})'] / peak[f'duckdb sum ({kind})']:.2f}x")
PY
echo "benches/run.sh: wrote $out (raw results in $work)" >&2
