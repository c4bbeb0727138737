using Bunit;
using LiveOrders.Core.Audit;
using LiveOrders.Tests.Components;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Admin;
using MudBlazor;

namespace LiveOrders.Tests.Components.Admin;

/// <summary>The audit log's page: control reads it with each entry's address, and filters it; a department head gets a refusal.</summary>
public sealed class AuditPageTests
{
    private static IRenderedComponent<AuditPage> Render(BunitContext ctx)
    {
        ctx.Render<MudPopoverProvider>();
        return ctx.Render<AuditPage>();
    }

    [Fact]
    public async Task Control_SeesEveryEntry_WithWhoAndFromWhere_AndFiltersByAddress()
    {
        await using var database = await TestDatabase.CreateAsync();
        using (AuditOrigin.Use("10.1.1.1"))
            await database.SendRoadsToHousingAsync("Покрасить забор");
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        using (AuditOrigin.Use("10.2.2.2"))
            Assert.True((await database.Orders.CommentAsync(database.HousingHead, (await database.SendRoadsToHousingAsync("Вывезти снег")).Id, "Сделаем")).Ok);
        await using var ctx = await ComponentTest.CreateAsync(database, database.Controller);

        var page = Render(ctx);

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=audit-row]").Count));
        Assert.Contains("Вывезти снег", page.FindAll("[data-testid=audit-summary]")[0].TextContent);
        Assert.Equal("Жилищный Начальник", page.FindAll("[data-testid=audit-actor]")[0].TextContent);
        Assert.Equal("10.2.2.2", page.FindAll("[data-testid=audit-address]")[0].TextContent);
        Assert.Equal("Найдено 5 записей", page.Find("[data-testid=audit-total]").TextContent);

        page.Find("input[data-testid=audit-address-filter]").Input("10.1.1.1");
        page.Find("input[data-testid=audit-address-filter]").Blur();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=audit-row]").Count), TimeSpan.FromSeconds(5));
        Assert.All(page.FindAll("[data-testid=audit-summary]"), s => Assert.Contains("Покрасить забор", s.TextContent));
    }

    [Fact]
    public async Task ADepartmentHead_GetsTheRefusal_AndNoEntry()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendRoadsToHousingAsync("Секретное поручение");
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);

        var page = Render(ctx);

        page.WaitForElement("[data-testid=audit-not-yours]");
        Assert.Empty(page.FindAll("[data-testid=audit-row]"));
        Assert.DoesNotContain("Секретное поручение", page.Markup);
    }
}
