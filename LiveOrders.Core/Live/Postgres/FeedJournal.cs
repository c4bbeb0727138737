namespace LiveOrders.Core.Live.Postgres;

/// <summary>
/// The feed's own tables (transport state, not domain data, so outside the EF model): the journal of what was
/// announced, by id, and the highest id pruned from it. A NOTIFY carries only a row's id.
/// </summary>
internal static class FeedJournal
{
    public const string Channel = "liveorders_feed";
    public const string PresenceChannel = "liveorders_presence";

    // Journal writers take this lock until they commit, so ids are assigned in commit order and a reader that has seen
    // id N has seen everything below it that will ever commit. (PostgreSQL already serialises the commits of notifying
    // transactions, so it costs little more.)
    private const long OrderLock = 0x4C4F_4645_4544; // "LOFEED"

    public const string Create = """
        CREATE TABLE IF NOT EXISTS live_feed_journal (
            id bigserial PRIMARY KEY,
            node text NOT NULL,
            kind text NOT NULL,
            body text NOT NULL,
            at timestamptz NOT NULL DEFAULT clock_timestamp());
        CREATE INDEX IF NOT EXISTS ix_live_feed_journal_at ON live_feed_journal (at);
        CREATE TABLE IF NOT EXISTS live_feed_pruned (one boolean PRIMARY KEY DEFAULT true CHECK (one), upto bigint NOT NULL);
        INSERT INTO live_feed_pruned (upto) VALUES (0) ON CONFLICT DO NOTHING;
        """;

    /// <summary>Where a node starts at: after everything written so far (it has nothing on screen yet to bring up to date).</summary>
    public const string Start = "SELECT greatest((SELECT coalesce(max(id), 0) FROM live_feed_journal), (SELECT upto FROM live_feed_pruned))";

    /// <summary>One row, its notification sent at commit: $1 node, $2 kind, $3 body.</summary>
    public static readonly string Insert = $"""
        WITH l AS (SELECT pg_advisory_xact_lock({OrderLock})),
             r AS (INSERT INTO live_feed_journal (node, kind, body) SELECT $1, $2, $3 FROM l RETURNING id)
        SELECT pg_notify('{Channel}', id::text) FROM r
        """;

    /// <summary>
    /// The rows after $1, oldest first, with the pruned mark and each row's age, read in one snapshot: a row pruned
    /// between two reads could otherwise be missed without notice. $2 rows at most.
    /// </summary>
    public const string After = """
        SELECT p.upto, j.id, j.node, j.kind, j.body, extract(epoch FROM clock_timestamp() - j.at) * 1000
        FROM live_feed_pruned p
        LEFT JOIN LATERAL (SELECT * FROM live_feed_journal WHERE id > $1 ORDER BY id LIMIT $2) j ON true
        ORDER BY j.id
        """;

    /// <summary>Removes rows older than $1 seconds and remembers the highest id removed.</summary>
    public const string Prune = """
        WITH d AS (DELETE FROM live_feed_journal WHERE at < clock_timestamp() - make_interval(secs => $1) RETURNING id)
        UPDATE live_feed_pruned SET upto = greatest(upto, (SELECT max(id) FROM d)) WHERE EXISTS (SELECT 1 FROM d)
        """;

    public const string Notify = "SELECT pg_notify($1, $2)";
}
