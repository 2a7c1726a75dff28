"""A corpus file read into the model: loaded, validated against its schema, modelled, with what went
wrong on the way as findings. Finding the files and reading their bytes is disk.py's."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from finalacts.corpus import yamlfile
from finalacts.corpus.disk import display, kind_of, read_bytes
from finalacts.corpus.findings import Finding, InputError
from finalacts.corpus.members import Members, members_from_data
from finalacts.corpus.model import ProposalSet, Resolution, proposalset_from_data, resolution_from_data
from finalacts.corpus.schemas import validate
from finalacts.corpus.translation import Translation, translation_from_data


@dataclass
class Parsed:
    """One corpus file read as far as it could be: findings say where it stopped."""

    path: str
    kind: str
    model: Resolution | ProposalSet | Members | Translation | None = None
    findings: list[Finding] = field(default_factory=list)
    loaded: yamlfile.Loaded | None = None


def parse(raw: bytes, shown: str) -> Parsed:
    """Load, schema-validate and model one file; never raises for bad content."""
    try:
        loaded = yamlfile.load(raw, shown)
    except InputError as e:
        return Parsed(shown, kind_of(shown, None), findings=[e.finding])
    kind = kind_of(shown, loaded.data)
    problems = validate(kind, loaded.data, loaded.positions, loaded.key_positions, shown)
    if problems:
        return Parsed(shown, kind, findings=problems, loaded=loaded)
    build = {"resolution": resolution_from_data, "proposalset": proposalset_from_data,
             "members": members_from_data, "translation": translation_from_data}[kind]
    return Parsed(shown, kind, build(loaded.data, loaded.positions, shown), loaded=loaded)


def load_resolution(path: Path) -> Resolution:
    """A resolution file as a model; raises InputError with the first problem."""
    shown = display(path)
    parsed = parse(read_bytes(path, shown), shown)
    if parsed.findings:
        raise InputError(parsed.findings[0])
    if not isinstance(parsed.model, Resolution):
        raise InputError(Finding(shown, 1, 1, "input-not-mapping", "error", "not a resolution file"))
    return parsed.model
