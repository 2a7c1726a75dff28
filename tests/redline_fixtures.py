"""Resolution 140 (Rev. Busan, 2014) from the corpus, and a head modified the way proposals do.

Shared by the redline and render tests: the base is the real corpus file resolutions/pp/140.yaml,
the head is built from it in memory (or written into a tmp git repository by the CLI tests).
"""

from __future__ import annotations

import copy
from pathlib import Path

from finalacts.corpus import yamlfile
from finalacts.corpus.files import load_resolution
from finalacts.corpus.model import Item, Resolution, Section, resolution_to_data
from finalacts.corpus.registry import load_registry

REPO = Path(__file__).resolve().parents[1]
RES_140 = REPO / "resolutions" / "pp" / "140.yaml"


def registry():
    return load_registry()


def base_140() -> Resolution:
    return load_resolution(RES_140)


def section(res: Resolution, heading: str) -> Section:
    return next(s for s in res.sections if s.heading == heading)


def relabel(items: list[Item], start: int) -> None:
    """Letter labels a), b), ... from position `start` on, as `fmt --renumber` would."""
    for k in range(start, len(items)):
        items[k].num = f"{chr(ord('a') + k)})"


def head_140(base: Resolution | None = None) -> Resolution:
    """Revised at PP-18: edition words, an inserted considering f) (renumbering the rest), a
    moved item, an italic phrase, a changed footnote, a section removed and one added."""
    new = copy.deepcopy(base or base_140())
    new.adopted = [*new.adopted, "PP-18"]
    rec = section(new, "recalling")
    rec.items[4].text = rec.items[4].text.replace("(Busan, 2014)", "(Dubai, 2018)")
    cons = section(new, "considering")
    cons.items.insert(5, Item(num="f)", text="that a new item on *emerging* technologies is considered;"))
    relabel(cons.items, 6)
    further = section(new, "recalling further")
    further.items.append(further.items.pop(0))  # moved to the end
    relabel(further.items, 0)
    res_ = section(new, "resolves")
    res_.items[0].text = res_.items[0].text.replace("leading facilitating role", "*leading* role")
    new.sections = [s for s in new.sections if s.heading != "resolves to express"]
    new.sections.append(Section(heading="instructs the Secretary-General further",
                                text="to report to the Council on the implementation of this resolution."))
    new.footnotes = {**new.footnotes, "1": new.footnotes["1"].replace("landlocked", "land-locked")}
    return new


def yaml_text(res: Resolution) -> str:
    """The canonical file text of a model."""
    return yamlfile.dump(resolution_to_data(res), "resolution")
