#!/usr/bin/env bash
# benches/http.sh — the static file server and the one-shot client, side by side on
# loopback (chapter §9, issue 18):
#   1. `netkit http serve` vs `python3 -m http.server` serving the same directory under
#      the same load: `ab -k -n N -c C` (HTTP/1.0 keep-alive, what ab speaks; Python's
#      server closes after each HTTP/1.0 answer, so ab reconnects there), then the same
#      without -k (a new connection per request for both). RUNS rounds, servers
#      alternated within each round; requests/s per round, the median, and the server's
#      CPU time per request (from /proc/PID/stat).
#   2. one-shot `netkit http get` vs `curl -s -o /dev/null` against `netkit http serve`
#      (hyperfine, 200 runs): wall time of a process that fetches one JSON document.
# Usage: benches/http.sh [N] [C] [RUNS]   (defaults 20000 requests, concurrency 8, 3 rounds)
# Needs: ab (apache2-utils), python3, hyperfine, curl. Every step is bounded by `timeout`.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
C=${2:-8}
RUNS=${3:-3}
for p in ab python3 hyperfine curl; do
  command -v "$p" >/dev/null || { echo "$p is not installed (sudo ./peers.sh)" >&2; exit 2; }
done
cargo build --release -q
BIN=$PWD/target/release/netkit
TMP=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT

# The served directory: a GitHub-shaped users document (788 bytes) and a 10 KB page.
mkdir -p "$TMP/site/users"
python3 - "$TMP/site" <<'PY'
import json, sys
d = sys.argv[1]
user = {"login": "octocat", "id": 583231, "node_id": "MDQ6VXNlcjU4MzIzMQ==",
        "avatar_url": "https://avatars.githubusercontent.com/u/583231?v=4",
        "gravatar_id": "", "url": "https://api.github.com/users/octocat",
        "html_url": "https://github.com/octocat",
        "followers_url": "https://api.github.com/users/octocat/followers",
        "repos_url": "https://api.github.com/users/octocat/repos",
        "type": "User", "site_admin": False, "name": "The Octocat", "company": "@github",
        "blog": "https://github.blog", "location": "San Francisco", "email": None,
        "hireable": None, "bio": None, "twitter_username": None, "public_repos": 8,
        "public_gists": 8, "followers": 17000, "following": 9,
        "created_at": "2011-01-25T18:44:36Z", "updated_at": "2026-11-20T12:00:00Z"}
open(f"{d}/users/octocat.json", "w").write(json.dumps(user, indent=2) + "\n")
open(f"{d}/index.html", "w").write("<!DOCTYPE html>\n<title>bench</title>\n" + "<p>lorem ipsum dolor sit amet</p>\n" * 290)
PY
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 100); do curl -sf -o /dev/null "$1" && return 0; sleep 0.05; done; echo "no answer from $1" >&2; exit 3; }

NK_PORT=$(free_port)
"$BIN" http serve "$TMP/site" --listen "127.0.0.1:$NK_PORT" >/dev/null 2>&1 &
NK_PID=$!; PIDS+=("$NK_PID")
PY_PORT=$(free_port)
python3 -m http.server "$PY_PORT" --bind 127.0.0.1 --directory "$TMP/site" >/dev/null 2>&1 &
PY_PID=$!; PIDS+=("$PY_PID")
PATH_=/users/octocat.json
wait_http "http://127.0.0.1:$NK_PORT$PATH_"
wait_http "http://127.0.0.1:$PY_PORT$PATH_"
cmp <(curl -s "http://127.0.0.1:$NK_PORT$PATH_") <(curl -s "http://127.0.0.1:$PY_PORT$PATH_") \
  || { echo "the two servers do not serve the same bytes" >&2; exit 1; }

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# ab_rate PORT PID [-k] → "requests/s failed keepalive_requests server_cpu_us_per_request"
ab_rate() {
  local port=$1 pid=$2; shift 2
  local c0 c1 out
  c0=$(ticks "$pid")
  out=$(timeout 300 ab "$@" -q -s 20 -n "$N" -c "$C" "http://127.0.0.1:$port$PATH_" 2>&1) \
    || { echo "ab failed against port $port: $out" >&2; exit 3; }
  c1=$(ticks "$pid")
  awk -v c0="$c0" -v c1="$c1" -v n="$N" -v hz="$(getconf CLK_TCK)" '
    /^Requests per second:/ {rps=$4} /^Failed requests:/ {f=$3} /^Keep-Alive requests:/ {k=$3}
    END {printf "%.0f %d %d %.1f\n", rps, f, k+0, (c1-c0)/hz*1e6/n}' <<<"$out"
}

echo "# http serve vs python3 -m http.server: ab -n $N -c $C, $PATH_ ($(wc -c <"$TMP/site$PATH_") bytes)"
echo "# $(nproc) cores, load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s %-4s %12s %12s %8s %18s %18s\n' round mode "netkit req/s" "python req/s" ratio "netkit CPU us/req" "python CPU us/req"
declare -A R
for r in $(seq "$RUNS"); do
  for mode in -k new; do
    flag=(); [ "$mode" = -k ] && flag=(-k)
    read -r nrps nf nk ncpu <<<"$(ab_rate "$NK_PORT" "$NK_PID" "${flag[@]}")"
    read -r prps pf pk pcpu <<<"$(ab_rate "$PY_PORT" "$PY_PID" "${flag[@]}")"
    [ "$nf" = 0 ] && [ "$pf" = 0 ] || echo "  (failed requests: netkit $nf, python $pf)"
    ratio=$(awk -v a="$nrps" -v b="$prps" 'BEGIN {printf "%.1f", a/b}')
    printf '%-5s %-4s %12s %12s %7sx %18s %18s   (keep-alive requests: netkit %s, python %s)\n' \
      "$r" "$mode" "$nrps" "$prps" "$ratio" "$ncpu" "$pcpu" "$nk" "$pk"
    R[$mode,n]+="$nrps "; R[$mode,p]+="$prps "
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for mode in -k new; do
  mn=$(median <<<"${R[$mode,n]}"); mp=$(median <<<"${R[$mode,p]}")
  printf 'median %-4s netkit %s req/s, python %s req/s: %sx\n' "$mode" "$mn" "$mp" \
    "$(awk -v a="$mn" -v b="$mp" 'BEGIN {printf "%.1f", a/b}')"
done

echo
echo "# one-shot GET of $PATH_ from netkit http serve: netkit http get vs curl (hyperfine)"
URL="http://127.0.0.1:$NK_PORT$PATH_"
hyperfine -N --warmup 20 --runs 200 --export-json "$TMP/hf.json" \
  "$BIN http get $URL -o /dev/null" "curl -s -o /dev/null $URL" >/dev/null </dev/null
python3 - "$TMP/hf.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
(nk, cu) = r
for name, x in (("netkit http get", nk), ("curl", cu)):
    print(f"{name:16} median {x['median']*1000:6.2f} ms  mean {x['mean']*1000:6.2f} ± {x['stddev']*1000:.2f} ms")
print(f"netkit's time / curl's = {nk['median']/cu['median']:.2f}x (< 1: netkit faster)")
PY
echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
