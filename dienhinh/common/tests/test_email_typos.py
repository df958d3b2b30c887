import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dienhinh.common.email_typos import (
    EmailCheck,
    check_email,
    osa_distance,
    split_addresses,
    suspect_addresses,
)


def test_the_mistyped_address_of_a_real_dispatch_is_suspect_with_the_gmail_correction():
    check = check_email("noivuduongkinh@gmali.com")
    assert check == EmailCheck(
        address="noivuduongkinh@gmali.com",
        suspect=True,
        suggestion="gmail.com",
        corrected="noivuduongkinh@gmail.com",
        reason="domain_typo",
    )


def test_the_government_address_of_a_real_dispatch_is_clean():
    check = check_email("hdtckt@haiphong.gov.vn")
    assert check == EmailCheck("hdtckt@haiphong.gov.vn", False, None, None, "")


def test_the_address_is_reported_trimmed_and_lower_cased():
    check = check_email("  NoiVuDuongKinh@GMALI.com \n")
    assert check.address == "noivuduongkinh@gmali.com"
    assert check.corrected == "noivuduongkinh@gmail.com"


@pytest.mark.parametrize(
    ("typed", "domain", "reason"),
    [
        ("gmali.com", "gmail.com", "domain_typo"),
        ("gmial.com", "gmail.com", "domain_typo"),
        ("gmai.com", "gmail.com", "domain_typo"),
        ("gamil.com", "gmail.com", "domain_typo"),
        ("gmaill.com", "gmail.com", "domain_typo"),
        ("yaho.com", "yahoo.com", "domain_typo"),
        ("hotmial.com", "hotmail.com", "domain_typo"),
        ("homtial.com", "hotmail.com", "domain_typo"),
        ("outlok.com", "outlook.com", "domain_typo"),
        ("icoud.com", "icloud.com", "domain_typo"),
        ("vietel.com.vn", "viettel.com.vn", "domain_typo"),
        ("vpnt.vn", "vnpt.vn", "domain_typo"),
        ("gmial.con", "gmail.com", "domain_typo"),
        ("gmail.co", "gmail.com", "tld_typo"),
        ("gmail.cm", "gmail.com", "tld_typo"),
        ("yahoo.co", "yahoo.com", "tld_typo"),
        ("yahoo.com.nv", "yahoo.com.vn", "tld_typo"),
        ("yahoo.com.v", "yahoo.com.vn", "tld_typo"),
        ("gmail.con", "gmail.com", "tld_typo"),
        ("duongkinh.cpm", "duongkinh.com", "tld_typo"),
        ("duongkinh.comm", "duongkinh.com", "tld_typo"),
        ("duongkinh.vm", "duongkinh.vn", "tld_typo"),
        ("duongkinh.vnn", "duongkinh.vn", "tld_typo"),
        ("haiphong.gov.vm", "haiphong.gov.vn", "tld_typo"),
        ("haiphong.gob.vn", "haiphong.gov.vn", "tld_typo"),
        ("haiphong.gov.com", "haiphong.gov.vn", "tld_typo"),
        ("gmailcom", "gmail.com", "syntax"),
        ("gmail,com", "gmail.com", "syntax"),
        ("@gmail.com", "gmail.com", "syntax"),
        ("gmail.com.", "gmail.com", "syntax"),
        ("gmail..com", "gmail.com", "syntax"),
        ("haiphong.govvn", "haiphong.gov.vn", "syntax"),
        ("yahô.com", "yahoo.com", "syntax"),
    ],
)
def test_a_likely_typo_is_suspect_with_the_domain_meant(typed, domain, reason):
    check = check_email(f"vanthu@{typed}")
    assert check.suspect
    assert (check.suggestion, check.corrected, check.reason) == (
        domain,
        f"vanthu@{domain}",
        reason,
    )


@pytest.mark.parametrize(
    "domain",
    [
        "gmail.com",
        "yahoo.com",
        "yahoo.com.vn",
        "outlook.com",
        "hotmail.com",
        "icloud.com",
        "live.com",
        "vnpt.vn",
        "fpt.vn",
        "viettel.com.vn",
        "vnn.vn",
        "hcm.vnn.vn",
        "haiphong.gov.vn",
        "hanoi.gov.vn",
        "moha.gov.vn",
        "duongkinh.gov.vn",
        "sonoivu.haiphong.gov.vn",
        "vnu.edu.vn",
        "fpt.edu.vn",
        "fpt.com.vn",
        "vnpt.com.vn",
        "viettel.vn",
        "mail.com",
        "email.com",
        "gmx.com",
        "ymail.com",
        "googlemail.com",
        "yahoo.co.jp",
        "hotmail.co.uk",
        "yahoo.ca",
        "live.ca",
        "love.com",
        "lime.com",
        "hpt.vn",
        "spt.vn",
        "example.vn",
        "baohaiphong.com.vn",
        "thiduakhenthuong.org.vn",
    ],
)
def test_real_domains_stay_clean(domain):
    check = check_email(f"vanthu@{domain}")
    assert (check.suspect, check.suggestion, check.corrected, check.reason) == (
        False,
        None,
        None,
        "",
    )


def test_an_accented_name_typed_with_the_vietnamese_keyboard_on_is_suspect():
    check = check_email("nguyễnvăna@gmail.com")
    assert check.suspect and check.reason == "syntax"
    assert check.corrected == "nguyenvana@gmail.com"


def test_an_address_without_a_single_repair_is_suspect_without_a_suggestion():
    for text in ["vanthu@@", "khong-phai-email", "a@b@c.vn"]:
        check = check_email(text)
        assert check.suspect and check.reason == "syntax", text
        assert (check.suggestion, check.corrected) == (None, None), text


def test_a_provider_glued_to_the_name_gets_its_at_sign_back():
    assert check_email("noivuduongkinh.gmail.com").corrected == "noivuduongkinh@gmail.com"


def test_an_empty_address_is_not_suspect():
    assert check_email("   ") == EmailCheck("", False, None, None, "")


def test_only_the_suspect_addresses_are_listed_once_each_in_order():
    found = suspect_addresses(
        "hdtckt@haiphong.gov.vn, noivuduongkinh@gmali.com; a@yaho.com\nNOIVUDUONGKINH@gmali.com"
    )
    assert [c.address for c in found] == ["noivuduongkinh@gmali.com", "a@yaho.com"]
    assert suspect_addresses(["hdtckt@haiphong.gov.vn"]) == []


def test_a_comma_typed_for_a_dot_is_kept_within_its_address():
    assert split_addresses("a@gmail,com, b@haiphong.gov,vn; c@duongkinh.gov.vn") == [
        "a@gmail,com",
        "b@haiphong.gov,vn",
        "c@duongkinh.gov.vn",
    ]
    [check] = suspect_addresses("a@gmail,com, c@duongkinh.gov.vn")
    assert (check.reason, check.corrected) == ("syntax", "a@gmail.com")


def test_the_edit_distance_counts_a_swap_of_neighbours_as_one_edit():
    assert osa_distance("gmail", "gmali") == 1
    assert osa_distance("gmail", "gmai") == 1
    assert osa_distance("gmail", "ymail") == 1
    assert osa_distance("hotmail", "homtial") == 2
    assert osa_distance("", "abc") == 3


@given(st.text())
@example("@")
@example("@@.")
@example("a@.")
@example("a@" + "." * 50)
@example("ß@ǅ.ı")
@example("a@gmail,")
@example("x@\u0301.com")
def test_checking_arbitrary_text_never_raises(text):
    check = check_email(text)
    assert isinstance(check, EmailCheck)
    assert check.suspect or not check.reason
    assert check.corrected is None or check.corrected.endswith("@" + check.suggestion)
    suspect_addresses(text)
