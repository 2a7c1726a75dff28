"""Word packages from anyone: `import` and `verify-docx` refuse, before inflating anything, a .docx
that would inflate beyond the limits (a 1.6 MB file that inflates to 1.5 GiB once took 3.2 GB of
memory); a damaged one is one line; XML parts never expand entities."""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from finalacts.cli import main
from finalacts.corpus import archive
from gitcorpus import commit, edit, plain  # noqa: F401


def finalacts(root: Path, *args: str, memory: int | None = None) -> subprocess.CompletedProcess:
    def cap():
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    return subprocess.run([sys.executable, "-m", "finalacts", *args], cwd=root, capture_output=True, text=True,
                          preexec_fn=cap)


@pytest.fixture
def docx(plain) -> Path:
    """A real proposal-style .docx (tracked changes) of Resolution 11 between PP-14 and HEAD."""
    import git

    edit(plain, "resolutions/pp/11.yaml", "in an open manner", "in an open and transparent manner")
    commit(git.Repo(plain), "MOD 11")
    proc = finalacts(plain, "render", "pp/11", "--base", "PP-14", "--head", "HEAD", "-o", "11.docx")
    assert proc.returncode == 0, proc.stderr
    assert finalacts(plain, "verify-docx", "11.docx", "--old", "PP-14", "--new", "HEAD").returncode == 0
    return plain / "11.docx"


def _rewrite(src: Path, dst: Path, change=None, extra=()) -> Path:
    """A copy of the package at `src` with `change(name, data)` applied to each member and the
    members of `extra` (name, data, level) added."""
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = z.read(info)
            out.writestr(info.filename, change(info.filename, data) if change else data)
        for name, data, level in extra:
            out.writestr(name, data, compresslevel=level)
    return dst


def _both(root: Path, path: Path, **kw):
    """(import, verify-docx) processes on `path`."""
    return (finalacts(root, "import", "resolution", str(path), "-o", str(root / "imported.yaml"), **kw),
            finalacts(root, "verify-docx", str(path), "--old", "PP-14", "--new", "HEAD", **kw))


def test_a_package_that_inflates_beyond_the_limit_is_refused_before_inflating(docx, plain):
    bomb = _rewrite(docx, plain / "bomb.docx", extra=[("word/media/zeros.bin", bytes(300 << 20), 1)])
    assert bomb.stat().st_size < 2 << 20
    for proc in _both(plain, bomb, memory=1 << 30):  # a gigabyte of address space, the bomb is 300 MiB
        out = proc.stdout + proc.stderr
        assert proc.returncode == 2 and "Traceback" not in out, out
        assert f"over the limit of {archive.MAX_INFLATED:,}" in out
    assert not (plain / "imported.yaml").exists()


def test_too_many_members_and_too_large_an_xml_part_are_refused(docx, plain):
    many = _rewrite(docx, plain / "many.docx", extra=[(f"customXml/{i}.xml", b"<a/>", 1)
                                                       for i in range(archive.MAX_MEMBERS)])
    for proc in _both(plain, many):
        assert proc.returncode == 2 and "members, over the limit of 5,000" in proc.stderr, proc.stderr
    huge = _rewrite(docx, plain / "huge.docx", change=lambda name, data: data.replace(
        b"<w:body>", b"<w:body>" + b" " * (archive.MAX_XML_PART + 1), 1) if name == "word/document.xml" else data)
    for proc in _both(plain, huge):
        assert proc.returncode == 2 and "word/document.xml inflates to" in proc.stderr, proc.stderr


def test_xml_parts_expand_no_entity(docx, plain, tmp_path):
    marker = tmp_path / "marker.txt"
    marker.write_text("FILE-CONTENT-NEVER-READ", encoding="utf-8")

    def inject(name, data):
        if name != "word/document.xml":
            return data
        decl, rest = data.split(b"?>", 1)
        dtd = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{marker}"><!ENTITY y "internal">]>'.encode()
        return decl + b"?>" + dtd + rest.replace(b"open and transparent", b"open &x;&y; transparent", 1)

    tampered = _rewrite(docx, plain / "entity.docx", change=inject)
    for proc in _both(plain, tampered):
        out = proc.stdout + proc.stderr
        assert proc.returncode in (0, 1, 2) and "Traceback" not in out, out
        assert "FILE-CONTENT-NEVER-READ" not in out and "internal" not in out.replace("internal error", ""), out
    assert "FILE-CONTENT-NEVER-READ" not in (plain / "imported.yaml").read_text(encoding="utf-8") \
        if (plain / "imported.yaml").exists() else True
    root = archive.parse_xml(b'<!DOCTYPE a [<!ENTITY y "expanded">]><a>&y;</a>', "test")
    assert "expanded" not in "".join(root.itertext())


def test_bit_flips_anywhere_are_one_line(docx, plain, capsys, monkeypatch):
    """60 damaged copies (one to eight bits flipped at random places, seeded): `verify-docx` and
    `import` say what is wrong, exit 1 or 2, and never crash."""
    monkeypatch.chdir(plain)
    raw = docx.read_bytes()
    rnd = random.Random(23)
    codes = set()
    for n in range(60):
        data = bytearray(raw)
        for _ in range(rnd.randint(1, 8)):
            data[rnd.randrange(len(data))] ^= 1 << rnd.randrange(8)
        bad = plain / f"flip{n}.docx"
        bad.write_bytes(bytes(data))
        for args in (["verify-docx", str(bad), "--old", "PP-14", "--new", "HEAD"],
                     ["import", "resolution", str(bad), "-o", str(plain / "out.yaml")]):
            code = main(args)
            out, err = capsys.readouterr()
            assert code in (0, 1, 2), (n, args, out, err)
            assert "internal error" not in err, (n, args, err)
            codes.add(code)
    assert 2 in codes  # most flips land in compressed data and damage the archive


def test_a_text_import_over_the_limit_is_refused_at_once(tmp_path):
    from finalacts.importer.inputs import MAX_TEXT_BYTES

    big = tmp_path / "big.txt"
    big.write_text("RESOLUTION 1 (Busan, 2014)\nTitle\n" + "a" * MAX_TEXT_BYTES, encoding="utf-8")
    proc = finalacts(tmp_path, "import", "resolution", str(big), "-o", str(tmp_path / "o.yaml"))
    assert proc.returncode == 2 and "over the 4,194,304-byte limit" in proc.stderr, proc.stderr
    assert not (tmp_path / "o.yaml").exists()
