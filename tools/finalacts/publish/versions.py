"""Every version of every text that the site and the Akoma Ntoso export publish: the text at each
edition tag of its body (oldest conference first) and at HEAD, each file parsed once per blob, with
the stable names of its sections and items (identity.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from finalacts.corpus.files import parse
from finalacts.corpus.layout import key_of
from finalacts.corpus.model import Resolution
from finalacts.publish.identity import Names, name_versions

HEAD = "HEAD"


@dataclass
class Version:
    edition: str  # an edition tag, or HEAD
    blob: str
    res: Resolution


@dataclass
class TextInfo:
    key: str
    versions: list[Version]  # edition order, then HEAD
    names: list[Names] = field(default_factory=list)

    @property
    def latest(self) -> Version:
        return self.versions[-1]

    @property
    def at_head(self) -> bool:
        return self.versions[-1].edition == HEAD

    @property
    def dir(self) -> str:
        return self.key

    def version(self, edition: str | None) -> tuple[Version, Names] | None:
        for v, n in zip(self.versions, self.names):
            if v.edition == edition:
                return v, n
        return None


class Reader:
    """Reads texts from git; a file that does not load is left out and said in `left_out`."""

    def __init__(self, repo, registry, left_out: list[str]):
        self.repo, self.reg, self.left_out = repo, registry, left_out
        self.parsed: dict[str, Resolution | None] = {}

    def model(self, blob: str, shown: str) -> Resolution | None:
        if blob not in self.parsed:
            parsed = parse(self.repo.blob_bytes(blob), shown)
            ok = isinstance(parsed.model, Resolution) and not parsed.findings
            if not ok:
                why = parsed.findings[0].message if parsed.findings else "not a resolution file"
                self.left_out.append(f"{shown}: {why} (left out)")
            self.parsed[blob] = parsed.model if ok else None
        return self.parsed[blob]

    def editions(self) -> list[str]:
        """The edition tags of this repository, oldest conference first."""
        tags = set(self.repo.tags())
        confs = sorted((c for c in self.reg.conferences.values() if c.id in tags), key=lambda c: (c.year, c.id))
        return [c.id for c in confs]

    def texts(self, editions: list[str], head: str = HEAD) -> dict[str, TextInfo]:
        """Every text at any edition of its body or at `head`, in body and number order."""
        found: dict[str, TextInfo] = {}
        for ref in editions + [head]:
            for rel, blob in sorted(self.repo.at(ref).blobs("resolutions").items()):
                if not rel.endswith(".yaml"):
                    continue
                res = self.model(blob, f"{ref}:{rel}")
                if res is None:
                    continue
                if ref != head and (self.reg.conferences[ref].body != res.body or res.is_draft):
                    continue  # another body's edition, which did not touch this text
                found.setdefault(key_of(rel), TextInfo(key_of(rel), [])).versions.append(
                    Version(HEAD if ref == head else ref, blob, res)
                )
        for info in found.values():
            info.names = name_versions([v.res for v in info.versions])
        return dict(sorted(found.items(), key=lambda kv: _order(kv[1].latest.res)))


def _order(res: Resolution):
    """A body's resolutions, then its decisions; drafts after the numbered texts."""
    return (res.body, res.kind, isinstance(res.number, str), res.number if isinstance(res.number, int) else 0,
            str(res.number))
