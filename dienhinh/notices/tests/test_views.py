"""The notifications page, opening a notice, marking all read, the menu's badge."""

from django.urls import reverse
from django.utils import timezone

from dienhinh.notices.inbox import notice_create
from dienhinh.notices.models import Notice


def add(user, title: str, link: str = "/chuong-trinh/") -> Notice:
    return notice_create(user=user, title=title, body="Nội dung", link=link)


def test_the_page_shows_only_the_users_own_notices_unread_first(client, cast):
    add(cast.ward_reporter, "Cũ, chưa đọc")
    read = add(cast.ward_reporter, "Đã đọc")
    Notice.objects.filter(pk=read.pk).update(read_at=timezone.now())
    add(cast.ward_reporter, "Mới, chưa đọc")
    add(cast.outsider, "Của người khác")
    client.force_login(cast.ward_reporter)
    response = client.get(reverse("notices:list"))
    assert response.status_code == 200
    titles = [n.title for n in response.context["page"]]
    assert titles == ["Mới, chưa đọc", "Cũ, chưa đọc", "Đã đọc"]
    assert "Của người khác" not in response.content.decode()


def test_opening_a_notice_marks_it_read_and_goes_to_its_page(client, cast):
    notice = add(cast.ward_reporter, "Nhắc hạn", link="/ho-so/duyet/")
    client.force_login(cast.ward_reporter)
    response = client.get(reverse("notices:open", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == "/ho-so/duyet/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_opening_someone_elses_notice_is_404_and_leaves_it_unread(client, cast):
    notice = add(cast.ward_reporter, "Nhắc hạn")
    client.force_login(cast.outsider)
    assert client.get(reverse("notices:open", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_notice_never_sends_the_user_off_the_site(client, cast):
    notice = add(cast.ward_reporter, "Lạ", link="https://example.com/")
    client.force_login(cast.ward_reporter)
    response = client.get(reverse("notices:open", args=[notice.pk]))
    assert response["Location"] == reverse("notices:list")


def test_mark_all_read_marks_only_the_users_notices(client, cast):
    mine = [add(cast.ward_reporter, "Một"), add(cast.ward_reporter, "Hai")]
    theirs = add(cast.outsider, "Ba")
    client.force_login(cast.ward_reporter)
    assert client.get(reverse("notices:mark_all_read")).status_code == 405
    response = client.post(reverse("notices:mark_all_read"))
    assert response.status_code == 302 and response["Location"] == reverse("notices:list")
    assert all(Notice.objects.get(pk=n.pk).read_at for n in mine)
    assert Notice.objects.get(pk=theirs.pk).read_at is None


def test_the_menu_shows_the_unread_count_with_words_for_screen_readers(client, cast):
    add(cast.ward_reporter, "Một")
    add(cast.ward_reporter, "Hai")
    add(cast.outsider, "Ba")
    client.force_login(cast.ward_reporter)
    page = client.get(reverse("home")).content.decode()
    assert (
        '<span class="badge rounded-pill text-bg-warning">2<span class="visually-hidden">' in page
    )
    client.post(reverse("notices:mark_all_read"))
    page = client.get(reverse("home")).content.decode()
    assert "text-bg-warning" not in page
    assert reverse("notices:list") in page


def test_an_anonymous_visitor_is_sent_to_log_in(client, cast):
    notice = add(cast.ward_reporter, "Nhắc hạn")
    login = reverse("accounts:login")
    for url in (reverse("notices:list"), reverse("notices:open", args=[notice.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(login)
