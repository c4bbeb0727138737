using Bunit;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;

namespace LiveOrders.Tests.Components.Orders;

/// <summary>Sub-orders on the parent's page: the tree, what each row says, that it follows the sub-orders live, and approval over them.</summary>
public sealed class SubOrderTreeTests
{
    private static async Task<(int Parent, int Sub)> ParentWithSubOrderAsync(TestDatabase database)
    {
        var parent = await database.SendRoadsToHousingAsync("Благоустроить двор");
        var accepted = await database.Orders.ExecuteAsync(database.HousingHead, parent.Id, await database.VersionOfAsync(parent.Id), new AcceptOrder());
        Assert.True(accepted.Ok, accepted.Message);
        var sub = await database.Orders.CreateAsync(database.HousingHead, new NewOrder("Подготовить смету", null, [database.Finance.Id],
            Priority.Normal, database.Time.UtcNow.AddDays(2), ParentId: parent.Id));
        Assert.True(sub.Ok, sub.Message);
        return (parent.Id, sub.Value![0].Id);
    }

    [Fact]
    public async Task ParentsAuthor_SeesEachSubOrder_WithNumberTitleDepartmentStatusAndDue()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (parent, sub) = await ParentWithSubOrderAsync(database);
        await using var harness = await OrderPageHarness.CreateAsync(database, database.RoadsHead);

        var page = harness.Open(parent);

        var row = page.Find($"[data-testid=suborder-row][data-order-id='{sub}']");
        Assert.StartsWith("П-", row.QuerySelector("[data-testid=suborder-link]")!.TextContent.Trim());
        Assert.Equal($"/orders/{sub}", row.QuerySelector("[data-testid=suborder-link]")!.GetAttribute("href"));
        Assert.Equal("Подготовить смету", row.QuerySelector("[data-testid=suborder-title]")!.TextContent.Trim());
        Assert.Equal(database.Finance.ShortName, row.QuerySelector("[data-testid=suborder-department]")!.TextContent.Trim());
        Assert.Equal("Новое", row.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.NotNull(row.QuerySelector("[data-testid=due-label]"));
    }

    [Fact]
    public async Task SubOrderTree_FollowsASubOrdersChange_AndANewSubOrder_Live()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (parent, sub) = await ParentWithSubOrderAsync(database);
        await using var harness = await OrderPageHarness.CreateAsync(database, database.RoadsHead);
        var page = harness.Open(parent);

        var accepted = await database.Orders.ExecuteAsync(database.FinanceHead, sub, await database.VersionOfAsync(sub), new AcceptOrder());
        Assert.True(accepted.Ok, accepted.Message);
        page.WaitForAssertion(() => Assert.Equal("В работе",
            page.Find($"[data-testid=suborder-row][data-order-id='{sub}'] [data-testid=status]").TextContent.Trim()));

        var second = await database.Orders.CreateAsync(database.HousingHead, new NewOrder("Согласовать с жильцами", null, [database.Roads.Id],
            Priority.Normal, database.Time.UtcNow.AddDays(1), ParentId: parent));
        Assert.True(second.Ok, second.Message);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=suborder-row]").Count));
    }

    [Fact]
    public async Task ApprovingAParentWithAnOpenSubOrder_AsksForAReason_AndRecordsIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (parent, _) = await ParentWithSubOrderAsync(database);
        var submitted = await database.Orders.ExecuteAsync(database.HousingHead, parent, await database.VersionOfAsync(parent), new SubmitOrder("Готово"));
        Assert.True(submitted.Ok, submitted.Message);
        await using var harness = await OrderPageHarness.CreateAsync(database, database.RoadsHead);
        var page = harness.Open(parent);

        page.Find("[data-testid=action-Approve]").Click();
        harness.Dialogs.WaitForAssertion(() => Assert.Contains("Не завершено подпоручений: 1.", harness.Dialogs.Find("[data-testid=open-suborders]").TextContent));
        harness.Dialogs.Find("[data-testid=confirm]").Click();
        harness.Dialogs.WaitForAssertion(() => Assert.StartsWith("Не завершено подпоручений: 1.", harness.Dialogs.Find("[data-testid=action-error]").TextContent.Trim()));

        harness.Dialogs.Find("[data-testid=reason]").Input("Смета больше не нужна");
        harness.Dialogs.Find("[data-testid=confirm]").Click();

        harness.Toasts.WaitForAssertion(() => Assert.Contains("Результат принят, поручение исполнено.", harness.Toasts.Markup));
        var order = await OrderStates.LoadAsync(database, parent);
        Assert.Equal(OrderStatus.Done, order.Status);
        page.WaitForAssertion(() => Assert.Contains("«Смета больше не нужна»", page.Markup));
    }
}
