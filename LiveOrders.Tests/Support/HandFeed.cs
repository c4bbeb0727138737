using LiveOrders.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Support;

/// <summary>A feed that hands a change to each subscriber whose filter takes it, and returns when they have taken it in.</summary>
public sealed class HandFeed : ILiveFeed
{
    private readonly List<(Func<OrderChanged, bool> Filter, Func<OrderChanged, Task> Handler)> _subscribers = [];

    public int Subscribers { get { lock (_subscribers) return _subscribers.Count; } }

    public async Task DeliverAsync(OrderChanged change)
    {
        List<(Func<OrderChanged, bool> Filter, Func<OrderChanged, Task> Handler)> now;
        lock (_subscribers) now = _subscribers.ToList();
        foreach (var (filter, handler) in now)
            if (filter(change)) await handler(change);
    }

    public void Publish(OrderChanged change) => throw new InvalidOperationException("the page only listens");

    public IDisposable Subscribe(Func<OrderChanged, bool> filter, Func<OrderChanged, Task> handler)
    {
        var entry = (filter, handler);
        lock (_subscribers) _subscribers.Add(entry);
        return new Unsubscribe(() => { lock (_subscribers) _subscribers.Remove(entry); });
    }

    public bool RecordsInTransaction => false;
    public ValueTask RecordAsync(DbContext db, OrderChanged change, CancellationToken ct) => ValueTask.CompletedTask;

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
