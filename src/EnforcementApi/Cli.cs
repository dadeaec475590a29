using System.CommandLine;
using EnforcementApi.Auth;
using EnforcementApi.Bulk;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Writes;

namespace EnforcementApi;

/// <summary>
/// The command line: <c>dotnet run --project src/EnforcementApi -- keys create --name NAME</c>. It works
/// on the database the app is configured with (ConnectionStrings__Enforcement), migrated first.
/// Anything else on the command line (such as --urls) starts the web server.
/// </summary>
public static class Cli
{
    static readonly string[] Commands = ["keys", "import", "export", "migrate", "drafts", "claims"];

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Commands.Contains(args[0]) || args[0] is "--help" or "-h" or "-?");

    public static int Run(string[] args)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders(); // standard output carries only the command's own answer
        builder.Services.AddEnforcementData(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton<ApiKeys>();
        builder.Services.AddApiJson();
        using var app = builder.Build();

        // Every command works on the migrated database, with the bundled datasets and the records' history in place.
        Db Migrated() => DatabaseSetup.PrepareAsync(app.Services).GetAwaiter().GetResult();

        var root = new RootCommand("EnforcementApi: run with no command to serve the API.")
        {
            KeysCommand.Create(() =>
            {
                Migrated();
                return app.Services.GetRequiredService<ApiKeys>();
            }),
        };
        foreach (var command in BulkCommands.Create(Migrated, ApiJson.Options(app.Services)))
            root.Subcommands.Add(command);
        root.Subcommands.Add(Drafts.DraftsCommand.Create(Migrated));
        root.Subcommands.Add(Claims.ClaimsCommand.Create(Migrated));
        try
        {
            // Without the default handler, a database from a newer build reaches the catch below: one line, not a stack trace.
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (DatabaseTooNewException e)
        {
            Console.Error.WriteLine("EnforcementApi cannot open the database: " + e.Message);
            return 1;
        }
        catch (Exception e)
        {
            // What the default handler printed for anything else: the failure whole, and exit code 1.
            Console.Error.WriteLine("Unhandled exception: " + e);
            return 1;
        }
    }
}
