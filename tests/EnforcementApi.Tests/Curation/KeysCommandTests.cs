using System.Net;
using System.Text;
using Dapper;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Curation;

/// <summary>
/// <c>keys create|list|revoke</c>, run as the real app process on the same database file as an in-process
/// app, which then takes (or refuses) the keys the command line made.
/// </summary>
public sealed class KeysCommandTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly HttpClient client = factory.CreateClient();

    Task<AppProcess.Outcome> Keys(params string[] args) => AppProcess.RunAsync(factory, ["keys", .. args]);

    /// <summary>Runs <c>keys create</c>, which must succeed, and returns the key from the last line.</summary>
    async Task<string> CreateAsync(string name, string scope)
    {
        var outcome = await Keys("create", "--name", name, "--scope", scope);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var key = outcome.Lines[^1];
        Assert.Matches("^eak_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$", key);
        Assert.Equal(key, key.Trim());
        return key;
    }

    /// <summary>A figure body that a key can POST, citing a bundled source and entity.</summary>
    static object AFigure(string statedAs) =>
        Make.Figure(null, "article-ice-leadership-shakeup", "dhs", 7, statedAs);

    async Task<HttpStatusCode> PostWithAsync(string key, string statedAs)
    {
        using var response = await client.PostAsync("/api/v1/figures", AFigure(statedAs), key);
        return response.StatusCode;
    }

    /// <summary>The rows of <c>keys list</c> after its header, by name: scope, created, last used, revoked.</summary>
    async Task<Dictionary<string, string[]>> ListAsync()
    {
        var outcome = await Keys("list");
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(["name", "scope", "created", "last used", "revoked"], outcome.Lines[0].Split('\t'));
        return outcome.Lines.Skip(1).Select(l => l.Split('\t')).ToDictionary(c => c[0], c => c);
    }

    [Fact]
    public async Task Keys_create_prints_the_key_alone_on_the_last_line_and_the_app_takes_it_as_a_bearer_key()
    {
        var key = await CreateAsync("cli-writer", "write");

        using var response = await client.PostAsync("/api/v1/figures", AFigure("tallies by the cli writer"), key);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = response.Headers.Location!.ToString().Split('/')[^1];
        var revisions = await client.GetJsonAsync($"/api/v1/figures/{id}/revisions");
        Assert.Equal("cli-writer", Assert.Single(revisions.Items()).Str("keyName"));
    }

    [Fact]
    public async Task Keys_create_with_scope_admin_makes_a_key_that_administers_keys()
    {
        var write = await CreateAsync("cli-plain", "write");
        var admin = await CreateAsync("cli-admin", "admin");

        using (var forbidden = await client.SendAsync(Curate.Request(HttpMethod.Get, "/api/v1/admin/keys", key: write)))
            await Curate.AssertProblemAsync(forbidden, HttpStatusCode.Forbidden, "GET /api/v1/admin/keys with a write key");
        using var listed = await client.SendAsync(Curate.Request(HttpMethod.Get, "/api/v1/admin/keys", key: admin));
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, await PostWithAsync(admin, "tallies by the cli admin"));

        var rows = await ListAsync();
        Assert.Equal("admin", rows["cli-admin"][1]);
        Assert.Equal("write", rows["cli-plain"][1]);
    }

    [Fact]
    public async Task Keys_create_with_a_name_in_use_fails_with_a_message_on_stderr_and_makes_no_second_key()
    {
        var first = await CreateAsync("cli-twice", "write");

        var again = await Keys("create", "--name", "cli-twice", "--scope", "admin");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("cli-twice", again.Stderr);
        Assert.DoesNotContain("eak_", again.Stdout);

        using var connection = factory.OpenDatabase();
        Assert.Equal(1, connection.ExecuteScalar<long>("select count(*) from api_keys where name = 'cli-twice'"));
        Assert.Equal("write", connection.ExecuteScalar<string>("select scope from api_keys where name = 'cli-twice'"));
        Assert.Equal(HttpStatusCode.Created, await PostWithAsync(first, "tallies after a refused duplicate"));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/name")]
    [InlineData("quote'name")]
    [InlineData("")]
    public async Task Keys_create_with_a_bad_name_fails_and_stores_nothing(string name)
    {
        using var connection = factory.OpenDatabase();
        var before = connection.ExecuteScalar<long>("select count(*) from api_keys");

        var outcome = await Keys("create", "--name", name, "--scope", "write");
        Assert.True(outcome.ExitCode != 0, outcome.ToString());
        Assert.False(string.IsNullOrWhiteSpace(outcome.Stderr), outcome.ToString());
        Assert.DoesNotContain("eak_", outcome.Stdout);
        Assert.Equal(before, connection.ExecuteScalar<long>("select count(*) from api_keys"));
    }

    [Fact]
    public async Task Keys_create_with_a_name_of_101_characters_fails()
    {
        var outcome = await Keys("create", "--name", new string('n', 101), "--scope", "write");
        Assert.True(outcome.ExitCode != 0, outcome.ToString());
        Assert.DoesNotContain("eak_", outcome.Stdout);
    }

    [Fact]
    public async Task Keys_list_shows_names_scopes_created_last_used_and_revoked_and_never_a_key()
    {
        var used = await CreateAsync("cli-listed-used", "write");
        var idle = await CreateAsync("cli-listed-idle", "admin");
        var revoked = await CreateAsync("cli-listed-revoked", "write");

        var before = await ListAsync();
        Assert.Equal("write", before["cli-listed-used"][1]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", before["cli-listed-used"][2]);
        Assert.Equal("-", before["cli-listed-used"][3]);
        Assert.Equal("-", before["cli-listed-used"][4]);
        Assert.Equal("admin", before["cli-listed-idle"][1]);

        Assert.Equal(HttpStatusCode.Created, await PostWithAsync(used, "tallies that mark a key as used"));
        Assert.True((await Keys("revoke", "--name", "cli-listed-revoked")).ExitCode == 0);

        var after = await ListAsync();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", after["cli-listed-used"][3]);
        Assert.Equal("-", after["cli-listed-idle"][3]);
        Assert.Equal("-", after["cli-listed-idle"][4]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", after["cli-listed-revoked"][4]);

        var output = (await Keys("list")).Stdout;
        foreach (var key in new[] { used, idle, revoked })
        {
            Assert.DoesNotContain(key, output);
            Assert.DoesNotContain(Curate.SecretOf(key), output);
        }
        Assert.DoesNotContain("eak_", output);
    }

    [Fact]
    public async Task Keys_revoke_makes_the_app_refuse_the_key_with_401()
    {
        var key = await CreateAsync("cli-revoked", "write");
        Assert.Equal(HttpStatusCode.Created, await PostWithAsync(key, "tallies before revoking"));

        var outcome = await Keys("revoke", "--name", "cli-revoked");
        Assert.True(outcome.ExitCode == 0, outcome.ToString());

        using var response = await client.PostAsync("/api/v1/figures", AFigure("tallies after revoking"), key);
        await Curate.AssertUnauthorizedAsync(response, invalidToken: true, "POST with a key revoked by the command line");
    }

    [Theory]
    [InlineData("cli-nobody")]
    [InlineData("cli-revoked-twice")]
    public async Task Keys_revoke_of_a_name_with_no_live_key_fails_with_a_message_on_stderr(string name)
    {
        if (name == "cli-revoked-twice")
        {
            await CreateAsync(name, "write");
            Assert.Equal(0, (await Keys("revoke", "--name", name)).ExitCode);
        }

        var outcome = await Keys("revoke", "--name", name);
        Assert.True(outcome.ExitCode != 0, outcome.ToString());
        Assert.Contains(name, outcome.Stderr);
    }

    [Theory]
    [InlineData(new[] { "keys", "--help" }, new[] { "create", "list", "revoke" })]
    [InlineData(new[] { "keys", "create", "--help" }, new[] { "--name", "--scope", "write", "admin" })]
    [InlineData(new[] { "keys", "list", "--help" }, new[] { "list", "never" })]
    [InlineData(new[] { "keys", "revoke", "--help" }, new[] { "--name", "revoke" })]
    public async Task Help_exits_0_and_describes_the_options(string[] args, string[] described)
    {
        var outcome = await AppProcess.RunAsync(factory, args);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("Usage:", outcome.Stdout);
        foreach (var word in described)
            Assert.Contains(word, outcome.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("eak_", outcome.Stdout);
    }

    [Fact]
    public async Task Help_does_not_create_revoke_or_list_anything()
    {
        using var connection = factory.OpenDatabase();
        var before = Curate.Snapshot(connection) + "|" + connection.ExecuteScalar<long>("select count(*) from api_keys");
        await Keys("create", "--name", "cli-help-only", "--help");
        Assert.Equal(before, Curate.Snapshot(connection) + "|" + connection.ExecuteScalar<long>("select count(*) from api_keys"));
    }

    [Fact]
    public async Task The_database_stores_only_a_hash_the_key_and_its_secret_appear_nowhere_in_api_keys()
    {
        var key = await CreateAsync("cli-hashed", "write");
        Assert.Equal(HttpStatusCode.Created, await PostWithAsync(key, "tallies by the hashed key")); // last_used_at written too
        var secret = Curate.SecretOf(key);

        using var connection = factory.OpenDatabase();
        using (var reader = connection.ExecuteReader("select * from api_keys where name = 'cli-hashed'"))
        {
            Assert.True(reader.Read());
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.GetValue(i);
                var text = value is byte[] bytes ? Encoding.Latin1.GetString(bytes) + " " + Convert.ToBase64String(bytes) + " " + Convert.ToHexString(bytes) : value.ToString()!;
                Assert.DoesNotContain(secret, text);
                Assert.DoesNotContain(key, text);
                Assert.DoesNotContain(secret, Base64UrlOrEmpty(value));
            }
            Assert.False(reader.Read());
        }
        // One reader at a time on a connection (PostgreSQL's rule): the length is asked once the rows are read.
        Assert.Equal(32, connection.ExecuteScalar<long>("select length(secret_hash) from api_keys where name = 'cli-hashed'"));
    }

    [Fact]
    [SqliteOnly(NotOnPostgres.SqliteFile)]
    public async Task The_key_and_its_secret_appear_nowhere_in_the_database_files()
    {
        var key = await CreateAsync("cli-not-in-files", "admin");
        Assert.Equal(HttpStatusCode.Created, await PostWithAsync(key, "tallies by the key not in files"));
        var secret = Encoding.ASCII.GetBytes(Curate.SecretOf(key));

        foreach (var file in new[] { factory.DatabasePath, factory.DatabasePath + "-wal" })
        {
            if (!File.Exists(file)) continue;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.True(copy.ToArray().AsSpan().IndexOf(secret) < 0, $"the key's secret is stored in {Path.GetFileName(file)}");
        }
    }

    static string Base64UrlOrEmpty(object value) =>
        value is byte[] bytes ? System.Buffers.Text.Base64Url.EncodeToString(bytes) : "";
}
