using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Curation;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;
using Microsoft.Extensions.DependencyInjection;

namespace EnforcementApi.Tests.Hardening;

/// <summary>
/// Rate limits (reads per client address, writes per key) answer 429 problems with Retry-After; the
/// query string and headers are bounded with problems that name the limit; X-Forwarded-For from an
/// untrusted proxy changes nothing.
/// </summary>
[SqliteOnly(NotOnPostgres.OwnApp)]
public sealed class LimitsTests : IAsyncLifetime
{
    const int Reads = 8, Writes = 3;

    readonly ConfiguredApiFactory factory = new(new Dictionary<string, string>
    {
        ["Limits:ReadsPerMinute"] = Reads.ToString(),
        ["Limits:WritesPerMinute"] = Writes.ToString(),
        ["Limits:MaxQueryStringLength"] = "300",
        ["Limits:MaxHeaderBytes"] = "2000",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.Str("traceId")));
        return problem;
    }

    [Fact]
    public async Task Reads_over_the_limit_get_a_429_problem_with_retry_after_and_forwarded_for_does_not_reset_it()
    {
        var client = factory.CreateClient();
        for (var i = 0; i < Reads; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/metrics")).StatusCode);

        var refused = await client.GetAsync("/api/v1/metrics");
        var problem = await ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        // The platform's health probes are not counted.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Contains("Limits:ReadsPerMinute", problem.Str("detail"));
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);

        // No proxy is trusted, so a client cannot claim another address to get a fresh allowance.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/metrics");
        spoofed.Headers.Add("X-Forwarded-For", "203.0.113.7");
        await ProblemAsync(await client.SendAsync(spoofed), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Writes_are_limited_per_key_and_another_key_has_its_own_allowance()
    {
        var first = WriteApi.For(factory, factory.OpenDatabase);
        for (var i = 0; i < Writes; i++)
            WriteApi.AssertStatus(await first.PostAsync("sources", Make.Source(null, $"Test limited source {i}")), HttpStatusCode.Created);
        var before = first.Rows();
        var refused = await first.PostAsync("sources", Make.Source(null, "Test one too many"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("Limits:WritesPerMinute", WriteApi.AssertProblem(refused, HttpStatusCode.TooManyRequests).Str("detail"));
        Assert.Equal(before, first.Rows());

        var otherKey = factory.Services.GetRequiredService<EnforcementApi.Auth.ApiKeys>().Create("test-other-curator", EnforcementApi.Auth.KeyScope.Write);
        using var other = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sources")
        {
            Content = WriteApi.Body(Make.Source(null, "Test other key").ToJsonString(), WriteApi.Json),
        };
        other.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", otherKey);
        Assert.Equal(HttpStatusCode.Created, (await first.Client.SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task A_posted_claims_check_is_limited_as_a_read_not_as_a_write()
    {
        var client = factory.CreateClient();
        for (var i = 0; i < Reads; i++)
        {
            using var check = await client.PostAsync("/api/v1/claims/check", new StringContent("ICE removed 271,484 people in fiscal year 2024.", System.Text.Encoding.UTF8, "text/plain"));
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        }
        var refused = await client.PostAsync("/api/v1/claims/check", new StringContent("ICE removed 271,484 people.", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Contains("Limits:ReadsPerMinute", (await ProblemAsync(refused, HttpStatusCode.TooManyRequests)).Str("detail"));
    }

    [Fact]
    public async Task A_query_string_or_headers_over_their_limit_get_a_problem_naming_the_limit()
    {
        var client = factory.CreateClient();
        var longQuery = await client.GetAsync("/api/v1/figures?q=" + new string('a', 400));
        Assert.Contains("Limits:MaxQueryStringLength", (await ProblemAsync(longQuery, HttpStatusCode.RequestUriTooLong)).Str("detail"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/metrics");
        request.Headers.Add("X-Padding", new string('p', 3000));
        Assert.Contains("Limits:MaxHeaderBytes", (await ProblemAsync(await client.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge)).Str("detail"));
    }
}

/// <summary>Security headers, CORS for reads only, and the request log: one line per request that never holds a key or a query value.</summary>
[SqliteOnly(NotOnPostgres.OwnApp)]
public sealed class HeadersAndLogsTests(AppLoggingApiFactory factory) : IClassFixture<AppLoggingApiFactory>
{
    [Theory]
    [InlineData("/api/v1/figures")]
    [InlineData("/api/v1/figures/no-such-figure")]
    [InlineData("/health/ready")]
    public async Task Every_answer_has_nosniff_and_a_content_security_policy_that_runs_nothing(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Swagger_ui_gets_a_policy_that_allows_its_own_scripts_and_styles_only()
    {
        var response = await factory.CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.DoesNotContain("*", policy);
        // Everything the page loads comes from this origin, which the policy allows.
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("href=\"http", html);
    }

    [Fact]
    public async Task Any_origin_may_read_and_no_origin_may_write()
    {
        var client = factory.CreateClient();
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/v1/metrics");
        read.Headers.Add("Origin", "https://newsroom.example");
        var answer = await client.SendAsync(read);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Contains("ETag", answer.Headers.GetValues("Access-Control-Expose-Headers").Single());

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/figures");
        preflight.Headers.Add("Origin", "https://newsroom.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        var refused = await client.SendAsync(preflight);
        var methods = refused.Headers.TryGetValues("Access-Control-Allow-Methods", out var allowed) ? string.Join(",", allowed) : "";
        Assert.DoesNotContain("POST", methods);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Each_request_logs_one_line_with_method_route_status_duration_and_trace_id_and_never_a_key_or_query_value()
    {
        var api = WriteApi.For(factory, () => new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DatabasePath}"));
        var marker = "zq" + Guid.NewGuid().ToString("N")[..10];
        var reply = await api.SendAsync(HttpMethod.Get, $"/api/v1/figures?limit={marker}");
        var problem = WriteApi.AssertProblem(reply, HttpStatusCode.BadRequest);
        var traceId = problem.Str("traceId")!;

        var lines = factory.Logs.Messages.Where(m => m.Contains("EnforcementApi.Requests") && m.Contains(traceId)).ToList();
        var line = Assert.Single(lines);
        Assert.Contains("GET", line);
        Assert.Contains("Route=/api/v1/figures/", line);
        Assert.Contains("Status=400", line);
        Assert.Contains("DurationMs=", line);
        // Neither the query's values nor the key reach any log.
        Assert.All(factory.Logs.Messages, m => Assert.DoesNotContain(marker, m));
        Assert.All(factory.Logs.Messages, m => Assert.DoesNotContain(api.Key, m));
    }
}

/// <summary>The real server process: no Server banner, and JSON logs on the console when configured.</summary>
[SqliteOnly(NotOnPostgres.OwnApp)]
public sealed class ServerProcessTests
{
    [Fact]
    public async Task The_server_sends_no_banner_and_logs_each_request_as_one_json_line()
    {
        var path = TempDatabase.NewPath();
        try
        {
            await using (var server = await ServerProcess.StartAsync(path, new Dictionary<string, string>
                         {
                             ["Logging__Console__FormatterName"] = "json",
                             ["Logging__LogLevel__EnforcementApi.Requests"] = "Information",
                         }))
            {
                using var client = new HttpClient();
                var response = await client.GetAsync(server.BaseAddress + "/api/v1/figures?q=secretword");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.False(response.Headers.Contains("Server"));

                JsonElement? logged = null;
                for (var i = 0; i < 50 && logged is null; i++)
                {
                    logged = server.Output.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
                        .Where(e => e.Str("Category") == "EnforcementApi.Requests")
                        .Select(e => (JsonElement?)e).FirstOrDefault(e => e!.Value.GetProperty("State").Str("Route") == "/api/v1/figures/");
                    if (logged is null) await Task.Delay(100);
                }
                Assert.True(logged is not null, "no JSON request line in:\n" + string.Join("\n", server.Output));
                var state = logged!.Value.GetProperty("State");
                Assert.Equal("GET", state.Str("Method"));
                Assert.Equal("200", state.GetProperty("Status").ToString());
                Assert.DoesNotContain(server.Output, l => l.Contains("secretword"));
            }
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_address_has_its_own_read_allowance()
    {
        var path = TempDatabase.NewPath();
        try
        {
            await using var server = await ServerProcess.StartAsync(path, new Dictionary<string, string>
            {
                ["Limits__TrustedProxies__0"] = "127.0.0.1",
                ["Limits__ReadsPerMinute"] = "2",
            });
            using var client = new HttpClient();
            async Task<HttpStatusCode> ReadAsAsync(string address)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseAddress + "/api/v1/metrics");
                request.Headers.Add("X-Forwarded-For", address);
                return (await client.SendAsync(request)).StatusCode;
            }

            Assert.Equal(HttpStatusCode.OK, await ReadAsAsync("198.51.100.1"));
            Assert.Equal(HttpStatusCode.OK, await ReadAsAsync("198.51.100.1"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await ReadAsAsync("198.51.100.1"));
            // Another client behind the same proxy is counted apart.
            Assert.Equal(HttpStatusCode.OK, await ReadAsAsync("198.51.100.2"));
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    [Fact]
    public async Task Page_size_in_values_and_search_length_are_configured_and_the_document_states_the_bound_in_force()
    {
        var path = TempDatabase.NewPath();
        try
        {
            await using var server = await ServerProcess.StartAsync(path, new Dictionary<string, string>
            {
                ["Limits__MaxPageSize"] = "10",
                ["Limits__MaxInValues"] = "2",
                ["Limits__MaxSearchQueryLength"] = "20",
            });
            using var client = new HttpClient { BaseAddress = new Uri(server.BaseAddress) };
            async Task<string> RefusedAsync(string url)
            {
                var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {body}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                return body;
            }

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/figures?limit=10")).StatusCode);
            Assert.Contains("from 1 to 10", await RefusedAsync("/api/v1/figures?limit=11"));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/figures?kind=in:actual,target")).StatusCode);
            Assert.Contains("at most 2", await RefusedAsync("/api/v1/figures?kind=in:actual,target,estimate"));
            Assert.Contains("at most 20", await RefusedAsync("/api/v1/search?q=" + new string('a', 21)));

            var document = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;
            var limit = document["paths"]!["/api/v1/figures"]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "limit")!;
            Assert.Equal(10, limit["schema"]!["maximum"]!.GetValue<int>());
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    [Fact]
    public async Task A_corrupt_database_file_stops_the_start_with_a_clear_message_and_a_non_zero_exit()
    {
        var path = TempDatabase.NewPath();
        await File.WriteAllBytesAsync(path, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7))]);
        try
        {
            var outcome = await AppProcess.RunAsync(path, "--urls", "http://127.0.0.1:0");
            Assert.NotEqual(0, outcome.ExitCode);
            Assert.Contains("is not a SQLite database or is corrupt", outcome.Stderr);
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }
}

/// <summary>The app with its own logging configuration, every message it would emit captured as well.</summary>
public sealed class AppLoggingApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>(), captureLogs: true);
