"""Builds the unseen set's <text-id>.json evaluation files from hand-written annotations.

Each annotation is placed by a short unique anchor string in the text (../annotations.py), so no
offset is typed by hand. Every anchor must occur exactly once (or the n-th occurrence is named
explicitly). Run check_annotations.py afterwards.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "texts")
sys.path.insert(0, os.path.dirname(HERE))
from annotations import AnnotationSet  # noqa: E402 (the shared module sits one folder up)

Doc = AnnotationSet(CORPUS, HERE, percentages=True).doc


P, PD, PY, PCT = "people", "people_per_day", "people_per_year", "percent"
docs = []

# ---------------------------------------------------------------- 1
d = Doc("euronews-ice-arrests-35-family-operation-2019")
d.F("35", "ICE arrests 35 in", 35, "exact", P, "actual", "people arrested in the family operation (headline)")
d.F("2,000", "targeting 2,000 migrants", 2000, "exact", P, "target", "migrants the operation targeted (headline)")
d.F("35", "arrested 35 people", 35, "exact", P, "actual", "people arrested in the family operation")
d.F("2,000", "the 2,000 targeted", 2000, "exact", P, "target", "people the raids targeted")
d.F("35", "Of those 35 arrested", 35, "exact", P, "actual", "people arrested")
d.F("18", "18 were members", 18, "exact", P, "actual", "arrestees who were members of targeted families")
d.F("17", "17 were collateral", 17, "exact", P, "actual", "collateral arrests")
d.F("85", "85 percent of those", 85, "exact", PCT, "actual", "share of the targeted families given removal orders in absentia")
d.Q("This is just the beginning of the operation", "direct", "Matthew Albence")
d.Q("nationwide in various locations.", "direct", "Matthew Albence")
d.Q("they happened \"nationwide in various locations", "paraphrase", "Matthew Albence")
d.Q("this is just the beginning of the operation.", "direct", "Matthew Albence")
d.Q("Part of the challenge", "direct", "Matthew Albence")
d.Q("anywhere in the country", "direct", "Matthew Albence")
d.Q("there were other issues as well, including the high media visibility, incidents where agents believed they were being surveilled and Hurricane Barry in Louisiana", "paraphrase", "Matthew Albence")
d.Q("We are going to continue to conduct these operations", "direct", "Matthew Albence")
d.Q("was not aware", "direct", "Matthew Albence")
docs.append(d)

# ---------------------------------------------------------------- 2
d = Doc("allaboutarizonanews-ice-phoenix-official-set-record-straight")
d.F("two", "arrested two sex offenders", 2, "exact", P, "actual", "sex offenders arrested last week")
d.F("two", "Those two individuals", 2, "exact", P, "actual", "the same two people arrested")
d.Q("very well aware", "direct", "Albert Carter")
d.Q("It would be nice for the community to realize that our officers are part of the same communities", "direct", "Albert Carter")
d.Q("The human factor is not lost on our officers", "direct", "Albert Carter")
d.Q("To include myself, we all understand the repercussions of an individual being arrested. But I would say that holds true for any other individual that’s arrested.", "direct", "Albert Carter")
d.Q("great work", "direct", "Albert Carter")
d.Q("Those two individuals are off the street now and our communities are safer for it", "direct", "Albert Carter")
d.Q("We conduct targeted enforcement operations", "direct", "Albert Carter")
d.Q("A raid implies to me that we’re just out willy-nilly picking up individuals. That’s not the case. We have a finite amount of resources to focus on targeting certain individuals.", "direct", "Albert Carter")
d.Q("The misconception as well is … that ICE needs a judicial warrant signed before they can affect an arrest", "direct", "Albert Carter")
d.Q("That couldn’t be farther from the truth.", "direct", "Albert Carter")
docs.append(d)

# ---------------------------------------------------------------- 3
d = Doc("nationalconservativemovement-ice-tops-300000-deportations")
d.F("300,000", "more than 300,000 deportations", 300000, "more_than", P, "actual", "ICE deportations this fiscal year")
d.F("302,192", "removed 302,192 people", 302192, "exact", P, "actual", "ICE removals as of Sept. 6")
d.F("300,000", "topped 300,000 was", 300000, "exact", P, "actual", "the milestone last reached in 2014")
d.F("271,000", "about 271,000", 271000, "approximately", P, "actual", "ICE deportations in the last full Biden fiscal year")
d.F("740", "about 740 a day", 740, "approximately", PD, "actual", "deportations a day that year")
d.F("1,350", "averaging 1,350 a day", 1350, "exact", PD, "actual", "deportations a day under Trump")
d.F("335,000", "ballpark of 335,000", 335000, "approximately", P, "projection", "deportations expected by the end of the fiscal year")
d.F("410,000", "nearly 410,000 deportations", 410000, "approximately", P, "actual", "deportations in 2012, the record")
d.F("half a million", "just shy of half a million", 500000, "approximately", P, "projection", "deportations in a year at the current pace")
d.F("920", "about 920 people a day", 920, "approximately", PD, "actual", "ICE arrests a day")
d.F("1,200", "almost 1,200 a day", 1200, "approximately", PD, "actual", "ICE arrests a day in early June")
d.F("one million", "the one million arrest target", 1000000, "exact", P, "target", "arrest target officials hinted at")
d.F("58,766", "having 58,766 migrants", 58766, "exact", P, "actual", "migrants in ICE detention on Sept. 6")
d.F("61,000", "more than 61,000", 61000, "more_than", P, "actual", "migrants in detention on Aug. 23")
d.F("35", "35% had criminal", 35, "exact", PCT, "actual", "share of ICE-arrested detainees with criminal convictions")
d.F("30", "another 30% had", 30, "exact", PCT, "actual", "share with criminal charges pending")
d.F("40", "both over 40%", 40, "more_than", PCT, "actual", "both shares in May")
docs.append(d)

# ---------------------------------------------------------------- 4
d = Doc("nakedpolitics-ice-70-percent-criminal-ties")
d.F("70", "Roughly 70 percent of the illegal", 70, "approximately", PCT, "actual", "share of ICE arrestees with criminal ties")
d.F("595,000", "about 595,000 illegal", 595000, "approximately", P, "actual", "arrests Jan. 20 - Dec. 11")
d.F("70", "roughly 70 percent of them", 70, "approximately", PCT, "actual", "share of those arrested with convictions or charges")
d.F("416,000", "about 416,000 people", 416000, "approximately", P, "actual", "arrestees with convictions or charges")
d.F("515,000", "at least 515,000 illegal", 515000, "at_least", P, "actual", "arrested and deported since January")
d.F("70", "70 percent of those deportees", 70, "exact", PCT, "actual", "share of deportees with charges")
d.F("1.6 million", "1.6 million illegal immigrants have self deported", 1600000, "exact", P, "actual", "self-deportations")
d.F("500,000", "between 500,000 and 1 million", 500000, "at_least", P, "actual", "criminal illegal immigrants in the U.S. (low end)")
d.F("1 million", "and 1 million criminal", 1000000, "up_to", P, "actual", "criminal illegal immigrants in the U.S. (high end)")
d.F("1.5 million", "about 1.5 million people", 1500000, "approximately", P, "actual", "people with final deportation orders")
d.Q("roughly 70 percent of them, about 416,000 people, had criminal convictions or pending criminal charges in the United States", "paraphrase", "ICE")
d.Q("at least 515,000 illegal immigrants had been arrested and deported since January", "paraphrase", "Kristi Noem")
d.Q("70 percent of those deportees also had pending or criminal charges against them", "paraphrase", "Kristi Noem")
d.Q("1.6 million illegal immigrants have self deported under Trump rather than wait to be arrested", "paraphrase", "Kristi Noem")
d.Q("there are between 500,000 and 1 million criminal illegal immigrants still in the United States, and that about 1.5 million people have final deportation orders but have not yet been removed", "paraphrase", "Donald Trump")
docs.append(d)

# ---------------------------------------------------------------- 5
d = Doc("usadiary-cbs-ice-field-leaders-reassigned")
# "a dozen local ICE leaders" and "25 field offices" count staff and offices: not figures.
d.Q("as many as roughly a dozen local ICE leaders could be reassigned, with some expected to be replaced by current or former officials at Customs and Border Protection, its sister Department of Homeland Security agency", "paraphrase", "unknown")
docs.append(d)

# ---------------------------------------------------------------- 6
d = Doc("ncja-ice-director-removed-deportation-targets")
d.F("75", "at least 75 immigrants per day", 75, "at_least", PD, "target", "arrests a day each field office was told to make")
d.F("1,200", "total of 1,200 to", 1200, "at_least", PD, "target", "national daily arrest total (low end)")
d.F("1,500", "to 1,500.", 1500, "up_to", PD, "target", "national daily arrest total (high end)")
d.F("800", "more than 800 daily arrests", 800, "more_than", PD, "actual", "daily arrests in the first 10 days")
d.F("600", "fewer than 600 daily", 600, "less_than", PD, "actual", "daily arrests in early February")
d.Q("the enforcement blitz depleted the lists of targets ICE developed before Trump took office", "paraphrase", "unknown")
docs.append(d)

# ---------------------------------------------------------------- 7
d = Doc("law360-ice-annual-report-hails-enforcement-changes-fy2021")
d.F("30", "nearly 30% drop", 30, "approximately", PCT, "actual", "drop in immigration arrests FY2021")
d.F("70", "roughly 70% drop", 70, "approximately", PCT, "actual", "drop in removals FY2021")
d.Q("I have every confidence ICE will continue to maintain its mission focus and achieve operational successes, while ushering in fresh organizational changes in the coming fiscal year", "direct", "Tae Johnson")
docs.append(d)

# ---------------------------------------------------------------- 8
d = Doc("100percentfedup-ice-2000-arrests-pandemic-operation")
d.F("2,000", "more than 2,000 arrests", 2000, "more_than", P, "actual", "arrests in the six-week operation")
d.F("85", "Roughly 85% of those", 85, "approximately", PCT, "actual", "share of those arrested with convictions or charges")
# "Save up to 66% on MyPillow products" (twice) is an advertisement: not a figure.
d.Q("the operation targeted undocumented immigrants and others subject to deportation who had been charged or convicted of a crime involving a victim", "paraphrase", "ICE")
d.Q("the rest of those arrested include immigrants who were ordered deported by an immigration judge but did not leave, those previously deported who had reentered the U.S. and so-called collateral arrests", "paraphrase", "Henry Lucero")
d.Q("it would focus on apprehending those with certain criminal records and those deemed to pose a threat to public safety during the coronavirus pandemic", "paraphrase", "ICE")
d.Q("We never said we were going to stop arresting individuals", "direct", "Henry Lucero")
d.Q("We said we were going to prioritize and focus on those that are public safety threats. And that’s exactly what we did during this operation.", "direct", "Henry Lucero")
d.Q("the enforcement posture, which he said is still in place, does not exempt immigrants without criminal records from enforcement actions", "paraphrase", "Henry Lucero")
d.Q("is still in place", "paraphrase", "Henry Lucero")
docs.append(d)

# ---------------------------------------------------------------- 9
d = Doc("homelandprepnews-four-day-operation-southeast-texas-95-arrests")
d.F("95", "arrest of 95 undocumented", 95, "exact", P, "actual", "people arrested in the four-day operation")
d.F("82", "(82 out of the 95)", 82, "exact", P, "actual", "arrestees with the listed prior convictions")
d.F("95", "out of the 95)", 95, "exact", P, "actual", "people arrested")
d.F("66", "66 were from Mexico", 66, "exact", P, "actual", "arrestees from Mexico")
d.F("11", "11 were from Honduras", 11, "exact", P, "actual", "arrestees from Honduras")
d.F("eight", "eight came from El Salvador", 8, "exact", P, "actual", "arrestees from El Salvador")
d.F("three", "three were from Guatemala", 3, "exact", P, "actual", "arrestees from Guatemala")
d.F("two", "two were from Nicaragua", 2, "exact", P, "actual", "arrestees from Nicaragua")
d.F("240,255", "total of 240,255 removals", 240255, "exact", P, "actual", "ICE removals FY2016")
d.F("92", "92 percent of which", 92, "exact", PCT, "actual", "share of FY2016 removals with a prior criminal conviction")
d.Q("all foreign nationals apprehended by ICE had prior criminal convictions and that the majority of the arrests (82 out of the 95) carried previous convictions of either homicide, aggravated assault, assault, burglary of a vehicle, child abuse, domestic violence, cocaine possession, fraud, driving under the influence, drug trafficking, felony marijuana possession, illegal entry, larceny, and weapons possession", "paraphrase", "ICE")
d.Q("This operation was focused on fugitives and criminal aliens", "direct", "Patrick Contreras")
d.Q("Public safety remains a top priory for ICE. This was a focused four-day operation, but our routine operations occur daily.", "direct", "Patrick Contreras")
d.Q("all targets in its operation were subject to arrest and removal under the Immigration and Nationality Act", "paraphrase", "ICE")
docs.append(d)

# ---------------------------------------------------------------- 10
d = Doc("kvoa-dhs-ice-arrest-170-at-large-sanctuary-jurisdictions")
d.F("170", "more than 170 at-large", 170, "more_than", P, "actual", "at-large arrests in the week-long operation")
d.F("80", "More than 80% percent", 80, "more_than", PCT, "actual", "share of those arrested with convictions or charges")
d.F("86", "86 percent of people", 86, "exact", PCT, "actual", "share of ICE arrestees last fiscal year with convictions or charges")
d.Q("Last fiscal year, 86 percent of people arrested by ICE had criminal convictions or pending charges. ICE focuses its resources on those who pose the greatest threat to public safety. The men and women of ICE put their lives on the line every day to keep these individuals off the streets", "direct", "Chad F. Wolf")
d.Q("The Department will continue to carry out lawful enforcement actions in order to keep our communities safe, regardless of whether or not we have cooperation from state and local officials. Politics will not come before safety when enforcing the law and keeping our citizens safe.", "direct", "Chad F. Wolf")
d.Q("ICE continues to protect communities by taking criminal aliens off the streets regardless of any locality’s cooperation policies – which is part of our Congressionally mandated mission", "direct", "Tony H. Pham")
docs.append(d)

# ---------------------------------------------------------------- 11
d = Doc("foxnews-ice-arrests-220-nine-day-operation")
d.F("220", "arrested 220 illegal", 220, "exact", P, "actual", "arrests in the nine-day operation")
d.F("220", "apprehended 220", 220, "exact", P, "actual", "removable noncitizens apprehended")
d.F("46,396", "arrested 46,396", 46396, "exact", P, "actual", "ERO arrests of people with criminal histories last year")
# "those included 1" ends the stored text: the number may be cut, so it is not annotated.
d.Q("its Enforcement and Removal Operations (ERO) had apprehended 220 \"removable noncitizens\" with convictions including domestic violence, sexual abuse, burglary, gun crimes, drug trafficking and driving under the influence", "paraphrase", "ICE")
d.Q("the operation shows how the agency is focused \"on smart, effective immigration enforcement that protects the homeland through the arrest and removal of those who undermine the safety of our communities and integrity of federal immigration law", "paraphrase", "ICE")
d.Q("on smart, effective immigration enforcement that protects the homeland through the arrest and removal of those who undermine the safety of our communities and integrity of federal immigration law.", "direct", "ICE")
d.Q("Our teams weigh various factors during targeting and apprehension to ensure we are enforcing U.S. immigration laws humanely, effectively, and with the utmost professionalism", "direct", "Corey Price")
docs.append(d)

# ---------------------------------------------------------------- 12
d = Doc("washingtonexaminer-self-deportations-soar-first-year")
d.F("1.9 million", "that 1.9 million immigrants", 1900000, "exact", P, "actual", "self-deportations January to mid-December")
d.F("600,000", "An additional 600,000", 600000, "exact", P, "actual", "deported by ICE")
d.Q("1.9 million immigrants who were illegally living in the country have voluntarily departed between January and mid-December", "paraphrase", "DHS")
d.Q("President Trump is delivering on his promise to Make America Safe Again and deport criminal illegal aliens", "direct", "Abigail Jackson")
d.Q("In record time, we have totally secured the border and are carrying out the largest mass deportation operation of criminal illegal aliens in history. Next year, the Administration will continue to build upon our historic successes with even more deportations.", "direct", "Abigail Jackson")
d.Q("millions and millions", "direct", "Donald Trump")
d.Q("the real number of self-deportations is likely slightly lower than the one DHS reported", "paraphrase", "David Bier")
docs.append(d)

# ---------------------------------------------------------------- 13
d = Doc("vozus-trump-immigration-policy-historic-deportations")
d.F("600,000", "nearly 600,000 undocumented immigrants by the end of Trump’s", 600000, "approximately", P, "projection", "deportations expected by the end of the first year")
d.F("two million", "at least two million", 2000000, "at_least", P, "actual", "removals or self-deportations since Jan. 20")
d.F("1.6 million", "An estimated 1.6 million", 1600000, "approximately", P, "actual", "self-deportations")
d.F("400,000", "more than 400,000 deportations", 400000, "more_than", P, "actual", "deportations")
d.F("600,000", "nearly 600,000 undocumented immigrants by the end of President", 600000, "approximately", P, "projection", "deportations expected by the end of the first year")
d.F("97", "a 97% drop", 97, "exact", PCT, "actual", "drop in migrants traveling north from Central America")
d.F("49", "that 49% of", 49, "exact", PCT, "actual", "share of would-be migrants who gave up because entry seemed impossible")
d.F("46", "Another 46%", 46, "exact", PCT, "actual", "share who gave up for fear of detention or deportation")
d.Q("the Trump administration is on track to set historic records, deporting nearly 600,000 undocumented immigrants by the end of Trump’s first year in office", "paraphrase", "DHS")
d.Q("An estimated 1.6 million have voluntarily self-deported and (there have been) more than 400,000 deportations", "direct", "DHS")
d.Q("the Trump administration is on track to break historic records, deporting nearly 600,000 undocumented immigrants by the end of President Trump’s first year in office", "paraphrase", "DHS")
d.Q("Ramped-up immigration enforcement targeting the worst of the worst is removing more and more criminal illegal aliens off our streets every day and is sending a clear message to anyone else in this country illegally: Self-deport or we will arrest and deport you", "direct", "Tricia McLaughlin")
d.Q("the policies pushed by the Republican administration are producing results", "paraphrase", "Tricia McLaughlin")
d.Q("for four consecutive months, Customs and Border Protection (CBP) has not released any undocumented immigrants into the country", "paraphrase", "DHS")
docs.append(d)

# ---------------------------------------------------------------- 14
d = Doc("econewsonline-motherjones-ice-detention-record-high")
d.F("56,000", "more than 56,000", 56000, "more_than", P, "actual", "immigrants in ICE detention, a record")
d.F("55,654", "55,654 immigrants", 55654, "exact", P, "actual", "immigrants detained in August 2019")
d.F("3,000", "a minimum of 3,000 arrests per day", 3000, "at_least", PD, "target", "arrests a day Miller demanded")
d.Q("It is certainly the largest detained population since ICE began reporting detention data during the first Trump administration", "direct", "Austin Kocher")
d.Q("All that matters is numbers, pure numbers", "direct", "unknown")
d.Q("Quantity over quality.", "direct", "unknown")
docs.append(d)

if __name__ == "__main__":
    for d in docs:
        nf, nq = d.write()
        print(f"{d.tid}: {nf} figures, {nq} quotes")
