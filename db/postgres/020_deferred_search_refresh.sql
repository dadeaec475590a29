-- An import writes thousands of records in one transaction; refreshing each record's full-text entry from
-- search_entries at once, row by row (a figure twice: for itself, then for its citation), was most of its work.
-- With the transaction-local setting enforcement.search_deferred on, search_refresh_apply leaves the queued rows in
-- search_refresh, and search_refresh_pending() applies them all at the end, set by set, before the same commit. A
-- failed or killed import rolls back the queue, the entries and the setting together. Ordinary writes are unchanged.
create or replace function search_refresh_apply() returns trigger
language plpgsql as $$
begin
    if current_setting('enforcement.search_deferred', true) = 'on' then
        return null;
    end if;
    delete from search_documents where type = new.type and record_id = new.record_id;
    insert into search_documents (type, record_id, label, date_start, date_end, title, body, excerpts)
        select type, record_id, label, date_start, date_end, title, body, excerpts
        from search_entries where type = new.type and record_id = new.record_id;
    delete from search_refresh where type = new.type and record_id = new.record_id;
    return null;
end
$$;

-- Applies every queued refresh, a record type at a time (so that each reads only its own part of search_entries),
-- and ends the deferral for the rest of the transaction.
create function search_refresh_pending() returns void
language plpgsql as $$
declare
    kind text;
begin
    for kind in select distinct type from search_refresh loop
        delete from search_documents d
        where d.type = kind and d.record_id in (select record_id from search_refresh where type = kind);
        insert into search_documents (type, record_id, label, date_start, date_end, title, body, excerpts)
            select e.type, e.record_id, e.label, e.date_start, e.date_end, e.title, e.body, e.excerpts
            from search_entries e
            where e.type = kind and e.record_id in (select record_id from search_refresh where type = kind);
    end loop;
    delete from search_refresh;
    perform set_config('enforcement.search_deferred', 'off', true);
end
$$;

select attach_data_version_triggers();
