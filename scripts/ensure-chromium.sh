#!/usr/bin/env bash
# Installs Debian's Chromium for the end-to-end tests when absent (no browser download: the
# registry mirror and Debian are the only sources here). Idempotent. Prints the executable path.
set -euo pipefail
find_chromium() {
  for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}
if ! find_chromium >/dev/null; then
  echo "ensure-chromium: installing chromium from Debian packages" >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    chromium fonts-dejavu-core fonts-noto-core >&2
fi
find_chromium
