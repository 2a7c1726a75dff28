"""Run by the Python that LibreOffice's UNO bridge is built for (Debian: /usr/bin/python3 with
python3-uno), never imported by finalacts: it reads what LibreOffice itself makes of a document.

    python3 uno_worker.py PROFILE_DIR JOBS.json

JOBS.json is a list of {"path": ..., "resave": optional output path}. For each document it prints
(one JSON object on stdout, for all jobs): the paragraphs after LibreOffice accepts every tracked
change, the paragraphs after it rejects every one, the footnotes of each side, the authors and
dates of the tracked changes, and the header and footer texts; with "resave" it also stores the
document again as Word 2007-365 .docx, as an editor's LibreOffice would.
"""

import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(profile):
    pipe = "finalacts%d" % os.getpid()
    office = subprocess.Popen(
        ["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--invisible", "--norestore",
         "--nolockcheck", "--nodefault", "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "HOME": profile})
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            if time.time() > deadline or office.poll() is not None:
                raise SystemExit("LibreOffice did not accept a UNO connection within 60 s")
            time.sleep(0.2)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return office, ctx, desktop


def paragraphs(text):
    """Body paragraphs in order; a table gives one line per row, cells joined with ' | '."""
    out = []
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.TextTable"):
            for r in range(el.getRows().getCount()):
                cells = []
                for name in el.getCellNames():
                    if name.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == str(r + 1):
                        cells.append(el.getCellByName(name).getString())
                out.append(" | ".join(cells))
        else:
            out.append(el.getString())
    return out


def footnotes(doc):
    notes = doc.getFootnotes()
    return [[notes.getByIndex(k).getLabel(), notes.getByIndex(k).getString()] for k in range(notes.getCount())]


def page_texts(doc):
    style = doc.getStyleFamilies().getByName("PageStyles")
    out = {}
    for name in style.getElementNames():
        ps = style.getByName(name)
        if not ps.isInUse():
            continue
        for kind in ("Header", "Footer"):
            if getattr(ps, kind + "IsOn"):
                for side in ("Text", "TextFirst"):
                    try:
                        t = getattr(ps, kind + side)
                    except AttributeError:
                        continue
                    if t is not None and t.getString():
                        out.setdefault(kind.lower(), []).append(t.getString())
    return out


def side(desktop, ctx, url, command):
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    try:
        redlines = []
        enum = doc.getRedlines().createEnumeration()
        while enum.hasMoreElements():
            r = enum.nextElement()
            d = r.RedlineDateTime
            redlines.append([r.RedlineType, r.RedlineAuthor, "%04d-%02d-%02dT%02d:%02d:%02dZ" % (
                d.Year, d.Month, d.Day, d.Hours, d.Minutes, d.Seconds)])
        tracking = bool(doc.RecordChanges)
        dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
        left = doc.getRedlines().createEnumeration().hasMoreElements()
        frames = doc.getTextFrames()
        framed = [frames.getByIndex(k).getString() for k in range(frames.getCount())]
        return {"paragraphs": paragraphs(doc.getText()), "footnotes": footnotes(doc), "redlines": redlines,
                "frames": framed,
                "left": left, "tracking": tracking, "pages": page_texts(doc),
                "pagecount": doc.getCurrentController().PageCount}
    finally:
        doc.close(True)


def resave(desktop, url, out):
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    try:
        doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", "MS Word 2007 XML"),))
    finally:
        doc.close(True)


def main():
    profile, jobs_file = sys.argv[1], sys.argv[2]
    with open(jobs_file, encoding="utf-8") as f:
        jobs = json.load(f)
    office, ctx, desktop = connect(profile)
    results = []
    try:
        for job in jobs:
            url = uno.systemPathToFileUrl(os.path.abspath(job["path"]))
            if job.get("resave"):
                resave(desktop, url, os.path.abspath(job["resave"]))
            results.append({"path": job["path"],
                            "accepted": side(desktop, ctx, url, ".uno:AcceptAllTrackedChanges"),
                            "rejected": side(desktop, ctx, url, ".uno:RejectAllTrackedChanges")})
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
