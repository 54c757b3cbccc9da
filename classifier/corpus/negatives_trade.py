"""Negative pages, part 2: training schools, companies' own certificate look-ups, exam agencies, parked and
unrelated sites.

Schools and agencies talk about 特种作业操作证 and send people to cx.mem.gov.cn; companies run their own
look-ups under their own name and ICP number. None of them presents itself as a government body. Each
template function is one group. Reads no settings.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from classifier.corpus.blocks import (
    FRAMEWORKS,
    doc,
    esc,
    filler_person,
    icp,
    random_province,
)

Page = tuple[str, str, str, str | None]
CX = "https://cx.mem.gov.cn/special?index=0"
JOBS = ("低压电工作业", "高压电工作业", "熔化焊接与热切割作业", "登高架设作业", "制冷与空调设备运行操作作业", "司索信号工")
CO_WORDS = ("安达", "鑫泰", "华安", "中建", "宏远", "恒信", "金盾", "卓越", "立安", "明德")


def _co(rng: random.Random, kind: str) -> str:
    return f"{random_province(rng).name}{rng.choice(CO_WORDS)}{kind}"


def _host(rng: random.Random, words: tuple[str, ...], tlds: tuple[str, ...] = (".com", ".cn", ".com.cn", ".net")) -> str:
    return f"www.{rng.choice(words)}{rng.randint(1, 99)}{rng.choice(tlds)}"


def _courses(rng: random.Random) -> str:
    return "".join(f"<li>{j}　学费{rng.randint(6, 30) * 100}元</li>" for j in rng.sample(JOBS, 4))


def _school_footer(rng: random.Random, name: str) -> str:
    return f"<div class='ft'>{esc(name)} 版权所有 {icp(rng, random_province(rng))} 咨询电话：400-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}</div>"


def school_classic(rng: random.Random, k: int) -> Page:
    name = _co(rng, "安全培训学校")
    fw = FRAMEWORKS[k % len(FRAMEWORKS)]
    body = (f"<div class='{fw.wrap}'><h1>{esc(name)}</h1><p>应急管理部门认可的安全培训机构，常年开设特种作业操作证培训班。</p>"
            f"<ul>{_courses(rng)}</ul><p>考试合格后由应急管理局颁发证书，证书可登录 <a href='{CX}'>{CX}</a> 查询。</p>"
            f"{_school_footer(rng, name)}</div>")
    # Schools advertise their approval by the bureau; the name in the title is not a claim to be it.
    title = rng.choice((f"{name}-特种作业培训", f"{name}（{random_province(rng).mem}认定安全培训机构）"))
    return f"http://{_host(rng, ('aqpx', 'anquanpeixun', 'tzzypx'))}/", name, doc(title, "", body, fw), None


def school_mobile(rng: random.Random, k: int) -> Page:
    name = _co(rng, "职业技能培训中心")
    body = (f"<div class='page'><h2>{esc(name)}</h2><div class='weui-cells'>{_courses(rng)}</div><a class='weui-btn' href='tel:400'>"
            f"立即报名</a><p>拿证后请在应急管理部官网 cx.mem.gov.cn 自行查询，全国通用。</p></div>")
    return f"https://m.{rng.choice(('peixun', 'jineng', 'kaozheng'))}{rng.randint(1, 99)}.com/", name, doc(name, "", body, FRAMEWORKS[4]), None


def school_faq(rng: random.Random, k: int) -> Page:
    name = _co(rng, "培训学校")
    qa = (("证书在哪里查询？", f"官方查询网址：{CX}，请勿相信其他网站。"), ("证书有效期多久？", "6年，每3年复审一次。"),
          ("考试不过怎么办？", "可补考一次。"), ("需要什么材料？", "身份证复印件、一寸照片、学历证明。"))
    body = f"<h1>{esc(name)}常见问题</h1>" + "".join(f"<h3>{q}</h3><p>{a}</p>" for q, a in rng.sample(qa, 3)) + _school_footer(rng, name)
    return f"http://{_host(rng, ('pxxx', 'px-school'))}/faq.html", name, doc(f"常见问题-{name}", "", body), None


def school_roster(rng: random.Random, k: int) -> Page:
    name = _co(rng, "安全技术培训有限公司")
    rows = "".join(f"<tr><td>{esc(n)}</td><td>{esc(i)}</td><td>{rng.choice(JOBS)}</td><td>合格</td></tr>"
                   for n, i in (filler_person(rng) for _ in range(rng.randint(5, 12))))
    body = (f"<h1>{esc(name)}</h1><h2>{rng.randint(2022, 2023)}年第{rng.randint(1, 12)}期考试合格名单</h2><table border='1'>"
            f"<tr><th>姓名</th><th>身份证号</th><th>作业类别</th><th>结果</th></tr>{rows}</table>"
            f"<p>证书发放后可到 cx.mem.gov.cn 查询电子证书。</p>{_school_footer(rng, name)}")
    return f"http://{_host(rng, ('anpei', 'aqjs'))}/news/{rng.randint(100, 999)}.html", name, doc(f"合格名单-{name}", "", body), None


def school_pricing(rng: random.Random, k: int) -> Page:
    name = _co(rng, "教育咨询")
    cards = "".join(f"<div class='price-card'><h3>{j}</h3><p class='p'>￥{rng.randint(8, 40) * 100}</p><p>包教包会 官网可查</p></div>"
                    for j in rng.sample(JOBS, 3))
    body = f"<div class='hero'><h1>{esc(name)}：电工证、焊工证、高处作业证报名</h1></div><div class='cards'>{cards}</div>{_school_footer(rng, name)}"
    return f"https://{_host(rng, ('kaozheng', 'bzw', 'zhengshu-px'), ('.com', '.top', '.cn'))}/", name, doc(name, "", body, FRAMEWORKS[6]), None


def school_teacher(rng: random.Random, k: int) -> Page:
    name = _co(rng, "技工学校")
    t = filler_person(rng)[0]
    body = (f"<h1>{esc(name)}</h1><h2>师资力量</h2><p>{esc(t)}老师，高级技师，从事电工作业培训十五年。</p>"
            f"<h2>证书说明</h2><p>特种作业操作证由省应急管理厅统一发放，学员可在国家平台查询。</p>{_school_footer(rng, name)}")
    return f"http://{_host(rng, ('jgxx', 'jixiao'))}/szll.html", name, doc(f"师资力量_{name}", "", body, FRAMEWORKS[0]), None


def school_repost(rng: random.Random, k: int) -> Page:
    # Schools repost the bureau's notices verbatim, issuer line included: the name is quoted, not claimed.
    name = _co(rng, "安全培训中心")
    p = random_province(rng)
    title = f"关于{p.mem}{rng.randint(2022, 2023)}年特种作业人员考试安排的通知（转载）"
    body = (f"<div class='site'>{esc(name)}</div><h1>{esc(title)}</h1><p>发布单位：{esc(p.mem)}　来源：{esc(p.mem)}网站</p>"
            f"<p>各培训机构：现将考试安排通知如下……考试合格后证书信息可在应急管理部 cx.mem.gov.cn 查询。</p>"
            f"<p>（本文转载自官方网站，仅供学员参考）</p>{_school_footer(rng, name)}")
    return f"http://{_host(rng, ('aqpx', 'pxzx'))}/news/{rng.randint(100, 999)}.html", name, doc(f"{title}-{name}", "", body), None


def city_services(rng: random.Random, k: int) -> Page:
    # City-service aggregators (apps, portals of private operators) list official services and link out.
    app = rng.choice(("城市服务", "便民查询", "生活助手"))
    links = ("<li><a href='https://cx.mem.gov.cn/special?index=0'>特种作业操作证查询（服务提供方：应急管理部）</a></li>"
             "<li><a href='https://zlaq.mohurd.gov.cn/'>建筑施工特种作业证查询（住房和城乡建设部）</a></li>"
             "<li><a href='/wz'>违章查询</a></li><li><a href='/gjj'>公积金查询</a></li>")
    body = f"<div class='page'><h1>{app}</h1><ul class='svc'>{links}</ul><p>本页面仅提供跳转，查询由官方平台提供。</p></div>"
    return f"https://{rng.choice(('m', 'h5', 'app'))}.{rng.choice(('bianmin', 'shenghuo', 'citysvc'))}{rng.randint(1, 99)}.com/", app, \
        doc(app, "", body, FRAMEWORKS[4]), None


def _own_lookup(rng: random.Random, kind: str, what: str, number_label: str) -> tuple[str, str, str]:
    name = _co(rng, kind)
    form = (f"<form action='/verify' method='post'><label>{number_label}</label><input name='no'><label>姓名</label>"
            f"<input name='xm'><button>查询</button></form>")
    footer = f"<div class='ft'>© {esc(name)} {icp(rng, random_province(rng))}</div>"
    return name, form, footer


def company_hr(rng: random.Random, k: int) -> Page:
    name, form, footer = _own_lookup(rng, "建设集团有限公司", "员工证书", "员工证书编号")
    body = f"<h1>{esc(name)} 员工持证信息查询</h1><p>本系统仅查询本公司内部上岗证。</p>{form}{footer}"
    return f"https://hr.{rng.choice(('jsjt', 'zjgroup', 'jiangong'))}{rng.randint(1, 99)}.com/cert", name, doc(f"{name}-内部证书查询", "", body), None


def company_power(rng: random.Random, k: int) -> Page:
    name, form, footer = _own_lookup(rng, "电力工程有限公司", "进网许可", "上岗证号")
    n, _ = filler_person(rng)
    body = (f"<h1>{esc(name)}</h1><h2>作业人员上岗证核验</h2>{form}<div class='res'><p>{esc(n)} 上岗证状态：有效（本公司内部）</p></div>{footer}")
    return f"http://www.{rng.choice(('dlgc', 'dianli'))}{rng.randint(1, 99)}.com.cn/sgz.html", name, doc(f"上岗证核验-{name}", "", body), None


def company_association(rng: random.Random, k: int) -> Page:
    name = f"{random_province(rng).name}{rng.choice(('焊接', '电力', '制冷', '起重'))}行业协会"
    body = (f"<h1>{esc(name)}</h1><h2>会员证书查询</h2><form action='/hy/cx'><input name='hyzh' placeholder='会员证号'>"
            f"<button>查询</button></form><p>注：本协会证书为行业自律证书，特种作业操作证请至应急管理部官网查询。</p>"
            f"<div class='ft'>{esc(name)} {icp(rng, random_province(rng))}</div>")
    return f"http://www.{rng.choice(('hjxh', 'dlxh', 'zlxh'))}{rng.randint(1, 9)}.org.cn/", name, doc(name, "", body, FRAMEWORKS[1]), None


def company_training_cert(rng: random.Random, k: int) -> Page:
    name, form, footer = _own_lookup(rng, "企业管理咨询有限公司", "培训合格证", "培训证书编号")
    n, _ = filler_person(rng)
    body = (f"<h1>{esc(name)} 培训证书查询</h1>{form}<table class='layui-table'><tr><td>姓名</td><td>{esc(n)}</td></tr><tr><td>"
            f"证书名称</td><td>企业内训结业证书</td></tr><tr><td>状态</td><td>有效</td></tr></table>{footer}")
    return f"https://{_host(rng, ('qygl', 'neixun'))}/zscx", name, doc(f"证书查询-{name}", "", body, FRAMEWORKS[2]), None


def company_product(rng: random.Random, k: int) -> Page:
    name, _, footer = _own_lookup(rng, "电器股份有限公司", "产品", "")
    body = (f"<h1>{esc(name)} 防伪查询</h1><p>请输入产品标签上的16位防伪码：</p><form action='/fw'><input name='fwm'>"
            f"<button>真伪查询</button></form><p>查询结果：正品，首次查询。</p>{footer}")
    return f"http://fw.{rng.choice(('dianqi', 'kaiguan'))}{rng.randint(1, 99)}.com/", name, doc(f"防伪查询-{name}", "", body), None


def company_diploma(rng: random.Random, k: int) -> Page:
    name = _co(rng, "职业技术学院")
    body = (f"<h1>{esc(name)} 毕业证书查询</h1><form action='/bys'><input name='xh' placeholder='学号'><input name='xm' placeholder='姓名'>"
            f"<button>查询</button></form><p>学历证书电子注册信息请以学信网为准。</p><div>{icp(rng, random_province(rng))}</div>")
    return f"https://www.{rng.choice(('zyjs', 'vtc', 'zhiyuan'))}{rng.randint(1, 99)}.edu.cn/bys", name, doc(f"毕业证书查询-{name}", "", body), None


def exam_register(rng: random.Random, k: int) -> Page:
    name = _co(rng, "考务服务有限公司")
    body = (f"<h1>{esc(name)}</h1><h2>特种作业操作证考试报名</h2><form action='/bm' method='post'><input name='xm' placeholder='姓名'>"
            f"<input name='sfz' placeholder='身份证号'><select name='gz'>{''.join(f'<option>{j}</option>' for j in JOBS)}</select>"
            f"<button>提交报名</button></form><p>考试由当地应急管理局组织，证书请在 cx.mem.gov.cn 查询。</p>{_school_footer(rng, name)}")
    return f"https://{_host(rng, ('kaowu', 'baoming', 'ksbm'))}/bm.html", name, doc(f"考试报名-{name}", "", body, FRAMEWORKS[k % 8]), None


def exam_schedule(rng: random.Random, k: int) -> Page:
    name = _co(rng, "考试服务中心")
    rows = "".join(f"<tr><td>2023-0{rng.randint(1, 9)}-{rng.randint(10, 28)}</td><td>{j}</td><td>{rng.randint(20, 80)}人</td></tr>"
                   for j in rng.sample(JOBS, 4))
    body = f"<h1>{esc(name)}考试安排</h1><table><tr><th>日期</th><th>工种</th><th>名额</th></tr>{rows}</table>{_school_footer(rng, name)}"
    return f"http://{_host(rng, ('kszx', 'kaoshi'))}/ksap.html", name, doc(f"考试安排-{name}", "", body), None


def exam_fees(rng: random.Random, k: int) -> Page:
    name = _co(rng, "人力资源服务有限公司")
    body = (f"<h1>{esc(name)}</h1><p>代办特种作业操作证复审，复审费用{rng.randint(2, 6) * 100}元。复审后可在应急管理部平台查询新有效期。</p>"
            f"<p>电话：1{rng.randint(3, 9)}{rng.randint(10**8, 10**9 - 1)}</p>{_school_footer(rng, name)}")
    return f"https://{_host(rng, ('rlzy', 'fushen'))}/fs.html", name, doc(f"证书复审代办-{name}", "", body), None


def exam_results(rng: random.Random, k: int) -> Page:
    name = _co(rng, "安全咨询有限公司")
    body = (f"<h1>成绩查询说明</h1><p>{esc(name)}学员：理论和实操考试成绩请登录省应急管理厅考试系统查询，证书信息请登录"
            f" <a href='{CX}'>国家平台</a>。本站不提供证书查询。</p>{_school_footer(rng, name)}")
    return f"http://{_host(rng, ('aqzx', 'anzi'))}/cj.html", name, doc(f"成绩查询说明_{name}", "", body, FRAMEWORKS[3]), None


def _parked_domain(rng: random.Random) -> str:
    return f"{rng.choice(('yjgl', 'zscx', 'chaxun', 'tzzy', 'shop', 'good', 'best'))}{rng.randint(1, 999)}{rng.choice(('.com', '.top', '.xyz', '.vip', '.cc'))}"


def parked_sale(rng: random.Random, k: int) -> Page:
    d = _parked_domain(rng)
    body = f"<h1>{d}</h1><p>This domain is for sale! 该域名正在出售，价格面议。</p><a href='https://domain-market.example/{d}'>联系卖家</a>"
    return f"http://{d}/", d, doc(f"{d} 域名出售", "", body), None


def parked_ads(rng: random.Random, k: int) -> Page:
    d = _parked_domain(rng)
    links = "".join(f"<li><a href='/lander?q={w}'>{w}</a></li>" for w in rng.sample(("证书", "培训", "保险", "贷款", "旅游", "Jobs"), 4))
    body = f"<div class='park'><h2>{d}</h2><p>Related searches</p><ul>{links}</ul></div><script src='/parking.js'></script>"
    return f"http://www.{d}/", d, doc(d, "", body), None


def parked_default(rng: random.Random, k: int) -> Page:
    d = _parked_domain(rng)
    body = rng.choice(("<h1>Welcome to nginx!</h1><p>If you see this page, the nginx web server is successfully installed.</p>",
                       "<h1>恭喜，站点创建成功！</h1><p>这是默认index.html，本页面由系统自动生成</p>",
                       "<h1>It works!</h1>"))
    return f"http://{d}/", "", doc(rng.choice(("Welcome to nginx!", "恭喜，站点创建成功！", "")), "", body), None


def parked_expired(rng: random.Random, k: int) -> Page:
    d = _parked_domain(rng)
    body = f"<div><h1>网站已到期</h1><p>{d} 的空间已到期，请联系服务商续费。</p></div>"
    return f"http://{d}/", "网站已到期", doc("网站已到期", "", body), None


def _plain(title: str, body: str, host: str, fw: int = 5) -> Page:
    return f"https://{host}/", title, doc(title, "", body, FRAMEWORKS[fw]), None


def shop(rng: random.Random, k: int) -> Page:
    items = "".join(f"<li>{g} ￥{rng.randint(9, 999)}</li>" for g in rng.sample(("劳保手套", "安全帽", "绝缘鞋", "电焊面罩", "反光背心", "工具箱"), 4))
    return _plain("劳保用品商城", f"<h1>劳保用品商城</h1><ul>{items}</ul><button>加入购物车</button>", _host(rng, ("laobao", "anquanmao")), 6)


def blog(rng: random.Random, k: int) -> Page:
    t = rng.choice(("周末去爬山", "我的焊工学习笔记", "Python 学习记录", "装修日记"))
    return _plain(t, f"<article><h1>{t}</h1><p>今天天气不错，记录一下{rng.randint(1, 30)}号的事情。</p></article>", _host(rng, ("blog", "myblog")), 1)


def weather(rng: random.Random, k: int) -> Page:
    p = random_province(rng)
    return _plain(f"{p.name}天气预报", f"<h1>{p.name}天气</h1><p>今天 晴 {rng.randint(10, 35)}℃，明天 多云。</p>", _host(rng, ("tianqi", "weather")), 0)


def restaurant(rng: random.Random, k: int) -> Page:
    return _plain("老王面馆", f"<h1>老王面馆</h1><p>牛肉面 {rng.randint(12, 30)}元</p><p>地址：{random_province(rng).capital}</p>", _host(rng, ("mianguan", "food")), 7)


def parcel(rng: random.Random, k: int) -> Page:
    return _plain("快递查询", f"<h1>快递单号查询</h1><form action='/track'><input name='no' placeholder='请输入快递单号'><button>查询</button></form>"
                  f"<p>单号 SF{rng.randint(10**11, 10**12)} 已签收</p>", _host(rng, ("kuaidi", "wuliu")), 2)


def game(rng: random.Random, k: int) -> Page:
    return _plain("休闲小游戏", "<h1>小游戏大全</h1><canvas id='c'></canvas><p>点击开始</p>", _host(rng, ("youxi", "game")), 3)


def techdoc(rng: random.Random, k: int) -> Page:
    return _plain("API 文档", f"<h1>接口文档 v{rng.randint(1, 5)}</h1><pre>GET /api/users?id=1</pre><p>返回 JSON。</p>", _host(rng, ("docs", "dev")), 6)


def hospital(rng: random.Random, k: int) -> Page:
    name = f"{random_province(rng).capital}第{rng.randint(1, 9)}人民医院"
    return _plain(f"预约挂号-{name}", f"<h1>{name}</h1><form action='/yy'><input name='sfz' placeholder='身份证号'><button>预约</button></form>",
                  _host(rng, ("yiyuan", "hospital")), 0)


TEMPLATES: dict[str, tuple[str, Callable[[random.Random, int], Page]]] = {
    "school-classic": ("training_school", school_classic), "school-mobile": ("training_school", school_mobile),
    "school-faq": ("training_school", school_faq), "school-roster": ("training_school", school_roster),
    "school-pricing": ("training_school", school_pricing), "school-repost": ("training_school", school_repost),
    "city-services": ("tutorial", city_services), "school-teacher": ("training_school", school_teacher),
    "company-hr": ("company_lookup", company_hr), "company-power": ("company_lookup", company_power),
    "company-association": ("company_lookup", company_association),
    "company-training-cert": ("company_lookup", company_training_cert),
    "company-product": ("company_lookup", company_product), "company-diploma": ("company_lookup", company_diploma),
    "exam-register": ("exam_agency", exam_register), "exam-schedule": ("exam_agency", exam_schedule),
    "exam-fees": ("exam_agency", exam_fees), "exam-results": ("exam_agency", exam_results),
    "parked-sale": ("parked", parked_sale), "parked-ads": ("parked", parked_ads),
    "parked-default": ("parked", parked_default), "parked-expired": ("parked", parked_expired),
    "unrelated-shop": ("unrelated", shop), "unrelated-blog": ("unrelated", blog), "unrelated-weather": ("unrelated", weather),
    "unrelated-restaurant": ("unrelated", restaurant), "unrelated-parcel": ("unrelated", parcel),
    "unrelated-game": ("unrelated", game), "unrelated-techdoc": ("unrelated", techdoc),
    "unrelated-hospital": ("unrelated", hospital),
}
