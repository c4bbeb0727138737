using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveOrders.Core.Integrations;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>API keys over real HTTP: a key sees and changes exactly what its scope allows, and a bad key gets 401 and no data.</summary>
public sealed class ApiKeyTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);


    private async Task<int> DepartmentAsync(string shortName) =>
        (await app.Services.GetRequiredService<OrderQueries>().DepartmentsAsync()).Single(d => d.ShortName == shortName).Id;

    private async Task<IssuedApiKey> IssueAsync(string employee, bool write, params string[] departments)
    {
        var ids = new List<int>();
        foreach (var d in departments) ids.Add(await DepartmentAsync(d));
        var result = await app.Services.GetRequiredService<ApiKeys>().IssueAsync(await app.ActorAsync("admin"),
            new ApiKeyRequest($"Ключ {Guid.NewGuid():N}", (await app.ActorAsync(employee)).EmployeeId, ids, write));
        Assert.True(result.Ok, result.Message);
        return result.Value!;
    }

    private async Task<CreatedOrder> OrderAsync(string author, string toDepartment, string title = "Проверить освещение во дворе")
    {
        var result = await app.Services.GetRequiredService<OrderService>().CreateAsync(await app.ActorAsync(author),
            new NewOrder(title, null, [await DepartmentAsync(toDepartment)], Priority.Normal, DateTime.UtcNow.AddDays(3)));
        Assert.True(result.Ok, result.Message);
        return result.Value![0];
    }

    private HttpClient WithKey(string? key)
    {
        var client = app.Anonymous();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task AssertRussianProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Matches("[А-Яа-я]", problem.GetProperty("title").GetString() + problem.GetProperty("detail").GetString());
        Assert.False(problem.TryGetProperty("items", out _));
    }

    [Fact]
    public async Task AReadKey_ListsOnlyItsDepartmentsOrders_AndGets403OnAWrite()
    {
        var key = await IssueAsync("zkh.head", write: false, "ЖКХ");
        var forHousing = await OrderAsync("arch.head", "ЖКХ");
        var forFinance = await OrderAsync("arch.head", "Финансы");
        var client = WithKey(key.Secret);

        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/orders?take=500", Json);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, o => o.GetProperty("id").GetInt32() == forHousing.Id);
        Assert.DoesNotContain(items, o => o.GetProperty("id").GetInt32() == forFinance.Id);

        var write = await client.PostAsJsonAsync($"/api/v1/orders/{forHousing.Id}/comments", new { text = "Принято к сведению" });
        await AssertRussianProblemAsync(write, HttpStatusCode.Forbidden);
        Assert.Contains("только для чтения", await write.Content.ReadAsStringAsync());
        var create = await client.PostAsJsonAsync("/api/v1/orders", new
        {
            title = "Не должно появиться", departmentIds = new[] { await DepartmentAsync("Архитектура") }, dueAt = DateTimeOffset.UtcNow.AddDays(3),
        });
        await AssertRussianProblemAsync(create, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AKeyOfAControllerScopedToOneDepartment_SeesOnlyThatDepartmentsOrders()
    {
        // A controller sees every order; the key narrows that to Финансы.
        var key = await IssueAsync("ctrl.1", write: false, "Финансы");
        var finance = await DepartmentAsync("Финансы");
        await OrderAsync("arch.head", "Финансы");
        await OrderAsync("arch.head", "ЖКХ");

        var page = await WithKey(key.Secret).GetFromJsonAsync<JsonElement>("/api/v1/orders?take=500", Json);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        var all = await (await app.SignedInAsync("ctrl.1")).GetFromJsonAsync<JsonElement>("/api/v1/orders?take=500", Json);
        Assert.True(all.GetProperty("total").GetInt32() > page.GetProperty("total").GetInt32());
        foreach (var item in items)
        {
            var details = await WithKey(key.Secret).GetFromJsonAsync<JsonElement>($"/api/v1/orders/{item.GetProperty("id").GetInt32()}", Json);
            Assert.True(details.GetProperty("issuingDepartmentId").GetInt32() == finance || details.GetProperty("executingDepartmentId").GetInt32() == finance);
        }
    }

    [Fact]
    public async Task AReadWriteKey_CreatesAnOrderWithinItsScope_AndIsRefusedOutsideIt()
    {
        var key = await IssueAsync("arch.head", write: true, "Архитектура", "ЖКХ");
        var client = WithKey(key.Secret);
        object Body(params int[] departments) => new { title = "Обследовать подвал", departmentIds = departments, dueAt = DateTimeOffset.UtcNow.AddDays(3) };
        var housing = await DepartmentAsync("ЖКХ");
        var finance = await DepartmentAsync("Финансы");

        var inside = await client.PostAsJsonAsync("/api/v1/orders", Body(housing));
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        var created = (await inside.Content.ReadFromJsonAsync<JsonElement>(Json))[0].GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/orders/{created}")).StatusCode);

        var before = (await (await app.SignedInAsync("arch.head")).GetFromJsonAsync<JsonElement>("/api/v1/orders?take=1", Json)).GetProperty("total").GetInt32();
        await AssertRussianProblemAsync(await client.PostAsJsonAsync("/api/v1/orders", Body(finance)), HttpStatusCode.Forbidden);
        // One department inside and one outside: nothing at all is created.
        await AssertRussianProblemAsync(await client.PostAsJsonAsync("/api/v1/orders", Body(housing, finance)), HttpStatusCode.Forbidden);
        await AssertRussianProblemAsync(await client.PostAsJsonAsync("/api/v1/orders", Body(housing, 999_999)), HttpStatusCode.Forbidden);
        var after = (await (await app.SignedInAsync("arch.head")).GetFromJsonAsync<JsonElement>("/api/v1/orders?take=1", Json)).GetProperty("total").GetInt32();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task AWriteKey_CannotForwardAnOrderOutOfItsScope()
    {
        var key = await IssueAsync("zkh.head", write: true, "ЖКХ", "Архитектура");
        var order = await OrderAsync("arch.head", "ЖКХ");
        var client = WithKey(key.Secret);
        var version = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{order.Id}", Json)).GetProperty("version").GetInt32();

        var forward = await client.PostAsJsonAsync($"/api/v1/orders/{order.Id}/transitions",
            new { action = "Forward", version, departmentId = await DepartmentAsync("Финансы"), reason = "Не наш вопрос" });

        await AssertRussianProblemAsync(forward, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/orders/{order.Id}")).StatusCode);
    }

    [Fact]
    public async Task ARevokedKey_Is401_WithARussianProblem_AndNoData()
    {
        var key = await IssueAsync("zkh.head", write: true, "ЖКХ");
        Assert.Equal(HttpStatusCode.OK, (await WithKey(key.Secret).GetAsync("/api/v1/orders")).StatusCode);

        await app.Services.GetRequiredService<ApiKeys>().RevokeAsync(await app.ActorAsync("admin"), key.Id);

        await AssertRussianProblemAsync(await WithKey(key.Secret).GetAsync("/api/v1/orders"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AKeyOfADeactivatedEmployee_Is401()
    {
        var key = await IssueAsync("law.1", write: false, "Юридический");
        Assert.Equal(HttpStatusCode.OK, (await WithKey(key.Secret).GetAsync("/api/v1/orders")).StatusCode);

        var deactivated = await app.Services.GetRequiredService<PeopleAdministration>().DeactivateAsync(await app.ActorAsync("admin"), (await app.ActorAsync("law.1")).EmployeeId);
        Assert.True(deactivated.Ok, deactivated.Message);

        await AssertRussianProblemAsync(await WithKey(key.Secret).GetAsync("/api/v1/orders"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ForgedKeys_Are401()
    {
        var key = await IssueAsync("zkh.head", write: true, "ЖКХ");
        var other = await IssueAsync("arch.head", write: true, "Архитектура");
        var last = key.Secret[^1];
        var changed = key.Secret[..^1] + (last == 'A' ? 'B' : 'A');
        // This key's prefix with the other key's secret part.
        var mixed = key.Secret[..16] + other.Secret[16..];

        foreach (var forged in new[] { changed, mixed, key.Secret + "x", key.Secret.ToUpperInvariant(), "lo_", "lo_zzzzzzzzzzzz_", "lo_" + new string('a', 5000), "не ключ" })
            await AssertRussianProblemAsync(await WithKey(forged).GetAsync("/api/v1/orders"), HttpStatusCode.Unauthorized);

        var bearer = app.Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", changed);
        await AssertRussianProblemAsync(await bearer.GetAsync("/api/v1/orders"), HttpStatusCode.Unauthorized);
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Secret);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/orders")).StatusCode);
    }

    [Fact]
    public async Task AKeyInTheApisQueryString_IsNotAccepted()
    {
        var key = await IssueAsync("zkh.head", write: true, "ЖКХ");
        foreach (var name in new[] { "access_token", "api_key", "X-Api-Key" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/orders?{name}={key.Secret}")).StatusCode);
    }

    [Fact]
    public async Task AHugeTake_IsCappedAt500()
    {
        var key = await IssueAsync("ctrl.1", write: false, "ЖКХ", "Архитектура", "Финансы", "Образование", "Юридический");
        var client = WithKey(key.Secret);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/orders?take=2000000000&skip=-5", Json);
        Assert.True(page.GetProperty("items").GetArrayLength() <= 500);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/orders?take=99999999999")).StatusCode);
    }

    [Fact]
    public async Task LastUse_IsRecorded_AndShownInTheList()
    {
        var key = await IssueAsync("zkh.head", write: false, "ЖКХ");
        var keys = app.Services.GetRequiredService<ApiKeys>();
        Assert.Null((await keys.ListAsync(await app.ActorAsync("admin"))).Single(k => k.Id == key.Id).LastUsedAt);

        Assert.Equal(HttpStatusCode.OK, (await WithKey(key.Secret).GetAsync("/api/v1/orders")).StatusCode);

        Assert.NotNull((await keys.ListAsync(await app.ActorAsync("admin"))).Single(k => k.Id == key.Id).LastUsedAt);
    }

    [Fact]
    public async Task TheHub_WithAKey_ReceivesOnlyScopedEvents_AndAReadKeyInvokesNothing()
    {
        // A controller sees every order; the key shows the hub only Финансы.
        var key = await IssueAsync("ctrl.1", write: false, "Финансы");
        await using var hub = await HubTestClient.ConnectAsync(app, "", apiKey: key.Secret);

        await OrderAsync("arch.head", "ЖКХ", "Не для этого ключа");
        var forFinance = await OrderAsync("arch.head", "Финансы", "Для финансов");
        var received = await hub.NextOrderChangedAsync(TimeSpan.FromSeconds(10));

        // The feed keeps each subscriber's order, so the first event this connection gets is Финансы', not ЖКХ's.
        Assert.Equal(forFinance.Id, received!.Value.GetProperty("orderId").GetInt32());
        var invoked = await hub.InvokeAsync("Send", TimeSpan.FromSeconds(10));
        Assert.True(invoked.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task TheHub_RefusesAForgedKey_AndClosesARevokedKeysConnection()
    {
        var key = await IssueAsync("zkh.head", write: false, "ЖКХ");
        // Another last character, whatever the real one is (a secret ending in "Q" once made the "forgery" the key itself).
        var forged = key.Secret[..^1] + (key.Secret[^1] == 'Q' ? 'R' : 'Q');
        Assert.Equal(HttpStatusCode.Unauthorized, (await HubTestClient.NegotiateAsync(app, "", apiKey: forged)).StatusCode);
        await using var hub = await HubTestClient.ConnectAsync(app, "", apiKey: key.Secret);

        await app.Services.GetRequiredService<ApiKeys>().RevokeAsync(await app.ActorAsync("admin"), key.Id);

        Assert.True(await hub.ClosedByServerAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await HubTestClient.NegotiateAsync(app, "", apiKey: key.Secret)).StatusCode);
    }

    [Fact]
    public async Task OnlyAnAdministrator_IssuesKeys_AndEachIssueAndRevocationIsAudited()
    {
        var keys = app.Services.GetRequiredService<ApiKeys>();
        var refused = await keys.IssueAsync(await app.ActorAsync("zkh.head"), new ApiKeyRequest("Свой ключ", (await app.ActorAsync("zkh.head")).EmployeeId, [await DepartmentAsync("ЖКХ")], true));
        Assert.Equal(LiveOrders.Core.Failure.Forbidden, refused.Failure);
        var throughKey = (await app.ActorAsync("admin")) with { Integration = new IntegrationScope([await DepartmentAsync("ЖКХ")], true) };
        Assert.Equal(LiveOrders.Core.Failure.Forbidden, (await keys.IssueAsync(throughKey, new ApiKeyRequest("Ключ ключом", 1, [1], true))).Failure);

        var key = await IssueAsync("zkh.head", write: true, "ЖКХ");
        await keys.RevokeAsync(await app.ActorAsync("admin"), key.Id);

        await using var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<LiveOrders.Core.Data.LiveOrdersDbContext>>().CreateDbContextAsync();
        var entries = db.AuditEntries.Where(e => e.EntityType == nameof(ApiKey) && e.EntityId == key.Id.ToString()).OrderBy(e => e.Id).ToList();
        Assert.Equal(["apikey.issued", "apikey.revoked"], entries.Select(e => e.Action));
        var adminId = (await app.ActorAsync("admin")).EmployeeId;
        Assert.All(entries, e => Assert.Equal(adminId, e.ActorId));
        Assert.DoesNotContain(key.Secret, string.Join(" ", entries.Select(e => e.Summary + e.Changes)));
        Assert.NotEqual(key.Secret, db.ApiKeys.Single(k => k.Id == key.Id).SecretHash);
    }
}
