using Bunit;
using Microsoft.Extensions.DependencyInjection;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Components.Orders;

/// <summary>The order page of an order holding personal data: the mark, one record per opening, the log for control only.</summary>
public sealed class ReadLogSectionTests
{
    private static async Task<int> PersonalAsync(TestDatabase database)
    {
        var result = await database.Orders.CreateAsync(database.RoadsHead, new NewOrder("Обращение гражданина", "Иванов И. И.", [database.Housing.Id],
            Priority.Normal, database.Time.UtcNow.AddDays(3), ContainsPersonalData: true));
        Assert.True(result.Ok, result.Message);
        return result.Value![0].Id;
    }

    private static async Task<int> ReadCountAsync(TestDatabase database, int id)
    {
        await using var db = database.CreateDbContext();
        return await db.OrderReads.CountAsync(r => r.OrderId == id);
    }

    [Fact]
    public async Task OpeningThePage_RecordsOneRead_AndALiveRefreshRecordsNoMore()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await PersonalAsync(database);
        await using var harness = await OrderPageHarness.CreateAsync(database, database.HousingHead);

        var page = harness.Open(id);
        Assert.Equal(1, await ReadCountAsync(database, id));
        Assert.Single(page.FindAll("[data-testid=personal-data]"));

        // Someone else changes the order: the page re-reads it, which is not a new opening.
        Assert.True((await database.Orders.CommentAsync(database.RoadsHead, id, "Уточнение")).Ok);
        Assert.True((await database.Orders.ExecuteAsync(database.HousingHead, id, await database.VersionOfAsync(id), new AcceptOrder())).Ok);
        page.WaitForAssertion(() => Assert.Equal(OrderStatus.InProgress.Russian(), page.Find("[data-testid=order-head] [data-testid=status], header [data-testid=status]").TextContent.Trim()));
        Assert.Equal(1, await ReadCountAsync(database, id));
    }

    [Fact]
    public async Task TheExecutor_SeesTheMark_ButNoLog()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await PersonalAsync(database);
        await using var harness = await OrderPageHarness.CreateAsync(database, database.HousingHead);

        var page = harness.Open(id);

        Assert.Single(page.FindAll("[data-testid=personal-data]"));
        Assert.Empty(page.FindAll("[data-testid=read-log]"));
        Assert.DoesNotContain("Журнал просмотров", page.Markup);
    }

    [Fact]
    public async Task Control_SeesTheLog_WithEveryOpening_ItsOwnIncluded()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await PersonalAsync(database);
        await database.Services.GetRequiredService<OrderReadLog>().OpenAsync(database.HousingHead, id, ReadChannel.Api);
        await using var harness = await OrderPageHarness.CreateAsync(database, database.Controller);

        var page = harness.Open(id);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=read-log-row]").Count));
        var rows = page.FindAll("[data-testid=read-log-row]").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Контролёва Ксения") && r.Contains("страница"));
        Assert.Contains(rows, r => r.Contains("Жилищный Начальник") && r.Contains("API"));
    }
}
