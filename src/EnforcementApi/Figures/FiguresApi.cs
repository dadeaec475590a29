using System.ComponentModel;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Entities;
using EnforcementApi.Http;
using EnforcementApi.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Figures;

public static class FiguresApi
{
    public static IEndpointRouteBuilder MapFigures(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/figures").WithTags("Figures");

        group.MapGet("/", ListFigures).WithName(nameof(ListFigures))
            .WithSummary("List figures")
            .WithDescription("""
                Numbers that sources report (arrests, removals, detention counts, stated targets), each with
                its period, who reported it, the source's own wording and the excerpt that states it. Filter by
                `metric`, `kind`, `reportedBy`, `source`, and by period with `from`/`to`: a figure matches when its
                period overlaps the range (it ends on or after `from` and starts on or before `to`); figures
                without a period never match a date filter. Sorted by `periodEnd`, latest first, unless `sort`
                says otherwise.
                """);

        group.MapGet("/{id}", GetFigure).WithName(nameof(GetFigure))
            .WithSummary("Get one figure")
            .WithDescription("One figure by its id, with who reported it and its citations.");

        return api;
    }

    internal static readonly ListDefinition<FigureRow> List = new(
        "figures", "f.id", r => r.Id, "-periodEnd",
        new SortField<FigureRow>("periodEnd", "ifnull(f.period_end, '')", SortKind.Text, r => Dates.Key(r.PeriodEnd)),
        new SortField<FigureRow>("periodStart", "ifnull(f.period_start, '')", SortKind.Text, r => Dates.Key(r.PeriodStart)),
        new SortField<FigureRow>("value", "f.value", SortKind.Number, r => r.Value));

    internal const string SelectFrom = """
        select f.id, f.metric, f.kind, f.value, f.value_qualifier, f.unit, f.period_start, f.period_end,
               f.period_label, f.scope, f.reported_by, e.kind as reported_by_kind, e.name as reported_by_name,
               f.stated_as
        from figures f
        join entities e on e.id = f.reported_by
        """;

    const string ById = SelectFrom + "\nwhere f.id = @id";

    static async Task<Results<Ok<Page<Figure>>, ValidationProblem>> ListFigures(
        [AsParameters] FigureListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = await query.ToListQueryAsync(connection);
        if (list.Errors.Any) return list.Errors.ToProblem();

        var (rows, next) = await list.ExecuteAsync(connection, SelectFrom, ct);
        ListQuery<FigureRow>.SetNextLink(http, next);
        return TypedResults.Ok(new Page<Figure>(await ToFiguresAsync(connection, rows, ct), next));
    }

    static async Task<Results<Ok<Figure>, NotFoundProblem>> GetFigure(
        [Description("The figure's id.")] string id, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<FigureRow>(new CommandDefinition(ById, new { id }, cancellationToken: ct));
        if (row is null) return NotFoundProblem.For("figure", id);
        return TypedResults.Ok((await ToFiguresAsync(connection, [row], ct))[0]);
    }

    static async Task<List<Figure>> ToFiguresAsync(SqliteConnection connection, List<FigureRow> rows, CancellationToken ct)
    {
        var citations = await Citations.Citations.LoadAsync(connection, CitedRecord.Figure, rows.Select(r => r.Id).ToArray(), ct);
        return rows.Select(r => new Figure(
            r.Id,
            r.Metric,
            Wire<FigureKind>.Parse(r.Kind),
            (decimal)r.Value,
            Wire<ValueQualifier>.Parse(r.ValueQualifier),
            Wire<FigureUnit>.Parse(r.Unit),
            r.PeriodStart,
            r.PeriodEnd,
            r.PeriodLabel,
            r.Scope,
            new EntityRef(r.ReportedBy, Wire<EntityKind>.Parse(r.ReportedByKind), r.ReportedByName),
            r.StatedAs,
            citations[r.Id].ToList())).ToList();
    }

    internal sealed class FigureRow
    {
        public string Id { get; init; } = "";
        public string Metric { get; init; } = "";
        public string Kind { get; init; } = "";
        public double Value { get; init; }
        public string ValueQualifier { get; init; } = "";
        public string Unit { get; init; } = "";
        public DateOnly? PeriodStart { get; init; }
        public DateOnly? PeriodEnd { get; init; }
        public string? PeriodLabel { get; init; }
        public string Scope { get; init; } = "";
        public string ReportedBy { get; init; } = "";
        public string ReportedByKind { get; init; } = "";
        public string ReportedByName { get; init; } = "";
        public string? StatedAs { get; init; }
    }
}

/// <summary>The query parameters of <c>GET /api/v1/figures</c>.</summary>
internal sealed class FigureListQuery
{
    [FromQuery(Name = "metric"), Description("Only figures of this metric, e.g. `removals`; the metrics are listed at `GET /api/v1/metrics`.")]
    public string? Metric { get; init; }

    [FromQuery(Name = "kind"), Description("Only figures of this kind."), QueryType(typeof(FigureKind))]
    public string? Kind { get; init; }

    [FromQuery(Name = "reportedBy"), Description("Only figures reported by this entity (an entity id), e.g. `dhs`.")]
    public string? ReportedBy { get; init; }

    [FromQuery(Name = "source"), Description("Only figures cited to this source (a source id).")]
    public string? Source { get; init; }

    [FromQuery(Name = "from"), Description("Only figures whose period ends on or after this day (YYYY-MM-DD). Figures without a period never match a date filter."), QueryType(typeof(DateOnly))]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("Only figures whose period starts on or before this day (YYYY-MM-DD); not before `from`. Figures without a period never match a date filter."), QueryType(typeof(DateOnly))]
    public string? To { get; init; }

    [FromQuery(Name = "sort"), Description(QueryDocs.Sort + " Fields: `periodEnd`, `periodStart`, `value`, `id`. Default `-periodEnd`.")]
    public string? Sort { get; init; }

    [FromQuery(Name = "limit"), Description(QueryDocs.Limit), QueryType(typeof(int), Minimum = 1, Maximum = QueryDocs.MaxLimit, Default = QueryDocs.DefaultLimit)]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor"), Description(QueryDocs.Cursor)]
    public string? Cursor { get; init; }

    public async Task<ListQuery<FiguresApi.FigureRow>> ToListQueryAsync(SqliteConnection connection)
    {
        var list = new ListQuery<FiguresApi.FigureRow>(FiguresApi.List);
        if (Metric is not null)
        {
            var metrics = await MetricsApi.IdsAsync(connection);
            if (metrics.Contains(Metric))
                list.Where("metric", "f.metric = @metric", Metric);
            else
                list.Errors.Add("metric", $"Must be one of {string.Join(", ", metrics)}; got {QueryErrors.Quote(Metric)}.");
        }
        list.Enum<FigureKind>("kind", Kind, "f.kind = @kind");
        await list.ReferenceAsync(connection, "reportedBy", ReportedBy, Reference.Entity, "f.reported_by = @reportedBy");
        await list.ReferenceAsync(connection, "source", Source, Reference.Source,
            "f.id in (select c.figure_id from citations c where c.source_id = @source)");
        // Overlap with the range. The ifnull(...) forms match the sort indexes; '' (no period) never matches.
        list.DateRange(From, To,
            "ifnull(f.period_end, '') >= @from",
            "ifnull(f.period_start, '') between '0' and @to");
        list.Paging(Sort, Limit, Cursor);
        return list;
    }
}
