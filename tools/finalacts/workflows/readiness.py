"""Whether a proposal set's document is ready for the secretariat: every field of its cover and
"Reasons:" under every proposal. The gate calls `check` for each manifest; the rules
(gate-cover, gate-reasons-missing) are warnings, since `render` shows a visible placeholder for
each gap rather than leaving it silent.
"""

from __future__ import annotations

from finalacts.corpus.findings import Finding
from finalacts.corpus.model import ProposalSet
from finalacts.render.document import COVER_FIELDS


def check(ps: ProposalSet) -> list[Finding]:
    """The cover fields and the reasons `ps` lacks, each at its place in the manifest."""
    out: list[Finding] = []
    for name, what in COVER_FIELDS:
        if not (getattr(ps, name) or "").strip():
            at = ps.at(name)
            out.append(Finding(ps.path, at.line, at.col, "gate-cover", "warning",
                               f"{ps.id}: the cover has no {what}: `{name}:` is not in the manifest",
                               f"add `{name}:` (the document prints a placeholder until then)"))
    for p in ps.proposals:
        if p.action in ("MOD", "(MOD)", "ADD") and not (p.reasons or "").strip():
            at = p.at()
            out.append(Finding(ps.path, at.line, at.col, "gate-reasons-missing", "warning",
                               f"{p.action} {ps.id}/{p.number} has no reasons",
                               "add `reasons:` saying why (the document prints a placeholder until then)"))
    return out
