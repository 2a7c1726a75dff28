"""`finalacts demo`: the whole cycle on the shipped example corpus, in a fresh git repository.

The repository is built from the files of this project (resolutions/, proposals/ and the proposed
texts under examples/proposed/): the base texts committed and tagged as editions (PP-14, WTDC-17,
WTSA-20), each proposal set on its own branch with one commit per proposal, authored as its
submitter. Then the same library functions the commands use run on it: check, proposal check,
render (docx, html, pdf), the docx proof, an adoption at PP-18 with its Final Acts, and the
redline-fidelity figure against the human editor's flattened document (seed 000).

Everything is reproducible: commit and tag dates are fixed, so two runs give the same commits.
The module prints nothing; progress lines go to the `say` callback the command line passes.
"""

from __future__ import annotations

import time
from pathlib import Path

from finalacts.render.sources import Refused
from finalacts.workflows import gate
from finalacts.workflows.demo.redline_fidelity import (
    FIDELITY_SEED,
    FIDELITY_SET,
    fidelity,
    measure_fidelity,
    seed_annex,
    words,
)
from finalacts.workflows.demo.report import (
    Say,
    _say_adoption,
    _say_blame,
    _say_check,
    _say_gate,
    _say_next,
    _say_render,
    _say_repository,
)
from finalacts.workflows.demo.repository import ADOPT, OUT, SETS, build, later_texts, prepare, source_root
from finalacts.workflows.demo.steps import (
    DemoResult,
    Output,
    add_pdfs,
    adopt,
    check_branches,
    have_soffice,
    prove,
    render_outputs,
)

__all__ = ["SETS", "DemoResult", "fidelity", "measure_fidelity", "run", "seed_annex", "words"]


def run(dest: Path, force: bool = False, say: Say = lambda s: None) -> DemoResult:
    """Build the demo repository in `dest`, run the cycle on it, and report through `say`."""
    t0 = time.monotonic()
    src = source_root()
    dest = prepare(dest, force)
    result = DemoResult(dest)
    say(f"finalacts demo: a fresh repository in {dest}, built from the example corpus in {src}")
    say("")
    repo, result.branches, clock = build(dest, src)
    result.later = later_texts(src)
    _say_repository(dest, result, say)

    result.checked = check_branches(repo, dest, ["main"] + [b.branch for b in result.branches])
    repo.checkout("main")
    _say_check(result.checked, say)

    for b in result.branches:
        result.gates[b.branch] = gate.run(repo, b.branch, None, b.manifest).findings
    _say_gate(dest, result, say)

    result.pdf = have_soffice()
    for b in result.branches:
        # The branch's last commit by id: a branch name such as proposals/pp-18/CHN-140 inside a
        # "ref:path" label would be taken for a manifest by the parser's kind detection.
        head = b.commits[-1][1]
        o = render_outputs(dest, b.slug, str(dest / b.manifest), None, head, None)
        prove(dest, o, b.base, head)
        o.new, o.summary = b.branch, o.summary.replace(head, b.branch)
        result.outputs.append(o)
    chn = next(b for b in result.branches if b.set_id == FIDELITY_SET)
    if (src / FIDELITY_SEED).is_file():
        result.fidelity = measure_fidelity(dest, src, dest / OUT / f"{chn.slug}.docx", chn.base,
                                           chn.commits[-1][1])

    conference, adopted_ids = ADOPT
    result.adoption = adopt(repo, dest, src, conference, [b for b in result.branches if b.set_id in adopted_ids], clock)
    try:
        final = render_outputs(dest, f"Final-Acts-{conference}", None, None, None, conference)
    except Refused as e:  # the adopted texts keep the sources' defects: no Final Acts of them
        final = Output(f"Final-Acts-{conference}", [], str(e), refused=e.findings)
    else:
        prove(dest, final, conference, conference)
        result.outputs.append(final)
    if result.pdf:
        add_pdfs(result.outputs)
    _say_render(dest, result, say)
    _say_adoption(dest, result, final, say)
    _say_blame(dest, say)

    result.seconds = time.monotonic() - t0
    _say_next(dest, result, say)
    return result


