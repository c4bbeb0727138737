using Bunit;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Reports;
using MudBlazor;

namespace LiveOrders.Tests.Components.Reports;

/// <summary>The reports page below its table: the trend and the rating for the figures shown, and «Выгрузить» for the same period and departments.</summary>
public sealed class ReportsPageSectionsTests
{
    [Fact]
    public async Task ThePage_ShowsTheTrendAndTheRating_AndOffersTheExportOfWhatItShows()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendRoadsToHousingAsync();
        await database.SendRoadsToHousingAsync("Убрать снег");
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        var popovers = ctx.Render<MudPopoverProvider>();

        var page = ctx.Render<ReportsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=rating-row]").Count));
        // The clock is at Mon 2 March 2026: the month preset, March by week; both orders arrived on 2 March.
        Assert.Equal("2", page.Find("[data-testid=trend-received]").TextContent);
        Assert.Equal("Week", page.Find("[data-testid=report-trend]").GetAttribute("data-step"));
        var housing = page.Find($"[data-testid=rating-row][data-department=\"{database.Housing.Id}\"]");
        Assert.Equal("1", housing.QuerySelector("[data-testid=rating-place]")!.TextContent);   // received 2, nothing overdue: П = 1 → 100
        Assert.Equal("100,0", housing.QuerySelector("[data-testid=rating-index]")!.TextContent);

        page.Find("[data-testid=export-menu] button").Click();
        var xlsx = popovers.WaitForElement("[data-testid=export-xlsx]");
        Assert.Equal("/reports/export?format=xlsx&from=2026-03-01&to=2026-03-31", xlsx.GetAttribute("href"));
    }

    [Fact]
    public async Task ForChosenDepartments_TheExportNamesThem()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        var popovers = ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<ReportsPage>();
        page.WaitForElement("[data-testid=report-trend]");

        await page.InvokeAsync(() => page.FindComponent<MudSelect<int>>().Instance.SelectedValuesChanged.InvokeAsync([database.Housing.Id]));
        page.Find("[data-testid=report-show]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=rating-row]")));

        page.Find("[data-testid=export-menu] button").Click();
        var csv = popovers.WaitForElement("[data-testid=export-csv]");
        Assert.Equal($"/reports/export?format=csv&from=2026-03-01&to=2026-03-31&departments={database.Housing.Id}", csv.GetAttribute("href"));
    }
}
