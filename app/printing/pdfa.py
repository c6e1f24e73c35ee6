"""A rendered form as PDF/A-2b: XMP metadata (pdfaid part 2, conformance B), an sRGB output
intent, and an Info dictionary that agrees with the XMP. Every value comes from the form's data,
so the same form always gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from app.printing.layout import PRODUCER

SRGB_IDENTIFIER = "sRGB IEC61966-2.1"
CREATOR_TOOL = "Nuanxin 暖心"
ICC_DATE = slice(24, 36)  # dateTimeNumber in the ICC header


@dataclass(frozen=True)
class PdfaMeta:
    title: str
    subject: str  # the form's id
    author: str  # the station
    created: dt.datetime  # aware; also the modification date


@cache
def srgb_profile() -> bytes:
    """The sRGB ICC profile shipped with pikepdf; Pillow's built-in one (with a fixed creation
    date, so it is the same every time) if that file is not there."""
    shipped = files("pikepdf").joinpath("pdfa", "data", "sRGB.icc")
    if shipped.is_file():
        return shipped.read_bytes()
    from PIL import ImageCms

    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    profile[ICC_DATE] = bytes([0x07, 0xD0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0])  # 2000-01-01 00:00
    return bytes(profile)


def pdf_date(moment: dt.datetime) -> str:
    offset = moment.strftime("%z")
    return f"D:{moment:%Y%m%d%H%M%S}{offset[:3]}'{offset[3:]}'"


def xmp_date(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def xmp_packet(meta: PdfaMeta) -> bytes:
    """The XMP metadata stream: PDF/A identification and the document's Info, mirrored."""
    created = xmp_date(meta.created)
    title, author, subject = escape(meta.title), escape(meta.author), escape(meta.subject)
    text = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="x-default">{subject}</rdf:li>
   </rdf:Alt></dc:description>
   <xmp:CreateDate>{created}</xmp:CreateDate>
   <xmp:ModifyDate>{created}</xmp:ModifyDate>
   <xmp:MetadataDate>{created}</xmp:MetadataDate>
   <xmp:CreatorTool>{escape(CREATOR_TOOL)}</xmp:CreatorTool>
   <pdf:Producer>{escape(PRODUCER)}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return text.encode("utf-8")


def _output_intent(document: pikepdf.Pdf) -> Dictionary:
    profile = document.make_stream(srgb_profile(), N=3)
    return Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFA1,
        OutputConditionIdentifier=String(SRGB_IDENTIFIER),
        Info=String(SRGB_IDENTIFIER),
        DestOutputProfile=profile,
    )


def _set_info(document: pikepdf.Pdf, meta: PdfaMeta) -> None:
    info = document.docinfo
    for key in list(info.keys()):
        del info[key]
    created = pdf_date(meta.created)
    info[Name.Title] = String(meta.title)
    info[Name.Author] = String(meta.author)
    info[Name.Subject] = String(meta.subject)
    info[Name.Creator] = String(CREATOR_TOOL)
    info[Name.Producer] = String(PRODUCER)
    info[Name.CreationDate] = String(created)
    info[Name.ModDate] = String(created)


def to_pdfa(pdf: bytes, meta: PdfaMeta) -> bytes:
    """``pdf`` (a rendered form) converted to PDF/A-2b, deterministically."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            if Name.Trans in page.obj:  # ReportLab writes an empty transition dictionary
                del page.obj[Name.Trans]
        document.Root.Metadata = document.make_stream(
            xmp_packet(meta), Type=Name.Metadata, Subtype=Name.XML
        )
        document.Root.OutputIntents = Array([_output_intent(document)])
        _set_info(document, meta)
        out = io.BytesIO()
        document.save(out, deterministic_id=True, fix_metadata_version=False)
        return out.getvalue()
