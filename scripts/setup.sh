#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian/Ubuntu machine: system packages, then npm.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  chromium          # the browser Playwright drives (its own download cannot run here)
  gnome-keyring     # a real Secret Service for keytar
  dbus              # session bus for the keyring (dbus-run-session)
  libsecret-1-dev   # keytar builds against it
  pkg-config
  g++
  make
  python3
  zbar-tools        # decodes QR codes in tests
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# keytar compiles with node-gyp; Node's headers come with Debian's nodejs, so node-gyp must not
# try to download them.
if [ -d /usr/include/node ]; then export npm_config_nodedir=/usr; fi
npm ci --no-audit --no-fund
