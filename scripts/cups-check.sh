#!/usr/bin/env bash
# The kiosk's printing against a real CUPS queue: a private cupsd (its own folder and socket, nothing of the
# system's touched) with a cups-pdf queue as the default printer; the kiosk's print path prints the
# withdrawal-symptoms sheet and the PDF cups-pdf wrote is read back; then the same with the queue rejecting
# jobs (cupsreject) and paused (cupsdisable), where the kiosk must refuse and send nothing.
# Needs (Debian): cups printer-driver-cups-pdf, and root (cups-pdf's backend runs as root).
# Usage: scripts/cups-check.sh [PYTHON]        Exit 0 when every case behaves.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
python=${1:-$here/.venv/bin/python}
work=$(mktemp -d /tmp/guide-cups.XXXXXX)
chmod 755 "$work"
mkdir -p "$work"/{root,spool,cache,state,log,tmp}
chmod 1777 "$work/tmp"
cat >"$work/root/cupsd.conf" <<EOF
Listen $work/cups.sock
LogLevel warn
DefaultAuthType None
WebInterface No
Browsing No
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
cat >"$work/root/cups-files.conf" <<EOF
ServerRoot $work/root
RequestRoot $work/spool
CacheDir $work/cache
StateDir $work/state
TempDir $work/tmp
ErrorLog $work/log/error_log
AccessLog $work/log/access_log
PageLog $work/log/page_log
SystemGroup root
Sandboxing Relaxed
EOF
/usr/sbin/cupsd -f -c "$work/root/cupsd.conf" -s "$work/root/cups-files.conf" &
cupsd=$!
trap 'kill $cupsd 2>/dev/null || true; wait $cupsd 2>/dev/null || true; rm -rf "$work"' EXIT
export CUPS_SERVER=$work/cups.sock
for _ in $(seq 50); do lpstat -r >/dev/null 2>&1 && break; sleep 0.2; done
queue=guide-kiosk-check
ppd=$(ls /usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd /usr/share/ppd/cups-pdf/*.ppd 2>/dev/null | head -1)
lpadmin -p $queue -E -v cups-pdf:/ -P "$ppd" 2>/dev/null
lpadmin -d $queue
# cups-pdf writes to ~/PDF of the user who printed (Debian's /etc/cups/cups-pdf.conf: Out ${HOME}/PDF).
out=$(getent passwd "$(id -un)" | cut -d: -f6)/PDF
QT_QPA_PLATFORM=offscreen "$python" "$here/scripts/cups_check.py" --queue $queue --out "$out"
