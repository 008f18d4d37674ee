"""Building IATI XML elements: attributes spelled as IATI spells them, narratives in their
languages."""

from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def sub(parent, tag: str, text: str | None = None, **attributes):
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): str(v)
                                             for k, v in attributes.items() if v not in (None, "")})
    if text is not None:
        element.text = text
    return element


def narratives(parent, texts: dict, language: str) -> None:
    for lang, text in texts.items():
        if not text:
            continue
        narrative = sub(parent, "narrative", text)
        if lang and lang != language:
            narrative.set(XML_LANG, lang)


def named(parent, tag: str, name: str, **attributes):
    element = sub(parent, tag, **attributes)
    if name:
        sub(element, "narrative", name)
    return element
