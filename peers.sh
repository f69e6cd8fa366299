#!/usr/bin/env bash
# Install the real peers netkit's tests talk to: Debian packages (as root) and the
# Python packages in a virtual environment under target/peers-venv, which the tests
# use before any other python3. Idempotent: quick when everything is already there.
#
#   sudo ./peers.sh          # once; then: cargo test --release
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(
  g++ make python3 python3-venv netbase ca-certificates
  redis-server redis-tools          # Redis (plain, TLS, cluster, sentinel), redis-cli
  rabbitmq-server                   # AMQP 0-9-1
  dnsmasq knot knot-dnsutils unbound bind9-dnsutils   # DNS servers, kdig, dig
  neovim                            # MessagePack-RPC peer
  socat ncat openssl curl           # echo and TLS peers
  apache2-utils                     # ab: keep-alive load against http serve (tests, benches)
  hyperfine                         # benches only
)
PY_PACKAGES=(pyzmq redis msgpack pika requests)
VENV=target/peers-venv

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "peers.sh: installing ${missing[*]} needs root: sudo $0" >&2
    exit 4
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d keeps the packages' own daemons (dnsmasq, redis, rabbitmq, unbound)
  # from being started: the tests start their own on free loopback ports.
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  rm -f /usr/sbin/policy-rc.d
  # Where no policy-rc.d was honoured (systemd presets), a daemon just installed
  # would hold its default port; the tests start their own on free ports. Only the
  # packages installed now: a system Redis that was already running is left alone.
  for svc in dnsmasq redis-server rabbitmq-server unbound knot; do
    if [[ " ${missing[*]} " == *" $svc "* ]]; then
      systemctl stop "$svc" 2>/dev/null || service "$svc" stop >/dev/null 2>&1 || true
    fi
  done
fi

# Under sudo, the venv (and target/, if this makes it) belong to the user who runs
# cargo, not to root: a root-owned target/ would break their next `cargo test`.
as_user=()
if [[ $(id -u) -eq 0 && -n ${SUDO_USER:-} && $SUDO_USER != root ]]; then
  as_user=(runuser -u "$SUDO_USER" --)
fi

# Debian's python3 is externally managed (PEP 668): pip goes into a venv.
if [[ ! -x $VENV/bin/python3 ]]; then
  "${as_user[@]}" mkdir -p "$VENV"
  "${as_user[@]}" python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python3" -c "import zmq, redis, msgpack, pika, requests" 2>/dev/null; then
  "${as_user[@]}" "$VENV/bin/python3" -m pip install -q --no-cache-dir --disable-pip-version-check "${PY_PACKAGES[@]}"
fi
echo "peers.sh: all peers installed (python: $VENV/bin/python3)"
