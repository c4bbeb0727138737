using Bunit;
using LiveOrders.Core;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Components.Orders;

public sealed class OrderActionsTests
{
    public static TheoryData<string> Viewers => ["RoadsHead", "HousingHead", "HousingClerk", "Deputy", "Controller"];

    private static Actor ViewerOf(TestDatabase database, string name) => name switch
    {
        "RoadsHead" => database.RoadsHead,
        "HousingHead" => database.HousingHead,
        "HousingClerk" => database.HousingClerk,
        "Deputy" => database.Deputy,
        _ => database.Controller,
    };

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task TheOrderPage_OffersExactlyTheActionsThePolicyAllows_InEveryState(string viewerName)
    {
        await using var database = await TestDatabase.CreateAsync();
        var orders = await OrderStates.CreateAllAsync(database);
        var viewer = ViewerOf(database, viewerName);
        await using var harness = await OrderPageHarness.CreateAsync(database, viewer);

        var checkedStates = 0;
        foreach (var (state, id) in orders)
        {
            var order = await OrderStates.LoadAsync(database, id);
            if (!OrderPolicy.CanView(viewer, order)) continue;
            var allowed = OrderPolicy.AllowedActions(viewer, order);
            var page = harness.Open(id);

            var expected = allowed.Where(a => a is not (OrderAction.Comment or OrderAction.CreateSubOrder)).Order().ToList();
            Assert.True(expected.SequenceEqual(OrderPageHarness.OfferedActions(page)),
                $"{viewerName} on {state}: expected [{string.Join(", ", expected)}], offered [{string.Join(", ", OrderPageHarness.OfferedActions(page))}]");
            Assert.Equal(allowed.Contains(OrderAction.CreateSubOrder), page.FindAll("[data-testid=create-suborder]").Count == 1);
            Assert.Equal(allowed.Contains(OrderAction.Comment), page.FindAll("[data-testid=comment-text]").Count == 1);
            checkedStates++;
        }
        Assert.True(checkedStates >= 7, $"{viewerName} saw only {checkedStates} states");
    }

    [Fact]
    public async Task DecliningWithoutAReason_IsRefusedInRussianInTheDialog_AndNothingIsSent()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.HousingHead);
        var page = harness.Open(id);
        var version = await database.VersionOfAsync(id);
        var published = database.Feed.Published.Count;

        page.Find("[data-testid=action-Decline]").Click();
        harness.Dialogs.WaitForElement("[data-testid=reason]");
        harness.Dialogs.Find("[data-testid=confirm]").Click();

        harness.Dialogs.WaitForAssertion(() => Assert.Equal("Укажите причину.", harness.Dialogs.Find("[data-testid=action-error]").TextContent.Trim()));
        Assert.Equal(version, await database.VersionOfAsync(id));
        Assert.Equal(published, database.Feed.Published.Count);
        Assert.Single(harness.Dialogs.FindAll("[data-testid=action-dialog]"));
    }

    [Fact]
    public async Task ATypedReason_SurvivesARefusal_AndTheCorrectedActionGoesThrough()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.RoadsHead);
        var page = harness.Open(id);

        page.Find("[data-testid=action-Cancel]").Click();
        harness.Dialogs.WaitForElement("[data-testid=reason]").Input(new string('я', Order.ReasonMaxLength + 1));
        harness.Dialogs.Find("[data-testid=confirm]").Click();
        harness.Dialogs.WaitForAssertion(() => Assert.Contains("Причина", harness.Dialogs.Find("[data-testid=action-error]").TextContent));
        Assert.Equal(Order.ReasonMaxLength + 1, harness.Dialogs.Find("[data-testid=reason]").GetAttribute("value")!.Length);

        harness.Dialogs.Find("[data-testid=reason]").Input("Больше не нужно");
        harness.Dialogs.Find("[data-testid=confirm]").Click();

        harness.Toasts.WaitForAssertion(() => Assert.Contains("Поручение отменено.", harness.Toasts.Markup));
        page.WaitForAssertion(() => Assert.Equal("Отменено", page.Find("[data-testid=order] [data-testid=status]").TextContent));
        Assert.Empty(harness.Dialogs.FindAll("[data-testid=action-dialog]"));
    }

    [Fact]
    public async Task AcceptingRunsOnOneClick_AndShowsItsToast()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.HousingHead);
        var page = harness.Open(id);

        page.Find("[data-testid=action-Accept]").Click();

        harness.Toasts.WaitForAssertion(() => Assert.Contains("Поручение принято в работу.", harness.Toasts.Markup));
        page.WaitForAssertion(() => Assert.Equal("В работе", page.Find("[data-testid=order] [data-testid=status]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=action-Accept]"));
    }

    [Fact]
    public async Task ApprovingWithAMark_RecordsTheMark()
    {
        await using var database = await TestDatabase.CreateAsync();
        var orders = await OrderStates.CreateAllAsync(database);
        await using var harness = await OrderPageHarness.CreateAsync(database, database.RoadsHead);
        var page = harness.Open(orders["OnReview"]);

        page.Find("[data-testid=action-Approve]").Click();
        harness.Dialogs.WaitForElement("[data-testid=mark]");
        harness.Dialogs.Find("[data-testid=mark] input[aria-label='Оценка 4']").Click();
        harness.Dialogs.Find("[data-testid=confirm]").Click();

        harness.Toasts.WaitForAssertion(() => Assert.Contains("Результат принят, поручение исполнено.", harness.Toasts.Markup));
        var order = await OrderStates.LoadAsync(database, orders["OnReview"]);
        Assert.Equal(4, order.QualityMark);
    }

    [Fact]
    public async Task ForwardingWithNoDepartmentPicked_IsRefusedInRussian_AndNothingIsSent()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.HousingHead);
        var page = harness.Open(id);
        var published = database.Feed.Published.Count;

        page.Find("[data-testid=action-Forward]").Click();
        harness.Dialogs.WaitForElement("[data-testid=forward-department]");
        harness.Dialogs.Find("[data-testid=reason]").Input("Не наш профиль");
        harness.Dialogs.Find("[data-testid=confirm]").Click();

        harness.Dialogs.WaitForAssertion(() => Assert.Equal("Выберите подразделение.", harness.Dialogs.Find("[data-testid=action-error]").TextContent.Trim()));
        Assert.Equal(published, database.Feed.Published.Count);
    }

    [Fact]
    public async Task WhenSomeoneElseChangedTheOrderFirst_ThePageSaysSo_AndShowsTheFreshOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.HousingHead);
        var page = harness.Open(id);
        var shownVersion = int.Parse(page.Find("[data-testid=order]").GetAttribute("data-version")!);
        // A write the page was not told about (as from another server before the feed reached this one).
        await using (var db = database.CreateDbContext())
            await db.Database.ExecuteSqlAsync($"UPDATE Orders SET Version = Version + 1 WHERE Id = {id}");

        page.Find("[data-testid=action-Accept]").Click();

        harness.Toasts.WaitForAssertion(() => Assert.Contains("изменил другой пользователь", harness.Toasts.Markup));
        page.WaitForAssertion(() => Assert.Equal((shownVersion + 1).ToString(), page.Find("[data-testid=order]").GetAttribute("data-version")));
        Assert.Equal("Новое", page.Find("[data-testid=order] [data-testid=status]").TextContent);
    }

    [Fact]
    public async Task AChangeBySomeoneElse_IsFollowedLive_AndTheOfferedActionsFollowIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.RoadsHead);
        var page = harness.Open(id);
        Assert.Contains(OrderAction.Cancel, OrderPageHarness.OfferedActions(page));

        await database.Orders.ExecuteAsync(database.HousingHead, id, await database.VersionOfAsync(id), new AcceptOrder());

        page.WaitForAssertion(() => Assert.Equal("В работе", page.Find("[data-testid=order] [data-testid=status]").TextContent));
        Assert.Contains("Поручение только что изменилось: принято в работу", page.Find("[data-testid=order-message]").TextContent);
        var order = await OrderStates.LoadAsync(database, id);
        Assert.Equal(OrderPolicy.AllowedActions(database.RoadsHead, order).Where(a => a is not (OrderAction.Comment or OrderAction.CreateSubOrder)).Order(),
            OrderPageHarness.OfferedActions(page));
    }
}
