#!/usr/bin/env bash
# Installs and starts what the docker and microvm targets' tests need, from Debian's packages: the Docker
# engine (started by hand: these machines have no systemd) and QEMU with the tools the microVM image
# builder uses (busybox-static, kmod, lz4). Prints the settings the tests read; CI exports them.
set -euo pipefail

need=()
for package in docker.io qemu-system-x86 busybox-static kmod lz4; do
  dpkg-query -W -f '${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "engines: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

socket=/var/run/docker.sock
if ! curl -fsS --unix-socket "$socket" http://localhost/_ping >/dev/null 2>&1; then
  echo "engines: starting dockerd" >&2
  (dockerd >/var/log/dockerd.log 2>&1 &)
  for _ in $(seq 1 100); do
    curl -fsS --unix-socket "$socket" http://localhost/_ping >/dev/null 2>&1 && break
    sleep 0.2
  done
fi
curl -fsS --unix-socket "$socket" http://localhost/_ping >/dev/null 2>&1 || {
  echo "engines: dockerd did not answer on $socket (see /var/log/dockerd.log)" >&2
  exit 1
}

echo "export MCP_TEST_DOCKER_HOST=unix://$socket"
echo "export MCP_TEST_QEMU=$(command -v qemu-system-x86_64)"
