#!/usr/bin/env bash
# Compare every output of the program built from REV with that of the working tree, byte for
# byte: a redesign that is meant to change nothing a user sees is checked by this script.
#
# Both programs run the same session, one after the other in the same folder (the store
# records the file:// URLs it read, so the paths must be the same) and under the same frozen
# wall clock (the store records when each source was read and the profiles print the date;
# faketime, monotonic clocks left alone), then every file they wrote is compared:
#  - the demo: its 47 PDFs, the source mirror it generated and the store it wrote;
#  - on the demo store: indicators and rank (CSV and JSON, several levels, years, options),
#    regions, sources, profile as PDF, PNG and SVG, profiles of the gemeente on workers, the
#    booklet of the gemeente and of a werkgebied (in a copy of the store), the poster,
#    gespreksblad and stemkaart, export, controle and site (by a program that has them),
#    the store after the commands saved their results and rankings, imports of every local
#    format into copies of it, fetch over file:// from the mirror, and every command's --help;
#  - a national-size run (demo --buurten N, default 14500): the mirror and the store, every
#    indicator and ranking of the country, profiles of a sample of regions, two shards of a
#    job array (1/60 and 60/60 into one folder, then 1/60 resumed over it) and the booklet of
#    a werkgebied across two gemeenten (by a program that has them).
# What a command prints on stdout and stderr is compared too, with its elapsed seconds
# ("na 1.4 s") and the rate and time left of its progress lines ("12,2 per s, nog 0 s") left
# out.
#
# Usage: bash scripts/compare-outputs.sh [REV]   (REV: a commit, default HEAD~)
#   COMPARE_BUURTEN=N   size of the national run (default 14500; 0 skips it)
#   COMPARE_KEEP=1      keep the outputs (the folder is printed)
# The build of REV is kept in build-compare/<commit> for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rev=${1:-HEAD~}
sha=$(git rev-parse --verify "$rev^{commit}")
n=${COMPARE_BUURTEN:-14500}
jobs=2
command -v faketime >/dev/null ||
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null || exit 1; }

work=$(mktemp -d /tmp/wd-compare.XXXXXX)
if [ "${COMPARE_KEEP:-0}" = 1 ]; then
  trap 'echo "outputs kept in $work"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi

build() { # source folder, build folder
  cmake -S "$1" -B "$2" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$2" --target wijkdata-cli -j"$jobs" >/dev/null
}
old=$root/build-compare/$sha
if [ ! -x "$old/wijkdata" ]; then
  echo "== building $rev ($sha)"
  mkdir -p "$work/src"
  git archive "$sha" | tar -x -C "$work/src"
  build "$work/src" "$old"
fi
echo "== building the working tree"
new=$root/build-compare/worktree
build "$root" "$new"

data=$root/tests/data/fetchers
# One session of commands with the program $bin, in the current folder.
session() {
  local bin=$1
  run() { # name, command...: stdout and stderr kept as name.out and name.err
    local name=$1; shift
    "$@" > "$name.out" 2> "$name.err" || { echo "failed ($?): $*"; cat "$name.err"; return 1; }
    sed -i -E -e 's/ na [0-9]+\.[0-9] s/ na (tijd) s/' \
      -e 's/, [0-9]+,[0-9] per s, nog .*$/, (tempo)/' "$name.out" "$name.err"
  }
  run demo "$bin" demo --out d
  cp wijkdata.db demo.db
  local lvl
  for lvl in buurt wijk gemeente alle; do
    run "ind_$lvl" "$bin" indicators --level "$lvl"
    run "ind_${lvl}_json" "$bin" indicators --level "$lvl" --format json --out "ind_$lvl.json"
  done
  run ind_2020 "$bin" indicators --gemeente GM9999 --jaar 2020 --threads 1
  run ind_user "$bin" indicators --indicators "$root/tests/data/engine/indicators_user.json" \
    --balans "$root/tests/data/engine/balance_index_nl.json"
  run rank "$bin" rank
  run rank_json "$bin" rank --format json --out rank.json
  run rank_opt "$bin" rank --opgave bestaanszekerheid --trekkingen 200 --seed 7 --jaar 2022
  run rank_user "$bin" rank --opgaven "$root/tests/data/engine/opgaven_test.json" --format json
  cp wijkdata.db saved.db
  run regions "$bin" regions
  run regions_buurt "$bin" regions --gemeente GM9999 --level buurt
  run sources "$bin" sources
  run profile_bu "$bin" profile BU99990101 -o bu.pdf
  run profile_wk "$bin" profile WK999903 --jaar 2020 -o wk2020.pdf
  run profile_png "$bin" profile BU99990305 --format png --pagina 2 -o bu.png
  run profile_svg "$bin" profile GM9999 --format svg --pagina 3 -o gm.svg
  run profiles "$bin" profiles --gemeente GM9999 --out pp --threads 2
  if "$bin" profiles --help | grep -q -- --boekje; then
    run boekje "$bin" profiles --gemeente GM9999 --boekje boekje.pdf
  fi
  if "$bin" profiles --help | grep -q -- '--gebied WG'; then
    cp wijkdata.db wg.db
    run gebied "$bin" gebied maak Proef --buurten BU99990305,BU99990101 --wijken WK999902 \
      --store wg.db
    run boekje_wg "$bin" profiles --gebied WG0001 --boekje boekje_wg.pdf --store wg.db
  fi
  # The sheets of the wijkdialoog, by a program that has them.
  if "$bin" poster --help >/dev/null 2>&1; then
    run poster_bu "$bin" poster BU99990101 -o poster_bu.pdf
    run poster_wk "$bin" poster WK999901 --formaat a4 -o poster_wk.pdf
    run gespreksblad "$bin" gespreksblad BU99990101 -o gespreksblad.pdf
    run stemkaart "$bin" stemkaart --gebied WK999902 -o stemkaart.pdf
  fi
  # Exports, the QA report and the site, by a program that has them.
  if "$bin" export --help >/dev/null 2>&1; then
    local f
    for f in csv csv-nl xlsx geojson gpkg; do
      run "export_$f" "$bin" export --gemeente GM9999 --level alle --format "$f" --out "export.$f"
    done
    run controle "$bin" controle --gemeente GM9999
  fi
  if "$bin" site --help >/dev/null 2>&1; then
    run site "$bin" site --gemeente GM9999 --out site
  fi
  # Imports of every local format, each into its own copy of the demo store.
  imp() { # name, file, options...
    local name=$1 file=$2; shift 2
    cp demo.db "imp_$name.db"
    run "imp_$name" "$bin" import "$file" --store "imp_$name.db" "$@"
  }
  imp peiling "$data/local/peiling_2025.csv" --format csv \
    --mapping "$data/local/peiling_2025.mapping.json"
  imp peiling_json "$data/local/peiling.json" --format json \
    --mapping "$data/local/peiling.mapping.json"
  imp leeftijden "$data/local/leeftijden_2024.csv" --format csv \
    --mapping "$data/local/leeftijden_2024.mapping.json"
  imp statline d/bronnen/statline/nabijheid_2024.csv --format statline-csv
  imp lbm "d/bronnen/leefbaarometer/Leefbaarometer-scores wijken 2002-2024.csv" \
    --format leefbaarometer-csv
  imp lbm_zip "$root/fuzz/corpus/zip/lbm.zip" --format leefbaarometer-zip
  # The tests' mirror, its links pointing at its copy here (as the tests' server does).
  cp -R "$data/mirror" mirror
  grep -rl @ROOT@ mirror | while IFS= read -r f; do sed -i "s|@ROOT@|file://$PWD/mirror|g" "$f"; done
  imp pdok mirror/api.pdok.nl/cbs/wijken-en-buurten-2024/ogc/v1/collections/buurten/items \
    --format pdok-geojson --jaar 2024
  imp v4 mirror/datasets.cbs.nl/odata/v1/CBS/85984NED --format cbs-v4
  imp v3 d/bronnen/opendata.cbs.nl/ODataFeed/odata/85984NED --format cbs-v3
  imp v3_rivm d/bronnen/dataderden.cbs.nl/ODataFeed/odata/50120NED --format cbs-v3
  # fetch over file:// from the demo's mirror, into a new store.
  local m="file://$PWD/d/bronnen"
  XDG_CONFIG_HOME=$PWD/xdg XDG_CACHE_HOME=$PWD/xdg \
    WIJKDATA_CBS_ODATA_URL="$m/opendata.cbs.nl/ODataFeed/odata" \
    WIJKDATA_CBS_DATADERDEN_URL="$m/dataderden.cbs.nl/ODataFeed/odata" \
    WIJKDATA_PDOK_URL="$m/api.pdok.nl/cbs/wijken-en-buurten-{jaar}/ogc/v1" \
    WIJKDATA_LBM_URL="$m/leefbaarometer" \
    run fetch "$bin" fetch --gemeente GM9999 --years 2016-2024 --store fetch.db
  local c
  run help "$bin" --help
  for c in demo profile profiles indicators rank fetch import regions sources; do
    run "help_$c" "$bin" "$c" --help
  done
  if [ "$n" -gt 0 ]; then
    mkdir nat
    (
      cd nat
      run demo "$bin" demo --buurten "$n" --geen-profielen --out d
      run ind "$bin" indicators --level alle --out all.csv
      run ind_json "$bin" indicators --format json --out buurten.json
      run rank "$bin" rank --out rank.csv
      run rank_json "$bin" rank --format json --out rank.json
      run regions "$bin" regions
      run profiles "$bin" profiles --gemeente GM9000 --out gm9000
      # A sample of the country: every 997th region, buurten, wijken and gemeenten alike.
      local code i=0
      "$bin" regions | awk 'NR % 997 == 2 {print $1}' > sample.txt
      while read -r code; do
        run "profile_$((i++))" "$bin" profile "$code" -o "sample_$code.pdf"
      done < sample.txt
      # Two parts of a job array and a resumed part: the partition and what resume keeps.
      if "$bin" profiles --help | grep -q -- --shard; then
        run shard_1 "$bin" profiles --shard 1/60 --out shards
        run shard_60 "$bin" profiles --shard 60/60 --out shards
        run shard_1_resumed "$bin" profiles --shard 1/60 --out shards --resume
      fi
      # A werkgebied of a buurt of each of two gemeenten, in a copy of the store.
      if "$bin" profiles --help | grep -q -- '--gebied WG'; then
        local two
        two=$("$bin" regions --level buurt | awk '!seen[substr($1, 3, 4)]++ {print $1}' |
          head -2 | paste -sd,)
        cp wijkdata.db wg.db
        run gebied "$bin" gebied maak Over --buurten "$two" --store wg.db
        run boekje_wg "$bin" profiles --gebied WG0001 --boekje boekje_wg.pdf --store wg.db
      fi
    )
  fi
}

# Run A (REV), then B (the working tree), in the same folder under the same clock.
export FAKETIME_DONT_FAKE_MONOTONIC=1
for side in old new; do
  echo "== running $side"
  bin=$([ $side = old ] && echo "$old/wijkdata" || echo "$new/wijkdata")
  mkdir "$work/run"
  (cd "$work/run" && faketime -f '2026-01-26 12:00:00' bash -c "set -euo pipefail; $(declare -f session); \
    root='$root' data='$data' n='$n' session '$bin'")
  mv "$work/run" "$work/$side"
done

echo "== comparing"
files=$(cd "$work/old" && find . -type f | wc -l)
if diff -rq "$work/old" "$work/new" > "$work/diff.txt"; then
  echo "identical: $files files ($(du -sh "$work/old" | cut -f1)) byte for byte"
else
  echo "DIFFERENT ($(wc -l < "$work/diff.txt") of $files files):"
  head -40 "$work/diff.txt"
  exit 1
fi
