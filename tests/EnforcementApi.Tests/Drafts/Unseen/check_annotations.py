"""Checks every unseen-set <text-id>.json in this folder against its text in texts/.

Copied from ../HeldOut/check_annotations.py. Changes: the texts are in texts/,
the unit `percent` is allowed, and "half a million" is a written number.

Hard checks (any failure -> exit code 1):
  * text[charStart:charEnd] == number (figures) / == text (quotes)
  * enum fields hold allowed values; value agrees with the written number
  * direct quotes sit right inside quotation marks (a trailing comma that
    belongs to the attribution may follow the span, before the closing mark)
  * no duplicate spans
Review aids (printed, not failures): digit runs / number words not covered by
a figure, and quotation-mark pairs not covered by a direct quote.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "texts")

QUALIFIERS = {"exact", "approximately", "more_than", "at_least", "less_than", "up_to"}
UNITS = {"people", "people_per_day", "people_per_month", "people_per_year", "percent"}
KINDS = {"actual", "target", "projection"}
QTYPES = {"direct", "paraphrase"}
OPEN, CLOSE = {'"', "“", "'", "‘"}, {'"', "”", "'", "’"}
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "thousand": 1000, "million": 10**6, "billion": 10**9}
SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "k": 10**3, "m": 10**6}


def parse_number(s):
    """Value of a written number such as '158,000', '1.6 million', '65.6K'."""
    s = s.strip().lower()
    m = re.fullmatch(r"([\d,]*\.?\d+)\s*(thousand|million|billion|k|m)?", s)
    if m:
        v = float(m.group(1).replace(",", ""))
        if m.group(2):
            v *= SCALE[m.group(2)]
        return v
    if s == "half a million":
        return 500000
    parts = s.split()
    if parts and all(p in WORDS for p in parts):
        v = 1
        for p in parts:
            v *= WORDS[p]
        return v
    return None


def check(path):
    errors = []
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    tid = doc["text"]
    if os.path.basename(path) != tid + ".json":
        errors.append(f"file name does not match text id {tid}")
    with open(os.path.join(CORPUS, tid + ".txt"), encoding="utf-8") as f:
        t = f.read()

    seen = set()
    for fg in doc["figures"]:
        s, e = fg["charStart"], fg["charEnd"]
        where = f"{tid} figure {fg['number']!r}@{s}"
        if t[s:e] != fg["number"]:
            errors.append(f"{where}: span is {t[s:e]!r}")
        if (s, e) in seen:
            errors.append(f"{where}: duplicate span")
        seen.add((s, e))
        if fg["valueQualifier"] not in QUALIFIERS:
            errors.append(f"{where}: bad valueQualifier {fg['valueQualifier']}")
        if fg["unit"] not in UNITS:
            errors.append(f"{where}: bad unit {fg['unit']}")
        if fg["kind"] not in KINDS:
            errors.append(f"{where}: bad kind {fg['kind']}")
        if not isinstance(fg["value"], (int, float)) or isinstance(fg["value"], bool):
            errors.append(f"{where}: value is not a number")
        pv = parse_number(fg["number"])
        if pv is None:
            errors.append(f"{where}: cannot parse written number")
        elif pv != fg["value"]:
            # allowed only for the bare low end of a shared-scale range ("20 and 22 million")
            tail = t[e:e + 40]
            m = re.match(r"\s+(?:and|to|-|–)\s+[\d.,]+\s+(thousand|million|billion)", tail)
            if not (m and pv * SCALE[m.group(1)] == fg["value"]):
                errors.append(f"{where}: value {fg['value']} != written {pv}")
        if e < len(t) and (t[e].isalnum()) or s > 0 and t[s - 1].isalnum():
            errors.append(f"{where}: span cuts through a word/number")

    qseen = set()
    for q in doc["quotes"]:
        s, e = q["charStart"], q["charEnd"]
        where = f"{tid} quote {q['text'][:40]!r}@{s}"
        if t[s:e] != q["text"]:
            errors.append(f"{where}: span is {t[s:e][:60]!r}")
        if q["quoteType"] not in QTYPES:
            errors.append(f"{where}: bad quoteType {q['quoteType']}")
        if not q.get("speaker"):
            errors.append(f"{where}: empty speaker")
        if (s, e, q["quoteType"]) in qseen:
            errors.append(f"{where}: duplicate span")
        qseen.add((s, e, q["quoteType"]))
        if q["quoteType"] == "direct":
            if s == 0 or t[s - 1] not in OPEN:
                errors.append(f"{where}: not preceded by an opening quotation mark")
            if not (e < len(t) and (t[e] in CLOSE or (t[e] == "," and e + 1 < len(t) and t[e + 1] in CLOSE))):
                errors.append(f"{where}: not followed by a closing mark (or ',' + mark)")
        if q["text"] != q["text"].strip():
            errors.append(f"{where}: leading/trailing whitespace")

    # ---- review aids
    covered = [(f["charStart"], f["charEnd"]) for f in doc["figures"]]
    numre = re.compile(r"\d[\d,.]*\d|\d|\b(?:" + "|".join(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen",
         "hundred", "thousand", "million", "billion", "twice", "double", "doubled", "half"]) + r")\b", re.I)
    unc = []
    for m in numre.finditer(t):
        if not any(a <= m.start() < b or a < m.end() <= b for a, b in covered):
            unc.append(f"{m.group()!r}@{m.start()}: …{t[max(0, m.start() - 25):m.end() + 25]!r}…".replace("\n", " "))
    dq = [(q["charStart"], q["charEnd"]) for q in doc["quotes"] if q["quoteType"] == "direct"]
    uq = []
    pairs = list(re.finditer(r"[\"“]([^\"“”]*)[\"”]", t))
    pairs += list(re.finditer(r"(?m)^['‘]([^\n]*?)['’]$", t))
    for m in pairs:
        if not any(a >= m.start(1) - 1 and b <= m.end(1) + 1 for a, b in dq):
            uq.append(f"{m.group()[:70]!r}@{m.start()}")
    return doc, errors, unc, uq


def main():
    files = sorted(p for p in os.listdir(HERE) if p.endswith(".json"))
    all_errors = []
    verbose = "-v" in sys.argv
    for p in files:
        doc, errors, unc, uq = check(os.path.join(HERE, p))
        nd = sum(q["quoteType"] == "direct" for q in doc["quotes"])
        print(f"{'FAIL' if errors else 'ok  '} {doc['text']}: {len(doc['figures'])} figures, "
              f"{len(doc['quotes'])} quotes ({nd} direct, {len(doc['quotes']) - nd} paraphrase)")
        for e in errors:
            print("     ERROR", e)
        if verbose:
            for u in unc:
                print("     not a figure?", u)
            for u in uq:
                print("     not a quote?", u)
        all_errors += errors
    n = sum(len(json.load(open(os.path.join(HERE, p), encoding="utf-8"))["figures"]) +
            len(json.load(open(os.path.join(HERE, p), encoding="utf-8"))["quotes"]) for p in files)
    print(f"{len(files)} files, {n} annotations, {len(all_errors)} errors")
    sys.exit(1 if all_errors else 0)


if __name__ == "__main__":
    main()
