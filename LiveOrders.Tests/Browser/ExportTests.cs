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

    [Fact]
    public async Task TheBoardsExportMenu_DownloadsTheCardsTheFilteredBoardShows_InItsOrder()
    {
        var board = await browser.SignInAsync("zkh.head");
        await board.GotoAsync("/board");
        await BrowserFixture.WaitInteractiveAsync(board);
        var cards = board.GetByTestId("card");
        await Expect(cards.First).ToBeVisibleAsync();

        await board.GetByText("Просроченные").ClickAsync();
        await Expect(board.Locator("[data-testid=card]:not(.lo-overdue)")).ToHaveCountAsync(0);
        var shown = await board.Locator("[data-testid=card] a.lo-number").AllInnerTextsAsync();
        Assert.NotEmpty(shown);

        await board.GetByRole(AriaRole.Button, new() { Name = "Выгрузить" }).ClickAsync();
        var download = await board.RunAndWaitForDownloadAsync(() => board.GetByTestId("export-xlsx").ClickAsync());

        Assert.StartsWith("Доска_ЖКХ_", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"board-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        var rows = Xlsx.Read(await File.ReadAllBytesAsync(path))["Доска"];
        File.Delete(path);
        Assert.Equal(shown, rows.Skip(1).Select(r => r[1].Text));
        Assert.All(rows.Skip(1), r => Assert.Equal("да", r[5].Text));

        await board.Context.CloseAsync();
    }
}
