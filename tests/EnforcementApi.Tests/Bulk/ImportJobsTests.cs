using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using EnforcementApi.Bulk;
using EnforcementApi.Tests.Curation;
using EnforcementApi.Tests.Hardening;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;
using Microsoft.Extensions.DependencyInjection;

namespace EnforcementApi.Tests.Bulk;

/// <summary>
/// Imports as jobs: 202 with the job's Location, a resource that follows it to its end with the same result
/// or problem as a synchronous import, one import at a time, and a job a restart interrupts failed with
/// nothing of it written.
/// </summary>
public sealed class ImportJobsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    static string Lines(string prefix, int figures, bool badLast = false)
    {
        var lines = new StringBuilder();
        lines.Append($$"""{"type": "source", "id": "{{prefix}}-src", "kind": "report", "title": "Job test source", "language": "en"}""").Append('\n');
        for (var i = 0; i < figures; i++)
        {
            var figure = Make.Figure($"{prefix}-{i}", $"{prefix}-src", "dhs", i);
            figure.Insert(0, "type", "figure");
            lines.Append(figure.ToJsonString()).Append('\n');
        }
        if (badLast) lines.Append("""{"type": "figure", "metric": "colour"}""").Append('\n');
        return lines.ToString();
    }

    async Task<Reply> PostAsync(string ndjson, bool async = true, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/import" + query) { Content = WriteApi.Body(ndjson, "application/x-ndjson") };
        request.Headers.Authorization = new("Bearer", api.Key);
        if (async) request.Headers.Add("Prefer", "respond-async");
        using var response = await api.Client.SendAsync(request);
        var reply = new Reply(HttpMethod.Post, "/api/v1/import", response.StatusCode, await response.Content.ReadAsStringAsync(),
            response.Content.Headers.ContentType?.MediaType, null, response.Headers.Location?.OriginalString);
        if (async && response.StatusCode == HttpStatusCode.Accepted)
            Assert.Equal("respond-async", response.Headers.GetValues("Preference-Applied").Single());
        return reply;
    }

    async Task<JsonElement> UntilEndedAsync(string location)
    {
        for (var i = 0; i < 600; i++)
        {
            var job = await api.SendAsync(HttpMethod.Get, location);
            WriteApi.AssertStatus(job, HttpStatusCode.OK);
            if (job.Json.Str("state") is "succeeded" or "failed") return job.Json;
            await Task.Delay(50);
        }
        throw new TimeoutException("the job did not end in 30 s");
    }

    [Fact]
    public async Task An_import_with_prefer_respond_async_is_a_job_that_ends_with_the_result_a_synchronous_import_gives()
    {
        var accepted = await PostAsync(Lines("job-ok", 50));
        WriteApi.AssertStatus(accepted, HttpStatusCode.Accepted);
        Assert.StartsWith("/api/v1/imports/import-", accepted.Location);
        Assert.Contains(accepted.Json.Str("state"), new[] { "queued", "running", "succeeded" });

        var job = await UntilEndedAsync(accepted.Location!);
        Assert.Equal("succeeded", job.Str("state"));
        Assert.Equal(51, job.GetProperty("recordsRead").GetInt64());
        Assert.Equal(51, job.GetProperty("recordsWritten").GetInt64());
        Assert.Equal(50, job.GetProperty("result").GetProperty("created").GetProperty("figure").GetInt32());
        Assert.True(job.GetProperty("elapsedSeconds").GetDouble() >= 0);
        Assert.Equal(WriteApi.KeyName, job.Str("createdBy"));
        WriteApi.AssertStatus(await api.GetAsync("/api/v1/figures/job-ok-49"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_job_with_a_bad_line_fails_with_the_problem_of_a_synchronous_import_and_writes_nothing()
    {
        var before = api.Rows();
        var ndjson = Lines("job-bad", 20, badLast: true);
        var job = await UntilEndedAsync((await PostAsync(ndjson)).Location!);
        Assert.Equal("failed", job.Str("state"));
        var problem = job.GetProperty("problem");
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(1, problem.GetProperty("badLines").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty("lines[22].metric", out _), problem.ToString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("result").ValueKind);
        Assert.Equal(before, api.Rows());

        var synchronous = await PostAsync(ndjson, async: false);
        var same = WriteApi.AssertProblem(synchronous, HttpStatusCode.BadRequest);
        Assert.Equal(problem.GetProperty("errors").GetRawText(), same.GetProperty("errors").GetRawText());
    }

    [Fact]
    public async Task One_import_runs_at_a_time_jobs_wait_and_a_synchronous_import_is_refused_naming_the_slot()
    {
        var jobs = factory.Services.GetRequiredService<ImportJobs>();
        var slot = await jobs.TryStartAsync(CancellationToken.None); // as if an import were running
        Assert.NotNull(slot);
        try
        {
            var queued = await PostAsync(Lines("job-wait", 5));
            WriteApi.AssertStatus(queued, HttpStatusCode.Accepted);
            await Task.Delay(300);
            Assert.Equal("queued", (await api.SendAsync(HttpMethod.Get, queued.Location!)).Json.Str("state"));

            var refused = WriteApi.AssertProblem(await PostAsync(Lines("job-refused", 2), async: false), HttpStatusCode.Conflict);
            Assert.Contains("One import runs at a time", refused.Str("detail"));
            WriteApi.AssertProblem(await api.GetAsync("/api/v1/figures/job-refused-0"), HttpStatusCode.NotFound);

            await slot.DisposeAsync();
            slot = null;
            Assert.Equal("succeeded", (await UntilEndedAsync(queued.Location!)).Str("state"));
        }
        finally
        {
            if (slot is not null) await slot.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_job_is_read_with_a_key_and_an_unknown_one_is_a_404()
    {
        var accepted = await PostAsync(Lines("job-key", 1));
        using var anonymous = await api.Client.GetAsync(accepted.Location);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        WriteApi.AssertProblem(await api.SendAsync(HttpMethod.Get, "/api/v1/imports/import-000000000000"), HttpStatusCode.NotFound);
        await UntilEndedAsync(accepted.Location!);
    }

    [Fact]
    public async Task An_import_over_the_async_size_is_a_job_without_asking_and_is_not_bound_by_the_request_timeout()
    {
        await using var small = new ConfiguredApiFactory(new Dictionary<string, string>
        {
            ["Api:AsyncImportBytes"] = "1000",
            ["Limits:RequestTimeoutSeconds"] = "1",
        });
        var smallApi = WriteApi.For(small, small.OpenDatabase);
        var reply = await smallApi.SendAsync(HttpMethod.Post, "/api/v1/import", WriteApi.Body(Lines("job-big", 3000), "application/x-ndjson"));
        WriteApi.AssertStatus(reply, HttpStatusCode.Accepted);
        for (var i = 0; i < 1200; i++)
        {
            var job = (await smallApi.SendAsync(HttpMethod.Get, reply.Location!)).Json;
            if (job.Str("state") is "succeeded" or "failed")
            {
                Assert.Equal("succeeded", job.Str("state"));
                Assert.Equal(3000, job.GetProperty("result").GetProperty("created").GetProperty("figure").GetInt32());
                return;
            }
            await Task.Delay(50);
        }
        Assert.Fail("the job did not end in 60 s");
    }

    [Fact]
    public async Task A_job_a_restart_interrupted_is_failed_and_nothing_of_it_was_written()
    {
        var path = TempDatabase.NewPath();
        try
        {
            await using (var first = new ConfiguredApiFactory(new Dictionary<string, string>(), path))
            {
                _ = first.Server;
                using var connection = first.OpenDatabase();
                connection.Execute("""
                    insert into import_jobs (id, state, dry_run, bytes, created_by, created_at, started_at)
                    values ('import-interrupted', 'running', 0, 1000, 'tester', '2026-12-03T12:00:00.000Z', '2026-12-03T12:00:01.000Z')
                    """);
            }
            await using var second = new ConfiguredApiFactory(new Dictionary<string, string>(), path);
            var key = second.CreateKey("restart-tester");
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/imports/import-interrupted");
            request.Headers.Authorization = new("Bearer", key);
            using var response = await second.CreateClient().SendAsync(request);
            var job = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("failed", job.Str("state"));
            Assert.Contains("interrupted", job.GetProperty("problem").Str("title"));
            Assert.Equal(JsonValueKind.String, job.GetProperty("finishedAt").ValueKind);
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }
}
