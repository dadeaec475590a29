-- PostgreSQL's full-text index, what SQLite's FTS5 table search_text is (db/004), and the triggers that keep
-- search_documents in step with the records (SQLite's search_refresh_apply and *_search_insert/update/delete of
-- db/004 and db/014), so that whatever changes a record (a write, an import, a migration) changes its entry in the
-- same transaction.

-- Words are read as SQLite's tokenizer ('porter unicode61 remove_diacritics 2') reads them: English stemming
-- ("deportation" finds "deported"; Snowball's English stemmer, Porter's own successor), case folded, accents removed,
-- and no stop words (FTS5 has none: "the" is a word like another). Accents go through unaccent, a trusted contrib
-- extension (any database owner may create it; Debian's postgresql-15 package carries it). Where it cannot be
-- created, search works with accents mattering, and the migration says so.
do $$
begin
    create extension if not exists unaccent;
exception when others then
    raise warning 'search: the unaccent extension is not available (%); accents will matter in searches', sqlerrm;
end
$$;

create text search dictionary english_stem_all (template = snowball, language = english);
create text search configuration search_english (copy = english);
alter text search configuration search_english
    alter mapping for asciiword, asciihword, hword_asciipart with english_stem_all;
do $$
begin
    if exists (select 1 from pg_extension where extname = 'unaccent') then
        alter text search configuration search_english alter mapping for word, hword, hword_part with unaccent, english_stem_all;
    else
        alter text search configuration search_english alter mapping for word, hword, hword_part with english_stem_all;
    end if;
end
$$;

-- FTS5's unicode61 reads every character that is not a letter or a digit as a space between words. PostgreSQL's parser
-- reads "U.S.", "2.5", "2025-01-20", "ice.gov", "self-deported" as one token, an HTML tag as none, and, in a database
-- of the C locale, every non-ASCII character as a letter ("“quoted”", "Trump’s"). So the text is read with its ASCII
-- punctuation and the non-ASCII punctuation and symbols (Latin-1's, the General Punctuation, currency, arrows,
-- mathematical and other symbols, CJK punctuation, emoji) as spaces: one space for one character, so that a snippet
-- can show the record's own characters again. The query's terms go through the same: their ASCII punctuation in
-- SearchQuery.ToTsQuery, the rest in search_symbols (src/EnforcementApi/Search/PostgresSearch.cs).
create function search_symbols(words text) returns text
language sql immutable strict parallel safe
return regexp_replace(words,
    '[\u00A0-\u00A9\u00AB-\u00B1\u00B4\u00B6-\u00B8\u00BB\u00BF\u00D7\u00F7\u2000-\u206F\u20A0-\u20CF\u2190-\u2BFF\u2E00-\u2E7F'
    '\u3000-\u303F\uFE30-\uFE4F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\U0001F000-\U0001FAFF]', ' ', 'g');

create function search_words(words text) returns text
language sql immutable strict parallel safe
return search_symbols(regexp_replace(words, '[\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]', ' ', 'g'));

-- The weights are FTS5's bm25 column weights (10, 4, 1: title, body, excerpts) as ts_rank's A, B and C; see
-- src/EnforcementApi/Search/PostgresSearch.cs. Generated, so no path that writes a document can forget it (the copy
-- from SQLite leaves generated columns to the target).
alter table search_documents add column search tsvector generated always as (
    setweight(to_tsvector('search_english', search_words(title)), 'A')
    || setweight(to_tsvector('search_english', search_words(body)), 'B')
    || setweight(to_tsvector('search_english', search_words(excerpts)), 'C')) stored;

create index search_documents_search on search_documents using gin (search);

-- SQLite's snippet(search_text, -1, char(57344), char(57345), '…', 16): about 16 words of the column that matched,
-- the matches between the two private-use characters (the API escapes the text for HTML, then makes them <mark>
-- tags), with '…' where the text goes on. The column is the first, title before body before excerpts, that the whole
-- query matches, else the one that ranks highest. ts_headline reads the text as the index does (search_words), and
-- the fragment is then written with the record's own characters. Costly on purpose: the planner then makes snippets
-- for the rows of the page only, after the sort and the limit.
create function search_snippet(title text, body text, excerpts text, query tsquery) returns text
language plpgsql immutable parallel safe cost 1000 as $$
declare
    originals text[] := array[title, body, excerpts];
    folded text[] := array[search_words(title), search_words(body), search_words(excerpts)];
    n int;
    shown text;
    bare text;
    at int;
    own text;
    k int := 1;
    c text;
    marked text := '';
begin
    n := coalesce(
        (select u.n from unnest(folded) with ordinality as u (t, n) where to_tsvector('search_english', u.t) @@ query order by u.n limit 1),
        (select u.n from unnest(folded) with ordinality as u (t, n) order by ts_rank(to_tsvector('search_english', u.t), query) desc, u.n limit 1));
    shown := ts_headline('search_english', folded[n], query,
        'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || ', MaxWords=16, MinWords=8, ShortWord=0, MaxFragments=1');
    bare := replace(replace(shown, chr(57344), ''), chr(57345), '');
    at := strpos(folded[n], bare);
    if at = 0 then
        return shown;  -- not a piece of the text (no case known): the folded words, still marked
    end if;
    own := substr(originals[n], at, length(bare));
    foreach c in array regexp_split_to_array(shown, '') loop
        if c = chr(57344) or c = chr(57345) then
            marked := marked || c;
        else
            marked := marked || substr(own, k, 1);
            k := k + 1;
        end if;
    end loop;
    -- What comes before and after the fragment is left out (an ellipsis) or, when it holds no word (a closing quote,
    -- a full stop), shown as SQLite shows it.
    return case when left(folded[n], at - 1) ~ '[^[:space:]]' then '…' else left(originals[n], at - 1) end
        || marked
        || case when substr(folded[n], at + length(bare)) ~ '[^[:space:]]' then '…' else substr(originals[n], at + length(bare)) end;
end
$$;

-- The queue: a change to a record queues (type, id) in search_refresh, whose trigger rebuilds that one record's entry
-- from search_entries, as on SQLite.
create function search_refresh_apply() returns trigger
language plpgsql as $$
begin
    delete from search_documents where type = new.type and record_id = new.record_id;
    insert into search_documents (type, record_id, label, date_start, date_end, title, body, excerpts)
        select type, record_id, label, date_start, date_end, title, body, excerpts
        from search_entries where type = new.type and record_id = new.record_id;
    delete from search_refresh where type = new.type and record_id = new.record_id;
    return null;
end
$$;

create trigger search_refresh_apply after insert on search_refresh
for each row execute function search_refresh_apply();

-- Records: their own entries, under the record type given (and the new id too when an update changes it).
create function search_queue_record() returns trigger
language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into search_refresh values (tg_argv[0], new.id);
        return null;
    end if;
    insert into search_refresh values (tg_argv[0], old.id);
    if tg_op = 'UPDATE' then
        if new.id is distinct from old.id then
            insert into search_refresh values (tg_argv[0], new.id);
        end if;
    end if;
    return null;
end
$$;

create trigger sources_search_insert after insert on sources for each row execute function search_queue_record('source');
create trigger sources_search_update after update on sources for each row execute function search_queue_record('source');
create trigger sources_search_delete after delete on sources for each row execute function search_queue_record('source');

create trigger entities_search_insert after insert on entities for each row execute function search_queue_record('entity');
create trigger entities_search_delete after delete on entities for each row execute function search_queue_record('entity');

-- A statement is found by its speaker's name, a figure by its reporter's.
create function entities_search_update() returns trigger
language plpgsql as $$
begin
    insert into search_refresh values ('entity', old.id);
    if new.id is distinct from old.id then
        insert into search_refresh values ('entity', new.id);
    end if;
    insert into search_refresh select 'statement', id from statements where speaker_id = new.id;
    insert into search_refresh select 'figure', id from figures where reported_by = new.id;
    return null;
end
$$;

create trigger entities_search_update after update on entities for each row execute function entities_search_update();

create trigger events_search_insert after insert on events for each row execute function search_queue_record('event');
create trigger events_search_update after update on events for each row execute function search_queue_record('event');
create trigger events_search_delete after delete on events for each row execute function search_queue_record('event');

create trigger figures_search_insert after insert on figures for each row execute function search_queue_record('figure');
create trigger figures_search_update after update on figures for each row execute function search_queue_record('figure');
create trigger figures_search_delete after delete on figures for each row execute function search_queue_record('figure');

create trigger statements_search_insert after insert on statements for each row execute function search_queue_record('statement');
create trigger statements_search_update after update on statements for each row execute function search_queue_record('statement');
create trigger statements_search_delete after delete on statements for each row execute function search_queue_record('statement');

-- A figure is found by its metric's label.
create function metrics_search_update() returns trigger
language plpgsql as $$
begin
    insert into search_refresh select 'figure', id from figures where metric = new.id;
    return null;
end
$$;

create trigger metrics_search_update after update on metrics for each row execute function metrics_search_update();

-- Citations: the entry of the record they support holds their excerpts.
create function citations_search_queue() returns trigger
language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        insert into search_refresh values (old.record_type, old.record_id);
    end if;
    if tg_op = 'INSERT' then
        insert into search_refresh values (new.record_type, new.record_id);
    elsif tg_op = 'UPDATE' then
        if (new.record_type, new.record_id) is distinct from (old.record_type, old.record_id) then
            insert into search_refresh values (new.record_type, new.record_id);
        end if;
    end if;
    return null;
end
$$;

create trigger citations_search_insert after insert on citations for each row execute function citations_search_queue();
create trigger citations_search_update after update on citations for each row execute function citations_search_queue();
create trigger citations_search_delete after delete on citations for each row execute function citations_search_queue();

select attach_data_version_triggers();
