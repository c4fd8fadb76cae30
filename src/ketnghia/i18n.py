"""A small message catalogue (vi/en) and the choice of language.

JSON/CSV keys never change with the language; headings, labels and messages do.
"""

from __future__ import annotations

import locale
import os
from typing import Any

LANGS = ("vi", "en")
_current = "en"


def detect_lang(option: str | None = None) -> str:
    """--lang, else KETNGHIA_LANG, else vi when the locale is Vietnamese, else en."""
    for candidate in (option, os.environ.get("KETNGHIA_LANG")):
        if candidate:
            value = candidate.strip().lower()[:2]
            if value in LANGS:
                return value
    names = [os.environ.get(v, "") for v in ("LC_ALL", "LC_MESSAGES", "LANG")]
    try:
        names.append(locale.getlocale()[0] or "")
    except ValueError:
        pass
    for name in names:
        if name and name.lower().startswith("vi"):
            return "vi"
        if name:
            break
    return "en"


def set_lang(lang: str) -> None:
    global _current
    _current = lang if lang in LANGS else "en"


def get_lang() -> str:
    return _current


def t(key: str, lang: str | None = None, /, **params: Any) -> str:
    entry = MESSAGES.get(key)
    if entry is None:
        text = key
    else:
        text = entry[1] if (lang or _current) == "vi" else entry[0]
    return text.format(**params) if params else text


# key: (English, Vietnamese)
MESSAGES: dict[str, tuple[str, str]] = {
    # errors
    "error": ("error", "lỗi"),
    "unexpected": (
        "unexpected error: {detail} (run with --debug for the traceback)",
        "lỗi không mong đợi: {detail} (chạy lại với --debug để xem chi tiết)",
    ),
    "invalid_value": ("{field}: {reason}", "{field}: {reason}"),
    "required": ("is required", "không được để trống"),
    "bad_date": (
        "{value!r} is not a date (use 2024-03-15 or 15/03/2024)",
        "{value!r} không phải ngày (dùng 2024-03-15 hoặc 15/03/2024)",
    ),
    "bad_money": (
        "{value!r} is not an amount of đồng (use 15000000, 15.000.000 or 15,000,000)",
        "{value!r} không phải số tiền (dùng 15000000, 15.000.000 hoặc 15,000,000)",
    ),
    "bad_int": ("{value!r} is not a whole number", "{value!r} không phải số nguyên"),
    "bad_number": ("{value!r} is not a number", "{value!r} không phải số"),
    "bad_bool": (
        "{value!r} is not yes/no (use x, có, yes, 1 or không, no, 0)",
        "{value!r} không phải có/không (dùng x, có, 1 hoặc không, 0)",
    ),
    "bad_choice": (
        "{value!r} is not one of: {choices}",
        "{value!r} không thuộc: {choices}",
    ),
    "negative": ("must not be negative (got {value})", "không được âm ({value})"),
    "too_long": ("is longer than {limit} characters", "dài quá {limit} ký tự"),
    "too_large": (
        "{value} is more than ketnghia keeps ({limit_en} at most)",
        "{value} vượt quá giới hạn ketnghia lưu (tối đa {limit_vi})",
    ),
    "year_out_of_range": (
        "{value} is not a year from {first} to {last}",
        "{value} không phải năm trong khoảng {first}–{last}",
    ),
    "date_out_of_range": (
        "{value} is not a date from {first} to {last}",
        "{value} không phải ngày trong khoảng {first} – {last}",
    ),
    "char_control": (
        "contains a control character ({char}); type the text again without it",
        "chứa ký tự điều khiển ({char}); hãy gõ lại không có ký tự đó",
    ),
    "char_line_break": (
        "is one line: it cannot hold a tab or line break ({char})",
        "chỉ là một dòng: không được chứa tab hay xuống dòng ({char})",
    ),
    "char_bidi": (
        "contains a bidirectional control ({char}), which reorders what is shown",
        "chứa ký tự điều khiển hướng chữ ({char}), làm đảo thứ tự hiển thị",
    ),
    "char_invisible": (
        "contains an invisible character ({char}), so it would look like another code",
        "chứa ký tự ẩn ({char}), nên trông giống một mã khác",
    ),
    "char_lookalike": (
        "contains {char}, which looks like a keyboard character; codes use the keyboard's "
        "digits, dashes and dots",
        "chứa {char}, trông giống một ký tự trên bàn phím; mã chỉ dùng chữ số, gạch ngang và "
        "dấu chấm của bàn phím",
    ),
    "mixed_script": (
        "mixes letters of two scripts ({first}, {second}), so it would look like another code",
        "trộn chữ của hai hệ chữ ({first}, {second}), nên trông giống một mã khác",
    ),
    "poor_exceeds_households": (
        "poor households ({poor}) exceed households ({households})",
        "số hộ nghèo ({poor}) lớn hơn số hộ ({households})",
    ),
    "ended_before_started": (
        "ends on {ended_on}, before it starts on {started_on}",
        "ngày kết thúc {ended_on} trước ngày bắt đầu {started_on}",
    ),
    "resolved_before_visit": (
        "resolved on {resolved_on}, before the visit on {date}",
        "ngày giải quyết {resolved_on} trước ngày nắm tình hình {date}",
    ),
    "not_found": ("no {kind} {key!r}", "không có {kind} {key!r}"),
    "ambiguous": (
        "{kind} {key!r} is ambiguous: {candidates}",
        "{kind} {key!r} chưa rõ, có thể là: {candidates}",
    ),
    "exists": ("{kind} {key!r} already exists", "{kind} {key!r} đã có"),
    "pairing_overlap": (
        "agency {agency} and village {village} are already paired from {started_on}"
        "{until}; one agency and one village have one active pairing at a time",
        "cơ quan {agency} và thôn {village} đã kết nghĩa từ {started_on}{until}; "
        "mỗi cặp chỉ có một kết nghĩa đang hiệu lực",
    ),
    "until": (" until {date}", " đến {date}"),
    "no_active_pairing": (
        "agency {agency} and village {village} have no pairing active on {date}; "
        "add one with `ketnghia pair add` first",
        "cơ quan {agency} và thôn {village} không có kết nghĩa hiệu lực ngày {date}; "
        "hãy thêm bằng `ketnghia pair add` trước",
    ),
    "pairing_has_later_records": (
        "cannot end pairing {agency}–{village} on {date}: {count} {what} dated after it "
        "(first on {first})",
        "không thể kết thúc kết nghĩa {agency}–{village} ngày {date}: còn {count} {what} "
        "sau ngày đó (đầu tiên ngày {first})",
    ),
    "pairing_records_outside": (
        "cannot change pairing {agency}–{village}: {count} {what} would fall outside it "
        "(first on {first})",
        "không thể sửa kết nghĩa {agency}–{village}: {count} {what} sẽ nằm ngoài thời hạn "
        "(đầu tiên ngày {first})",
    ),
    "already_ended": (
        "pairing {agency}–{village} already ended on {date}",
        "kết nghĩa {agency}–{village} đã kết thúc ngày {date}",
    ),
    "household_already_ended": (
        "household pairing {helper} → {helped} already ended on {date}",
        "cặp hộ {helper} → {helped} đã kết thúc ngày {date}",
    ),
    "referenced": (
        "cannot remove {kind} {key!r}: referenced by {refs}",
        "không thể xoá {kind} {key!r}: đang được dùng bởi {refs}",
    ),
    "supporter_is_agency": (
        "agency {agency} cannot support its own pairing",
        "cơ quan {agency} không thể là đơn vị phối hợp của chính mình",
    ),
    "locality_overlap": (
        "{agency} and {commune} are already paired from {started_on}{until}; two localities "
        "have one active pairing at a time",
        "{agency} và {commune} đã kết nghĩa từ {started_on}{until}; hai địa phương chỉ có "
        "một kết nghĩa hiệu lực tại một thời điểm",
    ),
    "no_active_locality": (
        "{agency} and {commune} have no locality pairing active on {date}; add one with "
        "`ketnghia locality add` first",
        "{agency} và {commune} không có kết nghĩa địa phương hiệu lực ngày {date}; hãy thêm "
        "bằng `ketnghia locality add` trước",
    ),
    "locality_has_later_contributions": (
        "cannot end the pairing {agency}–{commune} on {date}: {count} contributions are dated "
        "after it",
        "không thể kết thúc kết nghĩa {agency}–{commune} ngày {date}: còn {count} khoản đóng "
        "góp sau ngày đó",
    ),
    "pick_locality": (
        "{agency} and {commune} have {count} pairings ({dates}); give the pairing id",
        "{agency} và {commune} có {count} kết nghĩa ({dates}); hãy cho mã số kết nghĩa",
    ),
    "not_a_locality": (
        "{agency} is not a locality: a locality pairing's partner is an agency of kind "
        "`locality` (a commune or ward)",
        "{agency} không phải địa phương: bên kết nghĩa địa phương phải là cơ quan loại "
        "`locality` (xã, phường)",
    ),
    "not_a_signer": (
        "{agency} did not sign this pairing: contributions come from {partner} or its "
        "co-signers (add it with `ketnghia locality edit --cosigners`)",
        "{agency} không ký kết nghĩa này: đóng góp phải của {partner} hoặc đơn vị đồng ký kết",
    ),
    "pick_pairing": (
        "agency {agency} and village {village} have {count} pairings ({dates}); "
        "give --started-on or the pairing id",
        "cơ quan {agency} và thôn {village} có {count} kết nghĩa ({dates}); "
        "hãy chỉ rõ --started-on hoặc mã số kết nghĩa",
    ),
    "need_key": (
        "name the {kind}: give its id or its key ({hint})",
        "hãy chỉ rõ {kind}: mã số hoặc khoá ({hint})",
    ),
    "nothing_to_change": ("nothing to change: give at least one option", "không có gì để sửa"),
    "db_newer": (
        "the database {target} has schema {revision}, newer than this ketnghia knows; "
        "upgrade ketnghia",
        "cơ sở dữ liệu {target} có lược đồ {revision} mới hơn phiên bản ketnghia này; "
        "hãy nâng cấp ketnghia",
    ),
    "db_busy": (
        "the database is busy (another ketnghia is writing); try again in a moment",
        "cơ sở dữ liệu đang bận (một tiến trình khác đang ghi); hãy thử lại sau",
    ),
    "db_open_failed": (
        "cannot open the database {target}: {detail}",
        "không mở được cơ sở dữ liệu {target}: {detail}",
    ),
    "db_error": ("database error: {detail}", "lỗi cơ sở dữ liệu: {detail}"),
    "file_error": ("{path}: {detail}", "{path}: {detail}"),
    "output_is_database": (
        "{path} is a database (or a -wal, -shm or -journal file of one): ketnghia never "
        "writes over it; choose another file",
        "{path} là một cơ sở dữ liệu (hoặc tệp -wal, -shm, -journal của nó): ketnghia không "
        "bao giờ ghi đè lên đó; hãy chọn tệp khác",
    ),
    "db_foreign": (
        "{target} is not a ketnghia database (it holds another program's tables); "
        "nothing was changed",
        "{target} không phải cơ sở dữ liệu ketnghia (nó chứa bảng của chương trình khác); "
        "không có gì bị thay đổi",
    ),
    "db_folder_missing": (
        "{path}: the folder {folder} does not exist; create it first or check the path",
        "{path}: thư mục {folder} không tồn tại; hãy tạo thư mục trước hoặc kiểm tra đường dẫn",
    ),
    "db_read_only": (
        "the database {target} is read-only here (its file cannot be written): it can be "
        "read, not changed",
        "cơ sở dữ liệu {target} chỉ đọc được ở đây (không ghi được vào tệp): có thể xem, "
        "không thể sửa",
    ),
    "db_read_only_old": (
        "the database {target} is read-only here and needs an upgrade to schema {revision} "
        "first: open it once where its file can be written",
        "cơ sở dữ liệu {target} chỉ đọc được ở đây và cần nâng cấp lên lược đồ {revision} "
        "trước: hãy mở nó một lần ở nơi ghi được vào tệp",
    ),
    "db_conflict": (
        "the change conflicts with a record already stored: {detail}",
        "thay đổi trùng với bản ghi đã có: {detail}",
    ),
    "postgres_missing": (
        "PostgreSQL support is not installed: pip install 'ketnghia[postgres]'",
        "chưa cài hỗ trợ PostgreSQL: pip install 'ketnghia[postgres]'",
    ),
    "backup_postgres": (
        "backup of a PostgreSQL database: use pg_dump (e.g. pg_dump -Fc -f {path} DBNAME)",
        "sao lưu cơ sở dữ liệu PostgreSQL: dùng pg_dump (vd. pg_dump -Fc -f {path} DBNAME)",
    ),
    "backup_exists": (
        "{path} already exists; choose another path or remove it first",
        "{path} đã tồn tại; hãy chọn đường dẫn khác hoặc xoá nó trước",
    ),
    "file_not_found": ("{path}: no such file", "{path}: không có tệp này"),
    "backup_is_live": (
        "{path} is the database itself (or one of its files): choose another path",
        "{path} chính là cơ sở dữ liệu đang dùng (hoặc một tệp của nó): hãy chọn đường dẫn khác",
    ),
    "sample_missing": (
        "the sample data folder was not found (looked in {paths})",
        "không tìm thấy thư mục dữ liệu mẫu (đã tìm ở {paths})",
    ),
    "read_problem": ("{file}: {reason}", "{file}: {reason}"),
    "unknown_format": (
        "cannot read {suffix} files (use .csv, .tsv, .json, .jsonl or .xlsx)",
        "không đọc được tệp {suffix} (dùng .csv, .tsv, .json, .jsonl hoặc .xlsx)",
    ),
    "empty_file": ("the file is empty", "tệp rỗng"),
    "not_utf8": (
        "not UTF-8 (byte {byte}); give --encoding, e.g. --encoding cp1258 for a Vietnamese "
        "Windows file",
        "không phải UTF-8 (byte {byte}); hãy dùng --encoding, vd. --encoding cp1258 cho tệp "
        "Windows tiếng Việt",
    ),
    "not_in_encoding": (
        "bytes that are not {encoding}; check --encoding",
        "có byte không thuộc bảng mã {encoding}; hãy kiểm tra --encoding",
    ),
    "unknown_encoding": ("unknown encoding {encoding!r}", "không biết bảng mã {encoding!r}"),
    "bad_csv": ("not a readable CSV file: {detail}", "tệp CSV hỏng: {detail}"),
    "bad_json": (
        "not valid JSON (line {line}: {detail})",
        "JSON không hợp lệ (dòng {line}: {detail})",
    ),
    "json_not_array": (
        "a JSON file must hold an array of objects",
        "tệp JSON phải là một mảng các đối tượng",
    ),
    "bad_jsonl": (
        "line {line} is not valid JSON ({detail})",
        "dòng {line} không phải JSON hợp lệ ({detail})",
    ),
    "jsonl_not_object": (
        "line {line} is not a JSON object",
        "dòng {line} không phải đối tượng JSON",
    ),
    "not_xlsx": (
        "not an Excel workbook (.xlsx); save it again as .xlsx",
        "không phải tệp Excel (.xlsx); hãy lưu lại dạng .xlsx",
    ),
    "unknown_kind": (
        "unknown kind {kind!r}; use one of {kinds}",
        "không có loại {kind!r}; dùng {kinds}",
    ),
    "sheet_ignored": (
        "{sheet}: not a known sheet, ignored",
        "{sheet}: không phải trang dữ liệu, bỏ qua",
    ),
    "unknown_columns": (
        "{file}: unknown columns ignored: {columns}",
        "{file}: bỏ qua các cột không nhận ra: {columns}",
    ),
    "exists_differs": (
        "already stored with other values (use --on-conflict update to change it)",
        "đã có với giá trị khác (dùng --on-conflict update để cập nhật)",
    ),
    "records_outside": (
        "{count} {what} would fall outside the pairing (first on {first})",
        "{count} {what} sẽ nằm ngoài thời hạn kết nghĩa (đầu tiên ngày {first})",
    ),
    "import_problems": (
        "{count} problem(s); nothing was written",
        "{count} lỗi; không ghi gì vào cơ sở dữ liệu",
    ),
    "xlsx_needs_output": (
        "an xlsx export needs --output FILE.xlsx",
        "xuất xlsx cần --output TỆP.xlsx",
    ),
    "all_needs_folder": (
        "export all as csv or json needs --output FOLDER (one file per kind)",
        "xuất tất cả dạng csv hoặc json cần --output THƯ_MỤC (mỗi loại một tệp)",
    ),
    "importing": ("importing", "đang nhập"),
    "warning": ("warning", "cảnh báo"),
    "dry_run_done": (
        "dry run: nothing was written",
        "chạy thử: chưa ghi gì vào cơ sở dữ liệu",
    ),
    "nothing_changed": (
        "nothing changed: every record was already stored",
        "không có gì thay đổi: mọi bản ghi đã có",
    ),
    "import_more": ("... and {count} more", "... và {count} lỗi khác"),
    "unknown_kind_file": (
        "cannot tell what it holds from its name or columns; give --kind",
        "không rõ loại dữ liệu từ tên tệp hay tên cột; hãy dùng --kind",
    ),
    "missing_column": ("missing column {column}", "thiếu cột {column}"),
    "duplicate_in_file": ("repeats row {row}", "trùng với dòng {row}"),
    "record_gone": (
        "record #{id} is no longer stored (removed after the export?); "
        "clear its id to add the row as a new record",
        "bản ghi số {id} không còn trong cơ sở dữ liệu (đã bị xóa sau khi xuất?); "
        "xóa ô id để thêm dòng này như một bản ghi mới",
    ),
    "same_record_in_file": (
        "is the same record (#{id}) as row {row}; a new row copied from another needs "
        "its id cleared",
        "cùng một bản ghi (số {id}) với dòng {row}; dòng mới sao chép từ dòng khác cần xóa ô id",
    ),
    "key_taken": (
        "stored record #{id} already has the same {columns}",
        "bản ghi số {id} đã lưu có cùng {columns}",
    ),
    # the annual report
    "report_title": (
        "Twinning results, {year}",
        "Báo cáo kết quả công tác kết nghĩa năm {year}",
    ),
    "report_scope": ("Scope", "Phạm vi"),
    "report_scope_all": ("the whole province", "toàn tỉnh"),
    "report_made": ("Made on {date}", "Lập ngày {date}"),
    "report_district": ("district {name}", "huyện {name}"),
    "report_commune": ("commune {name}", "xã {name}"),
    "report_agency": ("agency {name}", "cơ quan {name}"),
    "sec_totals": ("Totals", "Tổng hợp"),
    "sec_by_district": ("By district", "Theo huyện"),
    "sec_by_commune": ("By commune", "Theo xã, phường"),
    "sec_successions": ("Agency mergers", "Sáp nhập cơ quan"),
    "sec_localities": ("Locality pairings", "Kết nghĩa giữa các địa phương"),
    "sec_locality_contributors": (
        "Contributions to locality pairings",
        "Đóng góp cho kết nghĩa địa phương",
    ),
    "sec_by_agency": ("By agency", "Theo cơ quan, đơn vị"),
    "sec_by_kind": ("By kind of activity", "Theo loại hoạt động"),
    "sec_by_source": ("By source of funds", "Theo nguồn kinh phí"),
    "sec_idle_pairings": (
        "Pairings with nothing done this year (formalism warning)",
        "Cặp kết nghĩa không có hoạt động trong năm (biểu hiện hình thức)",
    ),
    "sec_unpaired_villages": (
        "Especially difficult villages with no pairing",
        "Thôn, làng đặc biệt khó khăn chưa được kết nghĩa",
    ),
    "sec_aspirations_open": (
        "Aspirations not yet resolved",
        "Nguyện vọng chưa được giải quyết",
    ),
    "tot_agencies": ("Agencies with a pairing", "Cơ quan, đơn vị kết nghĩa"),
    "tot_villages": ("Villages paired", "Thôn, làng được kết nghĩa"),
    "tot_pairings": ("Pairings active", "Cặp kết nghĩa hiệu lực"),
    "tot_new_pairings": ("New pairings", "Cặp kết nghĩa mới"),
    "tot_activities": ("Activities", "Hoạt động"),
    "tot_value_vnd": ("Value (VND)", "Giá trị (đồng)"),
    "tot_households_benefited": ("Households benefited", "Lượt hộ hưởng lợi"),
    "tot_household_pairings": ("Household pairings", "Cặp hộ kết nghĩa"),
    "tot_visits": ("Visits", "Lượt nắm tình hình"),
    "tot_aspirations_open": ("Aspirations still open", "Nguyện vọng chưa giải quyết"),
    "review_title": (
        "Twinning review, {first}–{last}",
        "Sơ kết, tổng kết công tác kết nghĩa giai đoạn {first}–{last}",
    ),
    "agency_title": (
        "{name} ({code}): twinning results, {year}",
        "{name} ({code}): kết quả công tác kết nghĩa năm {year}",
    ),
    "sec_pairings": ("Pairings", "Các cặp kết nghĩa"),
    "sec_activities": ("Activities", "Hoạt động"),
    "sec_visits": ("Visits", "Nắm tình hình"),
    "sec_pairings_by_year": ("Pairings started and ended", "Cặp kết nghĩa mới và kết thúc"),
    "sec_dormant_villages": (
        "Paired villages with no activity for two years or more",
        "Thôn, làng đã kết nghĩa nhưng không có hoạt động từ hai năm trở lên",
    ),
    "col_idle_years": ("Idle years", "Số năm không hoạt động"),
    "col_year": ("Year", "Năm"),
    "col_started": ("Started", "Mới"),
    "col_ended": ("Ended", "Kết thúc"),
    "col_last_activity": ("Last activity", "Hoạt động gần nhất"),
    "col_ended_on": ("Until", "Đến ngày"),
    "col_date": ("Date", "Ngày"),
    "col_title": ("Activity", "Nội dung"),
    "col_households_benefited": ("Households", "Số hộ"),
    "col_people_met": ("People met", "Số người gặp"),
    "col_aspirations": ("Aspirations", "Nguyện vọng"),
    "col_resolved_on": ("Resolved on", "Ngày giải quyết"),
    "sec_outcomes": (
        "Outcomes: households out of poverty in paired villages",
        "Kết quả giảm nghèo ở các thôn, làng được kết nghĩa",
    ),
    "no_outcomes": (
        "no village figures for this year (ketnghia village stats, or the sheet Chỉ số thôn)",
        "chưa có chỉ số thôn của năm này (ketnghia village stats, hoặc trang Chỉ số thôn)",
    ),
    "out_villages_with_figures": ("Paired villages with figures", "Thôn có số liệu"),
    "out_poor_start": ("Poor households at the start of the year", "Hộ nghèo đầu năm"),
    "out_poor_end": ("Poor households at the end of the year", "Hộ nghèo cuối năm"),
    "out_out_of_poverty": ("Households out of poverty", "Số hộ thoát nghèo"),
    "out_villages_meeting_aim": (
        "Villages that met the aim (2 or more a year)",
        "Thôn đạt chỉ tiêu (từ 2 hộ/năm)",
    ),
    "col_poor_start": ("Poor, start", "Hộ nghèo đầu năm"),
    "col_poor_end": ("Poor, end", "Hộ nghèo cuối năm"),
    "col_out_of_poverty": ("Out of poverty", "Thoát nghèo"),
    "col_met_aim": ("Aim met", "Đạt chỉ tiêu"),
    "col_poverty_rate": ("Poverty rate ≥ 20%", "Tỷ lệ nghèo ≥ 20%"),
    "col_district": ("District", "Huyện"),
    "col_commune": ("Commune", "Xã, phường"),
    "col_level": ("Level", "Cấp"),
    "col_into": ("Merged into", "Sáp nhập vào"),
    "col_cosigners": ("Co-signers", "Đơn vị đồng ký kết"),
    "col_contributions": ("Contributions", "Lượt đóng góp"),
    "col_contributor_code": ("Contributor", "Đơn vị đóng góp"),
    "col_contributor": ("Contributor name", "Tên đơn vị đóng góp"),
    "col_on": ("On", "Ngày"),
    "col_code": ("Code", "Mã"),
    "col_name": ("Name", "Tên"),
    "col_parent": ("In", "Thuộc"),
    "col_valid_from": ("Valid from", "Hiệu lực từ"),
    "col_valid_to": ("Valid to", "Hiệu lực đến"),
    "col_choices": ("Possible new communes", "Các xã mới có thể"),
    "col_commune_code": ("Commune code", "Mã xã"),
    "col_note": ("Note", "Ghi chú"),
    "col_villages": ("Villages", "Số thôn"),
    "col_pairings": ("Pairings", "Số cặp"),
    "col_activities": ("Activities", "Hoạt động"),
    "col_value_vnd": ("Value (VND)", "Giá trị (đồng)"),
    "col_agency_code": ("Code", "Mã"),
    "col_kind": ("Kind", "Loại"),
    "col_source": ("Source", "Nguồn"),
    "col_village_code": ("Village code", "Mã thôn"),
    "col_started_on": ("Since", "Từ ngày"),
    "col_share": ("Share", "Tỷ lệ"),
    "col_metric": ("Figure", "Chỉ tiêu"),
    "col_value": ("Value", "Giá trị"),
    "total_row": ("Total", "Cộng"),
    "no_district": ("(no district)", "(chưa rõ huyện)"),
    "no_commune": ("(no commune)", "(chưa rõ xã)"),
    "no_source": ("(not given)", "(chưa rõ)"),
    "report_summary": (
        "In {year}, {agencies} agencies and units kept {pairings} pairings with {villages} "
        "villages ({new_pairings} new). They carried out {activities} activities worth "
        "{value} đồng, benefiting {households} households; cadres made {visits} visits, and "
        "{aspirations} aspirations are still open at the end of the year. {idle} pairings did "
        "nothing during the year, and {unpaired} especially difficult villages have no pairing.",
        "Năm {year}, {agencies} cơ quan, đơn vị duy trì {pairings} cặp kết nghĩa với "
        "{villages} thôn, làng ({new_pairings} cặp mới); thực hiện {activities} hoạt động với "
        "tổng giá trị {value} đồng, {households} lượt hộ được hưởng lợi; cán bộ {visits} lượt "
        "xuống nắm tình hình, còn {aspirations} nguyện vọng chưa được giải quyết đến cuối năm. "
        "Có {idle} cặp kết nghĩa không có hoạt động trong năm và {unpaired} thôn, làng đặc "
        "biệt khó khăn chưa được kết nghĩa.",
    ),
    "history_title": ("Audit trail", "Nhật ký thay đổi"),
    "hist_at": ("When (UTC)", "Thời điểm (UTC)"),
    "hist_actor": ("Who", "Người thực hiện"),
    "hist_command": ("Command", "Lệnh"),
    "hist_kind": ("Kind", "Loại"),
    "hist_key": ("Record", "Bản ghi"),
    "hist_action": ("Action", "Thao tác"),
    "hist_changes": ("Values", "Giá trị"),
    "year_locked": (
        "year {year} is locked: its report was filed on {when} by {who}; to change its "
        "records, first run `ketnghia unlock {year} --reason TEXT`",
        "năm {year} đã khoá sổ: báo cáo đã nộp ngày {when} ({who}); muốn sửa số liệu năm này, "
        "hãy chạy `ketnghia unlock {year} --reason LÝ_DO`",
    ),
    "unlock_needs_reason": (
        "say why year {year} is unlocked: --reason TEXT",
        "hãy ghi lý do mở khoá năm {year}: --reason LÝ_DO",
    ),
    "refile_locked": (
        "year {year} is locked: its report was filed on {when} by {who}; to file it again, "
        "first run `ketnghia unlock {year} --reason TEXT`",
        "năm {year} đã khoá sổ: báo cáo đã nộp ngày {when} ({who}); muốn nộp lại, hãy chạy "
        "`ketnghia unlock {year} --reason LÝ_DO` trước",
    ),
    "filed_figures_change": (
        "year {year} is locked: this change would alter its filed figures ({sections}) — "
        "{records}; the report was filed on {when} by {who}; to change it, first run "
        "`ketnghia unlock {year} --reason TEXT`",
        "năm {year} đã khoá sổ: thay đổi này làm sai số liệu đã nộp ({sections}) — {records}; "
        "báo cáo đã nộp ngày {when} ({who}); muốn sửa, hãy chạy "
        "`ketnghia unlock {year} --reason LÝ_DO` trước",
    ),
    "not_locked": ("year {year} is not locked", "năm {year} chưa khoá sổ"),
    "filed": (
        "filed the {year} report (sha256 {sha}); year {year} is locked",
        "đã nộp báo cáo năm {year} (sha256 {sha}); năm {year} đã khoá sổ",
    ),
    "locked": ("year {year} is locked", "đã khoá sổ năm {year}"),
    "unlocked": ("year {year} is unlocked: {reason}", "đã mở khoá năm {year}: {reason}"),
    "filed_same": (
        "the {year} report was filed on {when} by {who}; the figures are unchanged",
        "báo cáo năm {year} đã nộp ngày {when} ({who}); số liệu không thay đổi",
    ),
    "filed_differs": (
        "the {year} report was filed on {when} by {who}, and these figures have changed "
        "since: {sections}",
        "báo cáo năm {year} đã nộp ngày {when} ({who}); số liệu đã thay đổi ở: {sections}",
    ),
    "file_needs_whole_province": (
        "a filed report covers the whole province: leave out --district, --commune and --agency",
        "báo cáo nộp là báo cáo toàn tỉnh: bỏ --district, --commune và --agency",
    ),
    "restore_confirm": (
        "replace every record in {target} with the backup?",
        "thay toàn bộ dữ liệu của {target} bằng bản sao lưu?",
    ),
    "restore_refused": (
        "{target} holds records: give --yes to replace them with the backup",
        "{target} đang có dữ liệu: thêm --yes để thay bằng bản sao lưu",
    ),
    "copied": ("copied {rows} rows into {target}", "đã sao chép {rows} dòng sang {target}"),
    "copy_target_not_empty": (
        "{target} already holds records: copy into an empty database",
        "{target} đã có dữ liệu: hãy sao chép vào một cơ sở dữ liệu trống",
    ),
    "restored": (
        "restored {target} from {path}; the database it replaced is kept as {kept}",
        "đã khôi phục {target} từ {path}; cơ sở dữ liệu bị thay được giữ lại ở {kept}",
    ),
    "not_a_backup": (
        "{path} is not a sound ketnghia database ({detail}); nothing was restored",
        "{path} không phải cơ sở dữ liệu ketnghia hợp lệ ({detail}); chưa khôi phục gì",
    ),
    "backup_newer": (
        "{path} has schema {revision}, which this ketnghia does not know (a newer ketnghia "
        "made it, or another program); nothing was restored",
        "{path} có lược đồ {revision} mà phiên bản ketnghia này không biết (do ketnghia mới "
        "hơn hoặc chương trình khác tạo); chưa khôi phục gì",
    ),
    "restore_from_itself": (
        "{path} is the database itself: restore from a backup",
        "{path} chính là cơ sở dữ liệu đang dùng: hãy khôi phục từ một bản sao lưu",
    ),
    "restore_postgres": (
        "restore of a PostgreSQL database: use pg_restore (e.g. pg_restore -c -d DBNAME {path})",
        "khôi phục cơ sở dữ liệu PostgreSQL: dùng pg_restore (vd. pg_restore -c -d DBNAME {path})",
    ),
    "mapping_missing_column": (
        "{file}: the mapping has no column {column}",
        "{file}: bảng đối chiếu thiếu cột {column}",
    ),
    "mapping_not_utf8": (
        "{file}: the mapping must be UTF-8 CSV",
        "{file}: bảng đối chiếu phải là CSV mã UTF-8",
    ),
    "mapping_bad_value": (
        "{file}:{row}:{column}: {reason}",
        "{file}:{row}:{column}: {reason}",
    ),
    "mapping_bad_row": (
        "{file}:{row}:{column}: missing or mismatched codes",
        "{file}:{row}:{column}: thiếu mã hoặc mã không khớp tên",
    ),
    "unit_from": ("from {date}", "từ {date}"),
    "merge_into_itself": (
        "{agency} cannot be merged into itself",
        "không thể sáp nhập {agency} vào chính nó",
    ),
    "already_merged": (
        "{agency} was already merged into {into} on {date}",
        "{agency} đã sáp nhập vào {into} ngày {date}",
    ),
    "merge_later_pairing": (
        "{agency} has a pairing with {village} that starts on {date}, on or after the merger: "
        "move it to the new agency first",
        "{agency} có kết nghĩa với {village} bắt đầu ngày {date}, từ ngày sáp nhập trở đi: "
        "hãy chuyển nó sang cơ quan mới trước",
    ),
    "merged": (
        "merged {agencies} into {into} on {on}: {carried} pairings continue, with {activities} "
        "activities and {visits} visits from that day",
        "đã sáp nhập {agencies} vào {into} ngày {on}: {carried} kết nghĩa tiếp tục, cùng "
        "{activities} hoạt động và {visits} lần nắm tình hình từ ngày đó",
    ),
    "units_title": ("Administrative units", "Đơn vị hành chính"),
    "units_loaded": (
        "loaded {units} units and {successions} old→new links ({removed} replaced); "
        "{linked} villages placed",
        "đã nạp {units} đơn vị và {successions} liên kết cũ→mới ({removed} liên kết bị thay); "
        "đã gắn {linked} thôn vào xã",
    ),
    "apply_done": (
        "moved {moved} villages to their new communes from 2025-07-01; {split} in split "
        "communes to place by hand; {unplaced} with no known commune",
        "đã chuyển {moved} thôn sang xã mới từ 01/07/2025; {split} thôn thuộc xã bị chia cần "
        "xếp tay; {unplaced} thôn chưa rõ xã",
    ),
    "apply_dry_run": (
        "would move {moved} villages; {split} in split communes to place by hand; "
        "{unplaced} with no known commune (nothing written)",
        "sẽ chuyển {moved} thôn; {split} thôn thuộc xã bị chia cần xếp tay; {unplaced} thôn "
        "chưa rõ xã (chưa ghi gì)",
    ),
    "split_title": (
        "Villages of split communes: place each with `ketnghia village move V --to CODE "
        "--on 2025-07-01`",
        "Thôn thuộc xã bị chia: xếp từng thôn bằng `ketnghia village move V --to MÃ "
        "--on 2025-07-01`",
    ),
    "unplaced_title": (
        "Villages whose recorded commune names no known unit",
        "Thôn có tên xã ghi nhận không khớp đơn vị nào",
    ),
    "moved_village": (
        "{village} belongs to {commune} from {date}",
        "thôn {village} thuộc {commune} từ {date}",
    ),
    "places_title": ("Places of {village}", "Địa bàn của {village}"),
    "unit_until": ("until {date}", "đến {date}"),
    # record names, as used inside messages
    "rec_agency": ("agency", "cơ quan"),
    "rec_village": ("village", "thôn"),
    "rec_pairing": ("pairing", "kết nghĩa"),
    "rec_commune": ("commune", "xã/phường"),
    "rec_locality": ("locality pairing", "kết nghĩa địa phương"),
    "rec_contribution": ("contribution", "khoản đóng góp"),
    "rec_contributions": ("contributions", "khoản đóng góp"),
    "rec_household": ("household pairing", "cặp hộ kết nghĩa"),
    "rec_activity": ("activity", "hoạt động"),
    "rec_visit": ("visit", "lần nắm tình hình"),
    "rec_inspection": ("inspection", "lần kiểm tra"),
    "rec_pairings": ("pairings", "kết nghĩa"),
    "rec_supported_pairings": ("pairings it supports", "kết nghĩa phối hợp"),
    "rec_households": ("household pairings", "cặp hộ"),
    "rec_activities": ("activities", "hoạt động"),
    "rec_visits": ("visits", "lần nắm tình hình"),
    "rec_inspections": ("inspections", "lần kiểm tra"),
    "rec_localities": ("locality pairings", "kết nghĩa địa phương"),
    "rec_cosigned_localities": ("locality pairings it co-signed", "kết nghĩa địa phương đồng ký"),
    "rec_merged_agencies": ("agencies merged into it", "cơ quan đã hợp nhất vào"),
    "rec_village_stats": ("village figures (years)", "năm chỉ số thôn"),
    # success and info
    "added": ("added {kind} {key}", "đã thêm {kind} {key}"),
    "updated": ("updated {kind} {key}", "đã sửa {kind} {key}"),
    "removed": ("removed {kind} {key}", "đã xoá {kind} {key}"),
    "ended": ("ended {kind} {key} on {date}", "đã kết thúc {kind} {key} ngày {date}"),
    "written": ("wrote {path}", "đã ghi {path}"),
    "upgraded": (
        "database {target} is at schema {revision}",
        "cơ sở dữ liệu {target} ở lược đồ {revision}",
    ),
    "check_ok": ("no problems found", "không có lỗi"),
    "check_problems": ("{count} problem(s) found", "phát hiện {count} lỗi"),
    "backup_done": ("backup written to {path}", "đã sao lưu vào {path}"),
    "demo_building": ("building the sample database {path}", "đang tạo cơ sở dữ liệu mẫu {path}"),
    "demo_pairings": (
        "Pairings active at the end of 2024",
        "Các cặp kết nghĩa hiệu lực cuối năm 2024",
    ),
    "demo_not_empty": (
        "the demo needs an empty database, and {target} already holds records",
        "bản mẫu cần một cơ sở dữ liệu trống, nhưng {target} đã có dữ liệu",
    ),
    "demo_done": (
        "sample database ready: {path}. Try: ketnghia --db {path} pair list",
        "cơ sở dữ liệu mẫu: {path}. Thử: ketnghia --db {path} pair list",
    ),
    "import_summary": (
        "{kind}: {inserted} inserted, {updated} updated, {unchanged} unchanged, {skipped} skipped",
        "{kind}: thêm {inserted}, cập nhật {updated}, không đổi {unchanged}, bỏ qua {skipped}",
    ),
    "no_rows": ("no records", "không có bản ghi"),
    "yes": ("yes", "có"),
    "info_target": ("Database", "Cơ sở dữ liệu"),
    "info_backend": ("Backend", "Loại"),
    "info_revision": ("Schema revision", "Phiên bản lược đồ"),
    "info_database_id": ("Database id", "Mã cơ sở dữ liệu"),
    # the template's guide sheet
    "guide_title": ("How to fill in this workbook", "Hướng dẫn nhập liệu"),
    "guide_rows": (
        "Each sheet holds one kind of record: fill it in from row 2, one record per row; "
        "leave a sheet empty when you have nothing for it.",
        "Mỗi trang là một loại dữ liệu: nhập từ dòng 2, mỗi dòng một bản ghi; "
        "trang nào không có số liệu thì để trống.",
    ),
    "guide_formats": (
        "Dates as 15/03/2024 or 2024-03-15; money in whole đồng (45.000.000).",
        "Ngày ghi dạng 15/03/2024 hoặc 2024-03-15; số tiền ghi bằng đồng (45.000.000).",
    ),
    "guide_lists": (
        "Columns with a drop-down take a value from its list (sheet '{lists}').",
        "Cột có danh sách chọn thì chọn giá trị trong danh sách (trang '{lists}').",
    ),
    "guide_examples": (
        "The rows below are examples of each sheet. This sheet is never imported; "
        "copy to the data sheets only what you mean to record.",
        "Các dòng dưới đây là ví dụ cho từng trang. Trang '{guide}' không bao giờ được "
        "nhập vào cơ sở dữ liệu; chỉ chép sang các trang số liệu đúng những gì cần ghi.",
    ),
    "guide_import": (
        "When done: ketnghia import FILE.xlsx (add --dry-run to check first).",
        "Nhập xong: ketnghia import TỆP.xlsx (thêm --dry-run để kiểm tra trước).",
    ),
    "guide_example": ("Example: sheet '{sheet}'", "Ví dụ: trang '{sheet}'"),
    "info_size_bytes": ("Size (bytes)", "Dung lượng (byte)"),
    "info_agencies": ("Agencies", "Cơ quan"),
    "info_villages": ("Villages", "Thôn làng"),
    "info_pairings": ("Pairings", "Kết nghĩa"),
    "info_household_pairings": ("Household pairings", "Kết nghĩa hộ"),
    "info_activities": ("Activities", "Hoạt động"),
    "info_visits": ("Visits", "Nắm tình hình"),
    "info_inspections": ("Inspections", "Kiểm tra"),
    "info_annual_reports": ("Filed reports", "Báo cáo đã nộp"),
    "info_village_stats": ("Village figures", "Chỉ số thôn"),
    "info_locality_pairings": ("Locality pairings", "Kết nghĩa địa phương"),
    "info_contributions": ("Locality contributions", "Đóng góp địa phương"),
    "no": ("no", "không"),
    "col_agency": ("Agency name", "Tên cơ quan"),
    "col_village": ("Village name", "Tên thôn"),
    "none": ("none", "không có"),
    "more_than": ("{count} more", "{count} bản ghi khác"),
}
