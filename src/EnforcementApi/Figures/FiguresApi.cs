using System.ComponentModel;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Entities;
using EnforcementApi.Http;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
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

        new RecordWriter<FigureInput, Figure>(FigureWrites.Resource).Map(group);

        return api;
    }

    internal const string PeriodStartSql = "ifnull(f.period_start, '')";
    internal const string PeriodEndSql = "ifnull(f.period_end, '')";

    internal static readonly ListDefinition<FigureRow> List = new()
    {
        Resource = "figures",
        From = "from figures f",
        IdSql = "f.id",
        Id = r => r.Id,
        DefaultSort = "-periodEnd",
        RecordType = typeof(Figure),
        Sorts =
        [
            new SortField<FigureRow>("periodEnd", PeriodEndSql, SortKind.Text, r => Dates.Key(r.PeriodEnd)),
            new SortField<FigureRow>("periodStart", PeriodStartSql, SortKind.Text, r => Dates.Key(r.PeriodStart)),
            new SortField<FigureRow>("value", "f.value", SortKind.Number, r => r.Value),
        ],
        Facets =
        [
            new Facet("metric", "f.metric", "(select m.label from metrics m where m.id = f.metric)"),
            new Facet("kind", "f.kind"),
            new Facet("rank", "f.rank"),
            new Facet("dimension", "f.dimension", "(select d.name from dimensions d where d.id = f.dimension)"),
            new Facet("dimensionValue", "f.dimension_value",
                "(select v.label from dimension_values v where v.dimension_id = f.dimension and v.value = f.dimension_value)"),
            new Facet("reportedBy", "f.reported_by", "(select e.name from entities e where e.id = f.reported_by)"),
            new Facet("source", "fc.source_id", "(select s.title from sources s where s.id = fc.source_id)",
                "join citations fc on fc.figure_id = f.id", "count(distinct f.id)"),
        ],
    };

    // CROSS JOIN fixes the join order: the listed table drives, so its index gives the order and the
    // page stops after limit rows. (With statistics, SQLite may otherwise start from the smaller
    // entities table and sort every record.)
    internal const string SelectFrom = """
        select f.id, f.metric, f.kind, f.value, f.value_qualifier, f.unit, f.period_start, f.period_end,
               f.period_label, f.scope, f.dimension, f.dimension_value, dv.label as dimension_label,
               f.reported_by, e.kind as reported_by_kind, e.name as reported_by_name,
               f.stated_as, f.rank, f.revision
        from figures f
        cross join entities e on e.id = f.reported_by
        left join dimension_values dv on dv.dimension_id = f.dimension and dv.value = f.dimension_value
        """;

    const string ById = SelectFrom + "\nwhere f.id = @id";

    static async Task<Results<Ok<Page<Figure>>, ValidationProblem>> ListFigures(
        [AsParameters] FigureListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = await query.ToListQueryAsync(connection);
        if (list.Errors.Any) return list.Errors.ToProblem();

        var result = await list.ExecuteAsync(connection, SelectFrom, http, ct);
        return TypedResults.Ok(result.ToPage(await ToFiguresAsync(connection, result.Rows, list.Includes("citations"), ct)));
    }

    static async Task<Results<Ok<Figure>, MissingRecord, ValidationProblem>> GetFigure(
        [Description("The figure's id."), ApiParameter(Example = "dhs-removals-first-100-days")] string id,
        [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,value,periodStart,periodEnd")] string? fields,
        Db db, HttpContext http, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var selection = FieldSelection.Parse(fields, typeof(Figure), errors);
        if (errors.Any) return errors.ToProblem();

        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<FigureRow>(new CommandDefinition(ById, new { id }, cancellationToken: ct));
        if (row is null) return await MissingRecord.ForAsync(connection, RecordType.Figure, id);
        FieldSelection.Remember(http, selection);
        ETags.Remember(http, row.Revision);
        return TypedResults.Ok((await ToFiguresAsync(connection, [row], selection?.Includes("citations") ?? true, ct))[0]);
    }

    internal static async Task<(Figure Record, long Revision)?> LoadAsync(
        SqliteConnection connection, string id, CancellationToken ct, SqliteTransaction? transaction = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<FigureRow>(new CommandDefinition(ById, new { id }, transaction, cancellationToken: ct));
        return row is null ? null : ((await ToFiguresAsync(connection, [row], true, ct, transaction))[0], row.Revision);
    }

    internal static async Task<List<Figure>> ToFiguresAsync(
        SqliteConnection connection, List<FigureRow> rows, bool withCitations, CancellationToken ct, SqliteTransaction? transaction = null)
    {
        var citations = await Citations.Citations.LoadAsync(connection, CitedRecord.Figure, withCitations ? rows.Select(r => r.Id).ToArray() : [], ct, transaction);
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
            r.Breakdown,
            r.Reporter,
            r.StatedAs,
            Wire<FigureRank>.Parse(r.Rank),
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
        public string? Dimension { get; init; }
        public string? DimensionValue { get; init; }
        public string? DimensionLabel { get; init; }
        public string ReportedBy { get; init; } = "";
        public string ReportedByKind { get; init; } = "";
        public string ReportedByName { get; init; } = "";
        public string? StatedAs { get; init; }
        public string Rank { get; init; } = "";
        public long Revision { get; init; }
        /// <summary>The latest publication date of the figure's sources, which only a series reads (to choose among figures).</summary>
        public string? LatestPublishedOn { get; init; }

        public decimal DecimalValue => (decimal)Value;
        public ValueQualifier Qualifier => Wire<ValueQualifier>.Parse(ValueQualifier);
        public EntityRef Reporter => new(ReportedBy, Wire<EntityKind>.Parse(ReportedByKind), ReportedByName);
        public Breakdown? Breakdown => Dimension is null ? null : new(Dimension, DimensionValue!, DimensionLabel ?? DimensionValue!);
    }
}

/// <summary>The query parameters of <c>GET /api/v1/figures</c>.</summary>
internal sealed class FigureListQuery : ListParameters
{
    [FromQuery(Name = "metric"), Description("Only figures of this metric; the metrics are listed at `GET /api/v1/metrics`." + QueryDocs.MembershipSyntax), ApiParameter(Example = "removals")]
    public string? Metric { get; init; }

    [FromQuery(Name = "kind"), Description("Only figures of this kind: `actual`, `target`, `estimate` or `projection`." + QueryDocs.MembershipSyntax), ApiParameter(Example = "in:actual,estimate")]
    public string? Kind { get; init; }

    [FromQuery(Name = "rank"), Description("Only figures of this rank: `preferred`, `normal` or `deprecated`." + QueryDocs.MembershipSyntax), ApiParameter(Example = "preferred")]
    public string? Rank { get; init; }

    [FromQuery(Name = "reportedBy"), Description("Only figures reported by this entity (an entity id)." + QueryDocs.MembershipSyntax), ApiParameter(Example = "dhs")]
    public string? ReportedBy { get; init; }

    [FromQuery(Name = "dimension"), Description("Only figures broken down by this dimension (`citizenship`, `criminality`, `area_of_responsibility`, `arresting_agency`; see `GET /api/v1/dimensions`); `none` for whole counts only, `ne:none` for breakdowns only." + QueryDocs.MembershipSyntax), ApiParameter(Example = "citizenship")]
    public string? Dimension { get; init; }

    [FromQuery(Name = "dimensionValue"), Description("Only figures of this breakdown value, such as `MX` (citizenship) or `convicted` (criminality)." + QueryDocs.MembershipSyntax), ApiParameter(Example = "in:MX,GT,HN")]
    public string? DimensionValue { get; init; }

    [FromQuery(Name = "source"), Description("Only figures cited to this source (a source id)." + QueryDocs.MembershipSyntax), ApiParameter(Example = "article-ice-leadership-shakeup")]
    public string? Source { get; init; }

    [FromQuery(Name = "value"), Description("Only figures whose value compares so." + QueryDocs.ComparisonSyntax), ApiParameter(Example = "gte:100000", Pattern = QueryDocs.NumberPattern)]
    public string[]? Value { get; init; }

    [FromQuery(Name = "periodStart"), Description("Only figures whose period starts so (YYYY-MM-DD)." + QueryDocs.ComparisonSyntax), ApiParameter(Example = "gte:2025-01-01", Pattern = QueryDocs.DatePattern)]
    public string[]? PeriodStart { get; init; }

    [FromQuery(Name = "periodEnd"), Description("Only figures whose period ends so (YYYY-MM-DD)." + QueryDocs.ComparisonSyntax), ApiParameter(Example = "lt:2025-05-01", Pattern = QueryDocs.DatePattern)]
    public string[]? PeriodEnd { get; init; }

    [FromQuery(Name = "from"), Description("Only figures whose period ends on or after this day (YYYY-MM-DD): with `to`, the figures whose period overlaps the range. Figures without a period never match a date filter."), ApiParameter(Type = typeof(DateOnly), Example = "2025-01-01")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("Only figures whose period starts on or before this day (YYYY-MM-DD); not before `from`. Figures without a period never match a date filter."), ApiParameter(Type = typeof(DateOnly), Example = "2025-12-31")]
    public string? To { get; init; }

    [FromQuery(Name = "sort"), Description(QueryDocs.Sort + " Fields: `periodEnd`, `periodStart`, `value`, `id`. Default `-periodEnd`."), ApiParameter(Example = "-periodEnd,value")]
    public string? Sort { get; init; }

    [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,value,periodStart,periodEnd")]
    public string? Fields { get; init; }

    [FromQuery(Name = "facet"), Description(QueryDocs.Facet + " Fields: `metric`, `kind`, `rank`, `reportedBy`, `source`, `dimension`, `dimensionValue`."), ApiParameter(Example = "metric")]
    public string[]? Facet { get; init; }

    /// <param name="before">A cursor the page should end just before: the HTML pages' Previous link; the API has none.</param>
    public async Task<ListQuery<FiguresApi.FigureRow>> ToListQueryAsync(SqliteConnection connection, string? before = null)
    {
        var list = new ListQuery<FiguresApi.FigureRow>(FiguresApi.List);
        list.FullText(Q, "f.id in (select d.record_id from search_text cross join search_documents d on d.id = search_text.rowid where search_text match @q and d.type = 'figure')");
        await list.ReferenceAsync(connection, "metric", Metric, Reference.Metric, new Match("f.metric"));
        list.Enum<FigureKind>("kind", Kind, new Match("f.kind"));
        list.Enum<FigureRank>("rank", Rank, new Match("f.rank"));
        await list.ReferenceAsync(connection, "reportedBy", ReportedBy, Reference.Entity, new Match("f.reported_by"));
        if (Dimension is "none")
            list.Condition("dimension", "f.dimension is null", "none");
        else if (Dimension is "ne:none")
            list.Condition("dimension", "f.dimension is not null", "ne:none");
        else
            await list.ReferenceAsync(connection, "dimension", Dimension, Reference.Dimension, new Match("f.dimension"));
        await list.ReferenceAsync(connection, "dimensionValue", DimensionValue, Reference.DimensionValue, new Match("f.dimension_value"));
        await list.ReferenceAsync(connection, "source", Source, Reference.Source,
            new Match("f.id", "select c.figure_id from citations c where c.figure_id is not null and c.source_id"));
        list.Compare("value", Value, SortKind.Number, "f.value");
        list.Compare("periodStart", PeriodStart, SortKind.Text, FiguresApi.PeriodStartSql);
        list.Compare("periodEnd", PeriodEnd, SortKind.Text, FiguresApi.PeriodEndSql);
        // Overlap with the range. The ifnull(...) forms match the sort indexes; '' (no period) never matches.
        list.DateRange(From, To,
            "ifnull(f.period_end, '') >= @from",
            "ifnull(f.period_start, '') between '0' and @to");
        list.Output(Fields, Count, Facet);
        list.Paging(Sort, Limit, Cursor, before);
        return list;
    }
}
