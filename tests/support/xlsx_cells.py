#!/usr/bin/env python3
"""Reads an XLSX file the way a spreadsheet would, for the report tests: prints JSON with, per
sheet (by its name), every cell's value (shared strings resolved) and number format, the frozen
rows, the autofilter range and the fill colour of each cell that has one.
Usage: xlsx_cells.py FILE.xlsx"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def main():
    book = zipfile.ZipFile(sys.argv[1])
    strings = []
    if "xl/sharedStrings.xml" in book.namelist():
        for item in ET.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append("".join(t.text or "" for t in item.iter(f"{{{NS['m']}}}t")))
    styles = ET.fromstring(book.read("xl/styles.xml"))
    formats = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.findall("m:numFmts/m:numFmt", NS)}
    fills = []
    for fill in styles.findall("m:fills/m:fill", NS):
        colour = fill.find("m:patternFill/m:fgColor", NS)
        fills.append(colour.get("rgb") if colour is not None else None)
    xfs = styles.findall("m:cellXfs/m:xf", NS)
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))}
    result = {}
    for sheet in ET.fromstring(book.read("xl/workbook.xml")).findall("m:sheets/m:sheet", NS):
        xml = ET.fromstring(book.read("xl/" + rels[sheet.get(REL)]))
        cells, number_formats, colours = {}, {}, {}
        for cell in xml.iter(f"{{{NS['m']}}}c"):
            ref, kind, value = cell.get("r"), cell.get("t"), cell.find("m:v", NS)
            style = xfs[int(cell.get("s", "0"))]
            format_id = int(style.get("numFmtId", "0"))
            if format_id:
                number_formats[ref] = formats.get(format_id, str(format_id))
            fill = fills[int(style.get("fillId", "0"))]
            if fill:
                colours[ref] = fill
            if value is None:
                continue
            cells[ref] = strings[int(value.text)] if kind == "s" else float(value.text)
        pane = xml.find("m:sheetViews/m:sheetView/m:pane", NS)
        autofilter = xml.find("m:autoFilter", NS)
        result[sheet.get("name")] = {
            "cells": cells, "formats": number_formats, "fills": colours,
            "frozen_rows": int(float(pane.get("ySplit"))) if pane is not None else 0,
            "autofilter": autofilter.get("ref") if autofilter is not None else None}
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
