"""Splitting a proposal document (such as APT's ACP/64A1, seed 003) into a manifest and texts.

The document is a run of proposals separated by `* * * * *` rules. Each holds, in order: a
"Proposal ACP/64A1/3 - Summary:" line (sometimes missing), the summary, an INTRODUCTION and a
PROPOSAL part, the action line `MOD<TAB>ACP/64A1/3` (sometimes with a stray bookmark number, as in
`MOD ACP/64A1/9#48507`), the text, and for SUP and NOC a "Reasons:" paragraph. The manifest
(DESIGN.md §5) gets the number, action, target, summary, introduction and reasons of each; each
text that is a whole resolution is imported as a resolution file to review.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from finalacts.corpus.findings import Finding, InputError
from finalacts.corpus.model import Proposal, ProposalSet, stem_of
from finalacts.importer import import_text
from finalacts.importer.annexes import ANNEX_RX
from finalacts.importer.header import CONF_ID_RX, TITLE_RX, body_from_preamble, places
from finalacts.importer.layout import is_furniture
from finalacts.importer.paras import ImportResult, clean
from finalacts.importer.text import BOOKMARK

SEPARATOR = re.compile(r"^\s*(\*\s*){4,}$")
# "MOD<TAB>ACP/64A1/3", also with the tab lost ("MODARB/21A15/1").
ACTION = re.compile(r"^\s*(?P<action>\(MOD\)|MOD|ADD|SUP|NOC)\s*(?P<set>[A-Z][A-Za-z0-9]*/[0-9A-Za-z.()-]+?)"
                    r"/(?P<n>\d+)(?P<extra>\S*)\s*$")
# The two halves of an action line, when a PDF or web page put them on lines of their own
# ("MOD" / "EUR/XX/1", "SEN/56/1" / "ADD").
ACTION_WORD = re.compile(r"^\s*(\(MOD\)|MOD|ADD|SUP|NOC)\s*$")
PROPOSAL_ID = re.compile(r"^\s*([A-Z][A-Za-z0-9]*/[0-9A-Za-z.()-]+?/\d+)\s*$")
SUMMARY = re.compile(r"Proposal\s+(?P<set>[A-Z][A-Za-z0-9]*/[0-9A-Za-z.()-]+?)/(?P<n>\d+)\s*-\s*Summary\s*:\s*(?P<text>.*)$",
                     re.I)
REASONS = re.compile(r"^\s*Reasons\s*:\s*(?P<text>.*)$")
COVER_END = re.compile(r"^\s*PROPOSALS FOR THE WORK OF THE CONFERENCE\s*$", re.I)
PART = re.compile(r"^\s*(INTRODUCTION|PROPOSALS?|BACKGROUND)\s*$", re.I)
SUBMITTERS = {
    "ACP": "Asia-Pacific Telecommunity Member Administrations",
    "ECP": "Member States of the European Conference of Postal and Telecommunications Administrations (CEPT)",
    "IAP": "Member States of the Inter-American Telecommunication Commission (CITEL)",
    "AFCP": "African Telecommunications Union Administrations",
    "ARB": "Arab States Administrations",
    "RCC": "Member Administrations of the Regional Commonwealth in the field of Communications (RCC)",
    "EUR": "Member States of the European Conference of Postal and Telecommunications Administrations (CEPT)",
}
NON_RESOLUTION = {"CONSTITUTION": "constitution", "CONVENTION": "convention", "DECISION": "decision",
                  "RULES": "rules"}


@dataclass
class ProposalText:
    """The text of one proposal: its source lines and, when it is a whole resolution, the import."""

    number: int
    first_line: int
    last_line: int
    text: str
    result: ImportResult | None = None
    target_kind: str = "resolution"


@dataclass
class SplitResult:
    """A proposal document split: manifest, texts, findings."""

    manifest: ProposalSet
    texts: list[ProposalText] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _paragraphs(lines: list[tuple[int, str]]) -> str | None:
    """Non-empty lines joined: one paragraph per line, as the extraction has them."""
    out = [clean(BOOKMARK.sub("", t)) for _, t in lines]
    out = [t for t in out if t]
    return "\n".join(out) or None


def split(text: str, shown: str, registry, conference: str | None = None) -> SplitResult:
    """Split a proposal document; raises InputError when it holds no proposals."""
    lines = text.splitlines()
    findings: list[Finding] = []
    lines = _join_split_actions(lines, shown, findings)
    numbered = list(enumerate(lines, start=1))
    actions = [(n, ACTION.match(BOOKMARK.sub("", t))) for n, t in numbered]
    actions = [(n, m) for n, m in actions if m]
    if not actions:
        raise InputError(Finding(shown, 1, 1, "import-not-proposals", "error",
                                 "no proposal action lines (e.g. 'MOD<TAB>ACP/64A1/3') found: not a proposal document",
                                 "import a single text with `finalacts import resolution`"))
    set_id = Counter(m.group("set") for _, m in actions).most_common(1)[0][0]
    # Segments between separators; each should hold one action line.
    cuts = [0] + [n for n, t in numbered if SEPARATOR.match(t)] + [len(lines) + 1]
    segments = [(a + 1, b - 1) for a, b in zip(cuts, cuts[1:]) if b - 1 >= a + 1]
    proposals: list[Proposal] = []
    texts: list[ProposalText] = []
    seen: set[int] = set()
    for first, last in segments:
        acts = [(n, m) for n, m in actions if first <= n <= last]
        if not acts:
            if any(clean(lines[k - 1]) for k in range(first, last + 1)):
                findings.append(Finding(shown, first, 1, "import-unplaced", "warning",
                                        f"lines {first}-{last} hold no proposal action line; not imported",
                                        "check the separators around them"))
            continue
        if len(acts) > 1:
            findings.append(Finding(shown, acts[1][0], 1, "import-unplaced", "warning",
                                    "two action lines between separators; the second starts a proposal of its own",
                                    "add the separator line"))
        bounds = [a for a, _ in acts] + [last + 1]
        seg_start = first
        for k, (an, m) in enumerate(acts):
            seg_end = bounds[k + 1] - 1
            p, t = _one(shown, lines, seg_start, an, seg_end, m, set_id, findings)
            seg_start = bounds[k + 1]
            if p.number in seen:
                findings.append(Finding(shown, an, 1, "import-duplicate-proposal", "warning",
                                        f"proposal {set_id}/{p.number} appears twice", "renumber one of them"))
            seen.add(p.number)
            proposals.append(p)
            if t is not None:
                texts.append(t)
    conf, base = _conference(texts, lines, registry, conference, shown)
    body = registry.conferences[conf].body
    for p in proposals:
        if p.target.startswith("?/"):
            p.target = f"{registry.bodies[body].dir}/{p.target[2:]}"
    prefix = set_id.split("/")[0]
    submitter = SUBMITTERS.get(prefix)
    cover = next((clean(lines[k - 2]) for k in range(2, min(len(lines), 80))
                  if re.match(r"^\s*PROPOSALS FOR THE WORK OF THE CONFERENCE\s*$", lines[k - 1], re.I)
                  and clean(lines[k - 2])), None) if submitter is None else None
    if cover:
        submitter = cover
        findings.append(Finding(shown, 1, 1, "import-derived", "info",
                                f"submitter read from the cover page as {cover!r}",
                                "check `submitter` in the manifest"))
    if submitter is None:
        m = re.search(r"\b([A-Z][A-Za-z]+) Member Administrations\b", text)
        submitter = f"{m.group(1)} Member Administrations" if m else prefix
        findings.append(Finding(shown, 1, 1, "import-derived", "info",
                                f"submitter not known for prefix {prefix!r}; guessed {submitter!r}",
                                "correct `submitter` in the manifest"))
    manifest = ProposalSet(id=set_id, conference=conf, base=base, submitter=submitter, proposals=proposals)
    # Import each whole-resolution text, with line numbers of the source document.

    for t in texts:
        if t.target_kind != "resolution":
            continue
        try:
            t.result = import_text(t.text, shown, registry, first_line=t.first_line, body=body,
                                   version="before", root=None)
        except InputError as e:
            findings.append(Finding(shown, t.first_line, 1, "import-unplaced", "warning",
                                    f"proposal {set_id}/{t.number}: text not imported as a resolution "
                                    f"({e.finding.message}); kept as plain text", "merge it by hand"))
            t.target_kind = "excerpt"
    findings.sort()
    return SplitResult(manifest, texts, findings)


def _join_split_actions(lines: list[str], shown: str, findings: list[Finding]) -> list[str]:
    """Action lines whose two halves sit on lines of their own, joined onto the first (the second
    is emptied, so that line numbers stay those of the source)."""
    out = list(lines)
    for k, t in enumerate(out):
        word, pid = ACTION_WORD.match(t), PROPOSAL_ID.match(t)
        if not (word or pid):
            continue
        nxt = next((j for j in range(k + 1, min(len(out), k + 3)) if out[j].strip()), None)
        if nxt is None:
            continue
        other = PROPOSAL_ID.match(out[nxt]) if word else ACTION_WORD.match(out[nxt])
        if other is None:
            continue
        action, ident = (word.group(1), other.group(1)) if word else (other.group(1), pid.group(1))
        findings.append(Finding(shown, k + 1, 1, "import-irregular-heading", "info",
                                f"action line on two lines ({t.strip()!r}, {out[nxt].strip()!r}); read as "
                                f"{action} {ident}", "write the action and the proposal number on one line"))
        out[k], out[nxt] = f"{action}\t{ident}", ""
    return out


def _one(shown, lines, start, an, end, m, set_id, findings):
    """One proposal from its segment: lines start..end, action line an."""
    number = int(m.group("n"))
    action = m.group("action")
    if m.group("set") != set_id:
        findings.append(Finding(shown, an, 1, "import-irregular-heading", "warning",
                                f"action line names {m.group('set')!r}, the document is {set_id!r}",
                                "correct the proposal number"))
    if m.group("extra"):
        findings.append(Finding(shown, an, m.start("extra") + 1, "import-irregular-heading", "info",
                                f"action line {clean(lines[an - 1])!r} has trailing {m.group('extra')!r} "
                                f"(a stray bookmark); read as {action} {set_id}/{number}",
                                "remove it from the heading"))
    head = [(n, lines[n - 1]) for n in range(start, an)]
    summary_lines: list[tuple[int, str]] = []
    intro_lines: list[tuple[int, str]] = []
    sm_at = next((k for k, (_, t) in enumerate(head) if SUMMARY.search(t)), None)
    if sm_at is None:
        findings.append(Finding(shown, an, 1, "import-irregular-heading", "info",
                                f"proposal {set_id}/{number} has no 'Proposal {set_id}/{number} - Summary:' line",
                                "add the heading line with the summary"))
        rest = head
    else:
        sm = SUMMARY.search(head[sm_at][1])
        if int(sm.group("n")) != number:
            findings.append(Finding(shown, head[sm_at][0], 1, "import-irregular-heading", "warning",
                                    f"summary line says proposal {sm.group('n')}, action line says {number}",
                                    "make the numbers agree"))
        if sm.group("text").strip():
            summary_lines.append((head[sm_at][0], sm.group("text")))
        k = sm_at + 1
        while k < len(head) and not clean(head[k][1]) and not summary_lines:
            k += 1
        while k < len(head) and clean(head[k][1]) and not PART.match(head[k][1]):
            summary_lines.append(head[k])
            k += 1
        rest = head[k:]
    # The first proposal's head starts with the cover page: what it proposes starts after the cover's
    # "PROPOSALS FOR THE WORK OF THE CONFERENCE"; page furniture is no part of an introduction.
    cover_end = next((k for k, (_, t) in enumerate(rest) if COVER_END.match(t)), None)
    if cover_end is not None:
        rest = rest[cover_end + 1:]
    intro_lines = [(n, t) for n, t in rest if not PART.match(t) and not is_furniture(t)]
    # Text and reasons after the action line.
    body = [(n, lines[n - 1]) for n in range(an + 1, end + 1)]
    r_at = next((k for k, (_, t) in enumerate(body) if REASONS.match(t)), None)
    reasons = None
    if r_at is not None:
        rl = [(body[r_at][0], REASONS.match(body[r_at][1]).group("text"))] + body[r_at + 1:]
        reasons = _paragraphs(rl)
        body = body[:r_at]
    while body and not clean(body[-1][1]):
        body.pop()
    target, title, kind = _target(body)
    if target == "?":
        first = next((clean(BOOKMARK.sub("", t)) for _, t in body if clean(t)), "")
        findings.append(Finding(shown, an, 1, "import-no-target", "error",
                                f"{action} {set_id}/{number}: no text named after the action line "
                                f"(it is followed by {first[:50]!r})" if first else
                                f"{action} {set_id}/{number}: nothing follows the action line",
                                "follow the action line with the title line of the text, e.g. "
                                "'RESOLUTION 28 (Rev.WRC-15)'"))
    if action in ("SUP", "NOC") and not reasons:
        findings.append(Finding(shown, an, 1, "import-missing-reasons", "warning",
                                f"{action} proposal {set_id}/{number} has no 'Reasons:'",
                                "ITU rules require reasons for SUP and NOC"))
    p = Proposal(number=number, action=action, target=target, title=title,
                 summary=_paragraphs(summary_lines), introduction=_paragraphs(intro_lines), reasons=reasons)
    text = None
    if body and kind != "none":
        text = ProposalText(number, body[0][0], body[-1][0], "\n".join(t for _, t in body), target_kind=kind)
    return p, text


def _target(body: list[tuple[int, str]]) -> tuple[str, str | None, str]:
    """(target, title for non-resolution targets, kind of text: resolution, excerpt or none)."""
    first = [(n, clean(BOOKMARK.sub("", t))) for n, t in body if clean(BOOKMARK.sub("", t))]
    if not first:
        return "?", None, "none"
    head = first[0][1]
    m = TITLE_RX.match(head)
    if m:
        num = m.group("num").strip("[]")
        num = re.sub(r"^ITU[-\u2011]R\s+", "", num)
        return f"?/{stem_of(m.group('kind').lower(), num)}", None, "resolution"
    am = ANNEX_RX.match(head)
    if am:
        kind, num = re.search(r"(RESOLUTION|DECISION)\s+(\S+)", head, re.I).groups()
        return f"?/{stem_of(kind.lower(), num)}", None, "excerpt"
    word = head.split()[0].upper()
    if word in NON_RESOLUTION:
        title_lines = []
        for _, t in first:
            if t.isupper() or t.upper() == t:
                title_lines.append(t)
            else:
                break
        return NON_RESOLUTION[word], " ".join(title_lines), "none"
    return "?", None, "excerpt"


def _conference(texts: list[ProposalText], lines: list[str], registry, given: str | None, shown: str):
    """(conference, base edition) the proposals go to: the latest place named in their title lines."""
    if given:
        if given not in registry.conferences:
            raise InputError(Finding(shown, 1, 1, "import-no-conference", "error",
                                     f"unknown conference {given!r}", "use an id from schemas/conferences.yaml"))
        conf = registry.conferences[given]
    else:
        votes: Counter = Counter()
        for t in texts:
            heads = [clean(BOOKMARK.sub("", x)) for x in t.text.splitlines() if clean(x)][:8]
            m = TITLE_RX.match(heads[0]) if heads else None
            body = next((b for b in map(lambda h: body_from_preamble(h, registry), heads) if b), None)
            if not m or not m.group("place") or not body:
                continue
            found = places(m.group("place"), body, registry)
            if found:
                votes[found[-1].id] += 1
        if not votes:
            # The cover page names the conference: "PLENIPOTENTIARY CONFERENCE (PP-02)", "(WRC-15)".
            for line in lines[:60]:
                for a, n in CONF_ID_RX.findall(line):
                    cid = f"{a.upper()}-{n}"
                    if cid in registry.conferences:
                        votes[cid] += 1
        if not votes:
            raise InputError(Finding(shown, 1, 1, "import-no-conference", "error",
                                     "cannot tell which conference the proposals are for",
                                     "name it with --conference PP-18"))
        conf = registry.conferences[votes.most_common(1)[0][0]]
    confs = registry.by_body[conf.body]
    k = confs.index(conf)
    held = [c for c in confs[:k] if c.held]
    base = held[-1].id if held else conf.id
    return conf.id, base
