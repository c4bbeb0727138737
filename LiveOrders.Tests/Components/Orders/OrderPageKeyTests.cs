using Bunit;
using LiveOrders.Core.Live;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Components.Orders;

/// <summary>Following a link from one order to another (parent, sub-order) must not carry the first order's state over.</summary>
public sealed class OrderPageKeyTests
{
    [Fact]
    public async Task GoingToAnotherOrder_LeavesTheFirstOrdersPresenceDraftSuggestionsAndDialogBehind()
    {
        await using var database = await TestDatabase.CreateAsync();
        var first = (await database.SendRoadsToHousingAsync("Первое")).Id;
        var second = (await database.SendRoadsToHousingAsync("Второе")).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.RoadsHead);
        var presence = harness.Context.Services.GetRequiredService<Presence>();
        var page = harness.Open(first);

        page.Find("[data-testid=comment-text]").Input("Черновик к первому @Жил");
        page.WaitForElement("[data-testid=mention-suggestions]");
        page.Find("[data-testid=action-Cancel]").Click();
        harness.Dialogs.WaitForElement("[data-testid=action-dialog]");
        Assert.Contains(presence.Members($"order:{first}"), m => m.EmployeeId == database.RoadsHead.EmployeeId);

        page.Render(p => p.Add(x => x.Id, second));
        page.WaitForElement($"[data-testid=order][data-order-id='{second}']");

        Assert.Equal("Второе", page.Find("[data-testid=order-title]").TextContent);
        Assert.Equal("", page.Find("[data-testid=comment-text]").GetAttribute("value") ?? "");
        Assert.Empty(page.FindAll("[data-testid=mention-suggestions]"));
        harness.Dialogs.WaitForAssertion(() => Assert.Empty(harness.Dialogs.FindAll("[data-testid=action-dialog]")));
        Assert.DoesNotContain(presence.Members($"order:{first}"), m => m.EmployeeId == database.RoadsHead.EmployeeId);
        page.WaitForAssertion(() => Assert.Contains(presence.Members($"order:{second}"), m => m.EmployeeId == database.RoadsHead.EmployeeId));
    }

    [Fact]
    public async Task AfterGoingToAnotherOrder_TheFeedOfTheFirstNoLongerReachesThePage()
    {
        await using var database = await TestDatabase.CreateAsync();
        var first = (await database.SendRoadsToHousingAsync("Первое")).Id;
        var second = (await database.SendRoadsToHousingAsync("Второе")).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.RoadsHead);
        var page = harness.Open(first);
        page.Render(p => p.Add(x => x.Id, second));
        page.WaitForElement($"[data-testid=order][data-order-id='{second}']");

        Assert.True((await database.Orders.CommentAsync(database.HousingHead, first, "К первому")).Ok);
        Assert.True((await database.Orders.CommentAsync(database.HousingHead, second, "Ко второму")).Ok);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=timeline-comment]")));
        Assert.Contains("Ко второму", page.Find("[data-testid=timeline-comment]").TextContent);
    }
}
