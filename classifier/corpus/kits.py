"""Positive pages from the sandbox world's eight fake kits, one group per kit.

Builds the sandbox world (:func:`zhenwei.sandbox.world.build_world`, in memory, no sockets) and calls
each live fake site's handler directly: its front page and the QR result URLs, as the WeChat in-app
browser on a phone (the cloaking kit only shows the fake to that). Reads no settings.
"""

from __future__ import annotations

import random
from urllib.parse import quote, urlsplit

from zhenwei.sandbox.kits import KITS
from zhenwei.sandbox.model import HttpRequest
from zhenwei.sandbox.people import PROVINCES, mohurd_number, synthetic_id
from zhenwei.sandbox.world import build_world
from zhenwei.textdecode import decode_html

WECHAT_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
             "Mobile/15E148 MicroMessenger/8.0.40(0x1800282a) NetType/WIFI Language/zh_CN")
CATEGORY = {"mem": "fake_result", "mohurd": "fake_mohurd"}


def _fetch(world, url: str) -> str | None:
    parts = urlsplit(url)
    host = world.lookup(parts.hostname or "")
    if host is None or host.handler is None:
        return None
    req = HttpRequest("GET", parts.scheme, parts.hostname or "", parts.path or "/", parts.query,
                      {"user-agent": WECHAT_UA, "host": parts.hostname or ""})
    resp = host.handler(req)
    if resp.status != 200 or not isinstance(resp.body, bytes) or not resp.body:
        return None
    ctype = {k.lower(): v for k, v in resp.headers}.get("content-type", "")
    if "html" not in ctype and not resp.body.lstrip().startswith(b"<"):
        return None
    return decode_html(resp.body, ctype)[0]


def kit_pages(seed: int = 2023, per_kit: int = 10) -> list[dict]:
    """Up to ``per_kit`` pages per kit: front pages (query) and QR result pages of its live sites."""
    world = build_world(seed)
    site_kit: dict[str, str] = world.notes["site_kit"]  # type: ignore[assignment]
    live = set(world.notes["live_sites"])  # type: ignore[arg-type]
    by_kit: dict[str, list[dict]] = {k: [] for k in KITS}
    urls: list[tuple[str, str, str]] = []
    for target in world.photo_targets:
        kind = target.get("kind", "")
        if kind.startswith("fake:"):
            urls.append((kind[5:], target["url"], "result"))
    rng = random.Random(f"{seed}:kits")
    for domain, kit in sorted(site_kit.items()):
        if domain in live:
            urls.append((kit, f"https://{domain}/", "query"))
            for _ in range(4):  # QR URLs with made-up numbers: on-the-fly kits invent a "valid" record
                province = rng.choice(PROVINCES)
                number = ("T" + synthetic_id(rng, province) if KITS[kit].AUTHORITY == "mem"
                          else mohurd_number(rng, province))
                # a kit that does not invent records answers "not found": its query page with an error
                kind = "result" if KITS[kit].ON_THE_FLY else "query"
                urls.append((kit, f"https://{domain}{KITS[kit].qr_path(quote(number))}", kind))
    for kit, url, kind in urls:
        if kit not in by_kit or len(by_kit[kit]) >= per_kit:
            continue
        html = _fetch(world, url)
        if not html or len(html) < 200:
            continue
        authority = KITS[kit].AUTHORITY
        category = CATEGORY[authority] if kind == "result" else ("fake_query" if authority == "mem" else "fake_mohurd")
        by_kit[kit].append({"url": url, "html": html, "label": 1, "category": category, "authority": authority,
                            "group": f"kit-{kit}"})
    return [row for kit in KITS for row in by_kit[kit]]
