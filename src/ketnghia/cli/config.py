"""ketnghia config set | show | path | unset: the settings file of this computer."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ketnghia.i18n import t

app = typer.Typer(
    help="Settings of this computer (database, language, actor, the Word report's letterhead), "
    "kept in a TOML file.",
    no_args_is_help=True,
)


class ShowFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("set")
def set_(
    key: Annotated[
        str,
        typer.Argument(
            help="db, lang, actor, issuer, issuer_parent, "
            "issuer_short, place, signer, signer_title, recipients."
        ),
    ],
    values: Annotated[
        list[str],
        typer.Argument(
            help="The value; signer_title and recipients take one or more, a line each."
        ),
    ],
) -> None:
    """Save a setting: ketnghia config set KEY VALUE (a list: config set recipients "A" "B")."""
    from ketnghia.settings import set_value

    path = set_value(key, values)
    typer.echo(t("config_saved", key=key, path=str(path)), err=True)


@app.command("unset")
def unset(key: Annotated[str, typer.Argument(help="The setting to remove.")]) -> None:
    """Remove a setting from the file (its default applies again)."""
    from ketnghia.settings import config_path, unset_value

    removed = unset_value(key)
    message = "config_removed" if removed else "config_was_not_set"
    typer.echo(t(message, key=key, path=str(config_path())), err=True)


@app.command("show")
def show(
    fmt: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="Output format: table or json.")
    ] = ShowFormat.table,
) -> None:
    """Show the settings the file holds."""
    from ketnghia.cli.output import print_rich, write_json
    from ketnghia.settings import config_path, read

    path = config_path()
    settings = read(path)
    if fmt is ShowFormat.json:
        write_json(settings, None)
        return
    if not settings:
        typer.echo(t("config_empty", path=str(path)))
        return
    from rich.table import Table

    table = Table(title=str(path), title_justify="left")
    table.add_column(t("config_key"))
    table.add_column(t("config_value"))
    for key, value in settings.items():
        table.add_row(key, "\n".join(value) if isinstance(value, list) else value)
    print_rich([table], None)


@app.command("path")
def path() -> None:
    """Print where the settings file is (KETNGHIA_CONFIG, else the user config folder)."""
    from ketnghia.settings import config_path

    typer.echo(str(config_path()))
