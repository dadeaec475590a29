"""Builds the held-out <text-id>.json evaluation files from hand-written annotations.

Each annotation is placed by a short unique anchor string in the text (../annotations.py), so no
offset is typed by hand. Every anchor must occur exactly once (or the n-th occurrence is named
explicitly). Run check_annotations.py afterwards.
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
d = Doc("trt-ice-will-arrest-anyone-unlawfully-present")
d.F("150,000", "nearly 150,000 people", 150000, "approximately", P, "actual", "people deported by ICE in first half of 2025")
d.F("70,000", "around 70,000 with criminal", 70000, "approximately", P, "actual", "deportees with criminal convictions")
d.F("1 million", "target of 1 million deportations this year", 1000000, "exact", PY, "target", "administration's deportation target for this year")
d.F("300", "over 300 un", 300, "more_than", P, "actual", "people (workers) at worksite raids (text cut off after the number)")
# The lede ("ICE will arrest anyone ..., Todd Lyons, said Sunday.") is a postposed attribution: not annotated.
d.Q("What’s, again, frustrating for me is the fact that we would love to focus on these criminal aliens that are inside a jail facility", "direct", "Todd Lyons")
d.Q("A local law enforcement agency, state agency already deemed that person a public safety threat and arrested them and they’re in detention.", "direct", "Todd Lyons")
d.Q("the current rise in community arrests is a consequence of states and cities with sanctuary policies refusing to hand over noncitizen inmates, forcing ICE agents to go into neighbourhoods", "paraphrase", "Todd Lyons")
d.Q("I’d much rather focus all of our limited resources on that...but we do have to go out into the community", "direct", "Todd Lyons")
d.Q("ICE is always focused on the worst of the worst", "direct", "Todd Lyons")
d.Q("One difference you’ll see now is under this administration, we have opened up the whole aperture of the immigration portfolio.", "direct", "Todd Lyons")
# "He also confirmed the agency has resumed ..." has no "that" and the verb is not said/told: not annotated.
docs.append(d)

# ---------------------------------------------------------------- 2
d = Doc("theblaze-deportations-top-2-million-most-not-by-force")
d.F("2 million", "over 2 million illegal aliens have left the country", 2000000, "more_than", P, "actual", "illegal aliens who left the country since start of Trump's term")
d.F("2 million", "More than 2 million illegal", 2000000, "more_than", P, "actual", "illegal aliens who left the U.S.")
d.F("1.6 million", "1.6 million who have voluntarily", 1600000, "exact", P, "actual", "illegal aliens who self-deported")
d.F("527,000", "over 527,000 deportations", 527000, "more_than", P, "actual", "deportations")
d.F("18.6 million", "an estimated 18.6 million", 18600000, "approximately", P, "actual", "illegal aliens in the U.S. (FAIR estimate)")
d.Q("The president is all about results, ... and what President Trump, Secretary Noem, and our law enforcement have been able to do in the past 270 days, despite the injunctions, despite the obstruction from sanctuary city politicians and these activist judges, is really nothing short of extraordinary", "direct", "Tricia McLaughlin")
# pull quote in single quotation marks, same words as Mehlman's quote below
d.Q("While ICE actions targeting criminal illegal aliens have captured most of the attention, the phenomenon of large-scale self-deportation is probably even more significant.", "direct", "Ira Mehlman")
d.Q("over 2 million illegal aliens have left the country since the beginning of Trump's term", "paraphrase", "Tricia McLaughlin")
d.Q("the majority of the deportations have been voluntary", "paraphrase", "Tricia McLaughlin")
d.Q("More than 2 million illegal aliens have left the U.S. including 1.6 million who have voluntarily self-deported and over 527,000 deportations.", "direct", "Tricia McLaughlin")
d.Q("While ICE actions targeting criminal illegal aliens have captured most of the attention, the phenomenon of large-scale self-deportation is probably even more significant", "direct", "Ira Mehlman", nth=1)
d.Q("illegal aliens are \"rational\" actors", "paraphrase", "Ira Mehlman")
# the final '"If we ... ' is cut off without a closing mark: ignored.
docs.append(d)

# ---------------------------------------------------------------- 3
d = Doc("chicagobusiness-ice-will-expand-immigration-arrests-homan")
d.F("four", "all but four people", 4, "exact", P, "actual", "people detained in Chicago operation without criminal records (all but four had records)")
d.F("1,179", "the 1,179 arrestees", 1179, "exact", P, "actual", "arrestees detained nationwide on Sunday")
d.F("75", "75 arrests per day", 75, "exact", PD, "target", "daily arrest quota per ICE field office")
d.Q("It takes a lot to get approval to go into a school or a church, but if there's a national security threat, we're going", "direct", "Homan")
d.Q("are between the ages of 15 and 17 and attend U.S. schools", "paraphrase", "Homan")
d.Q("There is no safe haven. We'll go where we need to go to take them off the street.", "direct", "Homan")
d.Q("all but four people detained in the operation here had criminal records", "paraphrase", "Homan")
d.Q("he expects to see more collateral arrests in the future, particularly in so-called sanctuary cities", "paraphrase", "Homan")
d.Q("each of ICE's field offices is now required to make 75 arrests per day", "paraphrase", "Washington Post")
# "Homan acknowledged a handful ... occurred", "NBC is reporting about half ..." (no "that", verb not said/told)
# and "She rejected the idea that ..." are not annotated.
docs.append(d)

# ---------------------------------------------------------------- 4
d = Doc("mainnews-ice-arrests-doubled-fy2022")
d.F("142,750", "142,750 administrative arrests", 142750, "exact", P, "actual", "ICE administrative arrests FY2022")
d.F("96,354", "96,354 individuals", 96354, "exact", P, "actual", "arrestees categorized as other immigration violators")
d.F("46,396", "46,396 people", 46396, "exact", P, "actual", "ERO arrests of people with a criminal history")
d.F("36,685", "36,685 criminal suspects", 36685, "exact", P, "actual", "HSI arrests of criminal suspects")
d.F("13,248", "13,248 convictions", 13248, "exact", P, "actual", "HSI convictions obtained")
d.F("72,000", "just over 72,000 removals", 72000, "more_than", P, "actual", "ICE removals FY2022")
d.F("59,011", "59,011 in 2021", 59011, "exact", P, "actual", "ICE removals 2021")
d.F("185,884", "saw 185,884", 185884, "exact", P, "actual", "ICE removals 2020")
d.F("72,000", "more than 72,000 removals", 72000, "more_than", P, "actual", "ICE removals FY2022")
d.F("44,096", "44,096 individuals", 44096, "exact", P, "actual", "removed individuals with a criminal history")
d.F("2,667", "2,667 known", 2667, "exact", P, "actual", "known or suspected gang members removed")
d.F("55", "55 known", 55, "exact", P, "actual", "known or suspected terrorists removed")
d.F("seven", "seven human rights", 7, "exact", P, "actual", "human rights violators removed")
d.F("74", "74 foreign fugitives", 74, "exact", P, "actual", "foreign fugitives removed")
# "ICE said." / "the report said." after the clause are postposed attributions: not annotated.
d.Q("it executed just over 72,000 removals in 2022, up from 59,011 in 2021 and down from 2020 which saw 185,884", "paraphrase", "ICE")
d.Q("they are using a more targeted approach to putting immigration detainers on people", "paraphrase", "ICE")
d.Q("request from ICE to state or local law enforcement agencies to notify ICE as early as possible before a removable noncitizen is released from their custody", "direct", "ICE")
# "other immigration violators" is a category label; the final quote is cut off without a closing mark.
docs.append(d)

# ---------------------------------------------------------------- 5
d = Doc("arkansasonline-migrants-deported-in-smaller-numbers-fy2021")
d.F("59,011", "recorded 59,011 deportations", 59011, "exact", P, "actual", "ICE deportations FY2021")
d.F("185,884", "185,884 in 2020", 185884, "exact", P, "actual", "ICE deportations 2020")
d.F("74,082", "about 74,082 administrative", 74082, "approximately", P, "actual", "ERO administrative arrests FY2021")
d.F("104,000", "104,000 during fiscal 2020", 104000, "exact", P, "actual", "ERO administrative arrests FY2020")
d.F("148,000", "148,000 annually", 148000, "exact", PY, "actual", "average annual ERO arrests FY2017-19 (see README: flagged call)")
d.F("12,025", "12,025 individuals", 12025, "exact", P, "actual", "arrests of individuals with aggravated felony convictions FY2021")
d.F("495", "arrested 495", 495, "exact", P, "actual", "noncitizen sex offenders arrested in targeted operation")
d.F("59,011", "The 59,011 deportations", 59011, "exact", P, "actual", "ICE deportations FY2021 (text cut off after)")
d.Q("the figure reflects the administration's efforts to emphasize \"quality over quantity\" by directing ICE to prioritize migrants who pose public safety and national security threats", "paraphrase", "Biden administration")
d.Q("quality over quantity", "direct", "Biden administration")
d.Q("ICE in fiscal 2021 arrested 12,025 individuals with aggravated felony convictions, nearly double the 2020 total", "paraphrase", "ICE")
d.Q("As the annual report's data reflects, ICE's officers and special agents focused on cases that delivered the greatest law enforcement impact in communities across the country while upholding our values as a nation", "direct", "Tae Johnson")
# "The agency highlighted a targeted operation that ..." has no content clause; "noncitizen sex offenders" is a category label.
docs.append(d)

# ---------------------------------------------------------------- 6
d = Doc("dhs-release-via-einpresswire-record-breaking-year-2026-01")
d.F("3 million", "nearly 3 million", 3000000, "approximately", P, "actual", "illegal aliens who left the U.S. in Trump's first year back")
d.F("2.2 million", "an estimated 2.2 million", 2200000, "approximately", P, "actual", "self-deportations")
d.F("675,000", "more than 675,000 deportations", 675000, "more_than", P, "actual", "deportations")
# "enough cocaine to kill more than 177 million Americans" measures seized drugs, not people: not a figure.
d.Q("In President Trump’s first year back in office, nearly 3 million illegal aliens have left the U.S. because of the Trump administration’s crackdown on illegal immigration, including an estimated 2.2 million self-deportations and more than 675,000 deportations.", "direct", "Kristi Noem")
d.Q("In the last year, fentanyl trafficking at the southern border has also been cut by more than half compared to the same period in 2024", "direct", "Kristi Noem")
d.Q("The U.S. Coast Guard alone seized enough cocaine to kill more than 177 million Americans.", "direct", "Kristi Noem")
d.Q("Meanwhile, we have saved taxpayers more than $13.2 billion here at DHS. Countless lives have been saved, communities have been strengthened, and the American people have been put first again.", "direct", "Kristi Noem")
docs.append(d)

if __name__ == "__main__":
    for d in docs:
        nf, nq = d.write()
        print(f"{d.tid}: {nf} figures, {nq} quotes")
