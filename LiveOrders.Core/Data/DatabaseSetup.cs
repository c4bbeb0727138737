using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Data;

/// <summary>The provider choice and start-up migration, in one place (PostgreSQL later is a change here).</summary>
public static class DatabaseSetup
{
    public static TBuilder UseLiveOrdersDatabase<TBuilder>(this TBuilder options, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        // A list in a query («ids.Contains(o.Id)») goes as one JSON parameter, not as one SQL variable per element (EF 10's
        // default): SQLite refuses more than 32 766 variables, which a report's drill-down over a year passed.
        // SQLite has one writer at a time: the app's writers queue for it in memory (SqliteWriteGate), others wait in
        // SQLite's busy handler (SqliteBusyTimeout).
        options.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(30).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(SqliteBusyTimeout.Instance, SqliteWriteGate.Instance);
        return options;
    }

    /// <summary>
    /// The provider's online backup, or null when the provider has its own tools for it (PostgreSQL: pg_dump, see the
    /// README's «Резервные копии»).
    /// </summary>
    public static SqliteOnlineBackup? OnlineBackupOf(LiveOrdersDbContext db) =>
        db.Database.IsSqlite() && db.Database.GetConnectionString() is { } connectionString ? new SqliteOnlineBackup(connectionString) : null;

    /// <summary>
    /// Brings the schema up to date, turns on WAL (so readers never wait for a writer), fills the search columns of audit
    /// entries older than them, and then makes the audit log append-only in the database itself.
    /// </summary>
    public static async Task MigrateAsync(LiveOrdersDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await Audit.AuditBackfill.RunAsync(db, ct);
        await db.Database.ExecuteSqlRawAsync(AppendOnlyAudit, ct);
    }

    /// <summary>
    /// The DbContext already refuses to change or delete an audit entry (<c>AuditTrail</c>); these triggers refuse it to
    /// anything else that reaches the file — a bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>, a script, a future bug. The one
    /// update let through is the backfill's: an entry whose search column is still empty gets it once. Kept out of the
    /// migrations because a trigger is the provider's own SQL, and this is the provider's one place.
    /// </summary>
    private const string AppendOnlyAudit = $"""
        CREATE TRIGGER IF NOT EXISTS "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
        WHEN OLD."SearchText" <> '' BEGIN SELECT RAISE(ABORT, '{Audit.AuditTrail.Refusal}'); END;
        CREATE TRIGGER IF NOT EXISTS "AuditEntries_NoDelete" BEFORE DELETE ON "AuditEntries"
        BEGIN SELECT RAISE(ABORT, '{Audit.AuditTrail.Refusal}'); END;
        """;
}
