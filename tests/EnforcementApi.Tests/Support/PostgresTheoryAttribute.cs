namespace EnforcementApi.Tests.Support;

/// <summary>
/// A theory that compares the two providers, and so needs the run's PostgreSQL server (<c>ENFORCEMENT_TEST_POSTGRES</c>,
/// as <c>.ci/run</c>'s second run has): without one it is skipped, saying so, rather than comparing SQLite with itself.
/// </summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (TestPostgres.Server is null) Skip = "compares SQLite with PostgreSQL: needs ENFORCEMENT_TEST_POSTGRES (.ci/run starts a server)";
    }
}

/// <summary>A fact about PostgreSQL itself: skipped, saying so, in a run without a server.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestPostgres.Server is null) Skip = "checks the PostgreSQL schema and start: needs ENFORCEMENT_TEST_POSTGRES (.ci/run starts a server)";
    }
}
