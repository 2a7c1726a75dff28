"""Who a commit is, as the provenance views show it: the proposal it serves (from its `Proposal:`
trailers and the manifests at that commit), who submitted that, the edition it first entered, and
whether it was signed (verified by git with the keys members.yaml registers for its author).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from finalacts import git
from finalacts.checks import shipped
from finalacts.checks.cache import Cache
from finalacts.corpus import yamlfile
from finalacts.corpus.findings import InputError, UsageError
from finalacts.corpus.layout import key_of, trailers
from finalacts.git.trusted import members_at, trusted_ref


@dataclass
class Origin:
    """A commit as blame shows it: the proposal it serves, who submitted that, the edition it entered."""

    commit: str
    author: str
    email: str
    date: str
    subject: str
    proposal: str | None = None
    submitter: str | None = None
    action: str | None = None
    edition: str | None = None
    note: str = ""
    # "unsigned", or git's verdict with the registry's keys: "good" (`signed_for` the members the
    # author acts for), "bad", "unregistered" (signed, by a key members.yaml does not give the author)
    signature: str = "unsigned"
    signed_for: tuple[str, ...] = ()

    @property
    def signed(self) -> str:
        """How the views say it: 'signed (APT)', 'unsigned', 'signed by an unregistered key'."""
        if self.signature == "good":
            return f"signed ({', '.join(self.signed_for)})" if self.signed_for else "signed"
        return {"unsigned": "unsigned", "bad": "bad signature",
                "unregistered": "signed by a key not registered for its author"}.get(self.signature, self.signature)

    @property
    def short(self) -> str:
        return self.commit[:8]

    @property
    def who(self) -> str:
        """The proposal and its submitter, or the author flagged 'no proposal'."""
        if self.proposal:
            return f"{self.proposal} ({self.submitter or 'submitter unknown'})"
        return f"{self.author} (no proposal)"

    def to_dict(self) -> dict:
        return {"commit": self.commit, "author": self.author, "email": self.email, "date": self.date,
                "subject": self.subject, "proposal": self.proposal, "submitter": self.submitter,
                "action": self.action, "edition": self.edition, "no_proposal": self.proposal is None,
                "note": self.note, "signature": self.signature, "signed_for": list(self.signed_for)}


class Provenance:
    """Looks up, once per commit, the proposal a commit serves and the edition it first entered."""

    def __init__(self, repo):
        self.repo = repo
        self._manifests: dict[str, dict[str, dict]] = {}
        self._editions: list[tuple[str, set[str]]] | None = None
        self._members = None
        self._verdicts: dict[str, str] = {}
        self._trees: dict[str, str | None] = {}  # commit -> tree id of proposals/, looked up ahead
        self._signed: dict[str, bool] = {}  # commit -> whether it carries a signature, likewise

    def prefetch(self, shas: list[str]) -> None:
        """Look up where proposals/ stands at all these commits at once (one git process)."""
        self._trees.update(git.folder_trees(self.repo, shas, "proposals"))
        self._signed.update(git.signed_commits(self.repo, shas))

    def editions(self) -> list[tuple[str, set[str]]]:
        """(tag, commits it holds) for every edition tag, oldest conference first."""
        if self._editions is None:
            names = set(self.repo.tags())
            confs = sorted((c for c in self._registry().conferences.values() if c.id in names),
                           key=lambda c: (c.year, c.id))
            held = self.repo.reachable_from([c.id for c in confs])
            self._editions = [(c.id, held[c.id]) for c in confs]
        return self._editions

    def _registry(self):
        """The conference registry, read back as `check` keeps it in the work tree's cache (a YAML
        load and a schema check fewer at every blame)."""
        try:
            cache = Cache(self.repo.top)
        except UsageError:
            cache = Cache(None)  # a bare repository: read as it is shipped
        reg = shipped.registry(cache)
        cache.save(whole_corpus=False)
        return reg

    def edition_of(self, sha: str) -> str | None:
        """The first edition tag that holds commit `sha` (None while it is in no edition)."""
        for tag, held in self.editions():
            if sha in held:
                return tag
        return None

    def manifests(self, sha: str) -> dict[str, dict]:
        """Proposal sets by id, as the manifests under proposals/ stand at commit `sha`."""
        if sha in self._trees and (self._trees[sha] is None or self._trees[sha] in self._manifests):
            return self._manifests[self._trees[sha]] if self._trees[sha] else {}
        snap = self.repo.at(sha)
        tree_id = snap.tree_id("proposals")
        if tree_id is None:
            return {}
        if tree_id not in self._manifests:
            sets: dict[str, dict] = {}
            for path, raw in snap.read_all("proposals").items():
                try:
                    d = yamlfile.load(raw, path).data
                except InputError:
                    continue
                if isinstance(d, dict) and isinstance(d.get("id"), str):
                    sets[d["id"]] = d
            self._manifests[tree_id] = sets
        return self._manifests[tree_id]

    def proposal(self, sha: str, pid: str) -> tuple[dict | None, dict | None]:
        """(manifest, proposal entry) for proposal id `ACP/64A1/3` at commit `sha`."""
        set_id, _, num = pid.rpartition("/")
        m = self.manifests(sha).get(set_id)
        if m is None:
            return None, None
        for p in m.get("proposals") or []:
            if isinstance(p, dict) and str(p.get("number")) == num:
                return m, p
        return m, None

    def members(self):
        """The registry signatures are verified against: members.yaml of the target branch (or HEAD)."""
        if self._members is None:
            trusted = trusted_ref(self.repo, None)
            try:
                self._members = members_at(self.repo, trusted.sha if trusted else "HEAD") or False
            except InputError:
                self._members = False
        return self._members or None

    def signature(self, sha: str, email: str) -> tuple[str, tuple[str, ...]]:
        """(verdict, members the author acts for) of commit `sha`: git verifies, with the keys the
        registry gives the author's address and no others."""
        signed = self._signed.get(sha)
        if not (self.repo.is_signed(sha) if signed is None else signed):
            return "unsigned", ()
        members = self.members()
        keys = members.keys_of(email) if members else []
        if sha not in self._verdicts:
            if keys:
                with git.Keyring([(email, keys)]) as keyring:
                    self._verdicts[sha] = self.repo.signature_status([sha], keyring).get(sha, "N")
            else:
                self._verdicts[sha] = "U"
        status = self._verdicts[sha]
        if status == "G":
            return "good", tuple(members.acting_for(email))
        return ("bad" if status == "B" else "unregistered"), ()

    def origin(self, change: git.FileChange) -> Origin:
        when = datetime.fromtimestamp(change.time, timezone.utc).strftime("%Y-%m-%d")
        o = Origin(change.sha, change.author, change.email, when, change.message.splitlines()[0]
                   if change.message else "", edition=self.edition_of(change.sha))
        o.signature, o.signed_for = self.signature(change.sha, change.email)
        named = trailers(change.message)
        if not named:
            return o
        key = key_of(change.path)
        found = [(pid, *self.proposal(change.sha, pid)) for pid in dict.fromkeys(named)]
        # A commit may serve several proposals; the one targeting this text is the one that wrote it.
        best = next((f for f in found if f[2] is not None and f[2].get("target") == key), None)
        best = best or next((f for f in found if f[2] is not None), None) or found[0]
        pid, m, p = best
        o.proposal = pid
        if m is not None:
            o.submitter = m.get("submitter")
        if p is not None:
            o.action = p.get("action")
        else:
            o.note = f"trailer names {pid}, which no manifest at this commit lists"
        return o
