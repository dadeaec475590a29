"""What the evaluation sets' scripts share (Evaluation/, HeldOut/, Unseen/): Doc, which places each hand-written
annotation by a short unique anchor string in its text (so no offset is typed by hand) and writes <text-id>.json, and
main(), which checks every such file against its text.

Hard checks (any failure -> exit code 1):
  * text[charStart:charEnd] == number (figures) / == text (quotes)
  * enum fields hold allowed values (`percent` only in a set that annotates percentages); value agrees with the
    written number
  * direct quotes sit right inside quotation marks, double or single (a trailing comma that belongs to the
    attribution may follow the span, before the closing mark)
  * no duplicate spans
Review aids (printed with -v, not failures): digit runs / number words not covered by a figure, and quotation-mark
pairs (and single-quoted lines, such as a pull quote) not covered by a direct quote.
"""
import json
import os
import re
import sys


class AnnotationSet:
    """A set's texts (corpus), where its files go (out) and whether it annotates percentages; .doc(text id) starts a text."""

    def __init__(self, corpus, out, percentages=False):
        self.corpus, self.out, self.percentages = corpus, out, percentages

    def doc(self, tid):
        return Doc(tid, self.corpus, self.out, self.percentages)


def occurrences(t, s):
    out, i = [], t.find(s)
    while i >= 0:
        out.append(i)
        i = t.find(s, i + 1)
    return out


class Doc:
    """One text's annotations, written to <out>/<text-id>.json by write()."""

    def __init__(self, tid, corpus, out, percentages):
        self.tid, self.out, self.percentages = tid, out, percentages
        with open(os.path.join(corpus, tid + ".txt"), encoding="utf-8") as f:
            self.t = f.read()
        self.figures, self.quotes = [], []

    def _anchor(self, anchor, nth):
        occ = occurrences(self.t, anchor)
        if nth is None:
            assert len(occ) == 1, (self.tid, anchor, occ)
            return occ[0]
        assert len(occ) > nth, (self.tid, anchor, occ)
        return occ[nth]

    def F(self, number, anchor, value, qualifier, unit, kind, counts, nth=None):
        a = self._anchor(anchor, nth)
        rel = anchor.find(number)
        assert rel >= 0, (self.tid, number, anchor)
        s = a + rel
        self.figures.append({"number": number, "charStart": s, "charEnd": s + len(number),
                             "value": value, "valueQualifier": qualifier, "unit": unit,
                             "kind": kind, "counts": counts})

    def Q(self, text, qtype, speaker, nth=None):
        s = self._anchor(text, nth)
        self.quotes.append({"text": text, "charStart": s, "charEnd": s + len(text),
                            "quoteType": qtype, "speaker": speaker})

    def write(self):
        self.figures.sort(key=lambda x: x["charStart"])
        self.quotes.sort(key=lambda x: (x["charStart"], x["charEnd"]))
        # "percentages": a set that annotates them says so (the two older sets leave them out, so the scorer sets
        # aside percentages the pipeline proposes for their texts instead of counting them as extra figures).
        doc = {"text": self.tid}
        if self.percentages:
            doc["percentages"] = True
        doc |= {"figures": self.figures, "quotes": self.quotes}
        with open(os.path.join(self.out, self.tid + ".json"), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=2)
            f.write("\n")
        return len(self.figures), len(self.quotes)



QUALIFIERS = {"exact", "approximately", "more_than", "at_least", "less_than", "up_to"}
UNITS = {"people", "people_per_day", "people_per_month", "people_per_year"}
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


def check(path, corpus, units):
    errors = []
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    tid = doc["text"]
    if os.path.basename(path) != tid + ".json":
        errors.append(f"file name does not match text id {tid}")
    with open(os.path.join(corpus, tid + ".txt"), encoding="utf-8") as f:
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
        if fg["unit"] not in units:
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


def main(folder, corpus, percentages):
    """Checks every <text-id>.json in the folder against its text in corpus; exits 1 on any error (-v: review aids too)."""
    units = UNITS | ({"percent"} if percentages else set())
    files = sorted(p for p in os.listdir(folder) if p.endswith(".json"))
    all_errors = []
    verbose = "-v" in sys.argv
    for p in files:
        doc, errors, unc, uq = check(os.path.join(folder, p), corpus, units)
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
    n = sum(len(json.load(open(os.path.join(folder, p), encoding="utf-8"))["figures"]) +
            len(json.load(open(os.path.join(folder, p), encoding="utf-8"))["quotes"]) for p in files)
    print(f"{len(files)} files, {n} annotations, {len(all_errors)} errors")
    sys.exit(1 if all_errors else 0)


