using Bunit;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Control;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Components.Control;

/// <summary>/control/reads: every opening of personal-data orders, filterable, for control and administrators only.</summary>
public sealed class ReadLogPageTests
{
    private static async Task<int> OpenedTwiceAsync(TestDatabase database)
    {
        var created = await database.Orders.CreateAsync(database.RoadsHead, new NewOrder("Обращение гражданина", "Иванов И. И.", [database.Housing.Id],
            Priority.Normal, database.Time.UtcNow.AddDays(3), ContainsPersonalData: true));
        var id = created.Value![0].Id;
        var log = database.Services.GetRequiredService<OrderReadLog>();
        await log.OpenAsync(database.HousingHead, id, ReadChannel.Page);
        await log.OpenAsync(database.Deputy, id, ReadChannel.Api);
        return id;
    }

    [Fact]
    public async Task Control_SeesEveryOpening_AndFiltersByReader()
    {
        await using var database = await TestDatabase.CreateAsync();
        await OpenedTwiceAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, database.Controller);
        ctx.Render<MudBlazor.MudPopoverProvider>();

        var page = ctx.Render<ReadLogPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=reads-row]").Count));
        page.Find("input[data-testid=reads-search]").Change("замов");
        page.Find("[data-testid=reads-apply]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=reads-row]")));
        Assert.Contains("Замов Зам Замович", page.Find("[data-testid=reads-row]").TextContent);
    }

    [Fact]
    public async Task TheExportMenu_CarriesTheFilterLastShown_NotWhatIsTypedSince()
    {
        await using var database = await TestDatabase.CreateAsync();
        await OpenedTwiceAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, database.Controller);
        var popovers = ctx.Render<MudBlazor.MudPopoverProvider>();
        var page = ctx.Render<ReadLogPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=reads-row]").Count));

        page.Find("input[data-testid=reads-search]").Change("замов");
        page.Find("[data-testid=reads-apply]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=reads-row]")));
        page.Find("input[data-testid=reads-search]").Change("не показано");
        page.Find("[data-testid=export-menu] button").Click();

        var csv = popovers.WaitForElement("[data-testid=export-csv]");
        Assert.Equal(LiveOrders.Web.Infrastructure.ReadLogExportDownload.Url(LiveOrders.Core.Exports.ExportFormat.Csv, null, null, "замов"),
            csv.GetAttribute("href"));
    }

    [Theory]
    [InlineData("HousingHead")]
    [InlineData("Deputy")]
    [InlineData("RoadsHead")]
    public async Task AnyoneElse_IsRefused_AndSeesNoOpening(string who)
    {
        await using var database = await TestDatabase.CreateAsync();
        await OpenedTwiceAsync(database);
        var actor = (LiveOrders.Core.Organization.Actor)typeof(TestDatabase).GetProperty(who)!.GetValue(database)!;
        await using var ctx = await ComponentTest.CreateAsync(database, actor);

        var page = ctx.Render<ReadLogPage>();

        page.WaitForElement("[data-testid=read-only]");
        Assert.Empty(page.FindAll("[data-testid=reads-row]"));
        Assert.DoesNotContain("Жилищный Начальник", page.Markup);
    }
}
