#!/usr/bin/env bash
# Benchmark (not a test): every profile of a national-size store as the batch options run it:
#  1. profiles of every gemeente in one process with two worker threads,
#  2. the same as two shards (--shard 1/2 and 2/2) in two processes side by side, one worker
#     thread each, sharing the store (wall: the slower of the two; peak memory: each),
#  3. --resume over the finished folder of step 1 (every profile kept: the cost of checking).
# Prints wall and CPU seconds and peak memory from GNU time (and the CPU per profile of step 1),
# and checks that the shards made the same files as the single run.
# Usage: bash scripts/bench-batch.sh [STORE]   (build/wijkdata must exist; without STORE a
# national-size demo store is made first: demo --buurten 14500 --geen-profielen)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null || exit 1; }
bin=$PWD/build/wijkdata
work=$(mktemp -d /tmp/wd-bench-batch.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ -n "${1:-}" ]; then cp "$1" "$work/land.db"; fi
cd "$work"
[ -f land.db ] || "$bin" demo --buurten 14500 --geen-profielen --out d --store land.db > /dev/null 2>&1
echo "wijkdata batch benchmark, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), store $(du -h land.db | cut -f1)"
row() { # label, GNU time file
  read -r secs user sys kb < "$2"
  printf '%-44s %8.1f s wall %8.1f s CPU %7.1f MB peak\n' "$1" "$secs" \
    "$(awk "BEGIN{print $user + $sys}")" "$(awk "BEGIN{print $kb/1024}")"
}
/usr/bin/time -f "%e %U %S %M" -o t1 "$bin" profiles --store land.db --threads 2 --out een > one.log 2>&1
n=$(ls een | wc -l)
row "profiles --threads 2 ($n PDFs)" t1
read -r _ user sys _ < t1
echo "  $(awk "BEGIN{printf \"%.1f\", 1000 * ($user + $sys) / $n}") ms of CPU per profile"
for k in 1 2; do
  /usr/bin/time -f "%e %U %S %M" -o "s$k" "$bin" profiles --store land.db --threads 1 \
    --shard "$k/2" --out twee > "s$k.log" 2>&1 &
done
wait
row "profiles --shard 1/2 --threads 1" s1
row "profiles --shard 2/2 --threads 1 (beside it)" s2
diff -rq een twee > /dev/null && echo "  the shards made the same $(ls twee | wc -l) files, byte for byte"
/usr/bin/time -f "%e %U %S %M" -o t3 "$bin" profiles --store land.db --threads 2 --resume --out een > three.log 2>&1
row "profiles --resume (every profile kept)" t3
