using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;

namespace EnforcementApi.Tests.Bulk;

/// <summary>An excerpt that breaks a line keeps its row whole in a CSV export (RFC 4180: the cell is quoted).</summary>
public sealed class CsvLineBreakTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    [Theory]
    [InlineData("book-ins\nthrough the first 26 days")]
    [InlineData("book-ins\rthrough the first 26 days")]
    public async Task A_cell_with_a_bare_line_break_is_quoted_and_the_row_stays_one(string excerpt)
    {
        var world = await World.CreateAsync(api);
        var figure = Make.Figure(Make.Id("csv"), world.Source, world.Agency, metric: "atd_enrollment");
        figure["citations"] = new JsonArray(Make.Citation(world.Source, excerpt));
        await api.CreateAsync("figures", figure);

        foreach (var url in new[] { "/api/v1/export/figures?format=csv&metric=atd_enrollment", "/api/v1/export/citations" })
        {
            var csv = await api.Client.GetStringAsync(url);
            Assert.Contains("\"" + excerpt + "\"", csv);
            var rows = Rows(csv);
            Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
        }
    }

    /// <summary>RFC 4180 rows: quoted cells may hold commas, quotes ("") and line breaks.</summary>
    static List<List<string>> Rows(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add(row); row = []; i++; }
            else cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add(row); }
        return rows;
    }
}
