using System.Data;
using System.Globalization;
using Dapper;

namespace EnforcementApi.Data;

/// <summary>
/// SQLite keeps dates as ISO 8601 text; these handlers turn them into <see cref="DateOnly"/> and
/// <see cref="DateTimeOffset"/> and back. Registered once at start.
/// </summary>
internal static class DapperTypeHandlers
{
    static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Dapper maps DateOnly itself: it reads one with the provider's GetFieldValue<DateOnly> and binds it as it is.
        // Microsoft.Data.Sqlite takes both as text; Npgsql takes neither for a text column. Dates are text on both
        // engines, so Dapper's own mapping goes, and the handler below reads and binds them (a type map would win over it).
        SqlMapper.RemoveTypeMap(typeof(DateOnly));
        SqlMapper.RemoveTypeMap(typeof(DateOnly?));
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        public override DateOnly Parse(object value) =>
            DateOnly.ParseExact((string)value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = Timestamps.Format(value);
        }

        public override DateTimeOffset Parse(object value) =>
            DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }
}
