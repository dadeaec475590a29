using System.CommandLine;
using System.Text.Json;
using EnforcementApi.Data;

namespace EnforcementApi.Bulk;

/// <summary><c>import FILE</c>, <c>export --type T --format F</c> and <c>migrate</c>: bulk work without HTTP.</summary>
public static class BulkCommands
{
    const string CommandLineKey = "command-line";

    public static IEnumerable<Command> Create(Func<Db> db, JsonSerializerOptions json)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An NDJSON file: one record per line with its type, as POST /api/v1/import takes it." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every line and write nothing." };
        var import = new Command("import", "Import records from an NDJSON file in one transaction; any bad line and nothing is written. Revisions name the key 'command-line'.") { file, dryRun };
        import.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"No file at {path.FullName}.");
                return 2;
            }
            await using var stream = path.OpenRead();
            var (counts, errors) = await Importer.RunAsync(db(), stream, CommandLineKey, result.GetValue(dryRun), json, ct);
            if (errors is not null)
            {
                Console.Error.WriteLine($"{errors.BadLines} bad line{(errors.BadLines == 1 ? "" : "s")}; nothing was written.");
                foreach (var (path2, messages) in errors.Shown)
                    Console.Error.WriteLine($"{path2}: {string.Join(" ", messages)}");
                return 1;
            }
            Console.WriteLine(JsonSerializer.Serialize(counts, json));
            return 0;
        });

        var type = new Option<string>("--type") { Description = "sources, entities, events, figures or statements.", Required = true };
        type.AcceptOnlyFromAmong([.. Exportables.All.Select(e => e.Resource)]);
        var format = new Option<string>("--format") { Description = "ndjson (importable) or csv.", DefaultValueFactory = _ => "ndjson" };
        format.AcceptOnlyFromAmong("ndjson", "csv");
        var export = new Command("export", "Write every record of a type to standard output as NDJSON or CSV.") { type, format };
        export.SetAction(async (result, ct) =>
        {
            var exportable = Exportables.All.Single(e => e.Resource == result.GetValue(type));
            await using var connection = await db().OpenAsync(ct);
            await using var output = Console.OpenStandardOutput();
            await exportable.WriteAllAsync(connection, result.GetValue(format) == "csv" ? ExportFormat.Csv : ExportFormat.Ndjson, output, json, ct);
            return 0;
        });

        var migrate = new Command("migrate", "Bring the database to the schema this version needs (the server does this at start too).");
        migrate.SetAction(_ =>
        {
            db();
            Console.WriteLine("The database is at the current schema version.");
            return 0;
        });

        return [import, export, migrate];
    }
}
