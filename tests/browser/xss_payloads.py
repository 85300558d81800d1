"""An XSS corpus, and the browser-side detector that finds a payload turned into markup.

Every payload carries its number N in what it would run (`alert(N)` or `window.__xss=N`), so a
dialog or the marker names the payload that got through. The detector does not need them to
run: it looks, in the parsed document, for what only a payload could have made (an event
handler attribute, a script holding the marker, a `javascript:` address, a broken JSON-LD
block, a template expression evaluated...). The site's own markup has none of these.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Payload:
    number: int
    text: str
    # Where a careless template would have to put it for it to work: "html" (element
    # content), "attribute" (a quoted attribute value), "url" (an href or src), "script"
    # (inside a JSON-LD block), "template" (a field rendered as a Django template).
    context: str


PAYLOADS = [
    Payload(1, "<script>alert(1)</script>", "html"),
    Payload(2, "<img src=x onerror=alert(2)>", "html"),
    Payload(3, "<svg onload=window.__xss=3>", "html"),
    Payload(4, "<svg><script>window.__xss=4</script></svg>", "html"),
    Payload(5, "<math><mtext><table><mglyph><style><img src=x onerror=alert(5)>", "html"),
    Payload(6, '"><script>alert(6)</script>', "attribute"),
    Payload(7, "'><img src=x onerror=alert(7)>", "attribute"),
    Payload(8, '" autofocus onfocus="window.__xss=8" x="', "attribute"),
    Payload(9, "</script><script>alert(9)</script>", "script"),
    Payload(10, "<!--<script>--></script><script>window.__xss=10</script>", "script"),
    Payload(11, "javascript:alert(11)", "url"),
    Payload(12, "JaVa\tScRiPt:window.__xss=12", "url"),
    Payload(13, "data:text/html,<script>alert(13)</script>", "url"),
    Payload(14, '<iframe src="javascript:alert(14)"></iframe>', "html"),
    Payload(15, '<a href="javascript:window.__xss=15">link 15</a>', "html"),
    Payload(16, "<details open ontoggle=alert(16)>", "html"),
    Payload(17, '<object data="data:text/html,<script>alert(17)</script>"></object>', "html"),
    Payload(18, '<svg><a xlink:href="javascript:alert(18)"><text>18</text></a></svg>', "html"),
    Payload(19, "{% filter lower %}XSS-TEMPLATE-19{% endfilter %}", "template"),
    Payload(20, '{{ "xss-template-"|add:"20" }}', "template"),
    Payload(21, '<noscript><p title="</noscript><img src=x onerror=alert(21)>">', "html"),
    Payload(22, '<meta http-equiv="refresh" content="0;url=javascript:alert(22)">', "html"),
    Payload(23, "<input autofocus onfocus=window.__xss=23>", "html"),
    Payload(24, '<form><button formaction="javascript:alert(24)">24</button></form>', "html"),
    Payload(
        25, "]]></summary><script xmlns='http://www.w3.org/1999/xhtml'>alert(25)</script>", "html"
    ),
    Payload(26, "<ScRiPt >window.__xss=26</sCrIpT >", "html"),
    Payload(27, "<embed src=javascript:alert(27)>", "html"),
    Payload(28, "<base href=javascript:alert(28)//>", "html"),
]

BY_NUMBER = {payload.number: payload for payload in PAYLOADS}


def payload(number):
    return BY_NUMBER[number].text


def joined(*numbers):
    return " ".join(payload(n) for n in numbers)


# A word every seeded page holds, so that one search finds them all.
SEARCH_WORD = "xsscorpus"

# The detector: `findInjected(document)` lists what a payload made in a parsed document.
DETECTOR = r"""
(() => {
  const MARK = /__xss|alert\(\d+\)/;
  const URL_ATTRIBUTES = new Set([
    "href", "src", "action", "formaction", "data", "xlink:href", "poster", "background",
    "srcset", "codebase", "cite", "ping",
  ]);
  const BAD_URL = /^(javascript|vbscript|data:text\/html|data:image\/svg)/;
  const NEVER = new Set(["object", "embed", "applet", "base", "frame", "frameset", "math"]);
  function where(el) {
    return el.outerHTML.slice(0, 160);
  }
  window.findInjected = (doc) => {
    const found = [];
    for (const el of doc.querySelectorAll("*")) {
      const tag = el.localName.toLowerCase();
      if (NEVER.has(tag)) found.push(`<${tag}> element: ${where(el)}`);
      if (tag === "script") {
        const type = (el.getAttribute("type") || "").toLowerCase();
        if (type === "application/ld+json") {
          try { JSON.parse(el.textContent); } catch (e) {
            found.push(`JSON-LD broken: ${el.textContent.slice(0, 160)}`);
          }
        } else if (MARK.test(el.textContent) || MARK.test(el.getAttribute("src") || "")) {
          found.push(`script: ${where(el)}`);
        }
      }
      if (tag === "style" && MARK.test(el.textContent)) found.push(`style: ${where(el)}`);
      if (tag === "meta" && (el.getAttribute("http-equiv") || "").toLowerCase() === "refresh") {
        found.push(`meta refresh: ${where(el)}`);
      }
      if (tag === "iframe" && el.hasAttribute("srcdoc")) found.push(`srcdoc: ${where(el)}`);
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith("on")) found.push(`handler ${name}: ${where(el)}`);
        if (name.includes("xss") || name.includes('"') || name.includes("'")) {
          found.push(`attribute ${name}: ${where(el)}`);
        }
        const value = attr.value.replace(/[\u0000-\u0020\u007f-\u00a0]+/g, "").toLowerCase();
        if (URL_ATTRIBUTES.has(name) && BAD_URL.test(value)) {
          found.push(`${name}=${attr.value}: ${where(el)}`);
        }
      }
    }
    const text = doc.documentElement ? doc.documentElement.textContent : "";
    const evaluated = text.match(/xss-template-\d+/);
    if (evaluated) found.push(`template evaluated: ${evaluated[0]}`);
    return found;
  };
  window.findInjectedInHTML = (html) =>
    window.findInjected(new DOMParser().parseFromString(html, "text/html"));
})();
"""


def raw_context(item):
    """The payload as a template that forgot to escape it would write it: what the detector
    must flag (tests/browser/test_xss_corpus.py checks that it does, for every payload)."""
    if item.context == "attribute":
        quote = "'" if item.text.startswith("'") else '"'
        return f"<p title={quote}{item.text}{quote}>x</p>"
    if item.context == "url":
        return f'<a href="{item.text}">x</a>'
    if item.context == "script":
        return f'<script type="application/ld+json">{{"name": "{item.text}"}}</script>'
    return f"<div>{item.text}</div>"
