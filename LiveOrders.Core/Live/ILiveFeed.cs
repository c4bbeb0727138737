using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Live;

/// <summary>
/// The one live event flow. Kept this small so that a cross-node transport can replace the
/// in-process one without touching publishers or subscribers.
/// <para>
/// A publisher announces a change in two steps: <see cref="RecordAsync"/> inside the transaction that makes the change
/// (a cross-node feed writes it there, so other nodes hear of it if and only if it commits), then <see cref="Publish"/>
/// after the commit (this node's own screens). <see cref="LiveCommit"/> does both in the right order.
/// </para>
/// </summary>
public interface ILiveFeed
{
    /// <summary>Hands a committed change to every interested subscriber of this node. Never blocks.</summary>
    void Publish(OrderChanged change);

    /// <summary>Calls <paramref name="handler"/> for each change that passes <paramref name="filter"/>, until disposed.</summary>
    IDisposable Subscribe(Func<OrderChanged, bool> filter, Func<OrderChanged, Task> handler);

    /// <summary>
    /// Whether <see cref="RecordAsync"/> does anything, so that a publisher needs a transaction of its own to call it in.
    /// False for a feed that lives in one process: publishers then keep their single save, and build nothing inside
    /// SQLite's write turn. No default body: a feed that wraps another must pass both members on, or a cross-node
    /// feed behind it would silently stop hearing of changes.
    /// </summary>
    bool RecordsInTransaction { get; }

    /// <summary>
    /// Writes <paramref name="change"/> for the other nodes on <paramref name="db"/>'s connection, inside its current
    /// transaction: they receive it when (and only if) that transaction commits. Call <see cref="Publish"/> after the commit.
    /// A feed that lives in one process does nothing here (there is nobody else to tell).
    /// </summary>
    ValueTask RecordAsync(DbContext db, OrderChanged change, CancellationToken ct);
}
