"""Statistical secrecy for network figures: a cell fed by fewer than three structures is hidden
(primary suppression), and so is enough of its neighbours that it cannot be found again by
difference between a visible total and its visible parts (secondary suppression).

The rule of three of French public statistics: with two contributors, each one reads the other's
figure by subtracting its own. Internal (staff-only) documents skip both steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from solidaire.core.text.french import format_number, format_percent

MIN_STRUCTURES = 3
HIDDEN_MARK = "s"  # the mark of French statistical tables, explained under each table


@dataclass
class Cell:
    """One figure of a table: its value, how many structures fed it, whether it is hidden."""

    value: Decimal | None
    structures: int = 0
    decimals: int = 0
    suppressed: bool = False
    secondary: bool = False

    @property
    def shown(self) -> Decimal | None:
        """The value a reader may see (None when hidden or empty)."""
        return None if self.suppressed or not self.structures else self.value

    @property
    def text(self) -> str:
        if self.suppressed:
            return HIDDEN_MARK
        if self.value is None or not self.structures:
            return "—"
        return format_number(self.value, self.decimals)

    def __str__(self) -> str:
        return self.text


def protect(cell: Cell, *, internal: bool) -> Cell:
    """Primary suppression: hide a cell fed by one or two structures (none: nothing to hide)."""
    if not internal and 0 < cell.structures < MIN_STRUCTURES:
        cell.suppressed = True
    return cell


def protect_group(total: Cell | None, parts: list[Cell], *, internal: bool) -> None:
    """Primary suppression of every part, then secondary suppression: while the hidden parts
    together come from fewer than three structures, `total − visible parts` would give them
    away, so the smallest visible part is hidden too."""
    for part in parts:
        protect(part, internal=internal)
    if total is not None:
        protect(total, internal=internal)
    if internal or total is None or total.suppressed:
        return
    while True:
        hidden = sum(p.structures for p in parts if p.suppressed)
        if hidden == 0 or hidden >= MIN_STRUCTURES:
            return
        candidates = [p for p in parts if not p.suppressed and p.structures]
        if not candidates:
            return
        pick = min(candidates, key=lambda p: (p.structures, p.value or 0))
        pick.suppressed = pick.secondary = True


def derived(value: Decimal | None, *sources: Cell, decimals: int = 1) -> Cell:
    """A figure computed from other cells (a ratio, a rate): hidden when any source is."""
    structures = min((s.structures for s in sources), default=0)
    cell = Cell(value=value, structures=structures, decimals=decimals)
    cell.suppressed = any(s.suppressed for s in sources)
    return cell


def share_text(part: Cell, whole: Cell) -> str:
    """« 12 % » of a part in its whole, or the secret mark / a dash."""
    if part.suppressed or whole.suppressed:
        return HIDDEN_MARK
    if part.shown is None or not whole.shown:
        return "—"
    return format_percent(part.shown / whole.shown)


def evolution_text(current: Cell, previous: Cell | None) -> str:
    """« +4,2 % » from the previous year, or a dash when either side is hidden or missing."""
    if previous is None or current.shown is None or not previous.shown:
        return "—"
    change = (current.shown - previous.shown) / previous.shown
    text = format_percent(change, 1)
    return text if change < 0 else f"+{text}"
