"""The service's tokens: from the environment or a file, checked, compared in constant time, never shown."""

from __future__ import annotations

import pytest
from druktemeter.plugin.service.tokens import (
    STATION_TOKEN_VARIABLE,
    TRAINER_TOKEN_VARIABLE,
    TokenError,
    Tokens,
    loose_permissions,
    read_tokens,
)

STATION = "klas-4f9a2c"
TRAINER = "trainer-77b1e0"


def test_tokens_come_from_the_environment_stripped_of_a_pasted_newline():
    tokens = read_tokens({STATION_TOKEN_VARIABLE: STATION + "\n", TRAINER_TOKEN_VARIABLE: " " + TRAINER})
    assert (tokens.station, tokens.trainer) == (STATION, TRAINER)
    assert read_tokens({}) == Tokens(None, None)


def test_a_file_wins_over_the_environment(tmp_path):
    station, trainer = tmp_path / "station", tmp_path / "trainer"
    station.write_bytes(STATION.encode() + b"\r\n")
    trainer.write_text(TRAINER)
    tokens = read_tokens({STATION_TOKEN_VARIABLE: "other", TRAINER_TOKEN_VARIABLE: "other"}, station, trainer)
    assert (tokens.station, tokens.trainer) == (STATION, TRAINER)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        (b"  \n", "empty"),
        (b"two words", "usable bearer token"),
        (b"line-one\nline-two", "usable bearer token"),
        (b"caf\xc3\xa9-token", "usable bearer token"),
        (b"x" * 5000, "more than"),
    ],
)
def test_an_unusable_token_is_refused_naming_its_source_not_its_value(tmp_path, content, reason):
    path = tmp_path / "token"
    path.write_bytes(content)
    with pytest.raises(TokenError) as refused:
        read_tokens({}, token_file=path)
    assert reason in str(refused.value) and str(path) in str(refused.value)
    if content.strip():
        assert content.decode(errors="replace")[:20] not in str(refused.value)
    with pytest.raises(TokenError) as from_environment:
        read_tokens({STATION_TOKEN_VARIABLE: content.decode(errors="surrogateescape")})
    assert STATION_TOKEN_VARIABLE in str(from_environment.value)


def test_a_missing_file_is_a_token_error(tmp_path):
    with pytest.raises(TokenError, match="Cannot read the token file"):
        read_tokens({}, trainer_token_file=tmp_path / "absent")


def test_roles_by_the_authorization_header():
    tokens = Tokens(station=STATION, trainer=TRAINER)
    assert tokens.role("Bearer " + TRAINER) == "trainer"
    assert tokens.role("bearer " + STATION) == "station"
    for header in (
        None,
        "",
        "Bearer",
        "Bearer " + STATION + "x",
        "Basic " + STATION,
        STATION,
        "Bearer " + STATION[:-1],
    ):
        assert tokens.role(header) is None, header
    assert Tokens(station=STATION).role("Bearer " + TRAINER) is None


def test_the_same_token_for_both_roles_is_the_trainer():
    assert Tokens(station=STATION, trainer=STATION).role("Bearer " + STATION) == "trainer"


def test_the_repr_shows_which_tokens_are_set_not_their_values():
    shown = repr(Tokens(station=STATION, trainer=TRAINER)) + str(Tokens(station=STATION))
    assert STATION not in shown and TRAINER not in shown and "set" in shown


def test_loose_permissions(tmp_path):
    path = tmp_path / "token"
    path.write_text(STATION)
    path.chmod(0o600)
    assert not loose_permissions(path)
    path.chmod(0o640)
    assert loose_permissions(path)
