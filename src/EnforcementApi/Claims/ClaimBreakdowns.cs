using System.Text.RegularExpressions;
using EnforcementApi.Figures;

namespace EnforcementApi.Claims;

/// <summary>
/// Which part of a count a claimed number is, where its words say so: a country of citizenship ("120,000
/// Guatemalans", "citizens of Mexico", "removals to Honduras") or a criminal history ("70,583 of whom had criminal
/// convictions", "non-criminal"). A claim about a part is compared only with the same part, as the discrepancies are.
/// Countries are matched by the labels the API's citizenship dimension has and by the demonyms the news uses for
/// the countries most often counted; a demonym not listed here leaves the claim a whole count.
/// </summary>
internal static partial class ClaimBreakdowns
{
    static readonly Dictionary<string, string> Demonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Mexican"] = "MX", ["Guatemalan"] = "GT", ["Honduran"] = "HN", ["Salvadoran"] = "SV", ["Salvadorean"] = "SV",
        ["Salvadorian"] = "SV", ["Venezuelan"] = "VE", ["Colombian"] = "CO", ["Ecuadorian"] = "EC", ["Ecuadorean"] = "EC",
        ["Cuban"] = "CU", ["Haitian"] = "HT", ["Dominican"] = "DO", ["Nicaraguan"] = "NI", ["Brazilian"] = "BR",
        ["Jamaican"] = "JM", ["Indian"] = "IN", ["Chinese"] = "CN", ["Peruvian"] = "PE", ["Chilean"] = "CL",
        ["Romanian"] = "RO", ["Russian"] = "RU", ["Ukrainian"] = "UA", ["Canadian"] = "CA", ["Filipino"] = "PH",
        ["Vietnamese"] = "VN", ["Pakistani"] = "PK", ["Nigerian"] = "NG", ["Ghanaian"] = "GH", ["Mauritanian"] = "MR",
        ["Senegalese"] = "SN", ["Bolivian"] = "BO", ["Argentine"] = "AR", ["Argentinian"] = "AR", ["Costa Rican"] = "CR",
        ["Panamanian"] = "PA", ["Belizean"] = "BZ", ["Guyanese"] = "GY", ["Bahamian"] = "BS", ["Trinidadian"] = "TT",
        ["Turkish"] = "TR", ["Egyptian"] = "EG", ["Uzbek"] = "UZ", ["Afghan"] = "AF", ["Bangladeshi"] = "BD",
        ["Nepali"] = "NP", ["Nepalese"] = "NP", ["Korean"] = "KR", ["Jordanian"] = "JO", ["Somali"] = "SO",
    };

    // A demonym standing for the people counted: "Guatemalans", "Guatemalan nationals", "Mexican citizens".
    [GeneratedRegex(@"\b(?<demonym>Costa\s+Rican|[A-Z][a-z]+)(?:s\b|\s+(?:nationals|citizens|migrants|immigrants|people|deportees|detainees|noncitizens|aliens|men|women|children|families)\b)")]
    private static partial Regex Demonym();

    // A country named as the people's: "citizens of Mexico", "from Honduras", "deportations to Guatemala".
    [GeneratedRegex(@"\b(?:citizens?\s+of|nationals?\s+of|natives?\s+of|from|to|back\s+to)\s+(?:the\s+)?(?<country>[A-Z][\w&'’.-]*(?:\s+(?:&\s+)?[A-Z][\w'’.-]*){0,3})")]
    private static partial Regex CountryNamed();

    // A country right before its number, as lists write them: "Mexico, 87,298; Guatemala, 66,435", "Jamaica (792)", "Ecuador – 2,253".
    [GeneratedRegex(@"(?<country>\b[A-Z][\w&'’.-]*(?:\s+(?:&\s+|and\s+|of\s+(?:the\s+)?)?[A-Z][\w'’.-]*){0,3})\s*(?:,|:|\(|–|—|-|\s-)\s*$")]
    private static partial Regex CountryJustBefore();

    [GeneratedRegex(@"\b(?:criminal\s+convictions?|convicted|convictions?\s+for|criminal\s+records?|prior\s+convictions?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Convicted();

    [GeneratedRegex(@"\bpending\s+(?:criminal\s+)?charges\b", RegexOptions.IgnoreCase)]
    private static partial Regex PendingCharges();

    [GeneratedRegex(@"\b(?:non-?criminals?|no\s+criminal\s+(?:record|conviction|histor)\w*|without\s+(?:a\s+)?criminal\s+(?:record|conviction|histor)\w*|other\s+immigration\s+violators?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NonCriminal();

    // Who first arrested the people a book-in, a detention or a removal counts: "ICE book-in arrests", "arrested by ICE and
    // booked", "from arrests by the Border Patrol".
    [GeneratedRegex(@"\bICE\s+book-?in\s+arrests\b|\barrested\s+by\s+ICE\b|\bICE-arrested\b", RegexOptions.IgnoreCase)]
    private static partial Regex ArrestedByIce();

    [GeneratedRegex(@"\barrests?\s+by\s+(?:the\s+)?(?:U\.S\.\s+)?(?:Border\s+Patrol|CBP)\b|\bCBP\s+book-?in\s+arrests\b|\barrested\s+by\s+(?:the\s+)?(?:Border\s+Patrol|CBP)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ArrestedByCbp();

    /// <summary>The arresting agency of a book-in, detention or removal claim, where its sentence names one and only one.</summary>
    public static Breakdown? ArrestingAgency(string text, int start, int end, string? metric)
    {
        if (metric is not ("book_ins" or "detained_population" or "removals")) return null;
        var sentence = text[start..end];
        var (ice, cbp) = (ArrestedByIce().IsMatch(sentence), ArrestedByCbp().IsMatch(sentence));
        return ice == cbp ? null : ice ? new("arresting_agency", "ice", "ICE") : new("arresting_agency", "cbp", "CBP");
    }

    /// <summary>The country named right before a number (from <paramref name="start"/>, the end of the number before it), as a list of countries writes it.</summary>
    public static Breakdown? Before(string text, int start, int numberStart, ClaimVocabulary vocabulary)
    {
        if (CountryJustBefore().Match(text[start..numberStart]) is not { Success: true } m) return null;
        var names = m.Groups["country"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // The shortest tail that is a country's label: "followed by Guatemala (" is Guatemala; "El Salvador," is El Salvador.
        for (var n = 1; n <= names.Length; n++)
        {
            var name = string.Join(' ', names[^n..]).TrimEnd('.', '’', '\'');
            if (vocabulary.CountryCodes.TryGetValue(name, out var code) && code != "US")
                return new("citizenship", code, vocabulary.Countries[code]);
        }
        return null;
    }

    /// <summary>
    /// The breakdown of the number whose words run from <paramref name="start"/> to <paramref name="end"/> (the
    /// number and the words after it up to the next number or the end of its sentence); null for a whole count.
    /// </summary>
    public static Breakdown? Of(string text, int start, int end, ClaimVocabulary vocabulary)
    {
        var words = text[start..Math.Min(end, start + 120)];
        if (NonCriminal().IsMatch(words)) return new("criminality", "other_immigration_violator", "Neither convicted nor charged (other immigration violators)");
        if (PendingCharges().IsMatch(words)) return new("criminality", "pending_charges", "Pending criminal charges");
        if (Convicted().IsMatch(words)) return new("criminality", "convicted", "Convicted of a crime");
        foreach (Match m in Demonym().Matches(words))
        {
            var demonym = Regex.Replace(m.Groups["demonym"].Value, @"\s+", " ");
            if (Demonyms.TryGetValue(demonym, out var code) && vocabulary.Countries.TryGetValue(code, out var label))
                return new("citizenship", code, label);
        }
        foreach (Match m in CountryNamed().Matches(words))
        {
            // The longest run of capitalized words that is a country's label: "the Dominican Republic", "El Salvador".
            var names = m.Groups["country"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var n = names.Length; n > 0; n--)
            {
                var name = string.Join(' ', names.Take(n)).TrimEnd('.', ',', '’', '\'');
                if (name.EndsWith("’s", StringComparison.Ordinal) || name.EndsWith("'s", StringComparison.Ordinal)) name = name[..^2];
                // "deported from the United States" names where from, not whose citizens.
                if (vocabulary.CountryCodes.TryGetValue(name, out var code) && code != "US")
                    return new("citizenship", code, vocabulary.Countries[code]);
            }
        }
        return null;
    }
}
