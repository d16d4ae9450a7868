#!/usr/bin/env bash
# Check that the house keeps its shape (README, "Architecture"):
#  1. SQL: no file of the library or the programs outside the store module (engine/wd_store*)
#     includes SQLite, calls it or holds a statement in a string (tests may look into a store);
#     the one named exception is the GeoPackage writer (engine/wd_gpkg.c), because a
#     GeoPackage is a file format that happens to be SQLite, not a store: it opens only the
#     file it writes and reads nothing of the store;
#  2. the CLI (cli/) calls neither SQLite, cairo, pango nor libcurl directly: it goes through
#     the library;
#  3. includes follow the layers (engine <- fetchers, engine <- plots, fetchers <- demo; cli/
#     only in cli/; no "../"), internal headers (*_int.h) stay in their folder, and no two
#     modules include each other, directly or round a longer circle;
#  4. in the build folder BUILD (default build): the engine's target links without cairo,
#     pango and libcurl, the plots' without libcurl, the fetchers' without cairo and pango
#     (the link lines of the layer_* programs, and what their binaries load);
#  5. every function a file of the library exports carries its module's prefix: the file's
#     name (wd_geo.c: wd_geo_*), or that of the module it is part of (wd_store_data.c and
#     wd_chart_map.c: wd_store_*, wd_chart_*), read from the layers' archives in BUILD.
# Usage: bash scripts/check-structure.sh [BUILD]   (run after building BUILD)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
failed=0
fail() {
  echo "check-structure: $*" >&2
  failed=1
}

lib_files=$(git ls-files 'engine/*.[ch]' 'fetchers/*.[ch]' 'plots/*.[ch]' 'demo/*.[ch]' \
  'lib/*.[ch]' 'cli/*.[ch]' 'scripts/*.c' 2>/dev/null || true)
[ -n "$lib_files" ] || lib_files=$(ls engine/*.[ch] fetchers/*.[ch] plots/*.[ch] demo/*.[ch] \
  lib/*.[ch] cli/*.[ch] scripts/*.c)

# 1. SQL only in the store.
sql='sqlite3|"[^"]*\b(SELECT|INSERT|UPDATE|DELETE FROM|CREATE (TEMP )?TABLE|DROP TABLE|PRAGMA|SAVEPOINT|RELEASE|ROLLBACK|BEGIN IMMEDIATE|COMMIT)\b'
for f in $lib_files; do
  case $f in engine/wd_store.c | engine/wd_store_data.c | engine/wd_store_int.h) continue ;; esac
  # The GeoPackage writer: SQL for its own file, never the store's (it includes no store header).
  if [ "$f" = engine/wd_gpkg.c ]; then
    hits=$(grep -nE '#include "engine/wd_store' "$f" || true)
    [ -z "$hits" ] || fail "the GeoPackage writer may not touch the store:"$'\n'"$hits"
    continue
  fi
  hits=$(grep -nE "$sql" "$f" || true)
  [ -z "$hits" ] || fail "SQL outside the store in $f:"$'\n'"$hits"
done

# 2. The CLI talks to the library only.
for f in cli/*.[ch]; do
  hits=$(grep -nE '\b(sqlite3|cairo|pango|curl)_[a-z_]+\(|#include <(sqlite3|cairo|pango|curl)' "$f" || true)
  [ -z "$hits" ] || fail "$f calls SQLite, cairo, pango or libcurl directly:"$'\n'"$hits"
done

# 3. Includes: layers, internal headers, circles.
python3 - $lib_files <<'EOF' || failed=1
import os, re, sys
files = sys.argv[1:]
allowed = {"engine": {"engine"}, "fetchers": {"engine", "fetchers"}, "plots": {"engine", "plots"},
           "demo": {"engine", "fetchers", "demo"}, "lib": {"engine", "fetchers", "plots", "lib"},
           "cli": {"engine", "fetchers", "plots", "demo", "lib", "cli"},
           "scripts": {"engine", "fetchers", "plots", "demo", "lib"}}
bad = 0
graph = {}
# A circle that is known and whose removal is planned: reported, not failed. The fetchers'
# parse helpers become a module of their own after the fetchers' rework (issue 11, step 5).
known = {("fetchers/wd_fetch", "fetchers/wd_parse")}
def module(path):
    # An internal header belongs to its module: wd_store_int.h to wd_store.
    return re.sub(r"_int$", "", os.path.splitext(path)[0])
for f in files:
    folder = f.split("/")[0]
    for n, line in enumerate(open(f, encoding="utf-8"), 1):
        m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
        if not m:
            continue
        inc = m.group(1)
        where = f"{f}:{n}: #include \"{inc}\""
        if ".." in inc.split("/"):
            print(f"check-structure: {where}: a relative include", file=sys.stderr); bad = 1
            continue
        layer = inc.split("/")[0]
        if layer not in allowed[folder]:
            print(f"check-structure: {where}: {folder}/ may not include {layer}/", file=sys.stderr)
            bad = 1
        if inc.endswith("_int.h") and layer != folder:
            print(f"check-structure: {where}: an internal header of another folder", file=sys.stderr)
            bad = 1
        a, b = module(f), module(inc)
        if a != b:
            graph.setdefault(a, set()).add(b)
# Circles between modules (a module: its .h and .c): depth-first search for a back edge.
state, stack = {}, []
def visit(m):
    global bad
    state[m] = 1
    stack.append(m)
    for n in sorted(graph.get(m, ())):
        if state.get(n) == 1:
            circle = stack[stack.index(n):] + [n]
            text = " -> ".join(circle)
            if tuple(sorted(set(circle))) in known:
                print(f"check-structure: known include circle, to go: {text}", file=sys.stderr)
            else:
                print(f"check-structure: include circle: {text}", file=sys.stderr)
                bad = 1
        elif n not in state:
            visit(n)
    stack.pop()
    state[m] = 2
for m in sorted(graph):
    if m not in state:
        visit(m)
sys.exit(bad)
EOF

# 4. What each layer links.
check_links() { # layer, forbidden library names...
  local layer=$1; shift
  local link="$build/CMakeFiles/layer_$layer.dir/link.txt" bin="$build/layer_$layer" lib
  if [ ! -f "$link" ] || [ ! -x "$bin" ]; then
    fail "$bin is not built (build $build first)"
    return
  fi
  for lib in "$@"; do
    if grep -qE -- "(-l|/lib)$lib[^ /]*\.(so|a)|-l$lib\b" "$link" || ldd "$bin" | grep -q "lib$lib"; then
      fail "the $layer layer links $lib"
    fi
  done
}
check_links engine cairo pango curl
check_links plots curl
check_links fetchers cairo pango

# 5. Prefixes. The fetchers' parse helpers (and the two string helpers of wd_batch.c they use)
# are renamed with their parse module (issue 11, step 5): known, reported, not failed.
known_names=" wd_strip_suffix wd_trim_copy wd_lbm_class_name wd_parse_cell wd_parse_lbm_csv
 wd_parse_mapped_csv wd_parse_number wd_parse_statline_csv wd_utf8_valid wd_check_gemeente
 wd_kwb_table_id wd_file_url wd_parse_mapped_json wd_measures_find wd_measures_free
 wd_parse_v4_measures wd_parse_v4_observations wd_parse_v4_properties wd_code_in_gemeente
 wd_parent_of_code wd_parse__region wd_parse_dataproperties wd_parse_json_doc wd_parse_kwb_rows
 wd_parse_odata wd_parse_regions wd_parse_rivm_rows wd_parse_tableinfos wd_parse_year
 wd_props_find wd_props_free wd_rivm_state_free wd_rivm_state_new wd_parse_pdok
 wd_parse_special wd_parse_table_id wd_parse_catalog wd_parse_dataproperties_page
 wd_parse_tableinfo_object wd_props_name wd_tables_free "
known_names=" $(echo $known_names) "
known_left=0
for archive in "$build"/libwd_*.a; do
  [ -f "$archive" ] || { fail "no layer archives in $build"; break; }
  while read -r file sym; do
    stem=${file%.c.o}
    ok=0
    prefix=$stem
    while :; do # the file's name, then each shorter name that is a module with a header
      if [ "$sym" = "$prefix" ] || [ "${sym#"${prefix}"_}" != "$sym" ]; then
        if [ "$prefix" = "$stem" ] || ls ./*/"$prefix.h" >/dev/null 2>&1; then ok=1; fi
      fi
      [ $ok = 1 ] || [ "${prefix%_*}" = "$prefix" ] || [ "${prefix%_*}" = wd ] && break
      prefix=${prefix%_*}
    done
    [ $ok = 1 ] && continue
    case $known_names in
      *" $sym "*) known_left=$((known_left + 1)) ;;
      *) fail "$file exports $sym without the prefix of its module ($stem)" ;;
    esac
  done < <(nm -A --defined-only "$archive" | awk '$2 == "T" {n = split($1, p, ":"); print p[n-1], $3}')
done
[ "$known_left" = 0 ] ||
  echo "check-structure: $known_left functions of the fetchers' parse helpers still without their module's prefix (to go with their parse module)" >&2

if [ "$failed" = 0 ]; then
  echo "structure: SQL only in the store, a thin CLI, layered includes without circles," \
    "the engine without cairo, pango and libcurl, module prefixes"
fi
exit "$failed"
