using EnforcementApi.Tests.Support;
using System.Globalization;
using System.Text.Json.Nodes;
using EnforcementApi.Drafts;
using EnforcementApi.Drafts.Pipeline;
using EnforcementApi.Entities;
using EnforcementApi.Figures;
using EnforcementApi.Statements;
// The step is a class named Entities, and EnforcementApi.Entities is a namespace: an alias keeps them apart.
using EntityStep = EnforcementApi.Drafts.Pipeline.Entities;

namespace EnforcementApi.Tests.Drafts;

/// <summary>
/// Each step of the text-to-records pipeline on its own, on sentences taken verbatim from the stored
/// source texts (db/corpus); a sentence of our own, in the same style, only where the corpus has no
/// example of a case (those are marked "own"). Expected values were read off the code and the texts.
/// </summary>
[SqliteOnly(NotOnPostgres.NoDatabase)]
public sealed class PipelineStepTests
{
    // ---------------------------------------------------------------- vocabulary

    /// <summary>
    /// The entities a draft matches names against: those of the bundled records, less Ken Genalo and
    /// Robert Hammer, so that the entity step shows how it finds a person the API does not have.
    /// </summary>
    static readonly KnownEntity[] Known =
    [
        new("white-house", EntityKind.Organization, "White House", null),
        new("dhs", EntityKind.Organization, "Department of Homeland Security", "DHS"),
        new("ice", EntityKind.Organization, "Immigration and Customs Enforcement", "ICE"),
        new("hsi", EntityKind.Organization, "Homeland Security Investigations", "HSI"),
        new("opla", EntityKind.Organization, "Office of the Principal Legal Advisor", "OPLA"),
        new("ice-management-and-administration", EntityKind.Organization, "Management and Administration Directorate", null),
        new("ice-ero", EntityKind.Organization, "Enforcement and Removal Operations", "ERO"),
        new("cbp", EntityKind.Organization, "U.S. Customs and Border Protection", "CBP"),
        new("trac", EntityKind.Organization, "Transactional Records Access Clearinghouse", "TRAC"),
        new("pew-research-center", EntityKind.Organization, "Pew Research Center", "Pew"),
        new("donald-trump", EntityKind.Person, "Donald Trump", null),
        new("stephen-miller", EntityKind.Person, "Stephen Miller", null),
        new("tom-homan", EntityKind.Person, "Tom Homan", null),
        new("kristi-noem", EntityKind.Person, "Kristi Noem", null),
        new("todd-lyons", EntityKind.Person, "Todd Lyons", null),
        new("tricia-mclaughlin", EntityKind.Person, "Tricia McLaughlin", null),
        new("matthew-albence", EntityKind.Person, "Matthew T. Albence", null),
        new("tae-johnson", EntityKind.Person, "Tae Johnson", null),
        new("patrick-lechleitner", EntityKind.Person, "Patrick J. Lechleitner", null),
    ];

    /// <summary>The metrics of the bundled vocabulary (db/002_metrics.sql and db/010_breakdowns.sql).</summary>
    static readonly KnownMetric[] Metrics =
    [
        new("arrests", "Arrests"),
        new("removals", "Removals"),
        new("returns", "Returns"),
        new("expulsions", "Expulsions"),
        new("book_ins", "Book-ins"),
        new("detained_population", "Detained population"),
        new("encounters", "Encounters"),
        new("administrative_arrests", "Administrative arrests"),
        new("at_large_arrests", "At-large arrests"),
        new("detainers_issued", "Detainers issued"),
        new("average_daily_population", "Average daily detained population"),
        new("atd_enrollment", "Alternatives to Detention enrollment"),
    ];

    // ---------------------------------------------------------------- texts (verbatim from db/corpus unless marked "own")

    // ice-release-fy2024-annual-report
    const string Lechleitner2024 = "“Every year, our workforce faces tremendous challenges — but every year, they meet those challenges head-on,” said ICE Deputy Director and Senior Official Performing the Duties of the Director Patrick J. Lechleitner. “I believe we have one of the most adaptable and agile workforces in the federal government. Our federal law enforcement officers, special agents, mission support staff and others are always tasked with doing more despite having fewer resources at our disposal, and their hard work and dedication to serving the American people truly keep this agency running smoothly.”";
    const string Arrests2024 = "Over 81,312 (71.7%) of the 113,431 arrests were of noncitizens with criminal convictions or pending charges. In contrast, 73,822 (43%) of the 170,590 noncitizens arrested in fiscal year 2023 had criminal histories.";
    const string FyRelease2024 = "In FY 2024, ERO worked to improve its operational efficiency through several modernization initiatives, continued its interior enforcement efforts, cared for all noncitizens in ICE custody, and delivered case management services to those on the non-detained docket while optimizing the agency’s removal capabilities to manage the large influx of border crossers.";

    // nationalconservativemovement-ice-record-pace-deportations-jan-2026
    const string JanUs = "And as of Jan. 25, U.S. Immigration and Customs Enforcement had more than 70,000 migrants in detention, yet another record.\nThe data covers the period from Jan. 8 through Jan. 25.";
    const string Detention70 = "And as of Jan. 25, U.S. Immigration and Customs Enforcement had more than 70,000 migrants in detention, yet another record.";
    const string Booking = "It was also booking in migrants at a rate of more than 1,500 a day, which is also a record pace.";
    const string Fewer300 = "At that time, ICE was averaging fewer than 300 book-ins a day.";

    // independentsentinel-ice-daily-arrests-detainers-jan-2025
    const string HomanWatters = "Border Czar Tom Homan told Jesse Watters that he’s not happy with the pace of ICE arrests and deportations so far. He says it’s a good start, but “we need more deportations.” He says sanctuary cities are making the job more difficult and more dangerous. Mr. Homan explained that more collaterals will end up being arrested “if they want to play that game.”";
    const string Monday1179 = "On Monday, there were 1179 arrests and 853 detainers.";

    // campubco-cnsnews-ice-arrests-up-34-5-percent-first-100-days
    const string CampubcoHead = "ICE Arrests Up By 34.5 Percent During Trump’s First 100 Days\n\nMexico City ( – U.S. immigration authorities made more than 41,000 arrests during President Trump’s first 100 days in office, a 34.5 percent increase over the same period in 2016.";
    const string Campubco41 = "Mexico City ( – U.S. immigration authorities made more than 41,000 arrests during President Trump’s first 100 days in office, a 34.5 percent increase over the same period in 2016.";
    const string Arrests41898 = "U.S. Immigration and Customs Enforcement (ICE) arrests totaled 41,898 between Jan. 20 and April 29, 2017, compared to 31,128 over the same period a year ago, according to spokesperson Danielle Bennett.";
    const string In2017 = "Of the total number of those arrested in 2017, 30,964 were convicted criminals.";
    const string Agents10000 = "The Trump administration “so far has done well,” the center said, noting plans by the administration to hire 10,000 new interior immigration enforcement agents.";
    const string Center = "“What a difference 100 days can make,” the Center for Immigration Studies commented in a posting praising the arrests.\n\nThe Trump administration “so far has done well,” the center said, noting plans by the administration to hire 10,000 new interior immigration enforcement agents.";
    const string Vaughan = "Jessica Vaughan, director of policy studies at the center, told that sanctuary city policies “are hampering the arrests of deportable criminal aliens.”";

    // ilkha-ice-targets-3000-daily-arrests
    const string IlkhaHead = "Trump administration’s ICE targets 3,000 daily arrests in immigration sweep\n\nTodd Lyons, the acting director of U.S. Immigration and Customs Enforcement (ICE), outlined an aggressive new approach to immigration enforcement under the second Trump administration.";
    const string Ilkha150 = "In the first six months of President Trump’s second term, ICE deported nearly 150,000 individuals, with around 70,000 having criminal convictions, though many were for immigration or traffic violations, according to internal government data.";
    const string Daily3000 = "The Trump administration has set an ambitious goal of 3,000 daily arrests, with White House deputy chief of staff Stephen Miller pushing the initiative.";
    const string Potential = "Congress recently allocated tens of billions of dollars to ICE, fueling what Lyons described as a potential to achieve 1 million deportations within a year.";
    const string Stated = "In a televised interview, Lyons stated that ICE will arrest anyone found to be in the U.S. illegally, including those without criminal records, while also cracking down on companies hiring unauthorized workers.";

    // newsmax-ice-66463-arrested-first-100-days
    const string NewsmaxHead = "ICE: 66,463 Illegal Aliens Arrested in Trump's First 100 Days\n\nTuesday, 29 April 2025 01:23 PM EDT\n\nU.S. Immigration and Customs Enforcement reported that its agents have been arresting illegal aliens at a rate approaching 700 per day since President Donald Trump took office.";
    const string Approaching = "U.S. Immigration and Customs Enforcement reported that its agents have been arresting illegal aliens at a rate approaching 700 per day since President Donald Trump took office.";
    const string Date29 = "Tuesday, 29 April 2025 01:23 PM EDT";
    const string Totaled66463 = "ICE released a report Tuesday that showed arrests totaled 66,463 illegal aliens over the first 100 days under Trump's management, of which 65,682 were removed from the U.S.";
    const string ThreeInFour = "Three in four of the arrests involved illegal alien criminals.";
    const string Gangs = "ICE acting Director Todd Lyons said the agency has taken a lot of bad actors off the streets of America, \"including 2,288 gang members from Tren de Aragua, MS-13, 18th Street, and other gangs.";
    const string LyonsStraight = "Lyons said that ICE has kept its focus on criminal aliens. \"The criminal records of those arrested include convictions or charges for 9,639 assaults, 6,398 DWIs or DUIs, and 1,479 weapon offenses.\"";
    const string G287 = "The government's approach to the issue includes recruiting partnerships with state and local law enforcement departments under what is referred to as its 287(g) Program, named for the specific section of U.S. immigration law that allows local departments to enforce some areas of federal immigration controls.";
    const string Agreements = "There are now 579 signed or pending agreements, 444 of which have come on board since Trump was inaugurated.";

    // article-ice-leadership-shakeup
    const string Dhs158 = "While the Department of Homeland Security reported that over 158,000 illegal aliens had been arrested and 65,600 deported within the first 100 days, Trump insiders have been pushing for more — and faster.";
    const string Miller = "White House deputy chief of staff Stephen Miller said the administration’s daily goal is 3,000 deportations.";
    const string Leadership = "While the Department of Homeland Security reported that over 158,000 illegal aliens had been arrested and 65,600 deported within the first 100 days, Trump insiders have been pushing for more — and faster.\nWhite House deputy chief of staff Stephen Miller said the administration’s daily goal is 3,000 deportations. That’s a staggering number — and one Trump expects his agencies to hit.";
    const string IceStatement = "“Organizational realignments will help ICE achieve President Trump and the American people’s mandate of arresting and deporting criminal illegal aliens and making American communities safe,” ICE said in a statement.";
    const string Genalo = "ICE confirmed the changes Thursday, announcing the retirement of Acting Executive Associate Director Ken Genalo.";
    const string Hammer = "Also out is Robert Hammer, a longtime Homeland Security Investigations chief, who is being moved into a new role.";
    const string Offices = "Other sweeping changes are hitting the Office of the Principal Legal Advisor, the Management and Administration Directorate, and multiple field operations.";
    const string NoemConfirmed = "The shakeup comes just days after DHS Secretary Kristi Noem confirmed that ICE arrested an illegal alien who threatened to assassinate Trump in a chilling letter.";

    // other texts of the corpus (file named above each)
    // ice-release-fy2020-annual-report
    const string Hsi2020 = "In FY 2020, HSI made 31,915 arrests of criminal violators, seized over 1.4 million pounds of narcotics, confiscated 6,688 weapons, conducted 3,671 gang-related criminal arrests and identified and rescued 1,012 victims of child exploitation and 418 victims of human trafficking.";
    // breitbart-dhs-two-million-deported-or-self-deported-250-days
    const string Breitbart16 = "Broken down more specifically, DHS officials say an estimated 1.6 million illegal aliens have self-deported from the U.S., while ICE agents have deported more than 400,000 illegal aliens.";
    const string TwoMillion = "The Department of Homeland Security (DHS) announced that two million illegal aliens have either been deported or self-deported from the United States since President Donald Trump took office on January 20.";
    const string Fewer250 = "Altogether, DHS officials say two million illegal aliens have been deported in fewer than 250 days.";
    // bjsstore-jtn-ice-on-pace-1-million-arrests-four-years (the stored text breaks off after "Donald")
    const string OneMillion = "Immigration and Customs Enforcement is on track to arrest approximately one million illegal immigrants by the end of the Trump administration—an impressive number, though still short of President Donald";
    const string HomanTold = "“I think the arrest numbers I looked at, I just talked about this morning. I think the arrests are right around over 11,000 so far since day one,” Homan told reporters on Thursday.";
    // therx-forum-post-ice-arrests-first-three-weeks
    const string About14 = "During Trump’s first three weeks in office, ICE arrested about 14,000 people, border czar Tom Homan said last week.";
    // nepyork-ice-1179-arrests-853-detainers-single-day
    const string Approx282 = "Under President Joe Biden, ICE averaged approximately 282 arrests per day in September 2024, with an average of around 310 arrests per day for the entire year.";
    const string AtLeast = "As The Washington Post reported, the Trump administration has issued quotas to ICE officers to ramp up arrests, aiming to increase the daily number of apprehensions from a few hundred to at least 1,200 to 1,500.";
    // myattorneyusa-ice-arrests-up-early-2017
    const string InExcess = "To this effect, the ICE arrested in excess of 10,800 non-criminal aliens in the 2017 period compared to approximately 4,200 in the 2016 period.";
    // trac-report-511-ice-14000-detainers-each-month
    const string JustUnder = "Newly released Immigration and Customs Enforcement data—updated through November 2017—reveal ICE is issuing just under 14,000 new detainers on average each month.";
    // jamaicatakeout-almost-800-jamaicans-deported-2016 (the sentence as the stored text ends it)
    const string Some174 = "Some 174,923 of the removals involved individuals who were apprehended at or near the US border";
    // justthenews-2-million-out-since-trump-took-office
    const string Between20 = "Trump has previously stated that there are between 20 and 22 million illegal aliens in the country, meaning his administration has completed roughly 10% of the job, thus far.";
    // informedconservative-ice-fy2018-productive-year (a line of its own)
    const string SixteenTo = "16 to 18 arrests";
    // axios-ice-arrests-deportations-fy2021
    const string EnDash = "Before that, ICE made between 226,000–410,000 removals every fiscal year going back to 2008.";
    const string Title42 = "By the numbers: COVID-19 restrictions, the use of Title 42 to quickly turn back migrants at the southern border more than a million times, as well as the focus on prioritizing criminal noncitizens contributed to the decline in overall arrests and removals last fiscal year, administration officials told reporters.";
    // washtimes-ice-holds-record-65000-migrants
    const string Daily1250 = "ICE is deporting illegal immigrants at an even higher rate, more than 1,250 daily.";
    // myorlandoimmigrationlawyer-deportation-nation
    const string PerYear = "But removals remained below the levels recorded during much of the Obama administration, including a three-year period between fiscal 2012 and 2014 when there were more than 400,000 per year.";
    // ourtoday-caribbean-nationals-await-deportation-orders
    const string Pct1450 = "Forced mass expulsions of Jamaican nationals under ICE’s Enforcement and Removal Operations (ERO) have jumped nearly 1,450 per cent, Our Today checks have uncovered—up from 446 deportations in the 2024 financial year, which began in October 2023 and ended last September.";
    // davidbreston-ice-arrests-deportation-statistics-2017
    const string Eo13768 = "The President’s Executive Order 13,768, Enhancing Public Safety in the Interior of the United States, expanded ICE’s jurisdiction and gave new instructions for the agency’s focus.";
    // inkl-immigrant-detention-all-time-high-over-60000 (the sentence as the stored text ends it)
    const string Bed5000 = "The Defense Department is building a 5,000-bed detention center at a military base in Texas, and some detainees have been sent to Guantánamo Bay";
    // crimmigration-detention-populations-dropped-fy14-fy15
    const string FY14 = "That document, available here, reveals that ICE detained 425,478 migrants in FY 14.";
    const string Adp = "On average, it held 33,227 people per day (called the “average daily population” or ADP).";
    // hstoday-ice-reports-increases-arrests-detentions-fy2022
    const string AdminArrests = "For FY 2022, ERO reported nearly twice the number of administrative arrests it made in FY 2021: 142,750 administrative arrests, with 96,354 of those categorized as “Other Immigration Violators” as a result of increased Border Patrol encounters and ERO’s assistance to CBP — the majority of those who were taken into ERO custody over the fiscal year were originally arrested by CBP, the report notes, resulting in “significant workload increases for ERO.”";
    // nepyork-ice-detention-43759-highest-since-2019
    const string AtLarge = "This marked a 63.7% decline from FY 2023, which saw 91,497 at-large arrests.";
    // ice-feature-fy2023-year-in-review
    const string Admin170 = "ERO officials made 170,590 administrative arrests, representing a 19.5% increase in overall arrests from FY 2022.";
    // trac-whatsnew-230109-detention-fluctuated-2022
    const string Booked33044 = "But from a high of 33,044 book-ins in August 2021, the number of book-in has declined as a general trend to 17,559 in December 2022.";
    // mainnews-ice-arrests-doubled-fy2022
    const string Average43 = "Those arrested had an average of 4.3 charges and convictions per individual.";
    const string HsiOrg = "Homeland Security Investigations, the largest investigative agency at the Department of Homeland Security, arrested 36,685 criminal suspects and obtained 13,248 convictions";
    // ice-release-fy2023-annual-report (the stored text breaks off in the second quotation)
    const string Countries170 = "ICE ERO’s 142,580 removals and 62,545 Title 42 expulsions to more than 170 countries worldwide in Fiscal Year 2023 reflect increased capacity and agreements to conduct removals and returns – particularly after the lifting of the Title 42 public health emergency on May 12.";
    const string CutOff = "“ICE continues to disrupt transnational criminal organizations, remove threats to national security and public safety, uphold the integrity of U.S. immigration laws, and collaborate with colleagues across government and law enforcement in pursuit of our mission to keep U.S. communities safe,” said Deputy Director and Senior Official Performing the Duties of the Director Patrick J. Lechleitner. “I am proud of the efforts of our more than 20,000-strong workforce who work every day to achieve their mission while also assisting homeland security and law enforcement partners wi";
    // trt-ice-will-arrest-anyone-unlawfully-present
    const string Trt = "“What’s, again, frustrating for me is the fact that we would love to focus on these criminal aliens that are inside a jail facility,” Lyons said in an exclusive interview with CBS News.\n“A local law enforcement agency, state agency already deemed that person a public safety threat and arrested them and they’re in detention.”";
    const string TrtHe = "“I’d much rather focus all of our limited resources on that...but we do have to go out into the community,” he said.";
    const string TrtLead = "US Immigration and Customs Enforcement (ICE) will arrest anyone found living in the country unlawfully, regardless of their criminal history or lack thereof, and is ramping up enforcement against employers hiring unauthorised workers, the agency’s acting director, Todd Lyons, said Sunday.";
    // ice-release-fy2021-annual-report (opens with a straight mark, closes with a curly one)
    const string Johnson2021 = "\"In Fiscal Year 2021, ICE officers and special agents effectively carried out their national security, public safety, and border security mission despite having to work through the devastating COVID-19 pandemic,” said ICE Acting Director Tae Johnson. “As the annual report’s data reflects, ICE’s officers and special agents focused on cases that delivered the greatest law enforcement impact in communities across the country while upholding our values as a nation.”";
    // keranews-north-texas-oklahoma-lead-ice-arrests-fy2019
    const string Albence = "“The level of cooperation between state and local law enforcement and our officers here is unsurpassed anywhere in the country,” Albence said. “When you have that cooperation, you have these kinds of results.”";
    // caliber-homan-record-deportation-plans-axios-summit
    const string Voluntarily = "The estimate comes as the Trump administration highlighted that roughly 1.6 million undocumented immigrants have “voluntarily” left the United States, and an additional 400,000 were deported during the first 250 days of Trump’s second term.";
    const string Behind = "When Gibson noted that these figures did not align with ICE’s bi-monthly reports to Congress, Homan said the data lawmakers receive is “behind” and depends on how the raw numbers are interpreted.";
    const string Although = "He further explained that many of those considered national security threats already have final orders of removal and were afforded due process, although he did not specify exactly how many individuals fall into this category.";
    const string HomanAxios = "“If you’re in the United States illegally, you’re not off the table,” Homan told Axios reporter Brittany Gibson in Washington, D.C. “If we find you, we’re going to arrest you.”";
    // chicagobusiness-ice-will-expand-immigration-arrests-homan (the stored text opens with this quotation)
    const string HomanSaid = "The vast discrepancies in numbers notwithstanding, Homan said he expects to see more collateral arrests in the future, particularly in so-called sanctuary cities.";
    const string HeSaidFirst = "\"It takes a lot to get approval to go into a school or a church, but if there's a national security threat, we're going,\" he said.";
    // 2paragraphs-noem-claims-150000-deported-in-3-months
    const string NoemSays = "U.S. Secretary of Homeland Security Kristi Noem says that during the first three months of the second Trump administration, the federal government has deported more than 150,000 people from the United States.";
    // livemint-first-100-days-65000-deported
    const string Agency = "As of April 29, ICE has 579 active and pending agreements with police and sheriff’s departments nationwide — including 444 new agreements signed since Trump returned to office on January 20.\n\n“This shows the effectiveness of a whole-of-government approach to immigration enforcement,” the agency said in its statement.";
    // trac-whatsnew-240219-detention-increases-encounters-drop (the sentence as far as the stored text goes)
    const string Q2 = "In the second quarter of FY 2024, the rapid changes in other parts of the U.S. immigration system seem to be trending in the opposite direction";
    // arrington-house-ice-fy2021-annual-report-statement
    const string Fy2021Title = "Arrington Issues Statement on ICE Releasing Its FY2021 Annual Report";
    const string FY20 = "From FY20 to FY21, arrests of illegal aliens fell from more than 100,000 to 74,000.";
    // dominicanewsonline-sixteen-dominicans-deported-fy2019
    const string Fy2019 = "Seven hundred and fifty-one were sent back in Fiscal Year 2019 while 690 Haitians were given the boot.";
    // wopular-ice-newsrack
    const string FyParen = "In fiscal year (FY) 2009, ICE made 297,898 arrests for violations of immigration laws and the number declined each year through FY2016 – until the trend reversed between FY2016 and FY2017, where arrests climbed from 110,104 to 143,470.";
    // brst-ice-fy2024-deportations-highest-since-2014
    const string Kids = "The number of unaccompanied children removed also increased by 93.3 percent, from 212 in 2023 to 411 in 2024.";
    // kut-ice-more-arrests-dallas-area-fy2017
    const string Period20092017 = "This is also the first time Dallas has led in the number of ICE arrests during the 2009-2017 period analyzed.";

    // ---------------------------------------------------------------- helpers

    static List<string> SentencesOf(string text) => Sentences.Split(text).Select(s => s.Of(text)).ToList();

    /// <summary>The one number of a sentence written <paramref name="written"/>, the sentence being the whole text.</summary>
    static NumberMention Number(string sentence, string written)
    {
        var all = Numbers.Find(sentence, 0, sentence.Length);
        var found = all.Where(n => sentence[n.Start..n.End] == written).ToList();
        Assert.True(found.Count == 1,
            $"expected one number written '{written}', found {found.Count} among [{string.Join(" | ", all.Select(n => sentence[n.Start..n.End]))}] in: {sentence}");
        return found[0];
    }

    /// <summary>A number of a text, and whether the figure step takes it for a figure, as the drafter asks it (sentence by sentence, the previous count carried).</summary>
    static (Sentence Sentence, NumberMention Number, bool IsFigure) Figure(string text, string written)
    {
        foreach (var sentence in Sentences.Split(text))
        {
            bool? previousCount = null;
            foreach (var number in Numbers.Find(text, sentence.Start, sentence.End))
            {
                var isFigure = FigureWords.IsFigure(text, sentence, number, !char.IsDigit(text[number.Start]), previousCount);
                if (number.Kind == NumberKind.Count) previousCount = isFigure;
                if (text[number.Start..number.End] == written) return (sentence, number, isFigure);
            }
        }
        throw new InvalidOperationException($"no number written '{written}' in: {text}");
    }

    static List<QuoteMention> QuotesOf(string text) => Quotes.Find(text, Sentences.Split(text));

    static List<QuoteMention> Direct(string text) => QuotesOf(text).Where(q => q.Type == QuoteType.Direct).ToList();

    static List<QuoteMention> Paraphrases(string text) => QuotesOf(text).Where(q => q.Type == QuoteType.Paraphrase).ToList();

    /// <summary>The quotations of a text with their speakers, the entity step's mentions as the attribution step's input.</summary>
    static List<(QuoteMention Quote, Speaker? Speaker)> Attributed(string text)
    {
        var entities = new EntityStep(Known);
        var quotes = QuotesOf(text);
        var speakers = Attribution.Assign(text, quotes, entities.Find(text), entities);
        return quotes.Zip(speakers).ToList();
    }

    static Speaker SpeakerOf(string text, string quoteStartsWith)
    {
        var (_, speaker) = Assert.Single(Attributed(text), a => a.Quote.Type == QuoteType.Direct && a.Quote.Text.StartsWith(quoteStartsWith, StringComparison.Ordinal));
        Assert.NotNull(speaker);
        return speaker;
    }

    static List<EntityMention> MentionsOf(string text) => new EntityStep(Known).Find(text);

    /// <summary>The text between two code point offsets, as a citation counts them.</summary>
    static string AtCodePoints(string text, int start, int end) =>
        string.Concat(text.EnumerateRunes().Skip(start).Take(end - start).Select(r => r.ToString()));

    static DateOnly? Day(string? iso) => iso is null ? null : DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    // ================================================================ step 1: sentences

    [Fact]
    public void Sentences_an_initial_does_not_end_a_sentence_but_the_name_after_it_does()
    {
        Assert.Equal(
        [
            "“Every year, our workforce faces tremendous challenges — but every year, they meet those challenges head-on,” said ICE Deputy Director and Senior Official Performing the Duties of the Director Patrick J. Lechleitner.",
            "“I believe we have one of the most adaptable and agile workforces in the federal government.",
            "Our federal law enforcement officers, special agents, mission support staff and others are always tasked with doing more despite having fewer resources at our disposal, and their hard work and dedication to serving the American people truly keep this agency running smoothly.”",
        ], SentencesOf(Lechleitner2024));
    }

    [Fact]
    public void Sentences_US_and_month_abbreviations_do_not_end_a_sentence_and_each_line_is_a_paragraph()
    {
        var sentences = Sentences.Split(JanUs);

        Assert.Equal(
        [
            "And as of Jan. 25, U.S. Immigration and Customs Enforcement had more than 70,000 migrants in detention, yet another record.",
            "The data covers the period from Jan. 8 through Jan. 25.",
        ], sentences.Select(s => s.Of(JanUs)));
        Assert.Equal([1, 2], sentences.Select(s => s.Paragraph));
    }

    [Fact]
    public void Sentences_a_quotation_that_ends_a_sentence_ends_it_with_its_closing_mark_and_Mr_does_not_end_one()
    {
        var sentences = Sentences.Split(HomanWatters);

        Assert.Equal(
        [
            "Border Czar Tom Homan told Jesse Watters that he’s not happy with the pace of ICE arrests and deportations so far.",
            "He says it’s a good start, but “we need more deportations.”",
            "He says sanctuary cities are making the job more difficult and more dangerous.",
            "Mr. Homan explained that more collaterals will end up being arrested “if they want to play that game.”",
        ], sentences.Select(s => s.Of(HomanWatters)));
        Assert.All(sentences, s => Assert.Equal(1, s.Paragraph));
    }

    [Fact]
    public void Sentences_decimals_and_percent_signs_do_not_end_a_sentence()
    {
        Assert.Equal(
        [
            "Over 81,312 (71.7%) of the 113,431 arrests were of noncitizens with criminal convictions or pending charges.",
            "In contrast, 73,822 (43%) of the 170,590 noncitizens arrested in fiscal year 2023 had criminal histories.",
        ], SentencesOf(Arrests2024));
        Assert.Equal(["Those arrested had an average of 4.3 charges and convictions per individual."], SentencesOf(Average43));
    }

    [Theory]
    [InlineData(CampubcoHead, "ICE Arrests Up By 34.5 Percent During Trump’s First 100 Days")]
    [InlineData(IlkhaHead, "Trump administration’s ICE targets 3,000 daily arrests in immigration sweep")]
    public void Sentences_a_headline_on_its_own_line_is_a_sentence_and_paragraph_of_its_own(string text, string headline)
    {
        var sentences = Sentences.Split(text);

        Assert.Equal(2, sentences.Count);
        Assert.Equal(headline, sentences[0].Of(text));
        Assert.Equal(1, sentences[0].Paragraph);
        Assert.Equal(2, sentences[1].Paragraph);
        Assert.Equal(text[(text.IndexOf("\n\n", StringComparison.Ordinal) + 2)..], sentences[1].Of(text));
    }

    [Fact]
    public void Sentences_a_dateline_on_its_own_line_stands_apart_from_the_headline_and_the_text()
    {
        var sentences = Sentences.Split(NewsmaxHead);

        Assert.Equal(
        [
            "ICE: 66,463 Illegal Aliens Arrested in Trump's First 100 Days",
            "Tuesday, 29 April 2025 01:23 PM EDT",
            Approaching,
        ], sentences.Select(s => s.Of(NewsmaxHead)));
        Assert.Equal([1, 2, 3], sentences.Select(s => s.Paragraph));
    }

    // ================================================================ step 2: numbers

    [Theory]
    // digits with separators
    [InlineData(Dhs158, "158,000", "158000", ValueQualifier.MoreThan, FigureUnit.People, "over 158,000")]
    [InlineData(Dhs158, "65,600", "65600", ValueQualifier.Exact, FigureUnit.People, "65,600")]
    [InlineData(Monday1179, "1179", "1179", ValueQualifier.Exact, FigureUnit.People, "1179")]
    // decimals with a scale word or letter
    [InlineData(Hsi2020, "1.4 million", "1400000", ValueQualifier.MoreThan, FigureUnit.People, "over 1.4 million")]
    [InlineData(Breitbart16, "1.6 million", "1600000", ValueQualifier.Approximately, FigureUnit.People, "an estimated 1.6 million")]
    [InlineData("DHS said 65.6K illegal aliens were deported in the first 100 days.", "65.6K", "65600", ValueQualifier.Exact, FigureUnit.People, "65.6K")] // own
    [InlineData(Potential, "1 million", "1000000", ValueQualifier.Exact, FigureUnit.PeoplePerYear, "1 million")]
    // number words
    [InlineData(TwoMillion, "two million", "2000000", ValueQualifier.Exact, FigureUnit.People, "two million")]
    [InlineData(OneMillion, "one million", "1000000", ValueQualifier.Approximately, FigureUnit.People, "approximately one million")]
    [InlineData("ICE officers made three thousand arrests in a single day, officials said.", "three thousand", "3000", ValueQualifier.Exact, FigureUnit.People, "three thousand")] // own
    public void Numbers_a_count_has_its_value_qualifier_and_unit(string sentence, string written, string value, ValueQualifier qualifier, FigureUnit unit, string qualified)
    {
        var number = Number(sentence, written);

        Assert.Equal(decimal.Parse(value, CultureInfo.InvariantCulture), number.Value);
        Assert.Equal(NumberKind.Count, number.Kind);
        Assert.Equal(qualifier, number.Qualifier);
        Assert.Equal(unit, number.Unit);
        Assert.Equal(qualified, sentence[number.QualifierStart..number.End]);
    }

    [Theory]
    [InlineData(Campubco41, "41,000", ValueQualifier.MoreThan, "more than 41,000")]
    [InlineData(Dhs158, "158,000", ValueQualifier.MoreThan, "over 158,000")]
    [InlineData(InExcess, "10,800", ValueQualifier.MoreThan, "in excess of 10,800")]
    [InlineData(Ilkha150, "150,000", ValueQualifier.Approximately, "nearly 150,000")]
    [InlineData(Ilkha150, "70,000", ValueQualifier.Approximately, "around 70,000")]
    [InlineData(About14, "14,000", ValueQualifier.Approximately, "about 14,000")]
    [InlineData(Approx282, "282", ValueQualifier.Approximately, "approximately 282")]
    [InlineData(InExcess, "4,200", ValueQualifier.Approximately, "approximately 4,200")]
    [InlineData(Some174, "174,923", ValueQualifier.Approximately, "Some 174,923")]
    [InlineData(Approaching, "700", ValueQualifier.Approximately, "approaching 700")]
    [InlineData(AtLeast, "1,200", ValueQualifier.AtLeast, "at least 1,200")]
    [InlineData(Fewer300, "300", ValueQualifier.LessThan, "fewer than 300")]
    [InlineData(JustUnder, "14,000", ValueQualifier.LessThan, "just under 14,000")]
    [InlineData("The new detention center at Fort Bliss can hold up to 5,000 detainees, officials said.", "5,000", ValueQualifier.UpTo, "up to 5,000")] // own
    [InlineData("ICE agents arrested as many as 1,200 people in a single day last week, according to agency data.", "1,200", ValueQualifier.UpTo, "as many as 1,200")] // own
    public void Numbers_the_words_before_a_count_qualify_it_and_start_its_span(string sentence, string written, ValueQualifier qualifier, string qualified)
    {
        var number = Number(sentence, written);

        Assert.Equal(NumberKind.Count, number.Kind);
        Assert.Equal(qualifier, number.Qualifier);
        Assert.Equal(qualified, sentence[number.QualifierStart..number.End]);
    }

    [Fact]
    public void Numbers_between_and_is_a_range_whose_low_end_is_at_least_and_high_end_up_to()
    {
        const string sentence = "ICE was making between 3,000 and 4,000 arrests a day in June, officials said."; // own
        var numbers = Numbers.Find(sentence, 0, sentence.Length);

        Assert.Equal(2, numbers.Count);
        Assert.Equal((3000m, ValueQualifier.AtLeast, FigureUnit.PeoplePerDay, "3,000"), (numbers[0].Value, numbers[0].Qualifier, numbers[0].Unit, sentence[numbers[0].QualifierStart..numbers[0].End]));
        Assert.Equal((4000m, ValueQualifier.UpTo, FigureUnit.PeoplePerDay, "4,000"), (numbers[1].Value, numbers[1].Qualifier, numbers[1].Unit, sentence[numbers[1].QualifierStart..numbers[1].End]));
    }

    [Fact]
    public void Numbers_the_scale_word_of_a_ranges_high_end_scales_its_low_end()
    {
        var low = Number(Between20, "20");
        var high = Number(Between20, "22 million");

        Assert.Equal((20_000_000m, ValueQualifier.AtLeast, NumberKind.Count), (low.Value, low.Qualifier, low.Kind));
        Assert.Equal((22_000_000m, ValueQualifier.UpTo, NumberKind.Count), (high.Value, high.Qualifier, high.Kind));
    }

    [Theory]
    [InlineData(SixteenTo, "16", "18", 16, 18)]
    [InlineData(EnDash, "226,000", "410,000", 226_000, 410_000)]
    public void Numbers_a_range_joined_by_to_or_a_dash_is_at_least_and_up_to(string sentence, string lowWritten, string highWritten, int lowValue, int highValue)
    {
        var low = Number(sentence, lowWritten);
        var high = Number(sentence, highWritten);

        Assert.Equal((lowValue, ValueQualifier.AtLeast), ((int)low.Value, low.Qualifier));
        Assert.Equal((highValue, ValueQualifier.UpTo), ((int)high.Value, high.Qualifier));
    }

    [Theory]
    [InlineData(Booking, "1,500", FigureUnit.PeoplePerDay)]
    [InlineData(Approaching, "700", FigureUnit.PeoplePerDay)]
    [InlineData("Trump administration’s ICE targets 3,000 daily arrests in immigration sweep", "3,000", FigureUnit.PeoplePerDay)]
    [InlineData(Miller, "3,000", FigureUnit.PeoplePerDay)]
    [InlineData(Daily1250, "1,250", FigureUnit.PeoplePerDay)]
    [InlineData(JustUnder, "14,000", FigureUnit.PeoplePerMonth)]
    [InlineData(PerYear, "400,000", FigureUnit.PeoplePerYear)]
    [InlineData(Ilkha150, "150,000", FigureUnit.People)]
    [InlineData(Dhs158, "158,000", FigureUnit.People)]
    public void Numbers_a_rate_is_read_from_a_day_per_day_daily_each_month_or_per_year(string sentence, string written, FigureUnit unit)
    {
        var number = Number(sentence, written);

        Assert.Equal(NumberKind.Count, number.Kind);
        Assert.Equal(unit, number.Unit);
    }

    [Theory]
    [InlineData(Arrests2024, "71.7", "71.7", ValueQualifier.Exact)]
    [InlineData("ICE Arrests Up By 34.5 Percent During Trump’s First 100 Days", "34.5", "34.5", ValueQualifier.Exact)]
    [InlineData(Campubco41, "34.5", "34.5", ValueQualifier.Exact)]
    [InlineData(Admin170, "19.5", "19.5", ValueQualifier.Exact)]
    [InlineData(Between20, "10", "10", ValueQualifier.Approximately)]
    [InlineData(Pct1450, "1,450", "1450", ValueQualifier.Approximately)]
    public void Numbers_a_percentage_is_a_percent_not_a_count(string sentence, string written, string value, ValueQualifier qualifier)
    {
        var number = Number(sentence, written);

        Assert.Equal(NumberKind.Percent, number.Kind);
        Assert.Equal(decimal.Parse(value, CultureInfo.InvariantCulture), number.Value);
        Assert.Equal(qualifier, number.Qualifier);
    }

    [Fact]
    public void Numbers_the_counts_beside_a_percentage_in_parentheses_stay_counts()
    {
        const string sentence = "Over 81,312 (71.7%) of the 113,431 arrests were of noncitizens with criminal convictions or pending charges.";
        var numbers = Numbers.Find(sentence, 0, sentence.Length);

        Assert.Equal(
            [("81,312", NumberKind.Count), ("71.7", NumberKind.Percent), ("113,431", NumberKind.Count)],
            numbers.Select(n => (sentence[n.Start..n.End], n.Kind)));
        Assert.Equal(ValueQualifier.MoreThan, numbers[0].Qualifier);
    }

    [Fact]
    public void Numbers_an_amount_in_dollars_is_money()
    {
        var number = Number("Congress gave ICE 45 billion dollars for detention and deportation.", "45 billion"); // own

        Assert.Equal(NumberKind.Money, number.Kind);
        Assert.Equal(45_000_000_000m, number.Value);
    }

    [Theory]
    [InlineData(Campubco41, "2016", "Year")]
    [InlineData(FyRelease2024, "2024", "Year")]
    [InlineData(FY14, "14", "Year")]
    [InlineData(Date29, "2025", "Year")]
    [InlineData(Date29, "29", "Date")]
    [InlineData(Arrests41898, "20", "Date")]
    [InlineData(Arrests41898, "29", "Date")]
    [InlineData(Arrests41898, "2017", "Year")]
    [InlineData(Dhs158, "100", "Duration")]
    [InlineData(Fewer250, "250", "Duration")]
    [InlineData(Title42, "42", "Identifier")]
    [InlineData(Title42, "19", "Identifier")]
    [InlineData(Gangs, "13", "Identifier")]
    [InlineData(G287, "287", "Identifier")]
    [InlineData(Eo13768, "13,768", "Identifier")]
    [InlineData(Bed5000, "5,000", "Identifier")]
    public void Numbers_years_dates_durations_and_names_are_not_counts(string sentence, string written, string kind)
    {
        // NumberKind is internal, and a public test cannot take it as a parameter: its name stands for it.
        Assert.Equal(Enum.Parse<NumberKind>(kind), Number(sentence, written).Kind);
    }

    [Fact]
    public void Numbers_a_street_or_gang_named_by_an_ordinal_or_a_number_gives_no_count()
    {
        var numbers = Numbers.Find(Gangs, 0, Gangs.Length);

        // "18th Street" is no number at all; "MS-13" is part of a name.
        Assert.Equal([("2,288", NumberKind.Count), ("13", NumberKind.Identifier)], numbers.Select(n => (Gangs[n.Start..n.End], n.Kind)));
    }

    [Fact]
    public void Numbers_offsets_are_in_the_whole_text_not_the_sentence()
    {
        var second = Sentences.Split(Arrests2024)[1];
        var numbers = Numbers.Find(Arrests2024, second.Start, second.End);

        Assert.Equal(["73,822", "43", "170,590", "2023"], numbers.Select(n => Arrests2024[n.Start..n.End]));
        Assert.All(numbers, n => Assert.InRange(n.Start, second.Start, second.End));
    }

    // ================================================================ periods

    [Theory]
    [InlineData(FyRelease2024, "FY 2024", "FY2024", "2023-10-01", "2024-09-30")]
    [InlineData(Fy2021Title, "FY2021", "FY2021", "2020-10-01", "2021-09-30")]
    [InlineData(Fy2019, "Fiscal Year 2019", "FY2019", "2018-10-01", "2019-09-30")]
    [InlineData(FyParen, "fiscal year (FY) 2009", "FY2009", "2008-10-01", "2009-09-30")]
    [InlineData(FY20, "FY20", "FY2020", "2019-10-01", "2020-09-30")]
    [InlineData(Q2, "second quarter of FY 2024", "Q2 FY2024", "2024-01-01", "2024-03-31")]
    [InlineData("ICE published its removal statistics for the third quarter of fiscal year 2024.", "third quarter of fiscal year 2024", "Q3 FY2024", "2024-04-01", "2024-06-30")] // own
    [InlineData(In2017, "2017", "2017", "2017-01-01", "2017-12-31")]
    public void Periods_a_fiscal_year_quarter_or_calendar_year_has_its_days(string sentence, string span, string label, string from, string to)
    {
        var period = Periods.Find(sentence, 0, sentence.Length, null)[0];

        Assert.Equal(span, sentence[period.Start..period.End]);
        Assert.Equal(label, period.Label);
        Assert.Equal(Day(from), period.From);
        Assert.Equal(Day(to), period.To);
    }

    [Fact]
    public void Periods_every_fiscal_year_of_a_sentence_is_found_in_order()
    {
        Assert.Equal(["FY2009", "FY2016", "FY2016", "FY2017"], Periods.Find(FyParen, 0, FyParen.Length, null).Select(p => p.Label));
        Assert.Equal(["FY2020", "FY2021"], Periods.Find(FY20, 0, FY20.Length, null).Select(p => p.Label));
    }

    [Theory]
    [InlineData("ICE: 66,463 Illegal Aliens Arrested in Trump's First 100 Days", "First 100 Days", 2025, "2025-01-20", "2025-04-29")]
    [InlineData(Campubco41, "first 100 days", 2017, "2017-01-20", "2017-04-29")]
    [InlineData(Dhs158, "the first 100 days", null, null, null)]
    [InlineData(Dhs158, "the first 100 days", 2019, null, null)]
    public void Periods_the_first_100_days_are_dated_from_the_inauguration_of_the_texts_year(string sentence, string span, int? year, string? from, string? to)
    {
        var period = Assert.Single(Periods.Find(sentence, 0, sentence.Length, year), p => p.Label == "first 100 days of the administration");

        Assert.Equal(span, sentence[period.Start..period.End]);
        Assert.Equal(Day(from), period.From);
        Assert.Equal(Day(to), period.To);
    }

    [Fact]
    public void Periods_calendar_years_after_in_are_periods_but_a_span_of_years_is_not()
    {
        var periods = Periods.Find(Kids, 0, Kids.Length, null);

        Assert.Equal([("2023", "2023"), ("2024", "2024")], periods.Select(p => (Kids[p.Start..p.End], p.Label)));
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)), (periods[1].From!.Value, periods[1].To!.Value));
        Assert.Empty(Periods.Find(Period20092017, 0, Period20092017.Length, null));
    }

    [Fact]
    public void Periods_the_year_of_a_text_is_its_inauguration_year_when_it_names_one()
    {
        Assert.Equal(2025, Periods.YearOf(NewsmaxHead, null));
        // The text names only 2016; published in 2017, an inauguration year, it is about 2017.
        Assert.Equal(2016, Periods.YearOf(CampubcoHead, null));
        Assert.Equal(2017, Periods.YearOf(CampubcoHead, new DateOnly(2017, 5, 1)));
    }

    // ================================================================ step 6: which counts are figures, and of what

    [Theory]
    [InlineData(Dhs158, "158,000", true)]
    [InlineData(Dhs158, "65,600", true)]
    [InlineData(Dhs158, "100", false)]
    [InlineData(Totaled66463, "66,463", true)]
    [InlineData(Totaled66463, "65,682", true)]
    [InlineData(Arrests41898, "41,898", true)] // "arrests totaled 41,898 between …": the count closes its clause
    [InlineData(Arrests41898, "31,128", true)]
    [InlineData(Arrests2024, "81,312", true)]
    [InlineData(Arrests2024, "71.7", false)]
    [InlineData(Arrests2024, "113,431", true)]
    [InlineData(AdminArrests, "142,750", true)]
    [InlineData(AdminArrests, "96,354", true)] // "96,354 of those": a part of a figure is one
    [InlineData(Agreements, "579", false)]
    [InlineData(Agreements, "444", false)] // "444 of which": a part of a count of agreements is not
    [InlineData(Countries170, "142,580", true)]
    [InlineData(Countries170, "62,545", true)]
    [InlineData(Countries170, "170", false)]
    [InlineData("ICE removed noncitizens to nearly 200 countries in fiscal year 2024.", "200", false)] // own
    [InlineData(ThreeInFour, "Three", false)]
    [InlineData(ThreeInFour, "four", false)]
    [InlineData(Average43, "4.3", false)]
    [InlineData(Agents10000, "10,000", false)]
    [InlineData(Bed5000, "5,000", false)]
    public void FigureWords_a_count_is_a_figure_when_it_counts_people_or_enforcement_actions(string text, string written, bool expected)
    {
        Assert.Equal(expected, Figure(text, written).IsFigure);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void FigureWords_a_part_of_the_count_before_it_is_a_figure_when_that_count_is(bool previousCount, bool expected)
    {
        var sentence = Assert.Single(Sentences.Split(Agreements));
        var number = Number(Agreements, "444");

        Assert.Equal(expected, FigureWords.IsFigure(Agreements, sentence, number, writtenInWords: false, previousCount));
    }

    [Theory]
    [InlineData(Dhs158, "158,000", "arrests", "arrested", FigureKind.Actual)]
    [InlineData(Dhs158, "65,600", "removals", "deported", FigureKind.Actual)]
    [InlineData(Ilkha150, "150,000", "removals", "deported", FigureKind.Actual)]
    [InlineData(Monday1179, "1179", "arrests", "arrests", FigureKind.Actual)]
    [InlineData(Monday1179, "853", "detainers_issued", "detainers", FigureKind.Actual)]
    [InlineData(Admin170, "170,590", "administrative_arrests", "administrative arrests", FigureKind.Actual)]
    [InlineData(AtLarge, "91,497", "at_large_arrests", "at-large arrests", FigureKind.Actual)]
    [InlineData(Fewer300, "300", "book_ins", "book-ins", FigureKind.Actual)]
    [InlineData(Booked33044, "33,044", "book_ins", "book-ins", FigureKind.Actual)]
    [InlineData(Adp, "33,227", "average_daily_population", "average daily population", FigureKind.Actual)]
    [InlineData(Detention70, "70,000", "detained_population", "in detention", FigureKind.Actual)]
    [InlineData(Daily3000, "3,000", "arrests", "arrests", FigureKind.Target)]
    [InlineData(Miller, "3,000", "removals", "deportations", FigureKind.Target)]
    [InlineData(Potential, "1 million", "removals", "deportations", FigureKind.Projection)]
    public void FigureWords_the_words_nearest_a_figure_name_its_metric_and_are_kept_as_stated(string text, string written, string metric, string statedAs, FigureKind kind)
    {
        var (sentence, number, isFigure) = Figure(text, written);
        Assert.True(isFigure);

        var counted = FigureWords.Classify(text, sentence, number, Metrics);

        Assert.Equal(metric, counted.Metric);
        Assert.Equal(statedAs, counted.StatedAs);
        Assert.Contains(counted.StatedAs, sentence.Of(text), StringComparison.Ordinal);
        Assert.Equal(kind, counted.Kind);
        Assert.True(counted.Confident);
    }

    // ================================================================ step 3: quotations

    [Fact]
    public void Quotes_curly_marks_give_the_words_without_the_attributions_comma_and_the_sentence_with_its_attribution()
    {
        const string sentence = "“ICE is always focused on the worst of the worst,” Lyons said."; // trt-ice-will-arrest-anyone-unlawfully-present
        var quote = Assert.Single(QuotesOf(sentence));

        Assert.Equal(QuoteType.Direct, quote.Type);
        Assert.Equal("ICE is always focused on the worst of the worst", quote.Text);
        Assert.Equal(quote.Text, sentence[quote.Start..quote.End]);
        Assert.Equal(sentence, sentence[quote.ExcerptStart..quote.ExcerptEnd]);
    }

    [Fact]
    public void Quotes_straight_marks_are_quotations_too_and_a_quotation_that_ends_its_sentence_is_its_own_excerpt()
    {
        var quotes = QuotesOf(LyonsStraight);

        Assert.Equal(2, quotes.Count);
        Assert.Equal((QuoteType.Paraphrase, "ICE has kept its focus on criminal aliens"), (quotes[0].Type, quotes[0].Text));
        Assert.Equal("Lyons said that ICE has kept its focus on criminal aliens.", LyonsStraight[quotes[0].ExcerptStart..quotes[0].ExcerptEnd]);
        Assert.Equal(QuoteType.Direct, quotes[1].Type);
        Assert.Equal("The criminal records of those arrested include convictions or charges for 9,639 assaults, 6,398 DWIs or DUIs, and 1,479 weapon offenses.", quotes[1].Text);
        Assert.Equal("\"The criminal records of those arrested include convictions or charges for 9,639 assaults, 6,398 DWIs or DUIs, and 1,479 weapon offenses.\"",
            LyonsStraight[quotes[1].ExcerptStart..quotes[1].ExcerptEnd]);
    }

    [Fact]
    public void Quotes_a_quotation_opened_with_a_straight_mark_closes_at_a_curly_one()
    {
        var quotes = Direct(Johnson2021);

        Assert.Equal(2, quotes.Count);
        Assert.Equal("In Fiscal Year 2021, ICE officers and special agents effectively carried out their national security, public safety, and border security mission despite having to work through the devastating COVID-19 pandemic", quotes[0].Text);
        Assert.Equal("\"In Fiscal Year 2021, ICE officers and special agents effectively carried out their national security, public safety, and border security mission despite having to work through the devastating COVID-19 pandemic,” said ICE Acting Director Tae Johnson.",
            Johnson2021[quotes[0].ExcerptStart..quotes[0].ExcerptEnd]);
        Assert.Equal("As the annual report’s data reflects, ICE’s officers and special agents focused on cases that delivered the greatest law enforcement impact in communities across the country while upholding our values as a nation.", quotes[1].Text);
    }

    [Theory]
    [InlineData(Albence, "The level of cooperation between state and local law enforcement and our officers here is unsurpassed anywhere in the country",
        "“The level of cooperation between state and local law enforcement and our officers here is unsurpassed anywhere in the country,” Albence said.",
        "When you have that cooperation, you have these kinds of results.", "“When you have that cooperation, you have these kinds of results.”")]
    [InlineData(Lechleitner2024, "Every year, our workforce faces tremendous challenges — but every year, they meet those challenges head-on",
        "“Every year, our workforce faces tremendous challenges — but every year, they meet those challenges head-on,” said ICE Deputy Director and Senior Official Performing the Duties of the Director Patrick J. Lechleitner.",
        "I believe we have one of the most adaptable and agile workforces in the federal government. Our federal law enforcement officers, special agents, mission support staff and others are always tasked with doing more despite having fewer resources at our disposal, and their hard work and dedication to serving the American people truly keep this agency running smoothly.",
        "“I believe we have one of the most adaptable and agile workforces in the federal government. Our federal law enforcement officers, special agents, mission support staff and others are always tasked with doing more despite having fewer resources at our disposal, and their hard work and dedication to serving the American people truly keep this agency running smoothly.”")]
    public void Quotes_a_quotation_split_by_its_attribution_is_two_quotations(string text, string first, string firstExcerpt, string second, string secondExcerpt)
    {
        var quotes = QuotesOf(text);

        Assert.Equal(2, quotes.Count);
        Assert.All(quotes, q => Assert.Equal(QuoteType.Direct, q.Type));
        Assert.Equal((first, firstExcerpt), (quotes[0].Text, text[quotes[0].ExcerptStart..quotes[0].ExcerptEnd]));
        Assert.Equal((second, secondExcerpt), (quotes[1].Text, text[quotes[1].ExcerptStart..quotes[1].ExcerptEnd]));
    }

    [Theory]
    [InlineData(Voluntarily, "voluntarily")]
    [InlineData(Behind, "behind")]
    [InlineData("Lyons emphasized that ICE will prioritize its \"limited resources\" on deporting individuals with serious criminal histories, whom he described as \"the worst of the worst.\" However, he noted that non-criminals living in the U.S. without authorization will also be detained during operations, particularly in areas with \"sanctuary\" policies where local law enforcement limits cooperation with ICE.", "sanctuary")] // ilkha-ice-targets-3000-daily-arrests
    public void Quotes_a_single_word_in_marks_is_scare_quotes_not_a_quotation(string text, string word)
    {
        Assert.DoesNotContain(Direct(text), q => q.Text == word);
    }

    [Fact]
    public void Quotes_a_capitalized_label_in_marks_is_a_name_not_a_quotation()
    {
        var quote = Assert.Single(Direct(AdminArrests));

        Assert.Equal("significant workload increases for ERO.", quote.Text);
        Assert.DoesNotContain(QuotesOf(AdminArrests), q => q.Text.Contains("Other Immigration Violators", StringComparison.Ordinal));
    }

    [Fact]
    public void Quotes_a_quotation_cut_off_where_the_stored_text_ends_is_left_out()
    {
        var quote = Assert.Single(QuotesOf(CutOff));

        Assert.StartsWith("ICE continues to disrupt transnational criminal organizations", quote.Text, StringComparison.Ordinal);
        Assert.EndsWith("to keep U.S. communities safe", quote.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Lyons said that ICE has kept its focus on criminal aliens.", "ICE has kept its focus on criminal aliens")] // said that
    [InlineData(NoemSays, "during the first three months of the second Trump administration, the federal government has deported more than 150,000 people from the United States")] // says that
    [InlineData("Border Czar Tom Homan told Jesse Watters that he’s not happy with the pace of ICE arrests and deportations so far.", "he’s not happy with the pace of ICE arrests and deportations so far")] // told … that
    [InlineData("Noem told reporters that the federal government has deported more than 150,000 people from the United States.", "the federal government has deported more than 150,000 people from the United States")] // own: told reporters that
    [InlineData(Stated, "ICE will arrest anyone found to be in the U.S. illegally, including those without criminal records, while also cracking down on companies hiring unauthorized workers")] // stated that
    [InlineData(Miller, "the administration’s daily goal is 3,000 deportations")] // said, no "that"
    [InlineData(HomanSaid, "he expects to see more collateral arrests in the future, particularly in so-called sanctuary cities")] // said, no "that"
    public void Quotes_reported_speech_is_a_paraphrase_of_the_clause_after_the_verb(string sentence, string clause)
    {
        var paraphrase = Assert.Single(QuotesOf(sentence));

        Assert.Equal(QuoteType.Paraphrase, paraphrase.Type);
        Assert.Equal(clause, paraphrase.Text);
        Assert.Equal(clause, sentence[paraphrase.Start..paraphrase.End]);
        Assert.Equal(sentence, sentence[paraphrase.ExcerptStart..paraphrase.ExcerptEnd]);
    }

    [Theory]
    [InlineData(Between20, "there are between 20 and 22 million illegal aliens in the country")] // ", meaning"
    [InlineData(Although, "many of those considered national security threats already have final orders of removal and were afforded due process")] // ", although"
    [InlineData(Gangs, "the agency has taken a lot of bad actors off the streets of America")] // before a direct quotation
    [InlineData(Dhs158, "over 158,000 illegal aliens had been arrested and 65,600 deported within the first 100 days")] // before a new main clause
    public void Quotes_a_paraphrase_stops_where_its_clause_does(string sentence, string clause)
    {
        Assert.Equal(clause, Assert.Single(Paraphrases(sentence)).Text);
    }

    [Theory]
    [InlineData(TrtLead)] // "…, Todd Lyons, said Sunday."
    [InlineData("“What’s, again, frustrating for me is the fact that we would love to focus on these criminal aliens that are inside a jail facility,” Lyons said in an exclusive interview with CBS News.")]
    public void Quotes_said_before_a_time_or_a_place_reports_no_clause(string sentence)
    {
        Assert.Empty(Paraphrases(sentence));
    }

    // ================================================================ step 4: attribution

    [Theory]
    [InlineData(HomanTold, "I think the arrest numbers", "Tom Homan", "tom-homan", "told", 0.9)] // "…,” Homan told reporters"
    [InlineData("“These statistics reflect President Trump’s commitment to enforce our immigration laws fairly and across the board,” Homan said.", "These statistics", "Tom Homan", "tom-homan", "said", 0.9)] // slate-via-beverlyhillsimmigrationlaw-ice-arrests-first-100-days-2017
    [InlineData(Albence, "The level of cooperation", "Matthew T. Albence", "matthew-albence", "said", 0.9)] // "…,” Albence said": the surname of a known person
    [InlineData(IceStatement, "Organizational realignments", "Immigration and Customs Enforcement", "ice", "said", 0.9)] // "…,” ICE said"
    [InlineData(Johnson2021, "In Fiscal Year 2021", "Tae Johnson", "tae-johnson", "said", 0.9)] // "…,” said ICE Acting Director Tae Johnson"
    [InlineData(Lechleitner2024, "Every year", "Patrick J. Lechleitner", "patrick-lechleitner", "said", 0.9)]
    [InlineData("Lyons said, “ICE is always focused on the worst of the worst.”", "ICE is always", "Todd Lyons", "todd-lyons", "said", 0.85)] // own, Lyons' words from trt-ice-will-arrest-anyone-unlawfully-present
    [InlineData("While Trump loyalists like border czar Tom Homan defended the agents’ work, saying, “there are men and women out there enforcing the law and making this country safe again,” the administration clearly believes the bureaucracy hasn’t kept pace with the president’s expectations.", "there are men", "Tom Homan", "tom-homan", "saying", 0.85)] // article-ice-leadership-shakeup
    public void Attribution_the_words_around_the_marks_name_the_speaker(string text, string quoteStart, string name, string entityId, string verb, double confidence)
    {
        var speaker = SpeakerOf(text, quoteStart);

        Assert.Equal(name, speaker.Name);
        Assert.Equal(entityId, speaker.Entity?.Id);
        Assert.Equal(verb, speaker.Verb);
        Assert.Equal(confidence, speaker.Confidence, 3);
    }

    [Fact]
    public void Attribution_a_pronoun_is_the_speaker_quoted_just_before()
    {
        // own, in the style of breitbart-dhs-two-million-deported-or-self-deported-250-days; the words are McLaughlin's, from that text and justthenews-2-million-out-since-trump-took-office
        const string text = "“The numbers don’t lie: Two million illegal aliens have been removed or self-deported in just 250 days,” DHS’s Tricia McLaughlin said in a statement.\n\nThe department did not say how many of the departures it had confirmed.\n\n“We’re going to get those numbers up,” she said.";

        var attributed = Attributed(text);

        Assert.Equal(2, attributed.Count);
        Assert.All(attributed, a => Assert.Equal("tricia-mclaughlin", a.Speaker?.Entity?.Id));
        Assert.Equal(("said", 0.9), (attributed[0].Speaker!.Verb!, Math.Round(attributed[0].Speaker!.Confidence, 3)));
        Assert.Equal(("said", 0.75), (attributed[1].Speaker!.Verb!, Math.Round(attributed[1].Speaker!.Confidence, 3)));
    }

    [Fact]
    public void Attribution_he_said_is_the_person_quoted_in_the_paragraph_before()
    {
        var text = Trt + "\nLyons said the current rise in community arrests is a consequence of states and cities with sanctuary policies refusing to hand over noncitizen inmates, forcing ICE agents to go into neighbourhoods.\n" + TrtHe;

        var speaker = SpeakerOf(text, "I’d much rather");

        Assert.Equal(("Todd Lyons", "todd-lyons", "said"), (speaker.Name, speaker.Entity?.Id, speaker.Verb));
    }

    [Fact]
    public void Attribution_a_pronoun_with_nobody_named_before_has_no_speaker()
    {
        var (quote, speaker) = Assert.Single(Attributed(HeSaidFirst));

        Assert.Equal(QuoteType.Direct, quote.Type);
        Assert.Null(speaker);
    }

    [Fact]
    public void Attribution_the_center_is_the_organization_named_before_with_that_word()
    {
        var attributed = Attributed(Center);

        Assert.Equal(2, attributed.Count);
        var (first, second) = (attributed[0].Speaker!, attributed[1].Speaker!);
        Assert.Equal(("Center for Immigration Studies", EntityKind.Organization, "commented"), (first.Name, first.Kind, first.Verb));
        Assert.Null(first.Entity);
        Assert.Equal(0.7, first.Confidence, 3);
        Assert.Equal(("so far has done well", "Center for Immigration Studies", EntityKind.Organization, "said"), (attributed[1].Quote.Text, second.Name, second.Kind, second.Verb));
        Assert.Equal(0.75, second.Confidence, 3);
    }

    [Fact]
    public void Attribution_the_agency_is_the_organization_the_text_names_most()
    {
        var speaker = SpeakerOf(Agency, "This shows the effectiveness");

        Assert.Equal(("Immigration and Customs Enforcement", "ice", "said"), (speaker.Name, speaker.Entity?.Id, speaker.Verb));
        Assert.Equal(0.65, speaker.Confidence, 3);
    }

    [Theory]
    [InlineData(Trt, "A local law enforcement agency", "Todd Lyons", "todd-lyons")] // the next paragraph, opening with the quotation
    [InlineData(Johnson2021, "As the annual report’s data reflects", "Tae Johnson", "tae-johnson")] // the same paragraph, after "said …."
    [InlineData(Albence, "When you have that cooperation", "Matthew T. Albence", "matthew-albence")]
    public void Attribution_a_quotation_with_no_attribution_of_its_own_continues_the_one_before(string text, string quoteStart, string name, string entityId)
    {
        var speaker = SpeakerOf(text, quoteStart);

        Assert.Equal((name, entityId, "said"), (speaker.Name, speaker.Entity?.Id, speaker.Verb));
        Assert.Equal(0.6, speaker.Confidence, 3);
    }

    [Fact]
    public void Attribution_a_second_quotation_in_the_attributions_sentence_has_its_speaker()
    {
        var attributed = Attributed(HomanAxios);

        Assert.Equal(["If you’re in the United States illegally, you’re not off the table", "If we find you, we’re going to arrest you."], attributed.Select(a => a.Quote.Text));
        Assert.All(attributed, a => Assert.Equal(("tom-homan", "told"), (a.Speaker?.Entity?.Id, a.Speaker?.Verb)));
    }

    [Fact]
    public void Attribution_according_to_ICE_names_the_organization()
    {
        const string text = "Officers focused on “threats to public safety and national security,” according to ICE."; // own
        var speaker = SpeakerOf(text, "threats to public safety");

        Assert.Equal(("Immigration and Customs Enforcement", EntityKind.Organization, "ice", "according to"), (speaker.Name, speaker.Kind, speaker.Entity?.Id, speaker.Verb));
        Assert.Equal(0.7, speaker.Confidence, 3);
    }

    [Fact]
    public void Attribution_reported_speech_has_the_speaker_before_its_verb()
    {
        var attributed = Attributed(Dhs158 + "\n" + Miller);

        Assert.Equal(
            [("Department of Homeland Security", "dhs", "reported"), ("Stephen Miller", "stephen-miller", "said")],
            attributed.Select(a => (a.Speaker!.Name, a.Speaker.Entity!.Id, a.Speaker.Verb!)));
        Assert.All(attributed, a => Assert.Equal(QuoteType.Paraphrase, a.Quote.Type));
    }

    // ================================================================ step 5: entities

    [Fact]
    public void Entities_a_known_person_is_matched_by_name_and_an_organization_by_its_name()
    {
        var mentions = MentionsOf(Miller);

        Assert.Equal(
            [("White House", EntityKind.Organization, "white-house"), ("Stephen Miller", EntityKind.Person, "stephen-miller")],
            mentions.Select(m => (Miller[m.Start..m.End], m.Kind, m.Entity?.Id)));
    }

    [Fact]
    public void Entities_a_short_name_is_matched_as_written()
    {
        var ice = Assert.Single(MentionsOf(IceStatement), m => m.Entity?.Id == "ice" && IceStatement[m.Start..m.End] == "ICE" && m.Start > 100);

        Assert.Equal(EntityKind.Organization, ice.Kind);
        Assert.Equal("ICE", ice.Name);
    }

    [Fact]
    public void Entities_US_Immigration_and_Customs_Enforcement_is_ICE_and_so_is_the_short_name_after_it()
    {
        var mentions = MentionsOf(Arrests41898);

        Assert.Equal("U.S. Immigration and Customs Enforcement", Arrests41898[mentions[0].Start..mentions[0].End]);
        Assert.Equal(0, mentions[0].Start);
        Assert.Equal("ice", mentions[0].Entity?.Id);
        Assert.Equal(("ICE", "ice"), (Arrests41898[mentions[1].Start..mentions[1].End], mentions[1].Entity?.Id));
    }

    [Theory]
    [InlineData("Lyons said that ICE has kept its focus on criminal aliens.", "Lyons", "todd-lyons")]
    [InlineData(Albence, "Albence", "matthew-albence")]
    [InlineData(HomanSaid, "Homan", "tom-homan")]
    public void Entities_the_surname_alone_of_a_known_person_is_that_person(string text, string surname, string entityId)
    {
        var mention = Assert.Single(MentionsOf(text), m => m.Kind == EntityKind.Person);

        Assert.Equal(surname, text[mention.Start..mention.End]);
        Assert.Equal(entityId, mention.Entity?.Id);
    }

    [Theory]
    [InlineData(Arrests41898, "Danielle Bennett", "spokesperson")]
    [InlineData(Genalo, "Ken Genalo", "Acting Executive Associate Director")]
    [InlineData(Hammer, "Robert Hammer", "longtime Homeland Security Investigations chief")] // an appositive: ", a … chief,"
    [InlineData(Vaughan, "Jessica Vaughan", "director of policy studies at the center")] // an appositive before the verb
    public void Entities_a_person_the_API_lacks_is_found_by_a_title_before_the_name_or_an_appositive(string text, string name, string title)
    {
        var person = Assert.Single(MentionsOf(text), m => m.Kind == EntityKind.Person);

        Assert.Equal(name, person.Name);
        Assert.Equal(name, text[person.Start..person.End]);
        Assert.Null(person.Entity);
        Assert.Equal(title, person.Title);
    }

    [Fact]
    public void Entities_a_known_person_found_by_a_title_keeps_the_title()
    {
        var noem = Assert.Single(MentionsOf(NoemConfirmed), m => m.Name == "Kristi Noem");

        Assert.Equal(("kristi-noem", "Secretary"), (noem.Entity?.Id, noem.Title));
        Assert.Contains(MentionsOf(NoemConfirmed), m => m.Entity?.Id == "dhs" && NoemConfirmed[m.Start..m.End] == "DHS");
    }

    [Theory]
    [InlineData(HsiOrg, new[] { "hsi", "dhs" })]
    [InlineData(Offices, new[] { "opla", "ice-management-and-administration" })]
    [InlineData(Hammer, new[] { "hsi" })]
    public void Entities_an_organizations_name_is_not_taken_for_a_person(string text, string[] organizations)
    {
        var mentions = MentionsOf(text);

        Assert.Equal(organizations, mentions.Where(m => m.Kind == EntityKind.Organization).Select(m => m.Entity?.Id));
        Assert.DoesNotContain(mentions, m => m.Kind == EntityKind.Person && m.Name.Contains("Security", StringComparison.Ordinal));
        Assert.DoesNotContain(mentions, m => m.Kind == EntityKind.Person && m.Name.Contains("Office", StringComparison.Ordinal));
    }

    [Fact]
    public void Entities_resolve_matches_a_name_as_written_by_name_short_name_or_the_name_at_the_end_of_a_title()
    {
        var entities = new EntityStep(Known);

        Assert.Equal("ice", entities.Resolve("U.S. Immigration and Customs Enforcement")?.Id);
        Assert.Equal("ice", entities.Resolve("the Immigration and Customs Enforcement")?.Id);
        Assert.Equal("cbp", entities.Resolve("Customs and Border Protection")?.Id);
        Assert.Equal("dhs", entities.Resolve("DHS")?.Id);
        Assert.Equal("todd-lyons", entities.Resolve("ICE acting Director Todd Lyons")?.Id);
        Assert.Null(entities.Resolve("Center for Immigration Studies"));
    }

    // ================================================================ the drafter, end to end

    static void AssertCitationsAreTheTextAtTheirCodePoints(string text, DraftResult result)
    {
        Assert.NotEmpty(result.Proposals);
        foreach (var proposal in result.Proposals)
        {
            var citation = Assert.Single(proposal.Record["citations"]!.AsArray())!.AsObject();
            var (start, end) = (citation["location"]!["charStart"]!.GetValue<int>(), citation["location"]!["charEnd"]!.GetValue<int>());
            Assert.Equal((proposal.ExcerptStart, proposal.ExcerptEnd), (start, end));
            Assert.Equal(AtCodePoints(text, start, end), citation["excerpt"]!.GetValue<string>());
            Assert.Equal("source-1", citation["sourceId"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Drafter_a_real_paragraph_gives_its_figures_and_statements_with_citations_verbatim_at_their_offsets()
    {
        var result = Drafter.Run(Leadership, "source-1", new DateOnly(2025, 5, 2), Known, Metrics);

        AssertCitationsAreTheTextAtTheirCodePoints(Leadership, result);
        Assert.Equal(
            [DraftItemKind.Figure, DraftItemKind.Statement, DraftItemKind.Figure, DraftItemKind.Statement, DraftItemKind.Figure],
            result.Proposals.Select(p => p.Kind));
        // The text has no astral characters: code points and UTF-16 offsets agree.
        Assert.Equal(["over 158,000", "over 158,000 illegal aliens had been arrested and 65,600 deported within the first 100 days", "65,600",
                      "the administration’s daily goal is 3,000 deportations", "3,000"],
            result.Proposals.Select(p => Leadership[p.MentionStart..p.MentionEnd]));

        var figures = result.Proposals.Where(p => p.Kind == DraftItemKind.Figure).Select(p => p.Record).ToList();
        Assert.Equal(
            [("arrests", "actual", 158000m, "more_than", "people", "arrested", "dhs"),
             ("removals", "actual", 65600m, "exact", "people", "deported", "dhs"),
             ("removals", "target", 3000m, "exact", "people_per_day", "deportations", "stephen-miller")],
            figures.Select(f => (f["metric"]!.GetValue<string>(), f["kind"]!.GetValue<string>(), f["value"]!.GetValue<decimal>(),
                f["valueQualifier"]!.GetValue<string>(), f["unit"]!.GetValue<string>(), f["statedAs"]!.GetValue<string>(), f["reportedBy"]!["id"]!.GetValue<string>())));
        // The first 100 days of the text's year (2025, the year it was published) date the counts; a daily goal takes no period.
        Assert.All(figures.Take(2), f => Assert.Equal(("2025-01-20", "2025-04-29", "first 100 days of the administration"),
            (f["periodStart"]!.GetValue<string>(), f["periodEnd"]!.GetValue<string>(), f["periodLabel"]!.GetValue<string>())));
        Assert.Null(figures[2]["periodLabel"]);

        var statements = result.Proposals.Where(p => p.Kind == DraftItemKind.Statement).ToList();
        Assert.Equal(["dhs", "stephen-miller"], statements.Select(s => s.Record["speaker"]!["id"]!.GetValue<string>()));
        Assert.All(statements, s => Assert.Equal("paraphrase", s.Record["quoteType"]!.GetValue<string>()));
        Assert.Equal("the administration’s daily goal is 3,000 deportations", statements[1].Record["text"]!.GetValue<string>());
    }

    [Fact]
    public void Drafter_offsets_count_an_emoji_before_a_number_as_one_code_point()
    {
        // own: the newsmax headline and its first paragraph, as a social media post would open them
        const string text = "🚨 ICE: 66,463 Illegal Aliens Arrested in Trump's First 100 Days\n\nU.S. Immigration and Customs Enforcement reported that its agents have been arresting illegal aliens at a rate approaching 700 per day since President Donald Trump took office.";
        var utf16 = text.IndexOf("66,463", StringComparison.Ordinal);

        var result = Drafter.Run(text, "source-1", new DateOnly(2025, 4, 29), Known, Metrics);

        AssertCitationsAreTheTextAtTheirCodePoints(text, result);
        var headline = Assert.Single(result.Proposals, p => p.Kind == DraftItemKind.Figure && p.Record["value"]!.GetValue<decimal>() == 66463m);
        Assert.Equal(8, utf16);
        Assert.Equal((7, 13), (headline.MentionStart, headline.MentionEnd));
        Assert.Equal("66,463", AtCodePoints(text, headline.MentionStart, headline.MentionEnd));
        var headlineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        Assert.Equal((0, headlineEnd - 1), (headline.ExcerptStart, headline.ExcerptEnd));
        Assert.Equal(("arrests", "Arrested", "ice", "2025-01-20"), (headline.Record["metric"]!.GetValue<string>(), headline.Record["statedAs"]!.GetValue<string>(),
            headline.Record["reportedBy"]!["id"]!.GetValue<string>(), headline.Record["periodStart"]!.GetValue<string>()));

        var rate = Assert.Single(result.Proposals, p => p.Kind == DraftItemKind.Figure && p.Record["value"]!.GetValue<decimal>() == 700m);
        Assert.Equal(text.IndexOf("approaching 700", StringComparison.Ordinal) - 1, rate.MentionStart);
        Assert.Equal(text.IndexOf("U.S. Immigration", StringComparison.Ordinal) - 1, rate.ExcerptStart);
        Assert.Equal(("approximately", "people_per_day"), (rate.Record["valueQualifier"]!.GetValue<string>(), rate.Record["unit"]!.GetValue<string>()));

        var statement = Assert.Single(result.Proposals, p => p.Kind == DraftItemKind.Statement);
        Assert.Equal("ice", statement.Record["speaker"]!["id"]!.GetValue<string>());
        Assert.Equal(text.IndexOf("its agents", StringComparison.Ordinal) - 1, statement.MentionStart);
    }

    [Fact]
    public void Drafter_a_person_the_API_lacks_is_proposed_as_an_entity_cited_to_their_sentence()
    {
        var result = Drafter.Run(Arrests41898, "source-1", new DateOnly(2017, 5, 1), Known, Metrics);

        AssertCitationsAreTheTextAtTheirCodePoints(Arrests41898, result);
        var entity = Assert.Single(result.Proposals, p => p.Kind == DraftItemKind.Entity);
        Assert.Equal(("danielle-bennett", "person", "Danielle Bennett", "Named in the source as spokesperson."),
            (entity.Record["id"]!.GetValue<string>(), entity.Record["kind"]!.GetValue<string>(), entity.Record["name"]!.GetValue<string>(), entity.Record["summary"]!.GetValue<string>()));
        Assert.Equal("Danielle Bennett", Arrests41898[entity.MentionStart..entity.MentionEnd]);
        Assert.Equal((0, Arrests41898.Length), (entity.ExcerptStart, entity.ExcerptEnd));
    }

    [Fact]
    public void CodePoints_an_astral_character_is_one_code_point_of_two_UTF16_units()
    {
        var points = new CodePoints("🚨 66,463");

        Assert.Equal([0, 1, 1, 2, 3], Enumerable.Range(0, 5).Select(points.Of));
        Assert.Equal(8, points.Of("🚨 66,463".Length));
    }
}
