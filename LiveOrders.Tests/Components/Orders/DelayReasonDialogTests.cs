using Bunit;
using LiveOrders.Core.Delays;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Time;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Orders;

namespace LiveOrders.Tests.Components.Orders;

/// <summary>The delay-reason selector: offered in the report and extension dialogs exactly when the order is late.</summary>
public sealed class DelayReasonDialogTests
{
    /// <summary>An order Roads → Housing, accepted and assigned to the housing clerk (due in three days).</summary>
    private static async Task<int> AssignedAsync(TestDatabase database)
    {
        var id = (await database.SendRoadsToHousingAsync()).Id;
        Assert.True((await database.Orders.ExecuteAsync(database.HousingHead, id, await database.VersionOfAsync(id), new AcceptOrder())).Ok);
        Assert.True((await database.Orders.ExecuteAsync(database.HousingHead, id, await database.VersionOfAsync(id),
            new AssignOrder(database.HousingClerk.EmployeeId))).Ok);
        return id;
    }

    [Theory]
    [InlineData(OrderAction.Submit)]
    [InlineData(OrderAction.RequestExtension)]
    public async Task OnAnOverdueOrder_TheDialogOffersTheListOfReasons(OrderAction action)
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await AssignedAsync(database);
        database.Clock.Advance(TimeSpan.FromDays(4));
        await using var harness = await OrderPageHarness.CreateAsync(database, database.HousingClerk);
        var page = harness.Open(id);

        page.Find($"[data-testid=action-{action}]").Click();

        harness.Dialogs.WaitForElement("[data-testid=delay-reason]");
        Assert.Single(harness.Dialogs.FindAll("[data-testid=delay-warning]"));
    }

    [Theory]
    [InlineData(OrderAction.Submit)]
    [InlineData(OrderAction.RequestExtension)]
    public async Task OnAnOrderInTime_TheDialogHasNoReasonSelector(OrderAction action)
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await AssignedAsync(database);
        await using var harness = await OrderPageHarness.CreateAsync(database, database.HousingClerk);
        var page = harness.Open(id);

        page.Find($"[data-testid=action-{action}]").Click();

        harness.Dialogs.WaitForElement("[data-testid=reason]");
        Assert.Empty(harness.Dialogs.FindAll("[data-testid=delay-reason]"));
        Assert.Empty(harness.Dialogs.FindAll("[data-testid=delay-warning]"));
    }

    [Fact]
    public async Task ALateReportWithoutAReason_IsRefusedInTheDialog_AndNothingIsSubmitted()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await AssignedAsync(database);
        database.Clock.Advance(TimeSpan.FromDays(4));
        await using var harness = await OrderPageHarness.CreateAsync(database, database.HousingClerk);
        var page = harness.Open(id);
        var version = await database.VersionOfAsync(id);

        page.Find("[data-testid=action-Submit]").Click();
        harness.Dialogs.WaitForElement("[data-testid=reason]").Input("Готово");
        harness.Dialogs.Find("[data-testid=confirm]").Click();

        harness.Dialogs.WaitForAssertion(() => Assert.Equal(OrderDelay.ReasonMissing, harness.Dialogs.Find("[data-testid=action-error]").TextContent.Trim()));
        Assert.Equal(version, await database.VersionOfAsync(id));
    }

    [Fact]
    public async Task TheChosenReason_GoesIntoTheCommand_OnlyWhileTheOrderIsLate()
    {
        var clock = new FakeClock(new DateTimeOffset(2026, 3, 10, 3, 0, 0, TimeSpan.Zero));
        var time = new MunicipalTime(clock, TimeZoneInfo.FindSystemTimeZoneById("Asia/Novokuznetsk"));
        OrderDetails Due(DateTime dueAt) => DetailsDue(dueAt);

        var late = ActionInput.For(OrderAction.Submit, Due(time.UtcNow.AddHours(-1)), time);
        late.DelayReasonId = 3;
        late.Text = "Ждали согласования";
        Assert.True(late.NeedsDelayReason);
        Assert.Equal(3, Assert.IsType<SubmitOrder>(late.ToCommand(time).Command).DelayReasonId);

        var inTime = ActionInput.For(OrderAction.Submit, Due(time.UtcNow.AddHours(1)), time);
        inTime.DelayReasonId = 3;
        Assert.False(inTime.NeedsDelayReason);
        Assert.Null(Assert.IsType<SubmitOrder>(inTime.ToCommand(time).Command).DelayReasonId);
    }

    private static OrderDetails DetailsDue(DateTime dueAt)
    {
        var person = new PersonRef(1, "Дорожный Начальник", "—", "Дороги");
        return new OrderDetails(1, "П-2026/0001", "Заголовок", "", OrderStatus.InProgress, Priority.Normal, dueAt, false, false,
            dueAt.AddDays(-3), null, null, 0, 3, person, 10, "Дороги", 20, "ЖКХ", null, [], null, null, null, null, [], [], [], [OrderAction.Submit]);
    }
}
