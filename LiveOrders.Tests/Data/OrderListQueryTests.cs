using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;

namespace LiveOrders.Tests.Data;

/// <summary>The list query pages and sorts in the database and returns the total the grid's pager needs.</summary>
public sealed class OrderListQueryTests
{
    [Fact]
    public async Task APage_IsSortedByTheAskedColumn_AndCarriesTheTotal()
    {
        await using var database = await TestDatabase.CreateAsync();
        foreach (var title in new[] { "Бордюр", "Асфальт", "Водосток", "Газон" })
            await database.SendRoadsToHousingAsync(title);

        var first = await database.Queries.ListAsync(database.HousingHead,
            new OrderFilter(OrderScope.Department, Skip: 0, Take: 2, Sort: OrderSort.ByColumn("Title", descending: true)));
        var second = await database.Queries.ListAsync(database.HousingHead,
            new OrderFilter(OrderScope.Department, Skip: 2, Take: 2, Sort: OrderSort.ByColumn("Title", descending: true)));

        Assert.Equal(4, first.Total);
        Assert.Equal(["Газон", "Водосток", "Бордюр", "Асфальт"], first.Items.Concat(second.Items).Select(i => i.Title));
    }

    [Fact]
    public async Task SortingByStatus_FollowsTheLifecycle_NotTheAlphabet()
    {
        await using var database = await TestDatabase.CreateAsync();
        var accepted = await database.SendRoadsToHousingAsync("Принятое");
        await database.SendRoadsToHousingAsync("Новое");
        Assert.True((await database.Orders.ExecuteAsync(database.HousingHead, accepted.Id, await database.VersionOfAsync(accepted.Id), new AcceptOrder())).Ok);

        var page = await database.Queries.ListAsync(database.HousingHead,
            new OrderFilter(OrderScope.Department, Sort: OrderSort.ByColumn("Status", descending: false)));

        // "InProgress" < "New" alphabetically; in the lifecycle New comes first.
        Assert.Equal([OrderStatus.New, OrderStatus.InProgress], page.Items.Select(i => i.Status));
    }
}
