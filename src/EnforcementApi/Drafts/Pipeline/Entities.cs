using System.Text.RegularExpressions;
using EnforcementApi.Entities;

namespace EnforcementApi.Drafts.Pipeline;

/// <summary>An entity the API has, as a draft matches names against it.</summary>
internal sealed record KnownEntity(string Id, EntityKind Kind, string Name, string? ShortName);

/// <summary>A person or an organization a text names: where, as written, and the entity it is when one matches.</summary>
internal sealed record EntityMention(int Start, int End, string Name, EntityKind Kind, KnownEntity? Entity, string? Title);

/// <summary>
/// Step 5: the people in public roles and the organizations a text names, matched to the API's entities
/// by name, short name ("ICE"), the name without "U.S." or "the", and, for a person the API has, the
/// surname alone ("Homan"). A person the API does not have is found by a title before the name
/// ("acting Director Todd Lyons"), an appositive after it ("Todd Lyons, the acting director"), or a verb
/// of saying; anyone else is not named (private individuals never become entities).
/// </summary>
internal sealed partial class Entities
{
    readonly IReadOnlyList<KnownEntity> known;
    readonly List<(string Name, KnownEntity Entity)> names = [];

    public Entities(IReadOnlyList<KnownEntity> known)
    {
        this.known = known;
        foreach (var entity in known)
        {
            names.Add((entity.Name, entity));
            if (entity.Name.StartsWith("U.S. ", StringComparison.Ordinal)) names.Add((entity.Name[5..], entity));
            else if (entity.Kind == EntityKind.Organization) names.Add(("U.S. " + entity.Name, entity));
            if (entity.ShortName is { Length: > 1 } shortName) names.Add((shortName, entity));
            if (entity.Kind == EntityKind.Person && Surname(entity.Name) is { } surname
                && known.Count(e => e.Kind == EntityKind.Person && Surname(e.Name) == surname) == 1)
                names.Add((surname, entity));
        }
        // Longest first, so that "Immigration and Customs Enforcement" wins over a shorter name inside it.
        names.Sort((a, b) => b.Name.Length.CompareTo(a.Name.Length));
    }

    public const string TitleWords =
        "Director|Secretary|Commissioner|Administrator|Czar|czar|President|Vice President|Senator|Sen\\.|Rep\\.|Representative|Governor|Gov\\.|" +
        "Mayor|Chief|Spokesperson|spokesperson|Spokeswoman|spokeswoman|Spokesman|spokesman|Judge|Attorney General|Deputy|Assistant|Officer|" +
        "Executive Associate Director|Field Office Director|Press Secretary|Acting|acting|Representative|Speaker|Leader|Chairman|Chair";

    [GeneratedRegex(@"(?<title>(?:\b(?:" + TitleWords + @")\b[\s,]*(?:of\s+(?:the\s+)?[A-Z][\w.&]*(?:\s+[A-Z][\w.&]*)*\s+)?)+)(?<name>[A-Z][a-z’'-]+(?:\s+[A-Z]\.)?(?:\s+(?:de|van|von|Mc)?[A-Z][a-z’'-]+){1,2})\b")]
    private static partial Regex TitledName();

    [GeneratedRegex(@"\b(?<name>[A-Z][a-z’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’'-]+){1,2})(?:,\s+(?:the|a|an)\s+(?<title>[a-z][\w\s-]{2,60}?)(?:\s+(?:of|for|at)\b|,))")]
    private static partial Regex NameWithAppositive();

    [GeneratedRegex(@"\b(?<name>[A-Z][a-z’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’'-]+){1,2})(?:,\s+(?<title>[a-z][^,“”""]{2,80}),)?\s+(?:" + Quotes.SaidVerbs + @")\b")]
    private static partial Regex NameBeforeSaid();

    static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "United States", "White House", "Border Patrol", "Homeland Security", "Trump Administration", "Biden Administration",
        "Supreme Court", "New York", "Los Angeles", "San Antonio", "El Paso", "Customs Enforcement", "Immigration Enforcement",
        "Tren Aragua", "Street", "Law Enforcement",
    };

    static readonly string[] NotNameWords =
        ["Department", "Agency", "Office", "Immigration", "Customs", "Enforcement", "Security", "Service", "Services", "Border", "Patrol",
         "Congress", "Administration", "News", "Center", "Report", "Removal", "Operations", "Program", "Act", "County", "City", "State",
         "Street", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
         "May", "June", "July", "August", "September", "October", "November", "December", "President", "Director", "Secretary", "The",
         "In", "On", "At", "As", "But", "And", "Under", "After", "Since", "Acting", "Deputy", "Senior", "Official", "When", "While", "If",
         "Then", "Although", "Though", "Because", "So", "Also", "Still", "Yet", "Now", "Here", "There", "This", "That", "These", "Those",
         "Keeps", "Says", "Said", "Executive", "Order", "Orders"];

    public static string? Surname(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? parts[^1] : null;
    }

    /// <summary>The entity a name as written stands for, if the API has it.</summary>
    public KnownEntity? Resolve(string name)
    {
        var cleaned = Regex.Replace(name.Trim(), @"^(?:the|The)\s+", "");
        foreach (var (candidate, entity) in names)
            if (string.Equals(candidate, cleaned, StringComparison.OrdinalIgnoreCase)) return entity;
        // "ICE acting Director Todd Lyons": the name at the end of a titled phrase.
        if (TitledName().Match(cleaned) is { Success: true } titled && titled.Groups["name"].Value != cleaned) return Resolve(titled.Groups["name"].Value);
        // "Todd M. Lyons" and "Matthew Albence" for "Todd Lyons" and "Matthew T. Albence": the same first and last names.
        var parts = FirstAndLast(cleaned);
        return parts is null ? null : known.FirstOrDefault(e => e.Kind == EntityKind.Person && FirstAndLast(e.Name) == parts);
    }

    static (string, string)? FirstAndLast(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Regex.IsMatch(w, @"^[A-Z]\.$")).ToArray();
        return words.Length >= 2 ? (words[0], words[^1]) : null;
    }

    public List<EntityMention> Find(string text)
    {
        var mentions = new List<EntityMention>();
        bool Taken(int start, int end) => mentions.Any(m => m.Start < end && start < m.End);

        foreach (Match m in TitledName().Matches(text))
            AddPerson(m.Groups["name"], m.Groups["title"].Value.Trim(' ', ','));
        foreach (Match m in NameWithAppositive().Matches(text))
            AddPerson(m.Groups["name"], m.Groups["title"].Value.Trim());
        foreach (Match m in NameBeforeSaid().Matches(text))
            AddPerson(m.Groups["name"], m.Groups["title"].Success ? m.Groups["title"].Value : null);
        foreach (var (name, entity) in names)
        {
            // A short name ("ICE") is matched as written; a full name in any case. Whole words only.
            var comparison = name.Length <= 4 ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            for (var at = text.IndexOf(name, comparison); at >= 0; at = text.IndexOf(name, at + 1, comparison))
            {
                var end = at + name.Length;
                var wordStart = at == 0 || !(char.IsLetterOrDigit(text[at - 1]) || text[at - 1] == '.');
                var wordEnd = end == text.Length || !char.IsLetterOrDigit(text[end]);
                if (wordStart && wordEnd && !Taken(at, end))
                    mentions.Add(new EntityMention(at, end, text[at..end], entity.Kind, entity, null));
            }
        }
        return mentions.OrderBy(m => m.Start).ToList();

        void AddPerson(Group name, string? title)
        {
            // "Donald Trump’s administration": the name without the possessive.
            var value = Regex.Replace(name.Value, @"['’]s$", "");
            if (NotNames.Contains(value) || value.Split(' ').Any(w => NotNameWords.Contains(w))) return;
            if (Taken(name.Index, name.Index + value.Length)) return;
            var entity = Resolve(value);
            mentions.Add(new EntityMention(name.Index, name.Index + value.Length, value, EntityKind.Person, entity,
                string.IsNullOrWhiteSpace(title) ? null : title));
        }
    }

    /// <summary>The API's entities, for the mentions a draft proposes to create: a person by full name.</summary>
    public IReadOnlyList<KnownEntity> Known => known;
}
