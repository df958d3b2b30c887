"""PDF through real LibreOffice in the worker: the pages are counted with pdftoppm, the same
document version is converted once, and a missing converter is said plainly."""

import os
import shutil
import subprocess

import pytest

from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError
from dienhinh.documents import contexts
from dienhinh.documents.conversion import conversion_request
from dienhinh.documents.models import Conversion, ConversionStatus

# Skipped on a developer's machine without them; in CI (.ci/run installs them) never.
needs_converter = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftoppm")) and not os.environ.get("CI"),
    reason="LibreOffice (libreoffice-writer-nogui) and poppler-utils are needed",
)


def pages_rendered(pdf_path, folder) -> int:
    """Render every page to PNG with pdftoppm, as a person would look at it."""
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(pdf_path), str(folder / "page")],
        check=True,
        timeout=60,
    )
    return len(list(folder.glob("page-*.png")))


@needs_converter
def test_the_forwarding_dispatch_and_its_list_become_pdfs_of_the_expected_pages(
    cast, settings_done, october, django_capture_on_commit_callbacks, tmp_path
):
    jobs = []
    for make in (contexts.forwarding, contexts.annex_list):
        with django_capture_on_commit_callbacks(execute=True):
            job = conversion_request(actor=cast.compiler, draft=make(october))
        job.refresh_from_db()
        assert job.status == ConversionStatus.DONE, job.error
        jobs.append(job)
    letter, annex = jobs
    for folder in ("letter", "annex"):
        (tmp_path / folder).mkdir()
    assert pages_rendered(letter.pdf.path, tmp_path / "letter") == letter.pages == 1
    # The 3,000-character summary runs the landscape list over three pages, whole.
    assert pages_rendered(annex.pdf.path, tmp_path / "annex") == annex.pages == 3
    assert AuditEvent.objects.filter(action="document.pdf_done").count() == 2


@needs_converter
def test_the_same_version_is_converted_once(
    cast, settings_done, october, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = conversion_request(actor=cast.compiler, draft=contexts.forwarding(october))
    with django_capture_on_commit_callbacks(execute=True) as queued:
        again = conversion_request(actor=cast.city_officer, draft=contexts.forwarding(october))
    assert again.pk == first.pk and not queued
    assert Conversion.objects.count() == 1
    assert AuditEvent.objects.filter(action="document.pdf_request").count() == 1


def test_without_the_converter_the_user_is_told_to_take_the_word_file(
    cast, settings_done, october, settings
):
    settings.DOCUMENTS_SOFFICE = "no-such-converter-here"
    with pytest.raises(ApplicationError) as refused:
        conversion_request(actor=cast.compiler, draft=contexts.forwarding(october))
    assert "LibreOffice" in refused.value.message and "Word (.docx)" in refused.value.message
    assert not Conversion.objects.exists()
