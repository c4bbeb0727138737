using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>
/// «Снять с контроля»: the author names a controller at creation and later takes the order off control with a reason; the
/// executor, looking at the order and at the board, sees it without a reload.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ControlTests(BrowserFixture browser)
{
    private const string Housing = "Управление жилищно-коммунального хозяйства";

    [Fact]
    public async Task TheAuthorTakesTheOrderOffControl_AndTheExecutorSeesItLive_OnTheOrderAndTheBoard()
    {
        var title = $"Проверить освещение во дворах {Guid.NewGuid().ToString()[..6]}";
        var author = await browser.SignInAsync("arch.head");
        await author.GotoAsync("/orders/new");
        await BrowserFixture.WaitInteractiveAsync(author);
        await author.GetByTestId("title").FillAsync(title);
        await BrowserFixture.PickAsync(author, "departments", Housing);
        await BrowserFixture.CloseMultiSelectAsync(author, Housing);
        await author.GetByText("Поставить на контроль").ClickAsync();   // the label, as a person clicks it
        await Expect(author.GetByTestId("on-control")).ToBeCheckedAsync();
        await author.GetByTestId("controller-picker").Locator("input").FillAsync("Гусев");
        await author.GetByTestId("controller-option").Filter(new() { HasText = "Гусева" }).ClickAsync();
        await author.GetByTestId("send").ClickAsync();
        await author.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/orders/\d+$"));
        var id = int.Parse(author.Url.Split('/').Last());
        await BrowserFixture.WaitInteractiveAsync(author);
        await Expect(author.GetByTestId("controller-fact")).ToContainTextAsync("Гусева");

        var executor = await browser.SignInAsync("zkh.head");
        await executor.GotoAsync($"/orders/{id}");
        await BrowserFixture.WaitInteractiveAsync(executor);
        await Expect(executor.GetByTestId("control-state")).ToHaveTextAsync("На контроле");
        await Expect(executor.GetByTestId("controller-fact")).ToContainTextAsync("Гусева");
        await Expect(executor.GetByTestId("action-TakeOffControl")).ToHaveCountAsync(0);
        var board = await executor.Context.NewPageAsync();
        await board.GotoAsync("/board");
        await BrowserFixture.WaitInteractiveAsync(board);
        var card = board.Locator($"[data-testid=card][data-order-id='{id}']");
        await Expect(card.GetByTestId("card-control")).ToHaveAttributeAsync("data-on-control", "true");

        await author.GetByTestId("action-TakeOffControl").ClickAsync();
        await author.GetByTestId("reason").FillAsync("Освещение восстановлено, проверено выездом");
        await author.GetByTestId("confirm").ClickAsync();

        await Expect(executor.GetByTestId("control-state")).ToHaveTextAsync("Снято с контроля");
        await Expect(executor.GetByTestId("timeline-event").Filter(new() { HasText = "Снято с контроля" }))
            .ToContainTextAsync("Освещение восстановлено, проверено выездом");
        await Expect(card.GetByTestId("card-control")).ToHaveTextAsync("снято с контроля");
        await Expect(author.GetByTestId("action-PutOnControl")).ToHaveCountAsync(1);
        await executor.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "off-control-executor.png") });

        await author.Context.CloseAsync();
        await executor.Context.CloseAsync();
    }
}
