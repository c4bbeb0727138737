using LiveOrders.Core.Notifications;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Data;

/// <summary>Control through the service on a real database: who hears of it, who sees it, what is published.</summary>
public sealed class OrderControlTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<List<int>> RecipientsAsync(int id, NotificationKind kind)
    {
        await using var db = _db.CreateDbContext();
        return await db.Notifications.Where(n => n.OrderId == id && n.Kind == kind).Select(n => n.RecipientId).ToListAsync();
    }

    private async Task Run(LiveOrders.Core.Organization.Actor actor, int id, OrderCommand command)
    {
        var result = await _db.Orders.ExecuteAsync(actor, id, await _db.VersionOfAsync(id), command);
        Assert.True(result.Ok, result.Message);
    }

    [Fact]
    public async Task TheController_IsToldWhenTheOrderGoesOut_AndHearsWhatTheAuthorHears()
    {
        var controller = _db.FinanceHead;   // unrelated to Roads → Housing but for being its controller
        var id = (await _db.SendRoadsToHousingAsync(onControl: true, controllerId: controller.EmployeeId)).Id;
        Assert.Equal([controller.EmployeeId], await RecipientsAsync(id, NotificationKind.ControllerAssigned));

        var listed = await _db.Queries.ListAsync(controller, new OrderFilter(OrderScope.All));
        Assert.Contains(listed.Items, o => o.Id == id);

        await Run(_db.HousingHead, id, new AcceptOrder());
        await Run(_db.HousingHead, id, new SubmitOrder("Готово"));
        Assert.Equal([_db.RoadsHead.EmployeeId, controller.EmployeeId], (await RecipientsAsync(id, NotificationKind.ReviewRequested)).Order());
    }

    [Fact]
    public async Task ChangingTheController_TellsThePreviousOneOnce_AndTheNewOneThatSheIsNamed()
    {
        var previous = _db.FinanceHead;
        var next = _db.RoadsClerk;
        var id = (await _db.SendRoadsToHousingAsync(onControl: true, controllerId: previous.EmployeeId)).Id;

        await Run(_db.RoadsHead, id, new ChangeControllerOrder(next.EmployeeId));

        await using var db = _db.CreateDbContext();
        var toPrevious = await db.Notifications.Where(n => n.OrderId == id && n.RecipientId == previous.EmployeeId)
            .OrderBy(n => n.Id).Select(n => new { n.Kind, n.Text }).ToListAsync();
        // The first is from the order going out; the change adds exactly one.
        Assert.Equal(2, toPrevious.Count);
        Assert.Equal(NotificationKind.ControlChanged, toPrevious[1].Kind);
        Assert.Contains("вы больше не контролёр поручения", toPrevious[1].Text);
        var toNext = Assert.Single(await db.Notifications.Where(n => n.OrderId == id && n.RecipientId == next.EmployeeId).ToListAsync());
        Assert.Equal(NotificationKind.ControllerAssigned, toNext.Kind);
        Assert.Contains("вы назначены контролёром поручения", toNext.Text);
    }

    [Fact]
    public async Task TakingOffControl_TellsTheAuthorTheControllerAndTheExecutors_AndIsPublishedWithTheCard()
    {
        var id = (await _db.SendRoadsToHousingAsync(onControl: true, controllerId: _db.FinanceHead.EmployeeId)).Id;

        await Run(_db.Deputy, id, new TakeOffControlOrder("Вопрос снят на совещании"));

        Assert.Equal([_db.RoadsHead.EmployeeId, _db.HousingHead.EmployeeId, _db.FinanceHead.EmployeeId],
            (await RecipientsAsync(id, NotificationKind.ControlChanged)).Order());
        var change = Assert.Single(_db.Feed.Published, c => c.OrderId == id && c.Event == OrderEventKind.TakenOffControl);
        Assert.False(change.Card!.OnControl);
        Assert.True(change.Card.TakenOffControl);
        Assert.Equal(_db.FinanceHead.EmployeeId, change.Audience.ControllerId);
    }

    [Fact]
    public async Task TheCuratorsExpediting_RaisesThePriority_AndReachesTheExecutingHead()
    {
        var id = (await _db.SendRoadsToHousingAsync()).Id;

        await Run(_db.Deputy, id, new ExpediteOrder("Жалобы жителей в приёмную главы"));

        var details = (await _db.Queries.GetAsync(_db.RoadsHead, id)).Value!;
        Assert.Equal(Priority.High, details.Priority);
        Assert.Equal("Приоритет: Обычный → Высокий. Жалобы жителей в приёмную главы", details.History.Last().Reason);
        Assert.Contains(_db.HousingHead.EmployeeId, await RecipientsAsync(id, NotificationKind.Expedited));
        var refused = await _db.Orders.ExecuteAsync(_db.RoadsHead, id, details.Version, new ExpediteOrder("Мне тоже надо"));
        Assert.Equal(LiveOrders.Core.Failure.Forbidden, refused.Failure);
    }

    [Fact]
    public async Task AControllerWhoLeft_IsRefused_AndTheOrderKeepsItsController()
    {
        var id = (await _db.SendRoadsToHousingAsync()).Id;
        await using (var db = _db.CreateDbContext())
        {
            var clerk = await db.Employees.SingleAsync(e => e.Id == _db.RoadsClerk.EmployeeId);
            clerk.IsActive = false;
            await db.SaveChangesAsync();
        }
        var version = await _db.VersionOfAsync(id);

        var result = await _db.Orders.ExecuteAsync(_db.RoadsHead, id, version, new ChangeControllerOrder(_db.RoadsClerk.EmployeeId));

        Assert.False(result.Ok);
        Assert.Equal(OrderCommand.ControllerNotFound, result.Message);
        Assert.Equal(version, await _db.VersionOfAsync(id));
    }
}
