"""Where things live in a corpus repository, and how they are named.

`resolutions/<body>/<number>.yaml` holds a text (`pp/140`; a draft `pp/ACP-1`); the manifest of
proposal set ACP/64A1 to PP-18 is `proposals/pp-18/ACP-64A1.yaml` on the branch
`proposals/pp-18/ACP-64A1`; a commit names the proposals it serves in `Proposal: ACP/64A1/3`
trailers. A NOC may name a text kept outside the corpus, such as `constitution`.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from finalacts.corpus.findings import UsageError

CORPUS_DIRS = ("resolutions", "proposals", "translations")
MEMBERS_FILE = "members.yaml"  # the members registry, at the corpus root (members.py)
ACTIONS = ("MOD", "(MOD)", "ADD", "SUP", "NOC")
SET_ID = re.compile(r"^[A-Z][A-Za-z0-9]*/[0-9A-Za-z.()-]+$")
PLACEHOLDER = re.compile(r"^[A-Z][A-Za-z]*-[0-9]+$")
TARGET = re.compile(r"^[a-z]+(/[A-Za-z0-9-]+)?$")


def slug(set_id: str) -> str:
    """`ACP/64A1` -> `ACP-64A1`, as used in file and branch names."""
    return set_id.replace("/", "-")


def manifest_relpath(conference: str, set_id: str) -> str:
    """`proposals/pp-18/ACP-64A1.yaml` for set ACP/64A1 to PP-18."""
    return f"proposals/{conference.lower()}/{slug(set_id)}.yaml"


def branch_name(conference: str, set_id: str) -> str:
    """`proposals/pp-18/ACP-64A1`: one branch per set and conference."""
    return f"proposals/{conference.lower()}/{slug(set_id)}"


def check_target(target: str, where: str = "target") -> str:
    """A target that can only ever name a file under resolutions/; UsageError otherwise."""
    if not isinstance(target, str) or not TARGET.match(target):
        raise UsageError(f"{where} {target!r} is not a corpus target: use body/number such as pp/11 "
                         "(it must name a file under resolutions/)")
    return target


def target_relpath(target: str) -> str | None:
    """`pp/11` -> `resolutions/pp/11.yaml`; None for a target outside the corpus (`constitution`)."""
    check_target(target)
    if "/" not in target:
        return None
    return f"resolutions/{target}.yaml"


def key_of(relpath: str) -> str:
    """`resolutions/pp/140.yaml` -> `pp/140`."""
    p = relpath[len("resolutions/"):] if relpath.startswith("resolutions/") else relpath
    return p[:-5] if p.endswith(".yaml") else p


def text_path(text: str) -> str:
    """`pp/140` -> `resolutions/pp/140.yaml`; UsageError for anything that does not name a text."""
    if not isinstance(text, str) or "/" not in text:
        raise UsageError(f"{text!r} does not name a text; use body/number such as pp/140")
    try:
        rel = target_relpath(text)
    except UsageError:
        raise UsageError(f"{text!r} does not name a text; use body/number such as pp/140") from None
    return rel  # type: ignore[return-value]


# `translations/<lang>/<body>/<number>.yaml` holds a text in another language (see translation.py).

SOURCE_LANGUAGE = "en"
# The other official languages of ITU, by their ISO 639-1 codes.
LANGUAGES = ("ar", "zh", "fr", "ru", "es")
FOLDER = "translations"


def translation_relpath(key: str, lang: str) -> str:
    """`pp/140`, `fr` -> `translations/fr/pp/140.yaml`."""
    return f"{FOLDER}/{lang}/{key}.yaml"


def parse_relpath(path: str) -> tuple[str, str] | None:
    """(lang, key) of `translations/<lang>/<body>/<number>.yaml` (also as a `ref:path` label or with
    folders above it), else None."""
    if FOLDER not in path:  # most paths: a whole-corpus check asks about every file
        return None
    parts = PurePosixPath(path.rsplit(":", 1)[-1].replace("\\", "/")).parts
    for k in range(len(parts) - 1, -1, -1):
        if parts[k] == FOLDER and len(parts) - k == 4 and parts[-1].endswith(".yaml"):
            return parts[k + 1], f"{parts[k + 2]}/{parts[k + 3][:-5]}"
    return None


def source_relpath(path: str) -> str | None:
    """The English file a translation file translates: `resolutions/pp/140.yaml`."""
    found = parse_relpath(path)
    return f"resolutions/{found[1]}.yaml" if found else None


TRAILER = re.compile(r"^Proposal:[ \t]*(\S+)[ \t]*$", re.M | re.I)


def trailers(message: str) -> list[str]:
    """Proposal ids named by `Proposal:` trailers, ignoring git's comment lines."""
    text = "\n".join(line for line in message.splitlines() if not line.startswith("#"))
    # Cut the diff that `git commit -v` appends below the scissors line.
    text = text.split("------------------------ >8 ------------------------")[0]
    return TRAILER.findall(text)


SUPPORTED_BY = re.compile(r"^Supported-by:[ \t]*([A-Z][A-Z0-9]*)[ \t]*$", re.M | re.I)


def supporters(message: str) -> list[str]:
    """Member ids named by `Supported-by:` trailers (a member's support for the proposals the
    commit's `Proposal:` trailers name)."""
    text = "\n".join(line for line in message.splitlines() if not line.startswith("#"))
    return [m.upper() for m in SUPPORTED_BY.findall(text)]
