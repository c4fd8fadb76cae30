"""Build data/sample/: a Gia Lai province for `ketnghia demo`, in the forms officers send.

Deterministic (fixed seed); run `uv run python data/make_sample.py` after changing it.
Names of agencies, villages, communes and districts are real (see data/README.md); the
figures, dates, people and records are invented.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

OUT = Path(__file__).parent / "sample"
rng = random.Random(13)  # Directive 13-CT/TU

AGENCIES = [
    # code, name, kind, level, district, head
    ("VP-UBND", "Văn phòng UBND tỉnh", "department", "province"),
    ("SO-XD", "Sở Xây dựng", "department", "province"),
    ("SO-TC", "Sở Tài chính", "department", "province"),
    ("SO-NV", "Sở Nội vụ", "department", "province"),
    ("SO-GDDT", "Sở Giáo dục và Đào tạo", "department", "province"),
    ("SO-NNMT", "Sở Nông nghiệp và Môi trường", "department", "province"),
    ("SO-VHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "department", "province"),
    ("TT-TINH", "Thanh tra tỉnh", "department", "province"),
    ("BQL-KKT", "Ban Quản lý Khu Kinh tế tỉnh", "department", "province"),
    ("SO-YT", "Sở Y tế", "department", "province"),
    ("SO-DTTG", "Sở Dân tộc và Tôn giáo", "department", "province"),
    ("QUY-BVR", "Quỹ Bảo vệ và Phát triển rừng", "department", "province"),
    ("SO-TP", "Sở Tư pháp", "department", "province"),
    ("SO-CT", "Sở Công Thương", "department", "province"),
    ("SO-KHCN", "Sở Khoa học và Công nghệ", "department", "province"),
    ("BTC-TU", "Ban Tổ chức Tỉnh ủy", "department", "province"),
    ("BTGDV-TU", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "department", "province"),
    ("TINH-DOAN", "Tỉnh đoàn Gia Lai", "mass_org", "province"),
    ("MTTQ", "Ủy ban MTTQ Việt Nam tỉnh", "mass_org", "province"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh", "mass_org", "province"),
    ("HCTD", "Hội Chữ thập đỏ tỉnh", "mass_org", "province"),
    ("CA-TINH", "Công an tỉnh", "armed", "province"),
    ("BCHQS", "Bộ Chỉ huy Quân sự tỉnh", "armed", "province"),
    ("BDBP", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "armed", "province"),
    ("KTQP-74", "Đoàn Kinh tế - Quốc phòng 74", "armed", "province"),
    ("CS-CHUSE", "Công ty TNHH MTV Cao su Chư Sê", "enterprise", "province"),
    ("LN-HATHANH", "Công ty TNHH Lâm nghiệp Hà Thanh", "enterprise", "province"),
    ("BIDV-GL", "BIDV Chi nhánh Gia Lai", "enterprise", "province"),
    # district-level units (names follow the usual pattern; invented as a list)
    ("UBND-IAPA", "UBND huyện Ia Pa", "district", "district"),
    ("HD-IAPA", "Huyện đoàn Ia Pa", "mass_org", "district"),
    ("HPN-CHUSE", "Hội LHPN huyện Chư Sê", "mass_org", "district"),
    ("CA-KRONGPA", "Công an huyện Krông Pa", "armed", "district"),
    ("QS-KONGCHRO", "Ban Chỉ huy Quân sự huyện Kông Chro", "armed", "district"),
    ("UBND-MANGYANG", "UBND huyện Mang Yang", "district", "district"),
    ("MT-CHUPRONG", "Ủy ban MTTQ huyện Chư Prông", "mass_org", "district"),
    ("UBND-DAKDOA", "UBND huyện Đak Đoa", "district", "district"),
    ("NH-CSXH", "Ngân hàng Chính sách xã hội chi nhánh Gia Lai", "enterprise", "province"),
    ("BDBP-IANAN", "Đồn Biên phòng Ia Nan", "armed", "district"),
    ("HND", "Hội Nông dân tỉnh", "mass_org", "province"),
    ("HCCB", "Hội Cựu chiến binh tỉnh", "mass_org", "province"),
]

# name, commune (old), district (old), main ethnic group, real?
VILLAGES = [
    ("Làng Quen", "Ia Me", "Chư Prông", "Gia Rai"),
    ("Làng Plei Hlốp", "Chư Don", "Chư Pưh", "Gia Rai"),
    ("Làng Nhoi", "Tú An", "An Khê", "Ba Na"),
    ("Làng Ar Dôch Kơ Tu", "Đê Ar", "Mang Yang", "Ba Na"),
    ("Làng Châu", "Chư Krêy", "Kông Chro", "Ba Na"),
    ("Thôn 5", "Pờ Tó", "Ia Pa", "Gia Rai"),
    ("Làng Díp", "Ia Kreng", "Chư Păh", "Gia Rai"),
    ("Làng Klăh Môn", "Yang Bắc", "Đak Pơ", "Ba Na"),
    ("Thôn Plei Hek", "Chư A Thai", "Phú Thiện", "Gia Rai"),
    ("Làng Klư", "Krong", "Kbang", "Ba Na"),
    ("Làng Keo", "Ayun", "Chư Sê", "Gia Rai"),
    ("Buôn Ma Giai", "Đất Bằng", "Krông Pa", "Gia Rai"),
    ("Làng Kon Jốt", "Hà Đông", "Đak Đoa", "Ba Na"),
    ("Làng Hluh", "Ia Grăng", "Ia Grai", "Gia Rai"),
    ("Thôn Plơi Apa Ama Lim", "Chư Mố", "Ia Pa", "Gia Rai"),
    ("Làng Huynh Đak", "Kông Yang", "Kông Chro", "Ba Na"),
    ("Làng Tơ Vơn 2", "Hà Tây", "Chư Păh", "Ba Na"),
    ("Làng Rơ Vai", "Hà Tây", "Chư Păh", "Ba Na"),
    ("Làng Bung Tờ Số", "Ya Hội", "Đak Pơ", "Ba Na"),
    ("Làng Blên", "Lơ Pang", "Mang Yang", "Ba Na"),
    ("Thôn Plơi Rngôl", "Ia Trok", "Ia Pa", "Gia Rai"),
    ("Làng Gliếk", "Hà Tam", "Đak Pơ", "Ba Na"),
    ("Làng Kuk Đak", "Yang Bắc", "Đak Pơ", "Ba Na"),
    ("Làng Kon Nak", "Đăk Sơmei", "Đak Đoa", "Ba Na"),
    # invented names in real communes
    ("Làng Bông Phun", "Ia Krêl", "Đức Cơ", "Gia Rai"),
    ("Làng Ia Chă", "Ia Din", "Đức Cơ", "Gia Rai"),
    ("Làng Đê Kôp", "Kon Thụp", "Mang Yang", "Ba Na"),
    ("Plei Ó", "Ia Mơ Nông", "Chư Păh", "Gia Rai"),
    ("Làng Ơp", "Ia Kênh", "Pleiku", "Gia Rai"),
    ("Buôn Chư Jú", "Ia Rsai", "Krông Pa", "Gia Rai"),
]

# agency, village index, started_on, ended_on, supporters
PAIRINGS = [
    ("VP-UBND", 3, "2024-03-12", None, ["SO-TC"]),
    ("SO-XD", 0, "2024-03-05", None, []),
    ("SO-TC", 7, "2024-03-20", None, []),
    ("SO-NV", 10, "2024-03-15", None, []),
    ("SO-GDDT", 4, "2024-03-22", None, ["TINH-DOAN"]),
    ("SO-NNMT", 12, "2024-03-08", None, ["QUY-BVR"]),
    ("SO-VHTTDL", 15, "2024-03-28", None, []),
    ("TT-TINH", 1, "2024-03-18", None, []),
    ("BQL-KKT", 24, "2024-03-26", None, []),
    ("SO-YT", 5, "2024-04-19", None, ["HCTD"]),
    ("SO-DTTG", 8, "2024-03-14", None, []),
    ("QUY-BVR", 9, "2024-03-29", None, []),
    ("SO-TP", 25, "2024-03-27", "2025-06-30", []),
    ("SO-TP", 25, "2025-07-15", None, []),
    ("SO-CT", 13, "2024-03-19", None, []),
    ("SO-KHCN", 2, "2024-03-25", None, []),
    ("BTC-TU", 19, "2024-03-11", None, []),
    ("BTGDV-TU", 20, "2024-04-19", None, ["MTTQ"]),
    ("TINH-DOAN", 21, "2024-03-26", None, []),
    ("MTTQ", 14, "2024-04-19", None, []),
    ("HLHPN", 11, "2024-03-08", None, []),
    ("HCTD", 22, "2024-03-30", None, []),
    ("CA-TINH", 6, "2024-03-06", None, []),
    ("BCHQS", 16, "2024-03-21", None, ["KTQP-74"]),
    ("BDBP", 17, "2024-03-21", None, []),
    ("KTQP-74", 18, "2024-03-28", None, []),
    ("CS-CHUSE", 27, "2024-03-15", None, []),
    ("LN-HATHANH", 26, "2024-05-10", None, []),
    ("BIDV-GL", 23, "2024-03-28", "2024-12-31", []),
    ("SO-XD", 28, "2025-02-20", None, []),
]
IDLE_IN_2024 = {"SO-KHCN", "LN-HATHANH"}  # pairings on paper: nothing done in 2024

# kind, title, value range (đồng), source, quantity/unit, households
ACTIVITY_TEMPLATES = [
    ("gifts", "Tặng quà Tết cho hộ nghèo", (20, 60), "staff", (40, 150, "suất"), True),
    ("gifts", "Tặng quà gia đình chính sách", (5, 15), "agency", (10, 42, "suất"), True),
    ("construction", "Xây nhà Đại đoàn kết", (100, 300), "community", (1, 3, "căn"), True),
    ("construction", "Lắp đèn năng lượng mặt trời", (10, 30), "agency", (5, 20, "bộ"), False),
    ("construction", "Đổ bê tông đường nội làng", (80, 250), "state", (100, 600, "m"), False),
    ("construction", "Khoan giếng nước sạch", (30, 80), "enterprise", (1, 3, "giếng"), True),
    ("production", "Hỗ trợ bò giống sinh sản", (30, 120), "agency", (2, 8, "con"), True),
    ("production", "Tặng cây giống cà phê", (10, 30), "community", (500, 3000, "cây"), True),
    ("production", "Hỗ trợ phân bón", (5, 25), "staff", (1, 5, "tấn"), True),
    ("education", "Trao học bổng cho học sinh nghèo", (5, 20), "staff", (10, 30, "suất"), False),
    (
        "education",
        "Tặng máy tính và máy in cho nhà văn hóa",
        (15, 25),
        "agency",
        (1, 2, "bộ"),
        False,
    ),
    ("health", "Khám bệnh, cấp thuốc miễn phí", (10, 40), "agency", (100, 300, "lượt"), True),
    (
        "culture",
        "Tặng bộ chiêng và trang phục truyền thống",
        (20, 60),
        "community",
        (1, 1, "bộ"),
        False,
    ),
    ("mobilization", "Tuyên truyền pháp luật, an ninh trật tự", (0, 3), "agency", None, False),
    (
        "training",
        "Tập huấn kỹ thuật chăn nuôi, trồng trọt",
        (3, 10),
        "state",
        (30, 80, "người"),
        False,
    ),
    ("other", "Lắp camera an ninh", (10, 20), "enterprise", (5, 5, "cái"), False),
]

ASPIRATIONS = [
    ("Đề nghị hỗ trợ nước sạch sinh hoạt mùa khô", "Phối hợp khoan giếng"),
    ("Xin hỗ trợ giống cà phê tái canh", "Kết nối doanh nghiệp cung ứng giống"),
    ("Đề nghị sửa đường vào khu sản xuất", "Báo cáo UBND xã đưa vào kế hoạch"),
    ("Mong được hỗ trợ vay vốn ưu đãi", "Giới thiệu Ngân hàng Chính sách xã hội"),
    ("Đề nghị hỗ trợ sửa nhà văn hóa làng", "Vận động xã hội hóa"),
    (None, None),
    (None, None),
]
CADRES = [
    "Nguyễn Văn Hùng",
    "Trần Thị Mai",
    "Lê Quang Vinh",
    "Rơ Mah Hlim",
    "Đinh Văn Byơr",
    "Phạm Thị Hoa",
    "Ksor H'Bia",
    "Võ Minh Tuấn",
    "Siu H'Nhung",
    "Đặng Văn Lâm",
]
HOUSEHOLD_HEADS = [
    "Rơ Châm",
    "Ksor Y",
    "Siu Blứ",
    "Rah Lan",
    "Đinh Thị Hoa",
    "Đinh Văn Plui",
    "Puih Dơng",
    "Nay Khanh",
    "Rơ Lan Thuyết",
    "Kpă Huân",
    "Đinh Rô",
    "Đinh Nhem",
]
KINH_HEADS = [
    "Nguyễn Văn An",
    "Trần Văn Bình",
    "Lê Thị Cúc",
    "Phạm Văn Dũng",
    "Hoàng Thị Én",
    "Vũ Văn Giang",
    "Đỗ Thị Hạnh",
    "Bùi Văn Khoa",
]


def day_between(first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


# The old districts as the facts spell them (the mapping file writes "Huyện Đăk Đoa" …).
DISTRICT_NAMES = {
    "Huyện Đăk Đoa": "Đak Đoa",
    "Huyện Đăk Pơ": "Đak Pơ",
    "Huyện KBang": "Kbang",
    "Thành phố Pleiku": "Pleiku",
    "Thị xã An Khê": "An Khê",
    "Thị xã Ayun Pa": "Ayun Pa",
}
JRAI = [
    "Ring",
    "Kly",
    "Dơng",
    "Tơ Nung",
    "Bông",
    "Ia Krăi",
    "Chư Ma",
    "Jut",
    "Grang",
    "Lao",
    "Mun",
    "Bâu",
    "Thơh",
    "Nhao",
    "Pông",
    "Rưng",
    "Sơr",
    "Hrung",
    "Ia Ring",
    "Ia Kha",
    "Klông",
    "Yăm",
    "Bah",
    "Wâu",
    "Kte",
    "Brêl",
    "Jrang",
    "Ia Rbol",
    "Tơ Drah",
    "Chư Grôi",
]
BAHNAR = [
    "Kon Sơ Lăl",
    "Kơ Tu",
    "Đê Tar",
    "Bơ Ngăk",
    "Kon Bông",
    "Đăk Trôk",
    "Hnă",
    "Groi",
    "Bar",
    "Kret",
    "Piơm",
    "Tơ Pơ",
    "Kon Hring",
    "Đê Kjiêng",
    "Krối",
    "Bok Ơi",
    "Kon Jri",
    "Hra",
    "Kuk Kôn",
    "Đê Hrel",
    "Kon Chrăh",
    "Tơ Kơ",
    "Đăk Hlo",
    "Pơ Nang",
]
BAHNAR_DISTRICTS = {"Kbang", "Kông Chro", "Mang Yang", "Đak Đoa", "Đak Pơ", "An Khê", "Chư Păh"}
MAPPING = Path(__file__).parent / "admin-units" / "gia-lai-binh-dinh-2025-mapping.csv"


def old_communes() -> list[tuple[str, str]]:
    """(commune, district) of old Gia Lai's rural communes, from the 2025 mapping."""
    found = []
    with MAPPING.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["old_province_code"] != "64" or not row["old_commune"].startswith("Xã "):
                continue
            district = row["old_district"]
            district = DISTRICT_NAMES.get(district, district.removeprefix("Huyện "))
            found.append((row["old_commune"].removeprefix("Xã "), district))
    return found


def more_villages(count: int) -> list[tuple[str, str, str, str]]:
    """Invented village names in real communes, so the province has a realistic size."""
    taken = {v[0] for v in VILLAGES}
    communes = old_communes()
    made = []
    while len(made) < count:
        commune, district = rng.choice(communes)
        bahnar = district in BAHNAR_DISTRICTS
        prefix = rng.choice(["Làng", "Làng", "Thôn"] if bahnar else ["Plei", "Buôn", "Làng"])
        name = f"{prefix} {rng.choice(BAHNAR if bahnar else JRAI)}"
        if name in taken:
            continue
        taken.add(name)
        made.append((name, commune, district, "Ba Na" if bahnar else "Gia Rai"))
    return made


def money_vi(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def dmy(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def main() -> None:
    from openpyxl import Workbook

    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*"):
        old.unlink()
    agencies = [[c, n, k, lv] for c, n, k, lv in AGENCIES]

    villages = []
    for i, (name, commune, district, ethnic) in enumerate(
        VILLAGES + more_villages(150 - len(VILLAGES)), start=1
    ):
        households = rng.randrange(60, 320)
        poor = rng.randrange(households // 14, households // 3)
        population = households * rng.randrange(4, 6) + rng.randrange(0, 60)
        if name == "Thôn Plơi Rngôl":  # real figures (Báo Gia Lai)
            households, poor, population = 304, 42, 1306
        special = poor / households >= 0.2 or name in ("Thôn Plơi Rngôl", "Làng Ơp")
        villages.append(
            [f"GL-{i:04d}", name, commune, district, ethnic, households, poor, population, special]
        )

    # the hand-made pairings, then two or three villages for every other agency
    pairings = [
        [
            a,
            villages[v][0],
            dt.date.fromisoformat(start),
            dt.date.fromisoformat(end) if end else None,
            sup,
        ]
        for a, v, start, end, sup in PAIRINGS
    ]
    used = {p[1] for p in pairings}
    candidates = [v for v in villages if v[0] not in used and v[8]]
    candidates += [v for v in villages if v[0] not in used and not v[8]]
    unpaired_on_purpose = {c[0] for c in candidates[:4]}  # ĐBKK villages nobody took
    candidates = candidates[4:]
    for code, *_ in AGENCIES:
        for _ in range(rng.choice((1, 2, 3))):
            if not candidates or len(pairings) >= 100:
                break
            village = candidates.pop(0)
            start = day_between(dt.date(2024, 3, 1), dt.date(2024, 6, 30))
            if code.startswith(("UBND-", "HD-", "HPN-", "CA-", "QS-", "MT-", "BDBP-")):
                start = dt.date(2024, 4, 19)  # the district ceremonies
            pairings.append([code, village[0], start, None, []])
    assert not unpaired_on_purpose & {p[1] for p in pairings}

    activities, visits = [], []
    for agency, village, start, end, _ in pairings:
        first, last = start, min(end or dt.date(2025, 12, 31), dt.date(2025, 12, 31))
        if agency in IDLE_IN_2024:
            first = max(first, dt.date(2025, 1, 1))
        used_keys: set[tuple[dt.date, str]] = set()
        for _ in range(rng.randrange(8, 22)):
            kind, title, (lo, hi), source, qty, benefits = rng.choice(ACTIVITY_TEMPLATES)
            date = day_between(first, last)
            if (date, title) in used_keys:
                continue
            used_keys.add((date, title))
            quantity = rng.randrange(qty[0], qty[1] + 1) if qty else None
            activities.append(
                [
                    agency,
                    village,
                    date,
                    kind,
                    title,
                    rng.randrange(lo, hi + 1) * 1_000_000,
                    source,
                    quantity,
                    qty[2] if qty else None,
                    rng.randrange(3, 40) if benefits else None,
                ]
            )
        visit_days: set[dt.date] = set()
        for _ in range(rng.randrange(1, 5)):
            date = day_between(first, last)
            if date in visit_days:
                continue
            visit_days.add(date)
            aspiration, follow_up = rng.choice(ASPIRATIONS)
            resolved = None
            if aspiration and rng.random() < 0.5:
                resolved = min(date + dt.timedelta(days=rng.randrange(20, 200)), last)
            visits.append(
                [
                    agency,
                    village,
                    date,
                    ", ".join(rng.sample(CADRES, 2)),
                    rng.randrange(15, 80),
                    "Đời sống bà con ổn định, còn khó khăn về nước và vốn",
                    aspiration,
                    follow_up,
                    resolved,
                ]
            )
    activities.sort(key=lambda r: (r[2], r[0], r[1]))
    visits.sort(key=lambda r: (r[2], r[0], r[1]))

    households = []
    for v in (10, 11, 0, 5, 14, 20):  # Kinh households paired with Jrai/Bahnar households
        for helper, helped in zip(
            rng.sample(KINH_HEADS, 4), rng.sample(HOUSEHOLD_HEADS, 4), strict=True
        ):
            start = day_between(dt.date(2024, 3, 1), dt.date(2024, 9, 30))
            end = (
                None
                if rng.random() < 0.8
                else day_between(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
            )
            households.append([villages[v][0], helper, helped, start, end])
    inspections = [
        [
            dt.date(2024, 10, 15),
            "SO-KHCN",
            villages[2][0],
            "Ban Dân vận Tỉnh ủy",
            "Chưa triển khai hoạt động cụ thể tại làng",
            "Chưa đạt",
        ],
        [
            dt.date(2024, 10, 16),
            "SO-NNMT",
            villages[12][0],
            "Ban Dân vận Tỉnh ủy",
            "Hỗ trợ giống, phân bón đúng tiến độ",
            "Tốt",
        ],
        [
            dt.date(2025, 5, 20),
            "CA-TINH",
            None,
            "Ban Dân vận Tỉnh ủy",
            "Duy trì nắm tình hình định kỳ 6 tháng",
            "Tốt",
        ],
    ]
    for p in rng.sample(pairings, 9):
        inspections.append(
            [
                day_between(dt.date(2024, 9, 1), dt.date(2025, 11, 30)),
                p[0],
                p[1],
                "Ban Dân vận Tỉnh ủy",
                "Có sản phẩm cụ thể",
                rng.choice(["Tốt", "Khá"]),
            ]
        )

    # The workbook an officer keeps: Vietnamese sheet names and headers, real date cells.
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets = [
        (
            "Cơ quan",
            ["Mã cơ quan", "Tên cơ quan", "Loại", "Cấp"],
            [
                [c, n, LABELS[k], LEVELS[lv]]
                for c, n, k, lv in agencies + [list(a) for a in LOCALITY_AGENCIES]
            ],
        ),
        (
            "Thôn làng",
            [
                "Mã thôn",
                "Tên thôn",
                "Xã",
                "Huyện",
                "Dân tộc",
                "Số hộ",
                "Số hộ nghèo",
                "Số khẩu",
                "ĐBKK",
            ],
            [[*v[:8], "x" if v[8] else None] for v in villages],
        ),
        (
            "Kết nghĩa",
            [
                "Mã cơ quan",
                "Mã thôn",
                "Ngày kết nghĩa",
                "Ngày kết thúc",
                "Số quyết định",
                "Người phụ trách",
                "Đơn vị phối hợp",
            ],
            [
                [a, v, s_, e, f"{100 + n}/QĐ-BDVTU", rng.choice(CADRES), ";".join(sup) or None]
                for n, (a, v, s_, e, sup) in enumerate(pairings, start=1)
            ],
        ),
        (
            "Kết nghĩa hộ",
            ["Mã thôn", "Hộ giúp", "Hộ được giúp", "Ngày kết nghĩa", "Ngày kết thúc"],
            households,
        ),
        (
            "Kiểm tra",
            ["Ngày", "Mã cơ quan", "Mã thôn", "Đoàn kiểm tra", "Kết quả kiểm tra", "Xếp loại"],
            inspections,
        ),
        (
            "Chỉ số thôn",
            ["Mã thôn", "Năm", "Số hộ", "Số hộ nghèo", "Số hộ cận nghèo", "Thu nhập bình quân"],
            village_figures(villages),
        ),
    ]
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "dd/mm/yyyy"
    fixed = dt.datetime(2026, 1, 1)
    workbook.properties.created = workbook.properties.modified = fixed
    workbook.save(OUT / "ket-nghia-gia-lai.xlsx")
    _reproducible(OUT / "ket-nghia-gia-lai.xlsx")

    # Activities as a district sends them: Excel "CSV" from a Vietnamese Windows (semicolons),
    # day-first dates, money with dot separators, kinds and sources by their labels.
    with (OUT / "hoat-dong-2024-2025.csv").open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(
            [
                "Mã cơ quan",
                "Mã thôn",
                "Ngày",
                "Loại hoạt động",
                "Nội dung",
                "Giá trị (đồng)",
                "Nguồn",
                "Số lượng",
                "Đơn vị tính",
                "Số hộ hưởng lợi",
            ]
        )
        for a, v, date, kind, title, value, source, qty, unit, hh in activities:
            label = ACTIVITY_LABELS[kind]
            writer.writerow(
                [
                    a,
                    v,
                    dmy(date),
                    label if rng.random() < 0.7 else fold(label),
                    title,
                    money_vi(value),
                    SOURCE_LABELS[source],
                    "" if qty is None else qty,
                    unit or "",
                    "" if hh is None else hh,
                ]
            )
    with (OUT / "nam-tinh-hinh.csv").open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(
            [
                "Mã cơ quan",
                "Mã thôn",
                "Ngày",
                "Cán bộ",
                "Số người gặp",
                "Tình hình",
                "Tâm tư nguyện vọng",
                "Hướng xử lý",
                "Ngày giải quyết",
            ]
        )
        for a, v, date, cadres, met, situation, aspiration, follow, resolved in visits:
            writer.writerow(
                [
                    a,
                    v,
                    dmy(date),
                    cadres,
                    met,
                    situation,
                    aspiration or "",
                    follow or "",
                    dmy(resolved),
                ]
            )

    write_localities()


# Chỉ thị 03-CT/TU (7-8-2025): wards of the former Bình Định paired with mountain communes, with
# businesses as co-signers. The two pairings are the ones reported; dates, decision numbers,
# co-signers and contributions are invented.
LOCALITY_AGENCIES = [
    ("P-ANNHON", "UBND phường An Nhơn", "locality", "commune"),
    ("P-HOAINHONTAY", "UBND phường Hoài Nhơn Tây", "locality", "commune"),
]
LOCALITY_PAIRINGS = [
    # partner, commune (new, 2025), started_on, co-signers, decision
    ("P-ANNHON", "Ia Krêl", dt.date(2025, 8, 22), "BIDV-GL", "43/KH-UBND"),
    ("P-HOAINHONTAY", "Kông Bơ La", dt.date(2025, 8, 22), "CS-CHUSE;LN-HATHANH", "43/KH-UBND"),
]
CONTRIBUTIONS = [
    # partner, commune, contributor, date, kind, title, value
    ("P-ANNHON", "Ia Krêl", "P-ANNHON", dt.date(2025, 9, 12), "gifts",
     "Tặng quà học sinh nghèo đầu năm học", 30_000_000),
    ("P-ANNHON", "Ia Krêl", "BIDV-GL", dt.date(2025, 10, 20), "construction",
     "Xây nhà Đại đoàn kết", 100_000_000),
    ("P-ANNHON", "Ia Krêl", "P-ANNHON", dt.date(2025, 11, 28), "training",
     "Trao đổi kinh nghiệm cải cách hành chính", 0),
    ("P-HOAINHONTAY", "Kông Bơ La", "P-HOAINHONTAY", dt.date(2025, 9, 5), "gifts",
     "Tặng quà Trung thu", 15_000_000),
    ("P-HOAINHONTAY", "Kông Bơ La", "CS-CHUSE", dt.date(2025, 10, 8), "production",
     "Hỗ trợ bò giống sinh sản", 60_000_000),
    ("P-HOAINHONTAY", "Kông Bơ La", "LN-HATHANH", dt.date(2025, 12, 2), "production",
     "Tặng cây giống keo", 20_000_000),
]  # fmt: skip


def write_localities() -> None:
    with (OUT / "ket-nghia-dia-phuong.csv").open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(
            ["Mã địa phương", "Xã được kết nghĩa", "Ngày kết nghĩa", "Đơn vị đồng ký kết",
             "Số quyết định"]
        )  # fmt: skip
        for partner, commune, start, cosigners, decision in LOCALITY_PAIRINGS:
            writer.writerow([partner, commune, dmy(start), cosigners, decision])
    with (OUT / "dong-gop-dia-phuong.csv").open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(
            ["Mã địa phương", "Xã được kết nghĩa", "Đơn vị đóng góp", "Ngày", "Loại hoạt động",
             "Nội dung", "Giá trị (đồng)"]
        )  # fmt: skip
        for partner, commune, contributor, date, kind, title, value in CONTRIBUTIONS:
            writer.writerow(
                [partner, commune, contributor, dmy(date), ACTIVITY_LABELS[kind], title,
                 money_vi(value)]
            )  # fmt: skip


def village_figures(villages: list[list]) -> list[list]:
    """Poor households at the end of 2023, 2024 and 2025: most villages lose a few a year.
    Drawn from a generator of their own, so the rest of the sample does not move."""
    figures = random.Random(33)
    rows = []
    for code, _name, _commune, _district, _ethnic, households, poor, *_ in villages:
        count = poor + figures.randrange(0, 5)
        income = figures.randrange(14, 24) * 1_000_000
        for year in (2023, 2024, 2025):
            rows.append([code, year, households, count, figures.randrange(5, 30), income])
            count = max(count - figures.randrange(0, 5), 0)
            income += figures.randrange(0, 3) * 1_000_000
    return rows


def _reproducible(path: Path) -> None:
    """Fixed timestamps inside the workbook, so that re-running the script changes nothing."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"<dcterms:modified([^>]*)>[^<]*<",
                    rb"<dcterms:modified\1>2026-01-01T00:00:00Z<",
                    data,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(fixed, data)


LABELS = {
    "department": "Sở, ban, ngành",
    "mass_org": "Mặt trận, đoàn thể",
    "armed": "Lực lượng vũ trang",
    "enterprise": "Doanh nghiệp",
    "district": "Cơ quan cấp huyện",
    "locality": "Địa phương",
    "other": "Khác",
}
LEVELS = {"province": "Tỉnh", "district": "Huyện", "commune": "Xã"}
ACTIVITY_LABELS = {
    "construction": "Công trình",
    "production": "Hỗ trợ sản xuất",
    "gifts": "Quà tặng",
    "education": "Giáo dục",
    "health": "Y tế",
    "culture": "Văn hóa",
    "mobilization": "Dân vận",
    "training": "Tập huấn",
    "other": "Khác",
}
SOURCE_LABELS = {
    "agency": "Kinh phí cơ quan",
    "staff": "Cán bộ đóng góp",
    "enterprise": "Doanh nghiệp",
    "community": "Xã hội hóa",
    "state": "Ngân sách nhà nước",
    "other": "Khác",
}


def fold(text: str) -> str:
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


if __name__ == "__main__":
    main()
