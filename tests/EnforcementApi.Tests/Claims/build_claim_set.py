"""Builds claim-set.json: each real claim's text is taken from its source's stored text (db/corpus) and must occur there
verbatim; its source's title, publisher, url and date come from the bundled dataset. Expected verdicts are written here by
hand, as a careful reader gives them against the bundled records, before the check was run on the set.
Run from the repository root: python3 tests/EnforcementApi.Tests/Claims/build_claim_set.py"""
import json, re, pathlib

ROOT = pathlib.Path(__file__).resolve().parents[3]
records = [json.loads(l) for l in open(ROOT / 'db/data/ice-enforcement-figures.ndjson', encoding='utf-8')]
sources = {r['id']: r for r in records if r['type'] == 'source'}

S, C, N, R = 'supported', 'contradicted', 'no_record', 'not_comparable'

def real(id, source, text, as_of, expect, as_of_note=None):
    corpus = (ROOT / 'db/corpus' / f'{source}.txt').read_text(encoding='utf-8')
    assert text in corpus, f'{id}: the text is not verbatim in db/corpus/{source}.txt'
    s = sources[source]
    claim = {'id': id, 'text': text, 'asOf': as_of,
             'source': {'id': source, 'title': s['title'], 'publisher': s['publisher'], 'url': s.get('url'), 'publishedOn': s.get('publishedOn')},
             'written': None,
             'expect': [{'number': n, 'verdict': v, 'because': b} for n, v, b in expect]}
    if as_of_note: claim['asOfNote'] = as_of_note
    return claim

def written(id, text, as_of, rule, expect):
    return {'id': id, 'text': text, 'asOf': as_of, 'source': None, 'written': rule,
            'expect': [{'number': n, 'verdict': v, 'because': b} for n, v, b in expect]}

ADMIN_100 = 'the first 100 days of 2025'
claims = [
    real('noem-150000-deported-first-three-months', '2paragraphs-noem-claims-150000-deported-in-3-months',
         'U.S. Secretary of Homeland Security Kristi Noem says that during the first three months of the second Trump administration, the federal government has deported more than 150,000 people from the United States.',
         '2025-04-26', [('150,000', C, 'ICE\'s own count for the first 100 days (preferred) is 65,682 removals, far below more than 150,000.')]),
    real('breitbart-151000-arrested-135000-deported', 'breitbart-first-100-days-151k-arrested-135k-deported',
         'Since January 20, DHS officials say Immigration and Customs Enforcement (ICE) has arrested more than 151,000 illegal aliens across the United States. Likewise, officials say ICE agents have deported more than 135,000 illegal aliens from the U.S.',
         '2025-04-28', [('151,000', C, 'ICE reported 66,463 arrests over the first 100 days (preferred).'),
                        ('135,000', C, 'ICE reported 65,682 removals over the first 100 days (preferred).')]),
    real('wsj-66500-arrested-66000-deported-first-100-days', 'itiger-wsj-first-100-days-ice-arrests-deportations',
         'WASHINGTON -- The Trump administration arrested roughly 66,500 migrants living in the U.S. illegally and deported nearly 66,000 in its first 100 days, U.S. Immigration and Customs Enforcement said Tuesday.',
         '2025-04-29', [('66,500', S, 'roughly 66,500 against ICE\'s 66,463 arrests.'), ('66,000', S, 'nearly 66,000 against ICE\'s 65,682 removals: within 2%.')],
         'The article reports the data ICE released on Tuesday, April 29, 2025.'),
    real('wsj-271000-deported-fy2024-742-a-day', 'itiger-wsj-first-100-days-ice-arrests-deportations',
         "The Biden administration said it deported 271,000 people in the 2024 fiscal year -- an average of roughly 742 migrants a day. The Trump administration's daily average is about 660, according to the data released Tuesday.",
         '2025-04-29', [('271,000', S, 'FY2024 removals: 271,484 (preferred).'), ('742', S, '271,484 over the 366 days of FY2024 is 741.8 a day.'),
                        ('660', S, 'The data released Tuesday cover the first 100 days: 65,682 removals, 656.8 a day.')],
         'The article reports the data ICE released on Tuesday, April 29, 2025.'),
    real('ap-271484-deportations-fiscal-year-ended', 'keyt-ap-ice-deports-highest-since-2014',
         'ICE, the main government agency responsible for removing people in the country illegally, had 271,484 deportations in its fiscal year ended Sept. 30, nearly double from 142,580 in the same period a year earlier.',
         '2024-12-19', [('271,484', S, 'The fiscal year ended Sept. 30, 2024 is FY2024: 271,484 removals (preferred).'),
                        ('142,580', S, 'The same period a year earlier is FY2023: 142,580 removals (preferred).')]),
    real('arkansasonline-59011-fy2021-185884-in-2020', 'arkansasonline-migrants-deported-in-smaller-numbers-fy2021',
         'During the 2021 fiscal year that ended Sept. 30, ICE recorded 59,011 deportations, down from 185,884 in 2020.',
         '2022-03-12', [('59,011', S, 'FY2021 removals: 59,011 (preferred).'), ('185,884', S, '"in 2020" is ICE\'s fiscal 2020: 185,884 removals (preferred).')]),
    real('focuswashington-72177-fy2022-59011-fy2021', 'focuswashington-ice-deported-72177-fy2022',
         'According to ICE’s report, the agency deported 72,177 illegal immigrants in FY 2022, which was a small increase from the 59,011 deportations in FY 2021.',
         '2022-12-30', [('72,177', S, 'FY2022 removals: 72,177 (preferred).'), ('59,011', S, 'FY2021 removals: 59,011 (preferred).')]),
    real('mainnews-72000-removals-in-2022', 'mainnews-ice-arrests-doubled-fy2022',
         'ICE said it executed just over 72,000 removals in 2022, up from 59,011 in 2021 and down from 2020 which saw 185,884.',
         '2022-12-30', [('72,000', S, '"in 2022" is ICE\'s fiscal 2022: 72,177 removals, just over 72,000.'), ('59,011', S, 'FY2021: 59,011.'), ('185,884', S, 'FY2020: 185,884.')],
         'ICE published its FY2022 report on December 30, 2022; the article reports it.'),
    real('cbs-185000-deportations-fy2020-226000-in-2017', 'amren-cbs-ice-arrests-deportations-dropped-2020',
         'In fiscal year 2020, ICE said it carried out more than 185,000 deportations, significantly fewer than the 226,000 immigrants deported in 2017, the previous low for the Trump administration.',
         '2020-12-23', [('185,000', S, 'FY2020: 185,884 removals, more than 185,000.'), ('226,000', S, '"in 2017" is fiscal 2017: 226,119 removals (preferred).')]),
    real('ice-185884-removals-fy2020-30-percent', 'ice-statistics-page-archived-fy2020',
         'Removals: ICE ERO conducted 185,884 removals during FY 2020, a 30 percent decrease from FY 2019.',
         '2020-12-31', [('185,884', S, 'FY2020 removals: 185,884 (preferred).'), ('30 percent', R, 'A percentage change: the record holds counts, and the check compares counts and rates.')],
         'ICE\'s FY2020 statistics page; its date is not recorded, and the fiscal year it reports had ended.'),
    real('ice-143000-arrested-267000-removed-fy2019', 'ice-govdelivery-bulletin-fy2019-border-crisis-impact',
         'In FY 2019, ICE’s Enforcement and Removal Operations (ERO) officers arrested approximately 143,000 aliens and removed more than 267,000 – which is an increase in removals from the prior year.',
         '2019-12-31', [('143,000', S, 'ERO\'s administrative arrests in FY2019: 143,099 (preferred).'), ('267,000', S, 'FY2019 removals: 267,258 (preferred), more than 267,000.')],
         'ICE\'s bulletin on its FY2019 report (December 2019); its date is not recorded.'),
    real('dhs-240255-removed-fy2016-235413-fy2015', 'breaking911-dhs-end-of-fy2016-statistics',
         'ICE removed or returned 240,255 individuals in FY 2016, compared to 235,413 in FY 2015.',
         '2016-12-30', [('240,255', S, 'FY2016 removals: 240,255 (preferred).'), ('235,413', S, 'FY2015 removals: 235,413 (preferred).')],
         'DHS\'s end-of-year statistics for FY2016, published after the fiscal year; the date is not recorded.'),
    real('aic-at-large-30348-fy2016-40066-fy2017', 'aic-changing-patterns-interior-enforcement-2016-2018',
         'Additionally, the number of at-large arrests—those that ICE conducted in the community as opposed to a custodial setting such as a prison or jail—increased from 30,348 in FY 2016 to 40,066 in FY 2017.',
         '2019-01-01', [('30,348', S, 'At-large arrests FY2016: 30,348 (preferred).'), ('40,066', S, 'At-large arrests FY2017: 40,066 (preferred).')],
         'The report covers FY2016 to FY2018; its date is not recorded.'),
    real('cns-41898-arrests-jan-20-april-29-2017', 'campubco-cnsnews-ice-arrests-up-34-5-percent-first-100-days',
         'Immigration and Customs Enforcement (ICE) arrests totaled 41,898 between Jan. 20 and April 29, 2017, compared to 31,128 over the same period a year ago, according to spokesperson Danielle Bennett.',
         '2017-05-24', [('41,898', S, 'Arrests over the first 100 days of 2017: 41,898 (preferred).'),
                        ('31,128', S, 'The same period of 2016: 31,128 arrests (preferred).')]),
    real('cbs-100000-deported-jan-1-june-24-70583-convicted', 'inkl-immigrant-detention-all-time-high-over-60000',
         'Between January 1 and June 24, ICE deported about 100,000 people, 70,583 of whom had criminal convictions',
         '2025-07-01', [('100,000', S, 'About 100,000 removals from January 1 to June 24, 2025, as ICE\'s data reported by CBS.'),
                        ('70,583', S, 'Of them with criminal convictions: 70,583 (preferred).')],
         'The article reports ICE data through June 24, 2025; its date is not recorded.'),
    real('trt-150000-deported-first-half-2025', 'trt-ice-will-arrest-anyone-unlawfully-present',
         'In the first half of 2025, ICE deported nearly 150,000 people',
         '2025-07-15', [('150,000', S, 'The record\'s figure for the first half of 2025: nearly 150,000 removals.')],
         'The article reports the first half of 2025; its date is not recorded.'),
    real('homan-14000-arrested-first-three-weeks', 'therx-forum-post-ice-arrests-first-three-weeks',
         'During Trump’s first three weeks in office, ICE arrested about 14,000 people, border czar Tom Homan said last week.',
         '2025-02-17', [('14,000', S, 'The record\'s only figure for the first three weeks is this one: about 14,000 arrests.')],
         'A post of mid-February 2025 ("said last week"); its date is not recorded.'),
    real('dhs-32800-detained-first-50-days', 'freespoke-ice-arrests-surge-doubling-biden-daily-rates',
         'Immigration and Customs Control Service (ICE) has detained more than 32,800 irregular immigrants in the first 50 days of the Donald Trump administration.',
         '2025-03-11', [('32,800', S, '"Detained" here is arrested: the record has more than 32,800 arrests in the first 50 days.')],
         'The 50th day of the administration was March 10, 2025.'),
    real('newsamericas-2186-dominicans-last-year', 'newsamericasnow-caribbean-deportees-2020',
         'But the number was lower than last year when 2,186 Dominicans were deported.',
         '2020-12-31', [('2,186', S, 'Removals of citizens of the Dominican Republic in FY2019: 2,186 (preferred).')]),
    real('newsamericas-751-jamaicans-last-year', 'newsamericasnow-caribbean-deportees-2020',
         'However, it was less than last year, when 751 Jamaicans were sent back by US ICE.',
         '2020-12-31', [('751', S, 'Removals of citizens of Jamaica in FY2019: 751 (preferred).')]),
    real('trac-272000-removals-fy2024', 'trac-report-759-first-100-days-claims',
         'Biden’s actual FY 2024 record of 272,000 removals was over twice DHS’s claimed number of 135,00 removals during its first 100 days.',
         '2025-05-15', [('272,000', S, 'FY2024 removals: 271,484 (preferred), within 2% of 272,000.')]),
    real('washtimes-more-than-1250-daily', 'washtimes-ice-holds-record-65000-migrants',
         'ICE is deporting illegal immigrants at an even higher rate, more than 1,250 daily.',
         '2025-11-23', [('1,250', R, 'The sentence names no period: a rate of when?')]),
    real('brst-271484-removals-33-percent-no-period', 'brst-ice-fy2024-deportations-highest-since-2014',
         'ICE reported that of the 271,484 removals, nearly 33 percent of those removed had a criminal history.',
         '2024-12-20', [('271,484', R, 'The sentence alone names no period.'), ('33 percent', R, 'A percentage.')]),
    real('numbersusa-230000-on-track-fy16-235413-fy15', 'numbersusa-ice-on-track-lowest-deportations-since-2006',
         'This puts the agency on track for about 230,000 deportations for FY16, a slight decline from the 235,413 deportations completed in FY15.',
         '2016-08-03', [('230,000', N, 'A projection for FY2016: the record holds no projection of FY2016 removals.'),
                        ('235,413', S, 'FY2015 removals: 235,413 (preferred).')]),
    real('trt-target-1-million-deportations-this-year', 'trt-ice-will-arrest-anyone-unlawfully-present',
         'Lyons did not rule out reaching the administration’s target of 1 million deportations this year, citing a recent multi-billion-dollar boost in congressional funding.',
         '2025-07-15', [('1 million', S, 'The record holds the administration\'s target of 1 million removals in 2025.')],
         'The article reports the first half of 2025; its date is not recorded.'),
    real('homan-plans-600000-by-end-of-year', 'caliber-homan-record-deportation-plans-axios-summit',
         'Immigration and Customs Enforcement (ICE) plans to deport over 600,000 undocumented immigrants by the end of the year, President Trump’s border czar, Tom Homan, said at Axios\' Future of Defence Summit on October 22.',
         '2025-10-23', [('600,000', S, 'The record holds Homan\'s plan: over 600,000 removals by the end of 2025.')],
         'Homan spoke on October 22, 2025.'),
    real('ilkha-goal-3000-daily-arrests', 'ilkha-ice-targets-3000-daily-arrests',
         'The Trump administration has set an ambitious goal of 3,000 daily arrests, with White House deputy chief of staff Stephen Miller pushing the initiative.',
         '2025-07-15', [('3,000', S, 'The record holds the goal of 3,000 arrests a day.')],
         'A 2025 article; its date is not recorded.'),
    real('particle-824-a-day-push-for-3000', 'particle-new-ice-data-nearly-75000-arrests-no-criminal-record',
         '- ICE averaged about 824 arrests per day in that period, far short of a reported White House push for 3,000 daily arrests.',
         '2025-10-20', [('824', R, '"In that period" does not say which period in this sentence.'), ('3,000', S, 'The record holds the push for 3,000 arrests a day.')],
         'A 2025 summary; its date is not recorded.'),
    real('newsmax-66463-arrests-65682-removed-first-100-days', 'newsmax-ice-66463-arrested-first-100-days',
         "ICE released a report Tuesday that showed arrests totaled 66,463 illegal aliens over the first 100 days under Trump's management, of which 65,682 were removed from the U.S.",
         '2025-04-29', [('66,463', S, 'Arrests over the first 100 days: 66,463 (preferred).'), ('65,682', S, 'Removals over the first 100 days: 65,682 (preferred).')]),
    # Written to test the rules (marked): no source; each names the rule it tests.
    written('written-guatemalans-last-fiscal-year', 'ICE removed 120,000 Guatemalans last fiscal year.', '2024-12-01',
            'A breakdown by a demonym, and "last fiscal year" read from asOf (FY2024).',
            [('120,000', C, 'FY2024 removals of citizens of Guatemala: 66,435 (preferred).')]),
    written('written-guatemalan-nationals-fy2024', 'In fiscal year 2024, ICE deported 66,435 Guatemalan nationals.', '2025-06-01',
            'A breakdown by a demonym with "nationals".', [('66,435', S, 'FY2024 removals of citizens of Guatemala: 66,435.')]),
    written('written-citizens-of-venezuela-no-record', 'ICE removed 50,000 citizens of Venezuela last fiscal year.', '2025-01-15',
            'A breakdown by "citizens of" a country the record has no figure of for that year.',
            [('50,000', N, 'The record has removals of citizens of Venezuela for FY2019 only.')]),
    written('written-3000-a-day-fy2024', 'ICE deported 3,000 people a day in fiscal year 2024.', '2025-06-01',
            'A rate compared with a count over the same period (pace).', [('3,000', C, 'FY2024: 271,484 removals over 366 days is 741.8 a day.')]),
    written('written-convicted-between-dates', 'ICE removed 70,000 convicted criminals between January 1 and June 24, 2025.', '2025-07-01',
            'A breakdown by criminal history and a date range.', [('70,000', S, 'Removals of people with convictions from January 1 to June 24, 2025: 70,583, within 2%.')]),
    written('written-no-period', 'ICE deported 271,484 people.', '2025-06-01',
            'A count with no period is not comparable.', [('271,484', R, 'No period.')]),
    written('written-no-metric', 'In fiscal year 2024, the number was 271,484.', '2025-06-01',
            'A number with no word for what it counts.', [('271,484', R, 'No metric.')]),
    written('written-first-100-days-asof', 'In the first 100 days, ICE made 66,463 arrests.', '2025-05-01',
            '"The first 100 days" dated from the inauguration before asOf.', [('66,463', S, 'Arrests over the first 100 days of 2025: 66,463.')]),
    written('written-more-than-qualifier', 'ICE removed more than 250,000 people in fiscal year 2024.', '2025-06-01',
            'A more_than qualifier agrees with any larger value.', [('250,000', S, '271,484 is more than 250,000.')]),
    written('written-fewer-than-qualifier', 'ICE removed fewer than 250,000 people in fiscal year 2024.', '2025-06-01',
            'A less_than qualifier disagrees with a larger value.', [('250,000', C, '271,484 is not fewer than 250,000.')]),
]

# The held-out set: sentences about detention, ADP, book-ins, detainers and ATD (metrics the rules above were not written
# from), drawn at random (seed 30) from the bundled sources not quoted above, annotated and committed before the check was
# run on them, and measured once. No rule is to be written from its misses.
holdout = [
    real('h-trac-19948-detained-2022-02-13', 'trac-whatsnew-220217-detentions-decline-atd-climbs',
         '• Immigration and Customs Enforcement held 19,948 in ICE detention according to data current as of February 13, 2022.',
         '2022-02-17', [('19,948', S, 'Detained on 2022-02-13: 19,948 (preferred).')]),
    real('h-trac-under-20000-february-2022-55654-july-2019', 'trac-report-678-over-180000-monitored-by-atd',
         'However, detention numbers remain far lower, at just under 20,000 in February 2022, than during the Trump administration when TRAC found that detention numbers reached 55,654 in July 2019.',
         '2022-03-15', [('20,000', S, 'February 2022: fewer than 20,000 detained (the record\'s figure for the month).'), ('55,654', S, 'July 2019: 55,654 (preferred).')],
         'The report is of early 2022 (February 2022 data); its date is not recorded.'),
    real('h-cis-adp-october-18747-december-16130', 'cis-ice-interior-detentions-drop-fy2021',
         'That is well below historical averages, but it is more than the average daily population (ADP) of aliens in ICE detention in October (18,747) or December (16,130).',
         '2021-07-10', [('18,747', S, 'ADP in October 2020 (the article is about FY2021): 18,747.'), ('16,130', S, 'ADP in December 2020: 16,130.')]),
    real('h-trac-36263-detained-2023-12-17', 'trac-whatsnew-231222-detention-remains-high',
         'Immigration and Customs Enforcement held 36,263 in ICE detention according to data current as of December 17, 2023.',
         '2023-12-22', [('36,263', S, 'Detained on 2023-12-17: 36,263 (preferred).')]),
    real('h-cis-adp-february-14088', 'cis-ice-interior-detentions-drop-fy2021',
         'ADP numbers cratered in February (14,088) and have been increasing since then.',
         '2021-07-10', [('14,088', S, 'ADP in February 2021: 14,088 (preferred).')]),
    real('h-crimmigration-adp-june-2018-44701', 'crimmigration-2018-ice-detention-population-all-time-high',
         'In June 2018, for example, the agency held 44,701 on average.',
         '2019-07-02', [('44,701', S, 'Average daily population in June 2018: 44,701 (preferred).')]),
    real('h-trac-23060-detained-2022-12-18', 'trac-whatsnew-221223-atd-custody-claims',
         '• Immigration and Customs Enforcement held 23,060 in ICE detention according to data current as of December 18, 2022.',
         '2022-12-23', [('23,060', S, 'Detained on 2022-12-18: 23,060 (preferred).')]),
    real('h-trac-13971-detainers-march-2017', 'trac-report-479-ice-detainers-obama-vs-trump',
         "By March 2017, the second full month of the Trump Administration, ICE recorded preparing 13,971 detainers - up 31.7 percent from January's level.",
         '2017-04-30', [('13,971', S, 'Detainers in March 2017: 13,971 (preferred).'), ('31.7 percent', R, 'A percentage.')],
         'A report of spring 2017; its date is not recorded.'),
    real('h-trac-ice-book-ins-5119-january-1970-february-2021', 'trac-report-640-detention-falls-border-book-ins-rise',
         "As of the end of President Biden's first full month in office, the number of individuals arrested by ICE and booked into civil immigrant detention fell sharply from 5,119 ICE book-in arrests during January 2021 to just 1,970 during February 2021.",
         '2021-03-20', [('5,119', S, 'Book-ins of ICE\'s arrests in January 2021: 5,119 (preferred).'), ('1,970', S, 'In February 2021: 1,970 (preferred).')],
         'A report of March 2021 (February 2021 data); its date is not recorded.'),
    real('h-trac-cbp-book-ins-3024-4696', 'trac-report-640-detention-falls-border-book-ins-rise',
         'In contrast, those turned over to ICE for detention from arrests by the Border Patrol and at ports of entry climbed, from 3,024 to 4,696 in February after the Biden administration began allowing a limited numbers of families and adults, particularly those seeking asylum, to enter the United States.',
         '2021-03-20', [('3,024', S, 'Book-ins of CBP\'s arrests in January 2021: 3,024.'), ('4,696', S, 'In February 2021: 4,696.')],
         'A report of March 2021 (February 2021 data); its date is not recorded.'),
    real('h-trac-atd-124054-2021-09-13', 'trac-whatsnew-210914-detention-declines',
         '• ICE Alternatives to Detention (ATD) programs are currently monitoring 124,054 families and single individuals, according to data released on September 13, 2021.',
         '2021-09-14', [('124,054', S, 'ATD on 2021-09-13: 124,054 (preferred).')]),
    real('h-cis-adp-june-25519', 'cis-ice-interior-detentions-drop-fy2021',
         'ICE detained 25,519 aliens on an average day in the month of June.',
         '2021-07-10', [('25,519', S, 'ADP in June 2021: 25,519 (preferred).')]),
    real('h-trac-atd-188304-monitored', 'trac-whatsnew-250218-ice-detention-data-errors',
         '188,304 families and individuals were reported as monitored.',
         '2025-02-19', [('188,304', S, 'ATD in ICE\'s release of 2025-01-11 (the one the article discusses): 188,304 (preferred).')]),
    real('h-trac-13718-of-23060-no-criminal-record', 'trac-whatsnew-221223-atd-custody-claims',
         '• 13,718 out of 23,060—or 59.5%—held in ICE detention have no criminal record, according to data current as of December 18, 2022.',
         '2022-12-23', [('13,718', S, 'Detained with no criminal record on 2022-12-18: 13,718 (preferred).'), ('23,060', S, 'Detained on 2022-12-18: 23,060.'),
                        ('59.5%', R, 'A percentage.')]),
]
holdout_path = ROOT / 'tests/EnforcementApi.Tests/Claims/holdout-set.json'
holdout_path.write_text(json.dumps({
    'about': 'Held out: real claims about detention, average daily population, book-ins, detainers and ATD, drawn at random (seed 30) '
             'from bundled sources the claim set does not quote, annotated by hand and committed before the check was run on them; '
             'measured once (docs/claims.md). No rule is written from its misses. Same format as claim-set.json.',
    'claims': holdout}, ensure_ascii=False, indent=2) + '\n', encoding='utf-8')

out = {
    'about': 'Claims with the verdict a careful reader gives against the bundled records (db/data), for GET/POST /api/v1/claims/check. '
             'Real claims are quoted verbatim from their source\'s stored text (db/corpus/<source id>.txt; a test checks it); claims '
             'written to test a rule have no source and say which rule ("written"). asOf is the day the claim was made (its source\'s date, '
             'or, where that is not recorded, the day asOfNote gives). Built by build_claim_set.py; the verdicts were written before the '
             'check was first run on the set.',
    'claims': claims,
}
path = ROOT / 'tests/EnforcementApi.Tests/Claims/claim-set.json'
path.write_text(json.dumps(out, ensure_ascii=False, indent=2) + '\n', encoding='utf-8')
print(f'holdout: {len(holdout)} texts, {sum(len(c["expect"]) for c in holdout)} verdicts')
print(f'{len(claims)} texts, {sum(1 for c in claims if c["written"] is None)} real, '
      f'{sum(len(c["expect"]) for c in claims)} verdicts ({sum(len(c["expect"]) for c in claims if c["written"] is None)} of real claims)')
