using LiveOrders.Core.Data;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Live;
using LiveOrders.Core.Notifications;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>
/// An operation notifies, publishes and mails its own new event only, even when the order it acts on
/// was loaded with its whole history (here every query of an order includes it, as one careless
/// <c>Include</c> would).
/// </summary>
public sealed class LoadedHistoryTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private ServiceProvider _including = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _db.Mail.Enabled = true;
        _db.Mail.BaseUrl = "http://liveorders.test";
        _including = _db.BuildServices(s => s.AddSingleton<IDbContextFactory<LiveOrdersDbContext>>(new HistoryIncludingFactory(_db)));
    }

    public async Task DisposeAsync()
    {
        await _including.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<int> AcceptedOrderAsync()
    {
        var created = await _db.SendRoadsToHousingAsync();
        var accepted = await _db.Orders.ExecuteAsync(_db.HousingHead, created.Id, await _db.VersionOfAsync(created.Id), new AcceptOrder());
        Assert.True(accepted.Ok, accepted.Message);
        return created.Id;
    }

    private async Task<(List<Notification> Notices, List<string> Subjects)> WrittenAfterAsync(long notificationId, long emailId)
    {
        await using var db = _db.CreateDbContext();
        return (await db.Notifications.Where(n => n.Id > notificationId).ToListAsync(),
            await db.EmailMessages.Where(m => m.Id > emailId).Select(m => m.Subject).ToListAsync());
    }

    private async Task<(long Notification, long Email)> MarksAsync()
    {
        await using var db = _db.CreateDbContext();
        return (await db.Notifications.MaxAsync(n => (long?)n.Id) ?? 0, await db.EmailMessages.MaxAsync(m => (long?)m.Id) ?? 0);
    }

    [Fact]
    public async Task ActingOnAnOrderLoadedWithItsHistory_NotifiesPublishesAndMailsOnlyTheNewEvent()
    {
        var id = await AcceptedOrderAsync();
        await using (var probe = new HistoryIncludingFactory(_db).CreateDbContext())
            Assert.Equal(3, (await probe.Orders.SingleAsync(o => o.Id == id)).History.Count);   // the set-up does load it whole
        var (notificationMark, emailMark) = await MarksAsync();
        var publishedBefore = _db.Feed.Published.Count;

        var orders = _including.GetRequiredService<OrderService>();
        var assigned = await orders.ExecuteAsync(_db.HousingHead, id, await _db.VersionOfAsync(id), new AssignOrder(_db.HousingClerk.EmployeeId));

        Assert.True(assigned.Ok, assigned.Message);
        var (notices, subjects) = await WrittenAfterAsync(notificationMark, emailMark);
        var notice = Assert.Single(notices);
        Assert.Equal((NotificationKind.AssignedToMe, _db.HousingClerk.EmployeeId), (notice.Kind, notice.RecipientId));
        Assert.StartsWith(NotificationKind.AssignedToMe.Russian(), Assert.Single(subjects));
        var published = Assert.Single(_db.Feed.Published.Skip(publishedBefore));
        Assert.Equal(OrderEventKind.Assigned, published.Event);
        Assert.Equal([NotificationKind.AssignedToMe], published.Notifications!.Select(n => n.Kind));
    }

    [Fact]
    public async Task TheWatcher_OnAnOrderLoadedWithItsHistory_PublishesTheOverdueEventAndItsNoticesOnly()
    {
        var id = await AcceptedOrderAsync();
        var due = _db.Time.UtcNow.AddDays(3);
        var (notificationMark, _) = await MarksAsync();
        var publishedBefore = _db.Feed.Published.Count;

        await _including.GetRequiredService<DeadlineWatcher>().ProcessDueAsync(due.AddMinutes(1));

        var (notices, _) = await WrittenAfterAsync(notificationMark, long.MaxValue);
        Assert.All(notices, n => Assert.Contains(n.Kind, new[] { NotificationKind.DueSoon, NotificationKind.Overdue }));
        var published = Assert.Single(_db.Feed.Published.Skip(publishedBefore), c => c.OrderId == id);
        Assert.Equal((OrderChangeKind.Transition, OrderEventKind.Overdue), (published.Kind, published.Event));
    }

    /// <summary>Contexts whose model includes an order's history in every query of orders.</summary>
    private sealed class HistoryIncludingFactory(TestDatabase database) : IDbContextFactory<LiveOrdersDbContext>
    {
        private readonly DbContextOptions<LiveOrdersDbContext> _options = new DbContextOptionsBuilder<LiveOrdersDbContext>()
            .UseLiveOrdersDatabase(database.Provider, database.ConnectionString)
            .ReplaceService<IModelCustomizer, IncludeHistory>()   // its own model, not shared with the other tests' contexts
            .Options;

        public LiveOrdersDbContext CreateDbContext() => new(_options);
    }

    private sealed class IncludeHistory(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<Order>().Navigation(o => o.History).AutoInclude();
        }
    }
}
