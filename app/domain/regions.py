"""Administrative-division codes (GB/T 2260) as they appear in ID numbers.

Only the province level is complete; county codes are kept for Shanghai alone (current and
abolished districts/counties, which stay on older ID numbers for life). Region codes change over
time, so a county code missing here is a warning for the caller, never a rejection.
"""

from __future__ import annotations

# Province-level codes printed on 居民身份证. 71 台湾, 81 香港 and 82 澳门 exist in GB/T 2260 but
# never start a mainland resident ID: Hong Kong/Macau/Taiwan residents carry a 居住证 numbered
# 810000/820000/830000..., and Taiwan residents who settle in the mainland get a mainland code.
PROVINCES: dict[str, str] = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
}

# Shanghai's districts and former counties; the second item is the year a code was abolished
# (None while in use). Abolished codes remain valid on ID numbers issued before.
SHANGHAI_COUNTIES: dict[str, tuple[str, int | None]] = {
    "310101": ("黄浦区", None),
    "310102": ("南市区", 2000),
    "310103": ("卢湾区", 2011),
    "310104": ("徐汇区", None),
    "310105": ("长宁区", None),
    "310106": ("静安区", None),
    "310107": ("普陀区", None),
    "310108": ("闸北区", 2015),
    "310109": ("虹口区", None),
    "310110": ("杨浦区", None),
    "310111": ("吴淞区", 1988),
    "310112": ("闵行区", None),
    "310113": ("宝山区", None),
    "310114": ("嘉定区", None),
    "310115": ("浦东新区", None),
    "310116": ("金山区", None),
    "310117": ("松江区", None),
    "310118": ("青浦区", None),
    "310119": ("南汇区", 2009),
    "310120": ("奉贤区", None),
    "310151": ("崇明区", None),
    "310221": ("上海县", 1992),
    "310222": ("嘉定县", 1992),
    "310223": ("宝山县", 1988),
    "310224": ("川沙县", 1993),
    "310225": ("南汇县", 2001),
    "310226": ("奉贤县", 2001),
    "310227": ("松江县", 1998),
    "310228": ("金山县", 1997),
    "310229": ("青浦县", 1999),
    "310230": ("崇明县", 2016),
}

# Provinces whose county codes this module keeps, so an unknown county there is worth a warning.
PROVINCES_WITH_COUNTIES = frozenset({"31"})


def province_name(code: str) -> str | None:
    """Name of the province-level division a code starts with, or None if no such province."""
    return PROVINCES.get(code[:2])


def county_known(code6: str) -> bool | None:
    """True/False if the county of a 6-digit code is (not) in our table; None when not kept."""
    if code6[:2] not in PROVINCES_WITH_COUNTIES:
        return None
    return code6 in SHANGHAI_COUNTIES


def region_name(code6: str) -> str:
    """Human name of a 6-digit region code as far as known, e.g. '上海市浦东新区' or '安徽省'."""
    province = province_name(code6) or ""
    county = SHANGHAI_COUNTIES.get(code6)
    if county is None:
        return province
    name, abolished = county
    return f"{province}{name}" + (f"（{abolished}年撤销）" if abolished else "")
