using Dapper;
using EnforcementApi.Bulk;
using EnforcementApi.Data;
using EnforcementApi.Docs;
using EnforcementApi.Writes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests;

/// <summary>
/// Every map from a record type to a name, a table, a path, a page, a write side, an export, a patch example
/// and the records that show it is total: each <see cref="RecordType"/> has its own entry, and the database
/// knows each type. A type added to the enum without its entries fails here (and stops the app at start).
/// </summary>
public sealed class RecordKindsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static TheoryData<RecordType> Types => [.. Enum.GetValues<RecordType>()];

    [Theory, MemberData(nameof(Types))]
    public void Each_record_type_has_its_own_entry_in_every_map(RecordType type)
    {
        var kind = RecordKinds.Of(type);
        Assert.Equal(type, kind.Type);
        Assert.Same(kind, RecordKinds.Of(kind.Name));
        Assert.Equal(type, WritableResources.Of(type).Type);
        Assert.Single(Exportables.All, e => e.Type == type && e.Resource == kind.Plural);
        Assert.Equal($"/api/v1/{kind.Plural}/", kind.ApiPath);
        Assert.StartsWith(kind.PagePath ?? kind.ApiPath, kind.PageOf("x"));
        Assert.Equal(kind.PageOf("a b"), EnforcementApi.Pages.Display.PageOf(type, "a b"));
        Assert.NotNull(Examples.PatchFor(WritableResources.Of(type).InputType));
        // Says either which records show this type or that none do; an unknown type throws.
        _ = EnforcementApi.Writes.RecordHistory.DependentsOf(type);
    }

    [Fact]
    public void No_two_types_share_a_name_a_table_or_a_page()
    {
        Assert.Equal(RecordKinds.All.Count, RecordKinds.All.Select(k => k.Name).Distinct().Count());
        Assert.Equal(RecordKinds.All.Count, RecordKinds.All.Select(k => k.Plural).Distinct().Count());
        var pages = RecordKinds.All.Where(k => k.PagePath is not null).Select(k => k.PagePath).ToList();
        Assert.Equal(pages.Count, pages.Distinct().Count());
        Assert.Equal(RecordKinds.All.Count, WritableResources.All.Select(r => r.InputType).Distinct().Count());
    }

    [SqliteOnly(NotOnPostgres.SqliteFile)]
    [Fact]
    public void The_database_knows_every_record_type_and_each_type_has_its_table()
    {
        using var connection = factory.OpenDatabase();
        Assert.Equal(RecordKinds.All.Select(k => k.Name).Order(), connection.Query<string>("select id from record_types").Order());
        foreach (var kind in RecordKinds.All)
            Assert.Equal(1L, connection.ExecuteScalar<long>("select count(*) from sqlite_master where type = 'table' and name = @Plural", kind));
        // The references that replaced the CHECK lists (db/014) hold for every stored row.
        Assert.Empty(connection.Query("pragma foreign_key_check"));
    }

    [Fact]
    public void A_map_without_an_entry_for_a_type_is_refused_when_it_is_made()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            RecordKinds.Total([RecordType.Source, RecordType.Entity, RecordType.Event, RecordType.Figure], t => t, "A map"));
        Assert.Contains("Statement", error.Message);
        Assert.Throws<InvalidOperationException>(() =>
            RecordKinds.Total([.. Enum.GetValues<RecordType>(), RecordType.Figure], t => t, "A map"));
        Assert.Throws<ArgumentException>(() => RecordKinds.Of("facility"));
    }
}
