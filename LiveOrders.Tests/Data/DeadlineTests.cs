using System.Data.Common;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Live;
using LiveOrders.Core.Notifications;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveOrders.Tests.Data;

/// <summary>Deadlines on a driven clock: reminders, the overdue fact and escalation happen once, at their instant.</summary>
public sealed class DeadlineTests : IAsyncLifetime
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>A new watcher (as after a restart), wired as in the app.</summary>
    private DeadlineWatcher Watcher(int batch = 200) => ActivatorUtilities.CreateInstance<DeadlineWatcher>(_db.Services,
        Options.Create(new DeadlineOptions { ReminderLead = Day, EscalateToCuratorAfter = Day, BatchSize = batch }));

    /// <summary>An order from Roads to Housing, on control, accepted and assigned to the housing clerk, due in three days.</summary>
    private async Task<(int Id, DateTime Due)> OrderInProgressAsync(bool onControl = true)
    {
        var created = await _db.SendRoadsToHousingAsync(onControl: onControl);
        var v = await _db.VersionOfAsync(created.Id);
        v = (await _db.Orders.ExecuteAsync(_db.HousingHead, created.Id, v, new AcceptOrder())).Value;
        await _db.Orders.ExecuteAsync(_db.HousingHead, created.Id, v, new AssignOrder(_db.HousingClerk.EmployeeId));
        await using var db = _db.CreateDbContext();
        return (created.Id, (await db.Orders.SingleAsync(o => o.Id == created.Id)).DueAt);
    }

    private async Task<List<OrderEvent>> EventsAsync(int id, OrderEventKind kind)
    {
        await using var db = _db.CreateDbContext();
        return await db.OrderEvents.Where(e => e.OrderId == id && e.Kind == kind).ToListAsync();
    }

    private async Task<List<(int Recipient, NotificationKind Kind)>> NoticesAsync(int id, NotificationKind kind)
    {
        await using var db = _db.CreateDbContext();
        return (await db.Notifications.Where(n => n.OrderId == id && n.Kind == kind).ToListAsync()).Select(n => (n.RecipientId, n.Kind)).ToList();
    }

    [Fact]
    public async Task Overdue_IsRecordedOnce_AtTheDueInstant_NotBefore()
    {
        var (id, due) = await OrderInProgressAsync();
        var watcher = Watcher();

        await watcher.ProcessDueAsync(due.AddTicks(-1));
        Assert.Empty(await EventsAsync(id, OrderEventKind.Overdue));

        await watcher.ProcessDueAsync(due);
        await watcher.ProcessDueAsync(due.AddMinutes(1));

        var overdue = Assert.Single(await EventsAsync(id, OrderEventKind.Overdue));
        Assert.Equal(due, overdue.At);
        var notified = await NoticesAsync(id, NotificationKind.Overdue);
        Assert.Contains((_db.HousingClerk.EmployeeId, NotificationKind.Overdue), notified);   // the executor
        Assert.Contains((_db.HousingHead.EmployeeId, NotificationKind.Overdue), notified);    // escalated to the head at once
        Assert.Contains(_db.Feed.Published, c => c.OrderId == id && c.Event == OrderEventKind.Overdue && c.Card!.IsOverdue);
    }

    [Fact]
    public async Task TheReminder_GoesOutADayBefore_Once()
    {
        var (id, due) = await OrderInProgressAsync();
        var watcher = Watcher();

        await watcher.ProcessDueAsync(due - Day - TimeSpan.FromSeconds(1));
        Assert.Empty(await NoticesAsync(id, NotificationKind.DueSoon));

        await watcher.ProcessDueAsync(due - Day);
        await watcher.ProcessDueAsync(due - Day + TimeSpan.FromHours(1));

        Assert.Equal([(_db.HousingClerk.EmployeeId, NotificationKind.DueSoon)], await NoticesAsync(id, NotificationKind.DueSoon));
    }

    [Fact]
    public async Task Escalation_ReachesTheCuratorAfterTheConfiguredDelay_Once()
    {
        var (id, due) = await OrderInProgressAsync();
        var watcher = Watcher();
        await watcher.ProcessDueAsync(due);

        await watcher.ProcessDueAsync(due + Day - TimeSpan.FromSeconds(1));
        Assert.Empty(await NoticesAsync(id, NotificationKind.Escalation));

        await watcher.ProcessDueAsync(due + Day);
        await watcher.ProcessDueAsync(due + Day * 2);

        Assert.Equal([(_db.Deputy.EmployeeId, NotificationKind.Escalation)], await NoticesAsync(id, NotificationKind.Escalation));
        Assert.Single(await EventsAsync(id, OrderEventKind.Escalated));
    }

    [Fact]
    public async Task AnOrderNotOnControl_IsNotEscalatedToTheCurator_ButItsExecutorsStillHearOfTheLapse()
    {
        var (id, due) = await OrderInProgressAsync(onControl: false);
        var watcher = Watcher();

        await watcher.ProcessDueAsync(due);
        await watcher.ProcessDueAsync(due + Day * 2);

        Assert.Empty(await NoticesAsync(id, NotificationKind.Escalation));
        Assert.Empty(await EventsAsync(id, OrderEventKind.Escalated));
        Assert.Contains((_db.HousingClerk.EmployeeId, NotificationKind.Overdue), await NoticesAsync(id, NotificationKind.Overdue));
        Assert.Null(await watcher.NextInstantAsync(due + Day * 2));   // nothing left to wake for
    }

    [Fact]
    public async Task TakenOffControl_BeforeTheEscalation_IsNotEscalated_AndPutBackOnControl_IsEscalatedAtOnce()
    {
        var (id, due) = await OrderInProgressAsync();
        var watcher = Watcher();
        await watcher.ProcessDueAsync(due);
        var off = await _db.Orders.ExecuteAsync(_db.RoadsHead, id, await _db.VersionOfAsync(id), new TakeOffControlOrder("Вопрос решён на совещании"));
        Assert.True(off.Ok, off.Message);

        await watcher.ProcessDueAsync(due + Day);
        Assert.Empty(await NoticesAsync(id, NotificationKind.Escalation));

        _db.Clock.Set(new DateTimeOffset(DateTime.SpecifyKind(due + Day * 2, DateTimeKind.Utc)));
        var on = await _db.Orders.ExecuteAsync(_db.Deputy, id, await _db.VersionOfAsync(id), new PutOnControlOrder("Снова срывают сроки"));
        Assert.True(on.Ok, on.Message);
        await watcher.ProcessDueAsync(due + Day * 2);

        Assert.Equal([(_db.Deputy.EmployeeId, NotificationKind.Escalation)], await NoticesAsync(id, NotificationKind.Escalation));
    }

    [Fact]
    public async Task AfterARestart_NothingIsMissedOrRepeated()
    {
        var (id, due) = await OrderInProgressAsync();
        await Watcher().ProcessDueAsync(due - Day);              // the reminder went out before the "restart"

        // The server was down over the due instant; a new watcher starts five minutes later.
        var restarted = Watcher();
        await restarted.ProcessDueAsync(due + TimeSpan.FromMinutes(5));
        await Watcher().ProcessDueAsync(due + TimeSpan.FromMinutes(6));

        Assert.Equal(due, Assert.Single(await EventsAsync(id, OrderEventKind.Overdue)).At);
        Assert.Single(await NoticesAsync(id, NotificationKind.DueSoon));
        Assert.Equal(due + Day, await restarted.NextInstantAsync(due + TimeSpan.FromMinutes(6)));   // next: the escalation
    }

    [Fact]
    public async Task NextInstant_IsTheNearestReminderDueTimeOrEscalation()
    {
        var (_, due) = await OrderInProgressAsync();
        var watcher = Watcher();
        var now = _db.Time.UtcNow;

        Assert.Equal(due - Day, await watcher.NextInstantAsync(now));
        await watcher.ProcessDueAsync(due - Day);
        Assert.Equal(due, await watcher.NextInstantAsync(due - Day));
        await watcher.ProcessDueAsync(due);
        Assert.Equal(due + Day, await watcher.NextInstantAsync(due));
    }

    [Fact]
    public async Task ThousandsFallingDueInTheSameSecond_AreAllRecorded_InBatches()
    {
        var due = _db.Time.UtcNow.AddHours(2);
        await using (var db = _db.CreateDbContext())
        {
            // 610 orders with exactly the same due instant, straight into the table.
            for (var i = 0; i < 610; i++)
            {
                var order = Order.Create(new OrderDraft($"Пакет {i}", null, _db.Housing.Id, Priority.Low, due), _db.RoadsHead.EmployeeId, _db.Roads.Id, _db.Time.UtcNow);
                order.Send(_db.RoadsHead.EmployeeId, _db.Time.UtcNow);
                typeof(Order).GetProperty(nameof(Order.Number))!.SetValue(order, $"Т-{i:D4}");
                db.Orders.Add(order);
            }
            await db.SaveChangesAsync();
        }

        var changed = await Watcher(batch: 200).ProcessDueAsync(due);

        await using var check = _db.CreateDbContext();
        Assert.Equal(610, await check.Orders.CountAsync(o => o.OverdueRecordedAt != null));
        Assert.Equal(610, await check.OrderEvents.CountAsync(e => e.Kind == OrderEventKind.Overdue));
        Assert.Equal(610, changed);
        Assert.Equal(610, _db.Feed.Published.Count(c => c.Event == OrderEventKind.Overdue));
    }

    [Fact]
    public async Task TheRunningWatcher_WakesAtTheDueInstant_AndTheOrderTurnsOverdueLive()
    {
        var (id, due) = await OrderInProgressAsync();
        var watcher = Watcher();
        var overdue = new TaskCompletionSource<OrderChanged>();
        using var _ = _db.Feed.Subscribe(c => c.OrderId == id && c.Event == OrderEventKind.Overdue, c => { overdue.TrySetResult(c); return Task.CompletedTask; });
        await watcher.StartAsync(CancellationToken.None);
        try
        {
            _db.Clock.Set(due.AddMilliseconds(-1));     // the watcher sleeps until exactly `due`
            _db.Clock.Set(due);

            var change = await overdue.Task.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.True(change.Card!.IsOverdue);
            await using var db = _db.CreateDbContext();
            Assert.Equal(due, (await db.Orders.SingleAsync(o => o.Id == id)).OverdueRecordedAt);
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task AnOrderFallingDueWhileTheWatcherLooks_IsScheduledFromTheSameInstant_NotLostUntilTheNextChange()
    {
        var (id, due) = await OrderInProgressAsync();
        _db.Clock.Set(due.AddMilliseconds(-1));
        // The watcher looks at due − 1 ms; the clock reaches the due instant while its first query runs.
        var duringLook = new AfterNextCommand(() => _db.Clock.Set(due));
        _db.AddInterceptor(duringLook);
        var overdue = new TaskCompletionSource<OrderChanged>();
        using var _ = _db.Feed.Subscribe(c => c.OrderId == id && c.Event == OrderEventKind.Overdue, c => { overdue.TrySetResult(c); return Task.CompletedTask; });
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);
        try
        {
            // Nothing moves the clock or changes an order any more: only a next sleep computed from the look's own instant finds it.
            var change = await overdue.Task.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.True(duringLook.Fired);
            Assert.True(change.Card!.IsOverdue);
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Runs an action once, right after the next database command of any context has read its result.</summary>
    private sealed class AfterNextCommand(Action action) : DbCommandInterceptor
    {
        private int _fired;
        public bool Fired => _fired == 1;

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken ct = default)
        {
            if (Interlocked.Exchange(ref _fired, 1) == 0) action();
            return ValueTask.FromResult(result);
        }
    }
}
