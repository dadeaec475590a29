using System.Data.Common;
using System.ComponentModel;
using System.Text.Json;
using EnforcementApi.Data;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Figures;
using EnforcementApi.Http;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Sources;
using EnforcementApi.Statements;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EnforcementApi.Bulk;

/// <summary>A resource that can be exported: from the HTTP endpoint with its list's filters, or whole from the command line.</summary>
internal interface IExportable
{
    RecordType Type { get; }
    string Resource { get; }
    void Map(RouteGroupBuilder group);
    Task WriteAllAsync(DbConnection connection, ExportFormat format, Stream output, JsonSerializerOptions json, CancellationToken ct);
}

internal static class Exportables
{
    public static readonly IReadOnlyList<IExportable> All = RecordKinds.Total<IExportable>(
    [
        new Exportable<SourceListQuery, SourceRow, Source>(RecordType.Source,
            (_, rows, _) => Task.FromResult(rows.Select(SourceDefinition.ToRecord).ToList())),
        new Exportable<EntityListQuery, EntityRow, Entity>(RecordType.Entity,
            (c, rows, ct) => EntitiesApi.ToEntitiesAsync(c, rows, true, true, ct), Exporter.InContainmentOrderAsync),
        new Exportable<EventListQuery, EventRow, Event>(RecordType.Event,
            (c, rows, ct) => EventsApi.ToEventsAsync(c, rows, true, true, ct)),
        new Exportable<FigureListQuery, FigureRow, Figure>(RecordType.Figure,
            (c, rows, ct) => FiguresApi.ToFiguresAsync(c, rows, true, ct)),
        new Exportable<StatementListQuery, StatementRow, Statement>(RecordType.Statement,
            (c, rows, ct) => StatementsApi.ToStatementsAsync(c, rows, true, ct)),
    ], e => e.Type, "Exportables");

}

internal sealed class Exportable<TQuery, TRow, TRecord>(
    RecordType type,
    Func<DbConnection, List<TRow>, CancellationToken, Task<List<TRecord>>> toRecords,
    Func<DbConnection, List<TRecord>, CancellationToken, Task<List<TRecord>>>? wholeOrder = null) : IExportable
    where TQuery : ListParameters<TRow>, new()
{
    public RecordType Type => type;

    public string Resource => resource;

    readonly string resource = RecordKinds.Of(type).Plural;

    public async Task WriteAllAsync(DbConnection connection, ExportFormat format, Stream output, JsonSerializerOptions json, CancellationToken ct) =>
        await Exporter.WriteAsync(connection, await new TQuery().ToListQueryAsync(connection), toRecords, Wire<RecordType>.Name(type), format,
            output, json, ct, wholeOrder);

    public void Map(RouteGroupBuilder group)
    {
        var title = char.ToUpperInvariant(resource[0]) + resource[1..];
        group.MapGet("/" + resource, async Task<Results<EmptyHttpResult, ValidationProblem>> (
                [AsParameters] TQuery query,
                [FromQuery(Name = "format"), Description(ExportApi.Format), ApiParameter(Type = typeof(ExportFormat), Example = "csv")] string? format,
                HttpContext http, Db db, CancellationToken ct) =>
            {
                await using var connection = await db.OpenAsync(ct);
                var list = await query.ToListQueryAsync(connection);
                var exportFormat = ExportApi.ParseFormat(format, http, list.Errors);
                foreach (var name in ExportApi.ListOnly.Where(http.Request.Query.ContainsKey))
                    list.Errors.Add(name, "Is for lists; an export streams every record the filters select, in one response.");
                if (list.Errors.Any || http.Items.ContainsKey(StrictQuery.Refused)) return list.Errors.ToProblem();

                ExportApi.Start(http, exportFormat, resource);
                // A HEAD learns what the export is without the cost of streaming every record; its length is not known ahead.
                if (HeadRequests.IsHead(http)) return TypedResults.Empty;
                await Exporter.WriteAsync(connection, list, toRecords, Wire<RecordType>.Name(type), exportFormat,
                    http.Response.Body, ApiJson.Options(http.RequestServices), ct, wholeOrder);
                return TypedResults.Empty;
            })
            .WithName("Export" + title)
            .WithSummary($"Export {resource} as NDJSON or CSV")
            .WithDescription($"""
                Every {Wire<RecordType>.Name(type)} the filters select (the same filters as `GET /api/v1/{resource}`), streamed in
                one response in the list's order{(wholeOrder is null ? "" : " (entities: organizations from the top down, then people, so an import can follow)")},
                with citations. Read in pages from the database as it is written, so it needs little memory however many
                records there are. `limit`, `cursor`, `count`, `facet` and `fields` are for lists and are refused here.
                """)
            .Produces(StatusCodes.Status200OK, null, ExportApi.Ndjson, ExportApi.Csv)
            .ProducesValidationProblem();
    }
}
