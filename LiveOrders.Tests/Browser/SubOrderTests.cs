using System.Text.RegularExpressions;
using LiveOrders.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>Sub-orders seen live by the parent's author, who takes no part in them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SubOrderTests(BrowserFixture browser)
{
    [Fact]
    public async Task ParentsAuthor_SeesASubOrderAppearAndChangeStatus_LiveInTheTree()
    {
        // Architecture issues to housing; housing accepts it.
        var author = await browser.SignInAsync("arch.head");
        var parentId = await BrowserFixture.CreateOrderAsync(author, $"Обследовать дворы {Guid.NewGuid().ToString()[..6]}",
            "Управление жилищно-коммунального хозяйства");
        var head = await browser.SignInAsync("zkh.head");
        await head.GotoAsync($"/orders/{parentId}");
        await BrowserFixture.WaitInteractiveAsync(head);
        await head.GetByTestId("action-Accept").ClickAsync();

        // Housing splits a part off to finance (the form starts from the parent's title and due date).
        await head.GetByTestId("create-suborder").ClickAsync();
        await head.WaitForURLAsync(new Regex(@"/orders/new\?parent=\d+$"));
        await BrowserFixture.WaitInteractiveAsync(head);
        await BrowserFixture.PickAsync(head, "departments", "Финансовое управление");
        await BrowserFixture.CloseMultiSelectAsync(head, "Финансовое управление");
        await head.GetByTestId("send").ClickAsync();
        await head.WaitForURLAsync(new Regex(@"/orders/\d+$"));
        var subId = int.Parse(head.Url.Split('/').Last());

        // The author's page of the parent, open all along, shows the new sub-order without a reload ...
        var row = author.Locator($"[data-testid=suborder-row][data-order-id='{subId}']");
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("Новое");

        // ... and its status when finance accepts it.
        var finance = await browser.SignInAsync("fin.head");
        await finance.GotoAsync($"/orders/{subId}");
        await BrowserFixture.WaitInteractiveAsync(finance);
        await finance.GetByTestId("action-Accept").ClickAsync();
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("В работе");

        await author.Context.CloseAsync();
        await head.Context.CloseAsync();
        await finance.Context.CloseAsync();
    }
}
