"""Check that parts of a region's page of `wijkdata site` say what its PDF says
(tests/plots/test_site.c runs it): the page's sections are numbered as the PDF's pages
(id="pagina-N"), and in the section of the beraad ("Wat bewoners kozen en wat de cijfers
zeggen") and the table of "Buurten zoals ..." every heading, paragraph, list item and table
row of the HTML is found, as text, on that page of the PDF (pdftotext). Both are real HTML:
headings, lists and a table with <th>, no chart.

Usage: check_site_pdf.py SITE CODE
Prints "ok: ..." and exits 0, or prints what is missing and exits 1."""
import html
import os
import re
import subprocess
import sys


def words(text):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def pdf_page(path, n):
    out = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), path, "-"],
                         capture_output=True, text=True).stdout
    return " ".join(out.split())


def main():
    site, code = sys.argv[1:3]
    page = open(os.path.join(site, code + ".html"), encoding="utf-8").read()
    pdf = os.path.join(site, code + ".pdf")
    sections = re.findall(r'<section id="pagina-(\d+)"[^>]*>(.*?)</section>', page, re.S)
    problems, checked = [], {"beraad": 0, "zoals": 0}

    for n, body in sections:
        head = words(re.search(r"<h2[^>]*>(.*?)</h2>", body, re.S).group(1))
        text = pdf_page(pdf, int(n))
        if head == "Wat bewoners kozen en wat de cijfers zeggen":
            part, kind = body, "beraad"
        elif "<h3>Buurten zoals" in body:
            part, kind = body[body.index("<h3>Buurten zoals"):], "zoals"
        else:
            continue
        if "<svg" in part:
            problems.append(f"{kind}: a chart where text was expected")
        blocks = re.findall(r"<(h3|p|li)\b[^>]*>(.*?)</\1>", part, re.S)
        for _, b in blocks:
            if words(b) not in text:
                problems.append(f"{kind}, pagina {n}: not in the PDF: {words(b)!r}")
        rows = re.findall(r"<tr><td>(\d+)</td><th scope=\"row\">(.*?)</th><td>(.*?)</td>"
                          r"<td>(.*?)</td></tr>", part)
        for k, name, gemeente, distance in rows:
            line = f"{k}. {words(name)}, {words(gemeente)}"
            if line not in text or words(distance) not in text:
                problems.append(f"{kind}, pagina {n}: row not in the PDF: {line} {distance}")
        if kind == "zoals" and ('<th scope="col">Afstand</th>' not in part or not rows):
            problems.append("zoals: no table with headers and rows")
        if kind == "beraad" and ("<ol" not in part or "<h3>" not in part):
            problems.append("beraad: no headings and lists")
        checked[kind] = len(blocks) + len(rows)
    for kind, n in checked.items():
        if n == 0:
            problems.append(f"{kind}: not on the page")
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print(f"ok: beraad {checked['beraad']} blocks, zoals {checked['zoals']} blocks and rows")


main()
