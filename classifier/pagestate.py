"""Recognise pages that prove a site is gone although it still answers: hosting-suspension notices
and parked / for-sale pages. Pure: facts in, state out.

Reads no settings.
"""

from __future__ import annotations

import re

# Phrases hosting providers and registrars use; Chinese first, as the sites are Chinese.
SUSPENDED = re.compile(
    r"暂停访问|暂停服务|已被暂停|已被关停|已关停|网站已关闭|停止解析|未备案.{0,6}(?:阻断|关闭)|违规.{0,6}(?:关闭|暂停)"
    r"|site (?:has been )?suspended|account (?:has been )?suspended|this site is suspended",
    re.I,
)
PARKED = re.compile(
    r"域名(?:正在)?出售|此域名(?:可|正在)?(?:出售|转让)|域名停放|域名已过期|domain (?:is )?for sale"
    r"|buy this domain|this domain (?:may be|is) for sale|parked (?:domain|free)|domain parking",
    re.I,
)


def page_state(facts: dict) -> str | None:
    """``"suspended"``, ``"parked"`` or None, from the page's title and visible text."""
    text = " ".join(str(facts.get(k) or "") for k in ("title", "text_excerpt"))
    if SUSPENDED.search(text):
        return "suspended"
    if PARKED.search(text):
        return "parked"
    return None
