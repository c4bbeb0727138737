using Bunit;
using LiveOrders.Core.Reports;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Reports;
using MudBlazor;
using MudBlazor.Services;

namespace LiveOrders.Tests.Components.Reports;

/// <summary>On the reports page every number links to the orders behind it; the total row's to their union.</summary>
public sealed class ReportTableLinksTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task EveryNumber_LinksToItsList_AndTheTotalRowToTheUnion()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ReportMunicipality.BuildAsync(database);                  // the clock is left in March 2026: the page opens on March
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        ctx.Render<MudPopoverProvider>();

        var page = ctx.Render<ReportsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=report-row]").Count), Wait);
        var housing = page.Find($"[data-testid=report-row][data-department=\"{database.Housing.Id}\"]");
        var links = housing.QuerySelectorAll("a[data-testid^=drill-]");
        Assert.Equal(Enum.GetValues<ReportFigure>().Length - 1, links.Length);   // all but the late, one click from the done
        foreach (var figure in Enum.GetValues<ReportFigure>().Where(f => f != ReportFigure.DoneLate))
        {
            var link = housing.QuerySelector($"[data-testid=drill-{figure}]");
            Assert.Equal(new FigureQuery(figure, ReportMunicipality.March, [database.Housing.Id]).PageUrl, link!.GetAttribute("href"));
        }
        Assert.Equal("4", housing.QuerySelector("[data-testid=drill-Received]")!.TextContent);

        var total = page.Find("[data-testid=report-total]");
        Assert.Contains(ReportQueries.TotalName, total.TextContent);
        Assert.Equal("7", total.QuerySelector("[data-testid=received] a")!.TextContent);
        Assert.Equal("2", total.QuerySelector("[data-testid=drill-OverdueNow]")!.TextContent);
        var union = page.FindAll("[data-testid=report-row]").Select(r => int.Parse(r.GetAttribute("data-department")!)).ToList();
        Assert.Equal(new FigureQuery(ReportFigure.Received, ReportMunicipality.March, union).PageUrl,
            total.QuerySelector("[data-testid=drill-Received]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ADrillDownLink_AndThePagesPeriod_AgreeOnTheLastDay()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        var popovers = ctx.Render<MudPopoverProvider>();

        var page = ctx.Render<ReportsPage>();                            // the clock is on 2 March 2026: the page opens on March

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=report-row]").Count), Wait);
        Assert.Equal("31.03.2026", page.Find("input[data-testid=report-to], [data-testid=report-to] input").GetAttribute("value"));
        var drill = Query(page.Find("[data-testid=drill-Received]").GetAttribute("href")!);
        page.Find("[data-testid=export-menu] button").Click();
        var export = Query(popovers.WaitForElement("[data-testid=export-xlsx]").GetAttribute("href")!);
        page.Find("[data-testid=spravka-menu] button").Click();
        var spravka = Query(popovers.WaitForElement("[data-testid=spravka-pdf]").GetAttribute("href")!);
        Assert.Equal(("2026-03-01", "2026-03-31"), (drill["from"].ToString(), drill["to"].ToString()));
        Assert.Equal((export["from"], export["to"]), (drill["from"], drill["to"]));
        Assert.Equal((spravka["from"], spravka["to"]), (drill["from"], drill["to"]));
        // And the drill-down page reads it back as the same period: March, up to 1 April 00:00.
        var parsed = FigureQuery.Parse("Received", [], drill["from"], drill["to"]);
        Assert.Equal(ReportMunicipality.March, parsed.Value!.Period);
    }

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Query(string href) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), href).Query);

    [Fact]
    public async Task WithoutAPeriod_TheNumbersArePlainText_AsBefore()
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        var figures = new DepartmentFigures(1, "ЖКХ", 4, 3, 2, 1, null, null, null, null, 1, 0, 1, 1, 4.5);

        var table = ctx.Render<ReportTable>(p => p.Add(x => x.Figures, [figures]));

        Assert.Empty(table.FindAll("a"));
        Assert.Equal("4", table.Find("[data-testid=received]").TextContent);
        Assert.Empty(table.FindAll("[data-testid=report-total]"));
    }
}
