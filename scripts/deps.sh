#!/usr/bin/env bash
# Installs the Debian packages the build, the tests and the local stack need, when missing.
set -euo pipefail
need=(postgresql rabbitmq-server librabbitmq-dev pkg-config curl protobuf-compiler
      libprotobuf-c-dev protobuf-c-compiler python3-pika python3-protobuf docker-compose
      gcc make libc6-dev libprotobuf-dev libcurl4-openssl-dev chromium)
missing=()
for p in "${need[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
[ "$(id -u)" = 0 ] || { echo "deps: missing ${missing[*]}; run as root or install them" >&2; exit 1; }
echo "deps: installing ${missing[*]}"
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
