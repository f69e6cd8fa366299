#!/usr/bin/env bash
# Run every side-by-side benchmark in turn (about 6 minutes on 2 cores) and keep the
# output in target/bench-all.log. Each script builds the release binary first and
# prints its own ratios; docs/performance.md quotes them.
set -uo pipefail
cd "$(dirname "$0")/.."
log=target/bench-all.log
mkdir -p target
: > "$log"
# dns_trace needs root (it makes a network namespace); skipped otherwise.
extra=(); [ "$(id -u)" -eq 0 ] && extra=(dns_trace)
for b in serv echo dns "${extra[@]}" redis zmq zmq_reqrep amqp rpc http hostile; do
  echo "######## $b  $(date -u +%FT%TZ)  load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
  bash "benches/$b.sh" 2>&1 | tee -a "$log"
  echo "######## $b exit ${PIPESTATUS[0]}" | tee -a "$log"
done
