"""Check the PDFs of a built Zicht site (zicht build --pdf) with tools that are not Zicht's:
pikepdf (qpdf) reads the PDF's objects, pdftotext (poppler-utils) its text.

Usage: python check_pdf.py SITE_DIR [--expect-text KEY=SENTENCE ...]
       python check_pdf.py --self-test SITE_DIR

What is expected comes from the site's open data, not from Zicht's code: document.json lists the
documents and their pages in reading order, each page's index.json names its parent. For every
document, its PDF (KEY/KEY.pdf; KEY.pdf at the root in a site of one document, KEY = kind-year)
must be:

- tagged: /MarkInfo /Marked true and a /StructTreeRoot whose tree holds headings (H1...H6),
  paragraphs, a Table for every HTML page of the document that has a table, and alternative text
  on every figure (charts, maps, images);
- Dutch: the catalog's /Lang starts with "nl";
- titled: the document information /Title (and XMP dc:title, when there is XMP) is the
  document's title;
- bookmarked: /Outlines holds every page of the document below its home page, in reading order,
  each nested (at any depth) under the bookmark of its parent page; the top-level bookmarks include
  the home page's children;
- readable: more than one sheet, and pdftotext finds the title of every page and each expected
  sentence;
- self-contained: no link points to a file: URL (the temporary file it was printed from).

Prints one line per failure and 'pdf: N passed, M failed'; exits 1 on any failure. --self-test
plants one fault of each kind in copies of the first PDF and fails unless every one is caught.
"""
import argparse
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import pikepdf


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class Document:
    """A document of the site, with its pages in reading order and each page's parent."""

    def __init__(self, site: pathlib.Path, key: str, title: str, pdf_path: str, pages: list[dict]):
        self.site, self.key, self.title, self.pdf_path, self.pages = site, key, title, pdf_path, pages
        self.parent = {}
        for page in pages:
            data = json.loads((site / page["path"] / "index.json").read_text())
            self.parent[page["id"]] = (data.get("parent") or {}).get("id")
        self.home = next(p for p in pages if p["kind"] == "document")

    def has_table(self, page: dict) -> bool:
        return "<table" in (self.site / page["path"] / "index.html").read_text()


def documents(site: pathlib.Path) -> list[Document]:
    index = json.loads((site / "document.json").read_text())
    pages = index["pages"]
    if "documents" in index:
        return [
            Document(site, d["key"], d["title"], f"{d['key']}/{d['key']}.pdf", [p for p in pages if p.get("document") == d["key"]])
            for d in index["documents"]
        ]
    d = index["document"]
    key = d.get("key") or f"{d['kind']}-{d['year']}"
    return [Document(site, key, d["title"], f"{key}.pdf", pages)]


def outline(pdf: pikepdf.Pdf) -> list[tuple[str, tuple[int, ...]]]:
    """Every bookmark in order, as (title, indices of its ancestors' bookmarks)."""
    entries: list[tuple[str, tuple[int, ...]]] = []

    def walk(items, ancestors):
        for item in items:
            entries.append((normalise(item.title or ""), ancestors))
            walk(item.children, ancestors + (len(entries) - 1,))

    with pdf.open_outline() as root:
        walk(root.root, ())
    return entries


def structure_types(pdf: pikepdf.Pdf) -> dict[str, int]:
    """How often each structure type occurs in the structure tree."""
    counts: dict[str, int] = {}
    stack = [pdf.Root.StructTreeRoot]
    seen = set()
    while stack:
        element = stack.pop()
        if element.objgen != (0, 0):
            if element.objgen in seen:
                continue
            seen.add(element.objgen)
        if "/S" in element:
            name = str(element.S)
            counts[name] = counts.get(name, 0) + 1
        kids = element.get("/K")
        if isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)
        elif isinstance(kids, pikepdf.Array):
            # Structure elements, and marked-content and object references (which have no /K).
            stack.extend(k for k in kids if isinstance(k, pikepdf.Dictionary))
    return counts


def figures_without_text(pdf: pikepdf.Pdf) -> int:
    """Figures with neither /Alt nor /ActualText, not counting a figure that only groups others (an
    HTML <figure> around an <svg role="img"> and its caption)."""
    missing = 0

    def walk(element) -> bool:
        """Whether `element` is or holds a Figure."""
        nonlocal missing
        kids = element.get("/K")
        kids = [kids] if isinstance(kids, pikepdf.Dictionary) else list(kids) if isinstance(kids, pikepdf.Array) else []
        holds = False
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                holds = walk(kid) or holds
        if element.get("/S") == "/Figure":
            if not holds and "/Alt" not in element and "/ActualText" not in element:
                missing += 1
            return True
        return holds

    walk(pdf.Root.StructTreeRoot)
    return missing


def check(document: Document, path: pathlib.Path, expected_text: list[str]) -> list[str]:
    """The problems of one PDF; empty when it passes."""
    problems: list[str] = []
    if not path.is_file():
        return [f"{document.pdf_path}: missing (was the site built with --pdf, and Chromium found?)"]
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        return [f"{document.pdf_path}: does not start with %PDF-"]
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        # Tagged
        mark = root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            problems.append("not tagged: /MarkInfo /Marked is not true")
        if "/StructTreeRoot" not in root:
            problems.append("not tagged: no /StructTreeRoot")
        else:
            types = structure_types(pdf)
            headings = sum(n for t, n in types.items() if re.fullmatch(r"/H[1-6]", t))
            if headings < len(document.pages):
                problems.append(f"structure tree has {headings} headings H1-H6 for {len(document.pages)} pages")
            if types.get("/P", 0) == 0:
                problems.append("structure tree has no paragraphs (P)")
            tables = sum(1 for p in document.pages if document.has_table(p))
            if types.get("/Table", 0) < tables:
                problems.append(f"structure tree has {types.get('/Table', 0)} Table elements; {tables} pages have tables")
            if (missing := figures_without_text(pdf)) > 0:
                problems.append(f"{missing} figure(s) without alternative text (/Alt or /ActualText)")
        # Dutch
        lang = str(root.get("/Lang", ""))
        if not lang.lower().startswith("nl"):
            problems.append(f"/Lang is {lang!r}, expected nl")
        # Title
        info_title = str(pdf.docinfo.get("/Title", ""))
        if info_title != document.title:
            problems.append(f"document information /Title is {info_title!r}, expected {document.title!r}")
        if "/Metadata" in root:
            with pdf.open_metadata() as xmp:
                xmp_title = xmp.get("dc:title")
                if xmp_title is not None and xmp_title != document.title:
                    problems.append(f"XMP dc:title is {xmp_title!r}, expected {document.title!r}")
        # Bookmarks
        if "/Outlines" not in root:
            problems.append("no /Outlines (bookmarks)")
        else:
            problems += check_outline(document, outline(pdf))
        # Sheets and links
        if len(pdf.pages) < 2:
            problems.append(f"{len(pdf.pages)} sheet(s); expected more than one")
        for number, page in enumerate(pdf.pages, start=1):
            for annotation in page.get("/Annots", []):
                action = annotation.get("/A")
                uri = str(action.get("/URI", "")) if action is not None else ""
                if uri.lower().startswith("file:"):
                    problems.append(f"sheet {number}: a link to {uri}")
                    break
    problems += check_text(document, path, expected_text)
    return [f"{document.pdf_path}: {p}" for p in problems]


def check_outline(document: Document, entries: list[tuple[str, tuple[int, ...]]]) -> list[str]:
    """Every page below the home page has a bookmark, in reading order, under its parent's."""
    problems = []
    matched: dict[str, int] = {}
    position = 0
    for page in document.pages:
        if page["id"] == document.home["id"]:
            continue
        title = normalise(page["title"])
        found = next((i for i in range(position, len(entries)) if entries[i][0] == title), None)
        if found is None:
            earlier = any(e[0] == title for e in entries[:position])
            problems.append(f"no bookmark {title!r}" + (" after the previous page's (out of order)" if earlier else ""))
            continue
        parent = document.parent.get(page["id"])
        if parent in matched and matched[parent] not in entries[found][1]:
            problems.append(f"bookmark {title!r} is not nested under its parent's bookmark {entries[matched[parent]][0]!r}")
        if parent == document.home["id"] and entries[found][1] and any(
                entries[a][0] != normalise(document.home["title"]) for a in entries[found][1]):
            problems.append(f"bookmark {title!r} (a top-level part of the document) is nested under another bookmark")
        matched[page["id"]] = found
        position = found + 1
    return problems


def check_text(document: Document, path: pathlib.Path, expected: list[str]) -> list[str]:
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        return ["pdftotext not found (install poppler-utils)"]
    result = subprocess.run([pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True)
    if result.returncode != 0:
        return [f"pdftotext failed: {result.stderr.strip()}"]
    text = normalise(result.stdout)
    problems = [f"text has no {normalise(page['title'])!r}" for page in document.pages if normalise(page["title"]) not in text]
    problems += [f"text has no {normalise(sentence)!r}" for sentence in expected if normalise(sentence) not in text]
    return problems


def run(site: pathlib.Path, expected: dict[str, list[str]]) -> int:
    passed, failed = 0, 0
    for document in documents(site):
        problems = check(document, site / document.pdf_path, expected.get(document.key, []))
        for problem in problems:
            print(f"FAIL {problem}")
        if problems:
            failed += 1
        else:
            passed += 1
            print(f"ok   {document.pdf_path}: {document.title}, {len(document.pages)} pages in the bookmarks")
    print(f"pdf: {passed} passed, {failed} failed")
    return 1 if failed else 0


def self_test(site: pathlib.Path) -> int:
    """Plants one fault of each kind in a copy of the site's first PDF; each must be caught."""
    document = documents(site)[0]
    original = site / document.pdf_path
    if check(document, original, []):
        print("self-test: the unmodified PDF does not pass; fix that first")
        return 1

    def untagged(pdf):
        del pdf.Root["/MarkInfo"]

    def no_structure(pdf):
        del pdf.Root["/StructTreeRoot"]

    def english(pdf):
        pdf.Root.Lang = pikepdf.String("en-US")

    def wrong_title(pdf):
        pdf.docinfo["/Title"] = pikepdf.String("Naamloos")

    def no_outline(pdf):
        del pdf.Root["/Outlines"]

    def shuffled_outline(pdf):
        with pdf.open_outline() as root:
            root.root.reverse()

    def flat_outline(pdf):
        with pdf.open_outline() as root:
            flat = []

            def collect(items):
                for item in items:
                    flat.append(pikepdf.OutlineItem(item.title, item.destination))
                    collect(item.children)
            collect(root.root)
            root.root[:] = flat

    def figure_without_alt(pdf):
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            if element.get("/S") == "/Figure" and "/Alt" in element:
                del element["/Alt"]
                return
            kids = element.get("/K")
            stack.extend([kids] if isinstance(kids, pikepdf.Dictionary) else
                         [k for k in kids if isinstance(k, pikepdf.Dictionary)] if isinstance(kids, pikepdf.Array) else [])

    def one_sheet(pdf):
        del pdf.pages[1:]

    def file_link(pdf):
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                if annotation.get("/A") is not None and "/URI" in annotation.A:
                    annotation.A.URI = pikepdf.String("file:///tmp/zicht-pdf-x/document.html")
                    return
        pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10],
            A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("file:///tmp/x.html")))]))

    faults = [untagged, no_structure, english, wrong_title, no_outline, shuffled_outline, flat_outline, figure_without_alt,
              one_sheet, file_link]
    missed = []
    with tempfile.TemporaryDirectory() as folder:
        for fault in faults:
            planted = pathlib.Path(folder) / f"{fault.__name__}.pdf"
            with pikepdf.open(original) as pdf:
                fault(pdf)
                pdf.save(planted)
            problems = check(document, planted, [])
            print(f"self-test {fault.__name__}: {'caught: ' + problems[0] if problems else 'MISSED'}")
            if not problems:
                missed.append(fault.__name__)
        missing_text = check(document, original, ["Deze zin staat niet in het document."])
        print(f"self-test missing_text: {'caught' if missing_text else 'MISSED'}")
        if not missing_text:
            missed.append("missing_text")
    print(f"pdf self-test: {len(faults) + 1 - len(missed)} passed, {len(missed)} failed")
    return 1 if missed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=pathlib.Path)
    parser.add_argument("--expect-text", action="append", default=[], metavar="KEY=SENTENCE",
                        help="a sentence the PDF of document KEY must contain (repeatable)")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test(args.site)
    expected: dict[str, list[str]] = {}
    for item in args.expect_text:
        key, _, sentence = item.partition("=")
        expected.setdefault(key, []).append(sentence)
    return run(args.site, expected)


if __name__ == "__main__":
    sys.exit(main())
