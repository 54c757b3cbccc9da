"""Hostile hosts of the sandbox world, for robustness tests (none of them is in the known list).

* ``huge``: a 60 MB HTML page streamed from an iterator, without Content-Length;
  ``huge_declared``: the same with an honest Content-Length;
* ``redirect_loop``: two hosts sending the visitor back and forth; ``redirect_endless``: every hop
  a new URL on the same host;
* ``gzip_bomb``: ``Content-Encoding: gzip``, about 1.1 MB on the wire that inflates to 1.15 GB of
  spaces (deflate cannot beat ~1:1030, so "a few hundred KB for 1 GB" is not possible in one layer);
  built once, lazily, by repeating a steady-state deflate block, and cached;
* ``binary``: 256 KB of random bytes served as text/html;
* ``tarpit``: answers after 30 s;
* ``private_ip`` / ``metadata_ip``: names resolving to 10.11.12.13 and 169.254.169.254;
* ``redirect_private``: a fake-looking page whose 302 goes to http://10.20.30.40/...;
* ``meta_private``: a page whose meta refresh goes to http://192.168.1.1/.

Reads no settings.
"""

from __future__ import annotations

import random
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from zhenwei.sandbox.kits.common import page, redirect
from zhenwei.sandbox.model import Handler, HttpRequest, HttpResponse

HUGE_BYTES = 60 * 1024 * 1024
BOMB_MIB = 1100  # inflated size in MiB
TARPIT_SECONDS = 30.0


def huge_chunks(total: int = HUGE_BYTES, chunk: int = 64 * 1024) -> Iterator[bytes]:
    """``total`` bytes of valid-looking HTML, ``chunk`` bytes at a time."""
    head = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>特种作业操作证查询</title></head><body>'
            .encode())
    row = "<p>证书查询 特种作业操作证 电工作业 低压电工作业 有效期 2021-05-12至2027-05-11</p>\n".encode()
    filler = head + row * ((chunk - len(head)) // len(row) + 1)
    block = filler[:chunk]
    body_block = (row * (chunk // len(row) + 1))[:chunk]
    sent = 0
    while sent < total:
        piece = block if sent == 0 else body_block
        piece = piece[: total - sent]
        sent += len(piece)
        yield piece


@lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    """A single-member gzip stream of ``BOMB_MIB`` MiB of spaces (about 1.1 MB compressed)."""
    chunk = b" " * (1 << 20)
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = co.compress(chunk) + co.flush(zlib.Z_SYNC_FLUSH)
    steady = co.compress(chunk) + co.flush(zlib.Z_SYNC_FLUSH)
    again = co.compress(chunk) + co.flush(zlib.Z_SYNC_FLUSH)
    if steady != again:  # pragma: no cover - zlib changed: fall back to compressing everything
        co = zlib.compressobj(9, zlib.DEFLATED, -15)
        deflated = b"".join(co.compress(chunk) for _ in range(BOMB_MIB)) + co.flush()
    else:
        # After a sync flush the compressor's state repeats every MiB, so the same bytes can stand
        # in for each further MiB, and the final flush of the third MiB ends the stream as well.
        deflated = first + steady * (BOMB_MIB - 1) + co.flush()
    crc = 0
    for _ in range(BOMB_MIB):
        crc = zlib.crc32(chunk, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03"
    return header + deflated + struct.pack("<II", crc, (BOMB_MIB << 20) & 0xFFFFFFFF)


@dataclass
class HostileHost:
    kind: str
    host: str
    ip: str
    handler: Handler | None
    url: str


def _huge(declared: bool) -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        headers = [("Content-Type", "text/html; charset=utf-8")]
        if declared:
            headers.append(("Content-Length", str(HUGE_BYTES)))
        return HttpResponse(headers=headers, body=huge_chunks())
    return handle


def _bomb(req: HttpRequest) -> HttpResponse:
    return HttpResponse(headers=[("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")],
                        body=gzip_bomb())


@lru_cache(maxsize=1)
def _garbage() -> bytes:
    return random.Random("hostile-binary").randbytes(256 * 1024)


def _binary(req: HttpRequest) -> HttpResponse:
    return HttpResponse(headers=[("Content-Type", "text/html")], body=_garbage())


def _tarpit(req: HttpRequest) -> HttpResponse:
    return HttpResponse(headers=[("Content-Type", "text/html; charset=utf-8")],
                        body="<html><body>证书查询</body></html>".encode(), delay=TARPIT_SECONDS)


def _ping_pong(other: str) -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        return redirect(f"http://{other}/verify?{req.query}" if req.query else f"http://{other}/verify", 302)
    return handle


def _endless(req: HttpRequest) -> HttpResponse:
    parts = req.path.strip("/").split("/")
    n = int(parts[-1]) + 1 if parts and parts[-1].isdigit() else 1
    return redirect(f"/hop/{n}", 302)


def _to_private(req: HttpRequest) -> HttpResponse:
    return redirect("http://10.20.30.40/admin/verify?" + (req.query or "no=T000"), 302)


def _meta_private(req: HttpRequest) -> HttpResponse:
    return page("""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=http://192.168.1.1/"><title>证书查询</title></head>
<body>正在跳转到查询系统……</body></html>""")


def hostile_hosts() -> list[HostileHost]:
    """Every hostile host, with the URL tests should fetch."""
    no = "T110101199003074518"
    return [
        HostileHost("huge", "www.zscx-data.top", "127.0.40.1", _huge(False),
                    "http://www.zscx-data.top/verify?no=" + no),
        HostileHost("huge_declared", "dl.zscx-data.top", "127.0.40.1", _huge(True), "http://dl.zscx-data.top/"),
        HostileHost("redirect_loop", "a.yjgl-jump.cc", "127.0.40.2", _ping_pong("b.yjgl-jump.cc"),
                    "http://a.yjgl-jump.cc/verify?no=" + no),
        HostileHost("redirect_loop_peer", "b.yjgl-jump.cc", "127.0.40.2", _ping_pong("a.yjgl-jump.cc"),
                    "http://b.yjgl-jump.cc/verify"),
        HostileHost("redirect_endless", "www.yjgl-jump.cc", "127.0.40.2", _endless, "http://www.yjgl-jump.cc/hop/0"),
        HostileHost("gzip_bomb", "www.tzzy-zip.xyz", "127.0.40.3", _bomb, "http://www.tzzy-zip.xyz/verify?no=" + no),
        HostileHost("binary", "www.aqzs-bin.icu", "127.0.40.4", _binary, "http://www.aqzs-bin.icu/"),
        HostileHost("tarpit", "www.zscx-slow.vip", "127.0.40.5", _tarpit, "http://www.zscx-slow.vip/verify?no=" + no),
        HostileHost("private_ip", "cx.yjgl-intranet.com", "10.11.12.13", None, "http://cx.yjgl-intranet.com/"),
        HostileHost("metadata_ip", "cx.meta-yjgl.com", "169.254.169.254", None,
                    "http://cx.meta-yjgl.com/latest/meta-data/"),
        HostileHost("redirect_private", "www.cx-lan-jump.top", "127.0.40.6", _to_private,
                    "http://www.cx-lan-jump.top/verify?no=" + no),
        HostileHost("meta_private", "www.yjgl-router.top", "127.0.40.6", _meta_private, "http://www.yjgl-router.top/"),
    ]
