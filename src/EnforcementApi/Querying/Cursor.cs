using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EnforcementApi.Querying;

/// <summary>
/// A keyset position: the sort values (the id last) of the last record of a page, bound to the resource and
/// the query (filters and sort) it came from. It travels as base64url JSON with a checksum, so an
/// edited or truncated cursor is refused rather than silently read from a different place.
/// </summary>
internal sealed record Cursor(string Resource, string Query, JsonElement[] Keys)
{
    public string Encode()
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(Resource, Query, Keys));
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Checksum(payload));
    }

    public static bool TryDecode(string text, out Cursor? cursor)
    {
        cursor = null;
        var dot = text.IndexOf('.');
        if (dot <= 0 || text.Length > 4096) return false;
        try
        {
            var payload = Base64Url.DecodeFromChars(text.AsSpan(0, dot));
            var checksum = Base64Url.DecodeFromChars(text.AsSpan(dot + 1));
            if (!CryptographicOperations.FixedTimeEquals(checksum, Checksum(payload))) return false;
            var p = JsonSerializer.Deserialize<Payload>(payload);
            if (p is null || p.R is null || p.Q is null || p.K is null) return false;
            cursor = new Cursor(p.R, p.Q, p.K);
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }

    /// <summary>Identifies a query by its normalised filters and sort, so a cursor cannot move to another.</summary>
    public static string Fingerprint(IEnumerable<string> parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))).AsSpan(0, 8));

    static byte[] Checksum(ReadOnlySpan<byte> payload)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData("enforcement-api cursor v1"u8, payload, hash);
        return hash[..12].ToArray();
    }

    sealed record Payload(string? R, string? Q, JsonElement[]? K);
}
