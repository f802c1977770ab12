#!/usr/bin/env bash
# `npm test` runs this first (pretest): the alert rule tests need promtool. When it is missing, it is
# installed where that can be done without questions: Debian's and Ubuntu's `prometheus` package (as
# root, or with sudo) with the package's service start-up suppressed, or Homebrew's `prometheus` on
# macOS. Otherwise this stops before any test runs and prints the one command to run.
# PROMTOOL_POLICY_RC_D overrides where the start-up guard is written (the tests use it).
set -euo pipefail

if command -v promtool >/dev/null 2>&1; then
  exit 0
fi

stop() {
  echo "promtool is missing and was not installed: $1" >&2
  echo "Then run npm test again." >&2
  exit 1
}

if [ "$(uname -s)" = Darwin ]; then
  command -v brew >/dev/null 2>&1 || stop "install Homebrew, then run: brew install prometheus"
  echo "promtool is missing: installing it with Homebrew (brew install prometheus)" >&2
  brew install prometheus
elif command -v apt-get >/dev/null 2>&1; then
  install_command="apt-get install -y --no-install-recommends prometheus"
  if [ "$(id -u)" = 0 ]; then
    as_root=""
  elif ! command -v sudo >/dev/null 2>&1; then
    stop "as root, run: $install_command"
  elif [ -t 0 ] || sudo -n true 2>/dev/null; then
    as_root=sudo
  else
    stop "sudo needs a password here; run: sudo $install_command"
  fi
  # The package starts a Prometheus server on install unless policy-rc.d forbids it (exit 101).
  # The guard is written only where there is none, and removed again afterwards.
  guard="${PROMTOOL_POLICY_RC_D:-/usr/sbin/policy-rc.d}"
  if [ ! -e "$guard" ]; then
    $as_root sh -c "printf '#!/bin/sh\nexit 101\n' > '$guard' && chmod +x '$guard'"
    trap "$as_root rm -f '$guard'" EXIT
  fi
  echo "promtool is missing: installing Debian's prometheus package (${as_root:+$as_root }$install_command; its service is not started)" >&2
  $as_root apt-get update -qq
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
else
  stop "install Prometheus's promtool (your distribution's prometheus package, or the promtool binary of a Prometheus release) so that it is on PATH"
fi

command -v promtool >/dev/null 2>&1 || stop "the installation finished, but promtool is still not on PATH"
promtool --version 2>&1 | head -n 1 >&2
