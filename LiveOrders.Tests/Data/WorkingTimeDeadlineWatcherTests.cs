using LiveOrders.Core.Calendar;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Live;
using LiveOrders.Core.Notifications;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveOrders.Tests.Data;

/// <summary>
/// The watcher on the driven clock for an order whose type counts working time: reminded on the working day before,
/// escalated after 24 working hours, across a weekend and the 9 March 2026 holiday; a calendar-time type is not.
/// </summary>
public sealed class WorkingTimeDeadlineWatcherTests : AdministrationFixture
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private DeadlineWatcher Watcher() => ActivatorUtilities.CreateInstance<DeadlineWatcher>(Db.Services,
        Options.Create(new DeadlineOptions { ReminderLead = Day, EscalateToCuratorAfter = Day }));

    private DateTime Local(int month, int day, int hour) => Db.Time.ToUtc(new DateTime(2026, month, day, hour, 0, 0));

    /// <summary>An order on control (only those are escalated) of a new type from Roads to Housing, accepted and assigned, due at <paramref name="due"/>.</summary>
    private async Task<int> OrderAsync(DateTime due, bool workingTime)
    {
        var type = await Db.Services.GetRequiredService<OrderTypes>().CreateAsync(Admin,
            new OrderTypeInput(workingTime ? "Поручение главы" : "Обращение", 10, workingTime ? TermKind.WorkingDays : TermKind.CalendarDays, workingTime));
        var created = await Db.Orders.CreateAsync(Db.RoadsHead, new NewOrder("Заголовок", "Текст", [Db.Housing.Id], Priority.Normal, due, OnControl: true, TypeId: type.Value));
        Assert.True(created.Ok, created.Message);
        var id = created.Value![0].Id;
        var v = (await Db.Orders.ExecuteAsync(Db.HousingHead, id, await Db.VersionOfAsync(id), new AcceptOrder())).Value;
        await Db.Orders.ExecuteAsync(Db.HousingHead, id, v, new AssignOrder(Db.HousingClerk.EmployeeId));
        return id;
    }

    private async Task<int> NoticesAsync(int id, NotificationKind kind)
    {
        await using var db = Db.CreateDbContext();
        return await db.Notifications.CountAsync(n => n.OrderId == id && n.Kind == kind);
    }

    [Fact]
    public async Task AWorkingTimeOrderDueMonday_IsRemindedOnFriday_NotOnSunday()
    {
        var due = Local(3, 16, 10);                                     // Monday 16 March, 10:00 local
        var id = await OrderAsync(due, workingTime: true);
        var watcher = Watcher();

        Assert.Equal(Local(3, 13, 10), await watcher.NextInstantAsync(Db.Time.UtcNow));
        await watcher.ProcessDueAsync(Local(3, 13, 10).AddTicks(-1));
        Assert.Equal(0, await NoticesAsync(id, NotificationKind.DueSoon));
        await watcher.ProcessDueAsync(Local(3, 13, 10));
        await watcher.ProcessDueAsync(Local(3, 15, 10));                // Sunday: the calendar-time instant, nothing again
        Assert.Equal(1, await NoticesAsync(id, NotificationKind.DueSoon));
    }

    [Fact]
    public async Task ACalendarTimeOrderDueMonday_IsStillRemindedOnSunday()
    {
        var id = await OrderAsync(Local(3, 16, 10), workingTime: false);
        var watcher = Watcher();

        Assert.Equal(Local(3, 15, 10), await watcher.NextInstantAsync(Db.Time.UtcNow));
        await watcher.ProcessDueAsync(Local(3, 13, 10));
        Assert.Equal(0, await NoticesAsync(id, NotificationKind.DueSoon));
    }

    [Fact]
    public async Task AWorkingTimeOrderOverdueOnFriday_IsEscalatedOnTuesday_AfterTheWeekendAndTheHoliday()
    {
        var due = Local(3, 6, 18);                                      // Friday 6 March 18:00; Monday 9 March is off
        var id = await OrderAsync(due, workingTime: true);
        var watcher = Watcher();
        await watcher.ProcessDueAsync(due);

        Assert.Equal(Local(3, 10, 18), await watcher.NextInstantAsync(due));
        await watcher.ProcessDueAsync(Local(3, 7, 18));                 // Saturday: a calendar-time order would be escalated now
        await watcher.ProcessDueAsync(Local(3, 10, 18).AddTicks(-1));
        Assert.Equal(0, await NoticesAsync(id, NotificationKind.Escalation));
        await watcher.ProcessDueAsync(Local(3, 10, 18));
        Assert.Equal(1, await NoticesAsync(id, NotificationKind.Escalation));
    }

    [Fact]
    public async Task TheRunningWatcher_SleepsOverTheWeekendAndTheHoliday_AndEscalatesAtTheWorkingInstant()
    {
        var due = Local(3, 6, 18);
        var id = await OrderAsync(due, workingTime: true);
        var watcher = Watcher();
        var escalated = new TaskCompletionSource<OrderChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        var overdue = new TaskCompletionSource<OrderChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = Db.Feed.Subscribe(c => c.OrderId == id && c.Event == OrderEventKind.Escalated, c => { escalated.TrySetResult(c); return Task.CompletedTask; });
        using var b = Db.Feed.Subscribe(c => c.OrderId == id && c.Event == OrderEventKind.Overdue, c => { overdue.TrySetResult(c); return Task.CompletedTask; });
        await watcher.StartAsync(CancellationToken.None);
        try
        {
            Db.Clock.Set(due);
            await overdue.Task.WaitAsync(TimeSpan.FromSeconds(15));
            Db.Clock.Set(Local(3, 10, 18));                             // the watcher sleeps until exactly this instant

            var change = await escalated.Task.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(Local(3, 10, 18), change.At);
            await using var db = Db.CreateDbContext();
            Assert.Equal(Local(3, 10, 18), (await db.Orders.SingleAsync(o => o.Id == id)).EscalatedAt);
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
        }
    }
}
