#!/usr/bin/env bash
# Quick start, step 2: build and run every test: the normal build with warnings as errors and
# the structure check (scripts/check-structure.sh), then the whole suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer, then the fuzz harnesses over their corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
wd_install_deps
jobs=$(nproc)

echo "== build + tests (gcc, -Werror)"
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWD_WERROR=ON >/dev/null
cmake --build build-test -j"$jobs" >/dev/null
ctest --test-dir build-test --output-on-failure -j"$jobs"

echo "== structure (SQL in the store only, thin CLI, layers, no include or call circle)"
bash scripts/check-structure.sh build-test

echo "== build + tests under ASan + UBSan (clang)"
cmake -S . -B build-asan -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DWD_WERROR=ON \
  -DWD_SANITIZE=ON -DWD_FUZZ=ON >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"
