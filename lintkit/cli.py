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
    version = f"lintkit {__version__}"
    p.add_argument("--version", "-V", action="version", version=version)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--version", "-V", action="version", version=version, help="print the version and exit")
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
        sp.add_argument(
            "--stdin-filename",
            type=Path,
            metavar="PATH",
            help="read the document from stdin (path '-' or none) and report it as PATH",
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
    c.add_argument("--fix", action="store_true", help="apply safe automatic fixes and list them")
    c.add_argument("--diff", action="store_true", help="print safe fixes as a diff; write nothing")
    c.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff: also the suggestions marked unsafe (review them)",
    )
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (2 still means lintkit failed)")
    c.add_argument(
        "--statistics",
        action="store_true",
        help="instead of the findings, one line per rule: count, files, fixable",
    )
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

        return serve()
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
    # the configuration is found walking up from the checked files (the
    # document read from stdin counts as its --stdin-filename)
    stdin = _stdin_name(args)
    starts = [stdin] if stdin is not None else [p for p in args.paths if str(p) != "-"]
    return load_project(args.config, today=today or today_from_env(), paths=starts)


def _stdin_name(args: argparse.Namespace) -> Path | None:
    """The name the document read from stdin is reported under, or None when
    files are checked: ``-`` as the only path, or --stdin-filename alone."""
    from .config import ConfigError

    dash = [p for p in args.paths if str(p) == "-"]
    if not dash and args.stdin_filename is None:
        return None
    if len(args.paths) > len(dash) or len(dash) > 1:
        raise ConfigError("'-' (stdin) cannot be combined with other paths")
    return args.stdin_filename if args.stdin_filename is not None else Path("-")


def _validate_selectors(args: argparse.Namespace) -> None:
    from .checks import REGISTRY
    from .config import ConfigError

    for opt in ("select", "ignore"):
        for sel in getattr(args, opt):
            if not REGISTRY.valid_selector(sel):
                hint = REGISTRY.suggest(sel)
                mean = f"; did you mean {hint!r}?" if hint else ""
                raise ConfigError(f"--{opt}: {sel!r} matches no rule{mean} (see 'lintkit rules')")


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


def _run(args: argparse.Namespace, project: Project, stdin: tuple[Path, bytes] | None = None) -> RunResult:
    from .engine import run, run_bytes

    kw: dict[str, Any] = {"select": args.select or None, "ignore": args.ignore or None}
    if stdin is not None:
        return run_bytes(project, stdin[0], stdin[1], jobs=args.jobs, use_cache=not args.no_cache, **kw)
    paths = _paths(args, project)
    with _progress(args):
        return run(project, paths, jobs=args.jobs, use_cache=not args.no_cache, **kw)


class _progress:
    """A progress line on stderr for long runs, on a terminal only: nothing
    in a pipe or a CI log, nothing for runs under a second, nothing with
    --quiet. The line is cleared when the run ends."""

    DELAY, EVERY = 1.0, 0.1  # seconds before the first update, and between updates

    def __init__(self, args: argparse.Namespace) -> None:
        self.on = not getattr(args, "quiet", False) and sys.stderr.isatty()
        self.shown = False

    def __enter__(self) -> None:
        if not self.on:
            return
        import time

        from . import parallel

        self.clock = time.monotonic
        self.next = self.clock() + self.DELAY
        parallel.progress = self.update

    def update(self, done: int, total: int) -> None:
        now = self.clock()
        if now < self.next:
            return
        self.next = now + self.EVERY
        self.shown = True
        sys.stderr.write(f"\rlintkit: checked {done:,} of {total:,} files")
        sys.stderr.flush()

    def __exit__(self, *exc: object) -> None:
        if not self.on:
            return
        from . import parallel

        parallel.progress = None
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


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
    # two configuration files, skipped links, unreadable folders, nothing to
    # check: rare, and they mean something was not checked: always say so
    for n in [*(project.notes if project is not None else ()), *res.notes]:
        print(f"lintkit: warning: {n}", file=sys.stderr)
    for e in res.errors:
        print(f"lintkit: internal error (please report): {e}", file=sys.stderr)


def _use_color(args: argparse.Namespace) -> bool:
    """--color, else NO_COLOR, else FORCE_COLOR (each when set and not
    empty), else colour on a terminal only."""
    if args.color != "auto":
        return bool(args.color == "always")
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return args.output is None and sys.stdout.isatty()


def _check(args: argparse.Namespace) -> int:
    from .config import ConfigError
    from .findings import Severity

    project = _project(args)
    _validate_selectors(args)
    if args.fix and args.diff:
        raise ConfigError("--fix and --diff cannot be combined")
    if args.unsafe_fixes and not (args.fix or args.diff):
        raise ConfigError("--unsafe-fixes applies with --fix or --diff")
    if args.statistics and args.format not in ("text", "json"):
        raise ConfigError("--statistics prints text or json; drop --format or choose one of those")
    stdin_name = _stdin_name(args)
    stdin = (stdin_name, sys.stdin.buffer.read()) if stdin_name is not None else None
    if stdin is not None and (args.fix or args.diff):
        return _fix_stdin(args, project, stdin)
    if args.diff:
        return _diff(args, project)
    if args.fix:
        _fix(args, project)
    res = _run(args, project, stdin)
    _report_notes(res, args.verbose, project)
    _caveats(args, project, res)
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

    pieces: Iterable[str]
    if args.statistics:
        pieces = (_statistics(report, args.format),)
    else:
        options = RenderOptions(
            color=_use_color(args),
            sources=_LazySources(res, {str(stdin[0].as_posix()): _decoded(stdin[1])} if stdin else None),
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
    if args.exit_zero:
        return OK
    fail_on = Severity(args.fail_on) if args.fail_on else project.settings.fail_on
    return FINDINGS if report.at_or_above(fail_on) else OK


def _caveats(args: argparse.Namespace, project: Project, res: RunResult) -> None:
    """Warnings about what a successful run did not check."""
    from .document import MARKDOWN_SUFFIXES

    if res.report.files_checked == 0 and _stdin_name(args) is None:
        where = ", ".join(str(p) for p in args.paths) or "the content paths"
        print(
            f"lintkit: warning: no Markdown files ({', '.join('*' + s for s in MARKDOWN_SUFFIXES)}) "
            f"found in {where}: nothing was checked",
            file=sys.stderr,
        )
    if os.environ.get("PRE_COMMIT") and not _reads_corpus(project):
        from .checks import REGISTRY
        from .engine import Selection
        from .registry import Scope

        run = Selection(project, args.select or None, args.ignore or None).run
        codes = sorted({c for chk in REGISTRY.checks if chk.scope is Scope.CORPUS for c in chk.codes} & run)
        if codes:
            print(
                f"lintkit: warning: the cross-file rules ({', '.join(codes)}) saw only the files pre-commit "
                "passed: set 'content:' in lintkit.yaml to the content folders so they read the whole corpus",
                file=sys.stderr,
            )


def _reads_corpus(project: Project) -> bool:
    """Whether a run reads the configured corpus besides the files it is given."""
    return project.config_path is not None and any(project.resolve(c).exists() for c in project.settings.content)


def _statistics(report: Any, fmt: str) -> str:
    """One line per rule, most findings first: count, files, what a flag fixes.
    A rule flagged on most files at a glance is boilerplate or a rule to tune."""
    rows: dict[str, dict[str, Any]] = {}
    for f in report.findings:
        r = rows.setdefault(
            f.code, {"code": f.code, "name": f.name, "count": 0, "files": set(), "fixable": 0, "unsafe": 0}
        )
        r["count"] += 1
        r["files"].add(f.path)
        if f.fix is not None:
            r["fixable" if f.fix.applicability == "safe" else "unsafe"] += 1
    ordered = sorted(rows.values(), key=lambda r: (-r["count"], r["code"]))
    for r in ordered:
        r["files"] = len(r["files"])
    if fmt == "json":
        import json

        return json.dumps(ordered, indent=2) + "\n"
    n = report.files_checked
    lines = [f"{'count':>6} {'files':>11}  {'code':<7} {'name':<36} fixable"]
    for r in ordered:
        fix = [f"{r['fixable']} with --fix"] if r["fixable"] else []
        fix += [f"{r['unsafe']} with --unsafe-fixes"] if r["unsafe"] else []
        files = f"{r['files']}/{n}"
        lines.append(f"{r['count']:>6} {files:>11}  {r['code']:<7} {r['name']:<36} {', '.join(fix)}".rstrip())
    total = sum(r["count"] for r in ordered)
    lines.append(f"{total:>6} {'':>11}  total in {n} file{'s' if n != 1 else ''}")
    return "\n".join(lines) + "\n"


def _decoded(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace")
    return text[1:] if text.startswith("\ufeff") else text


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
    """File text by display path, read only for files that have findings
    (``given``: text that is not on disk, such as stdin's)."""

    def __init__(self, res: RunResult, given: dict[str, str] | None = None) -> None:
        self._paths = {p: r.abspath for p, r in res.results.items() if r.abspath}
        self._cache: dict[str, str] = dict(given or {})

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
        return iter({*self._paths, *self._cache})

    def __len__(self) -> int:
        return len({*self._paths, *self._cache})


def _applicable(findings: Iterable[Any], unsafe: bool) -> list[Any]:
    """Findings whose fix the run applies: the safe ones, and with
    --unsafe-fixes the unsafe ones too (passed on as safe to the fixer, which
    applies only safe fixes)."""
    import dataclasses

    out = []
    for f in findings:
        if f.fix is None:
            continue
        if f.fix.applicability != "safe":
            if not unsafe:
                continue
            f = dataclasses.replace(f, fix=dataclasses.replace(f.fix, applicability="safe"))
        out.append(f)
    return out


def _fixable(res: RunResult, unsafe: bool = False) -> dict[str, list[Any]]:
    """Reported findings with fixes to apply, by file, for files without parse errors."""
    out: dict[str, list[Any]] = {}
    for f in _applicable(res.report.findings, unsafe):
        r = res.results.get(f.path)
        if r is None or r.parse_error or not r.abspath:
            continue
        out.setdefault(f.path, []).append(f)
    return out


def _disjoint(findings: list[Any]) -> list[Any]:
    """The findings (in order of position) whose edits overlap no earlier
    one's: all of them are applied together, so --fix can list exactly what
    it changed. The others are found again, and fixed, in the next round."""
    taken: list[tuple[tuple[int, int], tuple[int, int]]] = []
    out = []
    for f in sorted(findings, key=lambda f: (f.line, f.column, f.code)):
        spans = [((e.line, e.column), (e.end_line, e.end_column)) for e in f.fix.edits]
        # touching insertions at one point would be applied in an arbitrary order: keep the first
        if any((a < d and c < b) or a == b == c == d for a, b in spans for c, d in taken):
            continue
        taken.extend(spans)
        out.append(f)
    return out


def _fix(args: argparse.Namespace, project: Project) -> None:
    """Apply fixes until nothing changes (at most a few rounds: a fix can
    reveal another), writing each file atomically, and list each one."""
    from .fix import fix_file

    skipped: set[str] = set()
    done: list[str] = []
    files: set[str] = set()
    for _round in range(5):
        res = _run(args, project)
        changed = 0
        for path, findings in _fixable(res, args.unsafe_fixes).items():
            if path in skipped:
                continue
            r = res.results[path]
            chosen = _disjoint(findings)
            wr = fix_file(Path(r.abspath), chosen, expected_digest=r.digest)
            if wr.written:
                changed += wr.applied
                files.add(path)
                done += [f"{f.path}:{f.line}:{f.column}: {f.code} {f.fix.message}" for f in chosen]
            elif wr.reason != "nothing to fix":
                skipped.add(path)
                print(f"lintkit: warning: {path}: {wr.reason}", file=sys.stderr)
        if changed == 0:
            break
    if done and not getattr(args, "quiet", False):
        for line in done:
            print(f"lintkit: fixed {line}", file=sys.stderr)
        n, m = len(done), len(files)
        print(f"lintkit: applied {n} fix{'es' if n != 1 else ''} in {m} file{'s' if m != 1 else ''}", file=sys.stderr)


def _fixed_text(args: argparse.Namespace, project: Project, path: str, text: str, findings: list[Any]) -> str:
    """``text`` with the fixes of ``findings`` applied, and those the fixed
    text reveals (as --fix's rounds do)."""
    from .engine import lint_text
    from .fix import fix_text

    new, _ = fix_text(text, _applicable(findings, args.unsafe_fixes))
    for _ in range(4):
        found = lint_text(new, path, project, select=args.select or None, ignore=args.ignore or None)
        newer, m = fix_text(new, _applicable(found, args.unsafe_fixes))
        if m == 0 or newer == new:
            break
        new = newer
    return new


def _diff(args: argparse.Namespace, project: Project) -> int:
    from .fix import read_for_fix, unified_diff

    res = _run(args, project)
    _report_notes(res, args.verbose, project)
    chunks = []
    for path, findings in sorted(_fixable(res, args.unsafe_fixes).items()):
        r = res.results[path]
        got = read_for_fix(Path(r.abspath), r.digest)
        if isinstance(got, str):
            print(f"lintkit: warning: {path}: {got}", file=sys.stderr)
            continue
        text = got[0]
        new = _fixed_text(args, project, path, text, findings)
        if new != text:
            chunks.append(unified_diff(path, text, new))
    out = "".join(chunks)
    if args.output is not None:
        args.output.write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return FINDINGS if out else OK


def _fix_stdin(args: argparse.Namespace, project: Project, stdin: tuple[Path, bytes]) -> int:
    """--fix on stdin writes the fixed document to stdout (as an editor's
    format-on-save expects; the exit code is for what is left), --diff the
    diff. Nothing on disk changes; text that is not UTF-8 is written back as
    it came."""
    from .engine import lint_text
    from .findings import Report, Severity
    from .fix import unified_diff

    res = _run(args, project, stdin)
    _report_notes(res, args.verbose, project)
    path, raw = next(iter(res.results), "-"), stdin[1]
    bom = raw.startswith(b"\xef\xbb\xbf")
    parse_error = any(r.parse_error for r in res.results.values())
    try:
        text = raw[3 if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError:
        parse_error, text = True, ""
    new = text if parse_error else _fixed_text(args, project, path, text, list(res.report.findings))
    if args.diff:
        out = unified_diff(path, text, new) if new != text else ""
        sys.stdout.write(out)
        return FINDINGS if out else OK
    if parse_error:
        sys.stdout.buffer.write(raw)
        left = res.report
    else:
        sys.stdout.write(("\ufeff" if bom else "") + new)
        found = lint_text(new, path, project, select=args.select or None, ignore=args.ignore or None)
        left = Report(tuple(found), (), res.report.version)
    if res.errors:
        return USAGE
    fail_on = Severity(args.fail_on) if args.fail_on else project.settings.fail_on
    return FINDINGS if not args.exit_zero and left.at_or_above(fail_on) else OK


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
