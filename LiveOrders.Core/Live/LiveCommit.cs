using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Live;

/// <summary>
/// Saves a change and announces it: recorded in the committing transaction when the feed carries changes to other nodes,
/// published to this node's screens after the commit. With the in-process feed this is the plain save it always was.
/// </summary>
public static class LiveCommit
{
    /// <summary>
    /// Runs <paramref name="save"/> (which commits, or throws and nothing happened), then <paramref name="describe"/> for
    /// what changed, and publishes it. A cross-node feed gets a transaction around both, and the record before the commit.
    /// Once committed the change is published whatever becomes of the caller, so nothing after the commit takes
    /// <paramref name="ct"/>.
    /// </summary>
    public static async Task<IReadOnlyList<OrderChanged>> SaveAndPublishAsync(this ILiveFeed feed, DbContext db,
        Func<CancellationToken, Task> save, Func<CancellationToken, Task<IReadOnlyList<OrderChanged>>> describe, CancellationToken ct)
    {
        IReadOnlyList<OrderChanged> changes;
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("SaveAndPublishAsync commits itself: call it outside a transaction.");
        if (feed.RecordsInTransaction)
        {
            // Through the provider's execution strategy: one that retries refuses a transaction begun outside it.
            changes = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await save(ct);
                var described = await describe(ct);
                await feed.RecordAllAsync(db, described, ct);
                await tx.CommitAsync(ct);
                return described;
            });
        }
        else
        {
            await save(ct);
            changes = await describe(CancellationToken.None);
        }
        foreach (var change in changes) feed.Publish(change);
        return changes;
    }

    /// <summary>Saves the context's changes (<see cref="DbContext.SaveChangesAsync(CancellationToken)"/>) and announces them.</summary>
    public static Task<IReadOnlyList<OrderChanged>> SaveAndPublishAsync(this ILiveFeed feed, DbContext db,
        Func<CancellationToken, Task<IReadOnlyList<OrderChanged>>> describe, CancellationToken ct) =>
        feed.SaveAndPublishAsync(db, c => db.SaveChangesAsync(c), describe, ct);

    /// <summary>Records each change in the current transaction (nothing for the in-process feed).</summary>
    public static async ValueTask RecordAllAsync(this ILiveFeed feed, DbContext db, IEnumerable<OrderChanged> changes, CancellationToken ct)
    {
        if (!feed.RecordsInTransaction) return;
        foreach (var change in changes) await feed.RecordAsync(db, change, ct);
    }
}
