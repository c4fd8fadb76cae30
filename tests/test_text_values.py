"""Unit and property tests for ketnghia.text (NFC, search keys, Vietnamese order) and
ketnghia.values (parsing and formatting of dates, money, counts, booleans, choices)."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketnghia import text, values
from ketnghia.schema import ACTIVITY_KINDS, AGENCY_KINDS, SOURCES
from ketnghia.text import clean, fold, search_key, sort_key
from ketnghia.values import (
    ValueProblem,
    format_money,
    parse_bool,
    parse_choice,
    parse_date,
    parse_int,
    parse_money,
    parse_number,
)

# --------------------------------------------------------------------------- helpers

# The 29 letters of the Vietnamese alphabet, in dictionary order.
VI_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
VI_VOWELS = "aăâeêioôơuưy"
VI_CONSONANTS = "bcdđghklmnpqrstvx"
# Combining tone marks in dictionary order: ngang (none), huyền, hỏi, ngã, sắc, nặng.
TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


def with_tone(vowel: str, tone: int) -> str:
    """The precomposed (NFC) vowel carrying tone number `tone` (0 = ngang ... 5 = nặng)."""
    return nfc(vowel + TONE_MARKS[tone])


def strip_tones(value: str) -> str:
    """Remove the five tone marks but keep breve, circumflex, horn (they make letters)."""
    return nfc("".join(ch for ch in nfd(value) if ch not in TONE_MARKS[1:]))


def sorted_vi(items: list[str]) -> list[str]:
    return sorted(items, key=sort_key)


def assert_strictly_increasing(words: list[str]) -> None:
    for left, right in itertools.pairwise(words):
        assert sort_key(left) < sort_key(right), f"{left!r} should sort before {right!r}"


def assert_problem(func, value, reason: str, *args) -> ValueProblem:
    with pytest.raises(ValueProblem) as info:
        func(value, *args)
    assert info.value.reason == reason
    return info.value


_TONED_VOWELS = [with_tone(v, t) for v in VI_VOWELS for t in range(6)]
_LOWER_CHARS = _TONED_VOWELS + list(VI_CONSONANTS)
VI_CHARS = _LOWER_CHARS + [ch.upper() for ch in _LOWER_CHARS] + list("0123456789") + [" "]

vi_text = st.text(alphabet=st.sampled_from(VI_CHARS), max_size=24)
vi_lower_words = st.text(alphabet=st.sampled_from(_LOWER_CHARS), min_size=1, max_size=10)
vi_plain_words = st.text(alphabet=st.sampled_from(VI_ALPHABET), max_size=10)


# =========================================================================== text.clean


class TestClean:
    def test_trims_surrounding_whitespace(self) -> None:
        assert clean("  Làng Ơ \t\n") == "Làng Ơ"

    @pytest.mark.parametrize("blank", ["", " ", "   ", "\t", "\n", " \t\r\n "])
    def test_blank_becomes_none(self, blank: str) -> None:
        assert clean(blank) is None

    def test_none_stays_none(self) -> None:
        assert clean(None) is None

    @pytest.mark.parametrize(
        "word",
        ["Làng", "Đắk Lắk", "Chư Krêy", "Ia Pếch", "Nguyễn Thị Hường", "Ơ Ư Ữ Ỵ"],
    )
    def test_nfd_input_comes_out_nfc(self, word: str) -> None:
        decomposed = nfd(word)
        assert decomposed != word  # the test input really is decomposed
        result = clean(decomposed)
        assert result == nfc(word)
        assert unicodedata.is_normalized("NFC", result)
        assert text.is_nfc(result)

    def test_explicit_nfd_example(self) -> None:
        assert clean("La\u0300ng") == "L\u00e0ng"

    def test_nfc_input_unchanged(self) -> None:
        assert clean("Plei Ring") == "Plei Ring"

    def test_inner_spaces_are_kept(self) -> None:
        assert clean(" Đak  Đoa ") == "Đak  Đoa"

    @given(vi_text)
    def test_property_nfd_and_nfc_clean_the_same(self, value: str) -> None:
        result = clean(nfd(value))
        assert result == clean(value)
        if result is not None:
            assert unicodedata.is_normalized("NFC", result)
            assert result == result.strip()


# =========================================================================== fold / search_key


class TestFold:
    @pytest.mark.parametrize(
        ("raw", "folded"),
        [
            ("Làng  Ơ", "lang o"),
            ("Đak Đoa", "dak doa"),
            ("đak đoa", "dak doa"),
            ("CHƯ KRÊY", "chu krey"),
            ("Ia Pếch", "ia pech"),
            ("Nguyễn Thị Hường", "nguyen thi huong"),
            ("Ưu Đãi Ữ Ỵ", "uu dai u y"),
            ("Plei\tRing", "plei ring"),
            ("Plei \n  Ring", "plei ring"),
            ("ayun", "ayun"),
        ],
    )
    def test_examples(self, raw: str, folded: str) -> None:
        assert fold(raw) == folded

    def test_nfd_input_gives_same_key(self) -> None:
        assert fold(nfd("Làng  Ơ")) == "lang o"
        assert fold(nfd("Đắk Lắk")) == fold("Đắk Lắk") == "dak lak"

    @pytest.mark.parametrize("vowel", list(VI_VOWELS))
    def test_every_toned_vowel_folds_to_its_base_letter(self, vowel: str) -> None:
        base = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u"}.get(vowel, vowel)
        for tone in range(6):
            assert fold(with_tone(vowel, tone)) == base
            assert fold(with_tone(vowel, tone).upper()) == base

    def test_search_key_matches_fold(self) -> None:
        assert search_key("Làng  Ơ") == "lang o"
        assert search_key("Đak Đoa") == "dak doa"

    @pytest.mark.parametrize("empty", [None, ""])
    def test_search_key_of_nothing_is_empty_string(self, empty: str | None) -> None:
        assert search_key(empty) == ""

    @given(vi_text)
    def test_property_fold_is_plain_lowercase_ascii_with_single_spaces(self, value: str) -> None:
        folded = fold(value)
        assert set(folded) <= set("abcdeghiklmnopqrstuvxy0123456789 ")
        assert "  " not in folded
        assert folded == folded.lower()

    @given(vi_text)
    def test_property_fold_ignores_normalisation_case_and_is_idempotent(self, value: str) -> None:
        folded = fold(value)
        assert fold(nfd(value)) == folded
        assert fold(value.upper()) == folded
        assert fold(folded) == folded
        assert search_key(value) == (folded if value else "")


# =========================================================================== sort_key


class TestSortKey:
    def test_required_example(self) -> None:
        names = ["Plei Ring", "Đê Ar", "Chư Krêy", "Ayun"]
        assert sorted_vi(names) == ["Ayun", "Chư Krêy", "Đê Ar", "Plei Ring"]
        # plain code-point order would have put Đ last
        assert sorted(names)[-1] == "Đê Ar"

    def test_required_example_any_input_order(self) -> None:
        expected = ["Ayun", "Chư Krêy", "Đê Ar", "Plei Ring"]
        for seed in range(10):
            shuffled = expected[:]
            random.Random(seed).shuffle(shuffled)
            assert sorted_vi(shuffled) == expected

    def test_alphabet_order(self) -> None:
        letters = list(VI_ALPHABET)
        shuffled = letters[:]
        random.Random(7).shuffle(shuffled)
        assert sorted_vi(shuffled) == letters
        assert_strictly_increasing(letters)

    def test_alphabet_order_upper_case(self) -> None:
        letters = [ch.upper() for ch in VI_ALPHABET]
        assert sorted_vi(list(reversed(letters))) == letters

    def test_ayun_an_an_ba(self) -> None:
        assert_strictly_increasing(["Ayun", "ăn", "ân", "bà"])

    def test_breve_and_circumflex_are_letters_not_tones(self) -> None:
        # ă and â are primary differences: they come after every a-word
        assert_strictly_increasing(["azy", "ăa", "ăz", "âa", "âz", "ba"])

    def test_d_stroke_after_every_d_word_and_before_e(self) -> None:
        d_words = ["Da", "dz", "Dzy", "dươn", "Dy"]
        dd_words = ["Đa", "Đak Đoa", "đê", "Đy"]
        e_words = ["E", "ea", "Ê", "ê"]
        for d_word in d_words:
            for dd_word in dd_words:
                assert sort_key(d_word) < sort_key(dd_word), (d_word, dd_word)
        for dd_word in dd_words:
            for e_word in e_words:
                assert sort_key(dd_word) < sort_key(e_word), (dd_word, e_word)

    def test_d_stroke_group_in_a_mixed_list(self) -> None:
        names = ["Ea Sol", "Đak Đoa", "Dung", "Chư Sê", "Đức Cơ", "Duy", "Ân Phú"]
        assert sorted_vi(names) == [
            "Ân Phú",
            "Chư Sê",
            "Dung",
            "Duy",
            "Đak Đoa",
            "Đức Cơ",
            "Ea Sol",
        ]

    def test_o_then_o_circumflex_then_o_horn(self) -> None:
        assert_strictly_increasing(["o", "ô", "ơ"])
        assert_strictly_increasing(["oz", "ôa", "ôz", "ơa", "ơz", "pa"])
        assert_strictly_increasing(["Oz", "Ôa", "Ơa"])

    def test_u_horn_after_u(self) -> None:
        assert_strictly_increasing(["u", "ư", "v"])
        assert_strictly_increasing(["uz", "ưa", "ưz", "va"])
        assert sorted_vi(["Ưng", "Uyên", "Vân", "Út"]) == ["Út", "Uyên", "Ưng", "Vân"]

    def test_e_circumflex_after_e(self) -> None:
        assert_strictly_increasing(["ez", "êa", "ga"])

    def test_tone_order_example(self) -> None:
        assert_strictly_increasing(["ba", "bà", "bả", "bã", "bá", "bạ"])
        shuffled = ["bạ", "bá", "ba", "bã", "bà", "bả"]
        assert sorted_vi(shuffled) == ["ba", "bà", "bả", "bã", "bá", "bạ"]

    @pytest.mark.parametrize("vowel", list(VI_VOWELS))
    def test_tone_order_on_every_vowel(self, vowel: str) -> None:
        forms = [with_tone(vowel, tone) for tone in range(6)]
        assert len(set(forms)) == 6
        assert_strictly_increasing(forms)
        assert_strictly_increasing([f"m{form}" for form in forms])

    def test_tones_are_only_a_secondary_difference(self) -> None:
        # a later letter beats any tone
        assert_strictly_increasing(["Làng", "Lanh"])
        assert_strictly_increasing(["bạ", "bac"])
        assert_strictly_increasing(["bạn", "bang"])
        assert_strictly_increasing(["ạ", "ă"])
        # with the letters equal, the tone decides
        assert_strictly_increasing(["Lang", "Làng", "Láng"])

    def test_case_is_tertiary(self) -> None:
        assert_strictly_increasing(["ba", "Ba", "BA"])
        assert_strictly_increasing(["đa", "Đa"])
        # tone beats case, letters beat case
        assert_strictly_increasing(["Ba", "bà"])
        assert_strictly_increasing(["Bà", "bá"])
        assert_strictly_increasing(["Ba", "bb"])
        assert_strictly_increasing(["Ăa", "ăb"])
        assert_strictly_increasing(["Az", "ăa"])

    def test_digit_runs_by_value(self) -> None:
        assert_strictly_increasing(["thôn 2", "thôn 10"])
        assert_strictly_increasing(["thôn 1", "thôn 2", "thôn 9", "thôn 10", "thôn 11", "thôn 100"])
        names = ["Thôn 10", "Thôn 2", "Thôn 1", "Thôn 21", "Thôn 3"]
        assert sorted_vi(names) == ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn 10", "Thôn 21"]

    def test_digit_runs_inside_words(self) -> None:
        assert sorted_vi(["Làng 12b", "Làng 2b", "Làng 12a"]) == ["Làng 2b", "Làng 12a", "Làng 12b"]

    @pytest.mark.parametrize(
        "word", ["Làng", "Đắk Lắk", "Chư Krêy", "Ưu Đãi", "Nguyễn Thị Hường", "ệ ự ộ ặ ậ"]
    )
    def test_nfc_and_nfd_give_the_same_key(self, word: str) -> None:
        assert nfd(word) != word
        assert sort_key(nfd(word)) == sort_key(word)

    def test_explicit_nfd_example(self) -> None:
        assert sort_key("La\u0300ng") == sort_key("L\u00e0ng")

    def test_mixed_normalisation_sorts_like_nfc(self) -> None:
        names = ["Ưng", nfd("Ưa"), "Ùa", nfd("Ua"), "Ân", nfd("Ăn")]
        result = [nfc(name) for name in sorted_vi(names)]
        assert result == ["Ăn", "Ân", "Ua", "Ùa", "Ưa", "Ưng"]

    def test_empty_sorts_first(self) -> None:
        assert sort_key("") < sort_key("a")
        assert sort_key(None) == sort_key("")

    def test_equal_strings_equal_keys(self) -> None:
        assert sort_key("Chư Krêy") == sort_key("Chư Krêy")
        assert sort_key("Chư Krêy") != sort_key("Chư Krey")

    # ---------------------------------------------------------------- properties

    @given(vi_text)
    def test_property_nfc_nfd_same_key(self, value: str) -> None:
        assert sort_key(nfd(value)) == sort_key(value)

    @given(vi_plain_words, vi_plain_words)
    def test_property_toneless_lowercase_follows_the_alphabet(self, left: str, right: str) -> None:
        def reference(word: str) -> list[int]:
            return [VI_ALPHABET.index(ch) for ch in word]

        assert (sort_key(left) < sort_key(right)) == (reference(left) < reference(right))
        assert (sort_key(left) == sort_key(right)) == (left == right)

    @given(vi_lower_words, vi_lower_words)
    def test_property_letters_decide_before_tones(self, left: str, right: str) -> None:
        bare_left, bare_right = strip_tones(left), strip_tones(right)
        if bare_left != bare_right:
            assert (sort_key(left) < sort_key(right)) == (
                sort_key(bare_left) < sort_key(bare_right)
            )

    @given(vi_text)
    def test_property_lower_case_sorts_before_upper_case(self, value: str) -> None:
        assert sort_key(value.lower()) <= sort_key(value.upper())
        if value.lower() != value.upper():
            assert sort_key(value.lower()) < sort_key(value.upper())

    @given(vi_text, vi_text)
    def test_property_case_only_breaks_ties(self, left: str, right: str) -> None:
        lower_left, lower_right = sort_key(left.lower()), sort_key(right.lower())
        if lower_left != lower_right:
            # letters or tones differ: case must not change the order
            assert (sort_key(left) < sort_key(right)) == (lower_left < lower_right)

    @given(st.integers(0, 10**9), st.integers(0, 10**9))
    def test_property_numbers_compare_by_value(self, left: int, right: int) -> None:
        key_left, key_right = sort_key(f"thôn {left}"), sort_key(f"thôn {right}")
        assert (key_left < key_right) == (left < right)
        assert (key_left == key_right) == (left == right)


# =========================================================================== parse_date


class TestParseDate:
    @pytest.mark.parametrize(
        "raw",
        [
            "2024-03-15",
            "15/03/2024",
            "15-03-2024",
            "15.03.2024",
            "2024-03-15 00:00:00",
            " 15/03/2024 ",
        ],
    )
    def test_accepted_formats(self, raw: str) -> None:
        assert parse_date(raw) == dt.date(2024, 3, 15)

    def test_single_digit_day_first(self) -> None:
        assert parse_date("5/3/2024") == dt.date(2024, 3, 5)
        assert parse_date("5.3.2024") == dt.date(2024, 3, 5)
        assert parse_date("5-3-2024") == dt.date(2024, 3, 5)

    def test_day_first_not_month_first(self) -> None:
        assert parse_date("01/02/2024") == dt.date(2024, 2, 1)

    def test_leap_day(self) -> None:
        assert parse_date("29/02/2024") == dt.date(2024, 2, 29)
        assert parse_date("2024-02-29") == dt.date(2024, 2, 29)

    def test_date_passes_through(self) -> None:
        day = dt.date(2024, 3, 15)
        assert parse_date(day) == day
        assert type(parse_date(day)) is dt.date

    def test_datetime_becomes_date(self) -> None:
        result = parse_date(dt.datetime(2024, 3, 15, 13, 45, 10))
        assert result == dt.date(2024, 3, 15)
        assert type(result) is dt.date

    @pytest.mark.parametrize("empty", [None, "", "   "])
    def test_empty_is_none(self, empty: str | None) -> None:
        assert parse_date(empty) is None

    @pytest.mark.parametrize(
        "raw",
        [
            "2024-02-30",
            "2023-02-29",
            "29/02/2023",
            "31/31/2024",
            "15/13/2024",
            "00/01/2024",
            "hôm qua",
            "2024/03/15",
            "15/03/24",
            "2024-03",
            "15 03 2024",
        ],
    )
    def test_invalid_is_bad_date(self, raw: str) -> None:
        problem = assert_problem(parse_date, raw, "bad_date")
        assert isinstance(problem, ValueError)

    @given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
    def test_property_every_accepted_format_round_trips(self, day: dt.date) -> None:
        assert parse_date(day.isoformat()) == day
        for sep in "/-.":
            assert parse_date(day.strftime(f"%d{sep}%m{sep}%Y")) == day
            assert parse_date(f"{day.day}{sep}{day.month}{sep}{day.year}") == day


# =========================================================================== parse_money


class TestParseMoney:
    @pytest.mark.parametrize(
        "raw",
        [
            "15000000",
            "15.000.000",
            "15,000,000",
            "15 000 000",
            "15.000.000 đ",
            "15000000 VND",
            " 15.000.000 ",
            15000000,
            15000000.0,
        ],
    )
    def test_accepted(self, raw: object) -> None:
        result = parse_money(raw)
        assert result == 15000000
        assert type(result) is int

    def test_small_and_zero(self) -> None:
        assert parse_money("0") == 0
        assert parse_money(0) == 0
        assert parse_money("999") == 999
        assert parse_money("1.000") == 1000
        assert parse_money("1,000") == 1000

    def test_negative_is_parsed(self) -> None:
        assert parse_money("-5") == -5
        assert parse_money(-5) == -5

    @pytest.mark.parametrize("empty", [None, "", "  "])
    def test_empty_is_none(self, empty: str | None) -> None:
        assert parse_money(empty) is None

    @pytest.mark.parametrize("raw", ["1.5", "abc", "15.00.000", 1.5, "15.000.00", "1,5", "đ"])
    def test_invalid_is_bad_money(self, raw: object) -> None:
        assert_problem(parse_money, raw, "bad_money")

    @given(st.integers(min_value=0, max_value=10**15))
    def test_property_grouped_forms(self, amount: int) -> None:
        assert parse_money(f"{amount:,}") == amount
        assert parse_money(f"{amount:,}".replace(",", ".")) == amount
        assert parse_money(str(amount)) == amount
        assert parse_money(amount) == amount

    @given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["vi", "en"]))
    def test_property_format_then_parse_round_trips(self, amount: int, lang: str) -> None:
        assert parse_money(format_money(amount, lang)) == amount
        assert parse_money(format_money(amount, lang) + " đ") == amount


# =========================================================================== parse_int


class TestParseInt:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("12", 12),
            (" 12 ", 12),
            ("0", 0),
            ("1.200", 1200),
            ("1,200", 1200),
            ("1 200", 1200),
            (12, 12),
            (12.0, 12),
            ("-5", -5),
        ],
    )
    def test_accepted(self, raw: object, expected: int) -> None:
        result = parse_int(raw)
        assert result == expected
        assert type(result) is int

    @pytest.mark.parametrize("empty", [None, "", "  "])
    def test_empty_is_none(self, empty: str | None) -> None:
        assert parse_int(empty) is None

    @pytest.mark.parametrize("raw", ["1.5", "abc", "12.00.000", 1.5, "mười"])
    def test_invalid_is_bad_int(self, raw: object) -> None:
        assert_problem(parse_int, raw, "bad_int")

    @given(st.integers(min_value=-(10**12), max_value=10**12))
    def test_property_str_round_trips(self, number: int) -> None:
        assert parse_int(str(number)) == number

    @given(st.integers(min_value=0, max_value=10**12))
    def test_property_grouped_forms(self, number: int) -> None:
        assert parse_int(f"{number:,}") == number
        assert parse_int(f"{number:,}".replace(",", ".")) == number


# =========================================================================== parse_number


class TestParseNumber:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [("2,5", 2.5), ("2.5", 2.5), ("1,5", 1.5), ("0,25", 0.25), (2.5, 2.5)],
    )
    def test_decimals(self, raw: object, expected: float) -> None:
        assert parse_number(raw) == pytest.approx(expected)
        assert isinstance(parse_number(raw), float)

    def test_whole_number_is_int(self) -> None:
        result = parse_number("3")
        assert result == 3
        assert type(result) is int

    def test_grouped_thousands(self) -> None:
        result = parse_number("1.500")
        assert result == 1500
        assert type(result) is int

    @pytest.mark.parametrize("empty", [None, ""])
    def test_empty_is_none(self, empty: str | None) -> None:
        assert parse_number(empty) is None

    @pytest.mark.parametrize("raw", ["abc", "2,5 kg", "1..5"])
    def test_invalid_is_bad_number(self, raw: str) -> None:
        assert_problem(parse_number, raw, "bad_number")

    @given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
    def test_property_comma_and_dot_decimals_agree(self, whole: int, frac: int) -> None:
        expected = float(f"{whole}.{frac:02d}")
        with_comma = parse_number(f"{whole},{frac:02d}")
        with_dot = parse_number(f"{whole}.{frac:02d}")
        assert with_comma == pytest.approx(expected)
        assert with_dot == pytest.approx(expected)


# =========================================================================== parse_bool


class TestParseBool:
    @pytest.mark.parametrize("raw", ["x", "X", "có", "Có", "co", "yes", "true", "1", True, " x "])
    def test_true_words(self, raw: object) -> None:
        assert parse_bool(raw) is True

    @pytest.mark.parametrize(
        "raw", ["", "không", "Không", "khong", "no", "false", "0", False, nfd("không")]
    )
    def test_false_words(self, raw: object) -> None:
        assert parse_bool(raw) is False

    def test_none_is_none(self) -> None:
        assert parse_bool(None) is None

    def test_nfd_co_is_true(self) -> None:
        assert parse_bool(nfd("Có")) is True

    @pytest.mark.parametrize("raw", ["maybe", "có thể", "2", "xx"])
    def test_unknown_is_bad_bool(self, raw: str) -> None:
        assert_problem(parse_bool, raw, "bad_bool")


# =========================================================================== parse_choice


class TestParseChoice:
    @pytest.mark.parametrize(
        ("raw", "code"),
        [
            ("construction", "construction"),
            ("Công trình", "construction"),
            ("cong trinh", "construction"),
            ("CÔNG TRÌNH", "construction"),
            ("CONG TRINH", "construction"),
            (nfd("Công trình"), "construction"),
            ("  Công trình  ", "construction"),
            ("Hỗ trợ sản xuất", "production"),
            ("ho tro san xuat", "production"),
            ("Văn hóa", "culture"),
            ("Văn hoá", "culture"),
            ("Tập huấn", "training"),
            ("Khác", "other"),
        ],
    )
    def test_activity_kinds(self, raw: str, code: str) -> None:
        assert parse_choice(raw, ACTIVITY_KINDS) == code

    @pytest.mark.parametrize(
        ("raw", "code"),
        [
            ("community", "community"),
            ("xa hoi hoa", "community"),
            ("Xã hội hóa", "community"),
            ("Kinh phí cơ quan", "agency"),
            ("Ngân sách nhà nước", "state"),
            ("Doanh nghiệp", "enterprise"),
        ],
    )
    def test_sources(self, raw: str, code: str) -> None:
        assert parse_choice(raw, SOURCES) == code

    @pytest.mark.parametrize(
        ("raw", "code"),
        [
            ("mass_org", "mass_org"),
            ("Mặt trận, đoàn thể", "mass_org"),
            ("mat tran, doan the", "mass_org"),
            ("mass org", "mass_org"),
            ("Sở, ban, ngành", "department"),
            ("Cơ quan cấp huyện", "district"),
            ("Lực lượng vũ trang", "armed"),
            ("Địa phương", "locality"),
            ("dia phuong", "locality"),
        ],
    )
    def test_agency_kinds(self, raw: str, code: str) -> None:
        assert parse_choice(raw, AGENCY_KINDS) == code

    @pytest.mark.parametrize(
        "choices", [ACTIVITY_KINDS, SOURCES, AGENCY_KINDS], ids=["activity", "source", "agency"]
    )
    def test_every_code_and_label_maps_back(self, choices: dict[str, tuple[str, str]]) -> None:
        for code, (label_vi, _label_en) in choices.items():
            assert parse_choice(code, choices) == code
            assert parse_choice(label_vi, choices) == code
            assert parse_choice(label_vi.upper(), choices) == code
            assert parse_choice(fold(label_vi), choices) == code
            assert parse_choice(nfd(label_vi), choices) == code

    @pytest.mark.parametrize(
        ("raw", "choices"),
        [
            ("bridge", ACTIVITY_KINDS),
            ("Cầu đường", ACTIVITY_KINDS),
            ("Công trình", SOURCES),
            ("xa hoi", SOURCES),
            ("mass", AGENCY_KINDS),
        ],
    )
    def test_unknown_is_bad_choice(self, raw: str, choices: dict[str, tuple[str, str]]) -> None:
        assert_problem(parse_choice, raw, "bad_choice", choices)


# =========================================================================== format_money


class TestFormatMoney:
    @pytest.mark.parametrize(
        ("amount", "lang", "expected"),
        [
            (15000000, "vi", "15.000.000"),
            (15000000, "en", "15,000,000"),
            (0, "vi", "0"),
            (0, "en", "0"),
            (999, "vi", "999"),
            (1000, "vi", "1.000"),
            (1000, "en", "1,000"),
            (None, "vi", ""),
            (None, "en", ""),
        ],
    )
    def test_examples(self, amount: int | None, lang: str, expected: str) -> None:
        assert format_money(amount, lang) == expected

    @given(st.integers(min_value=0, max_value=10**15))
    def test_property_vi_uses_dots_en_uses_commas(self, amount: int) -> None:
        assert format_money(amount, "en") == f"{amount:,}"
        assert format_money(amount, "vi") == f"{amount:,}".replace(",", ".")
        assert format_money(amount, "vi").replace(".", "") == str(amount)


def test_value_problem_is_a_value_error_with_reason() -> None:
    problem = values.ValueProblem("bad_money", value="abc")
    assert isinstance(problem, ValueError)
    assert problem.reason == "bad_money"
    assert problem.params == {"value": "abc"}
