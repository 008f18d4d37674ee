"""Text in server-rendered SVG charts: labels are wrapped onto several lines (<tspan>s),
never cut. SVG has no automatic line breaking, so the width is counted in characters; a word
longer than a line keeps a line of its own rather than being split."""

from markupsafe import Markup, escape


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters, broken at spaces."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def text_lines(lines: list[str], *, x: float, y: float, line_height: float,
               centre: bool = False, **attributes) -> Markup:
    """One <text> holding `lines`, the first line's baseline at `y` (or, with `centre`, the
    block centred vertically on `y`); keyword attributes are written with dashes
    (font_size → font-size)."""
    if centre:
        y -= (len(lines) - 1) * line_height / 2
    attrs = "".join(f' {name.replace("_", "-")}="{escape(value)}"'
                    for name, value in attributes.items())
    spans = "".join(f'<tspan x="{x:.1f}" dy="{0 if i == 0 else line_height:g}">'
                    f'{escape(line)}</tspan>' for i, line in enumerate(lines))
    return Markup(f'<text x="{x:.1f}" y="{y:.1f}"{attrs}>{spans}</text>')  # noqa: S704


def label(text: str, width: int, **kwargs) -> Markup:
    """text_lines of `text` wrapped to `width` characters."""
    return text_lines(wrap(text, width), **kwargs)


# Text drawn on a coloured shape (a bar, a circle): the first of these inks that meets WCAG's
# 4.5:1 contrast on it (the page's ink, then white, then black, which always reaches 4.58:1
# where the other two do not).
INKS = ("#1b1f24", "#ffffff", "#000000")
TEXT_CONTRAST = 4.5


def _luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ink_on(colour: str) -> str:
    """The colour for text drawn on `colour` (#rrggbb)."""
    return next((ink for ink in INKS if contrast(ink, colour) >= TEXT_CONTRAST),
                max(INKS, key=lambda ink: contrast(ink, colour)))
