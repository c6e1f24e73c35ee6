"""Read a PDF the way people and archives will: poppler's pdffonts/pdftotext/pdftoppm, pypdf,
and zxing-cpp for the QR code on the rendered page."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdf


@dataclass(frozen=True)
class FontRow:
    name: str
    type: str
    embedded: bool
    subset: bool
    unicode: bool


def _with_file(pdf: bytes, args: list[str]) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            [*args, str(path), *([] if args[0] == "pdffonts" else ["-"])],
            check=True,
            capture_output=True,
        ).stdout.decode("utf-8")


def pdffonts(pdf: bytes) -> list[FontRow]:
    lines = _with_file(pdf, ["pdffonts"]).splitlines()[2:]
    rows = []
    for line in lines:
        match = re.match(r"(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)\s", line)
        assert match, f"unexpected pdffonts line: {line!r}"
        name, kind, emb, sub, uni = match.groups()
        rows.append(FontRow(name, kind, emb == "yes", sub == "yes", uni == "yes"))
    return rows


def pdftotext(pdf: bytes, *, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return _with_file(pdf, ["pdftotext", "-enc", "UTF-8", *pages])


def pypdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def squeeze(text: str) -> str:
    """Text without any whitespace (line wrapping puts breaks where the input had none)."""
    return re.sub(r"\s+", "", text)


def page_png(pdf: bytes, page: int = 1, dpi: int = 150) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(dpi),
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(path),
                str(Path(folder) / "page"),
            ],
            check=True,
        )
        return (Path(folder) / "page.png").read_bytes()


def qr_texts(png: bytes) -> list[str]:
    import zxingcpp
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    return [
        code.text
        for code in zxingcpp.read_barcodes(image)
        if code.format == zxingcpp.BarcodeFormat.QRCode
    ]
