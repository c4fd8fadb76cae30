"""The Vietnamese of the command line's help: the English help as declared in the code
(whitespace collapsed) → what Vietnamese users read. Used by cli/helptext.py."""

from __future__ import annotations

VI: dict[str, str] = {
    # the root
    "Records of the kết nghĩa twinning programme: agencies, villages, pairings, activities, "
    "visits, and the annual report. (Sổ theo dõi công tác kết nghĩa.)": (
        "Sổ theo dõi công tác kết nghĩa: cơ quan, đơn vị, thôn làng, kết nghĩa, hoạt động, "
        "nắm tình hình và báo cáo năm."
    ),
    "SQLite file or SQLAlchemy URL (sqlite:///x.db, postgresql+psycopg://u@h/db). Default: "
    "$KETNGHIA_DB, else `config set db`, else a file in the user data folder.": (
        "Tệp SQLite hoặc địa chỉ SQLAlchemy (sqlite:///x.db, postgresql+psycopg://u@h/db). "
        "Mặc định: $KETNGHIA_DB, nếu không thì `config set db`, nếu không thì một tệp trong "
        "thư mục dữ liệu của người dùng."
    ),
    "Language of tables and messages.": "Ngôn ngữ của bảng và thông báo.",
    "Show tracebacks of errors.": "Hiện chi tiết kỹ thuật (traceback) của lỗi.",
    "Who is making the change, for the audit trail (default: $KETNGHIA_ACTOR, else the user "
    "name).": (
        "Người thực hiện thay đổi, ghi vào nhật ký (mặc định: $KETNGHIA_ACTOR, nếu không thì "
        "tên người dùng máy)."
    ),
    "Show the version.": "Hiện phiên bản.",
    "Install completion for the current shell.": "Cài gợi ý tự hoàn thành cho shell đang dùng.",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "Hiện mã tự hoàn thành cho shell đang dùng, để sao chép hoặc tự cài đặt."
    ),
    "Show this message and exit.": "Hiện trợ giúp này rồi thoát.",
    # shared options
    "Print the record as table, json or csv.": "In bản ghi dạng bảng (table), json hoặc csv.",
    "Code, ref or numeric id as shown by list.": (
        "Mã, mã hoạt động hoặc số thứ tự (id) như lệnh list hiển thị."
    ),
    "Match names, any case, any accents.": (
        "Tìm theo tên, không phân biệt hoa thường, có dấu hay không."
    ),
    "District name.": "Tên huyện.",
    "Output format: table, json, csv or xlsx (default: the one the --output file's suffix "
    "names, else table).": (
        "Định dạng xuất: table, json, csv hoặc xlsx (mặc định: theo đuôi tệp của --output, "
        "nếu không thì table)."
    ),
    "Write to FILE instead of stdout (- is stdout).": (
        "Ghi ra TỆP thay vì màn hình (- là màn hình)."
    ),
    "Agency code or unambiguous name.": "Mã hoặc tên (không trùng) của cơ quan.",
    "Village code or unambiguous name.": "Mã hoặc tên (không trùng) của thôn.",
    "Only records of year Y.": "Chỉ các bản ghi của năm đó.",
    # agency
    "Agencies and units (cơ quan, đơn vị).": "Cơ quan, đơn vị.",
    "List agencies in Vietnamese alphabetical order of their names.": (
        "Liệt kê cơ quan theo thứ tự chữ cái tiếng Việt của tên."
    ),
    "Agency kind.": "Loại cơ quan.",
    "province, district or commune.": "tỉnh (province), huyện (district) hoặc xã (commune).",
    "Merge agencies into another from a date: their pairings continue under it (not new "
    "pairings), with the activities and visits from that day; reports before it are "
    "unchanged.": (
        "Sáp nhập các cơ quan vào một cơ quan khác từ một ngày: các quan hệ kết nghĩa của "
        "chúng tiếp tục dưới cơ quan đó (không phải kết nghĩa mới), cùng các hoạt động và "
        "chuyến nắm tình hình từ ngày ấy; báo cáo trước ngày đó không đổi."
    ),
    "The agencies that were merged (codes).": "Các cơ quan bị sáp nhập (mã).",
    "The agency they became (add it first).": "Cơ quan sau sáp nhập (thêm trước).",
    "The day of the merger.": "Ngày sáp nhập.",
}
