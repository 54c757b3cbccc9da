"""Synthetic certificate holders and certificate records for the sandbox world.

Everybody here is made up: names are drawn from common surname and given-name characters, resident
ID numbers are built from a region code, a birth date and a serial with a correct GB 11643 check
digit, so they are valid in format but belong to nobody. Two kinds of record are generated:

* emergency-management special-operation certificates (特种作业操作证): number "T" + 18-digit ID,
  valid 6 years, review (复审) after 3 years;
* housing-ministry construction certificates (建筑施工特种作业操作资格证): numbers like
  ``京A012020000123``, valid 2 years.

Every generator takes a ``random.Random`` so the world stays deterministic. Dates are relative to
:data:`WORLD_DATE`, never to the clock.

Reads no settings.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

WORLD_DATE = date(2023, 6, 1)  # "today" inside the sandbox world

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建国峰亮成志新海东文云春德永庆红兵"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀英玲桂兰萍红燕梅琳雪婷慧颖倩洁晶丹莉凤翠"

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_RE = re.compile(r"^\d{17}[\dX]$")
MEM_CERT_RE = re.compile(r"^T(\d{17}[\dX])$")
MOHURD_CERT_RE = re.compile(r"^([京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川贵云陕甘青蒙桂藏宁新])([A-Z])(\d{2})(\d{4})(\d{6})$")


@dataclass(frozen=True)
class Province:
    """A province-level region, with the names its authorities go by."""

    code: str  # first two ID digits
    name: str  # 北京
    full: str  # 北京市
    abbr: str  # 京 (used in 住建 certificate numbers and ICP numbers)
    pinyin: str  # beijing
    initials: str  # bj
    mem: str  # 北京市应急管理局
    mohurd: str  # 北京市住房和城乡建设委员会
    capital: str  # 石家庄市 (a city with its own 应急管理局); municipalities use a district
    regions: tuple[tuple[str, str], ...] = field(default=())  # (6-digit region code, place name)


def _p(code, name, full, abbr, pinyin, initials, mem, mohurd, capital, regions):
    return Province(code, name, full, abbr, pinyin, initials, mem, mohurd, capital, tuple(regions))


_T, _S = "应急管理厅", "住房和城乡建设厅"
PROVINCES: tuple[Province, ...] = (
    _p("11", "北京", "北京市", "京", "beijing", "bj", "北京市应急管理局", "北京市住房和城乡建设委员会", "朝阳区",
       [("110101", "东城区"), ("110102", "西城区"), ("110105", "朝阳区"), ("110108", "海淀区"), ("110114", "昌平区")]),
    _p("12", "天津", "天津市", "津", "tianjin", "tj", "天津市应急管理局", "天津市住房和城乡建设委员会", "滨海新区",
       [("120101", "和平区"), ("120104", "南开区"), ("120116", "滨海新区")]),
    _p("13", "河北", "河北省", "冀", "hebei", "heb", "河北省" + _T, "河北省" + _S, "石家庄市",
       [("130102", "石家庄市长安区"), ("130203", "唐山市路北区"), ("130602", "保定市竞秀区"), ("131082", "三河市")]),
    _p("14", "山西", "山西省", "晋", "shanxi", "sx", "山西省" + _T, "山西省" + _S, "太原市",
       [("140105", "太原市小店区"), ("140202", "大同市平城区")]),
    _p("15", "内蒙古", "内蒙古自治区", "蒙", "neimenggu", "nmg", "内蒙古自治区" + _T, "内蒙古自治区" + _S, "呼和浩特市",
       [("150102", "呼和浩特市新城区"), ("150203", "包头市昆都仑区")]),
    _p("21", "辽宁", "辽宁省", "辽", "liaoning", "ln", "辽宁省" + _T, "辽宁省" + _S, "沈阳市",
       [("210102", "沈阳市和平区"), ("210202", "大连市中山区")]),
    _p("22", "吉林", "吉林省", "吉", "jilin", "jl", "吉林省" + _T, "吉林省" + _S, "长春市", [("220102", "长春市南关区")]),
    _p("23", "黑龙江", "黑龙江省", "黑", "heilongjiang", "hlj", "黑龙江省" + _T, "黑龙江省" + _S, "哈尔滨市",
       [("230102", "哈尔滨市道里区")]),
    _p("31", "上海", "上海市", "沪", "shanghai", "sh", "上海市应急管理局", "上海市住房和城乡建设管理委员会", "浦东新区",
       [("310101", "黄浦区"), ("310104", "徐汇区"), ("310115", "浦东新区")]),
    _p("32", "江苏", "江苏省", "苏", "jiangsu", "js", "江苏省" + _T, "江苏省" + _S, "南京市",
       [("320102", "南京市玄武区"), ("320505", "苏州市虎丘区"), ("320211", "无锡市滨湖区"), ("321321", "宿迁市宿豫区")]),
    _p("33", "浙江", "浙江省", "浙", "zhejiang", "zj", "浙江省" + _T, "浙江省" + _S, "杭州市",
       [("330106", "杭州市西湖区"), ("330203", "宁波市海曙区"), ("330782", "义乌市")]),
    _p("34", "安徽", "安徽省", "皖", "anhui", "ah", "安徽省" + _T, "安徽省" + _S, "合肥市",
       [("340102", "合肥市瑶海区"), ("341221", "临泉县"), ("340822", "怀宁县")]),
    _p("35", "福建", "福建省", "闽", "fujian", "fj", "福建省" + _T, "福建省" + _S, "福州市",
       [("350102", "福州市鼓楼区"), ("350583", "南安市")]),
    _p("36", "江西", "江西省", "赣", "jiangxi", "jx", "江西省" + _T, "江西省" + _S, "南昌市",
       [("360102", "南昌市东湖区"), ("362321", "上饶县")]),
    _p("37", "山东", "山东省", "鲁", "shandong", "sd", "山东省" + _T, "山东省" + _S, "济南市",
       [("370102", "济南市历下区"), ("370202", "青岛市市南区"), ("371321", "沂南县"), ("370785", "高密市")]),
    _p("41", "河南", "河南省", "豫", "henan", "ha", "河南省" + _T, "河南省" + _S, "郑州市",
       [("410105", "郑州市金水区"), ("411323", "淅川县"), ("412724", "太康县"), ("410381", "偃师市")]),
    _p("42", "湖北", "湖北省", "鄂", "hubei", "hb", "湖北省" + _T, "湖北省" + _S, "武汉市",
       [("420106", "武汉市武昌区"), ("420502", "宜昌市西陵区"), ("422802", "利川市")]),
    _p("43", "湖南", "湖南省", "湘", "hunan", "hn", "湖南省" + _T, "湖南省" + _S, "长沙市",
       [("430102", "长沙市芙蓉区"), ("431121", "祁阳县")]),
    _p("44", "广东", "广东省", "粤", "guangdong", "gd", "广东省" + _T, "广东省" + _S, "广州市",
       [("440106", "广州市天河区"), ("440305", "深圳市南山区"), ("441900", "东莞市"), ("440604", "佛山市禅城区")]),
    _p("45", "广西", "广西壮族自治区", "桂", "guangxi", "gx", "广西壮族自治区" + _T, "广西壮族自治区" + _S, "南宁市",
       [("450102", "南宁市兴宁区"), ("452626", "德保县")]),
    _p("46", "海南", "海南省", "琼", "hainan", "hi", "海南省" + _T, "海南省" + _S, "海口市", [("460105", "海口市秀英区")]),
    _p("50", "重庆", "重庆市", "渝", "chongqing", "cq", "重庆市应急管理局", "重庆市住房和城乡建设委员会", "渝北区",
       [("500103", "渝中区"), ("500112", "渝北区"), ("500229", "城口县")]),
    _p("51", "四川", "四川省", "川", "sichuan", "sc", "四川省" + _T, "四川省" + _S, "成都市",
       [("510104", "成都市锦江区"), ("511321", "南部县"), ("513401", "西昌市")]),
    _p("52", "贵州", "贵州省", "贵", "guizhou", "gz", "贵州省" + _T, "贵州省" + _S, "贵阳市",
       [("520102", "贵阳市南明区"), ("522427", "威宁彝族回族苗族自治县")]),
    _p("53", "云南", "云南省", "云", "yunnan", "yn", "云南省" + _T, "云南省" + _S, "昆明市", [("530102", "昆明市五华区")]),
    _p("61", "陕西", "陕西省", "陕", "shaanxi", "sn", "陕西省" + _T, "陕西省" + _S, "西安市",
       [("610113", "西安市雁塔区"), ("610521", "华州区")]),
    _p("62", "甘肃", "甘肃省", "甘", "gansu", "gs", "甘肃省" + _T, "甘肃省" + _S, "兰州市", [("620102", "兰州市城关区")]),
    _p("64", "宁夏", "宁夏回族自治区", "宁", "ningxia", "nx", "宁夏回族自治区" + _T, "宁夏回族自治区" + _S, "银川市",
       [("640104", "银川市兴庆区")]),
    _p("65", "新疆", "新疆维吾尔自治区", "新", "xinjiang", "xj", "新疆维吾尔自治区" + _T, "新疆维吾尔自治区" + _S,
       "乌鲁木齐市", [("650102", "乌鲁木齐市天山区")]),
)
PROVINCE_BY_CODE = {p.code: p for p in PROVINCES}
PROVINCE_BY_INITIALS = {p.initials: p for p in PROVINCES}

# 应急管理部 special-operation categories (作业类别) with their operating items (准操项目).
MEM_JOBS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("电工作业", ("低压电工作业", "高压电工作业", "电力电缆作业", "继电保护作业", "电气试验作业", "防爆电气作业")),
    ("焊接与热切割作业", ("熔化焊接与热切割作业", "压力焊作业", "钎焊作业")),
    ("高处作业", ("登高架设作业", "高处安装、维护、拆除作业")),
    ("制冷与空调作业", ("制冷与空调设备运行操作作业", "制冷与空调设备安装修理作业")),
    ("危险化学品安全作业", ("氯碱电解工艺作业", "加氢工艺作业", "聚合工艺作业", "化工自动化控制仪表作业")),
    ("煤矿安全作业", ("煤矿井下电气作业", "煤矿瓦斯检查作业", "煤矿安全监测监控作业")),
    ("金属非金属矿山安全作业", ("金属非金属矿井通风作业", "金属非金属矿山排水作业")),
    ("烟花爆竹安全作业", ("烟火药制造作业", "黑火药制造作业")),
    ("冶金（有色）生产安全作业", ("煤气作业",)),
)
# Most certificates are electricians, welders and work at height: weight the draw accordingly.
_MEM_JOB_WEIGHTS = (46, 22, 18, 6, 3, 2, 1, 1, 1)

# 住建 construction special-operation kinds, with the 2-digit job code used in the number.
MOHURD_JOBS: tuple[tuple[str, str], ...] = (
    ("01", "建筑电工"),
    ("02", "建筑架子工（普通脚手架）"),
    ("03", "建筑架子工（附着式升降脚手架）"),
    ("04", "建筑起重信号司索工"),
    ("05", "建筑起重机械司机（塔式起重机）"),
    ("06", "建筑起重机械司机（施工升降机）"),
    ("07", "建筑起重机械司机（物料提升机）"),
    ("08", "建筑起重机械安装拆卸工（塔式起重机）"),
    ("09", "建筑起重机械安装拆卸工（施工升降机）"),
    ("10", "高处作业吊篮安装拆卸工"),
    ("11", "建筑焊工"),
)


def id_check_digit(first17: str) -> str:
    """GB 11643 check digit for the first 17 digits of a resident ID number."""
    if not re.fullmatch(r"\d{17}", first17):
        raise ValueError(f"id_check_digit: expected 17 digits, got {first17!r}")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    return "10X98765432"[total % 11]


def valid_id(number: str) -> bool:
    """True when ``number`` is an 18-character ID with a correct check digit and a real date."""
    if not ID_RE.match(number or ""):
        return False
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return id_check_digit(number[:17]) == number[17]


def synthetic_id(rng: random.Random, province: Province | None = None, male: bool | None = None,
                 born: tuple[int, int] = (1966, 2002)) -> str:
    """A synthetic resident ID number: region of ``province`` (random if None), birth date, serial."""
    prov = province or rng.choice(PROVINCES)
    region = rng.choice(prov.regions)[0]
    birth = date(rng.randint(*born), 1, 1) + timedelta(days=rng.randint(0, 364))
    serial = rng.randint(0, 99) * 10
    if male is None:
        male = rng.random() < 0.86  # special-operation workers are mostly men
    serial += rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
    first17 = f"{region}{birth:%Y%m%d}{serial:03d}"
    return first17 + id_check_digit(first17)


def sex_of(id_number: str) -> str:
    """男 / 女 from the ID's 17th digit (odd = male)."""
    return "男" if int(id_number[16]) % 2 else "女"


def birth_of(id_number: str) -> date:
    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def synthetic_name(rng: random.Random, male: bool = True) -> str:
    given = GIVEN_MALE if male else GIVEN_FEMALE
    return rng.choice(SURNAMES) + "".join(rng.choice(given) for _ in range(rng.choice((1, 2, 2))))


def mask_id(id_number: str) -> str:
    """110101********1234: how sites print ID numbers."""
    return id_number[:6] + "*" * 8 + id_number[14:] if len(id_number) == 18 else id_number


def mask_name(name: str) -> str:
    return name[0] + "*" * (len(name) - 1) if name else name


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


@dataclass(frozen=True)
class CertRecord:
    """One certificate as a back end (official or fake) stores it."""

    number: str
    authority: str  # "mem" or "mohurd"
    name: str
    sex: str
    id_number: str
    category: str  # 作业类别 / 操作类别
    item: str  # 准操项目 ("" for 住建)
    first_issued: date  # 初领日期
    valid_from: date
    valid_until: date
    review_due: date | None  # 应复审日期
    reviewed: date | None  # 实际复审日期
    issuer: str  # 签发机关
    status: str = "有效"

    @property
    def photo_key(self) -> str:
        """A stable file name for the holder's photo on the site that shows this record."""
        return f"{abs(hash_text(self.number)) % 10**10:010d}"


def hash_text(text: str) -> int:
    """A stable (not per-process salted) 64-bit hash of ``text``."""
    import hashlib

    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def mem_record(rng: random.Random, id_number: str | None = None, issuer: str | None = None,
               province: Province | None = None, status: str = "有效") -> CertRecord:
    """A special-operation certificate record; the holder comes from ``id_number`` when given."""
    if id_number is None:
        id_number = synthetic_id(rng, province)
    elif not ID_RE.match(id_number):
        raise ValueError(f"mem_record: not an 18-digit ID number: {id_number!r}")
    male = int(id_number[16]) % 2 == 1
    category, items = rng.choices(MEM_JOBS, weights=_MEM_JOB_WEIGHTS)[0]
    try:
        earliest = max(date(2013, 1, 1), add_years(birth_of(id_number), 18))
    except ValueError:  # a made-up number from a URL need not hold a real birth date
        earliest = date(2013, 1, 1)
    earliest = min(earliest, WORLD_DATE - timedelta(days=200))
    span = max(1, (WORLD_DATE - timedelta(days=20) - earliest).days)
    first = earliest + timedelta(days=rng.randint(0, span))
    valid_from = first if add_years(first, 6) > WORLD_DATE else add_years(first, 6)
    review_due = add_years(valid_from, 3)
    reviewed = review_due - timedelta(days=rng.randint(5, 60)) if review_due < WORLD_DATE else None
    if issuer is None:
        prov = PROVINCE_BY_CODE.get(id_number[:2]) or province or rng.choice(PROVINCES)
        issuer = prov.mem
    return CertRecord(
        number="T" + id_number, authority="mem", name=synthetic_name(rng, male), sex=sex_of(id_number),
        id_number=id_number, category=category, item=rng.choice(items), first_issued=first,
        valid_from=valid_from, valid_until=add_years(valid_from, 6) - timedelta(days=1),
        review_due=review_due, reviewed=reviewed, issuer=issuer, status=status)


def mohurd_number(rng: random.Random, province: Province, year: int | None = None, job: str | None = None) -> str:
    year = year or rng.randint(2015, 2023)
    job = job or rng.choice(MOHURD_JOBS)[0]
    city = rng.choice("AAAABBCDEF")
    return f"{province.abbr}{city}{job}{year:04d}{rng.randint(1, 40000):06d}"


def mohurd_record(rng: random.Random, province: Province, number: str | None = None) -> CertRecord:
    """A construction special-operation certificate (2-year validity); parses ``number`` when given."""
    if number is None:
        number = mohurd_number(rng, province)
    m = MOHURD_CERT_RE.match(number)
    if not m:
        raise ValueError(f"mohurd_record: not a 住建 certificate number: {number!r}")
    job = dict(MOHURD_JOBS).get(m.group(3), MOHURD_JOBS[0][1])
    year = int(m.group(4))
    prov = next((p for p in PROVINCES if p.abbr == m.group(1)), province)
    id_number = synthetic_id(rng, prov, male=rng.random() < 0.95)
    first = date(year, 1, 1) + timedelta(days=rng.randint(0, 360))
    valid_from = first
    while add_years(valid_from, 2) <= WORLD_DATE:
        valid_from = add_years(valid_from, 2)  # renewed (延期复核) every two years
    return CertRecord(
        number=number, authority="mohurd", name=synthetic_name(rng, int(id_number[16]) % 2 == 1),
        sex=sex_of(id_number), id_number=id_number, category=job, item="", first_issued=first,
        valid_from=valid_from, valid_until=add_years(valid_from, 2) - timedelta(days=1), review_due=None,
        reviewed=None, issuer=prov.mohurd, status="有效")


def record_for(number: str, rng: random.Random, issuer: str | None = None,
               province: Province | None = None) -> CertRecord | None:
    """A record made up on the spot for ``number`` (what on-the-fly fake back ends did), or None when
    ``number`` is neither a ``T``+ID nor a 住建 number."""
    number = (number or "").strip().upper()
    m = MEM_CERT_RE.match(number)
    if m:
        return mem_record(rng, m.group(1), issuer=issuer, province=province)
    if MOHURD_CERT_RE.match(number):
        return mohurd_record(rng, province or PROVINCES[0], number)
    return None
