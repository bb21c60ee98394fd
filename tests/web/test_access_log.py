"""Tokens in a query string never reach the access log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from app.settings import Settings
from app.web.app import create_app
from app.web.serving.accesslog import ACCESS_LOGGER, RedactTokens, redact_tokens


@pytest.mark.parametrize(
    ("logged", "written"),
    [
        ("/api/comparisons/abc?token=s3cr3t", "/api/comparisons/abc?token=[redacted]"),
        ("/x?a=1&token=s3cr3t&b=2", "/x?a=1&token=[redacted]&b=2"),
        (
            "/x?owner_token=s&X-Delete-Token=t",
            "/x?owner_token=[redacted]&X-Delete-Token=[redacted]",
        ),
        ("/x?token=", "/x?token=[redacted]"),
        ("/c/abc?view=side&ignore=case", "/c/abc?view=side&ignore=case"),
        ("/token/abc?tokens_left=3", "/token/abc?tokens_left=[redacted]"),
    ],
)
def test_token_values_are_redacted(logged: str, written: str) -> None:
    assert redact_tokens(logged) == written


def test_the_app_redacts_uvicorn_s_access_lines(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    create_app(Settings(database_url=f"sqlite:///{tmp_path}/t.db"))
    create_app(Settings(database_url=f"sqlite:///{tmp_path}/t.db"))  # one filter, not two
    logger = logging.getLogger(ACCESS_LOGGER)
    assert sum(isinstance(f, RedactTokens) for f in logger.filters) == 1
    with caplog.at_level(logging.INFO, logger=ACCESS_LOGGER):
        # uvicorn's own call: the path with its query is an argument.
        path = "/api/comparisons/abc?token=s3cr3t"
        logger.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5", "DELETE", path, "1.1", 204)
    assert caplog.messages == [
        '127.0.0.1:5 - "DELETE /api/comparisons/abc?token=[redacted] HTTP/1.1" 204'
    ]
