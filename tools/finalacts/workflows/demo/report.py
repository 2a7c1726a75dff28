"""What the demo says about each step, through the `say` callback (this module prints nothing)."""


from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from finalacts import git
from finalacts.corpus import yamlfile
from finalacts.corpus.findings import UsageError
from finalacts.corpus.model import of_stem
from finalacts.provenance import blame
from finalacts.provenance.views import blame_text
from finalacts.render.pdf import font_warning
from finalacts.workflows.demo.redline_fidelity import FIDELITY_SEED, FIDELITY_SET
from finalacts.workflows.demo.repository import ADOPT, EDITIONS, OUT, Branch
from finalacts.workflows.demo.steps import Checked, DemoResult, Output

Say = Callable[[str], None]
# Rules whose findings are about this small corpus, not about the texts (a cited text not held).
NOT_DEFECTS = {"citation-missing": "texts cited but not held by this small corpus (not defects)",
               "citation-not-held": "real texts in force that this small corpus does not hold (info, from the registry "
                                    "of texts in force)"}


# ---------------------------------------------------------------- the report


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _by_number(stem: str) -> tuple[bool, int]:
    """pp/2 before pp/186, and a body's decisions after its resolutions."""
    kind, number = of_stem(stem)
    return kind == "decision", number if isinstance(number, int) else 0


def _say_repository(dest: Path, result: DemoResult, say: Say) -> None:
    say("1. Repository")
    parts = []
    for conference, folder, _ in EDITIONS:
        n = len(list((dest / "resolutions" / folder).glob("*.yaml")))
        parts.append(f"{conference} ({_plural(n, folder.upper() + ' text')})")
    say("   main: " + ", ".join(parts) + ", each committed and tagged as an edition")
    if result.later:
        texts = sorted((Path(p).parent.name, Path(p).stem) for p in result.later)
        texts.sort(key=lambda t: (t[0], *_by_number(t[1])))
        names = ", ".join(f"{body}/{n}" for body, n in texts)
        say(f"   left out: {_plural(len(result.later), 'text')} of the corpus not last adopted at those editions "
            f"({names}); the demo's editions hold the texts as they stood before its proposals")
    for b in result.branches:
        ids = ", ".join(pid.rsplit("/", 1)[1] for pid, _ in b.commits)
        say(f"   {b.branch}: from {b.base}, {_plural(len(b.commits), 'commit')} (one per proposal, "
            f"{b.set_id}/{ids}), author {b.submitter} <{b.email}>")
    say("")


def _say_check(checked: Checked, say: Say) -> None:
    errors = sum(1 for _, f in checked.findings if f.severity == "error")
    warnings = sum(1 for _, f in checked.findings if f.severity == "warning")
    say(f"2. finalacts check, on main and on each proposal branch: {_plural(checked.files, 'distinct text')}, "
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}")
    counts = checked.by_rule()
    say("   " + ", ".join(f"{r} {n}" for r, n in counts.items() if r not in NOT_DEFECTS))
    for r, why in NOT_DEFECTS.items():
        if r in counts:
            say(f"   and {r} {counts[r]}: {why}")
    say("   for example:")
    shown: set[str] = set()
    ranked = sorted(((f.severity != "error", i, br, f) for i, (br, f) in enumerate(checked.findings)
                     if f.rule not in NOT_DEFECTS), key=lambda x: (x[0], x[1]))
    for _, _, br, f in ranked:
        if f.rule in shown or len(shown) >= 6:
            continue
        shown.add(f.rule)
        say(f"     [{br}] {f.path}:{f.line}:{f.col}: {f.rule} {f.message}")
    on_main = [f for br, f in checked.findings if br == "main" and f.severity in ("error", "warning")]
    say(f"   main, the texts in force: {len(on_main)} errors or warnings; every one above is a defect of "
        "a proposal document, on its branch (examples/NOTES.md, section 7)")
    say("")


def _say_gate(dest: Path, result: DemoResult, say: Say) -> None:
    say("3. finalacts proposal check, on each branch")
    for b in result.branches:
        findings = result.gates[b.branch]
        errs = sum(1 for f in findings if f.severity == "error")
        data = yamlfile.load((dest / b.manifest).read_bytes() if (dest / b.manifest).is_file() else
                             _manifest_at(dest, b), b.manifest).data
        waived = set(data.get("ignore") or [])
        say(f"   {b.branch}: {'passes' if not errs else 'fails'}: "
            f"{_plural(len(b.commits), 'proposal')} against the diff from {b.base}, "
            f"{_plural(errs, 'error')}, {_plural(len(findings) - errs, 'warning')}")
        for f in findings[:3]:
            note = " (the manifest lists it under `ignore:`, which the gate does not apply)" if f.rule in waived else ""
            say(f"     {f.path}:{f.line}:{f.col}: {f.severity} {f.rule} {f.message}{note}")
    say("")


def _manifest_at(dest: Path, b: Branch) -> bytes:
    return git.open_repo(dest).read_at(b.commits[-1][1], b.manifest) or b""


def _say_outputs(dest: Path, o: Output, say: Say) -> None:
    if o.refused is not None:
        say(f"     refused: {o.summary}, for example:")
        for f in o.refused[:3]:
            say(f"       {f.path}:{f.line}:{f.col}: {f.rule} {f.message}")
        say("     (the Final Acts are compiled only from an edition `check --edition` accepts)")
        return
    if o.proof == []:
        proof = ("proof holds: a clean text, no revision marks" if o.old == o.new else
                 f"proof holds: accept-all = {o.new}, reject-all = {o.old}")
    else:
        proof = "PROOF FAILS: " + "; ".join(o.proof[:2])
    say(f"   {', '.join(_rel(f, dest) for f in o.files)}")
    say(f"     {o.summary}; {proof}")
    if o.pdf_error:
        say(f"     no pdf: {o.pdf_error}")


def _say_render(dest: Path, result: DemoResult, say: Say) -> None:
    kinds = "docx with tracked changes authored by the submitter, html" + \
        (", pdf through LibreOffice" if result.pdf else "; no pdf: LibreOffice (soffice) is not installed")
    say(f"4. finalacts render, each proposal document into {OUT}/ ({kinds}), and the docx proof")
    warning = font_warning() if result.pdf else None
    if warning:
        say(f"   warning: {warning}")
    for o in result.outputs:
        if not o.name.startswith("Final-Acts-"):
            _say_outputs(dest, o, say)
    fid = result.fidelity
    if fid is None:
        say(f"   redline fidelity: not measured, {FIDELITY_SEED} is not in this copy")
        say("")
        return
    say("   redline fidelity: the China MOD, flattened as seed 000 was (deleted then inserted words, no marks),")
    say(f"     matches the human editor's annex at {fid.ratio:.3f} (difflib ratio over words; the new text alone "
        f"scores {fid.new_only:.3f}, the old alone {fid.old_only:.3f}; examples/NOTES.md, section 8)")
    say("")


def _say_adoption(dest: Path, result: DemoResult, final: Output, say: Say) -> None:
    a = result.adoption
    say(f"5. Adoption at {a.conference}")
    say("   finalacts proposal outcome N adopted --document ...: every proposal's outcome, on its set's branch")
    for pid in a.modified:
        say(f"     {pid}: adopted with modifications, the text as adopted on its committee/ branch "
            "(citations brought to Dubai, 2018, labels in sequence, spacing; examples/NOTES.md)")
    say(f"   finalacts adopt {a.conference}:")
    for br in a.merged:
        say(f"   merged {br} into main (no conflict)")
    for br, paths in a.conflicts.items():
        say(f"   NOT adopted: {br} conflicts with what was merged before it, in {', '.join(paths)}")
    for old, n in a.numbered:
        say(f"   numbered {old} -> resolutions/{Path(old).parent.name}/{n}.yaml "
            "(the next number after the highest this small corpus holds)")
    if a.tagged:
        say(f"   tagged {a.conference} (`check --edition {a.conference}` finds no error in its texts)")
    else:
        say(f"   {a.conference} NOT tagged: " + "; ".join(f"{f.path}: {f.message}" for f in a.findings[:3]))
    say(f"   finalacts render --final-acts {a.conference}:")
    _say_outputs(dest, final, say)
    for b in result.branches:
        if b.set_id in ADOPT[1]:
            continue
        why = ("its conference never met (WTDC-21 became WTDC-22, Kigali)" if b.conference == "WTDC-21"
               else f"{b.conference} is not part of this demo")
        say(f"   not adopted: {b.set_id} to {b.conference}: {why}")
    say("")


BLAME = ("pp/140", "resolves 3", ADOPT[0])  # a Busan item China extended: two origins in one paragraph


def _say_blame(dest: Path, say: Say) -> None:
    text, item, ref = BLAME
    say(f"6. finalacts blame {text} --item '{item}' --at {ref}: who wrote which words")
    try:
        out = blame_text(blame.blame(dest, text, item, ref))
    except UsageError as e:
        say(f"   blame failed: {e}")
    else:
        for line in out.rstrip("\n").splitlines():
            say(f"   {line}" if line else "")
    say("")


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _command() -> str:
    """How to call finalacts from the demo folder: plain `finalacts` when it is on PATH, else its path
    (the README's first line installs it in .venv/bin without activating the venv)."""
    here = Path(sys.executable).parent / "finalacts"
    found = shutil.which("finalacts")
    if found and (not here.exists() or Path(found).resolve() == here.resolve()):
        return "finalacts"
    return str(here) if here.exists() else "finalacts"


def _say_next(dest: Path, result: DemoResult, say: Say) -> None:
    here: Path = dest
    try:
        here = dest.relative_to(Path.cwd())
    except ValueError:
        pass
    chn = next(b for b in result.branches if b.set_id == FIDELITY_SET)
    apt = result.branches[0]
    fa = _command()
    say(f"Done in {result.seconds:.0f} s. The repository is {dest}; the documents are in {dest / OUT}.")
    say("Try next:")
    say(f"   cd {here}")
    say("   git log --graph --all --format='%h %an: %s%d'")
    say(f"   {fa} edition list")
    say(f"   {fa} edition show PP-18 pp/140 --format text")
    say(f"   {fa} blame pp/11 --at PP-18")
    say(f"   {fa} verify-docx {OUT}/{chn.slug}.docx --old {chn.base} --new {chn.branch}")
    say(f"   git diff {chn.branch} {ADOPT[0]} -- resolutions/pp/140.yaml   # what the conference modified")
    say(f"   git switch {apt.branch} && {fa} proposal check --manifest {apt.manifest}")
