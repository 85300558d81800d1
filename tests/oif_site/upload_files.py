"""Hostile and oversized files for the upload tests, made on the fly."""

import io
import os
import struct
import zlib

from PIL import Image

SCRIPT_SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.domain)</script><rect width='10' height='10'/></svg>"
)


def _chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def huge_png(width, height):
    """A valid black 1-bit PNG of width x height pixels that weighs a few kilobytes: the
    decompression bomb an upload form must refuse without decoding it."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def heavy_png(megabytes):
    """A real PNG padded to `megabytes` with noise nobody can compress."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#b5121b").save(buffer, "PNG")
    return buffer.getvalue() + os.urandom(int(megabytes * 1024 * 1024))


def small_png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#1b5cb5").save(buffer, "PNG")
    return buffer.getvalue()
