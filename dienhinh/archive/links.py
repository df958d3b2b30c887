"""Download links of a built archive: signed for one user and one build, valid for
DIENHINH_ARCHIVE_LINK_HOURS. A link that expired, was made for someone else, or was
tampered with is refused with a message that says which."""

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from dienhinh.common.errors import ApplicationError

from .models import ArchiveExport, ExportStatus

SALT = "dienhinh.archive.download"


def download_token(*, export: ArchiveExport, user) -> str:
    return signing.dumps({"e": export.pk, "u": user.pk}, salt=SALT, compress=True)


def export_for_token(*, token: str, user) -> ArchiveExport:
    """The build a link opens for this user; ApplicationError (extra["status"]) if none."""
    max_age = settings.DIENHINH_ARCHIVE_LINK_HOURS * 3600
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise _refused(
            _("This download link has expired. Open the 11 June archive page for a new one."),
            410,
        ) from None
    except signing.BadSignature:
        raise _refused(_("This download link is not valid."), 404) from None
    if data.get("u") != user.pk:
        raise _refused(
            _("This download link was made for another person. Ask for your own link."), 403
        )
    export = ArchiveExport.objects.select_related("collection__unit").filter(pk=data["e"]).first()
    if export is None or export.status == ExportStatus.EXPIRED:
        raise _refused(
            _("This archive has expired and was deleted. Build it again from its page."), 410
        )
    if export.status != ExportStatus.READY:
        raise _refused(_("This archive is not ready yet."), 409)
    return export


def _refused(message: str, status: int) -> ApplicationError:
    return ApplicationError(message, extra={"status": status})
