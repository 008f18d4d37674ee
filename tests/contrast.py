"""WCAG 2.1 contrast ratios (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio) of colours as
CSS writes them (#rgb, #rrggbb, rgb(), rgba()), for tests of the stylesheet, the charts and
computed styles in the browser."""

import re

COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|rgba?\([^)]*\)")
NAMED = {"white": "#ffffff", "black": "#000000"}


def parse_css_colour(text: str) -> tuple[int, int, int]:
    """The first colour in `text` (a computed box-shadow holds one among lengths)."""
    text = NAMED.get(text.strip().lower(), text)
    match = COLOUR.search(text)
    if match is None:
        raise ValueError(f"no colour in {text!r}")
    colour = match.group(0)
    if colour.startswith("#"):
        digits = colour[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))
    parts = [p.strip() for p in colour[colour.index("(") + 1:-1].split(",")]
    if len(parts) == 4 and float(parts[3]) < 1:
        raise ValueError(f"{colour} is translucent: its contrast depends on what is behind")
    return tuple(round(float(p)) for p in parts[:3])


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: tuple[int, int, int]) -> float:
    r, g, b = (_channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a, b) -> float:
    """(L1 + 0.05) / (L2 + 0.05), the lighter over the darker; colours as tuples or CSS."""
    la, lb = (luminance(parse_css_colour(c) if isinstance(c, str) else c) for c in (a, b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
