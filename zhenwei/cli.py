"""The ``zhenwei`` command: a thin click layer over the library API.

Every command's help ends with an example. Network options are shared through one decorator,
:func:`run_options`. Nothing here fetches or parses pages: see ``zhenwei.scan``.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from zhenwei.config import RunOptions

DEFAULT_DB = "var/zhenwei.db"


def run_options(func):
    """Options shared by every command that crawls or stores."""
    options = [
        click.option("--db", envvar="ZHENWEI_DB", default=DEFAULT_DB, show_default=True,
                     type=click.Path(dir_okay=False), help="SQLite database (also ZHENWEI_DB)."),
        click.option("--evidence-dir", envvar="ZHENWEI_EVIDENCE_DIR", default="var/evidence",
                     show_default=True, help="Directory for WARC evidence files."),
        click.option("--nameserver", envvar="ZHENWEI_NAMESERVER", metavar="HOST:PORT",
                     help="DNS server for crawling and lookups (default: system resolver)."),
        click.option("--whois-server", envvar="ZHENWEI_WHOIS_SERVER", metavar="HOST:PORT",
                     help="WHOIS server for every WHOIS query (default: the registry's, port 43)."),
        click.option("--allow-net", multiple=True, metavar="CIDR",
                     help="Let the SSRF guard through to this range (repeatable), e.g. 127.0.0.0/8."),
        click.option("--port-map", envvar="ZHENWEI_PORT_MAP", metavar="FROM:TO,...",
                     help="Connect to another port than the URL says, e.g. 80:8080,443:8443."),
        click.option("--network-file", envvar="ZHENWEI_NETWORK_FILE", type=click.Path(),
                     help="JSON with nameserver/whois_server/allow_net/port_map "
                          "(written by `zhenwei sandbox up`)."),
    ]

    @functools.wraps(func)
    def wrapper(*args, db, evidence_dir, nameserver, whois_server, allow_net, port_map,
                network_file, **kwargs):
        import os

        allow = list(allow_net) or [n for n in os.environ.get("ZHENWEI_ALLOW_NET", "").replace(",", " ").split() if n]
        opts = RunOptions(db=db, evidence_dir=evidence_dir, nameserver=nameserver,
                          whois_server=whois_server, allow_net=allow, port_map=port_map,
                          network_file=network_file)
        return func(*args, run=opts, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


@click.group()
@click.version_option(package_name="zhenwei")
def main() -> None:
    """zhenwei (真伪): find, prove and take down fake certificate-verification sites.

    \b
    Example:
        zhenwei scan 'https://cx-mem-gov.cn/verify?no=T110101199001011234'
    """


@main.command()
@click.argument("urls", nargs=-1)
@click.option("--image", "images", multiple=True, type=click.Path(),
              help="A photo of a certificate; every QR code in it is scanned (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per input.")
@click.option("--lang", type=click.Choice(["both", "zh", "en"]), default="both", show_default=True)
@click.option("--reveal", is_flag=True,
              help="Show full names and ID numbers (personal data; for authorised users only).")
@run_options
def scan(urls, images, as_json, lang, reveal, run):
    """Scan suspicious QR URLs or certificate photos and give a verdict with evidence.

    Follows every redirect (HTTP, meta refresh, JS, shorteners), fetches as WeChat and as a
    desktop browser, submits the certificate number to the page's query form, and stores every
    response in WARC with SHA-256, plus DNS and WHOIS. Exit status: 0 verdict given,
    2 bad input, 3 unreachable, 4 refused (network policy or hostile page).

    \b
    Example:
        zhenwei scan 'https://cx-mem-gov.cn/verify?no=T110101199001011234'
        zhenwei scan --image card.jpg --json
        zhenwei scan --network-file var/sandbox/network.json 'http://cx-mem-gov.cn/'
    """
    from zhenwei.netpolicy import BadTarget, validate_url
    from zhenwei.qr import QrDecodeError
    from zhenwei.render import format_result
    from zhenwei.scan import EXIT_BAD_INPUT, image_targets, outcome_code, scan_targets

    if not urls and not images:
        raise click.UsageError("give at least one URL or --image FILE")
    targets = []
    try:
        for url in urls:
            validate_url(url)
            targets.append({"url": url, "input": url})
        for image in images:
            for t in image_targets(image):
                validate_url(t["url"])
                targets.append(t)
    except (BadTarget, QrDecodeError, ValueError) as exc:
        click.echo(f"zhenwei: error: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    try:
        results = scan_targets(targets, run, reveal=reveal)
    except Exception as exc:  # crawl process failure: one line, not a traceback
        click.echo(f"zhenwei: error: scan failed: {exc}", err=True)
        sys.exit(1)
    code = 0
    for i, result in enumerate(results):
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False))
        else:
            if i:
                click.echo("")
            click.echo(format_result(result, lang))
        if result.get("error") and (result.get("verdict") in (None, "unreachable")):
            click.echo(f"zhenwei: error: {result['input']}: {result['error']['message']}", err=True)
        code = max(code, outcome_code(result))
    sys.exit(code)


@main.group()
def qr() -> None:
    """QR codes on certificate photos."""


@qr.command("decode")
@click.argument("files", nargs=-1, required=True, type=click.Path())
def qr_decode(files):
    """Decode every QR code in each photo; one JSON line per file.

    Prints {"file": ..., "texts": [...]} or {"file": ..., "error": ...}. Exit status 1 when any file
    could not be read.

    \b
    Example:
        zhenwei qr decode card.jpg back.jpg
    """
    from zhenwei.qr import QrDecodeError, decode_file

    failed = False
    for f in files:
        try:
            row = {"file": f, "texts": decode_file(f)}
        except QrDecodeError as exc:
            row, failed = {"file": f, "error": str(exc), "code": exc.code}, True
        click.echo(json.dumps(row, ensure_ascii=False))
    sys.exit(1 if failed else 0)


@main.group()
def sandbox() -> None:
    """The built-in sandbox world: a simulated internet on 127.0.0.1."""


@sandbox.command("up")
@click.option("--state-dir", default="var/sandbox", show_default=True, type=click.Path())
@click.option("--seed", default=2023, show_default=True, type=int)
@click.option("--dns-port", default=5353, show_default=True, type=int)
@click.option("--http-port", default=8080, show_default=True, type=int)
@click.option("--https-port", default=8443, show_default=True, type=int)
@click.option("--whois-port", default=4343, show_default=True, type=int)
def sandbox_up(state_dir, seed, dns_port, http_port, https_port, whois_port):
    """Serve the sandbox world (DNS, HTTP/HTTPS, WHOIS) until Ctrl-C.

    Writes STATE_DIR/network.json (use it with --network-file) and STATE_DIR/known-sites.csv.

    \b
    Example:
        zhenwei sandbox up &
        zhenwei scan --network-file var/sandbox/network.json 'http://cx-mem-gov.cn/'
    """
    from zhenwei.sandbox.runner import run_foreground
    from zhenwei.sandbox.world import build_world
    from zhenwei.demo import write_known_sites

    world = build_world(seed)
    Path(state_dir).mkdir(parents=True, exist_ok=True)
    write_known_sites(world, Path(state_dir) / "known-sites.csv")
    run_foreground(world, Path(state_dir), dns_port=dns_port, http_port=http_port,
                   https_port=https_port, whois_port=whois_port)


@main.group()
def sites() -> None:
    """Known fake sites."""


@sites.command("import")
@click.argument("file", type=click.Path())
@click.option("--skip-bad", is_flag=True, help="Import the good rows even if some rows are bad.")
@click.option("--source", default="known-list", show_default=True, help="Source recorded for rows without one.")
@click.option("--db", envvar="ZHENWEI_DB", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
def sites_import(file, skip_bad, source, db):
    """Import a known-site list (CSV or XLSX): validates every row first, merges, never duplicates.

    Columns: domain, url, first_seen, source, note (or 域名, 网址, 首次发现, 来源, 备注).
    Nothing is written if any row is bad, unless --skip-bad.

    \b
    Example:
        zhenwei sites import known.csv
    """
    from zhenwei.sites_import import read_site_list
    from zhenwei.store import Store

    try:
        rows, errors = read_site_list(file)
    except ValueError as exc:
        click.echo(f"zhenwei: error: {exc}", err=True)
        sys.exit(2)
    for err in errors:
        click.echo(f"zhenwei: {file}: {err}", err=True)
    if errors and not skip_bad:
        click.echo(f"zhenwei: {len(errors)} bad row(s); nothing imported (use --skip-bad to import "
                   f"the {len(rows)} good rows)", err=True)
        sys.exit(2)
    counts = Store(db).import_sites(rows, source)
    click.echo(f"已导入 imported: {counts['added']} new, {counts['merged']} merged, "
               f"{len(errors)} skipped")


@sites.command("list")
@click.option("--status", type=click.Choice(["live", "down", "benign", "unknown"]))
@click.option("--json", "as_json", is_flag=True)
@click.option("--db", envvar="ZHENWEI_DB", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
def sites_list(status, as_json, db):
    """List known sites with their status (live/down/benign) and the evidence kind when down.

    \b
    Example:
        zhenwei sites list --status live
    """
    from zhenwei.render import format_table
    from zhenwei.store import Store

    rows = [r for r in Store(db).sites() if not status or r["status"] == status]
    if as_json:
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    click.echo(format_table(rows, [("domain", "域名 domain"), ("status", "状态 status"),
                                   ("down_reason", "证据 evidence"), ("verdict", "结论 verdict"),
                                   ("last_checked", "检查时间 checked")]))


@main.command()
@click.option("--state-dir", default="var/demo", show_default=True, type=click.Path())
@click.option("--seed", default=2023, show_default=True, type=int)
def demo(state_dir, seed):
    """Run the main job on the sandbox world: start it, import its known-site list, scan every
    sample certificate photo and every known site, print a summary, stop.

    \b
    Example:
        zhenwei demo
    """
    from zhenwei.demo import run_demo

    sys.exit(run_demo(Path(state_dir), seed=seed, echo=click.echo))


@main.command()
@click.option("--input", "input_path", required=True, type=click.Path(), help="JSON lines: url, html, id?, headers?")
@click.option("--output", "output_path", type=click.Path(), help="Write results here instead of stdout.")
def classify(input_path, output_path):
    """Score saved pages: one JSON line per input line, in the same order.

    Each output line has id (when given), url, score (0-1), verdict (impersonation or legitimate),
    authority and reasons. A malformed line gives an error naming its line number; the rest still
    run (exit status 1 if any line failed).

    \b
    Example:
        zhenwei classify --input pages.jsonl --output scores.jsonl
    """
    from classifier.scoring import read_jsonl, score_rows

    failed = False
    out = open(output_path, "w", encoding="utf-8") if output_path else sys.stdout
    try:
        with open(input_path, encoding="utf-8", errors="replace") as fh:
            batch: list[dict] = []

            def flush():
                for res in score_rows(batch):
                    out.write(json.dumps(res, ensure_ascii=False) + "\n")
                batch.clear()

            for _, row, error in read_jsonl(fh):
                if error:
                    flush()  # keep output in input order
                    click.echo(f"zhenwei: {input_path}: {error}", err=True)
                    failed = True
                    continue
                batch.append(row)
                if len(batch) >= 256:
                    flush()
            flush()
    except FileNotFoundError:
        click.echo(f"zhenwei: error: {input_path}: file not found", err=True)
        sys.exit(2)
    finally:
        if output_path:
            out.close()
    sys.exit(1 if failed else 0)


@main.group()
def classifier() -> None:
    """The impersonation model: train and evaluate."""


@classifier.command("train")
@click.option("--seed", default=7, show_default=True, type=int, help="Corpus seed.")
@click.option("--out", type=click.Path(), help="Model path (default: the shipped model).")
def classifier_train(seed, out):
    """Rebuild the labelled corpus, evaluate under group k-fold, fit and save the model.

    \b
    Example:
        zhenwei classifier train
    """
    from classifier.scoring import MODEL_PATH, train

    meta = train(Path(out) if out else MODEL_PATH, seed)
    ev = meta["evaluation"]
    click.echo(f"saved {out or MODEL_PATH}: recall {ev['recall']}, precision {ev['precision']}, "
               f"ROC AUC {ev['roc_auc']}, FPR hard negatives {ev['fpr_hard_negatives']}")


@classifier.command("evaluate")
@click.option("--seed", default=7, show_default=True, type=int, help="Corpus seed.")
@click.option("--report", default="var/classifier-evaluation.md", show_default=True, type=click.Path())
def classifier_evaluate(seed, report):
    """Evaluate the model design under group k-fold by kit/source and write a Markdown report.

    Each fold's decision threshold is chosen by an inner group k-fold on its training part only.

    \b
    Example:
        zhenwei classifier evaluate --report var/eval.md
    """
    from classifier.corpus import build_corpus
    from classifier.evaluate import format_report, metrics, nested_predictions
    from classifier.model import build_model

    rows = build_corpus(seed)
    scores, pred, thresholds = nested_predictions(rows, build_model)
    m = metrics(rows, scores, thresholds, pred)
    text = format_report(m)
    Path(report).parent.mkdir(parents=True, exist_ok=True)
    Path(report).write_text(text, encoding="utf-8")
    click.echo(text)
    click.echo(f"report written to {report}")


if __name__ == "__main__":
    main()
