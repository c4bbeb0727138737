using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>
/// An order forwarded back to a department it already left: the curating deputy head's control panel and the
/// department's board show the «Пинг-понг» flag as it happens, without a reload; the order page shows the chain.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PingPongTests(BrowserFixture browser)
{
    private const string Housing = "Управление жилищно-коммунального хозяйства";
    private const string Education = "Управление образования";

    private static async Task ForwardAsync(IPage head, int id, string to, string reason)
    {
        await head.GotoAsync($"/orders/{id}");
        await BrowserFixture.WaitInteractiveAsync(head);
        await head.GetByTestId("action-Forward").ClickAsync();
        await OrderLifeTests.PickInDialogAsync(head, "forward-department", to);
        await head.GetByTestId("reason").FillAsync(reason);
        await head.GetByTestId("confirm").ClickAsync();
        try
        {
            await head.WaitForURLAsync("**/department");
        }
        catch (TimeoutException e)
        {
            // What the page showed instead (a refusal, the dialog still open): why the forward did not land.
            var shown = await head.Locator("body").InnerTextAsync();
            throw new TimeoutException($"The forward to «{to}» did not reach /department; the page at {head.Url} shows:\n{shown}", e);
        }
    }

    [Fact]
    public async Task AnOrderForwardedBackWhereItWas_IsFlaggedLive_OnTheDeputysPanelAndTheBoard()
    {
        var title = $"Ремонт крыльца школы № 3 {Guid.NewGuid().ToString()[..6]}";
        var author = await browser.SignInAsync("arch.head");
        var id = await BrowserFixture.CreateOrderAsync(author, title, Housing);
        var housingHead = await browser.SignInAsync("zkh.head");
        await ForwardAsync(housingHead, id, Education, "Крыльцо школы — на балансе управления образования.");

        // The deputy head curating both departments watches her panel; a housing employee watches the board.
        var deputy = await browser.SignInAsync("deputy2", height: 2000);
        await deputy.GotoAsync("/control");
        await BrowserFixture.WaitInteractiveAsync(deputy);
        await deputy.GetByTestId("pingpong-count").WaitForAsync();
        var listed = deputy.Locator($"[data-testid=pingpong-item][data-order-id='{id}']");
        await Expect(listed).ToHaveCountAsync(0);
        var board = await browser.SignInAsync("zkh.1", height: 3000);
        await board.GotoAsync("/board");
        await BrowserFixture.WaitInteractiveAsync(board);
        await board.GetByTestId("column-New").WaitForAsync();
        var card = board.Locator($"[data-testid=card][data-order-id='{id}']");
        await Expect(card).ToHaveCountAsync(0);

        var educationHead = await browser.SignInAsync("edu.head");
        await ForwardAsync(educationHead, id, Housing, "Ремонт входных групп — ЖКХ по муниципальной программе.");

        await Expect(listed).ToBeVisibleAsync();
        await Expect(listed).ToContainTextAsync("Образование → ЖКХ");
        await listed.GetByTestId("pingpong").HoverAsync();
        await Expect(deputy.GetByText("Поручение вернулось в «ЖКХ» из «Образование», где уже было", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(card.GetByTestId("pingpong")).ToHaveTextAsync("Пинг-понг");
        await Expect(card.GetByTestId("pingpong")).ToHaveAttributeAsync("title", "Поручение вернулось в «ЖКХ» из «Образование», где уже было");

        // The order page: the flag names the round, the chain shows where the order has been.
        await deputy.GotoAsync($"/orders/{id}");
        await BrowserFixture.WaitInteractiveAsync(deputy);
        await deputy.GetByTestId("order").GetByTestId("pingpong").HoverAsync();
        await Expect(deputy.GetByText("Вернулось туда, где уже было: ЖКХ → Образование → ЖКХ", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(deputy.GetByTestId("custody-step")).ToHaveCountAsync(3);
        await Expect(deputy.GetByTestId("custody-step").Last).ToContainTextAsync("сейчас");
        await deputy.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "pingpong-order-deputy.png") });

        foreach (var page in new[] { author, housingHead, deputy, board, educationHead }) await page.Context.CloseAsync();
    }
}
