using System.Data.Common;
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
        var quiet = new Option<bool>("--quiet") { Description = "No progress line (there is none either when standard error is not a terminal)." };
        var import = new Command("import", "Import records from an NDJSON file in one transaction; any bad line and nothing is written. Revisions name the key 'command-line'.") { file, dryRun, quiet };
        import.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"No file at {path.FullName}.");
                return 2;
            }
            await using var input = path.OpenRead();
            var stream = new CountingReadStream(input);
            var line = new ProgressLine(result.GetValue(dryRun) ? "checked" : "imported", result.GetValue(quiet));
            var progress = new ProgressReport<ImportProgress>(p => line.Show(p.Read, input.Length == 0 ? null : (double)stream.Count / input.Length));
            var (counts, errors) = await Importer.RunAsync(db(), stream, CommandLineKey, result.GetValue(dryRun), json, ct, progress: progress);
            line.Show(counts?.Records ?? errors?.BadLines ?? 0, 1, final: true);
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
        var exportQuiet = new Option<bool>("--quiet") { Description = "No progress line (there is none either when standard error is not a terminal)." };
        var export = new Command("export", "Write every record of a type to standard output as NDJSON or CSV.") { type, format, exportQuiet };
        export.SetAction(async (result, ct) =>
        {
            var exportable = Exportables.All.Single(e => e.Resource == result.GetValue(type));
            await using var connection = await db().OpenAsync(ct);
            var csv = result.GetValue(format) == "csv";
            var line = new ProgressLine("exported", result.GetValue(exportQuiet));
            // The table's rows are the records to go (the table is the resource's name); CSV's header line is not a record.
            var total = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "select count(*) from " + exportable.Resource);
            long Records(long lines) => csv ? Math.Max(0, lines - 1) : lines;
            var done = 0L;
            await using var output = new LineCountingStream(Console.OpenStandardOutput(), lines =>
            {
                done = Records(lines);
                line.Show(done, total == 0 ? null : (double)done / total);
            });
            await exportable.WriteAllAsync(connection, csv ? ExportFormat.Csv : ExportFormat.Ndjson, output, json, ct);
            await output.FlushAsync(ct);
            line.Show(done, 1, final: true);
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
