"""ketnghia collect forms | status: the yearly collection round with the paired agencies."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="The yearly collection round: a form to every paired agency, the returns, and who is "
    "still missing.",
    no_args_is_help=True,
)
