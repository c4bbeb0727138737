using LiveOrders.Tests.Support;
using LiveOrders.Tests.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>The reports page in Chromium: the trend chart fits its box on a desk and on a phone, and «Выгрузить» downloads what is shown.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1400, 900)]
    [InlineData(390, 844)]
    public async Task TheTrendChart_WithItsAxisAndLegend_StaysInsideItsBox(int width, int height)
    {
        var page = await browser.SignInAsync("deputy2", width, height);
        await page.GotoAsync("/reports");
        await BrowserFixture.WaitInteractiveAsync(page);
        var chart = page.GetByTestId("trend-chart");
        await Expect(chart.Locator("svg").First).ToBeVisibleAsync();
        var legend = chart.GetByText("Исполнено", new() { Exact = true });
        await Expect(legend).ToBeVisibleAsync();

        var box = (await chart.BoundingBoxAsync())!;
        var svg = (await chart.Locator("svg").First.BoundingBoxAsync())!;
        var legendBox = (await legend.BoundingBoxAsync())!;
        // Last session's chart was taller than its box: the zero line, the dates and the legend were cut off.
        Assert.True(svg.Y + svg.Height <= box.Y + box.Height + 1, $"the chart ({svg.Y + svg.Height}) runs past its box ({box.Y + box.Height})");
        Assert.True(svg.X + svg.Width <= box.X + box.Width + 1, $"the chart ({svg.X + svg.Width}) is wider than its box ({box.X + box.Width})");
        Assert.True(legendBox.Y + legendBox.Height <= box.Y + box.Height + 1, "the legend is below the chart's box");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, "the page scrolls sideways");
        await Expect(page.GetByTestId("rating-formula")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ThePeriodChosen_IsInTheAddress_SoBackFromADrillDownList_ReturnsToTheSameReport()
    {
        var page = await browser.SignInAsync("deputy2");
        await page.GotoAsync("/reports");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("report-year").ClickAsync();
        var year = DateTime.UtcNow.AddHours(7).Year; // the demo's municipality is in UTC+7
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"/reports\?from={year}-01-01&to={year}-12-31$"));
        var received = await page.GetByTestId("report-total").GetByTestId("received").TextContentAsync();

        await page.GetByTestId("report-total").GetByTestId("received").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("figure-orders-count")).ToHaveTextAsync(received!.Trim());
        // Before, «Назад» opened the page on the current month again, and the year chosen was lost.
        await page.GoBackAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("report-from")).ToHaveValueAsync($"01.01.{year}");
        await Expect(page.GetByTestId("report-to")).ToHaveValueAsync($"31.12.{year}");
        await Expect(page.GetByTestId("report-total").GetByTestId("received")).ToHaveTextAsync(received);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ADrillDownList_OnAPhone_ShowsEachOrderAsACard_WithNothingScrolledOutOfView()
    {
        var page = await browser.SignInAsync("deputy2", 390, 844);
        await page.GotoAsync("/reports");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("report-year").ClickAsync();
        await page.GetByTestId("report-total").GetByTestId("received").GetByRole(AriaRole.Link).ClickAsync();
        var rows = page.GetByTestId("figure-order-row");
        await Expect(rows.First).ToBeVisibleAsync();

        // Before, the table scrolled sideways inside its box: the title and status of every order were out of view.
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var row = (await rows.Nth(i).BoundingBoxAsync())!;
            foreach (var cell in await rows.Nth(i).Locator("td").AllAsync())
                if (await cell.IsVisibleAsync())
                {
                    var box = (await cell.BoundingBoxAsync())!;
                    Assert.True(box.X >= row.X - 1 && box.X + box.Width <= Math.Min(row.X + row.Width, 390) + 1,
                        $"row {i}: a cell at {box.X}..{box.X + box.Width} is outside the card {row.X}..{row.X + row.Width}");
                }
        }
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheExportMenu_DownloadsTheReportShown_AsXlsx()
    {
        var page = await browser.SignInAsync("deputy2");
        await page.GotoAsync("/reports");
        await BrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("rating-row")).ToHaveCountAsync(3);              // Архитектура, ЖКХ, Образование
        var shown = await page.Locator("[data-testid=report-row] td:first-child, [data-testid=report-total] td:first-child").AllTextContentsAsync();
        Assert.Equal(4, shown.Count);                                                   // and «Итого по выбранным»

        await page.GetByRole(AriaRole.Button, new() { Name = "Выгрузить" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-xlsx").ClickAsync());

        Assert.Matches(@"^Отчёт_\d{4}-\d{2}-01_\d{4}-\d{2}-\d{2}\.xlsx$", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        var sheets = Xlsx.Read(await File.ReadAllBytesAsync(path));
        File.Delete(path);
        Assert.Equal(["Отчёт", "Показатели", "Динамика по неделям", "Рейтинг"], sheets.Keys);
        Assert.Equal(shown, sheets["Показатели"].Skip(1).Select(r => r[0].Text));
        Assert.Equal(3, sheets["Рейтинг"].Count - 1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOrderSentAndAcceptedElsewhere_ChangesTheOpenReport_WithoutAReload()
    {
        await using var otherDesk = await browser.LaunchBrowserAsync();
        var deputy = await browser.SignInAsync("deputy2", browser: otherDesk);
        await deputy.GotoAsync("/reports");
        await BrowserFixture.WaitInteractiveAsync(deputy);
        var housing = deputy.GetByTestId("report-row").Filter(new() { HasText = "ЖКХ" });
        var received = housing.GetByTestId("received");
        await Expect(received).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        var before = int.Parse(await received.InnerTextAsync());
        await Expect(deputy.GetByTestId("report-updated")).ToContainTextAsync("На связи · обновлено", new() { UseInnerText = true });
        var updated = deputy.GetByTestId("report-updated").GetByTestId("updated");
        var loadedAt = await updated.InnerTextAsync();
        await deputy.EvaluateAsync("() => window.loSameReportPage = true");     // gone if the page were loaded again

        // Another person, in another browser, sends an order to Housing: the deputy's open report counts it.
        var author = await browser.SignInAsync("arch.head");
        var id = await BrowserFixture.CreateOrderAsync(author, $"Проверить отчёт вживую {Guid.NewGuid().ToString()[..6]}", "Управление жилищно-коммунального хозяйства");
        await Expect(received).ToHaveTextAsync((before + 1).ToString(), new() { Timeout = 15_000 });
        await Expect(updated).Not.ToHaveTextAsync(loadedAt);
        var afterSending = await updated.InnerTextAsync();

        // Its head accepts it: the report is recomputed again (the time to accept now counts it).
        var head = await browser.SignInAsync("zkh.head");
        await head.GotoAsync($"/orders/{id}");
        await BrowserFixture.WaitInteractiveAsync(head);
        await head.GetByTestId("action-Accept").ClickAsync();
        await Expect(head.GetByTestId("order").GetByTestId("status").First).ToHaveTextAsync("В работе");
        await Expect(updated).Not.ToHaveTextAsync(afterSending, new() { Timeout = 15_000 });
        Assert.True(await deputy.EvaluateAsync<bool>("() => window.loSameReportPage === true"), "the report page was reloaded");
        await Expect(received).ToHaveTextAsync((before + 1).ToString());

        foreach (var page in new[] { deputy, author, head }) await page.Context.CloseAsync();
    }
}
