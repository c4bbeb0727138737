using System.Collections.Concurrent;
using LiveOrders.Core.Data;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Time;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>
/// The watcher on the real clock, running as in the app, while other writes go on: every order is
/// recorded overdue within a second of its due instant. (A driven clock cannot show this: the bug it
/// guards against lived between two readings of the real clock.)
/// </summary>
[Collection(RealClockCollection.Name)]
[Trait(RealClockCollection.Trait, RealClockCollection.Name)]
public sealed class DeadlineRealTimeTests : IAsyncLifetime
{
    private static readonly TimeSpan Allowed = TimeSpan.FromSeconds(1);
    private TestDatabase _db = default!;
    private ServiceProvider _app = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        // As in the app: the system clock, and pooled connections (the test database opens a new one per context).
        var pooled = _db.ConnectionString.Replace("Pooling=False", "Pooling=True");
        _app = _db.BuildServices(s => s
            .AddSingleton(TimeProvider.System)
            .AddDbContextFactory<LiveOrdersDbContext>(o => o.UseLiveOrdersDatabase(_db.Provider, pooled)));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task OrdersFallingDueAMomentAhead_AreEachRecordedOverdueWithinASecond_WhileOtherWritesGoOn()
    {
        const int waves = 4, perWave = 5, count = waves * perWave;
        var orders = _app.GetRequiredService<OrderService>();
        var time = _app.GetRequiredService<MunicipalTime>();
        var watcher = _app.GetRequiredService<DeadlineWatcher>();
        var seen = new ConcurrentDictionary<int, DateTime>();
        var due = new ConcurrentDictionary<int, DateTime>();
        var recorded = new SemaphoreSlim(0);
        using var _ = _db.Feed.Subscribe(c => c.Event == OrderEventKind.Overdue && c.Card!.Title.StartsWith("Срочно"), c =>
        {
            if (seen.TryAdd(c.OrderId, time.UtcNow)) recorded.Release();
            return Task.CompletedTask;
        });
        // How late a 50 ms timer of the pool fires, for the failure message: starved threads showed up here first.
        var tick = System.Diagnostics.Stopwatch.StartNew();
        long worstTimerLag = 0;
        using var timerProbe = new Timer(_ => { worstTimerLag = Math.Max(worstTimerLag, tick.ElapsedMilliseconds - 50); tick.Restart(); }, null, 50, 50);
        await watcher.StartAsync(CancellationToken.None);
        await WarmUpAsync(orders, time);
        using var stop = new CancellationTokenSource();
        var otherWrites = Task.Run(() => OtherWritesAsync(orders, stop.Token));
        try
        {
            // In waves: the last order of each falls due with nothing after it to wake the watcher, where a missed one stays missed.
            for (var wave = 0; wave < waves; wave++)
            {
                var last = DateTime.MinValue;
                for (var i = 0; i < perWave; i++)
                {
                    // 300–1 500 ms ahead, not in creation order, so due instants also fall while orders are being created.
                    var dueAt = time.UtcNow.AddMilliseconds(300 + (i * 3 % perWave) * 300);
                    var created = await orders.CreateAsync(_db.RoadsHead, new NewOrder($"Срочно {wave}.{i}", null, [_db.Housing.Id], Priority.Urgent, dueAt));
                    Assert.True(created.Ok, created.Message);
                    due[created.Value![0].Id] = dueAt;
                    if (dueAt > last) last = dueAt;
                }
                // Until the wave is recorded; a missed order ends the wait a little past the allowed second, so the test fails instead of hanging.
                var giveUp = Task.Delay(last + Allowed + TimeSpan.FromSeconds(2) - time.UtcNow);
                for (var i = 0; i < perWave; i++)
                    if (await Task.WhenAny(recorded.WaitAsync(), giveUp) == giveUp) break;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await otherWrites;
            await watcher.StopAsync(CancellationToken.None);
        }

        var missed = due.Keys.Where(id => !seen.ContainsKey(id)).ToList();
        Assert.True(missed.Count == 0, $"{missed.Count} of {count} orders were not recorded overdue at all (the watcher missed them).");
        await using var db = _db.CreateDbContext();
        var ids = due.Keys.ToList();
        var stored = await db.Orders.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.OverdueRecordedAt);
        var late = due.Where(d => seen[d.Key] - d.Value > Allowed || stored[d.Key] is not { } at || at < d.Value || at - d.Value > Allowed)
            .Select(d => $"{d.Key}: stamped {((stored[d.Key] ?? DateTime.MaxValue) - d.Value).TotalMilliseconds:F0} ms, " +
                $"published {(seen[d.Key] - d.Value).TotalMilliseconds:F0} ms after due").ToList();
        Assert.True(late.Count == 0, $"Recorded later than {Allowed.TotalSeconds} s: {string.Join("; ", late)} " +
            $"(the pool's timers ran up to {worstTimerLag} ms late, {ThreadPool.ThreadCount} threads)");
    }

    /// <summary>
    /// One order through the whole path first, as in an app that has been running: the first run of each
    /// query compiles it, which on a busy machine takes longer than the second the test allows.
    /// </summary>
    private async Task WarmUpAsync(OrderService orders, MunicipalTime time)
    {
        var recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = _db.Feed.Subscribe(c => c.Event == OrderEventKind.Overdue, _ => { recorded.TrySetResult(); return Task.CompletedTask; });
        var created = await orders.CreateAsync(_db.RoadsHead, new NewOrder("Разогрев", null, [_db.Housing.Id], Priority.Low, time.UtcNow.AddMilliseconds(200)));
        Assert.True(created.Ok, created.Message);
        await recorded.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Comments, back to back, on an order due days ahead: they contend for the database and the processor but
    /// do not wake the watcher, so an order it failed to schedule stays missed instead of being rescued by them.
    /// </summary>
    private async Task OtherWritesAsync(OrderService orders, CancellationToken stop)
    {
        var created = await orders.CreateAsync(_db.FinanceHead, new NewOrder("Фоновое", null, [_db.Roads.Id], Priority.Low, DateTime.UtcNow.AddDays(3)));
        var id = created.Value![0].Id;
        for (var i = 0; !stop.IsCancellationRequested; i++)
            await orders.CommentAsync(_db.RoadsHead, id, $"Комментарий {i}");
    }
}
