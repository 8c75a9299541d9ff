"""Real files for upload tests: a one-page PDF, a PNG and a JPEG, made in memory."""

import io

from PIL import Image

EICAR = (b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*")


def pdf_bytes(*, commentaar: bytes = b"", catalogus_extra: bytes = b"") -> bytes:
    """A valid one-page PDF with correct cross-reference offsets. `commentaar` is put in a
    comment line after the header (padding, or a test string for the virus scanner);
    `catalogus_extra` goes into the document catalogue (e.g. an /OpenAction)."""
    objecten = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalogus_extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    if commentaar:
        out += b"%" + commentaar + b"\n"
    offsets = []
    for nummer, inhoud in enumerate(objecten, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % nummer + inhoud + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objecten) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objecten) + 1, xref)
    return out


def _image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, fmt)
    return buffer.getvalue()


def png_bytes() -> bytes:
    return _image("PNG")


def jpeg_bytes() -> bytes:
    return _image("JPEG")


PDF = pdf_bytes()
