using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveOrders.Core.Audit;
using LiveOrders.Core.Data;
using LiveOrders.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// The audit log through the real app: the address of each request reaches its entries (API, sign-in form), a proxy's
/// header counts only when a proxy is configured, and the export is control's and the administrators'.
/// </summary>
public sealed class AuditWebTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>The app with each request's remote address set from a test header (the in-memory server has none).</summary>
    private static WebApplicationFactory<Program> FromAddresses(WebApplicationFactory<Program> app, params (string Key, string Value)[] settings) =>
        app.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureServices(s => s.AddTransient<IStartupFilter, RemoteAddressFromHeader>());
        });

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var address))
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                return nextMiddleware(context);
            });
            next(builder);
        };
    }

    private static HttpClient ClientFrom(WebApplicationFactory<Program> factory, string address)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        return client;
    }

    private static async Task<HttpClient> SignedInFromAsync(WebApplicationFactory<Program> factory, string address, string login)
    {
        var client = ClientFrom(factory, address);
        var response = await LiveOrdersApp.PostLoginAsync(client, login, "Demo2026!");
        Assert.DoesNotContain("error=", response.Headers.Location?.ToString());
        return client;
    }

    private static async Task<List<AuditEntry>> EntriesAsync(WebApplicationFactory<Program> factory, Func<IQueryable<AuditEntry>, IQueryable<AuditEntry>> where)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync();
        return await where(db.AuditEntries).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task AnOrderActionThroughTheApi_IsRecordedWithTheCallersAddress_AndTheStatusBeforeAndAfter()
    {
        var factory = FromAddresses(app);
        var author = await SignedInFromAsync(factory, "203.0.113.10", "arch.head");
        var page = await author.GetFromJsonAsync<JsonElement>("/api/v1/orders?scope=All&take=200", Json);
        var housingId = page.GetProperty("items").EnumerateArray().First(o => o.GetProperty("executingDepartment").GetString() == "ЖКХ")
            .GetProperty("executingDepartmentId").GetInt32();
        var created = await author.PostAsJsonAsync("/api/v1/orders", new
        {
            title = "Проверить освещение в сквере", departmentIds = new[] { housingId }, priority = "Normal", dueAt = DateTimeOffset.UtcNow.AddDays(4),
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Json))[0].GetProperty("id").GetInt32();

        var head = await SignedInFromAsync(factory, "2001:db8::7", "zkh.head");
        var version = (await head.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", Json)).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await head.PostAsJsonAsync($"/api/v1/orders/{id}/transitions", new { action = "Accept", version })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.PostAsJsonAsync($"/api/v1/orders/{id}/comments", new { text = "Берём в работу" })).StatusCode);

        var entries = await EntriesAsync(factory, q => q.Where(a => a.OrderId == id));
        Assert.All(entries.Where(e => e.Action is "order.created" or "order.sent"), e => Assert.Equal("203.0.113.10", e.Address));
        var accepted = entries.Single(e => e.Action == "order.accepted");
        Assert.Equal("2001:db8::7", accepted.Address);
        Assert.Contains("Статус: Новое → ", accepted.Changes);
        var comment = entries.Single(e => e.Kind == AuditKind.Comments);
        Assert.Equal(("2001:db8::7", accepted.ActorName), (comment.Address, comment.ActorName));
    }

    [Fact]
    public async Task SignInsFailedSignInsAndSignOuts_AreRecordedWithTheAddress_AndNeverThePassword()
    {
        var factory = FromAddresses(app);
        var client = ClientFrom(factory, "198.51.100.33");
        var wrong = await LiveOrdersApp.PostLoginAsync(client, "zkh.1", "Угадайка-777");
        Assert.Contains("error=invalid", wrong.Headers.Location?.ToString());
        var unknown = await LiveOrdersApp.PostLoginAsync(client, "nobody.here", "Угадайка-778");
        Assert.Contains("error=invalid", unknown.Headers.Location?.ToString());
        var right = await LiveOrdersApp.PostLoginAsync(client, "zkh.1", "Demo2026!");
        Assert.DoesNotContain("error=", right.Headers.Location?.ToString());

        var entries = await EntriesAsync(factory, q => q.Where(a => a.Address == "198.51.100.33"));
        var failed = entries.Where(e => e.Kind == AuditKind.FailedSignIns).ToList();
        Assert.Equal(2, failed.Count);
        Assert.Contains("Имя входа: zkh.1", failed[0].Changes);
        Assert.Contains("неверный пароль", failed[0].Summary);
        Assert.NotNull(failed[0].ActorId);                 // the account tried is known: the person filter finds it
        Assert.Contains("нет такой учётной записи", failed[1].Summary);
        Assert.Null(failed[1].ActorId);
        Assert.DoesNotContain(entries, e => (e.Summary + e.Changes + e.SearchText).Contains("угадайка", StringComparison.OrdinalIgnoreCase));
        var signedIn = Assert.Single(entries, e => e.Action == AuditActions.SignedIn);
        Assert.Equal(failed[0].ActorId, signedIn.ActorId);
        Assert.Contains("(пароль)", signedIn.Summary);

        var form = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Single(await EntriesAsync(factory, q => q.Where(a => a.Action == AuditActions.SignedOut && a.Address == "198.51.100.33")));
    }

    [Fact]
    public async Task AForwardedAddress_CountsOnlyFromAConfiguredProxy()
    {
        var direct = ClientFrom(FromAddresses(app), "192.0.2.50");
        direct.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.99");
        await LiveOrdersApp.PostLoginAsync(direct, "forged.name", "x");

        var behindProxy = FromAddresses(app, ("ForwardedHeaders:KnownProxies:0", "10.0.0.1"));
        var proxied = ClientFrom(behindProxy, "10.0.0.1");
        proxied.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.77");
        await LiveOrdersApp.PostLoginAsync(proxied, "proxied.name", "x");

        var entries = await EntriesAsync(behindProxy, q => q.Where(a => a.Kind == AuditKind.FailedSignIns));
        Assert.Equal("192.0.2.50", entries.Single(e => e.Changes.Contains("forged.name")).Address);
        Assert.Equal("192.0.2.77", entries.Single(e => e.Changes.Contains("proxied.name")).Address);
    }

    [Fact]
    public async Task TheExport_IsControlsAndTheAdministrators_AndReadsBackFiltered()
    {
        var factory = FromAddresses(app);
        await LiveOrdersApp.PostLoginAsync(ClientFrom(factory, "192.0.2.200"), "zkh.head", "неверно");

        var control = await SignedInFromAsync(factory, "192.0.2.201", "ctrl.1");
        var response = await control.GetAsync("/audit/export?format=xlsx&kind=FailedSignIns&address=192.0.2.200");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sheet = Xlsx.Read(await response.Content.ReadAsByteArrayAsync())["Журнал изменений"];
        var row = Assert.Single(sheet.Skip(1));
        Assert.Equal("192.0.2.200", row[2].Text);
        Assert.Equal("Неудачные входы", row[3].Text);

        var csv = await control.GetAsync("/audit/export?format=csv&text=НЕВЕРНЫЙ%20ПАРОЛЬ&from=2000-01-01");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("192.0.2.200", await csv.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await control.GetAsync("/audit/export?format=xlsx&kind=Nonsense")).StatusCode);

        var head = await SignedInFromAsync(factory, "192.0.2.202", "zkh.head");
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync("/audit/export?format=xlsx")).StatusCode);
    }
}
