-- The controlled vocabulary of figure metrics. Definitions are ours, written to match how U.S.
-- agencies count; a figure's statedAs keeps the source's own word for what it counted.

insert into metrics (id, label, unit, definition) values
    ('arrests', 'Arrests', 'people',
     'People taken into custody by an immigration enforcement agency, on an administrative immigration charge or a criminal one, as the reporting agency counts them.'),
    ('removals', 'Removals', 'people',
     'Compulsory and confirmed movements of noncitizens out of the United States under an order of removal. Officials and news reports often call them deportations.'),
    ('returns', 'Returns', 'people',
     'Confirmed movements of noncitizens out of the United States that are not based on an order of removal, such as voluntary departures.'),
    ('expulsions', 'Expulsions', 'people',
     'Movements of noncitizens out of the United States under a public-health authority (Title 42) rather than under immigration law.'),
    ('book_ins', 'Book-ins', 'people',
     'Initial admissions of people into immigration detention.'),
    ('detained_population', 'Detained population', 'people',
     'People held in immigration detention, counted on one day or as a daily average over a period.'),
    ('encounters', 'Encounters', 'people',
     'Border Patrol apprehensions together with people found inadmissible at ports of entry, as U.S. Customs and Border Protection counts them.');
