using LiveOrders.Core.Control;
using LiveOrders.Core.Notifications;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>
/// Ping-pong through the services on real SQLite: the forward that makes it (with the order loaded without its history,
/// as the service loads it), the curating deputy's notification, the card's flag, the panel's list and the order's chain.
/// </summary>
public sealed class PingPongServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task ForwardAsync(Actor by, int orderId, Department to)
    {
        var result = await _db.Orders.ExecuteAsync(by, orderId, await _db.VersionOfAsync(orderId), new ForwardOrder(to.Id, "Не наш вопрос"));
        Assert.True(result.Ok, result.Message);
    }

    private async Task<List<Notification>> NotificationsAsync(int orderId, NotificationKind kind)
    {
        await using var db = _db.CreateDbContext();
        return await db.Notifications.Where(n => n.OrderId == orderId && n.Kind == kind).ToListAsync();
    }

    /// <summary>Housing → Finance → Housing: the order issued by Roads comes back to Housing, which the deputy curates.</summary>
    private async Task<int> BouncedAsync()
    {
        var id = (await _db.SendRoadsToHousingAsync()).Id;
        _db.Clock.Advance(TimeSpan.FromHours(2));
        await ForwardAsync(_db.HousingHead, id, _db.Finance);
        _db.Clock.Advance(TimeSpan.FromHours(3));
        await ForwardAsync(_db.FinanceHead, id, _db.Housing);
        return id;
    }

    [Fact]
    public async Task APingPong_NotifiesTheCuratingDeputyOnce_AndNoDeputyWhoCannotSeeTheOrder()
    {
        // Another deputy curates Finance, the department that sent the order back; the order is now Housing's and Roads',
        // which she does not curate, so she may not see it and is not told of it.
        int otherDeputy;
        await using (var db = _db.CreateDbContext())
        {
            var other = new Employee { FullName = "Другая Заместительница", Position = "Заместитель главы", DepartmentId = _db.Deputy.DepartmentId, Role = Role.DeputyHead };
            db.Employees.Add(other);
            await db.SaveChangesAsync();
            otherDeputy = other.Id;
            await db.Departments.Where(d => d.Id == _db.Finance.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.CuratorId, other.Id));
        }
        var id = (await _db.SendRoadsToHousingAsync()).Id;
        await ForwardAsync(_db.HousingHead, id, _db.Finance);
        Assert.Empty(await NotificationsAsync(id, NotificationKind.PingPong));

        await ForwardAsync(_db.FinanceHead, id, _db.Housing);

        var notice = Assert.Single(await NotificationsAsync(id, NotificationKind.PingPong));
        Assert.Equal(_db.Deputy.EmployeeId, notice.RecipientId);
        Assert.Contains("вернулось из подразделения «Финансы» в «ЖКХ»", notice.Text);
        Assert.DoesNotContain(await NotificationsAsync(id, NotificationKind.PingPong), n => n.RecipientId == otherDeputy);
        // Published with the change (announced as the forward it is), for the deputy's bell.
        Assert.Contains(_db.Feed.Published, c => c.OrderId == id && c.Event == OrderEventKind.Forwarded
            && c.Notifications!.Any(n => n.RecipientId == _db.Deputy.EmployeeId && n.Kind == NotificationKind.PingPong));

        // What happens to the order afterwards does not tell her again.
        var accepted = await _db.Orders.ExecuteAsync(_db.HousingHead, id, await _db.VersionOfAsync(id), new AcceptOrder());
        Assert.True(accepted.Ok, accepted.Message);
        Assert.Single(await NotificationsAsync(id, NotificationKind.PingPong));

        // A second return is a second occurrence: told once more.
        await ForwardAsync(_db.HousingHead, id, _db.Roads);
        await ForwardAsync(_db.RoadsHead, id, _db.Housing);
        Assert.Equal(2, (await NotificationsAsync(id, NotificationKind.PingPong)).Count);
        await using var check = _db.CreateDbContext();
        Assert.Equal(2, await check.Orders.Where(o => o.Id == id).Select(o => o.PingPongCount).SingleAsync());
    }

    [Fact]
    public async Task AForwardWithoutTheOrdersHistory_IsRefused_RatherThanMissingAPingPong()
    {
        var id = (await _db.SendRoadsToHousingAsync()).Id;
        await using var db = _db.CreateDbContext();
        var order = await db.Orders.SingleAsync(o => o.Id == id);

        Assert.Throws<InvalidOperationException>(() => order.Forward(_db.HousingHead.EmployeeId, _db.Time.UtcNow, _db.Finance.Id, "Не наш вопрос"));
    }

    [Fact]
    public async Task AForwardOnward_IsNoPingPong_AndNotifiesNoDeputy()
    {
        var id = (await _db.SendRoadsToHousingAsync()).Id;
        await ForwardAsync(_db.HousingHead, id, _db.Finance);
        await ForwardAsync(_db.FinanceHead, id, _db.Roads);   // Roads issued it but never held it

        Assert.Empty(await NotificationsAsync(id, NotificationKind.PingPong));
        var card = await _db.Queries.CardAsync(_db.RoadsHead, id);
        Assert.Equal(0, card!.PingPongCount);
        Assert.Null(card.PingPongReturnedTo);
    }

    [Fact]
    public async Task TheCardAndThePanel_NameTheDepartments_AndTheOrderPageShowsTheChainWithDurations()
    {
        var id = await BouncedAsync();
        _db.Clock.Advance(TimeSpan.FromHours(4));

        var card = (await _db.Queries.BoardAsync(_db.HousingHead, _db.Housing.Id))!.Single(c => c.Id == id);
        Assert.Equal((1, "ЖКХ", "Финансы"), (card.PingPongCount, card.PingPongReturnedTo, card.PingPongSentBackBy));

        var scope = await _db.Services.GetRequiredService<ControlQueries>().ScopeAsync(_db.Deputy);
        var snapshot = await _db.Services.GetRequiredService<ControlQueries>().SnapshotAsync(scope);
        var listed = Assert.Single(snapshot.PingPongs!);
        Assert.Equal((id, "ЖКХ", "Финансы", 1, "ЖКХ"), (listed.OrderId, listed.ReturnedTo, listed.SentBackBy, listed.Count, listed.Department));

        var custody = (await _db.Queries.GetAsync(_db.RoadsHead, id)).Value!.Custody!;
        Assert.Equal(["ЖКХ", "Финансы", "ЖКХ"], custody.Steps.Select(s => s.Holder));
        Assert.Equal([TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(4)], custody.Steps.Select(s => s.Duration));
        Assert.Equal(CustodyStayEnd.Open, custody.Steps[^1].End);
        Assert.True(custody.Steps[^1].ArrivedBack);
        Assert.Equal(["ЖКХ", "Финансы", "ЖКХ"], Assert.Single(custody.PingPongs).Loop);
    }

    [Fact]
    public async Task ThePanel_ListsOnlyOpenOrdersOfItsDepartments()
    {
        var id = await BouncedAsync();
        var queries = _db.Services.GetRequiredService<ControlQueries>();
        var finance = new DepartmentRef(_db.Finance.Id, _db.Finance.Name, _db.Finance.ShortName, _db.Finance.ParentId);
        Assert.Empty((await queries.SnapshotAsync([finance])).PingPongs!);

        var cancelled = await _db.Orders.ExecuteAsync(_db.RoadsHead, id, await _db.VersionOfAsync(id), new CancelOrder("Не нужно"));
        Assert.True(cancelled.Ok, cancelled.Message);
        var scope = await queries.ScopeAsync(_db.Deputy);
        Assert.Empty((await queries.SnapshotAsync(scope)).PingPongs!);
    }
}
