"""HTML: the visible text only. Scripts, styles, templates and hidden elements are dropped; block
elements become line breaks so paragraphs and list items stay apart.

The standard library's ``html.parser`` is enough here (it tolerates broken markup and needs no
dependency); a saved blog post is the typical input.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from foa.documents.model import Document, Page, content_id
from foa.documents.text import decode_text
from foa.errors import DocumentError

__all__ = ["html_to_text", "load_html"]

# Elements whose content is never shown to a reader.
_INVISIBLE = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas"}
# Elements that start a new line of text.
_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
    "p", "pre", "section", "table", "tr", "ul", "caption", "title",
}
# Elements without an end tag (never open a skip region).
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: str | None = None
        self._skip: list[str] = []  # stack of open invisible elements
        self._in_title = False
        self._title_skip: list[str] = []  # script/style elements open inside <title>
        self._title_parts: list[str] = []
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and not self._skip_below_head():
            self._in_title = True
            return
        if self._in_title:  # markup inside <title>: its text stays, a script's or style's does not
            if tag in _INVISIBLE and tag not in _VOID:
                self._title_skip.append(tag)
            return
        if self._skip:
            if tag not in _VOID:
                self._skip.append(tag)
            return
        attr = dict(attrs)
        hidden = "hidden" in attr or attr.get("aria-hidden") == "true" or _HIDDEN_STYLE.search(attr.get("style") or "")
        if (tag in _INVISIBLE or hidden) and tag not in _VOID:
            self._skip.append(tag)
            return
        if tag in _BLOCK:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")
        elif tag in ("td", "th"):
            self.parts.append(" | ")
        elif tag == "pre":
            self._pre += 1

    def _skip_below_head(self) -> bool:
        # <title> sits inside <head>, which is otherwise invisible: read it anyway.
        return bool(self._skip) and self._skip != ["head"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self._title_skip.clear()
            return
        if self._in_title:
            if tag in self._title_skip:
                while self._title_skip and self._title_skip.pop() != tag:
                    pass
            return
        if self._skip:
            # close up to the matching open tag (tolerates unclosed children)
            if tag in self._skip:
                while self._skip and self._skip.pop() != tag:
                    pass
            return
        if tag == "pre" and self._pre:
            self._pre -= 1
        if tag in _BLOCK and tag != "li":  # list items start a line; no blank line between them
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            if not self._title_skip:
                self._title_parts.append(data)
                self.title = " ".join("".join(self._title_parts).split()) or None
            return
        if self._skip:
            return
        # HTML collapses runs of white space outside <pre>
        self.parts.append(data if self._pre else re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Visible text and the <title> of an HTML string.

    >>> html_to_text("<html><head><title>T</title><style>p{}</style></head><p>Buy <b>SPY</b></p></html>")
    ('Buy SPY', 'T')
    """
    parser = _Visible()
    parser.feed(markup)
    parser.close()
    raw = "".join(parser.parts)
    lines = [line.strip() for line in raw.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, parser.title


def load_html(data: bytes, *, name: str, source: str | None) -> Document:
    """A one-page Document holding the visible text of an HTML file."""
    markup, encoding = decode_text(data, name)
    text, title = html_to_text(markup)
    if not text:
        raise DocumentError(
            f"{name} has no visible text (only markup, scripts or styles). If the page builds its content "
            "with JavaScript, save it from the browser after it has loaded (File > Save Page As, or print "
            "to PDF) and load that file."
        )
    meta = {
        "title": title,
        "author": None,
        "created": None,
        "page_count": 1,
        "source": source,
        "encoding": encoding,
        "size_bytes": len(data),
    }
    return Document(id=content_id(data), name=name, mime="text/html", pages=[Page(1, text, None)], metadata=meta)
