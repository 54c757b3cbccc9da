"""How a taken-down fake site behaves in the sandbox world.

Kinds (the ground truth the world records as ``down:<kind>``):

* ``nxdomain``: the name is gone from DNS (no host at all; the registry put it on serverHold, or the
  registration was deleted);
* ``refused``: DNS still answers, but with an IP nobody listens on (127.0.66.x), so connecting is
  refused;
* ``suspended``: the hosting provider replaced the site with a notice (该网站暂停访问 / 网站已被关停 /
  Account Suspended), with status 200, 403, 451 or 503 depending on the provider;
* ``http404``: the server still answers, but the site's files are gone: every path is a 404 (stock
  nginx, Apache or IIS page);
* ``parked``: the domain expired and was re-registered by a domainer: a for-sale page.

Reads no settings.
"""

from __future__ import annotations

from zhenwei.sandbox.kits.common import nginx_error, page
from zhenwei.sandbox.model import Handler, HttpRequest, HttpResponse
from zhenwei.sandbox.negatives_misc import PARKED_STYLES, parked_handler

DOWN_KINDS = ("nxdomain", "refused", "suspended", "http404", "parked")
SUSPENSION_STYLES = ("cloud_cn", "idc_cn", "cpanel", "legal_451")
NOT_FOUND_STYLES = ("nginx", "apache", "iis")


def suspension_response(host: str, style: str) -> HttpResponse:
    """The notice a hosting provider puts in place of a suspended site."""
    if style == "cloud_cn":
        return page(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>网站暂停访问</title>
<style>body{{background:#f5f5f5;font-family:"Microsoft YaHei",sans-serif}}.box{{width:600px;margin:120px auto;background:#fff;padding:40px;text-align:center}}</style></head>
<body><div class="box"><img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==" alt="">
<h2>该网站暂停访问</h2><p>您访问的网站 {host} 因存在违法违规内容，已被暂停访问。</p>
<p>如您是网站管理员，请登录云主机控制台查看详情。</p><p class="sm">星河云计算 · 主机服务</p></div></body></html>""")
    if style == "idc_cn":
        return page(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>网站已被关停</title></head>
<body><center><h1>网站已被关停</h1><p>根据有关部门要求，网站 {host} 涉嫌仿冒国家机关网站，已被关停。</p>
<p>云帆IDC 技术支持</p></center></body></html>""", status=403)
    if style == "cpanel":
        return page("""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Account Suspended</title></head>
<body><div style="text-align:center;margin-top:100px;font-family:Arial"><h1>Account Suspended</h1>
<p>This Account has been suspended.</p><p>Contact your hosting provider for more information.</p></div></body></html>""",
                    status=503, headers=[("Retry-After", "86400")])
    if style == "legal_451":
        return page(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>451 因法律原因不可用</title></head>
<body><h1>451 Unavailable For Legal Reasons</h1><p>网站 {host} 已被暂停访问（依据监管部门通知）。</p></body></html>""",
                    status=451)
    raise ValueError(f"suspension style {style!r}: expected one of {SUSPENSION_STYLES}")


def suspended_handler(style: str) -> Handler:
    if style not in SUSPENSION_STYLES:
        raise ValueError(f"suspension style {style!r}: expected one of {SUSPENSION_STYLES}")

    def handle(req: HttpRequest) -> HttpResponse:
        return suspension_response(req.host, style)
    return handle


def not_found_handler(style: str) -> Handler:
    """Every path is a 404, in the stock page of the web server that is left."""
    if style not in NOT_FOUND_STYLES:
        raise ValueError(f"404 style {style!r}: expected one of {NOT_FOUND_STYLES}")

    def handle(req: HttpRequest) -> HttpResponse:
        if style == "nginx":
            return nginx_error(404, "nginx/1.20.1")
        if style == "apache":
            body = ('<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n'
                    '</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n'
                    '</body></html>\n')
            return HttpResponse(status=404, headers=[("Content-Type", "text/html; charset=iso-8859-1"),
                                                     ("Server", "Apache/2.4.6 (CentOS)")], body=body.encode())
        body = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
                '<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; '
                'charset=iso-8859-1"/><title>404 - File or directory not found.</title></head><body><div id="header">'
                '<h1>Server Error</h1></div><div id="content"><fieldset><h2>404 - File or directory not found.</h2>'
                '<h3>The resource you are looking for might have been removed, had its name changed, or is temporarily '
                'unavailable.</h3></fieldset></div></body></html>')
        return HttpResponse(status=404, headers=[("Content-Type", "text/html"), ("Server", "Microsoft-IIS/8.5")],
                            body=body.encode())
    return handle


def parked_after_expiry(domain: str, style: str) -> Handler:
    if style not in PARKED_STYLES:
        raise ValueError(f"parked style {style!r}: expected one of {PARKED_STYLES}")
    return parked_handler(domain, style)
