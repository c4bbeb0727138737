using LiveOrders.Tests.Support;
using LiveOrders.Tests.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>«Выгрузить» on an order list downloads the list as it is filtered on screen.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExportTests(BrowserFixture browser)
{
    private const string Housing = "Управление жилищно-коммунального хозяйства";

    [Fact]
    public async Task TheExportMenu_DownloadsAnXlsxOfTheListAsFilteredOnScreen()
    {
        var word = $"Выгр{Guid.NewGuid().ToString()[..6]}";
        var title = $"Покосить траву {word} в сквере";
        var author = await browser.SignInAsync("arch.head");
        await BrowserFixture.CreateOrderAsync(author, title, Housing);

        var list = await browser.SignInAsync("zkh.head");
        await list.GotoAsync("/department");
        await BrowserFixture.WaitInteractiveAsync(list);
        await list.GetByTestId("search").FillAsync(word);
        await Expect(list.GetByTestId("order-list").Locator("tr", new() { HasText = title })).ToBeVisibleAsync();

        await list.GetByRole(AriaRole.Button, new() { Name = "Выгрузить" }).ClickAsync();
        var download = await list.RunAndWaitForDownloadAsync(() => list.GetByTestId("export-xlsx").ClickAsync());

        Assert.StartsWith("Поручения_", download.SuggestedFilename);
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        var rows = Xlsx.Read(await File.ReadAllBytesAsync(path))["Поручения"];
        File.Delete(path);
        Assert.Equal(title, Assert.Single(rows.Skip(1))[1].Text);

        await list.Context.CloseAsync();
        await author.Context.CloseAsync();
    }
}
