"""A synthetic corpus for benchmarks: N resolutions shaped like the shipped texts.

  python benchmarks/gen_corpus.py OUT [-n 500] [--seed 1] [--defects 0.02] [--git 300]

Each file is modelled on resolutions/pp/140.yaml: a title, the conferences that adopted it, eight
sections of 3 to 12 items (preambular a), b), ... then operative 1, 2, ... with now and then
sub-items), sentences built from the wording of ITU texts and ending with ";", "," or "." as ITU
texts do, citations of other texts of the same corpus with the right "Rev." and conference, footnotes
with their references, and for some texts an annex with numbered headings, lists and a table. About
26 KB a file, so 500 files make some 13 MB. The same seed gives the same bytes. Files are written in
the canonical layout, so `finalacts fmt --check` passes, and `finalacts check` finds only the slips
planted in a `--defects` share of the files (a doubled word or space, a misspelt conference city).

`--kind heavy` plants about 100 findings in every file instead, of the kinds a freshly imported
legacy corpus has (doubled words and spaces, missing spaces after punctuation, doubled marks, wrong
closing punctuation, misspelt conference cities): what `check` meets before the corpus is cleaned.
`--kind real` replicates the shipped real texts (resolutions/ of this repository, with the defects
their sources have) under new numbers.

`--git M` also makes OUT a git repository whose history has M commits, spread over three editions
(tags PP-14, PP-18, PP-22) and proposal branches merged into main, every commit editing the
benchmark's blame target resolutions/pp/1.yaml with a `Proposal:` trailer.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from pathlib import Path

from finalacts.corpus import yamlfile
from finalacts.corpus.model import resolution_from_data, resolution_to_data
from finalacts.corpus.registry import load_registry

# The editions each body's texts draw from (held and verified conferences only, oldest first).
EDITIONS = {
    "PP": ["PP-94", "PP-98", "PP-02", "PP-06", "PP-10", "PP-14", "PP-18", "PP-22"],
    "WTDC": ["WTDC-02", "WTDC-06", "WTDC-10", "WTDC-14", "WTDC-17", "WTDC-22"],
    "WTSA": ["WTSA-08", "WTSA-12", "WTSA-16", "WTSA-20", "WTSA-24"],
}
SHARE = [("PP", 0.4), ("WTDC", 0.3), ("WTSA", 0.3)]

PREAMBULAR = ["recalling", "recalling further", "considering", "considering further", "noting",
              "noting further", "recognizing", "recognizing further", "bearing in mind",
              "taking into account", "emphasizing", "aware", "concerned", "welcoming"]
OPERATIVE = ["resolves", "instructs the Secretary-General", "instructs the Director of the Telecommunication Development Bureau",
             "instructs the Director of the Telecommunication Standardization Bureau",
             "instructs the Secretary-General and the Directors of the Bureaux", "requests the Council",
             "invites Member States", "invites Member States, Sector Members, Associates and Academia",
             "encourages Member States", "calls upon Member States"]

TOPICS = ["the implementation of the outcomes of the World Summit on the Information Society (WSIS)",
          "bridging the digital divide", "the use of telecommunications/ICTs for disaster relief",
          "building confidence and security in the use of ICTs", "the Connect 2030 Agenda",
          "conformance and interoperability testing", "the accessibility of telecommunications/ICTs for persons with disabilities",
          "the role of ITU in the 2030 Agenda for Sustainable Development", "international Internet connectivity",
          "capacity building in the field of telecommunications/ICTs", "the regional presence of the Union",
          "spectrum management in developing countries", "the protection of children online",
          "the ITU Academy and its training centres", "rural and remote areas", "smart sustainable cities and communities",
          "the participation of small and medium enterprises in the work of the Union",
          "the free flow of information between study groups", "emergency telecommunications",
          "the reduction of the standardization gap", "broadband access for all", "telecommunication/ICT indicators"]
ACTORS = ["ITU", "the Union", "the ITU Telecommunication Development Sector (ITU-D)", "the Council",
          "the Telecommunication Standardization Bureau", "the Telecommunication Development Bureau",
          "the General Secretariat", "the ITU Academy", "the Council Working Group on WSIS"]
VERBS = ["plays a fundamental role in", "continues to contribute to", "has a specific responsibility for",
         "is capable of providing expertise relevant to", "has made significant progress in",
         "should continue to cooperate on", "has been given lead responsibility for", "is well placed to assist in"]
TAILS = ["in close collaboration with other United Nations agencies and relevant stakeholders",
         "within the available financial resources", "as appropriate",
         "taking into account the needs of developing countries[^1]",
         "in accordance with the provisions of the ITU Constitution and the ITU Convention",
         "with a focus on the least developed countries and small island developing states",
         "in order to avoid duplication of work among the Bureaux and the General Secretariat",
         "on the basis of the contributions received from the membership",
         "in line with the strategic plan of the Union", "through the regional offices and regional initiatives",
         "and to report on the results to the next conference", "taking into account the outcomes of the WSIS Forum"]
OBJECTS = ["the relevant study groups", "the operational plans of the Sectors", "the annual WSIS Forum",
           "the WSIS stocktaking database", "the regional preparatory meetings", "the ITU Academy",
           "the special trust fund set up by ITU", "the Broadband Commission for Sustainable Development",
           "the ITU regional offices", "the global ICT indicators", "the Partnership on Measuring ICT for Development"]
OPS = ["to continue to support", "to take all necessary measures to implement", "to report annually to the Council on",
       "to encourage the participation of the membership in", "to make voluntary contributions to",
       "to participate actively in", "to strengthen cooperation with", "to give high priority to",
       "to provide assistance to developing countries in", "to continue to raise awareness of",
       "to prepare a report on", "to take into account"]
UN = ["UNGA Resolution 70/125", "UNGA Resolution 68/302", "UNGA Resolution 70/1", "A/RES/71/212"]


class Text:
    """One resolution of the planned corpus: what citations of it must say."""

    def __init__(self, body: str, number: int, adopted: list[str]):
        self.body, self.number, self.adopted = body, number, adopted


def plan(n: int, rng: random.Random) -> list[Text]:
    """Which texts the corpus holds: numbers per body and the editions that adopted each."""
    texts = []
    for body, share in SHARE:
        count = max(1, round(n * share)) if body != SHARE[-1][0] else n - len(texts)
        eds = EDITIONS[body]
        for k in range(1, count + 1):
            first = rng.randrange(len(eds))
            last = rng.randrange(first, len(eds))
            chosen = [eds[first]] + [e for e in eds[first + 1:last + 1] if rng.random() < 0.6]
            if chosen[-1] != eds[last]:
                chosen.append(eds[last])
            texts.append(Text(body, k, chosen))
    return texts


class Writer:
    """Sentences for one text, citing others of the corpus."""

    def __init__(self, text: Text, corpus: list[Text], rng: random.Random):
        self.t, self.corpus, self.rng = text, corpus, rng
        self.reg = load_registry()
        self.footnote_used = False

    def citation(self) -> str:
        """'Resolution 30 (Rev. Dubai, 2014) of the World Telecommunication Development Conference'."""
        other = self.rng.choice(self.corpus)
        ed = self.rng.choice(other.adopted)
        conf = self.reg.get(ed)
        rev = "Rev. " if ed != other.adopted[0] else ""
        if other.body == self.t.body and ed == self.t.adopted[-1]:
            where = "of this conference"
        else:
            where = self.reg.bodies[other.body].cited_as
        return f"Resolution {other.number} ({rev}{conf.place}) {where}"

    def clause(self) -> str:
        r = self.rng
        tail = r.choice(TAILS)
        if "[^1]" in tail:
            if self.footnote_used:
                tail = tail.replace("[^1]", "")
            self.footnote_used = True
        return tail

    def preambular(self) -> str:
        r = self.rng
        kind = r.random()
        if kind < 0.3:
            s = f"{self.citation()}, on {r.choice(TOPICS)}"
        elif kind < 0.4:
            s = f"{r.choice(UN)}, on {r.choice(TOPICS)}, {self.clause()}"
        else:
            s = f"that {r.choice(ACTORS)} {r.choice(VERBS)} {r.choice(TOPICS)}, {self.clause()}"
        more = [f", and {r.choice(TAILS[1:3])} with regard to {r.choice(TOPICS)}",
                f", as stated in § {r.randint(10, 120)} of the Tunis Agenda",
                f", bearing in mind the work of {r.choice(OBJECTS)}",
                f", and that {r.choice(ACTORS)} {r.choice(VERBS)} {r.choice(TOPICS)}"]
        r.shuffle(more)
        while len(s) < 255 and more:
            s += more.pop()
        return s

    def operative(self) -> str:
        r = self.rng
        s = f"{r.choice(OPS)} {r.choice(TOPICS)}, {self.clause()}"
        if r.random() < 0.25:
            s += f", in accordance with {self.citation()}"
        more = [f", including through {r.choice(OBJECTS)}",
                f", in cooperation with {r.choice(OBJECTS)}",
                f", with particular attention to {r.choice(TOPICS)}"]
        r.shuffle(more)
        while len(s) < 240 and more:
            s += more.pop()
        return s


def labels(operative: bool, n: int) -> list[str]:
    return [str(k + 1) for k in range(n)] if operative else [chr(ord("a") + k) + ")" for k in range(n)]


# The slips real texts carry (see the seeds): a doubled word, a doubled space, a misspelt city.
DEFECTS = [(" the ", " the the "), (", ", ",  "), ("Hammamet", "Hamammet"), ("Busan", "Busam")]


def make(text: Text, corpus: list[Text], seed: int, defects: float = 0.0) -> dict:
    """The data of one resolution; with probability `defects` one item carries a typical slip."""
    rng = random.Random(f"{seed}/{text.body}/{text.number}")
    w = Writer(text, corpus, rng)
    pre = rng.sample(PREAMBULAR, 5)
    pre.sort(key=PREAMBULAR.index)
    ops = ["resolves"] + rng.sample(OPERATIVE[1:], 2)
    sections = []
    for i, heading in enumerate(pre + ops):
        operative = i >= len(pre)
        n = rng.randint(3, 12)
        items = []
        for k, num in enumerate(labels(operative, n)):
            if operative and rng.random() < 0.08 and k < n - 1:
                subs = [{"num": f"{num}.{j + 1}", "text": w.operative() + ";"} for j in range(rng.randint(2, 4))]
                items.append({"num": num, "text": f"{rng.choice(OPS)} {rng.choice(TOPICS)}, in particular:",
                              "items": subs})
            else:
                items.append({"num": num, "text": w.operative() if operative else w.preambular()})
        sections.append({"heading": heading, "items": items})
    # ITU punctuation: ";" after each item, "," after a section's last, "." at the very end.
    for s in sections:
        for it in s["items"]:
            if "items" not in it:
                it["text"] += ";"
        last = s["items"][-1]
        last["text"] = last["text"][:-1] + ","
    sections[-1]["items"][-1]["text"] = sections[-1]["items"][-1]["text"][:-1] + "."
    if rng.random() < 0.3:
        first_ops = sections[len(pre)]
        target = rng.choice(first_ops["items"])["num"]
        item = sections[-1]["items"][0]
        item["text"] = item["text"][:-1] + f", as outlined in *resolves* {target} above;"
    data = {"body": text.body, "number": text.number,
            "title": f"{rng.choice(['The role of ITU in', 'Strengthening', 'ITU activities on', 'Promoting'])} "
                     f"{rng.choice(TOPICS)} and {rng.choice(TOPICS)}",
            "adopted": text.adopted, "sections": sections}
    if rng.random() < 0.35:
        data["annexes"] = [annex(w, rng)]
    if w.footnote_used:
        data["footnotes"] = {"1": "These include the least developed countries, small island developing states, "
                                  "landlocked developing countries and countries with economies in transition."}
    if rng.random() < defects:
        items = [it for s in sections for it in s["items"]]
        for old, new in rng.sample(DEFECTS, len(DEFECTS)):
            hit = next((it for it in items if old in it["text"]), None)
            if hit:
                hit["text"] = hit["text"].replace(old, new, 1)
                break
    return data


def sentence(s: str) -> str:
    return s[0].upper() + s[1:]


def annex(w: Writer, rng: random.Random) -> dict:
    blocks = []
    for h in range(1, rng.randint(2, 4)):
        blocks.append({"num": str(h), "heading": f"Elements of {rng.choice(TOPICS)}"})
        for p in range(1, rng.randint(2, 4)):
            blocks.append({"num": f"{h}.{p}", "text": sentence(w.operative()) + "."})
        blocks.append({"items": [{"num": "–", "text": w.operative() + ";"} for _ in range(rng.randint(2, 4))]})
    rows = [["Objective", "Output", "Responsible"]]
    rows += [[f"Objective {k}", rng.choice(OBJECTS), rng.choice(ACTORS)] for k in range(1, rng.randint(4, 9))]
    blocks.append({"table": rows})
    return {"heading": f"Action plan on {rng.choice(TOPICS)}", "blocks": blocks}


def file_text(data: dict) -> str:
    """The canonical file text, as `finalacts fmt` writes it."""
    return yamlfile.dump(resolution_to_data(resolution_from_data(data)), "resolution")


def path_of(root: Path, text: Text) -> Path:
    return root / "resolutions" / text.body.lower() / f"{text.number}.yaml"


def _write(root: Path, n: int, seed: int, data_of) -> list[Path]:
    """Write the n resolutions planned for `seed` under root/resolutions, each as `data_of(text,
    corpus)` gives its data; return their paths."""
    corpus = plan(n, random.Random(seed))
    out = []
    for t in corpus:
        p = path_of(root, t)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(file_text(data_of(t, corpus)), encoding="utf-8")
        out.append(p)
    return out


def generate(root: Path, n: int, seed: int = 1, defects: float = 0.02) -> list[Path]:
    """Write n resolutions under root/resolutions, a `defects` share of them with one slip each
    (a realistic corpus is mostly clean, not spotless); return their paths."""
    return _write(root, n, seed, lambda t, corpus: make(t, corpus, seed, defects))


# Slips of an imported legacy text, each giving one finding where it lands: (old, new) replaced
# once in an item's text.
HEAVY = [(" the ", " the the "), (", ", ",  "), (" of ", " of  "), (", ", ","), (" and ", " and and "),
         (" to ", " to  "), ("; ", ";; "), (" in ", " in in ")]


def heavy(data: dict, rng: random.Random) -> dict:
    """`data` with slips in nearly every item: about 100 findings per file."""
    for s in data["sections"]:
        for it in s["items"]:
            for sub in [it, *it.get("items", [])]:
                for old, new in rng.sample(HEAVY, 3):
                    if old in sub["text"] and rng.random() < 0.55:
                        sub["text"] = sub["text"].replace(old, new, 1)
                if rng.random() < 0.2:  # the closing mark lost or doubled
                    sub["text"] = sub["text"][:-1] + rng.choice(["", ";;", " ."])
        if rng.random() < 0.3:
            s["heading"] = s["heading"].replace("ing", "ign", 1) if "ing" in s["heading"] else s["heading"] + "s"
    for old, new in DEFECTS[2:]:
        for s in data["sections"]:
            for it in s["items"]:
                if old in it["text"]:
                    it["text"] = it["text"].replace(old, new)
    return data


def generate_heavy(root: Path, n: int, seed: int = 1) -> list[Path]:
    """n resolutions as generate() writes them, each with about 100 findings (see HEAVY)."""
    return _write(root, n, seed, lambda t, corpus: heavy(make(t, corpus, seed, 0.0),
                                                         random.Random(f"{seed}/heavy/{t.body}/{t.number}")))


SHIPPED = Path(__file__).resolve().parents[1] / "resolutions"


def generate_real(root: Path, n: int) -> list[Path]:
    """n copies of the shipped real texts, byte for byte but for their numbers (one number per
    copy, in each text's own body)."""
    texts = sorted(SHIPPED.rglob("*.yaml"))
    out = []
    for k in range(n):
        src = texts[k % len(texts)]
        number = 1000 + k
        raw = src.read_text(encoding="utf-8")
        old = next(line for line in raw.splitlines() if line.startswith("number:"))
        stem = f"decision-{number}" if "\nkind: decision\n" in raw else str(number)  # where a decision lives
        p = root / "resolutions" / src.parent.name / f"{stem}.yaml"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(raw.replace(old + "\n", f"number: {number}\n", 1), encoding="utf-8")
        out.append(p)
    return out


KINDS = {"project": lambda root, n, seed: generate(root, n, seed),
         "heavy": generate_heavy,
         "real": lambda root, n, seed: generate_real(root, n)}


def _git(root: Path, *args: str, date: int | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.invalid",
               GIT_COMMITTER_NAME="Editor", GIT_COMMITTER_EMAIL="editor@example.invalid")
    if date is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date} +0000"
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def history(root: Path, commits: int, seed: int = 1) -> None:
    """Make root a git repository whose history edits resolutions/pp/1.yaml in `commits` commits,
    over three editions (tags) with proposal branches merged into main."""
    rng = random.Random(f"{seed}/git")
    target = root / "resolutions" / "pp" / "1.yaml"
    data_loaded = yamlfile.load(target.read_bytes(), str(target)).data
    corpus = [Text("PP", 1, data_loaded["adopted"])]
    w = Writer(corpus[0], corpus, rng)
    when = 1_400_000_000
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "The texts in force", date=when)
    editions = ["PP-14", "PP-18", "PP-22"]
    rest = commits - 1
    for e, edition in enumerate(editions):
        size = rest // len(editions) + (1 if e < rest % len(editions) else 0)
        # An edition's changes come as a proposal branch merged into main (the merge is one commit).
        branch = f"proposals/{edition.lower()}/ACP-{e + 1}"
        if size > 1:
            _git(root, "checkout", "-q", "-b", branch)
        for k in range(1, size if size > 1 else size + 1):
            sec = rng.choice(data_loaded["sections"])
            item = rng.choice([it for it in sec["items"] if "items" not in it])
            item["text"] = w.operative() + item["text"][-1]
            target.write_text(file_text(data_loaded), encoding="utf-8")
            when += 3600
            _git(root, "commit", "-q", "-am", f"Revise {sec['heading']} {item['num']}\n\nProposal: ACP/{e + 1}/{k}",
                 date=when)
        if size > 1:
            when += 3600
            _git(root, "checkout", "-q", "main")
            _git(root, "merge", "-q", "--no-ff", "-m", f"Merge {branch}", branch, date=when)
        if size:
            _git(root, "tag", edition)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="folder to write the corpus into (created)")
    ap.add_argument("-n", type=int, default=500, help="number of resolutions (default 500)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--defects", type=float, default=0.02, help="share of files with one typical slip (default 0.02)")
    ap.add_argument("--kind", choices=sorted(KINDS), default="project",
                    help="project (default), heavy (about 100 findings a file) or real (the shipped texts)")
    ap.add_argument("--git", type=int, default=0, metavar="M", help="also build a git history of M commits")
    a = ap.parse_args(argv)
    files = generate(a.out, a.n, a.seed, a.defects) if a.kind == "project" else KINDS[a.kind](a.out, a.n, a.seed)
    if a.git:
        history(a.out, a.git, a.seed)
    size = sum(p.stat().st_size for p in files)
    print(f"{len(files)} resolutions, {size / 1e6:.1f} MB in {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
