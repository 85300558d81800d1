"""Documents that could run a script in the site's origin are refused at upload, whatever their
name says (they are also served as attachments with nosniff: settings, docs/security.md)."""

import re

from django import forms
from wagtail.documents.forms import BaseDocumentForm

SNIFF_BYTES = 4096
# What a browser would sniff as a page or an image with scripts: HTML, SVG, XML with markup.
MARKUP = re.compile(
    rb"<\s*(!doctype\s+html|html|head|body|script|svg|iframe|object|embed|\?xml)\b",
    re.IGNORECASE,
)
# A PDF's document-level scripts and actions.
PDF_SCRIPT = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile)\b")


def _pdf_has_scripts(upload):
    tail = b""
    for chunk in upload.chunks():
        if PDF_SCRIPT.search(tail + chunk):
            return True
        tail = chunk[-16:]
    return False


def script_bearing_reason(upload):
    """Why a document is refused, or None."""
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    # Office files and archives are zips: compressed, never sniffed as a page.
    if not head.startswith(b"PK\x03\x04") and MARKUP.search(head):
        return "it contains HTML, SVG or XML markup, which a browser could run as a page"
    if upload.name.lower().endswith(".pdf") and _pdf_has_scripts(upload):
        return "it is a PDF with embedded scripts, launch actions or attached files"
    return None


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            reason = script_bearing_reason(upload)
            upload.seek(0)
            if reason:
                raise forms.ValidationError(
                    "%(name)s is refused: %(reason)s. Upload a PDF, an office document, "
                    "a spreadsheet or plain text without markup.",
                    params={"name": upload.name, "reason": reason},
                    code="script_bearing",
                )
        return upload
