"""Builds the <text-id>.json evaluation files from hand-written annotations.

Each annotation is located by a short unique anchor string in the text, so no
offset is typed by hand. Every anchor must occur exactly once (or the n-th
occurrence is named explicitly). Run check_annotations.py afterwards.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "db", "corpus"))
sys.path.insert(0, os.path.dirname(HERE))
from annotations import AnnotationSet  # noqa: E402 (the shared module sits one folder up)

Doc = AnnotationSet(CORPUS, HERE, percentages=False).doc


P, PD, PY = "people", "people_per_day", "people_per_year"
docs = []

# ---------------------------------------------------------------- 1
d = Doc("article-ice-leadership-shakeup")
d.F("158,000", "over 158,000 illegal aliens", 158000, "more_than", P, "actual", "illegal aliens arrested in first 100 days")
d.F("65,600", "65,600 deported", 65600, "exact", P, "actual", "illegal aliens deported in first 100 days")
d.F("3,000", "daily goal is 3,000 deportations", 3000, "exact", PD, "target", "deportations per day (goal)")
d.Q("Organizational realignments will help ICE achieve President Trump and the American people’s mandate of arresting and deporting criminal illegal aliens and making American communities safe", "direct", "ICE")
d.Q("there are men and women out there enforcing the law and making this country safe again", "direct", "Tom Homan")
d.Q("over 158,000 illegal aliens had been arrested and 65,600 deported within the first 100 days", "paraphrase", "DHS")
d.Q("the administration’s daily goal is 3,000 deportations", "paraphrase", "Stephen Miller")
d.Q("ICE arrested an illegal alien who threatened to assassinate Trump in a chilling letter", "paraphrase", "Kristi Noem")
docs.append(d)

# ---------------------------------------------------------------- 2
d = Doc("ice-release-fy2021-annual-report")
d.Q("In Fiscal Year 2021, ICE officers and special agents effectively carried out their national security, public safety, and border security mission despite having to work through the devastating COVID-19 pandemic", "direct", "Tae Johnson")
d.Q("As the annual report’s data reflects, ICE’s officers and special agents focused on cases that delivered the greatest law enforcement impact in communities across the country while upholding our values as a nation.", "direct", "Tae Johnson")
docs.append(d)

# ---------------------------------------------------------------- 3
d = Doc("ice-release-fy2023-annual-report")
d.F("142,580", "142,580 removals", 142580, "exact", P, "actual", "ERO removals FY2023")
d.F("62,545", "62,545 Title 42 expulsions", 62545, "exact", P, "actual", "Title 42 expulsions FY2023")
d.F("1,806", "1,806 victims", 1806, "exact", P, "actual", "child exploitation victims identified and assisted (HSI)")
d.Q("ICE continues to disrupt transnational criminal organizations, remove threats to national security and public safety, uphold the integrity of U.S. immigration laws, and collaborate with colleagues across government and law enforcement in pursuit of our mission to keep U.S. communities safe", "direct", "Patrick J. Lechleitner")
docs.append(d)

# ---------------------------------------------------------------- 4
d = Doc("ice-release-fy2024-annual-report")
d.F("81,312", "Over 81,312 (71.7%)", 81312, "more_than", P, "actual", "arrests of noncitizens with convictions or pending charges FY2024")
d.F("113,431", "113,431 arrests", 113431, "exact", P, "actual", "ERO arrests FY2024")
d.F("73,822", "73,822 (43%)", 73822, "exact", P, "actual", "FY2023 arrestees with criminal histories")
d.F("170,590", "170,590 noncitizens arrested", 170590, "exact", P, "actual", "noncitizens arrested FY2023")
d.F("81,312", "The 81,312 noncitizens", 81312, "exact", P, "actual", "FY2024 arrestees with criminal histories")
d.F("516,050", "516,050 charges", 516050, "exact", P, "actual", "charges and/or convictions of FY2024 arrestees")
d.Q("Every year, our workforce faces tremendous challenges — but every year, they meet those challenges head-on", "direct", "Patrick J. Lechleitner")
d.Q("I believe we have one of the most adaptable and agile workforces in the federal government. Our federal law enforcement officers, special agents, mission support staff and others are always tasked with doing more despite having fewer resources at our disposal, and their hard work and dedication to serving the American people truly keep this agency running smoothly.", "direct", "Patrick J. Lechleitner")
docs.append(d)

# ---------------------------------------------------------------- 5
d = Doc("newsmax-ice-66463-arrested-first-100-days")
d.F("66,463", "ICE: 66,463 Illegal", 66463, "exact", P, "actual", "illegal aliens arrested, first 100 days (headline)")
d.F("700", "approaching 700 per day", 700, "approximately", PD, "actual", "arrests per day")
d.F("66,463", "totaled 66,463", 66463, "exact", P, "actual", "illegal aliens arrested, first 100 days")
d.F("65,682", "65,682 were removed", 65682, "exact", P, "actual", "removed from the U.S.")
d.F("2,288", "2,288 gang members", 2288, "exact", P, "actual", "gang members arrested")
d.F("1,329", "1,329 were accused", 1329, "exact", P, "actual", "arrestees accused/convicted of sex offenses")
d.F("498", "498 were accused", 498, "exact", P, "actual", "arrestees accused/convicted of murder")
d.F("9,639", "9,639 assaults", 9639, "exact", P, "actual", "assault convictions/charges of arrestees")
d.F("6,398", "6,398 DWIs", 6398, "exact", P, "actual", "DWI/DUI convictions/charges of arrestees")
d.F("1,479", "1,479 weapon offenses", 1479, "exact", P, "actual", "weapon-offense convictions/charges of arrestees")
d.Q("its agents have been arresting illegal aliens at a rate approaching 700 per day since President Donald Trump took office", "paraphrase", "ICE")
d.Q("it has been \"putting the worst first", "paraphrase", "ICE")
d.Q("putting the worst first.", "direct", "ICE")
d.Q("the agency has taken a lot of bad actors off the streets of America", "paraphrase", "Todd Lyons")
d.Q("including 2,288 gang members from Tren de Aragua, MS-13, 18th Street, and other gangs. Additionally, 1,329 were accused or convicted of sex offenses, and 498 were accused or convicted of murder.", "direct", "Todd Lyons")
d.Q("ICE has kept its focus on criminal aliens", "paraphrase", "Todd Lyons")
d.Q("The criminal records of those arrested include convictions or charges for 9,639 assaults, 6,398 DWIs or DUIs, and 1,479 weapon offenses.", "direct", "Todd Lyons")
docs.append(d)

# ---------------------------------------------------------------- 6
d = Doc("ilkha-ice-targets-3000-daily-arrests")
d.F("3,000", "targets 3,000 daily arrests", 3000, "exact", PD, "target", "daily arrests target (headline)")
d.F("3,000", "goal of 3,000 daily arrests", 3000, "exact", PD, "target", "daily arrests goal")
d.F("1 million", "achieve 1 million deportations", 1000000, "exact", PY, "projection", "deportations within a year (potential)")
d.F("150,000", "nearly 150,000 individuals", 150000, "approximately", P, "actual", "deported in first six months")
d.F("70,000", "around 70,000 having", 70000, "approximately", P, "actual", "deportees with criminal convictions")
d.Q("ICE will arrest anyone found to be in the U.S. illegally, including those without criminal records, while also cracking down on companies hiring unauthorized workers", "paraphrase", "Todd Lyons")
d.Q("ICE will prioritize its \"limited resources\" on deporting individuals with serious criminal histories, whom he described as \"the worst of the worst", "paraphrase", "Todd Lyons")
d.Q("limited resources", "direct", "Todd Lyons")
d.Q("the worst of the worst.", "direct", "Todd Lyons")
d.Q("non-criminals living in the U.S. without authorization will also be detained during operations, particularly in areas with \"sanctuary\" policies where local law enforcement limits cooperation with ICE", "paraphrase", "Todd Lyons")
d.Q("If ICE encounters someone that is here in the country illegally, we will take them into custody", "direct", "Todd Lyons")
docs.append(d)

# ---------------------------------------------------------------- 7
d = Doc("justthenews-2-million-out-since-trump-took-office")
d.F("2 million", "2 million illegals out", 2000000, "exact", P, "actual", "illegal aliens out of the U.S. (headline)")
for n in (0, 1):
    d.F("20", "between 20 and 22 million", 20000000, "at_least", P, "actual", "illegal aliens in the country (low end)", nth=n)
    d.F("22 million", "between 20 and 22 million", 22000000, "up_to", P, "actual", "illegal aliens in the country (high end)", nth=n)
d.F("2 million", "dropping by 2 million", 2000000, "exact", P, "actual", "drop in illegal aliens since Trump took office")
d.F("400,000", "deported 400,000 illegal", 400000, "exact", P, "actual", "illegal aliens directly deported")
d.F("1.6 million", "1.6 million illegal aliens self-deported", 1600000, "exact", P, "actual", "illegal aliens self-deported")
d.F("2 million", "about 2 million total", 2000000, "approximately", P, "actual", "total out in 240 days")
d.F("1.6 million", "1.6 million self deportations", 1600000, "exact", P, "actual", "self deportations")
d.F("400,000", "about 400,000 deportations", 400000, "approximately", P, "actual", "deportations")
d.F("2 million", "totally, about 2 million", 2000000, "approximately", P, "actual", "total out")
d.F("350,000", "350,000 deportations", 350000, "exact", P, "actual", "deportations by late August (earlier reporting)")
d.F("1.6 million", "1.6 million illegals had left", 1600000, "exact", P, "actual", "illegals left voluntarily (CIS)")
d.F("2 million", "the 2 million figure", 2000000, "exact", P, "actual", "the 2 million total")
d.Q("there are between 20 and 22 million illegal aliens in the country", "paraphrase", "Donald Trump", nth=0)
d.Q("federal agencies had directly deported 400,000 illegal aliens since Trump returned to the White House", "paraphrase", "Tricia McLaughlin")
d.Q("We're looking about 2 million total in the past 240 days. That includes 1.6 million self deportations, which we are very much encouraging illegal aliens to take", "direct", "Tricia McLaughlin")
d.Q("It's a lot safer for the aliens themselves, for the public, for our law enforcement, and also it's a lot better financially, a lot more tax savings for the US taxpayer. And then in addition to that, there's been about 400,000 deportations themselves, so totally, about 2 million, but we're going to get those numbers up.", "direct", "Tricia McLaughlin")
d.Q("DHS figures independently corroborated the CIS estimate", "paraphrase", "Tricia McLaughlin")
d.Q("there are between 20 and 22 million illegal aliens in the country", "paraphrase", "Donald Trump", nth=1)
docs.append(d)

# ---------------------------------------------------------------- 8
d = Doc("hstoday-ice-reports-increases-arrests-detentions-fy2022")
d.F("142,750", "142,750 administrative arrests", 142750, "exact", P, "actual", "ERO administrative arrests FY2022")
d.F("96,354", "96,354 of those", 96354, "exact", P, "actual", "arrests categorized as Other Immigration Violators")
d.F("46,396", "46,396 noncitizens", 46396, "exact", P, "actual", "noncitizens with criminal histories arrested")
d.F("198,498", "198,498 charges", 198498, "exact", P, "actual", "charges and convictions of those arrested")
d.F("21,531", "21,531 charges", 21531, "exact", P, "actual", "assault charges/convictions")
d.F("18,009", "18,009 for traffic", 18009, "exact", P, "actual", "traffic-offense charges/convictions")
d.F("8,164", "8,164 for sex", 8164, "exact", P, "actual", "sex-offense charges/convictions")
d.F("5,554", "5,554 for weapons", 5554, "exact", P, "actual", "weapons-offense charges/convictions")
d.F("1,501", "1,501 for h", 1501, "exact", P, "actual", "charges/convictions (category cut off by end of text)")
d.Q("significant workload increases for ERO.", "direct", "ICE", nth=0)
d.Q("“significant” enforcement resources went toward removing individuals under Title 42", "paraphrase", "ICE")
d.Q("significant workload increases for ERO.", "direct", "ICE", nth=1)
docs.append(d)

# ---------------------------------------------------------------- 9
d = Doc("caliber-homan-record-deportation-plans-axios-summit")
d.F("600,000", "over 600,000 undocumented", 600000, "more_than", P, "projection", "undocumented immigrants ICE plans to deport by year end")
d.F("1.6 million", "roughly 1.6 million", 1600000, "approximately", P, "actual", "undocumented immigrants left voluntarily")
d.F("400,000", "additional 400,000 were deported", 400000, "exact", P, "actual", "deported in first 250 days")
d.Q("roughly 1.6 million undocumented immigrants have “voluntarily” left the United States, and an additional 400,000 were deported during the first 250 days of Trump’s second term", "paraphrase", "Trump administration")
d.Q("If you’re in the United States illegally, you’re not off the table", "direct", "Tom Homan")
d.Q("If we find you, we’re going to arrest you.", "direct", "Tom Homan")
d.Q("about 70% of individuals arrested by Immigration and Customs Enforcement (ICE) are classified as criminals, while the remaining 30 to 35% are identified as national security threats despite having no prior criminal record", "paraphrase", "Tom Homan")
d.Q("these figures did not align with ICE’s bi-monthly reports to Congress", "paraphrase", "Brittany Gibson")
d.Q("the data lawmakers receive is “behind” and depends on how the raw numbers are interpreted", "paraphrase", "Tom Homan")
d.Q("many of those considered national security threats already have final orders of removal and were afforded due process", "paraphrase", "Tom Homan")
docs.append(d)

# ---------------------------------------------------------------- 10
d = Doc("campubco-cnsnews-ice-arrests-up-34-5-percent-first-100-days")
d.F("41,000", "more than 41,000 arrests", 41000, "more_than", P, "actual", "arrests in first 100 days")
d.F("41,898", "totaled 41,898", 41898, "exact", P, "actual", "ICE arrests Jan 20 - Apr 29, 2017")
d.F("31,128", "31,128 over the same period", 31128, "exact", P, "actual", "ICE arrests same period 2016")
d.F("30,964", "30,964 were convicted", 30964, "exact", P, "actual", "arrestees who were convicted criminals")
d.F("4,969", "(4,969)", 4969, "exact", P, "actual", "arrests in Dallas")
d.Q("offenses of those arrested ranged “from homicide and assault to sexual abuse and drug-related charges", "paraphrase", "ICE")
d.Q("from homicide and assault to sexual abuse and drug-related charges.", "direct", "ICE")
d.Q("These statistics reflect President Trump’s commitment to enforce our immigration laws fairly and across the board", "direct", "Thomas Homan")
d.Q("ICE agents and officers have been given clear direction to focus on threats to public safety and national security, which has resulted in a substantial increase in the arrest of convicted criminal aliens.", "direct", "Thomas Homan")
d.Q("What a difference 100 days can make", "direct", "Center for Immigration Studies")
d.Q("so far has done well", "direct", "Center for Immigration Studies")
d.Q("sanctuary city policies “are hampering the arrests of deportable criminal aliens", "paraphrase", "Jessica Vaughan")
d.Q("are hampering the arrests of deportable criminal aliens.", "direct", "Jessica Vaughan")
d.Q("This phenomenon is generally confirmed in the recent arrest data released by ICE, which shows that ICE arrests in places like California, dropped off sharply after the state sanctuary policy (the Trust Act) was adopted", "direct", "Jessica Vaughan")
d.Q("The same data shows that many of the non-sanctuary jurisdictions saw a higher increase in ICE arrests under Trump policies than did areas with major sanctuaries.", "direct", "Jessica Vaughan")
docs.append(d)

if __name__ == "__main__":
    for d in docs:
        nf, nq = d.write()
        print(f"{d.tid}: {nf} figures, {nq} quotes")
