using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Writes;

namespace EnforcementApi.Figures;

internal static class FigureWrites
{
    public static readonly WritableResource<FigureInput, Figure> Resource = new()
    {
        Type = RecordType.Figure,
        Parse = FigureDefinition.Parse,
        IdOf = f => f.Id,
        IdBase = f => f.Metric.Replace('_', '-') + " " + (f.PeriodLabel ?? f.PeriodEnd?.ToString("yyyy-MM-dd") ?? "")
                      + (f.Breakdown is { } b ? " " + b.Value : ""),
        InsertAsync = async (connection, transaction, id, f) =>
        {
            await connection.ExecuteAsync(FigureDefinition.Table.Insert, FigureDefinition.Table.Parameters(id, f), transaction);
            await CitationWrites.WriteAsync(connection, transaction, RecordType.Figure, id, [.. f.Citations]);
        },
        InsertInImport = (session, id, f) =>
        {
            var insert = session.Insert(FigureDefinition.Table.Insert);
            FigureDefinition.Table.Bind(insert, id, f);
            insert.Run();
            CitationWrites.Insert(session, RecordType.Figure, id, f.Citations);
            return FigureDefinition.ToRecord(FigureDefinition.RowOf(id, f, session),
                [.. f.Citations.Select(c => CitationWrites.Served(c, session.SourceTitle(c.SourceId)))]);
        },
        UpdateAsync = async (connection, transaction, id, f) =>
        {
            await connection.ExecuteAsync(FigureDefinition.Table.Update, FigureDefinition.Table.Parameters(id, f), transaction);
            await CitationWrites.WriteAsync(connection, transaction, RecordType.Figure, id, [.. f.Citations]);
        },
        BlockerAsync = (_, _, _) => Task.FromResult<string?>(null),
        LoadAsync = (connection, transaction, id, ct) => FiguresApi.LoadAsync(connection, id, ct, transaction),
    };
}
