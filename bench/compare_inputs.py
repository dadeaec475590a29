"""Inputs and checks for bench/compare.sh (the API against bench/Baseline). Standard library only.

  compare_inputs.py ids DB N                 N random figure ids, one a line
  compare_inputs.py walk BASE PATH PAGES     the API's cursor of page PAGES of the list PATH, and the sort
                                             values (periodEnd, id) of the last row before it, tab-separated
  compare_inputs.py etags URL IDS N          "id<TAB>etag" for the first N ids; URL has {id}
  compare_inputs.py same NAME API_URL BASELINE_URL
                                             whether both servers answer with the same records (a page's
                                             items, else the whole body)
  compare_inputs.py conditional NAME API_URL API_ETAG BASELINE_URL BASELINE_ETAG
                                             whether both answer 304 to their own ETag
"""
import json
import sqlite3
import sys
import urllib.error
import urllib.parse
import urllib.request


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def ids(db, n):
    # Read-only, so the benchmark never writes to the file the servers read.
    connection = sqlite3.connect(f"file:{urllib.parse.quote(db)}?mode=ro", uri=True)
    for (figure_id,) in connection.execute("select id from figures order by random() limit ?", (int(n),)):
        print(figure_id)


def walk(base, path, pages):
    cursor, last = None, None
    for _ in range(int(pages) - 1):
        url = base + path + "&fields=id,periodEnd" + (f"&cursor={cursor}" if cursor else "")
        status, _, body = get(url)
        page = json.loads(body)
        if status != 200 or not page.get("nextCursor"):
            sys.exit(f"The list {path} has fewer than {pages} pages (status {status}).")
        cursor, last = page["nextCursor"], page["items"][-1]
    print(f"{cursor}\t{last['periodEnd'] or ''}\t{last['id']}")


def etags(url, ids_file, n):
    with open(ids_file) as lines:
        for figure_id in [line.strip() for line in lines if line.strip()][: int(n)]:
            # Any If-None-Match: the baseline makes an ETag only for a request that brings one.
            status, headers, _ = get(url.replace("{id}", figure_id), {"If-None-Match": '"none"'})
            if status != 200 or not headers.get("ETag"):
                sys.exit(f"No ETag for {figure_id} from {url} (status {status}).")
            print(f"{figure_id}\t{headers['ETag']}")


def records(body):
    """What is compared: a page's items (cursors differ by design), else the whole answer."""
    answer = json.loads(body)
    if isinstance(answer, dict) and "items" in answer:
        return answer["items"], len(answer["items"])
    if isinstance(answer, dict) and "comparisons" in answer:
        return answer, len(answer["actuals"]) + len(answer["targets"]) + len(answer["comparisons"])
    return answer, 1


def same(name, api_url, baseline_url):
    api_status, _, api_body = get(api_url)
    baseline_status, _, baseline_body = get(baseline_url)
    if api_status != 200 or baseline_status != 200:
        print(f"WARNING: {name}: the API answered {api_status}, the baseline {baseline_status}")
        return
    api_records, count = records(api_body)
    baseline_records, baseline_count = records(baseline_body)
    if api_records == baseline_records:
        print(f"same answer: {name} ({count} records)")
    else:
        print(f"WARNING: {name}: the API and the baseline answer differently ({count} and {baseline_count} records)")


def conditional(name, api_url, api_tag, baseline_url, baseline_tag):
    api_status = get(api_url, {"If-None-Match": api_tag})[0]
    baseline_status = get(baseline_url, {"If-None-Match": baseline_tag})[0]
    if api_status == baseline_status == 304:
        print(f"same answer: {name} (304 from both)")
    else:
        print(f"WARNING: {name}: the API answered {api_status}, the baseline {baseline_status}; both should be 304")


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    {"ids": ids, "walk": walk, "etags": etags, "same": same, "conditional": conditional}[command](*arguments)
