"""Files and a small monthly cycle for the archive's tests."""

import datetime as dt
import io
import random
import shutil
import subprocess

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from dienhinh.archive.services import MaterialDetails, material_send
from dienhinh.testing import make_seed_programmes


def photo_bytes(seed: int = 1, *, size=(320, 240), gps: bool = False, fmt="JPEG") -> bytes:
    """A photo with a pattern of its own (a flat colour would hash like any other)."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        w, h = rng.randrange(20, size[0] // 2), rng.randrange(20, size[1] // 2)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.rectangle([x, y, x + w, y + h], fill=colour)
    buffer = io.BytesIO()
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {1: "N", 2: (20.0, 48.0, 3.5), 3: "E", 4: (106.0, 38.0, 1.2)}
    image.save(buffer, fmt, exif=exif.tobytes() if gps else b"")
    return buffer.getvalue()


def upload(data: bytes, name: str = "anh.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def mp4_bytes(tmp_path, *, seconds: float = 1.0, location: bool = True) -> bytes:
    """A tiny real MP4 made by ffmpeg, with a GPS position in its metadata."""
    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "ffmpeg is needed (apt-get install ffmpeg; .ci/run installs it)"
    target = tmp_path / "clip.mp4"
    command = [ffmpeg, "-v", "error", "-y", "-f", "lavfi"]
    command += ["-i", f"testsrc=duration={seconds}:size=160x120:rate=10", "-c:v", "mpeg4"]
    if location:
        command += ["-metadata", "location=+20.8167+106.6333/", "-metadata", "title=Le"]
    subprocess.run([*command, str(target)], check=True, capture_output=True)
    return target.read_bytes()


def seed_cycle(cast, *, on=dt.date(2023, 10, 1)):
    """The seeds' programmes from October 2023: the district's period for the wards."""
    city, district = make_seed_programmes(cast, starts_on=on)
    return district.periods.get(key=f"{on:%Y-%m}"), city.periods.get(key=f"{on:%Y-%m}")


def send_photo(cast, period, *, seed=1, unit=None, actor=None, day=dt.date(2023, 10, 9), **kw):
    details = MaterialDetails(
        title=kw.pop("title", f"Lễ tuyên dương {seed}"),
        taken_on=day,
        caption=kw.pop("caption", "Chủ tịch UBND phường trao giấy khen"),
        credit=kw.pop("credit", "Nguyễn Văn An"),
        **kw,
    )
    material, notices = material_send(
        actor=actor or cast.ward_reporter,
        unit=unit or cast.ward,
        period=period,
        upload=upload(photo_bytes(seed)),
        details=details,
    )
    return material


def published_example(cast, period, *, photo_seed=40):
    """A ward's nomination with a photo, accepted, consented and told on the ward's
    loudspeakers today (the publishing domain's record of a publication)."""
    from dienhinh.common.dates import today
    from dienhinh.nominations.attachments import attachment_add
    from dienhinh.nominations.publicity import consent_record
    from dienhinh.nominations.workflow import (
        Content,
        nomination_accept,
        nomination_create,
        nomination_submit,
    )
    from dienhinh.publishing import services as publishing
    from dienhinh.publishing.outlets import OutletSpec, outlet_create
    from dienhinh.publishing.publication import Publication, item_publish
    from dienhinh.publishing.services import Choice

    nomination = nomination_create(
        actor=cast.ward_reporter,
        unit=cast.ward,
        period=period,
        content=Content(
            headline="Anh Tâm cứu hai em nhỏ", story="Anh Tâm lao xuống sông.", full_name="Tâm"
        ),
    )
    attachment_add(
        actor=cast.ward_reporter,
        nomination=nomination,
        upload=upload(photo_bytes(photo_seed)),
        caption="Anh Tâm",
    )
    nomination = nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )
    nomination = nomination_accept(
        actor=cast.compiler, nomination=nomination, revision=nomination.revision
    )
    consent_record(
        actor=cast.ward_reporter, nomination=nomination, given_by="Nguyễn Văn Tâm",
        given_on=dt.date(2023, 10, 9), channels=["newspaper", "portal", "loudspeaker"],
    )  # fmt: skip
    loudspeakers = outlet_create(
        actor=cast.superuser,
        unit=cast.ward,
        spec=OutletSpec(kind="loudspeaker", name="Đài truyền thanh phường Hưng Đạo"),
    )
    item = publishing.item_create(
        actor=cast.ward_reporter,
        choice=Choice(outlet=loudspeakers, nominations=[nomination], acting_unit=cast.ward),
    )
    item = publishing.item_approve(actor=cast.ward_leader, item=item, revision=item.revision)
    item = publishing.item_schedule(
        actor=cast.ward_reporter, item=item, revision=item.revision, on=today(),
        air_time=dt.time(17, 30),
    )  # fmt: skip
    item_publish(
        actor=cast.ward_reporter,
        item=item,
        revision=item.revision,
        publication=Publication(published_on=today(), air_time=dt.time(17, 30)),
    )
    return nomination


def favourite(cast, material, unit=None):
    from dienhinh.archive.services import favourite_set

    return favourite_set(
        actor=cast.city_officer, unit=unit or cast.city, material=material, chosen=True
    )


def forward(cast, period, materials):
    """The district's list of the period, carrying this material, forwarded to the city."""
    from dienhinh.archive.batching import batch_set_materials
    from dienhinh.nominations.batches import batch_forward, batch_open

    batch = batch_open(actor=None, period=period)
    batch_set_materials(actor=cast.compiler, batch=batch, materials=materials)
    return batch_forward(actor=cast.compiler, batch=batch, revision=batch.revision)
