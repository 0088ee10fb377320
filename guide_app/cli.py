"""The command line: the GUI by default, subcommands for scripts (no display needed).

Each subcommand imports only what it uses, so `guide-app search` never loads Qt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from guide_app import APP_ID, __version__
from guide_app.errors import GuideError
from guide_app.exit_codes import EXIT_CRASH as EXIT_BUG  # a launcher restarts the app
from guide_app.exit_codes import EXIT_ERROR, EXIT_OK, EXIT_USAGE

# The subcommands' names, as build_parser adds them (a test checks): any of them on the command line
# means the full parser is built.
COMMANDS = frozenset(("pages", "show", "search", "check", "sheet", "print-page", "self-test", "compare", "hash-pin"))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _common(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--content", metavar="DIR", default=default, help="content pack folder (default: the bundled guide)"
    )
    parser.add_argument("--config", metavar="FILE", default=default, help="clinic config file")


def _print_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pdf", metavar="OUT", type=Path, required=True, help="the PDF file to write")
    parser.add_argument(
        "--page-size",
        choices=("a4", "letter"),
        type=str.lower,
        help="paper size (default: [print] page_size in the config, else Letter in the US and Canada, A4 elsewhere)",
    )
    parser.add_argument("--large-print", action="store_true", help="large print: 18 pt bold, 1.5 line spacing")


def _library(args: argparse.Namespace):
    from guide_app.library import Library

    return Library.open(args.content, args.config)


def _warn_problems(library) -> None:
    for problem in library.config.problems:
        print(f"warning: {problem}", file=sys.stderr)


def cmd_pages(args: argparse.Namespace) -> int:
    library = _library(args)
    pages = []
    for page in library.pack.pages():
        try:
            sections = [{"anchor": s.anchor, "title": s.title} for s in page.sections]
        except GuideError as error:
            print(f"warning: {error}", file=sys.stderr)
            sections = []
        pages.append({"id": page.id, "title": page.title, "sections": sections})
    if args.json:
        import json

        print(json.dumps(pages, ensure_ascii=False, indent=2))
    else:
        for page in pages:
            print(f"{page['id']}\t{page['title']}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    page = _library(args).pack.page(args.id)
    print(page.html if args.html else page.text)
    return EXIT_OK


def _print_answer(answer, as_json: bool) -> None:
    if as_json:
        import json

        print(json.dumps([r.as_json() for r in answer.results], ensure_ascii=False), flush=True)
        return
    if answer.suggestion:
        print(f"Did you mean: {answer.suggestion}")
    if not answer.results:
        print("No results.")
    for number, result in enumerate(answer.results, 1):
        print(f"{number}. {result.page_title} › {result.section}  [{result.page}#{result.anchor}]")
        print(f"   {result.snippet}")


def _stdin_lines():
    """Lines as they arrive; bytes that are not UTF-8 become U+FFFD instead of an error."""
    binary = getattr(sys.stdin, "buffer", None)
    if binary is None:
        yield from (line.rstrip("\r\n") for line in sys.stdin)
        return
    for raw in binary:
        yield raw.decode("utf-8", "replace").rstrip("\r\n")


def cmd_search(args: argparse.Namespace) -> int:
    index = _library(args).index
    if args.stdin:
        for line in _stdin_lines():
            _print_answer(index.answer(line, args.limit), args.json)
        return EXIT_OK
    if args.query is None:
        raise GuideError("give a QUERY, or --stdin to read one query per line")
    _print_answer(index.answer(" ".join(args.query), args.limit), args.json)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from guide_app.content.check import check_pack, format_problems

    library = _library(args)
    problems = check_pack(library.pack) + library.config.problems
    for line in format_problems(problems, library.pack.folder):
        print(line)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return EXIT_ERROR
    pages = sum(1 for _ in library.pack.pages())
    print(f"OK: {len(library.pack.guides)} guide(s), {pages} pages.")
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from guide_app.comparison.table import Comparison, programs_of

    library = _library(args)
    table, problems = programs_of(library.pack)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if table is None:
        raise GuideError("this content pack has no program comparison (programs.toml)")
    comparison = Comparison(table)
    if args.list_needs:
        for choice in comparison.filters:
            print(f"{choice.id}\t{choice.label}")
        return EXIT_OK
    comparison.only(args.only or [])
    comparison.need(args.need or [])
    if args.pdf:
        from guide_app.printing.comparison_handout import comparison_handout
        from guide_app.printing.handout import write_pdf

        item = comparison_handout(comparison, library.config)
        pages = write_pdf(item, args.pdf, library.config, page_size=args.page_size, large_print=args.large_print)
        print(f"Wrote {args.pdf} ({pages} page{'s' if pages > 1 else ''}).")
    elif args.json:  # with --need, every program not hidden by --only, each with its verdicts
        chosen = [p for p in table.programs if p.id not in comparison.hidden] if args.need else comparison.programs
        print(comparison.to_json(chosen))
    else:
        print(comparison.to_csv(comparison.programs) if args.csv else comparison.to_text(), end="")

    return EXIT_OK


def cmd_hash_pin(args: argparse.Namespace) -> int:
    from guide_app.kiosk.pin import hash_pin, read_new_pin

    print(hash_pin(read_new_pin(sys.stdin)))
    return EXIT_OK


def cmd_sheet(args: argparse.Namespace) -> int:
    from guide_app.printing.handout import write_pdf
    from guide_app.printing.sheet import sheet_handout

    library = _library(args)
    _warn_problems(library)
    item = sheet_handout(library.pack, library.config)
    pages = write_pdf(item, args.pdf, library.config, page_size=args.page_size, large_print=args.large_print)
    print(f"Wrote {args.pdf} ({pages} page{'s' if pages > 1 else ''}).")
    return EXIT_OK


def cmd_print_page(args: argparse.Namespace) -> int:
    from guide_app.printing.handout import page_handout, write_pdf

    library = _library(args)
    _warn_problems(library)
    item = page_handout(library.pack.page(args.id), library.config)
    pages = write_pdf(item, args.pdf, library.config, page_size=args.page_size, large_print=args.large_print)
    print(f"Wrote {args.pdf} ({pages} page{'s' if pages > 1 else ''}).")
    return EXIT_OK


def cmd_self_test(args: argparse.Namespace) -> int:
    from guide_app.selftest import self_test

    return self_test(args.content, args.config)


def cmd_gui(args: argparse.Namespace) -> int:
    # The content, the config and the cached index open before Qt is imported: PySide6 reads
    # back the source of every module imported after it, which costs start-up time.
    from guide_app.library import Library

    library = Library.open_for_window(args.content, args.config)
    kiosk = None
    if args.kiosk or library.config.kiosk:  # the kiosk's settings load only for a kiosk
        from guide_app.kiosk.settings import kiosk_settings

        kiosk = kiosk_settings(library.config, forced=args.kiosk)  # no admin PIN: one line, EXIT_CONFIG
    from guide_app.ui.memory import spare_source_reads

    spare_source_reads()  # (it imports PySide6, which the window needs next anyway)
    from guide_app.ui.app import run

    return run(args, library, kiosk)


class _NotJustTheGui(Exception):
    """The command line is more than the window's own options: the full parser handles it."""


class _GuiParser(_Parser):
    def error(self, message: str) -> NoReturn:
        raise _NotJustTheGui(message)


def _top_level(parser_class: type[_Parser]) -> _Parser:
    parser = parser_class(prog=APP_ID, description="Clinic Guide: an offline, searchable health guide.")
    parser.add_argument("--version", action="version", version=f"{APP_ID} {__version__}")
    _common(parser)
    parser.add_argument("--page", metavar="ID", help="open at this page")
    parser.add_argument("--kiosk", action="store_true", help="run as a locked-down kiosk")
    parser.set_defaults(func=cmd_gui)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _top_level(_Parser)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _common(p, argparse.SUPPRESS)
        p.set_defaults(func=func)
        return p

    p = command("pages", cmd_pages, "list the pages and their sections")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command("show", cmd_show, "print one page")
    p.add_argument("id", help="page id (see 'pages')")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--text", action="store_true", help="plain text (default)")
    fmt.add_argument("--html", action="store_true", help="HTML")
    p = command("search", cmd_search, "search the guide")
    p.add_argument("query", nargs="*", default=None, help="words to search for")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="at most N results (default 10)")
    p.add_argument("--stdin", action="store_true", help="read one query per line; answer each at once")
    command("check", cmd_check, "check a content pack and the config; exit 1 on any problem")
    p = command("sheet", cmd_sheet, "write the withdrawal-symptoms sheet as a PDF (no display needed)")
    _print_options(p)
    p = command("print-page", cmd_print_page, "write one page as a PDF handout (no display needed)")
    p.add_argument("id", help="page id (see 'pages')")
    _print_options(p)
    command("self-test", cmd_self_test, "check that this installation works (no display needed); exit 1 on failure")
    p = command("compare", cmd_compare, "the treatment programs side by side")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--csv", action="store_true", help="print CSV: a header, then one row per program")
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--pdf", metavar="OUT", type=Path, help="write a printable PDF to OUT")
    p.add_argument("--only", metavar="ID", nargs="+", help="only these programs (ids as in --json)")
    p.add_argument(
        "--need",
        metavar="ID",
        action="append",
        help="tick a choice (repeatable; ids from --list-needs): --json gives each program's verdict with the "
        "article's words; a program the article says nothing about is never dropped",
    )
    fmt.add_argument("--list-needs", action="store_true", help="print the ids of the choices --need takes")
    p.add_argument("--page-size", choices=("a4", "letter"), type=str.lower, help="paper size for --pdf")
    p.add_argument("--large-print", action="store_true", help="large print for --pdf")
    command("hash-pin", cmd_hash_pin, "read a kiosk admin PIN on standard input; print the line for [kiosk] admin_pin")
    return parser


def _parse(argv: list[str] | None) -> argparse.Namespace:
    """Starting the window (no subcommand) skips building every subcommand's parser: start-up time.

    Anything else (a subcommand, help, a mistake) goes to the full parser, for its own answer."""
    words = sys.argv[1:] if argv is None else argv
    if not words:  # as from a desktop launcher: argparse's first use alone costs some 3 ms
        return argparse.Namespace(content=None, config=None, page=None, kiosk=False, func=cmd_gui)
    if not any(
        word in COMMANDS or word.startswith("-h") or (len(word) > 2 and "--help".startswith(word)) for word in words
    ):
        try:
            return _top_level(_GuiParser).parse_args(words)
        except _NotJustTheGui:
            pass
    return build_parser().parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    if getattr(args, "query", None) == []:
        args.query = None
    try:
        return args.func(args)
    except GuideError as error:
        print(f"{APP_ID}: {error}", file=sys.stderr)
        return getattr(error, "exit_code", EXIT_ERROR)
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug: one line for the person, the details for whoever maintains the machine
        from guide_app.logbook import log_exception

        path = log_exception(*sys.exc_info(), private=True)
        print(f"{APP_ID}: an unexpected error stopped the app; details were written to {path}", file=sys.stderr)
        return EXIT_BUG
