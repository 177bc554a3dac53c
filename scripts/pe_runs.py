"""Command line of the validation-run scripts (pe_figures.py, pe_miss_census.py): options, then LABEL=DIR runs.

Each DIR is a scripts/validate_pe.sh output; LABEL names it "<seed>-<mode>" (e.g. 1000-default, 2000-fill).
"""
import json
import sys
from pathlib import Path


def parse_runs(argv, options, program, usage):
    """`options`: option name -> (key, converter of its one value). Returns ([(label, Path)], {key: value}) for the
    options given; exits with `usage` when no run is named, and with a message naming `program` on a malformed run."""
    runs, values = [], {}
    args = list(argv)
    while args:
        a = args.pop(0)
        if a in options:
            key, convert = options[a]
            values[key] = convert(args.pop(0))
            continue
        label, _, path = a.partition("=")
        if not path:
            sys.exit(f"{program}: expected LABEL=DIR, got {a!r}")
        runs.append((label, Path(path)))
    if not runs:
        sys.exit(usage)
    return runs, values


def read_background(run_dir, name):
    """One background's validation JSON of a run (`name`.json in `run_dir`): (data, None), or (None, reason) when
    the file is missing ("missing") or not complete JSON ("incomplete": the run is still going or was stopped)."""
    f = Path(run_dir) / f"{name}.json"
    if not f.exists():
        return None, "missing"
    try:
        return json.loads(f.read_text()), None
    except json.JSONDecodeError:
        return None, "incomplete"
