using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Data;

/// <summary>The provider choice and start-up migration, in one place (PostgreSQL later is a change here).</summary>
public static class DatabaseSetup
{
    public static TBuilder UseLiveOrdersDatabase<TBuilder>(this TBuilder options, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        options.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(30)).AddInterceptors(SqliteBusyTimeout.Instance);
        return options;
    }

    /// <summary>Brings the schema up to date and turns on WAL, so readers never wait for a writer.</summary>
    public static async Task MigrateAsync(LiveOrdersDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await Audit.AuditBackfill.RunAsync(db, ct);
    }
}
