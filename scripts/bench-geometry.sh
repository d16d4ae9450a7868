#!/usr/bin/env bash
# Benchmark (not a test): memory and time of large geometry. A demo store (`wijkdata demo`,
# gemeente GM9999) gets the boundaries of scripts/make-big-geojson.py (default 10 million
# positions, about 230 MB) through `import --format pdok-geojson`; then the gemeente's profile
# and every profile of it are made from those boundaries. Each command's wall time and peak
# memory (GNU time %e, %M). Usage: bash scripts/bench-geometry.sh [POSITIONS [profiles]]
# (build/wijkdata must exist; with "profiles" every profile of the gemeente too, which draws
# every map from all the positions: about half an hour for 10 million). Figures go to
# docs/PERFORMANCE.md by hand, with the date.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null || exit 1; }
bin=$PWD/build/wijkdata
positions=${1:-10000000}
work=$(mktemp -d /tmp/wd-bench-geometry.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 scripts/make-big-geojson.py "$work/big.geojson" --positions "$positions"
cd "$work"
"$bin" demo --geen-profielen --out d > /dev/null 2>&1
echo "large geometry, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), $positions positions," \
  "file $(du -h big.geojson | cut -f1)"
# One command: wall time and peak memory.
bench() {
  local label=$1
  shift
  /usr/bin/time -f "%e %M" -o time.txt "$bin" "$@" > /dev/null 2> err.txt || { cat err.txt; exit 1; }
  awk -v label="$label" '{ printf "%-46s %7.2f s wall %7.1f MB peak\n", label, $1, $2 / 1024 }' time.txt
}
bench "import --format pdok-geojson" import big.geojson --format pdok-geojson --jaar 2024
bench "profile GM9999" profile GM9999 -o gm.pdf
bench "profile BU99990101" profile BU99990101 -o bu.pdf
if [ "${2:-}" = profiles ]; then
  bench "profiles --gemeente GM9999 (47 PDFs)" profiles --gemeente GM9999 --out p
fi
echo "store $(du -h wijkdata.db | cut -f1)"
