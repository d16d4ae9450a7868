#!/usr/bin/env bash
# Benchmark (not a test): prints timings and peak memory for
#  1. generating + importing a national-size demo store (--buurten N, default 14500),
#  2. computing every indicator, trend and index for every region (indicators --level alle),
#  3. rendering buurt profiles (seconds and kilobytes per profile).
# Usage: bash scripts/bench.sh [N]   (build/wijkdata must exist: run scripts/setup.sh first)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-14500}
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null || exit 1; }
bin=$PWD/build/wijkdata
work=$(mktemp -d /tmp/wd-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
measure() { # label, command...: wall seconds and peak RSS from GNU time's format
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o time.txt "$@" > out.txt 2> err.txt || { cat err.txt; exit 1; }
  read -r secs kb < time.txt
  printf '%-48s %8.2f s  %8.1f MB peak\n' "$label" "$secs" "$(awk "BEGIN{print $kb/1024}")"
}
echo "wijkdata benchmark, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
measure "demo --buurten $n (generate + import)" "$bin" demo --buurten "$n" --geen-profielen --out d
echo "  store: $(du -h wijkdata.db | cut -f1), source mirror: $(du -sh d/bronnen | cut -f1)"
measure "indicators --level alle (compute all, CSV)" "$bin" indicators --level alle --out all.csv
echo "  rows: $(($(wc -l < all.csv) - 1))"
codes=$("$bin" regions --gemeente GM9999 --level buurt | awk '{print $1}' | head -20)
start=$(date +%s.%N)
for c in $codes; do "$bin" profile "$c" -o "p_$c.pdf" > /dev/null; done
end=$(date +%s.%N)
count=$(echo "$codes" | wc -w)
size=$(du -ck p_*.pdf | tail -1 | cut -f1)
printf '%-48s %8.3f s per profile, %d KB per profile (%d profiles, each a separate process loading the gemeente)\n' \
  "profile (buurten of GM9999)" "$(awk "BEGIN{print ($end - $start) / $count}")" "$((size / count))" "$count"
