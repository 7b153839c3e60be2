"""Command line: parse arguments → engine → formatter → write → exit code.

No formatting and no rule logic here. Imports are lazy so ``lintkit
--version`` starts in a few tens of milliseconds.
"""

from __future__ import annotations

# isort: off
from . import _interrupt  # noqa: F401  (first: Ctrl-C while the rest loads)

# isort: on
import argparse
import atexit
import io
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from . import __version__
from .formatters import FORMATS

if TYPE_CHECKING:
    from .config import Project
    from .engine import RunResult


class ExitCode(IntEnum):
    """Process exit codes (SPEC §4)."""

    OK = 0  # nothing at or above --fail-on
    FINDINGS = 1  # findings at or above --fail-on
    USAGE = 2  # usage, configuration or rule-pack error; an internal error


OK, FINDINGS, USAGE = ExitCode.OK, ExitCode.FINDINGS, ExitCode.USAGE


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse exits 2 too; keep our prefix
        self.print_usage(sys.stderr)
        from .formatters._escape import printable  # the message quotes the arguments

        print(f"lintkit: error: {printable(message)}", file=sys.stderr)
        raise SystemExit(USAGE)


class _SafeStderr(io.TextIOBase):
    """stderr for the rest of a command: its warnings and errors carry paths,
    settings and messages from the checked repository, so every write has
    its control characters escaped (``formatters._escape.printable``) except
    the line break that ends it (``print`` writes that one alone), and the
    carriage return and erase-line that start a redrawn progress line
    (lintkit's own: no message starts with them). A newline inside a message
    cannot start a line of a CI log, where ``::`` is a workflow command."""

    _REDRAW = ("\r\x1b[K", "\r")

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def write(self, s: str) -> int:
        from .formatters._escape import printable

        lead = next((r for r in self._REDRAW if s.startswith(r)), "")
        body, end = (s[len(lead) : -1], "\n") if s.endswith("\n") else (s[len(lead) :], "")
        self.inner.write(lead + printable(body) + end)
        return len(s)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return bool(self.inner.isatty())

    def fileno(self) -> int:
        return int(self.inner.fileno())


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="lintkit", description="Content-accuracy and consistency linter for health content.")
    p.add_argument("--version", action="version", version=f"lintkit {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("paths", nargs="*", type=Path, help="files or folders (default: configured content paths)")
        sp.add_argument("--config", type=Path, help="configuration file (default: discovered)")
        sp.add_argument(
            "--select",
            action="extend",
            type=_codes,
            default=[],
            metavar="CODES",
            help="only these codes or prefixes (TRM, RF001, terminology), comma-separated",
        )
        sp.add_argument(
            "--ignore", action="extend", type=_codes, default=[], metavar="CODES", help="skip these codes or prefixes"
        )
        sp.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
        sp.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes (default: cores)")
        sp.add_argument("--today", default=None, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
        sp.add_argument(
            "--verbose",
            "-v",
            action="store_true",
            help="say which configuration was used and how many files the cache served",
        )

    c = sub.add_parser("check", help="lint files and folders")
    common(c)
    c.add_argument("--format", "-f", choices=FORMATS, default="text")
    c.add_argument("--output", "-o", type=Path, metavar="FILE", help="write the report here")
    c.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default=None,
        help="lowest severity that fails the run (default: error, or fail_on in config)",
    )
    c.add_argument("--fix", action="store_true", help="apply safe automatic fixes")
    c.add_argument("--diff", action="store_true", help="print safe fixes as a diff; write nothing")
    c.add_argument("--baseline", type=Path, metavar="FILE", help="report only findings not in this baseline")
    c.add_argument("--quiet", "-q", action="store_true", help="one line per finding, no source")
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto")

    b = sub.add_parser("baseline", help="record today's findings so later runs report only new ones")
    common(b)
    b.add_argument("--output", "-o", type=Path, required=True, metavar="FILE")

    sub.add_parser("rules", help="list every rule")
    r = sub.add_parser("rule", help="show one rule's documentation")
    r.add_argument("code")
    s = sub.add_parser("schema", help="print the JSON Schema of the effective front matter")
    s.add_argument("--config", type=Path)
    sub.add_parser("lsp", help="run the language server on stdio")
    return p


INTERRUPTED = 130  # 128 + SIGINT, as shells report a process stopped by Ctrl-C


def main(argv: list[str] | None = None) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return USAGE
        from .config import LintkitError
    except KeyboardInterrupt:
        print("lintkit: interrupted", file=sys.stderr)
        return INTERRUPTED

    stderr = sys.stderr
    sys.stderr = _SafeStderr(stderr)
    try:
        return int(_dispatch(args))
    except LintkitError as e:
        print(f"lintkit: error: {e}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        print("lintkit: interrupted", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        return OK
    except OSError as e:  # the report or baseline could not be written (disk full, read-only …)
        print(f"lintkit: error: {e}", file=sys.stderr)
        return USAGE
    finally:
        sys.stderr = stderr


def entry() -> NoReturn:
    """The ``lintkit`` command and ``python -m lintkit``: :func:`main`, then
    exit without the interpreter's teardown. Freeing every object of a run one
    by one (the syllable dictionary alone has 126,000 entries) took a tenth
    of the time of a one-file run. Output is flushed and exit handlers
    (``LINTKIT_TIMINGS``) run first.

    pydantic plugins are off in the command's own process (unless the user
    sets ``PYDANTIC_DISABLE_PLUGINS``): lintkit's models are internal, and
    pydantic's search of every installed package's entry points for plugins
    cost about 10 ms of every run."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code: int = INTERRUPTED
    try:
        code = main()
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:  # e.g. piped into head: as main() treats it
            pass
        except OSError:  # the report could not be written (disk full …)
            code = USAGE
        atexit._run_exitfuncs()
    except KeyboardInterrupt:  # between main's handlers and the exit
        code = INTERRUPTED
    os._exit(code)


def _dispatch(args: argparse.Namespace) -> int:
    cmd = args.command
    if cmd == "rules":
        from .checks import REGISTRY
        from .docs import render_list

        sys.stdout.write(render_list(REGISTRY.rules))
        return OK
    if cmd == "rule":
        from .checks import REGISTRY
        from .docs import render_rule
        from .registry import resolve

        rules = REGISTRY.rules
        code = resolve(args.code)
        rule = rules.get(code) or next((r for r in rules.values() if r.name == args.code), None)
        if rule is None:
            print(f"lintkit: error: unknown rule {args.code!r}; see 'lintkit rules'", file=sys.stderr)
            return USAGE
        sys.stdout.write(render_rule(rule))
        return OK
    if cmd == "schema":
        import json

        from .config import load_project
        from .schema import json_schema

        project = load_project(args.config)
        sys.stdout.write(json.dumps(json_schema(project.settings), indent=2) + "\n")
        return OK
    if cmd == "lsp":
        from .lsp import serve

        serve()
        return OK
    if cmd == "baseline":
        return _baseline(args)
    return _check(args)


def _project(args: argparse.Namespace) -> Project:
    import datetime as dt

    from .config import ConfigError, load_project, today_from_env

    today = None
    if args.today:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError:
            raise ConfigError(f"--today {args.today!r} is not an ISO date (YYYY-MM-DD)") from None
    if args.config is not None and not args.config.is_file():
        raise ConfigError(f"configuration file not found: {args.config}")
    return load_project(args.config, today=today or today_from_env())


def _validate_selectors(args: argparse.Namespace) -> None:
    from .checks import REGISTRY
    from .config import ConfigError

    for opt in ("select", "ignore"):
        for sel in getattr(args, opt):
            if not REGISTRY.valid_selector(sel):
                raise ConfigError(f"--{opt}: {sel!r} matches no rule; see 'lintkit rules'")


def _paths(args: argparse.Namespace, project: Project) -> list[Path]:
    from .config import ConfigError

    if args.paths:
        missing = [p for p in args.paths if not p.exists() and not p.is_symlink()]
        if missing:
            raise ConfigError("no such file or directory: " + ", ".join(str(p) for p in missing))
        return list(args.paths)
    paths = [project.resolve(p) for p in project.settings.content]
    existing = [p for p in paths if p.exists()]
    if not existing:
        where = f" in {project.config_path}" if project.config_path else " (default)"
        raise ConfigError(
            f"no paths given and the content paths{where} do not exist: " + ", ".join(str(p) for p in paths)
        )
    return existing


def _run(args: argparse.Namespace, project: Project) -> RunResult:
    from .engine import run

    return run(
        project,
        _paths(args, project),
        select=args.select or None,
        ignore=args.ignore or None,
        jobs=args.jobs,
        use_cache=not args.no_cache,
    )


def _report_notes(res: RunResult, verbose: bool, project: Project | None = None) -> None:
    if verbose:
        if project is not None:
            where = project.config_path or "none found; defaults"
            print(f"lintkit: configuration: {where} (project root {project.root})", file=sys.stderr)
        st = res.stats
        if st:
            workers = f" in {st['workers']} worker processes" if st.get("workers") else ""
            print(
                f"lintkit: {st['files']} files: {st['hits']} from the cache, {st['computed']} checked{workers}",
                file=sys.stderr,
            )
    # skipped links and unreadable folders are rare and mean something was
    # not checked: always say so
    for n in res.notes:
        print(f"lintkit: warning: {n}", file=sys.stderr)
    for e in res.errors:
        print(f"lintkit: internal error (please report): {e}", file=sys.stderr)


def _check(args: argparse.Namespace) -> int:
    from .findings import Severity

    project = _project(args)
    _validate_selectors(args)
    if args.fix and args.diff:
        from .config import ConfigError

        raise ConfigError("--fix and --diff cannot be combined")
    if args.diff:
        return _diff(args, project)
    if args.fix:
        _fix(args, project)
    res = _run(args, project)
    _report_notes(res, args.verbose, project)
    report = res.report
    if args.baseline is not None:
        import dataclasses

        from . import baseline

        known = baseline.load(args.baseline)
        kept = tuple(known.filter(list(report.findings)))
        hidden = len(report.findings) - len(kept)
        if hidden and not args.quiet:
            plural = "s" if hidden != 1 else ""
            print(f"lintkit: {hidden} known finding{plural} hidden by the baseline", file=sys.stderr)
        report = dataclasses.replace(report, findings=kept)
    from .checks import REGISTRY
    from .formatters import RenderOptions, get_chunks

    color = args.color == "always" or (
        args.color == "auto" and args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    )
    options = RenderOptions(
        color=color,
        sources=_LazySources(res),
        rules=REGISTRY.rules,
        quiet=args.quiet,
    )
    pieces = get_chunks(args.format)(report, options)
    if args.output is not None:
        _write_report(args.output, pieces)
    else:
        for piece in pieces:
            sys.stdout.write(piece)
        sys.stdout.flush()
    if res.errors:
        return USAGE
    fail_on = Severity(args.fail_on) if args.fail_on else project.settings.fail_on
    return FINDINGS if report.at_or_above(fail_on) else OK


def _write_report(path: Path, pieces: Iterable[str]) -> None:
    """Write the report through a temporary file renamed over ``path``: a
    reader (CI uploading SARIF) sees the old report or the whole new one."""
    from .atomicio import remove_stale, replacing

    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink() or (path.exists() and not path.is_file()):  # /dev/null, a pipe, a link: in place
        with open(path, "w", encoding="utf-8") as fh:
            fh.writelines(pieces)
        return
    with replacing(path, "w", permissions=0o666 & ~_umask(), encoding="utf-8") as fh:
        fh.writelines(pieces)
    remove_stale([path.parent], path.name)  # left by an earlier run that was killed


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class _LazySources(Mapping[str, str]):
    """File text by display path, read only for files that have findings."""

    def __init__(self, res: RunResult) -> None:
        self._paths = {p: r.abspath for p, r in res.results.items() if r.abspath}
        self._cache: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        if key not in self._cache:
            path = self._paths.get(key)
            if path is None:
                raise KeyError(key)
            try:
                text = Path(path).read_bytes().decode("utf-8", errors="replace")
            except OSError:
                text = ""
            self._cache[key] = text[1:] if text.startswith("\ufeff") else text
        return self._cache[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def _fixable(res: RunResult) -> dict[str, list[Any]]:
    """Reported findings with safe fixes, by file, for files without parse errors."""
    out: dict[str, list[Any]] = {}
    for f in res.report.findings:
        if f.fix is None or f.fix.applicability != "safe":
            continue
        r = res.results.get(f.path)
        if r is None or r.parse_error or not r.abspath:
            continue
        out.setdefault(f.path, []).append(f)
    return out


def _fix(args: argparse.Namespace, project: Project) -> None:
    """Apply safe fixes until nothing changes (at most a few rounds: a fix can
    reveal another), writing each file atomically."""
    from .fix import fix_file

    skipped: set[str] = set()
    total = 0
    for _round in range(5):
        res = _run(args, project)
        changed = 0
        for path, findings in _fixable(res).items():
            if path in skipped:
                continue
            r = res.results[path]
            wr = fix_file(Path(r.abspath), findings, expected_digest=r.digest)
            if wr.written:
                changed += wr.applied
            elif wr.reason != "nothing to fix":
                skipped.add(path)
                print(f"lintkit: warning: {path}: {wr.reason}", file=sys.stderr)
        total += changed
        if changed == 0:
            break
    if total and not getattr(args, "quiet", False):
        print(f"lintkit: applied {total} fix{'es' if total != 1 else ''}", file=sys.stderr)


def _diff(args: argparse.Namespace, project: Project) -> int:
    from .fix import fix_text, read_for_fix, unified_diff

    res = _run(args, project)
    _report_notes(res, args.verbose, project)
    chunks = []
    for path, findings in sorted(_fixable(res).items()):
        r = res.results[path]
        got = read_for_fix(Path(r.abspath), r.digest)
        if isinstance(got, str):
            print(f"lintkit: warning: {path}: {got}", file=sys.stderr)
            continue
        text = got[0]
        new, _ = fix_text(text, findings)
        # a second pass catches fixes revealed by the first, as --fix does
        for _ in range(4):
            from .engine import lint_text

            more = [
                f
                for f in lint_text(new, path, project, select=args.select or None, ignore=args.ignore or None)
                if f.fix is not None and f.fix.applicability == "safe"
            ]
            newer, m = fix_text(new, more)
            if m == 0 or newer == new:
                break
            new = newer
        if new != text:
            chunks.append(unified_diff(path, text, new))
    out = "".join(chunks)
    if args.output is not None:
        args.output.write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return FINDINGS if out else OK


def _baseline(args: argparse.Namespace) -> int:
    from . import baseline

    project = _project(args)
    _validate_selectors(args)
    res = _run(args, project)
    _report_notes(res, args.verbose, project)
    baseline.save(res.report, args.output)
    n = len(res.report.findings)
    print(f"lintkit: recorded {n} finding{'s' if n != 1 else ''} in {args.output}", file=sys.stderr)
    return USAGE if res.errors else OK
