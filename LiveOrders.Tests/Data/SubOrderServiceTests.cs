using LiveOrders.Core;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveOrders.Tests.Data;

/// <summary>Sub-orders through the use cases, on a real database: due dates, visibility through the parent, approval.</summary>
public sealed class SubOrderServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>Roads → Housing, accepted by Housing (due in three days).</summary>
    private async Task<CreatedOrder> ParentInProgressAsync()
    {
        var parent = await _db.SendRoadsToHousingAsync();
        var accepted = await _db.Orders.ExecuteAsync(_db.HousingHead, parent.Id, await _db.VersionOfAsync(parent.Id), new AcceptOrder());
        Assert.True(accepted.Ok, accepted.Message);
        return parent;
    }

    private Task<Result<IReadOnlyList<CreatedOrder>>> SubOrderAsync(int parentId, DateTime dueAt) =>
        _db.Orders.CreateAsync(_db.HousingHead, new NewOrder("Подготовить смету", null, [_db.Finance.Id], Priority.Normal, dueAt, ParentId: parentId));

    [Fact]
    public async Task SubOrder_DueAfterItsParent_IsRefused_AndNothingIsSaved()
    {
        var parent = await ParentInProgressAsync();

        var result = await SubOrderAsync(parent.Id, _db.Time.UtcNow.AddDays(4));

        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.Equal("dueAt", result.Field);
        Assert.StartsWith("Срок подпоручения не может быть позже срока родительского поручения (", result.Message);
        await using var db = _db.CreateDbContext();
        Assert.False(await db.Orders.AnyAsync(o => o.ParentId == parent.Id));
    }

    [Fact]
    public async Task SubOrderExtension_BeyondTheParentsDueDate_IsRefused()
    {
        var parent = await ParentInProgressAsync();
        var sub = (await SubOrderAsync(parent.Id, _db.Time.UtcNow.AddDays(2))).Value![0];

        var result = await _db.Orders.ExecuteAsync(_db.FinanceHead, sub.Id, await _db.VersionOfAsync(sub.Id),
            new RequestExtension(_db.Time.UtcNow.AddDays(5), "Не успеваем"));

        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.StartsWith("Срок подпоручения не может быть позже", result.Message);
        var within = await _db.Orders.ExecuteAsync(_db.FinanceHead, sub.Id, await _db.VersionOfAsync(sub.Id),
            new RequestExtension(_db.Time.UtcNow.AddDays(3), "Не успеваем"));
        Assert.True(within.Ok, within.Message);
    }

    [Fact]
    public async Task SubOrderDueTime_ChangedByItsAuthorBeyondTheParents_IsRefused()
    {
        var parent = await ParentInProgressAsync();
        var sub = (await SubOrderAsync(parent.Id, _db.Time.UtcNow.AddDays(2))).Value![0];

        var result = await _db.Orders.ExecuteAsync(_db.HousingHead, sub.Id, await _db.VersionOfAsync(sub.Id),
            new ChangeDue(_db.Time.UtcNow.AddDays(5), "Смета сложнее, чем казалось"));

        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.StartsWith("Срок подпоручения не может быть позже", result.Message);
        var within = await _db.Orders.ExecuteAsync(_db.HousingHead, sub.Id, await _db.VersionOfAsync(sub.Id),
            new ChangeDue(_db.Time.UtcNow.AddDays(3), "Смета сложнее, чем казалось"));
        Assert.True(within.Ok, within.Message);
    }

    [Fact]
    public async Task ParentsAuthor_SeesTheSubOrder_InTheParentsTreeAndOnItsOwnPage()
    {
        var parent = await ParentInProgressAsync();
        var sub = (await SubOrderAsync(parent.Id, _db.Time.UtcNow.AddDays(2))).Value![0];

        var parentPage = await _db.Queries.GetAsync(_db.RoadsHead, parent.Id);
        Assert.Equal([sub.Id], parentPage.Value!.SubOrders.Select(s => s.Id));
        var subPage = await _db.Queries.GetAsync(_db.RoadsHead, sub.Id);
        Assert.True(subPage.Ok, subPage.Message);
        Assert.Contains(OrderAction.Comment, subPage.Value!.AllowedActions);
        // The live change of the sub-order carries its parent, so the parent's author's screens receive it.
        var created = _db.Feed.Published.Last(c => c.OrderId == sub.Id);
        Assert.True(OrderPolicy.CanView(_db.RoadsHead, created.Audience));
        Assert.Equal(parent.Id, created.Audience.ParentId);
    }

    [Fact]
    public async Task Parent_WithAnOpenSubOrder_IsApprovedOnlyWithAReason_RecordedInItsHistory()
    {
        var parent = await ParentInProgressAsync();
        await SubOrderAsync(parent.Id, _db.Time.UtcNow.AddDays(2));
        var submitted = await _db.Orders.ExecuteAsync(_db.HousingHead, parent.Id, await _db.VersionOfAsync(parent.Id), new SubmitOrder("Готово"));
        Assert.True(submitted.Ok, submitted.Message);

        var refused = await _db.Orders.ExecuteAsync(_db.RoadsHead, parent.Id, submitted.Value, new ApproveOrder(5));
        Assert.Equal(Failure.Invalid, refused.Failure);
        Assert.StartsWith("Не завершено подпоручений: 1.", refused.Message);

        var approved = await _db.Orders.ExecuteAsync(_db.RoadsHead, parent.Id, submitted.Value, new ApproveOrder(5, "Смета уже не нужна"));
        Assert.True(approved.Ok, approved.Message);
        await using var db = _db.CreateDbContext();
        var last = await db.OrderEvents.Where(e => e.OrderId == parent.Id).OrderBy(e => e.Id).LastAsync();
        Assert.Equal((OrderEventKind.Approved, "Смета уже не нужна"), (last.Kind, last.Reason));
    }

    [Fact]
    public async Task Parent_WhoseSubOrdersAreClosed_IsApprovedWithoutConfirmation()
    {
        var parent = await ParentInProgressAsync();
        var sub = (await SubOrderAsync(parent.Id, _db.Time.UtcNow.AddDays(2))).Value![0];
        var cancelled = await _db.Orders.ExecuteAsync(_db.HousingHead, sub.Id, await _db.VersionOfAsync(sub.Id), new CancelOrder("Не нужно"));
        Assert.True(cancelled.Ok, cancelled.Message);
        var submitted = await _db.Orders.ExecuteAsync(_db.HousingHead, parent.Id, await _db.VersionOfAsync(parent.Id), new SubmitOrder("Готово"));

        var approved = await _db.Orders.ExecuteAsync(_db.RoadsHead, parent.Id, submitted.Value, new ApproveOrder());

        Assert.True(approved.Ok, approved.Message);
    }

    [Fact]
    public async Task ASubOrdersOverdueFact_ReachesTheParentsAuthorsScreens()
    {
        var parent = await ParentInProgressAsync();
        var due = _db.Time.UtcNow.AddDays(1);
        var sub = (await SubOrderAsync(parent.Id, due)).Value![0];
        // The parent (due two days later) is nowhere near its own reminder, so the watcher's batch holds the sub-order alone.
        var watcher = ActivatorUtilities.CreateInstance<DeadlineWatcher>(_db.Services,
            Options.Create(new DeadlineOptions { ReminderLead = TimeSpan.FromHours(1), EscalateToCuratorAfter = TimeSpan.FromDays(1) }));

        await watcher.ProcessDueAsync(due);

        var overdue = _db.Feed.Published.Last(c => c.OrderId == sub.Id);
        Assert.Equal(OrderEventKind.Overdue, overdue.Event);
        Assert.True(OrderPolicy.CanView(_db.RoadsHead, overdue.Audience));
    }
}
