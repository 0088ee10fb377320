#!/usr/bin/env bash
# Smoke-test a built bundle as a clinic machine would run it: from another working directory, with no
# display, no Python environment and a fresh home folder. Any failure, and any unexpected output on
# stderr (a Qt warning, a missing plugin, a traceback), fails the run loudly.
#
#   packaging/smoke-test.sh dist/guide-app/guide-app
set -euo pipefail

exe=${1:?usage: smoke-test.sh PATH/TO/guide-app}
exe=$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")
[ -x "$exe" ] || { echo "smoke-test: $exe is not an executable" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/guide-app-smoke.XXXXXX")
xvfb_pid=
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/home" "$work/cwd"
cd "$work/cwd"

# PATH without any virtual environment; nothing else from this shell leaks in (PYTHONPATH, VIRTUAL_ENV...).
clean_path=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -e '\.venv' -e "${VIRTUAL_ENV:-/nonexistent}" | paste -sd: -)
# No session bus: with a display and none, D-Bus would start a daemon of its own that outlives the test.
run_env=(env -i "PATH=$clean_path" "HOME=$work/home" "LANG=C.UTF-8" "TMPDIR=$work" "QT_QPA_PLATFORM=offscreen"
  "DBUS_SESSION_BUS_ADDRESS=disabled:")

# stderr lines that are expected and harmless (extended regular expressions); keep this list short.
allowed_stderr=(
  # Qt's offscreen platform (no display) cannot pass window size hints to a window manager it lacks.
  '^This plugin does not support propagateSizeHints\(\)$'
)

failures=0 passes=0 skips=0
skip() {
  echo "smoke-test: skip $*"
  skips=$((skips + 1))
}
fail() {
  echo "smoke-test: FAIL: $*" >&2
  failures=$((failures + 1))
}
# recheck_failed MESSAGE: a step whose command ran well failed a check of its output after all.
recheck_failed() {
  fail "$@"
  passes=$((passes - 1))
}

# run NAME EXPECTED_STATUS ARGS...: run the bundle; check its exit status and that stderr is clean.
run() {
  local name=$1 expected=$2 status=0
  shift 2
  timeout 120 "${run_env[@]}" "$@" >"$work/out" 2>"$work/err" </dev/null || status=$?
  local err
  err=$(cat "$work/err")
  for pattern in "${allowed_stderr[@]}"; do
    err=$(printf '%s\n' "$err" | grep -Ev -- "$pattern" || true)
  done
  if [ "$status" != "$expected" ]; then
    fail "$name: exit status $status, expected $expected"
  elif [ "$expected" = 0 ] && [ -n "$err" ]; then
    fail "$name: unexpected output on stderr"
  elif grep -q Traceback "$work/err" "$work/out"; then
    fail "$name: a traceback"
  else
    echo "smoke-test: ok   $name"
    passes=$((passes + 1))
    return 0
  fi
  echo "--- stdout"; cat "$work/out"; echo "--- stderr"; cat "$work/err"; echo "---"
  return 1
}

# json_check NAME PYTHON_EXPRESSION: evaluate the expression on the JSON in $work/out (as `data`).
# The checker uses the machine's python3 (isolated); the bundle under test never does.
json_check() {
  if ! python3 -I -c 'import json, sys; data = json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' \
    "$work/out" "$2"; then
    recheck_failed "$1: $2 is false for: $(head -c 400 "$work/out")"
  fi
}

if run "--version" 0 "$exe" --version; then
  grep -Eq '^guide-app [0-9]' "$work/out" || recheck_failed "--version: $(cat "$work/out")"
fi

if run "self-test" 0 "$exe" self-test; then
  cat "$work/out"
  grep -q '^self-test passed' "$work/out" || recheck_failed "self-test: no 'self-test passed' line"
fi

if run "search withdrawl --json" 0 "$exe" search withdrawl --json; then
  json_check "search withdrawl --json" \
    'data and data[0]["page"] == "detox" and data[0]["anchor"] == "detox-process-and-withdrawal-symptoms"'
fi

if run "check" 0 "$exe" check; then
  grep -q '^OK' "$work/out" || recheck_failed "check: $(cat "$work/out")"
fi

# Bad input: one line on stderr, exit 1, no traceback.
if run "show no-such-page (an error)" 1 "$exe" show no-such-page; then
  [ "$(wc -l <"$work/err")" = 1 ] || recheck_failed "show no-such-page: expected one line on stderr"
fi

# The window itself, offscreen: the app quits as soon as the first window is shown.
run "window opens and closes" 0 env GUIDE_APP_EXIT_AFTER_SHOW=1 "$exe" || true

# The same on an X server (the desktop's own platform plugin and its libraries), when Xvfb is installed.
if command -v Xvfb >/dev/null; then
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
  if [ -s "$work/display" ]; then
    run "window opens and closes on X11" 0 env GUIDE_APP_EXIT_AFTER_SHOW=1 QT_QPA_PLATFORM=xcb \
      "DISPLAY=:$(head -1 "$work/display")" "$exe" || true
  else
    fail "Xvfb did not start"
  fi
  kill "$xvfb_pid" 2>/dev/null || true
  xvfb_pid=
else
  skip "window on X11 (Xvfb is not installed)"
fi

# Features that land later are tested as soon as the bundle's --help lists them.
run "--help" 0 "$exe" --help || true
if grep -Eq '^ +sheet ' "$work/out"; then
  if run "sheet --pdf" 0 "$exe" sheet --pdf "$work/sheet.pdf"; then
    [ "$(head -c 5 "$work/sheet.pdf" 2>/dev/null)" = "%PDF-" ] || recheck_failed "sheet --pdf: $work/sheet.pdf is not a PDF"
  fi
else
  skip "sheet --pdf (not in this build)"
fi

echo "smoke-test: $passes passed, $failures failed, $skips skipped"
[ "$failures" = 0 ]
