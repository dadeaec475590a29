using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using EnforcementApi.Auth;
using EnforcementApi.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EnforcementApi.Tests.Writes;

/// <summary>A response read whole: status, body text and the headers the write tests look at.</summary>
public sealed record Reply(HttpMethod Method, string Url, HttpStatusCode Status, string Body, string? MediaType, string? ETag, string? Location)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public JsonNode Node => JsonNode.Parse(Body)!;

    public override string ToString() => $"{Method} {Url} answered {(int)Status}: {Body}";
}

/// <summary>
/// The API of one test database, with a write key: sends writes, asserts their outcomes, and counts the
/// database's rows so that a refused request can be shown to have written nothing.
/// </summary>
public sealed class WriteApi
{
    public const string Json = "application/json";
    public const string MergePatch = "application/merge-patch+json";
    public const string KeyName = "tester";

    // One key per app (api_keys.name is unique): every test of a class shares its factory, and so its key.
    static readonly ConditionalWeakTable<object, string> Keys = new();

    readonly Func<System.Data.Common.DbConnection> openDatabase;

    public HttpClient Client { get; }

    public string Key { get; }

    WriteApi(HttpClient client, string key, Func<System.Data.Common.DbConnection> openDatabase)
    {
        Client = client;
        Key = key;
        this.openDatabase = openDatabase;
    }

    public static WriteApi For(ApiFactory factory) => For(factory, factory.OpenDatabase);

    public static WriteApi For(WebApplicationFactory<Program> factory, Func<System.Data.Common.DbConnection> openDatabase)
    {
        var client = factory.CreateClient(); // starts the app, which migrates its database
        var key = Keys.GetValue(factory, _ => factory.Services.GetRequiredService<ApiKeys>().Create(KeyName, KeyScope.Write));
        return new WriteApi(client, key, openDatabase);
    }

    // ---- requests ----

    public async Task<Reply> SendAsync(HttpMethod method, string url, HttpContent? content = null,
        string? ifMatch = null, string? ifNoneMatch = null, bool withKey = true)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (withKey) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new Reply(method, url, response.StatusCode, body, response.Content.Headers.ContentType?.MediaType,
            response.Headers.ETag?.ToString(), response.Headers.Location?.OriginalString);
    }

    /// <summary>A body of exactly this text with exactly this content type (none when null).</summary>
    public static HttpContent Body(string text, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static HttpContent Body(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    static string Text(JsonNode body) => body.ToJsonString();

    public Task<Reply> PostAsync(string resource, JsonNode body) =>
        SendAsync(HttpMethod.Post, $"/api/v1/{resource}", Body(Text(body), Json));

    public Task<Reply> PutAsync(string resource, string id, JsonNode body, string? ifMatch = null) =>
        SendAsync(HttpMethod.Put, $"/api/v1/{resource}/{id}", Body(Text(body), Json), ifMatch);

    public Task<Reply> PatchAsync(string resource, string id, JsonNode patch, string? ifMatch = null) =>
        SendAsync(HttpMethod.Patch, $"/api/v1/{resource}/{id}", Body(Text(patch), MergePatch), ifMatch);

    public Task<Reply> DeleteAsync(string resource, string id, string? ifMatch = null) =>
        SendAsync(HttpMethod.Delete, $"/api/v1/{resource}/{id}", null, ifMatch);

    public Task<Reply> GetAsync(string url, string? ifNoneMatch = null) =>
        SendAsync(HttpMethod.Get, url, null, null, ifNoneMatch, withKey: false);

    // ---- expected outcomes ----

    public static void AssertStatus(Reply reply, HttpStatusCode status) =>
        Assert.True(reply.Status == status, $"{reply} (expected {(int)status})");

    /// <summary>POSTs a record that must be created (201), and returns the reply.</summary>
    public async Task<Reply> CreateAsync(string resource, JsonNode body)
    {
        var reply = await PostAsync(resource, body);
        AssertStatus(reply, HttpStatusCode.Created);
        return reply;
    }

    /// <summary>Creates a record and returns its id.</summary>
    public async Task<string> CreateIdAsync(string resource, JsonNode body) =>
        (await CreateAsync(resource, body)).Json.GetProperty("id").GetString()!;

    public async Task<Reply> ReplaceAsync(string resource, string id, JsonNode body, string? ifMatch = null)
    {
        var reply = await PutAsync(resource, id, body, ifMatch);
        AssertStatus(reply, HttpStatusCode.OK);
        return reply;
    }

    public async Task<Reply> ChangeAsync(string resource, string id, JsonNode patch, string? ifMatch = null)
    {
        var reply = await PatchAsync(resource, id, patch, ifMatch);
        AssertStatus(reply, HttpStatusCode.OK);
        return reply;
    }

    public async Task RemoveAsync(string resource, string id, string? ifMatch = null)
    {
        var reply = await DeleteAsync(resource, id, ifMatch);
        AssertStatus(reply, HttpStatusCode.NoContent);
        Assert.Equal("", reply.Body);
    }

    /// <summary>GETs a record that must be there (200, JSON, with an ETag).</summary>
    public async Task<Reply> ReadAsync(string resource, string id)
    {
        var reply = await GetAsync($"/api/v1/{resource}/{id}");
        AssertStatus(reply, HttpStatusCode.OK);
        Assert.Equal(Json, reply.MediaType);
        Assert.False(string.IsNullOrEmpty(reply.ETag), $"GET /api/v1/{resource}/{id} has no ETag");
        return reply;
    }

    /// <summary>A problem details response with this status; returns the problem.</summary>
    public static JsonElement AssertProblem(Reply reply, HttpStatusCode status)
    {
        AssertStatus(reply, status);
        Assert.True(reply.MediaType == "application/problem+json", $"{reply}: content type {reply.MediaType}, not application/problem+json");
        var problem = reply.Json;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), $"{reply}: the problem has no title");
        return problem;
    }

    /// <summary>
    /// Sends a request that must be refused with this status as a problem, and asserts that the database
    /// has the same rows afterwards as before (nothing was written, not even a revision).
    /// </summary>
    public async Task<JsonElement> RefusedAsync(Func<Task<Reply>> send, HttpStatusCode status)
    {
        var before = Rows();
        var reply = await send();
        Assert.True(reply.Status != HttpStatusCode.InternalServerError, $"{reply} (expected {(int)status}, never 500)");
        var problem = AssertProblem(reply, status);
        Assert.True(before == Rows(), $"{reply.Method} {reply.Url} was refused with {(int)reply.Status} but the database changed:\n before {before}\n after  {Rows()}");
        return problem;
    }

    /// <summary>
    /// Sends a body that must be refused with one 400 whose <c>errors</c> name exactly these paths, each with
    /// at least one message; nothing is written.
    /// </summary>
    public async Task<JsonElement> InvalidAsync(Func<Task<Reply>> send, params string[] paths)
    {
        var problem = await RefusedAsync(send, HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object, $"the 400 has no errors: {problem}");
        var named = errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        Assert.True(paths.Order(StringComparer.Ordinal).SequenceEqual(named),
            $"expected errors for [{string.Join(", ", paths.Order(StringComparer.Ordinal))}], got [{string.Join(", ", named)}]: {problem}");
        foreach (var error in errors.EnumerateObject())
        {
            Assert.Equal(JsonValueKind.Array, error.Value.ValueKind);
            Assert.True(error.Value.GetArrayLength() > 0);
            Assert.All(error.Value.EnumerateArray(), m => Assert.False(string.IsNullOrWhiteSpace(m.GetString())));
        }
        return problem;
    }

    public Task<JsonElement> InvalidPostAsync(string resource, JsonNode body, params string[] paths) =>
        InvalidAsync(() => PostAsync(resource, body), paths);

    // ---- the database ----

    public System.Data.Common.DbConnection OpenDatabase() => openDatabase();

    /// <summary>The row counts a write changes: the records, their parts, revisions and tombstones.</summary>
    /// <summary>Waits (up to 30 s) until no import job is queued or running: a job writes after its 202 was answered.</summary>
    public async Task ImportJobsSettledAsync()
    {
        for (var i = 0; i < 300; i++)
        {
            using (var connection = openDatabase())
                if (connection.ExecuteScalar<long>("select count(*) from import_jobs where state in ('queued', 'running')") == 0) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("An import job was still queued or running after 30 s.");
    }

    public string Rows()
    {
        using var connection = openDatabase();
        var counts = connection.QuerySingle<(long, long, long, long, long, long, long, long, long, long, long)>("""
            select (select count(*) from sources), (select count(*) from entities), (select count(*) from entity_roles),
                   (select count(*) from events), (select count(*) from event_participants), (select count(*) from figures),
                   (select count(*) from statements), (select count(*) from citations), (select count(*) from revisions),
                   (select coalesce(max(id), 0) from revisions), (select count(*) from deleted_records)
            """);
        // Drafts and their items' states: a refused draft or accept changes neither.
        var drafts = connection.QuerySingle<string>("""
            select (select count(*) from drafts) || '/' || (select count(*) from draft_items) || '/' ||
                   (select count(*) from draft_items where state <> 'proposed')
            """);
        return $"sources={counts.Item1} entities={counts.Item2} roles={counts.Item3} events={counts.Item4} participants={counts.Item5} "
             + $"figures={counts.Item6} statements={counts.Item7} citations={counts.Item8} revisions={counts.Item9} "
             + $"lastRevision={counts.Item10} deleted={counts.Item11} drafts={drafts}";
    }

    // ---- lists and search ----

    public async Task<List<string>> ListIdsAsync(string url)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Client.GetJsonAsync(url + (url.Contains('?') ? "&" : "?") + "limit=200"
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            ids.AddRange(page.Ids());
            cursor = page.Str("nextCursor");
        } while (cursor is not null);
        return ids;
    }

    /// <summary>The hits of GET /api/v1/search as <c>type:id</c>.</summary>
    public async Task<List<string>> SearchAsync(string q) =>
        (await Client.GetJsonAsync("/api/v1/search?limit=200&q=" + Uri.EscapeDataString(q))).Items()
            .Select(h => h.Str("type") + ":" + h.Str("id")).ToList();
}

/// <summary>JSON helpers: comparing served records, reading fields.</summary>
public static class JsonOf
{
    public static bool Same(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    public static void AssertSame(JsonNode? expected, JsonNode? actual, string what) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{what}:\n expected {expected?.ToJsonString()}\n actual   {actual?.ToJsonString()}");

    public static JsonNode Node(this JsonElement element) => JsonNode.Parse(element.GetRawText())!;

    /// <summary>
    /// Whether a served record says what was sent: every field sent is served with the same value (numbers
    /// and instants compared by value, arrays in any order); a null sent is served as null, or as an object
    /// of nulls (a citation's location). Fields the server derives (names, titles) may be added.
    /// </summary>
    public static bool Includes(JsonNode? sent, JsonNode? served) => sent switch
    {
        null => served is null || served is JsonObject o && o.All(p => p.Value is null),
        JsonObject obj => served is JsonObject s && obj.All(p => s.ContainsKey(p.Key) && Includes(p.Value, s[p.Key])),
        JsonArray array => served is JsonArray s && s.Count == array.Count && ArrayIncludes(array, s),
        JsonValue value => served is JsonValue s && ValueEquals(value, s),
        _ => false,
    };

    static bool ArrayIncludes(JsonArray sent, JsonArray served)
    {
        var unmatched = served.ToList();
        foreach (var item in sent)
        {
            var match = unmatched.FindIndex(s => Includes(item, s));
            if (match < 0) return false;
            unmatched.RemoveAt(match);
        }
        return true;
    }

    static bool ValueEquals(JsonValue sent, JsonValue served)
    {
        if (sent.GetValueKind() != served.GetValueKind()) return false;
        return sent.GetValueKind() switch
        {
            JsonValueKind.Number => Number(sent) == Number(served),
            JsonValueKind.String when sent.GetValue<string>().Contains('T')
                && DateTimeOffset.TryParse(sent.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var a)
                && DateTimeOffset.TryParse(served.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var b)
                => a == b,
            _ => JsonNode.DeepEquals(sent, served),
        };
    }

    static decimal Number(JsonValue value) =>
        decimal.Parse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    public static void AssertIncludes(JsonNode sent, JsonNode served, string what) =>
        Assert.True(Includes(sent, served), $"{what} does not serve what was sent:\n sent   {sent.ToJsonString()}\n served {served.ToJsonString()}");

    public static readonly Regex UtcTimestamp = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$");
}

/// <summary>
/// What records of every kind need, made through the API for one test: a source, an organization within
/// another, and a person with a role at it; and a valid body of each kind that uses them.
/// </summary>
public sealed class World
{
    public required string Source { get; init; }
    public required string Agency { get; init; }
    public required string Office { get; init; }
    public required string Person { get; init; }
    public const string RoleTitle = "Test Director";

    public static readonly string[] Resources = ["sources", "entities", "events", "figures", "statements"];

    /// <summary>The record type of a resource, as search and the change feed name it.</summary>
    public static string TypeOf(string resource) => resource switch
    {
        "sources" => "source",
        "entities" => "entity",
        "events" => "event",
        "figures" => "figure",
        "statements" => "statement",
        _ => throw new ArgumentException(resource),
    };

    /// <summary>The facet of each list that every record has a value of.</summary>
    public static string FacetOf(string resource) => resource == "statements" ? "quoteType" : "kind";

    public static async Task<World> CreateAsync(WriteApi api)
    {
        var source = await api.CreateIdAsync("sources", Make.Source(Make.Id("test-src"), "Test Bulletin of Record"));
        var agency = await api.CreateIdAsync("entities", Make.Organization(Make.Id("test-agency"), "Test Agency"));
        var office = await api.CreateIdAsync("entities", Make.Organization(Make.Id("test-office"), "Test Field Office", agency));
        var person = await api.CreateIdAsync("entities", Make.Person(Make.Id("test-person"), "Test Person", RoleTitle, office));
        return new World { Source = source, Agency = agency, Office = office, Person = person };
    }

    /// <summary>
    /// A valid body of the resource with every kind of part a served record has (references, roles,
    /// participants, citations with locations), so that GET serves derived fields; <paramref name="word"/>
    /// is in its searchable text.
    /// </summary>
    public JsonObject Body(string resource, string? id, string word) => resource switch
    {
        "sources" => Make.Source(id, $"Test report on {word}"),
        "entities" => new JsonObject
        {
            ["id"] = id, ["kind"] = "person", ["name"] = $"Test {word} Official", ["shortName"] = null,
            ["summary"] = "A synthetic official for tests.", ["parent"] = null,
            ["roles"] = new JsonArray(Make.Role("Test Deputy", Office, "2024-02-01")),
            ["citations"] = new JsonArray(Make.Citation(Source, $"the official {word} said", 10, 2)),
        },
        "events" => new JsonObject
        {
            ["id"] = id, ["kind"] = "announcement", ["title"] = $"Test {word} announcement", ["summary"] = "A synthetic event for tests.",
            ["occurredOn"] = "2024-04-01", ["datePrecision"] = "month",
            ["participants"] = new JsonArray(Make.Participant(Office, "announcer"), Make.Participant(Person, "subject")),
            ["citations"] = new JsonArray(Make.Citation(Source, "a synthetic announcement", 40, 3)),
        },
        "figures" => Make.Figure(id, Source, Office, 1234.5m, word, periodLabel: $"period {word}"),
        "statements" => new JsonObject
        {
            ["id"] = id, ["speaker"] = new JsonObject { ["id"] = Person },
            ["speakerRole"] = new JsonObject { ["title"] = RoleTitle, ["organization"] = new JsonObject { ["id"] = Office } },
            ["text"] = $"We counted the {word} cases.", ["quoteType"] = "direct", ["saidOn"] = "2024-01-01", ["datePrecision"] = "year",
            ["channel"] = "interview",
            ["citations"] = new JsonArray(Make.Citation(Source, $"We counted the {word} cases.", 100, 4)),
        },
        _ => throw new ArgumentException(resource),
    };

    /// <summary>A change to a body that shows in the served record (and keeps it valid).</summary>
    public static JsonObject Changed(string resource, JsonObject body)
    {
        var changed = body.DeepClone().AsObject();
        switch (resource)
        {
            case "sources": changed["title"] = body["title"]!.GetValue<string>() + " (revised)"; break;
            case "entities": changed["summary"] = "A synthetic official for tests, revised."; break;
            case "events": changed["summary"] = "A synthetic event for tests, revised."; break;
            case "figures": changed["value"] = 4321; break;
            case "statements": changed["channel"] = "broadcast"; break;
        }
        return changed;
    }
}

/// <summary>The app over a database of its own, with request bodies limited to 2,048 bytes.</summary>
public sealed class SmallBodyApiFactory : WebApplicationFactory<Program>
{
    public const int Limit = 2048;

    public string DatabasePath { get; } = TempDatabase.NewPath();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Enforcement", "Data Source=" + DatabasePath);
        builder.UseSetting("Api:MaxRequestBodyBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public SqliteConnection OpenDatabase()
    {
        _ = Server;
        var connection = new SqliteConnection($"Data Source={DatabasePath};Foreign Keys=True");
        connection.Open();
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TempDatabase.Delete(DatabasePath);
    }
}
