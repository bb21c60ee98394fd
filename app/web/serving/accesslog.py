"""Tokens never reach the access log.

The API takes an owner token in a header (X-Owner-Token), and also, for
clients that cannot set headers, as a `?token=` query parameter, which
uvicorn's access log would write out with the path. A filter on that logger
replaces the value of every query parameter whose name holds "token" with
"[redacted]" before the line is formatted, whichever handler writes it.
"""

from __future__ import annotations

import logging
import re

ACCESS_LOGGER = "uvicorn.access"
REDACTED = "[redacted]"
_TOKEN_PARAMETER = re.compile(r"([?&][^=&#\s]*token[^=&#\s]*=)[^&#\s\"]*", re.IGNORECASE)


def redact_tokens(text: str) -> str:
    """`text` with the value of every token query parameter replaced."""
    return _TOKEN_PARAMETER.sub(rf"\g<1>{REDACTED}", text)


class RedactTokens(logging.Filter):
    """Redacts the tokens in a record's message and arguments (uvicorn passes the
    path with its query string as an argument)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact_tokens(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                redact_tokens(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


def redact_access_log() -> None:
    """Put the filter on uvicorn's access logger (once; it survives uvicorn's
    logging configuration, which replaces handlers but keeps filters)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(existing, RedactTokens) for existing in logger.filters):
        logger.addFilter(RedactTokens())
