using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using EnforcementApi.Auth;
using EnforcementApi.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnforcementApi.Tests.Curation;

/// <summary>Keys and write requests for the curation tests (their bodies are made by <see cref="Make"/>).</summary>
public static class Curate
{
    public const string Json = "application/json";
    public const string MergePatch = "application/merge-patch+json";

    /// <summary>Creates a key in the app's own database and returns it.</summary>
    public static string CreateKey<TProgram>(this WebApplicationFactory<TProgram> factory, string name, KeyScope scope = KeyScope.Write)
        where TProgram : class =>
        factory.Services.GetRequiredService<ApiKeys>().Create(name, scope);

    public static void RevokeKey<TProgram>(this WebApplicationFactory<TProgram> factory, string name) where TProgram : class =>
        Assert.True(factory.Services.GetRequiredService<ApiKeys>().Revoke(name));

    /// <summary>The secret part of a key (after <c>eak_</c>, the 12-character prefix and <c>_</c>).</summary>
    public static string SecretOf(string key) => key[17..];

    /// <summary>A write request with a JSON body (or none), a key (or none) and any other headers.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string url, object? body = null, string? key = null,
        string? contentType = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            var text = body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? (method == HttpMethod.Patch ? MergePatch : Json));
        }
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string url, object body, string? key, params (string, string)[] headers) =>
        client.SendAsync(Request(HttpMethod.Post, url, body, key, null, headers));

    public static Task<HttpResponseMessage> PutAsync(this HttpClient client, string url, object body, string? key) =>
        client.SendAsync(Request(HttpMethod.Put, url, body, key));

    public static Task<HttpResponseMessage> PatchAsync(this HttpClient client, string url, object body, string? key) =>
        client.SendAsync(Request(HttpMethod.Patch, url, body, key));

    public static Task<HttpResponseMessage> DeleteAsync(this HttpClient client, string url, string? key) =>
        client.SendAsync(Request(HttpMethod.Delete, url, null, key));

    /// <summary>Sends a write that must answer <paramref name="status"/>, and returns the body (JSON, or default for none).</summary>
    public static async Task<JsonElement> ExpectAsync(this Task<HttpResponseMessage> sending, HttpStatusCode status, string what)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{what} answered {(int)response.StatusCode}, not {(int)status}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>POSTs a record that must be created (201), and returns it.</summary>
    public static Task<JsonElement> CreateAsync(this HttpClient client, string resource, object body, string key) =>
        client.PostAsync("/api/v1/" + resource, body, key).ExpectAsync(HttpStatusCode.Created, $"POST /api/v1/{resource}");

    public static Task<JsonElement> ReplaceAsync(this HttpClient client, string resource, string id, object body, string key) =>
        client.PutAsync($"/api/v1/{resource}/{id}", body, key).ExpectAsync(HttpStatusCode.OK, $"PUT /api/v1/{resource}/{id}");

    public static Task<JsonElement> ChangeAsync(this HttpClient client, string resource, string id, object patch, string key) =>
        client.PatchAsync($"/api/v1/{resource}/{id}", patch, key).ExpectAsync(HttpStatusCode.OK, $"PATCH /api/v1/{resource}/{id}");

    public static Task<JsonElement> RemoveAsync(this HttpClient client, string resource, string id, string key) =>
        client.DeleteAsync($"/api/v1/{resource}/{id}", key).ExpectAsync(HttpStatusCode.NoContent, $"DELETE /api/v1/{resource}/{id}");

    /// <summary>Asserts a 401 problem with a Bearer challenge; <paramref name="invalidToken"/> when a key was sent.</summary>
    public static async Task AssertUnauthorizedAsync(HttpResponseMessage response, bool invalidToken, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what} answered {(int)response.StatusCode}, not 401: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        var challenge = string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
        Assert.StartsWith("Bearer realm=\"EnforcementApi\"", challenge);
        if (invalidToken) Assert.Contains("error=\"invalid_token\"", challenge);
        else Assert.Equal("Bearer realm=\"EnforcementApi\"", challenge);
    }

    /// <summary>Asserts a problem+json response with this status.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{what} answered {(int)response.StatusCode}, not {(int)status}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>Every record of a list, following its cursors, by id.</summary>
    public static async Task<Dictionary<string, JsonElement>> ListAllAsync(this HttpClient client, string resource)
    {
        var records = new Dictionary<string, JsonElement>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync($"/api/v1/{resource}?limit=200" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            foreach (var item in page.Items()) records.Add(item.GetProperty("id").GetString()!, item);
            cursor = page.Str("nextCursor");
        } while (cursor is not null);
        return records;
    }

    /// <summary>Every change from the start of the feed, following nextCursor with pages of <paramref name="limit"/>.</summary>
    public static async Task<(List<JsonElement> Changes, string Cursor)> FeedAsync(this HttpClient client, string? since = null, int limit = 200)
    {
        var changes = new List<JsonElement>();
        var cursor = since;
        while (true)
        {
            var page = await client.GetJsonAsync("/api/v1/changes?limit=" + limit + (cursor is null ? "" : "&since=" + Uri.EscapeDataString(cursor)));
            var next = page.GetProperty("nextCursor").GetString();
            Assert.False(string.IsNullOrEmpty(next), $"a page of the change feed has no nextCursor: {page}");
            cursor = next;
            var items = page.Items().ToList();
            Assert.True(items.Count <= limit);
            if (items.Count == 0) return (changes, cursor!);
            changes.AddRange(items);
        }
    }

    public static readonly string[] Resources = [.. EnforcementApi.Data.RecordKinds.All.Select(k => k.Plural)];

    /// <summary>The list a change feed entry's type belongs to.</summary>
    public static string ResourceOf(string type) => EnforcementApi.Data.RecordKinds.Of(type).Plural;

    /// <summary>Row counts that change with any write: what a refused request must leave as it was.</summary>
    public static string Snapshot(System.Data.Common.DbConnection connection) =>
        string.Join(",", connection.Query<long>("""
            select count(*) from revisions union all select coalesce(max(id), 0) from revisions
            union all select count(*) from idempotency_keys union all select count(*) from deleted_records
            union all select count(*) from sources union all select count(*) from entities union all select count(*) from events
            union all select count(*) from figures union all select count(*) from statements union all select count(*) from citations
            union all select count(*) from api_keys where revoked_at is not null
            """));
}

/// <summary>A logger provider that keeps every message, with its state's values, scopes and exceptions.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    readonly ConcurrentQueue<string> messages = new();
    IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Messages => messages;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose() { }

    sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder().Append(category).Append(' ').Append(logLevel).Append(": ").Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                foreach (var (name, value) in values) text.Append(" | ").Append(name).Append('=').Append(value);
            owner.scopes.ForEachScope((scope, builder) =>
            {
                builder.Append(" | scope: ").Append(scope);
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var (name, value) in pairs) builder.Append(' ').Append(name).Append('=').Append(value);
            }, text);
            if (exception is not null) text.Append(" | ").Append(exception);
            owner.messages.Enqueue(text.ToString());
        }
    }
}

/// <summary>The app over a database of its own, with every log message of every level captured.</summary>
public sealed class LoggingApiFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = TempDatabase.NewPath();

    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Enforcement", "Data Source=" + DatabasePath);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(Logs);
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TempDatabase.Delete(DatabasePath);
    }
}

/// <summary>Runs the app's command line as a real process on a database file.</summary>
public static class AppProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

        public override string ToString() => $"exit {ExitCode}\n--- stdout:\n{Stdout}\n--- stderr:\n{Stderr}";
    }

    public static Task<Outcome> RunAsync(string databasePath, params string[] args) =>
        RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Enforcement"] = "Data Source=" + databasePath }, args);

    /// <summary>Runs a command of the app against the test app's own database (a SQLite file, or its PostgreSQL database).</summary>
    public static Task<Outcome> RunAsync(ApiFactory factory, params string[] args) => RunAsync(factory.DatabaseEnvironment, args);

    static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [app, .. args])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("`" + string.Join(' ', args) + "` did not exit within 60 s");
        }
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}
