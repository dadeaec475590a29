using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Auth;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Curation;

/// <summary>
/// Writes need a live key (401 with a Bearer challenge otherwise, and nothing written); reads need none;
/// key administration needs scope admin (403 for a write key).
/// </summary>
public sealed class AuthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.CreateClient();

    /// <summary>One record of every kind, made with a valid key, to aim PUT, PATCH and DELETE at.</summary>
    sealed record Targets(string Source, string Organization, string Event, string Figure, string Statement)
    {
        public string Of(string resource) => resource switch
        {
            "sources" => Source,
            "entities" => Organization,
            "events" => Event,
            "figures" => Figure,
            _ => Statement,
        };
    }

    async Task<Targets> CreateTargetsAsync(string key)
    {
        var source = Make.Id("auth-source");
        var organization = Make.Id("auth-bureau");
        await client.CreateAsync("sources", Make.Source(source), key);
        await client.CreateAsync("entities", Make.Organization(organization), key);
        var @event = (await client.CreateAsync("events", Make.Event(null, source, "Synthetic auth event", (organization, "announcer")), key)).Str("id")!;
        var figure = (await client.CreateAsync("figures", Make.Figure(null, source, organization), key)).Str("id")!;
        var statement = (await client.CreateAsync("statements", Make.Statement(null, source, organization), key)).Str("id")!;
        return new Targets(source, organization, @event, figure, statement);
    }

    static JsonObject FullBody(string resource, Targets t) => resource switch
    {
        "sources" => Make.Source(null, "A replaced synthetic title"),
        "entities" => Make.Organization(null, "A replaced synthetic bureau"),
        "events" => Make.Event(null, t.Source, "A replaced synthetic event"),
        "figures" => Make.Figure(null, t.Source, t.Organization, 999),
        _ => Make.Statement(null, t.Source, t.Organization, "Replaced synthetic words."),
    };

    static JsonObject Patch(string resource) => resource switch
    {
        "sources" => new JsonObject { ["title"] = "A patched synthetic title" },
        "entities" => new JsonObject { ["name"] = "A patched synthetic bureau" },
        "events" => new JsonObject { ["title"] = "A patched synthetic event" },
        "figures" => new JsonObject { ["value"] = 4242 },
        _ => new JsonObject { ["channel"] = "interview" },
    };

    public static TheoryData<string, string> Writes()
    {
        var data = new TheoryData<string, string>();
        foreach (var resource in Curate.Resources)
            foreach (var method in new[] { "POST", "PUT", "PATCH", "DELETE" })
                data.Add(resource, method);
        return data;
    }

    HttpRequestMessage WriteRequest(string resource, string method, Targets t, Func<HttpRequestMessage, HttpRequestMessage> authorize) =>
        authorize(method switch
        {
            "POST" => Curate.Request(HttpMethod.Post, $"/api/v1/{resource}", FullBody(resource, t)),
            "PUT" => Curate.Request(HttpMethod.Put, $"/api/v1/{resource}/{t.Of(resource)}", FullBody(resource, t)),
            "PATCH" => Curate.Request(HttpMethod.Patch, $"/api/v1/{resource}/{t.Of(resource)}", Patch(resource)),
            _ => Curate.Request(HttpMethod.Delete, $"/api/v1/{resource}/{t.Of(resource)}"),
        });

    static Func<HttpRequestMessage, HttpRequestMessage> Header(string? scheme, string? value) => request =>
    {
        if (scheme is not null) request.Headers.Authorization = new AuthenticationHeaderValue(scheme, value);
        return request;
    };

    static Func<HttpRequestMessage, HttpRequestMessage> RawHeader(string value) => request =>
    {
        request.Headers.TryAddWithoutValidation("Authorization", value);
        return request;
    };

    static string TamperedSecret(string key) => key[..^1] + (key[^1] == 'A' ? 'B' : 'A');

    [Theory, MemberData(nameof(Writes))]
    public async Task A_write_without_a_live_key_is_a_401_with_a_bearer_challenge_and_writes_nothing(string resource, string method)
    {
        var key = factory.CreateKey(Make.Id("auth-writer"));
        var revokedName = Make.Id("auth-revoked");
        var revoked = factory.CreateKey(revokedName);
        var targets = await CreateTargetsAsync(revoked); // the revoked key worked while it was live
        factory.RevokeKey(revokedName);

        var wellFormedStranger = "eak_" + "AAAAAAAAAAAA" + "_" + new string('A', 43);
        (string Case, Func<HttpRequestMessage, HttpRequestMessage> Authorize, bool KeySent)[] cases =
        [
            ("no Authorization", Header(null, null), false),
            ("a well-formed key nobody has", Header("Bearer", wellFormedStranger), true),
            ("a live key's prefix with another secret", Header("Bearer", TamperedSecret(key)), true),
            ("a malformed key", Header("Bearer", "not-a-key"), true),
            ("a live key cut short", Header("Bearer", key[..^5]), true),
            ("a live key under Basic", Header("Basic", key), true),
            ("Basic credentials", Header("Basic", Convert.ToBase64String("user:password"u8.ToArray())), true),
            ("a bare Bearer", RawHeader("Bearer"), true),
            ("a revoked key", Header("Bearer", revoked), true),
        ];

        var url = $"/api/v1/{resource}/{targets.Of(resource)}";
        var before = await client.GetAsync(url);
        var etag = before.Headers.ETag?.Tag;
        using var connection = factory.OpenDatabase();
        var snapshot = Curate.Snapshot(connection);

        foreach (var (name, authorize, keySent) in cases)
        {
            using var response = await client.SendAsync(WriteRequest(resource, method, targets, authorize));
            await Curate.AssertUnauthorizedAsync(response, keySent, $"{method} /api/v1/{resource} with {name}");
            Assert.True(snapshot == Curate.Snapshot(connection), $"{method} /api/v1/{resource} with {name} wrote something");
        }

        using var after = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(etag, after.Headers.ETag?.Tag);

        // And the same request with the live key goes through.
        using var allowed = await client.SendAsync(WriteRequest(resource, method, targets, Header("Bearer", key)));
        var expected = method == "DELETE" && resource is "sources" or "entities"
            ? HttpStatusCode.Conflict // still cited or referred to by the other targets
            : method switch { "POST" => HttpStatusCode.Created, "DELETE" => HttpStatusCode.NoContent, _ => HttpStatusCode.OK };
        Assert.True(allowed.StatusCode == expected,
            $"{method} /api/v1/{resource} with a live key answered {(int)allowed.StatusCode}: {await allowed.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_key_revoked_after_use_is_refused_from_the_next_request_on()
    {
        var name = Make.Id("auth-later-revoked");
        var key = factory.CreateKey(name);
        var source = Make.Id("auth-source");
        await client.CreateAsync("sources", Make.Source(source, "Synthetic curation report"), key);

        factory.RevokeKey(name);

        using var response = await client.PatchAsync($"/api/v1/sources/{source}", new JsonObject { ["title"] = "A revoked change" }, key);
        await Curate.AssertUnauthorizedAsync(response, invalidToken: true, "PATCH with a revoked key");
        Assert.Equal("Synthetic curation report", (await client.GetJsonAsync($"/api/v1/sources/{source}")).Str("title"));
    }

    [Theory]
    [InlineData("/api/v1/figures")]
    [InlineData("/api/v1/figures?count=true&facet=metric")]
    [InlineData("/api/v1/sources")]
    [InlineData("/api/v1/entities")]
    [InlineData("/api/v1/events")]
    [InlineData("/api/v1/statements")]
    [InlineData("/api/v1/metrics")]
    [InlineData("/api/v1/search?q=removals")]
    [InlineData("/api/v1/changes?limit=5")]
    [InlineData("/api/v1/sources/article-ice-leadership-shakeup")]
    [InlineData("/api/v1/sources/article-ice-leadership-shakeup/revisions")]
    public async Task Reads_need_no_key(string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_write_key_is_forbidden_to_list_or_revoke_keys_and_revokes_nothing()
    {
        var writer = factory.CreateKey(Make.Id("auth-not-admin"));
        var victimName = Make.Id("auth-victim");
        var victim = factory.CreateKey(victimName);

        using (var list = await client.SendAsync(Curate.Request(HttpMethod.Get, "/api/v1/admin/keys", key: writer)))
        {
            var problem = await Curate.AssertProblemAsync(list, HttpStatusCode.Forbidden, "GET /api/v1/admin/keys with a write key");
            Assert.DoesNotContain(victimName, problem.ToString());
        }
        using (var revoke = await client.SendAsync(Curate.Request(HttpMethod.Post, $"/api/v1/admin/keys/{victimName}/revoke", key: writer)))
            await Curate.AssertProblemAsync(revoke, HttpStatusCode.Forbidden, "POST /api/v1/admin/keys/{name}/revoke with a write key");

        await client.CreateAsync("sources", Make.Source(Make.Id("auth-source")), victim);
    }

    [Fact]
    public async Task Key_administration_without_a_key_or_with_a_wrong_key_is_a_401()
    {
        using (var none = await client.GetAsync("/api/v1/admin/keys"))
            await Curate.AssertUnauthorizedAsync(none, invalidToken: false, "GET /api/v1/admin/keys without a key");
        using (var wrong = await client.SendAsync(Curate.Request(HttpMethod.Post, "/api/v1/admin/keys/anyone/revoke", key: "eak_wrong")))
            await Curate.AssertUnauthorizedAsync(wrong, invalidToken: true, "POST /api/v1/admin/keys/anyone/revoke with a wrong key");
    }

    [Fact]
    public async Task An_admin_key_lists_every_key_by_name_and_scope_and_never_a_key()
    {
        var adminName = Make.Id("auth-admin");
        var admin = factory.CreateKey(adminName, KeyScope.Admin);
        var writerName = Make.Id("auth-listed");
        var writer = factory.CreateKey(writerName);

        using var response = await client.SendAsync(Curate.Request(HttpMethod.Get, "/api/v1/admin/keys", key: admin));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = JsonDocument.Parse(text).RootElement.Items().ToDictionary(i => i.Str("name")!);
        Assert.Equal("admin", items[adminName].Str("scope"));
        Assert.Equal("write", items[writerName].Str("scope"));
        Assert.Equal(["name", "scope", "createdAt", "lastUsedAt", "revokedAt"], items[writerName].EnumerateObject().Select(p => p.Name));
        Assert.NotNull(items[adminName].Str("lastUsedAt"));
        Assert.Null(items[writerName].Str("lastUsedAt"));
        foreach (var key in new[] { admin, writer })
        {
            Assert.DoesNotContain(key, text);
            Assert.DoesNotContain(Curate.SecretOf(key), text);
        }
        Assert.DoesNotContain("eak_", text);
    }

    [Fact]
    public async Task An_admin_key_revokes_a_key_by_name_which_is_then_refused()
    {
        var admin = factory.CreateKey(Make.Id("auth-admin"), KeyScope.Admin);
        var name = Make.Id("auth-to-revoke");
        var key = factory.CreateKey(name);
        await client.CreateAsync("sources", Make.Source(Make.Id("auth-source")), key);

        using (var revoke = await client.SendAsync(Curate.Request(HttpMethod.Post, $"/api/v1/admin/keys/{name}/revoke", key: admin)))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        using (var refused = await client.PostAsync("/api/v1/sources", Make.Source(Make.Id("auth-source")), key))
            await Curate.AssertUnauthorizedAsync(refused, invalidToken: true, "POST with a key revoked over HTTP");
        var listed = await SendAdminAsync(HttpMethod.Get, "/api/v1/admin/keys", admin);
        Assert.NotNull(listed.Items().Single(i => i.Str("name") == name).Str("revokedAt"));

        using var again = await client.SendAsync(Curate.Request(HttpMethod.Post, $"/api/v1/admin/keys/{name}/revoke", key: admin));
        await Curate.AssertProblemAsync(again, HttpStatusCode.NotFound, "revoking a revoked key again");
    }

    [Fact]
    public async Task Revoking_an_unknown_key_name_is_a_404_problem()
    {
        var admin = factory.CreateKey(Make.Id("auth-admin"), KeyScope.Admin);
        using var response = await client.SendAsync(Curate.Request(HttpMethod.Post, "/api/v1/admin/keys/no-such-key-name/revoke", key: admin));
        await Curate.AssertProblemAsync(response, HttpStatusCode.NotFound, "POST /api/v1/admin/keys/no-such-key-name/revoke");
    }

    [Fact]
    public async Task An_admin_key_can_also_write_records()
    {
        var name = Make.Id("auth-admin-writer");
        var admin = factory.CreateKey(name, KeyScope.Admin);
        var source = Make.Id("auth-source");
        await client.CreateAsync("sources", Make.Source(source), admin);
        await client.ChangeAsync("sources", source, new JsonObject { ["title"] = "Changed by an admin key" }, admin);
        await client.RemoveAsync("sources", source, admin);

        var revisions = await client.GetJsonAsync($"/api/v1/sources/{source}/revisions");
        Assert.Equal([name, name, name], revisions.Items().Select(r => r.Str("keyName")));
    }

    async Task<JsonElement> SendAdminAsync(HttpMethod method, string url, string key)
    {
        using var response = await client.SendAsync(Curate.Request(method, url, key: key));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {url} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>No key, and no secret part of one, is ever written to a log, whatever the request's outcome.</summary>
public sealed class KeyLoggingTests(LoggingApiFactory factory) : IClassFixture<LoggingApiFactory>
{
    readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task No_log_message_contains_a_key_or_its_secret_part()
    {
        var writerName = Make.Id("log-writer");
        var writer = factory.CreateKey(writerName);
        var admin = factory.CreateKey(Make.Id("log-admin"), KeyScope.Admin);
        var revokedName = Make.Id("log-revoked");
        var revoked = factory.CreateKey(revokedName);
        var stranger = "eak_" + "BBBBBBBBBBBB" + "_" + new string('C', 43);
        var tampered = writer[..^1] + (writer[^1] == 'x' ? 'y' : 'x');
        string[] secrets = [writer, admin, revoked, stranger, tampered];

        var source = Make.Id("log-source");
        var bureau = Make.Id("log-bureau");
        await client.CreateAsync("sources", Make.Source(source), writer);
        await client.CreateAsync("entities", Make.Organization(bureau), writer);
        await client.CreateAsync("figures", Make.Figure(null, source, bureau), revoked);
        factory.RevokeKey(revokedName);

        var requests = new List<HttpRequestMessage>();
        foreach (var key in secrets)
        {
            requests.Add(Curate.Request(HttpMethod.Post, "/api/v1/figures", Make.Figure(null, source, bureau), key, null, ("Idempotency-Key", Make.Id("log"))));
            requests.Add(Curate.Request(HttpMethod.Post, "/api/v1/figures", "{\"metric\": 1}", key));            // a 400 for a live key
            requests.Add(Curate.Request(HttpMethod.Post, "/api/v1/figures", "{not json", key));                 // malformed JSON
            requests.Add(Curate.Request(HttpMethod.Post, "/api/v1/figures", Make.Figure(null, source, bureau), key, "text/plain")); // 415
            requests.Add(Curate.Request(HttpMethod.Patch, "/api/v1/figures/log-no-such-figure", new JsonObject { ["value"] = 1 }, key)); // 404
            requests.Add(Curate.Request(HttpMethod.Delete, $"/api/v1/sources/{source}", null, key));            // 409: cited
            requests.Add(Curate.Request(HttpMethod.Get, "/api/v1/admin/keys", null, key));                      // 403 or 200
            requests.Add(Curate.Request(HttpMethod.Post, "/api/v1/admin/keys/log-nobody/revoke", null, key));   // 403 or 404
            requests.Add(Curate.Request(HttpMethod.Get, "/api/v1/figures?limit=1", null, key));                 // a read with a key
            requests.Add(Curate.Request(HttpMethod.Get, "/api/v1/figures?limit=abc", null, key));               // a bad read
            var basic = Curate.Request(HttpMethod.Post, "/api/v1/sources", Make.Source(null), null);
            basic.Headers.TryAddWithoutValidation("Authorization", "Basic " + key);
            requests.Add(basic);
            var lower = Curate.Request(HttpMethod.Post, "/api/v1/sources", Make.Source(null), null);
            lower.Headers.TryAddWithoutValidation("Authorization", "bearer " + key);
            requests.Add(lower);
            requests.Add(Curate.Request(HttpMethod.Get, "/api/v1/figures?q=" + Uri.EscapeDataString(key[4..16]), null, key)); // a query with the prefix, not the secret
        }
        var statuses = new HashSet<int>();
        foreach (var request in requests)
            using (var response = await client.SendAsync(request))
                statuses.Add((int)response.StatusCode);
        Assert.Superset(new HashSet<int> { 200, 201, 400, 401, 403, 404, 409, 415 }, statuses);

        var messages = factory.Logs.Messages.ToList();
        Assert.Contains(messages, m => m.Contains("ApiKey")); // the authentication handler's own messages were captured
        foreach (var key in secrets)
        {
            var leaking = messages.Where(m => m.Contains(key) || m.Contains(Curate.SecretOf(key))).ToList();
            Assert.True(leaking.Count == 0, "a log message holds a key:\n" + string.Join("\n", leaking));
        }
    }
}
