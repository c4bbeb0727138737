using LiveOrders.Tests.Support;
using LiveOrders.Tests.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>A number on the reports page opens the list of the orders behind it, as many as the number says, and downloads.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportDrillDownTests(BrowserFixture browser)
{
    [Fact]
    public async Task ClickingANumberOnTheReportsPage_ListsThatManyOrders_AndTheListDownloadsAsXlsx()
    {
        var page = await browser.SignInAsync("deputy2");
        await page.GotoAsync("/reports");
        await BrowserFixture.WaitInteractiveAsync(page);
        var housing = page.GetByTestId("report-row").Filter(new() { HasText = "ЖКХ" });
        var number = housing.GetByTestId("drill-Received");
        await Expect(number).ToBeVisibleAsync();
        var count = int.Parse(await number.InnerTextAsync());
        Assert.True(count > 0, "the demo municipality's ЖКХ receives orders every month");

        await number.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reports/orders\\?figure=Received"));
        await Expect(page.GetByTestId("figure-orders-title")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Поступило — ЖКХ, "));
        await Expect(page.GetByTestId("figure-orders-count")).ToHaveTextAsync(count.ToString());
        await Expect(page.GetByTestId("figure-order-row")).ToHaveCountAsync(count);

        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Выгрузить" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-xlsx").ClickAsync());
        Assert.StartsWith("Поступило_ЖКХ_", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"drill-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        var rows = Xlsx.Read(await File.ReadAllBytesAsync(path))["Поступило"];
        File.Delete(path);
        Assert.Equal(count, rows.Count - 1);
        var first = await page.GetByTestId("figure-order-link").First.InnerTextAsync();
        Assert.Contains(rows.Skip(1), r => r[0].Text == first);

        await page.Context.CloseAsync();
    }
}
