#!/usr/bin/env bash
# Makes sure the binaries of the real services the server's tests start are on this machine:
# PostgreSQL (initdb, pg_ctl, postgres — Debian's package, already on these machines) and Redis
# (redis-server — installed from Debian when missing, which needs root). It only installs: the
# tests start their own throwaway PostgreSQL and Redis on free ports under a temp folder and
# stop them afterwards (server/test-support/throwaway-services.ts); nothing is left running.
# Says clearly what to do when it cannot.
set -euo pipefail

say() { echo "setup-services: $*" >&2; }

pg_bin=""
if [ -n "${FT_PG_BIN:-}" ]; then
  pg_bin=$FT_PG_BIN
else
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then pg_bin=$dir; break; fi
  done
  if [ -z "$pg_bin" ] && command -v initdb >/dev/null 2>&1; then pg_bin=$(dirname "$(command -v initdb)"); fi
fi

missing=()
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ] || [ ! -x "$pg_bin/pg_ctl" ]; then missing+=(postgresql); fi
if ! command -v redis-server >/dev/null 2>&1; then missing+=(redis-server); fi

if [ "${#missing[@]}" -gt 0 ]; then
  say "missing: ${missing[*]}; installing Debian's package(s) (about 10 s)…"
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; else
      say "the PostgreSQL and Redis tests need ${missing[*]}, and installing it needs root."
      say "  Run once as root:  apt-get update && apt-get install -y ${missing[*]}"
      say "  (or set FT_PG_BIN to a directory holding initdb and pg_ctl, and put redis-server on PATH)."
      exit 1
    fi
  else SUDO=; fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "no apt-get here: install ${missing[*]} yourself (PostgreSQL ≥ 13 and Redis ≥ 6)."
    exit 1
  fi
  # A package's install script may start its system service (Redis on 6379, a PostgreSQL
  # cluster): the tests never use those, and nothing would stop them. Debian's policy-rc.d
  # hook says "do not start services"; put one in place for the install if there is none.
  policy=/usr/sbin/policy-rc.d
  added_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 755 "$policy"
    added_policy=1
  fi
  status=0
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; } || status=$?
  if [ "$added_policy" -eq 1 ]; then $SUDO rm -f "$policy"; fi
  if [ "$status" -ne 0 ]; then
    say "apt-get install ${missing[*]} failed (exit $status); the PostgreSQL and Redis tests will fail."
    exit 1
  fi
  if [ -z "$pg_bin" ]; then
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
      if [ -x "$dir/initdb" ]; then pg_bin=$dir; break; fi
    done
  fi
fi

if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  say "installed, but PostgreSQL's initdb is still not found (looked in /usr/lib/postgresql/*/bin)."
  exit 1
fi
if ! command -v redis-server >/dev/null 2>&1; then
  say "installed, but redis-server is still not on PATH."
  exit 1
fi
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  say "running as root, and there is no 'postgres' user to run PostgreSQL as (initdb refuses root)."
  say "  Create one:  useradd --system --home /var/lib/postgresql postgres"
  exit 1
fi
say "$("$pg_bin/postgres" --version | sed 's/^postgres (PostgreSQL) /PostgreSQL /; s/ (.*//') ($pg_bin) and $(redis-server --version | sed -E 's/^Redis server v=([^ ]+).*/Redis \1/') ready."
