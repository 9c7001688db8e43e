#!/usr/bin/env bash
# systemd-analyze verify on the shipped units, with ExecStart pointed at the
# binaries built here (the units name /usr/local/bin, which need not exist).
# Usage: verify.sh REPO_DIR BIN_DIR. systemd-analyze comes with `scripts/deps --test`.
set -euo pipefail
repo=$1
bin=$2
if ! command -v systemd-analyze >/dev/null; then
  echo "systemd-analyze not installed (scripts/deps --test installs systemd)"
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for u in lightshow-server.service lightshow-agent.service; do
  sed "s#/usr/local/bin/#$bin/#g" "$repo/deploy/systemd/$u" >"$tmp/$u"
done
# verify prints problems on stderr and may still exit 0: fail on any output.
out=$(cd "$tmp" && systemd-analyze verify ./lightshow-server.service ./lightshow-agent.service 2>&1) || {
  echo "$out"
  exit 1
}
if [[ -n "$out" ]]; then
  echo "$out"
  exit 1
fi
echo "systemd units verified"
