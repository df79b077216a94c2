#!/usr/bin/env bash
# Installs what Preflight's embedded database needs on Debian/Ubuntu: PostgreSQL 15 server
# binaries and the pgvector extension, built from Debian trixie's *source* package because
# bookworm ships no pgvector binary. Idempotent: does nothing when both are present.
#
# Why source-only: adding trixie as a binary (Types: deb) source would let the next
# apt-get install pull trixie's libc6 and friends over bookworm's (a partial dist-upgrade).
set -euo pipefail

PG_MAJOR="${PG_MAJOR:-15}"
PG_BIN="/usr/lib/postgresql/${PG_MAJOR}/bin"
PG_CONFIG="${PG_BIN}/pg_config"
SHAREDIR="/usr/share/postgresql/${PG_MAJOR}/extension"

log() { echo "[install-postgres] $*" >&2; }

have_server() { [ -x "${PG_BIN}/initdb" ] && [ -x "${PG_BIN}/pg_ctl" ]; }
have_vector() { [ -f "${SHAREDIR}/vector.control" ]; }

if have_server && have_vector; then
  log "PostgreSQL ${PG_MAJOR} and pgvector already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
  command -v sudo >/dev/null || { log "run this script as root (apt-get is needed)"; exit 2; }
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive

if ! have_server; then
  log "installing postgresql-${PG_MAJOR}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "postgresql-${PG_MAJOR}" >/dev/null
fi

if ! have_vector; then
  # Reuse the mirror and keyring the machine already trusts for bookworm.
  src=$(grep -rhs '^URIs:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1 | awk '{print $2}')
  key=$(grep -rhs '^Signed-By:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1 | awk '{print $2}')
  src="${src:-http://deb.debian.org/debian}"
  key="${key:-/usr/share/keyrings/debian-archive-keyring.gpg}"
  list=/etc/apt/sources.list.d/preflight-trixie-src.sources
  if [ ! -f "$list" ]; then
    log "adding trixie as a source-only apt entry ($list)"
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: %s\n' "$src" "$key" | $SUDO tee "$list" >/dev/null
  fi
  $SUDO apt-get update -qq
  log "installing build dependencies (dpkg-dev, postgresql-server-dev-${PG_MAJOR})"
  $SUDO apt-get install -y -qq dpkg-dev make gcc "postgresql-server-dev-${PG_MAJOR}" >/dev/null
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  ( cd "$work" && apt-get source -qq pgvector >/dev/null 2>&1 )
  dir=$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | head -1)
  [ -n "$dir" ] || { log "apt-get source pgvector found nothing; check the trixie deb-src entry in $list"; exit 2; }
  log "building $(basename "$dir") against PostgreSQL ${PG_MAJOR}"
  make -s -C "$dir" PG_CONFIG="$PG_CONFIG" >/dev/null
  $SUDO make -s -C "$dir" install PG_CONFIG="$PG_CONFIG" >/dev/null
  # Installing server-dev can upgrade the server package: restart a cluster that went down.
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters --no-header 2>/dev/null | awk '$4=="down"{print $1, $2}' | while read -r v c; do
      $SUDO pg_ctlcluster --skip-systemctl-redirect "$v" "$c" start || true
    done
  fi
fi

have_vector || { log "pgvector is still missing after the build"; exit 2; }
log "ready: $(${PG_BIN}/postgres --version), pgvector $(grep default_version "${SHAREDIR}/vector.control" | cut -d"'" -f2)"
