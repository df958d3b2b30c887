"""Scanned copies of dispatch texts, made here: the text printed on A4 pages (Pillow, DejaVu
Serif), then what a scanner or a phone does to paper: specks of noise, a page laid crooked,
a red seal stamped over the signature, a JPEG's loss. Deterministic (seeded), so a score
measured on them is the same on every run."""

import io
import math
import random
import textwrap

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
DPI = 200
WIDTH, HEIGHT = round(8.27 * DPI), round(11.69 * DPI)  # A4
MARGIN_LEFT, MARGIN_TOP = round(1.2 * DPI), round(0.9 * DPI)
SIZE = round(13 / 72 * DPI)  # 13 pt
LINE = round(SIZE * 1.45)
COLUMNS = 68


def _lines(text: str) -> list[str]:
    out: list[str] = []
    for paragraph in text.replace("**", "").split("\n"):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            if out and out[-1]:
                out.append("")
            continue
        out.extend(textwrap.wrap(paragraph, COLUMNS) or [""])
    return out


def pages(text: str) -> list[Image.Image]:
    """The text printed on clean white A4 pages."""
    font = ImageFont.truetype(FONT, SIZE)
    per_page = (HEIGHT - 2 * MARGIN_TOP) // LINE
    lines = _lines(text)
    printed = []
    for start in range(0, max(1, len(lines)), per_page):
        page = Image.new("RGB", (WIDTH, HEIGHT), "white")
        draw = ImageDraw.Draw(page)
        chunk = lines[start : start + per_page]
        for row, line in enumerate(chunk):
            draw.text((MARGIN_LEFT, MARGIN_TOP + row * LINE), line, fill=(20, 20, 20), font=font)
        page.info["last_line_y"] = MARGIN_TOP + (len(chunk) - 1) * LINE
        printed.append(page)
    return printed


def stamp(page: Image.Image, *, seed: int = 0) -> Image.Image:
    """A red round seal over the signature (the last lines of the page), as on a signed
    dispatch."""
    rng = random.Random(seed)
    layer = Image.new("RGBA", page.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    radius = round(0.75 * DPI)
    cx = MARGIN_LEFT + round(1.2 * DPI) + rng.randint(-40, 40)
    cy = page.info.get("last_line_y", page.height // 2) - LINE + rng.randint(-20, 20)
    red = (205, 30, 40, 200)
    for width, r in ((10, radius), (4, radius - 28)):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=width)
    draw.regular_polygon((cx, cy, radius // 4), 5, fill=red)
    font = ImageFont.truetype(FONT, round(SIZE * 0.8))
    for index, letter in enumerate("ỦY BAN NHÂN DÂN * "):
        angle = math.radians(200 + index * 17)
        x, y = cx + (radius - 55) * math.cos(angle), cy + (radius - 55) * math.sin(angle)
        draw.text((x, y), letter, fill=red, font=font, anchor="mm")
    return Image.alpha_composite(page.convert("RGBA"), layer).convert("RGB")


def scanner(page: Image.Image, *, skew: float = 1.5, noise: float = 0.004, seed: int = 0):
    """A page through a cheap scanner: crooked by `skew` degrees, `noise` of the pixels
    flipped to black or white specks, slightly blurred."""
    rng = random.Random(seed)
    page = page.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor="white")
    grey = page.convert("RGB")
    pixels = grey.load()
    for _ in range(int(grey.width * grey.height * noise)):
        x, y = rng.randrange(grey.width), rng.randrange(grey.height)
        pixels[x, y] = (0, 0, 0) if rng.random() < 0.5 else (255, 255, 255)
    return grey.filter(ImageFilter.GaussianBlur(0.6))


def scanned(text: str, *, skew: float = 1.5, noise: float = 0.004, seed: int = 0):
    """Every page of `text` printed, the last one stamped, and scanned."""
    printed = pages(text)
    printed[-1] = stamp(printed[-1], seed=seed)
    return [
        scanner(page, skew=skew * (1 if i % 2 == 0 else -0.6), noise=noise, seed=seed + i)
        for i, page in enumerate(printed)
    ]


def as_pdf(images: list[Image.Image]) -> bytes:
    """An image-only PDF, as a scanner writes one."""
    out = io.BytesIO()
    first, *rest = [image.convert("RGB") for image in images]
    first.save(out, "PDF", resolution=DPI, save_all=True, append_images=rest)
    return out.getvalue()


def as_jpeg(image: Image.Image, quality: int = 80) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


def as_png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def photo(image: Image.Image, *, seed: int = 0) -> Image.Image:
    """A phone photo of a page: smaller, uneven light, a grey desk around the paper."""
    rng = random.Random(seed)
    small = image.convert("RGB").resize((image.width * 3 // 4, image.height * 3 // 4))
    desk = Image.new("RGB", (small.width + 160, small.height + 200), (90, 85, 80))
    desk.paste(small, (80 + rng.randint(-20, 20), 100 + rng.randint(-20, 20)))
    shade = Image.linear_gradient("L").resize(desk.size).point(lambda v: 255 - v // 5)
    return Image.composite(desk, Image.new("RGB", desk.size, (0, 0, 0)), shade).rotate(
        rng.uniform(-2, 2), resample=Image.Resampling.BICUBIC, fillcolor=(90, 85, 80)
    )
