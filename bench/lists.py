"""Every filter with every sort of every list, timed one request at a time against a running API.

The cases come from the checked-in contract, as the plan tests' do: each list's query parameters that are not about
the page are its filters, and its sort fields are those its `sort` parameter's description names (each way, and the
default). A filter takes its documented example, and, where the list counts by it (a facet), also its most frequent
value, which is the hard case: many matches, sorted by something else. Then each sort's page 200 (by cursor) against
its page 1.

    python3 bench/lists.py http://127.0.0.1:5094 REQUESTS TARGET_MS

Prints one markdown row per case (p50, p99, max ms; rows; met) and the summary lines at the end.
"""
import http.client
import json
import re
import sys
import time
import urllib.parse

base, requests, target_ms = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
url = urllib.parse.urlparse(base)
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
PAGE = {"sort", "limit", "cursor", "count", "fields", "facet"}


def get(path):
    connection.request("GET", path, headers={"Accept": "application/json"})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status}: {body[:300]!r}")
    return json.loads(body)


def timed(path, n):
    times = []
    rows = 0
    for _ in range(n):
        started = time.perf_counter()
        body = get(path)
        times.append((time.perf_counter() - started) * 1000)
        rows = len(body.get("items", []))
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))], times[-1], rows


contract = json.load(open("openapi/enforcement-api.v1.json"))
cases = []
sorts_of = {}
for resource in ["figures", "statements", "events", "entities", "sources"]:
    parameters = contract["paths"]["/api/v1/" + resource]["get"]["parameters"]
    sort = next(p for p in parameters if p["name"] == "sort")
    fields = re.search(r"Fields: (.*?)\. Default", sort["description"]).group(1)
    sorts = sorts_of[resource] = [""] + [way + f for f in re.findall(r"`(\w+)`", fields) for way in ("", "-")]
    facet = next(p for p in parameters if p["name"] == "facet")
    facets = re.findall(r"`(\w+)`", re.search(r"Fields: (.*?)\.", facet["description"]).group(1))
    counted = get(f"/api/v1/{resource}?limit=1&facet={','.join(facets)}").get("facets", {})
    for p in parameters:
        name = p["name"]
        if p["in"] != "query" or name in PAGE:
            continue
        example = p["example"][0] if isinstance(p["example"], list) else p["example"]
        values = [str(example)]
        common = [v["value"] for v in (counted.get(name) or {}).get("values", []) if v["value"] is not None]
        if common and str(common[0]) not in values:
            values.append(str(common[0]))
        for value in values:
            for s in sorts:
                query = f"{name}={urllib.parse.quote(value)}" + (f"&sort={s}" if s else "")
                cases.append((resource, query))
    for s in sorts:
        cases.append((resource, f"sort={s}" if s else ""))

print(f"| list | query | p50 ms | p99 ms | max ms | rows | p99 ≤ {target_ms:g} ms |")
print("|---|---|---:|---:|---:|---:|---|")
over = []
for resource, query in cases:
    path = f"/api/v1/{resource}?limit=50" + (f"&{query}" if query else "")
    timed(path, 3)  # warm: the first request of a shape compiles its statements and may probe counts
    p50, p99, worst, rows = timed(path, requests)
    met = p99 <= target_ms
    if not met:
        over.append((resource, query, p99))
    print(f"| {resource} | `{query or '(default)'}` | {p50:.2f} | {p99:.2f} | {worst:.2f} | {rows} | {'yes' if met else 'no'} |", flush=True)

print()
print("| list | sort | page 1 p50 ms | page 200 p50 ms | page 200 ÷ page 1 | within 10 % |")
print("|---|---|---:|---:|---:|---|")
deep_over = []
for s in sorts_of["figures"]:
    first = "/api/v1/figures?limit=50" + (f"&sort={s}" if s else "")
    page, cursor = first, None
    for _ in range(199):
        cursor = get(page)["nextCursor"]
        page = first + "&cursor=" + urllib.parse.quote(cursor)
    timed(first, 3)
    timed(page, 3)
    # Alternate the two, so a change in the machine's load falls on both.
    ones, deeps = [], []
    for _ in range(5):
        ones.append(timed(first, max(1, requests // 5))[0])
        deeps.append(timed(page, max(1, requests // 5))[0])
    one, deep = sorted(ones)[2], sorted(deeps)[2]
    ratio = deep / one
    if ratio > 1.10:
        deep_over.append((s, ratio))
    print(f"| figures | `{s or '(default)'}` | {one:.2f} | {deep:.2f} | {ratio:.2f} | {'yes' if ratio <= 1.10 else 'no'} |", flush=True)

print()
print(f"cases: {len(cases)}, p99 over {target_ms:g} ms: {len(over)}" + "".join(f"\n  {r}?{q}: {p:.1f} ms" for r, q, p in over))
print(f"page 200 over 1.10 × page 1: {len(deep_over)}" + "".join(f"\n  sort={s or '(default)'}: {r:.2f}" for s, r in deep_over))
