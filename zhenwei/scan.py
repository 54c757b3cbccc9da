"""Library API for scanning: URLs and certificate photos in, verdicts with evidence out.

The CLI, the web app and the scheduler all call these functions; none of them fetches or parses a
page itself. Each call runs one crawl of the ``scan`` spider in a child process (see
``zhenwei.crawl``) and returns one result dict per input, in input order, with personal data
masked unless ``reveal`` is set.

Reads settings through ``zhenwei.config``.
"""

from __future__ import annotations

import copy
import json
import tempfile
import uuid
from pathlib import Path
from typing import Any, Iterable

from zhenwei.config import RunOptions, build_settings
from zhenwei.crawl import run_in_subprocess
from zhenwei.netpolicy import BadTarget, validate_url
from zhenwei.results import mask_certificate

#: exit codes of ``zhenwei scan``, by outcome
EXIT_OK, EXIT_BAD_INPUT, EXIT_UNREACHABLE, EXIT_REFUSED = 0, 2, 3, 4


def outcome_code(result: dict[str, Any]) -> int:
    """The exit code a result deserves: refused (policy/hostile) > unreachable > ok."""
    kind = (result.get("error") or {}).get("kind")
    # Unreadable photos never reach a result: image_targets raises QrDecodeError first.
    if kind == "bad_url":
        return EXIT_BAD_INPUT
    if kind and not result.get("stored"):
        return EXIT_REFUSED
    if result.get("verdict") == "unreachable":
        return EXIT_UNREACHABLE
    return EXIT_OK


def scan_targets(targets: Iterable[dict[str, Any]], options: RunOptions | None = None,
                 reveal: bool = False, timeout: float | None = None) -> list[dict[str, Any]]:
    """Scan many targets (``{"url", "input"?, "input_kind"?, "site"?, "source"?}``) in one crawl."""
    options = options or RunOptions()
    build_settings(options)  # validate options here, in the caller's process
    targets = [dict(t, scan_id=t.get("scan_id") or uuid.uuid4().hex) for t in targets]
    if not targets:
        return []
    with tempfile.TemporaryDirectory(prefix="zhenwei-scan-") as tmp:
        tfile, rfile = Path(tmp) / "targets.jsonl", Path(tmp) / "results.jsonl"
        tfile.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in targets),
                         encoding="utf-8")
        run_opts = copy.deepcopy(options)
        run_opts.extra = dict(run_opts.extra, ZHENWEI_RESULTS_FILE=str(rfile))
        run_in_subprocess("scan", {"targets": str(tfile)}, run_opts, timeout=timeout)
        by_id = {}
        if rfile.exists():
            for line in rfile.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                by_id[row["scan_id"]] = row
    out = []
    for t in targets:
        row = by_id.get(t["scan_id"]) or {
            "scan_id": t["scan_id"], "input": t.get("input") or t["url"], "verdict": None,
            "error": {"kind": "error", "message": "the crawl produced no result for this input"},
            "stored": False}
        row["certificate"] = mask_certificate(row.get("certificate"), reveal)
        out.append(row)
    return out


def scan_url(url: str, options: RunOptions | None = None, reveal: bool = False) -> dict[str, Any]:
    """Scan one URL. Raises :class:`BadTarget` (naming the URL) when it is malformed."""
    validate_url(url)
    return scan_targets([{"url": url, "input": url}], options, reveal=reveal)[0]


def image_targets(path: str | Path) -> list[dict[str, Any]]:
    """Targets for every URL in a photo's QR codes. Raises ``QrDecodeError`` naming the file."""
    from zhenwei.qr import decode_file

    texts = decode_file(path)
    targets = []
    for i, text in enumerate(texts, 1):
        targets.append({"url": text, "input": f"{path}#{i}", "input_kind": "image",
                        "qr_text": text})
    return targets


def scan_image(path: str | Path, options: RunOptions | None = None,
               reveal: bool = False) -> list[dict[str, Any]]:
    """Decode a certificate photo and scan every URL its QR codes carry (one result per code)."""
    targets = image_targets(path)
    good, results = [], {}
    for t in targets:
        try:
            validate_url(t["url"])
            good.append(t)
        except BadTarget as exc:
            results[t["input"]] = {"input": t["input"], "input_kind": "image", "verdict": None,
                                   "error": {"kind": "bad_url", "message": f"{path}: QR code "
                                             f"does not hold a web address: {exc}"},
                                   "stored": False}
    for row in scan_targets(good, options, reveal=reveal):
        results[row["input"]] = row
    return [results[t["input"]] for t in targets]
