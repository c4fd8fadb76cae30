"""Build data/sample/*.csv: a small Gia Lai province for `ketnghia demo` and the tests.

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


def write(name: str, header: list[str], rows: list[list[object]]) -> None:
    with (OUT / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(["" if v is None else v for v in row] for row in rows)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    write(
        "agencies",
        ["code", "name", "kind", "level", "district", "head", "phone"],
        [[c, n, k, lv, None, None, None] for c, n, k, lv in AGENCIES],
    )
    village_rows = []
    for i, (name, commune, district, ethnic) in enumerate(VILLAGES, start=1):
        households = rng.randrange(90, 320)
        poor = rng.randrange(households // 12, households // 3)
        if name == "Thôn Plơi Rngôl":  # real figures (Báo Gia Lai)
            households, poor = 304, 42
        population = households * rng.randrange(4, 6) + rng.randrange(0, 60)
        if name == "Thôn Plơi Rngôl":
            population = 1306
        special = poor / households >= 0.2 or name in ("Thôn Plơi Rngôl", "Làng Ơp")
        village_rows.append(
            [
                f"GL-{i:04d}",
                name,
                commune,
                district,
                "Gia Lai",
                ethnic,
                households,
                poor,
                population,
                "x" if special else "",
            ]
        )
    write(
        "villages",
        [
            "code",
            "name",
            "commune",
            "district",
            "province",
            "ethnic_groups",
            "households",
            "poor_households",
            "population",
            "special_difficulty",
        ],
        village_rows,
    )
    pairing_rows = []
    for n, (agency, v, start, end, supporters) in enumerate(PAIRINGS, start=1):
        pairing_rows.append(
            [
                agency,
                village_rows[v][0],
                start,
                end,
                f"{100 + n}/QĐ-BDVTU",
                rng.choice(CADRES),
                ";".join(supporters),
            ]
        )
    write(
        "pairings",
        [
            "agency_code",
            "village_code",
            "started_on",
            "ended_on",
            "decision_ref",
            "lead",
            "supporters",
        ],
        pairing_rows,
    )
    activity_rows = []
    visit_rows = []
    for agency, v, start, end, _ in PAIRINGS:
        village = village_rows[v][0]
        first = dt.date.fromisoformat(start)
        last = min(
            dt.date.fromisoformat(end) if end else dt.date(2025, 12, 31), dt.date(2025, 12, 31)
        )
        if agency in IDLE_IN_2024:
            first = max(first, dt.date(2025, 1, 1))
        if first > last:
            continue
        used: set[tuple[str, str]] = set()
        for _ in range(rng.randrange(3, 8)):
            kind, title, (lo, hi), source, qty, benefits = rng.choice(ACTIVITY_TEMPLATES)
            date = day_between(first, last)
            if (date.isoformat(), title) in used:
                continue
            used.add((date.isoformat(), title))
            value = rng.randrange(lo, hi + 1) * 1_000_000
            quantity = rng.randrange(qty[0], qty[1] + 1) if qty else None
            activity_rows.append(
                [
                    agency,
                    village,
                    date.isoformat(),
                    kind,
                    title,
                    value,
                    source,
                    quantity,
                    qty[2] if qty else None,
                    rng.randrange(3, 40) if benefits else None,
                ]
            )
        for _ in range(rng.randrange(1, 4)):
            date = day_between(first, last)
            if any(
                r[0] == agency and r[1] == village and r[2] == date.isoformat() for r in visit_rows
            ):
                continue
            aspiration, follow_up = rng.choice(ASPIRATIONS)
            resolved = None
            if aspiration and rng.random() < 0.5:
                resolved = min(date + dt.timedelta(days=rng.randrange(20, 200)), last)
                resolved = resolved if resolved >= date else None
            visit_rows.append(
                [
                    agency,
                    village,
                    date.isoformat(),
                    ", ".join(rng.sample(CADRES, 2)),
                    rng.randrange(15, 80),
                    "Đời sống bà con ổn định, còn khó khăn về nước và vốn",
                    aspiration,
                    follow_up,
                    resolved.isoformat() if resolved else None,
                ]
            )
    activity_rows.sort(key=lambda r: (r[2], r[0], r[1]))
    visit_rows.sort(key=lambda r: (r[2], r[0], r[1]))
    write(
        "activities",
        [
            "agency_code",
            "village_code",
            "date",
            "kind",
            "title",
            "value_vnd",
            "source",
            "quantity",
            "unit",
            "households_benefited",
        ],
        activity_rows,
    )
    write(
        "visits",
        [
            "agency_code",
            "village_code",
            "date",
            "cadres",
            "people_met",
            "situation",
            "aspirations",
            "follow_up",
            "resolved_on",
        ],
        visit_rows,
    )
    household_rows = []
    for v in (10, 11, 0, 5):  # Chư Sê women's union and others pair Kinh and Jrai households
        village = village_rows[v][0]
        for helper, helped in zip(
            rng.sample(KINH_HEADS, 3), rng.sample(HOUSEHOLD_HEADS, 3), strict=True
        ):
            start = day_between(dt.date(2024, 3, 1), dt.date(2024, 9, 30))
            end = (
                None
                if rng.random() < 0.8
                else day_between(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
            )
            household_rows.append(
                [village, helper, helped, start.isoformat(), end.isoformat() if end else None]
            )
    write(
        "households", ["village_code", "helper", "helped", "started_on", "ended_on"], household_rows
    )
    inspection_rows = [
        [
            "2024-10-15",
            "SO-KHCN",
            village_rows[2][0],
            "Ban Dân vận Tỉnh ủy",
            "Chưa triển khai hoạt động cụ thể tại làng",
            "Chưa đạt",
        ],
        [
            "2024-10-16",
            "SO-NNMT",
            village_rows[12][0],
            "Ban Dân vận Tỉnh ủy",
            "Hỗ trợ giống, phân bón đúng tiến độ",
            "Tốt",
        ],
        [
            "2025-05-20",
            "CA-TINH",
            None,
            "Ban Dân vận Tỉnh ủy",
            "Duy trì nắm tình hình định kỳ 6 tháng",
            "Tốt",
        ],
    ]
    write(
        "inspections",
        ["date", "agency_code", "village_code", "inspector", "findings", "rating"],
        inspection_rows,
    )


if __name__ == "__main__":
    main()
