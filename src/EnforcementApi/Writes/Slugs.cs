using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EnforcementApi.Writes;

internal static class Slugs
{
    /// <summary>A readable id from a record's words: "Kristi Noem" becomes <c>kristi-noem</c>.</summary>
    public static string From(string words, string fallback)
    {
        var slug = new StringBuilder();
        foreach (var c in words.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(char.ToLowerInvariant(c));
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
            if (slug.Length >= 60) break;
        }
        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? fallback : text;
    }

    const string Base32 = "abcdefghijkmnpqrstuvwxyz23456789"; // no l, o, 0 or 1, which read alike

    /// <summary>Eight characters drawn at random (40 bits): a suffix that keeps a slug readable and is almost never taken.</summary>
    public static string RandomSuffix()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        Span<char> text = stackalloc char[8];
        for (var i = 0; i < text.Length; i++) text[i] = Base32[bytes[i] & 31];
        return new string(text);
    }
}
