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

    // Titles as the news writes them before a name, capitalized or not: "Acting Director Jane Roe", "acting director
    // Jane Roe", "agency spokesperson John Doe", "Deputy Jane Roe".
    public const string TitleWords =
        "[Dd]irector|[Ss]ecretary|[Cc]ommissioner|[Aa]dministrator|[Cc]zar|President|Vice President|Senator|Sen\\.|Rep\\.|Representative|Governor|Gov\\.|" +
        "Mayor|[Cc]hief|[Ss]pokesperson|[Ss]pokeswoman|[Ss]pokesman|Judge|Attorney General|[Dd]eputy|[Aa]ssistant|[Oo]fficer|[Oo]fficial|" +
        "[Ee]xecutive [Aa]ssociate [Dd]irector|[Ff]ield [Oo]ffice [Dd]irector|[Pp]ress [Ss]ecretary|[Aa]cting|Representative|Speaker|Leader|Chairman|Chair|" +
        "[Ss]pecial [Aa]gent in [Cc]harge|[Aa]gent|[Uu]ndersecretary|[Cc]oordinator|[Aa]dviser|[Aa]dvisor";

    // Names are words on one line: a dateline ("(Reuters)") or a heading is not read together with the next line's first word.
    const string PersonName = @"[A-Z][a-z’'-]+(?:[ \t]+[A-Z]\.)?(?:[ \t]+(?:de[ \t]+|van[ \t]+|von[ \t]+)?(?:Mc)?[A-Z][a-z’'-]+){1,2}";

    [GeneratedRegex(@"(?<title>(?:\b(?:" + TitleWords + @")\b[ \t,]*(?:(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z][\w.&]*(?:[ \t]+[A-Z][\w.&]*)*[ \t]+)?)+)(?<name>" + PersonName + @")\b")]
    private static partial Regex TitledName();

    [GeneratedRegex(@"\b(?<name>" + PersonName + @")(?:,[ \t]+(?:the|a|an)[ \t]+(?<title>[a-z][\w \t-]{2,60}?)(?:[ \t]+(?:of|for|at)\b|,))")]
    private static partial Regex NameWithAppositive();

    // "Rebecca Adducci, ERO field office director for Detroit, which covers …, said": the appositive may be long and hold a comma.
    [GeneratedRegex(@"\b(?<name>" + PersonName + @")(?:,[ \t]+(?<title>[^,“”""\n]{2,120})(?:,[^,“”""\n]{2,80})?,)?[ \t]+(?:" + Quotes.SaidVerbs + @")\b")]
    private static partial Regex NameBeforeSaid();

    // An inverted attribution names the speaker right after the verb: "…,” said Rebecca Adducci, ERO field office director".
    [GeneratedRegex(@"\b(?:said|says|told|added|wrote|noted|explained|stated)[ \t]+(?<name>" + PersonName + @")(?=[ \t]*(?:[,.;]|$|[ \t]+(?:in|on|at|during|told|to|of|who)\b))")]
    private static partial Regex SaidThenName();

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

    // News organisations are publishers, not people: "NBC News", "the Washington Post", a dateline's "Reuters".
    [GeneratedRegex(@"\b(?:News|Post|Times|Journal|Press|Tribune|Herald|Reuters|Bloomberg|Axios|Politico|Newsweek|CNN|NBC|CBS|ABC|NPR|PBS|AP|Fox|MSNBC|Telegraph|Guardian|Examiner|Chronicle|Gazette|Radio|Television|Magazine|Daily|Breitbart|Newsmax|Sun|Observer|Globe|Wire|Media)\b")]
    public static partial Regex NewsOrganisation();

    // First names and the forms they go by: "Tom Homan" in the API is "Thomas Homan" in a text.
    static readonly string[][] FirstNames =
    [
        ["Thomas", "Tom", "Tommy"], ["William", "Bill", "Will", "Billy"], ["Robert", "Bob", "Rob", "Bobby"], ["James", "Jim", "Jimmy"],
        ["Michael", "Mike"], ["Anthony", "Tony"], ["Patricia", "Tricia", "Pat"], ["Joseph", "Joe"], ["Stephen", "Steve"], ["Steven", "Steve"],
        ["Richard", "Rick", "Dick"], ["Elizabeth", "Liz", "Beth"], ["Charles", "Chuck", "Charlie"], ["Edward", "Ed", "Ted"],
        ["Theodore", "Ted"], ["Katherine", "Kathy", "Kate"], ["Margaret", "Peggy", "Maggie"], ["Alexander", "Alex"], ["Jeffrey", "Jeff"],
        ["Matthew", "Matt"], ["Kenneth", "Ken"], ["Daniel", "Dan"], ["Christopher", "Chris"], ["Gregory", "Greg"], ["Samuel", "Sam"],
        ["Benjamin", "Ben"], ["Jonathan", "Jon"], ["Timothy", "Tim"], ["Nicholas", "Nick"], ["Andrew", "Andy"], ["Douglas", "Doug"],
        ["Kristine", "Kristi"], ["Christine", "Chris"], ["Deborah", "Debbie", "Deb"], ["Susan", "Sue"], ["Jennifer", "Jen", "Jenny"],
    ];

    /// <summary>Whether two first names are one person's: the same, or a name and a form it goes by ("Thomas" and "Tom").</summary>
    public static bool SameFirstName(string a, string b) =>
        a == b || FirstNames.Any(forms => forms.Contains(a) && forms.Contains(b));

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
        // "Todd M. Lyons" and "Matthew Albence" for "Todd Lyons" and "Matthew T. Albence": the same first and last names;
        // "Thomas Homan" for "Tom Homan": a first name and the form it goes by.
        if (FirstAndLast(cleaned) is not { } parts) return null;
        return known.FirstOrDefault(e => e.Kind == EntityKind.Person && FirstAndLast(e.Name) == parts)
               ?? known.FirstOrDefault(e => e.Kind == EntityKind.Person && FirstAndLast(e.Name) is { } other
                   && other.Item2 == parts.Item2 && SameFirstName(other.Item1, parts.Item1));
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
        foreach (Match m in SaidThenName().Matches(text))
            AddPerson(m.Groups["name"], null);
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
            if (NotNames.Contains(value) || value.Split(' ').Any(w => NotNameWords.Contains(w)) || NewsOrganisation().IsMatch(value)) return;
            if (Taken(name.Index, name.Index + value.Length)) return;
            var entity = Resolve(value);
            mentions.Add(new EntityMention(name.Index, name.Index + value.Length, value, EntityKind.Person, entity,
                string.IsNullOrWhiteSpace(title) ? null : title));
        }
    }

    /// <summary>The API's entities, for the mentions a draft proposes to create: a person by full name.</summary>
    public IReadOnlyList<KnownEntity> Known => known;
}
