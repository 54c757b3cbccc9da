"""Positive pages of the corpus: fake query pages, result cards and portals, as kit families.

A *family* is one fake kit: a fixed combination of layout (:mod:`classifier.corpus.layouts`), CSS
framework, wording, field labels, form field names, footer mode and domain style, aimed at one
authority tier. Its pages differ only in content (province, synthetic holder, domain), just as one
real kit is redeployed on many domains. The family id is the page's ``group``. Reads no settings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from classifier.corpus.blocks import (
    DOMAIN_STYLES,
    FRAMEWORKS,
    MEM_TOKENS,
    MOHURD_TOKENS,
    OTHER_TOKENS,
    Framework,
    gov_footer,
    page_url,
    person_record,
    pick_host,
    random_province,
    site_id_local,
)
from classifier.corpus.layouts import LAYOUTS, Content
from zhenwei.sandbox.people import Province, synthetic_id, synthetic_name

QUERY_TITLES = ("证书查询", "证件查询", "操作证查询", "信息核验", "证书真伪查询", "持证人员信息查询", "电子证照查询",
                "特种作业操作证查询系统", "考核合格信息查询", "证书信息查询平台", "在线核验", "全国证书查询")
RESULT_BANNERS = ("证书有效", "该证书有效", "查询成功 状态：有效", "核验通过，证书真实有效", "此证有效", "证件状态：正常有效")
LABEL_SETS = (
    {"name": "姓名", "sex": "性别", "number": "证号", "cat": "作业类别", "item": "准操项目", "first": "初领日期",
     "valid": "有效期", "issuer": "签发机关"},
    {"name": "持证人", "sex": "性别", "number": "证书编号", "cat": "操作类别", "item": "操作项目", "first": "初次领证日期",
     "valid": "有效期限", "issuer": "发证机关"},
    {"name": "姓 名", "sex": "性 别", "number": "证件号码", "cat": "工种", "item": "准操项目", "first": "领证日期",
     "valid": "有效日期", "issuer": "发证单位"},
    {"name": "人员姓名", "sex": "性别", "number": "操作证号", "cat": "作业类别", "item": "作业项目", "first": "发证日期",
     "valid": "证书有效期", "issuer": "签发单位"},
)
FORM_NAMES = (("name", "sfz"), ("xm", "idcard"), ("realname", "certNo"), ("username", "zjhm"), ("n", "cardno"),
              ("holder", "code"))
NUMBER_LABELS = ("身份证号", "证件号码", "证书编号", "证号", "身份证号码/证书编号")
FOOTER_MODES = ("genuine", "mismatch", "partial", "none", "plain")
OTHER_BODIES = (
    ("中华人民共和国人力资源和社会保障部", "技能人员职业资格证书查询", "www.mohrss.gov.cn", "人社", "职业资格证书"),
    ("国家市场监督管理总局", "特种设备作业人员证查询", "www.samr.gov.cn", "市场监管", "特种设备作业人员证"),
    ("中华人民共和国公安部", "消防职业技能证书核验", "www.mps.gov.cn", "公安", "消防设施操作员证书"),
)
# target -> (category for query pages, category for result pages)
TARGETS = ("mem", "mem-provincial", "mem-local", "mohurd", "mohurd-local", "other")


@dataclass(frozen=True)
class Family:
    """One fake kit: every block choice fixed once."""

    id: str
    target: str
    layout: str
    fw: Framework
    title: str
    banner: str
    labels: dict
    form_names: tuple[str, str]
    number_label: str
    footer: str
    domain_style: str
    captcha: bool
    other: int  # index into OTHER_BODIES for target "other"


def make_families(seed: int) -> list[Family]:
    """Positive families: layouts cycled so each layout meets several targets and frameworks."""
    plan = ["mem"] * 14 + ["mem-provincial"] * 12 + ["mem-local"] * 10 + ["mohurd"] * 6 + ["mohurd-local"] * 6 \
        + ["other"] * 9
    out = []
    names = sorted(LAYOUTS)
    for i, target in enumerate(plan):
        rng = random.Random(f"{seed}:family:{i}")
        layout = names[i % len(names)]
        fw = FRAMEWORKS[(i * 3 + i // len(names)) % len(FRAMEWORKS)]
        out.append(Family(
            id=f"pos-{i:02d}-{layout}-{fw.name}", target=target, layout=layout, fw=fw,
            title=rng.choice(QUERY_TITLES), banner=rng.choice(RESULT_BANNERS), labels=rng.choice(LABEL_SETS),
            form_names=rng.choice(FORM_NAMES), number_label=rng.choice(NUMBER_LABELS),
            footer=FOOTER_MODES[(i * 7) % len(FOOTER_MODES)], domain_style=DOMAIN_STYLES[i % len(DOMAIN_STYLES)],
            captcha=rng.random() < 0.5, other=i % len(OTHER_BODIES)))
    return out


def _city(province: Province) -> str:
    return province.capital if province.capital.endswith(("市", "区", "县")) else province.capital + "市"


def _claim(family: Family, province: Province, rng: random.Random) -> tuple[str | None, str, str, tuple, str]:
    """(authority id, claimed name, official host imitated, host tokens, service title)."""
    t = family.target
    if t == "mem":
        return "mem", rng.choice(("中华人民共和国应急管理部", "应急管理部")), "cx.mem.gov.cn", MEM_TOKENS, \
            rng.choice(("特种作业操作证及安全生产知识和管理能力考核合格信息查询", family.title))
    if t == "mem-provincial":
        return "mem-provincial", province.mem, f"yjt.{province.pinyin}.gov.cn", MEM_TOKENS, family.title
    if t == "mem-local":
        return "mem-local", f"{_city(province)}应急管理局", f"yjj.{province.pinyin}.gov.cn", MEM_TOKENS, family.title
    if t == "mohurd":
        return "mohurd", rng.choice(("中华人民共和国住房和城乡建设部", "住房和城乡建设部")), "zlaq.mohurd.gov.cn", \
            MOHURD_TOKENS, rng.choice(("建筑施工特种作业操作资格证查询", "全国工程质量安全监管信息平台"))
    if t == "mohurd-local":
        return "mohurd-local", province.mohurd, f"zjt.{province.pinyin}.gov.cn", MOHURD_TOKENS, \
            "建筑施工特种作业人员" + family.title
    name, service, host, key, _ = OTHER_BODIES[family.other]
    return None, name, host, OTHER_TOKENS[key], service


def _fields(family: Family, rng: random.Random, province: Province, authority: str | None) -> tuple[list, str]:
    lab = family.labels
    if family.target == "other":
        name, idn = synthetic_name(rng, rng.random() < 0.7), synthetic_id(rng, province)
        number = f"{rng.randint(10, 99)}{idn[:6]}{rng.randint(10 ** 11, 10 ** 12 - 1)}"  # 20 digits: not an ID
        cert = OTHER_BODIES[family.other][4]
        return [(lab["name"], name), ("身份证号", idn[:6] + "********" + idn[-4:]), (lab["number"], number),
                ("证书名称", cert), ("职业（工种）", rng.choice(("电工", "焊工", "消防设施操作员", "起重机械指挥"))),
                ("等级", rng.choice(("四级/中级工", "五级/初级工", "三级/高级工"))),
                (lab["issuer"], OTHER_BODIES[family.other][0])], number
    rec = person_record(rng, authority or "mem", province)
    issuer = rec.issuer if family.target != "mem" else rng.choice((rec.issuer, "中华人民共和国应急管理部"))
    rows = [(lab["name"], rec.name), (lab["sex"], rec.sex), (lab["number"], rec.number), (lab["cat"], rec.category)]
    if rec.item:
        rows.append((lab["item"], rec.item))
    rows += [(lab["first"], rec.first_issued.isoformat()),
             (lab["valid"], f"{rec.valid_from.isoformat()} 至 {rec.valid_until.isoformat()}"), (lab["issuer"], issuer)]
    return rows, rec.number


def family_pages(family: Family, seed: int, count: int) -> list[dict]:
    """``count`` pages of one family, alternating query, result (and portal) pages."""
    rows = []
    for j in range(count):
        rng = random.Random(f"{seed}:{family.id}:{j}")
        province = random_province(rng)
        authority, claimed, official, tokens, service = _claim(family, province, rng)
        fields, number = _fields(family, rng, province, authority)
        portalish = family.layout in ("portal", "classic_table", "iframe_shell") and family.target.startswith("mem")
        kinds = ("query", "result", "portal") if portalish else ("query", "result")
        kind = kinds[j % len(kinds)]
        host = pick_host(rng, official, tokens, province, family.domain_style)
        site_id = "bm34000001" if authority == "mem" else site_id_local(rng, province)
        mode = family.footer if j % 5 else FOOTER_MODES[(j // 5 + family.fw.name.__len__()) % len(FOOTER_MODES)]
        head, footer = gov_footer(rng, claimed, site_id, province, mode)
        content = Content(kind=kind, claimed=claimed, service=service, title=family.title, banner=family.banner,
                          fields=fields, number=number, number_label=family.number_label,
                          form_names=family.form_names, captcha=family.captcha, footer=footer, head=head,
                          fw=family.fw, rng=rng)
        html = LAYOUTS[family.layout](content)
        if family.target == "other":
            category = "other_gov"
        elif family.target.startswith("mohurd"):
            category = "fake_mohurd"
        else:
            category = {"query": "fake_query", "result": "fake_result", "portal": "fake_portal"}[kind]
        rows.append({"url": page_url(rng, host, kind, number), "html": html, "label": 1, "category": category,
                     "authority": authority, "group": family.id})
    return rows


def positive_pages(seed: int, per_family: int = 18) -> list[dict]:
    out: list[dict] = []
    for family in make_families(seed):
        out.extend(family_pages(family, seed, per_family))
    return out
