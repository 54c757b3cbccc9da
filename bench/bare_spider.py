"""A bare Scrapy spider for the baseline: replays a list of requests, keeps nothing.

Used by ``bench/scan_throughput.py``; lives here so the product has no benchmark code in it.
"""

import base64
import json

import scrapy


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, requests_file: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.requests_file = requests_file

    async def start(self):
        with open(self.requests_file, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                yield scrapy.Request(r["url"], method=r["method"], body=base64.b64decode(r["body"]),
                                     headers={"User-Agent": r["ua"]}, dont_filter=True,
                                     callback=self.parse, errback=self.failed)

    def parse(self, response):
        pass

    def failed(self, failure):
        pass
