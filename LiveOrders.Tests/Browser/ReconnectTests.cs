using LiveOrders.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ReconnectTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnOpenBoard_SurvivesAServerRestart_AndIsLiveAgainWithoutAnyoneTouchingIt()
    {
        var board = await browser.SignInAsync("zkh.1");
        await board.GotoAsync("/board");
        await BrowserFixture.WaitInteractiveAsync(board);
        var reconnect = board.Locator("#components-reconnect-modal");

        await browser.App.StopAsync();
        try
        {
            await Expect(reconnect).ToBeVisibleAsync(new() { Timeout = 20_000 });
            // The message of the state it is in, not every message in the element (the others are hidden).
            await Expect(reconnect).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Связь с сервером потеряна|Связи с сервером нет"),
                new() { UseInnerText = true });
        }
        finally
        {
            await browser.App.StartAsync();
        }
        // The server no longer knows the old circuit: the page reloads itself and is interactive again. The old page
        // keeps its data-interactive mark while it is cut off, so the reload shows first as the message going away.
        await Expect(reconnect).ToBeHiddenAsync(new() { Timeout = 60_000 });
        await Expect(board.Locator(".lo-body[data-interactive]")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        var author = await browser.SignInAsync("arch.head");
        var id = await BrowserFixture.CreateOrderAsync(author, $"После перезапуска {Guid.NewGuid().ToString()[..6]}", "Управление жилищно-коммунального хозяйства");
        await Expect(board.GetByTestId("column-New").Locator($"[data-order-id='{id}']")).ToBeVisibleAsync();
        await author.Context.CloseAsync();
        await board.Context.CloseAsync();
    }
}
