"""A set of the rubric's items as one integer, a bit an item: how a roll-up keeps each branch's
failed items (100,000 branches, some hundred items) in a few bytes a branch."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Rubric


class ItemBits:
    def __init__(self, rubric: Rubric) -> None:
        self.order = tuple(rubric.items)  # order[n] is the item of bit n
        self.bit = {item: 1 << n for n, item in enumerate(self.order)}

    def of(self, items: Iterable[str]) -> int:
        return sum(self.bit[i] for i in items)

    def items(self, bits: int) -> tuple[str, ...]:
        """The items whose bits are set, in rubric order (visits the set bits only)."""
        order, out = self.order, []
        while bits:
            low = bits & -bits
            out.append(order[low.bit_length() - 1])
            bits ^= low
        return tuple(out)
