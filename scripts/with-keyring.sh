#!/bin/sh
# Run a command against a real, throw-away GNOME Keyring (Secret Service) on a private D-Bus
# session, e.g.:
#
#   scripts/with-keyring.sh npx vitest run src/main/keychain src/main/identity
#
# HOME, XDG_RUNTIME_DIR (mode 700) and XDG_DATA_HOME point into a scratch directory, so a fresh
# login keyring is created there (password "pw", unlocked) and the developer's own keyring is never
# touched. Everything is removed afterwards. Inside such a session (POS_KEYRING_SESSION=1) the
# command is simply executed. Needs the Debian packages dbus and gnome-keyring.
set -eu

if [ "${POS_KEYRING_SESSION:-}" = 1 ]; then
  exec "$@"
fi
if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi
for bin in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$bin" >/dev/null 2>&1; then
    echo "with-keyring: '$bin' not found (install the packages dbus and gnome-keyring)" >&2
    exit 127
  fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/pos-keyring.XXXXXX")
cleanup() {
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -m 700 "$scratch/run" "$scratch/data" "$scratch/config" "$scratch/cache"

# Keep the caller's npm configuration although HOME changes (npx inside the session).
npm_userconfig=${NPM_CONFIG_USERCONFIG:-${HOME:-/nonexistent}/.npmrc}

status=0
env -u DBUS_SESSION_BUS_ADDRESS -u GNOME_KEYRING_CONTROL \
  HOME="$scratch" \
  XDG_RUNTIME_DIR="$scratch/run" \
  XDG_DATA_HOME="$scratch/data" \
  XDG_CONFIG_HOME="$scratch/config" \
  XDG_CACHE_HOME="$scratch/cache" \
  NPM_CONFIG_USERCONFIG="$npm_userconfig" \
  NPM_CONFIG_UPDATE_NOTIFIER=false \
  POS_KEYRING_SESSION=1 \
  dbus-run-session -- sh -c '
    set -eu
    out=$(printf pw | gnome-keyring-daemon --unlock --components=secrets)
    # The daemon prints NAME=VALUE lines (GNOME_KEYRING_CONTROL, ...); export only those.
    for line in $out; do
      case "$line" in
        GNOME_KEYRING_CONTROL=*|GNOME_KEYRING_PID=*|SSH_AUTH_SOCK=*) export "$line" ;;
      esac
    done
    exec "$@"
  ' with-keyring "$@" || status=$?
exit "$status"
