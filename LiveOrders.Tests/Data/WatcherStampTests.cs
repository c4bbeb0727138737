using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>
/// The watcher's stamps (overdue, reminder, escalation) are not edits: a person who acts on the version
/// they saw is not refused because of them, and neither side's write loses the other's.
/// </summary>
public sealed class WatcherStampTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private readonly BeforeNextSave _beforeSave = new();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _db.AddInterceptor(_beforeSave);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private DeadlineWatcher Watcher => _db.Services.GetRequiredService<DeadlineWatcher>();

    private async Task<(int Id, DateTime Due, int Version)> InProgressAsync()
    {
        var created = await _db.SendRoadsToHousingAsync();
        var accepted = await _db.Orders.ExecuteAsync(_db.HousingHead, created.Id, await _db.VersionOfAsync(created.Id), new AcceptOrder());
        Assert.True(accepted.Ok, accepted.Message);
        await using var db = _db.CreateDbContext();
        return (created.Id, await db.Orders.Where(o => o.Id == created.Id).Select(o => o.DueAt).SingleAsync(), accepted.Value);
    }

    private async Task<Order> StoredAsync(int id)
    {
        await using var db = _db.CreateDbContext();
        return await db.Orders.Include(o => o.History).SingleAsync(o => o.Id == id);
    }

    [Fact]
    public async Task ActingWithTheVersionSeenBeforeTheOrderWasRecordedOverdue_IsAccepted()
    {
        var (id, due, seen) = await InProgressAsync();
        _db.Clock.Set(due.AddSeconds(1));
        Assert.Equal(1, await Watcher.ProcessDueAsync(_db.Time.UtcNow));

        var submitted = await _db.Orders.ExecuteAsync(_db.HousingHead, id, seen, new SubmitOrder("Сделано с опозданием", DelayReasonId: 2));

        Assert.True(submitted.Ok, submitted.Message);
        var stored = await StoredAsync(id);
        Assert.Equal(OrderStatus.OnReview, stored.Status);
        Assert.NotNull(stored.OverdueRecordedAt);
        Assert.Contains(stored.History, e => e.Kind == OrderEventKind.Overdue);
    }

    [Fact]
    public async Task ThePersonsWrite_RacingTheOverdueStamp_KeepsTheStamp()
    {
        var (id, due, seen) = await InProgressAsync();
        _db.Clock.Set(due.AddSeconds(1));
        // The person's copy is read before the stamp; the watcher stamps the order between that read and the person's save.
        _beforeSave.Arm(() => Watcher.ProcessDueAsync(_db.Time.UtcNow));

        var assigned = await _db.Orders.ExecuteAsync(_db.HousingHead, id, seen, new AssignOrder(_db.HousingClerk.EmployeeId));

        Assert.True(assigned.Ok, assigned.Message);
        var stored = await StoredAsync(id);
        Assert.Equal(_db.HousingClerk.EmployeeId, stored.ResponsibleId);
        Assert.Equal(_db.Time.UtcNow, stored.OverdueRecordedAt);
        Assert.Single(stored.History, e => e.Kind == OrderEventKind.Overdue);
    }

    [Fact]
    public async Task AnExtensionApproved_RacingTheOverdueStamp_GivesTheNewDueTimeItsOwnOverdueFact()
    {
        var (id, due, _) = await InProgressAsync();
        var newDue = due.AddDays(2);
        var requested = await _db.Orders.ExecuteAsync(_db.HousingHead, id, await _db.VersionOfAsync(id), new RequestExtension(newDue, "Нужны материалы"));
        Assert.True(requested.Ok, requested.Message);
        _db.Clock.Set(due.AddSeconds(1));
        _beforeSave.Arm(() => Watcher.ProcessDueAsync(_db.Time.UtcNow));   // the old due time is stamped while the author decides

        var approved = await _db.Orders.ExecuteAsync(_db.RoadsHead, id, requested.Value, new DecideExtension(true));

        Assert.True(approved.Ok, approved.Message);
        var stored = await StoredAsync(id);
        Assert.Equal(newDue, stored.DueAt);
        Assert.Null(stored.OverdueRecordedAt);                                // cleared for the new due time
        Assert.Equal(newDue, await Watcher.NextInstantAsync(_db.Time.UtcNow.AddDays(1)));
        await Watcher.ProcessDueAsync(newDue);
        Assert.Equal([due, newDue], (await StoredAsync(id)).History.Where(e => e.Kind == OrderEventKind.Overdue).Select(e => e.At).Order());
    }

    /// <summary>Runs an armed action once, just before the next save of any context touches the database.</summary>
    private sealed class BeforeNextSave : SaveChangesInterceptor
    {
        private Func<Task>? _armed;

        public void Arm(Func<Task> action) => _armed = action;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken ct = default)
        {
            if (Interlocked.Exchange(ref _armed, null) is { } action) await action();
            return result;
        }
    }
}
