"""Activity photos for the demo's October 2023: drawn pictures (no real people), sent by
the wards through the same service as an upload from a phone."""

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

from .models import Movement
from .services import MaterialDetails, material_send

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
# (ward slug, day, title, caption, movement, place)
OCTOBER_2023 = [
    ("hungdao", 5, "Lễ phát động thi đua quý IV", "Lãnh đạo phường phát động phong trào thi "
     "đua quý IV năm 2023.", "Toàn dân đoàn kết xây dựng đời sống văn hóa",
     "Hội trường UBND phường"),
    ("hungdao", 9, "Trao giấy khen người tốt việc tốt", "Chủ tịch UBND phường trao giấy khen "
     "cho anh Nguyễn Văn Tâm.", "Thi đua đặc biệt, theo đợt, chuyên đề", "Hội trường UBND phường"),
    ("daphuc", 12, "Ra quân vệ sinh môi trường", "Đoàn viên, thanh niên ra quân dọn vệ sinh "
     "đường làng.", "Cả nước thi đua xây dựng nông thôn mới", "Tổ dân phố số 3"),
    ("hoanghia", 14, "Hội nghị biểu dương điển hình tiên tiến", "Hội nghị biểu dương các tập "
     "thể, cá nhân tiêu biểu.", "Toàn dân bảo vệ an ninh Tổ quốc", "Nhà văn hóa phường"),
    ("tanthanh", 15, "Trao quà hộ nghèo", "Trao quà cho các hộ nghèo trên địa bàn phường.",
     "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau", "Trụ sở UBND phường"),
]  # fmt: skip


def picture(seed: int, title: str, *, size=(1280, 853)) -> bytes:
    """A drawn "photo": a sky, a stage, banners and the title, different for each seed."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, (rng.randrange(90, 160), rng.randrange(120, 200), 220))
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle([0, height * 0.62, width, height], fill=(150, 40 + rng.randrange(60), 40))
    for _ in range(14):
        x, y = rng.randrange(width), rng.randrange(int(height * 0.55), height)
        r = rng.randrange(18, 40)
        colour = tuple(rng.randrange(30, 230) for _ in range(3))
        draw.ellipse([x - r, y - 2 * r, x + r, y], fill=colour)
    draw.rectangle([width * 0.08, height * 0.1, width * 0.92, height * 0.3], fill=(170, 20, 25))
    try:
        font = ImageFont.truetype(FONT, 44)
    except OSError:
        font = ImageFont.load_default()
    draw.text((width * 0.1, height * 0.15), title.upper(), fill=(255, 230, 90), font=font)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def send_october_material(t: dict, period, clock) -> list:
    """The wards' photos of October 2023, each sent on its day; returns the material."""
    from dienhinh.accounts.models import User

    sent = []
    for index, (slug, day, title, caption, movement, place) in enumerate(OCTOBER_2023):
        reporter = User.objects.get(username=f"{slug}.baocao")
        details = MaterialDetails(
            title=title,
            taken_on=dt.date(2023, 10, day),
            place=place,
            movement=Movement.objects.filter(name=movement).first(),
            caption=caption,
            credit=f"Văn phòng UBND {t[slug].name}",
        )
        upload = SimpleUploadedFile(f"IMG_20231{day:03d}.jpg", picture(index, title))
        with clock(2023, 10, min(day + 1, 15), 16):
            material, _notices = material_send(
                actor=reporter, unit=t[slug], period=period, upload=upload, details=details
            )
        sent.append(material)
    return sent
