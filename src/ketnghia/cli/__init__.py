"""The command-line interface: Typer commands that parse options, call one service, render."""


def main() -> None:
    from ketnghia.cli.app import main as run

    run()
