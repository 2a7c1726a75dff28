"""Structure-first, then word-level comparison of two resolutions -> the operations every renderer uses.

The result is a list of paragraph operations (`Para`, `Table`) in document order. Each carries
its paragraph style, its literal label and its words as runs marked "", "ins", "del",
"movefrom" or "moveto". Sections, items, annexes and blocks are first aligned by identity
(same heading, same words) and then by similarity, so a renumbered item f) -> g) becomes a
changed label on one paragraph, and an item that moved shows as moved. Only then are the words
of aligned paragraphs diffed, token by token, so "Busan, 2014" -> "Dubai, 2018" marks two words.

Accepting every change of the operations gives `text_lines(new)`, rejecting every change gives
`text_lines(old)`: the renderers' outputs are proved against exactly that.

ops.py holds the operations (data), tokens.py the inline markup and the word diff, align.py the
alignment blame and the merge driver share, build.py the comparison, accept.py accept/reject.
"""

from finalacts.redline.accept import lines, summary, text_lines
from finalacts.redline.align import Step, align
from finalacts.redline.build import block_key, block_text, clean, compare, item_key, item_text, same_label, sec_text
from finalacts.redline.ops import DEL, GONE_ON_ACCEPT, GONE_ON_REJECT, INS, MOVEFROM, MOVETO, Op, Para, Row, Run, Table
from finalacts.redline.tokens import Tok, markup, plain_runs, segments, similarity, tokens, word_diff

__all__ = ["DEL", "GONE_ON_ACCEPT", "GONE_ON_REJECT", "INS", "MOVEFROM", "MOVETO", "Op", "Para", "Row", "Run",
           "Step", "Table", "Tok", "align", "block_key", "block_text", "clean", "compare", "item_key",
           "item_text", "lines", "markup", "plain_runs", "same_label", "sec_text", "segments", "similarity",
           "summary", "text_lines", "tokens", "word_diff"]
