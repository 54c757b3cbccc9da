"""The ``scan`` spider: fetch QR-code URLs (or any suspicious URLs) and follow their whole chain.

Usage from the repo root, as Scrapy users expect::

    scrapy crawl scan -a url='https://cx-mem-gov.cn/verify?no=T110101199001011234'
    scrapy crawl scan -a targets=targets.jsonl     # one {"url": ...} object per line

``zhenwei scan`` runs the same spider. Reads the settings of :mod:`spiders.chain`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from spiders.chain import ChainSpider


class ScanSpider(ChainSpider):
    name = "scan"

    def __init__(self, url: str | None = None, targets: str | None = None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not url and not targets:
            raise ValueError("scan spider needs -a url=URL or -a targets=FILE.jsonl")
        self.url_arg, self.targets_path = url, targets

    def iter_targets(self) -> Iterable[dict[str, Any]]:
        if self.url_arg:
            yield {"url": self.url_arg}
        if self.targets_path:
            with Path(self.targets_path).open(encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        yield json.loads(line)
