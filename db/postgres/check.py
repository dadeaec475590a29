#!/usr/bin/env python3
"""Checks that db/postgres gives PostgreSQL the schema and rows that db/0*.sql give SQLite.

Run by db/postgres/check.sh, which starts a throwaway cluster (.ci/postgres.sh) and passes its port:

    check.py --port NNNN [--host 127.0.0.1] [--user enforcement]

It makes a fresh SQLite database by applying db/0*.sql in order (each in one transaction, foreign keys on, as the
app's migrator does), and a fresh PostgreSQL database by applying, for each version, db/postgres/NNN_name.sql where
it exists and db/NNN_name.sql otherwise (each with psql --single-transaction). Then it compares tables and their
columns (name, order, type, not null, default, primary key), unique constraints, foreign keys (with their ON DELETE),
indexes (names and definitions), views (names, columns, rows), triggers (names) and every table's rows; runs each
constraint case on both (tests/EnforcementApi.Tests/SchemaConstraintTests.cs and more) and compares the verdicts;
and checks data_version. Differences listed under KNOWN are expected (the full-text index is step 2 of the port);
any other difference fails. Exit 0 only when there is none.

SQLite: the engine the app uses (SQLitePCLRaw's e_sqlite3 from the NuGet cache, after `dotnet restore`) is loaded
when found, as the system's SQLite may be older (3.40 lacks concat_ws, and its date() takes '2025-02-30').
Set SQLITE_LIB to a libsqlite3 / libe_sqlite3 to choose another.
"""
import argparse
import ctypes
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))


def load_sqlite():
    """Imports sqlite3 bound to the newest e_sqlite3 in the NuGet cache when there is one."""
    lib = os.environ.get('SQLITE_LIB')
    if not lib:
        home = os.path.expanduser(os.environ.get('NUGET_PACKAGES', '~/.nuget/packages'))
        found = sorted(glob.glob(os.path.join(home, 'sqlitepclraw.lib.e_sqlite3', '*', 'runtimes', 'linux-x64',
                                              'native', 'libe_sqlite3.so')),
                       key=lambda p: [int(x) if x.isdigit() else x for x in re.split(r'[.]', p.split(os.sep)[-5])])
        lib = found[-1] if found else None
    if lib:
        # e_sqlite3 needs libm's symbols in the global scope; loaded RTLD_GLOBAL before the sqlite3 module, it is the
        # library the module's calls bind to.
        ctypes.CDLL('libm.so.6', mode=os.RTLD_GLOBAL | os.RTLD_NOW)
        ctypes.CDLL(lib, mode=os.RTLD_GLOBAL | os.RTLD_NOW)
    import sqlite3
    return sqlite3, lib


sqlite3, SQLITE_LIB = load_sqlite()


def migrations():
    """(version, SQLite file, PostgreSQL file) in order."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'db', '0*.sql'))):
        name = os.path.basename(path)
        pg = os.path.join(ROOT, 'db', 'postgres', name)
        out.append((name[:3], path, pg if os.path.exists(pg) else path))
    return out


# ---------------------------------------------------------------------------------------------------------- SQLite

def make_sqlite(path):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute('pragma foreign_keys = on')
    if conn.execute("select count(*) from pragma_function_list where name = 'concat_ws'").fetchone()[0] == 0:
        conn.create_function('concat_ws', -1, lambda sep, *xs: sep.join(str(x) for x in xs if x is not None))
    for version, path_sqlite, _ in migrations():
        sql = open(path_sqlite, encoding='utf-8').read()
        try:
            conn.executescript('begin immediate;\n' + sql + '\ncommit;')
        except Exception as e:
            conn.execute('rollback') if conn.in_transaction else None
            raise SystemExit(f'SQLite: {os.path.relpath(path_sqlite, ROOT)} failed: {e}')
    return conn


def sqlite_schema(conn):
    q = lambda sql, *a: conn.execute(sql, a).fetchall()
    tables = {}
    names = [r[0] for r in q("select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' order by name")]
    for t in names:
        cols = []
        for cid, name, ctype, notnull, dflt, pk in q(f'pragma table_info("{t}")'):
            cols.append({'name': name, 'type': {'INTEGER': 'bigint', 'REAL': 'double precision', 'TEXT': 'text',
                                                'BLOB': 'bytea', '': ''}.get(ctype.upper(), ctype.lower()),
                         'notnull': bool(notnull) or pk > 0, 'default': norm_default(dflt), 'pk': pk})
        pk = [c['name'] for c in sorted((c for c in cols if c['pk']), key=lambda c: c['pk'])]
        uniques, indexes = set(), {}
        for seq, iname, unique, origin, partial in q(f'pragma index_list("{t}")'):
            icols = tuple(r[2] for r in q(f'pragma index_info("{iname}")'))
            if origin == 'u':
                uniques.add(icols)
            elif origin == 'c':
                sql = q('select sql from sqlite_schema where type = \'index\' and name = ?', iname)[0][0]
                indexes[iname] = norm_index(sql)
        fks = set()
        rows = q(f'pragma foreign_key_list("{t}")')
        for fid in sorted({r[0] for r in rows}):
            part = sorted((r for r in rows if r[0] == fid), key=lambda r: r[1])
            fks.add((tuple(r[3] for r in part), part[0][2], tuple(r[4] for r in part), part[0][6].upper()))
        tables[t] = {'columns': cols, 'pk': pk, 'uniques': uniques, 'fks': fks, 'indexes': indexes}
    views = {}
    for (v,) in q("select name from sqlite_schema where type = 'view' order by name"):
        views[v] = [r[1] for r in q(f'pragma table_info("{v}")')]
    triggers = {r[0]: r[1] for r in q("select name, tbl_name from sqlite_schema where type = 'trigger'")}
    return tables, views, triggers


# ------------------------------------------------------------------------------------------------------ PostgreSQL

class Pg:
    def __init__(self, host, port, user, db):
        self.base = ['psql', '-X', '-h', host, '-p', str(port), '-U', user, '-d', db]

    def value(self, sql):
        r = subprocess.run(self.base + ['-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f'PostgreSQL: {sql[:200]}\n{r.stderr}')
        return r.stdout.rstrip('\n')

    def json(self, sql):
        return json.loads(self.value(sql) or 'null')

    def apply(self, path):
        r = subprocess.run(self.base + ['-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-f', path],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f'PostgreSQL: {os.path.relpath(path, ROOT)} failed:\n{r.stderr}')

    def attempt(self, sql):
        """Runs sql in a transaction that is rolled back: None when accepted, else (sqlstate, message)."""
        script = 'begin;\n' + sql + ';\nrollback;\n'
        r = subprocess.run(self.base + ['-q', '-v', 'ON_ERROR_STOP=1', '-v', 'VERBOSITY=verbose'],
                           input=script, capture_output=True, text=True)
        if r.returncode == 0:
            return None
        m = re.search(r'ERROR:\s+([0-9A-Z]{5}):\s+(.*)', r.stderr)
        return (m.group(1), m.group(2)) if m else ('?????', r.stderr.strip())


def pg_schema(pg):
    tables = {}
    cols = pg.json("""
        select coalesce(json_agg(json_build_object(
                   'table', c.relname, 'name', a.attname, 'num', a.attnum,
                   'type', format_type(a.atttypid, a.atttypmod), 'collation', co.collname,
                   'notnull', a.attnotnull, 'default', pg_get_expr(d.adbin, d.adrelid), 'identity', a.attidentity)
                   order by c.relname, a.attnum), '[]')
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        left join pg_collation co on co.oid = a.attcollation
        left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
        where c.relkind = 'r'""")
    for c in cols:
        t = tables.setdefault(c['table'], {'columns': [], 'pk': [], 'uniques': set(), 'fks': set(), 'indexes': {},
                                           'collations': {}})
        t['columns'].append({'name': c['name'], 'type': c['type'], 'notnull': c['notnull'],
                             'default': norm_default(c['default']), 'pk': 0, 'identity': c['identity']})
        if c['type'] == 'text':
            t['collations'][c['name']] = c['collation']
    cons = pg.json("""
        select coalesce(json_agg(json_build_object(
                   'table', c.relname, 'name', k.conname, 'type', k.contype,
                   'cols', (select json_agg(a.attname order by u.i) from unnest(k.conkey) with ordinality u(n, i)
                            join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n),
                   'ref', r.relname,
                   'refcols', (select json_agg(a.attname order by u.i) from unnest(k.confkey) with ordinality u(n, i)
                               join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n),
                   'ondelete', k.confdeltype)), '[]')
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
        left join pg_class r on r.oid = k.confrelid
        where k.contype in ('p', 'u', 'f')""")
    actions = {'a': 'NO ACTION', 'r': 'RESTRICT', 'c': 'CASCADE', 'n': 'SET NULL', 'd': 'SET DEFAULT'}
    for k in cons:
        t = tables[k['table']]
        if k['type'] == 'p':
            t['pk'] = k['cols']
        elif k['type'] == 'u':
            t['uniques'].add(tuple(k['cols']))
        else:
            t['fks'].add((tuple(k['cols']), k['ref'], tuple(k['refcols']), actions[k['ondelete']]))
    idx = pg.json("""
        select coalesce(json_agg(json_build_object('table', c.relname, 'name', i.relname,
                                                   'def', pg_get_indexdef(i.oid))), '[]')
        from pg_index x
        join pg_class i on i.oid = x.indexrelid
        join pg_class c on c.oid = x.indrelid
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
        where not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)""")
    for i in idx:
        tables[i['table']]['indexes'][i['name']] = norm_index(i['def'])
    views = {}
    for v in pg.json("""
            select coalesce(json_agg(json_build_object('name', c.relname, 'cols',
                       (select json_agg(a.attname order by a.attnum) from pg_attribute a
                        where a.attrelid = c.oid and a.attnum > 0))), '[]')
            from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
            where c.relkind = 'v'"""):
        views[v['name']] = v['cols']
    triggers = {t['name']: t['table'] for t in pg.json("""
        select coalesce(json_agg(json_build_object('name', g.tgname, 'table', c.relname)), '[]')
        from pg_trigger g join pg_class c on c.oid = g.tgrelid
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
        where not g.tgisinternal""")}
    return tables, views, triggers


# ---------------------------------------------------------------------------------------------------- normalizing

def norm_default(d):
    if d is None:
        return None
    d = re.sub(r"::(text|bigint|integer|double precision)", '', str(d))
    return d.strip("'").strip('(').strip(')')


def norm_index(sql):
    s = sql.lower()
    s = s.replace('public.', '').replace(' using btree', '').replace('ifnull(', 'coalesce(')
    s = re.sub(r"::(text|bigint)", '', s)
    s = s.replace('collate "c"', '')
    return re.sub(r'[\s()"]', '', s)


def norm_value(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, float) and v.is_integer() and abs(v) < 2 ** 53:
        return int(v)
    if isinstance(v, (bytes, bytearray, memoryview)):
        return '\\x' + bytes(v).hex()
    return v


def sqlite_rows(conn, table, skip=()):
    cur = conn.execute(f'select * from "{table}"')
    names = [d[0] for d in cur.description]
    rows = [tuple(norm_value(v) for n, v in zip(names, r) if n not in skip) for r in cur.fetchall()]
    return sorted(rows, key=repr)


def pg_rows(pg, table, skip=()):
    data = pg.json(f'select coalesce(json_agg(t), \'[]\') from "{table}" t')
    rows = [tuple(norm_value(v) for n, v in r.items() if n not in skip) for r in data]
    return sorted(rows, key=repr)


# ----------------------------------------------------------------------------------------------- constraint cases

FIGURE = ("insert into figures (id, metric, kind, value, value_qualifier, unit, period_start, period_end, "
          "period_label, scope, reported_by, stated_as) values ")
SOURCE = "insert into sources (id, kind, title, language, retrieved_at) values ('s-new', 'report', 't', 'en', '{}')"

# (name, sql, expected: 'refused' or 'accepted')
CASES = [
    # tests/EnforcementApi.Tests/SchemaConstraintTests.cs
    ('figure: unknown kind', FIGURE + "('f1', 'arrests', 'guess', 1, 'exact', 'people', null, null, null, 'US', 'dhs', null)", 'refused'),
    ('figure: period ends before it starts', FIGURE + "('f2', 'arrests', 'actual', 1, 'exact', 'people', '2025-02-01', '2025-01-31', null, 'US', 'dhs', null)", 'refused'),
    ('figure: negative value', FIGURE + "('f3', 'arrests', 'actual', -1, 'exact', 'people', null, null, null, 'US', 'dhs', null)", 'refused'),
    ('figure: impossible date 2025-02-30', FIGURE + "('f4', 'arrests', 'actual', 1, 'exact', 'people', '2025-02-30', '2025-03-01', null, 'US', 'dhs', null)", 'refused'),
    ('figure: reported by a missing entity', FIGURE + "('f5', 'arrests', 'actual', 1, 'exact', 'people', null, null, null, 'US', 'nobody', null)", 'refused'),
    ('figure: metric outside the vocabulary', FIGURE + "('f6', 'deportations', 'actual', 1, 'exact', 'people', null, null, null, 'US', 'dhs', null)", 'refused'),
    ('figure: id not a slug', FIGURE + "('Not A Slug', 'arrests', 'actual', 1, 'exact', 'people', null, null, null, 'US', 'dhs', null)", 'refused'),
    ('citation: of a record that does not exist', "insert into citations (source_id, record_type, record_id, excerpt) values ('article-ice-leadership-shakeup', 'figure', 'no-such-figure', 'deported')", 'refused'),
    ('citation: moved to a record that does not exist', "update citations set record_id = 'no-such-statement', record_type = 'statement' where record_type = 'figure'", 'refused'),
    ('citation: unknown record type', "insert into citations (source_id, record_type, record_id, excerpt) values ('article-ice-leadership-shakeup', 'facility', 'dhs-removals-first-100-days', 'deported')", 'refused'),
    ('revision: unknown record type', "insert into revisions (record_type, record_id, revision, change, record, key_name, changed_at) values ('facility', 'x', 1, 'created', '{}', 'test', '2025-01-01T00:00:00.000Z')", 'refused'),
    ('citation: empty excerpt', "insert into citations (source_id, record_type, record_id, excerpt) values ('article-ice-leadership-shakeup', 'figure', 'dhs-removals-first-100-days', '  ')", 'refused'),
    ('citation: offsets do not span the excerpt', "insert into citations (source_id, record_type, record_id, excerpt, char_start, char_end) values ('article-ice-leadership-shakeup', 'figure', 'dhs-removals-first-100-days', 'deported', 0, 3)", 'refused'),
    ('entity: a person as parent of an organization', "insert into entities (id, kind, name, summary, parent_id) values ('test-office', 'organization', 'Test office', 'A test office.', 'tom-homan')", 'refused'),
    ('statement: a role its speaker did not hold', "insert into statements (id, speaker_id, speaker_role_id, text, quote_type, said_on, date_precision, channel) values ('s1', 'tom-homan', 4, 'words', 'direct', null, 'unknown', 'unknown')", 'refused'),
    ('event: a date but unknown precision', "insert into events (id, kind, title, summary, occurred_on, date_precision) values ('e1', 'other', 't', 's', '2025-05-01', 'unknown')", 'refused'),
    ('event: month precision not on the 1st', "insert into events (id, kind, title, summary, occurred_on, date_precision) values ('e2', 'other', 't', 's', '2025-05-14', 'month')", 'refused'),
    ('list: source kind', "insert into sources (id, kind, title, language) values ('s9', 'blog', 't', 'en')", 'refused'),
    ('list: entity kind', "insert into entities (id, kind, name, summary) values ('x9', 'robot', 'n', 's')", 'refused'),
    ('list: event kind', "insert into events (id, kind, title, summary, occurred_on, date_precision) values ('e9', 'party', 't', 's', null, 'unknown')", 'refused'),
    ('list: event date precision', "insert into events (id, kind, title, summary, occurred_on, date_precision) values ('e9', 'other', 't', 's', '2025-05-14', 'week')", 'refused'),
    ('list: participant role', "insert into event_participants (event_id, entity_id, role) values ('ice-leadership-realignment', 'ice', 'spectator')", 'refused'),
    ('list: figure value qualifier', FIGURE + "('f9', 'arrests', 'actual', 1, 'roughly', 'people', null, null, null, 'US', 'dhs', null)", 'refused'),
    ('list: figure unit', FIGURE + "('f9', 'arrests', 'actual', 1, 'exact', 'cars', null, null, null, 'US', 'dhs', null)", 'refused'),
    ('list: figure rank', "insert into figures (id, metric, kind, value, value_qualifier, unit, scope, reported_by, rank) values ('f9', 'arrests', 'actual', 1, 'exact', 'people', 'US', 'dhs', 'best')", 'refused'),
    ('list: statement quote type', "insert into statements (id, speaker_id, text, quote_type, date_precision, channel) values ('t9', 'tom-homan', 'x', 'rumour', 'unknown', 'unknown')", 'refused'),
    ('list: statement date precision', "insert into statements (id, speaker_id, text, quote_type, date_precision, channel) values ('t9', 'tom-homan', 'x', 'direct', 'week', 'unknown')", 'refused'),
    ('list: statement channel', "insert into statements (id, speaker_id, text, quote_type, date_precision, channel) values ('t9', 'tom-homan', 'x', 'direct', 'unknown', 'pigeon')", 'refused'),
    ('list: search document type', "insert into search_documents (type, record_id, label, title, body, excerpts) values ('planet', 'p', 'l', 't', 'b', 'e')", 'refused'),
    ('list: revision record type', "insert into revisions (record_type, record_id, revision, change, record, key_name, changed_at) values ('planet', 'p', 1, 'created', '{}', 'k', 'now')", 'refused'),
    ('list: revision change', "insert into revisions (record_type, record_id, revision, change, record, key_name, changed_at) values ('figure', 'p', 1, 'renamed', '{}', 'k', 'now')", 'refused'),
    # More: each kind of rule once more, and rows that must be accepted.
    ('event: impossible date 2024-02-30', "insert into events (id, kind, title, summary, occurred_on, date_precision) values ('e3', 'other', 't', 's', '2024-02-30', 'day')", 'refused'),
    ('event: 2023-02-29 (not a leap year)', "insert into events (id, kind, title, summary, occurred_on, date_precision) values ('e3', 'other', 't', 's', '2023-02-29', 'day')", 'refused'),
    ('event: 2024-02-29 (a leap year)', "insert into events (id, kind, title, summary, occurred_on, date_precision) values ('e3', 'other', 't', 's', '2024-02-29', 'day')", 'accepted'),
    ('event: 2025-5-1 (not YYYY-MM-DD)', "insert into events (id, kind, title, summary, occurred_on, date_precision) values ('e3', 'other', 't', 's', '2025-5-1', 'day')", 'refused'),
    ('event: year precision on 01-01', "insert into events (id, kind, title, summary, occurred_on, date_precision) values ('e3', 'other', 't', 's', '2025-01-01', 'year')", 'accepted'),
    ('event: year precision not on 01-01', "insert into events (id, kind, title, summary, occurred_on, date_precision) values ('e3', 'other', 't', 's', '2025-02-01', 'year')", 'refused'),
    ('entity: id with an uppercase letter', "insert into entities (id, kind, name, summary) values ('Cbp', 'organization', 'n', 's')", 'refused'),
    ('entity: an organization under an organization', "insert into entities (id, kind, name, summary, parent_id) values ('cbp', 'organization', 'CBP', 's', 'dhs')", 'accepted'),
    ('entity: parent that does not exist', "insert into entities (id, kind, name, summary, parent_id) values ('cbp', 'organization', 'CBP', 's', 'nowhere')", 'refused'),
    ('entity: a person with a parent', "insert into entities (id, kind, name, summary, parent_id) values ('someone', 'person', 'n', 's', 'dhs')", 'refused'),
    ('entity: made the child of a person by update', "update entities set parent_id = 'tom-homan' where id = 'hsi'", 'refused'),
    ('entity: own parent', "update entities set parent_id = 'ice' where id = 'ice'", 'refused'),
    ('metric: unknown unit', "insert into metrics (id, label, definition, unit) values ('m9', 'l', 'd', 'cars')", 'refused'),
    ('metric: id with a dash', "insert into metrics (id, label, definition, unit) values ('m-9', 'l', 'd', 'people')", 'refused'),
    ('figure: percent unit', FIGURE + "('f7', 'arrests', 'actual', 70, 'exact', 'percent', '2024-10-01', '2025-09-30', null, 'US', 'dhs', null)", 'accepted'),
    ('figure: a valid figure', FIGURE + "('f8', 'arrests', 'actual', 1.5, 'exact', 'people', '2025-01-01', '2025-01-31', 'January', 'US', 'dhs', 'arrests')", 'accepted'),
    ('figure: known dimension value', "insert into figures (id, metric, kind, value, value_qualifier, unit, scope, reported_by, dimension, dimension_value) values ('f10', 'removals', 'actual', 5, 'exact', 'people', 'US', 'dhs', 'citizenship', 'MX')", 'accepted'),
    ('figure: unknown dimension value', "insert into figures (id, metric, kind, value, value_qualifier, unit, scope, reported_by, dimension, dimension_value) values ('f10', 'removals', 'actual', 5, 'exact', 'people', 'US', 'dhs', 'citizenship', 'XX')", 'refused'),
    ('figure: dimension without a value', "insert into figures (id, metric, kind, value, value_qualifier, unit, scope, reported_by, dimension) values ('f10', 'removals', 'actual', 5, 'exact', 'people', 'US', 'dhs', 'citizenship')", 'refused'),
    ('figure: unknown dimension', "insert into figures (id, metric, kind, value, value_qualifier, unit, scope, reported_by, dimension, dimension_value) values ('f10', 'removals', 'actual', 5, 'exact', 'people', 'US', 'dhs', 'planet', 'MX')", 'refused'),
    ('figure: counted by a missing entity', "insert into figures (id, metric, kind, value, value_qualifier, unit, scope, reported_by, counted_by) values ('f11', 'removals', 'actual', 5, 'exact', 'people', 'US', 'dhs', 'nobody')", 'refused'),
    ('figure: empty rank note', "insert into figures (id, metric, kind, value, value_qualifier, unit, scope, reported_by, rank_note) values ('f11', 'removals', 'actual', 5, 'exact', 'people', 'US', 'dhs', '')", 'refused'),
    ('figure: deleting one that citations support', "delete from figures where id = 'dhs-removals-first-100-days'", 'accepted'),
    ('metric: deleting one that figures use', "delete from metrics where id = 'removals'", 'refused'),
    ('citation: of a source', "insert into citations (source_id, record_type, record_id, excerpt) values ('article-ice-leadership-shakeup', 'source', 'article-ice-leadership-shakeup', 'x')", 'refused'),
    ('citation: of an existing figure', "insert into citations (source_id, record_type, record_id, excerpt, char_start, char_end) values ('article-ice-leadership-shakeup', 'figure', 'dhs-removals-first-100-days', 'deported', 0, 8)", 'accepted'),
    ('citation: of a missing source', "insert into citations (source_id, record_type, record_id, excerpt) values ('no-such-source', 'figure', 'dhs-removals-first-100-days', 'x')", 'refused'),
    ('source: url that is not http(s)', "insert into sources (id, kind, title, language, url) values ('s-new', 'report', 't', 'en', 'ftp://x')", 'refused'),
    ('source: url HTTPS:// in capitals (like ignores case)', "insert into sources (id, kind, title, language, url) values ('s-new', 'report', 't', 'en', 'HTTPS://x')", 'accepted'),
    ('source: language of one letter', "insert into sources (id, kind, title, language) values ('s-new', 'report', 't', 'e')", 'refused'),
    ('revision: record that is not JSON', "insert into revisions (record_type, record_id, revision, change, record, key_name, changed_at) values ('figure', 'p', 1, 'created', '{bad', 'k', 'now')", 'refused'),
    ('revision: a valid one', "insert into revisions (record_type, record_id, revision, change, record, key_name, changed_at) values ('figure', 'p', 1, 'created', '{\"a\": [1, 2]}', 'k', 'now')", 'accepted'),
    ('revision: revision 0', "insert into revisions (record_type, record_id, revision, change, record, key_name, changed_at) values ('figure', 'p', 0, 'created', '{}', 'k', 'now')", 'refused'),
    ('deleted record: unknown record type', "insert into deleted_records (record_type, record_id, deleted_at) values ('planet', 'p', 'now')", 'refused'),
    ('history checked: unknown record type', "insert into history_checked (record_type, max_rowid) values ('planet', 0)", 'refused'),
    ('record type: uppercase id', "insert into record_types (id) values ('Facility')", 'refused'),
    ('api key: name with a space', "insert into api_keys (name, scope, prefix, secret_hash, created_at) values ('a b', 'write', '123456789012', zeroblob(32), 'now')", 'refused'),
    ('api key: short hash', "insert into api_keys (name, scope, prefix, secret_hash, created_at) values ('ab', 'write', '123456789012', zeroblob(31), 'now')", 'refused'),
    ('dimension value: unknown dimension', "insert into dimension_values (dimension_id, value, label) values ('planet', 'x', 'X')", 'refused'),
    ('draft item: accepted without a record', "insert into drafts (id, source_id, text, words, created_at, created_by) values ('d1', 'article-ice-leadership-shakeup', 't', 1, 'now', 'k'); insert into draft_items (draft_id, n, kind, item, state, decided_at) values ('d1', 1, 'figure', '{}', 'accepted', 'now')", 'refused'),
    ('draft item: a proposed one', "insert into drafts (id, source_id, text, words, created_at, created_by) values ('d1', 'article-ice-leadership-shakeup', 't', 1, 'now', 'k'); insert into draft_items (draft_id, n, kind, item) values ('d1', 1, 'figure', '{}')", 'accepted'),
    ('import job: dry_run 2', "insert into import_jobs (id, state, dry_run, bytes, created_by, created_at) values ('j1', 'queued', 2, 0, 'k', 'now')", 'refused'),
    ('import job: result not JSON', "insert into import_jobs (id, state, dry_run, bytes, created_by, created_at, result) values ('j1', 'queued', 0, 0, 'k', 'now', 'nope')", 'refused'),
    ("bundled dataset: null name (a STRICT table's primary key is not null)", "insert into bundled_datasets (name, records, loaded_at) values (null, 1, 'now')", 'refused'),
    ('metric: null id', "insert into metrics (id, label, definition, unit) values (null, 'l', 'd', 'people')", 'refused'),
    ('entity role: ends before it starts', "insert into entity_roles (entity_id, title, started_on, ended_on) values ('tom-homan', 't', '2025-02-01', '2025-01-01')", 'refused'),
]
# Times SQLite reads (datetime(x) is not null) after a date and T, and some it does not.
for i, value in enumerate(['2025-01-01T10:00', '2025-01-01T10:00:00.123Z', '2025-01-01T10:00+05:00', '2025-01-01T',
                           '2025-01-01T10:00 ', '2025-02-30T10:00', '2025-01-01T24:00', '2025-01-01T10:00z',
                           '2025-01-01 10:00', '2025-01-01T10', '2025-01-01T10:00:60', '2025-01-01T10:00+15:00',
                           '2025-13-01T10:00', '2025-02-32T10:00', '2025-01-01T10:00:00.Z', '2025-01-01Tx']):
    CASES.append((f'source: retrieved_at {value!r}', SOURCE.format(value), None))


# (name, statements run first, a query): both engines must answer the query the same, in a transaction rolled back.
BEHAVIOUR = [
    ('the next role and citation without an id take the next free ids (run first: in PostgreSQL a rolled-back insert uses up its id)',
     "insert into entity_roles (entity_id, title) values ('tom-homan', 'Acting director'); "
     "insert into citations (source_id, record_type, record_id, excerpt) values ('article-ice-leadership-shakeup', 'entity', 'ice', 'ICE')",
     "select (select max(id) from entity_roles) as a, (select max(id) from citations) as b"),
    ('search labels of figures (printf, percent, day)',
     FIGURE + "('b1', 'arrests', 'actual', 1234567.5, 'approximately', 'people', null, null, 'FY2024', 'US', 'dhs', null); "
     + FIGURE + "('b2', 'arrests', 'actual', 0.125, 'exact', 'percent', null, null, null, 'US', 'dhs', null); "
     + FIGURE + "('b3', 'arrests', 'actual', 1000000000, 'up_to', 'people_per_day', null, null, null, 'US', 'dhs', null); "
     + FIGURE + "('b4', 'arrests', 'actual', 2.675, 'more_than', 'people_per_year', null, null, null, 'US', 'ice', null); "
     + FIGURE + "('b5', 'arrests', 'actual', 0, 'less_than', 'people_per_month', null, null, null, 'US', 'ice', null)",
     "select record_id, label, title, body from search_entries where type = 'figure' and record_id like 'b_' order by record_id"),
    ('a deleted figure takes its citations',
     "delete from figures where id = 'dhs-removals-first-100-days'",
     "select count(*) from citations where record_type = 'figure' and record_id = 'dhs-removals-first-100-days'"),
    ('a deleted event takes its participants and citations',
     "delete from events where id = 'ice-leadership-realignment'",
     "select (select count(*) from citations where record_type = 'event' and record_id = 'ice-leadership-realignment') as a, "
     "(select count(*) from event_participants where event_id = 'ice-leadership-realignment') as b"),
    ('a deleted person takes their roles',
     "delete from statements where speaker_id = 'kristi-noem'; delete from figures where reported_by = 'kristi-noem'; "
     "delete from event_participants where entity_id = 'kristi-noem'; "
     "delete from entities where id = 'kristi-noem'",
     "select count(*) from entity_roles where entity_id = 'kristi-noem'"),
    ('text sorts by code point',
     "insert into entities (id, kind, name, summary) values ('z1', 'person', 'alpha', 's'); "
     "insert into entities (id, kind, name, summary) values ('z2', 'person', 'Zulu', 's'); "
     "insert into entities (id, kind, name, summary) values ('z3', 'person', 'Émile', 's'); "
     "insert into entities (id, kind, name, summary) values ('z4', 'person', '_under', 's')",
     "select name from entities order by name, id"),
    ('keyset: figures after a cursor in the metric list order',
     "update figures set rank = rank where id = ''",
     "select id from figures where (metric, coalesce(period_end, ''), id) > ('arrests', '', 'a') order by metric, coalesce(period_end, ''), id"),
]


def sqlite_answer(conn, setup, query):
    conn.execute('begin')
    try:
        for statement in setup.split('; '):
            conn.execute(statement)
        return [tuple(norm_value(v) for v in r) for r in conn.execute(query).fetchall()]
    except sqlite3.Error as e:
        return f'error: {e}'
    finally:
        conn.execute('rollback')


def pg_answer(pg, setup, query):
    r = subprocess.run(pg.base + ['-At', '-q', '-v', 'ON_ERROR_STOP=1'],
                       input=f"begin;\n{setup};\nselect coalesce(json_agg(q), '[]') from ({query}) q;\nrollback;\n",
                       capture_output=True, text=True)
    if r.returncode != 0:
        return 'error: ' + r.stderr.strip()
    lines = r.stdout.splitlines()
    first = max(i for i, line in enumerate(lines) if line.startswith('['))  # after what the setup printed
    rows = json.loads('\n'.join(lines[first:]))
    return [tuple(norm_value(v) for v in row.values()) for row in rows]


def sqlite_attempt(conn, sql):
    conn.execute('begin')
    try:
        for statement in sql.split('; '):  # (executescript would commit the transaction first)
            conn.execute(statement)
        return None
    except sqlite3.Error as e:
        return str(e)
    finally:
        if conn.in_transaction:
            conn.execute('rollback')


# ------------------------------------------------------------------------------------------------------------ main

KNOWN_TABLES_SQLITE = re.compile(r'^search_text(_.*)?$')          # FTS5: PostgreSQL's index is search_documents.search
KNOWN_TABLES_PG = {'data_version', 'data_version_pending'}         # PostgreSQL's stand-in for pragma data_version
KNOWN_TRIGGERS_SQLITE = re.compile(r'^$')                          # none: 019 ports the search triggers
KNOWN_TRIGGERS_PG = {'data_version_touch', 'data_version_apply'}
# PostgreSQL's full-text index (db/postgres/019): a generated tsvector column, and its GIN index.
KNOWN_COLUMNS_PG = {('search_documents', 'search')}
KNOWN_INDEXES_PG = {'search_documents_search'}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--host', default='127.0.0.1')
    ap.add_argument('--port', required=True)
    ap.add_argument('--user', default='enforcement')
    ap.add_argument('--admin-db', default='postgres')
    args = ap.parse_args()

    problems, known = [], []

    def differ(what):
        problems.append(what)
        print('DIFFERENT: ' + what)

    print(f'SQLite {sqlite3.sqlite_version}' + (f' ({SQLITE_LIB})' if SQLITE_LIB else ' (the system\'s)'))
    if not SQLITE_LIB:
        print('WARNING: e_sqlite3 (the app\'s SQLite) is not in the NuGet cache (run `dotnet restore` first): an old system '
              'SQLite takes impossible dates such as 2025-02-30 and prints some numbers otherwise, so cases may differ')
    work = tempfile.mkdtemp()
    lite = make_sqlite(os.path.join(work, 'check.db'))

    admin = Pg(args.host, args.port, args.user, args.admin_db)
    print(admin.value('select version()'))
    admin.value('drop database if exists enforcement_check')
    admin.value('create database enforcement_check')
    pg = Pg(args.host, args.port, args.user, 'enforcement_check')
    shared, own = [], []
    for version, path_sqlite, path_pg in migrations():
        pg.apply(path_pg)
        (own if path_pg != path_sqlite else shared).append(os.path.relpath(path_pg, ROOT))
    print('PostgreSQL applied its own files: ' + ', '.join(own))
    print('PostgreSQL applied the shared files: ' + ', '.join(shared))

    lt, lv, ltr = sqlite_schema(lite)
    pt, pv, ptr = pg_schema(pg)

    # Tables.
    for t in sorted(set(lt) - set(pt)):
        (known.append(f"table {t}: SQLite only (FTS5 search index; PostgreSQL's is search_documents.search)") if KNOWN_TABLES_SQLITE.match(t)
         else differ(f'table {t}: SQLite only'))
    for t in sorted(set(pt) - set(lt)):
        (known.append(f'table {t}: PostgreSQL only (data version)') if t in KNOWN_TABLES_PG
         else differ(f'table {t}: PostgreSQL only'))
    common = sorted(set(lt) & set(pt))
    for t in common:
        a, b = lt[t], pt[t]
        ac = [(c['name'], c['type'], c['notnull'], c['default']) for c in a['columns']]
        bc = [(c['name'], c['type'], c['notnull'], c['default']) for c in b['columns'] if (t, c['name']) not in KNOWN_COLUMNS_PG]
        if len(bc) != len(b['columns']):
            known.append(f'{t}: PostgreSQL has its full-text index as a generated column (019)')
        if ac != bc:
            differ(f'{t} columns (name, type, not null, default):\n    SQLite     {ac}\n    PostgreSQL {bc}')
        for col, coll in b['collations'].items():
            if coll != 'C':
                differ(f'{t}.{col}: text column with collation {coll}, not "C"')
        if a['pk'] != b['pk']:
            differ(f'{t} primary key: SQLite {a["pk"]}, PostgreSQL {b["pk"]}')
        # SQLite's `integer primary key` is the rowid; PostgreSQL's is an identity column.
        for c in a['columns']:
            if a['pk'] == [c['name']] and c['type'] == 'bigint':
                pc = next(x for x in b['columns'] if x['name'] == c['name'])
                if pc['identity'] != 'd':
                    differ(f'{t}.{c["name"]}: SQLite rowid alias, but not `generated by default as identity`')
        if a['uniques'] != b['uniques']:
            differ(f'{t} unique constraints: SQLite {sorted(a["uniques"])}, PostgreSQL {sorted(b["uniques"])}')
        if a['fks'] != b['fks']:
            differ(f'{t} foreign keys:\n    SQLite     {sorted(a["fks"])}\n    PostgreSQL {sorted(b["fks"])}')
        if set(a['indexes']) != set(b['indexes']) - KNOWN_INDEXES_PG:
            differ(f'{t} indexes: SQLite {sorted(a["indexes"])}, PostgreSQL {sorted(b["indexes"])}')
        for i in sorted(set(a['indexes']) & set(b['indexes'])):
            if a['indexes'][i] != b['indexes'][i]:
                differ(f'index {i}:\n    SQLite     {a["indexes"][i]}\n    PostgreSQL {b["indexes"][i]}')

    # Views.
    if set(lv) != set(pv):
        differ(f'views: SQLite {sorted(lv)}, PostgreSQL {sorted(pv)}')
    for v in sorted(set(lv) & set(pv)):
        if lv[v] != pv[v]:
            differ(f'view {v} columns: SQLite {lv[v]}, PostgreSQL {pv[v]}')

    # Triggers.
    for g in sorted(set(ltr) - set(ptr)):
        (known.append(f'trigger {g} (on {ltr[g]}): SQLite only (search index upkeep, step 2)')
         if KNOWN_TRIGGERS_SQLITE.match(g) else differ(f'trigger {g} (on {ltr[g]}): SQLite only'))
    for g in sorted(set(ptr) - set(ltr)):
        if g not in KNOWN_TRIGGERS_PG:
            differ(f'trigger {g} (on {ptr[g]}): PostgreSQL only')
    for g in sorted(set(ltr) & set(ptr)):
        if ltr[g] != ptr[g]:
            differ(f'trigger {g}: on {ltr[g]} in SQLite, on {ptr[g]} in PostgreSQL')
    touched = set(pg.json("""select coalesce(json_agg(c.relname), '[]') from pg_trigger g
                             join pg_class c on c.oid = g.tgrelid where g.tgname = 'data_version_touch'"""))
    without = sorted(t for t in pt if t not in KNOWN_TABLES_PG and t not in touched)
    if without:
        differ(f'tables without the data_version_touch trigger: {without}')

    # Rows.
    for t in common:
        skip = ()
        if t == 'search_documents':
            # SQLite gives a document a new id each time its entry is rebuilt (search_refresh_apply deletes and
            # inserts it; db/017's changes to metrics rebuild their figures' entries); PostgreSQL's were made once.
            skip = ('id', 'search')
            known.append('search_documents: compared without id (SQLite renumbers rebuilt entries; PostgreSQL\'s were '
                         'made once, by 004) and without PostgreSQL\'s generated tsvector')
        a, b = sqlite_rows(lite, t, skip), pg_rows(pg, t, skip)
        if a != b:
            only_a = [r for r in a if r not in b][:5]
            only_b = [r for r in b if r not in a][:5]
            differ(f'{t} rows ({len(a)} in SQLite, {len(b)} in PostgreSQL):\n    SQLite only     {only_a}\n'
                   f'    PostgreSQL only {only_b}')
    for v in sorted(set(lv) & set(pv)):
        a, b = sqlite_rows(lite, v), pg_rows(pg, v)
        if a != b:
            only_a = [r for r in a if r not in b][:5]
            only_b = [r for r in b if r not in a][:5]
            differ(f'view {v} rows ({len(a)} in SQLite, {len(b)} in PostgreSQL):\n    SQLite only     {only_a}\n'
                   f'    PostgreSQL only {only_b}')
    print(f'Compared {len(common)} tables ({sum(len(sqlite_rows(lite, t)) for t in common)} rows), {len(lv)} views, '
          f'{len(set(ltr) & set(ptr))} triggers.')

    print(f'\nBehaviour ({len(BEHAVIOUR)}): the same query after the same writes')
    for name, setup, query in BEHAVIOUR:
        a, b = sqlite_answer(lite, setup, query), pg_answer(pg, setup, query)
        print(('same      ' if a == b else 'DIFFERENT ') + f' {name}: SQLite {a}' + ('' if a == b else f' | PostgreSQL {b}'))
        if a != b:
            problems.append(f'behaviour {name}')

    # Constraints.
    print(f'\nConstraint cases ({len(CASES)}): verdict in SQLite | in PostgreSQL (SQLSTATE)')
    for name, sql, expected in CASES:
        ls = sqlite_attempt(lite, sql)
        ps = pg.attempt(re.sub(r'zeroblob\((\d+)\)', lambda m: f"decode(repeat('00', {m.group(1)}), 'hex')", sql))
        ls = ' '.join(ls.split()) if ls else ls
        ps = (ps[0], ' '.join(ps[1].split())) if ps else ps
        lverdict = 'accepted' if ls is None else 'refused'
        pverdict = 'accepted' if ps is None else 'refused'
        line = f'  {name}: SQLite {lverdict}' + (f' ({ls})' if ls else '') + f' | PostgreSQL {pverdict}' + \
               (f' ({ps[0]} {ps[1]})' if ps else '')
        bad = lverdict != pverdict or (expected and lverdict != expected) or (ps and not ps[0].startswith('23'))
        print(('DIFFERENT' if bad else 'same     ') + line)
        if bad:
            problems.append(f'constraint case {name}: SQLite {lverdict}, PostgreSQL {pverdict}'
                            + (f', expected {expected}' if expected else '') + (f' ({ps[0]})' if ps else ''))

    # The data version moves with each commit that writes, and not with one rolled back.
    v0 = int(pg.value('select version from data_version'))
    pg.value("begin; insert into record_types (id) values ('tmp_check'); delete from record_types where id = 'tmp_check'; commit")
    v1 = int(pg.value('select version from data_version'))
    pg.value("begin; insert into record_types (id) values ('tmp_check'); rollback")
    v2 = int(pg.value('select version from data_version'))
    pg.value('truncate bundled_datasets')
    v3 = int(pg.value('select version from data_version'))
    pending = int(pg.value('select count(*) from data_version_pending'))
    print(f'\ndata_version: {v0}, after a commit of two writes {v1}, after a rollback {v2}, after a truncate {v3}')
    if not (v1 == v0 + 1 and v2 == v1 and v3 == v2 + 1 and pending == 0):
        differ(f'data_version moved {v0} -> {v1} (commit) -> {v2} (rollback) -> {v3} (truncate); pending rows {pending}')

    print('\nKNOWN (expected) differences:')
    for k in known:
        print('  ' + k)
    admin.value('drop database if exists enforcement_check')
    if problems:
        print(f'\n{len(problems)} DIFFERENCES')
        return 1
    print('\nIDENTICAL: no differences beyond the known ones')
    return 0


if __name__ == '__main__':
    sys.exit(main())
