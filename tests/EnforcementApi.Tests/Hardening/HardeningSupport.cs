using System.Diagnostics;
using EnforcementApi.Tests.Curation;
using EnforcementApi.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Tests.Hardening;

/// <summary>
/// The real app on a database file (its own unless given), with settings of the test's choosing and,
/// when asked, every message it logs at its own configured levels captured in <see cref="Logs"/>.
/// </summary>
public class ConfiguredApiFactory(
    IReadOnlyDictionary<string, string> settings, string? databasePath = null, string? connectionString = null, bool captureLogs = false)
    : WebApplicationFactory<Program>
{
    readonly bool ownsDatabase = databasePath is null;

    public string DatabasePath { get; } = databasePath ?? TempDatabase.NewPath();

    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Enforcement", connectionString ?? "Data Source=" + DatabasePath);
        foreach (var (name, value) in settings) builder.UseSetting(name, value);
        if (captureLogs) builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public SqliteConnection OpenDatabase()
    {
        _ = Server;
        var connection = new SqliteConnection($"Data Source={DatabasePath};Foreign Keys=True;Pooling=False");
        connection.Open();
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase) TempDatabase.Delete(DatabasePath);
    }
}

/// <summary>The app as a real process serving HTTP with Kestrel on a free port, for what only a real server shows.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    readonly Process process;
    readonly List<string> output = [];

    public string BaseAddress { get; private set; } = "";

    public IReadOnlyList<string> Output { get { lock (output) return [.. output]; } }

    ServerProcess(Process process) => this.process = process;

    public static async Task<ServerProcess> StartAsync(string databasePath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var app = typeof(Program).Assembly.Location;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [app, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        start.Environment["ConnectionStrings__Enforcement"] = "Data Source=" + databasePath;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var server = new ServerProcess(Process.Start(start)!) { BaseAddress = $"http://127.0.0.1:{port}" };
        server.process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (server.output) server.output.Add(e.Data); };
        server.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (server.output) server.output.Add(e.Data); };
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();

        using var client = new HttpClient();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30) && !server.process.HasExited)
        {
            try
            {
                if ((await client.GetAsync(server.BaseAddress + "/health/live")).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        await server.DisposeAsync();
        throw new InvalidOperationException("The server did not start:\n" + string.Join("\n", server.Output));
    }

    static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
