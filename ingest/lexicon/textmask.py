"""Blank out the parts of a measure's text that name units rather than say what is to be done."""

from __future__ import annotations

import re

from ingest.lexicon.bodies import bodies
from ingest.lexicon.national_bodies import national_bodies
from ingest.lexicon.unit_labels import unit_labels

# A parenthesis holding a unit list: labelled (（责任单位：…）, （牵头单位：…）) or a bare list of bodies
# (（市商务委、上海海关）). Nested parentheses one level deep, as in （市商务局（自贸委）、钱江海关）.
_PAREN = re.compile(r"[（(](?:[^（）()]|[（(][^（）()]*[）)])*[）)]")


def _is_unit_list(paren: str) -> bool:
    """Labelled list, or a list most of whose items end like a body (a single item must start like one too)."""
    if unit_labels().label_opening.match(paren):
        return True
    items = [re.sub(r"[（(][^（）()]*[）)]", "", i) for i in re.split(r"[、，,；;]", paren[1:-1]) if i]
    ending = bodies().list_item_ending
    named = [i for i in items if ending.search(i)]
    if len(items) == 1:
        return bool(named) and items[0].startswith(bodies().level_prefixes + national_bodies().prefixes)
    return 2 * len(named) >= len(items)


def mask_unit_lists(text: str, fill: str = "　") -> str:
    """`text` with unit-list parentheses replaced by `fill` characters (same length, offsets kept)."""
    return _PAREN.sub(lambda m: fill * len(m.group()) if _is_unit_list(m.group()) else m.group(), text)
