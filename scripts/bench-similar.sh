#!/usr/bin/env bash
# Benchmark (not a test): "buurten zoals deze" on a national-size demo store: the ten most like
# every buurt of the store (`indicators --format zoals`), and one buurt profile (which builds the
# comparison over every buurt) beside a wijk profile (which does not), each run RUNS times
# (default 5) with the median printed. Usage: bash scripts/bench-similar.sh [STORE [RUNS]]
# (build/wijkdata must exist; without STORE a store of `wijkdata demo --buurten 14500` is made
# first, about a minute). Figures go to docs/PERFORMANCE.md by hand, with the date.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null || exit 1; }
bin=$PWD/build/wijkdata
runs=${2:-5}
work=$(mktemp -d /tmp/wd-bench-similar.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
if [ -n "${1:-}" ]; then
  cp "$1" wijkdata.db
else
  "$bin" demo --buurten 14500 --geen-profielen --out d > /dev/null
fi
echo "buurten zoals deze, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), store $(du -h wijkdata.db | cut -f1), $runs runs"
# One command RUNS times: median wall, CPU and peak memory.
bench() {
  local label=$1
  shift
  : > times.txt
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S %M" -a -o times.txt "$bin" "$@" > /dev/null 2> err.txt ||
      { cat err.txt; exit 1; }
  done
  sort -n times.txt | awk -v n="$runs" -v label="$label" \
    'NR == int((n + 1) / 2) { printf "%-44s median %6.2f s wall %6.2f s CPU %6.1f MB peak\n", label, $1, $2 + $3, $4 / 1024 }'
}
bench "indicators --format zoals (every buurt)" indicators --format zoals --out z.csv
echo "  $(($(wc -l < z.csv) - 1)) rows"
bench "profile BU99990305 (a buurt)" profile BU99990305 -o b.pdf
bench "profile WK999903 (a wijk, no comparison)" profile WK999903 -o w.pdf
