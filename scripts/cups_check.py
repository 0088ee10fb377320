"""Prints the withdrawal-symptoms sheet through the kiosk's own print path to a real CUPS queue.

Run by cups-check.sh (which starts a private cupsd with a cups-pdf queue as the default printer).
Three cases: the queue ready (the one-page PDF cups-pdf writes is found), rejecting jobs
(cupsreject) and paused (cupsdisable): there the kiosk must say the printer is not working and
send nothing. One line per case; exit 1 on any failure.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QMessageBox

from guide_app.fonts import register_fonts
from guide_app.kiosk.pin import hash_pin, parse_pin_hash
from guide_app.kiosk.settings import KioskSettings
from guide_app.library import Library
from guide_app.ui.app import make_application
from guide_app.ui.kiosk import KioskController
from guide_app.ui.kiosk_print import NOT_WORKING
from guide_app.ui.main_window import MainWindow
from guide_app.ui.print_ui import sheet_handout

JOB_TITLE = "Clonazepam_withdrawal_symptoms"  # the sheet's title, as cups-pdf writes it in a file name


def pdfs(folder: Path) -> set[tuple[Path, float]]:
    """The PDFs in `folder`, each with when it was last written (cups-pdf reuses a title's file name)."""
    return {(p, p.stat().st_mtime) for p in folder.glob("*.pdf")} if folder.is_dir() else set()


def jobs(queue: str) -> str:
    return subprocess.run(["lpstat", "-o", queue], capture_output=True, text=True).stdout.strip()


def print_sheet(controller: KioskController, window) -> str:
    """The kiosk's print path, as a visitor's taps drive it: the question, "Print", the answer."""
    printing = controller.printing
    item = sheet_handout(window.library.pack, window.library.config)
    box = printing.ask_and_print(item, parent=window)
    if box.objectName() == "kioskPrintConfirm":
        box.button(QMessageBox.StandardButton.Yes).click()
    return printing.last_message.text() if printing.last_message is not None else ""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queue", required=True)
    parser.add_argument("--out", required=True, type=Path, help="where cups-pdf writes its PDFs")
    args = parser.parse_args()
    app = make_application()
    pin = parse_pin_hash(hash_pin("2468", iterations=1000))
    window = MainWindow(Library.open(cache_dir=False), register_fonts(), remember=False)
    controller = KioskController(window, KioskSettings(pin=pin, allow_print=True), exit_app=lambda _code: None)
    controller.apply()
    window.show()
    app.processEvents()
    failures = 0

    def report(ok: bool, what: str) -> None:
        nonlocal failures
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {what}", flush=True)

    info = QPrinterInfo.defaultPrinter()
    report(info.printerName() == args.queue, f"the default printer is the cups-pdf queue “{info.printerName()}”")

    before = pdfs(args.out)
    said = print_sheet(controller, window)
    report("sent to the printer" in said, f"ready queue: the kiosk says {said!r}")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (pdfs(args.out) - before and not jobs(args.queue)):
        time.sleep(0.5)  # until the job is done and cups-pdf has finished writing
    new = sorted(path for path, _ in pdfs(args.out) - before)
    # cups-pdf names the file after the job's title; Ghostscript's fonts leave no text to read back.
    pages = len(PdfReader(new[0]).pages) if new else 0
    report(
        bool(new) and JOB_TITLE in new[0].name and pages == 1,
        f"ready queue: cups-pdf wrote {new[0] if new else 'nothing'} ({pages} page)",
    )

    for case, off, on in (
        ("rejecting jobs (cupsreject)", "cupsreject", "cupsaccept"),
        ("paused (cupsdisable)", "cupsdisable", "cupsenable"),
    ):
        subprocess.run([f"/usr/sbin/{off}", args.queue], check=True)
        before = pdfs(args.out)
        said = print_sheet(controller, window)
        time.sleep(2)
        report(said == NOT_WORKING, f"{case}: the kiosk says {said!r}")
        report(not jobs(args.queue) and not pdfs(args.out) - before, f"{case}: nothing was sent")
        subprocess.run([f"/usr/sbin/{on}", args.queue], check=True)

    controller.leave(0)
    print("CUPS check:", "passed" if not failures else f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
