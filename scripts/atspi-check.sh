#!/usr/bin/env bash
# Start the app on a virtual display with the accessibility bus on, and read its page through AT-SPI.
# Needs (Debian): xvfb at-spi2-core python3-pyatspi dbus. Usage: scripts/atspi-check.sh [PYTHON]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
python=${1:-$here/.venv/bin/python}
exec dbus-run-session -- bash -c '
  set -euo pipefail
  Xvfb :93 -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb=$!
  /usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 & bus=$!
  sleep 1
  DISPLAY=:93 QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_ACCESSIBILITY=1 "$1" -m guide_app --page detox >/dev/null 2>&1 & app=$!
  status=0
  DISPLAY=:93 /usr/bin/python3 "$2/scripts/atspi_check.py" "Seizures (in severe cases)" || status=$?
  kill $app $bus $xvfb 2>/dev/null || true
  exit $status
' _ "$python" "$here"
