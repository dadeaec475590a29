using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnforcementApi.Data;

/// <summary>
/// Moments in time, stored and served the same way: UTC, ISO 8601, with milliseconds and a Z
/// (<c>2025-05-01T12:00:00.000Z</c>), so they sort as text and read the same everywhere.
/// </summary>
public static class Timestamps
{
    const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Now() => Format(DateTimeOffset.UtcNow);

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Writes every DateTimeOffset in UTC with a Z.</summary>
    public sealed class JsonConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Format(value));
    }
}
