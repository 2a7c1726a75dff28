"""The redline engine: structure first (sections, items aligned), then words."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from finalacts.corpus.model import Item, Resolution, Section
from finalacts.redline import (
    DEL,
    INS,
    MOVEFROM,
    MOVETO,
    Para,
    compare,
    lines,
    markup,
    similarity,
    summary,
    text_lines,
    word_diff,
)
from redline_fixtures import base_140, head_140, registry


def _ops():
    old = base_140()
    new = head_140(old)
    return old, new, compare(old, new, registry())


def _changed(runs, kind):
    return [r.text for r in runs if r.change == kind]


def test_accept_all_gives_new_and_reject_all_gives_old():
    old, new, ops = _ops()
    assert lines(ops, accept=True) == text_lines(new, registry())
    assert lines(ops, accept=False) == text_lines(old, registry())


def test_renumbered_item_is_a_label_change_not_delete_and_insert():
    old, new, ops = _ops()
    cons = [p for p in ops if isinstance(p, Para) and p.where.startswith("considering ")]
    g = next(p for p in cons if p.where == "considering g)")
    assert g.op == "modify"
    assert _changed(g.label, DEL) == ["f)"] and _changed(g.label, INS) == ["g)"]
    assert not any(r.change for r in g.runs), "the words of a renumbered item are unchanged"
    # the old f) text appears once, as the relabelled g), never as a deleted paragraph
    old_f = next(i for i in old.sections[2].items if i.num == "f)").text
    assert not any(p.op == "delete" and old_f.split()[2] in markup(p.runs) for p in cons)
    inserted = [p for p in cons if p.op == "insert"]
    assert len(inserted) == 1 and "emerging" in markup(inserted[0].runs)
    assert summary(ops)["relabel"] >= 10


def test_edition_words_mark_two_words_as_an_editor_would():
    _, _, ops = _ops()
    e = next(p for p in ops if p.where == "recalling e)")
    assert _changed(e.runs, DEL) == ["Busan", "2014"]
    assert _changed(e.runs, INS) == ["Dubai", "2018"]
    word = word_diff("Resolution 71 (Rev. Busan, 2014) of", "Resolution 71 (Rev. Dubai, 2018) of")
    assert [(r.text, r.change) for r in word if r.change] == [("Busan", DEL), ("Dubai", INS), ("2014", DEL),
                                                              ("2018", INS)]


def test_title_line_and_preamble_follow_adopted():
    _, _, ops = _ops()
    resno, preamble = ops[0], next(p for p in ops if p.style == "Normalaftertitle")
    assert resno.style == "ResNo" and markup(resno.runs).startswith("RESOLUTION 140 (Rev. ")
    assert _changed(resno.runs, INS) == ["Dubai", "2018"]
    assert _changed(preamble.runs, DEL) == ["Busan", "2014"]


def test_moved_item_is_shown_as_moved():
    old, _, ops = _ops()
    moved_from = [p for p in ops if p.op == "move-from"]
    moved_to = [p for p in ops if p.op == "move-to"]
    assert len(moved_from) == 1 and len(moved_to) == 1
    assert moved_from[0].move == moved_to[0].move
    assert all(r.change == MOVEFROM for r in moved_from[0].runs)
    assert all(r.change == MOVETO for r in moved_to[0].runs)
    assert markup(moved_from[0].runs) == old.sections[1].items[0].text
    assert "moved from recalling further" in moved_to[0].note
    further = [p for p in ops if isinstance(p, Para) and p.where.startswith("recalling further ")]
    assert further[0].op == "move-from" and further[-1].op == "move-to"


def test_sections_removed_and_added_and_italics_and_footnote():
    _, _, ops = _ops()
    gone = [p for p in ops if p.op == "delete"]
    assert any(p.style == "Call" and markup(p.runs) == "resolves to express" for p in gone)
    added = [p for p in ops if p.op == "insert" and p.style == "Call"]
    assert [markup(p.runs) for p in added] == ["instructs the Secretary-General further"]
    r1 = next(p for p in ops if p.where == "resolves 1")
    assert [(r.text, r.italic) for r in r1.runs if r.change == INS] == [("leading", True)]
    note = next(r for p in ops if isinstance(p, Para) for r in p.runs if r.note == "1")
    assert _changed(note.note_body, DEL) == ["landlocked"] and _changed(note.note_body, INS) == ["land-locked"]


def test_same_text_gives_only_equal_operations():
    old = base_140()
    ops = compare(old, copy.deepcopy(old), registry())
    assert set(summary(ops)) == {"equal"}
    assert all(not r.change for p in ops for r in [*p.label, *p.runs])


def _big(n: int) -> Resolution:
    items = [Item(num=str(k + 1), text=f"that item number {k + 1} says something about topic {k % 37};")
             for k in range(n)]
    return Resolution(body="PP", number=999, title="A long text", adopted=["PP-14"],
                      sections=[Section(heading="resolves", items=items), Section(heading="noting")])


def test_two_thousand_items_renumbered_from_the_top():
    old = _big(2000)
    new = copy.deepcopy(old)
    new.sections[0].items.insert(0, Item(num="1", text="that a first item is added;"))
    for k, it in enumerate(new.sections[0].items):
        it.num = str(k + 1)
    ops = compare(old, new, registry())
    s = summary(ops)
    assert s["insert"] == 1 and s["relabel"] == 2000 and "delete" not in s
    assert lines(ops, True) == text_lines(new, registry())
    assert lines(ops, False) == text_lines(old, registry())


def test_empty_section_and_rtl_cjk_text():
    old = _big(3)
    new = copy.deepcopy(old)
    new.sections[0].items[1].text = "that item number 2 says something about قرار and 决议;"
    ops = compare(old, new, registry())
    assert lines(ops, True) == text_lines(new, registry())
    assert "noting" in text_lines(new, registry())
    item = next(p for p in ops if p.where == "resolves 2")
    assert "قرار" in "".join(_changed(item.runs, INS)) and "决议" in "".join(_changed(item.runs, INS))


def test_similarity_is_by_words():
    assert similarity("a b c d", "a b c d") == 1.0
    assert similarity("the quick brown fox", "the quick red fox") > 0.5
    assert similarity("alpha beta", "gamma delta") < 0.3


words = st.lists(st.sampled_from(["the", "ITU", "*shall*", "Busan,", "2014", "[^1]", "(Rev.", "–", "a)"]),
                 max_size=12).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(words, words)
def test_word_diff_accepts_to_new_and_rejects_to_old(a, b):
    runs = word_diff(a, b)
    assert markup([r for r in runs if r.change != DEL]) == markup(word_diff(b, b))
    assert markup([r for r in runs if r.change != INS]) == markup(word_diff(a, a))


_keys = st.lists(st.sampled_from("abcdefg"), max_size=9)


@settings(max_examples=3000, deadline=None)
@given(_keys, st.lists(st.tuples(st.integers(0, 8), st.sampled_from("abcdefgxyz")), max_size=3))
def test_the_in_place_shortcut_finds_the_blocks_sequencematcher_finds(ka, edits):
    """align() skips SequenceMatcher for an edit in place (one length, distinct keys, no key
    swapped): whenever it does, its blocks are exactly SequenceMatcher's."""
    from difflib import SequenceMatcher

    from finalacts.redline.align import _diagonal

    kb = list(ka)
    for at, k in edits:
        if at < len(kb):
            kb[at] = k
    blocks = _diagonal(ka, kb)
    if blocks is not None:
        assert blocks == [tuple(m) for m in SequenceMatcher(None, ka, kb, autojunk=False).get_matching_blocks()]


def test_the_in_place_shortcut_is_taken_for_an_edit_and_refused_for_a_swap_or_repeated_keys():
    from finalacts.redline.align import _diagonal

    assert _diagonal(list("abcd"), list("abxd")) == [(0, 0, 2), (3, 3, 1), (4, 4, 0)]
    assert _diagonal(list("abcd"), list("abdc")) is None  # two items swapped: a move for align to see
    assert _diagonal(list("aab"), list("aac")) is None    # a repeated key may match elsewhere
    assert _diagonal(list("abc"), list("ab")) is None     # an item deleted
