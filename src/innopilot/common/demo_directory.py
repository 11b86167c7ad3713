"""The demo directory, drawn from a fixed seed: enterprises with survey data, contacts and qualification
histories spread over every unit, and most units' work mechanisms.

Each enterprise gets a profile first — eligible today, once titled but lapsed (expired or failed its
review), or never nationally titled — and its titles follow from the profile, so that every unit has
eligible enterprises and the pool is about two fifths of the directory. Years count back from the
current year, so the demo tells the same story whenever it is loaded.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from stdnum.cn import uscc as stdnum_uscc

from innopilot.directory.eligibility import default_valid_to
from innopilot.directory.models import ManagingUnit

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
BIG_UNITS = {"500112": 25, "500105": 25, "CQ-LJ": 25}  # 渝北区, 江北区, 两江新区
PER_UNIT = 9
ELIGIBLE_SHARE = 0.42
LAPSED_SHARE = 0.25

_HEADS = [
    ("长江", "changjiang"),
    ("渝新", "yuxin"),
    ("巴山", "bashan"),
    ("嘉陵", "jialing"),
    ("缙云", "jinyun"),
    ("山城", "shancheng"),
    ("两江", "liangjiang"),
    ("金佛", "jinfo"),
    ("明月", "mingyue"),
    ("双桂", "shuanggui"),
    ("武陵", "wuling"),
    ("华岩", "huayan"),
    ("歌乐", "gele"),
    ("鹅岭", "eling"),
    ("朝天", "chaotian"),
    ("龙门", "longmen"),
    ("云篆", "yunzhuan"),
    ("南山", "nanshan"),
    ("铁山", "tieshan"),
    ("大足", "dazu"),
    ("石门", "shimen"),
    ("青龙", "qinglong"),
    ("白帝", "baidi"),
    ("凤鸣", "fengming"),
    ("宏信", "hongxin"),
    ("博创", "bochuang"),
    ("瑞丰", "ruifeng"),
    ("恒睿", "hengrui"),
]
# GB/T 4754 division → words its enterprises' names carry, and how often the division is drawn:
# mostly manufacturing (C13–C43), then software and IT services (I63–I65) and R&D services (M73–M75).
_INDUSTRIES: dict[str, tuple[int, tuple[str, ...]]] = {
    "13": (2, ("粮油食品", "农产品加工")),
    "14": (2, ("食品", "调味品")),
    "15": (2, ("酒业", "茶业")),
    "17": (1, ("纺织",)),
    "22": (1, ("纸业",)),
    "26": (5, ("化工新材料", "特种化工")),
    "27": (6, ("生物医药", "制药")),
    "29": (3, ("塑胶", "橡塑制品")),
    "30": (3, ("玻璃纤维", "新型建材")),
    "32": (2, ("铝业", "有色金属材料")),
    "33": (4, ("金属制品", "五金")),
    "34": (10, ("智能装备", "精密机械", "通用机械")),
    "35": (8, ("医疗器械", "数控机床", "专用设备")),
    "36": (12, ("汽车零部件", "汽车电子", "新能源汽车")),
    "37": (6, ("摩托车", "轨道交通装备", "航空部件")),
    "38": (8, ("电气", "储能科技", "电机")),
    "39": (10, ("电子科技", "芯片", "光电", "智能终端", "传感技术")),
    "40": (4, ("仪器仪表", "检测仪器")),
    "41": (1, ("工艺制品",)),
    "42": (1, ("再生资源",)),
    "43": (1, ("设备维修",)),
    "63": (2, ("通信技术", "卫星应用")),
    "64": (3, ("互联网科技", "数字科技")),
    "65": (7, ("软件", "信息技术", "工业软件", "大数据")),
    "73": (2, ("生物技术研究院", "新材料研究院", "工业技术研究院")),
    "74": (2, ("检测技术", "工程设计")),
    "75": (2, ("科技服务", "技术转移")),
}
_TAILS = ["有限公司", "股份有限公司", "科技有限公司", "集团有限公司"]
_ROADS = [
    "科技大道",
    "工业园路",
    "创新大道",
    "金山大道",
    "兴业路",
    "高新大道",
    "智造大道",
    "物流大道",
    "学府大道",
]
_SURNAMES = [
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("黄", "huang"),
    ("赵", "zhao"),
    ("周", "zhou"),
    ("吴", "wu"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("胡", "hu"),
    ("朱", "zhu"),
    ("何", "he"),
    ("罗", "luo"),
    ("谭", "tan"),
    ("冉", "ran"),
]
_GIVEN = [
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("洋", "yang"),
    ("艳", "yan"),
    ("勇", "yong"),
    ("杰", "jie"),
    ("娟", "juan"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("秀英", "xiuying"),
    ("丽", "li"),
    ("建华", "jianhua"),
    ("志强", "zhiqiang"),
    ("晓燕", "xiaoyan"),
    ("海燕", "haiyan"),
    ("俊杰", "junjie"),
]
_FIRST_POSITIONS = ["知识产权专员", "知识产权部经理", "研发中心主任", "科技项目专员", "法务主管"]
_SECOND_POSITIONS = ["总经理助理", "办公室主任", "技术总监", "副总经理", "行政部经理"]
_MOBILE_PREFIXES = ["135", "136", "138", "139", "151", "158", "159", "177", "180", "186", "187", "189"]
_CHINESE_ORDINALS = "一二三四五六七八九十"


def organization_code(rng: random.Random) -> str:
    """A GB 11714 organization code (8 characters and its check character)."""
    body = "".join(rng.choice("0123456789") for _ in range(8))
    total = sum(int(char) * weight for char, weight in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(rng: random.Random, region_code: str) -> str:
    """A valid code of a company (91) registered in ``region_code``."""
    partial = "91" + region_code + organization_code(rng)
    return partial + stdnum_uscc.calc_check_digit(partial)


@dataclass
class QualificationSpec:
    type_code: str
    recognized_year: int
    batch: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    document_number: str
    reviewed_on: datetime.date | None = None
    review_result: str = ""


@dataclass
class ContactSpec:
    name: str
    position: str
    mobile: str
    email: str


@dataclass
class EnterpriseSpec:
    uscc: str
    name: str
    unit: ManagingUnit
    profile: str  # "eligible", "lapsed" or "none"
    fields: dict
    contacts: list[ContactSpec] = field(default_factory=list)
    qualifications: list[QualificationSpec] = field(default_factory=list)


class DirectoryDraw:
    """Draws the demo directory; the same seed and year give the same enterprises in the same order."""

    def __init__(self, seed: int, year: int):
        self.rng = random.Random(seed)
        self.year = year
        self.used_names: set[str] = set()

    def enterprises(self, units: list[ManagingUnit]) -> list[EnterpriseSpec]:
        specs = []
        for unit in units:
            count = BIG_UNITS.get(unit.code, PER_UNIT)
            eligible = max(1, round(count * ELIGIBLE_SHARE))
            lapsed = round(count * LAPSED_SHARE)
            profiles = ["eligible"] * eligible + ["lapsed"] * lapsed + ["none"] * (count - eligible - lapsed)
            self.rng.shuffle(profiles)
            specs.extend(self._enterprise(unit, profile) for profile in profiles)
        return specs

    # --- One enterprise ---------------------------------------------------------------------------

    def _enterprise(self, unit: ManagingUnit, profile: str) -> EnterpriseSpec:
        rng = self.rng
        region_code = unit.gbt2260 or (unit.overlaps[0] if unit.overlaps else "500000")
        division = rng.choices(list(_INDUSTRIES), weights=[w for w, _ in _INDUSTRIES.values()])[0]
        head, head_pinyin = rng.choice(_HEADS)
        name = self._name(head, division)
        titled = profile != "none"
        surveyed = titled or rng.random() < 0.8
        fields = {
            "district_code": region_code,
            "industry_code": division,
            "size_class": rng.choices(
                ["large", "medium", "small", "micro"], weights=[1, 6, 9, 2] if titled else [1, 3, 10, 6]
            )[0],
            "established_on": datetime.date(
                rng.randint(1992, self.year - 4), rng.randint(1, 12), rng.randint(1, 28)
            ),
            "address": f"重庆市{unit.name_zh}{rng.choice(_ROADS)}{rng.randint(1, 399)}号",
            "willingness": rng.choices(
                ["yes", "unstated", "no"], weights=[13, 5, 2] if profile == "eligible" else [6, 10, 4]
            )[0],
        }
        if surveyed:
            fields |= self._survey(titled)
        spec = EnterpriseSpec(make_uscc(rng, region_code), name, unit, profile, fields)
        domain = f"{head_pinyin}{division}.com.cn"
        spec.contacts = [self._contact(domain, _FIRST_POSITIONS)]
        if rng.random() < 0.55:
            second = self._contact(domain, _SECOND_POSITIONS)
            if second.name != spec.contacts[0].name:
                spec.contacts.append(second)
        spec.qualifications = self._qualifications(profile, gbt29490=bool(fields.get("gbt29490_certified")))
        return spec

    def _name(self, head: str, division: str) -> str:
        cores = _INDUSTRIES[division][1]
        while True:
            name = f"重庆{head}{self.rng.choice(cores)}{self.rng.choice(_TAILS)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name
            head = self.rng.choice(_HEADS)[0]

    def _survey(self, titled: bool) -> dict:
        rng = self.rng
        has_department = rng.random() < (0.8 if titled else 0.35)
        return {
            "has_ip_department": has_department,
            "ip_staff_full_time": rng.randint(1, 8) if has_department else rng.randint(0, 1),
            "valid_invention_patents": rng.randint(8, 160) if titled else rng.randint(0, 25),
            "rd_expense_last_year": Decimal(
                rng.randint(30_000, 2_000_000) if titled else rng.randint(500, 300_000)
            )
            / 100,
            "gbt29490_certified": rng.random() < (0.45 if titled else 0.1),
        }

    def _contact(self, domain: str, positions: list[str]) -> ContactSpec:
        rng = self.rng
        (surname, surname_py), (given, given_py) = rng.choice(_SURNAMES), rng.choice(_GIVEN)
        mobile = rng.choice(_MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))
        return ContactSpec(surname + given, rng.choice(positions), mobile, f"{surname_py}{given_py}@{domain}")

    # --- Qualification histories -----------------------------------------------------------------

    def _qualifications(self, profile: str, *, gbt29490: bool) -> list[QualificationSpec]:
        rng, year = self.rng, self.year
        specs: list[QualificationSpec] = []
        if profile == "eligible":
            kind = rng.choices(["advantage", "little_giant", "demonstration"], weights=[45, 40, 15])[0]
            if kind == "advantage":
                specs += self._held(
                    "national_ip_advantage", rng.choice([year - 3, year - 3, year - 4, year - 5])
                )
                if rng.random() < 0.3:
                    specs.append(self._title("national_ip_advantage", rng.randint(year - 13, year - 9)))
            elif kind == "little_giant":
                specs += self._held("national_little_giant", rng.choice([year - 2, year - 3, year - 5]))
            else:
                specs += self._held("national_ip_demonstration", rng.choice([year - 3, year - 4]))
                specs.append(self._title("national_ip_advantage", rng.randint(year - 11, year - 7)))
        elif profile == "lapsed":
            kind = rng.choice(["expired", "failed", "failed_recent", "giant_expired"])
            if kind == "expired":  # an early batch never reviewed again
                specs.append(self._title("national_ip_advantage", rng.randint(year - 13, year - 6)))
            elif kind == "failed":  # reviewed after three years and not confirmed
                specs.append(self._failed("national_ip_advantage", rng.randint(year - 8, year - 5)))
            elif kind == "failed_recent":  # still within its years, but failed this year's review
                specs.append(self._failed("national_ip_advantage", year - 3))
            else:
                specs.append(self._title("national_little_giant", rng.choice([year - 7, year - 6])))
        chance = 0.6 if profile != "none" else 0.3
        if rng.random() < chance:
            first = rng.randint(year - 10, year - 1)
            specs += [self._title("high_tech", y) for y in range(first, year, 3)]
        if rng.random() < chance * 0.7:
            specs.append(self._title("zjtx_sme", rng.randint(year - 5, year - 1)))
        if rng.random() < chance * 0.5:
            specs.append(self._title("cq_ip_advantage", rng.randint(year - 8, year - 1)))
        if rng.random() < 0.15:
            specs.append(self._title("innovative_sme", rng.randint(year - 3, year - 1)))
        if gbt29490:
            specs.append(self._title("gbt29490_certified", rng.randint(year - 3, year - 1)))
        return specs

    def _held(self, type_code: str, recognized: int) -> list[QualificationSpec]:
        """A national title that holds today: recent enough, or confirmed by its review."""
        title = self._title(type_code, recognized)
        if title.valid_to and title.valid_to < datetime.date(self.year, 1, 1):
            title.reviewed_on = datetime.date(
                recognized + 3, self.rng.randint(6, 11), self.rng.randint(1, 28)
            )
            title.review_result = "passed"
            title.valid_to = default_valid_to(recognized + 3, 3)
        elif recognized + 3 == self.year and self.rng.random() < 0.4:
            title.review_result = "pending"  # this year's review has started, no result yet
        return [title]

    def _failed(self, type_code: str, recognized: int) -> QualificationSpec:
        title = self._title(type_code, recognized)
        review_year = min(recognized + 3, self.year)
        title.reviewed_on = datetime.date(review_year, self.rng.randint(3, 9), self.rng.randint(1, 28))
        title.review_result = "failed"
        return title

    def _title(self, type_code: str, recognized: int) -> QualificationSpec:
        rng = self.rng
        number = rng.randint(10, 480)
        if type_code in ("national_ip_advantage", "national_ip_demonstration"):
            batch, document = f"{recognized}年度", f"国知办函运字〔{recognized}〕{number}号"
        elif type_code == "national_little_giant":
            batch = f"第{_CHINESE_ORDINALS[max(0, recognized - 2019)]}批"
            document = f"工信部企业函〔{recognized}〕{number}号"
        elif type_code == "high_tech":
            batch, document = (
                f"{recognized}年第{rng.choice('一二')}批",
                f"GR{recognized}5100{rng.randint(0, 9999):04d}",
            )
        elif type_code == "gbt29490_certified":
            batch, document = (
                "",
                f"{rng.randint(10000, 99999)}IP{recognized % 100:02d}{rng.randint(0, 9999):04d}R0M",
            )
        elif type_code == "cq_ip_advantage":
            batch, document = f"{recognized}年度", f"渝知发〔{recognized}〕{number}号"
        else:
            batch, document = f"{recognized}年度", f"渝经信发〔{recognized}〕{number}号"
        valid_from = datetime.date(recognized, rng.randint(6, 12), rng.randint(1, 28))
        return QualificationSpec(
            type_code, recognized, batch, valid_from, default_valid_to(recognized, 3), document
        )


# --- Work mechanisms ------------------------------------------------------------------------------

_IP_OFFICES = ["知识产权科", "知识产权保护科", "知识产权促进科"]
_ECON_OFFICES = ["中小企业科", "技术创新科", "产业发展科"]


def mechanism_values(rng: random.Random, unit: ManagingUnit) -> dict:
    """What a unit records, with the gaps real units leave: about a tenth leave offices or contacts
    open, and the caller decides who has uploaded a plan."""

    def person():
        return rng.choice(_SURNAMES)[0] + rng.choice(_GIVEN)[0]

    def landline():
        return f"023-{rng.choice('4678')}{rng.randint(0, 9_999_999):07d}"

    ip_department = f"{unit.name_zh}市场监督管理局（知识产权局）"
    econ_department = (
        f"{unit.name_zh}经济运行局" if unit.kind == "zone" else f"{unit.name_zh}经济和信息化委员会"
    )
    values = {
        "ip_department": ip_department,
        "ip_office": rng.choice(_IP_OFFICES),
        "ip_contact_name": person(),
        "ip_contact_phone": landline(),
        "econ_department": econ_department,
        "econ_office": rng.choice(_ECON_OFFICES),
        "econ_contact_name": person(),
        "econ_contact_phone": rng.choice(
            [landline(), rng.choice(_MOBILE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"]
        ),
    }
    if rng.random() < 0.12:
        values["econ_office"] = values["econ_contact_name"] = values["econ_contact_phone"] = ""
    elif rng.random() < 0.1:
        values["ip_contact_phone"] = ""
    return values
