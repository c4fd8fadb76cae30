"""The records users see: canonical keys, types, labels and import aliases.

One description serves the CLI's tables (labels), JSON/CSV rows (keys), imports (aliases)
and exports, so "what is exported imports back". Light on purpose: no database imports;
what a kind needs of the database (its table, keys, dates) is in its descriptor, ketnghia.kinds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ketnghia.text import compact_key

# code: (Vietnamese label, English label)
AGENCY_KINDS = {
    "department": ("Sở, ban, ngành", "Department"),
    "mass_org": ("Mặt trận, đoàn thể", "Mass organisation"),
    "armed": ("Lực lượng vũ trang", "Armed forces"),
    "enterprise": ("Doanh nghiệp", "Enterprise"),
    "district": ("Cơ quan cấp huyện", "District agency"),
    "locality": ("Địa phương", "Locality"),
    "other": ("Khác", "Other"),
}
AGENCY_LEVELS = {
    "province": ("Tỉnh", "Province"),
    "district": ("Huyện", "District"),
    "commune": ("Xã", "Commune"),
}
ACTIVITY_KINDS = {
    "construction": ("Công trình", "Construction"),
    "production": ("Hỗ trợ sản xuất", "Production support"),
    "gifts": ("Quà tặng", "Gifts"),
    "education": ("Giáo dục", "Education"),
    "health": ("Y tế", "Health"),
    "culture": ("Văn hóa", "Culture"),
    "mobilization": ("Dân vận", "Mass mobilisation"),
    "training": ("Tập huấn", "Training"),
    "other": ("Khác", "Other"),
}
SOURCES = {
    "agency": ("Kinh phí cơ quan", "Agency funds"),
    "staff": ("Cán bộ đóng góp", "Staff contributions"),
    "enterprise": ("Doanh nghiệp", "Enterprise"),
    "community": ("Xã hội hóa", "Community (xã hội hóa)"),
    "state": ("Ngân sách nhà nước", "State budget"),
    "other": ("Khác", "Other"),
}
INSPECTION_RATINGS = {
    "good": ("Tốt", "Good"),
    "fair": ("Khá", "Fair"),
    "average": ("Trung bình", "Average"),
    "weak": ("Yếu", "Weak"),
}
# Other words officers use for a choice, accepted like its labels (case and accents aside) but
# never shown: "xây dựng" for a work built, "sinh kế" for production support.
CHOICE_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "activity_kind": {
        "construction": ("Xây dựng", "Công trình xây dựng", "Building", "Works"),
        "production": ("Sản xuất", "Sinh kế", "Hỗ trợ sinh kế", "Livelihood"),
        "gifts": ("Tặng quà", "Quà", "Gift"),
        "education": ("Khuyến học", "Học bổng"),
        "health": ("Khám chữa bệnh", "Khám bệnh"),
        "mobilization": ("Vận động", "Vận động quần chúng", "Mobilization"),
        "training": ("Đào tạo", "Tập huấn kỹ thuật"),
    },
    "source": {
        "agency": ("Cơ quan", "Ngân sách cơ quan"),
        "staff": ("Cán bộ", "Cán bộ đóng góp", "Staff"),
        "community": ("Nhân dân đóng góp", "Community"),
        "state": ("Ngân sách", "Nhà nước", "State"),
    },
}
CHOICES = {
    "agency_kind": AGENCY_KINDS,
    "agency_level": AGENCY_LEVELS,
    "activity_kind": ACTIVITY_KINDS,
    "source": SOURCES,
    "inspection_rating": INSPECTION_RATINGS,
}


@dataclass(frozen=True)
class Field:
    key: str
    type: str  # id code text int year money number date bool choice agency village agencies
    #   commune (an administrative unit: its code, or its name)
    label_vi: str
    label_en: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    choices: str | None = None  # a key of CHOICES for type "choice"
    brief: bool = True  # shown as a column of the list table
    # long text (notes, what people said …): may hold tabs and line breaks; other text is one
    # line. Control and bidirectional characters are refused in both (values.parse_text).
    multiline: bool = False

    def label(self, lang: str) -> str:
        return self.label_vi if lang == "vi" else self.label_en


@dataclass(frozen=True)
class Kind:
    name: str  # plural, as in file stems and `export KIND`
    label_vi: str  # also the sheet name
    label_en: str
    fields: tuple[Field, ...]
    natural_key: tuple[str, ...]
    sheet_aliases: tuple[str, ...] = field(default=())

    def label(self, lang: str) -> str:
        return self.label_vi if lang == "vi" else self.label_en

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    @property
    def keys(self) -> list[str]:
        return [f.key for f in self.fields]

    @property
    def input_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.type != "id")


ID = Field("id", "id", "Số", "ID")
# The column `export` adds to every row: the id of the database the rows come from. With it,
# an import matches a row's `id` to the stored record (see importing/loader.py); without it,
# ids are ignored and rows are matched by natural key.
DATABASE_ID = "database_id"
NOTE = Field("note", "text", "Ghi chú", "Note", ("Ghi chú",), brief=False, multiline=True)

AGENCIES = Kind(
    "agencies",
    "Cơ quan",
    "Agencies",
    (
        ID,
        Field("code", "code", "Mã", "Code", ("Mã", "Mã cơ quan", "Mã đơn vị"), required=True),
        Field("name", "text", "Tên cơ quan", "Name", ("Tên cơ quan", "Tên đơn vị", "Tên"), True),
        Field("kind", "choice", "Loại", "Kind", ("Loại", "Loại cơ quan"), choices="agency_kind"),
        Field("level", "choice", "Cấp", "Level", ("Cấp",), choices="agency_level"),
        Field("district", "text", "Huyện", "District", ("Huyện", "Huyện/thị xã")),
        Field("head", "text", "Người đứng đầu", "Head", ("Người đứng đầu", "Thủ trưởng")),
        Field("phone", "text", "Điện thoại", "Phone", ("Điện thoại", "SĐT"), brief=False),
        NOTE,
    ),
    ("code",),
)

VILLAGES = Kind(
    "villages",
    "Thôn làng",
    "Villages",
    (
        ID,
        Field("code", "code", "Mã", "Code", ("Mã", "Mã thôn", "Mã làng"), required=True),
        Field("name", "text", "Tên thôn", "Name", ("Tên thôn", "Thôn/Làng", "Tên làng"), True),
        Field("commune", "text", "Xã", "Commune", ("Xã", "Xã/phường")),
        Field("district", "text", "Huyện", "District", ("Huyện", "Huyện/thị xã")),
        Field("province", "text", "Tỉnh", "Province", ("Tỉnh",), brief=False),
        Field("ethnic_groups", "text", "Dân tộc", "Ethnic groups", ("Dân tộc",)),
        Field("households", "int", "Số hộ", "Households", ("Số hộ", "Tổng số hộ")),
        Field("poor_households", "int", "Số hộ nghèo", "Poor households", ("Số hộ nghèo",)),
        Field("population", "int", "Số khẩu", "Population", ("Số khẩu", "Dân số", "Nhân khẩu")),
        Field(
            "special_difficulty",
            "bool",
            "ĐBKK",
            "Special difficulty",
            ("ĐBKK", "Đặc biệt khó khăn", "Thôn ĐBKK"),
        ),
        NOTE,
    ),
    ("code",),
)

PAIRINGS = Kind(
    "pairings",
    "Kết nghĩa",
    "Pairings",
    (
        ID,
        Field("agency_code", "agency", "Mã cơ quan", "Agency", ("Mã cơ quan", "Cơ quan"), True),
        Field("village_code", "village", "Mã thôn", "Village", ("Mã thôn", "Thôn"), True),
        Field(
            "started_on",
            "date",
            "Ngày kết nghĩa",
            "Started on",
            ("Ngày kết nghĩa", "Ngày bắt đầu", "Từ ngày"),
            True,
        ),
        Field("ended_on", "date", "Ngày kết thúc", "Ended on", ("Ngày kết thúc", "Đến ngày")),
        Field(
            "decision_ref",
            "text",
            "Số quyết định",
            "Decision",
            ("Số quyết định", "Quyết định"),
            brief=False,
        ),
        Field(
            "lead", "text", "Người phụ trách", "Lead", ("Người phụ trách", "Phụ trách"), brief=False
        ),
        Field(
            "supporters",
            "agencies",
            "Đơn vị phối hợp",
            "Supporters",
            ("Đơn vị phối hợp", "Phối hợp"),
            brief=False,
        ),
        NOTE,
    ),
    ("agency_code", "village_code", "started_on"),
)

HOUSEHOLDS = Kind(
    "households",
    "Kết nghĩa hộ",
    "Household pairings",
    (
        ID,
        Field("village_code", "village", "Mã thôn", "Village", ("Mã thôn", "Thôn"), True),
        Field("helper", "text", "Hộ giúp", "Helper household", ("Hộ giúp", "Hộ khá"), True),
        Field(
            "helped", "text", "Hộ được giúp", "Helped household", ("Hộ được giúp", "Hộ nghèo"), True
        ),
        Field("started_on", "date", "Ngày kết nghĩa", "Started on", ("Ngày kết nghĩa",), True),
        Field("ended_on", "date", "Ngày kết thúc", "Ended on", ("Ngày kết thúc",)),
        NOTE,
    ),
    ("village_code", "helper", "helped"),
    ("household_pairings",),
)

ACTIVITIES = Kind(
    "activities",
    "Hoạt động",
    "Activities",
    (
        ID,
        Field("ref", "code", "Mã hoạt động", "Ref", ("Mã hoạt động",)),
        Field("agency_code", "agency", "Mã cơ quan", "Agency", ("Mã cơ quan", "Cơ quan"), True),
        Field("village_code", "village", "Mã thôn", "Village", ("Mã thôn", "Thôn"), True),
        Field("date", "date", "Ngày", "Date", ("Ngày", "Ngày thực hiện"), True),
        Field(
            "kind",
            "choice",
            "Loại hoạt động",
            "Kind",
            ("Loại hoạt động", "Loại"),
            True,
            "activity_kind",
        ),
        Field("title", "text", "Nội dung", "Title", ("Nội dung", "Tên hoạt động"), True),
        Field(
            "value_vnd",
            "money",
            "Giá trị (đồng)",
            "Value (VND)",
            ("Giá trị", "Giá trị (đồng)", "Giá trị (VNĐ)", "Thành tiền", "Kinh phí"),
        ),
        Field("source", "choice", "Nguồn", "Source", ("Nguồn", "Nguồn kinh phí"), choices="source"),
        Field("quantity", "number", "Số lượng", "Quantity", ("Số lượng",), brief=False),
        Field("unit", "text", "Đơn vị tính", "Unit", ("Đơn vị tính", "ĐVT"), brief=False),
        Field(
            "households_benefited",
            "int",
            "Số hộ hưởng lợi",
            "Households benefited",
            ("Số hộ hưởng lợi", "Số hộ được hưởng"),
        ),
        NOTE,
    ),
    ("agency_code", "village_code", "date", "kind", "title"),
)

VISITS = Kind(
    "visits",
    "Nắm tình hình",
    "Visits",
    (
        ID,
        Field("agency_code", "agency", "Mã cơ quan", "Agency", ("Mã cơ quan", "Cơ quan"), True),
        Field("village_code", "village", "Mã thôn", "Village", ("Mã thôn", "Thôn"), True),
        Field("date", "date", "Ngày", "Date", ("Ngày",), True),
        Field(
            "cadres",
            "text",
            "Cán bộ",
            "Cadres",
            ("Cán bộ", "Cán bộ tham gia"),
            brief=False,
            multiline=True,
        ),
        Field("people_met", "int", "Số người gặp", "People met", ("Số người gặp",)),
        Field(
            "situation",
            "text",
            "Tình hình",
            "Situation",
            ("Tình hình",),
            brief=False,
            multiline=True,
        ),
        Field(
            "aspirations",
            "text",
            "Nguyện vọng",
            "Aspirations",
            ("Nguyện vọng", "Tâm tư nguyện vọng", "Kiến nghị"),
            multiline=True,
        ),
        Field(
            "follow_up",
            "text",
            "Hướng xử lý",
            "Follow-up",
            ("Hướng xử lý",),
            brief=False,
            multiline=True,
        ),
        Field("resolved_on", "date", "Ngày giải quyết", "Resolved on", ("Ngày giải quyết",)),
        NOTE,
    ),
    ("agency_code", "village_code", "date"),
)

INSPECTIONS = Kind(
    "inspections",
    "Kiểm tra",
    "Inspections",
    (
        ID,
        Field("date", "date", "Ngày", "Date", ("Ngày", "Ngày kiểm tra"), True),
        Field("agency_code", "agency", "Mã cơ quan", "Agency", ("Mã cơ quan", "Cơ quan"), True),
        Field("village_code", "village", "Mã thôn", "Village", ("Mã thôn", "Thôn")),
        Field(
            "inspector", "text", "Đoàn kiểm tra", "Inspector", ("Đoàn kiểm tra", "Người kiểm tra")
        ),
        Field(
            "findings",
            "text",
            "Kết quả kiểm tra",
            "Findings",
            ("Kết quả kiểm tra", "Nhận xét"),
            multiline=True,
        ),
        Field(
            "rating",
            "choice",
            "Xếp loại",
            "Rating",
            ("Xếp loại", "Đánh giá"),
            choices="inspection_rating",
        ),
        NOTE,
    ),
    ("date", "agency_code", "village_code"),
)

VILLAGE_STATS = Kind(
    "village_stats",
    "Chỉ số thôn",
    "Village figures",
    (
        ID,
        Field("village_code", "village", "Mã thôn", "Village", ("Mã thôn", "Thôn"), True),
        Field("year", "year", "Năm", "Year", ("Năm",), True),
        Field("households", "int", "Số hộ", "Households", ("Số hộ", "Tổng số hộ")),
        Field("poor_households", "int", "Số hộ nghèo", "Poor households", ("Số hộ nghèo",)),
        Field(
            "near_poor_households",
            "int",
            "Số hộ cận nghèo",
            "Near-poor households",
            ("Số hộ cận nghèo",),
        ),
        Field(
            "income_per_head",
            "money",
            "Thu nhập bình quân (đồng/người/năm)",
            "Income per head (VND a year)",
            ("Thu nhập bình quân", "Thu nhập bình quân đầu người"),
        ),
        NOTE,
    ),
    ("village_code", "year"),
    ("stats", "village stats"),
)

LOCALITIES = Kind(
    "localities",
    "Kết nghĩa địa phương",
    "Locality pairings",
    (
        ID,
        Field(
            "agency_code",
            "agency",
            "Mã địa phương",
            "Locality",
            ("Mã địa phương", "Địa phương", "Mã cơ quan", "Phường/xã kết nghĩa"),
            True,
        ),
        Field(
            "commune",
            "commune",
            "Xã được kết nghĩa",
            "Paired commune",
            ("Xã được kết nghĩa", "Xã kết nghĩa", "Xã"),
            True,
        ),
        Field(
            "started_on",
            "date",
            "Ngày kết nghĩa",
            "Started on",
            ("Ngày kết nghĩa", "Ngày bắt đầu", "Từ ngày"),
            True,
        ),
        Field("ended_on", "date", "Ngày kết thúc", "Ended on", ("Ngày kết thúc", "Đến ngày")),
        Field(
            "decision_ref",
            "text",
            "Số quyết định",
            "Decision",
            ("Số quyết định", "Quyết định"),
            brief=False,
        ),
        Field(
            "cosigners",
            "agencies",
            "Đơn vị đồng ký kết",
            "Co-signers",
            ("Đơn vị đồng ký kết", "Đồng ký kết", "Doanh nghiệp đồng hành"),
        ),
        NOTE,
    ),
    ("agency_code", "commune", "started_on"),
    ("locality pairings", "locality_pairings"),
)

CONTRIBUTIONS = Kind(
    "contributions",
    "Đóng góp địa phương",
    "Locality contributions",
    (
        ID,
        Field(
            "agency_code",
            "agency",
            "Mã địa phương",
            "Locality",
            ("Mã địa phương", "Địa phương", "Mã cơ quan"),
            True,
        ),
        Field(
            "commune",
            "commune",
            "Xã được kết nghĩa",
            "Paired commune",
            ("Xã được kết nghĩa", "Xã kết nghĩa", "Xã"),
            True,
        ),
        Field(
            "contributor_code",
            "agency",
            "Đơn vị đóng góp",
            "Contributor",
            ("Đơn vị đóng góp", "Mã đơn vị đóng góp"),
            True,
        ),
        Field("date", "date", "Ngày", "Date", ("Ngày", "Ngày thực hiện"), True),
        Field(
            "kind",
            "choice",
            "Loại hoạt động",
            "Kind",
            ("Loại hoạt động", "Loại"),
            True,
            "activity_kind",
        ),
        Field("title", "text", "Nội dung", "Title", ("Nội dung", "Tên hoạt động"), True),
        Field(
            "value_vnd",
            "money",
            "Giá trị (đồng)",
            "Value (VND)",
            ("Giá trị", "Giá trị (đồng)", "Giá trị (VNĐ)", "Thành tiền", "Kinh phí"),
        ),
        NOTE,
    ),
    ("agency_code", "commune", "contributor_code", "date", "title"),
    ("locality contributions",),
)

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        AGENCIES,
        VILLAGES,
        VILLAGE_STATS,
        PAIRINGS,
        HOUSEHOLDS,
        ACTIVITIES,
        VISITS,
        INSPECTIONS,
        LOCALITIES,
        CONTRIBUTIONS,
    )
}
# The order in which records can be loaded: what is referenced comes first.
DEPENDENCY_ORDER = (
    "agencies",
    "villages",
    "village_stats",
    "pairings",
    "households",
    "activities",
    "visits",
    "inspections",
    "localities",
    "contributions",
)


def kind_from_name(name: str) -> Kind | None:
    """A kind from its English name, its Vietnamese sheet name, or a known alias."""
    wanted = compact_key(name)
    for kind in KINDS.values():
        names = (kind.name, kind.label_vi, kind.label_en, *kind.sheet_aliases)
        if wanted in {compact_key(n) for n in names}:
            return kind
    return None
