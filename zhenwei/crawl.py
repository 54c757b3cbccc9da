"""Run a spider to completion, in this process or in a fresh child process.

Twisted's reactor cannot be restarted, so library callers (the CLI, tests, the web app, the
scheduler) run each crawl in a child process: ``python -m zhenwei.crawl`` with the spider name,
its arguments and the run options as JSON. The child writes everything to the store and, when
asked, one JSON result line per scan to a results file.

Reads nothing itself; see ``zhenwei.config.build_settings``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from typing import Any

from zhenwei.config import RunOptions, build_settings


class CrawlError(RuntimeError):
    """The crawl process failed; ``str()`` carries the last lines it printed."""


def run_spider(spider: str, spider_kwargs: dict[str, Any], options: RunOptions) -> dict[str, Any]:
    """Run one spider in *this* process (blocks; at most once per process). Returns its stats."""
    from scrapy.crawler import CrawlerProcess

    process = CrawlerProcess(build_settings(options), install_root_handler=True)
    if ":" in spider:  # "package.module:SpiderClass", for benchmarks and tests
        import importlib

        module, _, cls = spider.partition(":")
        crawler = process.create_crawler(getattr(importlib.import_module(module), cls))
    else:
        crawler = process.create_crawler(spider)
    process.crawl(crawler, **spider_kwargs)
    process.start()
    return dict(crawler.stats.get_stats()) if crawler.stats else {}


def run_in_subprocess(spider: str, spider_kwargs: dict[str, Any], options: RunOptions,
                      timeout: float | None = None) -> dict[str, Any]:
    """Run one spider in a child process and wait for it. Raises :class:`CrawlError` on failure."""
    cmd = [sys.executable, "-m", "zhenwei.crawl", "--spider", spider,
           "--kwargs", json.dumps(spider_kwargs), "--options", json.dumps(options.to_dict())]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        raise CrawlError(f"crawl did not finish within {timeout:.0f} s") from None
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise CrawlError(f"crawl process exited with {proc.returncode}:\n{tail}")
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1]) if proc.stdout.strip() else {}
    except ValueError:
        return {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zhenwei.crawl", description=__doc__)
    parser.add_argument("--spider", required=True)
    parser.add_argument("--kwargs", default="{}")
    parser.add_argument("--options", default="{}")
    args = parser.parse_args(argv)
    stats = run_spider(args.spider, json.loads(args.kwargs), RunOptions(**json.loads(args.options)))
    print(json.dumps({k.replace("/", "."): v for k, v in stats.items()
                      if isinstance(v, (int, float, str))}, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
