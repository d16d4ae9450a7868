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
#     modules include each other, directly or round a longer circle, nor call each other so
#     (read from the layers' archives in BUILD: what each object file defines and uses);
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

# 3. Includes: layers, internal headers, circles; and circles of calls, read from the layers'
# archives in BUILD (what each object file defines and what it uses).
symbols=$(mktemp)
trap 'rm -f "$symbols"' EXIT
for a in "$build"/libwd_*.a; do [ ! -f "$a" ] || nm -A "$a"; done > "$symbols"
python3 - "$symbols" $lib_files <<'EOF' || failed=1
import glob, os, re, sys
symbols, files = sys.argv[1], sys.argv[2:]
allowed = {"engine": {"engine"}, "fetchers": {"engine", "fetchers"}, "plots": {"engine", "plots"},
           "demo": {"engine", "fetchers", "demo"}, "lib": {"engine", "fetchers", "plots", "lib"},
           "cli": {"engine", "fetchers", "plots", "demo", "lib", "cli"},
           "scripts": {"engine", "fetchers", "plots", "demo", "lib"}}
bad = 0
includes = {}
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
            includes.setdefault(a, set()).add(b)
# Calls between modules: an object file belongs to the module of its own header, or to the
# module whose header names the start of its own (wd_store_data.c.o to wd_store).
headers = {os.path.basename(h)[:-2] for h in glob.glob("*/*.h")}
def module_of_object(stem):
    m = stem
    while m not in headers and "_" in m[3:]:
        m = m.rsplit("_", 1)[0]
    return m if m in headers else stem
defined, used = {}, {}
for line in open(symbols):
    f = line.split()
    obj = f[0].split(":")[-2]
    if not obj.endswith(".c.o"):
        continue
    mod = module_of_object(obj[:-4])
    if len(f) == 3 and f[1] in "TDRB":
        defined[f[2]] = mod
    elif f[-2] == "U":
        used.setdefault(mod, set()).add(f[-1])
calls = {m: {defined[s] for s in syms if s in defined} - {m} for m, syms in used.items()}
# Circles between modules: depth-first search for a back edge.
def circles(graph, kind):
    state, stack = {}, []
    def visit(m):
        global bad
        state[m] = 1
        stack.append(m)
        for n in sorted(graph.get(m, ())):
            if state.get(n) == 1:
                circle = stack[stack.index(n):] + [n]
                print(f"check-structure: {kind} circle: {' -> '.join(circle)}", file=sys.stderr)
                bad = 1
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2
    for m in sorted(graph):
        if m not in state:
            visit(m)
circles(includes, "include")
circles(calls, "call")
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

# 5. Prefixes.
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
    [ $ok = 1 ] || fail "$file exports $sym without the prefix of its module ($stem)"
  done < <(nm -A --defined-only "$archive" | awk '$2 == "T" {n = split($1, p, ":"); print p[n-1], $3}')
done
if [ "$failed" = 0 ]; then
  echo "structure: SQL only in the store, a thin CLI, layered includes and calls without circles," \
    "the engine without cairo, pango and libcurl, module prefixes"
fi
exit "$failed"
