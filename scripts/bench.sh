#!/usr/bin/env bash
# Benchmark (not a test): prints timings and peak memory for
#  1. generating + importing a national-size demo store (--buurten N, default 14500),
#  2. the engine alone (build/bench_engine): Nederland's values, loading, every indicator,
#     trend and index, the small-area figures and the ranking, phase by phase on one thread,
#     then all of it on one worker thread per core as the commands run it,
#  3. computing every indicator, trend and index for every region (indicators --level alle),
#  4. ranking the buurten of every gemeente for every wijkopgave (rank, 1000 draws),
#  5. rendering profiles: 20 buurten of GM9999 each by its own `profile` process, then every
#     profile of GM9999 (BENCH_ALL_PROFILES=1: of the whole store) with `profiles`.
# Usage: bash scripts/bench.sh [N [STORE]]   (build/wijkdata and build/bench_engine must exist:
# run scripts/setup.sh first). With STORE, a copy of that national store replaces step 1.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-14500}
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null || exit 1; }
bin=$PWD/build/wijkdata
bench=$PWD/build/bench_engine
work=$(mktemp -d /tmp/wd-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
measure() { # label, command...: wall and CPU seconds (user + system; the cores are shared)
  local label=$1; shift  # and peak RSS from GNU time's format
  /usr/bin/time -f "%e %U %S %M" -o time.txt "$@" > out.txt 2> err.txt || { cat err.txt; exit 1; }
  read -r secs user sys kb < time.txt
  printf '%-52s %7.2f s wall %7.2f s CPU %8.1f MB peak\n' "$label" "$secs" \
    "$(awk "BEGIN{print $user + $sys}")" "$(awk "BEGIN{print $kb/1024}")"
}
echo "wijkdata benchmark, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
if [ -n "${2:-}" ]; then
  cp "$2" wijkdata.db
  echo "store: copy of $2 ($(du -h wijkdata.db | cut -f1))"
else
  measure "demo --buurten $n (generate + import)" "$bin" demo --buurten "$n" --geen-profielen --out d
  echo "  store: $(du -h wijkdata.db | cut -f1), source mirror: $(du -sh d/bronnen | cut -f1)"
fi
echo "engine (build/bench_engine wijkdata.db):"
"$bench" wijkdata.db | sed 's/^/  /'
measure "indicators --level alle (compute all, CSV)" "$bin" indicators --level alle --out all.csv
echo "  rows: $(($(wc -l < all.csv) - 1))"
measure "rank (every gemeente, 6 opgaven, 1000 draws, CSV)" "$bin" rank --out rank.csv
echo "  rows: $(($(wc -l < rank.csv) - 1))"
codes=$("$bin" regions --gemeente GM9999 --level buurt | awk '{print $1}' | head -20)
start=$(date +%s.%N)
for c in $codes; do "$bin" profile "$c" -o "p_$c.pdf" > /dev/null; done
end=$(date +%s.%N)
count=$(echo "$codes" | wc -w)
size=$(du -ck p_*.pdf | tail -1 | cut -f1)
printf '%-48s %8.3f s per profile, %d KB per profile (%d profiles, each a separate process loading the gemeente)\n' \
  "profile (buurten of GM9999)" "$(awk "BEGIN{print ($end - $start) / $count}")" "$((size / count))" "$count"
# Every profile of one gemeente in one process; with BENCH_ALL_PROFILES=1 of the whole store
# (national size: some 18,000 PDFs, minutes).
scope=(--gemeente GM9999)
[ "${BENCH_ALL_PROFILES:-0}" = 1 ] && scope=()
measure "profiles ${scope[*]:-(every gemeente)}" "$bin" profiles "${scope[@]}" --out pp
made=$(awk '{print $1}' out.txt)
printf '  %d profiles, %.3f s wall per profile, %d KB per profile\n' "$made" \
  "$(awk "BEGIN{print $(cut -d' ' -f1 time.txt) / $made}")" "$(($(du -sk pp | cut -f1) / made))"
