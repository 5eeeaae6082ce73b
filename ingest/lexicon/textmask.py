"""Blank out the parts of a measure's text that name units rather than say what is to be done."""

from __future__ import annotations

import re

# A parenthesis holding a unit list: labelled (（责任单位：…）, （牵头单位：…）) or a bare list of bodies
# (（市商务委、上海海关）). Nested parentheses one level deep, as in （市商务局（自贸委）、钱江海关）.
_PAREN = re.compile(r"[（(](?:[^（）()]|[（(][^（）()]*[）)])*[）)]")
_LABEL = re.compile(r"^[（(](?:主要)?(?:责任|牵头|配合|协办|主办|参与)(?:单位|部门|处室)")
_BODY = re.compile(
    r"(?:局|委|(?<![续通联即网快好帮代可简一掌就马])办|厅|部|署|院|会|政府|中心|集团|公司|海关|银行|分行|支行|部门|单位|处|室|站)$"
)


_LOCAL = re.compile(r"^(?:省|市|区|县|国家|中国)")


def _is_unit_list(paren: str) -> bool:
    """Labelled list, or a list most of whose items end like a body (a single item must start like one too)."""
    if _LABEL.match(paren):
        return True
    items = [re.sub(r"[（(][^（）()]*[）)]", "", i) for i in re.split(r"[、，,；;]", paren[1:-1]) if i]
    bodies = [i for i in items if _BODY.search(i)]
    if len(items) == 1:
        return bool(bodies) and bool(_LOCAL.match(items[0]))
    return 2 * len(bodies) >= len(items)


def mask_unit_lists(text: str, fill: str = "　") -> str:
    """`text` with unit-list parentheses replaced by `fill` characters (same length, offsets kept)."""
    return _PAREN.sub(lambda m: fill * len(m.group()) if _is_unit_list(m.group()) else m.group(), text)
