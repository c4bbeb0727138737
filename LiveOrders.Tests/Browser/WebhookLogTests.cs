using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>
/// The delivery log follows the app's own sender in a real browser: an administrator watching a receiver come back
/// sees its deliveries arrive without reloading, with the chosen filter and the place on the page kept.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebhookLogTests(BrowserFixture browser)
{
    private const string Housing = "Управление жилищно-коммунального хозяйства";

    [Fact]
    public async Task AReceiverComingBack_ShowsInTheOpenLog_WithoutAReload_KeepingTheFilterAndTheScroll()
    {
        using var receiver = new WebhookReceiver { Mode = WebhookReceiver.Behaviour.Unavailable }.Start();
        var admin = await browser.SignInAsync("admin", 390, 844);
        await admin.GotoAsync("/admin/webhooks");
        await BrowserFixture.WaitInteractiveAsync(admin);
        await admin.GetByTestId("webhook-url").FillAsync(receiver.Url);
        await BrowserFixture.PickAsync(admin, "webhook-kinds", "создано");
        await BrowserFixture.CloseMultiSelectAsync(admin, "создано");
        await admin.GetByTestId("webhook-create").ClickAsync();
        var card = admin.GetByTestId("webhook-row").Filter(new() { HasText = receiver.Url });
        await Expect(card).ToHaveCountAsync(1);
        var id = await card.GetAttributeAsync("data-subscription-id");
        try
        {
            // Other tests' orders reach this subscription too: the log is filtered to it, and rows are told by number.
            await BrowserFixture.PickAsync(admin, "webhook-log-subscription", $"№ {id} — {receiver.Url}");

            var author = await browser.SignInAsync("arch.head");
            var orderId = await BrowserFixture.CreateOrderAsync(author, $"Вебхук вернулся {Guid.NewGuid().ToString()[..6]}", Housing);
            var number = await author.GetByTestId("order-number").InnerTextAsync();
            await author.Context.CloseAsync();

            // The receiver answers 503: the failed try appears in the open log by itself.
            var rows = admin.GetByTestId("webhook-attempt").Filter(new() { HasText = number });
            await Expect(rows).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Expect(rows.First.GetByTestId("webhook-attempt-answer")).ToHaveTextAsync("503");
            await admin.EvaluateAsync("() => window.loNotReloaded = true");
            await admin.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
            var scrolled = await admin.EvaluateAsync<double>("() => window.scrollY");
            Assert.True(scrolled > 0);

            // It comes back; after the backoff the app's sender gets through, and the log and the card show it.
            receiver.Mode = WebhookReceiver.Behaviour.Ok;
            await Expect(rows).ToHaveCountAsync(2, new() { Timeout = 60_000 });
            await Expect(rows.First.GetByTestId("webhook-attempt-answer")).ToHaveTextAsync("204");
            await Expect(rows.First.GetByTestId("webhook-attempt-state")).ToHaveTextAsync("доставлено");
            Assert.True(await admin.EvaluateAsync<bool>("() => window.loNotReloaded === true"));
            // The page stayed where it was (the browser may keep the rows in view by moving down as rows come in above).
            Assert.True(await admin.EvaluateAsync<double>("() => window.scrollY") >= scrolled);
            var shown = await admin.GetByTestId("webhook-attempt").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.subscriptionId)");
            Assert.All(shown, s => Assert.Equal(id, s));
            Assert.Single(receiver.Accepted, r => r.Body.Contains($"\"order\":{{\"id\":{orderId},"));
        }
        finally
        {
            // The app outlives this test: its subscription goes with the receiver.
            await card.GetByTestId("webhook-delete").ClickAsync();
            await card.GetByTestId("webhook-delete-yes").ClickAsync();
            await Expect(card).ToHaveCountAsync(0);
            await admin.Context.CloseAsync();
        }
    }
}
