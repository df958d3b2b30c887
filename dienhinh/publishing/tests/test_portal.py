"""The public portal, its feeds and sitemap: open without an account, and nothing but
published, consented stories reachable — a crawler walks every link and finds none of the
unpublished, withdrawn or unconsented ones."""

import datetime as dt
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from django.urls import reverse

from dienhinh.audit.models import AuditEvent
from dienhinh.nominations.publicity import consent_withdraw

from .. import services
from ..models import PublicStory
from ..publication import Publication, item_publish, item_withdraw
from .conftest import choose, send_story

pytestmark = pytest.mark.clock(2026, 11, 20)


def publish_on_loudspeakers(world, nomination, **publication):
    c = world.cast
    item = choose(world, world.loudspeakers, nomination)
    item = services.item_approve(actor=c.ward_leader, item=item, revision=item.revision)
    item = services.item_schedule(
        actor=c.ward_reporter,
        item=item,
        revision=item.revision,
        on=dt.date(2026, 11, 20),
        air_time=dt.time(17, 30),
    )
    return item_publish(
        actor=c.ward_reporter,
        item=item,
        revision=item.revision,
        publication=Publication(
            published_on=dt.date(2026, 11, 20), air_time=dt.time(17, 30), **publication
        ),
    )


@pytest.fixture
def stories(world):
    """One public story, and four that must never show: only chosen (not published), in
    editing, published then withdrawn, published then its consent withdrawn, and published
    for the loudspeakers only (no consent for the e-portals)."""
    s = {}
    s["public"] = send_story(
        world,
        "Anh Tâm cứu hai em nhỏ",
        "Nguyễn Văn Tâm",
        birth_date=dt.date(1985, 3, 7),
        hometown="xã Tân Tiến, huyện An Dương",
    )
    publish_on_loudspeakers(world, s["public"])
    s["unpublished"] = send_story(world, "Bí mật chưa đăng", "Trần Chưa Đăng")
    choose(world, world.loudspeakers, s["unpublished"])
    s["withdrawn"] = send_story(world, "Bài đã rút", "Lê Đã Rút")
    item = publish_on_loudspeakers(world, s["withdrawn"])
    item_withdraw(
        actor=world.cast.ward_reporter, item=item, revision=item.revision, reason="Sai sót"
    )
    s["unconsented"] = send_story(world, "Đã rút đồng ý", "Phạm Rút Đồng Ý")
    publish_on_loudspeakers(world, s["unconsented"])
    consent_withdraw(
        actor=world.cast.ward_reporter,
        nomination=s["unconsented"],
        reason="Người được giới thiệu đề nghị",
    )
    s["loudspeaker_only"] = send_story(
        world, "Chỉ phát trên loa", "Đỗ Chỉ Loa", channels=["loudspeaker"]
    )
    publish_on_loudspeakers(world, s["loudspeaker_only"])
    return s


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def crawl(client, start_urls, limit=400):
    seen, queue, pages = set(), list(start_urls), {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        if response.status_code != 200 or response.streaming:
            pages[url] = ""
            continue
        body = response.content.decode("utf-8", "replace")
        pages[url] = body
        if "html" in response.get("Content-Type", "") or url.endswith(".xml"):
            parser = Links()
            parser.feed(body)
            found = parser.links + re.findall(r"<(?:link|loc)>([^<]+)</", body)
            found += re.findall(r'<link[^>]+href="([^"]+)"', body)
            for link in found:
                path = urlsplit(urljoin("http://testserver" + url, link.replace("&amp;", "&")))
                target = path.path + (f"?{path.query}" if path.query else "")
                if path.netloc == "testserver" and _public(path.path) and target not in seen:
                    queue.append(target)
    return pages


def _public(path):
    return path.startswith("/cong-khai/") or path.startswith("/sitemap")


def test_a_crawler_without_an_account_finds_only_the_published_consented_story(
    client, world, stories
):
    starts = [
        "/cong-khai/",
        "/sitemap.xml",
        reverse("portal:unit", args=[world.cast.city.pk]),
        reverse("portal:unit_rss", args=[world.cast.central.pk]) + "?cap-duoi=1",
        reverse("portal:outlet_atom", args=[world.loudspeakers.pk]),
        "/cong-khai/?q=tam",
    ]
    pages = crawl(client, starts)
    text = "\n".join(pages.values())
    assert "Anh Tâm cứu hai em nhỏ" in text
    for key in ("unpublished", "withdrawn", "unconsented", "loudspeaker_only"):
        nomination = stories[key]
        assert nomination.headline not in text, key
        assert nomination.full_name not in text, key
        response = client.get(reverse("portal:story_short", args=[nomination.pk]))
        assert response.status_code == 404, key
    # Nothing private of the public story either.
    for secret in ("1985", "07/03", "Tân Tiến", "An Dương"):
        assert secret not in text, secret
    story_page = [u for u in pages if u.startswith(f"/cong-khai/guong/{stories['public'].pk}/")]
    assert story_page, "the crawler reached the story page"
    assert any("/cong-khai/anh/" in u for u in pages), "and its photo"


def test_a_withdrawn_story_is_404_on_the_portal_and_gone_from_the_feeds_at_once(
    client, world, stories
):
    story = stories["public"]
    url = reverse("portal:story_short", args=[story.pk])
    first = client.get(url)
    assert first.status_code == 200
    feed_url = reverse("portal:outlet_rss", args=[world.loudspeakers.pk])
    assert story.headline in client.get(feed_url).content.decode()
    item = story.editorial_items.get()
    photo_id = PublicStory.objects.get(nomination=story).photos.get().attachment_id
    item_withdraw(
        actor=world.cast.ward_reporter, item=item, revision=item.revision, reason="Sai tên"
    )
    # Even a client holding the old ETag gets the 404, never a stale copy.
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 404
    assert story.headline not in client.get(feed_url).content.decode()
    assert client.get(reverse("portal:photo", args=[photo_id])).status_code == 404


def test_the_feeds_are_valid_rss_and_atom_with_photo_enclosures(client, world, stories):
    for name in ("portal:unit_rss", "portal:unit_atom"):
        response = client.get(reverse(name, args=[world.cast.city.pk]) + "?cap-duoi=1")
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version in ("rss20", "atom10")
        (entry,) = parsed.entries
        assert entry.title == "Anh Tâm cứu hai em nhỏ"
        assert entry.enclosures[0].type == "image/jpeg"
        assert "/cong-khai/anh/" in entry.enclosures[0].href
    without_subtree = client.get(reverse("portal:unit_rss", args=[world.cast.city.pk]))
    assert feedparser.parse(without_subtree.content).entries == []


def test_feeds_answer_conditional_gets(client, world, stories):
    url = reverse("portal:unit_atom", args=[world.cast.ward.pk])
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    publish_on_loudspeakers(world, send_story(world, "Gương mới", "Vũ Mới"))
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_the_search_ignores_accents_and_case(client, world, stories):
    for query in ("CUU HAI EM", "cứu hai em", "nguyen van tam"):
        body = client.get("/cong-khai/", {"q": query}).content.decode()
        assert "Anh Tâm cứu hai em nhỏ" in body, query
    body = client.get("/cong-khai/", {"q": "bi mat chua dang"}).content.decode()
    assert "Bí mật chưa đăng" not in body


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "'; DROP TABLE publishing_publicstory; --",
        "<script>alert('x')</script>",
        "tam%' OR 1=1 --",
    ],
)
def test_a_hostile_or_oversized_search_is_answered_plainly_and_changes_nothing(
    client, world, stories, query
):
    before = (PublicStory.objects.count(), AuditEvent.objects.count())
    response = client.get("/cong-khai/", {"q": query})
    body = response.content.decode()
    if len(query) > 200:
        assert response.status_code == 400
        assert "Từ khóa tìm kiếm quá dài" in body
    else:
        assert response.status_code == 200
        assert "Anh Tâm cứu hai em nhỏ" not in body
    assert "<script>alert" not in body
    assert (PublicStory.objects.count(), AuditEvent.objects.count()) == before


def test_a_dissolved_units_stories_stay_reachable_from_its_successor(client, world, stories):
    from dienhinh.units.restructure import units_merge
    from dienhinh.units.services import NewUnit

    new_ward = units_merge(
        actor=None,
        sources=[world.cast.ward, world.cast.ward2],
        on=dt.date(2026, 11, 20),
        new_unit=NewUnit(name="Phường Hưng Đạo mới", kind="ward", parent=world.cast.city),
    )
    body = client.get(reverse("portal:unit", args=[new_ward.pk])).content.decode()
    assert "Anh Tâm cứu hai em nhỏ" in body
    old = client.get(reverse("portal:unit", args=[world.cast.ward.pk])).content.decode()
    assert "Phường Hưng Đạo mới" in old  # the old ward's page names its successor


def test_the_story_page_has_open_graph_tags_and_where_it_appeared(client, world, stories):
    story = stories["public"]
    response = client.get(reverse("portal:story_short", args=[story.pk]))
    body = response.content.decode()
    assert 'property="og:title" content="Anh Tâm cứu hai em nhỏ"' in body
    assert 'property="og:image"' in body and 'alt="Anh Tâm"' in body
    assert "Đài truyền thanh phường Hưng Đạo" in body and "17:30" in body
    assert "no-cache" in response["Cache-Control"] and "public" in response["Cache-Control"]


def test_the_embed_view_may_be_framed_by_a_ward_portal_and_the_rest_may_not(client, world, stories):
    embed = client.get(reverse("portal:embed", args=[world.cast.ward.pk]))
    assert embed.status_code == 200 and "X-Frame-Options" not in embed
    assert "Anh Tâm cứu hai em nhỏ" in embed.content.decode()
    script = client.get(reverse("portal:embed_script", args=[world.cast.ward.pk]))
    assert script["Content-Type"].startswith("text/javascript")
    assert reverse("portal:embed", args=[world.cast.ward.pk]) in script.content.decode()
    unit = client.get(reverse("portal:unit", args=[world.cast.ward.pk]))
    assert unit["X-Frame-Options"] == "DENY"


def test_the_sitemap_lists_the_public_story(client, world, stories):
    index = client.get("/sitemap.xml").content.decode()
    section = re.search(r"<loc>http://testserver(/sitemap-guong\.xml[^<]*)</loc>", index)
    body = client.get(section.group(1)).content.decode()
    assert f"/cong-khai/guong/{stories['public'].pk}/" in body
    assert f"/cong-khai/guong/{stories['withdrawn'].pk}/" not in body


def test_a_ward_moved_to_another_district_takes_its_stories_along(client, world, stories):
    from dienhinh.units.restructure import unit_move

    unit_move(
        actor=None,
        unit=world.cast.ward,
        new_parent=world.cast.other_district,
        on=dt.date(2026, 11, 20),
    )
    there = client.get(reverse("portal:unit", args=[world.cast.other_district.pk]))
    assert "Anh Tâm cứu hai em nhỏ" in there.content.decode()
    before = client.get(reverse("portal:unit", args=[world.cast.district.pk]))
    assert "Anh Tâm cứu hai em nhỏ" not in before.content.decode()
