using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;

namespace LiveOrders.Core.Data;

/// <summary>
/// The provider choice and start-up migration, in one place: SQLite (the embedded default) or PostgreSQL, chosen by
/// <c>Database:Provider</c> (<see cref="DatabaseProviders"/>). Everything that differs between them is here.
/// </summary>
public static class DatabaseSetup
{
    /// <summary>The assembly that holds the PostgreSQL migrations (EF keeps one migrations assembly per provider; docs/decisions/013).</summary>
    public const string PostgreSqlMigrationsAssembly = "LiveOrders.Migrations.PostgreSql";

    /// <summary>The configured provider over <c>ConnectionStrings:LiveOrders</c>.</summary>
    public static TBuilder UseLiveOrdersDatabase<TBuilder>(this TBuilder options, IConfiguration configuration)
        where TBuilder : DbContextOptionsBuilder =>
        options.UseLiveOrdersDatabase(DatabaseProviders.Of(configuration), configuration.GetConnectionString("LiveOrders")
            ?? throw new InvalidOperationException("ConnectionStrings:LiveOrders is not set in appsettings.json."));

    /// <summary>The embedded default: a SQLite file.</summary>
    public static TBuilder UseLiveOrdersDatabase<TBuilder>(this TBuilder options, string connectionString)
        where TBuilder : DbContextOptionsBuilder =>
        options.UseLiveOrdersDatabase(DatabaseProvider.Sqlite, connectionString);

    public static TBuilder UseLiveOrdersDatabase<TBuilder>(this TBuilder options, DatabaseProvider provider, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            // PostgreSQL has row locks and many writers: none of SQLite's queueing applies. Its migrations live in their own
            // assembly, generated from the same model.
            options.UseNpgsql(connectionString, npgsql => npgsql.CommandTimeout(30).MigrationsAssembly(PostgreSqlMigrationsAssembly));
            return options;
        }
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
    /// Brings the schema up to date, turns on WAL on SQLite (so readers never wait for a writer), fills the search columns
    /// of audit entries older than them, and then makes the audit log append-only in the database itself.
    /// </summary>
    public static async Task MigrateAsync(LiveOrdersDbContext db, CancellationToken ct = default)
    {
        var sqlite = db.Database.IsSqlite();
        // On an empty PostgreSQL database EF reads the history table before it creates it and logs that failure as an
        // error (dotnet/efcore#37328), which a first start must not show: the table is made first.
        if (!sqlite) await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await Audit.AuditBackfill.RunAsync(db, ct);
        await db.Database.ExecuteSqlRawAsync(sqlite ? SqliteAppendOnlyAudit : PostgreSqlAppendOnlyAudit, ct);
    }

    /// <summary>
    /// The DbContext already refuses to change or delete an audit entry (<c>AuditTrail</c>); these triggers refuse it to
    /// anything else that reaches the file — a bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>, a script, a future bug. The one
    /// update let through is the backfill's: an entry whose search column is still empty gets it once. Kept out of the
    /// migrations because a trigger is the provider's own SQL, and this is the provider's one place.
    /// </summary>
    private const string SqliteAppendOnlyAudit = $"""
        CREATE TRIGGER IF NOT EXISTS "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
        WHEN OLD."SearchText" <> '' BEGIN SELECT RAISE(ABORT, '{Audit.AuditTrail.Refusal}'); END;
        CREATE TRIGGER IF NOT EXISTS "AuditEntries_NoDelete" BEFORE DELETE ON "AuditEntries"
        BEGIN SELECT RAISE(ABORT, '{Audit.AuditTrail.Refusal}'); END;
        """;

    /// <summary>
    /// Nodes starting together replace the triggers one after another (two concurrent CREATE OR REPLACE of one function
    /// fail with «tuple concurrently updated»): Npgsql runs the statements as one batch in one implicit transaction, which
    /// holds this advisory lock to its end. The key is this one use's own.
    /// </summary>
    private const string AuditTriggersLock = "5498685504516346881"; // 0x4C4F415544495401: "LOAUDIT", 1

    /// <summary>
    /// The same triggers on PostgreSQL: a plpgsql function that raises the same refusal, with the same backfill exception;
    /// PostgreSQL's TRUNCATE skips row triggers, so it gets one of its own.
    /// </summary>
    private const string PostgreSqlAppendOnlyAudit = $"""
        SELECT pg_advisory_xact_lock({AuditTriggersLock});
        CREATE OR REPLACE FUNCTION "AuditEntries_Refuse"() RETURNS trigger LANGUAGE plpgsql AS $refuse$
        BEGIN
            RAISE EXCEPTION '{Audit.AuditTrail.Refusal}' USING ERRCODE = 'restrict_violation';
        END
        $refuse$;
        CREATE OR REPLACE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
        FOR EACH ROW WHEN (OLD."SearchText" <> '') EXECUTE FUNCTION "AuditEntries_Refuse"();
        CREATE OR REPLACE TRIGGER "AuditEntries_NoDelete" BEFORE DELETE ON "AuditEntries"
        FOR EACH ROW EXECUTE FUNCTION "AuditEntries_Refuse"();
        CREATE OR REPLACE TRIGGER "AuditEntries_NoTruncate" BEFORE TRUNCATE ON "AuditEntries"
        FOR EACH STATEMENT EXECUTE FUNCTION "AuditEntries_Refuse"();
        """;
}
