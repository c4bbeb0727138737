using LiveOrders.Core.Calendar;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Templates;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveOrders.Tests.Data;

/// <summary>
/// Recurring orders on the driven clock: issued at their instant as normal orders, across a month boundary and a
/// holiday, never twice (two passes, two issuers over one database), and a missed one once after a restart.
/// The test clock starts on Monday 2 March 2026, 10:00 in Novokuznetsk (UTC+7).
/// </summary>
public sealed class RecurringOrderTests : IAsyncLifetime
{
    private static readonly TimeOnly Nine = new(9, 0);
    private TestDatabase _db = default!;
    private OrderTemplates _templates = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _templates = _db.Services.GetRequiredService<OrderTemplates>();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>A new issuer (as after a restart, or on another node), wired as in the app.</summary>
    private RecurringOrderIssuer Issuer(TimeSpan? catchUp = null) => ActivatorUtilities.CreateInstance<RecurringOrderIssuer>(_db.Services,
        Options.Create(new RecurringOptions { CatchUp = catchUp ?? TimeSpan.FromDays(3) }));

    private DateTime Local(int month, int day, int hour, int minute = 0) => _db.Time.ToUtc(new DateTime(2026, month, day, hour, minute, 0));

    /// <summary>Roads' template «Отчёт о ямочном ремонте» for Housing and Finance, with a schedule set by the Roads head.</summary>
    private async Task<int> ScheduledTemplateAsync(Recurrence recurrence, string title = "Отчёт о ямочном ремонте")
    {
        var saved = await _templates.CreateAsync(_db.RoadsHead,
            new TemplateContent(title, "Сведения за прошлый месяц", [_db.Housing.Id, _db.Finance.Id], Priority.High, new Term(5, TermKind.WorkingDays)));
        Assert.True(saved.Ok, saved.Message);
        var scheduled = await _templates.SetScheduleAsync(_db.RoadsHead, saved.Value, recurrence, null);
        Assert.True(scheduled.Ok, scheduled.Message);
        return saved.Value;
    }

    private async Task<List<Order>> IssuedAsync(string title = "Отчёт о ямочном ремонте")
    {
        await using var db = _db.CreateDbContext();
        return await db.Orders.Where(o => o.Title == title).OrderBy(o => o.Id).ToListAsync();
    }

    [Fact]
    public async Task TheRunningIssuer_IssuesEachMonthsFifthWorkingDay_AtItsInstant_AcrossMonthsAndTheMayHoliday()
    {
        await ScheduledTemplateAsync(new Recurrence(RecurrenceKind.MonthlyWorkingDay, 5, default, new DateOnly(2026, 3, 1), null, Nine));
        var created = new List<OrderChanged>();
        var arrived = new SemaphoreSlim(0);
        using var _ = _db.Feed.Subscribe(c => c.Kind == OrderChangeKind.Created, c => { lock (created) created.Add(c); arrived.Release(); return Task.CompletedTask; });
        var issuer = Issuer();
        await issuer.StartAsync(CancellationToken.None);
        try
        {
            // 6 March, then 7 April, then 8 May (1 May is a holiday), each at 09:00 local; two departments, two orders each.
            foreach (var (month, day) in new[] { (3, 6), (4, 7), (5, 8) })
            {
                var instant = Local(month, day, 9);
                Assert.Equal(instant, await issuer.NextInstantAsync(instant.AddMinutes(-1)));
                _db.Clock.Set(instant.AddMilliseconds(-1));
                _db.Clock.Set(instant);
                for (var i = 0; i < 2; i++) Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(15)), $"no order on {day}.{month}");
            }
        }
        finally
        {
            await issuer.StopAsync(CancellationToken.None);
        }

        var orders = await IssuedAsync();
        Assert.Equal(6, orders.Count);
        Assert.All(orders, o => Assert.Equal(OrderStatus.New, o.Status));
        Assert.All(orders, o => Assert.Equal(_db.RoadsHead.EmployeeId, o.AuthorId));
        Assert.Equal([Local(3, 6, 9), Local(3, 6, 9), Local(4, 7, 9), Local(4, 7, 9), Local(5, 8, 9), Local(5, 8, 9)], orders.Select(o => o.CreatedAt));
        // Five working days from 8 May: 12 May (11 May is off), 13, 14, 15, 18 May, at the end of the working day.
        Assert.Equal(Local(5, 18, 18), orders[^1].DueAt);
        Assert.Equal(new[] { _db.Housing.Id, _db.Finance.Id }.Order(), orders.Take(2).Select(o => o.ExecutingDepartmentId).Order());
        // Each a normal order: its executors were notified and it was published to every screen.
        await using var db = _db.CreateDbContext();
        Assert.True(await db.Notifications.AnyAsync(n => n.OrderId == orders[0].Id && n.RecipientId == _db.HousingHead.EmployeeId));
        Assert.Equal(orders.Select(o => o.Id).Order(), created.Select(c => c.OrderId).Order());
        Assert.Equal(3, await db.ScheduleOccurrences.CountAsync());
    }

    [Fact]
    public async Task AWeeklyMondayOnAHoliday_IsIssuedOnTuesday_NotOnTheHoliday()
    {
        await ScheduledTemplateAsync(new Recurrence(RecurrenceKind.Weekly, 0, DayOfWeek.Monday, new DateOnly(2026, 3, 3), null, Nine));
        var issuer = Issuer();
        Assert.Equal(Local(3, 10, 9), await issuer.NextInstantAsync(Local(3, 2, 10)));

        Assert.Equal(0, await issuer.IssueDueAsync(Local(3, 9, 23, 59)));   // Monday 9 March is off
        Assert.Equal(0, await issuer.IssueDueAsync(Local(3, 10, 8, 59)));
        Assert.Equal(1, await issuer.IssueDueAsync(Local(3, 10, 9)));
        Assert.Equal(Local(3, 16, 9), await issuer.NextInstantAsync(Local(3, 10, 9)));
    }

    [Fact]
    public async Task TwoPassesAtTheSameInstant_IssueTheOccurrenceOnce()
    {
        await ScheduledTemplateAsync(new Recurrence(RecurrenceKind.Weekly, 0, DayOfWeek.Wednesday, new DateOnly(2026, 3, 1), null, Nine));
        var issuer = Issuer();
        Assert.Equal(1, await issuer.IssueDueAsync(Local(3, 4, 9)));
        Assert.Equal(0, await issuer.IssueDueAsync(Local(3, 4, 9)));
        Assert.Equal(0, await issuer.IssueDueAsync(Local(3, 4, 12)));
        Assert.Equal(2, (await IssuedAsync()).Count);    // one occurrence: one order per department
    }

    [Fact]
    public async Task TwoIssuersOverOneDatabase_RacingForTheSameOccurrence_IssueItOnce()
    {
        await ScheduledTemplateAsync(new Recurrence(RecurrenceKind.Weekly, 0, DayOfWeek.Wednesday, new DateOnly(2026, 3, 1), null, Nine));
        // Both nodes find the occurrence unrecorded before either writes: the unique record decides.
        var bothChecked = new Barrier(2);
        var barrier = new OccurrenceCheckBarrier(bothChecked);
        _db.AddInterceptor(barrier);
        var first = Issuer();
        var second = Issuer();

        var results = await Task.WhenAll(
            Task.Run(() => first.IssueDueAsync(Local(3, 4, 9))),
            Task.Run(() => second.IssueDueAsync(Local(3, 4, 9))));

        Assert.True(barrier.Held >= 2, "the two issuers did not both check before writing");
        Assert.Equal(1, results.Sum());
        Assert.Equal(2, (await IssuedAsync()).Count);
        await using var db = _db.CreateDbContext();
        Assert.Equal(1, await db.ScheduleOccurrences.CountAsync());
        Assert.Equal(2, await db.Orders.CountAsync());    // the loser's orders rolled back with its record
    }

    [Fact]
    public async Task AfterARestart_TheLatestMissedOccurrence_IsIssuedOnce_AndOlderOnesAreNot()
    {
        await ScheduledTemplateAsync(new Recurrence(RecurrenceKind.EveryWorkingDays, 1, default, new DateOnly(2026, 3, 3), null, Nine));
        // The app was down from Tuesday 3 March until Thursday 5 March 11:00: 3, 4 and 5 March were missed.
        _db.Clock.Set(Local(3, 5, 11));
        var issued = new TaskCompletionSource();
        using var _ = _db.Feed.Subscribe(c => c.Kind == OrderChangeKind.Created, _ => { issued.TrySetResult(); return Task.CompletedTask; });
        var restarted = Issuer();
        await restarted.StartAsync(CancellationToken.None);
        try
        {
            await issued.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            await restarted.StopAsync(CancellationToken.None);
        }
        Assert.Equal(0, await Issuer().IssueDueAsync(Local(3, 5, 11)));   // and once only, whichever node looks next

        await using var db = _db.CreateDbContext();
        var occurrence = Assert.Single(await db.ScheduleOccurrences.ToListAsync());
        Assert.Equal(new DateOnly(2026, 3, 5), occurrence.Date);
        var orders = await IssuedAsync();
        Assert.Equal(2, orders.Count);
        Assert.All(orders, o => Assert.Equal(Local(3, 5, 11), o.CreatedAt));
    }

    [Fact]
    public async Task AnOccurrenceOlderThanTheCatchUpWindow_IsNotIssuedLate()
    {
        await ScheduledTemplateAsync(new Recurrence(RecurrenceKind.MonthlyDay, 3, default, new DateOnly(2026, 3, 1), null, Nine));
        Assert.Equal(0, await Issuer(catchUp: TimeSpan.FromDays(1)).IssueDueAsync(Local(3, 5, 11)));
        Assert.Empty(await IssuedAsync());
    }

    [Fact]
    public async Task APausedSchedule_IssuesNothing_AndOnResumeDoesNotIssueWhatFellDuringThePause()
    {
        var id = await ScheduledTemplateAsync(new Recurrence(RecurrenceKind.Weekly, 0, DayOfWeek.Wednesday, new DateOnly(2026, 3, 1), null, Nine));
        Assert.True((await _templates.PauseAsync(_db.RoadsHead, id)).Ok);
        var issuer = Issuer();
        Assert.Equal(0, await issuer.IssueDueAsync(Local(3, 4, 9)));
        Assert.Null(await issuer.NextInstantAsync(Local(3, 4, 9)));

        _db.Clock.Set(Local(3, 4, 10));
        Assert.True((await _templates.ResumeAsync(_db.RoadsHead, id)).Ok);
        Assert.Equal(0, await issuer.IssueDueAsync(Local(3, 4, 10)));
        Assert.Equal(1, await issuer.IssueDueAsync(Local(3, 11, 9)));
    }

    [Fact]
    public async Task AnOwnerWhoLeft_IsRecordedAsAFailedOccurrence_NotRetriedAtEveryPass()
    {
        await ScheduledTemplateAsync(new Recurrence(RecurrenceKind.Weekly, 0, DayOfWeek.Wednesday, new DateOnly(2026, 3, 1), null, Nine));
        await using (var db = _db.CreateDbContext())
            await db.Employees.Where(e => e.Id == _db.RoadsHead.EmployeeId).ExecuteUpdateAsync(s => s.SetProperty(e => e.IsActive, false));
        var issuer = Issuer();
        Assert.Equal(0, await issuer.IssueDueAsync(Local(3, 4, 9)));
        var view = Assert.Single(await _templates.ListAsync(_db.RoadsClerk));
        var failed = Assert.Single(view.Schedule!.Recent);
        Assert.Null(failed.OrderId);
        Assert.Contains("больше не работает", failed.Failure);
        Assert.Empty(await IssuedAsync());
    }

    /// <summary>Holds every context that has just read whether an occurrence is recorded until two have.</summary>
    private sealed class OccurrenceCheckBarrier(Barrier barrier) : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private int _held;
        public int Held => Volatile.Read(ref _held);

        public override async ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(System.Data.Common.DbCommand command,
            Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, System.Data.Common.DbDataReader result, CancellationToken ct = default)
        {
            if (command.CommandText.Contains("\"ScheduleOccurrences\"") && command.CommandText.Contains("EXISTS") && Interlocked.Increment(ref _held) <= 2)
                await Task.Run(() => barrier.SignalAndWait(TimeSpan.FromSeconds(10)), ct);
            return result;
        }
    }
}
