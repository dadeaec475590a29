using EnforcementApi.Tests.Support;
using EnforcementApi.Drafts.Pipeline;
using EnforcementApi.Entities;
using EnforcementApi.Figures;
using EntityStep = EnforcementApi.Drafts.Pipeline.Entities;

namespace EnforcementApi.Tests.Drafts;

/// <summary>
/// Cases the step tests found wrong (PipelineStepTests lists what each step does right), each on the
/// sentence from db/corpus that showed it, now right.
/// </summary>
[SqliteOnly(NotOnPostgres.NoDatabase)]
public sealed class PipelineFixesTests
{
    static readonly KnownEntity[] Known =
    [
        new("ice", EntityKind.Organization, "Immigration and Customs Enforcement", "ICE"),
        new("donald-trump", EntityKind.Person, "Donald Trump", null),
        new("todd-lyons", EntityKind.Person, "Todd Lyons", null),
        new("matthew-albence", EntityKind.Person, "Matthew T. Albence", null),
        new("tae-johnson", EntityKind.Person, "Tae Johnson", null),
    ];

    static readonly KnownMetric[] Metrics =
    [
        new("arrests", "Arrests"), new("removals", "Removals"), new("book_ins", "Book-ins"),
        new("average_daily_population", "Average daily detained population"), new("detained_population", "Detained population"),
    ];

    static NumberMention Number(string sentence, string written)
    {
        var start = sentence.IndexOf(written, StringComparison.Ordinal);
        return Numbers.Find(sentence, 0, sentence.Length).Single(n => n.Start == start);
    }

    [Fact]
    public void A_paraphrase_that_takes_in_a_quotation_does_not_break_the_draft()
    {
        // epochtimes-us-deported-less-than-30000-fy2022: this threw before.
        const string text = "ICE Acting Director Tae Johnson, in a statement released on Dec. 30 to accompany the report’s release, said the agency was doing all the work to “keep U.S. communities safe.”";
        var result = Drafter.Run(text, "test", null, Known, Metrics);
        var direct = result.Proposals.Single(p => p.Kind == EnforcementApi.Drafts.DraftItemKind.Statement && p.Record["quoteType"]!.GetValue<string>() == "direct");
        Assert.Equal("Tae Johnson", direct.Label);
    }

    [Theory]
    [InlineData("it saved taxpayers more than $13.2 billion here at DHS.", "13.2 billion", 13_200_000_000)]
    [InlineData("it paid, on average, $128.88 per bed per day", "128.88", 128.88)]
    public void Money_after_a_dollar_sign_is_money_not_a_count(string sentence, string written, double value)
    {
        var number = Number(sentence, written);
        Assert.Equal((NumberKind.Money, (decimal)value), (number.Kind, number.Value));
    }

    [Theory]
    [InlineData("The number of arrests nearly doubled from 158,000 to 284,000 in a year.", "158,000", "284,000")]
    [InlineData("Under the new administration, arrests climbed from 110,104 to 143,470.", "110,104", "143,470")]
    public void From_one_number_to_another_is_a_change_both_exact(string sentence, string low, string high)
    {
        Assert.Equal(ValueQualifier.Exact, Number(sentence, low).Qualifier);
        Assert.Equal(ValueQualifier.Exact, Number(sentence, high).Qualifier);
    }

    [Fact]
    public void A_hyphenated_range_of_counts_is_a_range()
    {
        const string sentence = "ICE arrests spiked to around 800-1,200 per day in the first weeks.";
        var (low, high) = (Number(sentence, "800"), Number(sentence, "1,200"));
        Assert.Equal((NumberKind.Count, FigureUnit.PeoplePerDay), (low.Kind, low.Unit));
        Assert.Equal((NumberKind.Count, ValueQualifier.UpTo, FigureUnit.PeoplePerDay), (high.Kind, high.Qualifier, high.Unit));
    }

    [Theory]
    [InlineData("Arrests were down compared to 31,128 over the same period a year ago.", "31,128")]
    [InlineData("ICE detained 307,310 migrants in FY 15 with an average daily population of 28,449.", "307,310")]
    public void A_time_phrase_that_belongs_to_other_words_is_not_a_rate(string sentence, string written) =>
        Assert.Equal(FigureUnit.People, Number(sentence, written).Unit);

    [Fact]
    public void Half_a_million_is_five_hundred_thousand()
    {
        const string sentence = "US deports some half a million people in 2016";
        var number = Number(sentence, "half a million");
        Assert.Equal((500_000m, ValueQualifier.Approximately), (number.Value, number.Qualifier));
    }

    [Fact]
    public void Seven_hundred_and_fifty_one_is_one_number()
    {
        const string sentence = "Seven hundred and fifty-one were sent back the same week.";
        Assert.Equal(751m, Numbers.Find(sentence, 0, sentence.Length).Single().Value);
    }

    [Theory]
    [InlineData("deported 271,000 people in the 2024 fiscal year", "FY2024")]
    [InlineData("ICE made 143,470 arrests in fiscal 2017, a 30% rise", "FY2017")]
    public void Fiscal_years_written_the_news_way_are_fiscal_years(string sentence, string label) =>
        Assert.Equal(label, Periods.Find(sentence, 0, sentence.Length, null).First().Label);

    [Fact]
    public void A_possessive_name_is_the_person_and_a_middle_initial_changes_nobody()
    {
        var mentions = new EntityStep(Known).Find("President Donald Trump’s administration kept Acting Director Todd M. Lyons and Acting Director Matthew Albence in charge.");
        Assert.Contains(mentions, m => m.Entity?.Id == "donald-trump" && m.Name == "Donald Trump");
        Assert.Contains(mentions, m => m.Entity?.Id == "todd-lyons");
        Assert.Contains(mentions, m => m.Entity?.Id == "matthew-albence");
        Assert.DoesNotContain(mentions, m => m.Name.EndsWith("’s", StringComparison.Ordinal));
    }

    [Fact]
    public void The_average_daily_population_beside_a_number_is_its_metric()
    {
        const string sentence = "ICE reported an average daily population of 48,006 aliens in detention for FY2019.";
        var counted = FigureWords.Classify(sentence, new Sentence(0, sentence.Length, 1), Number(sentence, "48,006"), Metrics);
        Assert.Equal("average_daily_population", counted.Metric);
    }

    [Theory]
    [InlineData("The detainees were mostly young men, many between the ages of 15 and 17.", "17")]
    [InlineData("ICE arrested 200 people with most ages 25 to 45.", "45")]
    public void Ages_are_not_figures(string sentence, string written) =>
        Assert.False(FigureWords.IsFigure(sentence, new Sentence(0, sentence.Length, 1), Number(sentence, written), false));
}
