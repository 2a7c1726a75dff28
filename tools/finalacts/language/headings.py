"""The ITU vocabulary of section headings: which are preambular, which operative, near misses.

Preambular sections (*recalling*, *considering further*, …) label their items a), b), …;
operative ones (*resolves*, *instructs the Secretary-General*, …) label them 1, 2, ….
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from finalacts.corpus.patterns import lazy

# Preambular headings: the phrase alone, optionally with a qualifier (further, also, …).
PREAMBULAR = (
    "recalling", "considering", "noting", "recognizing", "taking into account", "bearing in mind",
    "emphasizing", "aware", "concerned", "welcoming", "endorsing", "acknowledging", "reaffirming",
    "mindful", "convinced", "highlighting", "stressing", "underlining", "observing", "expressing",
    "appreciating", "affirming", "taking note", "keeping in mind", "having regard", "alarmed",
    "conscious", "believing", "realizing", "deeply concerned", "cognizant", "guided by", "having noted",
    "having considered", "having examined", "noting with appreciation",
    "referring",  # "referring to" (WRC Resolution 1)
)
# Operative headings: the verb, then whoever it addresses ("instructs the Secretary-General").
OPERATIVE = (
    "resolves", "decides", "instructs", "requests", "invites", "encourages", "calls upon", "urges",
    "appeals", "recommends", "approves", "adopts", "authorizes", "charges", "expresses", "notes", "takes note",
    "welcomes", "thanks", "congratulates", "reaffirms", "supports", "endorses",
    # "continues to invite" (seed 003): a standing operative clause carried over from an earlier text.
    "continues to invite", "continues to encourage", "continues to instruct", "continues to request",
)
_QUALIFIERS = (r"(?:\s+(?:further|also|in particular|furthermore|moreover|"
               r"with (?:satisfaction|concern|appreciation|interest|deep concern)|that))*")
_PRE_RE = lazy(r"(?:(?:further|also)\s+)?(?:" + "|".join(map(re.escape, PREAMBULAR)) + ")"
                     + _QUALIFIERS + r"(?:\s+(?:to|of|that)\b.*)?")
_OP_RE = lazy(r"(?:(?:further|also)\s+)?(?:" + "|".join(map(re.escape, OPERATIVE)) + r")\b.*")


def normalize(heading: str) -> str:
    """A heading as compared: no italic markers, single spaces, no closing punctuation."""
    h = " ".join(heading.replace("*", "").split())
    return h.rstrip(" ,;:.")


def kind(heading: str) -> str | None:
    """'preambular', 'operative', or None for a heading outside the vocabulary."""
    h = normalize(heading)
    if _PRE_RE.fullmatch(h):
        return "preambular"
    if _OP_RE.fullmatch(h):
        return "operative"
    return None


def glued(heading: str) -> tuple[str, str] | None:
    """Two headings run together by a flattened revision ('consideringrecalling'), if that is what it is."""
    h = normalize(heading)
    for i in range(3, len(h) - 2):
        a, b = h[:i], h[i:]
        if not (a[-1:].isalpha() and b[:1].isalpha()):
            continue
        if kind(a) and kind(b):
            return a, b
    return None


@lru_cache(maxsize=1024)
def suggest(heading: str) -> str | None:
    """The vocabulary heading a near miss was meant to be ('recognising' -> 'recognizing'). Kept
    per heading: an imported corpus repeats its few misspelt headings in many texts, and each
    costs a fuzzy match against the whole vocabulary."""
    h = normalize(heading)
    lowered = h[:1].lower() + h[1:]
    if kind(lowered):
        return lowered
    words = h.lower().split()
    vocab = PREAMBULAR + OPERATIVE
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        head = " ".join(words[:n])
        match = difflib.get_close_matches(head, vocab, n=1, cutoff=0.8)
        if match:
            candidate = " ".join([match[0], *h.split()[n:]])
            if kind(candidate):
                return candidate
    return None
