"""Stylesheets the sandbox's pages link to, so that a rendered page (a screenshot in the evidence)
looks like the site it imitates: the ministry's blue-and-red portal, an IE-era table layout, WeUI,
Element UI, Bootstrap 3 and layui. Each is a small hand-written subset of what the real file styles,
keyed by the stylesheet's file name; :func:`stylesheet` returns None for names it does not know.

Reads no settings.
"""

from __future__ import annotations

_GOV = """/* mem portal */
body{margin:0;font:14px/1.7 "Microsoft YaHei","PingFang SC",SimSun,sans-serif;color:#333;background:#f4f4f4}
a{color:#333;text-decoration:none}a:hover{color:#c00}ul{margin:0;padding:0;list-style:none}
.w1200{width:1200px;margin:0 auto}.clearfix:after{content:"";display:block;clear:both}
.topbar{height:34px;line-height:34px;background:#f0f0f0;border-bottom:1px solid #ddd;font-size:12px;color:#666}
.topbar .date{float:left}.topbar-r{float:right}.topbar-r a{margin:0 6px;color:#666}
.header{height:130px;background:#fff url(/images/header_bg.png) no-repeat right center}
.header .logo{float:left;margin-top:22px}.header .logo img{height:86px}
.header .search{float:right;margin-top:48px}.search-input{width:240px;height:32px;border:1px solid #1a4f9c;padding:0 8px}
.search-btn{height:34px;width:64px;background:#1a4f9c;color:#fff;border:0;cursor:pointer}
.nav{background:#1a4f9c;height:48px}.nav li{float:left;width:120px;text-align:center}
.nav li a{display:block;line-height:48px;color:#fff;font-size:17px}.nav li.on a,.nav li a:hover{background:#c4161c;color:#fff}
.location{height:40px;line-height:40px;color:#666;font-size:13px}
.main-box{background:#fff;padding:20px;min-height:520px}.left-menu{float:left;width:220px;border:1px solid #e2e2e2}
.left-menu h3{margin:0;background:#1a4f9c;color:#fff;text-align:center;line-height:46px;font-size:18px}
.left-menu li{border-bottom:1px dashed #ddd;line-height:42px;padding-left:24px}.left-menu li.on a{color:#c4161c;font-weight:bold}
.right-con{float:right;width:900px}.cx-title h2{color:#1a4f9c;border-bottom:2px solid #1a4f9c;padding-bottom:10px;font-size:22px}
.cx-tab{margin:26px auto;border-collapse:collapse}.cx-tab th{width:120px;text-align:right;font-weight:normal;padding:10px}
.cx-tab .inp{width:320px;height:34px;border:1px solid #bbb;padding:0 10px}
.cx-btn{width:110px;height:38px;background:#c4161c;color:#fff;border:0;font-size:16px;cursor:pointer}
.cx-btn2{width:110px;height:38px;background:#888;color:#fff;border:0;font-size:16px}
.cx-error{color:#c00;text-align:center}.cx-tips{background:#f7f9fc;border:1px solid #dbe4f2;padding:12px 20px;color:#555}
.result-card{border:1px solid #d7dfeb;margin:10px 20px;background:#fff}
.rc-head{text-align:center;padding:18px 0;background:#fdf6f6;border-bottom:3px solid #c4161c}
.rc-head h2{margin:6px 0 0;color:#c4161c;letter-spacing:4px}.rc-head p{margin:0;color:#999;font-size:12px}
.rc-body{padding:20px}.rc-photo{float:left;width:120px}.rc-photo img{border:1px solid #ccc}
.rc-tab{float:right;width:720px;border-collapse:collapse}.rc-tab td{border:1px solid #e1e6ee;padding:9px 12px}
.rc-tab td.l{background:#f3f6fa;color:#1a4f9c;width:110px}
.rc-state{text-align:center;padding:14px}.stamp{display:inline-block;border:3px solid #1b9a3a;color:#1b9a3a;
font-size:24px;font-weight:bold;padding:4px 24px;transform:rotate(-8deg)}.rc-state .time{display:block;color:#999;font-size:12px}
.footer{background:#1a4f9c;color:#dfe8f6;font-size:13px;margin-top:30px;padding:18px 0}
.footer a{color:#dfe8f6}.footer-links{text-align:center;padding-bottom:10px;border-bottom:1px solid #3a6bb3}
.footer-con{width:1200px;margin:14px auto 0;display:flex;align-items:center}.footer-mid{flex:1;text-align:center}
.footer-mid p{margin:4px 0}.home .news-box{float:left;width:780px;background:#fff;padding:16px}
.home .service,.home .notice{float:right;width:360px;background:#fff;padding:16px;margin-bottom:14px}
.article{background:#fff;padding:30px 60px}.article h1{text-align:center;color:#1a4f9c;font-size:26px}
"""

_TABLE_ERA = """/* table-era CMS */
body{font-size:12px;font-family:"宋体",SimSun;color:#333;margin:0}td{font-size:12px;line-height:22px}
a{color:#333;text-decoration:none}a:hover{color:#c00;text-decoration:underline}
.nav a{color:#fff;font-size:14px;font-weight:bold;margin:0 10px}.news{border-bottom:1px dotted #ccc;padding:3px 6px}
.foot{color:#555;line-height:24px;border-top:3px solid #b80000}input{border:1px solid #999;height:20px}
"""

_WEUI = """/* weui subset */
body{margin:0;font-family:-apple-system,"Helvetica Neue",sans-serif;background:#ededed;font-size:17px}
.weui-cells{background:#fff;margin-top:8px;line-height:1.41}.weui-cell{display:flex;align-items:center;padding:16px;
position:relative}.weui-cell+.weui-cell:before{content:"";position:absolute;left:16px;right:0;top:0;border-top:1px solid #e5e5e5}
.weui-cell__bd{flex:1}.weui-cell__ft{color:rgba(0,0,0,.5);text-align:right}.weui-label{width:105px;display:block}
.weui-input{width:100%;border:0;outline:0;font-size:17px}.weui-btn-area{margin:24px 16px}
.weui-btn{display:block;padding:10px;border-radius:8px;text-align:center;font-weight:700;text-decoration:none}
.weui-btn_primary{background:#07c160;color:#fff}.weui-icon-success:before{content:"\\2714";color:#07c160}
.weui-loadmore{text-align:center;color:#999;padding:24px;font-size:14px}.weui-msg{text-align:center;padding:40px 16px}
"""

_ELEMENT = """/* element-ui subset */
.el-tabs__header{border-bottom:2px solid #e4e7ed;margin-bottom:15px}.el-tabs__item{display:inline-block;padding:0 20px;
line-height:40px;color:#303133}.el-tabs__item.is-active{color:#409eff;border-bottom:2px solid #409eff}
.el-form--inline .el-form-item{display:inline-block;margin-right:10px;vertical-align:top}.el-form-item__label{color:#606266;
padding-right:12px}.el-input__inner{height:40px;border:1px solid #dcdfe6;border-radius:4px;padding:0 15px;width:220px}
.el-button{display:inline-block;height:40px;padding:0 20px;border-radius:4px;border:1px solid #dcdfe6;background:#fff}
.el-button--primary{color:#fff;background:#409eff;border-color:#409eff}.el-empty{text-align:center;color:#909399;padding:40px}
"""

_BOOTSTRAP = """/*! Bootstrap v3.3.7 subset */
body{margin:0;font-family:"Helvetica Neue",Helvetica,Arial,sans-serif;font-size:14px;line-height:1.42857;color:#333}
.container{width:1170px;margin:0 auto;padding:0 15px}.row{margin:0 -15px}.row:after{content:"";display:table;clear:both}
.col-md-6,.col-md-8,.col-sm-3,.col-sm-9{float:left;padding:0 15px;box-sizing:border-box}.col-md-6{width:50%}
.col-md-8{width:66.666%}.col-md-offset-3{margin-left:25%}.col-md-offset-2{margin-left:16.666%}.col-sm-3{width:25%}
.col-sm-9{width:75%}.navbar{min-height:50px;margin-bottom:20px}.navbar-inverse{background:#222;border-color:#080808}
.navbar-brand{float:left;padding:15px;font-size:18px;color:#9d9d9d}.navbar-nav{margin:0;list-style:none}
.navbar-nav>li{float:left}.navbar-nav>li>a{display:block;padding:15px;color:#9d9d9d}.navbar-nav>.active>a{color:#fff;background:#080808}
.jumbotron{padding:30px;margin-bottom:30px;background:#eee;border-radius:6px}.panel{border:1px solid #ddd;border-radius:4px;margin-bottom:20px}
.panel-primary>.panel-heading{color:#fff;background:#337ab7}.panel-heading{padding:10px 15px}.panel-body{padding:15px}
.form-group{margin-bottom:15px}.form-control{display:block;width:100%;height:34px;padding:6px 12px;border:1px solid #ccc;border-radius:4px}
.btn{display:inline-block;padding:6px 12px;border:1px solid transparent;border-radius:4px}.btn-primary{color:#fff;background:#337ab7}
.btn-block{display:block;width:100%}.alert{padding:15px;margin-bottom:20px;border-radius:4px}
.alert-success{color:#3c763d;background:#dff0d8}.alert-danger{color:#a94442;background:#f2dede}
.table{width:100%;border-collapse:collapse}.table-bordered td,.table-bordered th{border:1px solid #ddd;padding:5px}
.active{background:#f5f5f5}.thumbnail{padding:4px;border:1px solid #ddd;border-radius:4px}.thumbnail img{width:100%}
.text-center{text-align:center}.text-muted{color:#777}
"""

_LAYUI = """/** layui-v2.6.8 subset */
body{margin:0;font:14px "Helvetica Neue",Helvetica,"PingFang SC",Tahoma,Arial,sans-serif;color:#333}
.layui-elem-field{border:1px solid #eee;padding:10px}.layui-elem-field legend{margin-left:20px;padding:0 10px;font-size:20px}
.layui-form-item{margin-bottom:15px;clear:both}.layui-form-label{float:left;width:80px;padding:9px 15px;text-align:right}
.layui-input-block{margin-left:110px}.layui-input{height:38px;width:100%;border:1px solid #e6e6e6;padding-left:10px;box-sizing:border-box}
.layui-btn{height:38px;padding:0 18px;background:#009688;color:#fff;border:0;border-radius:2px;cursor:pointer}
.layui-table{width:100%;border-collapse:collapse;margin:10px 0}.layui-table td{border:1px solid #e6e6e6;padding:9px 15px}
.layui-elem-quote{padding:15px;border-left:5px solid #ff5722;background:#fafafa}
"""

_ZLAQ = """/* zlaq platform */
body{margin:0;font:14px/1.6 "Microsoft YaHei",sans-serif;color:#333;background:#f5f7fa}
.tt{color:#0f4c97;font-size:20px;border-left:4px solid #0f4c97;padding-left:10px}
#certForm .row{margin:12px 0}#certForm .row span{display:inline-block;width:100px;text-align:right}
#certForm input,#certForm select{height:32px;width:300px;border:1px solid #c9d6e8;padding:0 8px}
.btn-q{margin-left:104px;width:120px;height:36px;background:#0f4c97;color:#fff;border:0}
.tip{color:#888;font-size:12px}.empty{color:#c00}.list{border-collapse:collapse;margin-top:16px;background:#fff}
.list th{background:#e8eef7;color:#0f4c97}.list td,.list th{border:1px solid #c9d6e8;padding:8px}
"""

_BY_NAME = {
    "index.css": _GOV, "common.css": _GOV, "style.css": _TABLE_ERA, "weui.min.css": _WEUI,
    "element-ui.2.15.6.css": _ELEMENT, "chunk-libs.3dfb7769.css": _ELEMENT, "bootstrap.min.css": _BOOTSTRAP,
    "layui.css": _LAYUI, "base.css": _ZLAQ, "cert.css": _ZLAQ,
}


_BY_PATH = {
    "/public/home/css/style.css": ".footer{padding:20px 0;border-top:1px solid #eee;margin-top:30px}\n"
                                  ".jumbotron h2{color:#337ab7}\n",
}


def stylesheet(path: str) -> str | None:
    """The CSS for a stylesheet path (by full path, else by file name such as ``weui.min.css``), or None."""
    low = path.lower()
    return _BY_PATH.get(low) or _BY_NAME.get(low.rsplit("/", 1)[-1])
