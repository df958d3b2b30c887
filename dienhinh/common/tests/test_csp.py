"""The Content-Security-Policy: every page is served with it, no template needs inline script
or style, and in real Chromium the pages of every role load without a single violation."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from dienhinh.browser import log_in
from dienhinh.testing import PASSWORD, build_cast, make_seed_programmes

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "dienhinh" / "dispatches" / "samples" / "city-785-BTDKT-THHC.txt"
INLINE = {
    "a style attribute": re.compile(r"\sstyle\s*=", re.I),
    "a <style> element": re.compile(r"<style[\s>]", re.I),
    "an inline script": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I),
    "an event handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I),
    "a javascript: link": re.compile(r"javascript:", re.I),
}


def _templates() -> list[Path]:
    roots = [ROOT / "templates", *(ROOT / "dienhinh").glob("*/templates")]
    # E-mails are read in mail programs and the offline album inside an archive in a file
    # browser: the site's policy does not apply there.
    outside = {"emails", "offline"}
    return [p for r in roots for p in r.rglob("*.html") if not outside & set(p.parts)]


def test_no_template_has_inline_script_or_style():
    found = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in _templates()
        for what, pattern in INLINE.items()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert len(_templates()) > 30
    assert found == []


def test_every_page_carries_the_policy(client, db):
    response = client.get(reverse("accounts:login"))
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "http" not in response["Content-Security-Policy"]  # no CDN


def test_htmx_is_told_not_to_inject_its_indicator_style(client, db):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles":false}\'>' in html


# --- In Chromium ---------------------------------------------------------------------------

WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


@pytest.fixture
def world(live_server, settings, tmp_path):
    from dienhinh.dispatches import services as dispatches
    from dienhinh.nominations.attachments import attachment_add
    from dienhinh.nominations.workflow import Content, nomination_create, nomination_submit

    settings.MEDIA_ROOT = tmp_path
    cast = build_cast()
    _city, district = make_seed_programmes(cast, starts_on=dt.date(2026, 11, 1))
    period = district.periods.get()
    nomination = nomination_create(
        actor=cast.ward_reporter,
        unit=cast.ward,
        period=period,
        content=Content(headline="Gương sáng", story="Câu chuyện", full_name="Lê Văn B"),
    )
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(buffer, "PNG")
    upload = SimpleUploadedFile("anh.png", buffer.getvalue(), content_type="image/png")
    attachment_add(actor=cast.ward_reporter, nomination=nomination, upload=upload)
    nomination_submit(actor=cast.ward_reporter, nomination=nomination, revision=1)
    dispatch = dispatches.dispatch_upload(
        actor=cast.compiler,
        unit=cast.district,
        direction="incoming",
        data=SAMPLE.read_bytes(),
        filename="785.txt",
    )
    return cast, period, nomination, dispatch


def _pages(cast, period, nomination, dispatch) -> dict[str, list[str]]:
    ward, district = cast.ward.pk, cast.district.pk
    return {
        "ward.reporter": [
            reverse("home"),
            reverse("units:tree"),
            reverse("units:detail", args=[ward]),
            reverse("nominations:unit_period", args=[period.pk, ward]),
            reverse("nominations:create", args=[period.pk, ward]),
            reverse("nominations:nil", args=[period.pk, ward]),
            reverse("nominations:detail", args=[nomination.pk]),
            reverse("cycles:programme_list"),
            reverse("notices:list"),
            reverse("accounts:password_change"),
        ],
        "district.compiler": [
            reverse("nominations:review"),
            reverse("nominations:compile", args=[period.pk]),
            reverse("nominations:detail", args=[nomination.pk]),
            reverse("dashboard:unit", args=[district]),
            reverse("cycles:programme_detail", args=[period.programme_id]),
            reverse("cycles:programme_create"),
            reverse("dispatches:registry"),
            reverse("dispatches:upload"),
            reverse("dispatches:review", args=[dispatch.pk]),
        ],
        "city.admin": [
            reverse("audit:events"),
            reverse("accounts:members", args=[ward]),
            reverse("units:rename", args=[ward]),
            reverse("units:merge", args=[district]),
            reverse("units:create_child", args=[district]),
            reverse("system:status"),
            reverse("cycles:holidays"),
        ],
        "root": ["/quan-tri/", "/quan-tri/notices/notice/", "/quan-tri/accounts/user/"],
    }


def _report_errors(page, username: str, problems: list[str]) -> None:
    """Chromium's console errors about the policy, and script errors, into `problems`."""

    def console(message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            problems.append(f"{username} {page.url}: {message.text}")

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"{username} {page.url}: {error}"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.clock(2026, 11, 20)
def test_the_pages_of_every_role_load_without_a_policy_violation(new_page, live_server, world):
    problems: list[str] = []
    for username, paths in _pages(*world).items():
        page = new_page(width=1366, height=900)
        page.add_init_script(WATCH)
        _report_errors(page, username, problems)
        log_in(page, live_server.url, username, PASSWORD)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status == 200, (username, path)
            assert "default-src 'self'" in response.headers["content-security-policy"]
            page.wait_for_load_state("load")
            seen = page.evaluate("window.__csp")
            problems += [f"{username} {path}: {v}" for v in seen]
    assert problems == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_inline_style_would_be_caught_by_this_watch(page, live_server):
    """The browser test above can fail: the same watch sees a violation when one happens."""
    page.add_init_script(WATCH)
    page.goto(live_server.url + reverse("accounts:login"))
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<div style=\"color: red\">x</div>')"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.__csp") == ["style-src-attr inline"]
