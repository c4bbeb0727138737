using LiveOrders.Core.Live;

namespace LiveOrders.Web.Live;

/// <summary>
/// The feed as the services see it, plus the hub's send on the node where the change was committed: every publisher
/// (services, the deadline watcher) calls <see cref="Publish"/> right after its commit, on its own node; changes
/// that reach this node from others arrive at the inner feed's subscribers and never pass here.
/// </summary>
public sealed class HubForwardingFeed(ILiveFeed inner, HubViewers viewers) : ILiveFeed
{
    public void Publish(OrderChanged change)
    {
        inner.Publish(change);
        viewers.Forward(change);
    }

    public IDisposable Subscribe(Func<OrderChanged, bool> filter, Func<OrderChanged, Task> handler) => inner.Subscribe(filter, handler);

    public bool RecordsInTransaction => inner.RecordsInTransaction;

    public ValueTask RecordAsync(Microsoft.EntityFrameworkCore.DbContext db, OrderChanged change, CancellationToken ct) => inner.RecordAsync(db, change, ct);

    public ILiveFeed Inner => inner;
}
