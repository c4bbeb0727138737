using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LiveOrders.Core.Live;

/// <summary>
/// In-process feed: each subscriber has its own bounded queue and reader, so a slow or broken
/// circuit delays only itself. A subscriber that falls a whole queue behind loses nothing silently:
/// its backlog is replaced by one <see cref="OrderChangeKind.Resync"/>, and it reloads what it shows.
/// </summary>
public sealed class InProcessLiveFeed(ILogger<InProcessLiveFeed> logger) : ILiveFeed
{
    internal const int QueueCapacity = 512;
    private readonly ILogger _logger = logger;
    private readonly ConcurrentDictionary<Subscription, byte> _subscriptions = new();

    public int SubscriberCount => _subscriptions.Count;

    public void Publish(OrderChanged change)
    {
        foreach (var subscription in _subscriptions.Keys)
            subscription.Offer(change);
    }

    /// <summary>Nothing to record: every subscriber is in this process, and <see cref="Publish"/> reaches them after the commit.</summary>
    public bool RecordsInTransaction => false;

    public ValueTask RecordAsync(DbContext db, OrderChanged change, CancellationToken ct) => ValueTask.CompletedTask;

    /// <summary>
    /// Tells every subscriber, whatever its filter, to reload what it shows: changes were lost on the way here (a
    /// cross-node feed that missed some). Goes through each subscriber's queue, after what it already holds.
    /// </summary>
    public void Resync(DateTime at)
    {
        var resync = OrderChanged.Resync(at);
        foreach (var subscription in _subscriptions.Keys)
            subscription.Offer(resync, force: true);
    }

    public IDisposable Subscribe(Func<OrderChanged, bool> filter, Func<OrderChanged, Task> handler)
    {
        var subscription = new Subscription(this, filter, handler);
        _subscriptions[subscription] = 0;
        return subscription;
    }

    private sealed class Subscription : IDisposable
    {
        private readonly InProcessLiveFeed _feed;
        private readonly Func<OrderChanged, bool> _filter;
        private readonly Func<OrderChanged, Task> _handler;
        private readonly Channel<OrderChanged> _queue = Channel.CreateBounded<OrderChanged>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        private int _overflowed;

        public Subscription(InProcessLiveFeed feed, Func<OrderChanged, bool> filter, Func<OrderChanged, Task> handler)
        {
            _feed = feed;
            _filter = filter;
            _handler = handler;
            _ = Task.Run(PumpAsync);
        }

        public void Offer(OrderChanged change, bool force = false)
        {
            bool wanted;
            try { wanted = force || _filter(change); }
            catch (Exception e) { _feed._logger.LogWarning(e, "Live feed filter failed"); return; }
            if (wanted && !_queue.Writer.TryWrite(change))
                Interlocked.Exchange(ref _overflowed, 1);
        }

        private async Task PumpAsync()
        {
            await foreach (var change in _queue.Reader.ReadAllAsync())
            {
                var next = change;
                if (Interlocked.Exchange(ref _overflowed, 0) == 1)
                {
                    while (_queue.Reader.TryRead(out _)) { }
                    next = OrderChanged.Resync(change.At);
                }
                try { await _handler(next); }
                catch (Exception e) { _feed._logger.LogWarning(e, "Live feed subscriber failed on order {OrderId}", next.OrderId); }
            }
        }

        public void Dispose()
        {
            if (_feed._subscriptions.TryRemove(this, out _))
                _queue.Writer.TryComplete();
        }
    }
}
