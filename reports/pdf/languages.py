"""What a translated edition's PDF says in its language: its labels (the contents page, the
running header, the cover's web link), its fonts (Debian's Noto CJK for Chinese, Japanese and
Korean, installed by .ci/apt-packages.txt) and the credits of its translation."""

LABELS = {
    "contents": {"ja": "目次", "zh-hans": "目录", "ko": "목차", "de": "Inhalt", "id": "Daftar isi"},
    "web": {
        "ja": "ウェブ版:",
        "zh-hans": "网页版:",
        "ko": "웹에서 보기:",
        "de": "Auch im Web:",
        "id": "Juga di web:",
    },
    "figures": {
        "ja": "主要な数値のデータ:",
        "zh-hans": "关键数据:",
        "ko": "주요 수치 데이터:",
        "de": "Die Kennzahlen als Daten:",
        "id": "Angka utama sebagai data:",
    },
    "translated_by": {
        "ja": "翻訳:",
        "zh-hans": "翻译:",
        "ko": "번역:",
        "de": "Übersetzt von",
        "id": "Diterjemahkan oleh",
    },
}
# Fonts before the Latin ones' fallbacks: Noto CJK has Latin too, but the Latin faces stay first.
CJK_FONTS = {"ja": "JP", "zh-hans": "SC", "ko": "KR"}


ENGLISH = {
    "contents": "Contents",
    "web": "Also on the web:",
    "figures": "Its key figures as data:",
    "translated_by": "Translated by",
}


def labels(language):
    return {key: values.get(language, ENGLISH[key]) for key, values in LABELS.items()}


def language_css(language):
    """Per-language CSS added to the PDF stylesheet: translated labels and CJK fonts."""
    contents = labels(language)["contents"]
    css = (
        f'@page contents {{ @top-right {{ content: "{contents}"; }} }}\n'
        f'.toc__title {{ bookmark-label: "{contents}"; }}\n'
    )
    region = CJK_FONTS.get(language)
    if region:
        css += (
            f'html {{ font-family: "Liberation Serif", "Noto Serif CJK {region}", serif; }}\n'
            f"h1, h2, h3, h4, h5, h6, .link-list a {{ font-family: "
            f'"Liberation Sans", "Noto Sans CJK {region}", sans-serif; }}\n'
        )
    return css
