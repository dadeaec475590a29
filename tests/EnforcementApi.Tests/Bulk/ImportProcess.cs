using System.Diagnostics;

namespace EnforcementApi.Tests.Bulk;

/// <summary>The command line's import of a file into a database, started as a process of its own (to be killed part way).</summary>
public static class ImportProcess
{
    public static Process Start(string databasePath, string file) =>
        Start(new Dictionary<string, string> { ["ConnectionStrings__Enforcement"] = "Data Source=" + databasePath }, file);

    /// <summary>The import into the database these settings name (<see cref="Support.ApiFactory.DatabaseEnvironment"/>).</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, string file)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [app, "import", file])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = Process.Start(start)!;
        // Read, so that a full pipe never stalls the import.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }
}
