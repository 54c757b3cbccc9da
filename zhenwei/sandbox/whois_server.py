"""WHOIS server for the sandbox world (TCP, RFC 3912): one query line in, the record out, close.

The query is stripped, lower-cased and IDNA-encoded (``中文.cn`` -> ``xn--fiq228c.cn``); the flags
some clients put in front (``=name``, ``domain name``, ``-T dn,ace name``, ``name/e``) are ignored.
A subdomain is answered with the record of its longest suffix that has one. Unknown domains get the
registry's "not found" text: ``No matching record.`` for CNNIC (``.cn``, ``.中国``), else
``No match for "NAME".`` as Verisign writes it; python-whois recognises both. Lines end in CRLF.

Reads no settings.
"""

from __future__ import annotations

import asyncio
import logging
import socket

from zhenwei.sandbox.model import World

log = logging.getLogger(__name__)

_CNNIC_TLDS = ("cn", "xn--fiqs8s", "xn--fiqz9s")  # .cn, .中国 (simplified and traditional)
_MAX_QUERY = 1024
_READ_TIMEOUT = 10.0


def normalize_query(line: str) -> str:
    """The domain a WHOIS query line asks about, lower-case IDNA (punycode), no trailing dot."""
    words = line.strip().split()
    if not words:
        return ""
    word = words[-1].lstrip("=").rstrip(".")
    if word.endswith("/e"):
        word = word[:-2]
    word = word.lower()
    try:
        import idna  # IDNA 2008 with UTS 46 mapping, as registries use; installed with requests

        return idna.encode(word, uts46=True).decode("ascii")
    except (ImportError, UnicodeError, ValueError):
        pass
    try:
        return word.encode("idna").decode("ascii")
    except UnicodeError:
        return word  # not a domain name at all: it will simply not match


def not_found_text(domain: str) -> str:
    tld = domain.rsplit(".", 1)[-1]
    if tld in _CNNIC_TLDS:
        return "No matching record."
    return f'No match for "{domain.upper()}".'


def _crlf(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = "\r\n".join(lines)
    return out if out.endswith("\r\n") else out + "\r\n"


class WhoisServer:
    """Answers WHOIS queries from ``World.whois_records``."""

    def __init__(self, world: World):
        self.world = world
        self._server: asyncio.base_events.Server | None = None
        self._tasks: dict[asyncio.Task, asyncio.StreamWriter] = {}

    def record_for(self, domain: str) -> tuple[str, str] | None:
        """(registered domain, raw text) of the longest suffix of ``domain`` with a record."""
        parts = domain.split(".")
        for i in range(len(parts)):
            candidate = ".".join(parts[i:])
            text = self.world.whois_records.get(candidate)
            if text is not None:
                return candidate, text
        return None

    def answer(self, line: str) -> str:
        """The full response text (CRLF line endings) for one query line."""
        domain = normalize_query(line)
        found = self.record_for(domain) if domain else None
        if found is None:
            return _crlf(not_found_text(domain))
        return _crlf(found[1])

    async def start(self, sock: socket.socket) -> None:
        """Serve on an already-bound TCP socket."""
        self._server = await asyncio.start_server(self._client, sock=sock, backlog=256)

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._tasks[task] = writer
        try:
            raw = await asyncio.wait_for(reader.readline(), _READ_TIMEOUT)
            raw = raw[:_MAX_QUERY]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("gb18030", "replace")  # Chinese clients may still send GBK
            writer.write(self.answer(line).encode("utf-8"))
            await writer.drain()
        except (asyncio.TimeoutError, ConnectionError, ValueError):
            pass  # ValueError: a line longer than the stream limit; just hang up
        except Exception:
            log.exception("WHOIS query failed")
        finally:
            self._tasks.pop(task, None)
            writer.close()

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        # Closing the connections (not cancelling the tasks) ends the readers with EOF; Python
        # 3.11's stream callback logs a spurious error for a cancelled client task.
        for writer in list(self._tasks.values()):
            writer.close()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None
