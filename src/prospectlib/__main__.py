"""The command line: ``python -m prospectlib demo``.

This is the one module of prospectlib that prints. It parses the arguments,
asks `prospectlib._demo` for the text and writes it to standard output.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence

from prospectlib import _demo
from prospectlib import samples
from prospectlib._version import __version__
from prospectlib.errors import ValidationError

__all__ = ["main"]

_DEMO_HELP = """\
Generate N deterministic sample leads with prospectlib.samples.leads(N, seed=S,
at=AT) and print them as a table, one row per lead: its id; its market as the
data records it (B2B when the lead has a company, else B2C); where it came from;
its stage after replaying its records through the B2B or B2C pipeline with that
pipeline's default policy (events that need a person are left to people) and
how long it has been there; its latest activity and how long before AT it
happened; its purchases (how many, and the total per currency); and the
objections still open at AT. A second table shows each built-in classifier's
label and confidence for the same leads; a third their score with the default
score model (total, fit, engagement, tier, top factors), the event the policy
suggests at AT and the order to work them in.
The same options always print the same tables: the demo never reads the clock.
"""


def _count(text: str) -> int:
    """An argparse type: a whole number >= 0."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        message = f"expected a whole number >= 0, got {text!r}"
        raise argparse.ArgumentTypeError(message)
    return value


def _moment(text: str) -> dt.datetime:
    """An argparse type: an ISO 8601 date and time with a UTC offset."""
    example = _demo.DEFAULT_AT.isoformat()
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        message = f"expected an ISO 8601 date and time like {example}, got {text!r}"
        raise argparse.ArgumentTypeError(message) from None
    if value.utcoffset() is None:
        message = (
            f"expected a date and time with a UTC offset like {example}, got {text!r}"
        )
        raise argparse.ArgumentTypeError(message)
    try:
        samples.leads(0, seed=0, at=value)  # the samples' own check of `at`
    except ValidationError as exc:
        message = f"expected {exc.problems[0].expected}, got {text!r}"
        raise argparse.ArgumentTypeError(message) from None
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m prospectlib",
        description="prospectlib's command line.",
    )
    parser.add_argument(
        "--version", action="version", version=f"prospectlib {__version__}"
    )
    commands = parser.add_subparsers(title="commands", dest="command", required=True)
    demo = commands.add_parser(
        "demo",
        help="print a table of sample leads",
        description=_DEMO_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument(
        "--n",
        type=_count,
        default=_demo.DEFAULT_N,
        metavar="N",
        help=f"how many sample leads (default: {_demo.DEFAULT_N})",
    )
    demo.add_argument(
        "--seed",
        type=_count,
        default=_demo.DEFAULT_SEED,
        metavar="S",
        help="seed of the sample; the same seed gives the same leads "
        f"(default: {_demo.DEFAULT_SEED})",
    )
    demo.add_argument(
        "--at",
        type=_moment,
        default=_demo.DEFAULT_AT,
        metavar="AT",
        help="the sample's 'now', an ISO 8601 date and time with a UTC offset "
        f"(default: {_demo.DEFAULT_AT.isoformat()})",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0. Bad arguments exit with status 2 (argparse's
        `SystemExit`) and a message on standard error.

    Examples:
        >>> main(["demo", "--n", "1"])  # doctest: +ELLIPSIS
        prospectlib demo: 1 sample lead (seed 28, at 2026-06-30T12:00:00+00:00)
        ...
        L-0000001  B2C            social  cart_add, 22d ago  —          —
        ...
        0
    """
    parser = _parser()
    args = parser.parse_args(argv)
    print(_demo.demo(args.n, seed=args.seed, at=args.at))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
