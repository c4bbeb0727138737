using LiveOrders.Core.Calendar;
using LiveOrders.Core.Data;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Templates;
using LiveOrders.Core.Time;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LiveOrders.Tests.Data;

/// <summary>
/// The issuer on the real clock, running as in the app: a schedule due a few seconds ahead issues its order once, at
/// (never before) its instant. How late is measured and reported, not asserted: a limit on the wall clock flakes on a
/// busy machine (the deadline watcher's real-clock test holds that limit for the shared sleeping pattern).
/// </summary>
[Collection(RealClockCollection.Name)]
[Trait(RealClockCollection.Trait, RealClockCollection.Name)]
public sealed class RecurringRealTimeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private ServiceProvider _app = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        var pooled = _db.ConnectionString.Replace("Pooling=False", "Pooling=True");
        _app = _db.BuildServices(s => s
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IWorkingCalendarSource>(new EveryDayWorks())
            .AddDbContextFactory<LiveOrdersDbContext>(o => o.UseLiveOrdersDatabase(_db.Provider, pooled)));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task AScheduleDueInFiveSeconds_IssuesItsOrderOnce_AtItsInstant()
    {
        var time = _app.GetRequiredService<MunicipalTime>();
        var templates = _app.GetRequiredService<OrderTemplates>();
        var issuer = _app.GetRequiredService<RecurringOrderIssuer>();
        var seen = new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = _db.Feed.Subscribe(c => c.Kind == OrderChangeKind.Created && c.Card!.Title == "Сводка по обращениям",
            _ => { seen.TrySetResult(time.UtcNow); return Task.CompletedTask; });
        await issuer.StartAsync(CancellationToken.None);
        try
        {
            var saved = await templates.CreateAsync(_db.RoadsHead,
                new TemplateContent("Сводка по обращениям", null, [_db.Housing.Id], Priority.Normal, new Term(2, TermKind.WorkingDays)));
            Assert.True(saved.Ok, saved.Message);
            var instant = time.UtcNow.AddSeconds(5);
            var local = time.ToLocal(instant);
            var scheduled = await templates.SetScheduleAsync(_db.RoadsHead, saved.Value, new Recurrence(RecurrenceKind.Weekly, 0,
                local.DayOfWeek, DateOnly.FromDateTime(local), null, TimeOnly.FromDateTime(local)), null);
            Assert.True(scheduled.Ok, scheduled.Message);

            var published = await seen.Task.WaitAsync(TimeSpan.FromSeconds(60));

            await using var db = _db.CreateDbContext();
            var order = await db.Orders.SingleAsync(o => o.Title == "Сводка по обращениям");
            Assert.True(order.CreatedAt >= instant, $"issued {(instant - order.CreatedAt).TotalMilliseconds:F0} ms early");
            Assert.Equal(1, await db.ScheduleOccurrences.CountAsync());
            output.WriteLine($"Issued {(order.CreatedAt - instant).TotalMilliseconds:F0} ms after its instant, published {(published - instant).TotalMilliseconds:F0} ms after.");
        }
        finally
        {
            await issuer.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A calendar in which today is a working day, whatever day the test runs on.</summary>
    private sealed class EveryDayWorks : IWorkingCalendarSource
    {
        public WorkingCalendar Current { get; } = new(Enumerable.Range(DateTime.UtcNow.Year - 1, 3).Select(year => new CalendarYear(year,
            new HashSet<DateOnly>(),
            Enumerable.Range(0, 366).Select(d => new DateOnly(year, 1, 1).AddDays(d)).Where(d => d.Year == year).ToHashSet())));
    }
}
