"""A record others refer to is not removed, and the refusal says what refers to it — on both
backends, whatever refers to it (never the database's "FOREIGN KEY constraint failed")."""

from __future__ import annotations

from tests.bad_input import Before, refused
from tests.conftest import Cli


def _agencies(cli: Cli) -> None:
    for code, name, kind in [
        ("P-ANNHON", "UBND phường An Nhơn", "locality"),
        ("BIDV", "BIDV Chi nhánh Gia Lai", "enterprise"),
        ("SO-NN", "Sở Nông nghiệp và Môi trường", "department"),
        ("TD", "Tỉnh đoàn Gia Lai", "mass_org"),
    ]:
        cli("agency", "add", "--code", code, "--name", name, "--kind", kind)
    cli("village", "add", "--code", "GL-0001", "--name", "Làng Ơ", "--district", "Chư Prông")


def test_a_co_signer_only_is_not_removed_and_the_locality_pairing_is_named(cli: Cli) -> None:
    _agencies(cli)
    cli("locality", "add", "--agency", "P-ANNHON", "--commune", "Ia Krêl", "--since",
        "2025-09-01", "--cosigners", "BIDV")  # fmt: skip
    before = Before(cli.url)
    result = cli("agency", "remove", "BIDV", code=None)
    refused(result, before, names=["BIDV", "1 locality pairings it co-signed"])
    assert "FOREIGN KEY" not in result.stderr.upper()


def test_a_supporter_only_is_not_removed_and_the_pairing_is_named(cli: Cli) -> None:
    _agencies(cli)
    cli("pair", "add", "--agency", "SO-NN", "--village", "GL-0001", "--since", "2024-03-01",
        "--supporters", "TD")  # fmt: skip
    before = Before(cli.url)
    result = cli("agency", "remove", "TD", code=None)
    refused(result, before, names=["TD", "1 pairings it supports"])


def test_a_paired_village_is_not_removed_and_its_pairing_is_named(cli: Cli) -> None:
    _agencies(cli)
    cli("pair", "add", "--agency", "SO-NN", "--village", "GL-0001", "--since", "2024-03-01")
    cli("pair", "end", "--agency", "SO-NN", "--village", "GL-0001", "--on", "2024-12-31")
    before = Before(cli.url)
    result = cli("village", "remove", "GL-0001", code=None)
    refused(result, before, names=["GL-0001", "1 pairings"])
    cli("village", "add", "--code", "GL-0002", "--name", "Làng Díp", "--district", "Chư Păh")
    cli("village", "remove", "GL-0002")  # one that nothing refers to goes
