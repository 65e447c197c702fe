"""PDF from the same .docx, by LibreOffice headless (Debian's `libreoffice-writer-nogui`).

Why LibreOffice and not Chromium's print: the PDF must be the document that is issued — the
same .docx, with its sections, odd-page breaks, even/odd footers and PAGE fields — and
LibreOffice lays out Word documents offline; a print stylesheet would be a second layout to
keep in step.

- a private profile per run (`-env:UserInstallation=file:///tmp/…`), so a LibreOffice the user
  has open, or another conversion running at the same time, is not disturbed;
- fonts: a fontconfig file for the run (`FONTCONFIG_FILE`) includes the system configuration
  and maps each office font GB/T 9704 names to the free face installed by
  `scripts/bootstrap.sh --dev` (see `docx_render.FALLBACK`); a unit that has the office fonts
  installed gets them (the mapping applies only when the family is absent). LibreOffice embeds
  the faces it used (subsets) in the PDF;
- page numbers for the 目录: `pages_of_titles` reads the PDF back (poppler's pdftotext) and
  finds, page by page, the printed page number (“— 3 —”) of the page each title starts on.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..lint import UsageError
from .docx_render import FALLBACK


# keep the blank pages an odd-page break inserts (double-sided printing needs them in the PDF)
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise UsageError("生成 PDF 需要 LibreOffice（soffice），未找到：请安装 libreoffice-writer-nogui"
                         "（scripts/bootstrap.sh --dev 会安装）")
    return exe


def _installed(family: str) -> bool:
    fc = shutil.which("fc-list")
    if fc is None:
        return False
    out = subprocess.run([fc, f":family={family}", "family"], capture_output=True, text=True).stdout
    return bool(out.strip())


def fontconfig(folder: Path) -> Path:
    """A fonts.conf: the system's, plus office font → free face for the faces not installed."""
    rules = []
    for office, (windows, free) in FALLBACK.items():
        for name in (office, windows):
            if _installed(name):
                continue
            rules.append(
                f'  <match target="pattern"><test qual="any" name="family"><string>{name}</string></test>'
                f'<edit name="family" mode="prepend" binding="strong"><string>{free}</string></edit></match>')
    text = ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
            '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n' + "\n".join(rules) + "\n</fontconfig>\n")
    path = folder / "fonts.conf"
    path.write_text(text, encoding="utf-8")
    return path


def profile(folder: Path) -> Path:
    """A fresh LibreOffice profile whose font replacement table (Tools ▸ Options ▸ Fonts) maps
    every office font to its free face when it is absent — LibreOffice consults it before its
    own substitutions (which would pick the Japanese cut of Noto for 黑体)."""
    from xml.sax.saxutils import escape

    pairs = []
    k = 0
    for office, (windows, free) in FALLBACK.items():
        for name in (office, windows):
            pairs.append(
                f'<node oor:name="_{k}" oor:op="replace">'
                '<prop oor:name="Always" oor:op="fuse"><value>false</value></prop>'
                '<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>'
                f'<prop oor:name="ReplaceFont" oor:op="fuse"><value>{escape(name)}</value></prop>'
                f'<prop oor:name="SubstituteFont" oor:op="fuse"><value>{escape(free)}</value></prop></node>')
            k += 1
    xcu = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
           '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
           '<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>\n'
           '<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">' + "".join(pairs) + "</item>\n"
           "</oor:items>\n")
    user = folder / "profile" / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(xcu, encoding="utf-8")
    return folder / "profile"


def to_pdf(docx: Path, pdf: Path, *, timeout: int = 300) -> Path:
    """Convert `docx` to `pdf` (written next to it first, then moved)."""
    exe = soffice()
    with tempfile.TemporaryDirectory(prefix="baomi-soffice-") as tmp:
        tmp = Path(tmp)
        env = dict(os.environ)
        env["FONTCONFIG_FILE"] = str(fontconfig(tmp))
        env["HOME"] = str(tmp)
        outdir = tmp / "out"
        outdir.mkdir()
        cmd = [exe, f"-env:UserInstallation=file://{profile(tmp)}", "--headless", "--norestore",
               "--convert-to", PDF_FILTER, "--outdir", str(outdir), str(docx)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise UsageError(f"LibreOffice 转换 {docx.name} 超时（{timeout} 秒）") from None
        made = outdir / (docx.stem + ".pdf")
        if proc.returncode != 0 or not made.is_file():
            raise UsageError(f"LibreOffice 未能把 {docx.name} 转换为 PDF：{(proc.stderr or proc.stdout).strip()[:300]}")
        shutil.move(str(made), str(pdf))
    return pdf


def poppler(tool: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        raise UsageError(f"需要 poppler-utils 的 {tool}（sudo apt-get install poppler-utils；"
                         "scripts/bootstrap.sh --dev 会安装）")
    return exe


def page_texts(pdf: Path) -> list[str]:
    """The text of every page (pdftotext, reading order; pages split at form feeds)."""
    out = subprocess.run([poppler("pdftotext"), "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


_PAGE_NO = re.compile(r"^\s*[—–-]\s*(\d+)\s*[—–-]\s*$", re.M)


def printed_number(text: str) -> int | None:
    """The page number printed on a page (“— 3 —”), None for a page without one."""
    found = _PAGE_NO.findall(text)
    return int(found[-1]) if found else None


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages_of_titles(pdf: Path, titles: list[str], headers: dict[str, str] | None = None) -> dict[str, int]:
    """Title → printed page number of the page it starts: the page's text, after its running
    header (`headers[title]`, if any), begins with the title. Titles are found in order among
    the numbered pages (the cover and the 目录 carry no number); a title not found is left out."""
    headers = headers or {}
    pages = [(printed_number(t), squash(t)) for t in page_texts(pdf)]
    out: dict[str, int] = {}
    k = 0
    for title in titles:
        want = squash(headers.get(title) or "") + squash(title)
        for j in range(k, len(pages)):
            number, text = pages[j]
            if number is not None and text.startswith(want):
                out[title] = number
                k = j + 1
                break
    return out
