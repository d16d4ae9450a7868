#!/usr/bin/env bash
# Benchmark (not a test): `wijkdata fetch --gemeente alle` from the service mirror at about the
# national size (tests/mirror, --landelijk: 342 gemeenten, 3,300 wijken, 14,500 buurten), then
# the same again from the cache it filled (--offline: the client alone, without the mirror's
# own time). Wall time and peak memory of each (GNU time %e, %M).
# Usage: bash scripts/bench-fetch.sh [FETCH OPTIONS...]   e.g. --years 2024 --sources kwb,geo
# RIVM_VOLGORDE=dimensies serves RIVM's rows Marges slowest (mirror --rivm-volgorde).
# (build/wijkdata must exist). Figures go to docs/PERFORMANCE.md by hand, with the date.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null || exit 1; }
bin=$PWD/build/wijkdata
work=$(mktemp -d /tmp/wd-bench-fetch.XXXXXX)
python3 tests/mirror/mirror.py serve --landelijk --rivm-volgorde "${RIVM_VOLGORDE:-gebied}" --port 0 --port-file "$work/port" \
  --parent-pid $$ > "$work/mirror.log" 2>&1 &
mirror=$!
trap 'kill $mirror 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
base=http://127.0.0.1:$(cat "$work/port")
export WIJKDATA_CBS_ODATA_URL=$base/opendata.cbs.nl/ODataFeed/odata
export WIJKDATA_CBS_DATADERDEN_URL=$base/dataderden.cbs.nl/ODataFeed/odata
export WIJKDATA_PDOK_URL="$base/api.pdok.nl/cbs/wijken-en-buurten-{jaar}/ogc/v1"
export WIJKDATA_LBM_URL=$base/www.leefbaarometer.nl/resources/open-data-leefbaarometer-meting-2024.zip
cd "$work"
echo "fetch --gemeente alle $*, national-size mirror (RIVM ${RIVM_VOLGORDE:-gebied}), $(nproc) cores," \
  "$(date -u +%Y-%m-%dT%H:%MZ)"
# One fetch: wall time and peak memory.
bench() {
  local label=$1
  shift
  /usr/bin/time -f "%e %M" -o time.txt "$bin" "$@" > out.txt 2>&1 || { cat out.txt; exit 1; }
  awk -v label="$label" '{ printf "%-34s %8.1f s wall %7.1f MB peak\n", label, $1, $2 / 1024 }' time.txt
}
bench "from the mirror" fetch --gemeente alle "$@" --cache cache --store a.db
bench "again from its cache (--offline)" fetch --gemeente alle "$@" --offline --cache cache \
  --store b.db
echo "store $(du -h b.db | cut -f1), cache $(du -sh cache | cut -f1)"
