using LiveOrders.Core;
using LiveOrders.Core.Notifications;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Data;

public sealed class NotificationTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private NotificationInbox _inbox = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _inbox = new NotificationInbox(_db, _db.Time);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<List<(int Recipient, NotificationKind Kind)>> NotificationsAsync(int orderId)
    {
        await using var db = _db.CreateDbContext();
        return (await db.Notifications.Where(n => n.OrderId == orderId).OrderBy(n => n.Id).ToListAsync())
            .Select(n => (n.RecipientId, n.Kind)).ToList();
    }

    [Fact]
    public async Task EachStepNotifiesThePeopleItConcerns_ButNeverTheOneWhoActed()
    {
        var order = await _db.SendRoadsToHousingAsync();
        Assert.Equal([(_db.HousingHead.EmployeeId, NotificationKind.NewForDepartment)], await NotificationsAsync(order.Id));

        var v = await _db.VersionOfAsync(order.Id);
        v = (await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, v, new AcceptOrder())).Value;
        v = (await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, v, new AssignOrder(_db.HousingClerk.EmployeeId))).Value;
        v = (await _db.Orders.ExecuteAsync(_db.HousingClerk, order.Id, v, new SubmitOrder("Готово"))).Value;
        await _db.Orders.ExecuteAsync(_db.RoadsHead, order.Id, v, new ReturnOrder("Нет фото"));

        Assert.Equal(
        [
            (_db.HousingHead.EmployeeId, NotificationKind.NewForDepartment),
            (_db.HousingClerk.EmployeeId, NotificationKind.AssignedToMe),
            (_db.RoadsHead.EmployeeId, NotificationKind.ReviewRequested),
            (_db.HousingClerk.EmployeeId, NotificationKind.Returned),
        ], await NotificationsAsync(order.Id));
        Assert.Equal(2, await _inbox.UnreadCountAsync(_db.HousingClerk));
        var returned = (await _inbox.LatestAsync(_db.HousingClerk))[0];
        Assert.Contains("возвращено на доработку — Нет фото", returned.Text);

        await _inbox.MarkReadAsync(_db.HousingClerk);
        Assert.Equal(0, await _inbox.UnreadCountAsync(_db.HousingClerk));
        Assert.Equal(1, await _inbox.UnreadCountAsync(_db.RoadsHead));
    }

    [Fact]
    public async Task AMention_NotifiesSomeoneWhoSeesTheOrder_AndRefusesAStranger()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var mentionable = (await _db.Queries.MentionableAsync(_db.RoadsHead, order.Id)).Select(p => p.Id).ToList();
        Assert.Contains(_db.HousingClerk.EmployeeId, mentionable);
        Assert.Contains(_db.Deputy.EmployeeId, mentionable);
        Assert.DoesNotContain(_db.FinanceHead.EmployeeId, mentionable);

        var stranger = await _db.Orders.CommentAsync(_db.RoadsHead, order.Id, "@Финансовый посмотрите", [_db.FinanceHead.EmployeeId]);
        Assert.Equal(Failure.Invalid, stranger.Failure);

        var ok = await _db.Orders.CommentAsync(_db.RoadsHead, order.Id, "@Жилищный С. посмотрите", [_db.HousingClerk.EmployeeId]);
        Assert.True(ok.Ok, ok.Message);
        Assert.Contains((_db.HousingClerk.EmployeeId, NotificationKind.Mention), await NotificationsAsync(order.Id));
        Assert.Contains(_db.Feed.Published, c => c.Kind == LiveOrders.Core.Live.OrderChangeKind.Commented
            && c.Notifications!.Any(n => n.RecipientId == _db.HousingClerk.EmployeeId && n.Kind == NotificationKind.Mention));
    }
}
