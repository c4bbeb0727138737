using Bunit;
using LiveOrders.Core.Control;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Control;
using LiveOrders.Web.Components.Orders;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveOrders.Tests.Components.Orders;

/// <summary>The chain of custody on the order page, and the ping-pong flag where people look for it.</summary>
public sealed class OrderCustodyTests
{
    private static async Task ForwardAsync(TestDatabase database, Actor by, int id, Department to)
    {
        var result = await database.Orders.ExecuteAsync(by, id, await database.VersionOfAsync(id), new ForwardOrder(to.Id, "Не наш вопрос"));
        Assert.True(result.Ok, result.Message);
    }

    [Fact]
    public async Task TheChain_ShowsEachDepartmentWithItsTime_TheCurrentOneLast_AndMarksTheReturn()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        database.Clock.Advance(TimeSpan.FromHours(51));
        await ForwardAsync(database, database.HousingHead, id, database.Finance);
        database.Clock.Advance(TimeSpan.FromMinutes(40));
        await ForwardAsync(database, database.FinanceHead, id, database.Housing);
        database.Clock.Advance(TimeSpan.FromHours(5));
        var details = (await database.Queries.GetAsync(database.RoadsHead, id)).Value!;
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);

        var cut = ctx.Render<OrderCustody>(p => p.Add(x => x.Custody, details.Custody!));

        var steps = cut.FindAll("[data-testid=custody-step]");
        Assert.Equal(["ЖКХ", "Финансы", "ЖКХ"], steps.Select(s => s.GetAttribute("data-holder")));
        Assert.Equal(["2 дня 3 ч", "40 мин", "5 ч"], cut.FindAll("[data-testid=custody-duration]").Select(d => d.TextContent.Trim()));
        Assert.Contains("переадресовано", steps[0].TextContent);
        Assert.Contains("сейчас", steps[2].TextContent);
        Assert.Empty(steps[1].QuerySelectorAll("[data-testid=custody-back]"));
        Assert.NotNull(steps[2].QuerySelector("[data-testid=custody-back]"));
    }

    [Fact]
    public async Task ADraft_SaysItHasNotBeenSent()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync(send: false)).Id;
        var details = (await database.Queries.GetAsync(database.RoadsHead, id)).Value!;
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);

        var cut = ctx.Render<OrderCustody>(p => p.Add(x => x.Custody, details.Custody!));

        Assert.Empty(cut.FindAll("[data-testid=custody-step]"));
        Assert.Contains("ещё не отправлено", cut.Find("[data-testid=custody-none]").TextContent);
    }

    [Fact]
    public async Task TheOrderPage_ShowsTheFlag_WithTheRoundInItsTooltip_AndANewStayWhenTheOrderMoves()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        ctx.Render<MudPopoverProvider>();
        ctx.Render<MudSnackbarProvider>();

        var page = ctx.Render<OrderView>(p => p.Add(x => x.OrderId, id));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=custody-step]")));
        Assert.Empty(page.FindAll("[data-testid=pingpong]"));

        await ForwardAsync(database, database.HousingHead, id, database.Finance);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=custody-step]").Count));
        await ForwardAsync(database, database.FinanceHead, id, database.Housing);

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=custody-step]").Count));
        var flag = page.Find("[data-testid=pingpong]");
        Assert.Equal("Пинг-понг", flag.TextContent.Trim());
        Assert.Equal("Пинг-понг: Вернулось туда, где уже было: ЖКХ → Финансы → ЖКХ", flag.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task TheControlPanel_ListsAPingPongInItsDepartments_AsItHappens()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await ForwardAsync(database, database.HousingHead, id, database.Finance);
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        ctx.Render<MudPopoverProvider>();
        var scope = await ctx.Services.GetRequiredService<ControlQueries>().ScopeAsync(database.Deputy);
        var panel = ctx.Render<ControlDashboard>(p => p.Add(d => d.Scope, scope).Add(d => d.Viewer, database.Deputy));
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=pingpong-none]")));
        Assert.Equal("(0)", panel.Find("[data-testid=pingpong-count]").TextContent.Trim());

        await ForwardAsync(database, database.FinanceHead, id, database.Housing);

        panel.WaitForAssertion(() => Assert.Equal("(1)", panel.Find("[data-testid=pingpong-count]").TextContent.Trim()));
        var item = panel.Find("[data-testid=pingpong-item]");
        Assert.Equal(id.ToString(), item.GetAttribute("data-order-id"));
        Assert.Contains("Финансы → ЖКХ", item.TextContent);
        Assert.Contains("вернулось в «ЖКХ» из «Финансы»", item.QuerySelector("[data-testid=pingpong]")!.GetAttribute("aria-label"));
    }
}
