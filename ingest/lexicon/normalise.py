"""Characters that text layers carry in place of the usual ones, read as the usual ones.

PDF fonts (and text copied out of them) can map glyphs to Kangxi radicals (U+2F00–U+2FDF: U+2F08 for 人) or
to CJK Compatibility Ideographs (U+F900–U+FAFF: U+FA42 for 既), which look the same but match nothing. Each is
replaced by its NFKC form; NFKC is applied to these two ranges only, so full-width punctuation and digits,
which the extractors read as printed, stay as they are.
"""

from __future__ import annotations

import re
import unicodedata

VARIANT_RANGES = ((0x2F00, 0x2FDF), (0xF900, 0xFAFF))
_USUAL = {
    code: unicodedata.normalize("NFKC", chr(code))
    for first, last in VARIANT_RANGES
    for code in range(first, last + 1)
    if unicodedata.normalize("NFKC", chr(code)) != chr(code)
}
_ANY_VARIANT = re.compile("[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in VARIANT_RANGES) + "]")


def usual_characters(text: str) -> str:
    """`text` with every Kangxi radical and CJK compatibility ideograph replaced by its usual character."""
    return text.translate(_USUAL) if _ANY_VARIANT.search(text) else text
