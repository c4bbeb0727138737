using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace LiveOrders.Tests.Support;

/// <summary>
/// People and programs reaching <see cref="TwoNodes"/> the way users do, through nginx; pinned to a node by setting the
/// proxy's own cookie <c>lo_node</c> before the first request, as if nginx had chosen that node for them.
/// </summary>
public static class ProxyVisitor
{
    /// <summary>A browser signed in as <paramref name="userName"/> through the proxy, held on <paramref name="node"/> ("a" or "b").</summary>
    public static async Task<IPage> SignInAsync(BrowserFixture browser, TwoNodes nodes, string userName, string? node, int height = 1400)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = nodes.BaseUrl,
            Locale = "ru-RU",
            ViewportSize = new ViewportSize { Width = 1400, Height = height },
        });
        context.SetDefaultTimeout(20_000);
        if (node is not null)
            await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "lo_node", Value = node, Url = nodes.BaseUrl }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", BrowserFixture.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        await BrowserFixture.WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>Opens <paramref name="path"/> and waits until the page is interactive.</summary>
    public static async Task<IPage> OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await BrowserFixture.WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>The node nginx holds the browser on now (its cookie).</summary>
    public static async Task<string> NodeAsync(IPage page) =>
        (await page.Context.CookiesAsync()).Single(c => c.Name == "lo_node").Value;

    /// <summary>An HTTP client signed in as <paramref name="userName"/> through the proxy, pinned to <paramref name="node"/> (or as nginx picks).</summary>
    public static async Task<HttpClient> ApiClientAsync(TwoNodes nodes, string userName, string? node = null, CookieContainer? jar = null)
    {
        var cookies = jar ?? new CookieContainer();
        if (node is not null) cookies.Add(new Uri(nodes.BaseUrl), new System.Net.Cookie("lo_node", node));
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(nodes.BaseUrl) };
        var login = await LiveOrdersApp.PostLoginAsync(client, userName, BrowserFixture.Password);
        if (login.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"{userName} could not sign in through the proxy: {login.StatusCode}");
        return client;
    }

    /// <summary>Issues an order to ЖКХ through the API; returns its id.</summary>
    public static async Task<int> CreateHousingOrderAsync(HttpClient author, string title, DateTimeOffset? dueAt = null, string priority = "Normal")
    {
        var departments = await author.GetFromJsonAsync<JsonElement>("/api/v1/departments");
        var housing = departments.EnumerateArray().Single(d => d.GetProperty("shortName").GetString() == "ЖКХ").GetProperty("id").GetInt32();
        var response = await author.PostAsJsonAsync("/api/v1/orders", new { title, departmentIds = new[] { housing }, priority, dueAt = dueAt ?? DateTimeOffset.UtcNow.AddDays(3) });
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"The order was refused: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetInt32();
    }

    /// <summary>A card of the board in the given column.</summary>
    public static ILocator Card(IPage board, string column, int orderId) =>
        board.GetByTestId($"column-{column}").Locator($"[data-testid=card][data-order-id='{orderId}']");
}
