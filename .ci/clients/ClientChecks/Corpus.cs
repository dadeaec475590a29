using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ClientChecks;

/// <summary>
/// A corpus of requests sent through a validating proxy (Stoplight Prism, in proxy mode in front of the API):
/// every operation of the contract, HEAD included, with reads, 304s, errors, writes, drafts and PUT round
/// trips. Prism checks each answer against the contract and each request too; a request the corpus means
/// as bad (a wrong parameter, no key) is expected to break the contract, every other one is not. Any
/// violation of an answer, or of a request meant as good, fails; so does an operation the corpus missed.
/// </summary>
static class Corpus
{
    sealed record Sent(string Method, string Url, int Status, bool MeantValid, List<string> RequestViolations, List<string> ResponseViolations);

    public static async Task RunAsync(Check check, string baseUrl, string apiUrl, string writeKey, string adminKey, string contractPath)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
        // Prism 5.14.2 answers 500 to a HEAD whose GET is JSON: it parses the empty body as JSON (parseResponseBody
        // skips only 204). Those HEADs go to the API itself and are checked here against the contract and against
        // the same GET through Prism: a declared status, no body, the GET's status, ETag and Content-Type.
        using var direct = new HttpClient { BaseAddress = new Uri(apiUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
        var headProblems = new List<string>();
        var sent = new List<Sent>();
        var suffix = Guid.NewGuid().ToString("N")[..8];

        async Task<(int Status, string Body, HttpResponseMessage Response)> Send(string method, string url, string? body = null, string? contentType = null,
            string? key = null, bool valid = true, params (string Name, string Value)[] headers)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url.TrimStart('/'));
            if (body is not null)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
            }
            if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
            var jsonHead = method == "HEAD" && !url.StartsWith("/api/v1/export/", StringComparison.Ordinal) && !url.StartsWith("/api/v1/dataset", StringComparison.Ordinal);
            var response = await (jsonHead ? direct : http).SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var (requestViolations, responseViolations) = Violations(response);
            if (jsonHead)
            {
                using var asGet = new HttpRequestMessage(HttpMethod.Get, url.TrimStart('/'));
                if (key is not null) asGet.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                foreach (var (name, value) in headers) asGet.Headers.TryAddWithoutValidation(name, value);
                using var get = await http.SendAsync(asGet);
                (requestViolations, responseViolations) = Violations(get);
                var declared = HeadStatuses(contractPath, url.Split('?')[0]);
                if (!declared.Contains(((int)response.StatusCode).ToString())) headProblems.Add($"HEAD {url}: {(int)response.StatusCode} is not declared ({string.Join(", ", declared)})");
                if (text.Length > 0) headProblems.Add($"HEAD {url}: a body of {text.Length} characters");
                if (get.StatusCode != response.StatusCode) headProblems.Add($"HEAD {url}: {(int)response.StatusCode}, its GET {(int)get.StatusCode}");
                // Prism asks the API for br or gzip, so its GET's tag names the compressed copy of the same representation.
                static string? Plain(string? tag) => tag is null ? null : Regex.Replace(tag, "-(br|gzip)\"$", "\"");
                if (Plain(get.Headers.ETag?.ToString()) != Plain(response.Headers.ETag?.ToString())) headProblems.Add($"HEAD {url}: ETag {response.Headers.ETag}, its GET's {get.Headers.ETag}");
                if (get.Content.Headers.ContentType?.MediaType != response.Content.Headers.ContentType?.MediaType)
                    headProblems.Add($"HEAD {url}: Content-Type {response.Content.Headers.ContentType}, its GET's {get.Content.Headers.ContentType}");
            }
            sent.Add(new Sent(method, url, (int)response.StatusCode, valid, requestViolations, responseViolations));
            return ((int)response.StatusCode, text, response);
        }
        async Task<string?> ETagOf(string url, string? key = null) =>
            (await Send("GET", url, key: key)).Response.Headers.ETag?.ToString();

        // The public reads of each resource: list, page 2 by cursor, HEAD, 304, one record, its revisions, errors.
        var records = new (string Resource, string Id)[]
        {
            ("sources", "article-ice-leadership-shakeup"), ("entities", "ice"), ("events", "ice-leadership-realignment"),
            ("figures", "dhs-removals-first-100-days"), ("statements", "tom-homan-on-agents"),
        };
        foreach (var (resource, id) in records)
        {
            var list = $"/api/v1/{resource}";
            var (_, page, _) = await Send("GET", list + "?limit=2");
            if (JsonNode.Parse(page)?["nextCursor"]?.GetValue<string>() is { } cursor)
                await Send("GET", list + "?limit=2&cursor=" + Uri.EscapeDataString(cursor));
            await Send("HEAD", list);
            if (await ETagOf(list) is { } listTag) await Send("GET", list, headers: ("If-None-Match", listTag));
            await Send("GET", list + "?count=true");
            await Send("GET", list + "?colour=red", valid: false);
            await Send("GET", list + "?limit=0", valid: false);
            await Send("GET", $"{list}/{id}");
            await Send("HEAD", $"{list}/{id}");
            if (await ETagOf($"{list}/{id}") is { } tag)
            {
                await Send("GET", $"{list}/{id}", headers: ("If-None-Match", tag));
                await Send("HEAD", $"{list}/{id}", headers: ("If-None-Match", tag));
            }
            await Send("GET", $"{list}/{id}?fields=id");
            await Send("GET", $"{list}/no-such-record-{suffix}");
            await Send("GET", $"{list}/{id}/revisions");
            await Send("HEAD", $"{list}/{id}/revisions");
            await Send("GET", $"{list}/no-such-record-{suffix}/revisions");
            await Send("GET", $"/api/v1/export/{resource}?format=csv");
            await Send("GET", $"/api/v1/export/{resource}", headers: ("Accept", "text/csv"));
            await Send("GET", $"/api/v1/export/{resource}?format=ndjson");
            await Send("HEAD", $"/api/v1/export/{resource}");
            await Send("GET", $"/api/v1/export/{resource}?format=xml", valid: false);
        }

        // Analyses, vocabularies, search, the feed, the home document, the probes, the files.
        foreach (var url in new[]
                 {
                     "/api/v1/figures/pace?metric=removals", "/api/v1/figures/discrepancies", "/api/v1/figures/discrepancies?metric=arrests&tolerance=0.05",
                     "/api/v1/figures/series?metric=removals&interval=fiscal_year", "/api/v1/metrics", "/api/v1/dimensions",
                     "/api/v1/search?q=removals", "/api/v1/search?q=deport*&facet=type&limit=1", "/api/v1/changes?limit=5",
                     "/health/live", "/health/ready", "/api/v1/export/citations", "/api/v1/dataset.sqlite",
                 })
        {
            await Send("GET", url);
            await Send("HEAD", url);
        }
        foreach (var url in new[] { "/api/v1/figures/pace?metric=colour", "/api/v1/figures/series?metric=removals&interval=week", "/api/v1/search?q=%22open" })
            await Send("GET", url, valid: false);

        // The claims check: as a link (GET, HEAD), POSTed as text and as JSON, and bad texts.
        var claim = Uri.EscapeDataString("ICE removed 271,484 people in fiscal year 2024.");
        await Send("GET", "/api/v1/claims/check?text=" + claim + "&asOf=2025-06-01");
        await Send("HEAD", "/api/v1/claims/check?text=" + claim + "&asOf=2025-06-01");
        await Send("GET", "/api/v1/claims/check?text=" + Uri.EscapeDataString("No number here."));
        await Send("POST", "/api/v1/claims/check", "DHS deported more than 150,000 in the first three months.", "text/plain");
        await Send("POST", "/api/v1/claims/check", """{"text": "ICE removed 271,484 people in fiscal year 2024.", "tolerance": 0.05, "asOf": "2025-06-01"}""", "application/json");
        await Send("GET", "/api/v1/claims/check?text=", valid: false);
        await Send("GET", "/api/v1/claims/check?text=a%01b", valid: false);
        await Send("POST", "/api/v1/claims/check", """{"text": "ICE removed 271,484 people.", "tolerance": 7}""", "application/json", valid: false);
        var (_, changes, _) = await Send("GET", "/api/v1/changes?limit=2");
        if (JsonNode.Parse(changes)?["nextCursor"]?.GetValue<string>() is { } since)
            await Send("GET", "/api/v1/changes?limit=2&since=" + Uri.EscapeDataString(since));
        if (await ETagOf("/api/v1/metrics") is { } metricsTag) await Send("GET", "/api/v1/metrics", headers: ("If-None-Match", metricsTag));
        await Send("GET", "/", headers: ("Accept", "application/json"));
        await Send("HEAD", "/", headers: ("Accept", "application/json"));
        var home = (await Send("GET", "/", headers: ("Accept", "application/json"))).Response.Headers.ETag?.ToString();
        if (home is not null) await Send("GET", "/", headers: [("Accept", "application/json"), ("If-None-Match", home)]);
        await Send("GET", "/?colour=red", headers: ("Accept", "application/json"));

        // Keys: admin reads; no key and a write key are refused.
        await Send("GET", "/api/v1/admin/keys", key: adminKey);
        await Send("HEAD", "/api/v1/admin/keys", key: adminKey);
        await Send("GET", "/api/v1/admin/keys", valid: false);
        await Send("GET", "/api/v1/admin/keys", key: writeKey);
        await Send("POST", "/api/v1/admin/keys/ci-revocable/revoke", key: adminKey);
        await Send("POST", $"/api/v1/admin/keys/no-such-key-{suffix}/revoke", key: adminKey);

        // Writes of every resource: create, read, PUT the read body back, patch, a stale If-Match, bad bodies, delete.
        var sourceId = "corpus-source-" + suffix;
        var bodies = new (string Resource, string Id, string Body, string Patch)[]
        {
            ("sources", sourceId, $$$"""{"id": "{{{sourceId}}}", "kind": "report", "title": "A corpus source", "publisher": "Corpus Press", "publishedOn": "2024-03-15", "language": "en"}""",
                """{"author": "A. Writer"}"""),
            ("entities", "corpus-office-" + suffix, $$$"""{"id": "corpus-office-{{{suffix}}}", "kind": "organization", "name": "Corpus Office", "summary": "An office for the corpus.", "parent": {"id": "dhs"}, "citations": [{"sourceId": "{{{sourceId}}}", "excerpt": "the Corpus Office"}]}""",
                """{"shortName": "CO"}"""),
            ("entities", "corpus-person-" + suffix, $$$"""{"id": "corpus-person-{{{suffix}}}", "kind": "person", "name": "Corpus Official", "summary": "An official for the corpus.", "roles": [{"title": "Director", "organization": {"id": "corpus-office-{{{suffix}}}"}, "startedOn": "2024-01-01"}]}""",
                """{"summary": "An official of the corpus."}"""),
            ("events", "corpus-event-" + suffix, $$$"""{"id": "corpus-event-{{{suffix}}}", "kind": "announcement", "title": "A corpus announcement", "summary": "The office announced a test.", "occurredOn": "2024-04-02", "participants": [{"entity": {"id": "corpus-office-{{{suffix}}}"}, "role": "announcer"}], "citations": [{"sourceId": "{{{sourceId}}}", "excerpt": "the office announced"}]}""",
                """{"summary": "The office announced a second test."}"""),
            ("figures", "corpus-figure-" + suffix, $$$"""{"id": "corpus-figure-{{{suffix}}}", "metric": "removals", "kind": "actual", "value": 1200, "unit": "people", "periodStart": "2024-01-01", "periodEnd": "2024-01-31", "scope": "US", "breakdown": {"dimension": "citizenship", "value": "MX"}, "reportedBy": {"id": "corpus-office-{{{suffix}}}"}, "statedAs": "removed", "citations": [{"sourceId": "{{{sourceId}}}", "excerpt": "1,200 people were removed", "location": {"charStart": 0, "charEnd": 25, "paragraph": 1}}]}""",
                """{"periodLabel": "January 2024"}"""),
            ("statements", "corpus-statement-" + suffix, $$$"""{"id": "corpus-statement-{{{suffix}}}", "speaker": {"id": "corpus-person-{{{suffix}}}"}, "speakerRole": {"title": "Director", "organization": {"id": "corpus-office-{{{suffix}}}"}}, "text": "We counted every case.", "quoteType": "direct", "saidOn": "2024-04-02", "citations": [{"sourceId": "{{{sourceId}}}", "excerpt": "We counted every case."}]}""",
                """{"channel": "press_release"}"""),
        };
        foreach (var (resource, id, body, patch) in bodies)
        {
            var url = $"/api/v1/{resource}/{id}";
            await Send("POST", $"/api/v1/{resource}", body, key: writeKey, headers: ("Idempotency-Key", "corpus-" + id));
            await Send("POST", $"/api/v1/{resource}", body, key: writeKey, headers: ("Idempotency-Key", "corpus-" + id));
            await Send("POST", $"/api/v1/{resource}", body, valid: false);
            await Send("POST", $"/api/v1/{resource}", """{"id": 7, "colour": "red"}""", key: writeKey, valid: false);
            await Send("POST", $"/api/v1/{resource}", body, key: writeKey);
            var (_, served, read) = await Send("GET", url);
            await Send("PUT", url, served, key: writeKey, headers: ("If-Match", read.Headers.ETag?.ToString() ?? "*"));
            var tag = await ETagOf(url);
            await Send("PATCH", url, patch, "application/merge-patch+json", key: writeKey, headers: ("If-Match", tag ?? "*"));
            await Send("PATCH", url, patch, "application/merge-patch+json", key: writeKey, headers: ("If-Match", tag ?? "*"));
            await Send("PATCH", url, patch, "text/plain", key: writeKey, valid: false);
            await Send("PUT", $"/api/v1/{resource}/no-such-record-{suffix}", served, key: writeKey);
        }
        // Deletes, the most dependent first: a record still referred to is a 409, a deleted one 410.
        await Send("DELETE", $"/api/v1/sources/{sourceId}", key: writeKey);
        foreach (var (resource, id, _, _) in Enumerable.Reverse(bodies))
        {
            await Send("DELETE", $"/api/v1/{resource}/{id}", key: writeKey, headers: ("If-Match", await ETagOf($"/api/v1/{resource}/{id}") ?? "*"));
            await Send("GET", $"/api/v1/{resource}/{id}");
            await Send("DELETE", $"/api/v1/{resource}/{id}", key: writeKey);
        }

        // Drafts: from the stored text and from a text sent, read, listed, accepted three ways, rejected, deleted.
        var (_, draftText, _) = await Send("POST", "/api/v1/sources/article-ice-leadership-shakeup/drafts", key: writeKey);
        var draft = JsonNode.Parse(draftText)!;
        var draftId = draft["id"]!.GetValue<string>();
        var items = draft["items"]!.AsArray();
        int N(Func<JsonNode, bool> which) => items.First(i => which(i!))!["n"]!.GetValue<int>();
        await Send("GET", "/api/v1/drafts/" + draftId, key: writeKey);
        await Send("HEAD", "/api/v1/drafts/" + draftId, key: writeKey);
        await Send("GET", "/api/v1/drafts?source=article-ice-leadership-shakeup", key: writeKey);
        await Send("HEAD", "/api/v1/drafts", key: writeKey);
        await Send("GET", "/api/v1/drafts/draft-000000000000", key: writeKey);
        await Send("GET", "/api/v1/drafts", valid: false);
        var figureItem = N(i => i["kind"]!.GetValue<string>() == "figure" && i["record"]!["value"]!.GetValue<decimal>() == 65600m);
        await Send("POST", $"/api/v1/drafts/{draftId}/items/{figureItem}/accept",
            """{"reportedBy": {"id": "dhs"}, "periodStart": "2025-01-20", "periodEnd": "2025-04-29"}""", "application/merge-patch+json", key: writeKey);
        await Send("POST", $"/api/v1/drafts/{draftId}/items/{figureItem}/accept", key: writeKey);
        var statementItem = N(i => i["kind"]!.GetValue<string>() == "statement" && i["record"]!["speaker"] is not null);
        await Send("POST", $"/api/v1/drafts/{draftId}/items/{statementItem}/accept", "{}", "application/merge-patch+json", key: writeKey);
        var otherFigure = items.Where(i => i!["kind"]!.GetValue<string>() == "figure" && i["n"]!.GetValue<int>() != figureItem && i["record"]!["reportedBy"] is not null)
            .Select(i => i!).FirstOrDefault();
        if (otherFigure is not null)
        {
            var whole = otherFigure["record"]!.DeepClone();
            whole["id"] = "corpus-drafted-" + suffix;
            await Send("POST", $"/api/v1/drafts/{draftId}/items/{otherFigure["n"]}/accept", whole.ToJsonString(), key: writeKey);
        }
        var rejectItem = N(i => i["n"]!.GetValue<int>() != figureItem && i["n"]!.GetValue<int>() != statementItem && i["n"]!.GetValue<int>() != otherFigure?["n"]?.GetValue<int>());
        await Send("POST", $"/api/v1/drafts/{draftId}/items/{rejectItem}/reject", key: writeKey);
        await Send("POST", $"/api/v1/drafts/{draftId}/items/{rejectItem}/accept", key: writeKey);
        await Send("POST", $"/api/v1/drafts/{draftId}/items/{figureItem}/reject", key: writeKey);
        await Send("POST", $"/api/v1/drafts/{draftId}/items/9999/accept", key: writeKey);
        var (_, ownText, _) = await Send("POST", "/api/v1/sources/article-ice-leadership-shakeup/drafts",
            "The agency said it removed 1,200 people in March 2024.", "text/plain", key: writeKey);
        await Send("POST", "/api/v1/sources/no-such-source/drafts", key: writeKey);
        await Send("POST", "/api/v1/sources/article-ice-leadership-shakeup/drafts", " ", "text/plain", key: writeKey);
        await Send("DELETE", "/api/v1/drafts/" + JsonNode.Parse(ownText)!["id"]!.GetValue<string>(), key: writeKey);
        await Send("DELETE", "/api/v1/drafts/draft-000000000000", key: writeKey);

        // Imports: a dry run, a bad file, one for real, as a job both ways, and the job followed.
        var lineSource = "corpus-import-" + suffix;
        var lines = $$"""
            {"type": "source", "id": "{{lineSource}}", "kind": "report", "title": "An imported corpus source", "language": "en"}
            {"type": "figure", "id": "{{lineSource}}-figure", "metric": "removals", "kind": "actual", "value": 300, "unit": "people", "scope": "US", "reportedBy": {"id": "ice"}, "citations": [{"sourceId": "{{lineSource}}", "excerpt": "300 people were removed"}]}

            """;
        await Send("POST", "/api/v1/import?dryRun=true", lines, "application/x-ndjson", key: writeKey);
        await Send("POST", "/api/v1/import", "{\"type\": \"colour\"}\nnot json\n", "application/x-ndjson", key: writeKey);
        await Send("POST", "/api/v1/import", lines, "application/x-ndjson", key: writeKey);
        var (_, jobText, _) = await Send("POST", "/api/v1/import?dryRun=true", lines, "application/x-ndjson", key: writeKey, headers: ("Prefer", "respond-async"));
        var (_, started, _) = await Send("POST", "/api/v1/imports?dryRun=true", lines, "application/x-ndjson", key: writeKey);
        foreach (var job in new[] { jobText, started })
            if (JsonNode.Parse(job)?["id"]?.GetValue<string>() is { } jobId)
            {
                await Task.Delay(300);
                await Send("GET", "/api/v1/imports/" + jobId, key: writeKey);
                await Send("HEAD", "/api/v1/imports/" + jobId, key: writeKey);
            }
        await Send("GET", "/api/v1/imports/import-000000000000", key: writeKey);
        await Send("POST", "/api/v1/import", lines, "application/json", key: writeKey);

        // What Prism found.
        var operations = OperationsOf(contractPath);
        var covered = operations.Where(o => sent.Any(s => s.Method == o.Method && o.Pattern.IsMatch(s.Url.Split('?')[0]))).ToList();
        foreach (var missed in operations.Except(covered)) check.That($"corpus covers {missed.Method} {missed.Template}", false);
        check.That($"corpus: {sent.Count} requests over {covered.Count} of {operations.Count} operations (at least 150 requests)", sent.Count >= 150 && covered.Count == operations.Count);

        var badAnswers = sent.Where(s => s.ResponseViolations.Count > 0).ToList();
        var badRequests = sent.Where(s => s.MeantValid && s.RequestViolations.Count > 0).ToList();
        foreach (var s in badAnswers.Take(20))
            Console.WriteLine($"    answer of {s.Method} {s.Url} ({s.Status}): {string.Join(" | ", s.ResponseViolations)}");
        foreach (var s in badRequests.Take(20))
            Console.WriteLine($"    request {s.Method} {s.Url} ({s.Status}): {string.Join(" | ", s.RequestViolations)}");
        check.That($"Prism: 0 answers that break the contract (found {badAnswers.Count})", badAnswers.Count == 0);
        check.That($"Prism: 0 requests meant as good that break the contract (found {badRequests.Count})", badRequests.Count == 0);
        // Prism knows a request is bad only where the contract's schemas say so (an unknown parameter, a metric
        // that does not exist, a query the search cannot parse, are the API's own checks): told, not counted.
        Console.WriteLine($"    Prism found {sent.Count(s => !s.MeantValid && s.RequestViolations.Count > 0)} of the {sent.Count(s => !s.MeantValid)} requests meant as bad to break the contract");
        foreach (var s in sent.Where(s => s.Status >= 500))
            Console.WriteLine($"    {s.Method} {s.Url}: {s.Status}");
        check.That("no 5xx", sent.All(s => s.Status < 500));
        foreach (var problem in headProblems) Console.WriteLine("    " + problem);
        check.That($"HEAD of JSON reads, sent to the API: as the contract and the GET say ({sent.Count(s => s.Method == "HEAD")} HEADs)", headProblems.Count == 0);
    }

    /// <summary>The violations Prism reports in its <c>sl-violations</c> header, of the request and of the answer (errors only).</summary>
    static (List<string> Request, List<string> Response) Violations(HttpResponseMessage response)
    {
        var request = new List<string>();
        var answer = new List<string>();
        if (!response.Headers.TryGetValues("sl-violations", out var values)) return (request, answer);
        foreach (var value in values)
            foreach (var violation in JsonNode.Parse(value)?.AsArray() ?? [])
            {
                var severity = violation?["severity"]?.ToString();
                if (severity is not ("Error" or "0")) continue;
                var location = violation?["location"]?.AsArray().Select(l => l?.ToString()).ToList() ?? [];
                var text = string.Join(".", location) + ": " + violation?["message"];
                (location.FirstOrDefault() == "request" ? request : answer).Add(text);
            }
        return (request, answer);
    }

    /// <summary>The statuses the contract declares for HEAD of a path (the best matching template: literal segments first).</summary>
    static List<string> HeadStatuses(string contractPath, string path)
    {
        var document = JsonNode.Parse(File.ReadAllText(contractPath))!;
        var match = OperationsOf(contractPath).Where(o => o.Method == "HEAD" && o.Pattern.IsMatch(path))
            .OrderBy(o => o.Template.Count(c => c == '{')).FirstOrDefault();
        return match is null ? [] : document["paths"]![match.Template]!["head"]!["responses"]!.AsObject().Select(r => r.Key).ToList();
    }

    sealed record ContractOperation(string Method, string Template, Regex Pattern);

    static List<ContractOperation> OperationsOf(string contractPath)
    {
        var document = JsonNode.Parse(File.ReadAllText(contractPath))!;
        return document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(m => m.Key is "get" or "head" or "post" or "put" or "patch" or "delete")
                .Select(m => new ContractOperation(m.Key.ToUpperInvariant(), p.Key,
                    new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$"))))
            .ToList();
    }
}
