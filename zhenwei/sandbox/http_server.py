"""HTTP/HTTPS server for the sandbox world: name-based virtual hosting on aiohttp's low-level server.

Every request is routed by its ``Host`` header (port stripped, lower-cased) to
``World.lookup(host).handler``. The handler's status, headers and body go out as given: nothing is
compressed or decompressed (gzip-bomb hosts send pre-compressed bytes with ``Content-Encoding:
gzip``), and the only headers added are the ones HTTP needs (``Date``, ``Content-Length`` or
chunked framing, ``Server: nginx`` when the handler set none). aiohttp also labels a non-empty body
without ``Content-Type`` as ``application/octet-stream``.

- ``HttpResponse.body`` may be bytes or an (async) iterator of byte chunks, streamed with chunked
  encoding (or the handler's own ``Content-Length``), so huge pages are never built in memory.
- ``HttpResponse.delay`` is awaited before answering, without blocking other requests; the wait is
  cancelled when the client hangs up or the server stops.

The listening sockets are bound by the caller (``runner``), one per IP: a host whose A record
points at an IP nobody listens on gets "connection refused", which is how the world models a site
that is down.

Reads no settings.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl
from typing import Any

from aiohttp import web, web_server
from multidict import CIMultiDict

from zhenwei.sandbox.model import HttpRequest, HttpResponse, World

log = logging.getLogger(__name__)

SERVER_HEADER = "nginx"
# Framing headers are computed here: a handler's value could contradict the bytes actually sent.
_FRAMING = ("content-length", "transfer-encoding", "connection", "keep-alive")


def host_from_header(value: str) -> str:
    """``"Example.COM:8080"`` -> ``"example.com"``; ``"[::1]:80"`` -> ``"::1"``."""
    value = value.strip()
    if value.startswith("["):
        return value[1:value.find("]")].lower() if "]" in value else ""
    return value.rsplit(":", 1)[0].lower().rstrip(".") if value.count(":") == 1 else value.lower().rstrip(".")


def _not_found(host: str) -> web.Response:
    text = f"404 没有这个网站 no such site: {host or '(no Host header)'}\n"
    return web.Response(status=404, text=text, headers={"Server": SERVER_HEADER})


class HttpServer:
    """One scheme (``http`` or ``https``) of the sandbox web, served on many listening sockets."""

    def __init__(self, world: World, scheme: str = "http"):
        if scheme not in ("http", "https"):
            raise ValueError(f"scheme {scheme!r}: expected 'http' or 'https'")
        self.world, self.scheme = world, scheme
        self._server: web_server.Server | None = None
        self._listeners: list[asyncio.base_events.Server] = []

    async def start(self, socks: list[socket.socket], ssl_context: ssl.SSLContext | None = None) -> None:
        """Serve on already-bound TCP sockets (``ssl_context`` for HTTPS)."""
        loop = asyncio.get_running_loop()
        # handler_cancellation: a client hanging up on a tarpit must cancel its sleeping handler.
        self._server = web_server.Server(self._handle, handler_cancellation=True, access_log=None,
                                         loop=loop)
        for sock in socks:
            self._listeners.append(await loop.create_server(
                self._server, sock=sock, ssl=ssl_context, backlog=1024,
                ssl_handshake_timeout=10 if ssl_context else None))

    async def stop(self) -> None:
        for listener in self._listeners:
            listener.close()
        if self._server is not None:
            # Closing the transports cancels in-flight handlers (tarpits) right away. No graceful
            # drain (aiohttp's shutdown() waits out a timeout per busy connection): a sandbox that
            # is stopping has no client worth waiting for.
            for conn in self._server.connections:
                conn.force_close()
            for _ in range(3):
                await asyncio.sleep(0)  # connection_lost runs and cancels the handlers
        for listener in self._listeners:
            await listener.wait_closed()
        self._listeners.clear()

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        name = host_from_header(request.headers.get("Host", ""))
        host = self.world.lookup(name) if name else None
        if host is None or host.handler is None or (self.scheme == "https" and not host.https):
            return _not_found(name)
        body = await request.read() if request.body_exists else b""
        req = HttpRequest(
            method=request.method, scheme=self.scheme, host=name,
            path=request.rel_url.raw_path, query=request.rel_url.raw_query_string,
            headers={k.lower(): v for k, v in request.headers.items()}, body=body,
        )
        try:
            resp = host.handler(req)
        except Exception:
            log.exception("sandbox handler for %s failed on %s", name, request.rel_url)
            return web.Response(status=500, text="500 服务器内部错误 internal server error\n",
                                headers={"Server": SERVER_HEADER})
        if resp.delay and resp.delay > 0:
            await asyncio.sleep(resp.delay)
        return await self._send(request, resp)

    async def _send(self, request: web.BaseRequest, resp: HttpResponse) -> web.StreamResponse:
        headers: CIMultiDict[str] = CIMultiDict()
        length: str | None = None
        for k, v in resp.headers:
            if k.lower() == "content-length":
                length = v
            elif k.lower() not in _FRAMING:
                headers.add(k, v)
        headers.setdefault("Server", SERVER_HEADER)
        body: Any = resp.body
        if body is None:
            body = b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        if isinstance(body, (bytes, bytearray, memoryview)):
            return web.Response(status=resp.status, headers=headers, body=bytes(body))
        return await self._stream(request, resp.status, headers, body, length)

    async def _stream(self, request: web.BaseRequest, status: int, headers: CIMultiDict,
                      body: Any, length: str | None) -> web.StreamResponse:
        out = web.StreamResponse(status=status, headers=headers)
        if length is not None and length.isdigit():
            # An honest Content-Length lets clients refuse a huge body before reading it.
            out.content_length = int(length)
        await out.prepare(request)
        try:
            n = 0
            if request.method == "HEAD":
                pass  # headers only; aiohttp would otherwise send the chunks after them
            elif hasattr(body, "__aiter__"):
                async for chunk in body:
                    await out.write(bytes(chunk))
            else:
                for chunk in body:
                    await out.write(bytes(chunk))
                    n += 1
                    if n % 16 == 0:
                        # write() only suspends when the socket buffer is full; a fast reader of a
                        # huge body would otherwise hold the loop and stall every other request.
                        await asyncio.sleep(0)
            await out.write_eof()
        finally:
            close = getattr(body, "aclose", None) or getattr(body, "close", None)
            if close is not None:
                result = close()
                if asyncio.iscoroutine(result):
                    await result
        return out
