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
    "Never ask for a missing required value at a terminal: fail as a script does (also "
    "$KETNGHIA_NO_INPUT=1).": (
        "Không bao giờ hỏi giá trị bắt buộc còn thiếu khi chạy ở cửa sổ lệnh: báo lỗi như khi "
        "chạy trong kịch bản (hoặc đặt $KETNGHIA_NO_INPUT=1)."
    ),
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
    "Only these columns, in this order (keys as in JSON).": (
        "Chỉ các cột này, theo đúng thứ tự này (tên cột như trong JSON)."
    ),
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
    # import
    "Import CSV, TSV, JSON, JSON Lines or xlsx files, all or nothing, in one transaction. Rows "
    "of a file exported from this database are matched to stored records by their id; other "
    "rows on their natural keys (agency code, village code, agency + village + started_on, …): "
    "new ones are inserted, changed ones updated, the same ones left alone, so importing a file "
    "twice changes nothing. Every problem of every row is told as FILE:ROW:COLUMN: reason.": (
        "Nhập các tệp CSV, TSV, JSON, JSON Lines hoặc xlsx, tất cả hoặc không gì cả, trong một "
        "giao dịch. Các dòng của tệp xuất từ chính cơ sở dữ liệu này được đối chiếu với bản ghi "
        "đã lưu theo id; các dòng khác theo khóa tự nhiên (mã cơ quan, mã thôn, cơ quan + thôn "
        "+ started_on, …): dòng mới được thêm, dòng thay đổi được cập nhật, dòng giống hệt được "
        "giữ nguyên, nên nhập một tệp hai lần không thay đổi gì. Mọi lỗi của từng dòng được báo "
        "dạng TỆP:DÒNG:CỘT: lý do."
    ),
    "Files to import; - reads CSV from stdin.": (
        "Các tệp cần nhập; - là đọc CSV từ đầu vào chuẩn (stdin)."
    ),
    "What the files hold (agencies, villages, pairings, …).": (
        "Tệp chứa loại dữ liệu gì (cơ quan, thôn, kết nghĩa, …)."
    ),
    "Check and count, write nothing.": "Kiểm tra và đếm, không ghi gì.",
    "A stored record with other values: update it, skip the row, or stop with an error.": (
        "Khi bản ghi đã lưu có giá trị khác: cập nhật, bỏ qua dòng đó, hoặc dừng và báo lỗi."
    ),
    "Encoding of text files that are not UTF-8 (cp1258 …).": (
        "Bảng mã của tệp văn bản không phải UTF-8 (cp1258 …)."
    ),
    "CSV delimiter: one character, or tab (default: guessed).": (
        "Ký tự phân cách CSV: một ký tự, hoặc tab (mặc định: tự đoán)."
    ),
    "No progress bar.": "Không hiện thanh tiến trình.",
    "Summary as text or json.": "Tóm tắt dạng văn bản (text) hoặc json.",
    "When rows are refused, write them here as they were sent, with their problems (xlsx: bad "
    "cells filled and commented), to send back for correction. A folder: each refused returned "
    "form as a copy of itself, its bad cells marked.": (
        "Khi có dòng bị từ chối, ghi chúng vào đây như khi gửi, kèm lỗi của từng dòng (xlsx: ô "
        "sai được tô màu và ghi chú), để gửi lại cho đơn vị sửa. Nếu là thư mục: mỗi biểu mẫu "
        "nộp lại bị từ chối được ghi thành một bản sao của chính nó, các ô sai được đánh dấu."
    ),
    # export
    "Write records with the import's column names, so that what is exported imports back. `all` "
    "writes every kind: one xlsx workbook with a sheet per kind, or with csv/json one file per "
    "kind in the folder given by --output.": (
        "Ghi bản ghi với tên cột của lệnh nhập, để dữ liệu đã xuất có thể nhập lại. `all` ghi "
        "mọi loại: một sổ xlsx mỗi loại một trang tính, hoặc với csv/json mỗi loại một tệp "
        "trong thư mục chỉ ra bằng --output."
    ),
    "agencies, villages, pairings, households, activities, visits, inspections, or all.": (
        "agencies (cơ quan), villages (thôn), pairings (kết nghĩa), households (hộ), activities "
        "(hoạt động), visits (chuyến thăm), inspections (kiểm tra), hoặc all (tất cả)."
    ),
    "csv, json or xlsx.": "csv, json hoặc xlsx.",
    "Headers and choices as the canonical keys and codes, or as labels in the language "
    "(default: labels in Vietnamese for csv and xlsx, else canonical; json always canonical).": (
        "Tiêu đề cột và các lựa chọn theo khóa, mã cố định tiếng Anh (canonical) hay theo tên "
        "trong ngôn ngữ đang dùng (labels) (mặc định: tên tiếng Việt với csv và xlsx khi dùng "
        "tiếng Việt, còn lại canonical; json luôn canonical)."
    ),
    "CSV delimiter: one character, or tab (default: ; in Vietnamese, as Excel on a Vietnamese "
    "Windows reads it, else ,).": (
        "Dấu phân cách CSV: một ký tự, hoặc tab (mặc định: ; khi dùng tiếng Việt, như Excel trên "
        "Windows tiếng Việt đọc, còn lại ,)."
    ),
    "Only records dated in Y (pairings: active during Y).": (
        "Chỉ các bản ghi có ngày trong năm đó (kết nghĩa: còn hiệu lực trong năm)."
    ),
    # template
    "An empty workbook to fill in: a sheet per kind with its headers, drop-down lists for "
    "kinds, sources, levels and yes/no, date and money formats; examples on a guide sheet that "
    "import passes over.": (
        "Một sổ Excel trống để điền: mỗi loại một trang tính với tiêu đề cột, danh sách chọn "
        "cho loại, nguồn vốn, mức độ và có/không, định dạng ngày và tiền; ví dụ nằm ở trang "
        "hướng dẫn mà lệnh nhập bỏ qua."
    ),
    "Where to write the workbook (- is stdout).": "Nơi ghi sổ Excel (- là màn hình).",
    "Language of the headers.": "Ngôn ngữ của tiêu đề cột.",
    # history
    "The audit trail: who changed which record, when, with what command, before and after.": (
        "Nhật ký thay đổi: ai đã thay đổi bản ghi nào, khi nào, bằng lệnh gì, trước và sau."
    ),
    "agencies, villages, pairings, …, import, lock.": (
        "agencies, villages, pairings, …, import, lock."
    ),
    "A record's key: a code, a ref, 'AGENCY VILLAGE DATE', #id.": (
        "Khóa của một bản ghi: mã, mã hoạt động (ref), 'CƠ_QUAN THÔN NGÀY', #id."
    ),
    "Only this person's changes.": "Chỉ các thay đổi của người này.",
    "From this date (UTC).": "Từ ngày này (giờ UTC).",
    # lock
    "Lock a year: no record dated in it may change until it is unlocked (its report is stored "
    "first, if it was not filed yet, so that later drift can be shown).": (
        "Khóa một năm: không bản ghi nào có ngày trong năm đó được thay đổi cho đến khi mở khóa "
        "(báo cáo của năm được lưu trước, nếu chưa lưu, để sau này thấy được chênh lệch)."
    ),
    "The year to lock.": "Năm cần khóa.",
    # unlock
    "Unlock a year, with a reason that the audit trail keeps.": (
        "Mở khóa một năm, kèm lý do được ghi vào nhật ký."
    ),
    "The year to unlock.": "Năm cần mở khóa.",
    "Why (kept in history).": "Lý do (ghi vào lịch sử).",
    # demo
    "Build a sample database (./ketnghia-demo.db, or --db if given, which must be empty) from "
    "the sample province, show what it holds and its 2024 annual report.": (
        "Tạo một cơ sở dữ liệu mẫu (./ketnghia-demo.db, hoặc --db nếu có, phải đang trống) từ "
        "tỉnh mẫu, hiện nội dung và báo cáo năm 2024 của nó."
    ),
    # village
    "Villages (thôn, làng, buôn, plei).": "Thôn, làng, buôn, plei.",
    "List villages in Vietnamese alphabetical order of their names.": (
        "Liệt kê thôn theo thứ tự chữ cái tiếng Việt của tên."
    ),
    "Commune name.": "Tên xã.",
    "With --district/--commune: where villages were on this date (else as recorded).": (
        "Với --district/--commune: thôn thuộc đâu vào ngày này (nếu không thì theo nơi đã ghi)."
    ),
    "Only villages that are (or are not) especially difficult (ĐBKK).": (
        "Chỉ các thôn đặc biệt khó khăn (ĐBKK) (hoặc không phải)."
    ),
    "A village's figures for a year (households, poor, near-poor, income per head): with "
    "--village and --year and figures, record them; with figures left out, list them.": (
        "Số liệu của một thôn trong một năm (số hộ, hộ nghèo, hộ cận nghèo, thu nhập bình quân "
        "đầu người): có --village, --year và số liệu thì ghi lại; bỏ trống số liệu thì liệt kê."
    ),
    "The village belongs to another commune from a date (a change of the map, or a correction): "
    "the place before ends the day before; the history is kept.": (
        "Thôn thuộc về một xã khác từ một ngày (do thay đổi địa giới, hoặc sửa sai): nơi cũ kết "
        "thúc vào ngày hôm trước; lịch sử được giữ lại."
    ),
    "The village (code or name).": "Thôn (mã hoặc tên).",
    "The commune: official code or name.": "Xã: mã chính thức hoặc tên.",
    "From this date.": "Từ ngày này.",
    "Narrows a commune name that repeats.": "Thu hẹp khi tên xã bị trùng.",
    "Why (kept with the place).": "Lý do (lưu cùng nơi thuộc về).",
    "Which commune the village belonged to, from when to when.": (
        "Thôn đã thuộc xã nào, từ khi nào đến khi nào."
    ),
    # pair
    "Pairings of an agency with a village (kết nghĩa).": "Kết nghĩa giữa một cơ quan và một thôn.",
    "Pair an agency with a village: --agency, --village and --since are required.": (
        "Kết nghĩa một cơ quan với một thôn: bắt buộc có --agency, --village và --since."
    ),
    "List pairings by agency name, then village name.": (
        "Liệt kê kết nghĩa theo tên cơ quan, rồi tên thôn."
    ),
    "Active during year Y.": "Còn hiệu lực trong năm đó.",
    "Only those active today.": "Chỉ những kết nghĩa còn hiệu lực hôm nay.",
    "Show a pairing: its id, or --agency and --village (the one active today, or the only one).": (
        "Xem một kết nghĩa: theo id, hoặc --agency và --village (kết nghĩa còn hiệu lực hôm "
        "nay, hoặc kết nghĩa duy nhất)."
    ),
    "Pairing id, as shown by list.": "Id của kết nghĩa, như lệnh list hiển thị.",
    "Pick the pairing that started on this date.": "Chọn kết nghĩa bắt đầu vào ngày này.",
    "End a pairing on a date: pair end --agency A --village V --on DATE.": (
        "Kết thúc một kết nghĩa vào một ngày: pair end --agency A --village V --on NGÀY."
    ),
    "The last day of the pairing.": "Ngày cuối cùng của kết nghĩa.",
    "Change a pairing's dates, decision, lead, supporters or note.": (
        "Sửa ngày, quyết định, đơn vị chủ trì, đơn vị phối hợp hoặc ghi chú của một kết nghĩa."
    ),
    "Move the start date.": "Dời ngày bắt đầu.",
    "Remove a pairing that has no activities or visits (e.g. one entered by mistake).": (
        "Xóa một kết nghĩa chưa có hoạt động hay chuyến thăm nào (ví dụ nhập nhầm)."
    ),
    # activity
    "Activities: works and support that leave concrete products.": (
        "Hoạt động: công trình và hỗ trợ để lại sản phẩm cụ thể."
    ),
    "Numeric id as shown by list (or an activity ref).": (
        "Số thứ tự (id) như lệnh list hiển thị (hoặc mã hoạt động)."
    ),
    "List activities by date.": "Liệt kê hoạt động theo ngày.",
    "Activity kind.": "Loại hoạt động.",
    "Source of funds.": "Nguồn kinh phí.",
    "Up to this date.": "Đến ngày này.",
    # household
    "Household pairings: a well-off household helps a poor one (kết nghĩa hộ).": (
        "Kết nghĩa hộ: hộ khá giúp đỡ hộ nghèo."
    ),
    "Pair a helping household with a helped one in a village.": (
        "Kết nghĩa một hộ giúp đỡ với một hộ được giúp trong một thôn."
    ),
    "List household pairings by village.": "Liệt kê kết nghĩa hộ theo thôn.",
    "Show a household pairing: its id, or --village --helper --helped.": (
        "Xem một kết nghĩa hộ: theo id, hoặc --village --helper --helped."
    ),
    "Id as shown by list.": "Id như lệnh list hiển thị.",
    "The helping household.": "Hộ giúp đỡ.",
    "The household helped.": "Hộ được giúp đỡ.",
    "End a household pairing on a date.": "Kết thúc một kết nghĩa hộ vào một ngày.",
    "Remove a household pairing entered by mistake.": "Xóa một kết nghĩa hộ nhập nhầm.",
    # visit
    "Visits to learn the situation and what people ask for (nắm tình hình).": (
        "Chuyến thăm nắm tình hình và nguyện vọng của nhân dân."
    ),
    "List visits by date.": "Liệt kê chuyến thăm theo ngày.",
    "Only visits whose aspirations are not yet resolved.": (
        "Chỉ các chuyến thăm có nguyện vọng chưa được giải quyết."
    ),
    "Mark a visit's aspirations resolved: its resolved-on date and a note.": (
        "Đánh dấu nguyện vọng của một chuyến thăm đã được giải quyết: ngày giải quyết và ghi chú."
    ),
    "The day they were resolved (default: today).": "Ngày giải quyết (mặc định: hôm nay).",
    "How: added to the visit's note.": "Cách giải quyết: thêm vào ghi chú của chuyến thăm.",
    # inspection
    "Inspections by the Mass Mobilisation Commission (kiểm tra, giám sát).": (
        "Kiểm tra, giám sát của Ban Dân vận."
    ),
    "Record an inspection of an agency's twinning work (optionally in one village).": (
        "Ghi một đợt kiểm tra công tác kết nghĩa của một cơ quan (có thể tại một thôn)."
    ),
    "List inspections by date.": "Liệt kê các đợt kiểm tra theo ngày.",
    "Show one inspection.": "Xem một đợt kiểm tra.",
    "Change the given fields of an inspection.": "Sửa các trường đã cho của một đợt kiểm tra.",
    "Remove an inspection.": "Xóa một đợt kiểm tra.",
    # db
    "The database itself: info, check, upgrade, backup.": (
        "Chính cơ sở dữ liệu: thông tin, kiểm tra, nâng cấp, sao lưu."
    ),
    "Where the database is, its id, its schema revision and how many records it holds.": (
        "Cơ sở dữ liệu ở đâu, mã định danh, phiên bản cấu trúc và số bản ghi đang lưu."
    ),
    "Check integrity, foreign keys and the programme's rules; exit 1 if anything is wrong.": (
        "Kiểm tra tính toàn vẹn, khóa ngoại và các quy định của chương trình; thoát với mã 1 "
        "nếu có gì sai."
    ),
    "Bring the database's schema to this version of ketnghia (done on first use anyway).": (
        "Nâng cấu trúc cơ sở dữ liệu lên phiên bản ketnghia này (dù sao cũng tự làm khi dùng "
        "lần đầu)."
    ),
    "A consistent copy of the database, safe while others write (SQLite backup API).": (
        "Một bản sao nhất quán của cơ sở dữ liệu, an toàn cả khi người khác đang ghi (API sao "
        "lưu của SQLite)."
    ),
    "Where to write the copy (must not exist).": "Nơi ghi bản sao (tệp chưa có).",
    "Copy this database, every row and its history, into another (empty) one — SQLite to "
    "PostgreSQL or back.": (
        "Sao chép cơ sở dữ liệu này, mọi dòng và lịch sử của nó, sang một cơ sở dữ liệu khác "
        "(đang trống) — từ SQLite sang PostgreSQL hoặc ngược lại."
    ),
    "The database to copy into: a path or a URL.": (
        "Cơ sở dữ liệu đích: đường dẫn tệp hoặc địa chỉ URL."
    ),
    "Replace this database with a backup. A database that holds records is replaced only with "
    "--yes (or after you confirm at a terminal).": (
        "Thay cơ sở dữ liệu này bằng một bản sao lưu (khôi phục). Cơ sở dữ liệu đang có bản ghi "
        "chỉ được thay khi có --yes (hoặc sau khi bạn xác nhận tại cửa sổ lệnh)."
    ),
    "A backup made by `ketnghia db backup`.": "Bản sao lưu tạo bằng `ketnghia db backup`.",
    "Replace a database that holds records.": "Thay cả cơ sở dữ liệu đang có bản ghi.",
    # report
    "Reports for the Standing Committee.": "Báo cáo gửi Ban Thường vụ.",
    "The annual report: pairings, activities and their value, visits, household pairings, and "
    "the formalism warnings (idle pairings, especially difficult villages left unpaired).": (
        "Báo cáo năm: kết nghĩa, hoạt động và giá trị, chuyến thăm, kết nghĩa hộ, và các cảnh "
        "báo hình thức (kết nghĩa không hoạt động, thôn đặc biệt khó khăn chưa được kết nghĩa)."
    ),
    "The year reported on.": "Năm báo cáo.",
    "Only this (old) district.": "Chỉ huyện (cũ) này.",
    "Only this commune (as it was in the year).": "Chỉ xã này (như trong năm báo cáo).",
    "Only this agency (code or name).": "Chỉ cơ quan này (mã hoặc tên).",
    "Place villages on the map of this date (e.g. 2025-07-01).": (
        "Xếp thôn theo địa giới vào ngày này (ví dụ 2025-07-01)."
    ),
    "table, json, csv, xlsx, md, html or docx.": "table, json, csv, xlsx, md, html hoặc docx.",
    "File this report: store its figures and lock the year.": (
        "Lưu báo cáo này: lưu số liệu và khóa năm."
    ),
    "Fill this Word template (Jinja tags, see README) instead of the built-in layout.": (
        "Điền vào mẫu Word này (thẻ Jinja, xem README) thay cho bố cục có sẵn."
    ),
    "html, docx: the issuing body (BAN TUYÊN GIÁO VÀ DÂN VẬN).": (
        "html, docx: cơ quan ban hành (BAN TUYÊN GIÁO VÀ DÂN VẬN)."
    ),
    "html, docx: the superior body (TỈNH ỦY GIA LAI).": (
        "html, docx: cơ quan cấp trên (TỈNH ỦY GIA LAI)."
    ),
    "html, docx: the issuer's letters after the number (BTGDVTU).": (
        "html, docx: chữ viết tắt của cơ quan ban hành sau số văn bản (BTGDVTU)."
    ),
    "html, docx: the place before the date (Gia Lai).": (
        "html, docx: địa danh trước ngày tháng (Gia Lai)."
    ),
    "html, docx: the date the document is made (today).": "html, docx: ngày lập văn bản (hôm nay).",
    "html, docx: the signer's name (blank: by hand).": (
        "html, docx: họ tên người ký (để trống: ký tay)."
    ),
    "html, docx: the signer's position, a line each (TRƯỞNG BAN).": (
        "html, docx: chức vụ người ký, mỗi dòng một mục (TRƯỞNG BAN)."
    ),
    'html, docx: a recipient under "Nơi nhận:", one each.': (
        'html, docx: một nơi nhận dưới "Nơi nhận:", mỗi nơi một mục.'
    ),
    "The review of several years: totals side by side with the change, each agency across the "
    "years (value, idle years), pairings started and ended, dormant villages.": (
        "Báo cáo tổng kết nhiều năm: số liệu tổng đặt cạnh nhau kèm mức thay đổi, từng cơ quan "
        "qua các năm (giá trị, năm không hoạt động), kết nghĩa bắt đầu và kết thúc, thôn không "
        "có hoạt động."
    ),
    "First year of the period.": "Năm đầu của giai đoạn.",
    "Last year of the period.": "Năm cuối của giai đoạn.",
    "One agency's own report for a year: its villages, activities, visits, open aspirations — "
    "the page each unit sends up.": (
        "Báo cáo riêng của một cơ quan trong một năm: các thôn, hoạt động, chuyến thăm, nguyện "
        "vọng chưa giải quyết — trang mỗi đơn vị gửi lên."
    ),
    "Agency code, id or name.": "Mã, id hoặc tên của cơ quan.",
    "Write the default Word template of the annual report, to edit in Word and use with `report "
    "annual --format docx --template FILE` (its tags and filters: see README).": (
        "Ghi mẫu Word mặc định của báo cáo năm, để sửa trong Word và dùng với `report annual "
        "--format docx --template FILE` (các thẻ và bộ lọc: xem README)."
    ),
    "Where to write the template (.docx).": "Nơi ghi mẫu (.docx).",
    # locality
    "Locality pairings: a ward or commune paired with a commune, with co-signers.": (
        "Kết nghĩa địa phương: một phường hoặc xã kết nghĩa với một xã, có các đơn vị cùng ký."
    ),
    "Pair a locality (an agency of kind `locality`) with a commune: --agency, --commune and "
    '--since are required; --cosigners "BIDV;CSCS" lists the co-signers.': (
        "Kết nghĩa một địa phương (cơ quan loại `locality`) với một xã: bắt buộc có --agency, "
        '--commune và --since; --cosigners "BIDV;CSCS" liệt kê các đơn vị cùng ký.'
    ),
    "List locality pairings by partner, then commune.": (
        "Liệt kê kết nghĩa địa phương theo đối tác, rồi theo xã."
    ),
    "The paired commune: its code or name.": "Xã được kết nghĩa: mã hoặc tên.",
    "Show a locality pairing: its id, or --agency and --commune.": (
        "Xem một kết nghĩa địa phương: theo id, hoặc --agency và --commune."
    ),
    "Change the end date, decision, co-signers or note of a locality pairing.": (
        "Sửa ngày kết thúc, quyết định, đơn vị cùng ký hoặc ghi chú của một kết nghĩa địa phương."
    ),
    "End a locality pairing on a date.": "Kết thúc một kết nghĩa địa phương vào một ngày.",
    "Remove a locality pairing that has no contributions.": (
        "Xóa một kết nghĩa địa phương chưa có đóng góp nào."
    ),
    "Record what a signer (the partner or a co-signer) gave: --agency and --commune name the "
    "pairing, --contributor who gave.": (
        "Ghi phần đóng góp của một bên ký (đối tác hoặc đơn vị cùng ký): --agency và --commune "
        "chỉ kết nghĩa, --contributor là bên đóng góp."
    ),
    "List contributions to locality pairings by date.": (
        "Liệt kê đóng góp cho kết nghĩa địa phương theo ngày."
    ),
    "Dated in year Y.": "Có ngày trong năm đó.",
    "Remove a contribution entered by mistake.": "Xóa một khoản đóng góp nhập nhầm.",
    "Contribution id, as shown by contributions.": (
        "Id của khoản đóng góp, như lệnh contributions hiển thị."
    ),
    # admin
    "Administrative units (provinces, districts, communes) and their changes.": (
        "Đơn vị hành chính (tỉnh, huyện, xã) và các lần thay đổi."
    ),
    "List units with their codes and the dates they were valid.": (
        "Liệt kê đơn vị hành chính với mã và thời gian có hiệu lực."
    ),
    "Only units valid on this date.": "Chỉ các đơn vị có hiệu lực vào ngày này.",
    "Part of a name.": "Một phần của tên.",
    "Load another province's units and their old→new mapping (loading twice adds nothing), or, "
    "with --replace, correct rows of the mapping already loaded.": (
        "Nạp đơn vị hành chính của một tỉnh khác và bảng đối chiếu cũ→mới (nạp hai lần không "
        "thêm gì), hoặc, với --replace, sửa các dòng của bảng đối chiếu đã nạp."
    ),
    "An old→new mapping CSV (the shipped columns).": (
        "Tệp CSV đối chiếu cũ→mới (các cột như tệp kèm theo)."
    ),
    "The day the new units start.": "Ngày các đơn vị mới bắt đầu.",
    "Code of the province after the change.": "Mã của tỉnh sau khi thay đổi.",
    "Name of the province after the change.": "Tên của tỉnh sau khi thay đổi.",
    "Corrections: each old commune in the file keeps only the new ones it gives.": (
        "Sửa sai: mỗi xã cũ trong tệp chỉ giữ các xã mới mà tệp ghi."
    ),
    "Move every village to its new commune from 1-7-2025, keeping its old commune and district "
    "for dates before. Villages of a split commune are listed for you to place with `ketnghia "
    "village move`; nothing is guessed.": (
        "Chuyển mọi thôn sang xã mới từ ngày 1-7-2025, giữ xã và huyện cũ cho các ngày trước "
        "đó. Thôn của xã bị chia tách được liệt kê để bạn tự xếp bằng `ketnghia village move`; "
        "không đoán gì cả."
    ),
    "Show what would move; change nothing.": "Hiện những gì sẽ chuyển; không thay đổi gì.",
    # collect
    "The yearly collection round: a form to every paired agency, the returns, and who is "
    "still missing.": (
        "Đợt thu thập số liệu hằng năm: biểu mẫu gửi từng cơ quan kết nghĩa, biểu mẫu nộp lại, "
        "và những cơ quan chưa nộp."
    ),
    "One Excel form per agency for its return of a year: its pairings, its activities, visits "
    "and household pairings of the year to correct, empty rows for new ones (drop-downs limited "
    "to its own villages), a guide, and a hidden identity sheet. Each form is recorded; a "
    "returned form imports with `ketnghia import`.": (
        "Mỗi cơ quan một biểu mẫu Excel để báo cáo năm: các cặp kết nghĩa, hoạt động, nắm tình "
        "hình và kết nghĩa hộ đã lưu của năm để sửa, các dòng trống để thêm mới (danh sách chọn "
        "chỉ gồm các thôn kết nghĩa của đơn vị), trang hướng dẫn và một trang nhận dạng ẩn. Mỗi "
        "biểu mẫu được ghi nhận; biểu mẫu nộp lại được nhập bằng `ketnghia import`."
    ),
    "The year the forms ask about.": "Năm mà biểu mẫu báo cáo.",
    "The folder to write the forms in (made if needed).": (
        "Thư mục ghi các biểu mẫu (tạo mới nếu chưa có)."
    ),
    "Only this agency (code or name); repeat for several. Default: every agency with a pairing "
    "active in the year.": (
        "Chỉ cơ quan này (mã hoặc tên); lặp lại để chọn nhiều cơ quan. Mặc định: mọi cơ quan có "
        "cặp kết nghĩa còn hiệu lực trong năm."
    ),
    "Language of the forms' headers and guide.": (
        "Ngôn ngữ của tiêu đề cột và hướng dẫn trong biểu mẫu."
    ),
    "Where the round stands: per agency expected (a pairing active in the year) its form, its "
    "returns and the rows they brought; the reporting rate overall, by district and by commune; "
    "or, with --missing, the agencies to chase.": (
        "Tình hình đợt thu thập: với từng cơ quan phải nộp (có cặp kết nghĩa hiệu lực trong "
        "năm), biểu mẫu đã lập, các lần nộp và số dòng mang lại; tỷ lệ nộp chung, theo huyện "
        "và theo xã; hoặc, với --missing, các cơ quan cần đôn đốc."
    ),
    "The year of the round.": "Năm của đợt thu thập.",
    "The due date: a first return after it is late.": (
        "Hạn nộp: lần nộp đầu tiên sau ngày này là nộp trễ hạn."
    ),
    "Only the agencies still missing, with head and phone.": (
        "Chỉ các cơ quan chưa nộp, kèm thủ trưởng và số điện thoại."
    ),
    # config
    "Settings of this computer (database, language, actor, the Word report's letterhead), kept "
    "in a TOML file.": (
        "Cài đặt của máy này (cơ sở dữ liệu, ngôn ngữ, người thực hiện, tiêu đề văn bản của báo "
        "cáo Word), lưu trong một tệp TOML."
    ),
    'Save a setting: ketnghia config set KEY VALUE (a list: config set recipients "A" "B").': (
        "Lưu một cài đặt: ketnghia config set MÃ GIÁ_TRỊ "
        '(danh sách: config set recipients "A" "B").'
    ),
    "db, lang, actor, issuer, issuer_parent, issuer_short, place, signer, signer_title, "
    "recipients.": (
        "db, lang, actor, issuer, issuer_parent, issuer_short, place, signer, signer_title, "
        "recipients."
    ),
    "The value; signer_title and recipients take one or more, a line each.": (
        "Giá trị; signer_title và recipients nhận một hoặc nhiều giá trị, mỗi dòng một giá trị."
    ),
    "Remove a setting from the file (its default applies again).": (
        "Xóa một cài đặt khỏi tệp (giá trị mặc định được dùng lại)."
    ),
    "The setting to remove.": "Cài đặt cần xóa.",
    "Show the settings the file holds.": "Hiện các cài đặt đang có trong tệp.",
    "Output format: table or json.": "Định dạng xuất: table hoặc json.",
    "Print where the settings file is (KETNGHIA_CONFIG, else the user config folder).": (
        "In đường dẫn của tệp cài đặt (KETNGHIA_CONFIG, nếu không thì thư mục cấu hình của "
        "người dùng)."
    ),
}
