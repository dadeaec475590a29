using System.Globalization;
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
}
