#!/usr/bin/env python3
"""Generate the eduqb sample inputs district.csv and city.csv (stdlib only, seeded).

    python3 data-samples/generate.py            # rewrites data-samples/{district,city}.csv

The data are synthetic but shaped like a county's annual education statistics
(教育事业统计): one row per school section, canonical English headers (see
docs/input-format.md), UTF-8, LF line ends. Ratios are drawn per school from realistic
ranges; a few schools are made to miss national-2017 standards on purpose (some by a
little, i.e. 85-100 % of the standard, some below 85 %), and two districts of city.csv
are made uneven (sports area in 白水县, equipment value in 河西区) so that a CV limit fails.

No value is allowed to fall within 1e-6 (relative) of a standard or of 85 % of a standard
(national or Beijing), so engines that compare in floating point cannot disagree with
exact arithmetic on the sample data.
"""

import math
import os
import random
from fractions import Fraction as F

HEADER = [
    "school_id", "school_name", "district", "year", "school_type", "stage", "area_type",
    "students", "teachers", "teachers_above_degree", "teachers_backbone",
    "teachers_pe_art", "teachers_senior_title", "teaching_area_m2", "sports_area_m2",
    "equipment_value_yuan", "multimedia_rooms", "computers", "books", "classes",
]
FACILITY = ["teaching_area_m2", "sports_area_m2", "equipment_value_yuan",
            "multimedia_rooms", "computers", "books"]
WEIGHTS = {
    "nine_year": {"primary": F(1), "junior": F(11, 10)},
    "complete_middle": {"junior": F(1), "senior": F(6, 5)},
    "twelve_year": {"primary": F(1), "junior": F(11, 10), "senior": F(33, 25)},
}
YEAR = 2024

# indicator -> (column, multiplier)
Q = {
    "above": ("teachers_above_degree", 100),
    "backbone": ("teachers_backbone", 100),
    "pe_art": ("teachers_pe_art", 100),
    "teaching": ("teaching_area_m2", 1),
    "sports": ("sports_area_m2", 1),
    "equipment": ("equipment_value_yuan", 1),
    "multimedia": ("multimedia_rooms", 100),
}
# national-2017 standards (primary, junior); Beijing differs for equipment and multimedia.
STD = {
    "above": (F("4.2"), F("5.3")),
    "backbone": (F(1), F(1)),
    "pe_art": (F("0.9"), F("0.9")),
    "teaching": (F("4.5"), F("5.8")),
    "sports": (F("7.5"), F("10.2")),
    "equipment": (F(2000), F(2500)),
    "multimedia": (F("2.3"), F("2.4")),
}
BJ_STD = dict(STD, equipment=(F(5000), F(8000)), multimedia=(F("2.5"), F("2.5")))
# "reached" ranges of the value, per stage (primary, junior); senior sections reuse junior.
PASS = {
    "above": ((4.3, 5.6), (5.4, 7.2)),
    "backbone": ((1.05, 2.0), (1.05, 2.0)),
    "pe_art": ((0.95, 1.4), (0.95, 1.4)),
    "teaching": ((4.6, 7.0), (5.9, 7.0)),
    "sports": ((7.7, 14.0), (10.4, 14.0)),
    "equipment": ((2050, 4000), (2550, 4000)),
    "multimedia": ((2.35, 2.9), (2.45, 3.0)),
}
SI = {"primary": 0, "junior": 1, "senior": 1}


def thresholds(ind, stage):
    if stage == "senior":
        return []
    i = SI[stage]
    out = []
    for table in (STD, BJ_STD):
        s = table[ind][i]
        out += [s, F(85, 100) * s]
    return out


def tie(v, ind, stage):
    """True if v is within 1e-6 (relative) of a standard or 85 % of one."""
    return any(abs(v - t) <= t * F(1, 10**6) for t in thresholds(ind, stage))


def status(v, ind, stage):
    s = STD[ind][SI[stage]]
    return "reached" if v >= s else "near" if v >= F(85, 100) * s else "below"


class Gen:
    def __init__(self, seed, strict):
        self.r = random.Random(seed)
        self.strict = strict  # designed misses must land exactly (district.csv)

    def u(self, lo, hi):
        return self.r.uniform(lo, hi)

    # -- value range per (indicator, stage, design) ------------------------------------
    def target(self, ind, stage, design, area, override=None):
        """A target value (float) and the status it must end up with (or None)."""
        if override is not None:
            return self.u(*override), None
        if stage == "senior":
            lo, hi = PASS[ind][1]
            return self.u(lo, hi), None
        s = float(STD[ind][SI[stage]])
        if design == "near":
            return s * self.u(0.88, 0.97), "near"
        if design == "below":
            return s * self.u(0.68, 0.8), "below"
        lo, hi = PASS[ind][SI[stage]]
        # urban schools are crowded but well equipped; rural ones the reverse
        if ind == "sports":
            lo, hi = (lo, lo + 0.6 * (hi - lo)) if area == "urban" else (lo + 0.4 * (hi - lo), hi)
        if ind == "equipment":
            lo, hi = (lo + 0.4 * (hi - lo), hi) if area == "urban" else (lo, lo + 0.6 * (hi - lo))
        return self.u(lo, hi), "reached"

    def count(self, ind, stage, P, v, want, m):
        """Integer resource for one section so that R/P*m ~ v, has status `want`, no tie."""
        c = max(0, round(v * P / m))

        def val(c):
            return F(c * m, P)

        s = STD[ind][SI[stage]] if stage != "senior" else None
        if want == "reached":
            while val(c) < s:
                c += 1
        elif want == "near":
            while val(c) >= s:
                c -= 1
            while val(c) < F(85, 100) * s:
                c += 1
            if status(val(c), ind, stage) != "near":
                # no integer count lands in [85 %, 100 %) for so few students
                assert not self.strict, (ind, stage, P, v)
                want = "below"
                c -= 1
        elif want == "below":
            while val(c) >= F(85, 100) * s:
                c -= 1
            assert c >= 0
        step = 1 if want in (None, "reached") else -1
        while tie(val(c), ind, stage):
            c += step
        if want:
            assert status(val(c), ind, stage) == want, (ind, stage, P, v, want, c)
        return c


def section_people(g, stype, stage, P, area, design, overrides):
    """Teacher columns and classes of one section (always per section)."""
    row = {}
    if stype == "teaching_point":
        teachers = max(2, round(P / g.u(9, 12)))
        classes = min(6, max(2, math.ceil(P / 12)))
    elif stype == "special_education":
        teachers = round(P / g.u(3, 4))
        classes = math.ceil(P / 10)
    elif stype == "vocational":
        teachers = round(P / g.u(14, 17))
        classes = math.ceil(P / g.u(40, 48))
    else:
        ratio = {"primary": 17, "junior": 13, "senior": 12.5}[stage]
        if P < 300:  # small schools need a teacher per class whatever the ratio
            ratio *= 0.75
        teachers = round(P / ratio * g.u(0.93, 1.1))
        classes = math.ceil(P / g.u(40, 50))
    evaluated = stype not in ("special_education", "vocational")
    for ind in ("above", "backbone", "pe_art"):
        col, m = Q[ind]
        if evaluated:
            v, want = g.target(ind, stage, design.get(ind), area, overrides.get(ind))
            if ind == "above" and want == "reached":
                # small schools have more teachers per student; keep 60-95 % above degree
                v = max(v, 100 * teachers / P * g.u(0.62, 0.92))
            c = g.count(ind, stage, P, v, want, m)
        else:
            frac = {"above": (0.6, 0.85), "backbone": (0.05, 0.12), "pe_art": (0.08, 0.15)}[ind]
            c = round(teachers * g.u(*frac))
        row[col] = c
    # Teachers above the required degree are usually 60-95 % of all teachers.
    teachers = max(teachers, math.ceil(row["teachers_above_degree"] / 0.95),
                   row["teachers_backbone"] + row["teachers_pe_art"] + 1)
    row["teachers"] = teachers
    row["teachers_senior_title"] = round(teachers * g.u(0.35, 0.65))
    row["classes"] = classes
    return row


def facility_single(g, stype, stage, P, area, design, overrides):
    row = {}
    evaluated = stype not in ("special_education", "vocational")
    for ind in ("teaching", "sports", "equipment", "multimedia"):
        col, m = Q[ind]
        if evaluated:
            v, want = g.target(ind, stage, design.get(ind), area, overrides.get(ind))
        else:
            v, want = g.target(ind, "senior", None, area)
            if stype == "special_education":
                v *= 2.5  # small classes, generous rooms
        row[col] = g.count(ind, stage if evaluated else "senior", P, v, want, m)
    row["computers"] = round(P * g.u(0.10, 0.20))
    row["books"] = round(P * g.u(20, 40))
    return row


def facility_combined(g, stype, sections, area, design, overrides):
    """Whole-school facility totals. design/overrides here are keyed (ind, stage)."""
    w = WEIGHTS[stype]
    D = sum(w[st] * P for st, P in sections)
    comp = [st for st, _ in sections if st != "senior"]
    row = {}
    for ind in ("teaching", "sports", "equipment", "multimedia"):
        col, m = Q[ind]
        want = {st: design.get((ind, st), "reached") for st in comp}
        ov = overrides.get(ind)
        for _attempt in range(1000):
            if ov is not None:
                r = g.u(*ov)
            else:
                designed = [st for st in comp if want[st] != "reached"]
                if designed:  # aim the weighted ratio at the designed section
                    st = designed[0]
                    v, _ = g.target(ind, st, want[st], area)
                    r = v / float(w[st])
                else:  # every compulsory section reaches its standard
                    need = max(float(STD[ind][SI[st]] / w[st]) for st in comp)
                    hi = max(float(PASS[ind][SI[st]][1] / w[st]) for st in comp)
                    r = g.u(need * 1.02, max(need * 1.08, hi))
            T = round(r * float(D) / m)
            vals = {st: F(T * m) * w[st] / D for st in comp}
            if any(tie(vals[st], ind, st) for st in comp):
                continue
            if ov is None and any(status(vals[st], ind, st) != want[st] for st in comp):
                continue
            break
        else:
            raise RuntimeError(f"cannot place {ind} for {stype} {sections}")
        row[col] = T
    Ptot = sum(P for _, P in sections)
    row["computers"] = round(Ptot * g.u(0.10, 0.20))
    row["books"] = round(Ptot * g.u(20, 40))
    return row


def build(g, district, schools):
    """schools: list of dicts (id, name, type, area, sections=[(stage, P)], design, ...)."""
    rows = []
    for s in schools:
        stype, area = s["type"], s["area"]
        design = s.get("design", {})
        overrides = s.get("overrides", {})
        base = {"school_id": s["id"], "school_name": s["name"], "district": district,
                "year": YEAR, "school_type": stype, "area_type": area}
        if stype in WEIGHTS:
            secs = s["sections"]
            fac = facility_combined(g, stype, secs, area, design, overrides)
            for k, (stage, P) in enumerate(secs):
                # teacher columns: designed misses keyed (indicator, stage)
                sd = {ind: d for (ind, st), d in design.items() if st == stage}
                row = dict(base, stage=stage, students=P)
                row.update(section_people(g, stype, stage, P, area, sd, {}))
                if k == 0 or s.get("totals_on_every_row"):
                    row.update(fac)
                else:
                    row.update({c: "" for c in FACILITY})
                rows.append(row)
        else:
            (stage, P), = s["sections"]
            row = dict(base, stage=stage, students=P)
            row.update(section_people(g, stype, stage, P, area, design, overrides))
            row.update(facility_single(g, stype, stage, P, area, design, overrides))
            rows.append(row)
    return rows


def boarding(row):
    """是否寄宿制: some town and rural nine-year and junior schools board their pupils."""
    boards = (row["area_type"] in ("town", "rural")
              and row["school_type"] in ("nine_year", "junior_school")
              and int(row["school_id"]) % 3 == 0)
    return "yes" if boards else "no"


def write(path, rows, with_boarding=False):
    header = HEADER + (["boarding"] if with_boarding else [])
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(",".join(header) + "\n")
        for r in rows:
            cells = [str(r[c]) for c in HEADER] + ([boarding(r)] if with_boarding else [])
            fh.write(",".join(cells) + "\n")


# ---------------------------------------------------------------------------------------
# district.csv: 城关区, hand-laid-out, with designed misses
# ---------------------------------------------------------------------------------------

def S(id_, name, type_, area, sections, **kw):
    d = {"id": id_, "name": name, "type": type_, "area": area, "sections": sections}
    d.update(kw)
    return d


def P(n):
    return [("primary", n)]


def J(n):
    return [("junior", n)]


def district_schools():
    near, below = "near", "below"
    return [
        S("3101010001", "城关第一小学", "primary_school", "urban", P(1850)),
        S("3101010002", "城关第二小学", "primary_school", "urban", P(1620)),
        S("3101010003", "城关第三小学", "primary_school", "urban", P(1380),
          design={"sports": near}),                       # misses 1 a little: compliant
        S("3101010004", "实验小学", "primary_school", "urban", P(2150)),
        S("3101010005", "东关小学", "primary_school", "urban", P(960),
          design={"multimedia": near}),                   # misses 1 a little: compliant
        S("3101010006", "西街小学", "primary_school", "urban", P(1240),
          design={"sports": below, "teaching": near}),    # misses 2: not compliant
        S("3101010007", "北关小学", "primary_school", "urban", P(870)),
        S("3101010008", "南湖小学", "primary_school", "urban", P(1090)),
        S("3101010009", "育才小学", "primary_school", "urban", P(1460)),
        S("3101010010", "新华小学", "primary_school", "urban", P(720)),
        S("3101010011", "红星小学", "primary_school", "town", P(540)),
        S("0110230017", "桥头镇中心小学", "primary_school", "town", P(830),
          design={"above": near}),                        # misses 1 a little: compliant
        S("0110230018", "石门镇中心小学", "primary_school", "town", P(760)),
        S("0110230021", "沙坪小学", "primary_school", "town", P(410)),
        S("0110230025", "柳林乡中心小学", "primary_school", "rural", P(480)),
        S("0110230031", "王家庄小学", "primary_school", "rural", P(260),
          design={"equipment": near, "teaching": near}),  # misses 2 a little: not compliant
        S("0110230032", "张村小学", "primary_school", "rural", P(210),
          design={"pe_art": below}),                      # misses 1 badly: not compliant
        S("0110230036", "杨树湾小学", "primary_school", "rural", P(180)),
        S("0110230038", "双河小学", "primary_school", "rural", P(320)),
        S("3101020001", "实验中学", "junior_school", "urban", J(1720)),
        S("3101020002", "城关第一初级中学", "junior_school", "urban", J(1480)),
        S("3101020003", "第二中学", "junior_school", "urban", J(1260)),
        S("3101020004", "第三中学", "junior_school", "urban", J(1050),
          design={"sports": near, "teaching": near, "equipment": below}),  # misses 3
        S("3101020005", "育英中学", "junior_school", "urban", J(890)),
        S("0110240011", "桥头镇初级中学", "junior_school", "town", J(760)),
        S("0110240012", "石门镇中学", "junior_school", "town", J(640),
          design={"backbone": near}),                     # misses 1 a little: compliant
        S("0110240013", "沙坪中学", "junior_school", "town", J(380)),
        S("0110240015", "柳林乡中学", "junior_school", "rural", J(420),
          design={"above": below}),                       # misses 1 badly: not compliant
        S("3101030001", "东湖九年一贯制学校", "nine_year", "urban",
          [("primary", 780), ("junior", 520)], totals_on_every_row=True,
          design={("teaching", "junior"): near}),         # the split leaves junior short
        S("0110250003", "清河九年一贯制学校", "nine_year", "rural",
          [("primary", 340), ("junior", 260)]),
        S("3101040001", "城关中学", "complete_middle", "urban",
          [("junior", 1150), ("senior", 1680)]),
        S("3101050001", "城关外国语学校", "twelve_year", "urban",
          [("primary", 640), ("junior", 480), ("senior", 360)], totals_on_every_row=True),
        S("0110260041", "李家村教学点", "teaching_point", "rural", P(23)),
        S("0110260042", "后沟教学点", "teaching_point", "rural", P(41)),
        S("0110260043", "马家湾教学点", "teaching_point", "rural", P(58)),
        S("3101060001", "城关区特殊教育学校", "special_education", "urban", P(96)),
        S("3101070001", "城关区职业中等专业学校", "vocational", "urban", [("senior", 1350)]),
    ]


# ---------------------------------------------------------------------------------------
# city.csv: 4 districts of one city, randomised layout from name lists
# ---------------------------------------------------------------------------------------

CITY = [
    # name, id prefix, area mix of primary schools, primary names, junior names,
    # combined schools, teaching points, special/vocational, unevenness
    {
        "name": "河东区", "prefix": "3205020",
        "primary": ["河东第一小学", "河东第二小学", "滨江小学", "人民路小学", "解放路小学",
                    "朝阳小学", "建设路小学", "文化路小学", "光明小学", "向阳小学",
                    "和平小学", "胜利小学", "长青小学", "东风镇中心小学", "团结小学"],
        "junior": ["河东中学", "滨江中学", "朝阳初级中学", "东风镇中学", "育红中学",
                   "文昌中学", "河东实验初级中学"],
        "combined": [("滨江九年一贯制学校", "nine_year"), ("河东区第一中学", "complete_middle")],
        "points": [],
        "special": True, "vocational": True,
        "rural_share": 0.15,
    },
    {
        "name": "河西区", "prefix": "3205030",
        "primary": ["河西实验小学", "河西第一小学", "新城小学", "金桥小学", "西湖小学",
                    "望江小学", "龙山小学", "凤凰小学", "梧桐小学", "桃园小学", "钟楼小学",
                    "西关小学", "永安镇中心小学", "北坡小学", "永安镇南庄小学", "石桥小学"],
        "junior": ["河西实验中学", "河西第一初级中学", "新城中学", "龙山中学", "永安镇中学",
                   "西关中学", "金桥中学"],
        "combined": [("西湖九年一贯制学校", "nine_year"), ("河西外国语学校", "twelve_year")],
        "points": [("北坡村教学点", 37), ("石桥村教学点", 64)],
        "special": True, "vocational": False,
        "rural_share": 0.2,
        # 2 flagship primary schools and the flagship junior are far better equipped
        "rich": {"河西实验小学", "河西第一小学", "河西实验中学"},
    },
    {
        "name": "青山区", "prefix": "0105110",
        "primary": ["青山第一小学", "青山第二小学", "青山第三小学", "矿区小学", "钢城小学",
                    "湖滨小学", "春晖小学", "白塔小学", "马鞍山小学", "红旗镇中心小学",
                    "红旗镇李庄小学", "黄泥岗小学", "松林小学", "枫树湾小学", "三道河小学",
                    "新桥小学", "大坪小学", "茶园小学"],
        "junior": ["青山中学", "钢城中学", "矿区中学", "湖滨中学", "红旗镇中学", "松林中学",
                   "三道河中学", "青山第二初级中学"],
        "combined": [("白塔九年一贯制学校", "nine_year"), ("茶园九年一贯制学校", "nine_year"),
                     ("青山区第一中学", "complete_middle")],
        "points": [("狮子岩教学点", 19), ("大湾教学点", 44), ("高家坪教学点", 71)],
        "special": True, "vocational": True,
        "rural_share": 0.4,
    },
    {
        "name": "白水县", "prefix": "0130270",
        "primary": ["白水县第一小学", "白水县第二小学", "白水县第三小学", "城南小学",
                    "城北小学", "县实验小学", "黄河路小学", "龙门镇中心小学", "龙门镇西村小学",
                    "马莲乡中心小学", "杜家河小学", "上庄小学", "下庄小学", "坪头小学",
                    "柏树湾小学", "石槽小学", "冯家塬小学", "高庙小学", "南沟小学", "芦苇滩小学"],
        "junior": ["白水县第一初级中学", "白水县第二初级中学", "城南中学", "县实验中学",
                   "龙门镇中学", "马莲乡中学", "杜家河中学", "坪头中学", "高庙中学"],
        "combined": [("冯家塬九年一贯制学校", "nine_year"), ("上庄九年一贯制学校", "nine_year"),
                     ("白水中学", "complete_middle"), ("白水县育才学校", "twelve_year")],
        "points": [("后河教学点", 12), ("杨家沟教学点", 26), ("柳湾教学点", 33),
                   ("马莲乡王庄教学点", 52), ("阳坡教学点", 47)],
        "special": True, "vocational": True,
        "rural_share": 0.55,
        # crowded county-seat schools, spacious village schools
        "uneven_sports": True,
    },
]

URBAN_HINT = ("第一", "第二", "第三", "实验", "路", "城", "滨江", "新城", "钢城", "县")


def city_schools(g):
    out = {}
    for d in CITY:
        schools = []
        seq = 0

        def nid(kind):
            nonlocal seq
            seq += 1
            return f"{d['prefix']}{kind}{seq:02d}"

        def area_of(name):
            if "镇" in name:
                return "town"
            if any(h in name for h in URBAN_HINT):
                return "urban"
            return "rural" if g.r.random() < d["rural_share"] * 1.6 else "town"

        def design_for(stage):
            des = {}
            for ind in Q:
                x = g.r.random()
                if x < 0.035:
                    des[ind] = "near"
                elif x < 0.05:
                    des[ind] = "below"
            return des

        def overrides_for(name, stage, area):
            ov = {}
            if name in d.get("rich", ()):
                ov["equipment"] = (6500, 9000) if stage == "primary" else (8300, 9500)
            elif d.get("rich"):
                ov["equipment"] = (2050, 3000) if stage == "primary" else (2550, 3300)
            if d.get("uneven_sports"):
                if area == "urban":
                    ov["sports"] = (4.0, 6.0) if stage == "primary" else (5.5, 8.0)
                else:
                    ov["sports"] = (14.0, 24.0) if stage == "primary" else (16.0, 26.0)
            return ov

        for name in d["primary"]:
            area = area_of(name)
            if area == "urban":
                n = g.r.randint(900, 2200)
            elif area == "town":
                n = g.r.randint(400, 1100)
            else:
                n = g.r.randint(150, 450)
            schools.append(S(nid("1"), name, "primary_school", area, P(n),
                             design=design_for("primary"),
                             overrides=overrides_for(name, "primary", area)))
        for name in d["junior"]:
            area = area_of(name)
            n = g.r.randint(900, 1800) if area == "urban" else g.r.randint(300, 900)
            schools.append(S(nid("2"), name, "junior_school", area, J(n),
                             design=design_for("junior"),
                             overrides=overrides_for(name, "junior", area)))
        for k, (name, stype) in enumerate(d["combined"]):
            area = "urban" if ("中学" in name or "外国语" in name or "育才" in name) else "rural"
            if stype == "nine_year":
                secs = [("primary", g.r.randint(160, 900)), ("junior", g.r.randint(150, 700))]
            elif stype == "complete_middle":
                secs = [("junior", g.r.randint(700, 1500)), ("senior", g.r.randint(900, 2000))]
            else:
                secs = [("primary", g.r.randint(400, 900)), ("junior", g.r.randint(350, 700)),
                        ("senior", g.r.randint(300, 800))]
            ov = {}
            if d.get("uneven_sports"):
                ov["sports"] = (4.0, 5.5) if area == "urban" else (13.0, 20.0)
            schools.append(S(nid("3"), name, stype, area, secs,
                             totals_on_every_row=(k % 2 == 0), overrides=ov))
        for name, n in d["points"]:
            ov = {"sports": (15.0, 30.0)} if d.get("uneven_sports") else {}
            schools.append(S(nid("6"), name, "teaching_point", "rural", P(n), overrides=ov))
        if d["special"]:
            schools.append(S(nid("7"), d["name"] + "特殊教育学校", "special_education", "urban",
                             P(g.r.randint(60, 180))))
        if d["vocational"]:
            schools.append(S(nid("8"), d["name"] + "职业教育中心", "vocational", "urban",
                             [("senior", g.r.randint(900, 2600))]))
        out[d["name"]] = schools
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    g = Gen(20240901, strict=True)
    write(os.path.join(here, "district.csv"), build(g, "城关区", district_schools()))
    g = Gen(20240902, strict=False)
    rows = []
    for name, schools in city_schools(g).items():
        rows += build(g, name, schools)
    write(os.path.join(here, "city.csv"), rows, with_boarding=True)


if __name__ == "__main__":
    main()
