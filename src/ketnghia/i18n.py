"""A small message catalogue (vi/en) and the choice of language.

JSON/CSV keys never change with the language; headings, labels and messages do.
"""

from __future__ import annotations

import datetime as dt
import locale
import os
from typing import Any

LANGS = ("vi", "en")
_current = "en"


def detect_lang(option: str | None = None, strict: bool = True) -> str:
    """--lang, else KETNGHIA_LANG, else the config file (ketnghia.settings), else vi when the
    locale is Vietnamese, else en. `strict=False` passes over a config file that is broken."""
    from ketnghia.settings import resolve_text

    candidate = resolve_text("lang", option, strict=strict)
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


# Set (by the test suite) to make a key missing from the catalogue an error: users get the key
# itself rather than a crash, tests fail loudly.
STRICT_ENV = "KETNGHIA_STRICT_MESSAGES"


def t(key: str, lang: str | None = None, /, **params: Any) -> str:
    """The message `key` in `lang` (else the current language), filled with `params`."""
    entry = MESSAGES.get(key)
    if entry is None:
        if os.environ.get(STRICT_ENV):
            raise KeyError(f"no message {key!r} in the catalogue")
        text = key
    else:
        text = entry[0] if (lang or _current) == "vi" else entry[1]
    if not params:
        return text
    shown_lang = lang or _current
    return text.format(**{k: _shown(v, shown_lang) for k, v in params.items()})


def short_date(day: dt.date) -> str:
    """dd/mm/yyyy, as Vietnamese tables write a date."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def _shown(value: Any, lang: str) -> Any:
    """A message's value as the language writes it: a date dd/mm/yyyy in Vietnamese, ISO in
    English (as tables show them)."""
    if type(value) is dt.date:
        return short_date(value) if lang == "vi" else value.isoformat()
    return value


# key: (Vietnamese, English), the order of every label pair (schema's too)
MESSAGES: dict[str, tuple[str, str]] = {
    # Click's own words (cli/helptext.py)
    "click_usage": ("Cách dùng:", "Usage:"),
    "click_options": ("Tùy chọn", "Options"),
    "click_options_metavar": ("[TÙY CHỌN]", "[OPTIONS]"),
    "click_command_metavar": ("LỆNH [THAM SỐ]...", "COMMAND [ARGS]..."),
    "click_arguments": ("Tham số", "Arguments"),
    "click_commands": ("Lệnh", "Commands"),
    "click_required": ("bắt buộc", "required"),
    "click_default": ("mặc định: {value}", "default: {value}"),
    "click_error": ("Lỗi: {message}", "Error: {message}"),
    "click_try_help": ("Thử '{command}' để xem trợ giúp.", "Try '{command}' for help."),
    "click_no_such_option": ("Không có tùy chọn {name}.", "No such option: {name}"),
    "click_did_you_mean": ("Có phải ý bạn là {names}?", "Did you mean {names}?"),
    "click_or": (" hoặc ", " or "),
    "click_no_such_command_but": (
        "Không có lệnh {name}. Có phải ý bạn là {names}?",
        "No such command {name}. Did you mean {names}?",
    ),
    "click_missing_option": ("Thiếu tùy chọn {name}.", "Missing option {name}."),
    "click_missing_argument": ("Thiếu tham số {name}.", "Missing argument {name}."),
    "click_missing_command": ("Thiếu lệnh.", "Missing command."),
    "click_no_such_command": ("Không có lệnh {name}.", "No such command {name}."),
    "click_needs_value": (
        "Tùy chọn {name} cần một giá trị.",
        "Option {name} requires an argument.",
    ),
    "click_extra_args": (
        "Thừa tham số: {args} (một giá trị có dấu cách phải đặt trong ngoặc kép, ví dụ "
        '--kind "Công trình")',
        "Got unexpected extra arguments: {args}",
    ),
    "click_not_a_whole_number": (
        "Giá trị không hợp lệ cho {name}: phải là một số nguyên.",
        "Invalid value for {name}: it must be a whole number.",
    ),
    "click_not_a_choice": (
        "Giá trị không hợp lệ cho {name}: {value} không phải một trong {choices}.",
        "Invalid value for {name}: {value} is not one of {choices}.",
    ),
    "click_not_a_number": (
        "Giá trị không hợp lệ cho {name}: {value} không phải số nguyên.",
        "Invalid value for {name}: {value} is not an integer.",
    ),
    "click_invalid_value": (
        "Giá trị không hợp lệ cho {name}: {detail}",
        "Invalid value for {name}: {detail}",
    ),
    # errors
    "error": ("lỗi", "error"),
    "unexpected": (
        "lỗi không mong đợi: {detail} (chạy lại với --debug để xem chi tiết)",
        "unexpected error: {detail} (run with --debug for the traceback)",
    ),
    "invalid_value": ("{field}: {reason}", "{field}: {reason}"),
    "required": ("không được để trống", "is required"),
    "bad_date": (
        "{value!r} không phải ngày (dùng 2024-03-15 hoặc 15/03/2024)",
        "{value!r} is not a date (use 2024-03-15 or 15/03/2024)",
    ),
    "bad_money": (
        "{value!r} không phải số tiền (dùng 15000000, 15.000.000 hoặc 15,000,000)",
        "{value!r} is not an amount of đồng (use 15000000, 15.000.000 or 15,000,000)",
    ),
    "bad_int": ("{value!r} không phải số nguyên", "{value!r} is not a whole number"),
    "bad_number": ("{value!r} không phải số", "{value!r} is not a number"),
    "bad_bool": (
        "{value!r} không phải có/không (dùng x, có, 1 hoặc không, 0)",
        "{value!r} is not yes/no (use x, có, yes, 1 or không, no, 0)",
    ),
    "bad_choice": (
        "{value!r} không có trong danh sách; chọn: {choices_vi}{near_vi}",
        "{value!r} is none of the choices; choose: {choices_en}{near_en}",
    ),
    "negative": ("không được âm ({value})", "must not be negative (got {value})"),
    "too_long": ("dài quá {limit} ký tự", "is longer than {limit} characters"),
    "too_large": (
        "{value} vượt quá giới hạn ketnghia lưu (tối đa {limit_vi})",
        "{value} is more than ketnghia keeps ({limit_en} at most)",
    ),
    "year_out_of_range": (
        "{value} không phải năm trong khoảng {first}–{last}",
        "{value} is not a year from {first} to {last}",
    ),
    "date_out_of_range": (
        "{value} không phải ngày trong khoảng {first} – {last}",
        "{value} is not a date from {first} to {last}",
    ),
    "char_control": (
        "chứa ký tự điều khiển ({char}); hãy gõ lại không có ký tự đó",
        "contains a control character ({char}); type the text again without it",
    ),
    "char_line_break": (
        "chỉ là một dòng: không được chứa tab hay xuống dòng ({char})",
        "is one line: it cannot hold a tab or line break ({char})",
    ),
    "char_bidi": (
        "chứa ký tự điều khiển hướng chữ ({char}), làm đảo thứ tự hiển thị",
        "contains a bidirectional control ({char}), which reorders what is shown",
    ),
    "char_invisible": (
        "chứa ký tự ẩn ({char}), nên trông giống một mã khác",
        "contains an invisible character ({char}), so it would look like another code",
    ),
    "char_lookalike": (
        "chứa {char}, trông giống một ký tự trên bàn phím; mã chỉ dùng chữ số, gạch ngang và "
        "dấu chấm của bàn phím",
        "contains {char}, which looks like a keyboard character; codes use the keyboard's "
        "digits, dashes and dots",
    ),
    "mixed_script": (
        "trộn chữ của hai hệ chữ ({first}, {second}), nên trông giống một mã khác",
        "mixes letters of two scripts ({first}, {second}), so it would look like another code",
    ),
    "poor_exceeds_households": (
        "số hộ nghèo ({poor}) lớn hơn số hộ ({households})",
        "poor households ({poor}) exceed households ({households})",
    ),
    "ended_before_started": (
        "ngày kết thúc {ended_on} trước ngày bắt đầu {started_on}",
        "ends on {ended_on}, before it starts on {started_on}",
    ),
    "no_aspirations": (
        "lần nắm tình hình {key} không ghi nguyện vọng nào để giải quyết",
        "visit {key} records no aspirations to resolve",
    ),
    "resolved": (
        "đã giải quyết nguyện vọng của {kind} {key} ngày {date}",
        "resolved the aspirations of {kind} {key} on {date}",
    ),
    "rating_to_correct": (
        "xếp loại '{value}' không thuộc danh sách ({choices}): cần sửa lại",
        "rating '{value}' is none of {choices}: to correct",
    ),
    "resolved_before_visit": (
        "ngày giải quyết {resolved_on} trước ngày nắm tình hình {date}",
        "resolved on {resolved_on}, before the visit on {date}",
    ),
    "not_found": ("không có {kind} {key!r}", "no {kind} {key!r}"),
    "not_found_near": (
        "không có {kind} {key!r}; có phải: {candidates}?",
        "no {kind} {key!r}; did you mean: {candidates}?",
    ),
    "no_such_columns": (
        "không có cột {unknown}; các cột: {valid}",
        "no column {unknown}; the columns are: {valid}",
    ),
    "did_you_mean": ("; có phải: {candidates}?", "; did you mean: {candidates}?"),
    "place_unmatched": (
        "{kind} {name!r} ({villages}) không khớp đúng một đơn vị hành chính: giữ nguyên như "
        "đã nhập, báo cáo gộp theo cách viết (không phân biệt hoa thường, dấu){hint}",
        "{kind} {name!r} ({villages}) names no single administrative unit: kept as typed, and "
        "reports group it by its spelling (any case, any accents){hint}",
    ),
    "ambiguous": (
        "{kind} {key!r} chưa rõ, có thể là: {candidates}",
        "{kind} {key!r} is ambiguous: {candidates}",
    ),
    "exists": ("{kind} {key!r} đã có", "{kind} {key!r} already exists"),
    "pairing_overlap": (
        "cơ quan {agency} và thôn {village} đã kết nghĩa từ {started_on}{until}; "
        "mỗi cặp chỉ có một kết nghĩa đang hiệu lực",
        "agency {agency} and village {village} are already paired from {started_on}"
        "{until}; one agency and one village have one active pairing at a time",
    ),
    "until": (" đến {date}", " until {date}"),
    "no_active_pairing": (
        "cơ quan {agency} và thôn {village} không có kết nghĩa hiệu lực ngày {date}; "
        "hãy thêm bằng `ketnghia pair add` trước",
        "agency {agency} and village {village} have no pairing active on {date}; "
        "add one with `ketnghia pair add` first",
    ),
    "pairing_has_later_records": (
        "không thể kết thúc kết nghĩa {agency}–{village} ngày {date}: còn {count} {what} "
        "sau ngày đó (đầu tiên ngày {first})",
        "cannot end pairing {agency}–{village} on {date}: {count} {what} dated after it "
        "(first on {first})",
    ),
    "pairing_records_outside": (
        "không thể sửa kết nghĩa {agency}–{village}: {count} {what} sẽ nằm ngoài thời hạn "
        "(đầu tiên ngày {first})",
        "cannot change pairing {agency}–{village}: {count} {what} would fall outside it "
        "(first on {first})",
    ),
    "already_ended": (
        "kết nghĩa {agency}–{village} đã kết thúc ngày {date}",
        "pairing {agency}–{village} already ended on {date}",
    ),
    "household_already_ended": (
        "cặp hộ {helper} → {helped} đã kết thúc ngày {date}",
        "household pairing {helper} → {helped} already ended on {date}",
    ),
    "referenced": (
        "không thể xoá {kind} {key!r}: đang được dùng bởi {refs}",
        "cannot remove {kind} {key!r}: referenced by {refs}",
    ),
    "supporter_is_agency": (
        "cơ quan {agency} không thể là đơn vị phối hợp của chính mình",
        "agency {agency} cannot support its own pairing",
    ),
    "locality_overlap": (
        "{agency} và {commune} đã kết nghĩa từ {started_on}{until}; hai địa phương chỉ có "
        "một kết nghĩa hiệu lực tại một thời điểm",
        "{agency} and {commune} are already paired from {started_on}{until}; two localities "
        "have one active pairing at a time",
    ),
    "no_active_locality": (
        "{agency} và {commune} không có kết nghĩa địa phương hiệu lực ngày {date}; hãy thêm "
        "bằng `ketnghia locality add` trước",
        "{agency} and {commune} have no locality pairing active on {date}; add one with "
        "`ketnghia locality add` first",
    ),
    "locality_has_later_contributions": (
        "không thể kết thúc kết nghĩa {agency}–{commune} ngày {date}: còn {count} khoản đóng "
        "góp sau ngày đó",
        "cannot end the pairing {agency}–{commune} on {date}: {count} contributions are dated "
        "after it",
    ),
    "pick_locality": (
        "{agency} và {commune} có {count} kết nghĩa ({dates}); hãy cho mã số kết nghĩa",
        "{agency} and {commune} have {count} pairings ({dates}); give the pairing id",
    ),
    "not_a_locality": (
        "{agency} không phải địa phương: bên kết nghĩa địa phương phải là cơ quan loại "
        "`locality` (xã, phường)",
        "{agency} is not a locality: a locality pairing's partner is an agency of kind "
        "`locality` (a commune or ward)",
    ),
    "not_a_signer": (
        "{agency} không ký kết nghĩa này: đóng góp phải của {partner} hoặc đơn vị đồng ký kết",
        "{agency} did not sign this pairing: contributions come from {partner} or its "
        "co-signers (add it with `ketnghia locality edit --cosigners`)",
    ),
    "pick_pairing": (
        "cơ quan {agency} và thôn {village} có {count} kết nghĩa ({dates}); "
        "hãy chỉ rõ --started-on hoặc mã số kết nghĩa",
        "agency {agency} and village {village} have {count} pairings ({dates}); "
        "give --started-on or the pairing id",
    ),
    "need_key": (
        "hãy chỉ rõ {kind}: mã số hoặc khoá ({hint})",
        "name the {kind}: give its id or its key ({hint})",
    ),
    "nothing_to_change": ("không có gì để sửa", "nothing to change: give at least one option"),
    "db_newer": (
        "cơ sở dữ liệu {target} có lược đồ {revision} mới hơn phiên bản ketnghia này; "
        "hãy nâng cấp ketnghia",
        "the database {target} has schema {revision}, newer than this ketnghia knows; "
        "upgrade ketnghia",
    ),
    "db_busy": (
        "cơ sở dữ liệu đang bận (một tiến trình khác đang ghi); hãy thử lại sau",
        "the database is busy (another ketnghia is writing); try again in a moment",
    ),
    "db_open_failed": (
        "không mở được cơ sở dữ liệu {target}: {detail}",
        "cannot open the database {target}: {detail}",
    ),
    "db_error": ("lỗi cơ sở dữ liệu: {detail}", "database error: {detail}"),
    "file_error": ("{path}: {detail}", "{path}: {detail}"),
    # the settings file (ketnghia config)
    "config_bad_file": (
        "{path}, dòng {line}: tệp thiết lập không đọc được ({detail})",
        "{path}, line {line}: the settings file cannot be read ({detail})",
    ),
    "config_unknown_key_in_file": (
        "{path}, dòng {line}: không có thiết lập '{key}' (có: {keys})",
        "{path}, line {line}: there is no setting '{key}' (known: {keys})",
    ),
    "config_bad_value": (
        "{path}, dòng {line}: {key}: {reason}",
        "{path}, line {line}: {key}: {reason}",
    ),
    "config_unknown_key": (
        "không có thiết lập '{key}' (có: {keys})",
        "there is no setting '{key}' (known: {keys})",
    ),
    "config_one_value": ("{key} nhận đúng một giá trị", "{key} takes exactly one value"),
    "config_not_text": ("phải là một chuỗi văn bản", "must be text"),
    "config_not_text_list": (
        "phải là văn bản hoặc danh sách văn bản",
        "must be text or a list of texts",
    ),
    "config_lang": ("chỉ nhận vi hoặc en", "use vi or en"),
    "config_saved": ("đã lưu {key} vào {path}", "saved {key} in {path}"),
    "config_removed": ("đã bỏ {key} khỏi {path}", "removed {key} from {path}"),
    "config_was_not_set": ("{key} chưa được đặt trong {path}", "{key} was not set in {path}"),
    "config_empty": ("chưa có thiết lập nào trong {path}", "no settings in {path}"),
    "config_key": ("Thiết lập", "Setting"),
    "config_value": ("Giá trị", "Value"),
    "output_is_database": (
        "{path} là một cơ sở dữ liệu (hoặc tệp -wal, -shm, -journal của nó): ketnghia không "
        "bao giờ ghi đè lên đó; hãy chọn tệp khác",
        "{path} is a database (or a -wal, -shm or -journal file of one): ketnghia never "
        "writes over it; choose another file",
    ),
    "db_foreign": (
        "{target} không phải cơ sở dữ liệu ketnghia (nó chứa bảng của chương trình khác); "
        "không có gì bị thay đổi",
        "{target} is not a ketnghia database (it holds another program's tables); "
        "nothing was changed",
    ),
    "db_folder_missing": (
        "{path}: thư mục {folder} không tồn tại; hãy tạo thư mục trước hoặc kiểm tra đường dẫn",
        "{path}: the folder {folder} does not exist; create it first or check the path",
    ),
    "db_read_only": (
        "cơ sở dữ liệu {target} chỉ đọc được ở đây (không ghi được vào tệp): có thể xem, "
        "không thể sửa",
        "the database {target} is read-only here (its file cannot be written): it can be "
        "read, not changed",
    ),
    "db_read_only_old": (
        "cơ sở dữ liệu {target} chỉ đọc được ở đây và cần nâng cấp lên lược đồ {revision} "
        "trước: hãy mở nó một lần ở nơi ghi được vào tệp",
        "the database {target} is read-only here and needs an upgrade to schema {revision} "
        "first: open it once where its file can be written",
    ),
    "db_conflict": (
        "thay đổi trùng với bản ghi đã có: {detail}",
        "the change conflicts with a record already stored: {detail}",
    ),
    # a database target that cannot be one, a server that refuses, a disk that is full
    "db_not_database": (
        "{path} không phải cơ sở dữ liệu (không phải tệp SQLite); không có gì bị thay đổi",
        "{path} is not a database (it is not an SQLite file); nothing was changed",
    ),
    "db_is_folder": (
        "{path} là một thư mục, không phải tệp cơ sở dữ liệu; hãy chỉ một tệp, vd. {example}",
        "{path} is a folder, not a database file; give a file, e.g. {example}",
    ),
    "db_unsupported": (
        "{target}: ketnghia chỉ dùng tệp SQLite hoặc PostgreSQL (postgresql://…), "
        "không dùng được {scheme}",
        "{target}: ketnghia keeps its records in an SQLite file or in PostgreSQL "
        "(postgresql://…), not in {scheme}",
    ),
    "db_bad_target": (
        "{target} không phải đường dẫn hay URL cơ sở dữ liệu (một tệp, hoặc vd. "
        "postgresql://người_dùng@máy_chủ/tên)",
        "{target} is not a database path or URL (a file, or e.g. postgresql://user@host/name)",
    ),
    "db_bad_port": (
        "{target}: cổng {port} không hợp lệ (từ 1 đến 65535)",
        "{target}: port {port} is not a port number (1 to 65535)",
    ),
    "db_login_failed": (
        "{target}: máy chủ từ chối đăng nhập: sai tên người dùng hoặc mật khẩu",
        "{target}: the server refused the login: wrong user name or password",
    ),
    "db_missing": (
        "{target}: máy chủ không có cơ sở dữ liệu tên này",
        "{target}: the server has no database of that name",
    ),
    "db_unreachable": (
        "{target}: không kết nối được máy chủ cơ sở dữ liệu ({detail}); hãy kiểm tra địa chỉ, "
        "cổng và máy chủ có đang chạy không",
        "{target}: cannot reach the database server ({detail}); check the host and the port, "
        "and that the server is running",
    ),
    "db_permission": (
        "máy chủ từ chối: tài khoản này không có quyền ({detail}); hãy hỏi người quản trị máy chủ",
        "the server refused: this login has no right to do that ({detail}); ask the server's "
        "administrator",
    ),
    "db_disk_full": (
        "ổ đĩa đã đầy (nơi chứa cơ sở dữ liệu hoặc tệp tạm của nó): thay đổi không được ghi; "
        "hãy giải phóng dung lượng rồi thử lại",
        "the disk is full (where the database or its temporary files are): the change was "
        "not written; free some space and try again",
    ),
    "output_failed": ("không ghi được kết quả: {detail}", "cannot write the output: {detail}"),
    # asking at a terminal for a required value left out (cli/prompts.py)
    "prompt_aborted": (
        "đã dừng khi đang hỏi: không có gì được ghi",
        "stopped while asking: nothing was written",
    ),
    "prompt_date": ("dd/mm/yyyy", "dd/mm/yyyy or yyyy-mm-dd"),
    "prompt_record": ("mã hoặc tên", "code or name"),
    "prompt_choice": ("số 1–{count} hoặc tên", "1–{count} or a name"),
    "interrupted": ("đã dừng (Ctrl-C): không có gì được ghi", "interrupted: nothing was written"),
    "interrupted_after_write": (
        "đã dừng (Ctrl-C) sau khi các thay đổi đã được ghi",
        "interrupted after the changes were written",
    ),
    "csv_only": ("chỉ dùng cho --format csv", "only for --format csv"),
    "json_keeps_keys": (
        "JSON luôn dùng các khóa tiếng Anh cố định; tên cột tiếng Việt chỉ có ở csv và xlsx",
        "JSON always has the stable English keys; labels are for csv and xlsx",
    ),
    "bad_delimiter": (
        "{value!r} không phải dấu phân cách: dùng một ký tự (, ; |) hoặc tab",
        "{value!r} is not a delimiter: give one character (, ; |) or tab",
    ),
    "not_text_encoding": (
        "{value!r} không phải bảng mã văn bản (vd. utf-8, cp1258, utf-16)",
        "{value!r} is not an encoding of text (e.g. utf-8, cp1258, utf-16)",
    ),
    "postgres_missing": (
        "chưa cài hỗ trợ PostgreSQL: pip install 'ketnghia[postgres]'",
        "PostgreSQL support is not installed: pip install 'ketnghia[postgres]'",
    ),
    "backup_postgres": (
        "sao lưu cơ sở dữ liệu PostgreSQL: dùng pg_dump (vd. pg_dump -Fc -f {path} DBNAME)",
        "backup of a PostgreSQL database: use pg_dump (e.g. pg_dump -Fc -f {path} DBNAME)",
    ),
    "backup_exists": (
        "{path} đã tồn tại; hãy chọn đường dẫn khác hoặc xoá nó trước",
        "{path} already exists; choose another path or remove it first",
    ),
    "file_not_found": ("{path}: không có tệp này", "{path}: no such file"),
    "backup_is_live": (
        "{path} chính là cơ sở dữ liệu đang dùng (hoặc một tệp của nó): hãy chọn đường dẫn khác",
        "{path} is the database itself (or one of its files): choose another path",
    ),
    "shipped_file_missing": (
        "không tìm thấy tệp đi kèm ketnghia (đã tìm ở {paths}): hãy cài lại ketnghia",
        "a file shipped with ketnghia was not found (looked in {paths}): reinstall ketnghia",
    ),
    "sample_missing": (
        "không tìm thấy thư mục dữ liệu mẫu (đã tìm ở {paths})",
        "the sample data folder was not found (looked in {paths})",
    ),
    "read_problem": ("{file}: {reason}", "{file}: {reason}"),
    "unknown_format": (
        "không đọc được tệp {suffix} (dùng .csv, .tsv, .json, .jsonl hoặc .xlsx)",
        "cannot read {suffix} files (use .csv, .tsv, .json, .jsonl or .xlsx)",
    ),
    "empty_file": ("tệp rỗng", "the file is empty"),
    "not_utf8": (
        "không phải UTF-8 (byte {byte}); hãy dùng --encoding, vd. --encoding cp1258 cho tệp "
        "Windows tiếng Việt",
        "not UTF-8 (byte {byte}); give --encoding, e.g. --encoding cp1258 for a Vietnamese "
        "Windows file",
    ),
    "not_in_encoding": (
        "có byte không thuộc bảng mã {encoding}; hãy kiểm tra --encoding",
        "bytes that are not {encoding}; check --encoding",
    ),
    "unknown_encoding": ("không biết bảng mã {encoding!r}", "unknown encoding {encoding!r}"),
    "bad_csv": ("tệp CSV hỏng: {detail}", "not a readable CSV file: {detail}"),
    "bad_json": (
        "JSON không hợp lệ (dòng {line}: {detail})",
        "not valid JSON (line {line}: {detail})",
    ),
    "json_not_array": (
        "tệp JSON phải là một mảng các đối tượng",
        "a JSON file must hold an array of objects",
    ),
    "bad_jsonl": (
        "dòng {line} không phải JSON hợp lệ ({detail})",
        "line {line} is not valid JSON ({detail})",
    ),
    "json_too_deep": (
        "JSON lồng nhau quá sâu: mỗi bản ghi là một đối tượng gồm các giá trị",
        "JSON nested too deep: each record is one object of values",
    ),
    "jsonl_too_deep": (
        "dòng {line}: JSON lồng nhau quá sâu",
        "line {line}: JSON nested too deep",
    ),
    "json_number_too_long": (
        "có một số dài {digits} chữ số: không trường nào chứa được",
        "holds a number of {digits} digits: no field holds one",
    ),
    "jsonl_number_too_long": (
        "dòng {line} có một số dài {digits} chữ số: không trường nào chứa được",
        "line {line} holds a number of {digits} digits: no field holds one",
    ),
    "jsonl_not_object": (
        "dòng {line} không phải đối tượng JSON",
        "line {line} is not a JSON object",
    ),
    "not_xlsx": (
        "không phải tệp Excel (.xlsx); hãy lưu lại dạng .xlsx",
        "not an Excel workbook (.xlsx); save it again as .xlsx",
    ),
    "unknown_kind": (
        "không có loại {kind!r}; dùng {kinds}",
        "unknown kind {kind!r}; use one of {kinds}",
    ),
    "sheet_ignored": (
        "{sheet}: không phải trang dữ liệu, bỏ qua",
        "{sheet}: not a known sheet, ignored",
    ),
    "unknown_columns": (
        "{file}: bỏ qua các cột không nhận ra: {columns}",
        "{file}: unknown columns ignored: {columns}",
    ),
    "exists_differs": (
        "đã có với giá trị khác (dùng --on-conflict update để cập nhật)",
        "already stored with other values (use --on-conflict update to change it)",
    ),
    "records_outside": (
        "{count} {what} sẽ nằm ngoài thời hạn kết nghĩa (đầu tiên ngày {first})",
        "{count} {what} would fall outside the pairing (first on {first})",
    ),
    "import_problems": (
        "{count} lỗi; không ghi gì vào cơ sở dữ liệu",
        "{count} problem(s); nothing was written",
    ),
    "xlsx_needs_output": (
        "tệp xlsx cần --output TỆP.xlsx (hoặc --output - khi chuyển sang chương trình khác, "
        "không ra màn hình)",
        "an xlsx file needs --output FILE.xlsx (or --output - into a pipe or a file, "
        "not onto a terminal)",
    ),
    "all_needs_folder": (
        "xuất tất cả dạng csv hoặc json cần --output THƯ_MỤC (mỗi loại một tệp)",
        "export all as csv or json needs --output FOLDER (one file per kind)",
    ),
    "importing": ("đang nhập", "importing"),
    "warning": ("cảnh báo", "warning"),
    "dry_run_done": (
        "chạy thử: chưa ghi gì vào cơ sở dữ liệu",
        "dry run: nothing was written",
    ),
    "nothing_changed": (
        "không có gì thay đổi: mọi bản ghi đã có",
        "nothing changed: every record was already stored",
    ),
    "import_more": ("... và {count} lỗi khác", "... and {count} more"),
    "unknown_kind_file": (
        "không rõ loại dữ liệu: tên tệp không phải một trong {kinds_vi}, và dòng tiêu đề "
        "({found}) không có cột nào của chúng — hãy đặt lại tên tệp hoặc dùng --kind",
        "cannot tell what it holds: its name is not one of {kinds_en}, and its header row "
        "({found}) names none of their columns — rename the file or give --kind",
    ),
    "no_known_sheet": (
        "không có trang nào chứa dữ liệu: có {found}; cần một trang mang tên loại dữ liệu "
        "({kinds_vi}) hoặc có dòng tiêu đề ghi tên các cột (Mã cơ quan, Tên cơ quan …) trong "
        "{rows} dòng đầu — hãy đặt lại tên trang hoặc dùng --kind",
        "no sheet holds records: found {found}; expected a sheet named after what it holds "
        "({kinds_en}) or with a header row naming its columns (Mã cơ quan, Tên cơ quan …) in "
        "its first {rows} rows — rename the sheet or give --kind",
    ),
    "headerless_values": (
        "{file}: bỏ qua giá trị ở các cột không có tiêu đề (đầu tiên ở dòng {row}, cột "
        "{column}; {count} dòng)",
        "{file}: values in columns without a header were not imported (the first at row "
        "{row}, column {column}; {count} row(s))",
    ),
    "hidden_sheet_read": (
        "{sheet}: trang đang ẩn; đã nhập {count} dòng của nó",
        "{sheet}: a hidden sheet; its {count} row(s) were imported",
    ),
    "hidden_rows_read": (
        "{sheet}: đã nhập cả các dòng đang ẩn: {rows}",
        "{sheet}: hidden rows were imported too: {rows}",
    ),
    "merged_rows": (
        "{sheet}: ô gộp qua nhiều dòng {ranges}: giá trị chỉ thuộc về dòng đầu của vùng gộp",
        "{sheet}: cells merged over several rows {ranges}: the value belongs to the first "
        "row of each only",
    ),
    "cell_too_long": (
        "ô dài quá {limit_vi} ký tự, mức dài nhất ketnghia lưu — hãy rút ngắn nội dung",
        "the cell is longer than {limit_en} characters, the most ketnghia stores — shorten it",
    ),
    "line_too_long": (
        "dòng dài quá {limit_vi} ký tự, không phải một dòng dữ liệu — hãy kiểm tra đúng tệp "
        "và đúng --delimiter",
        "a line longer than {limit_en} characters is no row of records — check that this is "
        "the file you meant, and its --delimiter",
    ),
    "csv_unclosed_quote": (
        "dấu ngoặc kép mở ở ô này không được đóng, nên phần còn lại của tệp sẽ dồn vào một ô "
        '— hãy đóng dấu ngoặc (dấu ngoặc kép trong nội dung ô phải viết đôi: "")',
        "a quote opened in this cell is never closed, so the rest of the file would fall into "
        'this one cell — close it (a quote inside a cell is written twice: "")',
    ),
    "csv_text_after_quote": (
        'có chữ sau dấu ngoặc kép đóng ô — dấu ngoặc kép trong nội dung ô phải viết đôi (""), '
        "hoặc đặt cả ô trong ngoặc kép",
        "text follows the quote that closes the cell — a quote inside a cell is written twice "
        '(""), or the whole cell is put in quotes',
    ),
    "formula_without_value": (
        "ô có công thức nhưng không lưu kết quả (tệp do một chương trình tạo ra, chưa mở bằng "
        "Excel) — hãy mở tệp bằng Excel, lưu lại rồi nhập lại",
        "a formula without its saved result (the workbook was written by a program and never "
        "opened in Excel) — open the file in Excel, save it, and import it again",
    ),
    "cell_error": (
        "ô hiện lỗi {error} — hãy sửa công thức hoặc giá trị trong Excel, lưu lại rồi nhập lại",
        "the cell shows the error {error} — correct the formula or the value in Excel, save, "
        "and import again",
    ),
    "damaged_workbook": (
        "tệp Excel bị hỏng hoặc không do Excel tạo ra ({detail}) — hãy mở bằng Excel và lưu "
        "lại dạng .xlsx",
        "the workbook is damaged or was not written by Excel ({detail}) — open it in Excel "
        "and save it again as .xlsx",
    ),
    "xml_entities": (
        "tệp Excel khai báo thực thể XML (DOCTYPE), điều Excel không bao giờ làm: từ chối để "
        "an toàn — hãy mở bản gốc bằng Excel và lưu lại",
        "the workbook declares XML entities (a DOCTYPE), which Excel never writes: refused for "
        "safety — open the original in Excel and save it again",
    ),
    "too_many_texts": (
        "tệp Excel có hơn {limit} đoạn văn bản khác nhau — hãy chia dữ liệu thành nhiều tệp",
        "the workbook holds more than {limit} different texts — split the data over several files",
    ),
    "texts_too_large": (
        "bảng văn bản của tệp Excel lớn hơn {size} MiB khi giải nén — hãy chia dữ liệu thành "
        "nhiều tệp",
        "the workbook's texts take more than {size} MiB unpacked — split the data over several "
        "files",
    ),
    "part_too_large": (
        "phần {part} của tệp Excel lớn hơn {size} MiB khi giải nén, điều Excel không tạo ra — "
        "hãy mở bằng Excel và lưu lại",
        "its part {part} takes more than {size} MiB unpacked, which Excel does not write — "
        "open it in Excel and save it again",
    ),
    "empty_run": (
        "trang có hơn {size} MiB ô trống liên tiếp sau dữ liệu; ngừng đọc — hãy xóa các dòng, "
        "cột trống bên dưới và bên phải dữ liệu trong Excel (hoặc chép dữ liệu sang trang mới), "
        "lưu rồi nhập lại",
        "more than {size} MiB of the sheet hold nothing after its data; not read on — delete "
        "the empty rows and columns below and right of the data in Excel (or copy the data to "
        "a new sheet), save, and import again",
    ),
    "missing_column": ("thiếu cột {column}", "missing column {column}"),
    "column_twice": (
        "cùng trường {field} với cột {column} {first!r}: chỉ giữ một trong hai cột",
        "the same field ({field}) as column {column} {first!r}: keep one of the two",
    ),
    "duplicate_in_file": ("trùng với dòng {row}", "repeats row {row}"),
    "given_before": (
        "cùng một bản ghi với {file} dòng {row}: mỗi bản ghi chỉ ghi ở một dòng",
        "the same record as {file} row {row}: give each record once",
    ),
    "key_twice": (
        "khóa này có hai lần trong cùng một đối tượng JSON: {values}",
        "this key is given twice in one JSON object: {values}",
    ),
    "value_is_list": (
        "là một danh sách ({value}), không phải một giá trị",
        "is a list ({value}), not one value",
    ),
    "value_is_object": (
        "là một đối tượng ({value}), không phải một giá trị",
        "is an object ({value}), not one value",
    ),
    "bool_not_text": (
        "là {value} (true/false), không phải chữ: hãy viết giá trị bằng chữ",
        "is {value} (true/false), not text: write the text itself",
    ),
    "bad_id": (
        "{value} không phải id của bản ghi nào (id từ 1 đến 2.147.483.647)",
        "{value} is not the id of any record (ids are 1 to 2,147,483,647)",
    ),
    "errors_column": ("Lỗi cần sửa", "Problems to fix"),
    "errors_written": (
        "đã ghi {count} dòng bị từ chối, kèm lỗi của từng dòng, vào {path}",
        "wrote the {count} refused row(s), each with its problems, to {path}",
    ),
    "errors_format": (
        "--errors {path}: chỉ ghi được tệp .xlsx hoặc .csv",
        "--errors {path}: give an .xlsx or .csv file",
    ),
    "errors_from_stdin": (
        "--errors cần đọc lại các tệp nên không dùng được với - (đầu vào chuẩn)",
        "--errors reads the files again, so it cannot be used with - (standard input)",
    ),
    "errors_is_input": (
        "--errors {path} là một trong các tệp đang nhập; hãy chọn tên khác",
        "--errors {path} is one of the files being imported; choose another name",
    ),
    "errors_csv_one_table": (
        "--errors {path}: tệp CSV chỉ chứa một bảng mà lệnh này đọc {count} bảng; "
        "hãy dùng tệp .xlsx (mỗi bảng một trang)",
        "--errors {path}: a CSV file holds one table and this command reads {count}; "
        "give an .xlsx file (a sheet per table)",
    ),
    "form_record_removed": (
        "{file}:{row}: bản ghi số {id} đã bị xóa sau khi lập biểu mẫu; dòng này để nguyên như "
        "khi gửi nên được bỏ qua",
        "{file}:{row}: record #{id} was removed after the form was made; its row, left as "
        "sent, is left out",
    ),
    "record_gone": (
        "bản ghi số {id} không còn trong cơ sở dữ liệu (đã bị xóa sau khi xuất?); "
        "xóa ô id để thêm dòng này như một bản ghi mới",
        "record #{id} is no longer stored (removed after the export?); "
        "clear its id to add the row as a new record",
    ),
    "same_record_in_file": (
        "cùng một bản ghi (số {id}) với dòng {row}; dòng mới sao chép từ dòng khác cần xóa ô id",
        "is the same record (#{id}) as row {row}; a new row copied from another needs "
        "its id cleared",
    ),
    "key_taken": (
        "bản ghi số {id} đã lưu có cùng {columns}",
        "stored record #{id} already has the same {columns}",
    ),
    # the annual report
    "report_title": (
        "Báo cáo kết quả công tác kết nghĩa năm {year}",
        "Twinning results, {year}",
    ),
    "report_scope": ("Phạm vi", "Scope"),
    "report_scope_all": ("toàn tỉnh", "the whole province"),
    "report_made": ("Lập ngày {date}", "Made on {date}"),
    "report_district": ("huyện {name}", "district {name}"),
    "report_commune": ("xã {name}", "commune {name}"),
    "report_agency": ("cơ quan {name}", "agency {name}"),
    "sec_totals": ("Tổng hợp", "Totals"),
    "sec_by_district": ("Theo huyện", "By district"),
    "sec_by_commune": ("Theo xã, phường", "By commune"),
    "sec_successions": ("Sáp nhập cơ quan", "Agency mergers"),
    "sec_localities": ("Kết nghĩa giữa các địa phương", "Locality pairings"),
    "sec_locality_contributors": (
        "Đóng góp cho kết nghĩa địa phương",
        "Contributions to locality pairings",
    ),
    "sec_map": ("Bản đồ", "Map"),
    # the map of the province (reports/province_map.py)
    "map_title": (
        "Giá trị hỗ trợ năm {year} theo xã, phường",
        "Value of support in {year} by commune",
    ),
    "map_legend": ("Giá trị năm {year} (đồng)", "Value in {year} (đồng)"),
    "map_any": ("có cặp kết nghĩa", "with a pairing"),
    "map_under": ("dưới {high}", "under {high}"),
    "map_between": ("{low} – dưới {high}", "{low} to under {high}"),
    "map_from": ("từ {low} trở lên", "{low} or more"),
    "map_none": ("Không có cặp kết nghĩa", "No pairing"),
    "map_unpaired": (
        "Có thôn, làng đặc biệt khó khăn chưa được kết nghĩa",
        "An especially difficult village with no pairing",
    ),
    "map_hover": (
        "{name}: {value} đồng; {villages} thôn, làng kết nghĩa; {activities} hoạt động",
        "{name}: {value} đồng; paired villages: {villages}; activities: {activities}",
    ),
    "map_hover_none": ("{name}: không có cặp kết nghĩa", "{name}: no pairing"),
    "map_hover_unpaired": (
        "{count} thôn, làng đặc biệt khó khăn chưa được kết nghĩa",
        "especially difficult villages with no pairing: {count}",
    ),
    "map_mapped": (
        "Số liệu năm {year} được vẽ trên {communes} xã, phường của tỉnh Gia Lai từ ngày "
        "1-7-2025: mỗi thôn, làng được tính vào xã, phường mới mà xã cũ của nó (ngày {on}) "
        "đã sáp nhập vào.",
        "The figures of {year} are drawn on the {communes} communes and wards of Gia Lai "
        "since 1-7-2025: each village counts in the new commune that its commune of {on} "
        "was merged into.",
    ),
    "map_unplaced": (
        "{count} thôn, làng không vẽ được trên bản đồ (xã cũ được chia cho nhiều xã mới, "
        "hoặc xã không xác định được): xem `ketnghia admin apply-2025 --dry-run`.",
        "Villages not on the map: {count} (their old commune was split over several new ones, "
        "or their commune is not known): see `ketnghia admin apply-2025 --dry-run`.",
    ),
    "map_source": (
        "Ranh giới xã, phường: thanglequoc/vietnamese-provinces-database (MIT, © 2021 Thang "
        "Le Quoc), đã giản lược.",
        "Commune boundaries: thanglequoc/vietnamese-provinces-database (MIT, © 2021 Thang "
        "Le Quoc), simplified.",
    ),
    "sec_by_agency": ("Theo cơ quan, đơn vị", "By agency"),
    "sec_by_kind": ("Theo loại hoạt động", "By kind of activity"),
    "sec_by_source": ("Theo nguồn kinh phí", "By source of funds"),
    "sec_idle_pairings": (
        "Cặp kết nghĩa không có hoạt động trong năm (biểu hiện hình thức)",
        "Pairings with nothing done this year (formalism warning)",
    ),
    "sec_unpaired_villages": (
        "Thôn, làng đặc biệt khó khăn chưa được kết nghĩa",
        "Especially difficult villages with no pairing",
    ),
    "sec_aspirations_open": (
        "Nguyện vọng chưa được giải quyết",
        "Aspirations not yet resolved",
    ),
    "tot_agencies": ("Cơ quan, đơn vị kết nghĩa", "Agencies with a pairing"),
    "tot_villages": ("Thôn, làng được kết nghĩa", "Villages paired"),
    "tot_pairings": ("Cặp kết nghĩa hiệu lực", "Pairings active"),
    "tot_new_pairings": ("Cặp kết nghĩa mới", "New pairings"),
    "tot_activities": ("Hoạt động", "Activities"),
    "tot_value_vnd": ("Giá trị (đồng)", "Value (VND)"),
    "tot_households_benefited": ("Lượt hộ hưởng lợi", "Households benefited"),
    "tot_household_pairings": ("Cặp hộ kết nghĩa", "Household pairings"),
    "tot_visits": ("Lượt nắm tình hình", "Visits"),
    "tot_aspirations_open": ("Nguyện vọng chưa giải quyết", "Aspirations still open"),
    "review_title": (
        "Sơ kết, tổng kết công tác kết nghĩa giai đoạn {first}–{last}",
        "Twinning review, {first}–{last}",
    ),
    "agency_title": (
        "{name} ({code}): kết quả công tác kết nghĩa năm {year}",
        "{name} ({code}): twinning results, {year}",
    ),
    "sec_pairings": ("Các cặp kết nghĩa", "Pairings"),
    "sec_activities": ("Hoạt động", "Activities"),
    "sec_visits": ("Nắm tình hình", "Visits"),
    "sec_pairings_by_year": ("Cặp kết nghĩa mới và kết thúc", "Pairings started and ended"),
    "sec_dormant_villages": (
        "Thôn, làng đã kết nghĩa nhưng không có hoạt động từ hai năm trở lên",
        "Paired villages with no activity for two years or more",
    ),
    "col_idle_years": ("Số năm không hoạt động", "Idle years"),
    "col_year": ("Năm", "Year"),
    "col_started": ("Mới", "Started"),
    "col_ended": ("Kết thúc", "Ended"),
    "col_last_activity": ("Hoạt động gần nhất", "Last activity"),
    "col_ended_on": ("Đến ngày", "Until"),
    "col_date": ("Ngày", "Date"),
    "col_title": ("Nội dung", "Activity"),
    "col_households_benefited": ("Số hộ", "Households"),
    "col_people_met": ("Số người gặp", "People met"),
    "col_aspirations": ("Nguyện vọng", "Aspirations"),
    "col_resolved_on": ("Ngày giải quyết", "Resolved on"),
    "sec_outcomes": (
        "Kết quả giảm nghèo ở các thôn, làng được kết nghĩa",
        "Outcomes: households out of poverty in paired villages",
    ),
    "no_outcomes": (
        "chưa có chỉ số thôn của năm này (ketnghia village stats, hoặc trang Chỉ số thôn)",
        "no village figures for this year (ketnghia village stats, or the sheet Chỉ số thôn)",
    ),
    "out_villages_with_figures": ("Thôn có số liệu", "Paired villages with figures"),
    "out_poor_start": ("Hộ nghèo đầu năm", "Poor households at the start of the year"),
    "out_poor_end": ("Hộ nghèo cuối năm", "Poor households at the end of the year"),
    "out_out_of_poverty": ("Số hộ thoát nghèo", "Households out of poverty"),
    "out_villages_meeting_aim": (
        "Thôn đạt chỉ tiêu (từ 2 hộ/năm)",
        "Villages that met the aim (2 or more a year)",
    ),
    "col_poor_start": ("Hộ nghèo đầu năm", "Poor, start"),
    "col_poor_end": ("Hộ nghèo cuối năm", "Poor, end"),
    "col_out_of_poverty": ("Thoát nghèo", "Out of poverty"),
    "col_met_aim": ("Đạt chỉ tiêu", "Aim met"),
    "col_poverty_rate": ("Tỷ lệ nghèo ≥ 20%", "Poverty rate ≥ 20%"),
    "col_district": ("Huyện", "District"),
    "col_commune": ("Xã, phường", "Commune"),
    "col_level": ("Cấp", "Level"),
    "col_into": ("Sáp nhập vào", "Merged into"),
    "col_cosigners": ("Đơn vị đồng ký kết", "Co-signers"),
    "col_contributions": ("Lượt đóng góp", "Contributions"),
    "col_contributor_code": ("Đơn vị đóng góp", "Contributor"),
    "col_contributor": ("Tên đơn vị đóng góp", "Contributor name"),
    "col_on": ("Ngày", "On"),
    "col_code": ("Mã", "Code"),
    "col_name": ("Tên", "Name"),
    "col_parent": ("Thuộc", "In"),
    "col_valid_from": ("Hiệu lực từ", "Valid from"),
    "col_valid_to": ("Hiệu lực đến", "Valid to"),
    "col_choices": ("Các xã mới có thể", "Possible new communes"),
    "col_commune_code": ("Mã xã", "Commune code"),
    "col_commune_name": ("Tên xã, phường", "Commune name"),
    "col_note": ("Ghi chú", "Note"),
    "col_villages": ("Số thôn", "Villages"),
    "col_pairings": ("Số cặp", "Pairings"),
    "col_activities": ("Hoạt động", "Activities"),
    "col_value_vnd": ("Giá trị (đồng)", "Value (VND)"),
    "col_agency_code": ("Mã", "Code"),
    "col_kind": ("Loại", "Kind"),
    "col_source": ("Nguồn", "Source"),
    "col_village_code": ("Mã thôn", "Village code"),
    "col_started_on": ("Từ ngày", "Since"),
    "col_metric": ("Chỉ tiêu", "Figure"),
    "col_value": ("Giá trị", "Value"),
    "total_row": ("Cộng", "Total"),
    "no_district": ("(chưa rõ huyện)", "(no district)"),
    "no_commune": ("(chưa rõ xã)", "(no commune)"),
    "no_source": ("(chưa rõ)", "(not given)"),
    "report_summary": (
        "Năm {year}, {agencies} cơ quan, đơn vị duy trì {pairings} cặp kết nghĩa với "
        "{villages} thôn, làng ({new_pairings} cặp mới); thực hiện {activities} hoạt động với "
        "tổng giá trị {value} đồng, {households} lượt hộ được hưởng lợi; cán bộ {visits} lượt "
        "xuống nắm tình hình, còn {aspirations} nguyện vọng chưa được giải quyết đến cuối năm.",
        "In {year}, {agencies} agencies and units kept {pairings} pairings with {villages} "
        "villages ({new_pairings} new). They carried out {activities} activities worth "
        "{value} đồng, benefiting {households} households; cadres made {visits} visits, and "
        "{aspirations} aspirations are still open at the end of the year.",
    ),
    "report_summary_idle": (
        "Có {idle} cặp kết nghĩa không có hoạt động trong năm.",
        "{idle} pairings did nothing during the year.",
    ),
    "report_summary_idle_none": (
        "Mọi cặp kết nghĩa đều có hoạt động trong năm.",
        "Every pairing did something during the year.",
    ),
    "report_summary_unpaired": (
        "Có {unpaired} thôn, làng đặc biệt khó khăn chưa được kết nghĩa.",
        "{unpaired} especially difficult villages have no pairing.",
    ),
    "report_summary_unpaired_none": (
        "Mọi thôn, làng đặc biệt khó khăn đều đã được kết nghĩa.",
        "Every especially difficult village has a pairing.",
    ),
    "col_change": ("± năm {year}", "± in {year}"),
    "sec_collection": ("Thu thập biểu mẫu", "Collection round"),
    "sheet_collection": ("Thu thập biểu mẫu", "Collection round"),
    "fig_collection_expected": ("Cơ quan phải nộp biểu mẫu", "Agencies expected to return"),
    "fig_collection_returned": ("Cơ quan đã nộp biểu mẫu", "Agencies that returned"),
    "fig_collection_rate": ("Tỷ lệ nộp biểu mẫu", "Reporting rate"),
    "no_collection_round": ("chưa tổ chức thu thập biểu mẫu", "no form made yet"),
    "collection_line": (
        "Tỷ lệ cơ quan nộp biểu mẫu năm {year}: {returned}/{expected} ({rate}).",
        "Agencies that returned the {year} form: {returned}/{expected} ({rate}).",
    ),
    "collection_none": (
        "Năm {year} chưa tổ chức thu thập biểu mẫu.",
        "No collection round for {year}: no form was made.",
    ),
    "collection_title": (
        "Thu thập biểu mẫu kết nghĩa năm {year}",
        "Twinning forms: the collection round of {year}",
    ),
    "fig_round_forms_made": ("Cơ quan đã được gửi biểu mẫu", "Agencies sent a form"),
    "fig_round_missing": ("Cơ quan chưa nộp", "Agencies still missing"),
    "fig_round_due": ("Hạn nộp", "Due date"),
    "fig_round_on_time": ("Cơ quan nộp đúng hạn", "Agencies that returned on time"),
    "fig_round_on_time_rate": ("Tỷ lệ nộp đúng hạn", "On-time rate"),
    "sec_round_agencies": ("Tình hình nộp biểu mẫu theo cơ quan", "Returns by agency"),
    "sheet_round_agencies": ("Theo cơ quan", "By agency"),
    "sec_round_by_district": ("Tỷ lệ nộp biểu mẫu theo huyện", "Reporting rate by district"),
    "sec_round_by_commune": (
        "Tỷ lệ nộp biểu mẫu theo xã, phường",
        "Reporting rate by commune",
    ),
    "sec_round_missing": ("Cơ quan chưa nộp biểu mẫu", "Agencies still missing"),
    "sheet_round_missing": ("Chưa nộp", "Missing"),
    "col_head": ("Người đứng đầu", "Head"),
    "col_phone": ("Điện thoại", "Phone"),
    "col_form_made_on": ("Ngày lập biểu mẫu", "Form made on"),
    "col_returned_on": ("Ngày nộp", "Returned on"),
    "col_returns": ("Số lần nộp", "Returns"),
    "col_rows_added": ("Dòng thêm mới", "Rows added"),
    "col_rows_changed": ("Dòng sửa", "Rows changed"),
    "col_late": ("Nộp trễ hạn", "Late"),
    "col_missing": ("Chưa nộp", "Missing"),
    "col_expected": ("Phải nộp", "Expected"),
    "col_forms_made": ("Đã gửi biểu mẫu", "Forms sent"),
    "col_returned": ("Đã nộp", "Returned"),
    "col_rate": ("Tỷ lệ nộp", "Rate"),
    "collection_nobody": (
        "Năm {year} không có cơ quan nào phải nộp biểu mẫu.",
        "No agency was expected to return a form for {year}.",
    ),
    "col_unpaired_villages": ("Thôn ĐBKK chưa kết nghĩa", "Unpaired villages"),
    "fig_map_on": ("Các thôn, làng đặt theo xã, phường ngày", "Villages placed as on"),
    "fig_mapped_villages": (
        "Thôn, làng tính vào xã, phường mới sau sáp nhập",
        "Villages counted in their commune's successor",
    ),
    "fig_unplaced_villages": ("Thôn, làng không vẽ được", "Villages not on the map"),
    # a workbook's sheets: at most 31 characters, none of \ / ? * [ ] :
    "sheet_totals": ("Tổng hợp", "Totals"),
    "sheet_map": ("Bản đồ", "Map"),
    "sheet_by_district": ("Theo huyện", "By district"),
    "sheet_by_commune": ("Theo xã, phường", "By commune"),
    "sheet_by_agency": ("Theo cơ quan", "By agency"),
    "sheet_by_kind": ("Theo loại hoạt động", "By kind"),
    "sheet_by_source": ("Theo nguồn kinh phí", "By source"),
    "sheet_idle_pairings": ("Cặp không hoạt động", "Idle pairings"),
    "sheet_unpaired_villages": ("Thôn ĐBKK chưa kết nghĩa", "Unpaired villages"),
    "sheet_outcomes": ("Giảm nghèo", "Outcomes"),
    "sheet_localities": ("Kết nghĩa địa phương", "Locality pairings"),
    "sheet_locality_contributors": ("Đóng góp địa phương", "Locality contributions"),
    "sheet_years": ("Các năm", "Years"),
    "sheet_agencies": ("Cơ quan qua các năm", "Agencies"),
    "sheet_pairings_by_year": ("Cặp mới và kết thúc", "Pairings started, ended"),
    "sheet_dormant_villages": ("Thôn không hoạt động", "Dormant villages"),
    "sheet_successions": ("Sáp nhập cơ quan", "Agency mergers"),
    "sheet_pairings": ("Cặp kết nghĩa", "Pairings"),
    "sheet_activities": ("Hoạt động", "Activities"),
    "sheet_visits": ("Nắm tình hình", "Visits"),
    "sheet_aspirations_open": ("Nguyện vọng chưa giải quyết", "Open aspirations"),
    "sheet_page": ("Trang &P / &N", "Page &P of &N"),
    # the signed document (HTML, Word): Hướng dẫn 36-HD/VPTW
    "doc_party": ("ĐẢNG CỘNG SẢN VIỆT NAM", "COMMUNIST PARTY OF VIETNAM"),
    "doc_issuer_parent": ("TỈNH ỦY GIA LAI", "GIA LAI PROVINCIAL PARTY COMMITTEE"),
    "doc_issuer": (
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "COMMISSION FOR PROPAGANDA AND MASS MOBILISATION",
    ),
    "doc_issuer_short": ("BTGDVTU", "BTGDVTU"),
    "doc_place": ("Gia Lai", "Gia Lai"),
    "doc_signer_title": ("TRƯỞNG BAN", "HEAD OF THE COMMISSION"),
    "doc_recipients": (
        "Thường trực Tỉnh ủy (b/c)\nBan Tuyên giáo và Dân vận Trung ương (b/c)\nLưu Văn phòng Ban",
        "The Standing Board of the Provincial Party Committee (for report)\n"
        "The Central Commission for Propaganda and Mass Mobilisation (for report)\n"
        "The Commission's office (filed)",
    ),
    "doc_number": ("Số       -BC/{short}", "No.       -BC/{short}"),
    "doc_kind": ("BÁO CÁO", "REPORT"),
    "doc_subject_annual": (
        "kết quả thực hiện công tác kết nghĩa năm {year}",
        "on the results of the twinning programme in {year}",
    ),
    "doc_subject_review": (
        "sơ kết, tổng kết công tác kết nghĩa giai đoạn {first}–{last}",
        "reviewing the twinning programme, {first}–{last}",
    ),
    "doc_subject_agency": (
        "kết quả thực hiện công tác kết nghĩa năm {year} của {name}",
        "on the twinning results of {name} in {year}",
    ),
    "doc_recipients_heading": ("Nơi nhận:", "Recipients:"),
    "doc_intro": (
        "Trên cơ sở số liệu theo dõi công tác kết nghĩa ({scope}), kết quả thực hiện như sau:",
        "From the records of the twinning programme ({scope}), the results are as follows:",
    ),
    "doc_agency_summary": (
        "Năm {year}, {name} duy trì {pairings} cặp kết nghĩa với {villages} thôn, làng; thực "
        "hiện {activities} hoạt động với tổng giá trị {value} đồng, {households} lượt hộ được "
        "hưởng lợi; cán bộ {visits} lượt xuống nắm tình hình, còn {aspirations} nguyện vọng "
        "chưa được giải quyết đến cuối năm.",
        "In {year}, {name} kept {pairings} pairings with {villages} villages. It carried out "
        "{activities} activities worth {value} đồng, benefiting {households} households; its "
        "cadres made {visits} visits, and {aspirations} aspirations are still open at the end "
        "of the year.",
    ),
    "doc_review_summary": (
        "Giai đoạn {first}–{last}, các cơ quan, đơn vị thực hiện {activities} hoạt động với "
        "tổng giá trị {value} đồng, {households} lượt hộ được hưởng lợi; cán bộ {visits} lượt "
        "xuống nắm tình hình; {started} cặp kết nghĩa mới được ký kết, {ended} cặp kết thúc; "
        "năm {last} có {pairings} cặp kết nghĩa hiệu lực.",
        "Over {first}–{last}, agencies and units carried out {activities} activities worth "
        "{value} đồng, benefiting {households} households; cadres made {visits} visits; "
        "{started} pairings were made and {ended} ended; {pairings} pairings were active in "
        "{last}.",
    ),
    "doc_and_more": (
        "; và {count} trường hợp khác (xem bảng)",
        "; and {count} more (see the table)",
    ),
    "doc_pair": ("{agency} với {village} (từ {since})", "{agency} with {village} (since {since})"),
    "doc_idle": (
        "Có {count} cặp kết nghĩa không có hoạt động, không có lượt nắm tình hình nào trong năm "
        "{year}: {names}.",
        "{count} pairings had no activity and no visit in {year}: {names}.",
    ),
    "doc_idle_none": (
        "Trong năm {year}, không có cặp kết nghĩa nào thiếu hoạt động.",
        "Every pairing did something in {year}.",
    ),
    "doc_unpaired": (
        "Còn {count} thôn, làng đặc biệt khó khăn chưa được kết nghĩa: {names}.",
        "{count} especially difficult villages still have no pairing: {names}.",
    ),
    "doc_unpaired_none": (
        "Tất cả thôn, làng đặc biệt khó khăn đều đã được kết nghĩa.",
        "Every especially difficult village has a pairing.",
    ),
    "doc_idle_years": ("{agency} ({years} năm)", "{agency} ({years} years)"),
    "doc_idle_agencies": (
        "Có {count} cơ quan, đơn vị có năm để cặp kết nghĩa không hoạt động: {names}.",
        "{count} agencies had a pairing that did nothing for a year: {names}.",
    ),
    "doc_idle_agencies_none": (
        "Không có cơ quan, đơn vị nào để cặp kết nghĩa không hoạt động trong giai đoạn.",
        "No agency left a pairing idle during the period.",
    ),
    "doc_dormant": (
        "Có {count} thôn, làng đã kết nghĩa nhưng không có hoạt động từ hai năm trở lên: {names}.",
        "{count} paired villages have had no activity for two years or more: {names}.",
    ),
    "doc_dormant_none": (
        "Không có thôn, làng đã kết nghĩa nào không có hoạt động từ hai năm trở lên.",
        "No paired village has gone two years without an activity.",
    ),
    "doc_outcomes": (
        "Năm {year}, ở {villages} thôn, làng được kết nghĩa có số liệu, số hộ nghèo giảm từ "
        "{poor_start} xuống {poor_end} hộ ({out} hộ thoát nghèo); {meeting} thôn, làng đạt "
        "chỉ tiêu từ 2 hộ thoát nghèo trở lên.",
        "In {year}, in the {villages} paired villages with figures, poor households went from "
        "{poor_start} to {poor_end} ({out} out of poverty); {meeting} villages met the aim of 2 "
        "or more.",
    ),
    "doc_open": (
        "Đến cuối năm {year} còn {count} nguyện vọng của nhân dân chưa được giải quyết.",
        "At the end of {year}, {count} aspirations of the people are still open.",
    ),
    "part_summary": ("Kết quả chung", "Overall results"),
    "part_places": ("Kết quả theo địa bàn và cơ quan, đơn vị", "By place and by agency"),
    "part_activities": ("Hoạt động và nguồn kinh phí", "Activities and their funding"),
    "part_formalism": ("Biểu hiện hình thức cần khắc phục", "Formalism to be corrected"),
    "part_outcomes": ("Kết quả giảm nghèo", "Poverty reduction"),
    "part_localities": ("Kết nghĩa giữa các địa phương", "Locality pairings"),
    "part_agencies": ("Các cơ quan, đơn vị qua các năm", "The agencies over the years"),
    "part_work": ("Hoạt động và nắm tình hình", "Activities and visits"),
    "part_open": ("Nguyện vọng chưa giải quyết", "Aspirations still open"),
    "sec_years": ("Các chỉ tiêu qua từng năm", "The figures of each year"),
    "col_ordinal": ("TT", "#"),
    "col_into_code": ("Mã cơ quan mới", "New code"),
    "docx_needs_output": (
        "báo cáo Word cần --output TỆP.docx (không in tệp nhị phân ra màn hình)",
        "a Word report needs --output FILE.docx (binary is never written to a terminal)",
    ),
    "docx_template_option": (
        "--template chỉ dùng với --format docx",
        "--template goes with --format docx",
    ),
    "docx_template_not_word": (
        "{path} không phải tệp Word (.docx): {detail}",
        "{path} is not a Word (.docx) file: {detail}",
    ),
    "docx_template_syntax": (
        "mẫu Word {path} có lỗi cú pháp Jinja: {detail}",
        "the Word template {path} has a Jinja syntax error: {detail}",
    ),
    "docx_template_filter": (
        "mẫu Word {path} dùng bộ lọc không có: {name} (có: {known})",
        "the Word template {path} uses an unknown filter: {name} (known: {known})",
    ),
    "docx_template_unknown": (
        "mẫu Word {path} dùng tên không có trong dữ liệu báo cáo: {detail}",
        "the Word template {path} uses a name the report does not have: {detail}",
    ),
    "docx_template_failed": (
        "không điền được mẫu Word {path}: {detail}",
        "could not fill the Word template {path}: {detail}",
    ),
    "history_title": ("Nhật ký thay đổi", "Audit trail"),
    "hist_at": ("Thời điểm", "When"),
    "hist_insert": ("thêm", "added"),
    "hist_update": ("sửa", "changed"),
    "hist_delete": ("xoá", "removed"),
    "hist_import": ("nhập tệp", "import"),
    "hist_imported": (
        "thêm bởi lần nhập #{id} ({file}, {who}, {when})",
        "created by import #{id} ({file}, {who}, {when})",
    ),
    "hist_actor": ("Người thực hiện", "Who"),
    "hist_command": ("Lệnh", "Command"),
    "hist_kind": ("Loại", "Kind"),
    "hist_key": ("Bản ghi", "Record"),
    "hist_action": ("Thao tác", "Action"),
    "hist_changes": ("Giá trị", "Values"),
    "year_locked": (
        "năm {year} đã khoá sổ: báo cáo đã nộp ngày {when} ({who}); muốn sửa số liệu năm này, "
        "hãy chạy `ketnghia unlock {year} --reason LÝ_DO`",
        "year {year} is locked: its report was filed on {when} by {who}; to change its "
        "records, first run `ketnghia unlock {year} --reason TEXT`",
    ),
    "unlock_needs_reason": (
        "hãy ghi lý do mở khoá năm {year}: --reason LÝ_DO",
        "say why year {year} is unlocked: --reason TEXT",
    ),
    "refile_locked": (
        "năm {year} đã khoá sổ: báo cáo đã nộp ngày {when} ({who}); muốn nộp lại, hãy chạy "
        "`ketnghia unlock {year} --reason LÝ_DO` trước",
        "year {year} is locked: its report was filed on {when} by {who}; to file it again, "
        "first run `ketnghia unlock {year} --reason TEXT`",
    ),
    "filed_figures_change": (
        "năm {year} đã khoá sổ: thay đổi này làm sai số liệu đã nộp ({sections}) — {records}; "
        "báo cáo đã nộp ngày {when} ({who}); muốn sửa, hãy chạy "
        "`ketnghia unlock {year} --reason LÝ_DO` trước",
        "year {year} is locked: this change would alter its filed figures ({sections}) — "
        "{records}; the report was filed on {when} by {who}; to change it, first run "
        "`ketnghia unlock {year} --reason TEXT`",
    ),
    "not_locked": ("năm {year} chưa khoá sổ", "year {year} is not locked"),
    "filed": (
        "đã nộp báo cáo năm {year} (sha256 {sha}); năm {year} đã khoá sổ",
        "filed the {year} report (sha256 {sha}); year {year} is locked",
    ),
    "locked": ("đã khoá sổ năm {year}", "year {year} is locked"),
    "unlocked": ("đã mở khoá năm {year}: {reason}", "year {year} is unlocked: {reason}"),
    "filed_same": (
        "báo cáo năm {year} đã nộp ngày {when} ({who}); số liệu không thay đổi",
        "the {year} report was filed on {when} by {who}; the figures are unchanged",
    ),
    "filed_differs": (
        "báo cáo năm {year} đã nộp ngày {when} ({who}); số liệu đã thay đổi ở: {sections}",
        "the {year} report was filed on {when} by {who}, and these figures have changed "
        "since: {sections}",
    ),
    "file_needs_whole_province": (
        "báo cáo nộp là báo cáo toàn tỉnh: bỏ --district, --commune và --agency",
        "a filed report covers the whole province: leave out --district, --commune and --agency",
    ),
    "restore_confirm": (
        "thay toàn bộ dữ liệu của {target} bằng bản sao lưu?",
        "replace every record in {target} with the backup?",
    ),
    "restore_refused": (
        "{target} đang có dữ liệu: thêm --yes để thay bằng bản sao lưu",
        "{target} holds records: give --yes to replace them with the backup",
    ),
    "copied": ("đã sao chép {rows} dòng sang {target}", "copied {rows} rows into {target}"),
    "copy_target_not_empty": (
        "{target} đã có dữ liệu: hãy sao chép vào một cơ sở dữ liệu trống",
        "{target} already holds records: copy into an empty database",
    ),
    "restored": (
        "đã khôi phục {target} từ {path}; cơ sở dữ liệu bị thay được giữ lại ở {kept}",
        "restored {target} from {path}; the database it replaced is kept as {kept}",
    ),
    "not_a_backup": (
        "{path} không phải cơ sở dữ liệu ketnghia hợp lệ ({detail}); chưa khôi phục gì",
        "{path} is not a sound ketnghia database ({detail}); nothing was restored",
    ),
    "backup_newer": (
        "{path} có lược đồ {revision} mà phiên bản ketnghia này không biết (do ketnghia mới "
        "hơn hoặc chương trình khác tạo); chưa khôi phục gì",
        "{path} has schema {revision}, which this ketnghia does not know (a newer ketnghia "
        "made it, or another program); nothing was restored",
    ),
    "restore_from_itself": (
        "{path} chính là cơ sở dữ liệu đang dùng: hãy khôi phục từ một bản sao lưu",
        "{path} is the database itself: restore from a backup",
    ),
    "restore_postgres": (
        "khôi phục cơ sở dữ liệu PostgreSQL: dùng pg_restore (vd. pg_restore -c -d DBNAME {path})",
        "restore of a PostgreSQL database: use pg_restore (e.g. pg_restore -c -d DBNAME {path})",
    ),
    "mapping_missing_column": (
        "{file}: bảng đối chiếu thiếu cột {column}",
        "{file}: the mapping has no column {column}",
    ),
    "mapping_not_utf8": (
        "{file}: bảng đối chiếu phải là CSV mã UTF-8",
        "{file}: the mapping must be UTF-8 CSV",
    ),
    "mapping_bad_value": (
        "{file}:{row}:{column}: {reason}",
        "{file}:{row}:{column}: {reason}",
    ),
    "mapping_bad_row": (
        "{file}:{row}:{column}: thiếu mã hoặc mã không khớp tên",
        "{file}:{row}:{column}: missing or mismatched codes",
    ),
    "unit_from": ("từ {date}", "from {date}"),
    "merge_into_itself": (
        "không thể sáp nhập {agency} vào chính nó",
        "{agency} cannot be merged into itself",
    ),
    "already_merged": (
        "{agency} đã sáp nhập vào {into} ngày {date}",
        "{agency} was already merged into {into} on {date}",
    ),
    "merge_later_pairing": (
        "{agency} có kết nghĩa với {village} bắt đầu ngày {date}, từ ngày sáp nhập trở đi: "
        "hãy chuyển nó sang cơ quan mới trước",
        "{agency} has a pairing with {village} that starts on {date}, on or after the merger: "
        "move it to the new agency first",
    ),
    "merged": (
        "đã sáp nhập {agencies} vào {into} ngày {on}: {carried} kết nghĩa tiếp tục, cùng "
        "{activities} hoạt động và {visits} lần nắm tình hình từ ngày đó",
        "merged {agencies} into {into} on {on}: {carried} pairings continue, with {activities} "
        "activities and {visits} visits from that day",
    ),
    "units_title": ("Đơn vị hành chính", "Administrative units"),
    "units_loaded": (
        "đã nạp {units} đơn vị và {successions} liên kết cũ→mới ({removed} liên kết bị thay); "
        "đã gắn {linked} thôn vào xã",
        "loaded {units} units and {successions} old→new links ({removed} replaced); "
        "{linked} villages placed",
    ),
    "apply_done": (
        "đã chuyển {moved} thôn sang xã mới từ 01/07/2025; {split} thôn thuộc xã bị chia cần "
        "xếp tay; {unplaced} thôn chưa rõ xã",
        "moved {moved} villages to their new communes from 2025-07-01; {split} in split "
        "communes to place by hand; {unplaced} with no known commune",
    ),
    "apply_dry_run": (
        "sẽ chuyển {moved} thôn; {split} thôn thuộc xã bị chia cần xếp tay; {unplaced} thôn "
        "chưa rõ xã (chưa ghi gì)",
        "would move {moved} villages; {split} in split communes to place by hand; "
        "{unplaced} with no known commune (nothing written)",
    ),
    "split_title": (
        "Thôn thuộc xã bị chia: xếp từng thôn bằng `ketnghia village move V --to MÃ "
        "--on 2025-07-01`",
        "Villages of split communes: place each with `ketnghia village move V --to CODE "
        "--on 2025-07-01`",
    ),
    "unplaced_title": (
        "Thôn có tên xã ghi nhận không khớp đơn vị nào",
        "Villages whose recorded commune names no known unit",
    ),
    "moved_village": (
        "thôn {village} thuộc {commune} từ {date}",
        "{village} belongs to {commune} from {date}",
    ),
    "places_title": ("Địa bàn của {village}", "Places of {village}"),
    "unit_until": ("đến {date}", "until {date}"),
    # record names, as used inside messages
    "rec_agency": ("cơ quan", "agency"),
    "rec_village": ("thôn", "village"),
    "rec_pairing": ("kết nghĩa", "pairing"),
    "rec_commune": ("xã/phường", "commune"),
    "rec_district": ("huyện", "district"),
    "rec_locality": ("kết nghĩa địa phương", "locality pairing"),
    "rec_contribution": ("khoản đóng góp", "contribution"),
    "rec_contributions": ("khoản đóng góp", "contributions"),
    "rec_household": ("cặp hộ kết nghĩa", "household pairing"),
    "rec_activity": ("hoạt động", "activity"),
    "rec_visit": ("lần nắm tình hình", "visit"),
    "rec_inspection": ("lần kiểm tra", "inspection"),
    "rec_pairings": ("kết nghĩa", "pairings"),
    "rec_supported_pairings": ("kết nghĩa phối hợp", "pairings it supports"),
    "rec_households": ("cặp hộ", "household pairings"),
    "rec_activities": ("hoạt động", "activities"),
    "rec_visits": ("lần nắm tình hình", "visits"),
    "rec_inspections": ("lần kiểm tra", "inspections"),
    "rec_localities": ("kết nghĩa địa phương", "locality pairings"),
    "rec_cosigned_localities": ("kết nghĩa địa phương đồng ký", "locality pairings it co-signed"),
    "rec_merged_agencies": ("cơ quan đã hợp nhất vào", "agencies merged into it"),
    "rec_village_stats": ("năm chỉ số thôn", "village figures (years)"),
    "rec_collection_forms": ("biểu mẫu thu thập", "collection forms"),
    "rec_collection_returns": ("biểu mẫu đã nộp lại", "returned forms"),
    # success and info
    "added": ("đã thêm {kind} {key}", "added {kind} {key}"),
    "updated": ("đã sửa {kind} {key}", "updated {kind} {key}"),
    "removed": ("đã xoá {kind} {key}", "removed {kind} {key}"),
    "ended": ("đã kết thúc {kind} {key} ngày {date}", "ended {kind} {key} on {date}"),
    "written": ("đã ghi {path}", "wrote {path}"),
    "upgraded": (
        "cơ sở dữ liệu {target} ở lược đồ {revision}",
        "database {target} is at schema {revision}",
    ),
    "check_ok": ("không có lỗi", "no problems found"),
    "check_problems": ("phát hiện {count} lỗi", "{count} problem(s) found"),
    "backup_done": ("đã sao lưu vào {path}", "backup written to {path}"),
    "demo_building": ("đang tạo cơ sở dữ liệu mẫu {path}", "building the sample database {path}"),
    "demo_not_empty": (
        "bản mẫu cần một cơ sở dữ liệu trống, nhưng {target} đã có dữ liệu",
        "the demo needs an empty database, and {target} already holds records",
    ),
    "demo_done": (
        "cơ sở dữ liệu mẫu: {path}. Thử: ketnghia --db {path} pair list",
        "sample database ready: {path}. Try: ketnghia --db {path} pair list",
    ),
    "import_summary": (
        "{kind}: thêm {inserted}, cập nhật {updated}, không đổi {unchanged}, bỏ qua {skipped}",
        "{kind}: {inserted} inserted, {updated} updated, {unchanged} unchanged, {skipped} skipped",
    ),
    "no_rows": ("không có bản ghi", "no records"),
    "yes": ("có", "yes"),
    "info_target": ("Cơ sở dữ liệu", "Database"),
    "info_backend": ("Loại", "Backend"),
    "info_revision": ("Phiên bản lược đồ", "Schema revision"),
    "info_database_id": ("Mã cơ sở dữ liệu", "Database id"),
    # the template's guide sheet
    "guide_title": ("Hướng dẫn nhập liệu", "How to fill in this workbook"),
    "guide_rows": (
        "Mỗi trang là một loại dữ liệu: nhập từ dòng 2, mỗi dòng một bản ghi; "
        "trang nào không có số liệu thì để trống.",
        "Each sheet holds one kind of record: fill it in from row 2, one record per row; "
        "leave a sheet empty when you have nothing for it.",
    ),
    "guide_formats": (
        "Ngày ghi dạng 15/03/2024 hoặc 2024-03-15; số tiền ghi bằng đồng (45.000.000).",
        "Dates as 15/03/2024 or 2024-03-15; money in whole đồng (45.000.000).",
    ),
    "guide_lists": (
        "Cột có danh sách chọn thì chọn giá trị trong danh sách (trang '{lists}').",
        "Columns with a drop-down take a value from its list (sheet '{lists}').",
    ),
    "guide_examples": (
        "Các dòng dưới đây là ví dụ cho từng trang. Trang '{guide}' không bao giờ được "
        "nhập vào cơ sở dữ liệu; chỉ chép sang các trang số liệu đúng những gì cần ghi.",
        "The rows below are examples of each sheet. This sheet ('{guide}') is never "
        "imported; copy to the data sheets only what you mean to record.",
    ),
    "guide_import": (
        "Nhập xong: ketnghia import TỆP.xlsx (thêm --dry-run để kiểm tra trước).",
        "When done: ketnghia import FILE.xlsx (add --dry-run to check first).",
    ),
    "guide_example": ("Ví dụ: trang '{sheet}'", "Example: sheet '{sheet}'"),
    "info_size_bytes": ("Dung lượng (byte)", "Size (bytes)"),
    "info_agencies": ("Cơ quan", "Agencies"),
    "info_villages": ("Thôn làng", "Villages"),
    "info_pairings": ("Kết nghĩa", "Pairings"),
    "info_household_pairings": ("Kết nghĩa hộ", "Household pairings"),
    "info_activities": ("Hoạt động", "Activities"),
    "info_visits": ("Nắm tình hình", "Visits"),
    "info_inspections": ("Kiểm tra", "Inspections"),
    "info_annual_reports": ("Báo cáo đã nộp", "Filed reports"),
    "info_village_stats": ("Chỉ số thôn", "Village figures"),
    "info_locality_pairings": ("Kết nghĩa địa phương", "Locality pairings"),
    "info_contributions": ("Đóng góp địa phương", "Locality contributions"),
    "no": ("không", "no"),
    "col_agency": ("Tên cơ quan", "Agency name"),
    "col_village": ("Tên thôn", "Village name"),
    "col_database_id": ("Mã cơ sở dữ liệu", "Database id"),
    "none": ("không có", "none"),
    # the collection round's forms (importing/forms.py, importing/returns.py)
    "form_title": ("Biểu mẫu báo cáo kết nghĩa năm {year}", "Twinning return for {year}"),
    "form_guide_sheets": (
        "Trang '{pairings}' là các cặp kết nghĩa của đơn vị trong năm (chỉ để xem). Các trang "
        "{sheets} có sẵn số liệu năm {year} đã lưu: sửa nếu sai, thêm dòng mới vào các dòng "
        "trống bên dưới.",
        "The sheet '{pairings}' lists your pairings of the year (to read only). The sheets "
        "{sheets} hold what is recorded for {year}: correct what is wrong, add new records in "
        "the empty rows below.",
    ),
    "form_guide_rows": (
        "Không xóa hay sửa cột Số của các dòng có sẵn; dòng mới để trống cột Số.",
        "Do not delete or change the id of the rows already there; leave it empty on new rows.",
    ),
    "form_guide_new": (
        "Ngày ghi dạng 15/03/{year} và phải trong năm {year}; số tiền ghi bằng đồng (45.000.000).",
        "Dates as 15/03/{year}, within {year}; money in whole đồng (45,000,000).",
    ),
    "form_guide_lists": (
        "Mã cơ quan, mã thôn, loại hoạt động và nguồn kinh phí chọn trong danh sách (trang "
        "'{lists}'); chỉ ghi cho các thôn kết nghĩa của đơn vị.",
        "Agency code, village code, kind and source are picked from their drop-downs (sheet "
        "'{lists}'); only for your own paired villages.",
    ),
    "form_guide_send": (
        "Điền xong, lưu và gửi lại nguyên tệp này (không đổi tên trang, không sao chép sang sổ "
        "khác).",
        "When done, save and send this very file back (do not rename its sheets or copy them "
        "into another workbook).",
    ),
    "form_pick_from_list": ("Chọn một giá trị trong danh sách.", "Pick a value from the list."),
    "form_date_in_year": ("Ngày phải trong năm {year}.", "The date must be within {year}."),
    "forms_folder": (
        "không ghi được biểu mẫu vào thư mục {path}: {reason}",
        "cannot write the forms in the folder {path}: {reason}",
    ),
    "forms_not_a_folder": ("đây là một tệp, không phải thư mục", "it is a file, not a folder"),
    "forms_none_expected": (
        "không có cơ quan nào có cặp kết nghĩa còn hiệu lực trong năm {year}",
        "no agency has a pairing active during {year}",
    ),
    "form_not_expected": (
        "cơ quan {agency} không có cặp kết nghĩa nào còn hiệu lực trong năm {year}",
        "agency {agency} has no pairing active during {year}",
    ),
    "forms_written": (
        "đã ghi {count} biểu mẫu vào {path}",
        "wrote {count} form(s) in {path}",
    ),
    "form_damaged": (
        "{file}: biểu mẫu bị hỏng (trang nhận dạng ẩn không đọc được); hãy dùng lại tệp đã gửi",
        "{file}: the form is damaged (its hidden identity sheet cannot be read); use the file "
        "as it was sent",
    ),
    "form_other_database": (
        "{file}: biểu mẫu này được lập từ một cơ sở dữ liệu khác",
        "{file}: this form was made from another database",
    ),
    "form_version_unknown": (
        "{file}: biểu mẫu phiên bản {version} do một phiên bản ketnghia mới hơn lập; hãy cập "
        "nhật ketnghia",
        "{file}: the form is of version {version}, made by a newer ketnghia; update ketnghia",
    ),
    "form_unknown": (
        "{file}: cơ sở dữ liệu này không có biểu mẫu này (lập trước khi khôi phục bản sao?); "
        "hãy lập lại biểu mẫu bằng collect forms",
        "{file}: this database has no record of this form (made before a backup was "
        "restored?); make the form again with collect forms",
    ),
    "form_altered": (
        "{file}: trang nhận dạng của biểu mẫu đã bị sửa (biểu mẫu được lập cho {agency}, năm "
        "{year})",
        "{file}: the form's identity sheet was altered (the form was made for {agency}, year "
        "{year})",
    ),
    "form_other_sheet": (
        "{file}: biểu mẫu chỉ nhận hoạt động, nắm tình hình và kết nghĩa hộ, không nhận {kind}",
        "{file}: a form takes activities, visits and household pairings only, not {kind}",
    ),
    "form_other_agency": (
        "{agency} không phải cơ quan của biểu mẫu này ({form})",
        "{agency} is not the agency of this form ({form})",
    ),
    "form_other_village": (
        "{village} không phải thôn kết nghĩa của đơn vị trong năm {year}",
        "{village} is not a village this agency is paired with in {year}",
    ),
    "form_outside_year": (
        "ngày {date} không thuộc năm {year} của biểu mẫu",
        "dated {date}, outside {year}, the year of this form",
    ),
    "form_not_active": (
        "kết nghĩa hộ không còn hiệu lực trong năm {year} của biểu mẫu",
        "the household pairing is not active during {year}, the year of this form",
    ),
    "form_id_not_sent": (
        "biểu mẫu không gửi bản ghi số {id}; chỉ sửa được các dòng có sẵn trong biểu mẫu (xóa "
        "ô Số để thêm dòng mới)",
        "this form did not send record #{id}; only its own rows can be changed (clear the id "
        "to add a new row)",
    ),
    "form_returned": (
        "{file}: đã ghi nhận biểu mẫu nộp lại của {agency} năm {year} ({added} dòng thêm, "
        "{changed} dòng sửa)",
        "{file}: recorded the return of {agency} for {year} ({added} row(s) added, {changed} "
        "changed)",
    ),
    "errors_folder_is_input": (
        "--errors {path}: các bản sao biểu mẫu được ghi với tên của chính chúng; hãy chọn một "
        "thư mục khác với thư mục chứa tệp nhập",
        "--errors {path}: the forms' copies are written under their own names; choose a "
        "folder other than the one the files are read from",
    ),
    "folder_no_files": (
        "thư mục {path} không có tệp nào để nhập (.xlsx, .csv, .json …)",
        "the folder {path} holds no file to import (.xlsx, .csv, .json …)",
    ),
}
