"""Draw the site's default link-preview card, static/images/social-card.png (1200×630).

Link previews (OpenGraph, Twitter) show it for pages without an image of their own, unless an
editor sets one in Settings › Site settings. It is drawn from the site's own font and colours,
so it needs no design tool: run `.venv/bin/python scripts/make_social_card.py` after changing
them, and commit the PNG.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "static" / "fonts"
OUT = ROOT / "static" / "images" / "social-card.png"
SIZE = (1200, 630)
BRAND, BRAND_DARK, INK = (181, 18, 27), (94, 10, 15), (21, 32, 43)
TINT = (255, 224, 222)


def gradient(size, start, end):
    """A diagonal gradient from `start` (top left) to `end` (bottom right)."""
    width, height = size
    mask = Image.new("L", size)
    mask.putdata(
        [int(255 * (x / width + y / height) / 2) for y in range(height) for x in range(width)]
    )
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


def main():
    card = gradient(SIZE, BRAND, BRAND_DARK)
    draw = ImageDraw.Draw(card, "RGBA")
    draw.ellipse((880, -160, 1360, 320), fill=(255, 255, 255, 40))
    draw.ellipse((800, -240, 1440, 400), outline=(255, 255, 255, 26), width=40)
    serif = ImageFont.truetype(str(FONTS / "source-serif-4-latin-600-normal.woff2"), 96)
    italic = ImageFont.truetype(str(FONTS / "source-serif-4-latin-400-italic.woff2"), 46)
    sans = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 26)
    # The mark of the site header, drawn large.
    x, y = 80, 80
    draw.rounded_rectangle((x, y, x + 96, y + 96), radius=18, fill=(255, 255, 255))
    for left, top in ((24, 30), (42, 18), (60, 42)):
        draw.rectangle((x + left, y + top, x + left + 12, y + 66), fill=BRAND)
    draw.rectangle((x + 21, y + 72, x + 75, y + 77), fill=BRAND)
    draw.text((80, 250), "OPEN INFRASTRUCTURE FOUNDATION", font=sans, fill=(255, 255, 255, 230))
    draw.text((76, 300), "Annual Report", font=serif, fill=(255, 255, 255))
    draw.text((80, 425), "Projects, working groups, community and events,", font=italic, fill=TINT)
    draw.text((80, 482), "year by year.", font=italic, fill=TINT)
    draw.rectangle((0, SIZE[1] - 14, SIZE[0], SIZE[1]), fill=INK)
    card.save(OUT, format="PNG", optimize=True)
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
