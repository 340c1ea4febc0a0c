#!/usr/bin/env bash
# Debian packages some tests use: promtool (alert rules) and chromium (portal screenshots).
# Tests that need a missing tool skip and say why; this only tries to install them.
set -u
want=()
command -v promtool >/dev/null 2>&1 || want+=(prometheus)
[ -x /usr/bin/chromium ] || want+=(chromium)
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "tools: not installing ${want[*]} (needs root and apt-get); the tests that use them will skip"
  exit 0
fi
echo "tools: installing ${want[*]}"
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}") \
  >/tmp/tabel-install-tools.log 2>&1 || echo "tools: install failed (see /tmp/tabel-install-tools.log); dependent tests will skip"
exit 0
