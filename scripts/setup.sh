#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build, and render the demonstration profiles.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
wd_install_deps
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
echo "Gebouwd: build/wijkdata"
./build/wijkdata demo --out wijkprofielen-demo
