"""Throwaway signing identities for the ownership tests: real SSH keys made by ssh-keygen and, where
gpg is installed, real OpenPGP keys in a temporary GnuPG home; a members registry naming them; git
commits and tags signed with them. Every address ends in .invalid; every key lives in a temp dir.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import git

from gitcorpus import APT, commit, write


@dataclass
class Person:
    name: str
    email: str
    key: Path          # the private key file (SSH)

    @property
    def public(self) -> str:
        return " ".join(Path(f"{self.key}.pub").read_text().split()[:2])

    def env(self) -> dict[str, str]:
        return {"GIT_AUTHOR_NAME": self.name, "GIT_AUTHOR_EMAIL": self.email,
                "GIT_COMMITTER_NAME": self.name, "GIT_COMMITTER_EMAIL": self.email}

    def signing(self) -> list[str]:
        """git's -c options that make `-S` sign with this person's SSH key."""
        return ["-c", "gpg.format=ssh", "-c", f"user.signingkey={self.key}"]


def person(tmp: Path, slug: str, name: str, email: str) -> Person:
    key = tmp / "keys" / slug
    key.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"throwaway {slug}", "-f", str(key)],
                   check=True)
    return Person(name, email, key)


def people(tmp: Path) -> dict[str, Person]:
    """The APT editor is the identity the shared corpus history was built with (tests/gitcorpus.py)."""
    return {
        "apt": person(tmp, "apt", "Test Editor", "editor@example.org"),
        "cept": person(tmp, "cept", "CEPT Editor", "editor@cept.example.invalid"),
        "aus": person(tmp, "aus", "Australian Delegate", "delegate@aus.example.invalid"),
        "j": person(tmp, "j", "Japanese Delegate", "delegate@j.example.invalid"),
        "itu": person(tmp, "itu", "Secretariat Editor", "editor@secretariat.example.invalid"),
        "eve": person(tmp, "eve", "Eve", "eve@nobody.example.invalid"),
    }


def registry(p: dict[str, Person], extra_keys: dict[str, list[str]] | None = None) -> str:
    """members.yaml naming the people above (APT: ACP, with AUS and J; CEPT: EUR; ITU signs editions)."""
    extra_keys = extra_keys or {}

    def ident(slug: str) -> str:
        keys = [p[slug].public] + extra_keys.get(slug, [])
        listed = "".join(f"          - {json.dumps(k)}\n" if "\n" in k else f"          - {k}\n" for k in keys)
        return f"      - name: {p[slug].name}\n        email: {p[slug].email}\n        keys:\n{listed}"

    return ("editions: [ITU]\nmembers:\n"
            "  - id: ITU\n    name: ITU General Secretariat\n    kind: secretariat\n    identities:\n" + ident("itu") +
            "  - id: APT\n    name: Asia-Pacific Telecommunity\n    kind: group\n    prefixes: [ACP]\n"
            "    members: [AUS, J]\n    identities:\n" + ident("apt") +
            "  - id: CEPT\n    name: European Conference of Postal and Telecommunications Administrations\n"
            "    kind: group\n    prefixes: [EUR]\n    identities:\n" + ident("cept") +
            "  - id: AUS\n    name: Australia\n    identities:\n" + ident("aus") +
            "  - id: J\n    name: Japan\n    identities:\n" + ident("j"))


def on_main(root: Path, files: dict[str, str], message: str = "Members registry") -> None:
    """Commit `files` on main (as the secretariat would, after review), then return to the APT branch."""
    repo = git.Repo(root)
    branch = repo.active_branch.name
    repo.git.switch("main")
    write(root, files)
    commit(repo, message)
    repo.git.switch(branch)


def git_as(root: Path, who: Person | None, *args: str, sign: bool = False) -> str:
    """`git ARGS` as `who` (its identity, and its key with sign)."""
    env = {**os.environ, **(who.env() if who else {})}
    cmd = ["git", *(who.signing() if sign and who else []), *args]
    r = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    assert r.returncode == 0, (cmd, r.stdout, r.stderr)
    return r.stdout


def commit_as(root: Path, who: Person, message: str, sign: bool = False) -> str:
    git_as(root, who, "add", "-A")
    git_as(root, who, "commit", "-q", "--no-verify", "-m", message, *(["-S"] if sign else []), sign=sign)
    return git_as(root, who, "rev-parse", "HEAD").strip()


def finalacts_as(root: Path, who: Person | None, *args: str, sign: bool = False) -> subprocess.CompletedProcess:
    """`finalacts ARGS` as a real process, as `who` (with its key set up for signing when asked)."""
    import sys

    env = {**os.environ, **(who.env() if who else {})}
    if sign and who:
        env.update(GIT_CONFIG_COUNT="2", GIT_CONFIG_KEY_0="gpg.format", GIT_CONFIG_VALUE_0="ssh",
                   GIT_CONFIG_KEY_1="user.signingkey", GIT_CONFIG_VALUE_1=str(who.key))
    return subprocess.run([sys.executable, "-m", "finalacts", *args], cwd=root, capture_output=True, text=True,
                          env=env)


def gate(root: Path, *args: str, who: Person | None = None) -> subprocess.CompletedProcess:
    return finalacts_as(root, who, "proposal", "check", "--format", "json", *args)


def owner_findings(r: subprocess.CompletedProcess) -> list[dict]:
    import json

    assert r.returncode in (0, 1), (r.returncode, r.stdout, r.stderr)
    return [f for f in json.loads(r.stdout)["findings"] if f["rule"].startswith("owner-")]


# ---------------------------------------------------------------- OpenPGP, where gpg is installed

HAS_GPG = shutil.which("gpg") is not None


@dataclass
class PGP:
    home: Path
    email: str

    def env(self) -> dict[str, str]:
        return {"GNUPGHOME": str(self.home)}

    def armoured(self) -> str:
        r = subprocess.run(["gpg", "--batch", "--armor", "--export", self.email], env={**os.environ, **self.env()},
                           capture_output=True, text=True, check=True)
        return r.stdout.strip()

    def close(self) -> None:
        """Stop the agent gpg started for this home, and remove the home."""
        subprocess.run(["gpgconf", "--kill", "gpg-agent"], env={**os.environ, **self.env()}, capture_output=True)
        shutil.rmtree(self.home, ignore_errors=True)


def pgp(tmp: Path, name: str, email: str) -> PGP:
    """A new OpenPGP key in a GnuPG home of its own (short-named: the agent's socket lives in it)."""
    import tempfile

    home = Path(tempfile.mkdtemp(prefix="fa-gpg-"))
    env = {**os.environ, "GNUPGHOME": str(home)}
    subprocess.run(["gpg", "--batch", "--quiet", "--pinentry-mode", "loopback", "--passphrase", "",
                    "--quick-gen-key", f"{name} <{email}>", "ed25519", "sign", "never"],
                   env=env, check=True, capture_output=True)
    return PGP(home, email)


__all__ = ["APT", "HAS_GPG", "PGP", "Person", "commit_as", "finalacts_as", "gate", "git_as", "on_main",
           "owner_findings", "people", "pgp", "registry"]
