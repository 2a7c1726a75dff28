"""The one rule catalog: every rule id any command reports, with its family, default severity,
description and a passing and a failing example.

`finalacts rules`, docs/rules.md, the `[tool.finalacts]` configuration, SARIF's rule table and
`ignore:` suppression all read this table, so a rule id has one meaning everywhere. A rule module
reports findings under these ids; a test fails on an id used in the code but missing here, and on
one listed here that nothing reports.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    severity: str  # the default; [tool.finalacts] severity can change it per corpus
    description: str
    passing: tuple[str, ...] = ()
    failing: tuple[str, ...] = ()

    @property
    def unreadable(self) -> bool:
        """A file reported under this rule could not be read at all: the command exits 2, and the
        rule cannot be disabled or softened."""
        return self.family == "reading" and self.id.startswith("input-")


# family: (the commands that report it, what it is about), in the order docs/rules.md lists them.
FAMILIES = {
    "reading": ("check, fmt, proposal check, render",
                "Reading a file and validating it against its JSON Schema, before any rule runs."),
    "characters": ("check", "Characters a conference document cannot hold, refused where they are written, "
                            "so that no renderer is the first to find them."),
    "layout": ("check", "Where a file sits in the corpus."),
    "numbering": ("check",
                  "Item labels: each list follows its ITU sequence, once, without gaps. Items of a preambular "
                  "section (*recalling*, *considering*, ...) are labelled a), b), ...; items of an operative "
                  "section (*resolves*, *instructs ...*, ...) 1, 2, ...; sub-items of 5 are 5.1, 5.2, ... or "
                  "i), ii), ... or a), b), ...; dash (–) and bullet (•) entries are unlabelled. Every list is "
                  "checked on its own, at each level. `finalacts fmt --renumber` fixes all of these, with the "
                  "internal references that pointed at the old labels."),
    "references": ("check", "Internal references: what a text points at in its own resolution must be there."),
    "conventions": ("check", "Text conventions of ITU resolutions (warnings: the text reads wrong, but means "
                             "the same)."),
    "citations": ("check",
                  "Citations of other texts: conferences, editions, \"Rev.\", UN symbols, draft labels. Every "
                  "text of a resolution (title, headings, items, footnotes, annexes) and of a proposal set is "
                  "read with the citation grammar; each finding points at the citation itself and quotes it."),
    "editions": ("check",
                 "A resolution's editions: its `adopted` list and what is derived from it (the title line, "
                 "the preamble and a sector text's history line come from `body`, `number` and `adopted` "
                 "through the conference registry, so that list must be right)."),
    "gate": ("proposal check",
             "A proposal branch against its manifest: what the branch changed agrees with the proposals, "
             "proposal by proposal."),
    "hook": ("hook commit-msg", "A commit on a proposal branch names the proposals it serves, so that blame and the gate "
                                "can tell who proposed what."),
    "owner": ("check, proposal check, edition verify",
              "Who may change what: the members registry (members.yaml), the authors and signatures of "
              "the commits on a proposal branch, the support records of common proposals, and signed "
              "edition tags. The gate reads the registry and `require-signatures` at the target branch, "
              "never from the branch under review, and neither `ignore:` in a manifest nor the branch's "
              "own pyproject.toml can silence these rules."),
    "languages": ("check, translate import",
                  "Language versions (translations/<lang>/<body>/<number>.yaml): the same sections, labels in the "
                  "same order, footnote markers and citations as the English text, and a translation of the "
                  "English as it stands. Each finding is in the language file and names the place in the "
                  "English file beside it."),
    "tag": ("edition tag", "Whether the corpus at HEAD is a consistent edition of a conference, before it is tagged."),
    "adopt": ("adopt", "The secretariat's step: the outcomes of every proposal, recorded in the manifests, applied."),
    "rebase": ("proposal rebase", "An open proposal branch moved onto a new edition of its texts."),
    "renumber": ("fmt --renumber", "What relabelling could not do on its own."),
    "merge": ("check, merge-driver",
              "Merges of concurrent proposals: what the merge driver (`finalacts setup-git`) could not "
              "decide, left for a person where it stands."),
    "import": ("import resolution, import proposals",
               "Reading an existing ITU document: what could not be read, placed or trusted."),
    "render": ("render, verify-docx", "What stands in the way of a conference document."),
}


def _rules(*rules: Rule) -> dict[str, Rule]:
    out: dict[str, Rule] = {}
    for r in rules:
        if r.id in out:
            raise ValueError(f"rule id {r.id} listed twice in the catalog")
        if r.family not in FAMILIES:
            raise ValueError(f"rule {r.id}: unknown family {r.family}")
        out[r.id] = r
    return out


RULES: dict[str, Rule] = _rules(
    Rule('input-encoding', 'reading', 'error',
         'The file is not UTF-8. Such a file is not checked further; the command exits 2.',
         passing=('a file saved as UTF-8',),
         failing=('a file saved as Windows-1252 with an é',)),
    Rule('input-syntax', 'reading', 'error',
         'The file is not valid YAML. Such a file is not checked further; the command exits 2.',
         passing=('`title: ITU TELECOM events`',),
         failing=('`title: [ITU TELECOM events`',)),
    Rule('input-tab', 'reading', 'error',
         'A tab is used for indentation. Such a file is not checked further; the command exits 2.',
         passing=('indentation with spaces',),
         failing=('a line indented with a tab',)),
    Rule('input-duplicate-key', 'reading', 'error',
         'A key appears twice in one mapping. Such a file is not checked further; the command '
          'exits 2.',
         passing=('one `text:` per item',),
         failing=('two `text:` keys in one item',)),
    Rule('input-alias', 'reading', 'error',
         'YAML anchors and aliases are not used. Such a file is not checked further; the command '
          'exits 2.',
         passing=('the text written out',),
         failing=('`text: *same`',)),
    Rule('input-tag', 'reading', 'error',
         'YAML tags are not used. Such a file is not checked further; the command exits 2.',
         passing=('`number: 140`',),
         failing=('`number: !!str 140`',)),
    Rule('input-empty', 'reading', 'error',
         'The file is empty. Such a file is not checked further; the command exits 2.',
         passing=('a file starting with `body:`',),
         failing=('an empty file',)),
    Rule('input-too-large', 'reading', 'error',
         'The file is over 2 MB. Such a file is not checked further; the command exits 2.',
         passing=('a resolution of a few hundred KB',),
         failing=('a 3 MB file',)),
    Rule('input-not-mapping', 'reading', 'error',
         'The top level is not a mapping. Such a file is not checked further; the command exits 2.',
         passing=('`body: PP` ...',),
         failing=('`- body: PP`',)),
    Rule('input-unreadable', 'reading', 'error',
         'The file cannot be opened. Such a file is not checked further; the command exits 2.',
         passing=('an existing, readable file',),
         failing=('a path that does not exist',)),
    Rule('input-symlink', 'reading', 'error',
         'A symbolic link in the corpus (a file or a folder). It is never followed, read or replaced: '
          'a link can point anywhere on the machine that runs the check. The command exits 2.',
         passing=('resolutions/pp/140.yaml, a file',),
         failing=('resolutions/pp/140.yaml -> /etc/passwd',)),
    Rule('input-limit', 'reading', 'error',
         'A file beyond the limits of the format: nesting deeper than 64 levels, or a number of more '
          'than 100 digits. Such a file is not checked further; the command exits 2.',
         passing=('items nested four levels deep', '`number: 140`'),
         failing=('items nested 350 levels deep', 'a number of 5,000 digits')),
    Rule('schema-unknown-key', 'reading', 'error',
         'A key the format does not have (often a typo).',
         passing=('`heading: resolves`',),
         failing=('`heding: resolves`',)),
    Rule('schema-required', 'reading', 'error',
         'A required key is missing.',
         passing=('`body`, `number`, `title`, `adopted`, `sections`',),
         failing=('a resolution without `title:`',)),
    Rule('schema-type', 'reading', 'error',
         'A value of the wrong type.',
         passing=('`number: 140`',),
         failing=('`number: [140]`',)),
    Rule('schema-value', 'reading', 'error',
         'A value outside what the format allows.',
         passing=('`body: PP`',),
         failing=('`body: PPP`',)),
    Rule('text-control-char', 'characters', 'error',
         'A text holds a control character (made by an escape such as `\\a`, `\\e` or `\\x07` in a quoted '
          'string) that no Word or HTML document can hold; every renderer refuses it.',
         passing=('`heading: recalling`',),
         failing=('`heading: "recalling\\a"`',)),
    Rule('layout-path', 'layout', 'error',
         'a resolution lives at resolutions/<body>/<number>.yaml, a decision at '
         'resolutions/<body>/decision-<number>.yaml, so that git paths, citations and '
          '`finalacts` commands (`pp/140`, `pp/decision-11`) agree.',
         passing=('resolutions/pp/140.yaml holding `body: PP`, `number: 140`',
                  'resolutions/pp/decision-11.yaml holding `body: PP`, `kind: decision`, `number: 11`'),
         failing=('resolutions/pp/141.yaml holding `body: PP`, `number: 140`',)),
    Rule('numbering-duplicate', 'numbering', 'error',
         'a label used twice in one list (seed 002 has g) twice in *recalling*). Usually a '
          'flattened revision: an inserted item took the label of the one after it.',
         passing=('recalling a), b), c)',),
         failing=('recalling f), g), g), h)',)),
    Rule('numbering-gap', 'numbering', 'error',
         'the sequence skips labels (seed 000: *considering* l) then o), the m) and n) of the text '
          'in force having been deleted without relabelling).',
         passing=('considering k), l), m)',),
         failing=('considering k), l), o)',)),
    Rule('numbering-order', 'numbering', 'error',
         'a label lower than the one before it, not a repeat of one.',
         passing=('instructs the Secretary-General 3, 4, 5',),
         failing=('instructs the Secretary-General 3, 4, 2',)),
    Rule('numbering-glued', 'numbering', 'error',
         'one label made of two run together, the trace of a tracked change flattened into text: '
          'fg) is f) renumbered to g), 78 is 7 renumbered to 8.',
         passing=('considering e), f), g)',),
         failing=('considering e), f), fg)',)),
    Rule('numbering-style', 'numbering', 'error',
         'a label in the wrong style for its list (1 in a preambular section, a) in an operative '
          'one, 6.1 under 5) or no ITU label at all (`a.`, `(1)`).',
         passing=('resolves 1, 2 with 2.1, 2.2 under 2',),
         failing=('resolves 1, b), 3',)),
    Rule('numbering-missing', 'numbering', 'error',
         'an unlabelled item among labelled siblings.',
         passing=('recognizing further a), b), c)',),
         failing=('recognizing further a), (no label), b)',)),
    Rule('ref-label', 'references', 'error',
         'a section reference names a label its section does not have. Seed 003 shows "instructs '
          'the Secretary-General 78 above", a flattened renumbering of 7 to 8.',
         passing=('"as outlined in *resolves* 1, 2, 3, and 4 above" (resolves has items 1 to 20)',),
         failing=('"in line with *resolves* 25 above" (resolves has items 1 to 20)',)),
    Rule('ref-section', 'references', 'error',
         'a reference to a section heading this resolution does not have.',
         passing=('"taking account of *considering* a) above" (the resolution has *considering*)',),
         failing=('"pursuant to *recognizing* c) above" (no *recognizing* section)',)),
    Rule('ref-annex', 'references', 'error',
         '"Annex 2 to this resolution" when the resolution has fewer annexes (or no annex numbered '
          '2); "the annex to this resolution" when it has none.',
         passing=('"as outlined in Annex 1 to this resolution" (one annex)',),
         failing=('"see Annex 2 to this resolution" (one annex)',)),
    Rule('ref-footnote', 'references', 'error',
         'a footnote marker `[^1]` or "footnote 1" with no such footnote.',
         passing=('"developing countries[^1]" with `footnotes: {"1": ...}`',),
         failing=('"developing countries[^2]" with `footnotes: {"1": ...}`',)),
    Rule('ref-footnote-unused', 'references', 'warning',
         'a footnote that no text refers to.',
         passing=('`footnotes: {"1": ...}` and "[^1]" in an item',),
         failing=('`footnotes: {"1": ..., "2": ...}` and only "[^1]" in the texts',)),
    Rule('heading-vocabulary', 'conventions', 'warning',
         'a section heading outside the ITU vocabulary (recalling, considering, noting, '
          'recognizing, taking into account, bearing in mind, emphasizing, aware, concerned, '
          'welcoming, endorsing, … with "further" or "also"; resolves, resolves to …, decides, '
          'instructs …, requests …, invites …, encourages …, calls upon …). Near misses get a '
          'suggestion: ITU spells -ize.',
         passing=('`heading: recognizing further`',),
         failing=('`heading: recognising` (suggests "recognizing")',)),
    Rule('item-punctuation', 'conventions', 'warning',
         'each item ends with ";", the last item of a section with ",", and the last item of the '
          'resolution with "." (a chapeau before sub-items is not checked).',
         passing=('considering a) "…society;" b) "…outcomes," then resolves 1 "…;" 2 "…agencies."',),
         failing=('considering a) "…in 2015," followed by b)',)),
    Rule('punctuation-doubled', 'conventions', 'warning',
         'two punctuation marks where one is meant: ";;", ",;", ", ,".',
         passing=('"…(Geneva, 2014);"',),
         failing=('"…(Geneva, 2014), ;"',)),
    Rule('space-missing', 'conventions', 'warning',
         'words run together: a word glued to a number ("the70th"), a number glued to a citation\'s '
          'parenthesis ("Resolution 185(BUSAN, 2014)"), or a comma or semicolon with no space after '
          'it ("Development;the").',
         passing=('"at the 70th session", "Resolution 185 (Busan, 2014)"',),
         failing=('"at the70th session", "Resolution 185(BUSAN, 2014)"',)),
    Rule('space-extra', 'conventions', 'warning',
         'two spaces in a row, or a space before a comma, semicolon or full stop.',
         passing=('"Buenos Aires Action Plan, and"',),
         failing=('"Buenos  Aires Action Plan , and"',)),
    Rule('word-doubled', 'conventions', 'warning',
         'the same word twice in a row ("and and"), a common trace of a flattened revision.',
         passing=('"WSIS outcomes and the 2030 Agenda"',),
         failing=('"WSIS outcomes and and the 2030 Agenda"',)),
    Rule('punctuation-fullwidth', 'conventions', 'warning',
         'full-width punctuation (，；：（）) in an English text, usually pasted from another '
          "language's version.",
         passing=('"implementation, taking into account"',),
         failing=('"implementation，taking into account"',)),
    Rule('citation-conference', 'citations', 'error',
         'the place and year name a conference of the cited body that met.',
         passing=('Resolution 98 (Hammamet, 2016) of the World Telecommunication Standardization Assembly',),
         failing=('Resolution 98 (Hamammet, 2016) of the World Telecommunication Standardization Assembly', 'Resolution 25 (Rev. Busan, 2018) of the Plenipotentiary Conference   (PP-18 met in Dubai)', 'Resolution 37 (Rev. Addis Ababa, 2021) of this conference   (WTDC-21 never took place)')),
    Rule('citation-unregistered', 'citations', 'warning',
         'a place and year that schemas/conferences.yaml does not know at all; add the conference '
          'there (with `verified: false` until checked) or correct the citation.',
         passing=('Resolution 1 (Dubai, 2012) of the World Conference on International Telecommunications',),
         failing=('Resolution 12 (Springfield, 2011) of the Plenipotentiary Conference',)),
    Rule('citation-malformed', 'citations', 'error',
         'the parentheses after a number hold a year but not one edition; typically two editions '
          'flattened side by side from tracked changes.',
         passing=('Resolution 71 (Rev. Dubai, 2018)',),
         failing=('Resolution 71 (Rev. Busan, 2014Dubai, 2018)',)),
    Rule('citation-rev', 'citations', 'error',
         '"Rev." is written exactly when the cited edition is not the text\'s first adoption. '
          'Checked only when the corpus holds the cited resolution.',
         passing=('Resolution 140 (Antalya, 2006) / Resolution 140 (Rev. Busan, 2014)   (adopted PP-06, ..., PP-14)',),
         failing=('Resolution 140 (Rev. Antalya, 2006) / Resolution 140 (Busan, 2014)',)),
    Rule('citation-missing', 'citations', 'warning',
         'the corpus holds texts of the cited body but not the cited resolution, and the registry '
          'of texts in force (corpus/data/texts.yaml) does not know it either; or the corpus holds it '
          'but not the cited edition. Said once per cited text and file. A warning: a corpus may hold '
          'only part of a body (one known to be partial can set `disable = ["citation-missing"]` in '
          '`[tool.finalacts]`).',
         passing=('Resolution 71 (Rev. Busan, 2014) of this conference   (pp/71.yaml lists PP-14)',),
         failing=('Resolution 71 (Rev. Guadalajara, 2010) of this conference   (pp/71.yaml does not list PP-10)',)),
    Rule('citation-not-held', 'citations', 'info',
         'the cited resolution is not in this corpus, but the registry of texts in force '
          '(corpus/data/texts.yaml) knows it: a real text that is only not held here. Said once per '
          'cited text and file, with what the registry records of the cited edition.',
         passing=('Resolution 71 (Rev. Busan, 2014) in a corpus holding resolutions/pp/71.yaml',),
         failing=('Resolution 71 (Rev. Busan, 2014) in a corpus without pp/71 (info: the registry knows it)',)),
    Rule('citation-edition', 'citations', 'error',
         'the registry of texts in force shows that the cited edition does not exist: the text was '
          'suppressed before it, or a source prints the whole history of the text up to a '
          'conference (`complete_until`) and the cited edition of that time is not in it.',
         passing=('Resolution 75 (Rev. Hammamet, 2016) of the WTSA   (history: 2008, 2012, 2016, 2022)',),
         failing=('Resolution 75 (Rev. Florianópolis, 2004) of the WTSA   (not in its history line)',)),
    Rule('citation-this-conference', 'citations', 'error',
         '"of this conference" means the citing text\'s own body at its latest adoption.',
         passing=('Resolution 139 (Rev. Busan, 2014) of this conference   (in a PP text, adopted [..., PP-14])',),
         failing=('Resolution 30 (Rev. Dubai, 2014) of this conference    (in a PP text: Dubai, 2014 is WTDC-14)',)),
    Rule('citation-un-symbol', 'citations', 'error',
         'a United Nations resolution is cited by a resolution symbol (A/RES/70/125) or by session '
          'and number (UNGA Resolution 70/125). A/70/125 is another document.',
         passing=('UNGA Resolution 70/125; A/RES/70/125',),
         failing=('United Nations General Assembly (UNGA) resolution A/70/125',)),
    Rule('citation-draft', 'citations', 'warning',
         "a conference working label (Resolution WG-PL/9, Resolution COM5/4) or a proposer's "
          'placeholder ([ACP-1]) with no such draft in the corpus: the adopted number is '
          'unresolved.',
         passing=('Resolution 200 (Busan, 2014) of this conference',),
         failing=('Resolution WG-PL/9 (Busan, 2014) of this conference',)),
    Rule('edition-unknown', 'editions', 'error',
         'every id in `adopted` is a conference of the registry.',
         passing=('adopted: [PP-06, PP-10, PP-14]',),
         failing=('adopted: [PP-06, PP-10, PP-15]',)),
    Rule('edition-body', 'editions', 'error',
         'a text lists only conferences of its own body.',
         passing=('body: WTDC / adopted: [WTDC-14, WTDC-17]',),
         failing=('body: WTDC / adopted: [WTDC-14, PP-18]',)),
    Rule('edition-not-held', 'editions', 'error',
         'a conference that never took place adopted nothing.',
         passing=('body: WTDC / adopted: [WTDC-17, WTDC-22]',),
         failing=('body: WTDC / adopted: [WTDC-17, WTDC-21]   (Addis Ababa, 2021 was held as Kigali, 2022)',)),
    Rule('edition-order', 'editions', 'error',
         'oldest first.',
         passing=('adopted: [PP-06, PP-10, PP-14]',),
         failing=('adopted: [PP-06, PP-14, PP-10]',)),
    Rule('edition-after', 'editions', 'error',
         'checked at an edition (a git tag such as PP-14), no text claims a later conference.',
         passing=('at PP-14: adopted: [PP-06, PP-10, PP-14]',),
         failing=('at PP-14: adopted: [PP-06, PP-10, PP-14, PP-18]',)),
    Rule('edition-draft', 'editions', 'error',
         'a draft placeholder number (ACP-1) has no editions yet, and a numbered text has at least '
          'one (otherwise its title line cannot be derived).',
         passing=('number: ACP-1 / adopted: []      number: 140 / adopted: [PP-06]',),
         failing=('number: ACP-1 / adopted: [PP-18]     number: 140 / adopted: []',)),
    Rule('edition-derived', 'editions', 'error',
         'the title and the first section do not repeat the derived title line, history line or '
          'preamble, which would print twice and drift from `adopted`.',
         passing=("title: ITU's role in implementing the outcomes of the World Summit ...",),
         failing=("title: RESOLUTION 75 (Rev. New Delhi, 2024) ITU-T's contribution ...",)),
    Rule('gate-numbering', 'gate', 'error',
         'proposals are numbered 1..N in order, without gaps or duplicates.',
         passing=('numbers 1, 2, 3',),
         failing=('numbers 1, 3 (a gap), or 1, 1 (a duplicate)',)),
    Rule('gate-reasons', 'gate', 'error',
         'SUP and NOC proposals carry `reasons`.',
         passing=('`{action: SUP, target: pp/185, reasons: Its work is done.}`',),
         failing=('`{action: SUP, target: pp/185}`',)),
    Rule('gate-reasons-missing', 'gate', 'warning',
         'MOD, (MOD) and ADD proposals carry `reasons` too: the secretariat prints "Reasons:" under '
          'every proposal, and `render` shows a visible placeholder where there are none.',
         passing=('`{action: MOD, target: pp/11, reasons: To support SMEs at ITU Telecom events.}`',),
         failing=('`{action: MOD, target: pp/11}`',)),
    Rule('gate-cover', 'gate', 'warning',
         "the manifest gives every field of the document's cover: the document number (`symbol`), "
          '`date` and original `language`; `render` prints a visible placeholder for each one missing.',
         passing=("`symbol: Addendum 1 to Document 64-E`, `date: 2018-09-17`, `language: English`",),
         failing=('a manifest with no `date:`',)),
    Rule('gate-target', 'gate', 'error',
         'the target exists in the base edition (MOD, (MOD), SUP, NOC), a target without a number '
          'is used only by NOC, and no two proposals name the same target.',
         passing=('`MOD pp/11` where resolutions/pp/11.yaml is in PP-14',),
         failing=('`MOD pp/999`; `MOD pp/11` twice; `target: ../../etc/passwd` (exits 2)',)),
    Rule('gate-mod-unchanged', 'gate', 'error',
         'a MOD or (MOD) target is changed on the branch.',
         passing=('MOD pp/11 with resolves 1 reworded',),
         failing=('MOD pp/140 with resolutions/pp/140.yaml as in the base edition',)),
    Rule('gate-mod-adopted', 'gate', 'error',
         'a MOD or (MOD) target ends its `adopted` with the conference, so its title reads "(Rev. '
          'Dubai, 2018)".',
         passing=('`adopted: [PP-98, PP-14, PP-18]` for a proposal to PP-18',),
         failing=('`adopted: [PP-98, PP-14]`',)),
    Rule('gate-editorial', 'gate', 'error',
         'a (MOD) changes nothing but editorial detail. Editorial, plainly: every text keeps the '
          'same words in the same order and the same structure (sections, items, labels, footnotes, '
          'annexes); only punctuation, letter case and spacing may differ.',
         passing=('"the Union; in particular," -> "the Union, in particular"',),
         failing=('"the Union" -> "the Union and its Members"',)),
    Rule('gate-noc-changed', 'gate', 'error',
         'a NOC target is byte for byte as in the base edition.',
         passing=('NOC pp/200 with the file untouched',),
         failing=('NOC pp/200 with "Connect 2020" changed to "Connect 2030"',)),
    Rule('gate-sup-present', 'gate', 'error',
         'a SUP target is removed on the branch.',
         passing=('SUP pp/185 with resolutions/pp/185.yaml deleted',),
         failing=('SUP pp/185 with the file still there',)),
    Rule('gate-sup-cited', 'gate', 'warning',
         'another text in force at the head still cites a suppressed text.',
         passing=('no text cites Resolution 185 after its SUP',),
         failing=('"Resolution 185 (Busan, 2014) of the Plenipotentiary Conference" in pp/71',)),
    Rule('gate-add', 'gate', 'error',
         'an ADD creates `resolutions/<body>/<placeholder>.yaml` whose `number` is the '
          'placeholder, and no other text uses that placeholder.',
         passing=('`ADD pp/ACP-1` with a new resolutions/pp/ACP-1.yaml holding `number: ACP-1`',),
         failing=('the file missing, `number: ACP-2` in it, or resolutions/wtdc/ACP-1.yaml as well',)),
    Rule('gate-unannounced', 'gate', 'error',
         'every file changed under resolutions/ belongs to exactly one proposal.',
         passing=("only the targets of the manifest's proposals change",),
         failing=('resolutions/pp/71.yaml edited with no proposal naming pp/71',)),
    Rule('gate-base', 'gate', 'error',
         'the head contains the base edition, else the finding gives the exact `git rebase --onto` '
          'command; a base older than the latest edition before the conference is a warning with '
          'the command to move on.',
         passing=('a branch created by `finalacts proposal new ... --base PP-14`',),
         failing=('PP-14 re-cut after the branch was made: `git rebase --onto PP-14 <fork> <branch>`',)),
    Rule('gate-conflict', 'gate', 'error',
         'no merge-conflict marker (<<<<<<<, >>>>>>>) is left in a changed file or a manifest; the '
          'gate stops and exits 2.',
         passing=('a resolved merge',),
         failing=('a line `<<<<<<< HEAD` in resolutions/pp/11.yaml',)),
    Rule('owner-duplicate', 'owner', 'error',
         'members.yaml lists each member id, each proposal-set prefix and each signing key once: a key '
          'registered for two addresses, or a prefix for two members, would make attribution ambiguous.',
         passing=('`{id: APT, prefixes: [ACP]}` and `{id: CEPT, prefixes: [EUR]}`',),
         failing=('two members with `prefixes: [ACP]`; one ssh-ed25519 key under two e-mail addresses',)),
    Rule('owner-unknown-member', 'owner', 'error',
         'every id a group lists in `members`, `editions` names, or a manifest names in `cosigners` or '
          '`support` is a member of members.yaml.',
         passing=('`members: [AUS, J]` with AUS and J registered',),
         failing=('`cosigners: [XYZ]` with no member XYZ',)),
    Rule('owner-submitter', 'owner', 'error',
         'the prefix of a proposal set (ACP of ACP/64A1) is the `prefixes` entry of a registered member: '
          'that member is the submitter whose identities may change the set.',
         passing=('ACP/64A1 with APT listing `prefixes: [ACP]`',),
         failing=('ZZZ/1A1 where no member lists ZZZ',)),
    Rule('owner-author', 'owner', 'error',
         'every commit on a proposal branch that changes the set\'s manifest or one of its texts is '
          'authored by an identity of the submitter or of a co-signer listed in the manifest before '
          'that commit; a member may also commit its own support record. Merge commits that only bring '
          'in another parent\'s files (updates from the target branch) are exempt.',
         passing=('APT\'s editor <editor@apt.example.invalid> commits MOD ACP/64A1/3',),
         failing=('CEPT\'s editor commits words into resolutions/pp/11.yaml on the APT branch',)),
    Rule('owner-signature', 'owner', 'error',
         'with `require-signatures = true` in [tool.finalacts] (at the target branch), each such commit '
          'carries a signature that git verifies as good with a key registered for its author\'s '
          'address (SSH through gpg.ssh.allowedSignersFile, OpenPGP through a keyring of the registry\'s '
          'keys).',
         passing=('a commit made with `git commit -S` and the key listed for the author',),
         failing=('an unsigned commit; one signed with a key registered for nobody, or for someone else',)),
    Rule('owner-support', 'owner', 'error',
         'each member listed in a proposal\'s `support` is the submitter, a member of the submitting '
          'group or a co-signer, and is backed by a commit with the trailers `Supported-by: <member>` and '
          '`Proposal: <id>` authored (in signed mode, signed) by an identity of that member '
          '(`finalacts proposal support`). The commit message alone proves nothing.',
         passing=('`support: [AUS]` and a commit by Australia\'s delegate naming ACP/64A1/3',),
         failing=('`support: [AUS]` written into the manifest by the group\'s editor',)),
    Rule('owner-registry-changed', 'owner', 'warning',
         'a proposal branch changes members.yaml: the gate keeps using the registry of the target '
          'branch, so the change counts only once it is reviewed and merged there.',
         passing=('members.yaml changed in its own pull request to main',),
         failing=('a new key for APT added on proposals/pp-18/ACP-64A1',)),
    Rule('lang-structure', 'languages', 'error',
         'a language version has the English text\'s sections, and in each list the same labels in the '
          'same order (labels are the same in all six languages); it holds no text the English lacks.',
         passing=('translations/es/pp/140.yaml with *recordando* a), b), c) as the English *recalling*',),
         failing=('*considerando* a), c) where the English has a), b), c)',
                  '*considerando* a), b), d) where the English has a), b), c)')),
    Rule('lang-citation', 'languages', 'error',
         'a translated text cites the same resolutions and decisions (by number), years, UN symbols and '
          'footnote markers as the English text it translates.',
         passing=('"la Resolución 73 de la Conferencia de Plenipotenciarios (Minneápolis, 1998)" for '
                  '"Resolution 73 (Minneapolis, 1998) of the Plenipotentiary Conference"',),
         failing=('"la Resolución 73 (Minneápolis, 1999)" for "Resolution 73 (Minneapolis, 1998)"',)),
    Rule('lang-heading', 'languages', 'warning',
         'a section heading reads as the language registry (corpus/data/languages.yaml) says that '
          'language writes it, where the registry knows the heading.',
         passing=('*recordando* for *recalling* in Spanish',),
         failing=('*recordar* for *recalling* in Spanish',)),
    Rule('translation-stale', 'languages', 'warning',
         'the English text changed since it was translated: the fingerprint beside the translation is '
          'not that of the English now. The finding shows the English change as a word redline '
          '([-deleted-] {+inserted+}) when the repository holds the earlier text.',
         passing=('`source: {text: 3f9c…}` that is the fingerprint of the English item now',),
         failing=('a MOD of *recalling* b) after its Spanish text was recorded',)),
    Rule('translation-missing', 'languages', 'info',
         'an English text has no translation in this language yet: the language file lists the item '
          'without its text, so the corpus says what is missing (nothing is filled by guesswork).',
         passing=('every item of translations/es/pp/140.yaml with its text',),
         failing=('`- num: c)` with no text',)),
    Rule('translation-unsourced', 'languages', 'warning',
         'a translated text without the fingerprint of the English it translates: nobody can tell '
          'whether it is stale.',
         passing=('`text: …` with `source: {text: 3f9c1a2b4d5e}`',),
         failing=('`text: …` with no `source:`',)),
    Rule('translation-orphan', 'languages', 'error',
         'a language version whose English text is not in the corpus at resolutions/<body>/<number>.yaml.',
         passing=('translations/fr/pp/140.yaml beside resolutions/pp/140.yaml',),
         failing=('translations/fr/pp/999.yaml with no resolutions/pp/999.yaml',)),
    Rule('translation-import', 'languages', 'error',
         'an XLIFF file given to `finalacts translate import` that cannot be taken in: not XLIFF 2.0 '
          'by its schema, another language or text, a unit the export did not make, or a unit whose '
          'English changed since the export.',
         passing=('the file `translate export` wrote, with targets filled',),
         failing=('a unit whose <source> is not the English text as it stands now',)),
    Rule('owner-edition', 'owner', 'error',
         'an edition tag is an annotated tag of that name, made by an identity of a member listed in '
          '`editions`, whose signature git verifies with a key registered for the tagger, and whose '
          'message records the tree of the commit it names (`edition tag --sign` writes it).',
         passing=('`finalacts edition tag PP-18 --sign` by the secretariat',),
         failing=('PP-18 moved to another commit, signed by an unregistered key, or a lightweight tag',)),
    Rule('tag-draft', 'tag', 'error',
         'no draft is left; drafts get numbers from `finalacts edition number`.',
         passing=('`number: 206`',),
         failing=('`number: ACP-1`',)),
    Rule('tag-adopted', 'tag', 'error',
         'a text added or revised since the previous edition ends `adopted` with the conference; '
          'an unchanged one does not list it; none lists a later conference. In the first edition of '
          'a body tagged in the repository, a text may end `adopted` with an earlier conference of '
          'the body instead: a text in force that the conference left as it was.',
         passing=('pp/11 reworded, `adopted: [PP-98, PP-14, PP-18]`',
                  'the first PP tag is PP-18 and pp/21 has `adopted: [PP-14]`'),
         failing=('pp/200 reworded, `adopted: [PP-14]`; pp/71 unchanged, `adopted: [PP-14, PP-18]`',)),
    Rule('tag-conflict', 'tag', 'error',
         'no merge-conflict marker is left in a text.',
         passing=('a resolved merge',),
         failing=('a line `<<<<<<< HEAD`',)),
    Rule('adopt-outcome', 'adopt', 'error',
         'every proposal to the conference records its outcome (decision and deciding document) before '
          'anything is merged; one adopted with modifications names the ref holding the text as adopted.',
         passing=('`outcome: {decision: adopted, document: Document 180 (PL/3)}`',),
         failing=('a proposal without `outcome:`; `decision: adopted with modifications` without `text:`',)),
    Rule('adopt-conflict', 'adopt', 'error',
         'merging a set conflicts only where its outcomes decide the text (the conference\'s text, or the '
          'text as it was for a proposal not adopted); otherwise every merge of the run is undone.',
         passing=('two MODs of pp/140, the second adopted with modifications from the committee\'s text',),
         failing=('two MODs of the same item of pp/140, both simply adopted',)),
    Rule('rebase-conflict', 'rebase', 'error',
         'moving a proposal branch onto a new edition, each proposal\'s change merges with what that '
          'edition did to its text; a proposal whose text the edition changed in the same words, or '
          'suppressed, is named and nothing is moved.',
         passing=('MOD pp/140 resolves 1 onto PP-22, which changed only resolves 4',),
         failing=('MOD pp/140 resolves 1 onto PP-22, which reworded resolves 1 too',)),
    Rule("hook-no-trailer", "hook", "error",
         "A commit on a proposal branch that changes a text under resolutions/ has no `Proposal:` trailer.",
         passing=("MOD pp/11 ... with the line `Proposal: ACP/64A1/3`",),
         failing=("a commit of resolutions/pp/11.yaml whose message names no proposal",)),
    Rule("hook-unknown-proposal", "hook", "error",
         "A `Proposal:` trailer names a proposal the branch's manifest does not list.",
         passing=("`Proposal: ACP/64A1/3` with proposal 3 in proposals/pp-18/ACP-64A1.yaml",),
         failing=("`Proposal: ACP/64A1/9` in a set of 5 proposals",)),
    Rule("hook-untargeted", "hook", "error",
         "A text is changed by a commit none of whose named proposals targets it.",
         passing=("resolutions/pp/11.yaml committed with `Proposal: ACP/64A1/3` (MOD pp/11)",),
         failing=("resolutions/pp/71.yaml in the same commit, with no proposal for pp/71",)),
    Rule("renumber-ambiguous", "renumber", "warning",
         "A reference points at a label that two items carried before relabelling, so nothing says "
         "which of the two it meant: it is left as it was, for a person to point at the right item.",
         passing=("resolves 1, 2, 3 relabelled; \"*resolves* 2 above\" follows item 2",),
         failing=("considering f), g), g) relabelled f), g), h): \"*considering* g) above\" is left alone",)),
    Rule("merge-conflict", "merge", "error",
         "Two sides of a merge changed the same words differently, or one deleted an item (a "
         "section, a footnote, a proposal) that the other changed: the merge driver wrote the three "
         "versions in the text, `<<<<<<< ours ... ||||||| base ... ======= ... >>>>>>> theirs`, for a "
         "person to keep the words meant (`finalacts compare` shows the two sides). Also a text git "
         "left unmerged during a merge: one side suppressed it (SUP) where the other modified it (MOD).",
         passing=("one side rewords *resolves* 3, the other *resolves* 4: both merged",),
         failing=("`text: that the Union <<<<<<< ours shall ||||||| base should ======= may >>>>>>> "
                  "theirs hold`",)),
    Rule("import-unreadable", "import", "error",
         "The input cannot be opened: no such file, a folder, or no permission. The import stops; exit 2.",
         passing=("an existing, readable .txt or .docx",), failing=("a path that does not exist",)),
    Rule("import-too-large", "import", "error",
         "The input is larger than any ITU document (over the import's size limit). The import stops; exit 2.",
         passing=("a 300 KB proposal document",), failing=("a 60 MB file",)),
    Rule("import-empty", "import", "error",
         "The input holds no text. The import stops; exit 2.",
         passing=("a text starting with RESOLUTION 140 (Rev. Busan, 2014)",), failing=("an empty file",)),
    Rule("import-encrypted", "import", "error",
         "An OLE compound file: a password-protected .docx or an old binary .doc. The import stops; exit 2.",
         passing=("a .docx saved without a password",), failing=("a password-protected .docx",)),
    Rule("import-encoding", "import", "error",
         "A text input that is not UTF-8, or binary data. The import stops; exit 2.",
         passing=("a text saved as UTF-8",), failing=("a text saved as Windows-1252",)),
    Rule("import-corrupt", "import", "error",
         "A .docx whose zip archive or XML parts are damaged. The import stops; exit 2.",
         passing=("a .docx saved by Word or LibreOffice",), failing=("a .docx cut short in transfer",)),
    Rule("import-not-docx", "import", "error",
         "A zip archive that is not a Word document (no word/document.xml). The import stops; exit 2.",
         passing=("a .docx",), failing=("a .xlsx renamed .docx",)),
    Rule("import-not-resolution", "import", "error",
         "No title line a resolution (or decision) starts with, or one that cannot be read, or no title "
         "after it. "
         "The import stops; exit 2.",
         passing=("RESOLUTION 140 (Rev. Busan, 2014) then the title",), failing=("a text with no RESOLUTION line",)),
    Rule("import-no-body", "import", "error",
         "Neither the title line nor the preamble says which body adopted the text, and --body does "
         "not either. The import stops; exit 2.",
         passing=("The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),",),
         failing=("a text without preamble or place, imported without --body",)),
    Rule("import-no-conference", "import", "error",
         "A proposal document whose conference cannot be told, or an unknown --conference. The import stops; exit 2.",
         passing=("--conference PP-18",), failing=("--conference PP-19",)),
    Rule("import-not-proposals", "import", "error",
         "No proposal action line (MOD ACP/64A1/3, ADD ..., SUP ..., NOC ...) in a document imported "
         "as proposals. The import stops; exit 2.",
         passing=("MOD<TAB>ACP/64A1/3",), failing=("a single resolution imported with `import proposals`",)),
    Rule("import-invalid", "import", "error",
         "What the import built is not a valid corpus file; nothing is written. The import stops; exit 2.",
         passing=("any text the importer reads",), failing=("an input that exposes a defect of the importer",)),
    Rule("import-unplaced", "import", "warning",
         "Lines of the input that could not be placed in the text (before the title line, between "
         "proposals, a footnote without text): said with their line numbers, never dropped silently.",
         passing=("every line read as title, preamble, heading, item or footnote",),
         failing=("a page header line between two items",)),
    Rule("import-derived", "import", "info",
         "What the import worked out rather than read, such as the conferences that adopted a text "
         "from its title line, or a submitter from a document symbol: check it.",
         passing=("RESOLUTION 140 (Rev. Busan, 2014) read as adopted [..., PP-14]",),
         failing=("a submitter guessed from the prefix CHN",)),
    Rule("import-layout", "import", "info",
         "A layout the import brought to one paragraph per line before reading it: page furniture "
         "(page counters, running heads, document footers) left out, web bullets dropped, a hard-wrapped "
         "text joined back into paragraphs, a text run together on one line cut at its title line, "
         "preamble, headings and labels. Said at the source line: check the structure there.",
         passing=("one paragraph per line, as Word saves plain text",),
         failing=("RESOLUTION 40 (WRC-15) Use of one space station ... The World Radiocommunication Conference "
                  "(Geneva, 2015), considering a) that ...   (all on one line)",)),
    Rule("import-incomplete", "import", "error",
         "The imported text renders back fewer than nearly all of the source's words (the share is "
         "given, with the count): nothing is written and the import exits 1. The words compared are "
         "those from the title line on, less what the import reported as unplaced or derived.",
         passing=("an import that gives back 100% of the words",),
         failing=("a web page whose paragraphs the import could not place: 0 of 412 words",)),
    Rule("import-adopted", "import", "warning",
         "The conferences that adopted the text could not be told from the title line; give them with --adopted.",
         passing=("RESOLUTION 140 (Rev. Busan, 2014)",), failing=("RESOLUTION 140 (Rev. Springfield, 2014)",)),
    Rule("import-flattened-marks", "import", "warning",
         "Text that looks like revision marks flattened into words (two editions side by side, a "
         "label made of two): warned at its source line, never split by guesswork.",
         passing=("Resolution 71 (Rev. Dubai, 2018)",), failing=("Resolution 71 (Rev. Busan, 2014Dubai, 2018)",)),
    Rule("import-footnote-clash", "import", "warning",
         "A footnote mark used for two different footnote texts; the second is imported under a new key.",
         passing=("marks 1 and 2 for two footnotes",), failing=("mark 1 for two different footnotes",)),
    Rule("import-tracked-changes", "import", "info",
         "The Word document carries tracked changes: the version imported (before or after) is said.",
         passing=("a .docx without tracked changes",), failing=("a .docx with 12 tracked changes",)),
    Rule("import-irregular-heading", "import", "warning",
         "A proposal's action line or summary heading written irregularly (another set's id, a stray "
         "bookmark, no summary line, numbers that disagree); what was read is said.",
         passing=("Proposal ACP/64A1/3 - Summary: ... then MOD<TAB>ACP/64A1/3",),
         failing=("MOD<TAB>ACP/64A1/3 #48507",)),
    Rule("import-no-target", "import", "error",
         "A proposal's action line is not followed by the title line of a text (RESOLUTION 28 "
         "(Rev.WRC-15), DRAFT RESOLUTION [SEN-1], ...) nor by a non-resolution target (CONSTITUTION, "
         "...), so nothing says what it proposes to change: nothing is written and the import exits 1.",
         passing=("MOD<TAB>EUR/XX/1 then RESOLUTION 28 (REV.WRC-15)",),
         failing=("MOD<TAB>EUR/XX/1 then a paragraph of explanation",)),
    Rule("import-duplicate-proposal", "import", "warning",
         "Two proposals of one document carry the same number.",
         passing=("ACP/64A1/1, ACP/64A1/2",), failing=("ACP/64A1/2 twice",)),
    Rule("import-missing-reasons", "import", "warning",
         "A SUP or NOC proposal without \"Reasons:\" (ITU rules require them).",
         passing=("SUP ACP/64A1/24 ... Reasons: Its work is done.",), failing=("SUP ACP/64A1/24 with no reasons",)),
    Rule("render-forbidden-char", "render", "error",
         "A text holds a control character that no Word or HTML document can hold; the document is not written.",
         passing=("a text of printable characters",), failing=("a title holding U+0007",)),
    Rule("render-target-missing", "render", "error",
         "A proposal's target text does not exist at the ref the document is rendered from.",
         passing=("MOD pp/11 with resolutions/pp/11.yaml at the base and at the head",),
         failing=("MOD pp/999 where no such text exists at the base",)),

)


def rule(rule_id: str) -> Rule | None:
    return RULES.get(rule_id)


def ids() -> list[str]:
    """Every rule id, in catalog order."""
    return list(RULES)


def family(name: str) -> dict[str, str]:
    """Rule id -> default severity, for the rules of one family."""
    return {r.id: r.severity for r in RULES.values() if r.family == name}


UNREADABLE = frozenset(r.id for r in RULES.values() if r.unreadable)


def as_text() -> str:
    """The list for a terminal: id, severity, family, description, examples."""
    out = []
    for r in RULES.values():
        out.append(f"{r.id} ({r.severity}) [{r.family}]")
        out.append(f"    {r.description}")
        out.extend(f"    passing: {ex}" for ex in r.passing)
        out.extend(f"    failing: {ex}" for ex in r.failing)
    return "\n".join(out)


def as_markdown() -> str:
    """docs/rules.md: one section per family, one entry per rule."""
    out = ["# Rules", "",
           "Generated by `finalacts rules --format markdown` from the rule catalog "
           "(`tools/finalacts/corpus/catalog.py`); do not edit by hand.",
           "",
           "Every finding names its rule. Silence a rule next to what it excuses with `ignore: [rule-id]` on",
           "the item, section, block, annex, resolution, manifest or proposal; configure a corpus in",
           "`pyproject.toml` (`[tool.finalacts]` `disable = [...]`, `[tool.finalacts.severity]`",
           "`rule-id = \"error\"`); `finalacts check --strict` fails on warnings too.", ""]
    for name, (where, about) in FAMILIES.items():
        rules = [r for r in RULES.values() if r.family == name]
        if not rules:
            continue
        commands = ", ".join(f"`finalacts {w}`" for w in where.split(", "))
        out += [f"## {name}", "", about, "", f"Reported by {commands}.", ""]
        for r in rules:
            out += [f"### `{r.id}` ({r.severity})", "", r.description, ""]
            out.extend(f"- passing: {ex}" for ex in r.passing)
            out.extend(f"- failing: {ex}" for ex in r.failing)
            if r.passing or r.failing:
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
