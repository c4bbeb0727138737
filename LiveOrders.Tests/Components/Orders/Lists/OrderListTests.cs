using AngleSharp.Dom;
using Bunit;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Orders;
using MudBlazor;

namespace LiveOrders.Tests.Components.Orders.Lists;

/// <summary>The order lists over the real queries and policy, kept live by the test database's feed.</summary>
public sealed class OrderListTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static IRenderedComponent<OrderList> RenderList(BunitContext ctx, Actor actor, OrderScope scope)
    {
        ctx.Render<MudPopoverProvider>();
        return ctx.Render<OrderList>(p => p.Add(l => l.Actor, actor).Add(l => l.Scope, scope));
    }

    private static IReadOnlyList<string> Titles(IRenderedComponent<OrderList> list) =>
        list.FindAll("[data-testid=row-title]").Select(a => a.TextContent.Trim()).ToList();

    private static IElement Row(IRenderedComponent<OrderList> list, string title) =>
        list.FindAll("tr").Single(tr => tr.QuerySelector("[data-testid=row-title]")?.TextContent.Trim() == title);

    private static async Task<CreatedOrder> CreateAsync(TestDatabase database, Actor author, Department to, string title)
    {
        var result = await database.Orders.CreateAsync(author, new NewOrder(title, "Текст", [to.Id], Priority.Normal,
            database.Time.UtcNow.AddDays(3), SendNow: true));
        Assert.True(result.Ok, result.Message);
        return result.Value![0];
    }

    [Fact]
    public async Task TheDepartmentList_ShowsTheDepartmentsOrders_AndNotAnotherDepartmentsOwn()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendRoadsToHousingAsync("Отремонтировать ливнёвку");
        await CreateAsync(database, database.FinanceHead, database.Roads, "Сверить сметы дорог");
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);

        var list = RenderList(ctx, database.HousingHead, OrderScope.Department);

        list.WaitForAssertion(() => Assert.Equal(["Отремонтировать ливнёвку"], Titles(list)), Wait);
        Assert.Equal("Новое", Row(list, "Отремонтировать ливнёвку").QuerySelector("[data-testid=status]")!.TextContent);
        Assert.NotNull(Row(list, "Отремонтировать ливнёвку").QuerySelector("[data-testid=due-label]"));
    }

    [Fact]
    public async Task MyOrders_HoldsWhatIWrote_NotWhatMyDepartmentMerelyReceived()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendRoadsToHousingAsync("Отремонтировать ливнёвку");
        await CreateAsync(database, database.HousingHead, database.Finance, "Выделить средства на трубы");
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);

        var list = RenderList(ctx, database.HousingHead, OrderScope.Mine);

        list.WaitForAssertion(() => Assert.Equal(["Выделить средства на трубы"], Titles(list)), Wait);
    }

    [Fact]
    public async Task ANewOrderForTheDepartment_AppearsWithoutAReload()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var list = RenderList(ctx, database.HousingHead, OrderScope.Department);
        list.WaitForElement("[data-testid=no-orders]", Wait);

        await database.SendRoadsToHousingAsync("Отремонтировать ливнёвку");

        list.WaitForAssertion(() => Assert.Equal(["Отремонтировать ливнёвку"], Titles(list)), Wait);
    }

    [Fact]
    public async Task AnOrderOfAnotherDepartment_NeverAppears_EvenWhenItIsCreatedWhileTheListIsOpen()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var list = RenderList(ctx, database.HousingHead, OrderScope.Department);
        list.WaitForElement("[data-testid=no-orders]", Wait);

        await CreateAsync(database, database.FinanceHead, database.Roads, "Сверить сметы дорог");
        await database.SendRoadsToHousingAsync("Отремонтировать ливнёвку");

        // The second order proves the list did hear the feed; the first one must not be there.
        list.WaitForAssertion(() => Assert.Equal(["Отремонтировать ливнёвку"], Titles(list)), Wait);
    }

    [Fact]
    public async Task AChangedStatus_ShowsInTheRow()
    {
        await using var database = await TestDatabase.CreateAsync();
        var order = await database.SendRoadsToHousingAsync("Отремонтировать ливнёвку");
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        var list = RenderList(ctx, database.RoadsHead, OrderScope.Mine);
        list.WaitForAssertion(() => Assert.Equal("Новое", Row(list, "Отремонтировать ливнёвку").QuerySelector("[data-testid=status]")!.TextContent), Wait);

        var accepted = await database.Orders.ExecuteAsync(database.HousingHead, order.Id, await database.VersionOfAsync(order.Id), new AcceptOrder());
        Assert.True(accepted.Ok, accepted.Message);

        list.WaitForAssertion(() => Assert.Equal("В работе", Row(list, "Отремонтировать ливнёвку").QuerySelector("[data-testid=status]")!.TextContent), Wait);
    }

    [Fact]
    public async Task AnOrderForwardedToAnotherDepartment_LeavesTheList()
    {
        await using var database = await TestDatabase.CreateAsync();
        var order = await database.SendRoadsToHousingAsync("Отремонтировать ливнёвку");
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingClerk);
        var list = RenderList(ctx, database.HousingClerk, OrderScope.Department);
        list.WaitForAssertion(() => Assert.Single(Titles(list)), Wait);

        var forwarded = await database.Orders.ExecuteAsync(database.HousingHead, order.Id, await database.VersionOfAsync(order.Id),
            new ForwardOrder(database.Finance.Id, "Это к финансистам"));
        Assert.True(forwarded.Ok, forwarded.Message);

        list.WaitForElement("[data-testid=no-orders]", Wait);
    }

    [Fact]
    public async Task Search_IgnoresCaseInRussian()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendRoadsToHousingAsync("Отремонтировать ливнёвку");
        await database.SendRoadsToHousingAsync("Покрасить забор");
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var list = RenderList(ctx, database.HousingHead, OrderScope.Department);
        list.WaitForAssertion(() => Assert.Equal(2, Titles(list).Count), Wait);

        list.Find("input[data-testid=search]").Input("ЛИВНЁВКУ");
        // The search waits for a pause in typing, on the app's clock.
        database.Clock.Advance(TimeSpan.FromSeconds(1));

        list.WaitForAssertion(() => Assert.Equal(["Отремонтировать ливнёвку"], Titles(list)), Wait);
    }

    [Fact]
    public async Task OverdueOnly_ShowsOnlyOrdersPastTheirDueTime()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendRoadsToHousingAsync("Отремонтировать ливнёвку");
        database.Clock.Advance(TimeSpan.FromDays(2));
        await database.SendRoadsToHousingAsync("Покрасить забор");
        database.Clock.Advance(TimeSpan.FromDays(1.5)); // the first is overdue now, the second not yet
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var list = RenderList(ctx, database.HousingHead, OrderScope.Department);
        list.WaitForAssertion(() => Assert.Equal(2, Titles(list).Count), Wait);

        list.Find("[data-testid=overdue-only] input, input[data-testid=overdue-only]").Change(true);

        list.WaitForAssertion(() => Assert.Equal(["Отремонтировать ливнёвку"], Titles(list)), Wait);
    }

    [Fact]
    public async Task TheControllersDepartmentPage_SaysItListsEveryOrder_AndDoes()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendRoadsToHousingAsync("Отремонтировать ливнёвку");
        await CreateAsync(database, database.FinanceHead, database.Roads, "Сверить сметы дорог");
        await using var ctx = await ComponentTest.CreateAsync(database, database.Controller);
        ctx.Render<MudPopoverProvider>();

        var page = ctx.Render<DepartmentOrders>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=row-title]").Count), Wait);
        Assert.Equal("Все поручения", page.Find("[data-testid=list-heading]").TextContent);
        Assert.StartsWith("Все поручения администрации", page.Find("[data-testid=list-subtitle]").TextContent);
    }

    [Fact]
    public async Task AHeadsDepartmentPage_SaysTheirDepartment()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        ctx.Render<MudPopoverProvider>();

        var page = ctx.Render<DepartmentOrders>();

        page.WaitForAssertion(() => Assert.Equal("Поручения отдела", page.Find("[data-testid=list-heading]").TextContent), Wait);
        Assert.Contains("ваше подразделение", page.Find("[data-testid=list-subtitle]").TextContent);
    }
}
