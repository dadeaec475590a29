using System.ComponentModel;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Http;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;

namespace EnforcementApi.Statements;

public static class StatementsApi
{
    public static IEndpointRouteBuilder MapStatements(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/statements").WithTags("Statements");

        group.MapGet("/", ListStatements).WithName(nameof(ListStatements))
            .WithSummary("List statements")
            .WithDescription("""
                Direct quotes and paraphrases, each with its speaker, the speaker's role at the time and the
                excerpts that report it. Filter by `speaker` (an entity id), `quoteType`, `source`, and
                `from`/`to` on the day it was said. Sorted by `saidOn`, newest first, unless `sort` says
                otherwise; statements with an unknown date come last.
                """);

        group.MapGet("/{id}", GetStatement).WithName(nameof(GetStatement))
            .WithSummary("Get one statement")
            .WithDescription("One statement by its id, with its speaker, the speaker's role and citations.");

        new RecordWriter<StatementInput, Statement>(StatementWrites.Resource).Map(group);

        return api;
    }

    internal const string SaidOnSql = "ifnull(s.said_on, '')";

    internal static readonly ListDefinition<StatementRow> List = new()
    {
        Resource = "statements",
        From = "from statements s",
        IdSql = "s.id",
        Id = r => r.Id,
        DefaultSort = "-saidOn",
        RecordType = typeof(Statement),
        Sorts = [new SortField<StatementRow>("saidOn", SaidOnSql, SortKind.Text, r => Dates.Key(r.SaidOn))],
        Facets =
        [
            new Facet("speaker", "s.speaker_id", "(select e.name from entities e where e.id = s.speaker_id)"),
            new Facet("quoteType", "s.quote_type"),
            new Facet("source", "sc.source_id", "(select so.title from sources so where so.id = sc.source_id)",
                "join citations sc on sc.statement_id = s.id", "count(distinct s.id)"),
        ],
    };

    // CROSS JOIN fixes the join order: the listed table drives, so its index gives the order and the
    // page stops after limit rows. (With statistics, SQLite may otherwise start from the smaller
    // entities table and sort every record.)
    internal const string SelectFrom = """
        select s.id, s.speaker_id, sp.kind as speaker_kind, sp.name as speaker_name,
               r.title as role_title, r.organization_id as role_organization_id,
               o.kind as role_organization_kind, o.name as role_organization_name,
               r.started_on as role_started_on, r.ended_on as role_ended_on,
               s.text, s.quote_type, s.said_on, s.date_precision, s.channel, s.revision
        from statements s
        cross join entities sp on sp.id = s.speaker_id
        left join entity_roles r on r.id = s.speaker_role_id
        left join entities o on o.id = r.organization_id
        """;

    const string ById = SelectFrom + "\nwhere s.id = @id";

    static async Task<Results<Ok<Page<Statement>>, ValidationProblem>> ListStatements(
        [AsParameters] StatementListQuery query, Db db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var list = await query.ToListQueryAsync(connection);
        if (list.Errors.Any) return list.Errors.ToProblem();

        var result = await list.ExecuteAsync(connection, SelectFrom, http, ct);
        return TypedResults.Ok(result.ToPage(await ToStatementsAsync(connection, result.Rows, list.Includes("citations"), ct)));
    }

    static async Task<Results<Ok<Statement>, MissingRecord, ValidationProblem>> GetStatement(
        [Description("The statement's id."), ApiParameter(Example = "tom-homan-on-agents")] string id,
        [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,speaker,text")] string? fields,
        Db db, HttpContext http, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var selection = FieldSelection.Parse(fields, typeof(Statement), errors);
        if (errors.Any) return errors.ToProblem();

        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<StatementRow>(new CommandDefinition(ById, new { id }, cancellationToken: ct));
        if (row is null) return await MissingRecord.ForAsync(connection, RecordType.Statement, id);
        FieldSelection.Remember(http, selection);
        ETags.Remember(http, row.Revision);
        return TypedResults.Ok((await ToStatementsAsync(connection, [row], selection?.Includes("citations") ?? true, ct))[0]);
    }

    internal static async Task<(Statement Record, long Revision)?> LoadAsync(
        SqliteConnection connection, string id, CancellationToken ct, SqliteTransaction? transaction = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<StatementRow>(new CommandDefinition(ById, new { id }, transaction, cancellationToken: ct));
        return row is null ? null : ((await ToStatementsAsync(connection, [row], true, ct, transaction))[0], row.Revision);
    }

    internal static async Task<List<Statement>> ToStatementsAsync(
        SqliteConnection connection, List<StatementRow> rows, bool withCitations, CancellationToken ct, SqliteTransaction? transaction = null)
    {
        var citations = await Citations.Citations.LoadAsync(connection, CitedRecord.Statement, withCitations ? rows.Select(r => r.Id).ToArray() : [], ct, transaction);
        return rows.Select(r => new Statement(
            r.Id,
            new EntityRef(r.SpeakerId, Wire<EntityKind>.Parse(r.SpeakerKind), r.SpeakerName),
            r.RoleTitle is null
                ? null
                : new Role(
                    r.RoleTitle,
                    r.RoleOrganizationId is null
                        ? null
                        : new EntityRef(r.RoleOrganizationId, Wire<EntityKind>.Parse(r.RoleOrganizationKind!), r.RoleOrganizationName!),
                    r.RoleStartedOn,
                    r.RoleEndedOn),
            r.Text,
            Wire<QuoteType>.Parse(r.QuoteType),
            r.SaidOn,
            Wire<DatePrecision>.Parse(r.DatePrecision),
            Wire<StatementChannel>.Parse(r.Channel),
            citations[r.Id].ToList())).ToList();
    }

    internal sealed class StatementRow
    {
        public string Id { get; init; } = "";
        public string SpeakerId { get; init; } = "";
        public string SpeakerKind { get; init; } = "";
        public string SpeakerName { get; init; } = "";
        public string? RoleTitle { get; init; }
        public string? RoleOrganizationId { get; init; }
        public string? RoleOrganizationKind { get; init; }
        public string? RoleOrganizationName { get; init; }
        public DateOnly? RoleStartedOn { get; init; }
        public DateOnly? RoleEndedOn { get; init; }
        public string Text { get; init; } = "";
        public string QuoteType { get; init; } = "";
        public DateOnly? SaidOn { get; init; }
        public string DatePrecision { get; init; } = "";
        public string Channel { get; init; } = "";
        public long Revision { get; init; }
    }
}

/// <summary>The query parameters of <c>GET /api/v1/statements</c>.</summary>
internal sealed class StatementListQuery : ListParameters
{
    [FromQuery(Name = "speaker"), Description("Only statements by this entity (an entity id)." + QueryDocs.MembershipSyntax), ApiParameter(Example = "tom-homan")]
    public string? Speaker { get; init; }

    [FromQuery(Name = "quoteType"), Description("Only `direct` quotes or only `paraphrase`s." + QueryDocs.MembershipSyntax), ApiParameter(Example = "direct")]
    public string? QuoteType { get; init; }

    [FromQuery(Name = "source"), Description("Only statements cited to this source (a source id)." + QueryDocs.MembershipSyntax), ApiParameter(Example = "article-ice-leadership-shakeup")]
    public string? Source { get; init; }

    [FromQuery(Name = "saidOn"), Description("Only statements said on a day that compares so (YYYY-MM-DD)." + QueryDocs.ComparisonSyntax), ApiParameter(Example = "gte:2025-01-20", Pattern = QueryDocs.DatePattern)]
    public string[]? SaidOn { get; init; }

    [FromQuery(Name = "from"), Description(QueryDocs.From), ApiParameter(Type = typeof(DateOnly), Example = "2025-01-20")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description(QueryDocs.To), ApiParameter(Type = typeof(DateOnly), Example = "2025-04-29")]
    public string? To { get; init; }

    [FromQuery(Name = "sort"), Description(QueryDocs.Sort + " Fields: `saidOn`, `id`. Default `-saidOn`."), ApiParameter(Example = "-saidOn")]
    public string? Sort { get; init; }

    [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,speaker,text,quoteType")]
    public string? Fields { get; init; }

    [FromQuery(Name = "facet"), Description(QueryDocs.Facet + " Fields: `speaker`, `quoteType`, `source`."), ApiParameter(Example = "speaker")]
    public string[]? Facet { get; init; }

    /// <param name="before">A cursor the page should end just before: the HTML pages' Previous link; the API has none.</param>
    public async Task<ListQuery<StatementsApi.StatementRow>> ToListQueryAsync(SqliteConnection connection, string? before = null)
    {
        var list = new ListQuery<StatementsApi.StatementRow>(StatementsApi.List);
        list.FullText(Q, "s.id in (select d.record_id from search_text cross join search_documents d on d.id = search_text.rowid where search_text match @q and d.type = 'statement')");
        await list.ReferenceAsync(connection, "speaker", Speaker, Reference.Entity, new Match("s.speaker_id"));
        list.Enum<QuoteType>("quoteType", QuoteType, new Match("s.quote_type"));
        await list.ReferenceAsync(connection, "source", Source, Reference.Source,
            new Match("s.id", "select c.statement_id from citations c where c.statement_id is not null and c.source_id"));
        list.Compare("saidOn", SaidOn, SortKind.Text, StatementsApi.SaidOnSql);
        list.DateRange(From, To,
            "ifnull(s.said_on, '') >= @from",
            "ifnull(s.said_on, '') between '0' and @to");
        list.Output(Fields, Count, Facet);
        list.Paging(Sort, Limit, Cursor, before);
        return list;
    }
}
