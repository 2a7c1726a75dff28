"""Items and their sub-items: where a labelled paragraph goes among the items still open."""

from __future__ import annotations

from finalacts.corpus.model import Item


def place_item(top: list[Item], stack: list[tuple[Item, str]], item: Item, cls: str, style: str | None,
               clauses: bool = False) -> int:
    """Put `item` at the right depth of the open items; returns its depth (0 = section level).

    With `clauses` (the numbered clauses of an annex or a section: 1.1, 1.2 …), a list in Word's
    enumlev1, enumlev2 … style goes that many levels under the open clause; without, an item 1.1
    goes under the open item 1."""
    if cls == "roman?":
        romans = any(c == "roman" for _, c in stack)
        opens = bool(stack) and (stack[-1][0].text or "").rstrip().endswith(":") and stack[-1][1] != "roman"
        cls = "roman" if romans or opens else "letter"
    if not clauses and cls == "number" and "." in (item.num or ""):
        # 1.1 under the open item 1 of a resolves (its own clauses are numbered so elsewhere).
        parent = item.num.rsplit(".", 1)[0]
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0].num == parent:
                del stack[k + 1:]
                stack[k][0].items.append(item)
                stack.append((item, f"number{item.num.count('.')}"))
                return k + 1
    level = int(style[-1]) if clauses and style and style.startswith("enumlev") and style[-1].isdigit() else 0
    if level and stack and stack[0][1] == "number" and cls != "number":
        del stack[level:]
        stack[-1][0].items.append(item)
        stack.append((item, cls))
        return len(stack) - 1
    if style in ("enumlev2", "enumlev3") and stack:
        while len(stack) > 1:
            stack.pop()
        stack[-1][0].items.append(item)
        stack.append((item, cls))
        return 1
    if style == "enumlev1":
        stack.clear()
    if stack:
        parent, pcls = stack[-1]
        if (parent.text or "").rstrip().endswith(":") and pcls != cls:
            parent.items.append(item)
            stack.append((item, cls))
            return len(stack) - 1
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][1] == cls:
                del stack[k:]
                if k == 0:
                    top.append(item)
                else:
                    stack[k - 1][0].items.append(item)
                stack.append((item, cls))
                return k
    stack[:] = [(item, cls)]
    top.append(item)
    return 0
