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
        // Dapper reads DateOnly with the provider's GetFieldValue<DateOnly>: Microsoft.Data.Sqlite parses text, Npgsql
        // reads only a date column so. Dates are text on both engines: read them as text, through the handler below.
        SqlMapper.AddTypeMap(typeof(DateOnly), DbType.String, useGetFieldValue: false);
        SqlMapper.AddTypeMap(typeof(DateOnly?), DbType.String, useGetFieldValue: false);
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
