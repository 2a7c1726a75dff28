"""The members registry, `members.yaml` at the corpus root: administrations, regional groups and the
secretariat, who belongs to each group, and the identities (e-mail addresses, public signing keys)
that act for each.

One file, not a folder of them: it is the root of trust of a hosted corpus (the gate reads it at
the target branch to decide who may change what), so a change to it is one reviewable diff that
the secretariat owns, and `finalacts codeowners` can give that one path to the secretariat alone.
A proposal set belongs to the member whose `prefixes` holds its prefix (ACP for ACP/64A1), so
ownership never depends on what a manifest on the branch under review says about itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from finalacts.corpus.layout import MEMBERS_FILE
from finalacts.corpus.model import KEY_ORDER, NOWHERE, Node, Pos, _pos_of

KINDS = ("administration", "group", "secretariat")


@dataclass
class Delegate(Node):
    """One identity acting for a member: the address git records, and its public signing keys."""

    email: str = ""
    name: str | None = None
    keys: list[str] = field(default_factory=list)


@dataclass
class Member(Node):
    id: str = ""
    name: str = ""
    kind: str = "administration"
    prefixes: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    codeowners: list[str] = field(default_factory=list)
    identities: list[Delegate] = field(default_factory=list)


@dataclass
class Members(Node):
    """The registry, with the lookups the gate, the signatures and the views need."""

    members: list[Member] = field(default_factory=list)
    editions: list[str] = field(default_factory=list)
    path: str = field(default=MEMBERS_FILE, compare=False)

    def get(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)

    def name_of(self, member_id: str) -> str:
        m = self.get(member_id)
        return m.name if m else member_id

    def acting_for(self, email: str) -> list[str]:
        """Ids of the members an identity with this address acts for (addresses match in any case)."""
        e = (email or "").lower()
        return [m.id for m in self.members if any(d.email.lower() == e for d in m.identities)]

    def keys_of(self, email: str) -> list[str]:
        """Every key registered for this address, under whichever member it is listed."""
        e = (email or "").lower()
        return [k for m in self.members for d in m.identities if d.email.lower() == e for k in d.keys]

    def delegates(self, member_id: str) -> list[Delegate]:
        m = self.get(member_id)
        return list(m.identities) if m else []

    def owner_of(self, set_id: str) -> Member | None:
        """The member that submits under the prefix of `set_id` (ACP/64A1 -> whoever lists ACP)."""
        prefix = set_id.split("/", 1)[0]
        return next((m for m in self.members if prefix in m.prefixes), None)

    def belongs(self, member_id: str, group_id: str) -> bool:
        """Whether `member_id` is `group_id` itself or one of its listed members."""
        g = self.get(group_id)
        return member_id == group_id or (g is not None and member_id in g.members)


def members_from_data(d: dict, positions: dict[tuple, Pos] | None = None, path: str = MEMBERS_FILE) -> Members:
    """Build the registry from schema-valid data."""
    positions = positions or {}
    out = []
    for i, m in enumerate(d.get("members", [])):
        p = ("members", i)
        delegates = [Delegate(email=x["email"], name=x.get("name"), keys=[k.strip() for k in x.get("keys", [])],
                              pos=_pos_of(positions, p + ("identities", j), KEY_ORDER["delegate"]))
                     for j, x in enumerate(m.get("identities", []))]
        out.append(Member(id=m["id"], name=m["name"], kind=m.get("kind", "administration"),
                          prefixes=list(m.get("prefixes", [])), members=list(m.get("members", [])),
                          codeowners=list(m.get("codeowners", [])), identities=delegates,
                          pos=_pos_of(positions, p, KEY_ORDER["member"])))
    return Members(members=out, editions=list(d.get("editions", [])), path=path,
                   pos=_pos_of(positions, (), KEY_ORDER["members"]) if positions else {"": NOWHERE})
