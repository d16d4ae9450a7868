#!/usr/bin/env bash
# Benchmark (not a test): every format of `wijkdata export` over a national-size demo store
# (every gemeente, --level alle), each timed once with its peak memory and file size, and
# `controle` for one gemeente. Usage: bash scripts/bench-export.sh [STORE]
# (build/wijkdata must exist; without STORE a store of `wijkdata demo --buurten 14500` is made
# first, about a minute). Figures go to docs/PERFORMANCE.md by hand, with the date.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null || exit 1; }
bin=$PWD/build/wijkdata
work=$(mktemp -d /tmp/wd-bench-export.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
if [ -n "${1:-}" ]; then
  cp "$1" wijkdata.db
else
  "$bin" demo --buurten 14500 --geen-profielen --out d > /dev/null
fi
echo "wijkdata export benchmark, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), store $(du -h wijkdata.db | cut -f1)"
for fmt in csv csv-nl xlsx geojson gpkg; do
  /usr/bin/time -f "%e %U %S %M" -o time.txt "$bin" export --format "$fmt" --level alle \
    --out "export.$fmt" 2> err.txt || { cat err.txt; exit 1; }
  read -r secs user sys kb < time.txt
  printf 'export --format %-8s --level alle %7.2f s wall %7.2f s CPU %7.1f MB peak %7.1f MB file\n' \
    "$fmt" "$secs" "$(awk "BEGIN{print $user + $sys}")" "$(awk "BEGIN{print $kb/1024}")" \
    "$(awk "BEGIN{print $(stat -c %s "export.$fmt")/1048576}")"
done
/usr/bin/time -f "%e %U %S %M" -o time.txt "$bin" controle --gemeente GM9999 --out c.txt
read -r secs user sys kb < time.txt
printf 'controle --gemeente GM9999                %7.2f s wall %7.2f s CPU %7.1f MB peak\n' \
  "$secs" "$(awk "BEGIN{print $user + $sys}")" "$(awk "BEGIN{print $kb/1024}")"
