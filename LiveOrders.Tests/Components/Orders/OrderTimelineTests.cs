using Bunit;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Orders;

namespace LiveOrders.Tests.Components.Orders;

public sealed class OrderTimelineTests
{
    [Fact]
    public async Task HistoryAndComments_AreOneStory_NewestFirst_InTheMunicipalitysTime()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await database.Orders.CommentAsync(database.HousingHead, id, "Уточните адрес")).Ok);
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await database.Orders.ExecuteAsync(database.HousingHead, id, await database.VersionOfAsync(id), new AcceptOrder())).Ok);
        var details = (await database.Queries.GetAsync(database.HousingHead, id)).Value!;
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);

        var timeline = ctx.Render<OrderTimeline>(p => p.Add(x => x.Details, details));

        var entries = timeline.FindAll("[data-testid=timeline-event], [data-testid=timeline-comment]").Select(e => e.TextContent).ToList();
        Assert.Contains("Принято в работу", entries[0]);
        Assert.Contains("Уточните адрес", entries[1]);
        Assert.Equal(details.History.Count + 1, entries.Count);
        // 03:10 UTC is 10:10 in Novokuznetsk (UTC+7).
        Assert.Contains("02.03.2026 10:10", entries[0]);
    }

    [Fact]
    public async Task AChangeOfController_SaysWhoItBecame()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        Assert.True((await database.Orders.ExecuteAsync(database.RoadsHead, id, await database.VersionOfAsync(id),
            new ChangeControllerOrder(database.FinanceHead.EmployeeId))).Ok);
        Assert.True((await database.Orders.ExecuteAsync(database.RoadsHead, id, await database.VersionOfAsync(id),
            new ChangeControllerOrder(null, "Контроль не нужен"))).Ok);
        var details = (await database.Queries.GetAsync(database.RoadsHead, id)).Value!;
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);

        var timeline = ctx.Render<OrderTimeline>(p => p.Add(x => x.Details, details));

        var changes = timeline.FindAll("[data-testid=timeline-event]").Select(e => e.TextContent).Where(t => t.Contains("Сменён контролёр")).ToList();
        Assert.Equal(2, changes.Count);
        Assert.Contains("без контролёра", changes[0]);
        Assert.Contains("«Контроль не нужен»", changes[0]);
        Assert.Contains("контролёр: Финансовый Начальник", changes[1]);
    }
}
