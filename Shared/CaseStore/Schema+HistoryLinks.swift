extension Schema {
    /// Migration 59 (issue 16): a statement's history links computed once for the statement,
    /// not by a trigger per row.
    ///
    /// The row trigger of migrations 42 and 56 read, for every event about a ticket, the
    /// ticket's caller (for the digest's masking), took the ticket's advisory lock and read the
    /// ticket's last link, each a statement of its own on every row. `history_links(ticket_ids,
    /// bodies)` does the same for all the rows of one `INSERT` (`Outbox.append`): the tickets'
    /// locks in one statement (in ticket order), their callers and last links in a second, then
    /// each row's position, previous hash and hash in order, several events of one ticket in a
    /// statement chained one after the other. The digest is still `history_digest`, so
    /// `dispatcher verify` and the seal are unchanged. The trigger stays for any other writer of
    /// the outbox; it now fires only for
    /// a ticket's events that arrive without a chain hash.
    static let historyLinks = """
        CREATE FUNCTION history_links(ticket_ids uuid[], bodies text[]) RETURNS TABLE (ord int, pos int, prev text, hash text)
        LANGUAGE plpgsql AS $$
        DECLARE
            ids uuid[];
            names text[];
            phones text[];
            heads int[];
            hashes text[];
            k int;
        BEGIN
            SELECT array_agg(DISTINCT t ORDER BY t) INTO ids FROM unnest(ticket_ids) AS t WHERE t IS NOT NULL;
            IF ids IS NULL THEN RETURN; END IF;
            -- Writers of one ticket's history wait for each other until commit (as the trigger did);
            -- in ticket order, so two statements never wait for each other both ways.
            PERFORM pg_advisory_xact_lock(hashtextextended(t::text, 42)) FROM unnest(ids) AS t ORDER BY t;
            -- A new statement, so a new snapshot: the links committed by the lock's last holder are seen.
            -- A ticket's events are never older than the ticket (a day of slack for clocks).
            SELECT array_agg(c.caller_name ORDER BY u.n), array_agg(c.caller_phone ORDER BY u.n),
                array_agg(l.chain_pos ORDER BY u.n), array_agg(l.chain_hash ORDER BY u.n)
            INTO names, phones, heads, hashes
            FROM unnest(ids) WITH ORDINALITY AS u(id, n)
            LEFT JOIN tickets c ON c.id = u.id
            LEFT JOIN LATERAL (
                SELECT o.chain_pos, o.chain_hash FROM outbox_history o
                WHERE o.ticket_id = u.id AND o.chain_hash IS NOT NULL
                  AND o.created_at >= COALESCE(c.created_at - interval '1 day', '-infinity')
                ORDER BY o.chain_pos DESC LIMIT 1) l ON true;
            FOR i IN 1 .. cardinality(ticket_ids) LOOP
                CONTINUE WHEN ticket_ids[i] IS NULL;
                k := array_position(ids, ticket_ids[i]);
                ord := i;
                pos := COALESCE(heads[k], 0) + 1;
                prev := COALESCE(hashes[k], repeat('0', 64));
                hash := encode(sha256(decode(prev, 'hex') || history_digest(bodies[i], names[k], phones[k])), 'hex');
                heads[k] := pos;
                hashes[k] := hash;
                RETURN NEXT;
            END LOOP;
        END $$;

        DROP TRIGGER outbox_history_chain ON outbox;
        CREATE TRIGGER outbox_history_chain BEFORE INSERT ON outbox FOR EACH ROW
            WHEN (NEW.chain_hash IS NULL AND NEW.ticket_id IS NOT NULL AND NEW.exchange = 'hotline.events')
            EXECUTE FUNCTION history_chain();
        """
}

extension Schema {
    /// Migration 61 (issue 16): `history_links` keeps generic plans for its statements.
    ///
    /// Its statements take the statement's ticket ids as a parameter, and PL/pgSQL planned them
    /// anew for each call (a custom plan: about 2.4 ms of planning against 0.3 ms of execution
    /// for a batch; planning was 14 % of PostgreSQL's CPU in `perf`). The generic plan is the
    /// same nested loop over the tickets' primary key and the chain index of each partition,
    /// and the function keeps it whatever the statistics: a generic plan made while the tables
    /// were empty (a fresh database, as `make bench` starts from) joined by hashing a sequential
    /// scan of `tickets`, which grew with every ticket (4.8 ms a call after 10,000 tickets).
    /// Sequential and bitmap scans and hash and merge joins are off inside the function: its
    /// statements read a handful of rows by key.
    static let historyLinksGeneric = """
        ALTER FUNCTION history_links(uuid[], text[]) SET plan_cache_mode = force_generic_plan;
        ALTER FUNCTION history_links(uuid[], text[]) SET enable_seqscan = off;
        ALTER FUNCTION history_links(uuid[], text[]) SET enable_bitmapscan = off;
        ALTER FUNCTION history_links(uuid[], text[]) SET enable_hashjoin = off;
        ALTER FUNCTION history_links(uuid[], text[]) SET enable_mergejoin = off;
        """
}
