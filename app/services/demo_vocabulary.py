"""Word lists of the demo generator: Shanghai districts, streets and roads, names, notes.

Street and road names are real, so the demo reads like Shanghai; every jurisdiction the demo makes
is still marked 示例 and numbered under the fake prefix 3109 (see demo_data).
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Real district code and name, then its streets/towns (街) and roads (路), all real names.
_DISTRICT_TABLE = """
310107 普陀区
街 曹杨新村街道 长风新村街道 长寿路街道 甘泉路街道 石泉路街道 宜川路街道 万里街道 真如镇街道
街 长征镇 桃浦镇
路 曹杨路 兰溪路 枣阳路 梅岭北路 武宁路 长寿路 金沙江路 真北路 铜川路 杏山路 桐柏路 岚皋路
310105 长宁区
街 华阳路街道 江苏路街道 新华路街道 周家桥街道 天山路街道 仙霞新村街道 虹桥街道 程家桥街道
街 北新泾街道 新泾镇
路 华阳路 安西路 定西路 番禺路 天山路 仙霞路 虹桥路 威宁路 茅台路 哈密路 剑河路 北渔路
310104 徐汇区
街 天平路街道 湖南路街道 斜土路街道 枫林路街道 长桥街道 田林街道 虹梅路街道 康健新村街道
街 徐家汇街道 凌云路街道 龙华街道 漕河泾街道 华泾镇
路 零陵路 斜土路 龙华西路 田林路 钦州路 宜山路 康健路 桂林路 凌云路 罗城路 龙吴路 华泾路
310106 静安区
街 江宁路街道 石门二路街道 南京西路街道 静安寺街道 曹家渡街道 天目西路街道 北站街道 宝山路街道
街 共和新路街道 大宁路街道 彭浦新村街道 临汾路街道 芷江西路街道 彭浦镇
路 康定路 西康路 余姚路 共和新路 彭浦路 临汾路 场中路 芷江西路 大统路 灵石路 平型关路 延长路
310110 杨浦区
街 定海路街道 平凉路街道 江浦路街道 四平路街道 控江路街道 长白新村街道 延吉新村街道 殷行街道
街 大桥街道 五角场街道 新江湾城街道 长海路街道
路 长白路 控江路 鞍山路 国和路 延吉东路 殷行路 政立路 黄兴路 平凉路 靖宇东路 民星路 市光路
310109 虹口区
街 欧阳路街道 曲阳路街道 广中路街道 嘉兴路街道 凉城新村街道 四川北路街道 北外滩街道 江湾镇街道
路 欧阳路 曲阳路 广中路 凉城路 西江湾路 四平路 水电路 车站南路 玉田路 密云路 汶水东路 临平路
310101 黄浦区
街 南京东路街道 外滩街道 半淞园路街道 小东门街道 豫园街道 老西门街道 五里桥街道 打浦桥街道
街 淮海中路街道 瑞金二路街道
路 浙江中路 福建中路 半淞园路 蓬莱路 复兴东路 中华路 瞿溪路 丽园路 建国中路 顺昌路 制造局路
310115 浦东新区
街 潍坊新村街道 陆家嘴街道 周家渡街道 塘桥街道 上钢新村街道 南码头路街道 沪东新村街道
街 金杨新村街道 洋泾街道 浦兴路街道 东明路街道 花木街道 川沙新镇 高桥镇 北蔡镇 张江镇 三林镇
街 惠南镇 周浦镇
路 潍坊路 崂山路 南泉路 张杨路 源深路 金杨路 博山路 德州路 上南路 成山路 杨高南路 锦绣路
310112 闵行区
街 江川路街道 古美路街道 新虹街道 浦锦街道 莘庄镇 七宝镇 颛桥镇 华漕镇 虹桥镇 梅陇镇 吴泾镇
街 马桥镇 浦江镇
路 莘建路 莘松路 七莘路 古美路 平吉路 虹梅路 江川路 沪闵路 剑川路 报春路 都市路 永德路
310113 宝山区
街 友谊路街道 吴淞街道 张庙街道 庙行镇 淞南镇 高境镇 大场镇 杨行镇 月浦镇 罗店镇 顾村镇
路 张庙路 通河路 呼兰路 泗塘路 淞滨路 友谊路 牡丹江路 月浦路 沪太路 长江西路 共康路 殷高路
310114 嘉定区
街 新成路街道 真新街道 嘉定镇街道 南翔镇 安亭镇 马陆镇 徐行镇 华亭镇 外冈镇 江桥镇
路 博乐路 城中路 清河路 塔城路 德华路 墨玉路 沪宜公路 金沙江西路 曹安公路 叶城路 新成路
310117 松江区
街 岳阳街道 永丰街道 方松街道 中山街道 广富林街道 九里亭街道 泗泾镇 佘山镇 车墩镇 新桥镇 洞泾镇
街 九亭镇
路 中山中路 荣乐路 人民北路 乐都路 谷阳北路 西林北路 九亭大街 泗宝路 江川北路 新松江路
310118 青浦区
街 夏阳街道 盈浦街道 香花桥街道 朱家角镇 练塘镇 金泽镇 赵巷镇 徐泾镇 华新镇 重固镇 白鹤镇
路 公园路 城中北路 青安路 外青松公路 华青路 盈港东路 漕盈路 淀山湖大道 徐乐路 崧泽大道
310120 奉贤区
街 西渡街道 奉浦街道 金海街道 南桥镇 奉城镇 庄行镇 金汇镇 四团镇 青村镇 柘林镇 海湾镇
路 解放东路 南奉公路 江海路 环城东路 沪杭公路 八字桥路 育秀路 立新路 古华路 运河北路
310116 金山区
街 石化街道 朱泾镇 枫泾镇 张堰镇 亭林镇 吕巷镇 廊下镇 金山卫镇 漕泾镇 山阳镇
路 卫零路 临源街 龙皓路 蒙山路 板桥西路 新农路 亭卫公路 朱吕公路 金一东路 卫清西路
310151 崇明区
街 城桥镇 堡镇 新河镇 庙镇 竖新镇 向化镇 三星镇 港沿镇 中兴镇 陈家镇 绿华镇 长兴镇 横沙乡
路 八一路 人民路 鳌山路 东门路 南门路 翠竹路 崇明大道 北沿公路 陈海公路 乔松路
"""


def _districts() -> tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]:
    rows: list[tuple[str, str, list[str], list[str]]] = []
    for line in _DISTRICT_TABLE.strip().splitlines():
        tag, *words = line.split()
        if tag[0].isdigit():
            rows.append((tag, words[0], [], []))
        else:
            (rows[-1][2] if tag == "街" else rows[-1][3]).extend(words)
    return tuple((code, name, tuple(s), tuple(r)) for code, name, s, r in rows)


DISTRICTS = _districts()

# Words that name 小区 and villages, combined with a suffix into committee names.
PLACE_WORDS = _words("""
兰溪 桂巷 梅岭 杏山 枣阳 桃浦 景泰 樱花 金鼎 锦绣 华阳 天山 仙霞 长风 新华 和平 光明 幸福 友谊
团结 阳光 春晖 康乐 安居 祥和 民主 建设 红旗 东风 朝阳 新风 乐园 清水 绿洲 明珠 嘉和 平安 吉祥
瑞金 永安 福田 金桥 文化 花园 玉兰 海棠 紫藤 丁香 青松 翠竹 银杏 月季 荷花 芙蓉 振华 兴业 东方
南苑 北苑 西郊 临江 望江 沿河 新桥 石桥 杨柳 梧桐 枫林 桂林 凌云 长桥 宜川
""")
COMMITTEE_SUFFIXES = ("", "一村", "二村", "三村", "四村", "新村", "苑", "花园", "第一", "第二")

# Surnames with weights (roughly per mille, with a Shanghai lean); polyphonic and compound
# surnames are included at low weights so search has them to find.
SURNAMES = _words("""
王40 张38 李36 陈34 徐22 周22 朱20 沈18 陆16 顾16 吴16 刘16 黄15 杨14 钱10 孙10 胡10 金10 施9
蒋9 姚9 严8 高8 马8 赵8 郭7 何7 许7 宋7 唐7 蔡7 曹7 范6 俞6 汪6 程6 潘6 叶6 丁6 袁6 邱5 龚5
盛5 邵5 郁5 谢5 梁5 林5 罗5 郑5 韩4 冯4 邓4 彭4 曾4 肖4 田4 董4 于4 魏4 吕4 任4 姜4 崔3 钟3
谭3 廖3 贾3 夏3 方3 毛3 倪3 秦3 翁3 葛3 尹3 薛3 孔3 戴3 单2 仇2 解2 区1 查2 朴1 覃2 翟2 乐2
盖1 缪2 华2 纪2 冼1 柏1 欧阳1 司马1 上官1 诸葛1 尉迟1 万俟1
""")

# Given names by generation and sex; one-character ones are sometimes paired.
GIVEN_OLD_MALE = _words(
    "建国 建华 国强 国华 明 伟 军 平 强 德 福 根 林 荣 宝 兴 文 忠 海 龙 发 康 金 生 庆"
)
GIVEN_OLD_FEMALE = _words(
    "秀英 桂英 玉兰 凤英 秀珍 美华 珍 芳 凤 兰 萍 娟 红 梅 琴 妹 娣 霞 英 菊 敏 丽 芬"
)
GIVEN_YOUNG_MALE = _words("浩 宇 轩 杰 涛 磊 鹏 俊 晨 博 子 睿 泽 鑫 辰 逸 航 然 天 嘉 昊 宁 凯 瑞")
GIVEN_YOUNG_FEMALE = _words(
    "婷 静 欣 怡 雨 萱 晴 佳 琳 雪 颖 诗 涵 思 悦 瑶 彤 可 馨 蕾 洁 蓉 妍 倩"
)

# Rare-character and minority-style names: (name, sex, region code of the ID or "").
SPECIAL_NAMES: tuple[tuple[str, str, str], ...] = (
    ("𠮷·䶮𡌶", "female", ""),
    ("王䶮", "male", ""),
    ("𠮷红梅", "female", ""),
    ("阿卜杜·热合曼", "male", "653101"),
    ("李𡌶", "female", ""),
    ("古丽米拉·阿不都热依木", "female", "650102"),
    ("尉迟敬德", "male", ""),
    ("曾国庆", "male", ""),
    ("买买提·艾力", "male", "650102"),
    ("万俟雅", "female", ""),
    ("刘䶮", "male", ""),
    ("迪丽努尔·买买提", "female", "653101"),
    ("单秀英", "female", ""),
    ("区志强", "male", ""),
    ("覃美玲", "female", ""),
    ("翟建华", "male", ""),
)

# ID region codes of people born outside Shanghai (real county-level codes).
OTHER_REGIONS = _words("""
320102 320583 330106 330402 340104 340521 370102 410105 420106 430104 510107 360102 350102
230103 130102 610103
""")
# Shanghai codes abolished in the years given: still on the IDs of people born before then.
FORMER_SHANGHAI = (("310103", 2011), ("310108", 2015), ("310102", 2000), ("310230", 2016))

MOBILE_PREFIXES = _words("""
130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 177 180 181 182 183
185 186 187 188 189 199
""")

NOTES = (
    "独居老人，需定期上门走访。",
    "子女在外地工作，平时由邻居照看。",
    "家中有残疾人，需关注康复需求。",
    "因病支出较大，已申请医疗救助。",
    "孩子在读高中，关注助学帮扶。",
    "住房老旧，卫生间需适老化改造。",
    "失业后灵活就业，收入不稳定。",
)

ADVISOR_NAMES = _words("""
顾敏 沈佳怡 陆文杰 王丽华 周静 朱晓燕 徐婷 张磊 陈晨 金颖 吴雪 钱俊 孙倩 胡涛 施蕾 蒋瑶 姚悦
严鹏 高洁 马睿 郭宁 何凯 许蓉 宋妍 唐彤 蔡馨 曹航 范晴 俞琳 汪欣
""")
