"""Signatures, verified by git and only by git: the public keys of some identities are laid out as git
reads them (an allowed-signers file for SSH keys, a GnuPG home for OpenPGP keys) in a throwaway
folder, and git says whether a commit or tag carries a good signature by one of them.

Nothing here reads a signature itself. A keyring holds the keys of the identities a check trusts
and nothing else: the user's own GnuPG keyring and allowed-signers file never count, so a
signature is good only if a key of the registry made it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from finalacts.corpus.findings import Finding, UsageError
from finalacts.corpus.layout import MEMBERS_FILE
from finalacts.corpus.members import Members

# What git's %G? letters mean, as a finding says it.
STATUS = {
    "G": "a good signature",
    "B": "a bad signature (the commit was changed after signing)",
    "U": "a signature by a key not registered for its author",
    "X": "a good signature that has expired",
    "Y": "a good signature by a key that has expired",
    "R": "a good signature by a revoked key",
    "E": "a signature by a key not registered for its author",
    "N": "no signature",
}

OPENPGP = "-----BEGIN PGP PUBLIC KEY BLOCK-----"


def is_openpgp(key: str) -> bool:
    return key.lstrip().startswith(OPENPGP)


class Keyring:
    """The public keys of some identities, where git can verify with them (a context manager).

    `identities` is (e-mail address, keys) pairs; an SSH key is listed in the allowed-signers file
    with its address as principal, an OpenPGP key is imported into a GnuPG home of its own with
    `trust-model always` (the registry is the trust) and `no-autostart` (no agent is left behind).
    """

    def __init__(self, identities: list[tuple[str, list[str]]]):
        self.identities = identities
        self._tmp: tempfile.TemporaryDirectory | None = None

    def __enter__(self) -> Keyring:
        self._tmp = tempfile.TemporaryDirectory(prefix="finalacts-keys-")
        root = Path(self._tmp.name)
        lines = []
        armoured = []
        for email, keys in self.identities:
            for key in keys:
                if is_openpgp(key):
                    armoured.append(key)
                    continue
                one = " ".join(key.split())
                if "\n" in key.strip() or '"' in one or any(c in email for c in ' ",*?!'):
                    raise UsageError(f"the key of {email} cannot be an allowed-signers line: {one[:40]}...")
                lines.append(f'{email} namespaces="git" {one}\n')
        self.allowed = root / "allowed_signers"
        self.allowed.write_text("".join(lines), encoding="utf-8")
        self.gnupg = root / "gnupg"
        self.gnupg.mkdir(mode=0o700)
        (self.gnupg / "gpg.conf").write_text("trust-model always\nno-autostart\n", encoding="utf-8")
        if armoured:
            gpg = shutil.which("gpg")
            if gpg is None:
                raise UsageError("members.yaml holds OpenPGP keys, but gpg is not installed to verify with them")
            for block in armoured:
                r = subprocess.run([gpg, "--batch", "--quiet", "--import"], input=block.encode(),
                                   env={**os.environ, "GNUPGHOME": str(self.gnupg)}, capture_output=True)
                if r.returncode != 0:
                    said = r.stderr.decode(errors="replace").strip().splitlines()
                    raise UsageError("members.yaml holds an OpenPGP key gpg cannot import"
                                     + (f": {said[-1]}" if said else ""))
        return self

    def __exit__(self, *exc) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def config(self) -> list[str]:
        """git's `-c` options that make it verify SSH signatures with these keys only."""
        return ["-c", f"gpg.ssh.allowedSignersFile={self.allowed}", "-c", "gpg.minTrustLevel=undefined"]

    def env(self) -> dict[str, str]:
        """The environment that makes git's gpg verify OpenPGP signatures with these keys only."""
        return {"GNUPGHOME": str(self.gnupg)}


# ---------------------------------------------------------------- signed editions

TREE_LINE = re.compile(r"^Tree:[ \t]*([0-9a-f]{40})[ \t]*$", re.M)


def edition_message(title: str, tag: str, tree: str) -> str:
    """The message of a signed edition tag: what it is, and the tree it names (inside the signature)."""
    return f"{title}\n\nEdition: {tag}\nTree: {tree}\n"


@dataclass
class EditionCheck:
    """What `edition verify` found: the tag, who signed it for whom, and what stands in the way."""

    tag: str
    commit: str = ""
    tree: str = ""
    tagger: str = ""
    signer: str | None = None        # the member of `editions` the tagger acts for
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def verify_edition(repo, tag: str, members: Members | None, registry_at: str) -> EditionCheck:
    """Whether `tag` is an edition as adopted: an annotated tag of that name, by an identity of a
    member listed in `editions` of `members` (the registry read at `registry_at`), whose signature
    git verifies with a key registered for that identity, naming the tree its message records."""
    if not repo.tag_exists(tag):
        raise UsageError(f"no tag {tag} in {repo.where}")
    report = EditionCheck(tag)

    def bad(message: str, hint: str) -> None:
        report.findings.append(Finding(tag, 1, 1, "owner-edition", "error", message, hint))

    info = repo.tag_info(tag)
    if info is None:
        bad(f"{tag} is a lightweight tag: it names a commit, and nobody signed for it",
            f"cut it again as a signed tag: git tag -d {tag} && finalacts edition tag {tag} --sign")
        return report
    report.commit, report.tree, report.tagger = info.commit, info.tree, f"{info.tagger} <{info.email}>"
    if info.name != tag:
        bad(f"refs/tags/{tag} holds the tag object made for {info.name!r}: the tag was moved",
            f"restore refs/tags/{tag} to the tag the secretariat signed")
    if members is None:
        bad(f"no {MEMBERS_FILE} at {registry_at}: no registered key can vouch for {tag}",
            f"add the registry to {registry_at}, with the secretariat in `editions`")
        return report
    acting = members.acting_for(info.email)
    signers = [m for m in acting if m in members.editions]
    if not signers:
        who = ", ".join(acting) if acting else "no member of the registry"
        allowed = ", ".join(members.editions) or "nobody (members.yaml has no `editions`)"
        bad(f"{tag} was tagged by {report.tagger}, who acts for {who}; editions are signed by {allowed}",
            "have an identity of a member listed in `editions` sign the tag")
    else:
        report.signer = signers[0]
        keys = members.keys_of(info.email)
        if not keys:
            bad(f"no signing key is registered for {info.email} in {MEMBERS_FILE} at {registry_at}",
                "register the public key under `keys:` of that identity")
        else:
            with Keyring([(info.email, keys)]) as keyring:
                if not repo.verify_tag(tag, keyring):
                    bad(f"{tag} carries no signature that git verifies with the keys registered for {info.email}",
                        f"cut it again with a registered key: finalacts edition tag {tag} --sign")
    m = TREE_LINE.search(info.body)
    if not m:
        bad(f"the message of {tag} records no `Tree:`, so nothing says which text was adopted",
            f"cut it with finalacts edition tag {tag} --sign")
    elif m.group(1) != info.tree:
        bad(f"{tag} records tree {m.group(1)[:12]} but names commit {info.commit[:12]}, whose tree is "
            f"{info.tree[:12]}", "the tag was re-pointed: restore the commit it was signed for")
    return report
