#!/usr/bin/env bash
# Install the Debian packages a target needs, only when they are missing.
# Usage: scripts/system-deps.sh [gettext] [postgresql] [chromium] [ffmpeg] [nginx] [redis] [wrk] [openssl] [java] [node]
set -euo pipefail

missing=()
for need in "$@"; do
  case "$need" in
    gettext) command -v msgfmt >/dev/null || missing+=(gettext) ;;
    postgresql) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib) ;;
    chromium) [ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core) ;;
    ffmpeg) command -v ffmpeg >/dev/null || missing+=(ffmpeg) ;;
    nginx) [ -x /usr/sbin/nginx ] || missing+=(nginx) ;;
    redis) command -v redis-server >/dev/null || missing+=(redis-server) ;;
    wrk) command -v wrk >/dev/null || missing+=(wrk) ;;
    openssl) command -v openssl >/dev/null || missing+=(openssl) ;;
    java) command -v java >/dev/null || missing+=(default-jre-headless) ;;
    node) command -v npm >/dev/null || missing+=(nodejs npm) ;;
    *) echo "system-deps: unknown need '$need'" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo -n); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
