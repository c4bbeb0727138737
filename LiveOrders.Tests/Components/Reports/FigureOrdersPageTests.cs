using Bunit;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Reports;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveOrders.Tests.Components.Reports;

/// <summary>
/// The drill-down page on <see cref="ReportMunicipality"/> (now: 7 March 2026, 10:00 local): it says what the list is,
/// lists the orders behind the number with their own values, and says what is wrong with a bad address.
/// </summary>
public sealed class FigureOrdersPageTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static IRenderedComponent<FigureOrdersPage> Open(BunitContext ctx, string query) => Open(ctx, query, out _);

    private static IRenderedComponent<FigureOrdersPage> Open(BunitContext ctx, string query, out IRenderedComponent<MudPopoverProvider> popovers)
    {
        popovers = ctx.Render<MudPopoverProvider>();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/reports/orders" + query);
        return ctx.Render<FigureOrdersPage>();
    }

    [Fact]
    public async Task ADeputyHead_SeesTheOrdersReceivedByADepartment_WithTheirCountAndLinks()
    {
        await using var database = await TestDatabase.CreateAsync();
        var m = await ReportMunicipality.BuildAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);

        var page = Open(ctx, $"?figure=Received&department={database.Housing.Id}&from=2026-03-01&to=2026-03-31", out var popovers);

        page.WaitForElement("[data-testid=figure-orders-title]", Wait);
        Assert.Equal("Поступило — ЖКХ, 01.03.2026–31.03.2026", page.Find("[data-testid=figure-orders-title]").TextContent);
        Assert.Equal("4", page.Find("[data-testid=figure-orders-count]").TextContent);
        var rows = page.FindAll("[data-testid=figure-order-row]");
        Assert.Equal(new[] { m.A, m.B, m.C, m.F }.Order(), rows.Select(r => int.Parse(r.GetAttribute("data-order")!)).Order());
        Assert.All(rows, r => Assert.Equal("02.03.2026 10:00", r.QuerySelector("[data-testid=figure-order-value]")!.TextContent));
        var links = page.FindAll("[data-testid=figure-order-link]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/orders/{m.A}", links);
        page.Find("[data-testid=export-menu] button").Click();
        popovers.WaitForElement("[data-testid=export-xlsx]", Wait);
        Assert.Equal(new FigureQuery(ReportFigure.Received, ReportMunicipality.March, [database.Housing.Id]).ExportUrl(ExportFormat.Xlsx),
            popovers.Find("[data-testid=export-xlsx]").GetAttribute("href"));
    }

    [Fact]
    public async Task OverdueNow_IsTitledWithTheMoment_AndEachRowSaysHowLongItIsOverdue()
    {
        await using var database = await TestDatabase.CreateAsync();
        var m = await ReportMunicipality.BuildAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, database.Controller);

        var page = Open(ctx, $"?figure=overduenow&department={database.Roads.Id}&from=2026-03-01&to=2026-03-31");

        page.WaitForElement("[data-testid=figure-orders-title]", Wait);
        Assert.Equal("Просрочено сейчас — Дороги, на 07.03.2026 10:00", page.Find("[data-testid=figure-orders-title]").TextContent);
        var row = Assert.Single(page.FindAll("[data-testid=figure-order-row]"));
        Assert.Equal(m.C.ToString(), row.GetAttribute("data-order"));
        Assert.Equal("3 д 0 ч", row.QuerySelector("[data-testid=figure-order-value]")!.TextContent);   // due h48, now h120
    }

    [Fact]
    public async Task TimeToAccept_ShowsEachWait_AndTheMeanAndMedianOfTheReportsPage()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ReportMunicipality.BuildAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);

        var page = Open(ctx, $"?figure=TimeToAccept&department={database.Roads.Id}&from=2026-03-01&to=2026-03-31");

        page.WaitForElement("[data-testid=figure-orders-mean]", Wait);
        Assert.Equal("Среднее: 7 ч 0 мин, медиана: 5 ч 0 мин", page.Find("[data-testid=figure-orders-mean]").TextContent);
        Assert.Equal(new[] { "4 ч 0 мин", "12 ч 0 мин", "5 ч 0 мин" }.Order(),
            page.FindAll("[data-testid=figure-order-value]").Select(v => v.TextContent).Order());
    }

    [Theory]
    [InlineData("?figure=Nonsense&from=2026-03-01&to=2026-03-31", ReportFigureText.Unknown)]
    [InlineData("?from=2026-03-01&to=2026-03-31", FigureQuery.NoFigure)]
    [InlineData("?figure=Done&from=2026-03-02&to=2026-03-01", ReportPeriod.Empty)]
    [InlineData("?figure=Done&from=2026-04-01&to=2026-03-01", ReportPeriod.Empty)]
    [InlineData("?figure=Done&from=1.3.2026&to=2026-03-31", FigureQuery.BadDate)]
    [InlineData("?figure=Done&department=abc&from=2026-03-01&to=2026-03-31", FigureQuery.BadDepartment)]
    public async Task ABadAddress_SaysWhatIsWrong(string query, string message)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);

        var page = Open(ctx, query);

        page.WaitForElement("[data-testid=figure-orders-error]", Wait);
        Assert.Equal(message, page.Find("[data-testid=figure-orders-error]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=figure-orders-table]"));
    }

    [Fact]
    public async Task ADepartmentSheDoesNotSupervise_IsRefused_AndSoIsAnEmployee()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var ctx = await ComponentTest.CreateAsync(database, database.Deputy))
        {
            var page = Open(ctx, $"?figure=Received&department={database.Finance.Id}&from=2026-03-01&to=2026-03-31");
            page.WaitForElement("[data-testid=reports-not-yours]", Wait);
            Assert.Equal(ReportQueries.DepartmentNotYours, page.Find("[data-testid=reports-not-yours]").TextContent.Trim());
        }
        await using (var ctx = await ComponentTest.CreateAsync(database, database.HousingClerk))
        {
            var page = Open(ctx, $"?figure=Received&department={database.Housing.Id}&from=2026-03-01&to=2026-03-31");
            page.WaitForElement("[data-testid=reports-not-yours]", Wait);
            Assert.Equal(ReportQueries.NotYours, page.Find("[data-testid=reports-not-yours]").TextContent.Trim());
            Assert.Empty(page.FindAll("[data-testid=figure-order-row]"));
        }
    }

    [Fact]
    public async Task TheDoneList_LinksToItsOnTimeAndLateParts()
    {
        await using var database = await TestDatabase.CreateAsync();
        var m = await ReportMunicipality.BuildAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);

        var page = Open(ctx, $"?figure=DoneLate&department={database.Housing.Id}&from=2026-03-01&to=2026-03-31");

        page.WaitForElement("[data-testid=figure-orders-related]", Wait);
        Assert.Equal(m.B.ToString(), Assert.Single(page.FindAll("[data-testid=figure-order-row]")).GetAttribute("data-order"));
        Assert.Equal("4 ч 0 мин", page.Find("[data-testid=figure-order-value]").TextContent);
        Assert.Equal("из 3 исполненных — 33 %", page.Find("[data-testid=figure-orders-share]").TextContent);   // B of A, E, B
        Assert.Equal(new FigureQuery(ReportFigure.DoneOnTime, ReportMunicipality.March, [database.Housing.Id]).PageUrl,
            page.Find("[data-testid=related-DoneOnTime]").GetAttribute("href"));
    }

    [Fact]
    public async Task TheForwardsList_SaysWhereEachWent_AndMakesTheReportsPerOrderFigure()
    {
        await using var database = await TestDatabase.CreateAsync();
        var m = await ReportMunicipality.BuildAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);

        var page = Open(ctx, $"?figure=Forwards&department={database.Housing.Id}&from=2026-03-01&to=2026-03-31");

        page.WaitForElement("[data-testid=figure-orders-share]", Wait);
        Assert.Equal("на 4 поступивших — 0,25 на поручение", page.Find("[data-testid=figure-orders-share]").TextContent);
        var row = Assert.Single(page.FindAll("[data-testid=figure-order-row]"));
        Assert.Equal(m.C.ToString(), row.GetAttribute("data-order"));
        Assert.Contains("Переадресовано в", page.Find("thead").TextContent);
        Assert.Equal(database.Roads.ShortName, row.QuerySelectorAll("td").Last().TextContent);
    }

    [Fact]
    public async Task AListLongerThanAPage_ShowsItsFirstRows_AndSaysTheRestIsInTheDownload()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Controller);
        var rows = Enumerable.Range(1, FigureOrdersTable.MaxShown + 1).Select(i => new FigureRow(i, $"П-2026/{i:0000}", "Поручение",
            LiveOrders.Core.Orders.OrderStatus.New, ReportMunicipality.Due(0), 1, "ЖКХ", ReportMunicipality.Due(0))).ToList();
        var orders = new FigureOrders(ReportFigure.Received, ReportMunicipality.March, [new(1, "ЖКХ", "ЖКХ", null)], ReportMunicipality.Due(0), rows);

        var table = ctx.Render<FigureOrdersTable>(p => p.Add(x => x.Orders, orders));

        Assert.Equal(FigureOrdersTable.MaxShown, table.FindAll("[data-testid=figure-order-row]").Count);
        Assert.Equal($"Показаны первые {FigureOrdersTable.MaxShown} из {FigureOrdersTable.MaxShown + 1}. Весь список — в выгрузке.",
            table.Find("[data-testid=figure-orders-more]").TextContent);
    }
}
