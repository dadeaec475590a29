using System.Text.Json;
using Dapper;
using EnforcementApi.Data;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Bulk;

/// <summary>
/// The bundled datasets: NDJSON files under <c>db/data/</c>, embedded in the assembly, each loaded once at
/// start through the import path, so that every record is checked as a write is and gets its revision.
/// The file is the same on every database provider, unlike SQL. <c>bundled_datasets</c> records each one
/// loaded, in the import's own transaction.
/// </summary>
internal static class BundledData
{
    const string Prefix = "db/data/";
    public const string KeyName = "migration";

    /// <summary>The names of the bundled datasets, in the order they load.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(BundledData).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".ndjson", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".ndjson".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    public static Stream Open(string name) =>
        typeof(BundledData).Assembly.GetManifestResourceStream(Prefix + name + ".ndjson")
        ?? throw new InvalidOperationException($"No bundled dataset '{name}'.");

    /// <summary>
    /// The stored texts of the bundled sources (db/corpus), for the sources the database has and whose text
    /// it lacks: what a draft reads when it is sent no text. Nothing is written when every one is there, so a
    /// read-only database starts too.
    /// </summary>
    public static async Task LoadSourceTextsAsync(Db db, CancellationToken ct)
    {
        const string Corpus = "db/corpus/";
        var assembly = typeof(BundledData).Assembly;
        await using var connection = await db.OpenAsync(ct);
        var missing = (await connection.QueryAsync<string>(new CommandDefinition(
            "select s.id from sources s where not exists (select 1 from source_texts t where t.source_id = s.id)", cancellationToken: ct))).ToHashSet();
        var texts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Corpus, StringComparison.Ordinal) && missing.Contains(n[Corpus.Length..^".txt".Length]))
            .ToList();
        if (texts.Count == 0) return;
        await using var transaction = await db.Dialect.BeginWriteAsync(connection, ct);
        foreach (var resource in texts)
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            await connection.ExecuteAsync(new CommandDefinition("insert into source_texts (source_id, text) values (@id, @text) on conflict do nothing",
                new { id = resource[Corpus.Length..^".txt".Length], text = await reader.ReadToEndAsync(ct) }, transaction, cancellationToken: ct));
        }
        await transaction.CommitAsync(ct);
    }

    public static async Task LoadPendingAsync(Db db, JsonSerializerOptions json, ILogger logger, CancellationToken ct)
    {
        await using (var connection = await db.OpenAsync(ct))
        {
            var loaded = (await connection.QueryAsync<string>("select name from bundled_datasets")).ToHashSet(StringComparer.Ordinal);
            if (Names.All(loaded.Contains)) return;
        }

        foreach (var name in Names)
        {
            await using var file = Open(name);
            var (result, errors) = await Importer.RunAsync(db, file, KeyName, dryRun: false, json, ct,
                async (connection, transaction, records) =>
                {
                    if (records is not null)
                    {
                        await connection.ExecuteAsync("insert into bundled_datasets (name, records, loaded_at) values (@name, @records, @now)",
                            new { name, records, now = Timestamps.Now() }, transaction);
                        return true;
                    }
                    // Checked again under the write lock: another process may have loaded it since.
                    return await connection.ExecuteScalarAsync<long>("select count(*) from bundled_datasets where name = @name", new { name }, transaction) == 0;
                });
            if (errors is not null)
                throw new InvalidOperationException($"The bundled dataset '{name}' does not import: "
                    + string.Join("; ", errors.Shown.Take(5).Select(e => e.Key + ": " + string.Join(" ", e.Value))));
            if (result is not null)
                logger.LogInformation("Loaded the bundled dataset {Name}: {Records} records", name, result.Records);
        }
    }
}
